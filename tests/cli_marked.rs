//! `list --marked` and `pick` without a terminal: the real binary, its marks
//! in a folder of each test's own.

use std::process::{Command, Output};

use timeline_explorer::marks::{self, Store};
use timeline_explorer::timeline::load_builtin;

mod common;

use common::cli::{stderr, stdout};

/// The binary with the marks kept in `state`.
fn command(state: &std::path::Path, args: &[&str]) -> Command {
    let mut cmd = common::cli::command(args);
    cmd.env(marks::DIR_VAR, state);
    cmd
}

fn run(state: &std::path::Path, args: &[&str]) -> Output {
    command(state, args).output().expect("runs")
}

/// A state folder with these events of the built-in timeline marked, as the app saves them.
fn marked(ids: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().join("marks.ron"));
    let key = marks::key(None, &load_builtin().unwrap().title);
    for id in ids {
        store.set(&key, id, true).unwrap();
    }
    dir
}

#[test]
fn list_marked_lists_only_the_marked_events_in_date_order_in_every_format() {
    // Marked latest first: listed by date all the same.
    let state = marked(&["fcc-reply-deadline", "oracle-deal"]);
    let o = run(state.path(), &["list", "--marked"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows: Vec<String> = stdout(&o).lines().map(String::from).collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0].contains("Preliminary deal for TikTok Global"),
        "{rows:?}"
    );
    assert!(
        rows[1].contains("Google and Apple have until July 8"),
        "{rows:?}"
    );

    let o = run(state.path(), &["list", "--marked", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: Vec<&str> = (json["events"].as_array().unwrap().iter())
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["oracle-deal", "fcc-reply-deadline"]);

    let o = run(state.path(), &["list", "--marked", "--format", "lines"]);
    let lines = stdout(&o);
    let ids: Vec<&str> = (lines.lines())
        .map(|l| l.split('\t').nth(6).unwrap())
        .collect();
    assert_eq!(ids, ["oracle-deal", "fcc-reply-deadline"]);

    let o = run(state.path(), &["list", "--marked", "--format", "markdown"]);
    assert_eq!(stdout(&o).matches("\n## ").count(), 2, "{}", stdout(&o));
}

#[test]
fn list_marked_with_a_filter_lists_the_marked_that_match() {
    let state = marked(&["fcc-reply-deadline", "oracle-deal"]);
    let o = run(state.path(), &["list", "--marked", "--filter", "oracle"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).lines().count(), 1);
    let o = run(state.path(), &["list", "--marked", "--filter", "nichols"]);
    assert_eq!(o.status.code(), Some(1), "nothing matched, as fzf says");
}

#[test]
fn nothing_marked_prints_nothing_says_how_to_mark_and_exits_1() {
    // No marks file at all; then marks only for another timeline and for an
    // event this one does not have.
    let empty = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let store = Store::at(other.path().join("marks.ron"));
    store
        .set("/elsewhere/timeline.ron", "oracle-deal", true)
        .unwrap();
    let key = marks::key(None, &load_builtin().unwrap().title);
    store.set(&key, "no-such-event", true).unwrap();
    for state in [empty.path(), other.path()] {
        let o = run(state, &["list", "--marked", "--format", "json"]);
        assert_eq!(o.status.code(), Some(1));
        assert_eq!(stdout(&o), "");
        let err = stderr(&o);
        assert!(
            err.contains("no events are marked for this timeline") && err.contains("press m"),
            "{err}"
        );
    }
}

#[test]
fn pick_without_a_terminal_is_a_usage_error() {
    use std::os::unix::process::CommandExt;
    let state = tempfile::tempdir().unwrap();
    let mut cmd = command(state.path(), &["pick"]);
    // A session of its own has no controlling terminal: /dev/tty cannot open.
    // SAFETY: setsid is async-signal-safe and touches no memory.
    unsafe {
        cmd.pre_exec(|| {
            nix::unistd::setsid()
                .map(drop)
                .map_err(std::io::Error::from)
        });
    }
    let o = cmd.output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "", "nothing on stdout");
    let err = stderr(&o);
    assert!(err.starts_with("error: pick needs a terminal"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}
