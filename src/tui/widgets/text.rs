//! Text helpers for the screens: wrapping that keeps byte offsets, truncation
//! by display width (wide characters count double), and display-safe strings.

use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// `text` wrapped to `width` columns, as byte ranges of `text`, one per screen
/// line. Paragraph breaks are kept, blank lines included.
pub fn wrap_ranges(text: &str, width: u16) -> Vec<Range<usize>> {
    let opts = textwrap::Options::new(usize::from(width.max(1)));
    let mut out = Vec::new();
    let mut at = 0;
    for para in text.split('\n') {
        if para.trim().is_empty() {
            out.push(at..at);
        } else {
            let mut from = 0;
            for line in textwrap::wrap(para, &opts) {
                // Wrapped lines are slices of the paragraph: find where each starts.
                let start = offset_in(para, &line)
                    .or_else(|| para[from..].find(line.as_ref()).map(|i| from + i))
                    .unwrap_or(from);
                let end = (start + line.len()).min(para.len());
                out.push(at + start..at + end);
                from = end;
            }
        }
        at += para.len() + 1;
    }
    out
}

/// Byte offset of `part` inside `whole`, when `part` is a slice of it.
fn offset_in(whole: &str, part: &str) -> Option<usize> {
    let (w, p) = (whole.as_ptr() as usize, part.as_ptr() as usize);
    (p >= w && p + part.len() <= w + whole.len()).then(|| p - w)
}

/// Lines of `text` wrapped to `width` with an indent, each in `style`.
pub fn wrapped(text: &str, width: u16, indent: &str, style: Style) -> Vec<Line<'static>> {
    let opts = textwrap::Options::new(usize::from(width.max(1)))
        .initial_indent(indent)
        .subsequent_indent(indent);
    textwrap::wrap(&display(text), opts)
        .into_iter()
        .map(|l| Line::styled(l.into_owned(), style))
        .collect()
}

/// Styled spans wrapped to `cols` columns, each keeping its style: a span
/// that fits on a line of its own is not broken ("around now (between 2
/// weeks ago and in 3 weeks)" stays whole), a longer one breaks at spaces.
/// A word wider than a line is left for the edge of the screen to cut.
pub fn wrapped_spans(spans: Vec<Span<'static>>, cols: u16) -> Vec<Line<'static>> {
    let cols = usize::from(cols.max(1));
    let mut lines = vec![Line::default()];
    let (mut used, mut empty) = (0, true);
    for span in spans {
        let text = display(&span.content);
        let pieces: Vec<&str> = if width(text.trim()) <= cols {
            vec![&text]
        } else {
            text.split_inclusive(' ').collect()
        };
        for mut piece in pieces {
            if !empty && used + width(piece.trim_end()) > cols {
                lines.push(Line::default());
                (used, empty) = (0, true);
            }
            if empty {
                piece = piece.trim_start();
            }
            if let Some(line) = lines.last_mut() {
                line.spans.push(Span::styled(piece.to_string(), span.style));
            }
            used += width(piece);
            empty &= piece.trim().is_empty();
        }
    }
    lines
}

/// Safe to put on one screen line: no controls, tabs or newlines; in ASCII
/// while an ASCII frame is drawn (`drawing`), before it is laid out, so `—`
/// can be `--` and widths are still right.
pub fn display(s: &str) -> Cow<'_, str> {
    match crate::sanitize::one_line(s) {
        line if ascii() => Cow::Owned(crate::ascii::transliterate(&line).into_owned()),
        line => line,
    }
}

/// As `display`, but each character keeps its columns: for text whose lines
/// were wrapped before this (an article, by byte offsets).
pub fn display_cells(s: &str) -> Cow<'_, str> {
    match crate::sanitize::one_line(s) {
        line if ascii() => Cow::Owned(crate::ascii::same_width(&line).into_owned()),
        line => line,
    }
}

/// An event's date as lists show it (`2020-08…11`); in ASCII a range is
/// `2020-08/11`, as ISO 8601 writes an interval, in the same columns.
pub fn short_date(e: &crate::timeline::Event) -> String {
    match crate::format::short_date(e) {
        date if ascii() => date.replace('…', "/"),
        date => date,
    }
}

thread_local! {
    static ASCII: Cell<bool> = const { Cell::new(false) };
}

/// Whether the frame being drawn is for a terminal that shows only ASCII.
/// The locale is a property of the whole frame, not of any one string: `view`
/// sets it for the length of a draw, so every string laid out through these
/// helpers follows it without a flag passed through every screen.
pub fn ascii() -> bool {
    ASCII.with(Cell::get)
}

/// Draw in ASCII (or not) until the guard is dropped.
pub fn drawing(ascii: bool) -> Drawing {
    Drawing(ASCII.with(|a| a.replace(ascii)))
}

/// What `ascii()` was before `drawing`, put back when dropped.
pub struct Drawing(bool);

impl Drop for Drawing {
    fn drop(&mut self) {
        ASCII.with(|a| a.set(self.0));
    }
}

/// The sign that text was cut: `...` in ASCII where there are columns for it.
fn ellipsis(width: usize) -> &'static str {
    match ascii() {
        true if width >= 4 => "...",
        true => ".",
        false => "…",
    }
}

/// Spans of `text` in `base`, the characters at `marked` (char indices, sorted)
/// in `mark`, cut with an ellipsis to fit `width` columns.
pub fn marked_spans(
    text: &str,
    marked: &[usize],
    width: usize,
    base: Style,
    mark: Style,
) -> Vec<Span<'static>> {
    let (text, marked) = ascii_marked(crate::sanitize::one_line(text), marked);
    let ellipsis = ellipsis(width);
    // `cut` keeps one column for the sign; a wider sign takes its own from the text.
    let room = width.saturating_sub(self::width(ellipsis) - 1);
    let cut = match self::width(&text) <= width {
        true => None,
        false => Some(crate::format::cut(&text, room).unwrap_or(text.len())),
    };
    let shown = cut.map_or(text.as_ref(), |at| &text[..at]);
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    let mut next_mark = marked.iter().peekable();
    for (i, c) in shown.chars().enumerate() {
        while next_mark.next_if(|&&m| m < i).is_some() {}
        let is_marked = next_mark.peek() == Some(&&i);
        if is_marked != run_marked && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_marked { mark } else { base },
            ));
        }
        run_marked = is_marked;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_marked { mark } else { base }));
    }
    if cut.is_some() && width > 0 {
        spans.push(Span::styled(ellipsis, base));
    }
    spans
}

/// `s` cut to `width` columns with the sign that it was cut: `format::fit`,
/// but `...` where the frame is ASCII.
pub fn fit(s: &str, width: usize) -> String {
    let spans = marked_spans(s, &[], width, Style::new(), Style::new());
    spans.iter().map(|s| s.content.as_ref()).collect()
}

/// `s` with the sign that more was left out after it.
pub fn more(s: &str) -> String {
    format!("{s}{}", ellipsis(usize::MAX))
}

/// `text` (already on one line) in ASCII when drawing so, with `marked` (char
/// indices) moved to follow: `—` becomes two characters, both marked if it was.
fn ascii_marked<'a>(text: Cow<'a, str>, marked: &'a [usize]) -> (Cow<'a, str>, Cow<'a, [usize]>) {
    if !ascii() || text.is_ascii() {
        return (text, Cow::Borrowed(marked));
    }
    let (mut out, mut moved) = (String::new(), Vec::new());
    let mut next = marked.iter().peekable();
    let mut at = 0;
    for (i, c) in text.chars().enumerate() {
        while next.next_if(|&&m| m < i).is_some() {}
        let is_marked = next.peek() == Some(&&i);
        let mut buf = [0; 4];
        for t in crate::ascii::transliterate(c.encode_utf8(&mut buf)).chars() {
            if is_marked {
                moved.push(at);
            }
            out.push(t);
            at += 1;
        }
    }
    (Cow::Owned(out), Cow::Owned(moved))
}

/// Display width of text as the terminal will show it.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_ranges_cover_the_text_in_order() {
        let text = "One two three four.\n\nFive six seven eight nine ten.";
        let lines = wrap_ranges(text, 10);
        let shown: Vec<&str> = lines.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            shown,
            [
                "One two",
                "three",
                "four.",
                "",
                "Five six",
                "seven",
                "eight nine",
                "ten."
            ]
        );
    }

    #[test]
    fn wide_characters_take_two_columns() {
        let text = "抖音抖音抖音 TikTok";
        let lines = wrap_ranges(text, 8);
        assert_eq!(&text[lines[0].clone()], "抖音抖音");
        let spans = marked_spans("抖音抖音抖音", &[], 7, Style::new(), Style::new());
        let shown: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(shown, "抖音抖…");
        assert_eq!(width(&shown), 7);
    }

    #[test]
    fn marks_follow_char_indices_not_bytes() {
        let spans = marked_spans("’Oracle’", &[1, 2], 20, Style::new(), Style::new().bold());
        let parts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(parts, ["’", "Or", "acle’"]);
    }

    #[test]
    fn spans_wrap_whole_when_they_fit_a_line_and_keep_their_styles() {
        let bold = Style::new().bold();
        let spans = vec![
            Span::raw("between 20 August and 12 November 2020"),
            Span::raw(" · "),
            Span::styled("around now (between 6 weeks ago and in 6 weeks)", bold),
        ];
        let text =
            |lines: &[Line]| -> Vec<String> { lines.iter().map(|l| l.to_string()).collect() };
        let lines = wrapped_spans(spans.clone(), 60);
        assert_eq!(
            text(&lines),
            [
                "between 20 August and 12 November 2020 · ",
                "around now (between 6 weeks ago and in 6 weeks)"
            ]
        );
        assert_eq!(lines[1].spans[0].style, bold);
        // Narrower than a span: it breaks at spaces.
        assert_eq!(
            text(&wrapped_spans(spans.clone(), 30)),
            [
                "between 20 August and 12 ",
                "November 2020 · around now ",
                "(between 6 weeks ago and in 6 ",
                "weeks)"
            ]
        );
        // Wide enough: one line, as it was.
        assert_eq!(wrapped_spans(spans, 100).len(), 1);
    }

    #[test]
    fn display_strips_controls_and_flattens() {
        assert_eq!(display("a\u{1b}[2Jb\tc\nd"), "ab c d");
    }
}
