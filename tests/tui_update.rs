//! `update()` driven through the real key table, as a user's key presses would be.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Size;
use timeline_explorer::timeline::load_builtin;
use timeline_explorer::tui::keys::parse_key;
use timeline_explorer::tui::state::app::Panel;
use timeline_explorer::tui::{Action, App, Options, Screen, update};

mod common;

use common::screen::{keys, press, press_with, selected_id};

fn app_with(options: Options) -> App {
    common::screen::builtin(&options, 80, 24)
}

fn app() -> App {
    app_with(Options::default())
}

#[test]
fn moving_stops_at_the_ends_of_the_list() {
    let mut a = app();
    press(&mut a, KeyCode::Up);
    assert_eq!(a.list.selected, 0);
    keys(&mut a, "jj");
    assert_eq!(a.list.selected, 2);
    let last = a.timeline.events.len() - 1;
    keys(&mut a, "G");
    assert_eq!(a.list.selected, last);
    press(&mut a, KeyCode::Down);
    assert_eq!(a.list.selected, last, "no wrap at the bottom");
    keys(&mut a, "g");
    assert_eq!(a.list.selected, 0);
    press(&mut a, KeyCode::End);
    press(&mut a, KeyCode::Home);
    assert_eq!(a.list.selected, 0);
}

#[test]
fn the_selection_stays_in_view_when_paging() {
    let mut a = app();
    // At 80x24: header, two rows of ruler, 13 of list, 7 of preview, footer.
    press(&mut a, KeyCode::PageDown);
    assert_eq!(a.list.selected, 13);
    assert_eq!(a.list.offset, 1);
    press_with(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(a.list.selected, 7);
    assert_eq!(a.list.offset, 1);
    press(&mut a, KeyCode::PageUp);
    assert_eq!((a.list.selected, a.list.offset), (0, 0));
    press_with(&mut a, KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(a.list.selected, 6);
}

#[test]
fn typing_filters_live_and_enter_opens_the_match() {
    let mut a = app();
    keys(&mut a, "/nich");
    assert!(a.filter.typing);
    assert_eq!(a.filter.text, "nich");
    assert_eq!(selected_id(&a), "nichols-injunction");
    let partial = a.filter.hits.len();
    keys(&mut a, "ols");
    assert_eq!(a.filter.hits.len(), 1, "narrowed from {partial}");
    assert_eq!(selected_id(&a), "nichols-injunction");
    keys(&mut a, "q");
    assert!(!a.quit, "q is a letter while typing");
    assert_eq!(a.filter.text, "nicholsq");
    press(&mut a, KeyCode::Backspace);
    press(&mut a, KeyCode::Enter);
    assert!(!a.filter.typing);
    assert_eq!(a.screen, Screen::Detail);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Reader);
    let r = a.reader.as_ref().unwrap();
    let text = &a.timeline.sources[r.source].text;
    assert!(text[r.passages[r.current].span.clone()].contains("Judge Carl Nichols"));
    // Back twice: to the detail, then to the list, still filtered.
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Detail);
    press(&mut a, KeyCode::Char('h'));
    assert_eq!(a.screen, Screen::List);
    assert_eq!(a.filter.hits.len(), 1);
    // Back on a filtered list clears the filter, keeping the event selected.
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.filter.hits.len(), a.timeline.events.len());
    assert_eq!(selected_id(&a), "nichols-injunction");
}

#[test]
fn tab_keeps_the_filter_and_esc_clears_it() {
    let mut a = app();
    keys(&mut a, "/oracle");
    press(&mut a, KeyCode::Tab);
    assert!(!a.filter.typing);
    assert_eq!(a.filter.hits.len(), 3);
    keys(&mut a, "j");
    assert_eq!(
        selected_id(&a),
        "oracle-deal",
        "j moves again once the list has the keys"
    );
    keys(&mut a, "/");
    press_with(&mut a, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(a.filter.text, "");
    keys(&mut a, "fcc");
    press(&mut a, KeyCode::Esc);
    assert!(!a.filter.typing);
    assert_eq!(a.filter.text, "");
    assert_eq!(a.filter.hits.len(), a.timeline.events.len());
}

#[test]
fn an_empty_result_is_safe_to_act_on() {
    let mut a = app();
    keys(&mut a, "/xyzzy");
    assert!(a.filter.hits.is_empty());
    assert_eq!(a.selected_event(), None);
    for code in [KeyCode::Down, KeyCode::Up, KeyCode::Enter] {
        press(&mut a, code);
    }
    assert_eq!(a.screen, Screen::List, "Enter on nothing opens nothing");
    keys(&mut a, "/");
    for k in ["j", "G", "g", "o", "l", "s"] {
        keys(&mut a, k);
    }
    press_with(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut a, "zzz");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "jGgols");
    assert_eq!(a.screen, Screen::List);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.filter.hits.len(), a.timeline.events.len());
}

#[test]
fn ranking_toggles_and_keeps_the_selection() {
    let mut a = app();
    keys(&mut a, "/douyin");
    press(&mut a, KeyCode::Tab);
    let chronological: Vec<usize> = a.filter.hits.iter().map(|h| h.event).collect();
    keys(&mut a, "j");
    let before = selected_id(&a).to_string();
    keys(&mut a, "s");
    assert!(a.filter.ranked);
    assert_eq!(selected_id(&a), before);
    assert_eq!(
        a.timeline.events[a.filter.hits[0].event].id,
        "commerce-memo"
    );
    assert_ne!(
        a.filter.hits.iter().map(|h| h.event).collect::<Vec<_>>(),
        chronological
    );
    keys(&mut a, "s");
    assert_eq!(
        a.filter.hits.iter().map(|h| h.event).collect::<Vec<_>>(),
        chronological
    );
}

#[test]
fn tab_walks_the_citations_and_opens_each_source() {
    let mut a = app_with(Options {
        select: Some("commerce-memo".into()),
        ..Options::default()
    });
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Detail);
    let quotes = a.timeline.events[a.detail.event].quotes().count();
    assert_eq!(quotes, 10, "8 citations and a dispute of 2 sides");
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.detail.citation, quotes - 1, "Shift-Tab wraps to the last");
    let scrolled = a.detail.scroll;
    assert!(scrolled > 0, "the last citation is scrolled into view");
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.detail.citation, 0);
    assert!(a.detail.scroll < scrolled, "back up to the first citation");
    // The fifth citation is 003's; the first four are 004's.
    for _ in 0..4 {
        press(&mut a, KeyCode::Tab);
    }
    keys(&mut a, "o");
    let r = a.reader.as_ref().unwrap();
    assert_eq!(a.timeline.sources[r.source].id, "filing-servers");
    assert_eq!(r.back_to, Screen::Detail);
}

#[test]
fn n_and_shift_n_walk_the_cited_passages_of_an_article() {
    let mut a = app_with(Options {
        select: Some("oracle-deal".into()),
        ..Options::default()
    });
    keys(&mut a, "o");
    let first = a.reader.as_ref().unwrap().current;
    let total = a.reader.as_ref().unwrap().passages.len();
    keys(&mut a, "n");
    assert_eq!(a.reader.as_ref().unwrap().current, (first + 1) % total);
    keys(&mut a, "NN");
    assert_eq!(
        a.reader.as_ref().unwrap().current,
        (first + total - 1) % total
    );
    // From the list, `o` returns to the list.
    press(&mut a, KeyCode::Left);
    assert_eq!(a.screen, Screen::List);
    assert!(a.reader.is_none());
}

#[test]
fn the_reader_rewraps_on_resize_and_keeps_the_passage_in_view() {
    let mut a = app_with(Options {
        select: Some("nichols-injunction".into()),
        ..Options::default()
    });
    keys(&mut a, "o");
    let narrow = a.reader.as_ref().unwrap().lines.len();
    update(&mut a, Action::Resize(200, 50));
    let r = a.reader.as_ref().unwrap();
    assert!(r.lines.len() < narrow, "wider means fewer lines");
    let row = timeline_explorer::tui::screens::reader::passage_row(r, r.current).unwrap();
    assert!(
        row >= r.scroll && row < r.scroll + 47,
        "passage row {row} in view from {}",
        r.scroll
    );
}

/// The help panel's scroll, when it is the panel open.
fn help(a: &App) -> Option<usize> {
    a.overlay
        .filter(|o| o.kind == Panel::Help)
        .map(|o| o.scroll)
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut a = app();
    keys(&mut a, "?");
    assert_eq!(help(&a), Some(0));
    keys(&mut a, "jj");
    assert_eq!(help(&a), Some(2));
    keys(&mut a, "G");
    let bottom = help(&a).unwrap();
    assert!(bottom > 2);
    keys(&mut a, "?");
    assert_eq!(help(&a), None);
    keys(&mut a, "?");
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.overlay, None);
    assert_eq!(a.screen, Screen::List);
}

#[test]
fn q_quits_everywhere_but_the_query_line_and_ctrl_c_always() {
    for setup in ["", "l", "lo", "?"] {
        let mut a = app();
        keys(&mut a, setup);
        keys(&mut a, "q");
        assert!(a.quit, "q after {setup:?}");
    }
    let mut a = app();
    keys(&mut a, "/");
    press_with(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(a.quit);
}

#[test]
fn ctrl_z_asks_to_suspend_from_anywhere_and_changes_nothing_else() {
    use timeline_explorer::tui::state::app::Effect;
    // The list, an event, the reader, help, typing a filter, the date prompt.
    for setup in ["", "l", "lo", "?", "/or", ":sep"] {
        let mut a = app();
        keys(&mut a, setup);
        let (screen, query, jump) = (a.screen, a.filter.text.clone(), a.jump.clone());
        press_with(&mut a, KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert_eq!(a.outbox, vec![Effect::Suspend], "after {setup:?}");
        assert!(!a.quit);
        assert_eq!((a.screen, &a.filter.text, &a.jump), (screen, &query, &jump));
    }
    // Too small to show anything: still.
    let mut a = app();
    update(&mut a, Action::Resize(10, 3));
    press_with(&mut a, KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(a.outbox, vec![Effect::Suspend]);
}

#[test]
fn a_query_line_takes_pastes_whole_and_holds_at_most_200_characters() {
    let mut a = app();
    keys(&mut a, "/");
    update(&mut a, Action::Paste("nich\nols\r\n\u{1b}[2J".into()));
    assert_eq!(
        a.filter.text, "nich ols  [2J",
        "line breaks typed as spaces, controls dropped"
    );
    assert!(a.filter.typing, "a pasted line break is not Enter");
    press_with(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    update(&mut a, Action::Paste("x".repeat(500)));
    assert_eq!(a.filter.text.chars().count(), 200);
    assert!(a.status.as_deref().unwrap().contains("200 characters"));
    keys(&mut a, "y");
    assert_eq!(a.filter.text.chars().count(), 200, "typing stops there too");
    // The date prompt too; outside a query line a paste does nothing.
    press(&mut a, KeyCode::Esc);
    keys(&mut a, ":");
    update(&mut a, Action::Paste("2020-".repeat(100)));
    assert_eq!(a.jump.as_deref().map(|j| j.chars().count()), Some(200));
    press(&mut a, KeyCode::Esc);
    let before = a.list.selected;
    update(&mut a, Action::Paste("jjjj".into()));
    assert_eq!((a.list.selected, a.filter.text.as_str()), (before, ""));
}

#[test]
fn the_app_draws_on_at_most_1000_by_500_whatever_the_terminal_claims() {
    let mut a = app();
    update(&mut a, Action::Resize(65535, 65535));
    assert_eq!(a.size, Size::new(1000, 500));
    update(&mut a, Action::Resize(1200, 80));
    assert_eq!(a.size, Size::new(1000, 80));
    let big = App::new(
        load_builtin().unwrap(),
        &Options::default(),
        Size::new(4000, 4000),
    );
    assert_eq!(big.size, Size::new(1000, 500));
}

#[test]
fn mouse_clicks_select_and_the_wheel_moves() {
    let mut a = app();
    // Row 0 is the header, rows 1-2 the ruler; the list starts on row 3.
    update(&mut a, Action::Click(10, 6));
    assert_eq!(a.list.selected, 3);
    update(&mut a, Action::Click(10, 1));
    assert_eq!(a.list.selected, 3, "a click on the ruler selects nothing");
    update(&mut a, Action::Click(10, 20));
    assert_eq!(a.list.selected, 3, "a click in the preview selects nothing");
    update(&mut a, Action::ScrollDown);
    assert_eq!(a.list.selected, 4);
}

#[test]
fn start_options_apply() {
    let a = app_with(Options {
        query: Some("oracle".into()),
        select: Some("project-texas".into()),
        ..Options::default()
    });
    assert_eq!(a.filter.hits.len(), 3);
    assert_eq!(selected_id(&a), "project-texas");
    let a = app_with(Options {
        query: Some("nichols".into()),
        select: Some("project-texas".into()),
        ..Options::default()
    });
    assert!(a.status.as_deref().unwrap().contains("project-texas"));
}

#[test]
fn keys_do_nothing_unseen_while_the_terminal_is_too_small() {
    let mut a = app();
    update(&mut a, Action::Resize(20, 4));
    keys(&mut a, "/xjl?");
    assert!(!a.filter.typing && a.overlay.is_none() && a.list.selected == 0);
    assert_eq!(a.screen, Screen::List);
    keys(&mut a, "q");
    assert!(a.quit);
}

#[test]
fn tiny_sizes_and_odd_input_never_panic() {
    let mut a = app();
    for (w, h) in [(1, 1), (0, 0), (5, 3), (29, 5), (30, 6), (80, 24)] {
        update(&mut a, Action::Resize(w, h));
        for k in [
            "j", "G", "l", "\t", "o", "n", "h", "?", "j", "?", "/", "x", "\u{1b}",
        ] {
            keys(&mut a, k);
        }
        update(&mut a, Action::Click(w, h));
    }
}

/// Over 20,000 events: the shipped ones, repeated under new ids.
fn big_app() -> App {
    let mut tl = load_builtin().unwrap();
    let one = tl.events.clone();
    for copy in 1..1100 {
        tl.events.extend(one.iter().cloned().map(|mut e| {
            e.id = format!("{}-{copy}", e.id).into();
            e
        }));
    }
    let mut a = App::new(tl, &Options::default(), Size::new(80, 24));
    a.background = true;
    a
}

/// What the worker thread does, done here.
fn run_pending(a: &App) -> Action {
    let request = a
        .filter
        .pending
        .as_ref()
        .expect("work was left for the worker");
    let outcome = timeline_explorer::tui::state::filter::run(&a.search, &a.index, request);
    Action::Filtered(Box::new(outcome))
}

#[test]
fn large_filters_go_to_the_worker_and_stale_results_are_dropped() {
    let mut a = big_app();
    let all = a.filter.hits.len();
    assert_eq!(all, 27_500);
    keys(&mut a, "/nich");
    // The typing is not held up: the list stays as it was until the result arrives.
    assert_eq!(a.filter.hits.len(), all);
    let stale = run_pending(&a);
    keys(&mut a, "o");
    let fresh = run_pending(&a);
    update(&mut a, stale);
    assert_eq!(
        a.filter.hits.len(),
        all,
        "the result for 'nich' came too late to show"
    );
    let generation = a.filter.generation;
    update(&mut a, Action::FilterSlow(generation));
    assert!(a.filter.busy, "slow work says so");
    update(&mut a, fresh);
    assert!(!a.filter.busy && a.filter.pending.is_none());
    assert_eq!(
        a.filter.hits.len(),
        1100,
        "every copy of the Nichols event, and nothing else"
    );
    // The stale answer still went into the cache: backspace is instant and exact.
    press(&mut a, KeyCode::Backspace);
    assert!(a.filter.pending.is_none());
    assert!(a.filter.hits.len() >= 1100);
}

#[test]
fn small_work_stays_immediate_even_in_the_background() {
    let mut a = big_app();
    keys(&mut a, "/nichols");
    let done = run_pending(&a);
    update(&mut a, done);
    // Refining 1,100 matches is small: done at once, no worker.
    keys(&mut a, " carl");
    assert!(a.filter.pending.is_none());
    assert_eq!(a.filter.hits.len(), 1100);
}

#[test]
fn colon_jumps_to_the_event_nearest_a_typed_date() {
    let mut a = app();
    keys(&mut a, ":sep 27");
    assert_eq!(a.jump.as_deref(), Some("sep 27"));
    assert!(!a.quit);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.jump, None);
    assert_eq!(selected_id(&a), "nichols-injunction");
    // The year left out is the one in view; a full date can change it.
    keys(&mut a, ":2022-07-08");
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected_id(&a), "fcc-reply-deadline");
    keys(&mut a, ":nov");
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        a.timeline.events[a.selected_event().unwrap()]
            .date
            .to_string(),
        "2022-07-08",
        "nov 2022 is nearest July 2022's deadline"
    );
    keys(&mut a, ":27 sep 2020");
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected_id(&a), "nichols-injunction");
    keys(&mut a, ":2020-11");
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected_id(&a), "injunction-hearing");
}

#[test]
fn a_date_it_cannot_read_gets_a_hint_not_a_jump() {
    let mut a = app();
    keys(&mut a, "jjj");
    keys(&mut a, ":sometime");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.list.selected, 3, "no jump");
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .starts_with("can't read 'sometime' as a date")
    );
    keys(&mut a, ":sep");
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.jump, None);
    assert_eq!(a.list.selected, 3, "Esc cancels");
}

fn copied(a: &mut App) -> String {
    match a.outbox.pop() {
        Some(timeline_explorer::tui::state::app::Effect::Copy(text)) => text,
        other => panic!("nothing copied ({other:?}); status: {:?}", a.status),
    }
}

#[test]
fn y_copies_the_citation_in_view_as_markdown() {
    let mut a = app_with(Options {
        select: Some("oracle-deal".into()),
        ..Options::default()
    });
    keys(&mut a, "y");
    let text = copied(&mut a);
    assert!(
        text.starts_with("**~2020-09-19 — Preliminary deal for TikTok Global"),
        "{text}"
    );
    assert!(
        text.contains("\n> On September 19, however, a preliminary agreement"),
        "{text}"
    );
    assert!(text.contains("`seeds/003_3da983060587e498.txt`"), "{text}");
    // In the detail, the selected citation.
    keys(&mut a, "l");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "y");
    assert!(copied(&mut a).contains("> Under the terms of the arrangement, Oracle will become"));
    // In the reader, the passage in focus.
    keys(&mut a, "o");
    keys(&mut a, "y");
    assert!(copied(&mut a).contains("> Under the terms of the arrangement"));
    keys(&mut a, "n");
    keys(&mut a, "y");
    assert!(copied(&mut a).contains("> Trade Secretary Wilbur Ross then postponed the ban"));
    // Nothing is claimed until the terminal side reports how it went.
    assert_eq!(a.status.as_deref(), Some("copying the citation…"));
}

#[test]
fn nothing_to_copy_says_so() {
    let mut a = app();
    keys(&mut a, "/xyzzy");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "y");
    assert!(a.outbox.is_empty());
    assert_eq!(a.status.as_deref(), Some("nothing to copy here"));
}

#[test]
fn t_selects_the_event_nearest_the_as_of_date() {
    let mut a = app_with(Options {
        as_of: chrono::NaiveDate::from_ymd_opt(2020, 10, 4),
        ..Options::default()
    });
    keys(&mut a, "t");
    // Not the September-to-4-November filings around it (up to 33 days
    // off), nor the 2020-2022 download ruling: 27 September, 7 days before.
    assert_eq!(selected_id(&a), "nichols-injunction");
    let e = &a.timeline.events[a.selected_event().unwrap()];
    assert_eq!(a.distance(e).as_deref(), Some("7 days ago"));
    let deadline = a.timeline.event("november-deadline").unwrap();
    assert!(a.upcoming(deadline));
    assert_eq!(a.distance(deadline).as_deref(), Some("in 39 days"));
    let hearing = a.timeline.event("injunction-hearing").unwrap();
    assert_eq!(a.distance(hearing).as_deref(), Some("in 31 days"));
    assert!(
        !a.upcoming(a.timeline.event("divestment-order").unwrap()),
        "orders are not deadlines"
    );
    // On the hearing's day, it is the nearest: today.
    let mut a = app_with(Options {
        as_of: chrono::NaiveDate::from_ymd_opt(2020, 11, 4),
        ..Options::default()
    });
    keys(&mut a, "t");
    assert_eq!(selected_id(&a), "injunction-hearing");
    let e = &a.timeline.events[a.selected_event().unwrap()];
    assert_eq!(a.distance(e).as_deref(), Some("today"));
    let mut a = app();
    keys(&mut a, "t");
    assert!(a.status.as_deref().unwrap().contains("--as-of"));
}

fn as_of_4_october() -> App {
    app_with(Options {
        as_of: chrono::NaiveDate::from_ymd_opt(2020, 10, 4),
        ..Options::default()
    })
}

fn listed_ids(app: &App) -> Vec<&str> {
    app.filter
        .hits
        .iter()
        .map(|h| app.timeline.events[h.event].id.as_str())
        .collect()
}

#[test]
fn a_opens_the_agenda_soonest_first_and_esc_leaves_it() {
    let mut a = as_of_4_october();
    keys(&mut a, "a");
    assert!(a.agenda);
    let ids = listed_ids(&a);
    assert_eq!(ids[..2], ["injunction-hearing", "november-deadline"]);
    assert_eq!(ids.len(), 7, "{ids:?}");
    assert_eq!(ids[6], "fcc-reply-deadline");
    assert!(!ids.contains(&"cloutier-filing"), "may be past already");
    assert_eq!(a.list.selected, 0);
    // The list's keys: move, open, back to the agenda.
    keys(&mut a, "j");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Detail);
    assert_eq!(a.timeline.events[a.detail.event].id, "november-deadline");
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::List);
    assert!(a.agenda, "back to the agenda, not the whole list");
    assert_eq!(selected_id(&a), "november-deadline");
    // A filter narrows the agenda; Esc clears it first, then leaves.
    keys(&mut a, "/fcc");
    press(&mut a, KeyCode::Tab);
    assert_eq!(listed_ids(&a), ["fcc-app-stores", "fcc-reply-deadline"]);
    press(&mut a, KeyCode::Esc);
    assert!(a.agenda);
    assert_eq!(listed_ids(&a).len(), 7);
    press(&mut a, KeyCode::Esc);
    assert!(!a.agenda);
    assert_eq!(a.filter.hits.len(), a.timeline.events.len());
    assert_eq!(
        selected_id(&a),
        "fcc-app-stores",
        "the event in view stays selected"
    );
    // a again toggles too.
    keys(&mut a, "aa");
    assert!(!a.agenda);
}

#[test]
fn an_agenda_with_nothing_ahead_says_so_and_without_a_date_a_asks_for_one() {
    let mut a = app_with(Options {
        as_of: chrono::NaiveDate::from_ymd_opt(2022, 7, 9),
        ..Options::default()
    });
    keys(&mut a, "a");
    assert!(a.filter.hits.is_empty());
    assert_eq!(
        a.status.as_deref(),
        Some("nothing ahead of 2022-07-09: a or Esc goes back")
    );
    // Keys on an empty agenda do nothing harmful.
    keys(&mut a, "jkGgtmy");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::List);
    let mut a = app();
    keys(&mut a, "a");
    assert!(!a.agenda);
    assert!(a.status.as_deref().unwrap().contains("--as-of"));
}

#[test]
fn m_marks_and_quote_shows_only_the_marked() {
    let mut a = app();
    keys(&mut a, "jm");
    assert!(a.marks.contains("divestment-order"));
    assert_eq!(
        a.outbox,
        vec![timeline_explorer::tui::state::app::Effect::SaveMark {
            id: "divestment-order".into(),
            marked: true
        }],
        "the one change is what is saved, so other windows' marks stay"
    );
    keys(&mut a, "jjjl");
    keys(&mut a, "m");
    keys(&mut a, "h");
    assert_eq!(a.marks.len(), 2);
    keys(&mut a, "'");
    assert!(a.marked_only);
    let shown: Vec<&str> = a
        .filter
        .hits
        .iter()
        .map(|h| a.timeline.events[h.event].id.as_str())
        .collect();
    assert_eq!(shown, ["divestment-order", "administration-security-claim"]);
    // Unmarking in that view takes the event out of it; the filter still applies on top.
    keys(&mut a, "m");
    assert_eq!(a.filter.hits.len(), 1);
    keys(&mut a, "/zzz");
    press(&mut a, KeyCode::Tab);
    assert!(a.filter.hits.is_empty());
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.filter.hits.len(), 1);
    keys(&mut a, "'");
    assert_eq!(a.filter.hits.len(), a.timeline.events.len());
    update(&mut a, Action::Notice("cannot save marks".into()));
    assert_eq!(a.status.as_deref(), Some("cannot save marks"));
}

#[test]
fn marks_saved_by_another_window_show_here_after_a_save() {
    let mut a = app();
    keys(&mut a, "jm'");
    assert_eq!(a.filter.hits.len(), 1);
    a.status = Some("marked".into());
    // The save found another window's mark on disk.
    let both = ["divestment-order", "oracle-deal"].map(String::from).into();
    update(&mut a, Action::MarksSaved(both));
    assert_eq!(a.marks.len(), 2);
    assert_eq!(a.filter.hits.len(), 2, "the marked-only list follows");
    assert_eq!(a.status.as_deref(), Some("marked"), "the status stays");
}

#[test]
fn presenting_steps_through_the_listed_events() {
    let mut a = app();
    keys(&mut a, "/oracle");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "p");
    assert_eq!(a.screen, Screen::Present);
    assert_eq!(selected_id(&a), "buyers-interested");
    press(&mut a, KeyCode::Right);
    keys(&mut a, " ");
    assert_eq!(selected_id(&a), "project-texas");
    press(&mut a, KeyCode::Right);
    assert_eq!(
        selected_id(&a),
        "project-texas",
        "the filter's three events, no more"
    );
    assert!(a.status.is_some());
    press(&mut a, KeyCode::Left);
    assert_eq!(selected_id(&a), "oracle-deal");
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::List);
    assert_eq!(
        selected_id(&a),
        "oracle-deal",
        "the list is where the talk got to"
    );
    let a = app_with(Options {
        present: true,
        ..Options::default()
    });
    assert_eq!(a.screen, Screen::Present);
}

fn overridden(pairs: &[(&str, &[&str])]) -> App {
    let keys = pairs
        .iter()
        .map(|(name, keys)| {
            let keys = keys.iter().map(|k| parse_key(k).unwrap()).collect();
            (name.to_string(), keys)
        })
        .collect();
    app_with(Options {
        keys,
        ..Options::default()
    })
}

#[test]
fn key_overrides_replace_the_defaults_and_show_in_help_and_footer() {
    let mut a = overridden(&[("mark", &["x"]), ("filter", &["f"]), ("down", &["ctrl-j"])]);
    keys(&mut a, "m");
    assert!(a.marks.is_empty(), "m no longer marks");
    keys(&mut a, "x");
    assert_eq!(a.marks.len(), 1, "x does");
    press_with(&mut a, KeyCode::Char('j'), KeyModifiers::CONTROL);
    assert_eq!(a.list.selected, 1);
    keys(&mut a, "j");
    assert_eq!(a.list.selected, 1, "j no longer moves");
    let hints = timeline_explorer::tui::state::dispatch::hints(&a);
    assert!(hints.contains(&"f filter".to_string()), "{hints:?}");
    assert!(hints.contains(&"^j/k move".to_string()), "{hints:?}");
    // The help lists the keys in use.
    let help: Vec<String> = timeline_explorer::tui::overlays::help::lines(&a)
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert!(
        help.iter()
            .any(|l| l.trim_start().starts_with("x ") && l.contains("mark or unmark")),
        "{help:#?}"
    );
    keys(&mut a, "f");
    assert!(a.filter.typing);
}

#[test]
fn an_override_takes_its_key_from_a_default_that_would_come_first() {
    // m is the list's mark; given to down (which applies everywhere), it moves
    // on the list too, and mark is left without a key there.
    let mut a = overridden(&[("down", &["m"])]);
    keys(&mut a, "m");
    assert_eq!(a.list.selected, 1);
    assert!(a.marks.is_empty());
}

#[test]
fn copying_can_be_turned_off() {
    let mut a = app_with(Options {
        no_osc52: true,
        ..Options::default()
    });
    keys(&mut a, "y");
    assert!(a.outbox.is_empty(), "nothing written");
    assert!(a.status.as_deref().unwrap().contains("copying is off"));
}

#[test]
fn a_config_problem_is_in_the_status_line_and_on_e() {
    let mut a = app_with(Options {
        config: timeline_explorer::tui::ConfigNote {
            path: Some("/home/u/.config/timeline-explorer/config.ron".into()),
            loaded: false,
            problem: Some(
                "/home/u/.config/timeline-explorer/config.ron:2:10: error: Expected boolean".into(),
            ),
        },
        ..Options::default()
    });
    let status = a.status.clone().unwrap();
    assert!(
        status.contains("config.ron:2:10") && status.contains("defaults in use"),
        "{status}"
    );
    keys(&mut a, "e");
    assert_eq!(a.overlay.map(|o| o.kind), Some(Panel::Problems));
}

#[path = "common/ranges.rs"]
mod ranges;

#[test]
fn jumps_land_inside_a_range() {
    let options = Options {
        as_of: chrono::NaiveDate::from_ymd_opt(2020, 10, 1),
        ..Options::default()
    };
    let mut a = App::new(ranges::timeline(), &options, Size::new(80, 24));
    // 1 November: inside the interview's range (20 August to 12 November),
    // the filing's (28 September to November) and 2020-2022; the narrowest
    // wins over them and over the hearing, a single date 3 days on.
    keys(&mut a, ":nov 1");
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected_id(&a), "cloutier-filing");
    // A single date on the target beats the ranges around it.
    keys(&mut a, ":sep 27");
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected_id(&a), "nichols-injunction");
    // 22 August: inside the interview's range, 8 days after the order, and
    // inside August to September: that month-wide range is the narrowest.
    keys(&mut a, ":aug 22");
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected_id(&a), "mayer-quits");
    // Past every range but 2020-2022's, which holds it.
    keys(&mut a, ":2021-06");
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected_id(&a), "cloud-move");
    // Without it, the nearer end decides: 2 December is 2 days after the
    // filing's range ends (30 November), 20 after the deadline.
    keys(&mut a, "/!plan");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, ":dec 2");
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected_id(&a), "cloutier-filing");
    keys(&mut a, ":nov 13");
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected_id(&a), "cloutier-filing", "inside its November");
    // `t` is not `:`: it wants the nearest event for sure, so the filing's
    // range around the as-of date (up to 60 days off) gives way to the
    // injunction 4 days before it.
    keys(&mut a, "t");
    assert_eq!(selected_id(&a), "nichols-injunction");
    let e = a.timeline.event("cloutier-filing").unwrap();
    assert_eq!(
        a.distance(e).as_deref(),
        Some("around now (between 3 days ago and in 60 days)")
    );
}

/// The sentence of a passage found, as it stands in its article.
fn found_text(a: &App, hit: &timeline_explorer::search::PassageHit) -> String {
    a.timeline.sources[hit.source].text[hit.span.clone()].to_string()
}

fn footer_hints(a: &App) -> Vec<String> {
    timeline_explorer::tui::state::dispatch::hints(a)
}

#[test]
fn s_lists_the_sources_and_esc_goes_back() {
    let mut a = app();
    keys(&mut a, "S");
    assert_eq!(a.screen, Screen::Sources);
    assert_eq!(a.grep.rows(&a.timeline), a.timeline.sources.len());
    keys(&mut a, "jjjjjjjj");
    assert_eq!(
        a.grep.selected,
        a.timeline.sources.len() - 1,
        "stops at the last"
    );
    // Enter reads the article selected, from its top; Back returns here.
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Reader);
    let r = a.reader.as_ref().unwrap();
    assert_eq!(r.source, a.timeline.sources.len() - 1);
    assert_eq!(r.scroll, 0);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Sources);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::List);
}

#[test]
fn searching_the_articles_lists_passages_and_enter_reads_the_one_selected() {
    let mut a = app();
    keys(&mut a, "S/nichols");
    assert!(a.grep.typing);
    assert!(footer_hints(&a).contains(&"⏎ read".to_string()));
    let hits = a.grep.hits.clone();
    assert_eq!(hits.len(), 1, "one sentence names Judge Nichols");
    let sentence = found_text(&a, &hits[0]);
    assert!(
        sentence.starts_with("Trade Secretary Wilbur Ross"),
        "{sentence}"
    );
    let cited: Vec<&str> = hits[0]
        .cited_by
        .iter()
        .map(|&e| a.timeline.events[e].id.as_str())
        .collect();
    assert!(cited.contains(&"nichols-injunction"), "{cited:?}");
    // A letter is typed, not obeyed.
    keys(&mut a, "q");
    assert!(!a.quit);
    assert!(a.grep.hits.is_empty(), "nicholsq is nowhere");
    press(&mut a, KeyCode::Backspace);
    press(&mut a, KeyCode::Enter);
    assert!(!a.grep.typing);
    assert_eq!(a.screen, Screen::Reader);
    let r = a.reader.as_ref().unwrap();
    assert_eq!(r.source, hits[0].source);
    let search = a.grep.in_reader().expect("the search came along");
    assert_eq!(search.matches[search.current].span, hits[0].span);
    let row = timeline_explorer::tui::screens::reader::match_row(r, search).unwrap();
    assert!(
        (r.scroll..r.scroll + 10).contains(&row),
        "the passage is in view: row {row}, scroll {}",
        r.scroll
    );
    // Back: to the results, the query kept; again: the query cleared; again: the list.
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Sources);
    assert_eq!(a.grep.query, "nichols");
    assert_eq!(a.grep.hits.len(), 1);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.grep.query, "");
    assert_eq!(a.grep.rows(&a.timeline), a.timeline.sources.len());
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::List);
}

#[test]
fn search_results_follow_the_filter_syntax_sentence_by_sentence() {
    let mut a = app();
    keys(&mut a, "S/oracle");
    let oracle = a.grep.hits.len();
    assert_eq!(oracle, 4);
    keys(&mut a, " !partner");
    assert_eq!(a.grep.hits.len(), 3, "the sentence with partner is gone");
    press_with(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut a, "^Trade");
    assert_eq!(a.grep.hits.len(), 1, "^ anchors at a sentence's start");
    press(&mut a, KeyCode::Tab);
    assert!(
        !a.grep.typing,
        "Tab keeps the search and gives the keys back"
    );
    assert_eq!(a.grep.hits.len(), 1);
    keys(&mut a, "/");
    press(&mut a, KeyCode::Esc);
    assert!(a.grep.query.is_empty(), "Esc while typing clears it");
    assert_eq!(a.screen, Screen::Sources);
}

#[test]
fn in_the_reader_n_goes_to_matches_while_searching_and_to_passages_otherwise() {
    let mut a = app_with(Options {
        select: Some("nichols-injunction".into()),
        ..Options::default()
    });
    keys(&mut a, "o");
    assert_eq!(a.screen, Screen::Reader);
    assert!(footer_hints(&a).contains(&"n/N passage".to_string()));
    let passage = a.reader.as_ref().unwrap().current;
    keys(&mut a, "/the");
    assert!(a.grep.typing);
    press(&mut a, KeyCode::Enter);
    assert!(!a.grep.typing);
    assert_eq!(a.screen, Screen::Reader, "Enter keeps the reader");
    let n = a.grep.in_reader().unwrap().matches.len();
    assert!(n > 3, "{n} sentences with 'the'");
    assert!(footer_hints(&a).contains(&"n/N match".to_string()));
    let first = a.grep.in_reader().unwrap().current;
    keys(&mut a, "n");
    assert_eq!(a.grep.in_reader().unwrap().current, (first + 1) % n);
    assert_eq!(
        a.reader.as_ref().unwrap().current,
        passage,
        "passages stay put"
    );
    let (r, s) = (a.reader.as_ref().unwrap(), a.grep.in_reader().unwrap());
    let row = timeline_explorer::tui::screens::reader::match_row(r, s).unwrap();
    assert!(
        (r.scroll..r.scroll + 19).contains(&row),
        "the match is in view"
    );
    keys(&mut a, "N");
    assert_eq!(a.grep.in_reader().unwrap().current, first);
    // Esc clears a search typed here, then n walks the passages again.
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Reader);
    assert!(a.grep.in_reader().is_none());
    assert!(footer_hints(&a).contains(&"n/N passage".to_string()));
    keys(&mut a, "n");
    assert_ne!(a.reader.as_ref().unwrap().current, passage);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::List);
}

#[test]
fn a_search_that_finds_nothing_is_safe_to_act_on() {
    let mut a = app();
    keys(&mut a, "S/xyzzy");
    assert!(a.grep.hits.is_empty());
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Sources, "Enter on nothing opens nothing");
    keys(&mut a, "jGgly");
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "o/xyzzy");
    press(&mut a, KeyCode::Enter);
    keys(&mut a, "nNnN");
    assert_eq!(a.screen, Screen::Reader);
    assert!(a.grep.in_reader().unwrap().matches.is_empty());
    assert_eq!(a.status.as_deref(), Some("no match in this article"));
}

#[test]
fn a_notice_on_the_first_frame_outlasts_the_quote_check_after_it() {
    // The built-in timeline's quotes are checked just after the first frame;
    // that is no keypress, so a bad config's notice must still be there.
    let mut a = app_with(Options {
        notice: Some("config.ron:2:10: error: Unexpected variant".into()),
        ..Options::default()
    });
    let checked = load_builtin().unwrap();
    update(
        &mut a,
        Action::QuotesChecked(timeline_explorer::tui::state::action::Shared::new(checked)),
    );
    assert_eq!(
        a.status.as_deref(),
        Some("config.ron:2:10: error: Unexpected variant")
    );
    // A key does clear it.
    press(&mut a, KeyCode::Down);
    assert_eq!(a.status, None);
}
