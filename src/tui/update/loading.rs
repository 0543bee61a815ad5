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
    // Event `j` of the merged list: the batch's next (true) or the next of
    // those loaded before (false).
    let mut from_batch = Vec::with_capacity(old.len() + batch.len());
    let mut next = batch.iter().peekable();
    for e in &old {
        while next.next_if(|n| n.sort_key() < e.sort_key()).is_some() {
            from_batch.push(true);
        }
        from_batch.push(false);
    }
    from_batch.resize(old.len() + batch.len(), true);
    index_batch(app, &old, &batch, &from_batch);
    // Where each event loaded before goes.
    let moved: Vec<usize> = (0..from_batch.len()).filter(|&k| !from_batch[k]).collect();
    app.timeline.events = merged(old, batch, &from_batch);
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

/// `old` and `batch` merged as `from_batch` says (true: the batch's next).
/// In place, not into a new list while the old one is held (34 MB more at
/// the end of loading 100k events): from the end, each event moved once,
/// into room held by empty events. Following each event's cycle to its
/// place instead jumped about the list: 40 ms of the last batch's merge.
fn merged(old: Vec<Event>, mut batch: Vec<Event>, from_batch: &[bool]) -> Vec<Event> {
    debug_assert_eq!(from_batch.len(), old.len() + batch.len());
    let mut events = old;
    // The events loaded before not yet moved: `..i`.
    let mut i = events.len();
    events.resize_with(i + batch.len(), Event::empty);
    for (k, &theirs) in from_batch.iter().enumerate().rev() {
        if theirs && let Some(e) = batch.pop() {
            events[k] = e;
            continue;
        }
        let Some(last) = i.checked_sub(1) else { break };
        if last == k {
            // It and every event before it are in their places.
            break;
        }
        events.swap(last, k);
        i = last;
    }
    events
}

/// Bring the search index up to the events merged as `from_batch` says:
/// `old` were indexed. A batch that sorts after all of them (a file in date
/// order) is appended; one that falls among them is merged in; either in
/// place unless a filter still holds the index. Made again whole only if
/// the index was not of `old` (nothing else should change the events while
/// loading).
fn index_batch(app: &mut App, old: &[Event], batch: &[Event], from_batch: &[bool]) {
    if app.index.len() != old.len() {
        app.index = Arc::new(Index::of(old).merge(batch, from_batch.iter().copied()));
        return;
    }
    let appended = from_batch
        .get(old.len()..)
        .is_none_or(|tail| tail.iter().all(|&b| b));
    match Arc::get_mut(&mut app.index) {
        Some(index) if appended => index.extend(batch),
        Some(index) => index.merge_in(batch, from_batch),
        None => app.index = Arc::new(app.index.merge(batch, from_batch.iter().copied())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(prefix: &str, n: usize) -> Vec<Event> {
        (0..n)
            .map(|k| Event {
                id: format!("{prefix}{k}").into(),
                ..Event::empty()
            })
            .collect()
    }

    /// Every way to interleave up to five loaded events with up to five of a
    /// batch: each event once, where the flags put it.
    #[test]
    fn a_batch_merged_in_place_puts_every_event_where_the_flags_say() {
        for n in 0..=5 {
            for m in 0..=5 {
                for bits in 0u32..1 << (n + m) {
                    let flags: Vec<bool> = (0..n + m).map(|k| bits >> k & 1 == 1).collect();
                    if flags.iter().filter(|&&b| b).count() != m {
                        continue;
                    }
                    let (mut old, mut new) = (0, 0);
                    let want: Vec<String> = flags
                        .iter()
                        .map(|&b| {
                            let (side, k) = if b { ("b", &mut new) } else { ("o", &mut old) };
                            *k += 1;
                            format!("{side}{}", *k - 1)
                        })
                        .collect();
                    let got = merged(named("o", n), named("b", m), &flags);
                    let got: Vec<String> = got.iter().map(|e| e.id.to_string()).collect();
                    assert_eq!(got, want, "{flags:?}");
                }
            }
        }
    }
}
