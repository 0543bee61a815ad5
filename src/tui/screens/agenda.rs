//! The agenda in the app: `a` narrows the home list to the events ahead of
//! the as-of date, soonest first, so every list key (moving, `/`, Enter,
//! marks, `p`) works on it unchanged; the header names the next deadline or
//! hearing. Also what `t` selects. The rules themselves are the library's
//! (`crate::agenda`, `crate::when`), shared with the `agenda` command.

use chrono::NaiveDate;

use crate::agenda::{ahead, first_class};
use crate::search::Hit;
use crate::timeline::Timeline;
use crate::tui::state::app::App;

/// Open the agenda, or go back to the whole list.
pub fn toggle(app: &mut App) {
    let Some(as_of) = app.as_of else {
        app.status = Some("no as-of date: start with --as-of YYYY-MM-DD".into());
        return;
    };
    app.agenda = !app.agenda;
    app.refilter(true);
    if app.agenda && app.filter.hits.is_empty() && app.filter.text.is_empty() {
        app.status = Some(format!("nothing ahead of {as_of}: a or Esc goes back"));
    }
}

/// Keep the hits ahead of `as_of`, soonest first (by score when ranked).
pub fn narrow(hits: &mut Vec<Hit>, tl: &Timeline, as_of: NaiveDate, ranked: bool) {
    let found = ahead(
        hits.iter().map(|h| (h.event, &tl.events[h.event])),
        as_of,
        None,
    );
    // Each event's place in the agenda, by event index: no search per hit.
    let mut place = vec![None; tl.events.len()];
    for (i, a) in found.iter().enumerate() {
        place[a.event] = Some(i);
    }
    hits.retain(|h| place[h.event].is_some());
    if !ranked {
        hits.sort_by_key(|h| place[h.event]);
    }
}

/// "in 31 days", "in 28 to 57 days": the countdown column of an agenda row.
pub fn countdown(app: &App, event: usize) -> String {
    let e = &app.timeline.events[event];
    app.as_of
        .and_then(|as_of| crate::when::days_from(e.date, as_of))
        .map_or_else(String::new, crate::when::countdown)
}

/// What the header says of the agenda, counted once per timeline (at 100,000
/// events a count with every frame would cost milliseconds).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    /// "next: hearing in 31 days": the soonest deadline or hearing ahead of
    /// the as-of date in the whole timeline, whatever is filtered.
    pub next: Option<String>,
    /// How many events are ahead of it in all.
    pub ahead: usize,
}

impl Note {
    pub fn of(tl: &Timeline, as_of: Option<NaiveDate>) -> Note {
        let Some(as_of) = as_of else {
            return Note::default();
        };
        let all = ahead(tl.events.iter().enumerate(), as_of, None);
        // The agenda's order: the first deadline or hearing in it is the next.
        let next = all
            .iter()
            .find(|a| first_class(tl.events[a.event].kind))
            .map(|a| {
                let kind = tl.events[a.event].kind.as_str();
                format!("next: {kind} {}", crate::when::countdown(a.days))
            });
        Note {
            next,
            ahead: all.len(),
        }
    }
}

/// The header's place on the agenda: "Agenda · as of 2020-10-04 · 7 ahead",
/// "2 of 7 ahead" while a filter narrows it.
pub fn title(app: &App) -> String {
    let as_of = app.as_of.map_or(String::new(), |d| d.to_string());
    let (shown, all) = (app.filter.hits.len(), app.ahead.ahead);
    if shown == all {
        format!("Agenda · as of {as_of} · {all} ahead")
    } else {
        format!("Agenda · as of {as_of} · {shown} of {all} ahead")
    }
}

/// The event `t` selects: the listed one nearest the as-of date for sure
/// (`when::nearest_for_sure`: a dated event, not a year that contains it).
pub fn nearest(app: &App, as_of: NaiveDate) -> Option<usize> {
    let dates = app
        .filter
        .hits
        .iter()
        .enumerate()
        .map(|(i, h)| (i, app.timeline.events[h.event].date));
    crate::when::nearest_for_sure(dates, as_of)
}
