//! Searching the articles: the sources screen's state and keys, and the
//! reader's search of the article it shows. Pure, as `update` is: the search
//! runs in line (10,000 articles answer in about 150 ms).

use crate::search::{PassageHit, Query};
use crate::tui::screens::reader::match_row;
use crate::tui::screens::{reader, sources};
use crate::tui::state::action::Action;
use crate::tui::state::app::{App, Screen};
use crate::tui::state::grep::ReaderSearch;
use crate::tui::widgets::layout;

/// `S`: the sources screen, as it was left.
pub fn open_sources(app: &mut App) {
    app.screen = Screen::Sources;
    run(app);
}

/// Keys while a search line has the keyboard.
pub fn on_typing(app: &mut App, action: Action) {
    let in_reader = app.screen == Screen::Reader;
    let text = if in_reader {
        &mut app.grep.reader.get_or_insert_with(Default::default).query
    } else {
        &mut app.grep.query
    };
    let edited = crate::tui::update::edit_line(text, &action, &mut app.status);
    match action {
        _ if edited => {}
        Action::AcceptSearch => {
            app.grep.typing = false;
            return;
        }
        Action::CancelSearch => {
            text.clear();
            app.grep.typing = false;
        }
        Action::Open => {
            app.grep.typing = false;
            if !in_reader {
                on_sources(app, Action::Open);
            }
            return;
        }
        a => {
            if in_reader {
                step_match(app, a == Action::Down || a == Action::ScrollDown);
            } else {
                move_selection(app, a);
            }
            return;
        }
    }
    if in_reader {
        search_reader(app, false);
    } else {
        run(app);
    }
}

/// Run the sources screen's query again, the first passage selected.
pub(super) fn run(app: &mut App) {
    let query = Query::parse(&app.grep.query);
    app.grep.hits = app.search.passages(&app.timeline, &query, None);
    app.grep.selected = 0;
    app.grep.offset = 0;
}

fn move_selection(app: &mut App, action: Action) {
    let page = sources::page(sources_list(app));
    if let Some(by) = crate::tui::update::step(action, page) {
        let rows = app.grep.rows(&app.timeline);
        app.grep.selected = crate::tui::update::moved(app.grep.selected, by, rows);
    }
}

fn sources_list(app: &App) -> ratatui::layout::Rect {
    sources::areas(layout::frame(app.size).body).list
}

/// Keys on the sources screen.
pub fn on_sources(app: &mut App, action: Action) {
    match action {
        Action::Back if app.grep.searching() => {
            app.grep.query.clear();
            run(app);
        }
        Action::Back => app.screen = Screen::List,
        Action::StartSearch => app.grep.typing = true,
        Action::Open => {
            if app.grep.searching() {
                if let Some(hit) = app.grep.hits.get(app.grep.selected).cloned() {
                    read_passage(app, &hit);
                }
            } else if app.grep.selected < app.timeline.sources.len() {
                let width = reader_area(app).width;
                let source = app.grep.selected;
                app.reader = Some(reader::open(
                    &app.timeline,
                    source,
                    &(0..0),
                    width,
                    Screen::Sources,
                ));
                app.grep.reader = None;
                app.screen = Screen::Reader;
            }
        }
        Action::Click(col, row) => {
            let area = sources_list(app);
            if area.contains(ratatui::layout::Position::new(col, row)) {
                let i = app.grep.offset + usize::from(row - area.y);
                if i < app.grep.rows(&app.timeline) {
                    app.grep.selected = i;
                }
            }
        }
        a => move_selection(app, a),
    }
}

/// Open the reader on a passage found: the search carried in, that passage
/// its match in focus.
fn read_passage(app: &mut App, hit: &PassageHit) {
    let width = reader_area(app).width;
    let mut state = reader::open(&app.timeline, hit.source, &(0..0), width, Screen::Sources);
    // The cited passage in focus: the one holding the match, else the next.
    let at = hit.matches.first().map_or(hit.span.start, |m| m.start);
    state.current = state
        .passages
        .iter()
        .position(|p| p.span.end > at)
        .unwrap_or(0);
    app.reader = Some(state);
    app.screen = Screen::Reader;
    let query = Query::parse(&app.grep.query);
    let matches = app.search.passages(&app.timeline, &query, Some(hit.source));
    let current = matches.iter().position(|m| m.span == hit.span).unwrap_or(0);
    app.grep.reader = Some(ReaderSearch {
        query: app.grep.query.clone(),
        matches,
        current,
        carried: true,
    });
    show_match(app);
}

fn reader_area(app: &App) -> ratatui::layout::Rect {
    reader::text_area(layout::reader(layout::frame(app.size).body).text)
}

/// The reader's keys for its search; false when the action is not one of
/// them, for the reader to handle.
pub fn on_reader(app: &mut App, action: &Action) -> bool {
    match action {
        Action::StartSearch => {
            let search = app.grep.reader.get_or_insert_with(Default::default);
            // A search typed here is the reader's own: Back clears it.
            search.carried = false;
            app.grep.typing = true;
            true
        }
        Action::NextMatch | Action::PrevMatch => {
            step_match(app, *action == Action::NextMatch);
            true
        }
        // Back clears a search typed here before it leaves the article.
        Action::Back if app.grep.in_reader().is_some_and(|r| !r.carried) => {
            app.grep.reader = None;
            true
        }
        Action::Back => {
            app.grep.reader = None;
            false
        }
        _ => false,
    }
}

/// Search the article open in the reader; unless `keep`, the first match at
/// or below the top of the view gets the focus.
fn search_reader(app: &mut App, keep: bool) {
    let (Some(state), Some(search)) = (&app.reader, &mut app.grep.reader) else {
        return;
    };
    let query = Query::parse(&search.query);
    search.matches = app
        .search
        .passages(&app.timeline, &query, Some(state.source));
    if !keep {
        let top = state.lines.get(state.scroll).map_or(0, |r| r.start);
        search.current = search
            .matches
            .iter()
            .position(|m| state.shown.to_shown(m.span.end) > top)
            .unwrap_or(0);
    }
    search.current = search.current.min(search.matches.len().saturating_sub(1));
    show_match(app);
}

/// The next or previous match, round the article.
fn step_match(app: &mut App, forward: bool) {
    let Some(search) = &mut app.grep.reader else {
        return;
    };
    let n = search.matches.len();
    if n == 0 {
        app.status = Some("no match in this article".into());
        return;
    }
    search.current = if forward {
        (search.current + 1) % n
    } else {
        (search.current + n - 1) % n
    };
    if forward && search.current == 0 || !forward && search.current == n - 1 {
        app.status = Some("wrapped around the article".into());
    }
    show_match(app);
}

/// Scroll so the match in focus starts a third of the way down.
fn show_match(app: &mut App) {
    let h = usize::from(reader_area(app).height);
    let (Some(state), Some(search)) = (&mut app.reader, &app.grep.reader) else {
        return;
    };
    let Some(row) = match_row(state, search) else {
        return;
    };
    let max = state.lines.len().saturating_sub(h);
    state.scroll = row.saturating_sub(h / 3).min(max);
}

/// After any change: the reader's search goes with the reader, and the
/// sources screen's selection stays in range and on screen.
pub fn settle(app: &mut App) {
    if app.reader.is_none() {
        app.grep.reader = None;
    }
    let rows = app.grep.rows(&app.timeline);
    let page = sources::page(sources_list(app));
    let g = &mut app.grep;
    g.selected = g.selected.min(rows.saturating_sub(1));
    if g.selected < g.offset {
        g.offset = g.selected;
    } else if g.selected >= g.offset + page {
        g.offset = g.selected + 1 - page;
    }
    g.offset = g.offset.min(rows.saturating_sub(page));
}

/// After a reload: the same queries, run on the timeline as it is now.
pub fn refresh(app: &mut App) {
    let selected = app.grep.selected;
    if app.grep.searching() {
        run(app);
    }
    app.grep.selected = selected;
    if app.grep.reader.is_some() {
        search_reader(app, true);
    }
}
