//! Speed at scale. `cargo bench` runs every group; `cargo bench -- keystroke/100000`
//! one of them. Group/parameter ids are stable so results compare across changes:
//!
//! - `load/N`: parse and validate a synthetic timeline of N events, every quote located.
//! - `keystroke/N`: typing `oracle dea` into the filter one key at a time, per key.
//! - `keystroke_worst/100000`: the slowest single key of typing `oracle dea`, then
//!   `nichols`, from cold, with the worker's part as the app runs it: what a
//!   user waits for at worst, which a mean hides.
//!   `KEYS=1 cargo bench -- keystroke_worst --profile-time 1` prints each key's time.
//! - `render/N`: one full frame at 120x40 (list and preview) through TestBackend.
//! - `render_as_of/home/100000`, `render_as_of/agenda/100000`: the same with an as-of
//!   date (the header's next deadline counted), and with the agenda open.
//! - `source/1MB`: opening a 1 MB article, wrapped, its cited passages highlighted.
//! - `first_frame/100000`: a large `--data` timeline's first frame, drawn
//!   before the file is read (it says "reading the file"), at 120x40.
//! - `first_events/100000`: from nothing to the frame that lists the first
//!   batch of the 100k-event timeline loaded in parts (file read and scanned,
//!   head parsed, sources read, 2,000 events parsed and checked).
//! - `grep/10000`: `oracle dea` sought in every sentence of the 10,000 articles
//!   of the 100k-event timeline (`grep`'s work once loaded).
//!
//! The timelines come from examples/synth.rs, written once under target/bench-data/.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use timeline_explorer::search::{Query, Search};
use timeline_explorer::timeline::stream::Part;
use timeline_explorer::timeline::{Timeline, check_path, load_path};
use timeline_explorer::tui::state::action::Shared;
use timeline_explorer::tui::state::filter;
use timeline_explorer::tui::{Action, App, Options, update, view};

#[allow(dead_code)]
#[path = "../examples/synth.rs"]
mod synth;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const QUERY: &str = "oracle dea";

fn data_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-data")
        .join(name)
}

/// The synthetic timeline of `n` events, generated on first use.
fn synthetic(n: usize) -> PathBuf {
    let dir = data_dir(&n.to_string());
    if !dir.join("timeline.ron").exists() {
        synth::generate(n, &dir);
    }
    dir.join("timeline.ron")
}

fn load(n: usize) -> Timeline {
    load_path(&synthetic(n)).expect("synthetic timelines are clean")
}

fn app(tl: Timeline) -> App {
    App::new(tl, &Options::default(), Size::new(120, 40))
}

fn bench_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for n in SIZES {
        let path = synthetic(n);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            // Dropping 100k events is not loading them: the drop is left out.
            b.iter_with_large_drop(|| {
                let checked = check_path(&path);
                assert!(checked.is_clean());
                checked
            })
        });
    }
    group.finish();
}

fn bench_keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke");
    group.sample_size(20);
    for n in SIZES {
        let mut app = app(load(n));
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            // One sample types the whole query; the time reported is per key.
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    app.forget_filter_cache();
                    update(&mut app, Action::StartFilter);
                    let start = Instant::now();
                    for ch in QUERY.chars() {
                        update(&mut app, Action::Input(ch));
                    }
                    total += start.elapsed();
                    assert!(!app.filter.hits.is_empty());
                    update(&mut app, Action::CancelFilter);
                }
                total / QUERY.len() as u32
            })
        });
    }
    group.finish();
}

/// Each sample types both queries from cold, one key at a time, through
/// `update` as the app does, and reports the slowest key of the two.
fn bench_keystroke_worst(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_worst");
    group.sample_size(10);
    let n = 100_000;
    let mut app = app(load(n));
    group.bench_function(BenchmarkId::from_parameter(n), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                total += [QUERY, "nichols"]
                    .iter()
                    .map(|query| worst_key(&mut app, query))
                    .max()
                    .unwrap_or_default();
            }
            total
        })
    });
    group.finish();
}

/// The longest single key of typing `query` from cold, as the app runs it:
/// `update`, then the worker's filter and the answer taken in. What the worker
/// does after answering (finding the term's every start for the next key,
/// `filter::more`) is done between keys, as while the user types, untimed.
fn worst_key(app: &mut App, query: &str) -> Duration {
    app.forget_filter_cache();
    app.background = true;
    update(app, Action::StartFilter);
    let mut worst = Duration::ZERO;
    // KEYS=1 prints each key's time, to see which one is the worst.
    let trace = std::env::var_os("KEYS").is_some();
    for ch in query.chars() {
        let start = Instant::now();
        update(app, Action::Input(ch));
        let mut more = None;
        if let Some(request) = app.filter.pending.clone() {
            let outcome = filter::run(&app.search, &app.index, &request);
            more = outcome
                .starts
                .is_none()
                .then(|| (request, outcome.events.clone()));
            update(app, Action::Filtered(Box::new(outcome)));
        }
        let took = start.elapsed();
        worst = worst.max(took);
        if trace {
            eprintln!("{ch:?} {took:?}, {} listed", app.filter.hits.len());
        }
        if let Some((request, events)) = more
            && let Some(found) = filter::more(&app.search, &app.index, &request, &events, &|| false)
        {
            update(app, Action::StartsFound(Box::new(found)));
        }
    }
    assert!(!app.filter.hits.is_empty(), "{query} matches");
    update(app, Action::CancelFilter);
    app.filter.pending = None;
    app.background = false;
    worst
}

fn bench_render(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    for n in SIZES {
        let app = app(load(n));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| terminal.draw(|f| view(&app, f)).map(|_| ()).unwrap())
        });
    }
    group.finish();
}

/// A frame at 100k events with an as-of date, as the app always has one: the
/// header counts the days to the next deadline or hearing; then the agenda (`a`).
fn bench_render_as_of(c: &mut Criterion) {
    let mut group = c.benchmark_group("render_as_of");
    let options = Options {
        as_of: chrono::NaiveDate::from_ymd_opt(2020, 10, 4),
        ..Options::default()
    };
    let mut app = App::new(load(100_000), &options, Size::new(120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    group.bench_function("home/100000", |b| {
        b.iter(|| terminal.draw(|f| view(&app, f)).map(|_| ()).unwrap())
    });
    update(&mut app, Action::ToggleAgenda);
    group.bench_function("agenda/100000", |b| {
        b.iter(|| terminal.draw(|f| view(&app, f)).map(|_| ()).unwrap())
    });
    group.finish();
}

/// A 1 MB article cited by 200 events, spread through it.
fn one_megabyte() -> PathBuf {
    let dir = data_dir("source-1mb");
    let ron_path = dir.join("timeline.ron");
    if ron_path.exists() {
        return ron_path;
    }
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    let mut g = synth::Gen::new(1);
    let mut text = String::new();
    let mut sentences = Vec::new();
    while text.len() < 1 << 20 {
        let s = g.sentence();
        text.push_str(&s);
        text.push_str(if g.rng.u32(0..5) == 0 { "\n\n" } else { " " });
        sentences.push(s);
    }
    std::fs::write(dir.join("seeds/big.txt"), &text).unwrap();
    let mut ron = String::from(
        "Timeline(title: \"1 MB\", sources: [Source(id: \"big\", file: \"seeds/big.txt\")], events: [\n",
    );
    let step = sentences.len() / 200;
    for i in 0..200 {
        let quote = synth::string(&sentences[i * step]);
        let _ = writeln!(
            ron,
            "Event(id: \"e{i}\", date: Day(2020, 1, 1), title: \"Event {i}\", summary: \"S.\", kind: Report, citations: [(source: \"big\", quote: {quote})]),"
        );
    }
    ron.push_str("])\n");
    std::fs::write(&ron_path, ron).unwrap();
    ron_path
}

fn bench_source(c: &mut Criterion) {
    let tl = load_path(&one_megabyte()).unwrap();
    let mut app = App::new(
        tl,
        &Options {
            select: Some("e100".into()),
            ..Options::default()
        },
        Size::new(120, 40),
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("source/1MB", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                update(&mut app, Action::OpenSource);
                terminal.draw(|f| view(&app, f)).unwrap();
                total += start.elapsed();
                update(&mut app, Action::Back);
            }
            total
        })
    });
}

fn bench_grep(c: &mut Criterion) {
    let tl = load(100_000);
    let search = Search::default();
    let query = Query::parse(QUERY);
    let mut group = c.benchmark_group("grep");
    group.sample_size(10);
    group.bench_function(BenchmarkId::from_parameter(tl.sources.len()), |b| {
        b.iter_with_large_drop(|| {
            let hits = search.passages(&tl, &query, None);
            assert!(!hits.is_empty());
            hits
        })
    });
    group.finish();
}

/// The app as the CLI starts it for a large file: named by it, nothing read.
fn starting() -> App {
    let empty = Timeline {
        title: "timeline.ron".into(),
        root: None,
        sources: Vec::new(),
        events: Vec::new(),
    };
    app(empty).loading(None)
}

fn bench_first_frame(c: &mut Criterion) {
    let path = synthetic(100_000);
    let frame = |a: &App| {
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| view(a, f)).unwrap();
        t
    };
    let mut group = c.benchmark_group("first_frame");
    group.bench_function(BenchmarkId::from_parameter(100_000), |b| {
        b.iter(|| frame(&starting()))
    });
    group.finish();
    let mut group = c.benchmark_group("first_events");
    group.sample_size(10);
    group.bench_function(BenchmarkId::from_parameter(100_000), |b| {
        b.iter(|| {
            let mut a = starting();
            timeline_explorer::timeline::stream::loader(&path).run(|part| {
                let events = matches!(part, Part::Events { .. });
                update(&mut a, Action::Loading(Shared::new(part)));
                !events
            });
            assert!(!a.timeline.events.is_empty());
            frame(&a)
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_load,
    bench_keystroke,
    bench_keystroke_worst,
    bench_render,
    bench_render_as_of,
    bench_source,
    bench_grep,
    bench_first_frame
);
criterion_main!(benches);
