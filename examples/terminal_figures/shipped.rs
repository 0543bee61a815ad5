//! The shipped timeline's figures (no `--events-dir`): first frame at 80x24
//! over 30 runs, and what moving the selection writes at 120x40.

use std::time::Duration;

use regex::Regex;

use crate::Args;
use crate::compare::{explorer_binary, fail};
use crate::pty::Term;

pub fn run(args: &Args) -> i32 {
    let bin = explorer_binary(args);
    if !bin.is_file() {
        return fail(
            &format!("no binary at {}", bin.display()),
            "build it first: cargo build --release",
        );
    }
    let state = tempfile::tempdir().expect("a temporary folder");
    let spawn = crate::tools::explorer(bin.to_path_buf(), Vec::new(), state.path());
    let limit = Duration::from_secs_f64(args.limit);
    let ready = Regex::new("25 of 25 events").expect("a regex");

    let mut times = Vec::new();
    for _ in 0..30 {
        let Ok((mut term, start)) = Term::spawn(&spawn, 80, 24) else {
            return fail("could not start the binary in a pty", "is /dev/ptmx there?");
        };
        match term.startup(start, &[&ready], limit)[0] {
            Some(t) => times.push(t.as_secs_f64() * 1000.0),
            None => return fail("the first frame never came", &term.text()),
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "first frame after exec: median {:.1} ms (min {:.1}, max {:.1}, 30 runs)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );

    let Ok((mut term, start)) = Term::spawn(&spawn, 120, 40) else {
        return fail("could not start the binary in a pty", "is /dev/ptmx there?");
    };
    term.startup(start, &[&ready], limit);
    let quiet = Duration::from_millis(150);
    let mut per_key: Vec<usize> = (0..15).map(|_| term.key(b"j", quiet, limit).1).collect();
    per_key.sort_unstable();
    println!(
        "bytes per selection move at 120x40: median {} (min {}, max {}, 15 keys)",
        per_key[per_key.len() / 2],
        per_key[0],
        per_key[per_key.len() - 1]
    );
    0
}
