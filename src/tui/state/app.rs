//! All the app's state. Only `update` changes it; `view` only reads it.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Size;

use crate::config::ThemeName;
use crate::search::{Hit, Index, Query, Search, Starts, refines};
use crate::timeline::Timeline;
use crate::tui::keys::{Key, Keymap};
use crate::tui::state::filter::{self, Found, Freed, Outcome, Request, SYNC_LIMIT};
use crate::tui::widgets::theme::Theme;

// A leaf of its own, so follow mode's state can name screens without App.
pub use crate::tui::state::screen::Screen;

pub struct App {
    pub timeline: Timeline,
    /// ASCII glyphs for the ruler (the locale is not UTF-8).
    pub ascii: bool,
    /// Marked event ids, and whether only they are listed.
    pub marks: BTreeSet<String>,
    pub marked_only: bool,
    /// The list is the agenda: only events ahead of the as-of date, soonest first (`a`).
    pub agenda: bool,
    /// What is ahead of the as-of date in the whole timeline, for the header:
    /// counted when the timeline comes in, not with every frame.
    pub ahead: crate::tui::state::ahead::Note,
    /// The date distances are measured from ("in 12 days"), if any.
    pub as_of: Option<chrono::NaiveDate>,
    pub search: Search,
    /// The timeline's searchable text, laid out for filtering (shared with the worker).
    pub index: Arc<Index>,
    /// Large filters go to a worker thread; off in tests and benchmarks.
    pub background: bool,
    pub theme: Theme,
    /// The keys in use: the defaults and the user's overrides.
    pub keymap: Keymap,
    /// Copying with `y` is allowed to write OSC 52 (config can turn it off).
    pub osc52: bool,
    /// The terminal's size, as last reported.
    pub size: Size,
    pub screen: Screen,
    /// Help or problems over the screen, when open.
    pub overlay: Option<Overlay>,
    /// The timeline file, when it is not the built-in one: it is watched.
    pub data_path: Option<PathBuf>,
    /// What the last reload found wrong, while it stands.
    pub trouble: Option<Trouble>,
    /// The config file, and what was wrong with it (then defaults are in use).
    pub config: ConfigNote,
    pub filter: Filter,
    pub list: ListPos,
    pub detail: DetailState,
    pub reader: Option<ReaderState>,
    /// Searching the articles: the sources screen and the reader's `/`.
    pub grep: crate::tui::state::grep::Grep,
    /// The `:` prompt's text while a date to jump to is being typed.
    pub jump: Option<String>,
    /// Effects for the terminal to carry out, oldest first.
    pub outbox: Vec<Effect>,
    /// A one-line message for the footer; cleared by the next action.
    pub status: Option<String>,
    pub quit: bool,
    /// Pick mode: Enter answers with events and ends the app (`pick`).
    pub pick: bool,
    /// How pick mode ended, once it has.
    pub answer: Option<crate::tui::state::answer::Answer>,
    /// The timeline's events still loading in the background, if they are.
    pub loading: Option<crate::tui::state::loading::Loading>,
    /// The problems shown are from loading the timeline in parts, not from a
    /// reload: nothing older is shown in its place.
    pub loaded_in_parts: bool,
    /// An SSH viewer follows the presenter, or browses; the local app: Off.
    pub follow: crate::tui::state::follow::Follow,
    /// What a viewer knows of the presenter.
    pub presenter: crate::tui::state::follow::Presenter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlay {
    pub kind: Panel,
    pub scroll: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Help,
    /// What is wrong with the data or the config.
    Problems,
}

/// Problems in the timeline's files found on a reload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trouble {
    /// Errors, so the timeline shown is the last good one (not only warnings).
    pub errors: bool,
    /// "2 errors, 0 warnings".
    pub summary: String,
    /// `check`'s report, line by line.
    pub report: Vec<String>,
}

/// Where the config lives and how reading it went, for help and problems.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigNote {
    pub path: Option<PathBuf>,
    /// Read from the file (not only defaults).
    pub loaded: bool,
    /// `path:line:column: ...`; defaults are in use.
    pub problem: Option<String>,
}

pub struct Filter {
    pub text: String,
    /// The query line has the keyboard.
    pub typing: bool,
    /// Best matches first instead of by date.
    pub ranked: bool,
    /// The events shown, in display order.
    pub hits: Vec<Hit>,
    /// Counts refilters; an outcome for an older one is stale.
    pub generation: u64,
    /// Work waiting for the worker thread (only when `App::background`).
    pub pending: Option<Request>,
    /// The pending work has taken long enough to say so.
    pub busy: bool,
    /// Recent queries and the events they matched, newest last: a query that
    /// refines one of them is run on its matches only, and backspace finds its
    /// answer here.
    pub cache: Vec<Cached>,
    /// The first generation asked of the current timeline: an outcome older
    /// than that was found in one since reloaded, and its event numbers mean
    /// nothing now.
    pub since: u64,
    /// Large values dropped from the above, for the running app to free off
    /// the screen's thread (only when `App::background`).
    pub freed: Vec<Freed>,
}

/// How many recent filter results are kept.
const CACHE: usize = 32;
/// How many of the newest keep their last term's every start (up to 70 MB
/// each; 40 MB for `or` at 100k events): a query typed refines the newest.
const CACHE_STARTS: usize = 2;

/// A query answered: the events it matched, in timeline order, and every
/// start of its last term when known (see `search::Starts`).
pub struct Cached {
    pub text: String,
    pub events: Vec<usize>,
    pub starts: Option<Arc<Starts>>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ListPos {
    /// Index into `Filter::hits`.
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DetailState {
    /// Index into `Timeline::events`.
    pub event: usize,
    /// Index into the event's `quotes()`.
    pub citation: usize,
    pub scroll: usize,
}

pub struct ReaderState {
    /// Index into `Timeline::sources`.
    pub source: usize,
    /// Every cited passage of this article, in reading order.
    pub passages: Vec<Passage>,
    /// The passage in focus.
    pub current: usize,
    pub scroll: usize,
    /// The article as drawn: controls, escapes and invisibles gone.
    pub shown: crate::sanitize::Shown,
    /// The shown article wrapped to `width`: each line's byte range in it.
    pub lines: Vec<Range<usize>>,
    pub width: u16,
    /// Where Back goes.
    pub back_to: Screen,
}

pub struct Passage {
    pub span: Range<usize>,
    /// Events citing exactly this passage (indices into `Timeline::events`).
    pub events: Vec<usize>,
}

/// What `update` asks of the terminal; terminal.rs does it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put text on the clipboard (OSC 52: it reaches the local one over SSH;
    /// and a clipboard command, when local); how it went comes back as
    /// `Action::Copied`.
    Copy(String),
    /// Save that this event of this timeline is marked, or not.
    SaveMark { id: String, marked: bool },
    /// Give the terminal back and stop until continued (Ctrl-z).
    Suspend,
}

/// How the app starts, from the command line.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Draw the ruler in ASCII: the locale is not UTF-8.
    pub ascii: bool,
    /// Start in presentation mode.
    pub present: bool,
    /// Event ids marked in an earlier session.
    pub marks: BTreeSet<String>,
    /// A message for the first screen (a marks file that could not be read).
    pub notice: Option<String>,
    /// The date countdowns count from; none, no countdowns.
    pub as_of: Option<chrono::NaiveDate>,
    pub query: Option<String>,
    pub select: Option<String>,
    pub no_color: bool,
    /// The timeline file, if not the built-in one.
    pub data_path: Option<PathBuf>,
    pub config: ConfigNote,
    pub theme: ThemeName,
    pub keys: Vec<(String, Vec<Key>)>,
    /// Turn copying through OSC 52 off.
    pub no_osc52: bool,
    /// Pick mode: Enter answers with the selected (or marked) events.
    pub pick: bool,
    /// An SSH viewer: follows a presenter while one is connected.
    pub viewer: bool,
}

impl App {
    pub fn new(timeline: Timeline, options: &Options, size: Size) -> App {
        let size = crate::tui::widgets::layout::drawn(size.width, size.height);
        let mut app = App {
            ascii: options.ascii,
            marks: options.marks.clone(),
            marked_only: false,
            agenda: false,
            ahead: crate::tui::state::ahead::Note::of(&timeline, options.as_of),
            as_of: options.as_of,
            index: Arc::new(Index::new(&timeline)),
            background: false,
            timeline,
            search: Search::default(),
            theme: Theme::named(if options.no_color {
                ThemeName::Mono
            } else {
                options.theme
            }),
            keymap: Keymap::with(&options.keys),
            osc52: !options.no_osc52,
            size,
            screen: Screen::List,
            overlay: None,
            data_path: options.data_path.clone(),
            trouble: None,
            config: options.config.clone(),
            filter: Filter {
                text: options.query.clone().unwrap_or_default(),
                typing: false,
                ranked: false,
                hits: Vec::new(),
                generation: 0,
                pending: None,
                busy: false,
                cache: Vec::new(),
                since: 0,
                freed: Vec::new(),
            },
            list: ListPos::default(),
            detail: DetailState::default(),
            reader: None,
            grep: crate::tui::state::grep::Grep::default(),
            jump: None,
            outbox: Vec::new(),
            status: None,
            quit: false,
            pick: options.pick,
            answer: None,
            loading: None,
            loaded_in_parts: false,
            follow: if options.viewer {
                crate::tui::state::follow::Follow::Browsing
            } else {
                crate::tui::state::follow::Follow::Off
            },
            presenter: crate::tui::state::follow::Presenter::default(),
        };
        app.refilter(false);
        app.status = options.notice.clone().or_else(|| {
            let problem = options.config.problem.as_deref()?.lines().next()?;
            // The file's name will do here; the whole path is on `e`.
            let config = &options.config;
            let short = config
                .path
                .as_ref()
                .zip(config.path.as_ref().and_then(|p| p.file_name()))
                .and_then(|(path, name)| {
                    let rest = problem.strip_prefix(&*path.to_string_lossy())?;
                    Some(format!("{}{rest}", name.to_string_lossy()))
                });
            let problem = short.as_deref().unwrap_or(problem);
            Some(format!("{problem} · defaults in use · e for details"))
        });
        if options.present {
            app.screen = Screen::Present;
        }
        if let Some(id) = &options.select {
            match app
                .filter
                .hits
                .iter()
                .position(|h| app.timeline.events[h.event].id == *id)
            {
                Some(i) => app.list.selected = i,
                None => app.status = Some(format!("no event \"{id}\" in this list")),
            }
        }
        app
    }

    /// The event under the list's selection, if the list is not empty.
    pub fn selected_event(&self) -> Option<usize> {
        self.filter.hits.get(self.list.selected).map(|h| h.event)
    }

    /// Run the filter again. With `keep`, the same event stays selected when it
    /// is still listed; otherwise the first match is (as in fzf, on each keystroke).
    /// Large work in the running app is left in `filter.pending` for the worker.
    pub fn refilter(&mut self, keep: bool) {
        let keep = if keep { self.selected_event() } else { None };
        self.refilter_keeping(keep);
    }

    /// Run the filter again, keeping `keep` (an event index) selected if listed.
    pub fn refilter_keeping(&mut self, keep: Option<usize>) {
        self.filter.generation += 1;
        let request = self.request(keep);
        // A cached answer shown as it is costs a copy: no worker for that.
        let cached = request.check.groups.is_empty() && !request.ranked;
        if self.background && !cached && request.size(&self.index) > SYNC_LIMIT {
            self.filter.pending = Some(request);
        } else {
            let outcome = filter::run(&self.search, &self.index, &request);
            self.apply(outcome);
        }
    }

    /// The work for the current query: from a cached answer, the cached
    /// matches of a query it refines, or all events.
    fn request(&mut self, keep: Option<usize>) -> Request {
        let query = Query::parse(&self.filter.text);
        let cache = &self.filter.cache;
        let (check, base, before) =
            if let Some(hit) = cache.iter().find(|c| c.text == self.filter.text) {
                (Query::default(), Some(hit.events.clone()), None)
            } else {
                let refined: Vec<(Query, &Cached)> = cache
                    .iter()
                    .rev()
                    .map(|c| (Query::parse(&c.text), c))
                    .filter(|(old, _)| refines(old, &query))
                    .collect();
                // The newest starts: likeliest the query before this key's,
                // or one a few keys back if its were not found yet. Any
                // query this one refines holds all its matches, so its
                // term's starts hold all of theirs.
                let starts = refined.iter().find_map(|(_, c)| c.starts.clone());
                // The fewest events; of those the newest.
                match refined.into_iter().min_by_key(|(_, c)| c.events.len()) {
                    // Every base event already satisfies the groups both queries share.
                    Some((old, c)) => {
                        let groups = query
                            .groups
                            .iter()
                            .filter(|g| !old.groups.contains(g))
                            .cloned()
                            .collect();
                        (Query { groups }, Some(c.events.clone()), starts)
                    }
                    None => (query.clone(), None, None),
                }
            };
        Request {
            generation: self.filter.generation,
            text: self.filter.text.clone(),
            check,
            base,
            before,
            query,
            ranked: self.filter.ranked,
            keep,
        }
    }

    /// Keep a query's every start of its last term, found after its answer,
    /// with its answer in the cache (if that is still there and current).
    pub fn keep_starts(&mut self, found: Found) {
        if found.generation < self.filter.since {
            return;
        }
        if let Some(c) = self.filter.cache.iter_mut().find(|c| c.text == found.text) {
            c.starts = Some(found.starts);
        }
    }

    /// Take in a filter's outcome: always into the cache, onto the screen only
    /// if no later keystroke has asked for another.
    pub fn apply(&mut self, outcome: Outcome) {
        if outcome.generation < self.filter.since {
            return;
        }
        let mut dropped: Vec<Freed> = Vec::new();
        let cache = &mut self.filter.cache;
        match cache.iter().position(|c| c.text == outcome.text) {
            Some(i) => {
                let mut entry = cache.remove(i);
                entry.starts = entry.starts.or(outcome.starts);
                cache.push(entry);
            }
            None => {
                if cache.len() == CACHE {
                    dropped.push(Box::new(cache.remove(0)));
                }
                cache.push(Cached {
                    text: outcome.text.clone(),
                    events: outcome.events,
                    starts: outcome.starts,
                });
            }
        }
        // Starts are large: only the newest few keep theirs.
        let old = cache.len().saturating_sub(CACHE_STARTS);
        for c in &mut cache[..old] {
            if let Some(starts) = c.starts.take() {
                dropped.push(Box::new(starts));
            }
        }
        if outcome.generation != self.filter.generation {
            self.free(dropped);
            return;
        }
        self.filter.pending = None;
        self.filter.busy = false;
        dropped.push(Box::new(std::mem::replace(
            &mut self.filter.hits,
            outcome.hits,
        )));
        self.free(dropped);
        if self.marked_only {
            let marks = self.presenter.listed(self.follow, &self.marks).clone();
            let events = &self.timeline.events;
            self.filter
                .hits
                .retain(|h| marks.contains(events[h.event].id.as_str()));
        }
        if let Some(as_of) = self.as_of.filter(|_| self.agenda) {
            let ranked = self.filter.ranked;
            crate::tui::state::ahead::narrow(&mut self.filter.hits, &self.timeline, as_of, ranked);
        }
        self.list.selected = outcome
            .keep
            .and_then(|e| self.filter.hits.iter().position(|h| h.event == e))
            .unwrap_or(0);
        self.list.offset = 0;
    }

    /// Values no longer needed: freed here, or in the running app handed to
    /// the runtime to free elsewhere.
    fn free(&mut self, values: Vec<Freed>) {
        if self.background {
            self.filter.freed.extend(values);
        }
    }

    /// Forget cached filter results (benchmarks measure typing from cold).
    pub fn forget_filter_cache(&mut self) {
        self.filter.cache.clear();
    }

    /// Whether the problems panel has anything to show: a reload's or the
    /// config's. Kept here, not with the panel, so dispatch needs no overlay.
    pub fn has_problems(&self) -> bool {
        self.trouble.is_some() || self.config.problem.is_some()
    }

    /// A deadline or hearing still to come on the as-of date.
    pub fn upcoming(&self, e: &crate::timeline::Event) -> bool {
        use crate::timeline::Kind;
        matches!(e.kind, Kind::Deadline | Kind::Hearing)
            && self
                .as_of
                .zip(crate::when::last_day(e.date))
                .is_some_and(|(as_of, last)| last > as_of)
    }

    /// "in 12 days", "sometime in Aug 2020": the event's distance from the as-of date.
    pub fn distance(&self, e: &crate::timeline::Event) -> Option<String> {
        self.as_of.map(|as_of| crate::when::distance(e.date, as_of))
    }

    pub fn query(&self) -> Query {
        Query::parse(&self.filter.text)
    }
}
