//! The time ruler across the top of the home screen: a tick per listed event
//! (a span, ━, for one dated by a range), placed in proportion to real time so
//! clusters and gaps show, the selected event (▼, at its start) and the as-of
//! date (◆) marked. Glyphs carry the meaning, so it
//! reads in 16 colours, under NO_COLOR, and in ASCII where the locale is not UTF-8.

use chrono::{Datelike, NaiveDate};
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
    if width < 2 || area.height == 0 {
        return;
    }
    // Each listed event's first and last day (the same for all but ranges), as
    // day numbers the index keeps, once for a run of events with the same:
    // at 100k events, many to a day, this is most of a frame.
    let mut days: Vec<(i32, i32)> = Vec::new();
    for h in &app.filter.hits {
        if let Some(d) = app.index.days(h.event)
            && days.last() != Some(&d)
        {
            days.push(d);
        }
    }
    let Some((lo, hi)) = days.iter().fold(None, |acc, &(first, last)| match acc {
        None => Some((first, last)),
        Some((lo, hi)) => Some((first.min(lo), last.max(hi))),
    }) else {
        return;
    };
    let span = i64::from(hi - lo);
    let last = width as i64 - 1;
    let inverse = if span == 0 { 0.0 } else { 1.0 / span as f64 };
    let col = |d: i32| {
        if span == 0 {
            width / 2
        } else {
            column(i64::from(d - lo), span, last, inverse)
        }
    };
    let date = |d: i32| NaiveDate::from_num_days_from_ce_opt(d);

    let mut axis: Vec<(char, Style)> = vec![(g.axis, t.dim); width];
    let selected = app
        .filter
        .hits
        .get(app.list.selected)
        .and_then(|h| app.index.days(h.event))
        .map(|d| (app.list.selected, d));
    // Spans first, so that ticks stay visible over them; the selected span
    // in the key's style. Which columns some span covers is counted with a
    // difference array: filling each span's columns would cost the events
    // times the width.
    let mut starts = vec![0i32; width + 1];
    let mut ticks = vec![false; width];
    for &(first, last) in &days {
        if first == last {
            ticks[col(first)] = true;
        } else {
            starts[col(first)] += 1;
            starts[col(last) + 1] -= 1;
        }
    }
    let mut open = 0;
    for (cell, (start, tick)) in axis.iter_mut().zip(starts.iter().zip(&ticks)) {
        open += start;
        if open > 0 {
            *cell = (g.span, Style::new());
        }
        if *tick {
            *cell = (g.tick, Style::new());
        }
    }
    if let Some((_, (first, last))) = selected.filter(|(_, (first, last))| first != last) {
        for c in col(first)..=col(last) {
            if !ticks[c] {
                axis[c] = (g.span, t.key);
            }
        }
    }
    if let Some(as_of) = app
        .as_of
        .map(|d| d.num_days_from_ce())
        .filter(|d| (lo..=hi).contains(d))
    {
        axis[col(as_of)] = (g.as_of, t.warning);
    }
    if let Some((_, (first, _))) = selected {
        axis[col(first)] = (g.selected, t.key);
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
    let month = |d: i32| date(d).map_or_else(String::new, |d| d.format("%b %Y").to_string());
    let (first, last) = (month(lo), month(hi));
    let last_at = width.saturating_sub(last.chars().count());
    // The selection's date, under its mark; an end label it would touch gives way.
    let mark = selected.map(|(i, (d, _))| {
        let text = short_date(&app.timeline.events[app.filter.hits[i].event]);
        let len = text.chars().count();
        (
            col(d)
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

/// The column of a day `x` days into a `span` of days (> 0) drawn over
/// columns 0..=`last`: floor(x * last / span), clamped. An integer division
/// per event was most of a frame's ruler at 100k events, so it is estimated
/// by multiplying by `inverse` (1 / span) and corrected to the exact floor.
fn column(x: i64, span: i64, last: i64, inverse: f64) -> usize {
    let scaled = x * last;
    let mut c = (scaled as f64 * inverse) as i64;
    if c * span > scaled {
        c -= 1;
    } else if (c + 1) * span <= scaled {
        c += 1;
    }
    c.clamp(0, last) as usize
}

#[cfg(test)]
mod tests {
    use super::column;

    #[test]
    fn a_column_is_the_exact_floor_of_the_division() {
        // Spans from a day to the whole of chrono's calendar, widths up to 500.
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: i64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as i64
        };
        for _ in 0..200_000 {
            let scale = [10, 400, 40_000, 200_000_000][next(4) as usize];
            let span = 1 + next(scale);
            let last = 1 + next(499);
            let x = next(span + 1);
            let want = (x * last / span) as usize;
            assert_eq!(
                column(x, span, last, 1.0 / span as f64),
                want,
                "{x} {span} {last}"
            );
        }
        for (span, last) in [(1, 1), (3, 499), (7, 2), (200_000_000, 499)] {
            for x in [0, span / 2, span - 1, span] {
                assert_eq!(
                    column(x, span, last, 1.0 / span as f64),
                    (x * last / span) as usize
                );
            }
        }
    }
}
