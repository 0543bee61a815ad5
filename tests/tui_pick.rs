//! Pick mode through `update()` and the real key table: what Enter, Esc, q
//! and Ctrl-c answer, and what the screen tells the user meanwhile.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Size;
use timeline_explorer::timeline::load_builtin;
use timeline_explorer::tui::state::dispatch::hints;
use timeline_explorer::tui::state::pick::Answer;
use timeline_explorer::tui::{App, Options, Screen, update};

mod common;

use common::screen::{keys, press, press_with};

fn picking(options: Options) -> App {
    let options = Options {
        pick: true,
        ..options
    };
    common::screen::builtin(&options, 80, 24)
}

/// The ids of the events an answer picked.
fn picked(app: &App) -> Vec<&str> {
    match &app.answer {
        Some(Answer::Picked(events)) => events
            .iter()
            .map(|&e| app.timeline.events[e].id.as_str())
            .collect(),
        other => panic!("nothing picked: {other:?}, status {:?}", app.status),
    }
}

#[test]
fn enter_picks_the_selected_event_and_ends() {
    let mut a = picking(Options {
        select: Some("oracle-deal".into()),
        ..Options::default()
    });
    press(&mut a, KeyCode::Enter);
    assert!(a.quit);
    assert_eq!(picked(&a), ["oracle-deal"]);
}

#[test]
fn enter_while_typing_a_filter_picks_its_match_as_fzf_does() {
    let mut a = picking(Options::default());
    keys(&mut a, "/nichols");
    assert!(a.filter.typing, "m, q and the rest type themselves");
    press(&mut a, KeyCode::Enter);
    assert_eq!(picked(&a), ["nichols-injunction"]);
}

#[test]
fn with_marks_enter_picks_every_marked_event_in_date_order() {
    let mut a = picking(Options::default());
    // Marked from the bottom up, and one of them then filtered out of view.
    keys(&mut a, "Gmggjjm");
    keys(&mut a, "/oracle");
    press(&mut a, KeyCode::Tab);
    let last = a.timeline.events.last().unwrap().id.clone();
    let third = a.timeline.events[2].id.clone();
    press(&mut a, KeyCode::Enter);
    assert_eq!(picked(&a), [third.as_str(), last.as_str()]);
}

#[test]
fn unmarking_them_all_picks_the_selected_one_again() {
    let mut a = picking(Options::default());
    keys(&mut a, "mm");
    keys(&mut a, "j");
    press(&mut a, KeyCode::Enter);
    let second = a.timeline.events[1].id.clone();
    assert_eq!(picked(&a), [second.as_str()]);
}

#[test]
fn marks_from_an_earlier_session_count_and_the_header_says_so() {
    let a = picking(Options {
        marks: ["oracle-deal".to_string(), "gone-event".to_string()].into(),
        ..Options::default()
    });
    assert_eq!(
        timeline_explorer::tui::state::pick::marked(&a),
        Some(1),
        "an id this timeline lacks is not counted"
    );
    let mut a = a;
    press(&mut a, KeyCode::Enter);
    assert_eq!(picked(&a), ["oracle-deal"]);
}

#[test]
fn esc_and_q_cancel_and_ctrl_c_interrupts() {
    let mut a = picking(Options::default());
    press(&mut a, KeyCode::Esc);
    assert!(a.quit);
    assert_eq!(a.answer, Some(Answer::Cancelled));

    let mut a = picking(Options::default());
    keys(&mut a, "q");
    assert_eq!(a.answer, Some(Answer::Cancelled));

    // Ctrl-c, even while typing.
    let mut a = picking(Options::default());
    keys(&mut a, "/ora");
    press_with(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(a.quit);
    assert_eq!(a.answer, Some(Answer::Interrupted));
}

#[test]
fn esc_steps_back_before_it_cancels() {
    // Typing a filter, Esc clears it; in help, Esc closes it; on an event, Esc
    // returns to the list. Only on the list does it cancel.
    let mut a = picking(Options::default());
    keys(&mut a, "/ora");
    press(&mut a, KeyCode::Esc);
    assert!(!a.quit && !a.filter.typing);
    keys(&mut a, "?");
    press(&mut a, KeyCode::Esc);
    assert!(!a.quit && a.overlay.is_none());
    keys(&mut a, "l");
    assert_eq!(
        a.screen,
        Screen::Detail,
        "l still opens the event to look at"
    );
    press(&mut a, KeyCode::Esc);
    assert!(!a.quit);
    assert_eq!(a.screen, Screen::List);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.answer, Some(Answer::Cancelled));
}

#[test]
fn nothing_listed_and_nothing_marked_is_nothing_to_pick() {
    let mut a = picking(Options::default());
    keys(&mut a, "/xyzzy");
    press(&mut a, KeyCode::Enter);
    assert!(!a.quit);
    assert_eq!(a.answer, None);
    assert!(
        a.status.as_deref().unwrap().starts_with("nothing to pick"),
        "{:?}",
        a.status
    );
}

#[test]
fn the_footer_says_enter_picks_m_marks_esc_cancels() {
    let a = picking(Options::default());
    let shown = hints(&a);
    assert_eq!(
        shown[..3],
        ["⏎ picks", "m marks", "Esc cancels"],
        "{shown:?}"
    );
    assert!(
        !shown.iter().any(|h| h == "⏎ open" || h == "Esc back"),
        "one hint per key: {shown:?}"
    );
    // Typing, Enter still picks.
    let mut a = a;
    keys(&mut a, "/");
    assert_eq!(hints(&a)[0], "⏎ picks");
}

#[test]
fn outside_pick_mode_enter_opens_and_ctrl_c_quits_as_before() {
    let mut a = App::new(
        load_builtin().unwrap(),
        &Options::default(),
        Size::new(80, 24),
    );
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Detail);
    assert!(!hints(&a).iter().any(|h| h.contains("picks")));
    press_with(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(a.quit);
    assert_eq!(a.answer, None, "no answer outside pick mode");
}

#[test]
fn a_rebound_pick_key_is_used_and_shown() {
    let mut a = picking(Options {
        keys: vec![(
            "pick".into(),
            vec![timeline_explorer::tui::keys::parse_key("ctrl-y").unwrap()],
        )],
        select: Some("oracle-deal".into()),
        ..Options::default()
    });
    assert_eq!(hints(&a)[0], "^y picks");
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        a.screen,
        Screen::Detail,
        "Enter opens again: it was given away"
    );
    press(&mut a, KeyCode::Esc);
    press_with(&mut a, KeyCode::Char('y'), KeyModifiers::CONTROL);
    assert_eq!(picked(&a), ["oracle-deal"]);
}

#[test]
fn every_key_in_pick_mode_at_any_size_never_panics() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use timeline_explorer::tui::keys::BINDINGS;
    use timeline_explorer::tui::view;
    let all: Vec<_> = BINDINGS
        .iter()
        .flat_map(|b| b.keys.iter().copied())
        .collect();
    for (w, h) in [(1, 1), (30, 6), (80, 24)] {
        for first in &all {
            let mut a = picking(Options::default());
            update(&mut a, timeline_explorer::tui::Action::Resize(w, h));
            // Each key after one other, until one ends it; drawn every few
            // steps (each draw costs), and at the end.
            for (step, (code, mods)) in std::iter::once(first).chain(&all).enumerate() {
                press_with(&mut a, *code, *mods);
                if step % 5 == 0 || a.quit {
                    let size = a.size;
                    let mut t = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
                    t.draw(|f| view(&a, f)).unwrap();
                }
                if a.quit {
                    assert!(a.answer.is_some(), "pick mode ends with an answer");
                    break;
                }
            }
        }
    }
}
