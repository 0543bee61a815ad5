//! Figures only a real terminal shows, measured through a pseudo-terminal.
//!
//!     cargo build --release && cargo run --release --example terminal_figures
//!
//! - first frame: from spawning the release binary to its first full frame
//!   (the header's `25 of 25 events` on screen), over 30 runs;
//! - bytes per keystroke: what moving the selection one row (`j`) writes to
//!   the terminal at 120x40, the traffic an SSH link carries.
//!
//! With `--events-dir DIR` (a timeline from the `synth` example), the
//! comparison with fzf and skim instead, in one run:
//!
//!     cargo run --release --example synth -- --events 100000 --out DIR
//!     cargo run --release --example terminal_figures -- --events-dir DIR
//!
//! Each tool on the same timeline (fzf and skim read its `list --format
//! lines`), in a 120x40 pty, typing the same queries: first frame, everything
//! loaded, and per key the time from writing it to the last byte of the
//! answer, as `../shared/tools/keylat.py` measures (see `pty.rs`). A Markdown
//! table for the README, or `--json`. A tool not installed is reported so.
//!
//! With `--while-loading` as well, keys typed while that timeline loads,
//! each timed to its answer (see `loading.rs`):
//!
//!     cargo run --release --example terminal_figures -- --events-dir DIR --while-loading

#[path = "terminal_figures/compare.rs"]
mod compare;
#[path = "terminal_figures/loading.rs"]
mod loading;
#[path = "terminal_figures/pty.rs"]
mod pty;
#[path = "terminal_figures/report.rs"]
mod report;
#[path = "terminal_figures/shipped.rs"]
mod shipped;
#[path = "terminal_figures/tools.rs"]
mod tools;

use std::path::PathBuf;

use clap::Parser;

use tools::Tool;

#[derive(Parser)]
#[command(
    about = "First frame and key latency through a pty; with --events-dir, against fzf and skim"
)]
pub struct Args {
    /// Compare with fzf and skim on DIR/timeline.ron (from the synth example).
    /// Without it: the shipped timeline's first frame and bytes per key.
    #[arg(long, value_name = "DIR")]
    events_dir: Option<PathBuf>,
    /// With --events-dir: type the first query's letters and backspaces
    /// while the timeline loads, and time each key's answer (timeline-explorer
    /// alone).
    #[arg(long, requires = "events_dir")]
    while_loading: bool,
    /// With --while-loading: the pause after each key's answer, in seconds.
    #[arg(long, default_value_t = 0.07, value_parser = seconds)]
    gap: f64,
    /// Spawns per tool and query.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..))]
    runs: u16,
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u16).range(1..))]
    cols: u16,
    #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u16).range(1..))]
    rows: u16,
    /// Which tools, comma-separated.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "timeline-explorer,fzf,skim"
    )]
    tools: Vec<Tool>,
    /// A query to type, character by character (repeatable).
    #[arg(long = "query", default_values = ["oracle dea", "nichols"])]
    queries: Vec<String>,
    /// Silence that ends a key's answer, in seconds (keylat.py's --quiet).
    #[arg(long, default_value_t = 0.15, value_parser = seconds)]
    quiet: f64,
    /// Also type each query in a second spawn, a key each time the tool has
    /// been silent this long (s), to time whole answers: a tool that echoes
    /// the key at once and shows its matches later than `--quiet` gets only
    /// the echo timed by keylat's rule. 0: skip.
    #[arg(long, default_value_t = 1.0, value_parser = seconds)]
    settle: f64,
    /// How long to wait for anything at all: start-up, a key's first byte (s).
    #[arg(long, default_value_t = 60.0, value_parser = seconds)]
    limit: f64,
    /// The timeline-explorer binary [default: target/release/timeline-explorer].
    #[arg(long, value_name = "PATH")]
    bin: Option<PathBuf>,
    /// The fzf binary [default: fzf on PATH].
    #[arg(long, value_name = "PATH")]
    fzf: Option<PathBuf>,
    /// The skim binary [default: sk on PATH, else ~/.cargo/bin/sk].
    #[arg(long, value_name = "PATH")]
    sk: Option<PathBuf>,
    /// Regex on timeline-explorer's screen that says its first frame is drawn
    /// [default: `of ~?[0-9][0-9,]* events`, the header's count].
    #[arg(long, value_name = "REGEX")]
    first_frame: Option<String>,
    /// Regex on timeline-explorer's screen that says everything is loaded
    /// [default: `\bof N events`, N the timeline's events; with
    /// --while-loading, the header without `loading`].
    #[arg(long, value_name = "REGEX")]
    complete: Option<String>,
    /// JSON instead of Markdown.
    #[arg(long)]
    json: bool,
}

/// A time in seconds, as a `Duration` can hold it.
fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=3600.0).contains(&v) => Ok(v),
        _ => Err("seconds from 0 to 3600, such as 0.15".into()),
    }
}

fn main() {
    let args = Args::parse();
    compare::end_children_on_signals();
    let code = match &args.events_dir {
        Some(dir) if args.while_loading => loading::run(&args, dir),
        Some(dir) => compare::run(&args, dir),
        None => shipped::run(&args),
    };
    std::process::exit(code);
}
