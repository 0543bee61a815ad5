//! What the app knows: `App` (all state) and the sub-states it holds, `Action`
//! (what happened), `dispatch` (what a key means here). The leaves (`ahead`,
//! `answer`, `grep`, `filter`, `copying`, `action`, `screen`, `follow`) import no
//! `App`. Draws nothing.

pub mod action;
pub mod agenda;
pub mod ahead;
pub mod answer;
pub mod app;
pub mod copying;
pub mod dispatch;
pub mod filter;
pub mod follow;
pub mod grep;
pub mod pick;
pub mod screen;
