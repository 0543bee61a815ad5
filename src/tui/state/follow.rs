//! Follow mode's state: whether an SSH viewer follows the presenter, and
//! what the presenter's app publishes for viewers to show. Positions are
//! logical (event ids, passages, byte offsets), never rows: each viewer lays
//! them out at its own size. A leaf: `FollowState::of` (which reads an `App`)
//! and taking a state in are in `update::follow`.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::tui::state::screen::Screen;

/// Whether this app follows a presenter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Follow {
    /// The local app: there is no presenter to follow.
    #[default]
    Off,
    /// An SSH viewer showing what the presenter shows.
    Following,
    /// An SSH viewer on its own (by choice, or with no presenter connected).
    Browsing,
}

impl Follow {
    /// The footer's word on following, while there is a presenter to follow.
    pub fn note(self, presenter_here: bool) -> Option<&'static str> {
        match self {
            Follow::Following => Some("following the presenter · f to browse"),
            Follow::Browsing if presenter_here => Some("browsing · f to follow"),
            _ => None,
        }
    }
}

/// What a viewer needs to show what the presenter shows. Small, cheap to clone.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FollowState {
    pub screen: Screen,
    /// The list as the presenter has it: filter query, order, agenda.
    pub query: String,
    pub ranked: bool,
    pub agenda: bool,
    /// The presenter's marks, while only marked events are listed: the
    /// viewer's own marks would list other events.
    pub marked: Option<BTreeSet<String>>,
    /// The list's selection, which is also the slide presented.
    pub selected: Option<String>,
    /// The event open in the detail, and its citation selected (on the
    /// detail and in the reader, whose Back goes there).
    pub event: Option<String>,
    pub citation: usize,
    /// The article open in the reader.
    pub reader: Option<ReaderAt>,
    /// The sources screen: the search typed and the row selected.
    pub search: String,
    pub article: usize,
}

/// Where the reader is in an article, independent of the width it is wrapped to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderAt {
    /// The article's id.
    pub source: String,
    /// The cited passage in focus, as a byte range of the article.
    pub passage: Option<Range<usize>>,
    /// Where the top line shown starts, in the article as drawn.
    pub top: usize,
    pub back_to: Screen,
}

/// A viewer's side of following, beside `App::follow`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presenter {
    /// A presenter is connected.
    pub here: bool,
    /// The presenter's newest state: `f` goes straight to it.
    pub latest: Option<Box<FollowState>>,
    /// The viewer pressed a browsing key or `f`: a presenter arriving does not
    /// take them back.
    pub browsing_by_choice: bool,
}

impl Presenter {
    /// The marks that decide what a marked-only list holds: the presenter's
    /// while following them, else the viewer's `own`.
    pub fn listed<'a>(&'a self, follow: Follow, own: &'a BTreeSet<String>) -> &'a BTreeSet<String> {
        match (follow, &self.latest) {
            (Follow::Following, Some(state)) => state.marked.as_ref().unwrap_or(own),
            _ => own,
        }
    }
}
