//! Plain text for people at a terminal.

use chrono::NaiveDate;

use super::{long_date, short_date};
use crate::timeline::{Citation, Event, Timeline};

const WIDTH: usize = 78;

/// One list row: `~2020-08-20  interview  Cloutier tells ...`.
pub fn row(e: &Event) -> String {
    format!("{:<11}  {:<9}  {}", short_date(e), e.kind.as_str(), e.title)
}

/// The countdown as a column shows it: "in 39 days", "in 28 to 57 days".
pub fn countdown(e: &Event, as_of: NaiveDate) -> String {
    crate::when::days_from(e.date, as_of).map_or_else(String::new, crate::when::countdown)
}

/// Everything about one event.
pub fn event(tl: &Timeline, e: &Event) -> String {
    event_inner(tl, e, None)
}

/// Everything about one event, its date counted from `as_of`.
pub fn event_as_of(tl: &Timeline, e: &Event, as_of: NaiveDate) -> String {
    event_inner(tl, e, Some(as_of))
}

fn event_inner(tl: &Timeline, e: &Event, as_of: Option<NaiveDate>) -> String {
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(&e.title);
    line(&format!("id: {}", e.id));
    line("");
    match as_of {
        Some(as_of) => {
            let date = format!(
                "{} · {}",
                long_date(e),
                crate::when::distance(e.date, as_of)
            );
            for l in wrap(&date, "         ") {
                // The first line's indent is "Date:    " instead.
                line(&l.replacen("         ", "Date:    ", 1));
            }
        }
        None => line(&format!("Date:    {}", long_date(e))),
    }
    if let Some(why) = &e.inferred {
        for l in wrap(why, "         ") {
            line(&l);
        }
    }
    line(&format!("Kind:    {}", e.kind.as_str()));
    if !e.actors.is_empty() {
        line(&format!("Actors:  {}", e.actors.join(", ")));
    }
    if !e.tags.is_empty() {
        line(&format!("Tags:    {}", e.tags.join(", ")));
    }
    line("");
    for l in wrap(&e.summary, "") {
        line(&l);
    }
    if let Some(p) = super::paraphrased(e) {
        line("");
        for l in wrap(&format!("Paraphrased: {p}"), "") {
            line(&l);
        }
    }
    line("");
    line("Citations");
    for (i, c) in e.citations.iter().enumerate() {
        citation(tl, c, &format!("  [{}] ", i + 1), &mut line);
    }
    for d in &e.disputes {
        line("");
        line("Sources disagree");
        for l in wrap(&d.about, "  ") {
            line(&l);
        }
        for (i, c) in d.sides.iter().enumerate() {
            citation(
                tl,
                c,
                &format!("  ({}) ", (b'a' + (i % 26) as u8) as char),
                &mut line,
            );
        }
    }
    if let Some(note) = &e.note {
        line("");
        for l in wrap(&format!("Note: {note}"), "") {
            line(&l);
        }
    }
    out
}

pub(super) fn citation(tl: &Timeline, c: &Citation, lead: &str, line: &mut impl FnMut(&str)) {
    let source = tl.source_of(c);
    let file = source.map_or("", |s| s.file.as_str());
    line(&format!(
        "{lead}{} ({file}, bytes {}-{})",
        c.source, c.span.start, c.span.end
    ));
    if let Some(s) = source {
        for l in wrap(&s.cite_as(), "      ") {
            line(&l);
        }
    }
    for l in wrap(&format!("“{}”", c.quote), "      ") {
        line(&l);
    }
}

pub(super) fn wrap(s: &str, indent: &str) -> Vec<String> {
    let opts = textwrap::Options::new(WIDTH)
        .initial_indent(indent)
        .subsequent_indent(indent);
    textwrap::wrap(s, opts)
        .into_iter()
        .map(|c| c.into_owned())
        .collect()
}
