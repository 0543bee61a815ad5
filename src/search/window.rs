//! The window rule for fuzzy terms. A term of n characters matches where its
//! first letter stands and the other n - 1 follow in order within the next
//! n - 1 + slack characters: the whole match spans at most n + slack
//! characters (`Field::slack`: 6 in short fields, 1 in summaries and quotes).
//! So the letters stand within a word or phrase, never scattered across a
//! paragraph. Only ASCII letters fold case, as in skim; spans count
//! characters, not bytes.

use super::pattern::Prepared;

/// The first place at or after byte `from` where the term stands in order
/// within its length plus `slack` characters: its byte range. ASCII letters
/// fold as in skim.
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
pub(super) fn ascii_rest(
    hay: &[u8],
    rest: &[u8],
    case_sensitive: bool,
    within: usize,
) -> Option<usize> {
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
