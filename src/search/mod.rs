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

mod passages;
mod query;
pub mod sentences;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

pub use passages::PassageHit;
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

    /// Extra characters a fuzzy match may span beyond the term's length.
    fn slack(self) -> usize {
        match self {
            Field::Summary | Field::Quote(_) => 1,
            _ => 6,
        }
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

/// An event that matched, with its score (0 unless scores were asked for).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into `Timeline::events`.
    pub event: usize,
    pub score: i64,
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

/// The searchable text of a whole timeline in one buffer, field after field,
/// so that a filter streams through memory instead of chasing each event's
/// strings around the heap. Built once per timeline.
pub struct Index {
    text: String,
    /// Field `k` is `text[ends[k - 1]..ends[k]]` (from 0 for the first).
    ends: Vec<usize>,
    fields: Vec<Field>,
    /// Event `i`'s fields are `starts[i]..starts[i + 1]`.
    starts: Vec<usize>,
}

impl Index {
    pub fn new(tl: &Timeline) -> Index {
        let mut index = Index {
            text: String::new(),
            ends: Vec::new(),
            fields: Vec::new(),
            starts: vec![0],
        };
        for e in &tl.events {
            each_field(e, |field, text| {
                index.text.push_str(text);
                index.ends.push(index.text.len());
                index.fields.push(field);
                false
            });
            index.starts.push(index.fields.len());
        }
        index
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether an ASCII fuzzy term (`pat`, folded unless case-sensitive) matches
    /// some field of event `i`: the same rule as `window` per field, run as one
    /// scan of the event's text for the term's first letter, each place held
    /// to the bounds and slack of the field it falls in.
    fn fuzzy_in_event(&self, i: usize, pat: &[u8], case_sensitive: bool) -> bool {
        let (first_field, end_field) = (self.starts[i], self.starts[i + 1]);
        if first_field == end_field {
            return false;
        }
        let Some((&first, rest)) = pat.split_first() else {
            return true;
        };
        let bytes = self.text.as_bytes();
        let mut pos = if first_field == 0 {
            0
        } else {
            self.ends[first_field - 1]
        };
        let end = self.ends[end_field - 1];
        let upper = first.to_ascii_uppercase();
        let mut k = first_field;
        while pos < end {
            let found = if case_sensitive || upper == first {
                memchr::memchr(first, &bytes[pos..end])
            } else {
                memchr::memchr2(first, upper, &bytes[pos..end])
            };
            let Some(found) = found else { return false };
            let start = pos + found;
            while self.ends[k] <= start {
                k += 1;
            }
            if rest.is_empty() {
                return true;
            }
            let within = rest.len() + self.fields[k].slack();
            if ascii_rest(
                &bytes[start + 1..self.ends[k]],
                rest,
                case_sensitive,
                within,
            )
            .is_some()
            {
                return true;
            }
            pos = start + 1;
        }
        false
    }

    /// Event `i`'s fields, in `each_field` order.
    fn fields(&self, i: usize) -> impl Iterator<Item = (Field, &str)> {
        (self.starts[i]..self.starts[i + 1]).map(|k| {
            let start = if k == 0 { 0 } else { self.ends[k - 1] };
            (self.fields[k], &self.text[start..self.ends[k]])
        })
    }
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
        let terms: Vec<Vec<Prepared>> = query
            .groups
            .iter()
            .map(|g| g.iter().map(|t| self.prepare(t)).collect())
            .collect();
        let check = |i: usize| {
            if scored {
                self.score_event(index, i, &terms)
                    .map(|score| Hit { event: i, score })
            } else {
                matches_event(index, i, &terms).then_some(Hit { event: i, score: 0 })
            }
        };
        match candidates {
            Some(c) => c.par_iter().filter_map(|&i| check(i)).collect(),
            None => (0..index.len()).into_par_iter().filter_map(check).collect(),
        }
    }

    /// Where `query` matched in one event, for highlighting: call it only for
    /// rows on screen.
    pub fn highlights(&self, event: &Event, query: &Query) -> Vec<Highlight> {
        let mut out: Vec<Highlight> = Vec::new();
        for term in query.groups.iter().flatten().filter(|t| !t.negated) {
            let p = self.prepare(term);
            let mut best: Option<(i64, Field, Vec<usize>)> = None;
            each_field(event, |field, text| {
                if let Some((score, chars)) = self.best_in(&p, field, text, true)
                    && best.as_ref().is_none_or(|b| score * field.weight() > b.0)
                {
                    best = Some((score * field.weight(), field, chars));
                }
                false
            });
            let Some((_, field, chars)) = best else {
                continue;
            };
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
        // A whole-term match scores what the term scores against itself.
        let ideal = self
            .matcher
            .fuzzy_match(&term.text, &term.text)
            .unwrap_or(1)
            .max(1);
        let ascii = term.text.is_ascii().then(|| {
            let bytes = term.text.as_bytes();
            if term.case_sensitive {
                bytes.to_vec()
            } else {
                bytes.to_ascii_lowercase()
            }
        });
        Prepared {
            term,
            chars: term.text.chars().collect(),
            ascii,
            ideal,
        }
    }

    /// The event's score: per group, its best term's best weighted field.
    fn score_event(&self, index: &Index, event: usize, groups: &[Vec<Prepared>]) -> Option<i64> {
        let mut total = 0;
        for group in groups {
            let mut group_best: Option<i64> = None;
            for p in group {
                let best = index
                    .fields(event)
                    .filter_map(|(field, text)| {
                        Some(self.best_in(p, field, text, false)?.0 * field.weight())
                    })
                    .max();
                let outcome = match (p.term.negated, best) {
                    (false, Some(s)) => Some(s),
                    (true, None) => Some(0),
                    _ => None,
                };
                group_best = group_best.max(outcome);
            }
            total += group_best?;
        }
        Some(total)
    }

    /// The best score of a term in one field, with its char positions if asked.
    fn best_in(
        &self,
        p: &Prepared,
        field: Field,
        text: &str,
        positions: bool,
    ) -> Option<(i64, Vec<usize>)> {
        if p.term.mode != Mode::Fuzzy {
            let at = exact(p, text)?;
            let chars = text[..at].chars().count();
            let len = p.chars.len();
            return Some((
                p.ideal,
                if positions {
                    (chars..chars + len).collect()
                } else {
                    Vec::new()
                },
            ));
        }
        let mut best: Option<(i64, Vec<usize>)> = None;
        let mut from = 0;
        while let Some((start, end)) = window(text, from, p, field.slack()) {
            // One character of context before the window, for skim's word-start bonus.
            let lead = text[..start].chars().next_back().map_or(0, char::len_utf8);
            let piece = &text[start - lead..end];
            let found = if positions {
                self.matcher
                    .fuzzy_indices(piece, &p.term.text)
                    .map(|(s, v)| {
                        let base = text[..start - lead].chars().count();
                        (s, v.into_iter().map(|i| base + i).collect())
                    })
            } else {
                self.matcher
                    .fuzzy_match(piece, &p.term.text)
                    .map(|s| (s, Vec::new()))
            };
            if let Some(f) = found
                && best.as_ref().is_none_or(|b| f.0 > b.0)
            {
                best = Some(f);
            }
            from = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
        best
    }
}

struct Prepared<'t> {
    term: &'t Term,
    chars: Vec<char>,
    /// The term as bytes, lower-cased unless case-sensitive, when it is ASCII.
    ascii: Option<Vec<u8>>,
    ideal: i64,
}

/// Whether every group has a satisfied term, stopping at the first field that
/// matches: the fast path when no ranking is wanted.
fn matches_event(index: &Index, event: usize, groups: &[Vec<Prepared>]) -> bool {
    groups.iter().all(|group| {
        group.iter().any(|p| {
            let found = match (&p.ascii, p.term.mode) {
                (Some(pat), Mode::Fuzzy) => index.fuzzy_in_event(event, pat, p.term.case_sensitive),
                _ => index
                    .fields(event)
                    .any(|(field, text)| field_matches(p, field, text)),
            };
            found != p.term.negated
        })
    })
}

fn field_matches(p: &Prepared, field: Field, text: &str) -> bool {
    match p.term.mode {
        Mode::Fuzzy => window(text, 0, p, field.slack()).is_some(),
        _ => exact(p, text).is_some(),
    }
}

/// The first place at or after byte `from` where the term stands in order
/// within its length plus `slack` characters: its byte range. ASCII letters
/// fold as in skim.
fn window(text: &str, from: usize, p: &Prepared, slack: usize) -> Option<(usize, usize)> {
    let max_span = p.chars.len() + slack;
    if let Some(pat) = &p.ascii {
        return ascii_window(text.as_bytes(), from, pat, p.term.case_sensitive, max_span);
    }
    let (&first, rest) = p.chars.split_first()?;
    let mut from = from;
    loop {
        let start = find_char(text, from, first, p.term.case_sensitive)?;
        let after = start + first.len_utf8();
        if rest.is_empty() {
            return Some((start, after));
        }
        if let Some(len) = chars_rest(&text[after..], rest, p.term.case_sensitive, max_span - 1) {
            return Some((start, after + len));
        }
        from = after;
    }
}

/// `window` for an ASCII term (`pat` lower-cased unless case-sensitive), on
/// bytes: ASCII never occurs inside a multi-byte character, and continuation
/// bytes are not counted as characters, so spans stay in characters.
fn ascii_window(
    hay: &[u8],
    from: usize,
    pat: &[u8],
    case_sensitive: bool,
    max_span: usize,
) -> Option<(usize, usize)> {
    let (&first, rest) = pat.split_first()?;
    let upper = first.to_ascii_uppercase();
    let mut pos = from;
    loop {
        let tail = hay.get(pos..)?;
        let found = if case_sensitive || upper == first {
            memchr::memchr(first, tail)
        } else {
            memchr::memchr2(first, upper, tail)
        };
        let start = pos + found?;
        if rest.is_empty() {
            return Some((start, start + 1));
        }
        if let Some(len) = ascii_rest(&hay[start + 1..], rest, case_sensitive, max_span - 1) {
            return Some((start, start + 1 + len));
        }
        pos = start + 1;
    }
}

/// Bytes of `hay` up to the end of `rest` as a subsequence within `within`
/// characters of its start, if it is there.
fn ascii_rest(hay: &[u8], rest: &[u8], case_sensitive: bool, within: usize) -> Option<usize> {
    let mut k = 0;
    let mut chars = 0;
    for (i, &b) in hay.iter().enumerate() {
        if b & 0xC0 != 0x80 {
            chars += 1;
            if chars > within {
                return None;
            }
        }
        let b = if case_sensitive {
            b
        } else {
            b.to_ascii_lowercase()
        };
        if b == rest[k] {
            k += 1;
            if k == rest.len() {
                return Some(i + 1);
            }
        }
    }
    None
}

/// The bytes of `hay` up to the end of `rest` as a subsequence within `within`
/// characters, character by character: for terms beyond ASCII.
fn chars_rest(hay: &str, rest: &[char], case_sensitive: bool, within: usize) -> Option<usize> {
    let eq = |a: char, b: char| {
        if case_sensitive {
            a == b
        } else {
            a.eq_ignore_ascii_case(&b)
        }
    };
    let mut k = 0;
    for (off, c) in hay.char_indices().take(within) {
        if eq(c, rest[k]) {
            k += 1;
            if k == rest.len() {
                return Some(off + c.len_utf8());
            }
        }
    }
    None
}

/// Byte offset of the next `c` at or after `from`, ASCII case folded unless `case_sensitive`.
fn find_char(text: &str, from: usize, c: char, case_sensitive: bool) -> Option<usize> {
    let hay = text.as_bytes().get(from..)?;
    let at = if c.is_ascii() {
        let b = c as u8;
        if case_sensitive || !b.is_ascii_alphabetic() {
            memchr::memchr(b, hay)
        } else {
            memchr::memchr2(b.to_ascii_lowercase(), b.to_ascii_uppercase(), hay)
        }
    } else {
        text[from..].find(c)
    }?;
    Some(from + at)
}

/// Byte offset where an exact-mode term matches in `text`, if it does.
fn exact(p: &Prepared, text: &str) -> Option<usize> {
    let needle = p.term.text.as_str();
    let cs = p.term.case_sensitive;
    let same = |a: &str| {
        if cs {
            a == needle
        } else {
            a.eq_ignore_ascii_case(needle)
        }
    };
    match p.term.mode {
        Mode::Prefix => text.get(..needle.len()).filter(|h| same(h)).map(|_| 0),
        Mode::Suffix => {
            let at = text.len().checked_sub(needle.len())?;
            text.get(at..).filter(|h| same(h)).map(|_| at)
        }
        Mode::Whole => same(text).then_some(0),
        Mode::Exact | Mode::Fuzzy => {
            let first = needle.chars().next()?;
            let mut from = 0;
            loop {
                let at = find_char(text, from, first, cs)?;
                if text.get(at..at + needle.len()).is_some_and(same) {
                    return Some(at);
                }
                from = at + first.len_utf8();
            }
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

/// Whether every event matching `new` also matches `old`, so `new` can be run
/// on `old`'s matches alone: terms only grew at their end or were added, and
/// none of them is anchored at the end or negated (those can match more).
pub fn refines(old: &Query, new: &Query) -> bool {
    if new.groups.len() < old.groups.len() {
        return false;
    }
    old.groups.iter().zip(&new.groups).all(|(og, ng)| {
        og.len() == ng.len()
            && og.iter().zip(ng).all(|(o, n)| {
                let same_kind = o.mode == n.mode && o.negated == n.negated;
                let grows =
                    matches!(o.mode, Mode::Fuzzy | Mode::Exact | Mode::Prefix) && !o.negated;
                same_kind
                    && (o == n
                        || (grows
                            && n.text.starts_with(&o.text)
                            && (n.case_sensitive || !o.case_sensitive)))
            })
    })
}

/// Best score first; ties keep chronological order.
pub fn rank(hits: &mut [Hit]) {
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
}
