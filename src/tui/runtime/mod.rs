//! Drivers that feed `Action`s in and frames out. Only here is terminal or
//! process I/O: `local` runs on this tty (signals, file watcher, clipboard);
//! `input` maps terminal events to actions for every driver.

pub mod input;
pub mod local;
pub mod watch;
