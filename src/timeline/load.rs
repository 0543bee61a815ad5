//! Loading a timeline: from a RON file on disk (`--data`), or the one built in.

use std::fmt;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;

use super::check::{self, Report};
use super::model::Event;
use super::model::Timeline;
use super::problem::{Locator, Problem};
use super::read::{self, Sources};
use super::split::{Split, split_events};
use crate::sanitize::sanitize_in_place;

/// The shipped timeline and its sources, compiled in so the binary works anywhere.
mod embedded {
    pub const LABEL: &str = "data/timeline.ron";
    pub const RON: &str = include_str!("../../data/timeline.ron");
    pub const SEEDS: [(&str, &str); 5] = [
        seed!("000_9a8d99e1117297d5.txt"),
        seed!("001_ef2e2fe99c17a0a0.txt"),
        seed!("002_5edb2bcaa070a09b.txt"),
        seed!("003_3da983060587e498.txt"),
        seed!("004_064fa4282af369db.txt"),
    ];
    macro_rules! seed {
        ($name:literal) => {
            (
                concat!("seeds/", $name),
                include_str!(concat!("../../seeds/", $name)),
            )
        };
    }
    use seed;
}

/// Where a timeline came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
}

/// A timeline that failed to load: every problem found, warnings included.
#[derive(Debug, Clone)]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.problems.iter().filter(|p| p.is_error()).count();
        for p in &self.problems {
            writeln!(f, "{p}")?;
        }
        write!(
            f,
            "{errors} error{} in the timeline",
            if errors == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for LoadError {}

/// The outcome of `check`: the timeline if it parsed, and everything found.
#[derive(Debug, Clone)]
pub struct Checked {
    pub timeline: Option<Timeline>,
    pub report: Report,
}

impl Checked {
    pub fn is_clean(&self) -> bool {
        self.timeline.is_some() && !self.report.problems.iter().any(Problem::is_error)
    }

    /// The timeline, if it has no errors (warnings are allowed).
    pub fn into_result(self) -> Result<Timeline, LoadError> {
        match self.timeline {
            Some(tl) if !self.report.problems.iter().any(Problem::is_error) => Ok(tl),
            _ => Err(LoadError {
                problems: self.report.problems,
            }),
        }
    }
}

/// Load and validate the built-in timeline.
pub fn load_builtin() -> Result<Timeline, LoadError> {
    check_builtin().into_result()
}

/// Load and validate a timeline file; its sources are read relative to it.
pub fn load_path(path: &Path) -> Result<Timeline, LoadError> {
    check_path(path).into_result()
}

pub fn check_builtin() -> Checked {
    let read = |_root: Option<&str>, file: &str| {
        embedded::SEEDS
            .iter()
            .find(|(name, _)| *name == file)
            .map(|(_, text)| text.to_string())
            .ok_or_else(|| "not among the built-in sources".to_string())
    };
    check_str(embedded::RON, embedded::LABEL, &read)
}

/// The built-in timeline parsed, cleaned and in date order, its quotes not
/// yet checked (no source texts, no quote spans): all a list of its events
/// needs, in about half the time `check_builtin` takes. The terminal app
/// draws its first frame from this and checks after it (issue 14). `None`
/// if it does not parse: `check_builtin` says why.
pub fn unchecked_builtin() -> Option<Timeline> {
    let mut timeline = parse(embedded::RON, embedded::LABEL).ok()?;
    sanitize_head(&mut timeline);
    by_date(&mut timeline.events);
    Some(timeline)
}

pub fn check_path(path: &Path) -> Checked {
    let label = path.display().to_string();
    let cannot = |why: String| {
        failed(
            Problem::error(&label, None, format!("cannot read the timeline: {why}"))
                .hint("--data takes the path of a timeline .ron file"),
        )
    };
    let bytes = match read::read_file(path, read::TIMELINE_MAX, "a timeline file") {
        Ok(b) => b,
        Err(e) => return cannot(e.to_string()),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let head = String::from_utf8_lossy(&e.as_bytes()[..valid]);
            let at = Locator::new(&head).line_col(valid);
            let p = Problem::error(
                &label,
                Some(at),
                format!("not UTF-8 text (bad byte at offset {valid})"),
            )
            .hint("a timeline is a UTF-8 RON text file; is this the right file?");
            return failed(p);
        }
    };
    // Sources are read only from the timeline's own folder, as the system resolves it.
    match read::Folder::of(path) {
        Ok(folder) => check_str(&text, &label, &folder),
        Err(e) => cannot(format!("its folder cannot be resolved: {e}")),
    }
}

/// Where a source named `file` lives for the timeline at `data` with `root`.
pub fn source_path(data: &Path, root: Option<&str>, file: &str) -> PathBuf {
    let dir = data.parent().unwrap_or(Path::new(""));
    dir.join(root.unwrap_or("")).join(file)
}

/// Every file the timeline at `data` is made of: itself and its sources.
pub fn files(data: &Path, tl: &Timeline) -> Vec<PathBuf> {
    std::iter::once(data.to_path_buf())
        .chain(
            tl.sources
                .iter()
                .map(|s| source_path(data, tl.root.as_deref(), &s.file)),
        )
        .collect()
}

/// Parse and validate RON text, reading sources through `reader`.
pub fn check_str(text: &str, label: &str, reader: &dyn Sources) -> Checked {
    let mut timeline = match parse(text, label) {
        Ok(tl) => tl,
        Err(p) => return failed(p),
    };
    sanitize_head(&mut timeline);
    let report = check::validate(&mut timeline, text, label, reader);
    by_date(&mut timeline.events);
    Checked {
        timeline: Some(timeline),
        report,
    }
}

/// A parsed event made ready, by the thread that parsed it while it is fresh
/// in that core's cache and its memory in that thread's heap (in passes of
/// their own after, loading 100k events took 9% more CPU, much of it in
/// glibc's locks): cleaned (`sanitize_event`) and settled.
pub(super) fn ready(mut e: Event) -> Event {
    sanitize_event(&mut e);
    settle(&mut e);
    e
}

/// An event's date as searched, and its lists' spare room given back.
fn settle(e: &mut Event) {
    e.date_text = format!("{} {}", e.date, e.date.long());
    // Parsed lists grow by doubling (RON says no length first): at 100k
    // events their spare room was 31 MB of the 76 MB they took.
    e.actors.shrink_to_fit();
    e.tags.shrink_to_fit();
    e.paraphrase.shrink_to_fit();
    e.citations.shrink_to_fit();
    e.disputes.shrink_to_fit();
    e.disputes.iter_mut().for_each(|d| d.sides.shrink_to_fit());
}

/// Stable, events on the same key keeping the curator's order; by key and
/// place, not moving the 336-byte events at each step of the sort.
pub(super) fn by_date(events: &mut [Event]) {
    events.sort_by_cached_key(Event::sort_key);
}

pub(super) fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

fn parse(text: &str, label: &str) -> Result<Timeline, Problem> {
    let blank = text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with("//") || (l.starts_with("/*") && l.ends_with("*/"))
    });
    if blank {
        return Err(Problem::error(label, Some((1, 1)), "the file is empty")
            .hint("a timeline starts with Timeline(title: ..., sources: [...], events: [...]); see README.md"));
    }
    let problem = |at: (usize, usize), code: &ron::Error| {
        Problem::error(label, Some(at), code.to_string()).hint(hint_for(code))
    };
    match split_events(text) {
        Some(split) => parse_split(text, &split).map_err(|(at, code)| problem(at, &code)),
        None => {
            let mut timeline = options()
                .from_str::<Timeline>(text)
                .map_err(|e| problem((e.span.start.line, e.span.start.col), &e.code))?;
            let events = std::mem::take(&mut timeline.events);
            timeline.events = crate::parallel::map_owned(events, ready);
            Ok(timeline)
        }
    }
}

/// Parse the events on every core and the rest on its own. The rest is parsed
/// with the list's interior blanked but its lines and last column kept, so
/// every position reported is where it is in the file. The first problem in
/// the file wins, as in a single parse.
fn parse_split(text: &str, split: &Split) -> Result<Timeline, ((usize, usize), ron::Error)> {
    let rest = without_events(text, split);

    let events: Vec<Result<Event, ron::error::SpannedError>> =
        crate::parallel::map(&split.items, |r| {
            options().from_str::<Event>(&text[r.clone()]).map(ready)
        });
    let head = options().from_str::<Timeline>(&rest);

    let item_error = split.items.iter().zip(&events).find_map(|(r, e)| {
        let e = e.as_ref().err()?;
        let start = Locator::new(text).line_col(r.start);
        Some((item_error_at(start, e), e.code.clone()))
    });
    match (head, item_error) {
        (Err(h), Some(item)) if (h.span.start.line, h.span.start.col) > item.0 => Err(item),
        (Err(h), _) => Err(((h.span.start.line, h.span.start.col), h.code)),
        (Ok(_), Some(item)) => Err(item),
        (Ok(mut timeline), None) => {
            timeline.events = events.into_iter().flatten().collect();
            Ok(timeline)
        }
    }
}

/// The text with the events list's interior blanked, its lines and last
/// column kept, so every position in what is left is where it is in the file.
pub(super) fn without_events(text: &str, split: &Split) -> String {
    let interior = &text[split.list.clone()];
    let newlines = memchr::memchr_iter(b'\n', interior.as_bytes()).count();
    let last_line = interior.rsplit('\n').next().unwrap_or("").chars().count();
    let mut rest = String::with_capacity(text.len() - interior.len() + newlines + last_line);
    rest.push_str(&text[..split.list.start]);
    rest.extend(std::iter::repeat_n('\n', newlines));
    rest.extend(std::iter::repeat_n(' ', last_line));
    rest.push_str(&text[split.list.end..]);
    rest
}

/// Where in the file an error is that parsing an item met:
/// its positions count from the item's start, at `(line, col)`.
pub(super) fn item_error_at(
    (line, col): (usize, usize),
    e: &ron::error::SpannedError,
) -> (usize, usize) {
    match e.span.start.line {
        0 | 1 => (line, (col + e.span.start.col).saturating_sub(1).max(1)),
        n => (line + n - 1, e.span.start.col),
    }
}

pub(super) fn hint_for(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::NoSuchEnumVariant { found, .. } if found == "Between" => {
            "a range's ends are Day, Month or Year: Between(Day(2020, 8, 20), Month(2020, 11))"
                .into()
        }
        E::NoSuchEnumVariant { .. } => "check the spelling and capitals of the variant".into(),
        E::MissingStructField { .. } => {
            "add the missing field; see the annotated event in README.md".into()
        }
        E::NoSuchStructField { .. } => {
            "remove or rename the field; see the annotated event in README.md".into()
        }
        E::ExpectedString | E::ExpectedStringEnd => {
            "strings are in double quotes; write \\\" for a quote inside one, or use r#\"...\"#"
                .into()
        }
        E::Eof => "the file ends early: is a closing ) or ] missing?".into(),
        _ => "see the data format in README.md".into(),
    }
}

fn failed(p: Problem) -> Checked {
    Checked {
        timeline: None,
        report: Report {
            problems: vec![p],
            ..Report::default()
        },
    }
}

/// Every string that came from the data, cleaned of anything that could
/// drive a terminal: the title and sources here, the events as they are
/// parsed (`ready`).
pub(super) fn sanitize_head(tl: &mut Timeline) {
    let all_opt = |o: &mut Option<String>| {
        if let Some(s) = o {
            sanitize_in_place(s)
        }
    };
    sanitize_in_place(&mut tl.title);
    // Paths too: what is read is then what a message shows.
    all_opt(&mut tl.root);
    for s in &mut tl.sources {
        sanitize_in_place(&mut s.id);
        sanitize_in_place(&mut s.file);
        all_opt(&mut s.headline);
        all_opt(&mut s.description);
        all_opt(&mut s.publisher);
        all_opt(&mut s.note);
    }
}

/// Every string of an event, cleaned as `sanitize_head` cleans the rest.
fn sanitize_event(e: &mut Event) {
    let all_opt = |o: &mut Option<String>| {
        if let Some(s) = o {
            sanitize_in_place(s)
        }
    };
    {
        sanitize_in_place(&mut e.id);
        for s in [&mut e.title, &mut e.summary] {
            sanitize_in_place(s);
        }
        all_opt(&mut e.inferred);
        all_opt(&mut e.note);
        e.actors
            .iter_mut()
            .chain(e.tags.iter_mut())
            .chain(e.paraphrase.iter_mut())
            .for_each(sanitize_in_place);
        let cites = e
            .citations
            .iter_mut()
            .chain(e.disputes.iter_mut().flat_map(|d| {
                sanitize_in_place(&mut d.about);
                d.sides.iter_mut()
            }));
        for c in cites {
            sanitize_in_place(&mut c.source);
            sanitize_in_place(&mut c.quote);
        }
    }
}
