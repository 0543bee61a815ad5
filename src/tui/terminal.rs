//! All terminal I/O: set-up, the event loop and tear-down. The loop blocks on the
//! next event and draws only after something changed: idle means idle.

use std::io::{Write, stdout};

use color_eyre::Result;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::{cursor, execute};

use super::action::Action;
use super::app::App;
use super::keys::action_for;
use super::update::update;
use super::view::view;

/// Set by tests to check that a panic leaves the terminal usable.
const PANIC_FOR_TESTS: &str = "TIMELINE_EXPLORER_TEST_PANIC";

pub fn run(mut app: App, mouse: bool) -> Result<()> {
    // ratatui's hook restores raw mode and the screen; ours runs first and also
    // releases the mouse and shows the cursor, which ratatui's does not.
    let mut terminal = ratatui::try_init()?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        release(mouse);
        hook(info);
    }));
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    let size = terminal.size()?;
    update(&mut app, Action::Resize(size.width, size.height));
    let result = event_loop(&mut terminal, &mut app, mouse);
    release(mouse);
    ratatui::restore();
    result
}

fn release(mouse: bool) {
    let mut out = stdout();
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, cursor::Show);
    let _ = out.flush();
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, mouse: bool) -> Result<()> {
    let panic_on_key = std::env::var_os(PANIC_FOR_TESTS).is_some();
    terminal.draw(|f| view(app, f))?;
    while !app.quit {
        let action = match event::read()? {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                if panic_on_key {
                    panic!("panic requested by {PANIC_FOR_TESTS}");
                }
                action_for(app, key)
            }
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            Event::Mouse(m) if mouse => match m.kind {
                MouseEventKind::ScrollDown => Some(Action::ScrollDown),
                MouseEventKind::ScrollUp => Some(Action::ScrollUp),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
                _ => None,
            },
            _ => None,
        };
        if let Some(action) = action {
            update(app, action);
            if !app.quit {
                terminal.draw(|f| view(app, f))?;
            }
        }
    }
    Ok(())
}
