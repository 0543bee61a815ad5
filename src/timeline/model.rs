//! The timeline as a curator writes it in RON, plus what loading adds
//! (source texts, quote locations). Field order here is the order in the RON file.

use std::fmt;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

/// A short string held inline when it fits (24 bytes): an event's id, its
/// actors, tags and paraphrases, and a cited source's id, most of them a
/// word or two. At 100k events their own allocations were some 48 MB.
pub type Word = compact_str::CompactString;

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
    pub id: Word,
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
    pub actors: Vec<Word>,
    #[serde(default)]
    pub tags: Vec<Word>,
    /// Phrases the title or summary uses for what the quotes say in other
    /// words: the claims lint accepts every word in them.
    #[serde(default)]
    pub paraphrase: Vec<Word>,
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
        self.placed().sort_key()
    }

    /// The first day the event can be on (its place in the list), for placing
    /// it on a calendar: `Month(2020, 9)` is 1 September 2020, a range its
    /// start's first day.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.placed().start().first_day()
    }

    /// The days the event covers on a calendar, first and last: a range's
    /// whole span, from its start's first day to its end's last; any other
    /// date only its first day. Placed by `sort_as` when given, as in the list.
    pub fn days(&self) -> Option<(NaiveDate, NaiveDate)> {
        let first = self.first_day()?;
        let last = match self.placed() {
            Date::Between(_, to) => to.last_day().unwrap_or(first).max(first),
            _ => first,
        };
        Some((first, last))
    }

    /// An event with nothing in it, which allocates nothing: room held
    /// while events move to their places (a batch merged in place).
    pub fn empty() -> Event {
        Event {
            id: Word::default(),
            date: Date::Year(0),
            inferred: None,
            sort_as: None,
            title: String::new(),
            summary: String::new(),
            kind: Kind::Order,
            actors: Vec::new(),
            tags: Vec::new(),
            paraphrase: Vec::new(),
            citations: Vec::new(),
            disputes: Vec::new(),
            note: None,
            date_text: String::new(),
        }
    }

    /// The date that places the event: `sort_as` if given, else its date.
    fn placed(&self) -> Date {
        self.sort_as.unwrap_or(self.date)
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
    pub source: Word,
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

/// A date only as precise as the sources allow, or a range between two such
/// dates when the sources only bound it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Date {
    Day(i32, u32, u32),
    Month(i32, u32),
    Year(i32),
    /// Somewhere from the first day of `from` to the last day of `to`.
    Between(Point, Point),
}

/// One end of a `Between`: a date that is not itself a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Point {
    Day(i32, u32, u32),
    Month(i32, u32),
    Year(i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
    Range,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Range => "range",
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

/// A month's name; month 0 or 13 is "?" (impossible dates are reported, not refused,
/// and still shown).
fn month_name(m: u32) -> &'static str {
    let i = (m as usize).checked_sub(1);
    i.and_then(|i| MONTHS.get(i)).copied().unwrap_or("?")
}

impl Point {
    pub fn precision(self) -> Precision {
        match self {
            Point::Day(..) => Precision::Day,
            Point::Month(..) => Precision::Month,
            Point::Year(_) => Precision::Year,
        }
    }

    pub fn year(self) -> i32 {
        match self {
            Point::Day(y, ..) | Point::Month(y, _) | Point::Year(y) => y,
        }
    }

    /// Missing parts sort first, so `Month(2020, 9)` comes before `Day(2020, 9, 1)`.
    pub fn sort_key(self) -> (i32, u32, u32) {
        match self {
            Point::Day(y, m, d) => (y, m, d),
            Point::Month(y, m) => (y, m, 0),
            Point::Year(y) => (y, 0, 0),
        }
    }

    /// The first day of the period: `Month(2020, 9)` is 1 September 2020.
    pub fn first_day(self) -> Option<NaiveDate> {
        let (y, m, d) = self.sort_key();
        NaiveDate::from_ymd_opt(y, m.max(1), d.max(1))
    }

    /// The last day of the period: `Month(2020, 2)` is 29 February 2020.
    pub fn last_day(self) -> Option<NaiveDate> {
        match self {
            Point::Day(y, m, d) => NaiveDate::from_ymd_opt(y, m, d),
            Point::Month(y, m) => {
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y.checked_add(1)?, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, m.checked_add(1)?, 1)
                };
                next?.pred_opt()
            }
            Point::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31),
        }
    }

    /// Why this date cannot exist, if it cannot.
    pub fn impossible(self) -> Option<String> {
        let (y, m, d) = match self {
            Point::Day(y, m, d) => (y, m, Some(d)),
            Point::Month(y, m) => (y, m, None),
            Point::Year(y) => (y, 1, None),
        };
        if !(1..=9999).contains(&y) {
            return Some(format!("year {y} is outside 1-9999"));
        }
        if !(1..=12).contains(&m) {
            return Some(format!("month {m} is outside 1-12"));
        }
        match d {
            Some(d) if NaiveDate::from_ymd_opt(y, m, d).is_none() => {
                Some(format!("{} {y} has no day {d}", month_name(m)))
            }
            _ => None,
        }
    }

    /// Human form, e.g. "14 August 2020", "August 2020", "2020".
    pub fn long(self) -> String {
        match self {
            Point::Day(y, m, d) => format!("{d} {} {y}", month_name(m)),
            Point::Month(y, m) => format!("{} {y}", month_name(m)),
            Point::Year(y) => format!("{y}"),
        }
    }
}

/// ISO 8601 cut to the date's precision: `2020-08-14`, `2020-08`, `2022`.
impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Point::Day(y, m, d) => write!(f, "{y:04}-{m:02}-{d:02}"),
            Point::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Point::Year(y) => write!(f, "{y:04}"),
        }
    }
}

impl Date {
    /// The date's two ends: a range's `from` and `to`, any other date twice.
    /// Everything that knows periods (days, months, years) works on these.
    pub fn ends(self) -> (Point, Point) {
        let one = match self {
            Date::Day(y, m, d) => Point::Day(y, m, d),
            Date::Month(y, m) => Point::Month(y, m),
            Date::Year(y) => Point::Year(y),
            Date::Between(from, to) => return (from, to),
        };
        (one, one)
    }

    /// Where the date starts: a range's `from`, or the date itself.
    pub fn start(self) -> Point {
        self.ends().0
    }

    /// Where the date ends: a range's `to`, or the date itself.
    pub fn end(self) -> Point {
        self.ends().1
    }

    pub fn precision(self) -> Precision {
        match self {
            Date::Between(..) => Precision::Range,
            single => single.start().precision(),
        }
    }

    /// Missing parts sort first, so `Month(2020, 9)` comes before `Day(2020, 9, 1)`;
    /// a range sorts by its start.
    pub fn sort_key(self) -> (i32, u32, u32) {
        self.start().sort_key()
    }

    /// Why this date cannot exist, if it cannot: for a range, the first end
    /// that cannot, named.
    pub fn impossible(self) -> Option<String> {
        match self {
            Date::Between(from, to) => {
                let why = |p: Point, end: &str| {
                    p.impossible().map(|w| format!("{w} (the range's {end})"))
                };
                why(from, "start").or_else(|| why(to, "end"))
            }
            single => single.start().impossible(),
        }
    }

    /// Human form, e.g. "14 August 2020", "August 2020", "2020", "between 20
    /// August and 12 November 2020", "between August 2020 and 2022".
    pub fn long(self) -> String {
        match self {
            Date::Between(from, to) => {
                // A year both ends share is said once, at the end.
                let same_year = from.year() == to.year();
                let from = match (from, to) {
                    // "between 3 and 12 August 2020"
                    (Point::Day(_, m, d), Point::Day(_, n, _)) if same_year && m == n => {
                        d.to_string()
                    }
                    (Point::Day(_, m, d), _) if same_year => format!("{d} {}", month_name(m)),
                    (Point::Month(_, m), _) if same_year => month_name(m).to_string(),
                    _ => from.long(),
                };
                format!("between {from} and {}", to.long())
            }
            single => single.start().long(),
        }
    }

    /// The date in at most 10 columns, for a list's date column: ISO cut to
    /// its precision, and a range as its year with its first and last month
    /// (`2020-08…11`), or as its years (`2020…2022`).
    pub fn short(self) -> String {
        match self {
            Date::Between(from, to) => {
                let both_years =
                    from.precision() == Precision::Year && to.precision() == Precision::Year;
                let months = from.first_day().zip(to.last_day());
                match months {
                    Some((a, b)) if from.year() == to.year() && !both_years => {
                        format!("{:04}-{:02}…{:02}", from.year(), a.month(), b.month())
                    }
                    _ => format!("{:04}…{:04}", from.year(), to.year()),
                }
            }
            single => single.to_string(),
        }
    }
}

/// ISO 8601 cut to the date's precision: `2020-08-14`, `2020-08`, `2022`; a
/// range as an ISO 8601 interval of its ends, each cut to its own precision:
/// `2020-08-20/2020-11-12`, `2020-08/2020-11`, `2020/2022`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Date::Between(from, to) => write!(f, "{from}/{to}"),
            single => single.start().fmt(f),
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

    /// How `c`'s source is named beside its quote ([`Source::cite_as`]), or
    /// the id it is cited by when the timeline has no such source.
    pub fn cite_as(&self, c: &Citation) -> String {
        self.source_of(c)
            .map_or_else(|| c.source.to_string(), Source::cite_as)
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

#[cfg(test)]
mod tests {
    use super::*;
    use Point::{Day, Month, Year};

    fn between(from: Point, to: Point) -> Date {
        Date::Between(from, to)
    }

    #[test]
    fn a_range_is_read_from_ron_and_its_ends_are_never_ranges() {
        let date: Date = ron::from_str("Between(Day(2020, 8, 20), Month(2020, 11))").unwrap();
        assert_eq!(date, between(Day(2020, 8, 20), Month(2020, 11)));
        assert_eq!(
            ron::from_str::<Date>("Month(2020, 9)"),
            Ok(Date::Month(2020, 9))
        );
        let nested = "Between(Between(Year(2020), Year(2021)), Year(2022))";
        let err = ron::from_str::<Date>(nested).unwrap_err();
        assert!(err.to_string().contains("Between"), "{err}");
    }

    #[test]
    fn iso_forms_are_intervals_of_ends_cut_to_their_own_precision() {
        for (date, iso) in [
            (
                between(Day(2020, 8, 20), Day(2020, 11, 12)),
                "2020-08-20/2020-11-12",
            ),
            (between(Month(2020, 8), Month(2020, 11)), "2020-08/2020-11"),
            (between(Year(2020), Year(2022)), "2020/2022"),
            (
                between(Day(2020, 9, 28), Month(2020, 11)),
                "2020-09-28/2020-11",
            ),
            (between(Month(2020, 8), Year(2022)), "2020-08/2022"),
            (Date::Day(2020, 8, 14), "2020-08-14"),
            (Date::Month(2020, 8), "2020-08"),
            (Date::Year(2022), "2022"),
        ] {
            assert_eq!(date.to_string(), iso, "{date:?}");
        }
    }

    #[test]
    fn long_forms_drop_a_year_both_ends_share() {
        for (date, long) in [
            (
                between(Day(2020, 8, 20), Day(2020, 11, 12)),
                "between 20 August and 12 November 2020",
            ),
            (
                between(Day(2020, 8, 3), Day(2020, 8, 12)),
                "between 3 and 12 August 2020",
            ),
            (
                between(Month(2020, 8), Month(2020, 11)),
                "between August and November 2020",
            ),
            (
                between(Day(2020, 9, 28), Month(2020, 11)),
                "between 28 September and November 2020",
            ),
            (
                between(Month(2020, 8), Day(2020, 11, 12)),
                "between August and 12 November 2020",
            ),
            (between(Year(2020), Year(2022)), "between 2020 and 2022"),
            (
                between(Year(2020), Month(2020, 3)),
                "between 2020 and March 2020",
            ),
            (
                between(Month(2020, 8), Year(2022)),
                "between August 2020 and 2022",
            ),
            (
                between(Day(2020, 12, 20), Day(2021, 1, 12)),
                "between 20 December 2020 and 12 January 2021",
            ),
            (Date::Day(2020, 8, 14), "14 August 2020"),
            (Date::Month(2020, 8), "August 2020"),
            (Date::Year(2022), "2022"),
        ] {
            assert_eq!(date.long(), long, "{date:?}");
        }
    }

    #[test]
    fn short_forms_fit_ten_columns() {
        for (date, short) in [
            (between(Day(2020, 8, 20), Day(2020, 11, 12)), "2020-08…11"),
            (between(Day(2020, 8, 3), Day(2020, 8, 12)), "2020-08…08"),
            (between(Month(2020, 8), Month(2020, 9)), "2020-08…09"),
            (between(Day(2020, 9, 28), Month(2020, 11)), "2020-09…11"),
            // A year as an end stands for all its months.
            (between(Year(2020), Month(2020, 3)), "2020-01…03"),
            (between(Month(2020, 3), Year(2020)), "2020-03…12"),
            (between(Year(2020), Year(2022)), "2020…2022"),
            (between(Month(2020, 8), Day(2021, 1, 12)), "2020…2021"),
            (Date::Day(2020, 8, 14), "2020-08-14"),
            (Date::Month(2020, 8), "2020-08"),
            (Date::Year(2022), "2022"),
        ] {
            assert_eq!(date.short(), short, "{date:?}");
            assert!(short.chars().count() <= 10, "{short}");
        }
    }

    #[test]
    fn a_range_has_its_own_precision_and_sorts_by_its_start() {
        let range = between(Month(2020, 8), Day(2020, 11, 12));
        assert_eq!(range.precision(), Precision::Range);
        assert_eq!(range.precision().as_str(), "range");
        assert_eq!(Date::Month(2020, 8).precision().as_str(), "month");
        assert_eq!(range.sort_key(), Date::Month(2020, 8).sort_key());
        let mut dates = [
            Date::Day(2020, 9, 1),
            between(Day(2020, 8, 20), Year(2021)),
            Date::Month(2020, 8),
            between(Year(2020), Year(2022)),
            Date::Day(2020, 8, 14),
        ];
        dates.sort_by_key(|d| d.sort_key());
        assert_eq!(
            dates,
            [
                between(Year(2020), Year(2022)),
                Date::Month(2020, 8),
                Date::Day(2020, 8, 14),
                between(Day(2020, 8, 20), Year(2021)),
                Date::Day(2020, 9, 1),
            ]
        );
    }

    #[test]
    fn a_ranges_days_run_from_its_starts_first_to_its_ends_last() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let event = |date, sort_as| Event {
            id: "e".into(),
            date,
            inferred: None,
            sort_as,
            title: "t".into(),
            summary: "s".into(),
            kind: Kind::Report,
            actors: vec![],
            tags: vec![],
            paraphrase: vec![],
            citations: vec![],
            disputes: vec![],
            note: None,
            date_text: String::new(),
        };
        let range = between(Month(2020, 8), Month(2020, 11));
        assert_eq!(
            event(range, None).days(),
            Some((d(2020, 8, 1), d(2020, 11, 30)))
        );
        assert_eq!(event(range, None).first_day(), Some(d(2020, 8, 1)));
        // Single dates are a day on the calendar, as before.
        let month = Date::Month(2020, 2);
        assert_eq!(
            event(month, None).days(),
            Some((d(2020, 2, 1), d(2020, 2, 1)))
        );
        // sort_as places the event, as it does in the list.
        let placed = event(range, Some(Date::Day(2020, 9, 5)));
        assert_eq!(placed.days(), Some((d(2020, 9, 5), d(2020, 9, 5))));
        assert_eq!(Year(2020).last_day(), Some(d(2020, 12, 31)));
        assert_eq!(Month(2020, 2).last_day(), Some(d(2020, 2, 29)));
        assert_eq!(Month(2020, 12).last_day(), Some(d(2020, 12, 31)));
        assert_eq!(Month(2020, 13).last_day(), None);
    }
}
