//! The filter's own thread: large filters run here so typing never waits.

use std::sync::{Arc, mpsc};

use crate::search::{Index, Search};
use crate::tui::state::filter::{self, Found, Outcome, Request};

/// It takes the newest request (older ones queued behind it are stale),
/// sends back what it found, then looks for what the next key will need
/// (`filter::more`) and sends that too.
pub struct Worker {
    pub index: Arc<Index>,
    requests: mpsc::Sender<Request>,
}

impl Worker {
    /// `done` gets each outcome, `found` what more was found; when either
    /// says no, the worker ends.
    pub fn start(
        index: Arc<Index>,
        done: impl Fn(Outcome) -> bool + Send + 'static,
        found: impl Fn(Found) -> bool + Send + 'static,
    ) -> Worker {
        let (requests, inbox) = mpsc::channel::<Request>();
        let own = Arc::clone(&index);
        std::thread::spawn(move || {
            let search = Search::default();
            while let Ok(mut request) = inbox.recv() {
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                let outcome = filter::run(&search, &own, &request);
                // What `more` needs of the outcome, kept before it is sent.
                let matched = outcome.starts.is_none().then(|| outcome.events.clone());
                if !done(outcome) {
                    break;
                }
                if let Some(more) =
                    matched.and_then(|events| filter::more(&search, &own, &request, &events))
                    && !found(more)
                {
                    break;
                }
            }
        });
        Worker { index, requests }
    }

    pub fn send(&self, request: Request) {
        // The worker lives as long as its sender; a send cannot fail before then.
        let _ = self.requests.send(request);
    }
}
