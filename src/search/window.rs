//! The window rule for fuzzy terms. A term of n characters matches where its
//! first letter stands and the other n - 1 follow in order within the next
//! n - 1 + slack characters: the whole match spans at most n + slack
//! characters (`Field::slack`: 6 in short fields, 1 in summaries and quotes).
//! So the letters stand within a word or phrase, never scattered across a
//! paragraph. Only ASCII letters fold case, as in skim; spans count
//! characters, not bytes.
//!
//! The hot helpers here and in the sibling files are `#[inline]`: split into
//! modules, they may land in other codegen units than their callers.

use super::pattern::Prepared;

/// The first place at or after byte `from` where the term stands in order
/// within its length plus `slack` characters: its byte range. ASCII letters
/// fold as in skim.
#[inline]
pub(super) fn window(
    text: &str,
    from: usize,
    p: &Prepared,
    slack: usize,
) -> Option<(usize, usize)> {
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
#[inline]
pub(super) fn ascii_rest(
    hay: &[u8],
    rest: &[u8],
    case_sensitive: bool,
    within: usize,
) -> Option<usize> {
    ascii_rest_counted(hay, rest, case_sensitive, within).map(|(len, _)| len)
}

/// `ascii_rest`, with the characters the match spans.
#[inline]
pub(super) fn ascii_rest_counted(
    hay: &[u8],
    rest: &[u8],
    case_sensitive: bool,
    within: usize,
) -> Option<(usize, usize)> {
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
                return Some((i + 1, chars));
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
#[inline]
pub(super) fn find_char(text: &str, from: usize, c: char, case_sensitive: bool) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testing::with;

    /// What `query`'s window covers in `text`, from its start.
    fn win(query: &str, text: &str, slack: usize) -> Option<String> {
        with(query, |p| window(text, 0, p, slack)).map(|(s, e)| text[s..e].to_string())
    }

    #[test]
    fn letters_match_in_order_within_the_terms_length_plus_slack() {
        assert_eq!(
            win("nichols", "Judge Nichols ruled", 1).as_deref(),
            Some("Nichols")
        );
        // 3 letters, slack 1: a span of 4 characters matches, of 5 does not.
        assert_eq!(win("abc", "axbc", 1).as_deref(), Some("axbc"));
        assert_eq!(win("abc", "axxbc", 1), None);
        assert_eq!(win("abc", "axxbc", 2).as_deref(), Some("axxbc"));
        assert_eq!(win("abc", "acb", 6), None, "in order only");
        // Letters scattered across a sentence are no match, however loose the field.
        let scattered = "a nice church on lots of sand";
        assert_eq!(win("nichols", scattered, 1), None);
        assert_eq!(win("nichols", scattered, 6), None);
        assert!(win("nichols", scattered, 100).is_some());
    }

    #[test]
    fn the_first_start_that_fits_wins_and_ends_at_its_earliest_completion() {
        // The first `a` cannot finish `bc` in time; the second can.
        assert_eq!(with("abc", |p| window("ab abc", 0, p, 1)), Some((3, 6)));
        assert_eq!(win("ab", "aabb", 6).as_deref(), Some("aab"));
        assert_eq!(with("abc", |p| window("abc abc", 1, p, 1)), Some((4, 7)));
        assert_eq!(win("x", "abx", 1).as_deref(), Some("x"));
        // Past the end is no match, not a panic.
        assert_eq!(with("abc", |p| window("abc", 100, p, 1)), None);
        assert_eq!(with("é", |p| window("é", 100, p, 1)), None);
        assert_eq!(win("abc", "", 6), None);
    }

    #[test]
    fn lower_case_folds_ascii_only_and_a_capital_makes_it_exact() {
        assert_eq!(win("oracle", "ORACLE", 1).as_deref(), Some("ORACLE"));
        assert_eq!(win("Oracle", "oracle", 1), None);
        assert_eq!(win("Oracle", "an Oracle", 1).as_deref(), Some("Oracle"));
        // Beyond ASCII nothing folds: neither é/É, ü/Ü nor ß/ẞ/SS.
        assert_eq!(win("é", "É", 1), None);
        assert_eq!(win("é", "café", 1).as_deref(), Some("é"));
        assert_eq!(win("über", "Über", 6), None);
        assert_eq!(win("über", "Lyft über alles", 6).as_deref(), Some("über"));
        assert_eq!(win("straße", "Straße", 1).as_deref(), Some("Straße"));
        assert_eq!(win("straße", "STRASSE", 6), None);
        assert_eq!(win("ß", "ẞ", 1), None);
        assert_eq!(win("STRAẞE", "straße", 1), None);
        // A term beyond ASCII still folds its ASCII letters.
        assert_eq!(win("café", "CAFé", 1).as_deref(), Some("CAFé"));
    }

    #[test]
    fn spans_count_characters_not_bytes() {
        // An ASCII term over accented text: é is 2 bytes but 1 character.
        assert_eq!(win("abc", "aébc", 1).as_deref(), Some("aébc"));
        assert_eq!(win("abc", "aéébc", 1), None);
        assert_eq!(win("ab", "a🎉b", 1).as_deref(), Some("a🎉b"));
        assert_eq!(win("ab", "a🎉b", 0), None);
        // A combining mark is a character of its own.
        assert_eq!(win("ab", "a\u{301}b", 1).as_deref(), Some("a\u{301}b"));
        assert_eq!(win("ab", "a\u{301}\u{301}b", 1), None);
        // CJK and emoji terms, character by character.
        assert_eq!(win("北京", "在北x京市", 1).as_deref(), Some("北x京"));
        assert_eq!(win("北京", "在北xx京市", 1), None);
        assert_eq!(win("a🎉", "xa🎉", 1).as_deref(), Some("a🎉"));
        // Offsets are bytes, on character boundaries.
        assert_eq!(with("abc", |p| window("ééabc", 0, p, 1)), Some((4, 7)));
        assert_eq!(with("京", |p| window("北京", 0, p, 1)), Some((3, 6)));
    }

    #[test]
    fn no_unicode_normalisation() {
        // A decomposed é (e + U+0301) is not the precomposed one, and holds an e.
        assert_eq!(win("café", "cafe\u{301}", 1), None);
        assert_eq!(win("cafe", "cafe\u{301}", 1).as_deref(), Some("cafe"));
    }

    #[test]
    fn the_helpers_count_as_window_does() {
        assert_eq!(ascii_rest(b"xbc", b"bc", false, 3), Some(3));
        assert_eq!(ascii_rest(b"xbyc", b"bc", false, 3), None);
        assert_eq!(ascii_rest(b"BC", b"bc", false, 2), Some(2));
        assert_eq!(ascii_rest(b"BC", b"bc", true, 2), None);
        assert_eq!(chars_rest("xé", &['é'], false, 2), Some(3));
        assert_eq!(chars_rest("xxé", &['é'], false, 2), None);
        assert_eq!(find_char("xAa", 0, 'a', false), Some(1));
        assert_eq!(find_char("xAa", 0, 'a', true), Some(2));
        assert_eq!(find_char("É é", 0, 'é', false), Some(3));
        assert_eq!(find_char("a-b", 0, '-', false), Some(1));
        assert_eq!(find_char("ab", 3, 'a', false), None);
    }
}
