//! The filter's own thread: large filters run here so typing never waits.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use crate::search::{Index, Search};
use crate::tui::state::filter::{self, Found, Freed, Outcome, Request};

/// What the worker is asked.
enum Job {
    Filter(Request),
    /// The answer to this generation (or a later one) is on screen.
    Drawn(u64),
    /// Values the app no longer needs, to be freed here: giving back tens of
    /// megabytes of a term's starts takes the kernel milliseconds, which the
    /// screen's thread would spend before its next frame.
    Free(Vec<Freed>),
}

/// How long `more` waits for the answer's frame to be drawn. On two cores
/// it and the draw would share one; the frame comes first.
const DRAW_FIRST: Duration = Duration::from_millis(30);

/// It takes the newest request (older ones queued behind it are stale),
/// sends back what it found, then, once the answer is drawn, looks for what
/// the next key will need (`filter::more`) and sends that too.
pub struct Worker {
    pub index: Arc<Index>,
    jobs: mpsc::Sender<Job>,
    /// The generation of the newest request sent.
    newest: Arc<AtomicU64>,
}

impl Worker {
    /// `done` gets each outcome, `found` what more was found; when either
    /// says no, the worker ends.
    pub fn start(
        index: Arc<Index>,
        done: impl Fn(Outcome) -> bool + Send + 'static,
        found: impl Fn(Found) -> bool + Send + 'static,
    ) -> Worker {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let own = Arc::clone(&index);
        let newest = Arc::new(AtomicU64::new(0));
        let sent = Arc::clone(&newest);
        std::thread::spawn(move || {
            let search = Search::default();
            let mut next: Option<Request> = None;
            loop {
                let mut request = match next.take() {
                    Some(r) => r,
                    None => match inbox.recv() {
                        Ok(Job::Filter(r)) => r,
                        Ok(Job::Free(values)) => {
                            drop(values);
                            continue;
                        }
                        Ok(Job::Drawn(_)) => continue,
                        Err(_) => break,
                    },
                };
                while let Ok(job) = inbox.try_recv() {
                    if let Job::Filter(newer) = job {
                        request = newer;
                    }
                }
                let outcome = filter::run(&search, &own, &request);
                // What `more` needs of the outcome, kept before it is sent.
                let matched = outcome.starts.is_none().then(|| outcome.events.clone());
                if !done(outcome) {
                    break;
                }
                let Some(events) = matched else { continue };
                match drawn(&inbox, request.generation) {
                    Wait::Drawn => {}
                    // A newer key: these starts would come too late for it.
                    Wait::Newer(r) => {
                        next = Some(r);
                        continue;
                    }
                    Wait::Closed => break,
                }
                // Given up for a newer key: at 100k events finding `or`'s
                // places takes some 50 ms, more than a key's interval.
                let stale = || newest.load(Ordering::Relaxed) > request.generation;
                if let Some(more) = filter::more(&search, &own, &request, &events, &stale)
                    && !found(more)
                {
                    break;
                }
            }
        });
        Worker {
            index,
            jobs,
            newest: sent,
        }
    }

    pub fn send(&self, request: Request) {
        self.newest.fetch_max(request.generation, Ordering::Relaxed);
        // The worker lives as long as its sender; a send cannot fail before then.
        let _ = self.jobs.send(Job::Filter(request));
    }

    /// The answer to `generation` is on screen.
    pub fn drawn(&self, generation: u64) {
        let _ = self.jobs.send(Job::Drawn(generation));
    }

    /// Free these on the worker's thread.
    pub fn free(&self, values: Vec<Freed>) {
        if !values.is_empty() {
            let _ = self.jobs.send(Job::Free(values));
        }
    }
}

enum Wait {
    Drawn,
    Newer(Request),
    Closed,
}

/// Wait until the answer to `generation` is drawn, at most `DRAW_FIRST`,
/// freeing what comes meanwhile; a newer request ends the wait.
fn drawn(inbox: &mpsc::Receiver<Job>, generation: u64) -> Wait {
    let until = std::time::Instant::now() + DRAW_FIRST;
    loop {
        match inbox.recv_timeout(until.saturating_duration_since(std::time::Instant::now())) {
            Ok(Job::Drawn(g)) if g >= generation => return Wait::Drawn,
            Ok(Job::Filter(r)) => return Wait::Newer(r),
            Ok(Job::Free(values)) => drop(values),
            Ok(Job::Drawn(_)) => {}
            Err(mpsc::RecvTimeoutError::Timeout) => return Wait::Drawn,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Wait::Closed,
        }
    }
}
