//! What a terminal event asks for, whichever driver read it: the local tty and
//! the SSH server both turn crossterm events into the same `Action`s here.

use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::tui::state::action::Action;
use crate::tui::state::app::App;
use crate::tui::state::dispatch::action_for;

/// The action an event asks for, if any. `mouse` is whether the driver
/// captured the mouse; without it, mouse events mean nothing.
pub fn input_action(app: &App, event: Event, mouse: bool) -> Option<Action> {
    match event {
        // Releases and repeats (kitty protocol) would act twice.
        Event::Key(key) if key.kind == KeyEventKind::Press => action_for(app, key),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(m) if mouse => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            _ => None,
        },
        _ => None,
    }
}
