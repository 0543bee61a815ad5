//! The real binary as the command-line tests run it: plain output, and never
//! the user's own config, marks, backtrace or completion settings.

use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_timeline-explorer");

/// The binary with these arguments; a test adds what it needs on top.
pub fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .env_remove("TIMELINE_EXPLORER_COMPLETE")
        .env("NO_COLOR", "1")
        .env(
            "TIMELINE_EXPLORER_CONFIG",
            "/nonexistent/timeline-explorer/config.ron",
        )
        .env(
            "TIMELINE_EXPLORER_DATA_DIR",
            "/nonexistent/timeline-explorer",
        );
    cmd
}

pub fn run(args: &[&str]) -> Output {
    command(args).output().expect("runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed")
}
