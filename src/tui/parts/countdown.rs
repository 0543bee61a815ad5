//! The countdown after an event's date, shared by the list, detail and slides.

use ratatui::text::Span;

use crate::tui::state::app::App;

/// After an event's date: its distance from the as-of date, and whether it is
/// a deadline or hearing still to come.
pub fn countdown(app: &App, e: &crate::timeline::Event) -> Vec<Span<'static>> {
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
