//! The filter as a piece of work: `update` builds a `Request`, which runs at
//! once when it is small, or on a worker thread (terminal.rs) when it is not,
//! so typing never waits on it. Its `Outcome` comes back as an action, and
//! `update` drops outcomes a newer keystroke has made stale.

use std::sync::Arc;

use crate::search::{Hit, Index, Query, Search, Starts, Stop, rank};

/// Candidates above which, in the running app, a filter goes to the worker:
/// below, the work costs less than handing it over; above, the worker also
/// finds what the next key will need (`more`), which answers that key at
/// at once (issue 14: at 100k events the keys after `oracle d`, run here over
/// 15,000 events, took 4-8 ms before their frame; from what `more` found,
/// 2-4 ms with it).
pub const SYNC_LIMIT: usize = 2_000;

/// A value the filter no longer needs, to be freed off the screen's thread.
pub type Freed = Box<dyn std::any::Any + Send + Sync>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Which keystroke asked; outcomes of older ones are stale.
    pub generation: u64,
    /// The query as typed, for the cache.
    pub text: String,
    /// The groups still to check: all of them, or those that changed since `base`.
    pub check: Query,
    /// Events already known to satisfy the other groups; `None` means all events.
    pub base: Option<Vec<usize>>,
    /// Every start of the term that the last group of `check` grew from, in
    /// `base`, when known: the new term is tried there alone.
    pub before: Option<Arc<Starts>>,
    /// The whole query and whether to rank by it.
    pub query: Query,
    pub ranked: bool,
    /// The event to keep selected, if it is still listed.
    pub keep: Option<usize>,
}

impl Request {
    /// How many events the work touches.
    pub fn size(&self, index: &Index) -> usize {
        self.base.as_ref().map_or(index.len(), Vec::len)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub generation: u64,
    pub text: String,
    /// The matching events in timeline order (what the cache keeps).
    pub events: Vec<usize>,
    /// The same events in display order, scored when ranked.
    pub hits: Vec<Hit>,
    pub keep: Option<usize>,
    /// Every start of the last term, when it came with the answer.
    pub starts: Option<Arc<Starts>>,
}

/// A term's every start, found after its answer was given (`more`), for
/// the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub generation: u64,
    /// The query they belong to, as typed (the cache's key).
    pub text: String,
    pub starts: Arc<Starts>,
}

/// Do the work: pure, so it may run on any thread.
pub fn run(search: &Search, index: &Index, req: &Request) -> Outcome {
    let (events, starts) = search.filter_events(
        index,
        &req.check,
        req.base.as_deref(),
        req.before.as_deref(),
        false,
    );
    let hits = if req.ranked {
        let mut hits = search.filter_in(index, &req.query, Some(&events), true);
        rank(&mut hits);
        hits
    } else {
        events
            .iter()
            .map(|&event| Hit { event, score: 0 })
            .collect()
    };
    Outcome {
        generation: req.generation,
        text: req.text.clone(),
        events,
        hits,
        keep: req.keep,
        starts: starts.map(Arc::new),
    }
}

/// After `run`, on the worker: every start of the last term that the answer
/// did not come with, found in the events it matched. Reading the text for
/// them costs several answers, and the next key saves that and more: a
/// term's second letter is answered event by event, then its starts found
/// while the user reads it, and the third letter is tried at those alone.
/// Found from the request's own starts when it had them (its answer then
/// stopped at each event's first place). Given up once `stop` says so: a
/// newer key is waiting for the worker.
/// `events` are what the request matched, with no starts.
pub fn more(
    search: &Search,
    index: &Index,
    req: &Request,
    events: &[usize],
    stop: Stop,
) -> Option<Found> {
    if events.is_empty() {
        return None;
    }
    let starts = search.starts_of(index, &req.check, events, req.before.as_deref(), stop)?;
    Some(Found {
        generation: req.generation,
        text: req.text.clone(),
        starts: Arc::new(starts),
    })
}
