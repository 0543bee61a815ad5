//! Filtering a timeline as the tests ask it: the ids of what a query lists.

use timeline_explorer::search::{Query, Search};
use timeline_explorer::timeline::Timeline;

/// The ids of the events `query` lists, in list order.
pub fn ids(tl: &Timeline, query: &str) -> Vec<String> {
    Search::default()
        .filter(tl, &Query::parse(query))
        .iter()
        .map(|h| tl.events[h.event].id.to_string())
        .collect()
}
