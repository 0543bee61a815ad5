//! The sources screen: every article (label, publisher, size, how many events
//! cite it) or, with a query, the sentences of them that match; and the bits
//! of the reader that show its search.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Padding, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};

use crate::sanitize::kept;
use crate::search::PassageHit;
use crate::timeline::{Label, Timeline};
use crate::tui::state::app::{App, ReaderState};
use crate::tui::widgets::layout::SIDE_BY_SIDE;
use crate::tui::widgets::text::short_date;
use crate::tui::widgets::text::{display, marked_spans, width, wrap_ranges};

pub struct Areas {
    /// One line: how many articles, or what the query found.
    pub summary: Rect,
    pub list: Rect,
    /// The selected row in full, when there is room.
    pub preview: Option<Rect>,
}

/// The summary line on top, then the list with its preview beside it when
/// wide, below it when tall, or not at all.
pub fn areas(body: Rect) -> Areas {
    let [summary, rest] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(body);
    let (list, preview) = if rest.width >= SIDE_BY_SIDE {
        let w = (rest.width / 3).clamp(36, 64);
        let [list, preview] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(w)]).areas(rest);
        (list, Some(preview))
    } else if rest.height >= 17 {
        let h = (rest.height / 3).clamp(7, 12);
        let [list, preview] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(h)]).areas(rest);
        (list, Some(preview))
    } else {
        (rest, None)
    };
    Areas {
        summary,
        list,
        preview,
    }
}

/// Rows the list shows at once.
pub fn page(list: Rect) -> usize {
    usize::from(list.height).max(1)
}

/// Draw the screen; the cursor goes to the selected row.
pub fn draw(app: &App, frame: &mut Frame, body: Rect) -> Option<Position> {
    let t = &app.theme;
    let a = areas(body);
    let g = &app.grep;
    let searching = g.searching();
    let summary = if searching {
        let articles = {
            let mut s: Vec<usize> = g.hits.iter().map(|h| h.source).collect();
            s.dedup();
            s.len()
        };
        match g.hits.len() {
            0 => format!(" nothing in the articles matches /{}", display(&g.query)),
            n => format!(
                " {} in {} match /{}",
                count(n, "passage"),
                count(articles, "article"),
                display(&g.query)
            ),
        }
    } else {
        format!(
            " {} · / searches their full text",
            count(app.timeline.sources.len(), "article")
        )
    };
    frame.render_widget(
        Line::from(marked_spans(
            &summary,
            &[],
            usize::from(a.summary.width),
            t.heading,
            t.heading,
        )),
        a.summary,
    );
    let rows = g.rows(&app.timeline);
    let scrollbar = rows > usize::from(a.list.height);
    let list = Rect {
        width: a.list.width.saturating_sub(u16::from(scrollbar)),
        ..a.list
    };
    for (y, i) in (list.y..list.bottom()).zip(g.offset..rows) {
        let line = if searching {
            passage_row(app, &g.hits[i], list.width)
        } else {
            article_row(app, i, list.width)
        };
        let line = if i == g.selected {
            line.style(t.selected)
        } else {
            line
        };
        frame.render_widget(line, Rect::new(list.x, y, list.width, 1));
    }
    if scrollbar {
        let mut state =
            ScrollbarState::new(rows.saturating_sub(usize::from(a.list.height))).position(g.offset);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None);
        frame.render_stateful_widget(bar, a.list, &mut state);
    }
    if let Some(p) = a.preview {
        draw_preview(app, frame, p, p.y == a.list.y);
    }
    let row = g.selected.checked_sub(g.offset)?;
    (rows > 0 && row < usize::from(list.height)).then(|| Position::new(list.x, list.y + row as u16))
}

/// "1 passage", "3 articles".
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// How many events cite the source.
fn citing(tl: &Timeline, source: usize) -> usize {
    let id = &tl.sources[source].id;
    tl.events
        .iter()
        .filter(|e| e.quotes().any(|c| c.source == *id))
        .count()
}

/// "5.2 KB": the article's size.
fn size(bytes: usize) -> String {
    match bytes {
        b if b < 1000 => format!("{b} B"),
        b if b < 1_000_000 => format!("{:.1} KB", b as f64 / 1e3),
        b => format!("{:.1} MB", b as f64 / 1e6),
    }
}

/// Publisher column, shown from this width.
const PUBLISHER_MIN_WIDTH: u16 = 60;
const PUBLISHER: usize = 14;

/// An article: label, publisher, size, and how many events cite it.
fn article_row(app: &App, source: usize, cols: u16) -> Line<'static> {
    let t = &app.theme;
    let s = &app.timeline.sources[source];
    let cites = citing(&app.timeline, source);
    let tail = format!(
        " {:>8} {:>10}",
        size(s.text.len()),
        match cites {
            0 => "not cited".to_string(),
            n => count(n, "event"),
        }
    );
    let publisher = (cols >= PUBLISHER_MIN_WIDTH).then(|| {
        let p = display(s.publisher.as_deref().unwrap_or("")).into_owned();
        format!(
            " {:<PUBLISHER$}",
            crate::tui::widgets::text::fit(&p, PUBLISHER)
        )
    });
    let room =
        usize::from(cols).saturating_sub(1 + width(&tail) + publisher.as_deref().map_or(0, width));
    let label = s.label().to_string();
    let mut spans = vec![Span::raw(" ")];
    spans.extend(marked_spans(&label, &[], room, t.title, t.title));
    let used: usize = spans.iter().map(|s| s.width()).sum();
    spans.push(Span::raw(" ".repeat(room + 1 - used.min(room + 1))));
    if let Some(p) = publisher {
        spans.push(Span::styled(p, t.dim));
    }
    spans.push(Span::styled(tail, if cites == 0 { t.dim } else { t.date }));
    Line::from(spans)
}

/// A passage found: `label:line`, the sentence with its matches marked
/// (shifted so the first is in view), and how many events cite it.
fn passage_row(app: &App, hit: &PassageHit, cols: u16) -> Line<'static> {
    let t = &app.theme;
    let s = &app.timeline.sources[hit.source];
    // Narrow, the sentence gets the room: the label shrinks, the count goes.
    let label_cols: usize = match cols {
        c if c >= SIDE_BY_SIDE => 28,
        c if c >= 60 => 16,
        _ => 8,
    };
    let line = format!(":{}", hit.line);
    // Room for a few words only: a curator's description keeps its bracket
    // (it is not the article's own title) but not its "description: ".
    let label = match s.label() {
        Label::Headline(h) => h.to_string(),
        Label::Description(d) => format!("[{d}]"),
        Label::File(f) => format!("[{f}]"),
    };
    let label =
        crate::tui::widgets::text::fit(&display(&label), label_cols.saturating_sub(line.len()));
    let place = format!(" {label}{line}");
    let place = format!("{place:<w$}  ", w = label_cols + 1);
    let cited = match hit.cited_by.len() {
        _ if cols < 50 => String::new(),
        0 => String::new(),
        n => format!("  cited {n}"),
    };
    let room = usize::from(cols).saturating_sub(width(&place) + cited.len());
    let (text, marks) = in_view(shown_sentence(&s.text, hit), room);
    let mut spans = vec![Span::styled(place, t.dim)];
    spans.extend(marked_spans(&text, &marks, room, Style::new(), t.matched));
    let used: usize = spans.iter().map(|s| s.width()).sum();
    if !cited.is_empty() {
        let gap = usize::from(cols).saturating_sub(used + cited.len());
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(cited, t.date));
    }
    Line::from(spans)
}

/// A passage's sentence as shown (sanitized, on one line), with the char
/// indices of what matched in it.
pub fn shown_sentence(text: &str, hit: &PassageHit) -> (String, Vec<usize>) {
    let raw = text.get(hit.span.clone()).unwrap_or("");
    let mut out = String::new();
    let mut marks = Vec::new();
    for (i, (at, c)) in kept(raw).enumerate() {
        let at = hit.span.start + at;
        if hit.matches.iter().any(|m| m.contains(&at)) {
            marks.push(i);
        }
        out.push(if matches!(c, '\n' | '\t') { ' ' } else { c });
    }
    (out, marks)
}

/// The sentence cut at its start when its first match would not be seen in
/// `room` columns: it then starts with `…`, as little cut as shows the match
/// and a little after it.
fn in_view((text, marks): (String, Vec<usize>), room: usize) -> (String, Vec<usize>) {
    let Some(&first) = marks.first() else {
        return (text, marks);
    };
    let widths: Vec<usize> = text
        .chars()
        .map(|c| width(c.encode_utf8(&mut [0; 4])))
        .collect();
    // The first match and any marks close after it (the rest of its term).
    let last = marks
        .iter()
        .copied()
        .take_while(|&m| m < first + 40)
        .last()
        .unwrap_or(first)
        .min(widths.len().saturating_sub(1));
    let through: usize = widths[..=last].iter().sum();
    if through < room {
        return (text, marks);
    }
    let total: usize = widths.iter().sum();
    let margin = (total - through).min(room / 4);
    // Columns to drop, one more for the ellipsis in front.
    let drop = (through + margin + 1).saturating_sub(room);
    let (mut skip, mut dropped) = (0, 0);
    while skip < first && dropped < drop {
        dropped += widths[skip];
        skip += 1;
    }
    let shown: String = std::iter::once('…')
        .chain(text.chars().skip(skip))
        .collect();
    let marks = marks
        .iter()
        .filter(|&&m| m >= skip)
        .map(|m| m - skip + 1)
        .collect();
    (shown, marks)
}

/// The selected article or passage in full.
fn draw_preview(app: &App, frame: &mut Frame, area: Rect, beside: bool) {
    let t = &app.theme;
    let g = &app.grep;
    let block = Block::new()
        .borders(if beside { Borders::LEFT } else { Borders::TOP })
        .border_style(t.dim)
        .padding(Padding::horizontal(1));
    let cols = block.inner(area).width;
    let tl = &app.timeline;
    let mut lines: Vec<Line> = Vec::new();
    let events: Vec<usize> = if g.searching() {
        let Some(hit) = g.hits.get(g.selected) else {
            frame.render_widget(block, area);
            return;
        };
        let s = &tl.sources[hit.source];
        let (text, marks) = shown_sentence(&s.text, hit);
        lines.push(Line::styled(
            format!("{}, line {}", display(&s.label().to_string()), hit.line),
            t.dim,
        ));
        lines.extend(wrap_marked(&text, &marks, cols, t.quote, t.matched));
        hit.cited_by.clone()
    } else {
        let Some(s) = tl.sources.get(g.selected) else {
            frame.render_widget(block, area);
            return;
        };
        lines.push(Line::styled(
            display(&s.label().to_string()).into_owned(),
            t.title,
        ));
        let mut about = vec![display(&s.file).into_owned(), size(s.text.len())];
        if let Some(p) = s.publisher.as_deref().filter(|p| !p.trim().is_empty()) {
            about.insert(0, display(p).into_owned());
        }
        lines.push(Line::styled(about.join(" · "), t.dim));
        if let Some(note) = &s.note {
            lines.push(Line::from(display(note).into_owned()));
        }
        let id = &s.id;
        (0..tl.events.len())
            .filter(|&e| tl.events[e].quotes().any(|c| c.source == *id))
            .collect()
    };
    if events.is_empty() {
        lines.push(Line::styled("no event cites it", t.dim));
    } else {
        lines.push(Line::styled(
            format!("cited by {}:", count(events.len(), "event")),
            t.heading,
        ));
        for e in events {
            let e = &tl.events[e];
            let row = format!("{} {}", short_date(e), e.title);
            lines.push(Line::from(marked_spans(
                &row,
                &[],
                usize::from(cols),
                t.date,
                t.date,
            )));
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(block),
        area,
    );
}

/// `text` wrapped at spaces to `cols`, the characters at `marks` (char
/// indices, sorted) in `mark`: a mark never moves a break.
fn wrap_marked(
    text: &str,
    marks: &[usize],
    cols: u16,
    base: Style,
    mark: Style,
) -> Vec<Line<'static>> {
    let chars: Vec<(usize, char, bool)> = text
        .char_indices()
        .enumerate()
        .map(|(i, (at, c))| (at, c, marks.binary_search(&i).is_ok()))
        .collect();
    wrap_ranges(text, cols)
        .into_iter()
        .map(|r| {
            let from = chars.partition_point(|&(at, _, _)| at < r.start);
            let mut spans: Vec<Span<'static>> = Vec::new();
            let (mut run, mut on) = (String::new(), false);
            for &(_, c, marked) in chars[from..].iter().take_while(|&&(at, _, _)| at < r.end) {
                if marked != on && !run.is_empty() {
                    spans.push(Span::styled(
                        std::mem::take(&mut run),
                        if on { mark } else { base },
                    ));
                }
                on = marked;
                run.push(c);
            }
            if !run.is_empty() {
                spans.push(Span::styled(run, if on { mark } else { base }));
            }
            Line::from(spans)
        })
        .collect()
}

/// Match marks for the reader: shown-text ranges and their styles, the
/// match in focus in reverse video.
pub fn reader_marks(app: &App, state: &ReaderState) -> Vec<(Range<usize>, Style)> {
    let Some(search) = app.grep.in_reader() else {
        return Vec::new();
    };
    let t = &app.theme;
    let mut out = Vec::new();
    for (k, m) in search.matches.iter().enumerate() {
        let style = if k == search.current {
            t.matched.add_modifier(Modifier::REVERSED)
        } else {
            t.matched
        };
        for r in &m.matches {
            out.push((
                state.shown.to_shown(r.start)..state.shown.to_shown(r.end),
                style,
            ));
        }
    }
    out
}

/// The reader's line under the text while it searches: the query, which
/// match is in focus and who cites its sentence.
pub fn reader_info(app: &App, cols: u16) -> Option<Line<'static>> {
    let search = app.grep.in_reader()?;
    let t = &app.theme;
    let query = format!(" /{}", display(&search.query));
    let Some(m) = search.matches.get(search.current) else {
        return Some(Line::from(vec![
            Span::styled(query, t.title),
            Span::styled(" · no match in this article", t.dim),
        ]));
    };
    let lead = format!(" · match {}/{}", search.current + 1, search.matches.len());
    let mut spans = vec![Span::styled(query, t.title), Span::styled(lead, t.dim)];
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let room = usize::from(cols).saturating_sub(used);
    match m.cited_by.first() {
        None => spans.extend(marked_spans(
            " · no event cites it",
            &[],
            room,
            t.dim,
            t.dim,
        )),
        Some(&e) => {
            let more = match m.cited_by.len() {
                1 => String::new(),
                n => format!(" (+{} more)", n - 1),
            };
            let by = " · cited by: ";
            spans.push(Span::styled(by, t.dim));
            let room = room.saturating_sub(by.len() + more.len());
            spans.extend(marked_spans(
                &app.timeline.events[e].title,
                &[],
                room,
                t.title,
                t.title,
            ));
            spans.push(Span::styled(more, t.dim));
        }
    }
    Some(Line::from(spans))
}
