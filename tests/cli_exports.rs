//! The exports, from the built binary: `--format ics` (read back by the
//! independent `ical` parser, and byte by byte against RFC 5545's rules) and
//! `--format timelinejs` (the JSON TimelineJS3 loads).

use std::fs;
use std::process::Output;

use serde_json::Value;

mod common;

use common::cli::run;

fn ok(args: &[&str]) -> Output {
    let o = run(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// A calendar as `ical` parsed it, and its text unfolded as RFC 5545 (3.1)
/// says: each CRLF followed by one space removed, and nothing else.
struct Parsed {
    cal: ical::parser::ical::component::IcalCalendar,
    unfolded: String,
}

/// The calendar `args` print, checked against RFC 5545's line rules, then
/// parsed by `ical`: every line ends in CRLF, none is over 75 octets, a
/// fold never splits a character, and there is exactly one calendar.
fn calendar(args: &[&str]) -> (Parsed, Output) {
    let o = ok(args);
    let bytes = &o.stdout;
    assert!(bytes.ends_with(b"END:VCALENDAR\r\n"), "{args:?}");
    let lines: Vec<&[u8]> = bytes[..bytes.len() - 1].split(|&b| b == b'\n').collect();
    for line in &lines {
        let line = line.strip_suffix(b"\r").expect("every line ends in CRLF");
        assert!(!line.contains(&b'\r'), "a bare CR");
        assert!(
            line.len() <= 75,
            "{} octets: {:?}",
            line.len(),
            String::from_utf8_lossy(line)
        );
        // A fold inside a character would leave half of it on each line.
        assert!(
            std::str::from_utf8(line).is_ok(),
            "a fold split a character: {line:?}"
        );
        // Nothing from the data may drive a terminal: no controls but CRLF.
        assert!(!line.iter().any(|&b| b < 0x20 || b == 0x7f), "{line:?}");
    }
    let mut parsed = ical::IcalParser::new(&bytes[..]);
    let cal = parsed.next().expect("a calendar").expect("that parses");
    assert!(parsed.next().is_none(), "one calendar");
    let unfolded = String::from_utf8(bytes.clone())
        .unwrap()
        .replace("\r\n ", "");
    (Parsed { cal, unfolded }, o)
}

/// The TEXT property `name` is `want`, once escaped. `ical` trims each line
/// as it unfolds (against RFC 5545, 3.1), so a space a fold left at the end
/// of a line is missing from its value: the value `ical` read is compared
/// without spaces, and the exact property is sought in the strictly
/// unfolded text.
fn assert_text(parsed: &Parsed, props: &[ical::property::Property], name: &str, want: &str) {
    let want = escaped(want);
    let got = value(props, name);
    assert_eq!(got.replace(' ', ""), want.replace(' ', ""), "{name}");
    assert!(
        parsed.unfolded.contains(&format!("\r\n{name}:{want}\r\n")),
        "{name}:{want}"
    );
}

fn prop<'a>(props: &'a [ical::property::Property], name: &str) -> &'a ical::property::Property {
    props
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

fn value<'a>(props: &'a [ical::property::Property], name: &str) -> &'a str {
    prop(props, name).value.as_deref().unwrap_or("")
}

/// TEXT as RFC 5545 (3.3.11) escapes it.
fn escaped(s: &str) -> String {
    s.replace('\\', r"\\")
        .replace(';', r"\;")
        .replace(',', r"\,")
        .replace('\n', r"\n")
}

fn shipped_json() -> Value {
    serde_json::from_slice(&ok(&["list", "--format", "json"]).stdout).unwrap()
}

#[test]
fn list_ics_has_one_all_day_event_per_day_dated_event_and_counts_the_rest() {
    let (parsed, o) = calendar(&["--as-of", "2020-10-04", "list", "--format", "ics"]);
    let cal = &parsed.cal;
    let json = shipped_json();
    // How a citation names its source: label, then publisher.
    let source = |id: &str| {
        let sources = json["sources"].as_array().unwrap();
        let s = sources.iter().find(|s| s["id"] == id).unwrap();
        let label = s["label"].as_str().unwrap();
        match s["publisher"].as_str() {
            Some(p) => format!("{label}, {p}"),
            None => label.to_string(),
        }
    };
    let events = json["events"].as_array().unwrap();
    let days: Vec<&Value> = events.iter().filter(|e| e["precision"] == "day").collect();
    let left_out = events.len() - days.len();
    assert!(!days.is_empty() && left_out > 0);
    assert_eq!(cal.events.len(), days.len());

    assert_eq!(value(&cal.properties, "VERSION"), "2.0");
    assert_eq!(
        value(&cal.properties, "X-WR-CALNAME"),
        r"TikTok\, ByteDance and US user data\, 2020-2022"
    );
    let comment = value(&cal.properties, "COMMENT");
    assert!(
        comment.starts_with(&format!(
            r"{} events in this calendar\, each dated to the day\; {left_out} left out\, dated only to a month",
            days.len()
        )),
        "{comment}"
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(&format!("; {left_out} left out,")),
        "{stderr}"
    );

    let mut uids = std::collections::BTreeSet::new();
    for (ev, e) in cal.events.iter().zip(&days) {
        let p = &ev.properties;
        let id = e["id"].as_str().unwrap();
        let uid = value(p, "UID");
        assert_eq!(
            uid,
            format!("{id}@tiktok-bytedance-and-us-user-data-2020-2022.timeline-explorer")
        );
        assert!(uids.insert(uid.to_string()), "UIDs are unique: {uid}");
        // An all-day event: a DATE, and an end the next day (DTEND is exclusive).
        let start = prop(p, "DTSTART");
        assert_eq!(
            start.params.as_deref(),
            Some(&[("VALUE".to_string(), vec!["DATE".to_string()])][..])
        );
        let day =
            chrono::NaiveDate::parse_from_str(e["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        assert_eq!(value(p, "DTSTART"), day.format("%Y%m%d").to_string());
        assert_eq!(prop(p, "DTEND").params, start.params);
        assert_eq!(
            value(p, "DTEND"),
            day.succ_opt().unwrap().format("%Y%m%d").to_string()
        );
        assert_eq!(value(p, "DTSTAMP"), "20201004T000000Z");
        assert_text(&parsed, p, "SUMMARY", e["title"].as_str().unwrap());
        assert_eq!(value(p, "CATEGORIES"), e["kind"].as_str().unwrap());
        // The summary, then the key quote (on list, the first) and its
        // source, then why the date is inferred.
        let key = &e["citations"][0];
        let mut want = format!(
            "{}\n\n“{}”\n— {}",
            e["summary"].as_str().unwrap(),
            key["quote"].as_str().unwrap(),
            source(key["source"].as_str().unwrap())
        );
        if e["inferred"] == true {
            want += &format!("\n\nDate inferred: {}", e["date_note"].as_str().unwrap());
        }
        assert_text(&parsed, p, "DESCRIPTION", &want);
    }
    // The 12 November deadline is there, on its day.
    let deadline = cal
        .events
        .iter()
        .find(|ev| value(&ev.properties, "UID").starts_with("november-deadline@"))
        .expect("the 12 November deadline");
    assert_eq!(value(&deadline.properties, "DTSTART"), "20201112");
    assert!(
        parsed
            .unfolded
            .contains(r"\n— TikTok Chief Security Officer states that its servers")
    );
}

#[test]
fn uids_stay_the_same_from_export_to_export() {
    let uids = |as_of: &str| {
        let (parsed, _) = calendar(&["--as-of", as_of, "list", "--format", "ics"]);
        parsed
            .cal
            .events
            .iter()
            .map(|ev| value(&ev.properties, "UID").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(uids("2020-10-04"), uids("2024-01-01"));
    // And the same command writes the same bytes.
    let args = ["--as-of", "2020-10-04", "list", "--format", "ics"];
    assert_eq!(ok(&args).stdout, ok(&args).stdout);
}

#[test]
fn the_filter_applies_and_the_agenda_quotes_the_date() {
    let (parsed, _) = calendar(&["list", "--filter", "nichols", "--format", "ics"]);
    let cal = &parsed.cal;
    assert_eq!(cal.events.len(), 1);
    assert!(value(&cal.events[0].properties, "UID").starts_with("nichols-injunction@"));
    assert!(value(&cal.properties, "COMMENT").starts_with(r"1 event in this calendar\,"));
    // A filter that matches nothing: an empty calendar, and exit 1 as for list.
    let none = run(&["list", "--filter", "zzzqqq", "--format", "ics"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stdout).contains("BEGIN:VCALENDAR\r\n"));

    // The agenda: what is ahead and known to the day, each with the quote
    // that states its date; the 2022 ranges are left out.
    let (parsed, _) = calendar(&["--as-of", "2020-10-04", "agenda", "--format", "ics"]);
    let cal = &parsed.cal;
    let ids: Vec<&str> = cal
        .events
        .iter()
        .map(|ev| value(&ev.properties, "UID").split('@').next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "injunction-hearing",
            "november-deadline",
            "fcc-reply-deadline"
        ]
    );
    assert!(
        value(&cal.properties, "COMMENT")
            .starts_with(r"3 events in this calendar\, each dated to the day\; 4 left out")
    );
    // The quote in each description, as `ical` read it (less its spaces).
    let quote = |i: usize| {
        let d = value(&cal.events[i].properties, "DESCRIPTION").replace(' ', "");
        d.split('“')
            .nth(1)
            .unwrap()
            .split('”')
            .next()
            .unwrap()
            .to_string()
    };
    let said = "The order is expected to come into force on 12 November which will essentially \
                suspend the service of the app.";
    assert_eq!(quote(1), said.replace(' ', ""));
    assert!(quote(2).contains("untilJuly8"), "{}", quote(2));
    // Nothing ahead: still exit 1.
    let o = run(&["--as-of", "2022-07-09", "agenda", "--format", "ics"]);
    assert_eq!(o.status.code(), Some(1));
}

const ARTICLE: &str = r#"Ein Gericht, so heißt es; über \ und <b>Schrägstriche</b> & "Anführungszeichen" entschied es nicht."#;
const LONG: &str = "Über-lange Zeile mit Umlauten äöü und 漢字 ";

/// A timeline folder whose title and one event carry what a calendar and a
/// web page must escape, and what a terminal must never see.
fn awkward() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("seeds")).unwrap();
    fs::write(dir.path().join("seeds/a.txt"), ARTICLE).unwrap();
    // The quote as a RON string: the article's words, escaped.
    let quote = ARTICLE.replace('\\', r"\\").replace('"', r#"\""#);
    let ron = format!(
        r#"Timeline(
    title: "Mine, <i>yours</i>; ours",
    sources: [Source(id: "a", file: "seeds/a.txt", headline: "Größe, Länge; Höhe")],
    events: [
        Event(id: "court", date: Day(2021, 3, 4), title: "A court: a, b; c \\ d <script>x</script>\u{{1b}}[31m",
              summary: "First line,\nsecond; line. {long}", kind: Court,
              citations: [(source: "a", quote: "{quote}")]),
        Event(id: "month", date: Month(2021, 3), title: "Later that month", summary: "Something.", kind: Court,
              citations: [(source: "a", quote: "Ein Gericht")]),
    ],
)"#,
        long = LONG.repeat(6),
    );
    fs::write(dir.path().join("timeline.ron"), ron).unwrap();
    dir
}

#[test]
fn ics_escapes_text_strips_controls_and_folds_between_characters() {
    let dir = awkward();
    let data = dir.path().join("timeline.ron");
    let data = data.to_str().unwrap();
    let (parsed, o) = calendar(&["--data", data, "list", "--format", "ics"]);
    let cal = &parsed.cal;
    assert_eq!(cal.events.len(), 1, "the month is left out");
    let p = &cal.events[0].properties;
    // Commas, semicolons, backslashes and newlines escaped; the escape
    // sequence (ESC [31m) gone whole.
    assert_text(
        &parsed,
        p,
        "SUMMARY",
        r"A court: a, b; c \ d <script>x</script>",
    );
    assert!(
        parsed
            .unfolded
            .contains(r"SUMMARY:A court: a\, b\; c \\ d <script>x</script>")
    );
    let want = format!(
        "First line,\nsecond; line. {}\n\n“{ARTICLE}”\n— Größe, Länge; Höhe",
        LONG.repeat(6).trim()
    );
    assert_text(&parsed, p, "DESCRIPTION", &want);
    assert!(
        parsed
            .unfolded
            .contains(r"DESCRIPTION:First line\,\nsecond\; line.")
    );
    assert_eq!(
        value(&cal.properties, "X-WR-CALNAME"),
        r"Mine\, <i>yours</i>\; ours"
    );
    assert!(value(p, "UID").starts_with("court@mine-i-yours-i-ours.timeline-explorer"));
    // The long description was folded, and among multi-byte characters.
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("\r\n "), "folded");
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn timelinejs_gives_the_title_slide_and_one_slide_per_event() {
    let v = shipped_json();
    let o = ok(&["list", "--format", "timelinejs"]);
    assert!(o.stderr.is_empty());
    let t: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        t["title"]["text"]["headline"],
        "TikTok, ByteDance and US user data, 2020-2022"
    );
    let intro = t["title"]["text"]["text"].as_str().unwrap();
    assert!(
        intro.starts_with("<p>25 events, each backed by verbatim quotes"),
        "{intro}"
    );
    assert!(
        intro.contains("<li>TikTok has access to US users’ data</li>"),
        "{intro}"
    );
    assert!(t["title"].get("start_date").is_none());
    let slides = t["events"].as_array().unwrap();
    let events = v["events"].as_array().unwrap();
    assert_eq!(slides.len(), events.len());
    for (s, e) in slides.iter().zip(events) {
        assert_eq!(s["unique_id"], e["id"]);
        assert_eq!(s["group"], e["kind"]);
        // Dates are objects of strings.
        assert!(s["start_date"]["year"].is_string(), "{s}");
        assert_eq!(
            s.get("end_date").is_some(),
            e["precision"] == "range",
            "{s}"
        );
        // A display date exactly where the numbers alone would overstate.
        let honest = e["precision"] != "day" || e["inferred"] == true;
        assert_eq!(s.get("display_date").is_some(), honest, "{s}");
        let text = s["text"]["text"].as_str().unwrap();
        for c in e["citations"].as_array().unwrap() {
            let q = c["quote"]
                .as_str()
                .unwrap()
                .replace('\'', "&#39;")
                .replace('"', "&quot;");
            assert!(text.contains(&format!("<blockquote>“{q}”<cite>")), "{text}");
        }
    }
    let slide = |id: &str| slides.iter().find(|s| s["unique_id"] == id).unwrap();
    let deadline = slide("november-deadline");
    assert_eq!(
        deadline["start_date"],
        serde_json::json!({"year": "2020", "month": "11", "day": "12"})
    );
    assert_eq!(deadline["display_date"], "12 November 2020 (inferred)");
    assert_eq!(
        deadline["text"]["headline"],
        "12 November: deadline to sell; the 14 August order expected to come into force"
    );
    let emergency = slide("emergency-order");
    assert_eq!(
        emergency["display_date"],
        "between 1 and 14 August 2020 (inferred)"
    );
    assert_eq!(
        emergency["end_date"],
        serde_json::json!({"year": "2020", "month": "8", "day": "14"})
    );
    assert_eq!(
        slide("commerce-memo")["start_date"],
        serde_json::json!({"year": "2020", "month": "9"})
    );
    assert_eq!(slide("commerce-memo")["display_date"], "September 2020");

    // --filter applies.
    let o = ok(&["list", "--filter", "nichols", "--format", "timelinejs"]);
    let t: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(t["events"].as_array().unwrap().len(), 1);
    assert!(
        t["title"]["text"]["text"]
            .as_str()
            .unwrap()
            .starts_with("<p>1 event,")
    );
}

#[test]
fn timelinejs_escapes_html_and_strips_controls() {
    let dir = awkward();
    let data = dir.path().join("timeline.ron");
    let o = ok(&[
        "--data",
        data.to_str().unwrap(),
        "list",
        "--format",
        "timelinejs",
    ]);
    let raw = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        !raw.contains("\\u001b"),
        "no escape character, even as JSON"
    );
    let t: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        t["title"]["text"]["headline"],
        "Mine, &lt;i&gt;yours&lt;/i&gt;; ours"
    );
    let court = &t["events"][1];
    assert_eq!(court["unique_id"], "court");
    assert_eq!(
        court["text"]["headline"],
        r"A court: a, b; c \ d &lt;script&gt;x&lt;/script&gt;"
    );
    let text = court["text"]["text"].as_str().unwrap();
    assert!(text.starts_with("<p>First line, second; line."), "{text}");
    assert!(
        text.contains(
            "über \\ und &lt;b&gt;Schrägstriche&lt;/b&gt; &amp; &quot;Anführungszeichen&quot;"
        ),
        "{text}"
    );
    assert!(text.contains("<cite>Größe, Länge; Höhe</cite>"), "{text}");
    assert_eq!(t["events"][0]["display_date"], "March 2021");
}
