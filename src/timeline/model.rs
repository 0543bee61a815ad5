//! The timeline as a curator writes it in RON, plus what loading adds
//! (source texts, quote locations). Field order here is the order in the RON file.

use std::fmt;
use std::ops::Range;

use serde::Deserialize;

/// A whole timeline: its sources and its events, events in date order once loaded.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    pub title: String,
    /// Folder the source `file` paths are relative to, itself relative to the RON file.
    #[serde(default)]
    pub root: Option<String>,
    pub sources: Vec<Source>,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// Path as written in the RON, relative to the timeline's root.
    pub file: String,
    /// The article's own headline, as it stands.
    #[serde(default)]
    pub headline: Option<String>,
    /// The curator's words for a source with no headline; always shown as theirs.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// The article text, exactly as read: citation spans index into it.
    #[serde(skip)]
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub date: Date,
    /// Why the date is not stated outright; `None` when a source states it.
    #[serde(default)]
    pub inferred: Option<String>,
    /// Where an imprecise event sits in the list; never shown as its date.
    #[serde(default)]
    pub sort_as: Option<Date>,
    pub title: String,
    pub summary: String,
    pub kind: Kind,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Phrases the title or summary uses for what the quotes say in other
    /// words: the claims lint accepts every word in them.
    #[serde(default)]
    pub paraphrase: Vec<String>,
    pub citations: Vec<Citation>,
    #[serde(default)]
    pub disputes: Vec<Dispute>,
    #[serde(default)]
    pub note: Option<String>,
    /// The date as search sees it, "2020-08-14 14 August 2020"; set on load.
    #[serde(skip)]
    pub date_text: String,
}

impl Event {
    /// The key events are ordered by: `sort_as` if given, else the date's first day.
    pub fn sort_key(&self) -> (i32, u32, u32) {
        self.sort_as.unwrap_or(self.date).sort_key()
    }

    /// The first day the event can be on (its place in the list), for placing
    /// it on a calendar: `Month(2020, 9)` is 1 September 2020.
    pub fn first_day(&self) -> Option<chrono::NaiveDate> {
        let (y, m, d) = self.sort_key();
        chrono::NaiveDate::from_ymd_opt(y, m.max(1), d.max(1))
    }

    /// Every quote the event cites: its citations, then each dispute's sides.
    /// Search results and the detail screen number quotes in this order.
    pub fn quotes(&self) -> impl Iterator<Item = &Citation> {
        self.citations
            .iter()
            .chain(self.disputes.iter().flat_map(|d| &d.sides))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub source: String,
    pub quote: String,
    /// Byte range of the quote in the source text, set when the quote is found.
    #[serde(skip)]
    pub span: Range<usize>,
    /// Index of the cited source in `Timeline::sources`, set by validation.
    #[serde(skip)]
    pub source_index: usize,
}

/// Sources that disagree on a point: what the disagreement is and each side, cited.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dispute {
    pub about: String,
    pub sides: Vec<Citation>,
}

/// A date only as precise as the sources allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Date {
    Day(i32, u32, u32),
    Month(i32, u32),
    Year(i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    pub fn precision(self) -> Precision {
        match self {
            Date::Day(..) => Precision::Day,
            Date::Month(..) => Precision::Month,
            Date::Year(_) => Precision::Year,
        }
    }

    /// Missing parts sort first, so `Month(2020, 9)` comes before `Day(2020, 9, 1)`.
    pub fn sort_key(self) -> (i32, u32, u32) {
        match self {
            Date::Day(y, m, d) => (y, m, d),
            Date::Month(y, m) => (y, m, 0),
            Date::Year(y) => (y, 0, 0),
        }
    }

    /// Why this date cannot exist, if it cannot.
    pub fn impossible(self) -> Option<String> {
        let (y, m, d) = match self {
            Date::Day(y, m, d) => (y, m, Some(d)),
            Date::Month(y, m) => (y, m, None),
            Date::Year(y) => (y, 1, None),
        };
        if !(1..=9999).contains(&y) {
            return Some(format!("year {y} is outside 1-9999"));
        }
        if !(1..=12).contains(&m) {
            return Some(format!("month {m} is outside 1-12"));
        }
        match d {
            Some(d) if chrono::NaiveDate::from_ymd_opt(y, m, d).is_none() => {
                Some(format!("{} {y} has no day {d}", MONTHS[m as usize - 1]))
            }
            _ => None,
        }
    }

    /// Human form, e.g. "14 August 2020", "August 2020", "2020".
    pub fn long(self) -> String {
        // Called on impossible dates too (they are reported, not refused): month 0 is "?".
        let month = |m: u32| {
            let i = (m as usize).checked_sub(1);
            i.and_then(|i| MONTHS.get(i)).copied().unwrap_or("?")
        };
        match self {
            Date::Day(y, m, d) => format!("{d} {} {y}", month(m)),
            Date::Month(y, m) => format!("{} {y}", month(m)),
            Date::Year(y) => format!("{y}"),
        }
    }
}

/// ISO 8601 cut to the date's precision: `2020-08-14`, `2020-08`, `2022`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Date::Day(y, m, d) => write!(f, "{y:04}-{m:02}-{d:02}"),
            Date::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Date::Year(y) => write!(f, "{y:04}"),
        }
    }
}

/// What sort of event this is; a closed set so lists and filters stay consistent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Kind {
    Order,
    Lawsuit,
    Court,
    Hearing,
    Deadline,
    Deal,
    Statement,
    Interview,
    Personnel,
    Filing,
    Report,
    Letter,
    Regulator,
    Plan,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Order => "order",
            Kind::Lawsuit => "lawsuit",
            Kind::Court => "court",
            Kind::Hearing => "hearing",
            Kind::Deadline => "deadline",
            Kind::Deal => "deal",
            Kind::Statement => "statement",
            Kind::Interview => "interview",
            Kind::Personnel => "personnel",
            Kind::Filing => "filing",
            Kind::Report => "report",
            Kind::Letter => "letter",
            Kind::Regulator => "regulator",
            Kind::Plan => "plan",
        }
    }
}

impl Timeline {
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The source a citation names, found without a search.
    pub fn source_of(&self, c: &Citation) -> Option<&Source> {
        self.sources
            .get(c.source_index)
            .filter(|s| s.id == c.source)
            .or_else(|| self.source(&c.source))
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }
}

impl Source {
    /// The cited passage, as it stands in the article.
    pub fn passage(&self, citation: &Citation) -> &str {
        self.text.get(citation.span.clone()).unwrap_or("")
    }

    /// How the source is named to a reader: its headline, else the curator's
    /// description, else its file (which `check` warns about).
    pub fn label(&self) -> Label<'_> {
        fn given(s: &Option<String>) -> Option<&str> {
            s.as_deref().filter(|s| !s.trim().is_empty())
        }
        given(&self.headline)
            .map(Label::Headline)
            .or_else(|| given(&self.description).map(Label::Description))
            .unwrap_or(Label::File(&self.file))
    }

    /// How a citation names the source: its label, then its publisher if given.
    pub fn cite_as(&self) -> String {
        match self.publisher.as_deref().filter(|p| !p.trim().is_empty()) {
            Some(p) => format!("{}, {p}", self.label()),
            None => self.label().to_string(),
        }
    }
}

/// A source's name for people, and whose words it is: the article's
/// headline as it stands; the curator's description, marked
/// `[description: ...]`; or, lacking both, its file, marked `[untitled: ...]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label<'a> {
    Headline(&'a str),
    Description(&'a str),
    File(&'a str),
}

impl fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::Headline(h) => f.write_str(h),
            Label::Description(d) => write!(f, "[description: {d}]"),
            Label::File(file) => write!(f, "[untitled: {file}]"),
        }
    }
}
