//! Which screen the app shows. A leaf: follow mode's state names screens too.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    #[default]
    List,
    Detail,
    Reader,
    /// One event per screen, for an audience.
    Present,
    /// Every article, and full-text search of them (`S`).
    Sources,
}
