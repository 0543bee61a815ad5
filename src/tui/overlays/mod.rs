//! What opens over a screen: the help and the problems list.

pub mod help;
pub mod problems;
