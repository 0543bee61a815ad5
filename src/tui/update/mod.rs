//! `update(&mut App, Action)`: the only place state changes. No I/O here.
//! Above the screens, whose geometry (pages, wrapped lines) it reads.

pub mod checked;
pub mod follow;
pub mod grep;
pub mod loading;
pub mod reload;

use crate::tui::overlays::{help, problems};
use crate::tui::screens::{detail, list, reader};
use crate::tui::state::action::Action;
use crate::tui::state::app::{App, Overlay, Panel, Screen};
use crate::tui::state::pick::{self, Answer};
use crate::tui::widgets::layout;

pub fn update(app: &mut App, action: Action) {
    // A message stays until the user does something; a resize or a filter's
    // result arriving is not that.
    if !matches!(
        action,
        Action::Resize(..)
            | Action::Filtered(_)
            | Action::FilterSlow(_)
            | Action::StartsFound(_)
            | Action::Suspend
            | Action::MarksSaved(_)
            | Action::Follow(_)
            // The built-in timeline's check, just after the first frame:
            // the notice on that frame (a bad config) must stay.
            | Action::QuotesChecked(_)
    ) {
        app.status = None;
    }
    follow::detach_on(app, &action);
    match action {
        Action::Quit => pick::end(app, Answer::Cancelled),
        Action::Interrupt => pick::end(app, Answer::Interrupted),
        Action::Pick if app.pick => pick::pick(app),
        Action::CancelPick if app.pick => pick::end(app, Answer::Cancelled),
        Action::Copied(report) => app.status = Some(report.status()),
        Action::Suspend => app.outbox.push(crate::tui::state::app::Effect::Suspend),
        Action::Resize(w, h) => {
            app.size = layout::drawn(w, h);
        }
        Action::Filtered(outcome) => app.apply(*outcome),
        Action::StartsFound(found) => app.keep_starts(*found),
        Action::Notice(message) => app.status = Some(message),
        Action::MarksSaved(marks) => {
            if marks != app.marks {
                app.marks = marks;
                if app.marked_only {
                    app.refilter(true);
                }
            }
        }
        Action::FilterSlow(generation) => {
            app.filter.busy = app
                .filter
                .pending
                .as_ref()
                .is_some_and(|p| p.generation == generation);
        }
        Action::Reloaded(checked) => {
            let checked = std::sync::Arc::unwrap_or_clone(checked.0);
            // The file read again whole: what was still loading is in it.
            app.loading = None;
            app.loaded_in_parts = false;
            let width = reader_text_area(app).width;
            crate::tui::update::reload::reload(app, checked, width);
            crate::tui::update::grep::refresh(app);
        }
        Action::QuotesChecked(checked) => {
            let checked = std::sync::Arc::unwrap_or_clone(checked.0);
            crate::tui::update::checked::quotes_checked(app, checked);
        }
        Action::Loading(part) => {
            let part = std::sync::Arc::unwrap_or_clone(part.0);
            let width = reader_text_area(app).width;
            crate::tui::update::loading::part(app, part, width);
        }
        Action::Follow(state) => follow::take(app, *state),
        Action::ToggleFollow => follow::toggle(app),
        Action::PresenterHere(here) => follow::presenter_here(app, here),
        Action::Help if !app.filter.typing => toggle(app, Panel::Help),
        Action::Problems if !app.filter.typing => {
            if !app.has_problems() {
                app.status = Some("no problems: the data and the config are fine".into());
            } else {
                toggle(app, Panel::Problems);
            }
        }
        _ if app.overlay.is_some() => on_overlay(app, action),
        _ if app.jump.is_some() => on_jump(app, action),
        _ if app.filter.typing => on_filter(app, action),
        _ if app.grep.typing => crate::tui::update::grep::on_typing(app, action),
        _ => match app.screen {
            Screen::List => on_list(app, action),
            Screen::Detail => on_detail(app, action),
            Screen::Reader => on_reader(app, action),
            Screen::Present => on_present(app, action),
            Screen::Sources => crate::tui::update::grep::on_sources(app, action),
        },
    }
    settle(app);
}

/// How far a movement goes, given a page of `page` rows.
pub(crate) fn step(action: Action, page: usize) -> Option<isize> {
    let page = page.max(1) as isize;
    Some(match action {
        Action::Down | Action::ScrollDown => 1,
        Action::Up | Action::ScrollUp => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::HalfPageDown => (page / 2).max(1),
        Action::HalfPageUp => -(page / 2).max(1),
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => return None,
    })
}

pub(crate) fn moved(at: usize, by: isize, len: usize) -> usize {
    at.saturating_add_signed(by).min(len.saturating_sub(1))
}

/// Open a panel over the screen, or close it if it is the one open.
fn toggle(app: &mut App, kind: Panel) {
    app.overlay = match app.overlay {
        Some(o) if o.kind == kind => None,
        _ => Some(Overlay { kind, scroll: 0 }),
    };
}

fn on_overlay(app: &mut App, action: Action) {
    let Some(kind) = app.overlay.map(|o| o.kind) else {
        return;
    };
    let page = help::page(layout::frame(app.size).body);
    let rows = match kind {
        Panel::Help => help::lines(app).len(),
        Panel::Problems => problems::lines(app).len(),
    };
    let max = rows.saturating_sub(page);
    match action {
        Action::Back => app.overlay = None,
        a => {
            if let Some(by) = step(a, page)
                && let Some(overlay) = &mut app.overlay
            {
                overlay.scroll = moved(overlay.scroll, by, max + 1);
            }
        }
    }
}

/// The most a query line (the filter, a date) holds. A longer query means
/// nothing more, and every keystroke refilters with the whole of it.
pub const MAX_INPUT: usize = 200;

/// Type `typed` at the end of `text`: controls dropped, line breaks and tabs
/// as spaces (a pasted quote may span lines), no more than `MAX_INPUT`.
/// Whether it all fit.
fn type_into(text: &mut String, typed: &str) -> bool {
    let mut room = MAX_INPUT.saturating_sub(text.chars().count());
    for c in typed.chars() {
        let c = match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => continue,
            c => c,
        };
        if room == 0 {
            return false;
        }
        text.push(c);
        room -= 1;
    }
    true
}

/// Type into a query line, saying so when it is full.
pub(crate) fn type_text(text: &mut String, typed: &str, status: &mut Option<String>) {
    if !type_into(text, typed) {
        *status = Some(format!(
            "that is as long as it gets: {MAX_INPUT} characters"
        ));
    }
}

/// The keys that edit a query line, the same in each (the filter, a date, a
/// search): type, paste, delete a character, a word or all. Whether `action`
/// was one of them.
pub(crate) fn edit_line(text: &mut String, action: &Action, status: &mut Option<String>) -> bool {
    match action {
        Action::Input(c) => type_text(text, c.encode_utf8(&mut [0; 4]), status),
        Action::Paste(s) => type_text(text, s, status),
        Action::Backspace => {
            text.pop();
        }
        Action::DeleteWord => {
            let kept = text
                .trim_end()
                .trim_end_matches(|c: char| !c.is_whitespace())
                .len();
            text.truncate(kept);
        }
        Action::ClearInput => text.clear(),
        _ => return false,
    }
    true
}

fn on_filter(app: &mut App, action: Action) {
    let text = &mut app.filter.text;
    let edited = edit_line(text, &action, &mut app.status);
    match action {
        _ if edited => {}
        Action::AcceptFilter => {
            app.filter.typing = false;
            return;
        }
        // As in fzf, Enter takes the selection; Back then returns to the filtered list.
        Action::Open => {
            app.filter.typing = false;
            on_list(app, Action::Open);
            return;
        }
        Action::CancelFilter => {
            app.filter.typing = false;
            text.clear();
            app.refilter(true);
            return;
        }
        Action::ToggleRank => {
            toggle_rank(app);
            return;
        }
        a => {
            move_selection(app, a);
            return;
        }
    }
    app.refilter(false);
}

fn on_jump(app: &mut App, action: Action) {
    let Some(text) = &mut app.jump else { return };
    let edited = edit_line(text, &action, &mut app.status);
    match action {
        _ if edited => {}
        Action::CancelJump => app.jump = None,
        Action::AcceptJump => {
            let typed = app.jump.take().unwrap_or_default();
            // A year left out is the year of the event in view.
            let year = app
                .selected_event()
                .or(app.filter.hits.first().map(|h| h.event))
                .map_or(2000, |e| app.timeline.events[e].sort_key().0);
            match crate::when::parse(&typed, year) {
                Err(hint) => app.status = Some(hint),
                Ok(target) => select_nearest(app, target),
            }
        }
        _ => {}
    }
}

/// Slides are the listed events; the slide shown is the list's selection, so
/// leaving the presentation leaves the list where the talk got to.
fn on_present(app: &mut App, action: Action) {
    let n = app.filter.hits.len();
    match action {
        Action::Back => app.screen = Screen::List,
        Action::NextSlide | Action::Down if app.list.selected + 1 < n => app.list.selected += 1,
        Action::PrevSlide | Action::Up => app.list.selected = app.list.selected.saturating_sub(1),
        Action::Top => app.list.selected = 0,
        Action::Bottom => app.list.selected = n.saturating_sub(1),
        Action::NextSlide => app.status = Some("that was the last event".into()),
        Action::Copy => copy(app),
        _ => {}
    }
}

/// Mark the event, or unmark it, and have the marks saved.
fn toggle_mark(app: &mut App, event: usize) {
    let id = app.timeline.events[event].id.to_string();
    let marked = !app.marks.remove(&id);
    if marked {
        app.marks.insert(id.clone());
    }
    app.outbox
        .push(crate::tui::state::app::Effect::SaveMark { id, marked });
    if app.marked_only {
        app.refilter(true);
    }
    app.status = Some(if marked { "marked" } else { "unmarked" }.into());
}

/// Select the listed event nearest `target`.
fn select_nearest(app: &mut App, target: crate::when::Target) {
    let dates = app
        .filter
        .hits
        .iter()
        .enumerate()
        .filter_map(|(i, h)| Some((i, app.timeline.events[h.event].days()?)));
    match crate::when::nearest(dates, target) {
        Some(i) => app.list.selected = i,
        None => app.status = Some("no events to jump to".into()),
    }
}

/// Copy the citation in view: the list's first, the detail's selected, or the
/// reader's passage in focus (as its first citing event cites it).
fn copy(app: &mut App) {
    let tl = &app.timeline;
    let found = match app.screen {
        Screen::List | Screen::Present => app
            .selected_event()
            .and_then(|e| Some((e, tl.events[e].citations.first()?))),
        Screen::Detail => {
            let e = app.detail.event;
            tl.events[e]
                .quotes()
                .nth(app.detail.citation)
                .map(|c| (e, c))
        }
        Screen::Reader => app.reader.as_ref().and_then(|r| {
            let p = r.passages.get(r.current)?;
            let e = *p.events.first()?;
            let c = tl.events[e]
                .quotes()
                .find(|c| c.source_index == r.source && c.span == p.span)?;
            Some((e, c))
        }),
        Screen::Sources => None,
    };
    let Some((e, c)) = found else {
        app.status = Some("nothing to copy here".into());
        return;
    };
    if !app.osc52 {
        app.status = Some("copying is off: osc52 is false in the config".into());
        return;
    }
    let text = crate::format::markdown::cited(tl, &tl.events[e], c);
    // Until the terminal side reports how it went (Action::Copied).
    app.status = Some("copying the citation…".into());
    app.outbox.push(crate::tui::state::app::Effect::Copy(text));
}

fn toggle_rank(app: &mut App) {
    app.filter.ranked = !app.filter.ranked;
    app.refilter(true);
    app.status = Some(
        if app.filter.ranked {
            "ranked by match score"
        } else {
            "in date order"
        }
        .into(),
    );
}

fn list_area(app: &App) -> ratatui::layout::Rect {
    layout::home(layout::frame(app.size).body).list
}

fn move_selection(app: &mut App, action: Action) {
    let page = list::page(list_area(app));
    if let Some(by) = step(action, page) {
        app.list.selected = moved(app.list.selected, by, app.filter.hits.len());
    }
}

fn on_list(app: &mut App, action: Action) {
    match action {
        Action::StartFilter => app.filter.typing = true,
        Action::StartJump => app.jump = Some(String::new()),
        Action::Present => app.screen = Screen::Present,
        Action::Sources => crate::tui::update::grep::open_sources(app),
        Action::ToggleMark => {
            if let Some(event) = app.selected_event() {
                toggle_mark(app, event);
            }
        }
        Action::ToggleMarkedOnly => {
            app.marked_only = !app.marked_only;
            app.refilter(true);
            if app.marked_only && app.marks.is_empty() {
                app.status = Some("no marked events: m marks one".into());
            }
        }
        Action::JumpToAsOf => match app.as_of {
            Some(date) => match crate::tui::state::agenda::nearest(app, date) {
                Some(i) => app.list.selected = i,
                None => app.status = Some("no events to jump to".into()),
            },
            None => app.status = Some("no as-of date: start with --as-of YYYY-MM-DD".into()),
        },
        Action::ToggleAgenda => crate::tui::state::agenda::toggle(app),
        Action::Copy => copy(app),
        Action::ToggleRank => toggle_rank(app),
        Action::Back if !app.filter.text.is_empty() => {
            app.filter.text.clear();
            app.refilter(true);
        }
        // With no filter, Esc leaves the agenda for the whole list.
        Action::Back if app.agenda => crate::tui::state::agenda::toggle(app),
        Action::Open => {
            if let Some(event) = app.selected_event() {
                app.detail = crate::tui::state::app::DetailState {
                    event,
                    citation: 0,
                    scroll: 0,
                };
                app.screen = Screen::Detail;
            }
        }
        Action::OpenSource => {
            if let Some(event) = app.selected_event() {
                app.detail.event = event;
                app.detail.citation = 0;
                open_reader(app, Screen::List);
            }
        }
        Action::Click(col, row) => {
            let area = list_area(app);
            if area.contains(ratatui::layout::Position::new(col, row)) {
                let i = app.list.offset + usize::from(row - area.y);
                if i < app.filter.hits.len() {
                    app.list.selected = i;
                }
            }
        }
        a => move_selection(app, a),
    }
}

fn detail_area(app: &App) -> ratatui::layout::Rect {
    detail::inner(layout::frame(app.size).body)
}

fn on_detail(app: &mut App, action: Action) {
    let quotes = app.timeline.events[app.detail.event].quotes().count();
    match action {
        Action::Back => app.screen = Screen::List,
        Action::NextCitation if quotes > 0 => {
            app.detail.citation = (app.detail.citation + 1) % quotes;
            show_citation(app);
        }
        Action::PrevCitation if quotes > 0 => {
            app.detail.citation = (app.detail.citation + quotes - 1) % quotes;
            show_citation(app);
        }
        Action::OpenSource | Action::Open => open_reader(app, Screen::Detail),
        Action::ToggleMark => toggle_mark(app, app.detail.event),
        Action::Copy => copy(app),
        a => {
            let area = detail_area(app);
            if let Some(by) = step(a, usize::from(area.height)) {
                let rows = detail::layout(app, area.width).lines.len();
                let max = rows.saturating_sub(usize::from(area.height));
                app.detail.scroll = moved(app.detail.scroll, by, max + 1);
            }
        }
    }
}

/// Scroll the detail so the selected citation's block is on screen.
pub(super) fn show_citation(app: &mut App) {
    let area = detail_area(app);
    let h = usize::from(area.height);
    let rows = detail::layout(app, area.width).citations;
    if let Some(r) = rows.get(app.detail.citation) {
        if r.start < app.detail.scroll {
            app.detail.scroll = r.start;
        } else if r.end > app.detail.scroll + h {
            app.detail.scroll = r.start.min(r.end.saturating_sub(h));
        }
    }
}

fn reader_text_area(app: &App) -> ratatui::layout::Rect {
    reader::text_area(layout::reader(layout::frame(app.size).body).text)
}

/// Open the source of the detail's selected citation, its passage in view.
fn open_reader(app: &mut App, back_to: Screen) {
    let event = &app.timeline.events[app.detail.event];
    let Some(c) = event.quotes().nth(app.detail.citation) else {
        app.status = Some("this event cites nothing".into());
        return;
    };
    let Some(source) = app.timeline.sources.iter().position(|s| s.id == c.source) else {
        return;
    };
    let span = c.span.clone();
    let width = reader_text_area(app).width;
    app.reader = Some(reader::open(&app.timeline, source, &span, width, back_to));
    app.screen = Screen::Reader;
    center_passage(app);
}

/// Scroll so the passage in focus starts a third of the way down.
fn center_passage(app: &mut App) {
    let h = usize::from(reader_text_area(app).height);
    if let Some(state) = &mut app.reader
        && let Some(row) = reader::passage_row(state, state.current)
    {
        let max = state.lines.len().saturating_sub(h);
        state.scroll = row.saturating_sub(h / 3).min(max);
    }
}

fn on_reader(app: &mut App, action: Action) {
    if crate::tui::update::grep::on_reader(app, &action) {
        return;
    }
    let area = reader_text_area(app);
    let Some(state) = &mut app.reader else {
        app.screen = Screen::List;
        return;
    };
    let n = state.passages.len();
    match action {
        Action::Back => {
            app.screen = state.back_to;
            app.reader = None;
        }
        Action::Copy => copy(app),
        Action::NextPassage | Action::PrevPassage if n > 0 => {
            let next = action == Action::NextPassage;
            state.current = if next {
                (state.current + 1) % n
            } else {
                (state.current + n - 1) % n
            };
            if next && state.current == 0 || !next && state.current == n - 1 {
                app.status = Some("wrapped around the article".into());
            }
            center_passage(app);
        }
        a => {
            if let Some(by) = step(a, usize::from(area.height)) {
                let max = state.lines.len().saturating_sub(usize::from(area.height));
                state.scroll = moved(state.scroll, by, max + 1);
            }
        }
    }
}

/// After any change: keep the list selection on screen, re-wrap the reader for
/// the current width, and keep scroll offsets within their content.
fn settle(app: &mut App) {
    let rows = list::page(list_area(app));
    let len = app.filter.hits.len();
    let pos = &mut app.list;
    pos.selected = pos.selected.min(len.saturating_sub(1));
    if pos.selected < pos.offset {
        pos.offset = pos.selected;
    } else if pos.selected >= pos.offset + rows {
        pos.offset = pos.selected + 1 - rows;
    }
    pos.offset = pos.offset.min(len.saturating_sub(rows));

    let area = reader_text_area(app);
    if let Some(state) = &mut app.reader
        && state.width != area.width
    {
        reader::rewrap(state, area.width);
        center_passage(app);
    }
    if let Some(state) = &mut app.reader {
        let max = state.lines.len().saturating_sub(usize::from(area.height));
        state.scroll = state.scroll.min(max);
    }
    crate::tui::update::grep::settle(app);
    if app.screen == Screen::Detail {
        let area = detail_area(app);
        let rows = detail::layout(app, area.width).lines.len();
        app.detail.scroll = app
            .detail
            .scroll
            .min(rows.saturating_sub(usize::from(area.height)));
    }
}
