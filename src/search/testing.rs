//! Events, timelines and terms made in a line, for the search's unit tests.

use super::Search;
use super::pattern::Prepared;
use super::query::{Query, Term};
use crate::timeline::{Citation, Date, Event, Kind, Timeline};

/// An event of kind `court`, dated 14 August 2020, with no actors or tags.
pub fn event(title: &str, summary: &str, quotes: &[&str]) -> Event {
    Event {
        id: "e".into(),
        date: Date::Day(2020, 8, 14),
        inferred: None,
        sort_as: None,
        title: title.into(),
        summary: summary.into(),
        kind: Kind::Court,
        actors: Vec::new(),
        tags: Vec::new(),
        paraphrase: Vec::new(),
        citations: quotes
            .iter()
            .map(|q| Citation {
                source: "s".into(),
                quote: (*q).into(),
                span: 0..0,
                source_index: 0,
            })
            .collect(),
        disputes: Vec::new(),
        note: None,
        date_text: "2020-08-14 14 August 2020".into(),
    }
}

pub fn timeline(events: Vec<Event>) -> Timeline {
    Timeline {
        title: "t".into(),
        root: None,
        sources: Vec::new(),
        events,
    }
}

/// The term a one-word query parses to.
pub fn term(query: &str) -> Term {
    Query::parse(query).groups.remove(0).remove(0)
}

/// Run `f` on `query`'s one term, prepared.
pub fn with<R>(query: &str, f: impl FnOnce(&Prepared) -> R) -> R {
    let t = term(query);
    f(&Search::default().prepare(&t))
}
