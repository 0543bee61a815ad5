//! The bottom row: key hints, the query or `:` prompt while typing, and
//! status messages. A message that does not fit beside the essential hints
//! gets rows of its own just above, over the bottom of the body, so neither
//! it nor the hints are cut.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::state::app::{App, Screen};
use crate::tui::state::dispatch::hints;
use crate::tui::widgets::text::{display, width, wrapped};

/// At most this many rows of the body are lent to a long status message.
const STATUS_ROWS: usize = 2;

/// Draw the footer in `area`; returns the cursor while a query is typed.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) -> Option<Position> {
    let t = &app.theme;
    let hints = hints(app);
    let mut spans = Vec::new();
    let mut cursor = None;
    if let Some(jump) = &app.jump {
        let shown = format!(":{}", display(jump));
        cursor = Some(typing_cursor(area, &shown));
        spans.push(Span::styled(shown, t.title));
        spans.push(Span::raw("  "));
    } else if app.filter.typing {
        let shown = format!("/{}", display(&app.filter.text));
        cursor = Some(typing_cursor(area, &shown));
        spans.push(Span::styled(shown, t.title));
        spans.push(Span::raw("  "));
    } else if let Some(typed) = typed(app) {
        let shown = format!("/{}", display(typed));
        cursor = Some(typing_cursor(area, &shown));
        spans.push(Span::styled(shown, t.title));
        spans.push(Span::raw("  "));
    } else if let Some(status) = &app.status {
        let status = display(status);
        let beside = usize::from(area.width).saturating_sub(essentials(&hints));
        if width(&status) < beside {
            spans.push(Span::styled(format!("{status} "), t.warning));
        } else {
            draw_status_above(app, frame, area, &status);
        }
    } else if let Some(note) = app.follow.note(app.presenter.here) {
        spans.push(Span::styled(format!("{note} "), t.title));
        spans.push(Span::styled("│ ", t.dim));
    } else if let Some(trouble) = app.trouble.as_ref().filter(|t| t.errors) {
        // Until the files are fixed, say that what is shown is not what is on disk.
        spans.push(Span::styled(
            format!("⚠ {} on disk ", trouble.summary),
            t.warning,
        ));
        spans.push(Span::styled("│ ", t.dim));
    } else if app.screen == Screen::List && !app.filter.text.is_empty() {
        spans.push(Span::styled(
            format!("/{}", display(&app.filter.text)),
            t.title,
        ));
        spans.push(Span::styled(" │ ", t.dim));
    }
    // Whole hints only: one cut in half says nothing. Help and quit always
    // keep their place; the others fill what is left, in order.
    let mut room = usize::from(area.width)
        .saturating_sub(spans.iter().map(|s| s.width()).sum::<usize>())
        .saturating_sub(essentials(&hints));
    for hint in &hints {
        if !essential(hint) {
            if cost(hint) > room {
                continue;
            }
            room -= cost(hint);
        }
        let (key, what) = hint.split_once(' ').unwrap_or((hint, ""));
        spans.push(Span::styled(key.to_string(), t.key));
        spans.push(Span::styled(format!(" {what}  "), t.footer));
    }
    frame.render_widget(Line::from(spans), area);
    cursor
}

/// Help, quit and problems: the hints that are never left out.
fn essential(hint: &str) -> bool {
    hint.starts_with("? ") || hint.starts_with("q ") || hint.starts_with("e ")
}

/// Columns a hint takes, with the gap after it.
fn cost(hint: &str) -> usize {
    width(hint) + 2
}

fn essentials(hints: &[String]) -> usize {
    hints.iter().filter(|h| essential(h)).map(|h| cost(h)).sum()
}

fn typing_cursor(area: Rect, shown: &str) -> Position {
    let at = u16::try_from(width(shown)).unwrap_or(u16::MAX);
    Position::new(area.x + at.min(area.width.saturating_sub(1)), area.y)
}

/// A status too long for the footer, wrapped on rows of its own above it
/// (the body gives them back at the next key); the last row shown ends in `…`
/// if even those are not enough.
fn draw_status_above(app: &App, frame: &mut Frame, footer: Rect, status: &str) {
    let mut lines = wrapped(
        status,
        footer.width.saturating_sub(1),
        " ",
        app.theme.warning,
    );
    if lines.len() > STATUS_ROWS {
        lines.truncate(STATUS_ROWS);
        if let Some(last) = lines.last_mut() {
            // Wrapped to one column less than the row, so the `…` fits after it.
            let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let cut = crate::tui::widgets::text::more(text.trim_end());
            let cut = crate::tui::widgets::text::fit(&cut, usize::from(footer.width));
            *last = Line::styled(cut, app.theme.warning);
        }
    }
    // Never over the header: the body is at least this tall (layout::MIN_HEIGHT).
    let rows = u16::try_from(lines.len())
        .unwrap_or(0)
        .min(footer.y.saturating_sub(1));
    let area = Rect::new(footer.x, footer.y - rows, footer.width, rows);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).style(app.theme.warning), area);
}

/// The text being typed into a search line, if one has the keyboard.
pub fn typed(app: &App) -> Option<&str> {
    if !app.grep.typing {
        return None;
    }
    match app.screen {
        Screen::Reader => app.grep.reader.as_ref().map(|r| r.query.as_str()),
        _ => Some(app.grep.query.as_str()),
    }
}
