//! The JSON Knight Lab's TimelineJS3 loads (its "JSON format": `title` and
//! `events` slides), for `list --format timelinejs`. TimelineJS renders a
//! slide's `headline` and `text` as HTML, so the timeline's text is escaped;
//! a date known only to a month, a year or a range, or inferred, carries a
//! `display_date` in words so the page is as honest about it as the terminal.

use serde::Serialize;

use crate::sanitize::one_line;
use crate::timeline::{Citation, Event, Point, Precision, Timeline};

#[derive(Debug, Serialize)]
pub struct TimelineJs {
    pub title: Slide,
    pub events: Vec<Slide>,
}

#[derive(Debug, Serialize)]
pub struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<DateJs>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<DateJs>,
    pub text: TextJs,
    /// The kind: TimelineJS puts a group's events on rows of their own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Shown instead of the date TimelineJS would write from the numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unique_id: Option<String>,
}

/// A date as TimelineJS takes it: strings, only as precise as known.
#[derive(Debug, Serialize)]
pub struct DateJs {
    pub year: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TextJs {
    pub headline: String,
    /// HTML.
    pub text: String,
}

pub fn timeline<'a>(tl: &Timeline, events: impl IntoIterator<Item = &'a Event>) -> TimelineJs {
    let events: Vec<Slide> = events.into_iter().map(|e| slide(tl, e)).collect();
    let n = events.len();
    let mut text = format!(
        "<p>{n} {}, each backed by verbatim quotes from its sources.</p>",
        if n == 1 { "event" } else { "events" }
    );
    if !tl.sources.is_empty() {
        text += "<p>Sources:</p><ul>";
        for s in &tl.sources {
            text += &format!("<li>{}</li>", html(&s.cite_as()));
        }
        text += "</ul>";
    }
    TimelineJs {
        title: Slide {
            start_date: None,
            end_date: None,
            text: TextJs {
                headline: html(&tl.title),
                text,
            },
            group: None,
            display_date: None,
            unique_id: None,
        },
        events,
    }
}

fn slide(tl: &Timeline, e: &Event) -> Slide {
    let (from, to) = e.date.ends();
    let ranged = e.date.precision() == Precision::Range;
    let honest = e.date.precision() != Precision::Day || e.inferred.is_some();
    let mut text = format!("<p>{}</p>", html(&e.summary));
    for c in &e.citations {
        text += &quote(tl, c);
    }
    for d in &e.disputes {
        text += &format!("<p><strong>Disputed:</strong> {}</p>", html(&d.about));
        for c in &d.sides {
            text += &quote(tl, c);
        }
    }
    if let Some(why) = &e.inferred {
        text += &format!("<p><em>Date inferred:</em> {}</p>", html(why));
    }
    Slide {
        start_date: Some(date(from)),
        end_date: ranged.then(|| date(to)),
        text: TextJs {
            headline: html(&e.title),
            text,
        },
        group: Some(e.kind.as_str().to_string()),
        display_date: honest.then(|| {
            let inferred = if e.inferred.is_some() {
                " (inferred)"
            } else {
                ""
            };
            format!("{}{inferred}", e.date.long())
        }),
        unique_id: Some(one_line(&e.id).into_owned()),
    }
}

/// A quote as a block, its source named under it (TimelineJS puts a dash
/// before a `cite` in a `blockquote`).
fn quote(tl: &Timeline, c: &Citation) -> String {
    let source = tl.cite_as(c);
    format!(
        "<blockquote>“{}”<cite>{}</cite></blockquote>",
        html(&c.quote),
        html(&source)
    )
}

fn date(p: Point) -> DateJs {
    let (year, month, day) = match p {
        Point::Day(y, m, d) => (y, Some(m), Some(d)),
        Point::Month(y, m) => (y, Some(m), None),
        Point::Year(y) => (y, None, None),
    };
    DateJs {
        year: year.to_string(),
        month: month.map(|m| m.to_string()),
        day: day.map(|d| d.to_string()),
    }
}

/// Text for an HTML element: on one line, without control characters, and
/// with `& < > " '` as entities so no markup in the data is ever markup.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s.trim()).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_drops_controls() {
        assert_eq!(
            html(r#"<script>alert("x&y's")</script>"#),
            "&lt;script&gt;alert(&quot;x&amp;y&#39;s&quot;)&lt;/script&gt;"
        );
        assert_eq!(html(" a\nb\x1b[31m\tc "), "a b c");
        assert_eq!(html("“12 November”"), "“12 November”");
    }
}
