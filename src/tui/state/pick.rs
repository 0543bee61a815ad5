//! Pick mode (`timeline-explorer pick`): the list, where Enter answers with
//! the selected event, or every marked one, and Esc or q with nothing. The
//! answer is state like any other; the command line prints it once the
//! terminal is given back.

pub use crate::tui::state::answer::Answer;
use crate::tui::state::app::App;

/// What Enter picks: every marked event of this timeline, in date order, or
/// else the selected one; nothing if neither is there.
pub fn chosen(app: &App) -> Vec<usize> {
    let marked: Vec<usize> = (app.timeline.events.iter().enumerate())
        .filter(|(_, e)| app.marks.contains(e.id.as_str()))
        .map(|(i, _)| i)
        .collect();
    if marked.is_empty() {
        app.selected_event().into_iter().collect()
    } else {
        marked
    }
}

/// Enter: answer with what is chosen, or say why there is nothing to pick.
pub fn pick(app: &mut App) {
    let events = chosen(app);
    if events.is_empty() {
        app.status = Some("nothing to pick: no event is listed (Esc cancels)".into());
        return;
    }
    app.filter.typing = false;
    end(app, Answer::Picked(events));
}

/// Quit; in pick mode with this answer (unless one is given already).
pub fn end(app: &mut App, answer: Answer) {
    if app.pick && app.answer.is_none() {
        app.answer = Some(answer);
    }
    app.quit = true;
}

/// How many events Enter would print, when more than the selected one: the
/// header says so, since marks are kept from earlier sessions.
pub fn marked(app: &App) -> Option<usize> {
    let n = (app.timeline.events.iter())
        .filter(|e| app.marks.contains(e.id.as_str()))
        .count();
    (app.pick && n > 0).then_some(n)
}
