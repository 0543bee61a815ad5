//! The agenda in the app: `a` narrows the home list to the events ahead of
//! the as-of date, soonest first, so every list key (moving, `/`, Enter,
//! marks, `p`) works on it unchanged; the header names the next deadline or
//! hearing. Also what `t` selects. The rules themselves are the library's
//! (`crate::agenda`, `crate::when`), shared with the `agenda` command.

use chrono::NaiveDate;

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

/// "in 31 days", "in 28 to 57 days": the countdown column of an agenda row.
pub fn countdown(app: &App, event: usize) -> String {
    let e = &app.timeline.events[event];
    app.as_of
        .and_then(|as_of| crate::when::days_from(e.date, as_of))
        .map_or_else(String::new, crate::when::countdown)
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
