//! Passages found in the articles (`grep`): a line of text each, or JSON.
//! Article text is untrusted: what is printed of it goes through the
//! sanitizer, its marks placed by the raw offsets they were found at.

use serde::Serialize;

use crate::sanitize::{kept, one_line};
use crate::search::PassageHit;
use crate::timeline::Timeline;

/// SGR for a matched run: bold and reverse video, then both off again.
const MARK_ON: &str = "\x1b[1;7m";
const MARK_OFF: &str = "\x1b[22;27m";

/// `label (file:line): sentence`, the matches between SGR marks when `marked`.
pub fn line(tl: &Timeline, hit: &PassageHit, marked: bool) -> String {
    let source = &tl.sources[hit.source];
    let mut out = format!(
        "{} ({}:{}): ",
        one_line(&source.label().to_string()),
        one_line(&source.file),
        hit.line
    );
    let raw = source.text.get(hit.span.clone()).unwrap_or("");
    let mut on = false;
    for (at, c) in kept(raw) {
        let at = hit.span.start + at;
        let inside = marked && hit.matches.iter().any(|m| m.contains(&at));
        if inside != on {
            out.push_str(if inside { MARK_ON } else { MARK_OFF });
            on = inside;
        }
        out.push(if matches!(c, '\n' | '\t') { ' ' } else { c });
    }
    if on {
        out.push_str(MARK_OFF);
    }
    out
}

/// `grep --format json`: the query and every passage found.
#[derive(Serialize)]
pub struct GrepJson<'a> {
    pub query: &'a str,
    pub passages: Vec<PassageJson<'a>>,
}

#[derive(Serialize)]
pub struct PassageJson<'a> {
    /// The source's id.
    pub source: &'a str,
    /// How citations name the source (see `SourceJson::label`).
    pub label: String,
    pub file: &'a str,
    /// The line of the file the sentence is on, from 1.
    pub line: usize,
    /// The sentence's byte offsets in the file.
    pub start: usize,
    pub end: usize,
    /// The sentence, as shown: on one line, control characters removed.
    pub sentence: String,
    /// What matched: byte offsets in the file, inside the sentence, in order.
    pub matches: Vec<Span>,
    /// Ids of the events citing any of the sentence, in timeline order.
    pub cited_by: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

pub fn json<'a>(tl: &'a Timeline, query: &'a str, hits: &[PassageHit]) -> GrepJson<'a> {
    let passages = hits
        .iter()
        .map(|h| {
            let s = &tl.sources[h.source];
            PassageJson {
                source: &s.id,
                label: s.label().to_string(),
                file: &s.file,
                line: h.line,
                start: h.span.start,
                end: h.span.end,
                sentence: one_line(s.text.get(h.span.clone()).unwrap_or("")).into_owned(),
                matches: h
                    .matches
                    .iter()
                    .map(|m| Span {
                        start: m.start,
                        end: m.end,
                    })
                    .collect(),
                cited_by: h
                    .cited_by
                    .iter()
                    .map(|&e| tl.events[e].id.as_str())
                    .collect(),
            }
        })
        .collect();
    GrepJson { query, passages }
}
