//! Loading a timeline in parts finds what loading it whole finds: the same
//! events in the same order once merged, the same problems in the same order,
//! the same tallies, and a parse error at the same place.

use std::path::Path;

use timeline_explorer::timeline::stream::{Part, loader};
use timeline_explorer::timeline::{Event, Problem, check_path};

/// What a load in parts delivered, put together as the app does.
struct Loaded {
    parts: Vec<&'static str>,
    events: Vec<Event>,
    problems: Vec<Problem>,
    total: usize,
    tallies: Vec<timeline_explorer::timeline::Tally>,
}

fn load(path: &Path, first: usize) -> Loaded {
    load_reading(path, first, usize::MAX)
}

/// `load`, reading at most `chunk` bytes of the file at a time.
fn load_reading(path: &Path, first: usize, chunk: usize) -> Loaded {
    let mut out = Loaded {
        parts: Vec::new(),
        events: Vec::new(),
        problems: Vec::new(),
        total: 0,
        tallies: Vec::new(),
    };
    loader(path)
        .first_batch(first)
        .chunk_bytes(chunk)
        .run(|part| {
            match part {
                Part::Head { head, total } => {
                    out.parts.push("head");
                    assert!(head.events.is_empty());
                    out.total = total;
                }
                Part::Events {
                    events,
                    problems,
                    loaded,
                } => {
                    out.parts.push("events");
                    out.events.extend(events);
                    // Stable: ties keep file order, as the app's merge does.
                    out.events.sort_by_key(|e| e.sort_key());
                    assert_eq!(out.events.len(), loaded);
                    out.problems.extend(problems);
                }
                Part::Failed(problems) => {
                    out.parts.push("failed");
                    out.problems.extend(problems);
                }
                Part::Whole(_) => out.parts.push("whole"),
                Part::Done { report, .. } => {
                    out.parts.push("done");
                    out.problems.extend(report.problems);
                    out.tallies = report.tallies;
                }
            }
            true
        });
    out
}

fn ids(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.id.as_str()).collect()
}

fn strings(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(|p| p.to_string()).collect()
}

/// The shipped timeline and its seeds, copied so it can be edited.
fn copy(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    for f in std::fs::read_dir("data/seeds").unwrap() {
        let f = f.unwrap();
        std::fs::copy(f.path(), dir.path().join("seeds").join(f.file_name())).unwrap();
    }
    let ron = std::fs::read_to_string("data/timeline.ron").unwrap();
    std::fs::write(dir.path().join("timeline.ron"), edit(&ron)).unwrap();
    dir
}

#[test]
fn the_shipped_timeline_in_batches_of_four_is_the_timeline_loaded_whole() {
    let path = Path::new("data/timeline.ron");
    let whole = check_path(path);
    let tl = whole.timeline.as_ref().unwrap();
    let parts = load(path, 4);
    assert_eq!(parts.parts.first(), Some(&"head"));
    assert_eq!(parts.parts.last(), Some(&"done"));
    assert!(parts.parts.len() > 4, "several batches: {:?}", parts.parts);
    assert_eq!(parts.total, tl.events.len());
    assert_eq!(ids(&parts.events), ids(&tl.events));
    for (a, b) in parts.events.iter().zip(&tl.events) {
        assert_eq!(a.date_text, b.date_text);
        let spans = |e: &Event| -> Vec<_> {
            e.quotes()
                .map(|c| (c.source_index, c.span.clone()))
                .collect()
        };
        assert_eq!(spans(a), spans(b), "{}: quotes found where they are", a.id);
    }
    assert_eq!(strings(&parts.problems), strings(&whole.report.problems));
    assert_eq!(parts.tallies, whole.report.tallies);
}

#[test]
fn the_file_read_in_parts_of_any_size_gives_the_same_events() {
    let path = Path::new("data/timeline.ron");
    let whole = check_path(path);
    let tl = whole.timeline.as_ref().unwrap();
    // One event at a time (each is longer than 10 bytes), a few, all.
    for chunk in [10, 3000, usize::MAX] {
        let parts = load_reading(path, 8, chunk);
        assert_eq!(parts.parts.last(), Some(&"done"), "{chunk}");
        assert_eq!(ids(&parts.events), ids(&tl.events), "{chunk}");
        let titles = |es: &[Event]| es.iter().map(|e| e.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&parts.events), titles(&tl.events), "{chunk}");
        assert_eq!(strings(&parts.problems), strings(&whole.report.problems));
    }
}

#[test]
fn problems_found_in_parts_are_those_found_whole_in_the_same_order() {
    // A quote changed so it is no longer in its article, and a duplicate id.
    let dir = copy(|ron| {
        ron.replacen("quote: \"", "quote: \"not in any article ", 3)
            .replacen("id: \"", "id: \"Bad Id ", 1)
    });
    let path = dir.path().join("timeline.ron");
    let whole = check_path(&path);
    assert!(whole.report.problems.len() >= 4);
    let parts = load(&path, 3);
    assert_eq!(strings(&parts.problems), strings(&whole.report.problems));
    assert_eq!(parts.tallies, whole.report.tallies);
}

#[test]
fn an_event_that_does_not_parse_stops_loading_where_loading_whole_says_it_is() {
    // Break the 20th event: everything before it loads.
    let dir = copy(|ron| {
        let at = ron
            .match_indices("        Event(\n            id:")
            .nth(19)
            .unwrap()
            .0;
        format!(
            "{}        Event(\n            idd: 1,{}",
            &ron[..at],
            &ron[at + 15..]
        )
    });
    let path = dir.path().join("timeline.ron");
    let whole = check_path(&path);
    assert!(whole.timeline.is_none());
    let parts = load(&path, 2);
    assert_eq!(parts.parts.last(), Some(&"failed"));
    let failed = parts.problems.last().unwrap();
    assert_eq!(failed.to_string(), whole.report.problems[0].to_string());
    assert!(
        failed.to_string().contains(":"),
        "file:line:column: {failed}"
    );
    assert_eq!(parts.events.len(), 19, "the events before it loaded");
}

#[test]
fn a_file_that_cannot_be_read_fails_with_what_check_says() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.ron");
    let parts = load(&path, 2);
    assert_eq!(parts.parts, ["failed"]);
    assert_eq!(
        strings(&parts.problems),
        strings(&check_path(&path).report.problems)
    );
}

#[test]
fn a_file_saved_again_while_it_loads_stops_loading_and_says_so() {
    // Only parts of the file are read after its events are found: one saved
    // meanwhile would give parts of another text, events cut anywhere.
    let dir = copy(|ron| ron.to_string());
    let path = dir.path().join("timeline.ron");
    let mut parts = Vec::new();
    let mut problems = Vec::new();
    loader(&path).first_batch(4).run(|part| {
        match part {
            Part::Head { .. } => {
                parts.push("head");
                let ron = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, format!("// saved again\n{ron}")).unwrap();
            }
            Part::Events { .. } => parts.push("events"),
            Part::Failed(p) => {
                parts.push("failed");
                problems.extend(p);
            }
            Part::Whole(_) => parts.push("whole"),
            Part::Done { .. } => parts.push("done"),
        }
        true
    });
    assert_eq!(parts, ["head", "failed"]);
    assert_eq!(
        strings(&problems),
        [format!(
            "{}: error: the file changed while it was loading\n    hint: it is read again once saved",
            path.display()
        )]
    );
}
