//! What the app knows and how it changes: `App` (all state), `Action` (what
//! happened), the pure `update` and its `Effect` outbox. Draws nothing.

pub mod action;
pub mod app;
pub mod copying;
pub mod dispatch;
pub mod filter;
pub mod pick;
pub mod reload;
pub mod update;
