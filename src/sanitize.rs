//! Text from a timeline is untrusted: nothing in it may drive the terminal,
//! and its layout width must be what the terminal draws. Control characters,
//! whole escape sequences, bidirectional overrides and zero-width format
//! characters are removed; U+2028/2029 become newlines; a base character
//! keeps at most two combining marks, and a mark with no base goes. Newline
//! and tab survive.
//!
//! One filter, `kept`, decides every character: `sanitize` collects it, and
//! `quote::Haystack` folds an article through it, so a quote (sanitized on
//! load) and its article (kept raw: citations are byte offsets into it)
//! never disagree about what a character is.

use std::borrow::Cow;
use std::iter::Peekable;
use std::str::CharIndices;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
use unicode_width::UnicodeWidthChar;

/// Marks kept on one base: real scripts stack two (Vietnamese ệ decomposed,
/// a Hangul syllable's vowel and final); Zalgo stacks dozens.
const MARKS_MAX: u8 = 2;

/// `s` without control characters, escape sequences, bidi overrides or
/// zero-width characters, and with at most two marks on a base.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if is_plainly_safe(s) || unchanged(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(kept(s).map(|(_, c)| c).collect())
}

/// `s` sanitized and on one line: newlines and tabs become spaces. For
/// anything printed from a file inside a line of our own (a problem, a report).
pub fn one_line(s: &str) -> Cow<'_, str> {
    match sanitize(s) {
        clean if clean.contains(['\n', '\t']) => Cow::Owned(clean.replace(['\n', '\t'], " ")),
        clean => clean,
    }
}

/// Sanitize in place, allocating only when something must go.
pub fn sanitize_in_place<S: AsRef<str> + From<String>>(s: &mut S) {
    if let Cow::Owned(clean) = sanitize(s.as_ref()) {
        *s = S::from(clean);
    }
}

/// Whether `c` is shown as itself whatever surrounds it: not a control,
/// not invisible, not a mark; newline and tab are not either.
pub fn is_plain(c: char) -> bool {
    class(c) == Class::Keep && !matches!(c, '\n' | '\t')
}

/// The characters of `s` that survive, each with the byte offset in `s` it
/// came from (U+2028/2029 come out as '\n').
pub fn kept(s: &str) -> Kept<'_> {
    Kept {
        chars: s.char_indices().peekable(),
        marks: None,
    }
}

/// Text as it is shown (what `kept` keeps), with the way back from the byte
/// offsets of the text it was made from: an article's citations are offsets
/// into the raw article, and its display must wrap what is actually drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    /// (shown offset, raw offset) wherever the two start advancing together
    /// again, in order: only around what was dropped or changed, so plain text
    /// has one.
    runs: Vec<(usize, usize)>,
}

impl Shown {
    pub fn new(raw: &str) -> Shown {
        if let Cow::Borrowed(_) = sanitize(raw) {
            return Shown {
                text: raw.to_string(),
                runs: vec![(0, 0)],
            };
        }
        let mut text = String::with_capacity(raw.len());
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for (at, c) in kept(raw) {
            let in_step = runs.last().is_some_and(|&(s, r)| text.len() - s == at - r);
            if !in_step {
                runs.push((text.len(), at));
            }
            text.push(c);
        }
        if runs.is_empty() {
            runs.push((0, 0));
        }
        Shown { text, runs }
    }

    /// Where the raw byte offset `raw` falls in the shown text: inside
    /// something dropped, at whatever is shown next.
    pub fn to_shown(&self, raw: usize) -> usize {
        let i = self
            .runs
            .partition_point(|&(_, r)| r <= raw)
            .saturating_sub(1);
        let (s, r) = self.runs[i];
        let end = self.runs.get(i + 1).map_or(self.text.len(), |&(s, _)| s);
        (s + raw.saturating_sub(r)).min(end)
    }
}

pub struct Kept<'a> {
    chars: Peekable<CharIndices<'a>>,
    /// Marks on the last base so far; `None` with no base to put one on
    /// (the start, after a newline or tab).
    marks: Option<u8>,
}

impl Iterator for Kept<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        while let Some((at, c)) = self.chars.next() {
            match class(c) {
                Class::Keep => {
                    self.marks = (!matches!(c, '\n' | '\t')).then_some(0);
                    return Some((at, c));
                }
                Class::Newline => {
                    self.marks = None;
                    return Some((at, '\n'));
                }
                Class::Mark => {
                    if let Some(n) = self.marks.filter(|n| *n < MARKS_MAX) {
                        self.marks = Some(n + 1);
                        return Some((at, c));
                    }
                }
                // A sequence goes whole, not just its ESC, or its tail
                // ("[31m") would be printed as text.
                Class::Escape => self.skip_escape(),
                Class::Csi => self.skip_csi(),
                Class::String => self.skip_string(),
                // Dropped characters are transparent: a mark after one still
                // sits on the base before it, as it will on screen.
                Class::Drop => {}
            }
        }
        None
    }
}

impl Kept<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|(_, c)| *c)
    }

    /// After ESC: a CSI or string introducer, intermediates and a final
    /// byte (ECMA-48), or nothing more (a lone ESC goes alone).
    fn skip_escape(&mut self) {
        match self.peek() {
            Some('[') => {
                self.chars.next();
                self.skip_csi();
            }
            Some(']' | 'P' | 'X' | '^' | '_') => {
                self.chars.next();
                self.skip_string();
            }
            Some(' '..='~') => {
                while self
                    .chars
                    .next_if(|(_, c)| (' '..='/').contains(c))
                    .is_some()
                {}
                self.chars.next_if(|(_, c)| ('0'..='~').contains(c));
            }
            _ => {}
        }
    }

    /// CSI: parameters and intermediates, then a final byte in `@`..=`~`.
    /// Anything else ends it unread, to be judged on its own.
    fn skip_csi(&mut self) {
        while self
            .chars
            .next_if(|(_, c)| (' '..='?').contains(c))
            .is_some()
        {}
        self.chars.next_if(|(_, c)| ('@'..='~').contains(c));
    }

    /// OSC, DCS and friends: up to BEL, ST (`ESC \`) or the C1 ST. An ESC
    /// that is not ST ends the string and starts its own sequence.
    fn skip_string(&mut self) {
        while let Some((_, c)) = self.chars.next() {
            match c {
                '\u{7}' | '\u{9c}' => return,
                '\u{1b}' => {
                    if self.chars.next_if(|(_, c)| *c == '\\').is_none() {
                        self.skip_escape();
                    }
                    return;
                }
                _ => {}
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Shown as itself, one or two columns wide (or newline, tab).
    Keep,
    /// U+2028/2029: a line break in all but name.
    Newline,
    /// Drawn on the character before it: kept, up to MARKS_MAX on a base.
    Mark,
    /// ESC, C1 CSI, C1 string introducers: the sequence they start goes.
    Escape,
    Csi,
    String,
    /// Controls, bidi controls, zero-width and invisible characters.
    Drop,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            '\n' | '\t' | ' '..='~' => Class::Keep,
            '\u{1b}' => Class::Escape,
            _ => Class::Drop,
        };
    }
    match c {
        // The common case beyond ASCII, ’ “ ”, decided at once.
        '\u{2018}'..='\u{201f}' => Class::Keep,
        '\u{2028}' | '\u{2029}' => Class::Newline,
        '\u{9b}' => Class::Csi,
        '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => Class::String,
        // Variation selectors, the grapheme joiner and Mongolian selectors
        // are marks that only pick a glyph: invisible, so they go.
        '\u{fe00}'..='\u{fe0f}'
        | '\u{e0100}'..='\u{e01ef}'
        | '\u{034f}'
        | '\u{17b4}'..='\u{17b5}'
        | '\u{180b}'..='\u{180f}' => Class::Drop,
        // Hangul vowels and finals that join the initial before them.
        '\u{1160}'..='\u{11ff}' | '\u{d7b0}'..='\u{d7ff}' => Class::Mark,
        c if c.is_control() => Class::Drop,
        c => match c.width() {
            Some(0) if is_mark(c) => Class::Mark,
            // Zero-width and format characters: ZWSP, ZWJ, LRM, BOM, tags,
            // bidi overrides and isolates, the soft hyphen...
            Some(0) | None => Class::Drop,
            Some(_) => Class::Keep,
        },
    }
}

fn is_mark(c: char) -> bool {
    matches!(
        c.general_category(),
        GeneralCategory::NonspacingMark
            | GeneralCategory::EnclosingMark
            | GeneralCategory::SpacingMark
    )
}

/// ASCII without controls (newline and tab aside), Latin letters with their
/// accents, and the dashes, quotes and ellipsis of U+2010-2027: most text,
/// decided a byte at a time, 16 at once while they are plain ASCII.
fn is_plainly_safe(s: &str) -> bool {
    let plain = |b: u8| (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t';
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // A branch-free test of a whole chunk, which the compiler vectorizes.
        if let Some(chunk) = b.get(i..i + 16)
            && chunk.iter().fold(true, |all, &c| all & plain(c))
        {
            i += 16;
            continue;
        }
        match b[i] {
            c if plain(c) => i += 1,
            // U+00C0-02FF: Latin-1 letters, Latin Extended, IPA, modifiers;
            // not C2 (C1 controls, the soft hyphen) nor CC/CD (combining marks).
            0xc3..=0xcb => i += 2,
            // U+2010-2027: dashes, quotes, bullets, the ellipsis; not the
            // zero-width characters before them nor U+2028/2029 after.
            0xe2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x90..=0xa7)) => {
                i += 3
            }
            _ => return false,
        }
    }
    true
}

/// Whether sanitizing leaves `s` as it is: every character plainly kept, or
/// (with marks, whose fate depends on what precedes them) every one kept in turn.
fn unchanged(s: &str) -> bool {
    if s.chars().all(|c| class(c) == Class::Keep) {
        return true;
    }
    let mut next = 0;
    for (at, c) in kept(s) {
        if at != next || !s[at..].starts_with(c) {
            return false;
        }
        next = at + c.len_utf8();
    }
    next == s.len()
}

#[cfg(test)]
mod tests {
    use super::{Shown, kept, sanitize};
    use std::borrow::Cow;

    #[test]
    fn shown_text_maps_raw_offsets_past_what_was_dropped() {
        let raw = "ab\u{1b}[31mcd\u{200b}e\u{2028}f";
        let shown = Shown::new(raw);
        assert_eq!(shown.text, "abcde\nf");
        let at = |s: &str| raw.find(s).unwrap();
        assert_eq!(shown.to_shown(0), 0);
        assert_eq!(shown.to_shown(at("c")), 2, "after the escape sequence");
        assert_eq!(
            shown.to_shown(at("[31m")),
            2,
            "inside it: at what comes next"
        );
        assert_eq!(shown.to_shown(at("e")), 4);
        assert_eq!(
            shown.to_shown(at("f")),
            6,
            "a line separator is one newline"
        );
        assert_eq!(shown.to_shown(raw.len()), shown.text.len());
        let plain = Shown::new("plain text");
        assert_eq!((plain.text.as_str(), plain.to_shown(6)), ("plain text", 6));
        assert_eq!(
            Shown::new("\u{1b}[2J").to_shown(3),
            0,
            "nothing shown at all"
        );
    }

    #[test]
    fn clean_text_is_borrowed() {
        for s in [
            "TikTok’s “data”\n\tok",
            "Café — naïve – déjà vu… ‘ok’ • † ɐ ˈ",
            "Tiếng Việt: e\u{302}\u{301}",
            "한국어 \u{1100}\u{1161}\u{11a8}",
        ] {
            assert!(matches!(sanitize(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn strips_sequences_whole() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(
            sanitize("x\u{1b}]8;;http://e\u{1b}\\link\u{1b}]8;;\u{1b}\\y"),
            "xlinky"
        );
        assert_eq!(sanitize("x\u{1b}cy"), "xy");
        assert_eq!(sanitize("x\u{1b}(By"), "xy");
        assert_eq!(sanitize("x\u{9b}2Jy"), "xy");
        assert_eq!(sanitize("trailing\u{1b}"), "trailing");
        // An OSC cut short by another sequence: both go.
        assert_eq!(sanitize("x\u{1b}]52;c;aGk=\u{1b}[2Jy"), "xy");
        // A lone ESC goes alone; what follows it is text.
        assert_eq!(sanitize("said \u{1b}“no”"), "said “no”");
        assert_eq!(sanitize("a\u{1b}\nb"), "a\nb");
    }

    #[test]
    fn strips_controls_and_bidi_keeps_newline_and_tab() {
        assert_eq!(sanitize("a\r\nb\u{7}\u{0}\tc\u{202e}d\u{2066}"), "a\nb\tcd");
    }

    #[test]
    fn zero_width_and_format_characters_go() {
        let s = "a\u{200b}b\u{200c}c\u{200d}d\u{feff}e\u{2060}f\u{200e}g\u{200f}h\u{61c}i\
                 \u{fe0f}j\u{fe00}k\u{e0041}\u{e007f}l\u{ad}m";
        assert_eq!(sanitize(s), "abcdefghijklm");
        assert_eq!(sanitize("one\u{2028}two\u{2029}three"), "one\ntwo\nthree");
    }

    #[test]
    fn a_base_keeps_two_marks_and_a_mark_needs_a_base() {
        let zalgo = "Z\u{337}\u{322}\u{31b}\u{30d}\u{346}a\u{334}\u{31a}";
        assert_eq!(sanitize(zalgo), "Z\u{337}\u{322}a\u{334}\u{31a}");
        assert_eq!(sanitize("\u{301}a\n\u{301}b\t\u{301}c"), "a\nb\tc");
        // A dropped character between base and mark is not there on screen either.
        assert_eq!(sanitize("e\u{200b}\u{301}"), "e\u{301}");
    }

    #[test]
    fn the_byte_fast_path_passes_only_what_the_filter_keeps() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            if super::is_plainly_safe(&c.to_string()) {
                assert_eq!(super::class(c), super::Class::Keep, "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn kept_characters_carry_their_offsets() {
        let s = "a\u{200b}b\u{2028}\u{1b}[1mc";
        let got: Vec<(usize, char)> = kept(s).collect();
        assert_eq!(got, [(0, 'a'), (4, 'b'), (5, '\n'), (12, 'c')]);
    }
}
