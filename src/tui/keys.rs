//! The one key table. Dispatch, the help screen and the footer hints all read it,
//! so what the help says is what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::tui::state::action::Action;

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
    /// Pick mode's list (`timeline-explorer pick`), looked up before the list's.
    Pick,
    /// Pick mode while typing a filter, looked up before the filter's.
    PickFilter,
    /// The sources screen: every article, and what a search found in them.
    Sources,
    /// A search of the articles (or, in the reader, of the article) has the keyboard.
    Search,
    /// The reader while a search of the article is active: `n`/`N` go to matches.
    ReaderSearch,
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
            Context::Pick => "Picking (timeline-explorer pick)",
            Context::PickFilter => "Picking, typing a filter",
            Context::Sources => "Sources",
            Context::Search => "Typing a search of the articles",
            Context::ReaderSearch => "Source reader, searching",
        }
    }
}

/// A key as crossterm reports it, Shift folded into the character.
pub type Key = (KeyCode, KeyModifiers);

/// A default binding, as the table below has it.
pub struct Binding {
    pub context: Context,
    /// What config.ron calls it; rows sharing a name share overrides.
    pub name: &'static str,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
    /// The footer's word for this binding, if it gets a hint.
    pub hint: Option<&'static str>,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
pub const CTRL: KeyModifiers = KeyModifiers::CONTROL;

const fn ch(c: char) -> Key {
    (KeyCode::Char(c), NONE)
}

const fn ctrl(c: char) -> Key {
    (KeyCode::Char(c), CTRL)
}

const fn key(code: KeyCode) -> Key {
    (code, NONE)
}

macro_rules! bind {
    ($context:ident, $name:literal, [$($k:expr),+], $action:expr, $help:literal) => {
        Binding { context: Context::$context, name: $name, keys: &[$($k),+], action: $action, help: $help, hint: None }
    };
    ($context:ident, $name:literal, [$($k:expr),+], $action:expr, $help:literal, $hint:literal) => {
        Binding { context: Context::$context, name: $name, keys: &[$($k),+], action: $action, help: $help, hint: Some($hint) }
    };
}

/// The default keys. Earlier bindings win where a key appears twice in reach.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind!(List, "filter", [ch('/')], Action::StartFilter, "filter as you type (fzf syntax)", "filter"),
    bind!(List, "open", [key(KeyCode::Enter), ch('l'), key(KeyCode::Right)], Action::Open, "open the event", "open"),
    bind!(List, "open-source", [ch('o')], Action::OpenSource, "read the source of its first citation"),
    bind!(List, "rank", [ch('s')], Action::ToggleRank, "order by match score / by date"),
    bind!(List, "mark", [ch('m')], Action::ToggleMark, "mark or unmark the event"),
    bind!(List, "marked-only", [ch('\'')], Action::ToggleMarkedOnly, "show only marked events, or all"),
    bind!(List, "present", [ch('p')], Action::Present, "present the events one per screen", "present"),
    bind!(Present, "next-slide", [key(KeyCode::Right), ch(' '), ch('l'), key(KeyCode::PageDown)], Action::NextSlide, "next event", "next"),
    bind!(Present, "previous-slide", [key(KeyCode::Left), key(KeyCode::PageUp)], Action::PrevSlide, "previous event", "previous"),
    bind!(Present, "present", [key(KeyCode::Esc), ch('p')], Action::Back, "back to the list", "list"),
    bind!(List, "as-of", [ch('t')], Action::JumpToAsOf, "select the event nearest the as-of date"),
    bind!(List, "agenda", [ch('a')], Action::ToggleAgenda, "the agenda: what is ahead, soonest first; or all"),
    bind!(List, "copy", [ch('y')], Action::Copy, "copy the event's first citation as Markdown"),
    bind!(List, "jump", [ch(':')], Action::StartJump, "jump to a date: 2020-09, sep 27, 27 sep 2020, nov", "date"),
    bind!(Jump, "jump-accept", [key(KeyCode::Enter)], Action::AcceptJump, "select the event nearest that date", "jump"),
    bind!(Jump, "jump-cancel", [key(KeyCode::Esc)], Action::CancelJump, "never mind", "cancel"),
    bind!(Jump, "jump-backspace", [key(KeyCode::Backspace)], Action::Backspace, "delete a character"),
    bind!(Filter, "filter-open", [key(KeyCode::Enter)], Action::Open, "keep the filter and open the selected event", "open"),
    bind!(Filter, "filter-keep", [key(KeyCode::Tab)], Action::AcceptFilter, "keep the filter, back to the list", "list"),
    bind!(Filter, "filter-clear", [key(KeyCode::Esc)], Action::CancelFilter, "clear the filter, back to the list", "clear"),
    bind!(Filter, "filter-backspace", [key(KeyCode::Backspace)], Action::Backspace, "delete a character"),
    bind!(Filter, "filter-delete-word", [ctrl('w')], Action::DeleteWord, "delete a word"),
    bind!(Filter, "filter-delete-all", [ctrl('u')], Action::ClearInput, "delete the whole query"),
    bind!(Filter, "filter-down", [key(KeyCode::Down), ctrl('n')], Action::Down, "select the next event", "select"),
    bind!(Filter, "filter-up", [key(KeyCode::Up), ctrl('p')], Action::Up, "select the previous event"),
    bind!(Filter, "filter-rank", [ctrl('s')], Action::ToggleRank, "order by match score / by date", "rank"),
    bind!(Detail, "next-citation", [key(KeyCode::Tab)], Action::NextCitation, "select the next citation", "citation"),
    bind!(Detail, "previous-citation", [key(KeyCode::BackTab)], Action::PrevCitation, "select the previous citation"),
    bind!(Detail, "mark", [ch('m')], Action::ToggleMark, "mark or unmark the event"),
    bind!(Detail, "copy", [ch('y')], Action::Copy, "copy the selected citation as Markdown", "copy"),
    bind!(Detail, "open", [key(KeyCode::Enter), ch('l'), key(KeyCode::Right)], Action::OpenSource, "read the cited passage in its source", "source"),
    bind!(Detail, "open-source", [ch('o')], Action::OpenSource, "read the cited passage in its source"),
    bind!(Reader, "next-passage", [ch('n')], Action::NextPassage, "next passage cited from this article", "passage"),
    bind!(Reader, "previous-passage", [ch('N')], Action::PrevPassage, "previous cited passage"),
    bind!(Reader, "copy", [ch('y')], Action::Copy, "copy the passage in focus as a Markdown citation", "copy"),
    bind!(Help, "help", [ch('?')], Action::Back, "close help"),
    bind!(List, "sources", [ch('S')], Action::Sources, "the articles, and / to search their full text"),
    bind!(Sources, "search", [ch('/')], Action::StartSearch, "search the full text of every article (fzf syntax)", "search"),
    bind!(Sources, "open", [key(KeyCode::Enter), ch('l'), key(KeyCode::Right)], Action::Open, "read the article, the passage found in focus", "read"),
    bind!(Search, "filter-open", [key(KeyCode::Enter)], Action::Open, "keep the search and read the passage selected", "read"),
    bind!(Search, "filter-keep", [key(KeyCode::Tab)], Action::AcceptSearch, "keep the search, back to what it found", "keep"),
    bind!(Search, "filter-clear", [key(KeyCode::Esc)], Action::CancelSearch, "clear the search", "clear"),
    bind!(Search, "filter-backspace", [key(KeyCode::Backspace)], Action::Backspace, "delete a character"),
    bind!(Search, "filter-delete-word", [ctrl('w')], Action::DeleteWord, "delete a word"),
    bind!(Search, "filter-delete-all", [ctrl('u')], Action::ClearInput, "delete the whole query"),
    bind!(Search, "filter-down", [key(KeyCode::Down), ctrl('n')], Action::Down, "select the next passage", "select"),
    bind!(Search, "filter-up", [key(KeyCode::Up), ctrl('p')], Action::Up, "select the previous passage"),
    bind!(Search, "suspend", [ctrl('z')], Action::Suspend, "suspend to the shell (fg comes back)"),
    bind!(Reader, "search", [ch('/')], Action::StartSearch, "search this article (fzf syntax)", "search"),
    bind!(ReaderSearch, "next-match", [ch('n')], Action::NextMatch, "next match of the search (Esc clears it)", "match"),
    bind!(ReaderSearch, "previous-match", [ch('N')], Action::PrevMatch, "previous match of the search"),
    bind!(Everywhere, "down", [ch('j'), key(KeyCode::Down)], Action::Down, "down", "move"),
    bind!(Everywhere, "up", [ch('k'), key(KeyCode::Up)], Action::Up, "up"),
    bind!(Everywhere, "page-down", [key(KeyCode::PageDown), ch(' ')], Action::PageDown, "page down"),
    bind!(Everywhere, "page-up", [key(KeyCode::PageUp)], Action::PageUp, "page up"),
    bind!(Everywhere, "half-page-down", [ctrl('d')], Action::HalfPageDown, "half a page down"),
    bind!(Everywhere, "half-page-up", [ctrl('u')], Action::HalfPageUp, "half a page up"),
    bind!(Everywhere, "top", [ch('g'), key(KeyCode::Home)], Action::Top, "to the top"),
    bind!(Everywhere, "bottom", [ch('G'), key(KeyCode::End)], Action::Bottom, "to the bottom"),
    bind!(Everywhere, "back", [key(KeyCode::Esc), ch('h'), key(KeyCode::Left)], Action::Back, "back one level (in the list: clear the filter)", "back"),
    bind!(Everywhere, "help", [ch('?')], Action::Help, "this help", "help"),
    bind!(Everywhere, "problems", [ch('e')], Action::Problems, "problems in the data or the config, if any", "problems"),
    bind!(Everywhere, "follow", [ch('f')], Action::ToggleFollow, "follow the presenter, or browse on your own (SSH viewers)"),
    bind!(Everywhere, "quit", [ch('q')], Action::Quit, "quit", "quit"),
    bind!(Everywhere, "quit-anywhere", [ctrl('c')], Action::Quit, "quit, even while typing a filter"),
    bind!(Everywhere, "suspend", [ctrl('z')], Action::Suspend, "suspend to the shell (fg comes back)"),
    bind!(Filter, "suspend", [ctrl('z')], Action::Suspend, "suspend to the shell (fg comes back)"),
    bind!(Jump, "suspend", [ctrl('z')], Action::Suspend, "suspend to the shell (fg comes back)"),
    bind!(Pick, "pick", [key(KeyCode::Enter)], Action::Pick, "print its citation (or every marked one's) and exit", "picks"),
    bind!(Pick, "mark", [ch('m')], Action::ToggleMark, "mark or unmark it (Enter prints all marked)", "marks"),
    bind!(Pick, "pick-cancel", [key(KeyCode::Esc)], Action::CancelPick, "print nothing and exit (status 1)", "cancels"),
    bind!(PickFilter, "pick", [key(KeyCode::Enter)], Action::Pick, "keep the filter and pick, as Enter on the list does", "picks"),
];

/// Footer hints that name two keys, as "j/k move": the binding and its partner's name.
pub const PAIRS: &[(&str, &str)] = &[
    ("down", "up"),
    ("filter-down", "filter-up"),
    ("next-passage", "previous-passage"),
    ("next-match", "previous-match"),
];

/// The key table in use: the defaults with the user's overrides (config.ron).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// Each default binding's keys now, in table order.
    keys: Vec<Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            keys: BINDINGS.iter().map(|b| b.keys.to_vec()).collect(),
        }
    }
}

/// Contexts whose bindings an override in `context` takes its keys from: its
/// own, and the more specific ones looked up before it.
fn shadowed_by(context: Context) -> &'static [Context] {
    use Context::*;
    match context {
        Everywhere => &[
            Everywhere,
            List,
            Detail,
            Reader,
            Help,
            Present,
            Pick,
            Sources,
            ReaderSearch,
        ],
        List => &[List, Pick],
        Filter => &[Filter, PickFilter],
        Detail => &[Detail],
        // The reader's keys are looked up after those of its search.
        Reader => &[Reader, ReaderSearch],
        Help => &[Help],
        Present => &[Present],
        Jump => &[Jump],
        Pick => &[Pick],
        PickFilter => &[PickFilter],
        Sources => &[Sources],
        Search => &[Search],
        ReaderSearch => &[ReaderSearch],
    }
}

impl Keymap {
    /// The defaults with `overrides` (binding name, its new keys) applied: an
    /// override's keys are taken from any default binding that would shadow it.
    pub fn with(overrides: &[(String, Vec<Key>)]) -> Keymap {
        let mut map = Keymap::default();
        let overridden: Vec<bool> = BINDINGS
            .iter()
            .map(|b| overrides.iter().any(|(name, _)| name == b.name))
            .collect();
        for (name, keys) in overrides {
            for (i, b) in BINDINGS.iter().enumerate().filter(|(_, b)| b.name == name) {
                for (j, other) in BINDINGS.iter().enumerate() {
                    if !overridden[j] && shadowed_by(b.context).contains(&other.context) {
                        map.keys[j].retain(|k| !keys.contains(k));
                    }
                }
                map.keys[i] = keys.clone();
            }
        }
        map
    }

    /// The bindings of one context, in table order, with their keys now.
    pub fn bindings(&self, context: Context) -> impl Iterator<Item = (&'static Binding, &[Key])> {
        BINDINGS
            .iter()
            .zip(&self.keys)
            .filter(move |(b, _)| b.context == context)
            .map(|(b, k)| (b, k.as_slice()))
    }

    /// The first key of the binding called `name` in `context`, as help shows it.
    pub fn label_of(&self, context: Context, name: &str) -> String {
        self.keys_of(context, name)
            .first()
            .map_or("(no key)".into(), |k| label(*k))
    }

    /// The keys of the binding called `name` in `context`.
    pub fn keys_of(&self, context: Context, name: &str) -> &[Key] {
        self.bindings(context)
            .find(|(b, _)| b.name == name)
            .map_or(&[], |(_, k)| k)
    }
}

/// Whether `name` is a binding, and whether it is read while typing (where a
/// plain character types itself rather than acting).
pub fn binding_named(name: &str) -> Option<bool> {
    let mut rows = BINDINGS.iter().filter(|b| b.name == name).peekable();
    rows.peek()?;
    Some(rows.any(|b| {
        matches!(
            b.context,
            Context::Filter | Context::Jump | Context::PickFilter | Context::Search
        )
    }))
}

/// Whether two bindings, by name, are ever looked up in the same context.
pub fn share_a_context(a: &str, b: &str) -> bool {
    BINDINGS.iter().filter(|x| x.name == a).any(|x| {
        BINDINGS
            .iter()
            .any(|y| y.name == b && y.context == x.context)
    })
}

/// A key as config.ron writes it, the way `parse_key` reads it.
pub fn spell((code, mods): Key) -> String {
    let name = match code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("f{n}"),
        KeyCode::PageUp => "pgup".into(),
        KeyCode::PageDown => "pgdn".into(),
        other => format!("{other:?}").to_lowercase(),
    };
    with_modifiers(mods, ["ctrl-", "alt-"], name)
}

/// `name` after the modifiers held, each spelled as given (Ctrl, then Alt).
fn with_modifiers(mods: KeyModifiers, [ctrl, alt]: [&str; 2], name: String) -> String {
    let mut out = String::new();
    if mods.contains(CTRL) {
        out.push_str(ctrl);
    }
    if mods.contains(KeyModifiers::ALT) {
        out.push_str(alt);
    }
    out + &name
}

/// Every binding name, for config errors and the default config.
pub fn names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for b in BINDINGS {
        if !names.contains(&b.name) {
            names.push(b.name);
        }
    }
    names
}

/// A key as the footer shows it: as short as it can be.
pub fn short(key: Key) -> String {
    match key {
        (KeyCode::Enter, m) if m.is_empty() && !crate::tui::widgets::text::ascii() => "⏎".into(),
        (KeyCode::Char(c), m) if m == CTRL => format!("^{c}"),
        k => label(k),
    }
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
        // Their names where the terminal shows only ASCII.
        KeyCode::Up if crate::tui::widgets::text::ascii() => "Up".into(),
        KeyCode::Down if crate::tui::widgets::text::ascii() => "Down".into(),
        KeyCode::Left if crate::tui::widgets::text::ascii() => "Left".into(),
        KeyCode::Right if crate::tui::widgets::text::ascii() => "Right".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::Insert => "Insert".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    with_modifiers(mods, ["Ctrl-", "Alt-"], name)
}

/// A key as config.ron writes it: "x", "G", "ctrl-f", "alt-x", "enter", "f5".
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut mods = NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        if lower.starts_with("ctrl-") && rest.len() > 5 {
            mods |= CTRL;
        } else if lower.starts_with("alt-") && rest.len() > 4 {
            mods |= KeyModifiers::ALT;
        } else {
            break;
        }
        rest = &rest[rest.find('-').map_or(0, |i| i + 1)..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        // Ctrl with a letter arrives as the lower-case letter.
        (Some(c), None) if mods.contains(CTRL) => KeyCode::Char(c.to_ascii_lowercase()),
        (Some(c), None) if !c.is_control() => KeyCode::Char(c),
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" | "shift-tab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "delete" | "del" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            f => match f.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                Some(n @ 1..=24) => KeyCode::F(n),
                _ => {
                    return Err(format!(
                        "\"{text}\" is not a key: write one character (\"x\", \"G\"), a name \
                         (enter, esc, tab, backtab, backspace, space, up, down, left, right, \
                         pgup, pgdn, home, end, delete, f1-f24), either after ctrl- or alt- if need be"
                    ));
                }
            },
        },
    };
    Ok((code, mods))
}
