//! Live reload as `update()` sees it: a timeline read again from disk replaces
//! the one shown only when it checks clean, and the user stays where they were.

use std::path::Path;

use ratatui::layout::Size;
use timeline_explorer::timeline::load::check_str;
use timeline_explorer::timeline::{Checked, load_builtin};
use timeline_explorer::tui::state::action::Shared;
use timeline_explorer::tui::state::app::Panel;
use timeline_explorer::tui::{Action, App, Options, Screen, update};

mod common;

use common::screen::{keys, selected_id};

const RON: &str = include_str!("../data/timeline.ron");

/// The shipped timeline with `edit` applied to its text, checked as a reload would.
fn reloaded(edit: impl Fn(&str) -> String) -> Action {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |_: Option<&str>, file: &str| {
        std::fs::read_to_string(root.join(file)).map_err(|e| e.to_string())
    };
    let checked: Checked = check_str(&edit(RON), "data/timeline.ron", &read);
    Action::Reloaded(Shared::new(checked))
}

fn app() -> App {
    let options = Options {
        data_path: Some("data/timeline.ron".into()),
        ..Options::default()
    };
    common::screen::builtin(&options, 80, 24)
}

/// What the problems panel holds after a reload of the shipped timeline as it
/// is: its warnings (the claims lint's, sources with no name), if it has any.
fn shipped_warnings() -> Option<Vec<String>> {
    let mut a = app();
    update(&mut a, reloaded(|t| t.to_string()));
    let trouble = a.trouble?;
    assert!(!trouble.errors, "{:?}", trouble.report);
    Some(trouble.report)
}

/// The report in the problems panel, if any.
fn panel_report(app: &App) -> Option<Vec<String>> {
    app.trouble.as_ref().map(|t| t.report.clone())
}

fn errors(app: &App) -> bool {
    app.trouble.as_ref().is_some_and(|t| t.errors)
}

fn select(app: &mut App, id: &str) {
    let at = app
        .filter
        .hits
        .iter()
        .position(|h| app.timeline.events[h.event].id == id);
    app.list.selected = at.unwrap_or_else(|| panic!("no event {id}"));
}

#[test]
fn an_edit_shows_and_the_same_event_stays_selected() {
    let mut a = app();
    select(&mut a, "nichols-injunction");
    let before = a.list.selected;
    // Retitle an event and move the first one to the end of the story: every
    // index after it shifts by one.
    update(
        &mut a,
        reloaded(|t| {
            t.replacen(
                "Between(Day(2020, 8, 1), Day(2020, 8, 14))",
                "Day(2023, 1, 1)",
                1,
            )
            .replace("title: \"Judge Carl Nichols", "title: \"Judge NICHOLS")
        }),
    );
    assert_eq!(selected_id(&a), "nichols-injunction");
    assert_ne!(
        a.list.selected, before,
        "the event moved in the list: {:?}",
        a.trouble
    );
    let e = &a.timeline.events[a.selected_event().unwrap()];
    assert!(e.title.contains("NICHOLS"), "{}", e.title);
    let status = a.status.clone().unwrap();
    let n = a.timeline.events.len();
    assert!(
        status.starts_with(&format!("reloaded: {n} events")),
        "{status}"
    );
    // No new problem: only what the shipped timeline warns about, if anything.
    assert_eq!(panel_report(&a), shipped_warnings());
}

#[test]
fn the_filter_stays_and_is_run_on_the_new_timeline() {
    let mut a = app();
    keys(&mut a, "/oracle");
    update(&mut a, Action::AcceptFilter);
    let n = a.filter.hits.len();
    // Titles are the curator's own words, free to change; quotes are not.
    update(
        &mut a,
        reloaded(|t| t.replace("title: \"Chew letter:", "title: \"Oracle: Chew letter:")),
    );
    assert_eq!(a.filter.text, "oracle");
    assert_eq!(a.filter.hits.len(), n + 1, "{:?}", a.trouble);
}

#[test]
fn errors_keep_the_last_good_timeline_and_e_shows_them() {
    let mut a = app();
    select(&mut a, "nichols-injunction");
    update(
        &mut a,
        reloaded(|t| t.replacen("kind: Hearing,", "kind: Hearing, bogus: 1,", 1)),
    );
    assert_eq!(selected_id(&a), "nichols-injunction");
    assert_eq!(
        a.timeline.events.len(),
        load_builtin().unwrap().events.len()
    );
    let trouble = a.trouble.as_ref().expect("the problem is kept");
    assert!(trouble.errors);
    let status = a.status.clone().unwrap();
    assert!(
        status.contains("1 error") && status.contains("e for details"),
        "{status}"
    );
    // The detail is check's: file, line and column, the message and a hint.
    let report = trouble.report.join("\n");
    assert!(
        report.contains("data/timeline.ron:")
            && report.contains("bogus")
            && report.contains("hint:"),
        "{report}"
    );

    keys(&mut a, "e");
    assert_eq!(a.overlay.map(|o| o.kind), Some(Panel::Problems));
    keys(&mut a, "e");
    assert_eq!(a.overlay, None, "e again closes it");

    // Fixed on disk: the problem goes, leaving what the shipped timeline
    // warns about, if anything.
    update(&mut a, reloaded(|t| t.to_string()));
    assert!(!errors(&a));
    assert_eq!(panel_report(&a), shipped_warnings());
    keys(&mut a, "e");
    if panel_report(&a).is_some() {
        assert_eq!(a.overlay.map(|o| o.kind), Some(Panel::Problems));
    } else {
        assert_eq!(a.overlay, None);
        assert!(a.status.unwrap().contains("no problems"));
    }
}

#[test]
fn a_quote_no_longer_in_its_source_is_an_error_not_a_reload() {
    let mut a = app();
    update(
        &mut a,
        reloaded(|t| t.replacen("quote: \"", "quote: \"Not in the article. ", 1)),
    );
    let trouble = a.trouble.as_ref().unwrap();
    assert!(trouble.errors);
    assert!(
        !a.timeline
            .events
            .iter()
            .any(|e| e.quotes().any(|c| c.quote.starts_with("Not in"))),
        "the bad quote is not shown"
    );
}

#[test]
fn the_open_event_and_article_stay_open() {
    let mut a = app();
    select(&mut a, "nichols-injunction");
    keys(&mut a, "l");
    assert_eq!(a.screen, Screen::Detail);
    update(
        &mut a,
        reloaded(|t| t.replacen("Day(2020, 8, 14)", "Day(2023, 1, 1)", 1)),
    );
    assert_eq!(a.screen, Screen::Detail);
    assert_eq!(a.timeline.events[a.detail.event].id, "nichols-injunction");

    keys(&mut a, "o");
    assert_eq!(a.screen, Screen::Reader);
    let source = |a: &App| {
        a.timeline.sources[a.reader.as_ref().unwrap().source]
            .id
            .clone()
    };
    let reading = source(&a);
    keys(&mut a, "n");
    let current = a.reader.as_ref().unwrap().current;
    update(&mut a, reloaded(|t| t.to_string()));
    assert_eq!(a.screen, Screen::Reader);
    assert_eq!(source(&a), reading);
    assert_eq!(
        a.reader.as_ref().unwrap().current,
        current,
        "the passage in focus stays in focus"
    );
}

#[test]
fn an_open_event_that_was_removed_goes_back_to_the_list() {
    let mut a = app();
    select(&mut a, "nichols-injunction");
    keys(&mut a, "l");
    update(
        &mut a,
        reloaded(|t| t.replace("\"nichols-injunction\"", "\"renamed-injunction\"")),
    );
    assert!(!errors(&a), "{:?}", a.trouble);
    assert_eq!(a.screen, Screen::List);
    assert!(a.status.unwrap().contains("no longer there"));
}

#[test]
fn the_next_deadline_and_the_agenda_follow_a_reload() {
    let mut a = App::new(
        load_builtin().unwrap(),
        &Options {
            data_path: Some("data/timeline.ron".into()),
            as_of: chrono::NaiveDate::from_ymd_opt(2020, 10, 4),
            ..Options::default()
        },
        Size::new(80, 24),
    );
    assert_eq!(a.ahead.next.as_deref(), Some("next: hearing in 31 days"));
    keys(&mut a, "a");
    assert_eq!(a.filter.hits.len(), 7);
    // The hearing is no longer one: the deadline is next, and the agenda keeps its 7.
    update(
        &mut a,
        reloaded(|t| t.replacen("kind: Hearing,", "kind: Court,", 1)),
    );
    assert!(!errors(&a), "{:?}", panel_report(&a));
    assert_eq!(a.ahead.next.as_deref(), Some("next: deadline in 39 days"));
    assert!(a.agenda);
    assert_eq!(a.filter.hits.len(), 7);
    assert_eq!(a.ahead.ahead, 7);
}
