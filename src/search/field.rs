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
    #[inline]
    pub(super) fn slack(self) -> usize {
        match self {
            Field::Summary | Field::Quote(_) => 1,
            _ => 6,
        }
    }

    #[inline]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testing::event;
    use crate::timeline::{Citation, Dispute};

    fn visited(e: &Event, stop_at: Option<Field>) -> Vec<(Field, String)> {
        let mut out = Vec::new();
        each_field(e, |field, text| {
            out.push((field, text.to_string()));
            Some(field) == stop_at
        });
        out
    }

    #[test]
    fn every_searchable_field_is_visited_in_order_until_told_to_stop() {
        let mut e = event("Café ban", "Straße", &["北京"]);
        e.actors = vec!["ByteDance".into(), "Trump".into()];
        e.tags = vec!["ban".into()];
        e.disputes = vec![Dispute {
            about: "not searched".into(),
            sides: vec![Citation {
                source: "s".into(),
                quote: "🎉 side".into(),
                span: 0..0,
                source_index: 0,
            }],
        }];
        let all = visited(&e, None);
        let fields: Vec<Field> = all.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                Field::Title,
                Field::Kind,
                Field::Actor(0),
                Field::Actor(1),
                Field::Tag(0),
                Field::Summary,
                Field::Quote(0),
                Field::Quote(1),
                Field::Date,
            ]
        );
        let texts: Vec<&str> = all.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts[1], "court");
        assert_eq!(texts[7], "🎉 side");
        assert_eq!(texts[8], "2020-08-14 14 August 2020");
        assert_eq!(visited(&e, Some(Field::Actor(1))).len(), 4);
        assert_eq!(visited(&e, Some(Field::Title)).len(), 1);
    }

    #[test]
    fn short_fields_are_looser_and_weigh_more_than_long_ones() {
        for short in [
            Field::Title,
            Field::Kind,
            Field::Date,
            Field::Actor(0),
            Field::Tag(1),
        ] {
            assert_eq!(short.slack(), 6, "{short:?}");
            assert!(short.weight() > Field::Summary.weight());
        }
        assert_eq!(Field::Summary.slack(), 1);
        assert_eq!(Field::Quote(3).slack(), 1);
        assert!(Field::Title.weight() > Field::Kind.weight());
        assert!(Field::Summary.weight() > Field::Quote(0).weight());
        assert_eq!(Field::Quote(2).name(), "quote");
        assert_eq!(Field::Actor(1).name(), "actor");
    }
}
