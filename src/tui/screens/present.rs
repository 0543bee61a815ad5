//! Presentation mode: one event per screen, for stepping through the story in
//! front of a room: a large date, the title, the summary and the key quote
//! with its source, where it stands (`7 / 20`), and the ruler at the bottom.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::timeline::Date;
use crate::tui::state::app::App;
use crate::tui::widgets::text::{wrapped, wrapped_spans};

/// Block digits, three columns by three rows each: readable at 80x24.
fn glyph(c: char) -> [&'static str; 3] {
    match c {
        '0' => ["█▀█", "█ █", "▀▀▀"],
        '1' => [" ▀█", "  █", "  ▀"],
        '2' => ["▀▀█", "█▀▀", "▀▀▀"],
        '3' => ["▀▀█", " ▀█", "▀▀▀"],
        '4' => ["█ █", "▀▀█", "  ▀"],
        '5' => ["█▀▀", "▀▀█", "▀▀▀"],
        '6' => ["█▀▀", "█▀█", "▀▀▀"],
        '7' => ["▀▀█", "  █", "  ▀"],
        '8' => ["█▀█", "█▀█", "▀▀▀"],
        '9' => ["█▀█", "▀▀█", "▀▀▀"],
        '-' => ["   ", "▀▀▀", "   "],
        '~' => ["   ", "▄▀▄", "   "],
        _ => ["   ", "   ", "   "],
    }
}

/// `text` in block digits, a column between characters; ASCII `#` if asked.
pub fn big(text: &str, ascii: bool) -> [String; 3] {
    let mut rows: [String; 3] = Default::default();
    for c in text.chars() {
        for (row, part) in rows.iter_mut().zip(glyph(c)) {
            if !row.is_empty() {
                row.push(' ');
            }
            if ascii {
                row.extend(part.chars().map(|c| if c == ' ' { ' ' } else { '#' }));
            } else {
                row.push_str(part);
            }
        }
    }
    rows
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(index) = app.selected_event() else {
        frame.render_widget(
            Line::styled(" nothing to present: the filter matches no event", t.dim),
            area,
        );
        return;
    };
    let e = &app.timeline.events[index];
    // A range's start in digits, its end in words under them: both ends in
    // digits would not fit 80 columns.
    let to = match e.date {
        Date::Between(_, to) => Some(format!(" to {}", to.long())),
        _ => None,
    };
    let [heading, body, progress, ruler] = Layout::vertical([
        Constraint::Length(if to.is_some() { 5 } else { 4 }),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(if area.height >= 16 { 2 } else { 0 }),
    ])
    .areas(area);

    let mark = if e.inferred.is_some() { "~" } else { "" };
    let digits = big(&format!("{mark}{}", e.date.start()), app.ascii);
    let mut lines: Vec<Line> = digits
        .into_iter()
        .map(|r| Line::styled(format!(" {r}"), t.heading))
        .collect();
    lines.extend(to.map(|to| Line::styled(to, t.heading)));
    lines.push(Line::default());
    frame.render_widget(Paragraph::new(lines), heading);

    let inner = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    let mut date = vec![
        Span::styled(crate::format::long_date(e), t.date),
        Span::raw(" · "),
        Span::styled(e.kind.as_str(), t.kind(e.kind)),
    ];
    date.extend(crate::tui::parts::countdown::countdown(app, e));
    let w = inner.width;
    let title = wrapped(&e.title, w, "", t.title);
    // A range's countdown is wrapped whole where it can be.
    let date = wrapped_spans(date, w);
    let summary = wrapped(&e.summary, w, "", Style::default());
    let (quote, source) = match e.citations.first() {
        Some(c) => {
            let source = app.timeline.cite_as(c);
            (
                wrapped(&format!("“{}”", c.quote), w, "", t.quote),
                wrapped(&format!("— {source}"), w, "", t.dim),
            )
        }
        None => (Vec::new(), Vec::new()),
    };
    // Too long for the screen: cut the summary first, then the quote, then
    // the attribution and the title, each with `…`, so every part is seen.
    let gaps = if quote.is_empty() { 1 } else { 2 };
    let height = usize::from(inner.height);
    let mut parts = [title, date, summary, quote, source];
    // Summary, quote, attribution, title: the order they give up lines in.
    for i in [2, 3, 4, 0] {
        let used = parts.iter().map(Vec::len).sum::<usize>() + gaps;
        let keep = parts[i].len().saturating_sub(used.saturating_sub(height));
        cut_lines(&mut parts[i], keep.max(1), w);
    }
    let [title, date, summary, quote, source] = parts;
    let mut text = title;
    text.extend(date);
    text.push(Line::default());
    text.extend(summary);
    if !quote.is_empty() {
        text.push(Line::default());
        text.extend(quote);
        text.extend(source);
    }
    frame.render_widget(Paragraph::new(text), inner);

    let place = format!("{} / {} ", app.list.selected + 1, app.filter.hits.len());
    frame.render_widget(Line::styled(place, t.dim).right_aligned(), progress);
    if ruler.height > 0 {
        crate::tui::parts::ruler::draw(app, frame, ruler);
    }
}

/// Keep the first `keep` of `lines`, the last one ending in `…` if any were
/// dropped; it stays within `width` columns.
fn cut_lines(lines: &mut Vec<Line<'static>>, keep: usize, width: u16) {
    if lines.len() <= keep {
        return;
    }
    lines.truncate(keep);
    if let Some(last) = lines.last_mut() {
        let style = last.spans.first().map_or(last.style, |s| s.style);
        let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
        let w = usize::from(width);
        let cut = if crate::tui::widgets::text::width(&crate::tui::widgets::text::more(&text)) <= w
        {
            crate::tui::widgets::text::more(&text)
        } else {
            crate::tui::widgets::text::fit(&text, w.saturating_sub(1))
        };
        *last = Line::styled(cut, style);
    }
}
