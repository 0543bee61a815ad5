//! Driving the app through `update()` and drawing it with ratatui's test
//! backend, as the snapshot tests do.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use timeline_explorer::tui::state::dispatch::action_for;
use timeline_explorer::tui::{App, update, view};

/// Type `s` as keys through the key table: `\n` is Enter, `\t` Tab, `\u{1b}` Esc.
pub fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\u{1b}' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        if let Some(a) = action_for(app, KeyEvent::new(code, KeyModifiers::NONE)) {
            update(app, a);
        }
    }
}

/// One frame of the app at its size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    t
}
