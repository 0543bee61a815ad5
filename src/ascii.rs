//! ASCII twins, for a terminal whose locale is not UTF-8: a byte above 0x7f
//! there is drawn as mojibake or not at all. The data is never changed; only
//! what is written to such a terminal.
//!
//! Two forms. `transliterate` is for text not yet laid out: it may widen
//! (`—` is `--`, `…` is `...`), as the issue's table asks. `same_width` is for
//! text already placed in columns (a drawn cell, an article wrapped by byte
//! offsets): each character becomes as many ASCII columns as it took.
//!
//! A hand table, not a crate such as `deunicode`: the wanted mapping is short
//! and fixed (typographic punctuation, the app's own glyphs, `?` for the rest),
//! and a transliterator would turn `抖音` into `Dou Yin`, which no one asked for.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// `s` with every character above 0x7f replaced by its ASCII twin: typographic
/// quotes and dashes by their plain forms, spaces by a space, the app's glyphs
/// (borders, arrows, marks) by look-alikes, anything else by `?`. Zero-width
/// characters (combining marks, joiners) go. ASCII, controls included, is kept.
pub fn transliterate(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if c.is_ascii() => out.push(c),
            '—' => out.push_str("--"),
            '…' => out.push_str("..."),
            '⏎' => out.push_str("Enter"),
            '→' => out.push_str("->"),
            '←' => out.push_str("<-"),
            c => match c.width() {
                None | Some(0) => {}
                Some(_) => out.push(twin(c)),
            },
        }
    }
    Cow::Owned(out)
}

/// `s` in ASCII taking the same columns: each character its one-column twin,
/// a wide one (CJK) `??`, a zero-width one nothing.
pub fn same_width(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c.width() {
            _ if c.is_ascii() => out.push(c),
            None | Some(0) => {}
            Some(1) => out.push(twin(c)),
            Some(n) => out.extend(std::iter::repeat_n('?', n)),
        }
    }
    Cow::Owned(out)
}

/// The one-character ASCII look-alike of a non-ASCII character; `?` when there
/// is none.
pub fn twin(c: char) -> char {
    match c {
        // Typographic punctuation, as the articles use it.
        '‘' | '’' | '‚' | '‛' | '′' | 'ʼ' | '´' => '\'',
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
        '—' | '–' | '‐' | '‑' | '‒' | '―' | '−' => '-',
        '…' | '•' | '∙' => '.',
        // A separator: `a · b` reads `a | b`.
        '·' => '|',
        // Spaces of any width (the articles hold no-break spaces).
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => ' ',
        // The app's own glyphs: header, marks, warnings, arrows.
        '›' | '→' | '▶' | '▸' | '⏵' => '>',
        '‹' | '←' | '◀' | '◂' | '⏴' => '<',
        '↑' | '▲' | '▴' | '⏶' => '^',
        '↓' | '▼' | '▾' | '⏷' => 'v',
        '★' | '☆' | '◆' | '◇' | '●' | '○' | '×' => '*',
        '⚠' => '!',
        // Lines, borders and scrollbars.
        '─' | '━' | '═' | '╌' | '╍' | '┄' | '┅' | '┈' | '┉' | '╴' | '╶' | '╸' | '╺' => {
            '-'
        }
        '│' | '┃' | '║' | '╎' | '╏' | '┆' | '┇' | '┊' | '┋' | '╵' | '╷' | '╹' | '╻' | '▏' | '▕' => {
            '|'
        }
        '\u{2500}'..='\u{257f}' => '+',
        // Blocks: scrollbar thumbs, big digits.
        '\u{2580}'..='\u{259f}' => '#',
        _ => '?',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issues_table() {
        assert_eq!(transliterate("’ ‘ “ ” — – …"), "' ' \" \" -- - ...");
        assert_eq!(transliterate("Müller 抖音 ✓"), "M?ller ?? ?");
        assert_eq!(transliterate("no\u{a0}break"), "no break");
        assert_eq!(transliterate("e\u{301}"), "e");
    }

    #[test]
    fn plain_ascii_is_borrowed_and_controls_are_kept() {
        assert!(matches!(transliterate("a\tb\n"), Cow::Borrowed("a\tb\n")));
        assert_eq!(transliterate("\u{1b}[1m’\u{1b}[0m"), "\u{1b}[1m'\u{1b}[0m");
    }

    #[test]
    fn same_width_keeps_every_column() {
        use unicode_width::UnicodeWidthStr;
        for s in ["┌─★ “quote” — 抖音…┐", "║█▼◆ › ⏎ ← →", "e\u{301}x"]
        {
            let twin = same_width(s);
            assert!(twin.is_ascii(), "{twin}");
            assert_eq!(twin.width(), s.width(), "{s} -> {twin}");
        }
        assert_eq!(same_width("┌─┐│█"), "+-+|#");
        assert_eq!(same_width("抖"), "??");
    }

    #[test]
    fn every_result_is_ascii() {
        let all: String = (0x80..0x3_0000u32).filter_map(char::from_u32).collect();
        assert!(transliterate(&all).is_ascii());
        assert!(same_width(&all).is_ascii());
    }
}
