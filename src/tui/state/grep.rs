//! The articles' search as state: the sources screen's query and what it
//! found, and the reader's search of the article it shows. The keys that
//! change it are in `update::grep`.

use crate::search::{PassageHit, Query};
use crate::timeline::Timeline;

/// The articles' search, where the user left it.
#[derive(Debug, Default)]
pub struct Grep {
    /// The search line has the keyboard: the sources screen's, or the reader's.
    pub typing: bool,
    /// The sources screen's query; empty, the screen lists the articles.
    pub query: String,
    /// What it found, by source then in reading order.
    pub hits: Vec<PassageHit>,
    /// The row selected: an article, or a passage while there is a query.
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
    /// The reader's search, while the reader is open.
    pub reader: Option<ReaderSearch>,
}

/// A search of the article open in the reader.
#[derive(Debug, Default)]
pub struct ReaderSearch {
    pub query: String,
    /// The sentences of the article that match.
    pub matches: Vec<PassageHit>,
    /// The match in focus.
    pub current: usize,
    /// Brought from the sources screen: Back returns there and keeps it.
    pub carried: bool,
}

impl Grep {
    /// The reader's search, when one is active (typed, or carried in).
    pub fn in_reader(&self) -> Option<&ReaderSearch> {
        self.reader.as_ref().filter(|r| !r.query.trim().is_empty())
    }

    /// Rows on the sources screen: passages found, or the articles.
    pub fn rows(&self, timeline: &Timeline) -> usize {
        if self.searching() {
            self.hits.len()
        } else {
            timeline.sources.len()
        }
    }

    /// Whether the sources screen shows what a query found.
    pub fn searching(&self) -> bool {
        !Query::parse(&self.query).is_empty()
    }
}
