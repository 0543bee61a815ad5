//! The agenda in each output format: the events ahead of the as-of date,
//! soonest first, each with its exact countdown, its title, and the quote
//! that states its date with its source. Deadlines and hearings, what an
//! agenda is for, have their kind in capitals.

use chrono::NaiveDate;
use serde::Serialize;

use super::json::{self, EventJson, SourceJson};
use super::{iso_date, long_date, markdown, text};
use crate::agenda::{Ahead, date_citation, first_class};
use crate::sanitize::one_line;
use crate::timeline::{Event, Timeline};

/// The kind as the agenda shows it: "HEARING", "DEADLINE", else as is ("letter").
fn kind(e: &Event) -> String {
    if first_class(e.kind) {
        e.kind.as_str().to_uppercase()
    } else {
        e.kind.as_str().to_string()
    }
}

/// "7 events ahead of 2020-10-04, within 60 days".
fn heading(n: usize, as_of: NaiveDate, within: Option<u32>) -> String {
    let events = if n == 1 { "event" } else { "events" };
    let within = within.map_or(String::new(), |d| format!(", within {d} days"));
    format!("{n} {events} ahead of {as_of}{within}, soonest first")
}

/// Plain text; nothing when nothing is ahead (the caller says so, as `list` does).
pub fn text(tl: &Timeline, items: &[Ahead], as_of: NaiveDate, within: Option<u32>) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut out = format!("Agenda: {}\n", heading(items.len(), as_of, within));
    for a in items {
        let e = &tl.events[a.event];
        out.push('\n');
        let when = format!(
            "{} · {} · {}",
            crate::when::distance(e.date, as_of),
            long_date(e),
            kind(e)
        );
        for l in text::wrap(&when, "") {
            out.push_str(&format!("{l}\n"));
        }
        for l in text::wrap(&one_line(&e.title), "  ") {
            out.push_str(&format!("{l}\n"));
        }
        if let Some(c) = e.citations.get(date_citation(e)) {
            for l in text::wrap(&format!("“{}”", one_line(&c.quote)), "    ") {
                out.push_str(&format!("{l}\n"));
            }
            let source = tl.cite_as(c);
            for l in text::wrap(&format!("— {}", one_line(&source)), "    ") {
                out.push_str(&format!("{l}\n"));
            }
        }
    }
    out
}

/// Markdown, for pasting into meeting notes.
pub fn markdown(tl: &Timeline, items: &[Ahead], as_of: NaiveDate, within: Option<u32>) -> String {
    let mut out = format!(
        "# Agenda: {}\n\n{}.\n\n",
        markdown::escape(&tl.title),
        heading(items.len(), as_of, within)
    );
    for a in items {
        let e = &tl.events[a.event];
        out.push_str(&format!(
            "## {} — {} — {}\n\n*{} · {}*\n\n",
            markdown::escape(&crate::when::distance(e.date, as_of)),
            iso_date(e),
            markdown::escape(&e.title),
            markdown::escape(&long_date(e)),
            kind(e)
        ));
        if let Some(c) = e.citations.get(date_citation(e)) {
            out.push_str(&markdown::citation(tl, c));
        }
    }
    out
}

#[derive(Serialize)]
pub struct AgendaJson<'a> {
    pub title: &'a str,
    pub as_of: String,
    /// `--within`, if given: only events that could come within so many days.
    pub within: Option<u32>,
    pub sources: Vec<SourceJson<'a>>,
    /// As `list` gives them, with `days_from_as_of` and `date_citation`.
    pub events: Vec<EventJson<'a>>,
}

pub fn json<'a>(
    tl: &'a Timeline,
    items: &[Ahead],
    as_of: NaiveDate,
    within: Option<u32>,
) -> AgendaJson<'a> {
    AgendaJson {
        title: &tl.title,
        as_of: as_of.to_string(),
        within,
        sources: tl.sources.iter().map(json::source).collect(),
        events: items
            .iter()
            .map(|a| {
                let e = &tl.events[a.event];
                EventJson {
                    days_from_as_of: json::days(e, as_of),
                    date_citation: (!e.citations.is_empty()).then(|| date_citation(e)),
                    ..json::event(tl, e)
                }
            })
            .collect(),
    }
}
