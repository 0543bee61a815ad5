//! Keys typed while a large timeline loads (`--while-loading`): the app is
//! started on DIR/timeline.ron, `/` opens the filter as soon as the first
//! frame is up, and then, until the header no longer says `loading` (every
//! event is listed and checked), a key every `--gap` seconds: the letters of the first query, then
//! as many backspaces, and again. A key's time runs from its write to the
//! read after which the cursor stands at the end of the new query: every key
//! changes the query's length, so no frame drawn before it can pass for its
//! answer (keylat's silence rule cannot serve here: the loading app keeps
//! drawing its progress).

use std::path::Path;
use std::time::{Duration, Instant};

use regex::Regex;

use crate::Args;
use crate::compare::{explorer_binary, fail};
use crate::pty::Term;
use crate::report::median;

/// Where the cursor stands (row, column; 0-based) once `len` characters of
/// the query are typed: on the last row, after the `/` column.
fn query_cursor(rows: u16, len: usize) -> (u16, u16) {
    (rows - 1, 1 + len as u16)
}

pub fn run(args: &Args, dir: &Path) -> i32 {
    let timeline = dir.join("timeline.ron");
    let bin = explorer_binary(args);
    if !timeline.is_file() || !bin.is_file() {
        return fail(
            &format!("no {} or no {}", timeline.display(), bin.display()),
            "cargo run --release --example synth -- --events 100000 --out DIR; cargo build --release",
        );
    }
    let query: Vec<char> = args
        .queries
        .first()
        .map_or("oracle dea", String::as_str)
        .chars()
        .collect();
    if query.is_empty() || query.len() + 2 > usize::from(args.cols) {
        return fail(
            "the query does not fit the query line",
            "give a shorter --query",
        );
    }
    let state = tempfile::tempdir().expect("a temporary folder");
    let spawn = crate::tools::explorer(
        bin,
        vec!["--data".into(), timeline.into_os_string()],
        state.path(),
    );
    // The header's progress: its coming says the first frame is up; with the
    // filter open the status line (`all quotes checked`) is hidden, so its
    // going says everything is loaded and checked.
    let busy = Regex::new(r"reading the file|loading [0-9]").expect("a regex");
    let complete_mark = args
        .complete
        .as_deref()
        .map(|r| Regex::new(r).expect("a regex"));
    let done = |s: &vt100::Parser| {
        let text = s.screen().contents();
        match &complete_mark {
            Some(mark) => mark.is_match(&text),
            None => text
                .lines()
                .next()
                .is_some_and(|l| l.contains(" events") && !busy.is_match(l)),
        }
    };
    let limit = Duration::from_secs_f64(args.limit);
    let gap = Duration::from_secs_f64(args.gap);
    for run in 1..=args.runs {
        let Ok((mut term, start)) = Term::spawn(&spawn, args.cols, args.rows) else {
            return fail("could not start the binary in a pty", "is /dev/ptmx there?");
        };
        if !term.until(|t| busy.is_match(&t.screen().contents()), limit) {
            return fail("the first frame never came", &term.text());
        }
        let (mut len, mut up) = (0, true);
        term.write(b"/");
        // (seconds since exec, latency in ms) of each key.
        let mut keys: Vec<(f64, f64)> = Vec::new();
        let mut complete = None;
        while complete.is_none() && start.elapsed() < limit {
            let key: Vec<u8> = if up {
                len += 1;
                query[len - 1].to_string().into_bytes()
            } else {
                len -= 1;
                vec![0x7f]
            };
            if len == query.len() || len == 0 {
                up = !up;
            }
            let want = query_cursor(args.rows, len);
            let t = Instant::now();
            term.write(&key);
            if !term.until(|s| s.screen().cursor_position() == want, limit) {
                return fail("a key was never answered", &term.text());
            }
            keys.push((
                (t - start).as_secs_f64(),
                t.elapsed().as_secs_f64() * 1000.0,
            ));
            // The gap to the next key, reading what comes meanwhile.
            if term.until(done, gap) {
                complete = Some(start.elapsed().as_secs_f64());
            }
        }
        let ms: Vec<f64> = keys.iter().map(|k| k.1).collect();
        let worst = ms.iter().copied().fold(0.0, f64::max);
        let over: Vec<String> = keys
            .iter()
            .filter(|k| k.1 > 16.0)
            .map(|k| format!("{:.2} s: {:.0} ms", k.0, k.1))
            .collect();
        println!(
            "run {run}: {} keys while loading, median {:.1} ms, worst {worst:.1} ms; {} over 16 ms{}{}; complete at {}",
            keys.len(),
            median(&ms),
            over.len(),
            if over.is_empty() { "" } else { ": " },
            over.join(", "),
            complete.map_or("(not seen)".into(), |c| format!("{c:.2} s")),
        );
    }
    0
}
