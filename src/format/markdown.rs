//! Markdown, for pasting into notes and documents with citations intact.

use chrono::NaiveDate;

use super::{iso_date, long_date};
use crate::timeline::{Citation, Event, Label, Timeline};

pub fn timeline<'a>(tl: &Timeline, events: impl IntoIterator<Item = &'a Event>) -> String {
    timeline_inner(tl, events, None)
}

/// `timeline`, each date counted from `as_of`.
pub fn timeline_as_of<'a>(
    tl: &Timeline,
    events: impl IntoIterator<Item = &'a Event>,
    as_of: NaiveDate,
) -> String {
    timeline_inner(tl, events, Some(as_of))
}

fn timeline_inner<'a>(
    tl: &Timeline,
    events: impl IntoIterator<Item = &'a Event>,
    as_of: Option<NaiveDate>,
) -> String {
    let mut out = format!("# {}\n", escape(&tl.title));
    if let Some(as_of) = as_of {
        out.push_str(&format!("\nAs of {as_of}.\n"));
    }
    for e in events {
        out.push('\n');
        out.push_str(&event_inner(tl, e, "##", as_of));
    }
    out
}

/// One event under a heading of the given level (`#`, `##`).
pub fn event(tl: &Timeline, e: &Event, heading: &str) -> String {
    event_inner(tl, e, heading, None)
}

/// `event`, its date counted from `as_of`.
pub fn event_as_of(tl: &Timeline, e: &Event, heading: &str, as_of: NaiveDate) -> String {
    event_inner(tl, e, heading, Some(as_of))
}

fn event_inner(tl: &Timeline, e: &Event, heading: &str, as_of: Option<NaiveDate>) -> String {
    let mut out = format!("{heading} {} — {}\n\n", iso_date(e), escape(&e.title));
    let mut meta = vec![long_date(e)];
    if let Some(as_of) = as_of {
        meta.push(crate::when::distance(e.date, as_of));
    }
    meta.push(e.kind.as_str().to_string());
    if !e.actors.is_empty() {
        meta.push(e.actors.join(", "));
    }
    out.push_str(&format!("*{}*\n\n", escape(&meta.join(" · "))));
    if let Some(why) = &e.inferred {
        out.push_str(&format!("Date inferred: {}\n\n", escape(why)));
    }
    out.push_str(&format!("{}\n\n", escape(&e.summary)));
    if let Some(p) = super::paraphrased(e) {
        out.push_str(&format!("Paraphrased: {}\n\n", escape(&p)));
    }
    for c in &e.citations {
        out.push_str(&citation(tl, c));
    }
    for d in &e.disputes {
        out.push_str(&format!("**Sources disagree:** {}\n\n", escape(&d.about)));
        for c in &d.sides {
            out.push_str(&citation(tl, c));
        }
    }
    if let Some(note) = &e.note {
        out.push_str(&format!("Note: {}\n\n", escape(note)));
    }
    out
}

/// One citation of an event, ready to paste: date and title, then the quote
/// as a block with its source.
pub fn cited(tl: &Timeline, e: &Event, c: &Citation) -> String {
    format!(
        "**{} — {}**\n\n{}",
        iso_date(e),
        escape(&e.title),
        citation(tl, c)
    )
}

/// A quote as a block, then where it comes from: the source's label (a
/// headline in italics), its publisher, and its file.
pub fn citation(tl: &Timeline, c: &Citation) -> String {
    let source = tl.source_of(c);
    let mut out = String::new();
    for l in c.quote.lines() {
        out.push_str(&format!("> {}\n", escape(l)));
    }
    out.push_str(">\n> — ");
    match source {
        Some(s) => {
            let label = s.label();
            match label {
                Label::Headline(h) => out.push_str(&format!("*{}*", escape(h))),
                other => out.push_str(&escape(&other.to_string())),
            }
            if let Some(p) = s.publisher.as_deref().filter(|p| !p.trim().is_empty()) {
                out.push_str(&format!(", {}", escape(p)));
            }
            // An untitled source's label is its file already.
            if !matches!(label, Label::File(_)) {
                out.push_str(&format!(", `{}`", s.file.replace('`', "'")));
            }
            out.push_str("\n\n");
        }
        None => out.push_str(&format!("{}\n\n", escape(&c.source))),
    }
    out
}

/// Backslash the characters Markdown would read as formatting.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
