//! The JSON contract other tools read (documented in README.md). Field names
//! and shapes here are a promise: add fields, never rename or remove them.

use chrono::NaiveDate;
use serde::Serialize;

use crate::timeline::model::Word;
use crate::timeline::{Citation, Event, Source, Timeline};

#[derive(Serialize)]
pub struct TimelineJson<'a> {
    pub title: &'a str,
    /// The date `days_from_as_of` counts from, "2020-10-04"; with `--as-of`
    /// or today.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    pub sources: Vec<SourceJson<'a>>,
    pub events: Vec<EventJson<'a>>,
}

#[derive(Serialize)]
pub struct SourceJson<'a> {
    pub id: &'a str,
    pub file: &'a str,
    pub headline: Option<&'a str>,
    pub publisher: Option<&'a str>,
    pub note: Option<&'a str>,
    /// The curator's description, for a source with no headline.
    pub description: Option<&'a str>,
    /// How citations name it: the headline, "[description: ...]" or
    /// "[untitled: FILE]".
    pub label: String,
}

#[derive(Serialize)]
pub struct EventJson<'a> {
    pub id: &'a str,
    /// ISO 8601 cut to the precision: "2020-08-14", "2020-08", "2022"; a
    /// range as an interval of its ends: "2020-08-20/2020-11-12".
    pub date: String,
    /// "day", "month", "year" or "range".
    pub precision: &'static str,
    pub inferred: bool,
    /// From what the date is inferred; null when stated.
    pub date_note: Option<&'a str>,
    pub title: &'a str,
    pub summary: &'a str,
    pub kind: &'static str,
    pub actors: &'a [Word],
    pub tags: &'a [Word],
    pub citations: Vec<CitationJson<'a>>,
    pub disputes: Vec<DisputeJson<'a>>,
    pub note: Option<&'a str>,
    /// Phrases the title or summary uses for what the quotes say in other words.
    pub paraphrase: &'a [Word],
    /// `show` only: the date `days_from_as_of` counts from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Days from the as-of date to the first and last day the event could be
    /// on (negative: before it); the same for a day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_from_as_of: Option<DaysJson>,
    /// `agenda` only: the citation (index into `citations`) stating the date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_citation: Option<usize>,
}

#[derive(Serialize)]
pub struct DaysJson {
    pub min: i64,
    pub max: i64,
}

#[derive(Serialize)]
pub struct CitationJson<'a> {
    pub source: &'a str,
    /// The source's file as written in the RON.
    pub file: &'a str,
    pub quote: &'a str,
    /// Byte offsets of the passage in the source file.
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
pub struct DisputeJson<'a> {
    pub about: &'a str,
    pub sides: Vec<CitationJson<'a>>,
}

pub fn timeline<'a>(
    tl: &'a Timeline,
    events: impl IntoIterator<Item = &'a Event>,
) -> TimelineJson<'a> {
    TimelineJson {
        title: &tl.title,
        as_of: None,
        sources: tl.sources.iter().map(source).collect(),
        events: events.into_iter().map(|e| event(tl, e)).collect(),
    }
}

pub fn source(s: &Source) -> SourceJson<'_> {
    SourceJson {
        id: &s.id,
        file: &s.file,
        headline: s.headline.as_deref(),
        publisher: s.publisher.as_deref(),
        note: s.note.as_deref(),
        description: s.description.as_deref(),
        label: s.label().to_string(),
    }
}

pub fn event<'a>(tl: &'a Timeline, e: &'a Event) -> EventJson<'a> {
    let cite = |c: &'a Citation| CitationJson {
        source: &c.source,
        file: tl.source_of(c).map_or("", |s| s.file.as_str()),
        quote: &c.quote,
        start: c.span.start,
        end: c.span.end,
    };
    EventJson {
        id: &e.id,
        date: e.date.to_string(),
        precision: e.date.precision().as_str(),
        inferred: e.inferred.is_some(),
        date_note: e.inferred.as_deref(),
        title: &e.title,
        summary: &e.summary,
        kind: e.kind.as_str(),
        actors: &e.actors,
        tags: &e.tags,
        citations: e.citations.iter().map(cite).collect(),
        disputes: e
            .disputes
            .iter()
            .map(|d| DisputeJson {
                about: &d.about,
                sides: d.sides.iter().map(cite).collect(),
            })
            .collect(),
        note: e.note.as_deref(),
        paraphrase: &e.paraphrase,
        as_of: None,
        days_from_as_of: None,
        date_citation: None,
    }
}

/// The days from `as_of` to the event, for `days_from_as_of`.
pub fn days(e: &Event, as_of: NaiveDate) -> Option<DaysJson> {
    crate::when::days_from(e.date, as_of).map(|(min, max)| DaysJson { min, max })
}

/// `timeline` with the as-of date at the top and each event's days from it.
pub fn timeline_as_of<'a>(
    tl: &'a Timeline,
    events: impl IntoIterator<Item = &'a Event>,
    as_of: NaiveDate,
) -> TimelineJson<'a> {
    let mut out = timeline(tl, []);
    out.as_of = Some(as_of.to_string());
    out.events = events
        .into_iter()
        .map(|e| EventJson {
            days_from_as_of: days(e, as_of),
            ..event(tl, e)
        })
        .collect();
    out
}

/// `event` with the as-of date and the days from it, for `show`.
pub fn event_as_of<'a>(tl: &'a Timeline, e: &'a Event, as_of: NaiveDate) -> EventJson<'a> {
    EventJson {
        as_of: Some(as_of.to_string()),
        days_from_as_of: days(e, as_of),
        ..event(tl, e)
    }
}

/// Pretty JSON with a trailing newline.
pub fn to_string(value: &impl Serialize) -> String {
    // Serializing these borrowed structs cannot fail: no maps with non-string keys.
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}
