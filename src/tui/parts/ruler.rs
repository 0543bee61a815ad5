//! The time ruler across the top of the home screen: a tick per listed event
//! (a span, ━, for one dated by a range), placed in proportion to real time so
//! clusters and gaps show, the selected event (▼, at its start) and the as-of
//! date (◆) marked. Glyphs carry the meaning, so it
//! reads in 16 colours, under NO_COLOR, and in ASCII where the locale is not UTF-8.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::tui::state::app::App;
use crate::tui::widgets::text::short_date;

struct Glyphs {
    axis: char,
    tick: char,
    span: char,
    selected: char,
    as_of: char,
}

const UNICODE: Glyphs = Glyphs {
    axis: '─',
    tick: '┃',
    span: '━',
    selected: '▼',
    as_of: '◆',
};
const ASCII: Glyphs = Glyphs {
    axis: '-',
    tick: '|',
    span: '=',
    selected: 'v',
    as_of: '*',
};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let g = if app.ascii { &ASCII } else { &UNICODE };
    let width = usize::from(area.width);
    // Each listed event's first and last day: the same for all but ranges.
    let days: Vec<(usize, (NaiveDate, NaiveDate))> = app
        .filter
        .hits
        .iter()
        .enumerate()
        .filter_map(|(i, h)| Some((i, app.timeline.events[h.event].days()?)))
        .collect();
    let (Some(lo), Some(hi)) = (
        days.iter().map(|d| d.1.0).min(),
        days.iter().map(|d| d.1.1).max(),
    ) else {
        return;
    };
    if width < 2 || area.height == 0 {
        return;
    }
    let span = (hi - lo).num_days();
    let col = |d: NaiveDate| {
        if span == 0 {
            width / 2
        } else {
            ((d - lo).num_days() * (width as i64 - 1) / span) as usize
        }
    };

    let mut axis: Vec<(char, Style)> = vec![(g.axis, t.dim); width];
    let selected = days.iter().find(|(i, _)| *i == app.list.selected);
    // Spans first, the selected one in the key's style, so that ticks stay
    // visible over them.
    let spans = days.iter().filter(|(_, (first, last))| first != last);
    for (i, (first, last)) in spans {
        let style = if *i == app.list.selected {
            t.key
        } else {
            Style::new()
        };
        axis[col(*first)..=col(*last)].fill((g.span, style));
    }
    for (_, (first, last)) in &days {
        if first == last {
            axis[col(*first)] = (g.tick, Style::new());
        }
    }
    if let Some(as_of) = app.as_of.filter(|d| (lo..=hi).contains(d)) {
        axis[col(as_of)] = (g.as_of, t.warning);
    }
    if let Some((_, (first, _))) = selected {
        axis[col(*first)] = (g.selected, t.key);
    }
    frame.render_widget(runs(&axis), Rect { height: 1, ..area });

    if area.height < 2 {
        return;
    }
    // Labels: the span's ends, then the selected event's date under its mark.
    let mut labels: Vec<(char, Style)> = vec![(' ', Style::new()); width];
    let mut put = |at: usize, text: &str, style: Style| {
        for (k, c) in text.chars().enumerate() {
            if let Some(cell) = labels.get_mut(at + k) {
                *cell = (c, style);
            }
        }
    };
    let (first, last) = (
        lo.format("%b %Y").to_string(),
        hi.format("%b %Y").to_string(),
    );
    let last_at = width.saturating_sub(last.chars().count());
    // The selection's date, under its mark; an end label it would touch gives way.
    let mark = selected.map(|(i, (d, _))| {
        let text = short_date(&app.timeline.events[app.filter.hits[*i].event]);
        let len = text.chars().count();
        (
            col(*d)
                .saturating_sub(len / 2)
                .min(width.saturating_sub(len)),
            text,
        )
    });
    let (mark_from, mark_to) = mark.as_ref().map_or((usize::MAX, 0), |(at, text)| {
        (*at, at + text.chars().count())
    });
    if mark_from > first.chars().count() {
        put(0, &first, t.dim);
    }
    if mark_to < last_at {
        put(last_at, &last, t.dim);
    }
    if let Some((at, text)) = &mark {
        put(*at, text, t.key);
    }
    frame.render_widget(
        runs(&labels),
        Rect {
            y: area.y + 1,
            height: 1,
            ..area
        },
    );
}

/// Cells grouped into spans of one style.
fn runs(cells: &[(char, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style = cells.first().map(|c| c.1).unwrap_or_default();
    for &(c, s) in cells {
        if s != style && !text.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut text), style));
        }
        style = s;
        text.push(c);
    }
    spans.push(Span::styled(text, style));
    Line::from(spans)
}
