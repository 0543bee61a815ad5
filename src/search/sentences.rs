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
    fn lines_are_numbered_from_one_with_their_offsets() {
        let text = "One. Two.\n\nThree.";
        let got: Vec<(usize, &str)> = of_text(text).map(|(n, r)| (n, &text[r])).collect();
        assert_eq!(got, [(1, "One."), (1, "Two."), (3, "Three.")]);
    }
}
