//! Everything a user can ask for. Keys and mouse events become actions (keys.rs);
//! `update` applies them.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::timeline::Checked;
use crate::tui::state::filter::Outcome;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Stop, back to the shell, until `fg` (Ctrl-z).
    Suspend,
    /// Up one level: close help, leave the reader or detail, clear a filter.
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    /// Drill in: list → detail → source reader.
    Open,
    /// Straight to the source of the selected citation.
    OpenSource,
    NextCitation,
    PrevCitation,
    /// In the reader: the next or previous passage of this article that an event cites.
    NextPassage,
    PrevPassage,
    StartFilter,
    /// Copy the citation in view to the clipboard, as Markdown.
    Copy,
    /// Mark or unmark the event in view.
    ToggleMark,
    /// Show only marked events, or all again.
    ToggleMarkedOnly,
    /// The marks as saved, other windows' changes included.
    MarksSaved(BTreeSet<String>),
    /// Something the terminal reports (a failed save): show it.
    Notice(String),
    /// Present the (filtered) events one per screen.
    Present,
    NextSlide,
    PrevSlide,
    /// Select the event nearest the as-of date.
    JumpToAsOf,
    /// List only the events ahead of the as-of date, soonest first, or all again.
    ToggleAgenda,
    /// Open the `:` prompt for a date to jump to.
    StartJump,
    /// Jump to the event nearest the date typed.
    AcceptJump,
    CancelJump,
    Input(char),
    /// Text pasted (the terminal marks a paste as one): typed where typing goes.
    Paste(String),
    Backspace,
    DeleteWord,
    ClearInput,
    /// Keep the filter and go back to the list.
    AcceptFilter,
    /// Clear the filter and go back to the list.
    CancelFilter,
    /// Order the filtered list by score instead of by date, or back.
    ToggleRank,
    Help,
    Resize(u16, u16),
    /// A left click at (column, row).
    Click(u16, u16),
    ScrollUp,
    ScrollDown,
    /// A filter run on the worker thread has finished.
    Filtered(Box<Outcome>),
    /// The filter of this generation is still running after a moment: say so.
    FilterSlow(u64),
    /// The worker found a query's every start of its last term, for the next key.
    StartsFound(Box<crate::tui::state::filter::Found>),
    /// The timeline's files changed on disk and were read and checked again.
    Reloaded(Shared<Checked>),
    /// The built-in timeline, its quotes checked after the first frame: the
    /// events the app shows, with source texts and quote places filled in.
    QuotesChecked(Shared<crate::timeline::Timeline>),
    /// The next part of a timeline loading in the background.
    Loading(Shared<crate::timeline::stream::Part>),
    /// Show what is wrong with the data or the config, as `check` reports it.
    Problems,
    /// Ctrl-c: quit (in pick mode, as an interrupt: exit status 130).
    Interrupt,
    /// Pick mode: answer with the selected event, or every marked one.
    Pick,
    /// Pick mode: answer with nothing.
    CancelPick,
    /// How a copy went, as the terminal side found out.
    Copied(crate::tui::state::copying::CopyReport),
    /// The sources screen: every article, and search of their full text.
    Sources,
    /// Start typing a search of the articles (sources screen) or of the article (reader).
    StartSearch,
    /// Keep the search typed and give the keys back to the screen.
    AcceptSearch,
    /// Clear the search typed.
    CancelSearch,
    /// In the reader, while a search is active: the next or previous match.
    NextMatch,
    PrevMatch,
    /// The presenter's newest state: shown only while following (SSH viewers).
    Follow(Box<super::follow::FollowState>),
    /// `f`: follow the presenter again, or browse on one's own.
    ToggleFollow,
    /// A presenter connected (true) or left (false).
    PresenterHere(bool),
}

/// A large payload carried by an action; two are equal when they are the same one.
#[derive(Debug, Clone)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Arc::new(value))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Eq for Shared<T> {}
