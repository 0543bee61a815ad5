//! One search engine for the command line and the terminal app.
//!
//! Scattered fuzzy matches inside long text match almost anything ("nichols"
//! turns up, letter by letter, in most paragraphs), so a fuzzy term counts in a
//! field only when its letters stand in order within a short window: the
//! term's length plus a small slack, smaller in long fields (summary, quotes)
//! than in short ones (title, kind, date, actors, tags). Adding a letter can
//! only shrink the result, so a query typed one key at a time is refiltered
//! from the previous matches alone (`refines`), as fzf does.
//!
//! SkimMatcherV2 scores each match (for ranking) and finds the characters to
//! highlight, run on the matched window only. Fields are weighted so a hit in a
//! title outranks one in a quote.
//!
//! One job a file, as nucleo-matcher splits its own:
//! - `query`: fzf's syntax, parsed into terms; `pattern`: a term made ready,
//!   and the exact and anchored modes;
//! - `window`: the window rule for fuzzy terms;
//! - `prefilter`: whether an event matches, with no scores (the fast path);
//! - `score`: scores for ranking; `highlight`: which characters matched;
//! - `field`: an event's searchable fields; `index`: a timeline's, in one buffer;
//! - `refine`: when a query may be run on the previous one's matches;
//! - `passages`, `sentences`: the same rules over the articles' sentences.

mod field;
mod grow;
mod highlight;
mod index;
mod passages;
mod pattern;
mod prefilter;
mod query;
mod refine;
mod scan;
mod score;
pub mod sentences;
mod starts;
#[cfg(test)]
mod testing;
mod window;

pub use field::{Field, each_field};
pub use highlight::Highlight;
pub use index::Index;
pub use passages::PassageHit;
pub use query::{Mode, Query, Term};
pub use refine::refines;
pub use score::rank;
pub use starts::{Starts, Stop};

use fuzzy_matcher::skim::SkimMatcherV2;
use pattern::Prepared;
use prefilter::{field_matches, matching};

use crate::timeline::Timeline;

/// An event that matched, with its score (0 unless scores were asked for).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into `Timeline::events`.
    pub event: usize,
    pub score: i64,
}

#[derive(Default)]
pub struct Search {
    matcher: SkimMatcherV2,
}

impl Search {
    /// Events that match, in timeline (chronological) order, with scores. An
    /// empty query matches all.
    pub fn filter(&self, tl: &Timeline, query: &Query) -> Vec<Hit> {
        self.filter_in(&Index::new(tl), query, None, true)
    }

    /// Events among `candidates` (all when `None`) that match, in the order
    /// given. Scoring costs more than matching: ask for it only to rank.
    pub fn filter_in(
        &self,
        index: &Index,
        query: &Query,
        candidates: Option<&[usize]>,
        scored: bool,
    ) -> Vec<Hit> {
        if !scored {
            let (events, _) = self.filter_events(index, query, candidates, None, false);
            return events
                .into_iter()
                .map(|event| Hit { event, score: 0 })
                .collect();
        }
        let terms = self.prepare_all(query);
        let check = |i: usize| {
            self.score_event(index, i, &terms)
                .map(|score| Hit { event: i, score })
        };
        crate::parallel::filter_map(index.len(), candidates, check)
    }

    /// Events among `candidates` (all when `None`) that match, in the order
    /// given, with no scores: term by term through the events still in, each
    /// lone fuzzy term in one stream over their text. With them, every start
    /// of the query's last term when it is a lone ASCII fuzzy term (see
    /// `starts`), for the next key: found from `before`, such starts of the
    /// query this one refines, when they apply, else by reading the text for
    /// them only if `find_starts` (which costs more than the answer).
    pub fn filter_events(
        &self,
        index: &Index,
        query: &Query,
        candidates: Option<&[usize]>,
        before: Option<&Starts>,
        find_starts: bool,
    ) -> (Vec<usize>, Option<Starts>) {
        let terms = self.prepare_all(query);
        let events = match candidates {
            Some(c) if c.is_sorted() => c.to_vec(),
            Some(c) => {
                let mut c = c.to_vec();
                c.sort_unstable();
                c
            }
            None => (0..index.len()).collect(),
        };
        let (found, starts) = matching(index, events, &terms, before, find_starts);
        match candidates {
            Some(c) if !c.is_sorted() => {
                // Given out of order: the matches in that order.
                let found: std::collections::HashSet<usize> = found.into_iter().collect();
                let ordered = c.iter().copied().filter(|e| found.contains(e)).collect();
                (ordered, starts)
            }
            _ => (found, starts),
        }
    }

    /// Every start of the query's last term in `events` (its matches,
    /// ascending), when that term is one whose starts are kept: from
    /// `before` (as in `filter_events`) when they apply. None if `stop` says
    /// so before they are all found.
    pub fn starts_of(
        &self,
        index: &Index,
        query: &Query,
        events: &[usize],
        before: Option<&Starts>,
        stop: Stop,
    ) -> Option<Starts> {
        let terms = self.prepare_all(query);
        starts::of_last(index, &terms, events, before, stop)
    }

    fn prepare_all<'q>(&self, query: &'q Query) -> Vec<Vec<Prepared<'q>>> {
        query
            .groups
            .iter()
            .map(|g| g.iter().map(|t| self.prepare(t)).collect())
            .collect()
    }
}
