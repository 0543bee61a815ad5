//! `input_action`: terminal events to actions, the map every driver (the local
//! tty, the SSH server) feeds the app through.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};
use timeline_explorer::tui::{Action, Options, input_action};

mod common;

use common::screen::builtin;

fn key(code: KeyCode, kind: KeyEventKind) -> Event {
    Event::Key(KeyEvent::new_with_kind(code, KeyModifiers::NONE, kind))
}

fn wheel_down() -> Event {
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 3,
        row: 4,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn a_key_press_goes_through_the_key_table_and_a_release_does_nothing() {
    let a = builtin(&Options::default(), 80, 24);
    let j = |kind| input_action(&a, key(KeyCode::Char('j'), kind), false);
    assert_eq!(j(KeyEventKind::Press), Some(Action::Down));
    assert_eq!(j(KeyEventKind::Release), None);
    assert_eq!(j(KeyEventKind::Repeat), None);
    assert_eq!(
        input_action(&a, key(KeyCode::Char('q'), KeyEventKind::Press), false),
        Some(Action::Quit)
    );
}

#[test]
fn the_mouse_counts_only_when_the_driver_captured_it() {
    let a = builtin(&Options::default(), 80, 24);
    assert_eq!(input_action(&a, wheel_down(), false), None);
    assert_eq!(
        input_action(&a, wheel_down(), true),
        Some(Action::ScrollDown)
    );
}

#[test]
fn resizes_and_pastes_become_actions() {
    let a = builtin(&Options::default(), 80, 24);
    assert_eq!(
        input_action(&a, Event::Resize(120, 40), false),
        Some(Action::Resize(120, 40))
    );
    assert_eq!(
        input_action(&a, Event::Paste("nichols".into()), false),
        Some(Action::Paste("nichols".into()))
    );
    assert_eq!(input_action(&a, Event::FocusGained, false), None);
}
