//! The shipped timeline: clean under `check`, holding the anchor events, and
//! every quote standing verbatim in its article.

use timeline_explorer::timeline::{
    Date, Problem, check_builtin, check_path, load_builtin, quote::collapse,
};

#[test]
fn shipped_timeline_checks_clean_warning_only_of_its_curation() {
    let c = check_builtin();
    assert!(c.is_clean());
    // The only warnings are the curator's to-do list: words in titles and
    // summaries no quote gives (the claims lint), and sources with neither a
    // headline nor a description. Anything else is a problem in the data.
    let other: Vec<_> = c
        .report
        .problems
        .iter()
        .filter(|p| {
            !(p.message.ends_with("which none of its quotes does")
                || p.message
                    .ends_with("will be named by its file; give it a headline or a description"))
        })
        .collect();
    assert_eq!(
        other,
        Vec::<&Problem>::new(),
        "problems in the shipped data"
    );
    for t in &c.report.tallies {
        assert!(t.cited > 0 && t.found == t.cited, "{t:?}");
    }
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
    assert!((15..=25).contains(&tl.events.len()));
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
            let mut sources: Vec<&str> = d.sides.iter().map(|s| s.source.as_str()).collect();
            sources.dedup();
            assert!(sources.len() >= 2, "{}: a dispute needs two sources", e.id);
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
