//! A term made ready to match (its characters, its ASCII bytes folded once,
//! the score of a perfect match), and the anchored and exact modes, which
//! compare whole substrings: `'exact`, `^prefix`, `suffix$`, `^whole$`.

use fuzzy_matcher::FuzzyMatcher;

use super::Search;
use super::query::{Mode, Term};
use super::window::find_char;

/// A term with what every field it is tried on would otherwise recompute.
pub(super) struct Prepared<'t> {
    pub(super) term: &'t Term,
    pub(super) chars: Vec<char>,
    /// The term as bytes, lower-cased unless case-sensitive, when it is ASCII.
    pub(super) ascii: Option<Vec<u8>>,
    pub(super) ideal: i64,
}

impl Search {
    pub(super) fn prepare<'t>(&self, term: &'t Term) -> Prepared<'t> {
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
}

/// Byte offset where an exact-mode term matches in `text`, if it does.
pub(super) fn exact(p: &Prepared, text: &str) -> Option<usize> {
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
