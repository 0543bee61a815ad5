//! Follow mode in `update`: an SSH viewer's app takes in the presenter's
//! state (`Action::Follow`) and shows it through the functions keys use;
//! `f`, browsing keys and a presenter arriving or leaving switch it.

use crate::tui::screens::reader;
use crate::tui::state::action::Action;
use crate::tui::state::app::{App, DetailState, Screen};
use crate::tui::state::follow::{Follow, FollowState, ReaderAt};
use crate::tui::widgets::layout;

impl FollowState {
    /// What this app shows, as a viewer needs it: the presenter's driver
    /// publishes it after each change.
    pub fn of(app: &App) -> FollowState {
        let tl = &app.timeline;
        let id = |e: usize| tl.events.get(e).map(|e| e.id.to_string());
        let opened = matches!(app.screen, Screen::Detail | Screen::Reader);
        let reader = app
            .reader
            .as_ref()
            .filter(|_| app.screen == Screen::Reader)
            .and_then(|r| {
                Some(ReaderAt {
                    source: tl.sources.get(r.source)?.id.clone(),
                    passage: r.passages.get(r.current).map(|p| p.span.clone()),
                    top: r.lines.get(r.scroll).map_or(0, |l| l.start),
                    back_to: r.back_to,
                })
            });
        FollowState {
            screen: app.screen,
            query: app.filter.text.clone(),
            ranked: app.filter.ranked,
            agenda: app.agenda,
            marked: app
                .marked_only
                .then(|| app.presenter.listed(app.follow, &app.marks).clone()),
            selected: app.selected_event().and_then(id),
            event: if opened { id(app.detail.event) } else { None },
            citation: if opened { app.detail.citation } else { 0 },
            reader,
            search: app.grep.query.clone(),
            article: app.grep.selected,
        }
    }
}

/// `Action::Follow`: keep the presenter's newest state; show it while following.
pub fn take(app: &mut App, state: FollowState) {
    if app.follow == Follow::Off {
        return;
    }
    app.presenter.latest = Some(Box::new(state));
    if app.follow == Follow::Following {
        show_latest(app);
    }
}

/// `f`: follow the presenter again, at where they are now; or browse.
pub fn toggle(app: &mut App) {
    match app.follow {
        Follow::Off => {}
        Follow::Following => {
            app.follow = Follow::Browsing;
            app.presenter.browsing_by_choice = true;
        }
        Follow::Browsing => {
            // Asked to follow: a presenter arriving later is followed.
            app.presenter.browsing_by_choice = false;
            if app.presenter.here {
                app.follow = Follow::Following;
                show_latest(app);
            } else {
                app.status = Some("no presenter to follow yet".into());
            }
        }
    }
}

/// `Action::PresenterHere`: a presenter connected, or left.
pub fn presenter_here(app: &mut App, here: bool) {
    if app.follow == Follow::Off {
        return;
    }
    app.presenter.here = here;
    if here {
        if !app.presenter.browsing_by_choice {
            app.follow = Follow::Following;
            show_latest(app);
        }
    } else {
        // What they showed last is no place to jump back to.
        app.presenter.latest = None;
        app.follow = Follow::Browsing;
        app.status = Some("the presenter left".into());
    }
}

/// Before an action: a key that moves, opens or filters takes a following
/// viewer off on their own. Keys over help or problems act there only.
pub fn detach_on(app: &mut App, action: &Action) {
    if app.follow == Follow::Following && app.overlay.is_none() && browsing(action) {
        app.follow = Follow::Browsing;
        app.presenter.browsing_by_choice = true;
    }
}

/// Whether an action is the user going somewhere. Every action is named, so
/// a new one has to be decided here.
fn browsing(action: &Action) -> bool {
    match action {
        Action::Back
        | Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::HalfPageUp
        | Action::HalfPageDown
        | Action::Top
        | Action::Bottom
        | Action::Open
        | Action::OpenSource
        | Action::NextCitation
        | Action::PrevCitation
        | Action::NextPassage
        | Action::PrevPassage
        | Action::StartFilter
        | Action::ToggleMarkedOnly
        | Action::Present
        | Action::NextSlide
        | Action::PrevSlide
        | Action::JumpToAsOf
        | Action::ToggleAgenda
        | Action::StartJump
        | Action::ToggleRank
        | Action::Click(..)
        | Action::ScrollUp
        | Action::ScrollDown
        | Action::Sources
        | Action::StartSearch
        | Action::NextMatch
        | Action::PrevMatch => true,
        // Leaving, help, copying or marking what is shown, and what the
        // terminal or the presenter reports, keep a viewer following; the
        // typing keys only arrive once a browsing key has started typing.
        Action::Quit
        | Action::Suspend
        | Action::Copy
        | Action::ToggleMark
        | Action::MarksSaved(_)
        | Action::Notice(_)
        | Action::AcceptJump
        | Action::CancelJump
        | Action::Input(_)
        | Action::Paste(_)
        | Action::Backspace
        | Action::DeleteWord
        | Action::ClearInput
        | Action::AcceptFilter
        | Action::CancelFilter
        | Action::Help
        | Action::Resize(..)
        | Action::Filtered(_)
        | Action::FilterSlow(_)
        | Action::StartsFound(_)
        | Action::Reloaded(_)
        | Action::QuotesChecked(_)
        | Action::Loading(_)
        | Action::Problems
        | Action::Interrupt
        | Action::Pick
        | Action::CancelPick
        | Action::Copied(_)
        | Action::AcceptSearch
        | Action::CancelSearch
        | Action::Follow(_)
        | Action::ToggleFollow
        | Action::PresenterHere(_) => false,
    }
}

/// Show the presenter's newest state, if one has come.
fn show_latest(app: &mut App) {
    // A copy: the list's marks are read from the one kept while it is shown.
    if let Some(state) = app.presenter.latest.clone() {
        show(app, &state);
    }
}

/// Make the viewer show `state`: the list the presenter has, their
/// selection, then their screen. What the viewer's timeline lacks (another
/// id) leaves the viewer on the list.
fn show(app: &mut App, state: &FollowState) {
    let tl = &app.timeline;
    let index = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| tl.events.iter().position(|e| e.id == *id))
    };
    let (selected, event) = (index(&state.selected), index(&state.event));
    // Typing is the presenter's; the viewer sees what it finds.
    app.jump = None;
    app.filter.typing = false;
    app.grep.typing = false;

    let list_changed = app.filter.text != state.query
        || app.filter.ranked != state.ranked
        || app.agenda != state.agenda
        || app.marked_only != state.marked.is_some()
        // The presenter's marks may have changed under the same toggle.
        || state.marked.is_some();
    if list_changed {
        app.filter.text = state.query.clone();
        app.filter.ranked = state.ranked;
        app.agenda = state.agenda;
        app.marked_only = state.marked.is_some();
        // Run in the background, the selection comes with the outcome.
        app.refilter_keeping(selected);
    }
    if let Some(i) = selected.and_then(|e| app.filter.hits.iter().position(|h| h.event == e)) {
        app.list.selected = i;
    }

    if app.grep.query != state.search {
        app.grep.query = state.search.clone();
        super::grep::run(app);
    }
    app.grep.selected = state.article;

    app.reader = None;
    app.grep.reader = None;
    app.screen = match state.screen {
        Screen::Detail | Screen::Reader => match event {
            Some(e) => {
                let quotes = app.timeline.events[e].quotes().count();
                app.detail = DetailState {
                    event: e,
                    citation: state.citation.min(quotes.saturating_sub(1)),
                    scroll: 0,
                };
                super::show_citation(app);
                Screen::Detail
            }
            // A reader opened from the sources screen names no event.
            None if state.screen == Screen::Reader => Screen::Sources,
            None => Screen::List,
        },
        other => other,
    };
    if state.screen == Screen::Reader
        && let Some(at) = &state.reader
    {
        open_reader(app, at);
    }
}

/// Open the article at `at`, its top line the one holding the presenter's.
fn open_reader(app: &mut App, at: &ReaderAt) {
    let Some(source) = app.timeline.sources.iter().position(|s| s.id == at.source) else {
        return;
    };
    let width = reader::text_area(layout::reader(layout::frame(app.size).body).text).width;
    let focus = at.passage.clone().unwrap_or(0..0);
    let mut state = reader::open(&app.timeline, source, &focus, width, at.back_to);
    state.scroll = state
        .lines
        .partition_point(|l| l.start <= at.top)
        .saturating_sub(1);
    app.reader = Some(state);
    app.screen = Screen::Reader;
}
