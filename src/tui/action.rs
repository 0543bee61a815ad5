//! Everything a user can ask for. Keys and mouse events become actions (keys.rs);
//! `update` applies them.

use super::filter::Outcome;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
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
    /// Something the terminal reports (a failed save): show it.
    Notice(String),
    /// Present the (filtered) events one per screen.
    Present,
    NextSlide,
    PrevSlide,
    /// Select the event nearest the as-of date.
    JumpToAsOf,
    /// Open the `:` prompt for a date to jump to.
    StartJump,
    /// Jump to the event nearest the date typed.
    AcceptJump,
    CancelJump,
    Input(char),
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
}
