//! Commands at a terminal, where what they print depends on it: `list` fits
//! its width and keeps ids whole; errors are coloured as clap colours its own,
//! unless NO_COLOR.

mod common;
use common::pty::spawn;

#[test]
fn list_at_80_columns_keeps_every_id_whole_under_a_header() {
    let mut s = spawn(&["list", "--as-of", "2020-10-04"], 80, 30, &[]);
    assert_eq!(s.exit_code(), 0);
    s.wait_for("fcc-reply-deadline");
    let screen = s.text();
    let rows: Vec<&str> = screen.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        rows.len(),
        26,
        "a header and 25 rows, none wrapped:\n{screen}"
    );
    // The countdown gave way so that titles keep a readable part.
    assert_eq!(
        rows[0],
        "date         kind       title (more: `show ID`)                               id"
    );
    assert!(
        rows.contains(
            &"~2020-09-27  court      Judge Carl Nichols grants a tempora…  nichols-injunction"
        ),
        "{screen}"
    );
    let tl = timeline_explorer::timeline::load_builtin().unwrap();
    for (row, e) in rows[1..].iter().zip(&tl.events) {
        assert!(row.ends_with(&format!("  {}", e.id)), "{row}");
    }
}

#[test]
fn list_at_a_wide_terminal_has_the_countdown_too() {
    let mut s = spawn(&["list", "--as-of", "2020-10-04"], 160, 30, &[]);
    assert_eq!(s.exit_code(), 0);
    s.wait_for("fcc-reply-deadline");
    let screen = s.text();
    assert!(
        screen.contains(
            "~2020-09-27  7 days ago                   court      \
             Judge Carl Nichols grants a temporary injunction against the ban"
        ),
        "{screen}"
    );
}

#[test]
fn errors_are_coloured_at_a_terminal_as_clap_colours_its_own() {
    let mut s = spawn(&["show", "oracle"], 80, 24, &[]);
    assert_eq!(s.exit_code(), 1);
    s.wait_for("did you mean oracle-deal?");
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(
        raw.contains("\x1b[1m\x1b[31merror:\x1b[0m no event"),
        "{raw:?}"
    );
    assert!(raw.contains("\x1b[32mhint:\x1b[0m did you mean"), "{raw:?}");
    // And clap's own, for comparison: the same red.
    let mut s = spawn(&["show"], 80, 24, &[]);
    assert_eq!(s.exit_code(), 2);
    s.wait_for("required");
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(raw.contains("\x1b[1m\x1b[31merror:\x1b[0m"), "{raw:?}");

    let mut s = spawn(&["show", "oracle"], 80, 24, &[("NO_COLOR", "1")]);
    assert_eq!(s.exit_code(), 1);
    s.wait_for("did you mean oracle-deal?");
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(!raw.contains('\x1b'), "{raw:?}");
    assert!(
        raw.starts_with("error: no event with id \"oracle\""),
        "{raw:?}"
    );
}

#[test]
fn the_app_with_an_unknown_id_to_select_says_so_before_taking_the_screen() {
    let mut s = spawn(&["--select", "nichols"], 80, 24, &[("NO_COLOR", "1")]);
    assert_eq!(s.exit_code(), 1);
    s.wait_for("did you mean nichols-injunction?");
    let screen = s.text();
    assert!(
        screen.starts_with(
            "error: no event with id \"nichols\"\n  hint: did you mean nichols-injunction?"
        ),
        "{screen}"
    );
    s.assert_restored();
}
