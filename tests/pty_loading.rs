//! A large timeline at a real terminal: the first frame comes before the file
//! is read, says so, and the full count follows once every event has loaded
//! and been checked.

mod common;

use common::pty::{editable_timeline, spawn};

/// The shipped timeline's events `copies` times over (ids made unique), so
/// the file is large enough (over 1 MiB) to load in parts.
fn large_timeline(copies: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let files = editable_timeline();
    let ron = files.path().join("data/timeline.ron");
    let text = std::fs::read_to_string(&ron).unwrap();
    let start = text.find("    events: [\n").unwrap() + "    events: [\n".len();
    let end = text.rfind("\n    ]").unwrap();
    let events = &text[start..end];
    let mut out = String::with_capacity(text.len() * copies);
    out.push_str(&text[..start]);
    for k in 0..copies {
        out.push_str(&events.replace("            id: \"", &format!("            id: \"c{k}-")));
        out.push_str(",\n");
    }
    out.push_str(&text[end..]);
    std::fs::write(&ron, out).unwrap();
    (files, ron)
}

#[test]
fn a_large_timeline_draws_at_once_then_lists_every_event() {
    let (_files, ron) = large_timeline(100);
    assert!(std::fs::metadata(&ron).unwrap().len() > 1 << 20);
    let mut s = spawn(&["--data", ron.to_str().unwrap()], 120, 40, &[]);
    s.wait_for("loaded 2,500 events, all quotes checked");
    s.wait_for("2500 of 2500 events");
    // Drawn before anything was read (later frames redraw only what changed,
    // so this looks at what was written, not the screen now).
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(
        raw.contains("reading the file"),
        "the first frame says it is reading"
    );
    // A filter runs over the whole timeline now.
    s.send("/nichols");
    s.wait_for("100 of 2500 events");
    s.send("\x1b");
    s.wait_for("2500 of 2500 events");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}
