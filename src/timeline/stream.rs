//! Loading a large timeline in parts, so the app can draw before all of it is
//! read: the head (title, sources) at once, then the events in batches in
//! file order, each parsed on every core, sanitized, checked and sorted by
//! date, then the checks that need every event. The problems found are those
//! `check_path` finds, in the same order.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::check::{Checker, Report};
use super::load::{Checked, check_path};
use super::load::{
    by_date, hint_for, item_error_at, options, ready, sanitize_head, without_events,
};
use super::model::{Event, Source, Timeline};
use super::problem::{Locator, Problem};
use super::read::{self, Folder, Held};
use super::split::{Split, split_events};
use ron::error::SpannedError;

/// The first batch: small, so the first events are listed at once.
const FIRST: usize = 2_000;

/// The most of the file read into memory at a time once the events are
/// found: the rest of the text is not kept (at 100k events it was 117 MB of
/// the peak, held to the end only to place problems).
const CHUNK: usize = 8 << 20;

/// A timeline file to load in parts: `run` it, on a thread of its own.
pub struct Loader {
    path: PathBuf,
    /// Events in the first batch.
    first: usize,
    /// The most of the file read at a time (`CHUNK`).
    chunk: usize,
}

/// What loading delivers, in this order: `Head`, then `Events` until all are
/// loaded, then `Done`. Or, at the first problem that stops it, `Failed`; or
/// `Whole` for a file that cannot be loaded in parts but loads whole.
#[derive(Debug, Clone)]
pub enum Part {
    /// The title, root and sources (their texts not read yet), no events;
    /// how many events the file holds, as a scan for them counts.
    Head { head: Timeline, total: usize },
    /// The next events in file order, sorted by date; the problems found so
    /// far not delivered before; how many events are loaded with these.
    Events {
        events: Vec<Event>,
        problems: Vec<Problem>,
        loaded: usize,
    },
    /// What stops loading, with where it is: an unreadable file, a head or
    /// an event that does not parse.
    Failed(Vec<Problem>),
    /// A file the scan for events is not sure of (`#![enable(...)]`), loaded
    /// and checked whole, as `check_path` does.
    Whole(Box<Checked>),
    /// Every event is loaded and checked: the sources with their texts, and
    /// the report (the problems not delivered before, and the tallies).
    Done {
        sources: Vec<Source>,
        report: Report,
    },
}

/// The timeline file at `path`, to load in parts. Nothing is read yet.
pub fn loader(path: &Path) -> Loader {
    Loader {
        path: path.to_path_buf(),
        first: FIRST,
        chunk: CHUNK,
    }
}

/// The file read, its events found and its head parsed; `None` when it
/// cannot be loaded in parts.
fn open(path: &Path) -> Option<(Held, String, Split, Folder, Timeline)> {
    let (held, bytes) = Held::read(path, read::TIMELINE_MAX, "a timeline file").ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let folder = Folder::of(path).ok()?;
    let split = split_events(&text)?;
    let mut head: Timeline = options().from_str(&without_events(&text, &split)).ok()?;
    sanitize_head(&mut head);
    Some((held, text, split, folder, head))
}

/// The items of `batch` parsed on every core, each made `ready` by the
/// thread that parsed it. The file is read a chunk of at most `chunk` bytes
/// (or one item) at a time into `bufs`, the next chunk while this one is
/// parsed (read in turn, they were 70 ms of loading 100k events with a core
/// idle); `None` if the file changed since it was read (its items may be
/// anywhere now).
fn parse(
    held: &Held,
    batch: &[Range<usize>],
    chunk: usize,
    bufs: &mut [Vec<u8>; 2],
) -> Option<Vec<Result<Event, SpannedError>>> {
    use rayon::prelude::*;
    // The chunks: their items, and the bytes from the first's start to the
    // last's end.
    let mut chunks = Vec::new();
    let mut rest = batch;
    while let Some(first) = rest.first() {
        let n = rest
            .iter()
            .position(|r| r.end - first.start > chunk)
            .unwrap_or(rest.len())
            .max(1);
        let (items, after) = rest.split_at(n);
        chunks.push((items, first.start..items[n - 1].end));
        rest = after;
    }
    let mut parsed = Vec::with_capacity(batch.len());
    let [this, next] = bufs;
    if let Some((_, span)) = chunks.first() {
        held.read_into(span.clone(), this)?;
    }
    for (k, (items, span)) in chunks.iter().enumerate() {
        let text = std::str::from_utf8(this).ok()?;
        let (read, ()) = rayon::join(
            || {
                chunks
                    .get(k + 1)
                    .map(|(_, s)| held.read_into(s.clone(), next))
            },
            || {
                parsed.par_extend(items.par_iter().map(|r| {
                    let item = &text[r.start - span.start..r.end - span.start];
                    options().from_str::<Event>(item).map(ready)
                }))
            },
        );
        if read == Some(None) {
            return None;
        }
        std::mem::swap(this, next);
    }
    Some(parsed)
}

impl Loader {
    /// Start with batches of `n` events, not the usual 2,000: tests load small
    /// timelines in several.
    pub fn first_batch(mut self, n: usize) -> Loader {
        self.first = n.max(1);
        self
    }

    /// Read at most `bytes` of the file at a time (one event at least), not
    /// the usual 8 MiB: tests read small timelines in several parts.
    pub fn chunk_bytes(mut self, bytes: usize) -> Loader {
        self.chunk = bytes;
        self
    }

    /// Load the events and check them, handing each part to `deliver`; stop
    /// early when it returns false (nobody is listening any more).
    pub fn run(self, mut deliver: impl FnMut(Part) -> bool) {
        let Some((held, text, split, folder, mut head)) = open(&self.path) else {
            // `check_path` says what is wrong, as for any timeline.
            let checked = check_path(&self.path);
            deliver(match checked.timeline {
                Some(_) => Part::Whole(Box::new(checked)),
                None => Part::Failed(checked.report.problems),
            });
            return;
        };
        let label = self.path.display().to_string();
        let total = split.items.len();
        let shown = Timeline {
            events: Vec::new(),
            ..head.clone()
        };
        if !deliver(Part::Head { head: shown, total }) {
            return;
        }
        // The text read again only if a problem needs placing in it.
        let loc = Locator::again(text, || held.text());
        let items = &split.items;
        let mut bufs = [Vec::new(), Vec::new()];
        // The first batch is parsed while the sources are read (10,000 small
        // files at 100k events, a core not always busy): only its check
        // needs them.
        let first = self.first.min(items.len());
        let (mut checker, first) = rayon::join(
            || {
                let mut checker = Checker::new(&mut head, loc, &label, &folder);
                checker.forget_text();
                checker
            },
            || parse(&held, &items[..first], self.chunk, &mut bufs),
        );
        let mut first = Some(first);
        let mut loaded = 0;
        while loaded < items.len() {
            // Batches double with what is loaded: the app merges each into
            // all it has (O(loaded) each), so their number stays logarithmic
            // and the merging adds up to about twice one pass over the events.
            let n = self.first.max(loaded).min(items.len() - loaded);
            let batch = &items[loaded..loaded + n];
            let parsed = match first.take() {
                Some(parsed) => parsed,
                None => parse(&held, batch, self.chunk, &mut bufs),
            };
            if loaded + n == items.len() {
                // Not held while the app takes in the last batch.
                bufs = Default::default();
            }
            let Some(parsed) = parsed else {
                let p = Problem::error(&label, None, "the file changed while it was loading")
                    .hint("it is read again once saved");
                deliver(Part::Failed(vec![p]));
                return;
            };
            // The events before one that does not parse load, then loading
            // stops there: a larger batch loses nothing more.
            let broken = parsed.iter().position(Result::is_err);
            let error = broken.and_then(|k| {
                let e = parsed[k].as_ref().err()?;
                let at = checker
                    .line_col(batch[k].start)
                    .map(|at| item_error_at(at, e));
                Some(Problem::error(&label, at, e.code.to_string()).hint(hint_for(&e.code)))
            });
            let good = broken.unwrap_or(n);
            let mut events: Vec<Event> = parsed.into_iter().take(good).flatten().collect();
            checker.events(&mut events);
            by_date(&mut events);
            loaded += good;
            let part = Part::Events {
                events,
                problems: checker.take_problems(),
                loaded,
            };
            if (good > 0 || error.is_none()) && !deliver(part) {
                return;
            }
            if let Some(p) = error {
                deliver(Part::Failed(vec![p]));
                return;
            }
        }
        let (sources, report) = checker.finish();
        deliver(Part::Done { sources, report });
    }
}
