//! Fuzzing on stable: property tests that mutate the shipped timeline and its
//! articles and run the whole loader and checker on them (`check_str` with
//! the articles in memory, then `report::render` and the output formats).
//! Whatever the input: no panic; a timeline or errors saying why not; every
//! position inside the file; nothing printed that could drive a terminal.
//! And on real files, whatever `root` and `file` say, nothing outside the
//! timeline's folder is read.
//!
//! CI runs each property for a bounded number of cases from a fixed seed. The
//! long campaign runs the same properties (the `long_` tests, ignored by
//! default) for FUZZ_CASES cases each (default 200,000) from FUZZ_SEED:
//!
//!     FUZZ_CASES=200000 cargo test --release --test fuzz_load -- --ignored --nocapture
//!
//! Each property says on stderr how many cases it ran.

use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseResult, TestRunner};
use rayon::prelude::*;
use timeline_explorer::format::{json, lines, markdown, text};
use timeline_explorer::timeline::{Checked, check_path, load::check_str, report};

const LABEL: &str = "data/timeline.ron";
const RON: &str = include_str!("../data/timeline.ron");

macro_rules! seed {
    ($name:literal) => {
        (
            concat!("seeds/", $name),
            include_str!(concat!("../data/seeds/", $name)),
        )
    };
}
const SEEDS: [(&str, &str); 5] = [
    seed!("000_9a8d99e1117297d5.txt"),
    seed!("001_ef2e2fe99c17a0a0.txt"),
    seed!("002_5edb2bcaa070a09b.txt"),
    seed!("003_3da983060587e498.txt"),
    seed!("004_064fa4282af369db.txt"),
];

// ---- Running properties ------------------------------------------------------

/// A fixed seed per property, so CI sees the same cases every run.
fn ci(cases: u32, seed: u64) -> Config {
    Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        max_shrink_iters: 500,
        ..Config::default()
    }
}

/// The long campaign: FUZZ_CASES cases (default 200,000) from FUZZ_SEED
/// (default 1), mixed with the property's own seed.
fn long(seed: u64) -> Config {
    let var = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let cases = var("FUZZ_CASES", 200_000).min(u64::from(u32::MAX)) as u32;
    let base = var("FUZZ_SEED", 1);
    Config {
        max_shrink_iters: 5_000,
        ..ci(cases, base.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ seed)
    }
}

/// Run `test` on values of `strategy`; say how many cases ran.
fn run<S>(name: &str, config: Config, strategy: S, test: impl Fn(S::Value) -> TestCaseResult)
where
    S: Strategy,
    S::Value: Debug,
{
    let ran = AtomicU64::new(0);
    let seed = config.rng_seed;
    let started = std::time::Instant::now();
    let result = TestRunner::new(config).run(&strategy, |v| {
        ran.fetch_add(1, Ordering::Relaxed);
        test(v)
    });
    eprintln!(
        "fuzz_load {name}: {} cases (seed {seed}) in {:.1?}: {}",
        ran.load(Ordering::Relaxed),
        started.elapsed(),
        if result.is_ok() {
            "nothing found"
        } else {
            "FAILED"
        }
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

// ---- What must hold ----------------------------------------------------------

/// A timeline file and its five articles, as bytes: mutations need not keep
/// them UTF-8.
#[derive(Clone)]
struct Files {
    ron: Vec<u8>,
    seeds: Vec<Vec<u8>>,
}

impl Files {
    fn shipped() -> Files {
        Files {
            ron: RON.as_bytes().to_vec(),
            seeds: SEEDS.iter().map(|(_, t)| t.as_bytes().to_vec()).collect(),
        }
    }

    fn bytes(&mut self, target: Target) -> &mut Vec<u8> {
        match target {
            Target::Ron => &mut self.ron,
            Target::Seed(i) => &mut self.seeds[i % SEEDS.len()],
        }
    }
}

/// Anything that could drive a terminal or make layout lie: controls but
/// newline (tabs are flattened too), bidi controls, zero-width characters.
fn unprintable(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c,
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}'
            | '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{fe00}'..='\u{fe0f}'
            | '\u{e0000}'..='\u{e007f}' | '\u{61c}')
}

/// Load and check `files` as `check` would, then judge what came out.
fn judge(files: &Files) -> TestCaseResult {
    // check_path reports a file that is not UTF-8 before parsing: the parser
    // is fed the lossy text instead, so it sees these cases too.
    let text = String::from_utf8_lossy(&files.ron);
    let seeds: Vec<Result<String, String>> = files
        .seeds
        .iter()
        .map(|b| String::from_utf8(b.clone()).map_err(|e| format!("not UTF-8 text ({e})")))
        .collect();
    let read = |_root: Option<&str>, file: &str| -> Result<String, String> {
        match SEEDS.iter().position(|(name, _)| *name == file) {
            Some(i) => seeds[i].clone(),
            None => Err("no such file".into()),
        }
    };
    let checked = check_str(&text, LABEL, &read);
    judge_checked(&checked, &text)
}

fn judge_checked(checked: &Checked, text: &str) -> TestCaseResult {
    let problems = &checked.report.problems;
    prop_assert!(
        checked.timeline.is_some() || problems.iter().any(|p| p.is_error()),
        "neither a timeline nor an error"
    );
    let lines: Vec<&str> = text.split('\n').collect();
    for p in problems {
        if let Some((line, col)) = p.at {
            prop_assert!(
                (1..=lines.len()).contains(&line),
                "line {line} of {}: {p}",
                lines.len()
            );
            let width = lines[line - 1].chars().count();
            prop_assert!(
                (1..=width + 1).contains(&col),
                "column {col} of {width} on line {line}: {p}"
            );
        }
    }
    let out = report::render(checked, LABEL);
    if let Some(c) = out.chars().find(|c| unprintable(*c)) {
        prop_assert!(false, "U+{:04X} in the report:\n{out}", c as u32);
    }
    if let Some(tl) = &checked.timeline {
        for e in &tl.events {
            for c in e.quotes() {
                if let Some(s) = tl.sources.get(c.source_index) {
                    prop_assert!(s.text.get(c.span.clone()).is_some(), "span {:?}", c.span);
                }
            }
        }
        // What list and show print, in every format: JSON escapes controls,
        // and the others print strings sanitized on load (newlines and tabs
        // survive there: they are text's own).
        let mut printed = json::to_string(&json::timeline(tl, tl.events.iter()));
        printed.push_str(&markdown::timeline(tl, tl.events.iter()));
        for e in &tl.events {
            printed.push_str(&text::row(e));
            printed.push_str(&lines::line(e));
            printed.push_str(&text::event(tl, e));
        }
        if let Some(c) = printed.chars().find(|c| *c != '\t' && unprintable(*c)) {
            prop_assert!(false, "U+{:04X} in list or show output", c as u32);
        }
    }
    Ok(())
}

// ---- Mutations ---------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
enum Target {
    Ron,
    Seed(usize),
}

/// Positions are taken modulo the length they apply to, so any number fits.
#[derive(Clone, Debug)]
enum Mutation {
    Truncate(Target, usize),
    /// A copy of `len` bytes from `from` put at `to`.
    Splice {
        target: Target,
        from: usize,
        len: usize,
        to: usize,
    },
    Cut(Target, usize, usize),
    Flip(Target, usize, u8),
    Insert(Target, usize, Vec<u8>),
    /// Bytes right after the `nth` string opening (in RON) or space (in articles).
    InText(Target, usize, Vec<u8>),
    /// `depth` open brackets (and as many closing, if `closed`).
    Nest {
        at: usize,
        open: u8,
        depth: usize,
        closed: bool,
    },
    /// The `nth` run of digits in the RON becomes `number`.
    Number(usize, String),
    /// A string `unit` x `times` long, inside the `nth` value of `field`.
    Huge {
        field: &'static str,
        nth: usize,
        unit: &'static str,
        times: usize,
    },
}

impl Mutation {
    fn apply(&self, files: &mut Files) {
        match self.clone() {
            Mutation::Truncate(t, at) => {
                let b = files.bytes(t);
                b.truncate(at % (b.len() + 1));
            }
            Mutation::Splice {
                target,
                from,
                len,
                to,
            } => {
                let b = files.bytes(target);
                let from = from % (b.len() + 1);
                let end = (from + len).min(b.len());
                let copy = b[from..end].to_vec();
                let to = to % (b.len() + 1);
                b.splice(to..to, copy);
            }
            Mutation::Cut(t, from, len) => {
                let b = files.bytes(t);
                let from = from % (b.len() + 1);
                let end = (from + len).min(b.len());
                b.drain(from..end);
            }
            Mutation::Flip(t, at, xor) => {
                let b = files.bytes(t);
                if !b.is_empty() {
                    let at = at % b.len();
                    b[at] ^= xor;
                }
            }
            Mutation::Insert(t, at, bytes) => {
                let b = files.bytes(t);
                let at = at % (b.len() + 1);
                b.splice(at..at, bytes);
            }
            Mutation::InText(t, nth, bytes) => {
                let anchor = match t {
                    Target::Ron => b'"',
                    Target::Seed(_) => b' ',
                };
                let b = files.bytes(t);
                let at = nth_position(b, |w| w[0] == anchor, nth).map_or(0, |i| i + 1);
                b.splice(at..at, bytes);
            }
            Mutation::Nest {
                at,
                open,
                depth,
                closed,
            } => {
                let close = if open == b'(' { b')' } else { b']' };
                let mut bytes = vec![open; depth];
                if closed {
                    bytes.extend(std::iter::repeat_n(close, depth));
                }
                let at = at % (files.ron.len() + 1);
                files.ron.splice(at..at, bytes);
            }
            Mutation::Number(nth, number) => {
                let b = &mut files.ron;
                // A digit that starts a run of digits.
                let starts =
                    |w: &[u8]| w.len() >= 2 && !w[0].is_ascii_digit() && w[1].is_ascii_digit();
                if let Some(i) = nth_position(b, starts, nth) {
                    let start = i + 1;
                    let len = b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
                    b.splice(start..start + len, number.into_bytes());
                }
            }
            Mutation::Huge {
                field,
                nth,
                unit,
                times,
            } => {
                let key = format!("{field}: \"");
                let b = &mut files.ron;
                let key = key.as_bytes();
                let at = nth_position(b, |w| w.starts_with(key), nth).map_or(0, |i| i + key.len());
                b.splice(at..at, unit.repeat(times).into_bytes());
            }
        }
    }
}

/// The `nth` (mod how many there are) position where `is` holds of the
/// bytes from there on.
fn nth_position(b: &[u8], is: impl Fn(&[u8]) -> bool, nth: usize) -> Option<usize> {
    let all: Vec<usize> = (0..b.len()).filter(|&i| is(&b[i..])).collect();
    (!all.is_empty()).then(|| all[nth % all.len()])
}

fn apply(mutations: &[Mutation]) -> Files {
    let mut files = Files::shipped();
    for m in mutations {
        m.apply(&mut files);
    }
    files
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![3 => Just(Target::Ron), 1 => (0..SEEDS.len()).prop_map(Target::Seed)]
}

/// RON's own tokens, and what breaks them.
const TOKENS: &[&str] = &[
    "\"",
    "\\",
    "r#\"",
    "\"#",
    "r##\"",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "//",
    "/*",
    "*/",
    "'",
    "'\\'",
    "#![enable(implicit_some)]\n",
    "id: \"x\",",
    "root: \"..\",",
    "events: [",
    "sources: [",
    "Event(",
    "Source(",
    "Some(",
    "None",
    "\n",
    "\r\n",
    "\\u{",
    "\\u{1b}",
    "\\u{110000}",
    "\\x",
    "Day(2020, 0, 0)",
    "Month(2020, 13)",
    "Year(-1)",
    "Day(99999999999999999999, 1, 1)",
    "Between(Day(2020, 9, 1), Day(2020, 8, 1))",
    "Between(Month(9999, 12), Year(9999))",
    "Between(Between(Year(1), Year(2)), Year(3))",
    "Between(Year(2020)",
    "1e999",
    "-",
    "b\"",
    "r",
    "#",
];

/// What an attacker puts in text: escape sequences (raw, and as RON escapes),
/// C1 controls, bidi overrides, zero-width and format characters, Zalgo,
/// invalid UTF-8.
const NASTY: &[&[u8]] = &[
    b"\x1b]52;c;cHduZWQ=\x07",
    b"\x1b]0;owned\x07",
    b"\x1b[2J",
    b"\x1b[31m",
    b"\x1b",
    b"\x1b\\",
    b"\x07",
    b"\r",
    b"\t",
    b"\x00",
    "\u{9b}31m".as_bytes(),
    "\u{9d}0;x\u{9c}".as_bytes(),
    "\u{202e}".as_bytes(),
    "\u{2066}".as_bytes(),
    "\u{200b}".as_bytes(),
    "\u{200d}".as_bytes(),
    "\u{200e}".as_bytes(),
    "\u{61c}".as_bytes(),
    "\u{feff}".as_bytes(),
    "\u{2060}".as_bytes(),
    "\u{2028}".as_bytes(),
    "\u{2029}".as_bytes(),
    "\u{fe0f}".as_bytes(),
    "\u{e0041}\u{e007f}".as_bytes(),
    "Z\u{337}\u{322}\u{31b}\u{30d}\u{346}\u{35b}".as_bytes(),
    "\u{301}".as_bytes(),
    "\u{ad}".as_bytes(),
    b"\\u{1b}]52;c;eA==\\u{7}",
    b"\\u{1b}[2J",
    b"\\u{9b}",
    b"\\u{202e}",
    b"\\u{200b}",
    b"\\u{2028}",
    b"\xff",
    b"\xc0\x80",
    b"\xe2\x80",
    b"\x80",
    b"\xed\xa0\x80",
];

fn token() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => proptest::sample::select(TOKENS).prop_map(|t| t.as_bytes().to_vec()),
        2 => proptest::sample::select(NASTY).prop_map(<[u8]>::to_vec),
        1 => proptest::collection::vec(any::<u8>(), 1..8),
    ]
}

fn nasty() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(proptest::sample::select(NASTY), 1..4).prop_map(|v| v.concat())
}

fn byte_edit() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (target(), at, 0..400usize, any::<usize>()).prop_map(|(target, from, len, to)| {
            Mutation::Splice {
                target,
                from,
                len,
                to,
            }
        }),
        (target(), at, 0..400usize).prop_map(|(t, a, l)| Mutation::Cut(t, a, l)),
        (target(), at, 1..=255u8).prop_map(|(t, a, x)| Mutation::Flip(t, a, x)),
        (target(), at, token()).prop_map(|(t, a, b)| Mutation::Insert(t, a, b)),
    ]
}

fn extreme() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (
            any::<usize>(),
            prop_oneof![Just(b'['), Just(b'(')],
            1_000..6_000usize,
            any::<bool>()
        )
            .prop_map(|(at, open, depth, closed)| Mutation::Nest {
                at,
                open,
                depth,
                closed
            }),
        (
            any::<usize>(),
            proptest::sample::select(vec![
                "99999999999999999999",
                "340282366920938463463374607431768211456",
                "4294967296",
                "2147483648",
                "-2147483649",
                "0",
                "00000000000000000000000000000001",
                "1e400",
                "0x7fffffffffffffffffff",
                "1.5",
                "-0",
            ])
        )
            .prop_map(|(nth, n)| Mutation::Number(nth, n.to_string())),
        (
            proptest::sample::select(vec!["id", "source", "quote", "title", "file", "summary"]),
            any::<usize>(),
            proptest::sample::select(vec![
                "a", "é", "-", "\u{200b}", "\\u{1b}", "\\\\", "Z\u{337}", "“"
            ]),
            prop_oneof![1..64usize, 65_536..70_000usize],
        )
            .prop_map(|(field, nth, unit, times)| Mutation::Huge {
                field,
                nth,
                unit,
                times
            }),
    ]
}

// ---- The properties ----------------------------------------------------------

/// Half-saved files: the timeline or an article cut at any byte.
fn truncations(config: Config) {
    let strategy = (target(), any::<usize>()).prop_map(|(t, at)| vec![Mutation::Truncate(t, at)]);
    run("truncations", config, strategy, |m| judge(&apply(&m)));
}

/// Splices of one region into another, cuts, byte flips and insertions.
fn splices_flips_and_insertions(config: Config) {
    let strategy = proptest::collection::vec(byte_edit(), 1..5);
    run("splices_flips_and_insertions", config, strategy, |m| {
        judge(&apply(&m))
    });
}

/// Deep nesting, huge numbers, huge strings and ids, with a byte edit or two.
fn nesting_numbers_and_huge_strings(config: Config) {
    let strategy = (
        proptest::collection::vec(extreme(), 1..3),
        proptest::collection::vec(byte_edit(), 0..2),
    )
        .prop_map(|(a, b)| [a, b].concat());
    run("nesting_numbers_and_huge_strings", config, strategy, |m| {
        judge(&apply(&m))
    });
}

/// Escape sequences, controls, zero-width characters and invalid UTF-8 in
/// the timeline's strings and in the articles, where quotes are sought.
fn escapes_and_invisibles_in_strings_and_articles(config: Config) {
    let strategy = proptest::collection::vec(
        (target(), any::<usize>(), nasty()).prop_map(|(t, n, b)| Mutation::InText(t, n, b)),
        1..6,
    );
    run(
        "escapes_and_invisibles_in_strings_and_articles",
        config,
        strategy,
        |m| judge(&apply(&m)),
    );
}

/// Cuts just before and just after every backslash, quote and bracket of
/// the shipped timeline: where half-saved files break lexers.
#[test]
fn every_cut_near_an_escape_quote_or_bracket() {
    let cuts: Vec<usize> = RON
        .bytes()
        .enumerate()
        .filter(|(_, b)| b"\\\"'()[]{}#".contains(b))
        .flat_map(|(i, _)| [i, i + 1])
        .collect::<std::collections::BTreeSet<usize>>()
        .into_iter()
        .collect();
    assert!(cuts.len() > 1_000, "{}", cuts.len());
    let started = std::time::Instant::now();
    let failed: Vec<String> = cuts
        .par_iter()
        .filter_map(|&at| {
            let files = apply(&[Mutation::Truncate(Target::Ron, at)]);
            let outcome = std::panic::catch_unwind(|| judge(&files));
            match outcome {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(format!("cut at {at}: {e}")),
                Err(_) => Some(format!("cut at {at}: panicked")),
            }
        })
        .collect();
    eprintln!(
        "fuzz_load every_cut_near_an_escape_quote_or_bracket: {} cases in {:.1?}",
        cuts.len(),
        started.elapsed()
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// A folder with a secret outside it and ways out inside it.
struct Maze {
    _outer: tempfile::TempDir,
    base: PathBuf,
}

/// What only the file outside says ("0000"): one quote cites it as it stands
/// (found, were it read), another nearly (the hint would show the passage).
/// Messages show a quote's first eight words, which stop before the code.
const SECRET: &str = "Said the secret file, the launch code is 0000.";
const NEAR: &str = "Said the secret file, the launch code is 1234.";

fn maze() -> Maze {
    use std::os::unix::fs::symlink;
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("secret.txt"), SECRET).unwrap();
    let base = outer.path().join("tl");
    let seeds = base.join("seeds");
    std::fs::create_dir_all(seeds.join("dir")).unwrap();
    std::fs::write(seeds.join("a.txt"), "An article inside the folder.").unwrap();
    symlink(outer.path(), seeds.join("up")).unwrap();
    symlink(outer.path().join("secret.txt"), seeds.join("leak.txt")).unwrap();
    symlink(".", seeds.join("self")).unwrap();
    symlink("/", seeds.join("abs")).unwrap();
    symlink("a.txt", seeds.join("alias.txt")).unwrap();
    let fifo = seeds.join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    Maze {
        base: std::fs::canonicalize(&base).unwrap(),
        _outer: outer,
    }
}

fn path_text() -> impl Strategy<Value = String> {
    let part = proptest::sample::select(vec![
        "..",
        ".",
        "seeds",
        "a.txt",
        "up",
        "leak.txt",
        "secret.txt",
        "tl",
        "self",
        "abs",
        "alias.txt",
        "etc",
        "passwd",
        "dev",
        "zero",
        "stdin",
        "fifo",
        "dir",
        "",
    ]);
    (any::<bool>(), proptest::collection::vec(part, 0..6)).prop_map(|(absolute, parts)| {
        let joined = parts.join("/");
        if absolute {
            format!("/{joined}")
        } else {
            joined
        }
    })
}

/// Whatever `root` and `file` say, nothing outside the folder is read, and
/// what is read resolves inside it. Nothing blocks (a FIFO is a choice).
fn paths_never_leave_the_folder(config: Config) {
    let m = maze();
    let strategy = (proptest::option::of(path_text()), path_text());
    run(
        "paths_never_leave_the_folder",
        config,
        strategy,
        |(root, file)| {
            let root_field = root
                .as_ref()
                .map_or(String::new(), |r| format!("root: {r:?}, "));
            let ron = format!(
                "Timeline(title: \"t\", {root_field}sources: [Source(id: \"s\", file: {file:?})], \
             events: [Event(id: \"e\", date: Year(2020), title: \"t\", summary: \"s\", kind: Order, \
             citations: [(source: \"s\", quote: {SECRET:?}), (source: \"s\", quote: {NEAR:?})])])"
            );
            let path = m.base.join("timeline.ron");
            std::fs::write(&path, &ron).unwrap();
            let checked = check_path(&path);
            judge_checked(&checked, &ron)?;
            let out = report::render(&checked, "t");
            prop_assert!(!out.contains("0000"), "{out}");
            let tally = &checked.report.tallies[0];
            prop_assert_eq!(tally.found, 0, "the secret was read: {}", out);
            let read = checked
                .timeline
                .as_ref()
                .is_some_and(|tl| !tl.sources[0].text.is_empty());
            if read {
                let rel = Path::new(root.as_deref().unwrap_or("")).join(&file);
                let real = std::fs::canonicalize(m.base.join(rel)).unwrap();
                prop_assert!(real.starts_with(&m.base), "read {}", real.display());
            }
            Ok(())
        },
    );
}

// CI: fixed seeds, bounded cases (the whole file in well under a minute in
// the debug profile on 2 cores).

#[test]
fn truncations_ci() {
    truncations(ci(500, 1));
}

#[test]
fn splices_flips_and_insertions_ci() {
    splices_flips_and_insertions(ci(500, 2));
}

#[test]
fn nesting_numbers_and_huge_strings_ci() {
    nesting_numbers_and_huge_strings(ci(150, 3));
}

#[test]
fn escapes_and_invisibles_in_strings_and_articles_ci() {
    escapes_and_invisibles_in_strings_and_articles(ci(300, 4));
}

#[test]
fn paths_never_leave_the_folder_ci() {
    paths_never_leave_the_folder(ci(300, 5));
}

// The long campaign.

#[test]
#[ignore]
fn long_truncations() {
    truncations(long(1));
}

#[test]
#[ignore]
fn long_splices_flips_and_insertions() {
    splices_flips_and_insertions(long(2));
}

#[test]
#[ignore]
fn long_nesting_numbers_and_huge_strings() {
    nesting_numbers_and_huge_strings(long(3));
}

#[test]
#[ignore]
fn long_escapes_and_invisibles_in_strings_and_articles() {
    escapes_and_invisibles_in_strings_and_articles(long(4));
}

#[test]
#[ignore]
fn long_paths_never_leave_the_folder() {
    paths_never_leave_the_folder(long(5));
}
