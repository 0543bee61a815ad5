//! Pieces of a frame drawn from `App` on more than one screen: the footer,
//! the slides' ruler, the countdown after a date.

pub mod countdown;
pub mod footer;
pub mod ruler;
