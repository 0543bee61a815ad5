//! What TERM says about the terminal the command line writes to: whether it
//! can hold a full-screen app at all.

use std::ffi::OsStr;
use std::process::ExitCode;

use super::say;

/// Why this terminal cannot draw a screen, if TERM says so: unset or empty
/// (no terminal type is known) or `dumb` (Emacs' shell, some CI logs), where
/// cursor motion and the alternate screen would be written as garbage.
pub fn cannot_draw() -> Option<&'static str> {
    why_not(std::env::var_os("TERM").as_deref())
}

fn why_not(term: Option<&OsStr>) -> Option<&'static str> {
    match term {
        None => Some("TERM is not set"),
        Some(t) if t.is_empty() => Some("TERM is empty"),
        Some(t) if t == "dumb" => Some("TERM is dumb"),
        Some(_) => None,
    }
}

/// The app asked for where it cannot be drawn: the list instead, and why.
pub fn listing_instead(why: &str) {
    say(&format!(
        "note: {why}, so no full-screen app: the list follows (a terminal type \
         such as TERM=xterm-256color opens the app)"
    ));
}

/// `pick` where it cannot be drawn: a usage error (exit status 2).
pub fn pick_cannot_draw(why: &str) -> ExitCode {
    say(&format!(
        "error: pick needs a terminal that can draw a screen: {why}\n  \
         hint: set a terminal type (TERM=xterm-256color, say), or list ids with \
         `timeline-explorer list --format lines`"
    ));
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dumb_empty_or_unset_cannot_draw() {
        assert_eq!(why_not(None), Some("TERM is not set"));
        assert_eq!(why_not(Some(OsStr::new(""))), Some("TERM is empty"));
        assert_eq!(why_not(Some(OsStr::new("dumb"))), Some("TERM is dumb"));
        for term in ["linux", "vt100", "xterm", "screen", "xterm-256color"] {
            assert_eq!(why_not(Some(OsStr::new(term))), None, "{term}");
        }
    }
}
