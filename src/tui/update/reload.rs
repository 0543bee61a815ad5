//! Taking in a timeline read again from disk: the new one replaces the old
//! only if it has no errors, and the user stays where they were, by event id.

use std::sync::Arc;

use crate::search::Index;
use crate::timeline::report::{self, count};
use crate::timeline::{Checked, Timeline};
use crate::tui::screens::reader;
use crate::tui::state::app::{App, DetailState, Screen, Trouble};

/// `reader_width` is the width the reader wraps to.
pub fn reload(app: &mut App, checked: Checked, reader_width: u16) {
    let label = app
        .data_path
        .as_ref()
        .map_or("timeline".to_string(), |p| p.display().to_string());
    let report: Vec<String> = report::render(&checked, &label)
        .lines()
        .map(String::from)
        .collect();
    let problems = &checked.report.problems;
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let summary = match errors {
        0 => count(problems.len(), "warning"),
        n => count(n, "error"),
    };
    let clean = checked.is_clean();
    let warnings = problems.len();
    match checked.timeline {
        Some(timeline) if clean => {
            let gone = replace(app, timeline, reader_width);
            let n = app.timeline.events.len();
            app.trouble = (warnings > 0).then_some(Trouble {
                errors: false,
                summary,
                report,
            });
            let mut status = format!("reloaded: {}", count(n, "event"));
            if warnings > 0 {
                status += &format!(", {} (e for details)", count(warnings, "warning"));
            }
            if let Some(gone) = gone {
                status += &format!("; {gone}");
            }
            app.status = Some(status);
        }
        _ => {
            app.status = Some(format!(
                "{summary} in the timeline: showing the last good one · e for details"
            ));
            app.trouble = Some(Trouble {
                errors: true,
                summary,
                report,
            });
        }
    }
}

/// Swap in the new timeline, keeping the selection, the event open and the
/// article being read when they are still there; says what is gone if not.
fn replace(app: &mut App, timeline: Timeline, reader_width: u16) -> Option<String> {
    let old = std::mem::replace(&mut app.timeline, timeline);
    let new = &app.timeline;
    let event_id = |e: usize| old.events.get(e).map(|e| e.id.as_str());
    let find = |id: Option<&str>| id.and_then(|id| new.events.iter().position(|e| e.id == id));

    let selected = find(app.selected_event().and_then(event_id));
    let in_detail = app.screen == Screen::Detail
        || app
            .reader
            .as_ref()
            .is_some_and(|r| r.back_to == Screen::Detail);
    let detail = find(event_id(app.detail.event));
    let reading = app.reader.as_ref().map(|r| {
        let source = old.sources.get(r.source);
        // The passage in focus, by its words: its place may move in an edited article.
        let focus = source
            .zip(r.passages.get(r.current))
            .and_then(|(s, p)| s.text.get(p.span.clone()))
            .map(str::to_string);
        (source.map(|s| s.id.clone()), focus, r.scroll, r.back_to)
    });

    events_changed(app);
    // At once, not on the worker: until it answered, the list would hold the
    // old timeline's event numbers, past the end of a shorter one.
    let background = std::mem::replace(&mut app.background, false);
    app.refilter_keeping(selected);
    app.background = background;

    match detail {
        Some(event) => {
            let quotes = app.timeline.events[event].quotes().count();
            app.detail = DetailState {
                event,
                citation: app.detail.citation.min(quotes.saturating_sub(1)),
                scroll: app.detail.scroll,
            };
        }
        None => {
            app.detail = DetailState::default();
            if in_detail {
                app.screen = Screen::List;
                app.reader = None;
                return Some("the event you had open is no longer there".into());
            }
        }
    }
    if let Some((source, focus, scroll, back_to)) = reading {
        let tl = &app.timeline;
        let found = source.and_then(|id| tl.sources.iter().position(|s| s.id == id));
        match found {
            Some(source) => {
                let mut state = reader::open(tl, source, &(0..0), reader_width, back_to);
                let text = &tl.sources[source].text;
                if let Some(i) = state
                    .passages
                    .iter()
                    .position(|p| text.get(p.span.clone()) == focus.as_deref())
                {
                    state.current = i;
                }
                state.scroll = scroll;
                app.reader = Some(state);
            }
            None => {
                app.screen = back_to;
                app.reader = None;
                return Some("the article you were reading is no longer cited".into());
            }
        }
    }
    None
}

/// The timeline's events changed (a reload, a batch loaded): event indices
/// all moved, so the search index and the next-deadline note are made again,
/// and cached filter results mean nothing now. The caller refilters.
pub(crate) fn events_changed(app: &mut App) {
    app.index = Arc::new(Index::new(&app.timeline));
    events_indexed(app);
}

/// `events_changed`, with the search index already made for the events.
pub(super) fn events_indexed(app: &mut App) {
    app.ahead = crate::tui::state::ahead::Note::of(&app.timeline, app.as_of);
    app.filter.cache.clear();
    // The worker may still answer an older request, on the old index.
    app.filter.since = app.filter.generation + 1;
    app.filter.pending = None;
    app.filter.busy = false;
}
