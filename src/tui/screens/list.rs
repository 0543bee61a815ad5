//! The home screen: the timeline as a list, and a preview of the selected event.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap,
};

use crate::search::Field;
use crate::tui::state::app::App;
use crate::tui::widgets::text::short_date;
use crate::tui::widgets::text::{display, marked_spans, wrapped_spans};

/// Date column: `~2020-08-14`.
const DATE: usize = 11;
/// Kind column: the longest kind name.
const KIND: usize = 9;
/// Narrower than this, the kind column goes.
const KIND_MIN_WIDTH: u16 = 60;

pub fn draw_list(app: &App, frame: &mut Frame, area: Rect) {
    let hits = &app.filter.hits;
    if hits.is_empty() {
        let t = &app.theme;
        let lines = if app.agenda && app.filter.text.trim().is_empty() {
            let as_of = app.as_of.map_or(String::new(), |d| d.to_string());
            vec![
                Line::from(format!(" nothing ahead of {as_of}")),
                Line::styled(" a or Esc: the whole timeline", t.dim),
            ]
        } else if let Some(loading) = app
            .loading
            .as_ref()
            .filter(|_| app.filter.text.trim().is_empty())
        {
            // Not empty: not read yet.
            let what = crate::tui::state::loading::progress(loading);
            vec![Line::styled(format!(" {what}"), t.dim)]
        } else if app.filter.text.trim().is_empty() {
            vec![Line::styled(" this timeline has no events", t.dim)]
        } else {
            vec![
                Line::from(format!(" no events match '{}'", display(&app.filter.text))),
                Line::styled(" Esc clears the filter", t.dim),
            ]
        };
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let scrollbar = hits.len() > usize::from(area.height);
    let rows = Rect {
        width: area.width.saturating_sub(u16::from(scrollbar)),
        ..area
    };
    let query = app.query();
    let visible = hits
        .iter()
        .enumerate()
        .skip(app.list.offset)
        .take(usize::from(rows.height));
    // On the agenda, a countdown column as wide as the widest on screen.
    let countdowns: Vec<String> = if app.agenda {
        visible
            .clone()
            .map(|(_, h)| crate::tui::state::agenda::countdown(app, h.event))
            .collect()
    } else {
        Vec::new()
    };
    let countdown_width = countdowns.iter().map(|c| c.len()).max().unwrap_or(0);
    for (y, (i, hit)) in (rows.y..).zip(visible) {
        let selected = i == app.list.selected;
        let event = &app.timeline.events[hit.event];
        // Highlights cost more than matching: only rows on screen get them.
        let marks = if query.is_empty() {
            Vec::new()
        } else {
            app.search.highlights(event, &query)
        };
        let title_marks = marks
            .iter()
            .find(|h| h.field == Field::Title)
            .map_or(&[][..], |h| h.chars.as_slice());
        // A term found elsewhere than the title: say where.
        let other = marks
            .iter()
            .find(|h| h.field != Field::Title)
            .map(|h| h.field);
        let countdown = countdowns
            .get(usize::from(y - rows.y))
            .map(|c| format!("{c:<countdown_width$} "));
        let line = row(
            app,
            hit.event,
            title_marks,
            other.map(|f| f.name()),
            rows.width,
            countdown,
        );
        let line = if selected {
            line.style(app.theme.selected)
        } else {
            line
        };
        frame.render_widget(line, Rect::new(rows.x, y, rows.width, 1));
    }
    if scrollbar {
        let mut state = ScrollbarState::new(hits.len().saturating_sub(usize::from(area.height)))
            .position(app.list.offset);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None);
        frame.render_stateful_widget(bar, area, &mut state);
    }
}

/// One row: date, kind, title (matched characters marked), and where else it matched.
fn row(
    app: &App,
    event: usize,
    marks: &[usize],
    other: Option<&str>,
    width: u16,
    countdown: Option<String>,
) -> Line<'static> {
    let t = &app.theme;
    let e = &app.timeline.events[event];
    let mut spans = vec![Span::styled(format!("{:<DATE$} ", short_date(e)), t.date)];
    let mut used = DATE + 1;
    // The agenda's countdown, after the date: a deadline's in the warning style.
    if let Some(countdown) = countdown {
        used += countdown.len();
        let style = if crate::agenda::first_class(e.kind) {
            t.warning
        } else {
            t.title
        };
        spans.push(Span::styled(countdown, style));
    }
    if width >= KIND_MIN_WIDTH {
        spans.push(Span::styled(
            format!("{:<KIND$} ", e.kind.as_str()),
            t.kind(e.kind),
        ));
        used += KIND + 1;
    }
    let tag = other.map(|name| format!(" {name}"));
    let upcoming = app.upcoming(e).then_some(" upcoming");
    let tags = tag.as_ref().map_or(0, |t| t.len()) + upcoming.map_or(0, str::len);
    let room = usize::from(width).saturating_sub(used + tags);
    // A bookmark shows as a star before the title: a glyph, not only a colour.
    let (title, shift) = if app.marks.contains(e.id.as_str()) {
        (format!("★ {}", e.title), 2)
    } else {
        (e.title.clone(), 0)
    };
    let marks: Vec<usize> = marks.iter().map(|m| m + shift).collect();
    spans.extend(marked_spans(&title, &marks, room, t.title, t.matched));
    if let Some(tag) = tag {
        spans.push(Span::styled(tag, t.dim));
    }
    if let Some(tag) = upcoming {
        spans.push(Span::styled(tag, t.warning));
    }
    Line::from(spans)
}

/// Where the hardware cursor goes: the start of the selected row.
pub fn cursor(app: &App, area: Rect) -> Option<Position> {
    let row = app.list.selected.checked_sub(app.list.offset)?;
    (row < usize::from(area.height) && !app.filter.hits.is_empty())
        .then(|| Position::new(area.x, area.y + row as u16))
}

/// Rows the list shows at once: what page keys move by.
pub fn page(area: Rect) -> usize {
    usize::from(area.height).max(1)
}

pub fn draw_preview(app: &App, frame: &mut Frame, area: Rect, beside: bool) {
    let t = &app.theme;
    let block = Block::new()
        .borders(if beside { Borders::LEFT } else { Borders::TOP })
        .border_style(t.dim);
    let Some(index) = app.selected_event() else {
        frame.render_widget(block, area);
        return;
    };
    let e = &app.timeline.events[index];
    let block = block.padding(ratatui::widgets::Padding::horizontal(1));
    let mut date = vec![
        Span::styled(e.date.long(), t.date),
        Span::styled(
            if e.inferred.is_some() {
                " (inferred)"
            } else {
                ""
            },
            t.dim,
        ),
        Span::raw(" · "),
        Span::styled(e.kind.as_str(), t.kind(e.kind)),
    ];
    date.extend(crate::tui::parts::countdown::countdown(app, e));
    // The list may cut the title short; the preview never does.
    let mut lines = vec![Line::styled(display(&e.title).into_owned(), t.title)];
    // A range's countdown is wrapped whole where it can be.
    lines.extend(wrapped_spans(date, block.inner(area).width));
    lines.push(Line::from(display(&e.summary).into_owned()));
    // Every citation, as room allows: the paragraph cuts what does not fit.
    // On the agenda, the one stating the date comes first.
    let first = if app.agenda {
        crate::agenda::date_citation(e)
    } else {
        0
    };
    let ordered = e.citations.get(first).into_iter().chain(
        e.citations
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != first)
            .map(|(_, c)| c),
    );
    for c in ordered {
        let source = app.timeline.cite_as(c);
        lines.push(Line::from(vec![
            Span::styled(format!("“{}”", display(&c.quote)), t.quote),
            Span::styled(format!(" — {}", display(&source)), t.dim),
        ]));
    }
    let text = Paragraph::new(lines).wrap(Wrap { trim: true }).block(block);
    frame.render_widget(text, area);
}
