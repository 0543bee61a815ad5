//! What the end-to-end tests share: the real binary, run as a command and in
//! a pseudo-terminal.

#![allow(dead_code)]

pub mod cli;
pub mod pty;
pub mod screen;
pub mod ssh;
