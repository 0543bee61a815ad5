//! Placeholder for the follow interface (the `follow` branch replaces this
//! file): what a viewer needs to show what the presenter shows.

use super::action::Action;
use super::app::{App, Screen};

/// Whether this app follows a presenter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Follow {
    /// The local app, no server.
    #[default]
    Off,
    Following,
    Browsing,
}

/// What a viewer needs to show what the presenter shows. Small, cheap to clone.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FollowState {
    pub screen: Option<Screen>,
    /// The selected event's id.
    pub event: Option<String>,
}

impl FollowState {
    pub fn of(app: &App) -> FollowState {
        FollowState {
            screen: Some(app.screen),
            event: app
                .selected_event()
                .map(|e| app.timeline.events[e].id.clone()),
        }
    }
}

/// Take on the presenter's state.
pub fn follow(app: &mut App, state: FollowState) {
    if app.follow != Follow::Following {
        return;
    }
    if let Some(id) = &state.event
        && let Some(i) = app
            .filter
            .hits
            .iter()
            .position(|h| app.timeline.events[h.event].id == *id)
    {
        app.list.selected = i;
    }
    if let Some(screen) = state.screen {
        app.screen = screen;
    }
}

/// `f`: follow again, or browse.
pub fn toggle(app: &mut App) {
    app.follow = match app.follow {
        Follow::Off => Follow::Off,
        Follow::Following => Follow::Browsing,
        Follow::Browsing => Follow::Following,
    };
}

/// A presenter connected or left.
pub fn presenter_here(app: &mut App, here: bool) {
    if app.follow != Follow::Off {
        app.follow = if here {
            Follow::Following
        } else {
            Follow::Browsing
        };
    }
}

/// A key that moves or opens on its own stops following.
pub fn browsed(app: &mut App, action: &Action) {
    if app.follow == Follow::Following
        && !matches!(
            action,
            Action::Follow(_)
                | Action::ToggleFollow
                | Action::PresenterHere(_)
                | Action::Resize(..)
                | Action::Copied(_)
                | Action::Notice(_)
                | Action::MarksSaved(_)
                | Action::Filtered(_)
                | Action::FilterSlow(_)
                | Action::Quit
                | Action::Interrupt
                | Action::Help
        )
    {
        app.follow = Follow::Browsing;
    }
}
