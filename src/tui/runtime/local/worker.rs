//! The filter's own thread: large filters run here so typing never waits.

use std::sync::{Arc, mpsc};

use crate::search::{Index, Search};
use crate::tui::state::filter::{self, Outcome, Request};

/// It takes the newest request (older ones queued behind it are stale) and
/// sends back what it found.
pub struct Worker {
    pub index: Arc<Index>,
    requests: mpsc::Sender<Request>,
}

impl Worker {
    /// `done` gets each outcome; when it says no, the worker ends.
    pub fn start(index: Arc<Index>, done: impl Fn(Outcome) -> bool + Send + 'static) -> Worker {
        let (requests, inbox) = mpsc::channel::<Request>();
        let own = Arc::clone(&index);
        std::thread::spawn(move || {
            let search = Search::default();
            while let Ok(mut request) = inbox.recv() {
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                if !done(filter::run(&search, &own, &request)) {
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
