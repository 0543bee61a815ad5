//! Every error a user can cause, as the real binary says it: one style, clap's
//! (`error: what`, the places, `hint:` lines), never color-eyre's report
//! (`Error:`, `0:`, `Location:`), with exit status 1 for the data or what was
//! asked of it, 2 for usage. Plus `list`'s ids and `--format lines`' columns.

use std::fs;
use std::process::{Command, Output};

mod common;

use common::cli::{stderr, stdout};

/// The binary with these arguments, as a user has it: RUST_BACKTRACE set,
/// which must not turn a user's mistake into a backtrace.
fn command(args: &[&str]) -> Command {
    let mut cmd = common::cli::command(args);
    cmd.env("RUST_BACKTRACE", "1").env_remove("NO_COLOR");
    cmd
}

fn run(args: &[&str]) -> Output {
    command(args).output().expect("runs")
}

/// The error's exit status and its stderr, checked for the one style:
/// `error: ` first, no report, no colour (stderr is not a terminal here).
fn user_error(args: &[&str]) -> (i32, String) {
    let o = run(args);
    let err = stderr(&o);
    assert!(err.starts_with("error: "), "{args:?}: {err}");
    for report in ["Error:", "\n   0:", "Location:", "BACKTRACE", "Suggestion:"] {
        assert!(
            !err.contains(report),
            "{args:?}: a report, not a message: {err}"
        );
    }
    assert!(
        !err.contains('\x1b'),
        "{args:?}: no colour when piped: {err:?}"
    );
    assert!(stdout(&o).is_empty(), "{args:?}: nothing on stdout");
    (o.status.code().expect("exited"), err)
}

/// Every command that reads the timeline, in every format it has.
const READERS: [&[&str]; 16] = [
    &["list"],
    &["list", "--format", "json"],
    &["list", "--format", "markdown"],
    &["list", "--format", "lines"],
    &["list", "--filter", "oracle", "--rank"],
    &["show", "oracle-deal"],
    &["show", "oracle-deal", "--format", "json"],
    &["show", "oracle-deal", "--format", "markdown"],
    &["agenda", "--as-of", "2020-10-04"],
    &["agenda", "--format", "json"],
    &["agenda", "--format", "markdown"],
    &["grep", "oracle"],
    &["grep", "oracle", "--format", "json"],
    // The app itself, piped: it lists.
    &[],
    &["--select", "oracle-deal"],
    &["--query", "oracle"],
];

#[test]
fn an_unknown_id_says_which_ids_are_near_in_every_format() {
    for format in ["text", "json", "markdown"] {
        let (code, err) = user_error(&["show", "oracle", "--format", format]);
        assert_eq!(code, 1);
        assert_eq!(
            err,
            "error: no event with id \"oracle\"\n  hint: did you mean oracle-deal?\n"
        );
    }
    // Nothing near: where ids are to be seen.
    let (code, err) = user_error(&["show", "zzzzzzzzzzzz"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: no event with id \"zzzzzzzzzzzz\"\n  \
         hint: `timeline-explorer list` shows each event's id at the end of its row\n"
    );
}

#[test]
fn an_id_with_escapes_is_said_without_them() {
    let (code, err) = user_error(&["show", "x\x1b]0;owned\x07y"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: no event with id \"x"), "{err:?}");
    assert!(!err.contains('\x07'), "{err:?}");
}

#[test]
fn a_timeline_path_that_is_not_there_is_a_data_error_for_every_command() {
    for args in READERS {
        let args = [&["--data", "/nonexistent/t.ron"][..], args].concat();
        let (code, err) = user_error(&args);
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(
            err,
            "error: cannot load /nonexistent/t.ron: 1 error\n\
             /nonexistent/t.ron: error: cannot read the timeline: no such file\n    \
             hint: --data takes the path of a timeline .ron file\n  \
             hint: `timeline-explorer check` lists every problem with its place\n",
            "{args:?}"
        );
    }
    // A folder without a timeline in it: the file it looked for.
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = user_error(&["--data", dir.path().to_str().unwrap(), "list"]);
    assert_eq!(code, 1);
    let file = dir.path().join("timeline.ron");
    assert!(
        err.starts_with(&format!(
            "error: cannot load {f}: 1 error\n{f}: error: cannot read the timeline: no such file\n",
            f = file.display()
        )),
        "{err}"
    );
}

#[test]
fn broken_ron_is_placed_at_its_line_and_column_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("timeline.ron");
    fs::write(&file, "Timeline(\n    title: \"Mine\",\n    sources: [,\n").unwrap();
    let f = file.to_str().unwrap();
    for args in READERS {
        let args = [&["--data", f][..], args].concat();
        let (code, err) = user_error(&args);
        assert_eq!(code, 1, "{args:?}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(
            lines[0],
            format!("error: cannot load {f}: 1 error"),
            "{err}"
        );
        // As compilers place theirs, so an editor can jump there.
        assert!(lines[1].starts_with(&format!("{f}:3:")), "{err}");
        assert!(lines[1].contains(": error: "), "{err}");
        assert_eq!(
            lines.last(),
            Some(&"  hint: `timeline-explorer check` lists every problem with its place"),
            "{err}"
        );
    }
}

#[test]
fn a_timeline_that_does_not_check_lists_its_first_errors() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("seeds")).unwrap();
    fs::write(dir.path().join("seeds/a.txt"), "It was signed on Friday.").unwrap();
    let event = |i: usize| {
        format!(
            "Event(id: \"e{i}\", date: Day(2021, 2, 3), title: \"T\", summary: \"S.\", kind: Order, \
             citations: [(source: \"a\", quote: \"signed on Monday\")]),\n"
        )
    };
    let events: String = (0..12).map(event).collect();
    let ron = format!(
        "Timeline(title: \"Mine\", sources: [Source(id: \"a\", file: \"seeds/a.txt\", headline: \"A\")],\n\
         events: [\n{events}])"
    );
    fs::write(dir.path().join("timeline.ron"), ron).unwrap();
    let (code, err) = user_error(&["--data", dir.path().to_str().unwrap(), "show", "e1"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: cannot load "), "{err}");
    assert!(
        err.lines().next().unwrap().ends_with(": 12 errors"),
        "{err}"
    );
    // Ten placed, then how many more, then where to see them all.
    assert_eq!(err.matches("quote not found").count(), 10, "{err}");
    assert!(err.contains("timeline.ron:3:"), "{err}");
    assert!(err.contains("\n... and 2 more\n"), "{err}");
    assert!(
        err.ends_with("  hint: `timeline-explorer check` lists every problem with its place\n")
    );
}

#[test]
fn a_timeline_named_by_the_config_says_where_it_was_named() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.ron");
    fs::write(&config, r#"(data: "nowhere.ron")"#).unwrap();
    let (code, err) = user_error(&["--config", config.to_str().unwrap(), "agenda"]);
    assert_eq!(code, 1);
    assert!(
        err.ends_with(&format!(
            "  hint: this timeline is the `data` setting in {}; --data opens another\n",
            config.display()
        )),
        "{err}"
    );
}

#[test]
fn a_config_with_a_mistake_is_an_error_for_config_and_a_warning_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.ron");
    fs::write(&config, "(\n    mouse: yes,\n)\n").unwrap();
    let c = config.to_str().unwrap();
    let (code, err) = user_error(&["--config", c, "config"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        "error: the config has a mistake: defaults are in use instead"
    );
    assert!(
        lines[1].starts_with(&format!("{c}:2:11: error: Expected boolean")),
        "{err}"
    );
    // A command carries on, on defaults, having said so in the same style.
    let o = run(&["--config", c, "show", "oracle-deal"]);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!(
            "warning: the config has a mistake: defaults are in use instead\n{c}:2:11: error: "
        )),
        "{err}"
    );
    // One it cannot read at all, too.
    let (code, err) = user_error(&["--config", dir.path().to_str().unwrap(), "config"]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot read the config"), "{err}");
}

#[test]
fn pick_without_a_terminal_is_a_usage_error() {
    use std::os::unix::process::CommandExt;
    let mut cmd = command(&["pick"]);
    // A session of its own has no controlling terminal: /dev/tty cannot open.
    // SAFETY: setsid is async-signal-safe and touches no memory.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("error: pick needs a terminal: cannot open /dev/tty"),
        "{err}"
    );
    assert!(err.contains("\n  hint: run it in a terminal"), "{err}");
    assert!(!err.contains("Location:"), "{err}");
}

#[test]
fn output_that_cannot_be_written_says_so_in_the_same_style() {
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = command(&["show", "oracle-deal"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("error: cannot write to standard output: No space left on device"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_stay_clap_s_with_exit_2() {
    for args in [
        &["show"][..],
        &["list", "--format", "xml"],
        &["--as-of", "2020-10-01", "check"],
        &["--select", "oracle-deal", "list"],
        &["grep", ""],
    ] {
        let (code, _) = user_error(args);
        assert_eq!(code, 2, "{args:?}");
    }
}

#[test]
fn check_reports_on_stdout_not_as_an_error() {
    // `check`'s findings are its answer: stdout, exit 1, nothing on stderr.
    let o = run(&["--data", "/nonexistent/t.ron", "check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("/nonexistent/t.ron: error: cannot read the timeline"));
}

#[test]
fn piped_list_rows_end_with_their_ids_for_show() {
    let o = run(&["list", "--as-of", "2020-10-04"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 25, "no header when piped");
    assert_eq!(
        rows[0],
        "~2020-08…08  51 to 64 days ago            order      \
         Trump declares a national emergency over TikTok and WeChat  \
         \x20                                   emergency-order"
    );
    // The last word is the id, and `show` takes it.
    for row in rows {
        let id = row.split_whitespace().last().unwrap();
        let o = run(&["show", id]);
        assert_eq!(o.status.code(), Some(0), "{id}: {}", stderr(&o));
    }
    // The bare command, piped, lists the same; a filter keeps the ids.
    assert_eq!(stdout(&run(&["--as-of", "2020-10-04"])), out);
    let o = run(&["list", "--filter", "nichols"]);
    assert!(
        stdout(&o).trim_end().ends_with("  nichols-injunction"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn lines_keep_their_columns_with_the_inferred_mark_and_the_kind_after_the_id() {
    let o = run(&["list", "--format", "lines"]);
    let out = stdout(&o);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 8), "{out}");
    let find = |id: &str| rows.iter().find(|r| r[6] == id).unwrap().clone();
    let nichols = find("nichols-injunction");
    assert_eq!(
        nichols[0], "~2020-09-27",
        "inferred: ~, as list and show say"
    );
    assert_eq!(
        nichols[1],
        "Judge Carl Nichols grants a temporary injunction against the ban"
    );
    assert_eq!(nichols[7], "court");
    let memo = find("commerce-memo");
    assert_eq!((memo[0], memo[7]), ("2020-09", "report"), "stated: no ~");
    // pick's lines are list's.
    let tl = timeline_explorer::timeline::load_builtin().unwrap();
    let e = tl.event("oracle-deal").unwrap();
    assert_eq!(
        format!("{}\n", timeline_explorer::format::lines::line(e)),
        out.lines()
            .find(|l| l.contains("\toracle-deal\t"))
            .unwrap()
            .to_string()
            + "\n"
    );
}
