//! Any key sequence at any size: `update` and `view` driven by random input
//! (keys from the table and beyond, resizes from 0x0 to 65535x65535, clicks,
//! the wheel, reloads) on the shipped timeline and on one full of escape
//! sequences, controls, bidi overrides, zero-width and wide characters.
//! After every step: no panic, every selection in range, and no control
//! character in any cell drawn.
//!
//! CI runs a fixed number of seeded cases; a long campaign is
//! `TUI_PROP_CASES=20000 cargo test --release --test tui_props -- --ignored`.

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use timeline_explorer::timeline::load::check_str;
use timeline_explorer::timeline::{Checked, check_builtin};
use timeline_explorer::tui::keys::BINDINGS;
use timeline_explorer::tui::state::action::Shared;
use timeline_explorer::tui::state::app::Effect;
use timeline_explorer::tui::state::dispatch::action_for;
use timeline_explorer::tui::{Action, App, Options, Screen, update, view};

/// Pieces of text a hostile or careless curator might leave in a timeline or article.
const NASTY: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}]52;c;cHduZWQ=\u{7}",
    "\u{1b}]0;title\u{1b}\\",
    "\u{1b}P+q544e\u{1b}\\",
    "\u{9b}31m",
    "\u{1b}",
    "\r",
    "\u{7f}\u{0}\u{8}",
    "\u{202e}evil\u{202c}",
    "\u{2066}x\u{2069}",
    "\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}",
    "\u{200e}\u{200f}\u{61c}",
    "\u{2028}\u{2029}",
    "Z\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}a\u{309}\u{30a}",
    "\u{301}\u{301}lead",
    "抖音字节跳动",
    "👨\u{200d}👩\u{200d}👧 ❤\u{fe0f} 🇺🇸",
    "\t",
];

fn nasty(i: usize) -> String {
    format!(
        "{} {}",
        NASTY[i % NASTY.len()],
        NASTY[(i * 7 + 3) % NASTY.len()]
    )
}

/// A timeline whose every string and article is laced with `NASTY`.
fn hostile() -> Checked {
    let long_word = "x".repeat(700);
    let mut articles = Vec::new();
    let mut sources = String::new();
    for s in 0..3 {
        let mut text = format!("{}\n\n", nasty(s));
        for n in 0..6 {
            text.push_str(&format!(
                "Paragraph {s}-{n} {} says the quick brown \u{200b}\u{1b}[31mfox number {s}{n} jumped. {}\n\n",
                nasty(s + n),
                if n == 3 { long_word.as_str() } else { "" }
            ));
        }
        sources.push_str(&format!(
            "(id: \"s{s}\", file: \"s{s}.txt\", headline: {:?}, publisher: {:?}, note: {:?}),",
            format!("Headline {}", nasty(s + 1)),
            nasty(s + 2),
            nasty(s + 3)
        ));
        articles.push((format!("s{s}.txt"), text));
    }
    let kinds = ["Order", "Court", "Deal", "Hearing", "Deadline", "Letter"];
    let dates = [
        "Day(2020, 8, 14)",
        "Month(2020, 9)",
        "Year(2021)",
        "Day(2020, 11, 12)",
        "Between(Month(2020, 8), Day(2020, 11, 12))",
        "Between(Year(2020), Year(2022))",
    ];
    let mut events = String::new();
    for e in 0..10 {
        let (s, n) = (e % 3, e % 6);
        // Quoted with invisible characters of their own: found all the same.
        let quote = format!("the quick brown \u{200d}fox number {s}{n} jumped");
        let other = format!("the quick brown fox number {}{}", (s + 1) % 3, (n + 1) % 6);
        events.push_str(&format!(
            "(id: \"e{e}\", date: {}, inferred: {:?}, title: {:?}, summary: {:?}, kind: {}, \
             actors: [{:?}], tags: [{:?}], citations: [(source: \"s{s}\", quote: {quote:?})], \
             disputes: [(about: {:?}, sides: [(source: \"s{s}\", quote: {quote:?}), \
             (source: \"s{}\", quote: {other:?})])], note: {:?}),",
            dates[e % dates.len()],
            format!("From {}", nasty(e + 4)),
            format!(
                "Event {e} {} {}",
                nasty(e),
                if e == 5 { &long_word } else { "" }
            ),
            format!("Summary {} of event {e}, {}", nasty(e + 1), nasty(e + 2)),
            kinds[e % kinds.len()],
            nasty(e + 5),
            nasty(e + 6),
            format!("About {}", nasty(e + 7)),
            (s + 1) % 3,
            nasty(e + 8),
        ));
    }
    let ron = format!(
        "Timeline(title: {:?}, sources: [{sources}], events: [{events}])",
        format!("Hostile {}", nasty(0))
    );
    let read = move |_root: Option<&str>, file: &str| {
        articles
            .iter()
            .find(|(name, _)| name == file)
            .map(|(_, text)| text.clone())
            .ok_or_else(|| "no such file".to_string())
    };
    check_str(&ron, "hostile.ron", &read)
}

static SHIPPED: LazyLock<Checked> = LazyLock::new(check_builtin);
static HOSTILE: LazyLock<Checked> = LazyLock::new(hostile);
static BROKEN: LazyLock<Checked> = LazyLock::new(|| {
    check_str(
        "Timeline(title: \"\u{1b}]0;x\u{7}\", sources: [], events: [(id: \"a\u{1b}[2J\"",
        "broken\u{1b}[2J.ron",
        &|_: Option<&str>, _: &str| -> Result<String, String> { Err("none".into()) },
    )
});

fn checked(which: u8) -> &'static Checked {
    match which % 3 {
        0 => &SHIPPED,
        1 => &HOSTILE,
        _ => &BROKEN,
    }
}

#[derive(Debug, Clone)]
enum Step {
    Key(KeyCode, KeyModifiers),
    Resize(u16, u16),
    Click(u16, u16),
    Wheel(bool),
    Reload(u8),
}

fn key() -> impl Strategy<Value = (KeyCode, KeyModifiers)> {
    let table: Vec<(KeyCode, KeyModifiers)> = BINDINGS
        .iter()
        .flat_map(|b| b.keys.iter().copied())
        .collect();
    let mods = prop_oneof![
        Just(KeyModifiers::NONE),
        Just(KeyModifiers::CONTROL),
        Just(KeyModifiers::ALT),
        Just(KeyModifiers::SHIFT),
    ];
    prop_oneof![
        6 => proptest::sample::select(table),
        2 => (any::<char>(), mods).prop_map(|(c, m)| (KeyCode::Char(c), m)),
        1 => proptest::sample::select(vec![
            KeyCode::Delete, KeyCode::Insert, KeyCode::F(1), KeyCode::F(12), KeyCode::Null,
            KeyCode::CapsLock, KeyCode::Menu, KeyCode::Enter, KeyCode::Esc, KeyCode::Backspace,
        ])
        .prop_map(|c| (c, KeyModifiers::NONE)),
    ]
}

/// Sizes: mostly ordinary, sometimes degenerate or huge.
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        24 => (20u16..=160, 5u16..=60),
        8 => (0u16..=12, 0u16..=8),
        4 => (0u16..=500, 0u16..=200),
        // What a terminal may claim; the app draws on at most 1000x500 of it.
        1 => (0u16..=u16::MAX, 0u16..=u16::MAX),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        20 => key().prop_map(|(c, m)| Step::Key(c, m)),
        2 => size().prop_map(|(w, h)| Step::Resize(w, h)),
        2 => (0u16..=520, 0u16..=210).prop_map(|(x, y)| Step::Click(x, y)),
        2 => any::<bool>().prop_map(Step::Wheel),
        1 => any::<u8>().prop_map(Step::Reload),
    ]
}

fn run(start: u8, (w, h): (u16, u16), steps: &[Step]) -> Result<(), TestCaseError> {
    let first = checked(start % 2);
    let timeline = first.timeline.clone().expect("the start timeline parses");
    // With an as-of date on odd sizes, so the agenda (`a`), `t` and the
    // countdowns are in reach of the keys; without one on even sizes.
    let options = Options {
        as_of: chrono::NaiveDate::from_ymd_opt(2020, 10, 4).filter(|_| w % 2 == 1),
        ..Options::default()
    };
    let mut app = App::new(timeline, &options, Size::new(w, h));
    check(&app)?;
    for step in steps {
        let action = match step.clone() {
            Step::Key(code, mods) => action_for(&app, KeyEvent::new(code, mods)),
            Step::Resize(w, h) => Some(Action::Resize(w, h)),
            Step::Click(x, y) => Some(Action::Click(x, y)),
            Step::Wheel(down) => Some(if down {
                Action::ScrollDown
            } else {
                Action::ScrollUp
            }),
            Step::Reload(which) => Some(Action::Reloaded(Shared::new(checked(which).clone()))),
        };
        // Quitting ends a run; it is checked once, at the end.
        let Some(action) = action.filter(|a| *a != Action::Quit) else {
            continue;
        };
        update(&mut app, action);
        // What the runtime would do with the effects: a save comes back as the marks.
        for effect in std::mem::take(&mut app.outbox) {
            if let Effect::SaveMark { .. } = effect {
                let marks = app.marks.clone();
                update(&mut app, Action::MarksSaved(marks));
            }
        }
        prop_assert!(
            !app.quit,
            "only q and Ctrl-c quit, and they are not generated"
        );
        check(&app)?;
    }
    update(&mut app, Action::Quit);
    prop_assert!(app.quit);
    Ok(())
}

/// The invariants, and a frame drawn at the app's size with nothing unsafe in it.
fn check(app: &App) -> Result<(), TestCaseError> {
    let hits = app.filter.hits.len();
    prop_assert!(
        app.list.selected < hits || (hits == 0 && app.list.selected == 0),
        "selected {} of {hits}",
        app.list.selected
    );
    let events = app.timeline.events.len();
    prop_assert!(app.filter.hits.iter().all(|h| h.event < events));
    if app.screen == Screen::Detail {
        prop_assert!(app.detail.event < events);
    }
    if app.screen == Screen::Reader {
        let r = app.reader.as_ref();
        prop_assert!(r.is_some(), "the reader screen without a reader");
        let r = r.unwrap();
        prop_assert!(r.source < app.timeline.sources.len());
        prop_assert!(r.current < r.passages.len() || r.passages.is_empty());
    }
    let size = app.size;
    prop_assert!(size.width <= 1000 && size.height <= 500, "{size:?} drawn");
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal.draw(|f| view(app, f)).unwrap();
    for (i, cell) in terminal.backend().buffer().content.iter().enumerate() {
        let bad = cell.symbol().chars().find(|&c| {
            c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        });
        prop_assert!(
            bad.is_none(),
            "{:?} drawn at cell {i} on {:?} at {}x{}",
            bad,
            app.screen,
            size.width,
            size.height
        );
    }
    Ok(())
}

fn cases(default: u32) -> u32 {
    std::env::var("TUI_PROP_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn campaign(cases: u32, seed: u64) {
    let config = Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    };
    let strategy = (
        any::<u8>(),
        size(),
        proptest::collection::vec(step(), 0..40),
    );
    TestRunner::new(config)
        .run(&strategy, |(start, size, steps)| run(start, size, &steps))
        .unwrap();
}

#[test]
fn any_input_at_any_size_keeps_the_app_whole() {
    campaign(cases(160), 0x7e57_1ee5);
}

#[test]
#[ignore = "a long campaign: TUI_PROP_CASES=N cargo test --release --test tui_props -- --ignored"]
fn any_input_at_any_size_long_campaign() {
    let seed = std::env::var("TUI_PROP_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    campaign(cases(20_000), seed);
}

#[test]
fn the_hostile_timeline_loads_and_is_drawn_clean() {
    let h = &*HOSTILE;
    assert!(h.is_clean(), "{:#?}", h.report.problems);
    let tl = h.timeline.as_ref().unwrap();
    assert_eq!(tl.events.len(), 10);
    // Every screen of it, at the classic size, with nothing unsafe drawn.
    let mut app = App::new(tl.clone(), &Options::default(), Size::new(80, 24));
    for keys in ["", "l", "\t\t", "o", "n", "N", "?", "/fox", "e"] {
        for c in keys.chars() {
            let code = if c == '\t' {
                KeyCode::Tab
            } else {
                KeyCode::Char(c)
            };
            if let Some(a) = action_for(&app, KeyEvent::new(code, KeyModifiers::NONE)) {
                update(&mut app, a);
            }
        }
        check(&app).unwrap();
        // Nor what is left of a sequence once its ESC is gone.
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|f| view(&app, f)).unwrap();
        let drawn: String = terminal
            .backend()
            .buffer()
            .content
            .iter()
            .map(|c| c.symbol())
            .collect();
        for tail in ["[31m", "52;c;", "[2J", "0;title", "+q544e"] {
            assert!(
                !drawn.contains(tail),
                "{tail:?} drawn after {keys:?}:\n{drawn}"
            );
        }
    }
}

#[test]
fn the_hostile_timeline_is_searched_and_drawn_clean() {
    let tl = HOSTILE.timeline.as_ref().unwrap();
    let mut app = App::new(tl.clone(), &Options::default(), Size::new(80, 24));
    // The sources, a search of them, the passage read, a search in the reader.
    for keys in [
        "S", "/a", "\t", "j", "\n", "/e", "\n", "n", "\x1b", "\x1b", "/",
    ] {
        for c in keys.chars() {
            let code = match c {
                '\t' => KeyCode::Tab,
                '\n' => KeyCode::Enter,
                '\x1b' => KeyCode::Esc,
                c => KeyCode::Char(c),
            };
            if let Some(a) = action_for(&app, KeyEvent::new(code, KeyModifiers::NONE)) {
                update(&mut app, a);
            }
        }
        check(&app).unwrap();
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|f| view(&app, f)).unwrap();
        let drawn: String = terminal
            .backend()
            .buffer()
            .content
            .iter()
            .map(|c| c.symbol())
            .collect();
        for tail in ["[31m", "52;c;", "[2J", "0;title", "+q544e"] {
            assert!(
                !drawn.contains(tail),
                "{tail:?} drawn after {keys:?}:\n{drawn}"
            );
        }
    }
    assert!(
        !app.grep.hits.is_empty(),
        "the search found something to draw"
    );
}
