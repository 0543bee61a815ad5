//! The terminal explorer, in the Elm Architecture: `App` holds all state, input
//! becomes an `Action`, `update` applies it, `view` draws. Terminal I/O is in
//! `runtime` alone.

pub mod keys;
pub mod overlays;
pub mod runtime;
pub mod screens;
pub mod state;
pub mod view;
pub mod widgets;

pub use runtime::local::{Ended, Output, Picked, Setup, run};
pub use state::action::Action;
pub use state::app::{App, ConfigNote, Options, Screen};
pub use state::update::update;
pub use view::view;
