//! The shipped timeline: clean under `check`, holding the anchor events, and
//! every quote standing verbatim in its article.

use timeline_explorer::timeline::{
    Date, Problem, check_builtin, check_path, load_builtin, quote::collapse,
};

#[test]
fn shipped_timeline_passes_check_strict() {
    // Not a warning either: no title or summary says what its quotes do not
    // (the claims lint), every source has a label, every title fits a row.
    let mut c = check_builtin();
    c.report.make_strict();
    assert_eq!(
        c.report.problems,
        Vec::<Problem>::new(),
        "problems in the shipped data"
    );
    assert!(c.is_clean());
    for t in &c.report.tallies {
        assert!(t.cited > 0 && t.found == t.cited, "{t:?}");
    }
    // And as a curator runs it, on the file on disk.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_timeline-explorer"))
        .args([
            "--data",
            concat!(env!("CARGO_MANIFEST_DIR"), "/data"),
            "check",
            "--strict",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.ends_with("ok: every quote found verbatim in its source\n"),
        "{text}"
    );
}

#[test]
fn the_file_on_disk_is_the_one_built_in() {
    let disk = check_path(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/timeline.ron"
    )));
    assert!(disk.is_clean());
    assert_eq!(
        disk.timeline.unwrap().events.len(),
        load_builtin().unwrap().events.len()
    );
}

#[test]
fn anchor_events_are_on_their_dates() {
    let tl = load_builtin().unwrap();
    for (id, date) in [
        ("divestment-order", Date::Day(2020, 8, 14)),
        ("oracle-deal", Date::Day(2020, 9, 19)),
        ("nichols-injunction", Date::Day(2020, 9, 27)),
        ("injunction-hearing", Date::Day(2020, 11, 4)),
        ("november-deadline", Date::Day(2020, 11, 12)),
    ] {
        assert_eq!(tl.event(id).map(|e| e.date), Some(date), "{id}");
    }
    assert!((15..=40).contains(&tl.events.len()));
}

#[test]
fn every_quote_stands_verbatim_in_its_article() {
    let tl = load_builtin().unwrap();
    for e in &tl.events {
        assert!(!e.citations.is_empty(), "{} cites nothing", e.id);
        for c in e
            .citations
            .iter()
            .chain(e.disputes.iter().flat_map(|d| &d.sides))
        {
            let source = tl.source(&c.source).unwrap();
            assert_eq!(collapse(source.passage(c)), collapse(&c.quote), "{}", e.id);
        }
        for d in &e.disputes {
            assert!(d.sides.len() >= 2, "{}", e.id);
            // Two sources, or one article against itself (a headline and its body).
            let mut quotes: Vec<&str> = d.sides.iter().map(|s| s.quote.as_str()).collect();
            quotes.sort_unstable();
            quotes.dedup();
            assert!(
                quotes.len() >= 2,
                "{}: a dispute needs two different sides",
                e.id
            );
        }
    }
}

#[test]
fn dates_without_a_stated_year_are_marked_inferred() {
    let tl = load_builtin().unwrap();
    // Only 004 states a year ("a September 2020 memo"); every other date is inferred.
    let stated: Vec<&str> = tl
        .events
        .iter()
        .filter(|e| e.inferred.is_none())
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(stated, ["commerce-memo"]);
}

#[test]
fn events_are_in_date_order() {
    let tl = load_builtin().unwrap();
    assert!(
        tl.events
            .windows(2)
            .all(|w| w[0].sort_key() <= w[1].sort_key())
    );
}

#[test]
fn data_seeds_mirror_seeds_byte_for_byte() {
    // data/ is a self-contained timeline folder (a timeline reads only inside
    // its own folder); the binary embeds seeds/. They must never drift apart.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let names = |dir: &str| {
        let mut v: Vec<String> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let seeds = names("seeds");
    assert_eq!(names("data/seeds"), seeds);
    assert_eq!(seeds.len(), 5);
    for name in &seeds {
        let a = std::fs::read(root.join("seeds").join(name)).unwrap();
        let b = std::fs::read(root.join("data/seeds").join(name)).unwrap();
        assert!(a == b, "data/seeds/{name} differs from seeds/{name}");
    }
}
