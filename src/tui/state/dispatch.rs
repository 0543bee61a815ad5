//! What a key means where the user is: the key table (`keys`) read against the
//! app's state. Kept here, beside `update`, so the table itself needs no `App`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::keys::{CTRL, Context, PAIRS, short};
use crate::tui::state::action::Action;
use crate::tui::state::app::{App, Screen};

/// The contexts in reach, most specific first.
pub fn contexts(app: &App) -> &'static [Context] {
    if app.jump.is_some() {
        return &[Context::Jump];
    }
    if app.filter.typing && app.pick {
        return &[Context::PickFilter, Context::Filter];
    }
    if app.filter.typing {
        return &[Context::Filter];
    }
    if app.grep.typing {
        return &[Context::Search];
    }
    if app.overlay.is_some() {
        return &[Context::Help, Context::Everywhere];
    }
    match app.screen {
        Screen::List if app.pick => &[Context::Pick, Context::List, Context::Everywhere],
        Screen::List => &[Context::List, Context::Everywhere],
        Screen::Detail => &[Context::Detail, Context::Everywhere],
        Screen::Reader if app.grep.in_reader().is_some() => {
            &[Context::ReaderSearch, Context::Reader, Context::Everywhere]
        }
        Screen::Reader => &[Context::Reader, Context::Everywhere],
        Screen::Present => &[Context::Present, Context::Everywhere],
        Screen::Sources => &[Context::Sources, Context::Everywhere],
    }
}

/// What a key press means here, if anything.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    let code = key.code;
    // Shift is part of the character ('G', '?') or of BackTab; Alt and others are not ours.
    let mods = key.modifiers - KeyModifiers::SHIFT;
    if code == KeyCode::Char('c') && mods == CTRL {
        // Picking, it is an interrupt (exit status 130), as in fzf.
        return Some(if app.pick {
            Action::Interrupt
        } else {
            Action::Quit
        });
    }
    let keymap = &app.keymap;
    // Nothing is shown to act on: only quitting and suspending do anything.
    if crate::tui::widgets::layout::too_small(app.size) {
        let key = (code, mods);
        return [("quit", Action::Quit), ("suspend", Action::Suspend)]
            .into_iter()
            .find(|(name, _)| keymap.keys_of(Context::Everywhere, name).contains(&key))
            .map(|(_, action)| action);
    }
    for context in contexts(app) {
        let found = keymap
            .bindings(*context)
            .find(|(_, keys)| keys.contains(&(code, mods)));
        if let Some((b, _)) = found {
            return Some(b.action.clone());
        }
    }
    match code {
        KeyCode::Char(c)
            if (app.filter.typing || app.jump.is_some() || app.grep.typing) && mods.is_empty() =>
        {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// Footer hints for where the user is, in table order: "j/k move", "⏎ open".
pub fn hints(app: &App) -> Vec<String> {
    let keymap = &app.keymap;
    let mut shown: Vec<String> = Vec::new();
    for context in contexts(app) {
        for (b, keys) in keymap.bindings(*context) {
            let (Some(word), Some(first)) = (b.hint, keys.first()) else {
                continue;
            };
            // The problems hint only while there are problems.
            if b.action == Action::Problems && !app.has_problems() {
                continue;
            }
            let mut label = short(*first);
            if let Some((_, partner)) = PAIRS.iter().find(|(n, _)| *n == b.name)
                && let Some(other) = keymap.keys_of(b.context, partner).first()
            {
                label = format!("{label}/{}", short(*other));
            }
            // One hint per key: the most specific context's, which comes first.
            if !shown
                .iter()
                .any(|h| h.split(' ').next() == Some(label.as_str()))
            {
                shown.push(format!("{label} {word}"));
            }
        }
    }
    shown
}
