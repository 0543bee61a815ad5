//! The event screen: everything about one event, every citation as a block.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::format::long_date;
use crate::timeline::Citation;
use crate::tui::state::app::App;
use crate::tui::widgets::layout::text_width;
use crate::tui::widgets::text::{display, wrapped, wrapped_spans};

/// The event laid out for a width: its lines, and the rows of each citation block.
pub struct DetailLayout {
    pub lines: Vec<Line<'static>>,
    /// Per quote (citations, then dispute sides): its rows in `lines`.
    pub citations: Vec<Range<usize>>,
}

pub fn layout(app: &App, width: u16) -> DetailLayout {
    let t = &app.theme;
    let e = &app.timeline.events[app.detail.event];
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut citations = Vec::new();

    lines.extend(wrapped(&e.title, width, "", t.title));
    // A range and its countdown can outgrow a line: wrapped, not cut.
    let mut date = vec![
        Span::styled(long_date(e), t.date),
        Span::raw(" · "),
        Span::styled(e.kind.as_str(), t.kind(e.kind)),
    ];
    date.extend(crate::tui::parts::countdown::countdown(app, e));
    lines.extend(wrapped_spans(date, width));
    if let Some(why) = &e.inferred {
        lines.extend(wrapped(
            &format!("Date inferred: {why}"),
            width,
            "  ",
            t.dim,
        ));
    }
    for (label, items) in [("Actors:", &e.actors), ("Tags:  ", &e.tags)] {
        if !items.is_empty() {
            let text = format!("{label} {}", items.join(", "));
            lines.extend(wrapped(&text, width, "", t.dim));
        }
    }
    lines.push(Line::default());
    lines.extend(wrapped(&e.summary, width, "", ratatui::style::Style::new()));

    let mut n = 0;
    let mut block = |lines: &mut Vec<Line<'static>>, c: &Citation, label: String| {
        let start = lines.len();
        let selected = n == app.detail.citation;
        let marker = if selected { "▶ " } else { "  " };
        let source = app.timeline.source_of(c);
        let head = source.map_or_else(|| c.source.to_string(), |s| s.cite_as());
        let head_style = if selected { t.selected } else { t.title };
        let mut head_lines = wrapped(
            &format!("{label} {head}"),
            width.saturating_sub(2),
            "",
            head_style,
        );
        if let Some(first) = head_lines.first_mut() {
            first.spans.insert(0, Span::styled(marker, t.key));
        }
        for l in head_lines.iter_mut().skip(1) {
            l.spans.insert(0, Span::raw("  "));
        }
        lines.extend(head_lines);
        if let Some(s) = source {
            lines.push(Line::styled(format!("    {}", display(&s.file)), t.dim));
        }
        lines.extend(wrapped(&format!("“{}”", c.quote), width, "    ", t.quote));
        citations.push(start..lines.len());
        lines.push(Line::default());
        n += 1;
    };

    lines.push(Line::default());
    lines.push(Line::styled(
        format!("Citations ({})", e.citations.len()),
        t.heading,
    ));
    for (i, c) in e.citations.iter().enumerate() {
        block(&mut lines, c, format!("[{}]", i + 1));
    }
    for d in &e.disputes {
        lines.push(Line::styled("Sources disagree", t.heading));
        lines.extend(wrapped(&d.about, width, "  ", ratatui::style::Style::new()));
        lines.push(Line::default());
        for (i, c) in d.sides.iter().enumerate() {
            block(
                &mut lines,
                c,
                format!("({})", char::from(b'a' + (i % 26) as u8)),
            );
        }
    }
    if let Some(note) = &e.note {
        lines.extend(wrapped(&format!("Note: {note}"), width, "", t.dim));
    }
    DetailLayout { lines, citations }
}

/// Draw the event; returns where the hardware cursor goes (the selected
/// citation's marker, when on screen).
pub fn draw(app: &App, frame: &mut Frame, area: Rect) -> Option<Position> {
    let inner = inner(area);
    let layout = layout(app, inner.width);
    let cursor = layout
        .citations
        .get(app.detail.citation)
        .and_then(|rows| rows.start.checked_sub(app.detail.scroll))
        .filter(|row| *row < usize::from(inner.height))
        .map(|row| Position::new(inner.x, inner.y + row as u16));
    let scroll = u16::try_from(app.detail.scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(layout.lines).scroll((scroll, 0)), inner);
    cursor
}

/// The text area inside the body: a column of margin each side.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: text_width(area),
        ..area
    }
}
