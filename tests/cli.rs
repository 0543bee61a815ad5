//! The command line as a user meets it: every subcommand, format and exit code.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

mod common;

use common::cli::{code, command, run, stderr, stdout};

fn json(args: &[&str]) -> Value {
    let o = run(args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("valid JSON")
}

/// How many events the built-in timeline has.
fn shipped_events() -> usize {
    timeline_explorer::timeline::load_builtin()
        .unwrap()
        .events
        .len()
}

#[test]
fn list_text_is_one_row_per_event_in_date_order() {
    let o = run(&["list", "--as-of", "2020-10-04"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), shipped_events());
    // The countdown column is as wide as its widest entry, so titles line up.
    assert!(
        rows[1].starts_with(
            "~2020-08-14  51 days ago                  order      Trump gives ByteDance 90 days"
        ),
        "{}",
        rows[1]
    );
    assert!(
        out.contains("2020-09      4 to 33 days ago             report     Commerce memo"),
        "a stated date has no ~; a month, its bounds: {out}"
    );
}

#[test]
fn bare_command_lists_when_stdout_is_not_a_terminal() {
    let o = run(&[]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), stdout(&run(&["list"])));
}

#[test]
fn list_json_keeps_the_contract() {
    let v = json(&["list", "--format", "json"]);
    assert_eq!(v["title"], "TikTok, ByteDance and US user data, 2020-2022");
    let sources = v["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 5);
    assert_eq!(sources[3]["file"], "seeds/003_3da983060587e498.txt");
    for key in [
        "id",
        "file",
        "headline",
        "publisher",
        "note",
        "description",
        "label",
    ] {
        assert!(sources[0].get(key).is_some(), "source.{key}");
    }
    // The label: the headline; else the curator's description, marked; else
    // the file, marked.
    for s in sources {
        let label = match (s["headline"].as_str(), s["description"].as_str()) {
            (Some(h), _) => h.to_string(),
            (None, Some(d)) => format!("[description: {d}]"),
            (None, None) => format!("[untitled: {}]", s["file"].as_str().unwrap()),
        };
        assert_eq!(s["label"], label.as_str(), "{s}");
    }
    let events = v["events"].as_array().unwrap();
    let dated: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["date"].as_str().unwrap()))
        .collect();
    for anchor in [
        ("divestment-order", "2020-08-14"),
        ("oracle-deal", "2020-09-19"),
        ("nichols-injunction", "2020-09-27"),
        ("injunction-hearing", "2020-11-04"),
        ("november-deadline", "2020-11-12"),
    ] {
        assert!(dated.contains(&anchor), "{anchor:?}");
    }
    let memo = events.iter().find(|e| e["id"] == "commerce-memo").unwrap();
    assert_eq!(
        (&memo["date"], &memo["precision"], &memo["inferred"]),
        (&"2020-09".into(), &"month".into(), &false.into())
    );
    let letter = events.iter().find(|e| e["id"] == "chew-letter").unwrap();
    assert_eq!(
        (&letter["date"], &letter["precision"], &letter["inferred"]),
        (&"2022-01/2022-07-08".into(), &"range".into(), &true.into())
    );
    assert!(
        letter["date_note"]
            .as_str()
            .unwrap()
            .contains("former president")
    );
    for key in [
        "id",
        "date",
        "precision",
        "inferred",
        "title",
        "summary",
        "kind",
        "actors",
        "tags",
        "citations",
        "paraphrase",
    ] {
        assert!(events[0].get(key).is_some(), "event.{key}");
    }
    assert!(events.iter().all(|e| e["paraphrase"].is_array()));
}

#[test]
fn json_offsets_point_at_the_quote_in_the_file() {
    let v = json(&["list", "--format", "json"]);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for e in v["events"].as_array().unwrap() {
        for c in e["citations"].as_array().unwrap() {
            let bytes = fs::read(root.join(c["file"].as_str().unwrap())).unwrap();
            let (start, end) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            let passage = std::str::from_utf8(&bytes[start..end]).unwrap();
            let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(words(passage), words(c["quote"].as_str().unwrap()));
            checked += 1;
        }
    }
    assert!(checked >= 40);
}

#[test]
fn list_lines_is_tab_separated_and_flat() {
    let o = run(&["list", "--format", "lines"]);
    for line in stdout(&o).lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 8, "{line}");
        assert!(
            cols[0].trim_start_matches('~').starts_with("20"),
            "date first: {line}"
        );
    }
    // The columns as they were, then the kind; an inferred date keeps its `~`.
    let first = stdout(&o).lines().next().unwrap().to_string();
    assert!(
        first.starts_with("~2020-08-01/2020-08-14\tTrump declares a national emergency"),
        "{first}"
    );
    assert!(first.ends_with("\temergency-order\torder"), "{first}");
    assert!(
        stdout(&o).contains("\n2020-09\tCommerce memo: "),
        "a stated date has no ~"
    );
}

#[test]
fn list_markdown_quotes_in_blocks_with_their_source() {
    let o = run(&["list", "--format", "markdown", "--filter", "oracle"]);
    assert_eq!(code(&o), 0);
    let md = stdout(&o);
    assert!(md.starts_with("# TikTok, ByteDance and US user data, 2020-2022\n"));
    assert_eq!(md.matches("\n## ").count(), 3);
    assert!(md.contains("> Under the terms of the arrangement, Oracle will become TikTok's trusted security partner.\n"));
    assert!(md.contains("`seeds/003_3da983060587e498.txt`"));
}

#[test]
fn filter_narrows_and_nothing_matched_is_exit_1() {
    let o = run(&["list", "--filter", "nichols"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o).lines().count(), 1);

    let o = run(&["list", "--filter", "xyzzy"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "no events match 'xyzzy'\n");

    let v: Value =
        serde_json::from_str(&stdout(&run(&["list", "-f", "xyzzy", "--format", "json"]))).unwrap();
    assert_eq!(
        v["events"],
        Value::Array(vec![]),
        "JSON stays parseable when empty"
    );
}

#[test]
fn rank_orders_by_score() {
    let o = run(&["list", "--filter", "douyin", "--rank", "--format", "lines"]);
    let first = stdout(&o).lines().next().unwrap().to_string();
    assert_eq!(first.split('\t').nth(6), Some("commerce-memo"), "{first}");
}

#[test]
fn show_prints_one_event_in_each_format() {
    let o = run(&["show", "oracle-deal"]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    assert!(text.starts_with("Preliminary deal for TikTok Global"));
    assert!(text.contains("Date:    19 September 2020 (day; inferred)"));
    assert!(text.contains("filing-servers (seeds/003_3da983060587e498.txt, bytes"));

    let v = json(&["show", "oracle-deal", "--format", "json"]);
    assert_eq!(v["id"], "oracle-deal");
    assert_eq!(v["citations"][0]["source"], "filing-servers");

    let o = run(&["show", "commerce-memo", "--format", "markdown"]);
    let md = stdout(&o);
    assert!(md.starts_with("# 2020-09 — Commerce memo"));
    assert!(md.contains("**Sources disagree:**"));
}

#[test]
fn unknown_id_exits_1_with_suggestions() {
    let o = run(&["show", "nichols"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("no event with id \"nichols\""), "{err}");
    assert!(err.contains("did you mean nichols-injunction?"), "{err}");
    assert!(
        !err.contains("BACKTRACE") && !err.contains("Location"),
        "a short report: {err}"
    );
}

#[test]
fn check_passes_on_the_shipped_data() {
    let o = run(&["check"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains(&format!("{} events, 5 sources", shipped_events())));
    assert!(out.contains("filing-servers"));
    // Warnings (the claims lint's, sources without a name) leave it ok.
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("ok: every quote found verbatim in its source"),
        "{out}"
    );
    // --data goes before or after the command.
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data/timeline.ron");
    for args in [["check", "--data", data], ["--data", data, "check"]] {
        let o = run(&args);
        assert_eq!(code(&o), 0, "{args:?}: {}{}", stdout(&o), stderr(&o));
    }
    let o = run(&["--data", data, "list", "--filter", "nichols"]);
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stderr(&o));
}

#[test]
fn check_reports_every_problem_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    fs::create_dir(&seeds).unwrap();
    fs::write(seeds.join("a.txt"), "The order was signed on Friday.").unwrap();
    let ron = r#"Timeline(
    title: "Mine",
    sources: [Source(id: "a", file: "seeds/a.txt", headline: "A")],
    events: [
        Event(id: "one", date: Day(2021, 2, 30), title: "One", summary: "S.", kind: Order,
              citations: [(source: "a", quote: "The order was signed on Monday.")]),
        Event(id: "two", date: Year(2021), title: "Two", summary: "S.", kind: Order,
              citations: [(source: "b", quote: "The order was signed")]),
    ],
)"#;
    fs::write(dir.path().join("timeline.ron"), ron).unwrap();
    // --data takes the folder too.
    let o = run(&["check", "--data", dir.path().to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.contains(
            "timeline.ron:5:19: error: event \"one\": impossible date: February 2021 has no day 30"
        ),
        "{out}"
    );
    assert!(
        out.contains("timeline.ron:6:49: error: event \"one\": quote not found"),
        "{out}"
    );
    assert!(
        out.contains("the quote has 'M' (U+004D), the source 'F' (U+0046)"),
        "{out}"
    );
    assert!(
        out.contains("timeline.ron:8:49: error: event \"two\": cites unknown source \"b\""),
        "{out}"
    );
    assert!(out.ends_with("3 errors, 0 warnings\n"), "{out}");
    assert!(out.contains("a    0/1   quotes found  MISSING"), "{out}");

    // Other commands refuse bad data too, pointing at `check`.
    let o = run(&["list", "--data", dir.path().to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("timeline-explorer check"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_data_paths_are_data_errors_not_panics() {
    let o = run(&["list", "--data", "/nonexistent/t.ron"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("/nonexistent/t.ron: error: cannot read the timeline: no such file"),
        "{}",
        stderr(&o)
    );

    let o = run(&["check", "--data", "/dev/null"]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("it is a character device, not a regular file"),
        "{}",
        stdout(&o)
    );

    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.ron");
    fs::write(&junk, [0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 0xff]).unwrap();
    let o = run(&["check", "--data", junk.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("junk.ron:1:2: error: not UTF-8 text (bad byte at offset 2)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["list", "--format", "xml"][..],
        &["frobnicate"],
        &["show"],
        &["list", "--rank"],
        &["--select", "oracle-deal", "list"],
        &["--as-of", "2020-13-01"],
        &["--as-of", "2020-10-01", "check"],
        &["check", "--as-of", "2020-10-01"],
        &["config", "--as-of", "2020-10-01"],
        &["agenda", "--within", "-3"],
        &["agenda", "--format", "lines"],
        &["--data"],
    ] {
        let o = run(args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with("error:"), "{args:?}: {}", stderr(&o));
    }
    let o = run(&["--help"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("check"));
}

#[test]
fn help_says_where_the_config_file_is() {
    let o = run(&["--help"]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).contains("Config file: /nonexistent/timeline-explorer/config.ron"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_printed_default_config_is_a_valid_config() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.ron");
    let o = run(&["config", "--print-default"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("\"mark\":"), "every binding is listed");
    fs::write(&file, stdout(&o)).unwrap();
    let o = run(&["config", "--config", file.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{}: ok\n", file.display()));
    // No file yet: defaults, and how to start one.
    let o = run(&["config"]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).contains("not there: defaults are in use"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_bad_config_is_reported_with_its_place_and_then_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.ron");
    fs::write(&file, "(\n    theme: light,\n    mouse: yes,\n)\n").unwrap();
    let f = file.to_str().unwrap();
    let o = run(&["config", "--config", f]);
    assert_eq!(code(&o), 1);
    // One error style: what went wrong, then the place, as the loader gives it.
    assert!(
        stderr(&o).starts_with(&format!(
            "error: the config has a mistake: defaults are in use instead\n\
             {f}:3:11: error: Expected boolean"
        )),
        "{}",
        stderr(&o)
    );
    // Commands still run, on defaults, after saying so.
    let o = run(&["list", "--config", f]);
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).contains("defaults are in use"), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), shipped_events());
}

#[test]
fn the_config_can_name_the_timeline_to_open() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.ron");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    fs::write(&file, format!("(data: {:?})", data.display().to_string())).unwrap();
    let o = run(&["check", "--config", file.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let first = stdout(&o).lines().next().unwrap().to_string();
    assert!(
        first.starts_with(&format!("{}", data.join("timeline.ron").display())),
        "{first}"
    );
}

#[test]
fn a_missing_timeline_named_by_the_config_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.ron");
    fs::write(&file, r#"(data: "nowhere.ron")"#).unwrap();
    let o = run(&["list", "--config", file.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}", dir.path().join("nowhere.ron").display())),
        "{err}"
    );
    assert!(err.contains("is the `data` setting in"), "{err}");
}

/// Runs the binary with stdin a pipe held open and a deadline: a read that
/// blocks, or never ends, fails the test instead of hanging it.
fn run_within(args: &[&str], deadline: std::time::Duration) -> Output {
    use std::process::Stdio;
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let _stdin = child.stdin.take();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{args:?} still running after {deadline:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

const SOON: std::time::Duration = std::time::Duration::from_secs(5);

#[test]
fn a_timeline_that_is_not_a_regular_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let socket = dir.path().join("socket.ron");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    for (data, says) in [
        ("/dev/zero", "it is a character device, not a regular file"),
        (
            "/dev/stdin",
            "it is a named pipe (FIFO), not a regular file",
        ),
        (
            fifo.to_str().unwrap(),
            "it is a named pipe (FIFO), not a regular file",
        ),
        (
            socket.to_str().unwrap(),
            "it is a socket or a device, not a regular file",
        ),
    ] {
        for command in ["check", "list"] {
            let o = run_within(&["--data", data, command], SOON);
            assert_eq!(code(&o), 1, "{data} {command}");
            let out = stdout(&o) + &stderr(&o);
            assert!(
                out.contains(&format!("{data}: error: cannot read the timeline: {says}")),
                "{data} {command}: {out}"
            );
        }
    }
}

#[test]
fn a_source_that_is_not_a_regular_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("seeds/folder")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(dir.path().join("seeds/fifo"))
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("seeds/zero")).unwrap();
    let ron = r#"Timeline(
    title: "Specials",
    sources: [
        Source(id: "fifo", file: "seeds/fifo"),
        Source(id: "folder", file: "seeds/folder"),
        Source(id: "zero", file: "seeds/zero"),
    ],
    events: [],
)"#;
    fs::write(dir.path().join("timeline.ron"), ron).unwrap();
    let o = run_within(&["--data", dir.path().to_str().unwrap(), "check"], SOON);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    for line in [
        "timeline.ron:4:34: error: source \"fifo\": cannot read seeds/fifo: it is a named pipe (FIFO), not a regular file",
        "timeline.ron:5:36: error: source \"folder\": cannot read seeds/folder: it is a directory, not a regular file",
        "timeline.ron:6:34: error: source \"zero\": \"seeds/zero\" leads outside the timeline's folder",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
}

#[test]
fn files_over_their_size_limits_are_refused_before_they_are_read() {
    // Sparse: as big as they say, without the disk or the time.
    let sized = |path: &Path, len: u64| fs::File::create(path).unwrap().set_len(len).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    sized(&big, (2 << 30) + 1);
    let o = run_within(&["--data", big.to_str().unwrap(), "check"], SOON);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("cannot read the timeline: it is 2.0 GiB (2147483649 bytes), over the 2 GiB limit for a timeline file"),
        "{}",
        stdout(&o)
    );

    fs::create_dir(dir.path().join("seeds")).unwrap();
    sized(&dir.path().join("seeds/big.txt"), (64 << 20) + 1);
    let ron = r#"Timeline(title: "Big", sources: [Source(id: "big", file: "seeds/big.txt")], events: [])"#;
    fs::write(dir.path().join("timeline.ron"), ron).unwrap();
    let o = run_within(&["--data", dir.path().to_str().unwrap(), "check"], SOON);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("cannot read seeds/big.txt: it is 64.0 MiB (67108865 bytes), over the 64 MiB limit for one source"),
        "{}",
        stdout(&o)
    );

    let config = dir.path().join("config.ron");
    sized(&config, (1 << 20) + 1);
    let o = run_within(&["config", "--config", config.to_str().unwrap()], SOON);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("cannot read the config: it is 1.0 MiB (1048577 bytes), over the 1 MiB limit for a config file"),
        "{}",
        stderr(&o)
    );
    let o = run_within(&["config", "--config", "/dev/zero"], SOON);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
}

/// Runs the binary with stdout (or stderr) going to /dev/full, where every write fails.
fn run_into_full(args: &[&str], stream: &str) -> Output {
    let full = || {
        fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let mut command = command(args);
    match stream {
        "stdout" => command.stdout(full()),
        _ => command.stderr(full()),
    };
    command.output().expect("runs")
}

#[test]
fn output_that_cannot_be_written_is_an_error() {
    // A full disk is not a reader that went away: say so, and exit 1.
    for args in [
        &["check"][..],
        &["list"],
        &["list", "--format", "json"],
        &["show", "oracle-deal"],
        &["config"],
        &["config", "--print-default"],
    ] {
        let o = run_into_full(args, "stdout");
        assert_eq!(code(&o), 1, "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("cannot write to standard output: No space left on device"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // Nowhere to say it: still the exit code it would have had, not a panic.
    let o = run_into_full(&["list", "--filter", "xyzzy"], "stderr");
    assert_eq!(code(&o), 1);
    let o = run_into_full(&["check"], "stderr");
    assert_eq!(code(&o), 0);
}

/// Bytes that could drive a terminal: C0 controls but newline and tab, DEL,
/// C1 controls (UTF-8 C2 80-9F), and bidi overrides and isolates.
fn terminal_controls(out: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(out);
    text.char_indices()
        .filter(|(_, c)| {
            (c.is_control() && !matches!(c, '\n' | '\t'))
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .map(|(at, c)| {
            format!(
                "U+{:04X} at {at}: {:?}",
                c as u32,
                &text[at.saturating_sub(30)..at]
            )
        })
        .collect()
}

#[test]
fn nothing_from_a_file_reaches_the_terminal_raw() {
    const NASTY: &str =
        "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{7}";
    let outer = tempfile::tempdir().unwrap();
    // Even the folder's name is hostile: it is in every label.
    let dir = outer.path().join(format!("tl{NASTY}x"));
    fs::create_dir_all(dir.join("seeds")).unwrap();
    fs::write(
        dir.join("seeds/a.txt"),
        format!("The order was{NASTY} signed on\u{1b}Friday by {NASTY}the president.\n"),
    )
    .unwrap();
    let esc = r"\u{1b}]0;t\u{7}\u{9b}2J\u{202e}";
    let ron = format!(
        r#"Timeline(
    title: "Mine{esc}",
    sources: [Source(id: "a", file: "seeds/a.txt", headline: "H{esc}")],
    events: [
        Event(id: "one", date: Day(2021, 2, 3), title: "One{esc}", summary: "S{esc}.", kind: Order,
              actors: ["A{esc}"], tags: ["T{esc}"], note: "N{esc}",
              citations: [(source: "a", quote: "The order was signed on Friday by the president.")]),
        Event(id: "two", date: Day(2021, 2, 3), title: "Two", summary: "S.", kind: Order,
              citations: [(source: "a", quote: "The order was signed on Monday")]),
    ],
)"#
    );
    fs::write(dir.join("timeline.ron"), &ron).unwrap();
    let data = dir.to_str().unwrap().to_string();
    // A broken copy, a root that leads out, and a config with mistakes.
    fs::write(
        dir.join("broken.ron"),
        ron.replace("kind: Order,", "kind: Ord\u{1b}[2Jer,"),
    )
    .unwrap();
    fs::write(
        dir.join("rooted.ron"),
        ron.replace(
            "    sources:",
            &format!("    root: \"..{esc}\",\n    sources:"),
        ),
    )
    .unwrap();
    let config = dir.join("config.ron");
    fs::write(&config, format!("(keys: {{ \"ma{NASTY}rk\": [\"x\"] }})")).unwrap();
    let config2 = dir.join("config2.ron");
    fs::write(&config2, format!("(theme: li{NASTY}ght)")).unwrap();
    let broken = dir.join("broken.ron");
    let rooted = dir.join("rooted.ron");
    let (broken, rooted) = (broken.to_str().unwrap(), rooted.to_str().unwrap());
    let (config, config2) = (config.to_str().unwrap(), config2.to_str().unwrap());

    let mut seen = 0;
    for args in [
        &["--data", &data, "check"][..],
        &["--data", broken, "check"],
        &["--data", rooted, "check"],
        &["--data", broken, "list"],
        &["--data", &data, "show", "one"],
        &["--data", &data, "show", "one", "--format", "markdown"],
        &["--data", &data, "show", "one", "--format", "json"],
        &["--data", &data, "list", "--format", "lines"],
        &["--data", &data, "list", "--format", "markdown"],
        &["--data", &data, "agenda", "--as-of", "2021-01-01"],
        &[
            "--data",
            &data,
            "agenda",
            "--as-of",
            "2021-01-01",
            "--format",
            "markdown",
        ],
        &["--data", &data, "list", "--config", config],
        &["config", "--config", config],
        &["config", "--config", config2],
        &["--data", &data, "check", "--config", config2],
    ] {
        let o = run(args);
        let bad: Vec<String> = [&o.stdout, &o.stderr]
            .iter()
            .flat_map(|out| terminal_controls(out))
            .collect();
        assert!(bad.is_empty(), "{args:?}:\n{}", bad.join("\n"));
        seen += o.stdout.len() + o.stderr.len();
    }
    assert!(seen > 2000, "the commands printed something");
}

/// A timeline folder with one article and one event citing it; `extra`
/// goes into the event, `source` into the source.
fn curated(summary: &str, event_extra: &str, source_extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("seeds")).unwrap();
    fs::write(
        dir.path().join("seeds/a.txt"),
        "The government gave the company 90 days to sell its business.",
    )
    .unwrap();
    let ron = format!(
        r#"Timeline(
    title: "Mine",
    sources: [Source(id: "a", file: "seeds/a.txt"{source_extra})],
    events: [
        Event(id: "sale", date: Year(2020), title: "A sale ordered", summary: "{summary}", kind: Order{event_extra},
              citations: [(source: "a", quote: "The government gave the company 90 days to sell its business.")]),
    ],
)"#
    );
    fs::write(dir.path().join("timeline.ron"), ron).unwrap();
    dir
}

#[test]
fn check_warns_of_claims_and_strict_makes_every_warning_an_error() {
    let headed = r#", headline: "Sell in 90 days""#;
    let overstated = curated(
        "The Trump administration gave ByteDance 45 days.",
        "",
        headed,
    );
    let data = overstated.path().to_str().unwrap();
    let o = run(&["--data", data, "check"]);
    let out = stdout(&o);
    assert_eq!(code(&o), 0, "warnings are not errors: {out}");
    for word in ["Trump", "ByteDance", "45"] {
        let line = format!(
            "warning: event \"sale\": the summary says \"{word}\", which none of its quotes does"
        );
        assert!(out.contains(&line), "{line}\n{out}");
    }
    assert!(
        out.ends_with("ok: every quote found verbatim in its source (3 warnings)\n"),
        "{out}"
    );

    let o = run(&["--data", data, "check", "--strict"]);
    let out = stdout(&o);
    assert_eq!(code(&o), 1, "{out}");
    assert!(
        out.contains("error: event \"sale\": the summary says \"Trump\""),
        "{out}"
    );
    assert!(!out.contains("warning:"), "{out}");
    assert!(
        out.ends_with("3 errors (warnings count as errors with --strict)\n"),
        "{out}"
    );

    // The words said otherwise, listed as paraphrases: nothing to warn about.
    let paraphrased = curated(
        "The Trump administration gave ByteDance 90 days.",
        r#", paraphrase: ["Trump administration", "ByteDance"]"#,
        headed,
    );
    let o = run(&[
        "--data",
        paraphrased.path().to_str().unwrap(),
        "check",
        "--strict",
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(
        stdout(&o).ends_with("ok: every quote found verbatim in its source\n"),
        "{}",
        stdout(&o)
    );

    // A source named by nothing but its file is a warning, so an error too.
    let unnamed = curated("The company was given 90 days.", "", "");
    let data = unnamed.path().to_str().unwrap();
    assert_eq!(code(&run(&["--data", data, "check"])), 0);
    let o = run(&["--data", data, "check", "--strict"]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains(
            "error: source \"a\" will be named by its file; give it a headline or a description"
        ),
        "{}",
        stdout(&o)
    );
    // --strict is check's alone.
    assert_eq!(code(&run(&["--data", data, "list", "--strict"])), 2);
}

#[test]
fn citations_name_the_source_by_its_label_and_publisher_in_every_format() {
    let dir = curated(
        "The Trump administration gave the company 90 days.",
        r#", paraphrase: ["Trump administration", "gave"]"#,
        r#", description: "Notes of a call, undated", publisher: "Plat4om""#,
    );
    let data = dir.path().to_str().unwrap();

    let text = stdout(&run(&["--data", data, "show", "sale"]));
    assert!(
        text.contains("      [description: Notes of a call, undated], Plat4om\n"),
        "{text}"
    );
    assert!(
        text.contains("Paraphrased: “Trump administration”, “gave”\n"),
        "{text}"
    );

    let md = stdout(&run(&[
        "--data", data, "show", "sale", "--format", "markdown",
    ]));
    assert!(
        md.contains("> — \\[description: Notes of a call, undated\\], Plat4om, `seeds/a.txt`\n"),
        "{md}"
    );
    assert!(
        md.contains("Paraphrased: “Trump administration”, “gave”\n"),
        "{md}"
    );
    let list = stdout(&run(&["--data", data, "list", "--format", "markdown"]));
    assert!(
        list.contains("\\[description: Notes of a call, undated\\], Plat4om"),
        "{list}"
    );

    let v = json(&["--data", data, "list", "--format", "json"]);
    let source = &v["sources"][0];
    assert_eq!(source["description"], "Notes of a call, undated");
    assert_eq!(source["label"], "[description: Notes of a call, undated]");
    assert_eq!(source["headline"], Value::Null);
    assert_eq!(
        v["events"][0]["paraphrase"],
        serde_json::json!(["Trump administration", "gave"])
    );

    // A source with neither: named by its file, marked, never as a title.
    let bare = curated("The company was given 90 days.", "", "");
    let data = bare.path().to_str().unwrap();
    let md = stdout(&run(&[
        "--data", data, "show", "sale", "--format", "markdown",
    ]));
    assert!(md.contains("> — \\[untitled: seeds/a.txt\\]\n"), "{md}");
    let v = json(&["--data", data, "show", "sale", "--format", "json"]);
    assert_eq!(v["paraphrase"], serde_json::json!([]));
    let v = json(&["--data", data, "list", "--format", "json"]);
    assert_eq!(v["sources"][0]["label"], "[untitled: seeds/a.txt]");
    assert_eq!(v["sources"][0]["description"], Value::Null);
}

#[test]
fn as_of_counts_days_in_list_and_show_in_every_format() {
    // After the command or before it: the same.
    for args in [
        &[
            "list",
            "--as-of",
            "2020-10-04",
            "--filter",
            "deadline to sell",
        ][..],
        &[
            "--as-of",
            "2020-10-04",
            "list",
            "--filter",
            "deadline to sell",
        ],
    ] {
        let o = run(args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(
            stdout(&o).starts_with("~2020-11-12  in 39 days  deadline   12 November"),
            "{}",
            stdout(&o)
        );
    }
    let md = stdout(&run(&[
        "list",
        "--as-of",
        "2020-10-04",
        "-f",
        "hearing",
        "--format",
        "markdown",
    ]));
    assert!(md.contains("\nAs of 2020-10-04.\n"), "{md}");
    assert!(
        md.contains("*4 November 2020 (day; inferred) · in 31 days · hearing"),
        "{md}"
    );

    let v = json(&["list", "--as-of", "2020-10-04", "--format", "json"]);
    assert_eq!(v["as_of"], "2020-10-04");
    let events = v["events"].as_array().unwrap();
    let days = |id: &str| {
        let e = events.iter().find(|e| e["id"] == id).unwrap();
        (
            e["days_from_as_of"]["min"].clone(),
            e["days_from_as_of"]["max"].clone(),
        )
    };
    assert_eq!(days("november-deadline"), (39.into(), 39.into()));
    assert_eq!(
        days("nichols-injunction"),
        ((-7).into(), (-7).into()),
        "negative: past"
    );
    assert_eq!(
        days("commerce-memo"),
        ((-33).into(), (-4).into()),
        "a month: its bounds"
    );
    assert!(events.iter().all(|e| e["days_from_as_of"]["min"].is_i64()));

    let o = run(&["show", "injunction-hearing", "--as-of", "2020-10-04"]);
    assert!(
        stdout(&o).contains("Date:    4 November 2020 (day; inferred) · in 31 days\n"),
        "{}",
        stdout(&o)
    );
    let o = run(&[
        "show",
        "injunction-hearing",
        "--as-of",
        "2020-10-04",
        "--format",
        "markdown",
    ]);
    assert!(stdout(&o).contains("· in 31 days ·"), "{}", stdout(&o));
    let v = json(&[
        "show",
        "injunction-hearing",
        "--as-of",
        "2020-11-04",
        "--format",
        "json",
    ]);
    assert_eq!(v["as_of"], "2020-11-04");
    assert_eq!(v["days_from_as_of"]["min"], 0, "today");
    assert_eq!(v["id"], "injunction-hearing", "the contract's fields stay");

    // Without --as-of, today: the field is there all the same.
    let v = json(&["show", "injunction-hearing", "--format", "json"]);
    let today = chrono::Local::now().date_naive().to_string();
    assert_eq!(v["as_of"], today.as_str());
}

#[test]
fn agenda_lists_what_is_ahead_soonest_first_with_the_quote_giving_the_date() {
    let o = run(&["agenda", "--as-of", "2020-10-04"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("Agenda: 7 events ahead of 2020-10-04, soonest first\n\n"),
        "{out}"
    );
    let hearing = out
        .find("in 31 days · 4 November 2020 (day; inferred) · HEARING\n")
        .unwrap();
    let deadline = out
        .find("in 39 days · 12 November 2020 (day; inferred) · DEADLINE\n")
        .unwrap();
    assert!(hearing < deadline, "soonest first");
    assert!(out.contains("is scheduled for 4 November.”"), "{out}");
    assert!(out.contains("come into force on 12 November"), "{out}");
    assert!(
        out.contains("    — TikTok Chief Security Officer states"),
        "its source: {out}"
    );
    assert!(
        out.contains("in 642 days, about 21 months · 8 July 2022"),
        "{out}"
    );
    assert!(
        !out.contains("Cloutier's court filing"),
        "not surely ahead: {out}"
    );

    let o = run(&["--as-of", "2020-10-04", "agenda", "--within", "35"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o).matches(" · HEARING").count(), 1);
    assert!(!stdout(&o).contains("DEADLINE"), "{}", stdout(&o));

    let md = stdout(&run(&[
        "agenda",
        "--as-of",
        "2020-10-04",
        "--format",
        "markdown",
    ]));
    assert!(md.starts_with("# Agenda: TikTok"), "{md}");
    assert!(
        md.contains("\n## in 39 days — ~2020-11-12 — 12 November"),
        "{md}"
    );
    assert!(
        md.contains("> The order is expected to come into force on 12 November"),
        "{md}"
    );

    let v = json(&["agenda", "--as-of", "2020-10-04", "--format", "json"]);
    assert_eq!(v["as_of"], "2020-10-04");
    let events = v["events"].as_array().unwrap();
    let ids: Vec<&str> = events.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids[..2], ["injunction-hearing", "november-deadline"]);
    assert_eq!(ids.len(), 7);
    assert_eq!(events[1]["days_from_as_of"]["min"], 39);
    let quote = &events[1]["citations"][events[1]["date_citation"].as_u64().unwrap() as usize];
    assert!(quote["quote"].as_str().unwrap().contains("12 November"));
    assert!(
        v["sources"].as_array().unwrap().len() == 5,
        "labels resolve as in list"
    );
}

#[test]
fn an_agenda_with_nothing_ahead_exits_1_and_says_why() {
    let o = run(&["agenda", "--as-of", "2022-07-09"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).starts_with("nothing ahead of 2022-07-09 in this timeline"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("2022-07-08"),
        "where it ends: {}",
        stderr(&o)
    );
    let o = run(&["agenda", "--as-of", "2020-10-04", "--within", "30"]);
    assert_eq!(code(&o), 1, "the hearing is 31 days away");
    let o = run(&["agenda", "--as-of", "2022-07-09", "--format", "json"]);
    assert_eq!(code(&o), 1);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["events"],
        Value::Array(vec![]),
        "JSON stays parseable when empty"
    );
    // On the day itself, a hearing is still ahead: today.
    let o = run(&["agenda", "--as-of", "2020-11-04", "--within", "0"]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).contains("today · 4 November 2020"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn grep_prints_one_line_per_sentence_with_its_place() {
    let o = run(&["grep", "nichols"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "TikTok Chief Security Officer states that its servers are now independent from \
         ByteDance. (seeds/003_3da983060587e498.txt:27): Trade Secretary Wilbur Ross then \
         postponed the ban until 27 September, but US District Judge Carl Nichols granted a \
         temporary injunction on 27 September banning the ban.\n"
    );
    // Every group must match within one sentence, in reading order, article by article.
    let out = stdout(&run(&["grep", "oracle 'partner | 'cloud"]));
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].contains(".txt:13): This data will be moved to Oracle’s cloud"));
    assert!(rows[1].ends_with("Oracle will become TikTok's trusted security partner."));
    // Not a terminal: no marks.
    assert!(!out.contains('\x1b'));
}

#[test]
fn grep_json_gives_offsets_matches_and_citing_events() {
    let v = json(&["grep", "nichols", "--format", "json"]);
    assert_eq!(v["query"], "nichols");
    let passages = v["passages"].as_array().unwrap();
    assert_eq!(passages.len(), 1);
    let p = &passages[0];
    let mut keys: Vec<&str> = p.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "cited_by", "end", "file", "label", "line", "matches", "sentence", "source", "start"
        ]
    );
    assert_eq!(p["source"], "filing-servers");
    assert_eq!(p["line"], 27);
    let text = fs::read_to_string(Path::new("data").join(p["file"].as_str().unwrap())).unwrap();
    let (start, end) = (
        p["start"].as_u64().unwrap() as usize,
        p["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], p["sentence"].as_str().unwrap());
    assert_eq!(
        text[..start].matches('\n').count() + 1,
        27,
        "line counts from 1"
    );
    let m = &p["matches"][0];
    let (ms, me) = (
        m["start"].as_u64().unwrap() as usize,
        m["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[ms..me], "Nichols");
    assert!((start..=end).contains(&ms) && me <= end);
    let cited: Vec<&str> = p["cited_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(cited.contains(&"nichols-injunction"), "{cited:?}");
}

#[test]
fn grep_exit_codes_nothing_found_is_1_and_nothing_asked_is_2() {
    let o = run(&["grep", "xyzzy"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("no sentence in the articles matches 'xyzzy'"),
        "{}",
        stderr(&o)
    );
    let o = run(&["grep", "xyzzy", "--format", "json"]);
    assert_eq!(code(&o), 1);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["passages"], serde_json::json!([]), "still valid JSON");
    for args in [
        &["grep", ""][..],
        &["grep", " | ! "],
        &["grep"],
        &["grep", "ban", "--format", "xml"],
    ] {
        let o = run(args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
    }
    assert!(stderr(&run(&["grep", ""])).contains("nothing to look for"));
}

#[test]
fn grep_prints_nothing_from_an_article_that_could_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    fs::create_dir(&seeds).unwrap();
    fs::write(
        seeds.join("a.txt"),
        "The ban\u{1b}]52;c;aGk=\u{7} was \u{1b}[2Jlifted.\tThen the ban\u{202e} returned.",
    )
    .unwrap();
    let ron = r#"Timeline(
    title: "Mine",
    sources: [Source(id: "a", file: "seeds/a.txt", headline: "A\u{1b}[31m")],
    events: [
        Event(id: "one", date: Year(2021), title: "One", summary: "S.", kind: Order,
              citations: [(source: "a", quote: "returned")]),
    ],
)"#;
    fs::write(dir.path().join("timeline.ron"), ron).unwrap();
    let data = dir.path().to_str().unwrap();
    let o = run(&["--data", data, "grep", "ban"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(
        out,
        "A (seeds/a.txt:1): The ban was lifted.\nA (seeds/a.txt:1): Then the ban returned.\n"
    );
    let o = run(&["--data", data, "grep", "ban", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["passages"][0]["sentence"], "The ban was lifted.");
    assert_eq!(v["passages"][1]["cited_by"], serde_json::json!(["one"]));
    assert!(!stdout(&o).contains("\\u001b") && !stdout(&o).contains('\u{202e}'));
}
