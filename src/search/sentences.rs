//! Articles cut into sentences: full-text search answers with the sentence a
//! match stands in, so a result reads as a quotable passage, not a paragraph.
//!
//! Lines are paragraphs; within one, Unicode's sentence rules (UAX #29) cut,
//! except after an initialism or a title ("the U.S. District Court", "Mr.
//! Trump"), which those rules take for a sentence's end.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Words that end in a full stop without ending a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "St", "Jr", "Sr", "vs",
];

/// The sentences of one line, as byte ranges of it without the whitespace
/// around them; blank lines have none.
pub fn of_line(line: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut joined = false;
    for (at, piece) in line.split_sentence_bound_indices() {
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            continue;
        }
        let range = at + lead..at + lead + trimmed.len();
        match out.last_mut() {
            Some(last) if joined => last.end = range.end,
            _ => out.push(range),
        }
        joined = ends_in_abbreviation(trimmed);
    }
    out
}

/// Pieces of a line that no sentence crosses, found without the Unicode
/// rules: cut where `.`, `!` or `?` (then any closing quotes or brackets)
/// and spaces stand before an ASCII capital, unless an abbreviation ends
/// there. UAX #29 always ends a sentence at such a place, so `of_line` on
/// each piece gives what it gives on the line, and a search splits only the
/// pieces that could hold a match.
pub fn pieces(line: &str) -> Vec<Range<usize>> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for stop in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        let mut at = stop + 1;
        // Closing quotes and brackets, ASCII or curly (’ ” are E2 80 99/9D).
        loop {
            match bytes.get(at..) {
                Some([b'"' | b'\'' | b')' | b']', ..]) => at += 1,
                Some([0xE2, 0x80, 0x99 | 0x9D, ..]) => at += 3,
                _ => break,
            }
        }
        let spaces = bytes[at..].iter().take_while(|&&b| b == b' ').count();
        let next = at + spaces;
        if spaces == 0 || !bytes.get(next).is_some_and(u8::is_ascii_uppercase) {
            continue;
        }
        if next <= start || ends_in_abbreviation(&line[start..stop + 1]) {
            continue;
        }
        out.push(start..next);
        start = next;
    }
    out.push(start..line.len());
    out
}

/// Every sentence of `text` with the (1-based) line it is on.
pub fn of_text(text: &str) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
    lines(text).flat_map(|(number, start, line)| {
        of_line(line)
            .into_iter()
            .map(move |r| (number, start + r.start..start + r.end))
    })
}

/// Each line of `text`: its number (from 1), its byte offset and its text.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    text.split('\n')
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len() + 1;
            Some((start, line))
        })
        .enumerate()
        .map(|(i, (start, line))| (i + 1, start, line))
}

/// Whether a piece that UAX #29 ended is cut short by an abbreviation:
/// its last word is an initialism ("U.S.", "D.C.") or a title ("Mr.").
fn ends_in_abbreviation(piece: &str) -> bool {
    let Some(word) = piece.split_whitespace().next_back() else {
        return false;
    };
    let Some(word) = word.strip_suffix('.') else {
        return false;
    };
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let initialism = word.contains('.')
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    initialism || TITLES.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(line: &str) -> Vec<&str> {
        of_line(line).into_iter().map(|r| &line[r]).collect()
    }

    #[test]
    fn sentences_end_at_full_stops_but_not_at_initialisms_or_titles() {
        assert_eq!(
            cut(
                "  Roland Cloutier filed in the U.S. District Court. Mr. Ross postponed it! Why?  "
            ),
            [
                "Roland Cloutier filed in the U.S. District Court.",
                "Mr. Ross postponed it!",
                "Why?"
            ]
        );
        assert_eq!(cut("No full stop at all"), ["No full stop at all"]);
        assert_eq!(cut("   "), Vec::<&str>::new());
        assert_eq!(
            cut("He said “it is over.” Then he left."),
            ["He said “it is over.”", "Then he left."]
        );
    }

    #[test]
    fn pieces_cut_only_where_sentences_end() {
        let line = "He met the U.S. Trade Representative. Mr. Ross said “no.” Then: ok? yes. Fine!";
        let whole = cut(line);
        let mut by_piece = Vec::new();
        for p in pieces(line) {
            let piece = &line[p.clone()];
            by_piece.extend(of_line(piece).into_iter().map(|r| &piece[r]));
        }
        assert_eq!(by_piece, whole);
        assert_eq!(pieces(line).len(), 4, "{:?}", pieces(line));
    }

    #[test]
    fn lines_are_numbered_from_one_with_their_offsets() {
        let text = "One. Two.\n\nThree.";
        let got: Vec<(usize, &str)> = of_text(text).map(|(n, r)| (n, &text[r])).collect();
        assert_eq!(got, [(1, "One."), (1, "Two."), (3, "Three.")]);
    }
}
