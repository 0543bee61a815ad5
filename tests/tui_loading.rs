//! A timeline that loads in parts (`Action::Loading`): the app lists what has
//! loaded, says how far it has come, keeps the user on the event they were
//! on as earlier events arrive, runs the filter over what is new, and puts
//! the check's problems in the `e` panel as they are found.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Size;
use timeline_explorer::timeline::check::Report;
use timeline_explorer::timeline::stream::Part;
use timeline_explorer::timeline::{Event, Problem, Timeline, load_builtin};
use timeline_explorer::tui::state::action::Shared;
use timeline_explorer::tui::state::app::Panel;
use timeline_explorer::tui::{Action, App, Options, update};

mod common;

use common::screen::{draw, keys, press, selected_id};

fn shipped() -> Timeline {
    load_builtin().unwrap()
}

/// The app as the CLI starts it for a large file: no head, no events yet.
fn starting(options: &Options, w: u16, h: u16) -> App {
    let empty = Timeline {
        title: "timeline.ron".into(),
        root: None,
        sources: Vec::new(),
        events: Vec::new(),
    };
    App::new(empty, options, Size::new(w, h)).loading(options.select.clone())
}

fn deliver(app: &mut App, part: Part) {
    update(app, Action::Loading(Shared::new(part)));
}

fn head(app: &mut App, tl: &Timeline) {
    let head = Timeline {
        events: Vec::new(),
        ..tl.clone()
    };
    let total = tl.events.len();
    deliver(app, Part::Head { head, total });
}

/// A batch as the loader sends it: sorted by date, ties in file order.
fn batch(app: &mut App, events: &[Event], problems: Vec<Problem>, loaded: usize) {
    let mut events = events.to_vec();
    events.sort_by_key(|e| e.sort_key());
    deliver(
        app,
        Part::Events {
            events,
            problems,
            loaded,
        },
    );
}

fn done(app: &mut App, tl: &Timeline, problems: Vec<Problem>) {
    let report = Report {
        problems,
        ..Report::default()
    };
    let sources = tl.sources.clone();
    deliver(app, Part::Done { sources, report });
}

fn header(app: &App) -> String {
    let t = draw(app);
    let buf = t.backend().buffer();
    (0..app.size.width)
        .map(|x| buf[(x, 0)].symbol().to_string())
        .collect()
}

fn ids(app: &App) -> Vec<String> {
    app.filter
        .hits
        .iter()
        .map(|h| app.timeline.events[h.event].id.to_string())
        .collect()
}

#[test]
fn the_header_says_how_far_loading_has_come_then_the_full_count() {
    let tl = shipped();
    let mut a = starting(&Options::default(), 120, 40);
    assert!(header(&a).contains("reading the file"), "{}", header(&a));
    head(&mut a, &tl);
    assert!(
        header(&a).contains("loading 0 of ~25 events"),
        "{}",
        header(&a)
    );
    batch(&mut a, &tl.events[..10], Vec::new(), 10);
    assert!(
        header(&a).contains("10 of 10 · loading 10 of ~25 events"),
        "{}",
        header(&a)
    );
    assert_eq!(a.filter.hits.len(), 10, "what has loaded is listed");
    batch(&mut a, &tl.events[10..], Vec::new(), 25);
    done(&mut a, &tl, Vec::new());
    assert!(header(&a).contains("25 of 25 events"), "{}", header(&a));
    assert!(!header(&a).contains("loading"));
    assert_eq!(
        a.status.as_deref(),
        Some("loaded 25 events, all quotes checked: no problems")
    );
    assert!(a.loading.is_none());
}

#[test]
fn the_selection_stays_on_its_event_as_earlier_events_arrive() {
    let tl = shipped();
    let mut a = starting(&Options::default(), 80, 24);
    head(&mut a, &tl);
    // A file not in date order: its later events first.
    batch(&mut a, &tl.events[15..], Vec::new(), 10);
    keys(&mut a, "jj");
    let on = selected_id(&a).to_string();
    assert_eq!(on, tl.events[17].id);
    batch(&mut a, &tl.events[..15], Vec::new(), 25);
    assert_eq!(selected_id(&a), on, "still on the same event");
    assert_eq!(a.list.selected, 17, "which moved down by the 15 before it");
    let all: Vec<&str> = tl.events.iter().map(|e| e.id.as_str()).collect();
    let listed: Vec<&str> = a.timeline.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(listed, all, "merged in date order");
}

#[test]
fn the_event_open_stays_open_as_earlier_events_arrive() {
    let tl = shipped();
    let mut a = starting(&Options::default(), 80, 24);
    head(&mut a, &tl);
    batch(&mut a, &tl.events[20..], Vec::new(), 5);
    keys(&mut a, "j\n");
    let open = a.timeline.events[a.detail.event].id.clone();
    assert_eq!(open, tl.events[21].id);
    batch(&mut a, &tl.events[..20], Vec::new(), 25);
    assert_eq!(a.timeline.events[a.detail.event].id, open);
}

#[test]
fn the_filter_follows_as_more_loads() {
    let tl = shipped();
    let mut a = starting(&Options::default(), 80, 24);
    head(&mut a, &tl);
    batch(&mut a, &tl.events[..8], Vec::new(), 8);
    keys(&mut a, "/oracle");
    let early = ids(&a);
    batch(&mut a, &tl.events[8..], Vec::new(), 25);
    let whole = {
        let mut w = App::new(tl.clone(), &Options::default(), Size::new(80, 24));
        keys(&mut w, "/oracle");
        ids(&w)
    };
    assert!(early.len() < whole.len(), "{early:?} then {whole:?}");
    assert_eq!(ids(&a), whole);
}

#[test]
fn select_at_start_waits_for_its_event() {
    let tl = shipped();
    let id = tl.events[20].id.to_string();
    let options = Options {
        select: Some(id.clone()),
        ..Options::default()
    };
    let mut a = starting(&options, 80, 24);
    head(&mut a, &tl);
    batch(&mut a, &tl.events[..10], Vec::new(), 10);
    assert_eq!(a.list.selected, 0);
    batch(&mut a, &tl.events[10..], Vec::new(), 25);
    assert_eq!(selected_id(&a), id);
    done(&mut a, &tl, Vec::new());
    assert_eq!(selected_id(&a), id);
}

#[test]
fn select_of_an_event_never_loaded_says_so_at_the_end() {
    let tl = shipped();
    let options = Options {
        select: Some("no-such-event".into()),
        ..Options::default()
    };
    let mut a = starting(&options, 80, 24);
    head(&mut a, &tl);
    batch(&mut a, &tl.events, Vec::new(), 25);
    done(&mut a, &tl, Vec::new());
    assert_eq!(
        a.status.as_deref(),
        Some("no event \"no-such-event\" in this timeline")
    );
}

fn problem(n: usize) -> Problem {
    Problem::error(
        "timeline.ron",
        Some((100 + n, 5)),
        format!("event \"e{n}\": quote not found"),
    )
}

#[test]
fn problems_appear_in_the_e_panel_as_they_are_found() {
    let tl = shipped();
    let mut a = starting(&Options::default(), 80, 24);
    head(&mut a, &tl);
    batch(&mut a, &tl.events[..10], vec![problem(1)], 10);
    let t = a.trouble.clone().expect("a problem is shown while loading");
    assert!(t.errors);
    assert_eq!(t.summary, "1 error, 0 warnings");
    assert!(t.report[0].contains("quote not found"));
    assert_eq!(
        t.report.last().unwrap(),
        "checking quotes: 10 events so far"
    );
    press(&mut a, KeyCode::Char('e'));
    assert_eq!(a.overlay.map(|o| o.kind), Some(Panel::Problems));
    batch(&mut a, &tl.events[10..], vec![problem(2)], 25);
    done(&mut a, &tl, Vec::new());
    let t = a.trouble.clone().unwrap();
    assert_eq!(t.summary, "2 errors, 0 warnings");
    assert!(t.report.iter().any(|l| l.contains("e2")));
    assert!(!t.report.iter().any(|l| l.starts_with("checking quotes")));
    assert_eq!(
        a.status.as_deref(),
        Some("loaded 25 events, all quotes checked: 2 errors, 0 warnings (e for details)")
    );
}

#[test]
fn an_event_that_does_not_parse_stops_loading_and_says_where() {
    let tl = shipped();
    let mut a = starting(&Options::default(), 80, 24);
    head(&mut a, &tl);
    batch(&mut a, &tl.events[..10], Vec::new(), 10);
    let bad = Problem::error("timeline.ron", Some((7000, 13)), "unexpected `)`");
    deliver(&mut a, Part::Failed(vec![bad]));
    assert!(a.loading.is_none());
    assert_eq!(a.timeline.events.len(), 10, "what loaded stays listed");
    assert_eq!(
        a.status.as_deref(),
        Some("loading stopped after 10 events: one does not parse · e for details")
    );
    let t = a.trouble.clone().unwrap();
    assert_eq!(t.report, ["timeline.ron:7000:13: error: unexpected `)`"]);
    // Nothing more is taken in.
    batch(&mut a, &tl.events[10..], Vec::new(), 25);
    assert_eq!(a.timeline.events.len(), 10);
}

#[test]
fn snapshots_of_loading() {
    let tl = shipped();
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = starting(&Options::default(), w, h);
        insta::assert_snapshot!(format!("reading_{w}x{h}"), draw(&a).backend());
        head(&mut a, &tl);
        batch(&mut a, &tl.events[..12], vec![problem(1)], 12);
        insta::assert_snapshot!(format!("loading_{w}x{h}"), draw(&a).backend());
        press(&mut a, KeyCode::Char('e'));
        insta::assert_snapshot!(format!("checking_quotes_{w}x{h}"), draw(&a).backend());
    }
}

/// Filtering while the timeline loads, in batches of any size from a file in
/// any order, with keys typed between them, lists at every step what
/// filtering the events loaded so far from scratch lists, and at the end
/// what filtering the whole timeline does.
#[test]
fn filtering_while_loading_is_filtering_what_has_loaded() {
    let tl = shipped();
    let n = tl.events.len();
    let words = ["o", "r", "a", "c", "l", "e", " ", "t", "ik", "|", "!"];
    let strategy = (
        Just(()).prop_perturb(move |_, mut rng| {
            // The file's order: any.
            let mut order: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                order.swap(i, rng.random_range(0..=i));
            }
            order
        }),
        proptest::collection::vec(
            (
                1usize..8,
                proptest::collection::vec(0..words.len() + 1, 0..4),
            ),
            1..10,
        ),
    );
    let mut runner = TestRunner::new(Config::with_cases(64));
    runner
        .run(&strategy, |(order, steps)| {
            let file: Vec<Event> = order.iter().map(|&i| tl.events[i].clone()).collect();
            let mut a = starting(&Options::default(), 80, 24);
            head(&mut a, &tl);
            let mut loaded = 0;
            for (size, typed) in steps.iter().chain(std::iter::repeat(&(n, Vec::new()))) {
                for &k in typed {
                    match words.get(k) {
                        Some(w) if a.filter.typing => keys(&mut a, w),
                        Some(w) => keys(&mut a, &format!("/{w}")),
                        None => press(&mut a, KeyCode::Backspace),
                    }
                }
                let to = (loaded + size).min(n);
                batch(&mut a, &file[loaded..to], Vec::new(), to);
                loaded = to;
                // From scratch: the events loaded so far, sorted as loading whole does.
                let mut so_far = file[..loaded].to_vec();
                so_far.sort_by_key(|e| e.sort_key());
                let mut fresh = App::new(
                    Timeline {
                        events: so_far,
                        ..tl.clone()
                    },
                    &Options {
                        query: Some(a.filter.text.clone()),
                        ..Options::default()
                    },
                    Size::new(80, 24),
                );
                fresh.filter.typing = a.filter.typing;
                prop_assert_eq!(
                    ids(&a),
                    ids(&fresh),
                    "query {:?} at {}",
                    a.filter.text,
                    loaded
                );
                if loaded == n {
                    break;
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn loading_draws_at_any_size() {
    let tl = shipped();
    for (w, h) in [(1, 1), (2, 3), (20, 5), (1000, 500)] {
        let mut a = starting(&Options::default(), w, h);
        draw(&a);
        head(&mut a, &tl);
        draw(&a);
        batch(&mut a, &tl.events[..5], vec![problem(1)], 5);
        draw(&a);
        press(&mut a, KeyCode::Char('e'));
        draw(&a);
        batch(&mut a, &tl.events[5..], Vec::new(), 25);
        done(&mut a, &tl, Vec::new());
        draw(&a);
    }
}
