//! Errors a user can cause (an id that is not there, a timeline with mistakes,
//! no terminal for `pick`), printed in clap's style so that every error reads
//! alike: `error: what`, the lines that place it (`file:line:column: ...`),
//! then `hint:` lines. color-eyre's report is kept for what is truly
//! unexpected, where a backtrace (RUST_BACKTRACE) helps.

use std::fmt;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::builder::styling::{AnsiColor, Style, Styles};
use timeline_explorer::sanitize::one_line;
use timeline_explorer::timeline::LoadError;

/// How many of a timeline's errors are printed before `check` is pointed to:
/// a pasted file can have 100,000, and the first ones are the ones to fix.
const LOAD_ERRORS_SHOWN: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserError {
    what: String,
    /// Printed as they are under the first line: a problem's `file:line:column: ...`.
    details: Vec<String>,
    hints: Vec<String>,
    /// 1: the data or the request cannot be met; 2: usage.
    code: u8,
}

impl UserError {
    /// An error about the data or what was asked of it: exit status 1.
    pub fn new(what: impl Into<String>) -> Self {
        UserError {
            what: what.into(),
            details: Vec::new(),
            hints: Vec::new(),
            code: 1,
        }
    }

    /// A command that cannot run as given: exit status 2, as clap's own.
    pub fn usage(what: impl Into<String>) -> Self {
        UserError {
            code: 2,
            ..UserError::new(what)
        }
    }

    pub fn detail(mut self, line: impl Into<String>) -> Self {
        self.details.push(line.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// A timeline that did not load: its errors at their places (not its
    /// warnings, which do not stop it), the first few when there are many.
    pub fn timeline(label: &str, e: &LoadError) -> Self {
        let errors: Vec<_> = e.problems.iter().filter(|p| p.is_error()).collect();
        let n = errors.len();
        let mut err = UserError::new(format!(
            "cannot load {}: {n} error{}",
            one_line(label),
            if n == 1 { "" } else { "s" }
        ));
        for p in errors.iter().take(LOAD_ERRORS_SHOWN) {
            err = err.detail(p.to_string());
        }
        if n > LOAD_ERRORS_SHOWN {
            err = err.detail(format!("... and {} more", n - LOAD_ERRORS_SHOWN));
        }
        err.hint("`timeline-explorer check` lists every problem with its place")
    }

    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.code)
    }

    /// The whole message, one line each; `styled` colours `error:` and `hint:`
    /// as clap does. Each line is sanitized: paths and ids come from the user.
    pub fn render(&self, styled: bool) -> String {
        let styles = Styles::styled();
        let paint = |style: &Style, word: &str| match styled {
            true => format!("{style}{word}{style:#}"),
            false => word.to_string(),
        };
        let mut out = format!(
            "{} {}\n",
            paint(styles.get_error(), "error:"),
            one_line(&self.what)
        );
        for detail in &self.details {
            // A detail may be several lines (a problem and its own hint).
            for line in detail.lines() {
                out += &format!("{}\n", one_line(line));
            }
        }
        for hint in &self.hints {
            out += &format!(
                "  {} {}\n",
                paint(styles.get_valid(), "hint:"),
                one_line(hint)
            );
        }
        out
    }

    /// Say it on stderr, coloured only for a person at a terminal.
    pub fn print(&self) {
        let styled = std::io::stderr().is_terminal() && !super::no_color();
        let mut err = std::io::stderr().lock();
        // Nowhere left to tell if stderr fails: the exit status still says it.
        let _ = err.write_all(self.render(styled).as_bytes());
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render(false).trim_end())
    }
}

impl std::error::Error for UserError {}

/// A warning in the same style: `warning: what`, then its details. The
/// command carries on.
pub fn warn(what: &str, details: &str) {
    let styled = std::io::stderr().is_terminal() && !super::no_color();
    let yellow = AnsiColor::Yellow.on_default().bold();
    let word = match styled {
        true => format!("{yellow}warning:{yellow:#}"),
        false => "warning:".to_string(),
    };
    let mut out = format!("{word} {}\n", one_line(what));
    for line in details.lines() {
        out += &format!("{}\n", one_line(line));
    }
    let _ = std::io::stderr().lock().write_all(out.as_bytes());
}

/// How a command failed: through a user's doing, or not. A user's error is
/// never an eyre report: with RUST_BACKTRACE set, making one captures and
/// resolves a backtrace (0.2 s in a release build) nobody will read.
#[derive(Debug)]
pub enum Failure {
    User(UserError),
    Unexpected(color_eyre::Report),
}

impl From<UserError> for Failure {
    fn from(e: UserError) -> Self {
        Failure::User(e)
    }
}

impl From<color_eyre::Report> for Failure {
    fn from(e: color_eyre::Report) -> Self {
        Failure::Unexpected(e)
    }
}

pub type Result<T, E = Failure> = std::result::Result<T, E>;

/// What `run` ended with, as the process ends: a user's error printed short
/// with its exit status; anything else left to color-eyre's report.
pub fn finish(result: Result<ExitCode>) -> color_eyre::Result<ExitCode> {
    match result {
        Ok(code) => Ok(code),
        Err(Failure::User(e)) => {
            e.print();
            Ok(e.exit_code())
        }
        Err(Failure::Unexpected(report)) => Err(report),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_is_error_then_details_then_hints() {
        let e = UserError::new("no event with id \"x\"")
            .detail("a.ron:1:2: error: bad\n    hint: fix it")
            .hint("did you mean y?");
        assert_eq!(
            e.render(false),
            "error: no event with id \"x\"\na.ron:1:2: error: bad\n    hint: fix it\n  hint: did you mean y?\n"
        );
        assert_eq!(e.exit_code(), ExitCode::from(1));
        assert_eq!(UserError::usage("u").exit_code(), ExitCode::from(2));
    }

    #[test]
    fn styled_colours_only_the_words_and_sanitizes_the_rest() {
        let e = UserError::new("id \"\x1b[31mx\"").hint("h");
        let out = e.render(true);
        assert!(
            out.starts_with("\x1b[1m\x1b[31merror:\x1b[0m id \""),
            "{out:?}"
        );
        assert!(out.contains("\x1b[32mhint:\x1b[0m h"), "{out:?}");
        assert_eq!(
            out.matches('\x1b').count(),
            5,
            "only the two words: {out:?}"
        );
    }
}
