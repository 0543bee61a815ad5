//! A calendar (RFC 5545) of the events known to the day: one all-day VEVENT
//! each, for `list --format ics` and `agenda --format ics`. The `icalendar`
//! crate writes it: CRLF line ends, TEXT escaped, lines folded at 75 octets
//! on character boundaries. Events dated only to a month, a year or a range
//! have no day to stand on: they are left out and counted in a COMMENT.

use chrono::{NaiveDate, NaiveTime};
use icalendar::{Calendar, Component, EventLike, Property};

use crate::sanitize::{one_line, sanitize};
use crate::timeline::{Date, Event, Timeline};

/// The calendar's text, and how many events went in and were left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub text: String,
    pub written: usize,
    pub left_out: usize,
}

/// A calendar of `events`; `key` picks the citation (an index into
/// `citations`) each event's description quotes. DTSTAMP is the as-of
/// date at midnight UTC, so the same command writes the same file.
pub fn calendar<'a>(
    tl: &Timeline,
    events: impl IntoIterator<Item = &'a Event>,
    as_of: NaiveDate,
    key: impl Fn(&Event) -> usize,
) -> Export {
    let stamp = as_of.and_time(NaiveTime::MIN).and_utc();
    let domain = uid_domain(&tl.title);
    let mut cal = Calendar::empty();
    for (name, value) in [
        ("VERSION", "2.0".to_string()),
        (
            "PRODID",
            format!(
                "-//timeline-explorer//timeline-explorer {}//EN",
                env!("CARGO_PKG_VERSION")
            ),
        ),
        ("CALSCALE", "GREGORIAN".into()),
        ("METHOD", "PUBLISH".into()),
        // The name calendar apps give the imported calendar.
        ("X-WR-CALNAME", one_line(&tl.title).into_owned()),
    ] {
        cal.append_property(Property::new(name, value));
    }
    let (mut written, mut left_out) = (0, 0);
    for e in events {
        let Some(day) = day_of(e) else {
            left_out += 1;
            continue;
        };
        written += 1;
        let mut event = icalendar::Event::new();
        event
            .uid(&format!("{}@{domain}", one_line(&e.id)))
            .timestamp(stamp)
            .starts(day)
            .summary(&one_line(&e.title))
            .description(&description(tl, e, key(e)))
            .categories([e.kind.as_str()])
            // A day on a timeline does not make anyone busy.
            .add_property("TRANSP", "TRANSPARENT");
        // DTEND is exclusive: the next day. 31 December 9999 has none, and
        // a DATE start with no end is one day anyway (RFC 5545, 3.6.1).
        if let Some(next) = day.succ_opt() {
            event.ends(next);
        }
        cal.push(event.done());
    }
    // COMMENT is IANA-registered, so the grammar allows it on the calendar.
    cal.append_property(Property::new(
        "COMMENT",
        left_out_comment(written, left_out),
    ));
    Export {
        text: cal.done().to_string(),
        written,
        left_out,
    }
}

/// The day an event is on, if it is known to the day.
fn day_of(e: &Event) -> Option<NaiveDate> {
    match e.date {
        Date::Day(y, m, d) => NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    }
}

/// "8 events in this calendar, each dated to the day; 17 left out, ..."
pub fn left_out_comment(written: usize, left_out: usize) -> String {
    let events = if written == 1 { "event" } else { "events" };
    format!(
        "{written} {events} in this calendar, each dated to the day; {left_out} left out, \
         dated only to a month, a year or a range of days (timeline-explorer list shows them all)"
    )
}

/// The summary, the key quote with its source, and why the date is inferred.
fn description(tl: &Timeline, e: &Event, key: usize) -> String {
    let mut out = sanitize(e.summary.trim()).into_owned();
    if let Some(c) = e.citations.get(key).or(e.citations.first()) {
        let source = tl.cite_as(c);
        out += &format!(
            "\n\n“{}”\n— {}",
            one_line(c.quote.trim()),
            one_line(&source)
        );
    }
    if let Some(why) = &e.inferred {
        out += &format!("\n\nDate inferred: {}", one_line(why.trim()));
    }
    out
}

/// Where UIDs say they come from: the timeline's title as a slug, so one
/// timeline's events keep their UIDs from export to export and two
/// timelines' events sharing an id do not collide.
fn uid_domain(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "timeline" } else { slug };
    format!("{slug}.timeline-explorer")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_domains_are_slugs_of_the_title() {
        assert_eq!(
            uid_domain("TikTok, ByteDance and US user data, 2020-2022"),
            "tiktok-bytedance-and-us-user-data-2020-2022.timeline-explorer"
        );
        assert_eq!(uid_domain("«»"), "timeline.timeline-explorer");
        assert_eq!(uid_domain(""), "timeline.timeline-explorer");
        assert!(uid_domain(&"a ".repeat(500)).len() < 80);
    }

    #[test]
    fn the_comment_counts_in_words() {
        assert!(left_out_comment(1, 2).starts_with("1 event in this calendar"));
        assert!(left_out_comment(2, 1).starts_with("2 events in"));
        assert!(left_out_comment(1, 2).contains("; 2 left out, dated only"));
    }
}
