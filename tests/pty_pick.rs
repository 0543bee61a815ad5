//! `pick` and `y` as a user meets them: the real binary in a pseudo-terminal.
//! Pick draws on the terminal while its stdout (here a file) gets only the
//! answer; `y` reports what tmux and the clipboard command (fakes on PATH)
//! really did.

use std::path::{Path, PathBuf};
use std::time::Duration;

use portable_pty::CommandBuilder;

mod common;
use common::pty::{BIN, Session, run_in, spawn};

/// What `y` and pick's Enter give for the Nichols event.
const NICHOLS: &str = "**~2020-09-27 — Judge Carl Nichols grants a temporary injunction against the ban**\n\n\
    > Trade Secretary Wilbur Ross then postponed the ban until 27 September, but US District Judge Carl Nichols granted a temporary injunction on 27 September banning the ban.\n\
    >\n\
    > — *TikTok Chief Security Officer states that its servers are now independent from ByteDance.*, \
    `seeds/003_3da983060587e498.txt`\n";

/// `timeline-explorer ARGS > OUT` in a pty at 80x24, in a fresh state folder;
/// the pty is its controlling terminal, so /dev/tty is the pty.
fn pick(args: &[&str], state: tempfile::TempDir) -> (Session, PathBuf) {
    let out = state.path().join("stdout");
    let mut cmd = CommandBuilder::new("sh");
    cmd.arg("-c");
    cmd.arg(r#"out="$1"; shift; exec "$@" > "$out""#);
    cmd.arg("sh");
    cmd.arg(&out);
    cmd.arg(BIN);
    cmd.args(args);
    (run_in(state, cmd, 80, 24, &[]), out)
}

fn read(path: &Path) -> String {
    String::from_utf8(std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn pick_draws_on_the_terminal_and_prints_only_the_answer_to_stdout() {
    let (mut s, out) = pick(
        &["--as-of", "2020-10-04", "pick"],
        tempfile::tempdir().unwrap(),
    );
    // The screen is on the pty, stdout a file.
    s.wait_for("⏎ picks  m marks  Esc cancels");
    s.wait_for("pick › TikTok");
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    assert_eq!(read(&out), "", "nothing on stdout while picking");
    s.send("/nichols");
    s.wait_for("1 of 25 events");
    s.send("\r");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
    let answer = read(&out);
    assert_eq!(answer, NICHOLS, "exactly the citation, and nothing else");
    assert!(!answer.contains('\x1b'), "no escape codes in the answer");
}

#[test]
fn esc_and_q_print_nothing_and_exit_1_and_ctrl_c_exits_130() {
    for (key, code) in [("\x1b", 1), ("q", 1), ("\x03", 130)] {
        let (mut s, out) = pick(&["pick"], tempfile::tempdir().unwrap());
        s.wait_for("⏎ picks");
        s.send(key);
        assert_eq!(s.exit_code(), code, "after {key:?}");
        s.assert_restored();
        assert_eq!(read(&out), "", "nothing printed after {key:?}");
    }
}

#[test]
fn marked_events_are_all_picked_and_list_marked_sees_them_too() {
    let (mut s, out) = pick(&["pick", "--format", "id"], tempfile::tempdir().unwrap());
    s.wait_for("⏎ picks");
    s.send("jjjm");
    s.wait_for("1 marked");
    s.send("km");
    s.wait_for("2 marked");
    s.send("\r");
    assert_eq!(s.exit_code(), 0);
    let events = timeline_explorer::timeline::load_builtin().unwrap().events;
    assert_eq!(
        read(&out),
        format!("{}\n{}\n", events[2].id, events[3].id),
        "in date order, one id a line"
    );
    // The same marks, from the command line.
    let listed = std::process::Command::new(BIN)
        .args(["list", "--marked", "--format", "lines"])
        .env("TIMELINE_EXPLORER_DATA_DIR", s.state.path())
        .env(
            "TIMELINE_EXPLORER_CONFIG",
            s.state.path().join("config.ron"),
        )
        .output()
        .unwrap();
    let ids: Vec<String> = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').nth(6).unwrap().to_string())
        .collect();
    assert_eq!(ids, [events[2].id.clone(), events[3].id.clone()]);
}

/// A folder of fake commands to put first on PATH: (name, shell script body).
fn fakes(scripts: &[(&str, &str)]) -> (tempfile::TempDir, String) {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in scripts {
        let path = dir.path().join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (dir, path)
}

#[test]
fn y_on_this_machine_also_copies_through_the_clipboard_command_and_says_so() {
    let (bin, path) = fakes(&[(
        "xclip",
        r#"printf '%s ' "$@" > "$(dirname "$0")/args"; cat > "$(dirname "$0")/clip""#,
    )]);
    let mut s = spawn(
        &["--select", "nichols-injunction"],
        80,
        24,
        &[("PATH", &path), ("DISPLAY", ":99")],
    );
    s.wait_for("25 of 25 events");
    s.send("y");
    s.wait_for("citation copied with xclip and sent to the terminal clipboard (OSC 52)");
    assert_eq!(read(&bin.path().join("clip")), format!("{NICHOLS}\n"));
    assert_eq!(read(&bin.path().join("args")), "-selection clipboard ");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn in_tmux_with_set_clipboard_off_y_says_osc_52_was_dropped_and_how_to_fix_it() {
    // Over SSH the clipboard command is this machine's, not the user's: not run.
    let (bin, path) = fakes(&[
        ("tmux", r#"[ "$*" = "show -gv set-clipboard" ] && echo off"#),
        ("xclip", r#"cat > "$(dirname "$0")/clip""#),
    ]);
    let mut s = spawn(
        &[],
        80,
        24,
        &[
            ("PATH", &path),
            ("TMUX", "/tmp/tmux-fake/default,1,0"),
            ("SSH_CONNECTION", "10.0.0.1 50000 10.0.0.2 22"),
            ("DISPLAY", ":99"),
        ],
    );
    s.wait_for("25 of 25 events");
    s.send("y");
    s.wait_for("OSC 52 dropped by tmux (set-clipboard off): tmux set -g set-clipboard on");
    assert!(!bin.path().join("clip").exists(), "xclip was run over SSH");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_hung_clipboard_command_never_holds_up_the_app() {
    let (_bin, path) = fakes(&[("xclip", "exec sleep 30")]);
    let mut s = spawn(&[], 80, 24, &[("PATH", &path), ("DISPLAY", ":99")]);
    s.wait_for("25 of 25 events");
    s.send("y");
    s.wait_for("copying the citation…");
    // Keys still work meanwhile: open the event and come back.
    s.send("l");
    s.wait_for("event › ");
    s.send("h");
    s.wait_for("25 of 25 events");
    let start = std::time::Instant::now();
    s.wait_for("citation sent by OSC 52; xclip failed: no answer within 2 s");
    assert!(start.elapsed() < Duration::from_secs(5));
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}
