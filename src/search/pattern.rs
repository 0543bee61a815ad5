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
#[inline]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testing::{term, with};

    fn ex(query: &str, text: &str) -> Option<usize> {
        with(query, |p| exact(p, text))
    }

    #[test]
    fn a_term_is_prepared_once_folded_when_ascii() {
        with("oracle", |p| {
            assert_eq!(p.ascii.as_deref(), Some(&b"oracle"[..]))
        });
        with("Oracle", |p| {
            assert_eq!(p.ascii.as_deref(), Some(&b"Oracle"[..]))
        });
        with("café", |p| assert_eq!(p.ascii, None));
        with("北京🎉", |p| assert_eq!(p.chars, ['北', '京', '🎉']));
        let t = term("nichols");
        let s = Search::default();
        let ideal = s.matcher.fuzzy_match("nichols", "nichols").unwrap();
        assert_eq!(s.prepare(&t).ideal, ideal);
        assert!(ideal > 1);
    }

    #[test]
    fn exact_finds_the_substring_folding_ascii_unless_capitalised() {
        assert_eq!(ex("'fcc", "the FCC said"), Some(4));
        assert_eq!(ex("'FCC", "the fcc said"), None);
        assert_eq!(ex("'ab", "a ab"), Some(2));
        assert_eq!(ex("'ab", ""), None);
        // Negation is the caller's: the substring is found all the same.
        assert_eq!(ex("!wechat", "WeChat ban"), Some(0));
    }

    #[test]
    fn anchors_hold_a_term_to_the_start_the_end_or_the_whole() {
        assert_eq!(ex("^2020-09", "2020-09-19 19 September 2020"), Some(0));
        assert_eq!(ex("^2020-09", "x2020-09"), None);
        assert_eq!(ex("ban$", "TikTok ban"), Some(7));
        assert_eq!(ex("ban$", "banned"), None);
        assert_eq!(ex("^order$", "order"), Some(0));
        assert_eq!(ex("^order$", "ORDER"), Some(0));
        assert_eq!(ex("^order$", "orders"), None);
        assert_eq!(ex("^order$", ""), None);
    }

    #[test]
    fn beyond_ascii_nothing_folds_and_offsets_are_bytes() {
        assert_eq!(ex("'é", "Café"), Some(3));
        assert_eq!(ex("'É", "café"), None);
        assert_eq!(ex("'é", "CAFÉ"), None);
        assert_eq!(ex("'café", "CAFÉ"), None);
        assert_eq!(ex("'café", "CAFé"), Some(0));
        assert_eq!(ex("^über", "ÜBER"), None);
        assert_eq!(ex("^über", "übER"), Some(0));
        assert_eq!(ex("'straße", "Straße"), Some(0));
        assert_eq!(ex("'ß", "STRAẞE"), None);
        assert_eq!(ex("'京", "北京市"), Some(3));
        assert_eq!(ex("'🎉", "party 🎉!"), Some(6));
        assert_eq!(ex("'éa", "éb éa"), Some(4));
        assert_eq!(ex("^é", "éa"), Some(0));
        assert_eq!(ex("é$", "café"), Some(3));
        // An anchor that would cut a character is no match, not a panic.
        assert_eq!(ex("^e", "éa"), None);
        assert_eq!(ex("e$", "café"), None);
        assert_eq!(ex("^ab$", "é"), None);
    }
}
