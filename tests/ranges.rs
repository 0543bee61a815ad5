//! Dates that the sources only bound: `Between(from, to)`. Validation, order,
//! every output format, search and the command line, on a small timeline of
//! ranges and single dates that cites the shipped seeds.

#[path = "common/ranges.rs"]
mod ranges;
#[path = "common/search.rs"]
mod search_ids;

use search_ids::ids;

use std::process::Command;

use serde_json::Value;
use timeline_explorer::format;
use timeline_explorer::timeline::{Problem, Timeline};

fn event<'a>(tl: &'a Timeline, id: &str) -> &'a timeline_explorer::timeline::Event {
    tl.event(id).unwrap_or_else(|| panic!("no event {id}"))
}

/// Where the event's id stands in `ron`: where its problems are placed.
fn id_at(ron: &str, id: &str) -> (usize, usize) {
    let needle = format!("id: \"{id}\"");
    let (n, line) = ron
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(&needle))
        .unwrap();
    (n + 1, line.find(&needle).unwrap() + "id: ".len() + 1)
}

fn problems(ron: &str) -> Vec<Problem> {
    ranges::check(ron).report.problems
}

#[test]
fn a_range_that_ends_before_it_starts_is_an_error_at_its_event() {
    let ron = ranges::RON.replace(
        "Between(Day(2020, 9, 28), Month(2020, 11))",
        "Between(Month(2020, 11), Day(2020, 9, 28))",
    );
    let found = problems(&ron);
    assert_eq!(found.len(), 1, "{found:#?}");
    let p = &found[0];
    assert!(p.is_error(), "{p}");
    assert_eq!(
        p.message,
        "event \"cloutier-filing\": date ends before it starts: 2020-09-28 is before 2020-11"
    );
    assert_eq!(
        p.hint.as_deref(),
        Some("write the earlier date first: Between(from, to)")
    );
    assert_eq!(p.at, Some(id_at(&ron, "cloutier-filing")), "{p}");

    // sort_as is held to the same rule.
    let ron = ranges::RON.replace(
        "date: Day(2020, 11, 4),",
        "date: Day(2020, 11, 4), sort_as: Between(Day(2020, 11, 4), Day(2020, 11, 3)),",
    );
    let found = problems(&ron);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].message,
        "event \"injunction-hearing\": sort_as ends before it starts: 2020-11-03 is before 2020-11-04"
    );
    assert_eq!(found[0].at, Some(id_at(&ron, "injunction-hearing")));
}

#[test]
fn an_end_inside_the_starts_period_is_not_backwards() {
    // 10 September is within September; September is within 2020.
    for range in [
        "Between(Month(2020, 9), Day(2020, 9, 10))",
        "Between(Day(2020, 9, 10), Month(2020, 9))",
        "Between(Year(2020), Month(2020, 1))",
        "Between(Month(2020, 9), Day(2020, 9, 1))",
    ] {
        let ron = ranges::RON.replace("Between(Day(2020, 9, 28), Month(2020, 11))", range);
        assert_eq!(problems(&ron), [], "{range}");
    }
    for range in [
        "Between(Month(2020, 9), Day(2020, 8, 31))",
        "Between(Day(2020, 9, 10), Month(2020, 8))",
        "Between(Year(2021), Month(2020, 12))",
    ] {
        let ron = ranges::RON.replace("Between(Day(2020, 9, 28), Month(2020, 11))", range);
        let found = problems(&ron);
        assert!(
            found.len() == 1 && found[0].message.contains("ends before it starts"),
            "{range}: {found:#?}"
        );
    }
}

#[test]
fn a_range_from_a_date_to_itself_is_a_warning() {
    let ron = ranges::RON.replace(
        "Between(Month(2020, 8), Month(2020, 9))",
        "Between(Month(2020, 8), Month(2020, 8))",
    );
    let checked = ranges::check(&ron);
    assert!(checked.is_clean(), "a warning, not an error");
    let found = &checked.report.problems;
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(!found[0].is_error());
    assert_eq!(
        found[0].message,
        "event \"mayer-quits\": date is a range from a date to itself (2020-08)"
    );
    assert_eq!(
        found[0].hint.as_deref(),
        Some("write the date alone: Month(2020, 8)")
    );
    assert_eq!(found[0].at, Some(id_at(&ron, "mayer-quits")));
}

#[test]
fn each_end_must_be_a_possible_date() {
    for (range, why) in [
        (
            "Between(Day(2021, 2, 29), Month(2021, 11))",
            "impossible date: February 2021 has no day 29 (the range's start)",
        ),
        (
            "Between(Day(2020, 9, 28), Month(2020, 13))",
            "impossible date: month 13 is outside 1-12 (the range's end)",
        ),
    ] {
        let ron = ranges::RON.replace("Between(Day(2020, 9, 28), Month(2020, 11))", range);
        let found = problems(&ron);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            format!("event \"cloutier-filing\": {why}")
        );
        assert!(
            found[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("Between(from, to)")
        );
    }
    // An end is never itself a range: refused by the parser, at its place.
    let ron = ranges::RON.replace(
        "Between(Year(2020), Year(2022))",
        "Between(Between(Year(2020), Year(2021)), Year(2022))",
    );
    let found = problems(&ron);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("`Between`"), "{}", found[0]);
    assert!(
        found[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("Day, Month or Year")
    );
    let line = ron
        .lines()
        .position(|l| l.contains("Between(Between"))
        .unwrap()
        + 1;
    assert_eq!(found[0].at.map(|a| a.0), Some(line));
}

#[test]
fn ranges_sort_by_their_start_among_single_dates() {
    let tl = ranges::timeline();
    let order: Vec<&str> = tl.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        order,
        [
            "cloud-move",         // 2020/2022: the start of 2020
            "mayer-quits",        // 2020-08/2020-09: the start of August
            "divestment-order",   // 2020-08-14
            "cloutier-interview", // 2020-08-20/2020-11-12
            "nichols-injunction", // 2020-09-27
            "cloutier-filing",    // 2020-09-28/2020-11
            "injunction-hearing", // 2020-11-04
            "november-deadline",  // 2020-11-12
        ]
    );
    // sort_as places a range like any date.
    let ron = ranges::RON.replace(
        "date: Between(Year(2020), Year(2022)),",
        "date: Between(Year(2020), Year(2022)), sort_as: Day(2020, 10, 1),",
    );
    let tl = ranges::check(&ron).timeline.unwrap();
    let at = tl.events.iter().position(|e| e.id == "cloud-move");
    assert_eq!(at, Some(5), "after the filing, before the hearing");
}

#[test]
fn every_format_shows_a_range() {
    let tl = ranges::timeline();
    let e = event(&tl, "cloutier-interview");
    assert_eq!(format::short_date(e), "~2020-08…11");
    assert_eq!(format::iso_date(e), "~2020-08-20/2020-11-12");
    assert_eq!(
        format::long_date(e),
        "between 20 August and 12 November 2020 (range; inferred)"
    );
    assert_eq!(
        format::text::row(e),
        "~2020-08…11  interview  Cloutier tells Cyberscoop how US data requests work"
    );
    assert_eq!(
        format::text::row(event(&tl, "cloud-move")),
        "~2020…2022   plan       US user data to move to Oracle's cloud"
    );
    let text = format::text::event(&tl, e);
    assert!(
        text.contains("Date:    between 20 August and 12 November 2020 (range; inferred)\n"),
        "{text}"
    );
    let md = format::markdown::event(&tl, e, "#");
    assert!(
        md.starts_with(
            "# ~2020-08-20/2020-11-12 — Cloutier tells Cyberscoop how US data requests work\n\n\
             *between 20 August and 12 November 2020 (range; inferred) · interview · Roland Cloutier*"
        ),
        "{md}"
    );
    let line = format::lines::line(event(&tl, "cloutier-filing"));
    assert!(
        line.starts_with("~2020-09-28/2020-11\tCloutier's filing"),
        "{line}"
    );
    assert!(line.ends_with("\tcloutier-filing\tfiling"), "{line}");
}

#[test]
fn json_gives_an_iso_interval_and_the_range_precision() {
    let tl = ranges::timeline();
    let v = serde_json::to_value(format::json::timeline(&tl, &tl.events)).unwrap();
    let dates: Vec<(&str, &str)> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["date"].as_str().unwrap(),
                e["precision"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        dates,
        [
            ("2020/2022", "range"),
            ("2020-08/2020-09", "range"),
            ("2020-08-14", "day"),
            ("2020-08-20/2020-11-12", "range"),
            ("2020-09-27", "day"),
            ("2020-09-28/2020-11", "range"),
            ("2020-11-04", "day"),
            ("2020-11-12", "day"),
        ]
    );
    // The same fields as for any event: only values are new.
    let keys = |e: &Value| e.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&v["events"][0]), keys(&v["events"][2]));
}

#[test]
fn search_finds_a_range_by_either_end() {
    let tl = ranges::timeline();
    assert_eq!(
        event(&tl, "cloutier-interview").date_text,
        "2020-08-20/2020-11-12 between 20 August and 12 November 2020"
    );
    // Starts with August 2020: the events dated in August, and those whose range begins there.
    assert_eq!(
        ids(&tl, "^2020-08"),
        ["mayer-quits", "divestment-order", "cloutier-interview"]
    );
    // November 2020 anywhere in the date: the ranges that end in it too.
    assert_eq!(
        ids(&tl, "'2020-11"),
        [
            "cloutier-interview",
            "cloutier-filing",
            "injunction-hearing",
            "november-deadline"
        ]
    );
    // And by its words.
    assert_eq!(ids(&tl, r"'between\ 2020\ and\ 2022"), ["cloud-move"]);
    assert_eq!(
        ids(&tl, r"'12\ november\ 2020"),
        ["cloutier-interview", "november-deadline"]
    );
}

#[test]
fn the_command_line_prints_ranges() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(seeds).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            dir.path().join("seeds").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    let ron = dir.path().join("timeline.ron");
    std::fs::write(&ron, ranges::RON).unwrap();
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_timeline-explorer"))
            .arg("--data")
            .arg(&ron)
            .args(args)
            .env("NO_COLOR", "1")
            .env("TIMELINE_EXPLORER_CONFIG", "/nonexistent/config.ron")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let list = run(&["list", "--as-of", "2020-10-01"]);
    assert!(
        list.contains(
            "~2020-08…09  1 to 61 days ago             personnel  Kevin Mayer quits TikTok  "
        ),
        "a range counts down by its bounds: {list}"
    );
    let v: Value =
        serde_json::from_str(&run(&["show", "mayer-quits", "--format", "json"])).unwrap();
    assert_eq!(v["date"], "2020-08/2020-09");
    assert_eq!(v["precision"], "range");
    let shown = run(&["show", "cloutier-filing"]);
    assert!(
        shown.contains("Date:    between 28 September and November 2020 (range; inferred)"),
        "{shown}"
    );
}
