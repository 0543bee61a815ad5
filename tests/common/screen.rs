//! Driving the app through `update()` and drawing it with ratatui's test
//! backend, as the snapshot tests do.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use timeline_explorer::timeline::load_builtin;
use timeline_explorer::tui::state::dispatch::action_for;
use timeline_explorer::tui::{App, Options, update, view};

/// The app on the shipped timeline, `w` x `h` cells.
pub fn builtin(options: &Options, w: u16, h: u16) -> App {
    App::new(load_builtin().unwrap(), options, Size::new(w, h))
}

/// Press one key with `mods` held, through the key table.
pub fn press_with(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    if let Some(action) = action_for(app, KeyEvent::new(code, mods)) {
        update(app, action);
    }
}

/// Press one key, nothing held.
pub fn press(app: &mut App, code: KeyCode) {
    press_with(app, code, KeyModifiers::NONE);
}

/// The id of the selected event; panics when nothing is selected.
pub fn selected_id(app: &App) -> &str {
    &app.timeline.events[app.selected_event().unwrap()].id
}

/// Type `s` as keys through the key table: `\n` is Enter, `\t` Tab, `\u{1b}` Esc.
pub fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\u{1b}' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        press(app, code);
    }
}

/// One frame of the app at its size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    t
}
