//! The built-in timeline's quotes, checked after the first frame (issue 14).
//! The app started on the same events unchecked (`unchecked_builtin`), so
//! all that is new is what checking fills in: each source's text, and each
//! quote's place in it, which the reader and the sources screen show.

use crate::timeline::Timeline;
use crate::tui::state::app::App;

/// Take in `checked`, the timeline the app shows, its quotes checked.
pub fn quotes_checked(app: &mut App, checked: Timeline) {
    let same = checked.events.len() == app.timeline.events.len()
        && checked
            .events
            .iter()
            .zip(&app.timeline.events)
            .all(|(a, b)| a.id == b.id);
    app.timeline = checked;
    if !same {
        // Not expected (both are read from the same text), but then the
        // event numbers the app holds would name other events: make them
        // again as a reload does.
        crate::tui::update::reload::events_changed(app);
        let background = std::mem::replace(&mut app.background, false);
        app.refilter(false);
        app.background = background;
    }
    crate::tui::update::grep::refresh(app);
}
