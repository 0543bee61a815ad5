//! Drawing: `view(&App, &mut Frame)` reads the state and changes nothing.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Panel, Screen};
use super::keys::{Context, hints};
use super::layout;
use super::text::{display, marked_spans, width};
use super::{detail, help, list, present, problems, reader, ruler, sources};

pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if layout::too_small(area.as_size()) {
        let lines = vec![
            Line::from("terminal too small"),
            Line::from(format!(
                "{}x{}, need {}x{}",
                area.width,
                area.height,
                layout::MIN_WIDTH,
                layout::MIN_HEIGHT
            )),
        ];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let areas = layout::frame(area.as_size());
    draw_header(app, frame, areas.header);
    let mut cursor = match app.screen {
        Screen::List => {
            let home = layout::home(areas.body);
            if let Some(area) = home.ruler {
                ruler::draw(app, frame, area);
            }
            list::draw_list(app, frame, home.list);
            if let Some(p) = home.preview {
                list::draw_preview(app, frame, p, p.y == home.list.y);
            }
            list::cursor(app, home.list)
        }
        Screen::Detail => detail::draw(app, frame, areas.body),
        Screen::Reader => reader::draw(app, frame, areas.body),
        Screen::Present => {
            present::draw(app, frame, areas.body);
            None
        }
        Screen::Sources => sources::draw(app, frame, areas.body),
    };
    if let Some(overlay) = app.overlay {
        // The title names the key that closes it, as the user has it bound.
        let key = |name| app.keymap.label_of(Context::Everywhere, name);
        let (title, lines) = match overlay.kind {
            Panel::Help => (
                format!(" Keys — {} or Esc closes ", key("help")),
                help::lines(app),
            ),
            Panel::Problems => (
                format!(" Problems — {} or Esc closes ", key("problems")),
                problems::lines(app),
            ),
        };
        help::panel(app, frame, areas.body, &title, lines, overlay.scroll);
        cursor = None;
    }
    if let Some(at) = draw_footer(app, frame, areas.footer) {
        cursor = Some(at);
    }
    // The cursor follows the selection, so screen readers and magnifiers do too.
    if let Some(at) = cursor {
        frame.set_cursor_position(at);
    }
}

/// After an event's date: its distance from the as-of date, and whether it is
/// a deadline or hearing still to come.
pub(super) fn countdown(app: &App, e: &crate::timeline::Event) -> Vec<Span<'static>> {
    let t = &app.theme;
    let mut spans = Vec::new();
    if let Some(distance) = app.distance(e) {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(distance, t.dim));
    }
    if app.upcoming(e) {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled("upcoming", t.warning));
    }
    spans
}

/// The timeline's title and where the user is; the count reads `N of M events`.
fn draw_header(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let count = format!(
        "{}{}{}{}{} of {} events ",
        if app.filter.busy { "filtering… " } else { "" },
        if app.filter.ranked { "ranked · " } else { "" },
        if app.marked_only { "marked · " } else { "" },
        app.as_of.map_or(String::new(), |d| format!("as of {d} · ")),
        app.filter.hits.len(),
        app.timeline.events.len()
    );
    // Deeper screens name what they show; the list names the timeline.
    let place = match app.screen {
        Screen::List => app.timeline.title.clone(),
        Screen::Detail => format!("event › {}", app.timeline.events[app.detail.event].title),
        Screen::Present => format!("presenting › {}", app.timeline.title),
        Screen::Sources => format!("sources › {}", app.timeline.title),
        Screen::Reader => app.reader.as_ref().map_or(String::new(), |r| {
            let s = &app.timeline.sources[r.source];
            // An untitled source's label is its file already.
            match s.label() {
                crate::timeline::Label::File(_) => format!("source › {}", s.cite_as()),
                _ => format!("source › {} ({})", s.cite_as(), s.file),
            }
        }),
    };
    let room = usize::from(area.width).saturating_sub(width(&count) + 1);
    let mut spans = vec![Span::raw(" ")];
    spans.extend(marked_spans(
        &place,
        &[],
        room.saturating_sub(1),
        t.header,
        t.header,
    ));
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let gap = usize::from(area.width).saturating_sub(used + width(&count));
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::raw(count));
    frame.render_widget(Line::from(spans).style(t.header), area);
}

/// Key hints, a status message, or the query line; returns the cursor while typing.
fn draw_footer(app: &App, frame: &mut Frame, area: Rect) -> Option<Position> {
    let t = &app.theme;
    let mut spans = Vec::new();
    let mut cursor = None;
    if let Some(jump) = &app.jump {
        let shown = format!(":{}", display(jump));
        cursor = Some(Position::new(
            area.x + (width(&shown) as u16).min(area.width.saturating_sub(1)),
            area.y,
        ));
        spans.push(Span::styled(shown, t.title));
        spans.push(Span::raw("  "));
    } else if app.filter.typing {
        let query = display(&app.filter.text).into_owned();
        let shown = format!("/{query}");
        cursor = Some(Position::new(
            area.x + (width(&shown) as u16).min(area.width.saturating_sub(1)),
            area.y,
        ));
        spans.push(Span::styled(shown, t.title));
        spans.push(Span::raw("  "));
    } else if let Some(typed) = super::grep::typed(app) {
        let shown = format!("/{}", display(typed));
        cursor = Some(Position::new(
            area.x + (width(&shown) as u16).min(area.width.saturating_sub(1)),
            area.y,
        ));
        spans.push(Span::styled(shown, t.title));
        spans.push(Span::raw("  "));
    } else if let Some(status) = &app.status {
        spans.push(Span::styled(format!("{} ", display(status)), t.warning));
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
    let hints = hints(app);
    let cost = |hint: &str| width(hint) + 2;
    let essential =
        |hint: &str| hint.starts_with("? ") || hint.starts_with("q ") || hint.starts_with("e ");
    let mut room = usize::from(area.width)
        .saturating_sub(spans.iter().map(|s| s.width()).sum::<usize>())
        .saturating_sub(hints.iter().filter(|h| essential(h)).map(|h| cost(h)).sum());
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
