//! All the app's state. Only `update` changes it; `view` only reads it.

use std::ops::Range;

use ratatui::layout::Size;

use super::theme::Theme;
use crate::search::{Hit, Index, Query, Search, rank, refines};
use crate::timeline::Timeline;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    List,
    Detail,
    Reader,
}

pub struct App {
    pub timeline: Timeline,
    pub search: Search,
    /// The timeline's searchable text, laid out for filtering.
    pub index: Index,
    pub theme: Theme,
    /// The terminal's size, as last reported.
    pub size: Size,
    pub screen: Screen,
    /// The help overlay, with its scroll offset, when open.
    pub help: Option<usize>,
    pub filter: Filter,
    pub list: ListPos,
    pub detail: DetailState,
    pub reader: Option<ReaderState>,
    /// A one-line message for the footer; cleared by the next action.
    pub status: Option<String>,
    pub quit: bool,
}

pub struct Filter {
    pub text: String,
    /// The query line has the keyboard.
    pub typing: bool,
    /// Best matches first instead of by date.
    pub ranked: bool,
    /// The events shown, in display order.
    pub hits: Vec<Hit>,
    /// Recent queries and the events they matched, newest last: a query that
    /// refines one of them is run on its matches only, and backspace finds its
    /// answer here.
    pub cache: Vec<(String, Vec<usize>)>,
}

/// How many recent filter results are kept.
const CACHE: usize = 32;

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
    /// The article wrapped to `width`: each line's byte range in the text.
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

/// How the app starts, from the command line.
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub query: Option<String>,
    pub select: Option<String>,
    pub no_color: bool,
}

impl App {
    pub fn new(timeline: Timeline, options: &Options, size: Size) -> App {
        let mut app = App {
            index: Index::new(&timeline),
            timeline,
            search: Search::default(),
            theme: if options.no_color {
                Theme::mono()
            } else {
                Theme::color()
            },
            size,
            screen: Screen::List,
            help: None,
            filter: Filter {
                text: options.query.clone().unwrap_or_default(),
                typing: false,
                ranked: false,
                hits: Vec::new(),
                cache: Vec::new(),
            },
            list: ListPos::default(),
            detail: DetailState::default(),
            reader: None,
            status: None,
            quit: false,
        };
        app.refilter(false);
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
    pub fn refilter(&mut self, keep: bool) {
        let keep = if keep { self.selected_event() } else { None };
        let query = Query::parse(&self.filter.text);
        let events = self.matching(&query);
        self.filter.hits = if self.filter.ranked {
            let mut hits = self
                .search
                .filter_in(&self.index, &query, Some(&events), true);
            rank(&mut hits);
            hits
        } else {
            events
                .into_iter()
                .map(|event| Hit { event, score: 0 })
                .collect()
        };
        self.list.selected = keep
            .and_then(|e| self.filter.hits.iter().position(|h| h.event == e))
            .unwrap_or(0);
        self.list.offset = 0;
    }

    /// The events matching `query`, from the cache when it can.
    fn matching(&mut self, query: &Query) -> Vec<usize> {
        let cache = &mut self.filter.cache;
        if let Some(i) = cache.iter().position(|(text, _)| *text == self.filter.text) {
            let entry = cache.remove(i);
            let events = entry.1.clone();
            cache.push(entry);
            return events;
        }
        let base = cache
            .iter()
            .map(|(text, events)| (Query::parse(text), events))
            .filter(|(old, _)| refines(old, query))
            .min_by_key(|(_, events)| events.len());
        let hits = match base {
            // Every base event already satisfies the groups the two queries share.
            Some((old, events)) => {
                let changed = Query {
                    groups: query
                        .groups
                        .iter()
                        .filter(|g| !old.groups.contains(g))
                        .cloned()
                        .collect(),
                };
                self.search
                    .filter_in(&self.index, &changed, Some(events), false)
            }
            None => self.search.filter_in(&self.index, query, None, false),
        };
        let events: Vec<usize> = hits.into_iter().map(|h| h.event).collect();
        if cache.len() == CACHE {
            cache.remove(0);
        }
        cache.push((self.filter.text.clone(), events.clone()));
        events
    }

    /// Forget cached filter results (benchmarks measure typing from cold).
    pub fn forget_filter_cache(&mut self) {
        self.filter.cache.clear();
    }

    pub fn query(&self) -> Query {
        Query::parse(&self.filter.text)
    }
}
