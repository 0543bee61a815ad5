//! The help screen, generated from the key table: every key, every screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, Padding, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};

use crate::tui::keys::{Context, label};
use crate::tui::state::action::Action;
use crate::tui::state::app::App;
use crate::tui::state::follow::Follow;
use crate::tui::widgets::text::display;

const ORDER: [Context; 11] = [
    Context::List,
    Context::Filter,
    Context::Jump,
    Context::Detail,
    Context::Reader,
    Context::ReaderSearch,
    Context::Sources,
    Context::Search,
    Context::Present,
    Context::Everywhere,
    Context::Help,
];

const SYNTAX: &[(&str, &str)] = &[
    ("nichols", "those letters in order, close together"),
    ("oracle deal", "both terms"),
    ("nichols | fcc", "either term"),
    ("'fcc", "exactly this text"),
    ("^2020-09", "a field starts with it"),
    ("ban$", "a field ends with it"),
    ("!wechat", "not this text"),
    ("Oracle", "a capital letter: case must match"),
];

pub fn lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut out = vec![Line::styled("Files", t.heading)];
    // A path, then what to know about it on a line of its own: paths are long.
    let data = match &app.data_path {
        Some(p) => (p.display().to_string(), "saved changes reload"),
        None => ("built in".into(), ""),
    };
    let config = match (&app.config.path, app.config.loaded, &app.config.problem) {
        (None, ..) => ("none (no config directory)".to_string(), ""),
        (Some(p), _, Some(_)) => (
            p.display().to_string(),
            "has a problem (e): defaults in use",
        ),
        (Some(p), true, None) => (p.display().to_string(), ""),
        (Some(p), false, None) => (p.display().to_string(), "not there: defaults in use"),
    };
    for (what, (value, note)) in [("timeline", data), ("config", config)] {
        out.push(Line::from(vec![
            Span::styled(format!("  {what:<22}"), t.key),
            Span::raw(display(&value).into_owned()),
        ]));
        if !note.is_empty() {
            out.push(Line::styled(format!("  {:<22}{note}", ""), t.dim));
        }
    }
    out.push(Line::styled(
        "  `timeline-explorer config --print-default` writes a config to start from",
        t.dim,
    ));
    out.push(Line::default());
    // Picking, its keys come first; otherwise they are not in reach.
    let picking: &[Context] = if app.pick {
        &[Context::Pick, Context::PickFilter]
    } else {
        &[]
    };
    for context in picking.iter().copied().chain(ORDER) {
        out.push(Line::styled(context.title(), t.heading));
        for (b, keys) in app.keymap.bindings(context) {
            // Following is for SSH viewers: the local app has no presenter.
            if b.action == Action::ToggleFollow && app.follow == Follow::Off {
                continue;
            }
            let keys: Vec<String> = keys.iter().map(|k| label(*k)).collect();
            let keys = if keys.is_empty() {
                "(none)".to_string()
            } else {
                keys.join(" ")
            };
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<22}"), t.key),
                Span::raw(b.help),
            ]));
        }
        if context == Context::Filter {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<22}", "other keys"), t.key),
                Span::raw("type into the query"),
            ]));
            out.push(Line::default());
            out.push(Line::styled("Filter syntax (as in fzf)", t.heading));
            for (example, meaning) in SYNTAX {
                out.push(Line::from(vec![
                    Span::styled(format!("  {example:<22}"), t.key),
                    Span::raw(*meaning),
                ]));
            }
        }
        out.push(Line::default());
    }
    out.push(Line::styled(
        "Mouse: the wheel scrolls, a click selects.",
        t.dim,
    ));
    out.push(Line::styled(
        "(--no-mouse leaves text selection to the terminal.)",
        t.dim,
    ));
    out
}

/// A bordered panel over the screen, scrolled down `scroll` rows. When it
/// holds more than fits, a scrollbar and "12-31 of 94 · j/k scroll" on its
/// bottom border say so: a panel that looks complete hides the rest.
pub fn panel(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
) {
    let total = lines.len();
    let page = page(area);
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.dim)
        .title(title.to_string())
        .padding(Padding::horizontal(1));
    let scrolls = total > page;
    if scrolls {
        let last = (scroll + page).min(total);
        let keys = |name| app.keymap.label_of(Context::Everywhere, name);
        let dash = if app.ascii { "-" } else { "–" };
        block = block.title_bottom(
            Line::from(format!(
                " {}{dash}{last} of {total} · {}/{} scroll ",
                scroll + 1,
                keys("down"),
                keys("up")
            ))
            .right_aligned(),
        );
    }
    frame.render_widget(Clear, area);
    let offset = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((offset, 0)), area);
    if scrolls {
        let mut state = ScrollbarState::new(total.saturating_sub(page)).position(scroll);
        let mut bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None);
        if app.ascii {
            bar = bar.track_symbol(Some("|")).thumb_symbol("#");
        }
        // On the right border, inside the corners.
        let track = Rect {
            y: area.y.saturating_add(1),
            height: area.height.saturating_sub(2),
            ..area
        };
        frame.render_stateful_widget(bar, track, &mut state);
    }
}

/// Rows of help that fit in `area` (inside its border).
pub fn page(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2)).max(1)
}
