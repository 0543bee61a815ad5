//! The bytes the app writes, as TERM and the locale say the terminal takes
//! them: the real binary in a pseudo-terminal, its raw output checked.

use std::process::Command;

mod common;
use common::pty::{BIN, Session, spawn};

fn raw(s: &Session) -> Vec<u8> {
    s.raw.lock().unwrap().clone()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Every screen the app has, reached by keys from the list, waiting for each
/// (on words alone: the glyphs around them differ with the locale).
fn every_screen(s: &mut Session) {
    s.wait_for("25 of 25 events");
    s.send("/nichols");
    s.wait_for("1 of 25 events");
    s.send("\r");
    s.wait_for("Actors: Carl Nichols");
    s.send("\r");
    s.wait_for("passage 26/27");
    s.send("\x1b");
    s.wait_for("Actors: Carl Nichols");
    s.send("\x1b");
    s.wait_until("the list", || !s.text().contains("Actors:"));
    s.send("\x1b");
    s.wait_for("25 of 25 events");
    s.send("?");
    s.wait_for("or Esc closes");
    // Each Esc waited for, or a key right after it would read as Alt+key.
    s.send("\x1b");
    s.wait_until("the panel closed", || !s.text().contains("or Esc closes"));
    s.send("p");
    s.wait_for("presenting");
    s.send("\x1b");
    s.wait_until("the list", || !s.text().contains("presenting"));
    s.send("a");
    s.wait_for("7 ahead");
    s.send("a");
    s.send("S");
    s.wait_for("searches their full text");
    s.send("/ban");
    s.wait_for("passages in 5 articles match");
    s.send("\r");
    s.wait_for("match 1/");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn lc_all_c_writes_not_one_byte_above_0x7f_on_any_screen() {
    let mut s = spawn(&["--as-of", "2020-10-04"], 80, 24, &[("LC_ALL", "C")]);
    every_screen(&mut s);
    let out = raw(&s);
    let bad: Vec<_> = out
        .iter()
        .enumerate()
        .filter(|(_, b)| **b >= 0x80)
        .take(3)
        .collect();
    assert!(bad.is_empty(), "bytes above 0x7f at {bad:?}");
}

#[test]
fn lc_all_c_shows_the_datas_typography_in_ascii() {
    let mut s = spawn(
        &["--as-of", "2020-10-04", "--select", "commerce-memo"],
        120,
        40,
        &[("LANG", "C"), ("LC_ALL", "")],
    );
    s.wait_for("25 of 25 events");
    s.send("\r");
    // The article's em dashes as two hyphens, its curly quotes straight.
    s.wait_for("of the app -- called Douyin -- or");
    s.wait_for("\"He references a September 2020 memo");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    assert!(raw(&s).is_ascii());
}

#[test]
fn pick_under_lc_all_c_draws_in_ascii() {
    let mut s = spawn(&["pick"], 80, 24, &[("LC_ALL", "C")]);
    s.wait_for("pick > ");
    s.send("jj");
    s.send("\x1b");
    assert_eq!(s.exit_code(), 1);
    assert!(raw(&s).is_ascii());
}

#[test]
fn sixteen_colour_terminals_get_sgr_30_to_37_and_90_to_97_only() {
    for term in ["linux", "vt100", "xterm", "screen"] {
        let mut s = spawn(&["--as-of", "2020-10-04"], 80, 24, &[("TERM", term)]);
        every_screen(&mut s);
        let out = raw(&s);
        for never in [&b"38;5;"[..], b"48;5;", b"38;2;", b"48;2;", b"?1003h"] {
            assert!(
                !contains(&out, never),
                "TERM={term}: {}",
                String::from_utf8_lossy(never)
            );
        }
        // The header, black on cyan, in the codes every colour terminal knows.
        assert!(contains(&out, b"\x1b[30;46m"), "TERM={term}");
    }
}

#[test]
fn colours_show_as_before_and_the_mouse_never_reports_every_motion() {
    let mut s = spawn(&["--select", "nichols-injunction"], 80, 24, &[]);
    s.wait_for("25 of 25 events");
    s.send("o");
    s.wait_for("passage 26/27");
    // The passage black on yellow, whatever code carried it.
    let (row, col) = s.find("District Judge Carl Nichols").unwrap();
    assert_eq!(s.cell(row, col, |c| c.bgcolor()), vt100::Color::Idx(3));
    assert_eq!(s.cell(row, col, |c| c.fgcolor()), vt100::Color::Idx(0));
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    let out = raw(&s);
    assert!(contains(&out, b"\x1b[?1000h") && contains(&out, b"\x1b[?1006h"));
    assert!(!contains(&out, b"?1003h") && !contains(&out, b"?1002h"));
}

#[test]
fn term_dumb_or_empty_lists_as_a_pipe_does_and_says_why() {
    for (term, why) in [("dumb", "TERM is dumb"), ("", "TERM is empty")] {
        let mut s = spawn(&["--as-of", "2020-10-04"], 80, 24, &[("TERM", term)]);
        // All of the output first: the exit can be seen before its last read.
        s.wait_for("Google and Apple have until July 8 to comment");
        assert_eq!(s.exit_code(), 0, "TERM={term:?}");
        let out = raw(&s);
        let note = format!("note: {why}, so no full-screen app");
        assert!(contains(&out, note.as_bytes()), "TERM={term:?}");
        // No alternate screen, no escape sequence at all: the list as text.
        assert!(
            !out.contains(&0x1b),
            "TERM={term:?}: {}",
            String::from_utf8_lossy(&out)
        );
        // Rows whole, as piped: not cut to the 80 columns.
        let text = String::from_utf8_lossy(&out).to_string();
        assert!(
            text.contains("Trump declares a national emergency over TikTok and WeChat"),
            "{text}"
        );
    }
}

#[test]
fn pick_where_term_cannot_draw_is_a_usage_error() {
    for term in [Some("dumb"), None] {
        let mut cmd = Command::new(BIN);
        cmd.arg("pick")
            .env("TIMELINE_EXPLORER_DATA_DIR", std::env::temp_dir());
        match term {
            Some(t) => cmd.env("TERM", t),
            None => cmd.env_remove("TERM"),
        };
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "TERM={term:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("error: pick needs a terminal that can draw a screen: TERM is"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn the_command_line_at_a_non_utf8_terminal_writes_ascii() {
    let mut s = spawn(&["show", "commerce-memo"], 200, 60, &[("LC_ALL", "C")]);
    assert_eq!(s.exit_code(), 0);
    s.wait_until("the whole event", || {
        contains(&raw(&s), b"\"The memo alleges that \"functionality")
    });
    assert!(raw(&s).is_ascii());
    // Piped, the data stays as it is.
    let out = Command::new(BIN)
        .args(["show", "commerce-memo"])
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    let piped = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        piped.contains("“The memo alleges that “functionality"),
        "{piped}"
    );
}
