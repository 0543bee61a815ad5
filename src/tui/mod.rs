//! The terminal explorer, in the Elm Architecture: `App` holds all state, input
//! becomes an `Action`, `update` applies it, `view` draws. Layers, each using
//! only those below it:
//!
//! - `runtime`: the drivers, and the only terminal or process I/O. `local` runs
//!   on this tty; `input` turns terminal events into actions for any driver.
//! - `view`: draws one frame from `App`, through `screens` (list, detail,
//!   reader, slides, sources), `overlays` (help, problems) and `widgets`.
//! - `state`: `App`, `Action`, the pure `update` with its `Effect` outbox, and
//!   `dispatch` (what a key means where the user is).
//! - `keys`: the one key table and key spelling, with no app state.

pub mod keys;
pub mod overlays;
pub mod runtime;
pub mod screens;
pub mod state;
pub mod view;
pub mod widgets;

pub use runtime::input::input_action;
pub use runtime::local::{Ended, Output, Picked, Setup, run};
pub use state::action::Action;
pub use state::app::{App, ConfigNote, Effect, Options, Screen};
pub use state::copying::{CopyReport, Osc52};
pub use state::update::update;
pub use view::view;
