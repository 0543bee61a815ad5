//! The terminal explorer, in the Elm Architecture: `App` holds all state, input
//! becomes an `Action`, `update` applies it, `view` draws. Terminal I/O is in
//! `terminal` alone.

pub mod action;
pub mod app;
pub mod detail;
pub mod filter;
pub mod help;
pub mod keys;
pub mod layout;
pub mod list;
pub mod present;
pub mod reader;
pub mod ruler;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;

pub use action::Action;
pub use app::{App, Options, Screen};
pub use terminal::run;
pub use update::update;
pub use view::view;
