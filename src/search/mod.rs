//! One search engine for the command line and the terminal app.
//!
//! Scattered fuzzy matches inside long text match almost anything ("nichols"
//! turns up, letter by letter, in most paragraphs), so a fuzzy term counts in a
//! field only when it scores close to a contiguous match of itself, and long
//! fields (summary, quotes) are held to a stricter bar than short ones. Fields
//! are weighted so a hit in a title outranks one in a quote.

mod query;

use std::borrow::Cow;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

pub use query::{Mode, Query, Term};

use crate::timeline::{Event, Timeline};

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

    fn is_long(self) -> bool {
        matches!(self, Field::Summary | Field::Quote(_))
    }

    fn weight(self) -> i64 {
        match self {
            Field::Title => 4,
            Field::Kind | Field::Date | Field::Actor(_) | Field::Tag(_) => 3,
            Field::Summary => 2,
            Field::Quote(_) => 1,
        }
    }
}

/// Percent of a term's contiguous score a fuzzy match must reach to count.
const SHORT_FIELD_BAR: i64 = 75;
const LONG_FIELD_BAR: i64 = 85;

/// An event that matched, with its score and the fields that carried the match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into `Timeline::events`.
    pub event: usize,
    pub score: i64,
    /// Where the matched terms were found, best field per term.
    pub fields: Vec<Field>,
}

/// Matched character positions (char indices, not bytes) in one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub field: Field,
    pub chars: Vec<usize>,
}

#[derive(Default)]
pub struct Search {
    matcher: SkimMatcherV2,
}

impl Search {
    /// Events that match, in timeline (chronological) order. An empty query matches all.
    pub fn filter(&self, tl: &Timeline, query: &Query) -> Vec<Hit> {
        let terms: Vec<Vec<Prepared>> = query
            .groups
            .iter()
            .map(|g| g.iter().map(|t| self.prepare(t)).collect())
            .collect();
        tl.events
            .iter()
            .enumerate()
            .filter_map(|(i, e)| self.score_event(i, e, &terms))
            .collect()
    }

    /// Where `query` matched in one event, for highlighting: call it only for
    /// rows on screen, it is dearer than `filter`.
    pub fn highlights(&self, event: &Event, query: &Query) -> Vec<Highlight> {
        let fields = fields(event);
        let mut out: Vec<Highlight> = Vec::new();
        for term in query.groups.iter().flatten().filter(|t| !t.negated) {
            let p = self.prepare(term);
            let best = fields
                .iter()
                .filter_map(|(f, text)| {
                    self.score(&p, *f, text).map(|s| (s * f.weight(), *f, text))
                })
                .max_by_key(|(s, f, _)| (*s, std::cmp::Reverse(*f)));
            let Some((_, field, text)) = best else {
                continue;
            };
            let chars = self.positions(&p, text);
            match out.iter_mut().find(|h| h.field == field) {
                Some(h) => {
                    h.chars.extend(chars);
                    h.chars.sort_unstable();
                    h.chars.dedup();
                }
                None => out.push(Highlight { field, chars }),
            }
        }
        out
    }

    fn prepare<'t>(&self, term: &'t Term) -> Prepared<'t> {
        // What the term would score against itself: the bar fuzzy matches are held to.
        let ideal = self
            .matcher
            .fuzzy_match(&term.text, &term.text)
            .unwrap_or(1)
            .max(1);
        Prepared {
            term,
            ideal,
            folded: fold(&term.text, term.case_sensitive).into_owned(),
        }
    }

    fn score_event(&self, index: usize, event: &Event, groups: &[Vec<Prepared>]) -> Option<Hit> {
        let fields = fields(event);
        let mut total = 0;
        let mut found = Vec::new();
        for group in groups {
            let mut best: Option<(i64, Option<Field>)> = None;
            for p in group {
                let hit = fields
                    .iter()
                    .filter_map(|(f, text)| self.score(p, *f, text).map(|s| (s * f.weight(), *f)))
                    .max_by_key(|(s, f)| (*s, std::cmp::Reverse(*f)));
                let outcome = match (p.term.negated, hit) {
                    (false, Some((s, f))) => Some((s, Some(f))),
                    (true, None) => Some((0, None)),
                    _ => None,
                };
                if let Some(o) = outcome
                    && best.is_none_or(|b| o.0 > b.0)
                {
                    best = Some(o);
                }
            }
            let (score, field) = best?;
            total += score;
            if let Some(f) = field
                && !found.contains(&f)
            {
                found.push(f);
            }
        }
        Some(Hit {
            event: index,
            score: total,
            fields: found,
        })
    }

    /// The term's score in one field, if it matches there well enough to count.
    fn score(&self, p: &Prepared, field: Field, text: &str) -> Option<i64> {
        match p.term.mode {
            Mode::Fuzzy => {
                let score = self.matcher.fuzzy_match(text, &p.term.text)?;
                let bar = if field.is_long() {
                    LONG_FIELD_BAR
                } else {
                    SHORT_FIELD_BAR
                };
                (score * 100 >= p.ideal * bar).then_some(score)
            }
            _ => exact(p, text).map(|_| p.ideal),
        }
    }

    fn positions(&self, p: &Prepared, text: &str) -> Vec<usize> {
        match p.term.mode {
            Mode::Fuzzy => self
                .matcher
                .fuzzy_indices(text, &p.term.text)
                .map(|(_, v)| v)
                .unwrap_or_default(),
            _ => exact(p, text)
                .map(|start| (start..start + p.term.text.chars().count()).collect())
                .unwrap_or_default(),
        }
    }
}

struct Prepared<'t> {
    term: &'t Term,
    ideal: i64,
    /// The term lower-cased char by char, unless it is case-sensitive.
    folded: String,
}

/// Char index where an exact-mode term matches in `text`, if it does.
fn exact(p: &Prepared, text: &str) -> Option<usize> {
    let hay = fold(text, p.term.case_sensitive);
    let needle = p.folded.as_str();
    let byte = match p.term.mode {
        Mode::Prefix => hay.starts_with(needle).then_some(0),
        Mode::Suffix => hay.ends_with(needle).then(|| hay.len() - needle.len()),
        Mode::Whole => (hay == needle).then_some(0),
        Mode::Exact | Mode::Fuzzy => hay.find(needle),
    }?;
    Some(hay[..byte].chars().count())
}

/// Lower-case char by char (one char for one), so char indices stay aligned.
fn fold(s: &str, case_sensitive: bool) -> Cow<'_, str> {
    if case_sensitive || !s.chars().any(char::is_uppercase) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| c.to_lowercase().next().unwrap_or(c))
            .collect(),
    )
}

/// The searchable text of an event, field by field.
pub fn fields(e: &Event) -> Vec<(Field, Cow<'_, str>)> {
    let mut v = Vec::with_capacity(4 + e.actors.len() + e.tags.len() + e.citations.len());
    v.push((Field::Title, Cow::Borrowed(e.title.as_str())));
    v.push((Field::Kind, Cow::Borrowed(e.kind.as_str())));
    v.push((
        Field::Date,
        Cow::Owned(format!("{} {}", e.date, e.date.long())),
    ));
    v.extend(
        e.actors
            .iter()
            .enumerate()
            .map(|(i, a)| (Field::Actor(i), Cow::Borrowed(a.as_str()))),
    );
    v.extend(
        e.tags
            .iter()
            .enumerate()
            .map(|(i, t)| (Field::Tag(i), Cow::Borrowed(t.as_str()))),
    );
    v.push((Field::Summary, Cow::Borrowed(e.summary.as_str())));
    v.extend(
        e.quotes()
            .enumerate()
            .map(|(i, c)| (Field::Quote(i), Cow::Borrowed(c.quote.as_str()))),
    );
    v
}

/// Best score first; ties keep chronological order.
pub fn rank(hits: &mut [Hit]) {
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
}
