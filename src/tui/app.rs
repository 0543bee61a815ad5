//! All the app's state. Only `update` changes it; `view` only reads it.

use std::ops::Range;

use ratatui::layout::Size;

use super::theme::Theme;
use crate::search::{Hit, Query, Search, rank};
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
        self.filter.hits = self.search.filter(&self.timeline, &query);
        if self.filter.ranked {
            rank(&mut self.filter.hits);
        }
        self.list.selected = keep
            .and_then(|e| self.filter.hits.iter().position(|h| h.event == e))
            .unwrap_or(0);
        self.list.offset = 0;
    }

    pub fn query(&self) -> Query {
        Query::parse(&self.filter.text)
    }
}
