//! Taking in a timeline that loads in parts: each batch of events is merged
//! in date order, the user staying on the event they were on, and the filter
//! runs again over all that has loaded; problems join the `e` panel as the
//! check finds them.

use std::sync::Arc;

use crate::search::Index;
use crate::timeline::report::{self, count};
use crate::timeline::stream::Part;
use crate::timeline::{Checked, Event, Problem};
use crate::tui::state::app::{App, Trouble};
use crate::tui::state::loading::{Loading, thousands};

/// `reader_width` is the width the reader wraps to (for `Part::Whole`).
pub fn part(app: &mut App, part: Part, width: u16) {
    // Not loading (any more): a reload replaced the timeline meanwhile.
    if app.loading.is_none() {
        return;
    }
    match part {
        Part::Events {
            events,
            problems,
            loaded,
        } => {
            merge(app, events);
            if let Some(loading) = &mut app.loading {
                loading.loaded = loaded;
            }
            found(app, &problems);
        }
        Part::Head { head, total } => {
            app.timeline.title = head.title;
            app.timeline.root = head.root;
            app.timeline.sources = head.sources;
            if let Some(loading) = &mut app.loading {
                loading.total = Some(total);
            }
        }
        Part::Failed(problems) => {
            found(app, &problems);
            app.loading = None;
            let n = app.timeline.events.len();
            app.status = Some(match n {
                0 => "the timeline cannot be loaded · e for details".to_string(),
                n => format!(
                    "loading stopped after {} events: one does not parse · e for details",
                    thousands(n)
                ),
            });
            if let Some(t) = &mut app.trouble {
                // Not "checking": nothing more is coming.
                t.report.pop();
            }
        }
        Part::Whole(checked) => {
            app.loading = None;
            crate::tui::update::reload::reload(app, *checked, width);
            crate::tui::update::grep::refresh(app);
        }
        Part::Done { sources, report } => {
            found(app, &report.problems);
            let loading = app.loading.take().unwrap_or_default();
            // The head's sources, now with their texts.
            if sources.len() == app.timeline.sources.len() {
                app.timeline.sources = sources;
            }
            let label = app
                .data_path
                .as_ref()
                .map_or("timeline".to_string(), |p| p.display().to_string());
            // `check`'s report whole, as a reload shows it.
            let shell = crate::timeline::Timeline {
                title: String::new(),
                root: None,
                sources: Vec::new(),
                events: Vec::new(),
            };
            let checked = Checked {
                timeline: Some(std::mem::replace(&mut app.timeline, shell)),
                report: crate::timeline::check::Report {
                    problems: loading.problems,
                    ..report
                },
            };
            let lines: Vec<String> = report::render(&checked, &label)
                .lines()
                .map(String::from)
                .collect();
            let clean = checked.is_clean();
            let problems = checked.report.problems.len();
            if let Some(timeline) = checked.timeline {
                app.timeline = timeline;
            }
            let n = app.timeline.events.len();
            let mut status = format!("loaded {} events, all quotes checked", thousands(n));
            match &mut app.trouble {
                Some(t) if problems > 0 => {
                    t.errors = !clean;
                    t.report = lines;
                    status += &format!(": {} (e for details)", t.summary);
                }
                _ => status += ": no problems",
            }
            app.status = Some(status);
            if let Some(id) = loading.select {
                app.status = Some(format!("no event \"{id}\" in this timeline"));
            }
            crate::tui::update::grep::refresh(app);
        }
    }
}

/// Add problems the check found to the `e` panel.
fn found(app: &mut App, problems: &[Problem]) {
    let Some(loading) = &mut app.loading else {
        return;
    };
    if problems.is_empty() {
        return;
    }
    loading.errors += problems.iter().filter(|p| p.is_error()).count();
    loading.problems.extend(problems.iter().cloned());
    let mut report: Vec<String> = loading.problems.iter().map(|p| p.to_string()).collect();
    report.push(format!(
        "checking quotes: {} events so far",
        thousands(loading.loaded)
    ));
    app.trouble = Some(Trouble {
        errors: loading.errors > 0,
        summary: summary(loading),
        report,
    });
}

/// "2 errors, 1 warning", or "3 warnings".
fn summary(loading: &Loading) -> String {
    let warnings = count(loading.problems.len() - loading.errors, "warning");
    match loading.errors {
        0 => warnings,
        n => format!("{}, {warnings}", count(n, "error")),
    }
}

/// Merge `batch` (sorted by date) into the timeline's events, ties after the
/// events already there (they come earlier in the file), and move every
/// event number the app holds to the event's new place.
fn merge(app: &mut App, batch: Vec<Event>) {
    let old = std::mem::take(&mut app.timeline.events);
    let before = old.len();
    // A batch that sorts after every event loaded (a file in date order) is
    // appended to the search index; else its own index is merged in.
    let appended = match (old.last(), batch.first()) {
        (Some(last), Some(first)) => first.sort_key() >= last.sort_key(),
        _ => true,
    };
    let batch_index = (!appended).then(|| Index::of(&batch));
    let mut moved = Vec::with_capacity(old.len());
    let mut merged = Vec::with_capacity(old.len() + batch.len());
    let mut new = batch.into_iter().peekable();
    for e in old {
        while new.peek().is_some_and(|n| n.sort_key() < e.sort_key()) {
            merged.extend(new.next());
        }
        moved.push(merged.len());
        merged.push(e);
    }
    merged.extend(new);
    app.timeline.events = merged;
    index_batch(app, before, &moved, batch_index);
    let at = |e: usize| moved.get(e).copied().unwrap_or(e);

    for h in &mut app.filter.hits {
        h.event = at(h.event);
    }
    app.detail.event = at(app.detail.event);
    if let Some(r) = &mut app.reader {
        for p in &mut r.passages {
            for e in &mut p.events {
                *e = at(*e);
            }
        }
    }
    // `--select`'s event, once it has loaded; else the one selected.
    let mut keep = app.selected_event();
    if let Some(loading) = &mut app.loading
        && let Some(id) = &loading.select
        && let Some(e) = app.timeline.events.iter().position(|e| e.id == *id)
    {
        keep = Some(e);
        loading.select = None;
    }
    // Cached results cover only the events loaded before.
    super::reload::events_indexed(app);
    let offset = app.list.offset;
    app.refilter_keeping(keep);
    // The list stays where it was unless the selection moved out of view.
    if app.filter.pending.is_none() && app.list.selected >= offset {
        app.list.offset = offset;
    }
}

/// Bring the search index up to the merged events: `before` events were
/// indexed, now at `moved`; `batch` is the new events' own index unless they
/// all came after those. Made again whole only if the index was not of the
/// events before (nothing else should change them while loading).
fn index_batch(app: &mut App, before: usize, moved: &[usize], batch: Option<Index>) {
    let events = &app.timeline.events;
    if app.index.len() != before {
        app.index = Arc::new(Index::new(&app.timeline));
        return;
    }
    let batch = match batch {
        None => match Arc::get_mut(&mut app.index) {
            // Not shared with a filter still running: grown in place.
            Some(index) => return index.extend(&events[before..]),
            None => Index::of(&events[before..]),
        },
        Some(batch) => batch,
    };
    // Event `j` of the merged list is the batch's unless an old one moved there.
    let mut olds = moved.iter().peekable();
    let from_batch = (0..events.len()).map(|j| olds.next_if_eq(&&j).is_none());
    app.index = Arc::new(app.index.merge(&batch, from_batch));
}
