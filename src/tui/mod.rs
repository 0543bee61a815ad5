//! The terminal explorer, in the Elm Architecture: `App` holds all state, input
//! becomes an `Action`, `update` applies it, `view` draws. Terminal I/O is in
//! `terminal` alone.

pub mod action;
pub mod agenda;
pub mod app;
pub mod ascii;
pub mod copying;
pub mod detail;
pub mod filter;
pub mod follow;
pub mod footer;
pub mod grep;
pub mod help;
pub mod keys;
pub mod layout;
pub mod list;
pub mod pick;
pub mod present;
pub mod problems;
pub mod reader;
pub mod reload;
pub mod ruler;
pub mod sources;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;
pub mod watch;

pub use action::Action;
pub use app::{App, ConfigNote, Options, Screen};
pub use terminal::{Ended, Output, Picked, Setup, run};
pub use update::update;
pub use view::view;
