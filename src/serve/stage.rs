//! The presenter's state, broadcast to viewers as a latest value: a slow
//! viewer skips to the newest state, nothing queues. `None` means no
//! presenter is connected.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::watch;

use crate::tui::follow::FollowState;

#[derive(Clone)]
pub struct Stage {
    tx: Arc<watch::Sender<Option<FollowState>>>,
    presenters: Arc<AtomicUsize>,
}

impl Default for Stage {
    fn default() -> Stage {
        Stage::new()
    }
}

impl Stage {
    pub fn new() -> Stage {
        Stage {
            tx: Arc::new(watch::Sender::new(None)),
            presenters: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// What a viewer watches.
    pub fn subscribe(&self) -> watch::Receiver<Option<FollowState>> {
        self.tx.subscribe()
    }

    /// A presenter arrives, showing `state`; it is one until the guard drops.
    pub fn enter(&self, state: FollowState) -> Presenting {
        self.presenters.fetch_add(1, Ordering::SeqCst);
        self.publish(state);
        Presenting {
            stage: self.clone(),
        }
    }

    /// The presenter's newest state; viewers wake only if it changed.
    pub fn publish(&self, state: FollowState) {
        self.tx.send_if_modified(|current| {
            if current.as_ref() == Some(&state) {
                return false;
            }
            *current = Some(state);
            true
        });
    }
}

/// A presenter on the stage: when the last one leaves, viewers browse.
pub struct Presenting {
    stage: Stage,
}

impl Presenting {
    pub fn publish(&self, state: FollowState) {
        self.stage.publish(state);
    }
}

impl Drop for Presenting {
    fn drop(&mut self) {
        if self.stage.presenters.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.stage.tx.send_replace(None);
        }
    }
}
