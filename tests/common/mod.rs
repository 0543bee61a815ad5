//! What the end-to-end tests share: the real binary in a pseudo-terminal.

#![allow(dead_code)]

pub mod pty;
