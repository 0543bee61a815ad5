//! What lies ahead of the as-of date, as state: the agenda's narrowing of
//! the hits and the header's note, neither needing the `App` that holds them.

use chrono::NaiveDate;

use crate::agenda::{ahead, first_class};
use crate::search::Hit;
use crate::timeline::Timeline;

/// Keep the hits ahead of `as_of`, soonest first (by score when ranked).
pub fn narrow(hits: &mut Vec<Hit>, tl: &Timeline, as_of: NaiveDate, ranked: bool) {
    let found = ahead(
        hits.iter().map(|h| (h.event, &tl.events[h.event])),
        as_of,
        None,
    );
    // Each event's place in the agenda, by event index: no search per hit.
    let mut place = vec![None; tl.events.len()];
    for (i, a) in found.iter().enumerate() {
        place[a.event] = Some(i);
    }
    hits.retain(|h| place[h.event].is_some());
    if !ranked {
        hits.sort_by_key(|h| place[h.event]);
    }
}

/// What the header says of the agenda, counted once per timeline (at 100,000
/// events a count with every frame would cost milliseconds).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    /// "next: hearing in 31 days": the soonest deadline or hearing ahead of
    /// the as-of date in the whole timeline, whatever is filtered.
    pub next: Option<String>,
    /// How many events are ahead of it in all.
    pub ahead: usize,
}

impl Note {
    pub fn of(tl: &Timeline, as_of: Option<NaiveDate>) -> Note {
        let Some(as_of) = as_of else {
            return Note::default();
        };
        let all = ahead(tl.events.iter().enumerate(), as_of, None);
        // The agenda's order: the first deadline or hearing in it is the next.
        let next = all
            .iter()
            .find(|a| first_class(tl.events[a.event].kind))
            .map(|a| {
                let kind = tl.events[a.event].kind.as_str();
                format!("next: {kind} {}", crate::when::countdown(a.days))
            });
        Note {
            next,
            ahead: all.len(),
        }
    }
}
