//! Loading a large timeline in parts, so the app can draw before all of it is
//! read: the head (title, sources) at once, then the events in batches in
//! file order, each parsed on every core, sanitized, checked and sorted by
//! date, then the checks that need every event. The problems found are those
//! `check_path` finds, in the same order.

use std::path::Path;

use super::check::{Checker, Report};
use super::load::{
    hint_for, item_error_at, options, sanitize_event, sanitize_timeline, without_events,
};
use super::model::{Event, Source, Timeline};
use super::problem::Problem;
use super::read::{self, Folder};
use super::split::{Split, split_events};

/// The first batch: small, so the first events are listed at once.
const FIRST: usize = 2_000;

/// A timeline file whose head is read: what the app starts with, and the
/// rest to load.
pub struct Opened {
    /// Title, root and sources (their texts not read yet); no events.
    pub head: Timeline,
    /// How many events the file holds, as far as a scan for them tells.
    pub total: usize,
    pub loader: Loader,
}

/// The rest of a timeline to load: `run` it, on a thread of its own.
pub struct Loader {
    text: String,
    split: Split,
    label: String,
    folder: Folder,
    head: Timeline,
}

/// What loading delivers, in this order: `Events` until all are loaded, then
/// `Done`; or `Failed` at the first event that does not parse.
#[derive(Debug, Clone)]
pub enum Part {
    /// The next events in file order, sorted by date; the problems found so
    /// far not delivered before; how many events are loaded with these.
    Events {
        events: Vec<Event>,
        problems: Vec<Problem>,
        loaded: usize,
    },
    /// An event that does not parse, with where it is: loading stops.
    Failed(Problem),
    /// Every event is loaded and checked: the sources with their texts, and
    /// the report (the problems not delivered before, and the tallies).
    Done {
        sources: Vec<Source>,
        report: Report,
    },
}

/// Read the file at `path` and parse its head. `None` when it cannot be
/// loaded in parts (unreadable, not UTF-8, an events list the scan is not
/// sure of, a head that does not parse): `check_path` then says what it
/// finds, as for any timeline.
pub fn open(path: &Path) -> Option<Opened> {
    let bytes = read::read_file(path, read::TIMELINE_MAX, "a timeline file").ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let folder = Folder::of(path).ok()?;
    let split = split_events(&text)?;
    let mut head: Timeline = options().from_str(&without_events(&text, &split)).ok()?;
    sanitize_timeline(&mut head);
    let total = split.items.len();
    Some(Opened {
        head: head.clone(),
        total,
        loader: Loader {
            text,
            split,
            label: path.display().to_string(),
            folder,
            head,
        },
    })
}

impl Loader {
    /// Load the events and check them, handing each part to `deliver`; stop
    /// early when it returns false (nobody is listening any more).
    pub fn run(self, mut deliver: impl FnMut(Part) -> bool) {
        use rayon::prelude::*;
        let Loader {
            text,
            split,
            label,
            folder,
            mut head,
        } = self;
        let mut checker = Checker::new(&mut head, &text, &label, &folder);
        let items = &split.items;
        let mut loaded = 0;
        while loaded < items.len() {
            // Batches grow with what is loaded: the app merges each into all
            // it has, so their number stays logarithmic.
            let n = FIRST.max(loaded / 2).min(items.len() - loaded);
            let batch = &items[loaded..loaded + n];
            let parsed: Vec<_> = batch
                .par_iter()
                .map(|r| options().from_str::<Event>(&text[r.clone()]))
                .collect();
            let error = batch.iter().zip(&parsed).find_map(|(r, e)| {
                let e = e.as_ref().err()?;
                let at = item_error_at(&text, r.start, e);
                Some(Problem::error(&label, Some(at), e.code.to_string()).hint(hint_for(&e.code)))
            });
            if let Some(p) = error {
                deliver(Part::Failed(p));
                return;
            }
            let mut events: Vec<Event> = parsed.into_iter().flatten().collect();
            events.par_iter_mut().for_each(sanitize_event);
            checker.events(&mut events);
            for e in &mut events {
                e.date_text = format!("{} {}", e.date, e.date.long());
            }
            // Stable: events on the same key keep the curator's order.
            events.sort_by_key(|e| e.sort_key());
            loaded += n;
            let part = Part::Events {
                events,
                problems: checker.take_problems(),
                loaded,
            };
            if !deliver(part) {
                return;
            }
        }
        let (sources, report) = checker.finish();
        deliver(Part::Done { sources, report });
    }
}
