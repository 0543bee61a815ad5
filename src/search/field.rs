//! What of an event is searched, and how each field is treated: how far a
//! fuzzy term's letters may spread in it, and what a match in it weighs.

use crate::timeline::Event;

/// Where in an event a term matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Title,
    Kind,
    Date,
    Actor(usize),
    Tag(usize),
    Summary,
    /// The n-th quote: citations first, then dispute sides in order.
    Quote(usize),
}

impl Field {
    /// The name shown beside a row whose match is not in its title.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Kind => "kind",
            Field::Date => "date",
            Field::Actor(_) => "actor",
            Field::Tag(_) => "tag",
            Field::Summary => "summary",
            Field::Quote(_) => "quote",
        }
    }

    /// Extra characters a fuzzy match may span beyond the term's length.
    pub(super) fn slack(self) -> usize {
        match self {
            Field::Summary | Field::Quote(_) => 1,
            _ => 6,
        }
    }

    pub(super) fn weight(self) -> i64 {
        match self {
            Field::Title => 4,
            Field::Kind | Field::Date | Field::Actor(_) | Field::Tag(_) => 3,
            Field::Summary => 2,
            Field::Quote(_) => 1,
        }
    }
}

/// Visit the event's searchable fields until `visit` returns true: title, kind,
/// actors, tags, summary, quotes, date ("2020-08-14 14 August 2020").
pub fn each_field(e: &Event, mut visit: impl FnMut(Field, &str) -> bool) {
    if visit(Field::Title, &e.title) || visit(Field::Kind, e.kind.as_str()) {
        return;
    }
    for (i, a) in e.actors.iter().enumerate() {
        if visit(Field::Actor(i), a) {
            return;
        }
    }
    for (i, t) in e.tags.iter().enumerate() {
        if visit(Field::Tag(i), t) {
            return;
        }
    }
    if visit(Field::Summary, &e.summary) {
        return;
    }
    for (i, c) in e.quotes().enumerate() {
        if visit(Field::Quote(i), &c.quote) {
            return;
        }
    }
    // Last: it seldom decides, and it is the one field not typed by a curator.
    visit(Field::Date, &e.date_text);
}
