//! How pick mode ended: state like any other, read by the command line once
//! the terminal is given back.

/// How pick mode ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Enter: these events (indices into `Timeline::events`), in date order.
    Picked(Vec<usize>),
    /// Esc or q: nothing (exit status 1).
    Cancelled,
    /// Ctrl-c: nothing, as an interrupt ends a program (exit status 130).
    Interrupted,
}
