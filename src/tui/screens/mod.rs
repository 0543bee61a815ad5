//! The full-screen views, one a file: each draws from `App` with the widgets.

pub mod detail;
pub mod list;
pub mod present;
pub mod reader;
pub mod sources;
