//! The one key table. Dispatch, the help screen and the footer hints all read it,
//! so what the help says is what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::{App, Screen};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Every screen, but not while typing a filter.
    Everywhere,
    List,
    /// The filter's query line has the keyboard.
    Filter,
    Detail,
    Reader,
    Help,
    /// Presentation mode.
    Present,
    /// The `:` prompt has the keyboard.
    Jump,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Everywhere => "Everywhere",
            Context::List => "Timeline",
            Context::Filter => "Typing a filter",
            Context::Detail => "Event",
            Context::Reader => "Source reader",
            Context::Help => "Help",
            Context::Jump => "Jumping to a date",
            Context::Present => "Presenting",
        }
    }
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub action: Action,
    pub help: &'static str,
    /// The footer's hint for this binding, if it gets one.
    pub hint: Option<&'static str>,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

const fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), NONE)
}

const fn ctrl(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), CTRL)
}

const fn key(code: KeyCode) -> (KeyCode, KeyModifiers) {
    (code, NONE)
}

macro_rules! bind {
    ($context:ident, [$($k:expr),+], $action:expr, $help:literal) => {
        Binding { context: Context::$context, keys: &[$($k),+], action: $action, help: $help, hint: None }
    };
    ($context:ident, [$($k:expr),+], $action:expr, $help:literal, $hint:literal) => {
        Binding { context: Context::$context, keys: &[$($k),+], action: $action, help: $help, hint: Some($hint) }
    };
}

/// Earlier bindings win where a key appears twice in reach.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind!(List, [ch('/')], Action::StartFilter, "filter as you type (fzf syntax)", "/ filter"),
    bind!(List, [key(KeyCode::Enter), ch('l'), key(KeyCode::Right)], Action::Open, "open the event", "⏎ open"),
    bind!(List, [ch('o')], Action::OpenSource, "read the source of its first citation"),
            bind!(List, [ch('s')], Action::ToggleRank, "order by match score / by date"),
            bind!(List, [ch('m')], Action::ToggleMark, "mark or unmark the event"),
    bind!(List, [ch('\'')], Action::ToggleMarkedOnly, "show only marked events, or all"),
        bind!(List, [ch('p')], Action::Present, "present the events one per screen", "p present"),
    bind!(Present, [key(KeyCode::Right), ch(' '), ch('l'), key(KeyCode::PageDown)], Action::NextSlide, "next event", "→ next"),
    bind!(Present, [key(KeyCode::Left), key(KeyCode::PageUp)], Action::PrevSlide, "previous event", "← previous"),
    bind!(Present, [key(KeyCode::Esc), ch('p')], Action::Back, "back to the list", "Esc list"),
    bind!(List, [ch('t')], Action::JumpToAsOf, "select the event nearest the as-of date"),
    bind!(List, [ch('y')], Action::Copy, "copy the event's first citation as Markdown"),
    bind!(List, [ch(':')], Action::StartJump, "jump to a date: 2020-09, sep 27, 27 sep 2020, nov", ": date"),
    bind!(Jump, [key(KeyCode::Enter)], Action::AcceptJump, "select the event nearest that date", "⏎ jump"),
    bind!(Jump, [key(KeyCode::Esc)], Action::CancelJump, "never mind", "Esc cancel"),
    bind!(Jump, [key(KeyCode::Backspace)], Action::Backspace, "delete a character"),
    bind!(Filter, [key(KeyCode::Enter)], Action::Open, "keep the filter and open the selected event", "⏎ open"),
    bind!(Filter, [key(KeyCode::Tab)], Action::AcceptFilter, "keep the filter, back to the list", "Tab list"),
    bind!(Filter, [key(KeyCode::Esc)], Action::CancelFilter, "clear the filter, back to the list", "Esc clear"),
    bind!(Filter, [key(KeyCode::Backspace)], Action::Backspace, "delete a character"),
    bind!(Filter, [ctrl('w')], Action::DeleteWord, "delete a word"),
    bind!(Filter, [ctrl('u')], Action::ClearInput, "delete the whole query"),
    bind!(Filter, [key(KeyCode::Down), ctrl('n')], Action::Down, "select the next event", "↑↓ select"),
    bind!(Filter, [key(KeyCode::Up), ctrl('p')], Action::Up, "select the previous event"),
    bind!(Filter, [ctrl('s')], Action::ToggleRank, "order by match score / by date", "^s rank"),
    bind!(Detail, [key(KeyCode::Tab)], Action::NextCitation, "select the next citation", "Tab citation"),
        bind!(Detail, [key(KeyCode::BackTab)], Action::PrevCitation, "select the previous citation"),
        bind!(Detail, [ch('m')], Action::ToggleMark, "mark or unmark the event"),
    bind!(Detail, [ch('y')], Action::Copy, "copy the selected citation as Markdown", "y copy"),
    bind!(Detail, [key(KeyCode::Enter), ch('o'), ch('l'), key(KeyCode::Right)], Action::OpenSource, "read the cited passage in its source", "⏎ source"),
    bind!(Reader, [ch('n')], Action::NextPassage, "next passage cited from this article", "n/N passage"),
        bind!(Reader, [ch('N')], Action::PrevPassage, "previous cited passage"),
    bind!(Reader, [ch('y')], Action::Copy, "copy the passage in focus as a Markdown citation", "y copy"),
    bind!(Help, [ch('?')], Action::Back, "close help"),
    bind!(Everywhere, [ch('j'), key(KeyCode::Down)], Action::Down, "down", "j/k move"),
    bind!(Everywhere, [ch('k'), key(KeyCode::Up)], Action::Up, "up"),
    bind!(Everywhere, [key(KeyCode::PageDown), ch(' ')], Action::PageDown, "page down"),
    bind!(Everywhere, [key(KeyCode::PageUp)], Action::PageUp, "page up"),
    bind!(Everywhere, [ctrl('d')], Action::HalfPageDown, "half a page down"),
    bind!(Everywhere, [ctrl('u')], Action::HalfPageUp, "half a page up"),
    bind!(Everywhere, [ch('g'), key(KeyCode::Home)], Action::Top, "to the top"),
    bind!(Everywhere, [ch('G'), key(KeyCode::End)], Action::Bottom, "to the bottom"),
    bind!(Everywhere, [key(KeyCode::Esc), ch('h'), key(KeyCode::Left)], Action::Back, "back one level (in the list: clear the filter)", "Esc back"),
    bind!(Everywhere, [ch('?')], Action::Help, "this help", "? help"),
    bind!(Everywhere, [ch('e')], Action::Problems, "what is wrong with the data or the config, if anything", "e problems"),
    bind!(Everywhere, [ch('q')], Action::Quit, "quit", "q quit"),
    bind!(Everywhere, [ctrl('c')], Action::Quit, "quit, even while typing a filter"),
];

/// The contexts in reach, most specific first.
pub fn contexts(app: &App) -> &'static [Context] {
    if app.jump.is_some() {
        return &[Context::Jump];
    }
    if app.filter.typing {
        return &[Context::Filter];
    }
    if app.overlay.is_some() {
        return &[Context::Help, Context::Everywhere];
    }
    match app.screen {
        Screen::List => &[Context::List, Context::Everywhere],
        Screen::Detail => &[Context::Detail, Context::Everywhere],
        Screen::Reader => &[Context::Reader, Context::Everywhere],
        Screen::Present => &[Context::Present, Context::Everywhere],
    }
}

/// What a key press means here, if anything.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    let code = key.code;
    // Shift is part of the character ('G', '?') or of BackTab; Alt and others are not ours.
    let mods = key.modifiers - KeyModifiers::SHIFT;
    if code == KeyCode::Char('c') && mods == CTRL {
        return Some(Action::Quit);
    }
    // Nothing is shown to act on: only quitting does anything, q included.
    if super::layout::too_small(app.size) {
        return (code == KeyCode::Char('q') && mods.is_empty()).then_some(Action::Quit);
    }
    for context in contexts(app) {
        let found = BINDINGS
            .iter()
            .filter(|b| b.context == *context)
            .find(|b| b.keys.contains(&(code, mods)));
        if let Some(b) = found {
            return Some(b.action.clone());
        }
    }
    match code {
        KeyCode::Char(c) if (app.filter.typing || app.jump.is_some()) && mods.is_empty() => {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// Footer hints for where the user is, in table order.
pub fn hints(app: &App) -> Vec<&'static str> {
    let mut shown: Vec<&'static str> = Vec::new();
    for hint in contexts(app)
        .iter()
        .flat_map(|c| BINDINGS.iter().filter(move |b| b.context == *c))
        // The problems hint only while there are problems.
        .filter(|b| b.action != Action::Problems || super::problems::any(app))
        .filter_map(|b| b.hint)
    {
        // One hint per key: the most specific context's, which comes first.
        let key = hint.split(' ').next().unwrap_or(hint);
        if !shown.iter().any(|h| h.split(' ').next() == Some(key)) {
            shown.push(hint);
        }
    }
    shown
}

/// A key as the help screen shows it.
pub fn label((code, mods): (KeyCode, KeyModifiers)) -> String {
    let name = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        other => format!("{other:?}"),
    };
    if mods.contains(CTRL) {
        format!("Ctrl-{name}")
    } else {
        name
    }
}
