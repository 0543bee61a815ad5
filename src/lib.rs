//! timeline-explorer: a curated timeline whose every event is backed by verbatim
//! quotes. The library holds the model, loading, validation, search and output
//! formats; the command line and the terminal app are two faces of it.

pub mod agenda;
pub mod ascii;
pub mod config;
pub mod format;
pub mod marks;
pub mod parallel;
pub mod sanitize;
pub mod search;
pub mod serve;
pub mod timeline;
pub mod tui;
pub mod when;
