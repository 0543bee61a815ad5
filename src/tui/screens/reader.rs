//! The source reader: the whole article, wrapped, with the cited passage
//! highlighted and every other passage that an event cites marked.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};

use crate::sanitize::Shown;
use crate::timeline::Timeline;
use crate::tui::state::app::{App, Passage, ReaderState, Screen};
use crate::tui::widgets::layout;
use crate::tui::widgets::text::short_date;
use crate::tui::widgets::text::{display_cells, marked_spans, wrap_ranges};

/// Open the article `source` with the passage at `focus` in view.
pub fn open(
    tl: &Timeline,
    source: usize,
    focus: &Range<usize>,
    width: u16,
    back_to: Screen,
) -> ReaderState {
    let id = &tl.sources[source].id;
    let mut passages: Vec<Passage> = Vec::new();
    for (i, e) in tl.events.iter().enumerate() {
        for c in e.quotes().filter(|c| c.source == *id) {
            match passages.iter_mut().find(|p| p.span == c.span) {
                Some(p) if !p.events.contains(&i) => p.events.push(i),
                Some(_) => {}
                None => passages.push(Passage {
                    span: c.span.clone(),
                    events: vec![i],
                }),
            }
        }
    }
    passages.sort_by_key(|p| (p.span.start, p.span.end));
    let current = passages.iter().position(|p| p.span == *focus).unwrap_or(0);
    // Wrapped as drawn: an escape sequence cut by a wrap would show its
    // tail, and characters never drawn would take room.
    let shown = Shown::new(&tl.sources[source].text);
    ReaderState {
        source,
        passages,
        current,
        scroll: 0,
        lines: wrap_ranges(&shown.text, width),
        shown,
        width,
        back_to,
    }
}

/// The screen line a passage starts on.
pub fn passage_row(state: &ReaderState, passage: usize) -> Option<usize> {
    let start = state
        .shown
        .to_shown(state.passages.get(passage)?.span.start);
    let row = state.lines.partition_point(|r| r.end <= start);
    Some(row.min(state.lines.len().saturating_sub(1)))
}

/// Wrap again for a new width, keeping the passage in focus in view.
pub fn rewrap(state: &mut ReaderState, width: u16) {
    if state.width != width {
        state.lines = wrap_ranges(&state.shown.text, width);
        state.width = width;
    }
}

/// Draw the reader; returns where the cursor goes (the focused passage's start).
pub fn draw(app: &App, frame: &mut Frame, area: Rect) -> Option<Position> {
    let Some(state) = &app.reader else {
        return None;
    };
    let areas = layout::reader(area);
    let text = &state.shown.text;
    let inner = text_area(areas.text);
    let marks = crate::tui::screens::sources::reader_marks(app, state);
    let lines: Vec<Line> = state
        .lines
        .iter()
        .skip(state.scroll)
        .take(usize::from(inner.height))
        .map(|r| styled_line(app, state, text, r.clone(), &marks))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    if state.lines.len() > usize::from(inner.height) {
        let mut bar =
            ScrollbarState::new(state.lines.len().saturating_sub(usize::from(inner.height)))
                .position(state.scroll);
        let widget = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None);
        frame.render_stateful_widget(widget, areas.text, &mut bar);
    }
    if let Some(side) = areas.side {
        draw_side(app, state, frame, side);
    }
    draw_info(app, state, frame, areas.info);
    // While searching, the cursor is on the match in focus.
    let row = match app.grep.in_reader() {
        Some(search) => match_row(state, search),
        None => passage_row(state, state.current),
    }?
    .checked_sub(state.scroll)?;
    (row < usize::from(inner.height)).then(|| Position::new(inner.x, inner.y + row as u16))
}

/// The column the article's text occupies: a margin left, the scrollbar right.
pub fn text_area(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: layout::text_width(area),
        ..area
    }
}

/// One wrapped line, cut at passage boundaries and styled; a search's
/// `marks` (shown-text ranges) laid over the passages.
fn styled_line(
    app: &App,
    state: &ReaderState,
    text: &str,
    range: Range<usize>,
    marks: &[(Range<usize>, ratatui::style::Style)],
) -> Line<'static> {
    let line = passages_line(app, state, text, range.clone());
    let marks: Vec<_> = marks
        .iter()
        .filter(|(m, _)| m.start < range.end && range.start < m.end)
        .collect();
    if marks.is_empty() {
        return line;
    }
    // Each span of the passages' line, cut again where a mark starts or ends.
    let mut spans = Vec::new();
    let mut at = range.start;
    for span in line.spans {
        let end = at + span.content.len();
        let mut cuts: Vec<usize> = marks
            .iter()
            .flat_map(|(m, _)| [m.start, m.end])
            .filter(|&c| c > at && c < end)
            .chain([at, end])
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let style = marks
                .iter()
                .find(|(m, _)| m.start <= w[0] && w[0] < m.end)
                .map_or(span.style, |(_, s)| span.style.patch(*s));
            let piece = span.content.get(w[0] - at..w[1] - at).unwrap_or("");
            spans.push(Span::styled(piece.to_string(), style));
        }
        at = end;
    }
    Line::from(spans)
}

/// One wrapped line, cut at passage boundaries and styled.
fn passages_line(app: &App, state: &ReaderState, text: &str, range: Range<usize>) -> Line<'static> {
    let t = &app.theme;
    let mut spans = Vec::new();
    let mut at = range.start;
    // Passages are byte ranges of the raw article; the line is of the shown one.
    let shown =
        |span: &Range<usize>| state.shown.to_shown(span.start)..state.shown.to_shown(span.end);
    // Wrapped already: ASCII twins of the same width keep the lines to it.
    let piece = |r: Range<usize>| display_cells(text.get(r).unwrap_or("")).into_owned();
    for (i, p) in state.passages.iter().enumerate() {
        let span = shown(&p.span);
        if span.start >= range.end || span.end <= range.start {
            continue;
        }
        let (s, e) = (span.start.max(at), span.end.min(range.end));
        if s < at || s >= e {
            continue;
        }
        if s > at {
            spans.push(Span::raw(piece(at..s)));
        }
        let style = if i == state.current {
            t.passage
        } else {
            t.other_passage
        };
        spans.push(Span::styled(piece(s..e), style));
        at = e;
    }
    if at < range.end {
        spans.push(Span::raw(piece(at..range.end)));
    }
    Line::from(spans)
}

/// Beside the text: every event citing this article; those citing the passage in focus marked.
fn draw_side(app: &App, state: &ReaderState, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mut events: Vec<usize> = state
        .passages
        .iter()
        .flat_map(|p| p.events.iter().copied())
        .collect();
    events.sort_unstable();
    events.dedup();
    let focus = state
        .passages
        .get(state.current)
        .map(|p| p.events.as_slice())
        .unwrap_or(&[]);
    let width = usize::from(area.width.saturating_sub(2));
    let mut lines = vec![Line::styled(
        format!("Cited by {} events", events.len()),
        t.heading,
    )];
    for e in events {
        let event = &app.timeline.events[e];
        let label = format!("{} {}", short_date(event), event.title);
        let style = if focus.contains(&e) {
            t.selected
        } else {
            t.dim
        };
        lines.push(Line::from(marked_spans(&label, &[], width, style, style)));
    }
    let block = Block::new().borders(Borders::LEFT).border_style(t.dim);
    frame.render_widget(
        Paragraph::new(lines).block(block.padding(ratatui::widgets::Padding::left(1))),
        area,
    );
}

/// Under the text: which passage is in focus and who cites it.
fn draw_info(app: &App, state: &ReaderState, frame: &mut Frame, area: Rect) {
    if let Some(line) = crate::tui::screens::sources::reader_info(app, area.width) {
        frame.render_widget(line, area);
        return;
    }
    let t = &app.theme;
    let line = match state.passages.get(state.current) {
        None => Line::styled(" no event cites this article", t.dim),
        Some(p) => {
            let first = &app.timeline.events[p.events[0]];
            let more = match p.events.len() {
                1 => String::new(),
                n => format!(" (+{} more)", n - 1),
            };
            let lead = format!(
                " passage {}/{} · cited by: ",
                state.current + 1,
                state.passages.len()
            );
            let room = usize::from(area.width).saturating_sub(lead.chars().count() + more.len());
            let mut spans = vec![Span::styled(lead, t.dim)];
            spans.extend(marked_spans(&first.title, &[], room, t.title, t.title));
            spans.push(Span::styled(more, t.dim));
            Line::from(spans)
        }
    };
    frame.render_widget(line, area);
}

/// The screen line the match in focus starts on.
pub fn match_row(
    state: &ReaderState,
    search: &crate::tui::state::grep::ReaderSearch,
) -> Option<usize> {
    let m = search.matches.get(search.current)?;
    let at = state
        .shown
        .to_shown(m.matches.first().map_or(m.span.start, |r| r.start));
    let row = state.lines.partition_point(|r| r.end <= at);
    Some(row.min(state.lines.len().saturating_sub(1)))
}
