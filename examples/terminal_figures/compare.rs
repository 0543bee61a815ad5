//! The comparison: every tool, every query, `--runs` times, interleaved so
//! that a machine that gets busier mid-way weighs on all tools alike.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crate::Args;
use crate::pty::{LIVE, Term};
use crate::report::{self, Machine, Query, Report, Run, ms};
use crate::tools::{Setup, Tool};

/// The temporary folder (fzf's input, the app's state), removed on a signal.
static SCRATCH: OnceLock<PathBuf> = OnceLock::new();

/// Ctrl-C (or a SIGTERM, SIGHUP) ends the child being measured and removes
/// the scratch folder before leaving: the children run in sessions of their
/// own, so the terminal's Ctrl-C does not reach them.
pub fn end_children_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let pid = LIVE.load(Ordering::SeqCst);
            if pid > 0 {
                // SAFETY: a signal to our own child.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
            if let Some(dir) = SCRATCH.get() {
                let _ = std::fs::remove_dir_all(dir);
            }
            std::process::exit(128 + sig);
        }
    });
}

pub fn fail(what: &str, hint: &str) -> i32 {
    eprintln!("error: {what}\n  hint: {hint}");
    1
}

pub fn explorer_binary(args: &Args) -> PathBuf {
    args.bin.clone().unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/timeline-explorer")
    })
}

pub fn run(args: &Args, dir: &Path) -> i32 {
    let timeline = dir.join("timeline.ron");
    if !timeline.is_file() {
        return fail(
            &format!("no {}", timeline.display()),
            "make one: cargo run --release --example synth -- --events 100000 --out DIR",
        );
    }
    let bin = explorer_binary(args);
    if !bin.is_file() {
        return fail(
            &format!("no binary at {}", bin.display()),
            "build it first: cargo build --release (or give --bin PATH)",
        );
    }
    let scratch = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => return fail(&format!("a temporary folder: {e}"), "is TMPDIR writable?"),
    };
    let _ = SCRATCH.set(scratch.path().to_path_buf());
    let lines = scratch.path().join("lines.txt");
    let events = match write_lines(&bin, &timeline, &lines) {
        Ok(n) => n,
        Err(e) => return fail(&e, "does `check` pass on it?"),
    };
    let loadavg_before = loadavg();
    let limit = Duration::from_secs_f64(args.limit);
    let quiet = Duration::from_secs_f64(args.quiet);

    let mut tools = Vec::new();
    let mut setups: Vec<Option<Setup>> = Vec::new();
    for &tool in &args.tools {
        let given = match tool {
            Tool::Explorer => args.bin.as_deref(),
            Tool::Fzf => args.fzf.as_deref(),
            Tool::Skim => args.sk.as_deref(),
        };
        let Some(program) = tool.locate(&bin, given) else {
            tools.push(report::Tool {
                name: tool.name(),
                status: "not installed".into(),
                version: None,
                command: None,
                queries: Vec::new(),
            });
            setups.push(None);
            continue;
        };
        let setup = tool.setup(
            program.clone(),
            &timeline,
            &lines,
            events,
            scratch.path(),
            (&args.first_frame, &args.complete),
        );
        let setup = match setup {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: a regex: {e}");
                return 2;
            }
        };
        let mut command = program.display().to_string();
        for a in &setup.spawn.args {
            command.push(' ');
            command.push_str(&a.to_string_lossy());
        }
        if setup.spawn.stdin.is_some() {
            command.push_str(" < lines.txt");
        }
        tools.push(report::Tool {
            name: tool.name(),
            status: "installed".into(),
            version: Some(tool.version(&program)),
            command: Some(command),
            queries: args
                .queries
                .iter()
                .map(|q| Query {
                    typed: format!("{}{q}", setup.prefix),
                    runs: Vec::new(),
                })
                .collect(),
        });
        setups.push(Some(setup));
    }

    for run in 1..=args.runs {
        for (tool, setup) in tools.iter_mut().zip(&setups) {
            let Some(setup) = setup else { continue };
            for (q, query) in tool.queries.iter_mut().zip(&args.queries) {
                let figures = match once(setup, query, args, quiet, limit) {
                    Ok(r) => r,
                    Err(e) => {
                        eprintln!("{} `{}` run {run}: {e}", tool.name, q.typed);
                        let first = e.lines().next().unwrap_or_default();
                        tool.status = format!("failed: {first}");
                        continue;
                    }
                };
                eprintln!(
                    "{} `{}` run {run}/{}: first frame {}, complete {}, worst key {:.1} ms, median {:.1} ms",
                    tool.name,
                    q.typed,
                    args.runs,
                    shown(figures.first_frame_ms),
                    shown(figures.complete_ms),
                    figures.worst_ms,
                    figures.median_ms,
                );
                if let Some(w) = &figures.whole {
                    eprintln!(
                        "  whole answers (typed with {} s pauses): worst {:.1} ms, median {:.1} ms",
                        args.settle, w.worst_ms, w.median_ms
                    );
                }
                q.runs.push(figures);
            }
        }
    }

    let report = Report {
        date: chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
        machine: Machine {
            nproc: std::thread::available_parallelism().map_or(0, |n| n.get()),
            cpu: cpu_model(),
            loadavg_before,
            loadavg_after: loadavg(),
        },
        command: command_line(),
        commit: commit(),
        events,
        cols: args.cols,
        rows: args.rows,
        quiet_ms: args.quiet * 1000.0,
        settle_ms: (args.settle > 0.0).then_some(args.settle * 1000.0),
        runs: args.runs.into(),
        tools,
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("figures serialize")
        );
    } else {
        print!("{}", report.markdown());
    }
    0
}

/// One run of one query: keylat's pass, then (with `--settle`) a second
/// spawn typing slowly for the whole answers.
fn once(
    setup: &Setup,
    query: &str,
    args: &Args,
    quiet: Duration,
    limit: Duration,
) -> Result<Run, String> {
    let (first, complete, keys) = typed(setup, query, args, quiet, limit)?;
    let mut run = Run::new(first, complete, keys);
    if args.settle > 0.0 {
        let settle = Duration::from_secs_f64(args.settle);
        let (_, _, keys) = typed(setup, query, args, settle, limit)?;
        run.whole(keys.iter().map(|k| k.0).collect());
    }
    Ok(run)
}

/// One spawn typing one query, each key answered once `quiet` passes in
/// silence: first frame, complete, and (ms, bytes) per key.
type Typed = (Option<f64>, Option<f64>, Vec<(f64, usize)>);

fn typed(
    setup: &Setup,
    query: &str,
    args: &Args,
    quiet: Duration,
    limit: Duration,
) -> Result<Typed, String> {
    let (mut term, start) =
        Term::spawn(&setup.spawn, args.cols, args.rows).map_err(|e| e.to_string())?;
    let when = term.startup(start, &[&setup.first_frame, &setup.complete], limit);
    if when[1].is_none() {
        return Err(format!(
            "never matched /{}/ within {} s; the screen:\n{}",
            setup.complete,
            limit.as_secs(),
            term.text()
        ));
    }
    for k in setup.prefix.chars() {
        term.key(k.to_string().as_bytes(), quiet, limit);
    }
    let keys = query
        .chars()
        .map(|k| {
            let (t, bytes) = term.key(k.to_string().as_bytes(), quiet, limit);
            (ms(t), bytes)
        })
        .collect();
    Ok((when[0].map(ms), when[1].map(ms), keys))
}

fn shown(ms: Option<f64>) -> String {
    ms.map_or("never".into(), |m| format!("{m:.1} ms"))
}

/// fzf's and skim's input: the timeline as `list --format lines` prints it,
/// one event a line. Returns how many.
fn write_lines(bin: &Path, timeline: &Path, out: &Path) -> Result<usize, String> {
    let file = File::create(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut child = Command::new(bin)
        .arg("--data")
        .arg(timeline)
        .args(["list", "--format", "lines"])
        .stdout(Stdio::from(file))
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    // It takes seconds at 100k: a Ctrl-C meanwhile ends it too.
    LIVE.store(child.id() as i32, Ordering::SeqCst);
    let status = child.wait().map_err(|e| e.to_string())?;
    LIVE.store(0, Ordering::SeqCst);
    if !status.success() {
        return Err(format!(
            "`list --format lines` on {} failed",
            timeline.display()
        ));
    }
    let text = std::fs::read(out).map_err(|e| e.to_string())?;
    Ok(memchr::memchr_iter(b'\n', &text).count())
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

/// This command as typed, for the README's "to reproduce".
fn command_line() -> String {
    let mut line = String::from("cargo run --release --example terminal_figures --");
    for a in std::env::args().skip(1) {
        line.push(' ');
        if a.contains(|c: char| c.is_whitespace() || "'\"$\\`*?".contains(c)) {
            line.push_str(&format!("'{}'", a.replace('\'', r"'\''")));
        } else {
            line.push_str(&a);
        }
    }
    line
}

/// The commit measured, marked `-dirty` with uncommitted changes.
fn commit() -> Option<String> {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let head = git(&["rev-parse", "--short", "HEAD"])?;
    let dirty =
        git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    Some(if dirty { format!("{head}-dirty") } else { head })
}
