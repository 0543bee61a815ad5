//! The terminal explorer, in the Elm Architecture: `App` holds all state, input
//! becomes an `Action`, `update` applies it, `view` draws. Layers, each using
//! only those below it:
//!
//! - `runtime`: the drivers, and the only terminal or process I/O. `local` runs
//!   on this tty; `input` turns terminal events into actions for any driver.
//! - `update` (the pure `update`, with `reload` and the articles' search keys)
//!   and `view` (one frame): both read the geometry of `screens` (list,
//!   detail, reader, slides, sources) and `overlays` (help, problems).
//! - `parts`: pieces of a frame drawn from `App` on several screens.
//! - `state`: `App` and the sub-states it holds, `Action`, `dispatch` (what a
//!   key means where the user is) and the `Effect` outbox.
//! - `keys`: the one key table and key spelling; it names `Action`s but knows
//!   no `App`. `widgets`: text, layout, theme, ASCII, knowing no `App` either.

pub mod keys;
pub mod overlays;
pub mod parts;
pub mod runtime;
pub mod screens;
pub mod state;
pub mod update;
pub mod view;
pub mod widgets;

pub use runtime::colours::{ColourWriter, Colours};
pub use runtime::input::input_action;
pub use runtime::local::{Check, Contained, Ended, Output, Picked, Setup, run, run_loading};
pub use state::action::Action;
pub use state::app::{App, ConfigNote, Effect, Options, Screen};
pub use state::copying::{CopyReport, Osc52};
/// Follow mode's types, where the follow interface names them.
pub use state::follow;
pub use update::update;
pub use view::view;
