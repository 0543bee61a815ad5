//! Validation: every problem in a parsed timeline at once, each with where it is.
//! Also reads the sources and locates every quote, which the reader highlights.
//!
//! It stays linear in the size of the timeline: positions in the RON text are
//! looked up only for problems, through an index built once, and a quote is
//! first sought as written, folding whitespace only when that fails.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use super::claims::{self, Claim};
use super::model::{Citation, Date, Event, Label, Source, Timeline, Word};
use super::problem::{Locator, Problem};
use super::quote::{Haystack, Nearest};
use super::read::{FOLDER_RULE, Sources, Unreadable};

/// What `check` prints per source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub source: String,
    pub file: String,
    /// Citations (dispute sides included) that name this source.
    pub cited: usize,
    /// Of those, the ones whose quote was found in the text.
    pub found: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub problems: Vec<Problem>,
    pub tallies: Vec<Tally>,
    /// Some errors were warnings, made errors by `check --strict`.
    pub strict: bool,
}

impl Report {
    /// `check --strict`: every warning becomes an error.
    pub fn make_strict(&mut self) {
        for p in self.problems.iter_mut().filter(|p| !p.is_error()) {
            p.severity = super::problem::Severity::Error;
            self.strict = true;
        }
    }
}

const TITLE_MAX: usize = 80;

/// A hostile timeline must not make check's work or output grow faster than
/// the file. Names from the file are repeated in every problem about them (an
/// id of a megabyte cited a million times), so they are shown cut to this many
/// characters; ids are typed on command lines and are much shorter.
const NAME_SHOWN: usize = 60;
/// Unknown source names that get a "did you mean": each is compared with
/// every id.
const SUGGESTED: usize = 100;
/// Quotes not found that get the nearest passage: each search reads the
/// source some thirty times.
const NEAREST_SHOWN: usize = 100;

/// Check `tl` (parsed from `ron`, shown to the user as `label`), filling in
/// source texts, quote spans and citations' source indices. `reader` reads
/// a source by the timeline's `root` and its `file` as written; its error
/// says what went wrong.
pub fn validate(tl: &mut Timeline, ron: &str, label: &str, reader: &dyn Sources) -> Report {
    let mut checker = Checker::new(tl, Locator::new(ron), label, reader);
    checker.events(&mut tl.events);
    let (sources, report) = checker.finish();
    tl.sources = sources;
    report
}

/// `validate` a batch at a time, for a timeline that arrives in parts: the
/// head first (`new`), then its events in file order (`events`), then
/// `finish`. The problems, in their order, are those `validate` finds.
pub struct Checker<'a> {
    cx: Context<'a>,
    quotes: Quotes,
    /// Event ids met so far, and how often: the second is a duplicate.
    seen: HashMap<Word, usize, Ids>,
}

impl<'a> Checker<'a> {
    /// Check the head of `tl` (title, root, sources) and read the sources;
    /// they are kept, texts filled in, until `finish`. `loc` places problems
    /// in the RON text `tl` was parsed from.
    pub fn new(tl: &mut Timeline, loc: Locator<'a>, label: &'a str, reader: &dyn Sources) -> Self {
        let mut cx = Context {
            source_refs: source_refs(&tl.sources),
            sources_region: loc.key("sources"),
            events_region: loc.key("events"),
            loc,
            label,
            problems: Vec::new(),
        };

        if tl.title.trim().is_empty() {
            let at = cx.loc.key("title");
            cx.error(at, "the timeline has an empty title");
        }

        // A root that leads outside is one error, and no source is read through it.
        let root = tl.root.as_deref();
        let root_refused = root.and_then(|r| reader.check_root(r).err());
        if let Some(why) = &root_refused {
            let p = Problem::error(
                label,
                cx.pos(cx.loc.key("root")),
                format!("root \"{}\" {why}", root.unwrap_or("")),
            )
            .hint(FOLDER_RULE);
            cx.push(p);
        }

        // Sources: read on every core (thousands of small files at scale), then checked in order.
        let texts: Vec<Option<Result<String, Unreadable>>> =
            crate::parallel::map(&tl.sources, |s| {
                root_refused.is_none().then(|| reader.read(root, &s.file))
            });
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut seen = HashMap::default();
        let mut readable = Vec::with_capacity(tl.sources.len());
        for (i, (source, text)) in tl.sources.iter_mut().zip(texts).enumerate() {
            let nth = bump(&mut seen, &source.id);
            let at = |cx: &Context| cx.loc.id_at(cx.sources_region, &source.id, nth);
            if !is_id(&source.id) {
                let p = bad_id("source", &source.id, cx.pos(at(&cx)), label);
                cx.push(p);
            }
            if nth > 0 {
                let p = Problem::error(
                    label,
                    cx.pos(at(&cx)),
                    format!("duplicate source id \"{}\"", short(&source.id)),
                );
                cx.push(p);
            } else {
                index.insert(source.id.clone(), i);
            }
            if let Label::File(_) = source.label() {
                cx.push(
                    Problem::warning(
                        label,
                        cx.pos(at(&cx)),
                        format!(
                            "source \"{}\" will be named by its file; give it a headline or a description",
                            short(&source.id)
                        ),
                    )
                    .hint("headline: the article's own, as it stands; description: \"...\": yours, always shown as [description: ...]"),
                );
            }
            // A problem with the file is placed at its `file:` value.
            let file_at = |cx: &Context| {
                let id = at(cx);
                cx.pos(id.and_then(|i| cx.loc.field_of(i, "file")).or(id))
            };
            readable.push(matches!(text, Some(Ok(_))));
            let problem = match text {
                Some(Ok(text)) => {
                    source.text = text;
                    None
                }
                None => None,
                Some(Err(Unreadable::Outside(why))) => Some(
                    Problem::error(
                        label,
                        file_at(&cx),
                        format!(
                            "source \"{}\": \"{}\" {why}",
                            short(&source.id),
                            short(&source.file)
                        ),
                    )
                    .hint(FOLDER_RULE),
                ),
                Some(Err(Unreadable::Failed(why))) => Some(
                    Problem::error(
                        label,
                        file_at(&cx),
                        format!(
                            "source \"{}\": cannot read {}: {why}",
                            short(&source.id),
                            short(&source.file)
                        ),
                    )
                    .hint("a source's file is relative to the timeline's root (the RON file's folder unless `root` says otherwise)"),
                ),
            };
            if let Some(p) = problem {
                cx.push(p);
            }
        }

        let sources = std::mem::take(&mut tl.sources);
        let quotes = Quotes {
            readable,
            index,
            ids: sources.iter().map(|s| s.id.clone()).collect(),
            folded: Vec::new(),
            suggested: HashMap::new(),
            not_found: 0,
            tallies: sources
                .iter()
                .map(|s| Tally {
                    source: s.id.clone(),
                    file: s.file.clone(),
                    cited: 0,
                    found: 0,
                })
                .collect(),
            sources,
        };
        Checker {
            cx,
            quotes,
            seen: HashMap::default(),
        }
    }

    /// Check the next events in file order, filling in their quotes' spans.
    pub fn events(&mut self, events: &mut [Event]) {
        let Checker { cx, quotes, seen } = self;
        let label = cx.label;
        let (sources, readable, index) = (&quotes.sources, &quotes.readable, &quotes.index);
        // The verbatim search and the claims lint, per event on every core; the
        // pass below, on one, reports.
        let (sought, claims): (Vec<Vec<Sought>>, Vec<Vec<Claim>>) =
            crate::parallel::map_init(events, claims::Lint::default, |lint, e| {
                let sought = e
                    .quotes()
                    .map(|c| {
                        let source = index.get(c.source.as_str()).copied();
                        let direct = source
                            .filter(|&si| readable[si])
                            .and_then(|si| find_as_written(&sources[si].text, &c.quote));
                        Sought::of(c, source, direct)
                    })
                    .collect();
                (sought, lint.unsupported(e))
            })
            .into_iter()
            .unzip();
        for ((event, sought), claims) in events.iter_mut().zip(sought).zip(claims) {
            let mut sought = sought.into_iter();
            let place = Place {
                id: &event.id,
                nth: bump(seen, &event.id),
            };
            let who = Who(&event.id);
            check_event_fields(cx, event, who, place);
            report_claims(cx, event, who, place, &claims);
            if event.citations.is_empty() {
                cx.push(
                    Problem::error(label, cx.event_pos(place), format!("{who}: cites nothing"))
                        .hint("every event needs at least one citation: (source: \"id\", quote: \"verbatim words\")"),
                );
            }
            for c in event.citations.iter_mut() {
                quotes.check(cx, who, place, c, sought.next());
            }
            for d in event.disputes.iter_mut() {
                if d.about.trim().is_empty() {
                    let p = Problem::error(
                        label,
                        cx.event_pos(place),
                        format!("{who}: a dispute does not say what it is about"),
                    );
                    cx.push(p);
                }
                if d.sides.len() < 2 {
                    cx.push(
                        Problem::error(label, cx.event_pos(place), format!("{who}: a dispute needs at least two sides, it has {}", d.sides.len()))
                            .hint("cite each source's side: sides: [(source: ..., quote: ...), (source: ..., quote: ...)]"),
                    );
                }
                for c in d.sides.iter_mut() {
                    quotes.check(cx, who, place, c, sought.next());
                }
            }
        }
    }

    /// Drop the RON text until a problem needs placing (`Locator::forget`).
    pub fn forget_text(&mut self) {
        self.cx.loc.forget();
    }

    /// Line and column of byte `at` of the RON text; none if it was
    /// forgotten and the file has changed since.
    pub fn line_col(&self, at: usize) -> Option<(usize, usize)> {
        self.cx.pos(Some(at))
    }

    /// The problems found so far that were not taken yet.
    pub fn take_problems(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.cx.problems)
    }

    /// The last checks (sources never cited); the sources, texts filled in,
    /// and the report: every problem not taken, and the tallies.
    pub fn finish(mut self) -> (Vec<Source>, Report) {
        for (i, t) in self.quotes.tallies.iter().enumerate() {
            if t.cited == 0 && self.quotes.readable[i] {
                let at = self.cx.loc.id_at(self.cx.sources_region, &t.source, 0);
                let p = Problem::warning(
                    self.cx.label,
                    self.cx.pos(at),
                    format!("source \"{}\" is never cited", short(&t.source)),
                );
                self.cx.push(p);
            }
        }
        let report = Report {
            problems: self.cx.problems,
            tallies: self.quotes.tallies,
            strict: false,
        };
        (self.quotes.sources, report)
    }
}

/// A warning per claim the event's quotes do not support, at the word in the
/// RON text. Each field is found once, and its words are sought in order
/// from the last one found, so an event's claims cost one pass over it.
fn report_claims(cx: &mut Context, event: &Event, who: Who, place: Place, claims: &[Claim]) {
    let names_a_source = |c: &&Claim| c.number && cx.source_refs.iter().any(|r| r == c.word(event));
    let claims: Vec<&Claim> = claims.iter().filter(|c| !names_a_source(c)).collect();
    if claims.is_empty() {
        return;
    }
    let event_at = cx.loc.id_at(cx.events_region, place.id, place.nth);
    // The last place turned into a line and column: the next, usually a few
    // words on, is counted from it.
    let mut last: Option<(usize, (usize, usize))> = None;
    // Per field: where its value is, its string's bytes, and where to seek
    // its next word from (`None` once a word was not found as written).
    type Found = (
        claims::Field,
        Option<usize>,
        Option<Range<usize>>,
        Option<usize>,
    );
    let mut fields: Vec<Found> = Vec::new();
    for claim in claims {
        let word = claim.word(event);
        let i = match fields.iter().position(|f| f.0 == claim.field) {
            Some(i) => i,
            None => {
                let value = event_at.and_then(|e| cx.loc.field_of(e, claim.field.key()));
                let body = value.and_then(|v| claims::literal(cx.loc.text(), v));
                let from = body.as_ref().map(|b| b.start);
                fields.push((claim.field, value, body, from));
                fields.len() - 1
            }
        };
        let (_, value, body, from) = fields[i].clone();
        let found = body
            .zip(from)
            .and_then(|(b, from)| claims::find_word(cx.loc.text(), b, from, word, claim.number));
        fields[i].3 = found;
        let at = found.or(value).or(event_at).map(|at| {
            let here = match last {
                Some((from, pos)) if from <= at && at - from <= NEAR => {
                    line_col_after(cx.loc.text(), from, pos, at)
                }
                _ => cx.loc.line_col(at),
            };
            last = Some((at, here));
            here
        });
        let at = at.filter(|_| !cx.loc.is_lost());
        let field = claim.field.key();
        let word = short(word);
        let p = Problem::warning(
            cx.label,
            at,
            format!("{who}: the {field} says \"{word}\", which none of its quotes does"),
        )
        .hint(format!(
            "quote the words that say it, or list it in paraphrase: [\"{word}\"] if the quotes say it in other words"
        ));
        cx.push(p);
    }
}

/// The digits each source's file name begins with, where it begins with some.
fn source_refs(sources: &[Source]) -> Vec<String> {
    let mut refs: Vec<String> = sources
        .iter()
        .filter_map(|s| {
            let name = std::path::Path::new(&s.file).file_name()?.to_str()?;
            let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
            (!digits.is_empty()).then_some(digits)
        })
        .collect();
    refs.sort();
    refs.dedup();
    refs
}

/// How far on from a place already known another is counted from it.
const NEAR: usize = 4096;

/// Line and column of byte `to` of `text`, from byte `from`'s, `pos`.
fn line_col_after(text: &str, from: usize, pos: (usize, usize), to: usize) -> (usize, usize) {
    let Some(between) = text.get(from..to) else {
        return pos;
    };
    match between.rfind('\n') {
        None => (pos.0, pos.1 + between.chars().count()),
        Some(nl) => (
            pos.0 + memchr::memchr_iter(b'\n', between.as_bytes()).count(),
            between[nl + 1..].chars().count() + 1,
        ),
    }
}

/// Ids counted as they are met, to tell the second of one: at 100k events a
/// `String` a key hashed with SipHash was a third of the pass in file order
/// (these are inline up to 24 bytes, and foldhash is seeded too).
type Ids = foldhash::fast::RandomState;

/// "event \"id\"" in a message, written only when there is one: formatted
/// for every event it was an eighth of the pass in file order.
#[derive(Clone, Copy)]
struct Who<'e>(&'e str);

impl fmt::Display for Who<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "event \"{}\"", short(self.0))
    }
}

/// Where an event is in the RON text: its id, and which occurrence of it.
#[derive(Clone, Copy)]
struct Place<'e> {
    id: &'e str,
    nth: usize,
}

/// The checks on an event's own fields: id, dates, title, summary.
fn check_event_fields(cx: &mut Context, event: &super::model::Event, who: Who, place: Place) {
    let label = cx.label;
    // Only looked up when there is a problem to place.
    let pos = |cx: &Context| cx.event_pos(place);
    if !is_id(&event.id) {
        cx.push(bad_id("event", &event.id, pos(cx), label));
    }
    if place.nth > 0 {
        cx.push(
            Problem::error(
                label,
                pos(cx),
                format!("duplicate event id \"{}\"", short(&event.id)),
            )
            .hint("ids must be unique: `show ID` and links between events use them"),
        );
    }
    for (what, date) in [("date", Some(event.date)), ("sort_as", event.sort_as)] {
        let Some(date) = date else { continue };
        if let Some(why) = date.impossible() {
            cx.push(
                Problem::error(label, pos(cx), format!("{who}: impossible {what}: {why}"))
                    .hint("write Day(year, month, day), Month(year, month), Year(year) or Between(from, to)"),
            );
        } else if let Some(p) = range_problem(cx, place, date, who, what) {
            cx.push(p);
        }
    }
    if event.inferred.as_ref().is_some_and(|s| s.trim().is_empty()) {
        cx.push(
            Problem::error(label, pos(cx), format!("{who}: `inferred` is empty"))
                .hint("say from what the date is inferred, e.g. \"the article says 'this week' and is dated ...\""),
        );
    }
    if event.title.trim().is_empty() {
        let p = Problem::error(label, pos(cx), format!("{who}: empty title"));
        cx.push(p);
    } else if event.title.len() > TITLE_MAX && event.title.chars().count() > TITLE_MAX {
        cx.push(Problem::warning(
            label,
            pos(cx),
            format!(
                "{who}: title is {} characters; keep it under {TITLE_MAX} so it fits a list row",
                event.title.chars().count()
            ),
        ));
    }
    if event.summary.trim().is_empty() {
        let p = Problem::error(label, pos(cx), format!("{who}: empty summary"));
        cx.push(p);
    }
}

/// What is wrong with a range whose ends both exist: an end before its start
/// (an error), or a range from a date to itself (a warning). An end within the
/// start's period, as `Between(Month(2020, 9), Day(2020, 9, 10))`, is fine.
fn range_problem(cx: &Context, place: Place, date: Date, who: Who, what: &str) -> Option<Problem> {
    let Date::Between(from, to) = date else {
        return None;
    };
    // Placed only once there is a problem: the lookup is not free.
    let (label, at) = (cx.label, || cx.event_pos(place));
    if from == to {
        return Some(
            Problem::warning(
                label,
                at(),
                format!("{who}: {what} is a range from a date to itself ({from})"),
            )
            // Debug spells a point as RON does: `Month(2020, 9)`.
            .hint(format!("write the date alone: {from:?}")),
        );
    }
    let backwards = from
        .first_day()
        .zip(to.last_day())
        .is_some_and(|(a, b)| b < a);
    backwards.then(|| {
        Problem::error(
            label,
            at(),
            format!("{who}: {what} ends before it starts: {to} is before {from}"),
        )
        .hint("write the earlier date first: Between(from, to)")
    })
}

struct Context<'a> {
    /// The numbers sources' files begin with ("003" for seeds/003_...): a
    /// curator writing "003 says" names a source, not a figure to quote.
    source_refs: Vec<String>,
    loc: Locator<'a>,
    label: &'a str,
    problems: Vec<Problem>,
    sources_region: Option<usize>,
    events_region: Option<usize>,
}

impl Context<'_> {
    fn pos(&self, at: Option<usize>) -> Option<(usize, usize)> {
        let at = at.map(|b| self.loc.line_col(b));
        // Read again and changed: a position would point elsewhere.
        at.filter(|_| !self.loc.is_lost())
    }

    fn error(&mut self, at: Option<usize>, message: impl Into<String>) {
        let p = Problem::error(self.label, self.pos(at), message);
        self.problems.push(p);
    }

    fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    fn event_pos(&self, place: Place) -> Option<(usize, usize)> {
        self.pos(self.loc.id_at(self.events_region, place.id, place.nth))
    }
}

/// Finds quotes in their sources and counts them per source.
struct Quotes {
    sources: Vec<Source>,
    readable: Vec<bool>,
    index: HashMap<String, usize>,
    ids: Vec<String>,
    /// Whitespace-folded texts, built only for sources whose quotes need folding.
    folded: Vec<Option<Haystack>>,
    tallies: Vec<Tally>,
    /// The closest id to each unknown source name met so far.
    suggested: HashMap<String, Option<String>>,
    /// Quotes not found so far.
    not_found: usize,
}

/// A citation's source, where its quote stands as written if it does, and
/// what the checks in order ask of its words: found on every core, before
/// the citations are checked in order.
struct Sought {
    source: Option<usize>,
    direct: Option<Range<usize>>,
    /// The quote is only whitespace.
    blank: bool,
    /// The quote has two words or fewer.
    few_words: bool,
}

impl Sought {
    fn of(c: &Citation, source: Option<usize>, direct: Option<Range<usize>>) -> Sought {
        Sought {
            source,
            direct,
            blank: c.quote.trim().is_empty(),
            // Counting every word was a tenth of a second at 100k events.
            few_words: c.quote.split_whitespace().nth(2).is_none(),
        }
    }
}

impl Quotes {
    /// The known id most like an unknown `name`, once per name, and for the
    /// first SUGGESTED names only: each costs a comparison with every id.
    fn closest(&mut self, name: &str) -> Option<String> {
        if let Some(best) = self.suggested.get(name) {
            return best.clone();
        }
        if self.suggested.len() >= SUGGESTED {
            return None;
        }
        let best = closest(name, &self.ids).map(str::to_string);
        self.suggested.insert(name.to_string(), best.clone());
        best
    }

    /// "known sources: a, b, c", the first few.
    fn known(&self) -> String {
        let shown: Vec<_> = self.ids.iter().take(10).map(|id| short(id)).collect();
        let more = self.ids.len() - shown.len();
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        format!("known sources: {}{more}", shown.join(", "))
    }

    fn nearest(&mut self, source: usize, quote: &str) -> Option<Nearest> {
        self.folded(source).nearest(quote)
    }

    fn folded(&mut self, source: usize) -> &Haystack {
        if self.folded.len() < self.sources.len() {
            self.folded.resize_with(self.sources.len(), || None);
        }
        self.folded[source].get_or_insert_with(|| Haystack::new(&self.sources[source].text))
    }

    /// Check one citation: its source exists and its quote stands there
    /// verbatim. `sought` is what the search on every core found of it.
    fn check(
        &mut self,
        cx: &mut Context,
        who: Who,
        place: Place,
        c: &mut Citation,
        sought: Option<Sought>,
    ) {
        // Each citation was sought (in the same order): looked up again, the
        // answer would be the same.
        let Sought {
            source,
            direct,
            blank,
            few_words,
        } = sought
            .unwrap_or_else(|| Sought::of(c, self.index.get(c.source.as_str()).copied(), None));
        let label = cx.label;
        // Where the quote is written, found only if there is something to report.
        let pos = |cx: &Context| {
            let event = cx.loc.id_at(cx.events_region, place.id, place.nth);
            let from = event.unwrap_or(0);
            cx.pos(cx.loc.text_after(from, &c.quote).or(event))
        };
        let Some(si) = source else {
            let mut p = Problem::error(
                label,
                pos(cx),
                format!("{who}: cites unknown source \"{}\"", short(&c.source)),
            );
            p = match self.closest(&c.source) {
                Some(best) => p.hint(format!("did you mean \"{}\"?", short(&best))),
                None => p.hint(self.known()),
            };
            cx.push(p);
            return;
        };
        c.source_index = si;
        self.tallies[si].cited += 1;
        if blank {
            let p = Problem::error(
                label,
                pos(cx),
                format!("{who}: empty quote from \"{}\"", short(&c.source)),
            );
            cx.push(p);
            return;
        }
        if !self.readable[si] {
            return;
        }
        let found = direct.or_else(|| self.folded(si).find(&c.quote));
        match found {
            Some(span) => {
                c.span = span;
                self.tallies[si].found += 1;
                if few_words {
                    let p = Problem::warning(
                        label,
                        pos(cx),
                        format!(
                            "{who}: the quote \"{}\" is too short to carry a fact on its own",
                            c.quote
                        ),
                    );
                    cx.push(p);
                }
            }
            None => {
                let p = Problem::error(
                    label,
                    pos(cx),
                    format!(
                        "{who}: quote not found in source \"{}\" ({}): \"{}\"",
                        short(&c.source),
                        short(&self.tallies[si].file),
                        first_words(&c.quote, 8)
                    ),
                );
                self.not_found += 1;
                let hint = if self.not_found > NEAREST_SHOWN {
                    format!(
                        "the nearest passage is shown for the first {NEAREST_SHOWN} quotes not found"
                    )
                } else {
                    match self.nearest(si, &c.quote) {
                        Some(near) => near.describe(),
                        None => "no passage of the source comes close: is it the right source?"
                            .to_string(),
                    }
                };
                cx.push(p.hint(hint));
            }
        }
    }
}

/// Most quotes are copied as they stand, so they are sought as written first;
/// folding whitespace costs 9 bytes per byte of source.
///
/// A searcher for a whole quote costs its length to build, more than the
/// search of a short article: the quote's first bytes are sought and the
/// rest compared. A text that repeats the head often (a hostile one) gets
/// the whole quote's searcher after a few misses, which stays linear.
fn find_as_written(text: &str, quote: &str) -> Option<Range<usize>> {
    let (t, q) = (text.as_bytes(), quote.trim().as_bytes());
    let head = memchr::memmem::Finder::new(&q[..q.len().min(QUOTE_HEAD)]);
    let mut from = 0;
    for _ in 0..HEAD_MISSES {
        let at = from + head.find(t.get(from..)?)?;
        if t[at..].starts_with(q) {
            return Some(at..at + q.len());
        }
        from = at + 1;
    }
    let at = from + memchr::memmem::find(&t[from..], q)?;
    Some(at..at + q.len())
}

/// How many bytes of a quote are sought before the rest is compared.
const QUOTE_HEAD: usize = 16;
/// How many places where only the head matches are passed over before the
/// whole quote is sought.
const HEAD_MISSES: usize = 8;

fn bump(seen: &mut HashMap<Word, usize, Ids>, id: &str) -> usize {
    let n = seen.entry(Word::from(id)).or_insert(0);
    *n += 1;
    *n - 1
}

/// Ids are kebab-case: they are typed on command lines and in links.
fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

fn bad_id(what: &str, id: &str, pos: Option<(usize, usize)>, label: &str) -> Problem {
    Problem::error(
        label,
        pos,
        format!("{what} id \"{}\" is not kebab-case", short(id)),
    )
    .hint("use lowercase letters, digits and dashes, e.g. \"oracle-deal-2020\"")
}

/// The id most like `wanted`, if any is close enough to be a likely typo.
pub fn closest<'a>(wanted: &str, ids: &'a [String]) -> Option<&'a str> {
    suggestions(wanted, ids, 1).into_iter().next()
}

/// Up to `n` ids like `wanted`, best first: typos, or ids containing it.
pub fn suggestions<'a>(wanted: &str, ids: &'a [String], n: usize) -> Vec<&'a str> {
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(f64, &str)> = ids
        .iter()
        .map(|id| {
            let mut s = strsim::jaro_winkler(&wanted, id);
            // Short ids: a swap or two of letters is still a typo of them.
            if wanted.len() >= 3 && strsim::damerau_levenshtein(&wanted, id) <= 2 {
                s = s.max(0.85);
            }
            if !wanted.is_empty() && id.contains(&wanted) {
                s = s.max(0.9);
            }
            (s, id.as_str())
        })
        .filter(|(s, _)| *s >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(n).map(|(_, id)| id).collect()
}

/// A name as a message shows it: whole, or cut to NAME_SHOWN characters.
fn short(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(NAME_SHOWN) {
        None => Cow::Borrowed(s),
        Some((at, _)) => {
            let cut = s[..at].char_indices().next_back().map_or(0, |(i, _)| i);
            Cow::Owned(format!("{}…", &s[..cut]))
        }
    }
}

fn first_words(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_quote_whose_head_repeats_is_found_past_the_misses() {
        // The head matches nine times before the quote does: the last
        // try is the whole quote's searcher.
        let head = "0123456789abcdef";
        let text = format!("{}{head}-the quote", format!("{head}x").repeat(9));
        let quote = format!("{head}-the quote");
        let at = text.find(&quote).unwrap();
        assert_eq!(find_as_written(&text, &quote), Some(at..text.len()));
        assert_eq!(find_as_written(&text, &format!("{head}-not")), None);
    }

    /// Mostly `a`: every head repeats, and a quote's place may overlap a miss.
    fn ab(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
        proptest::collection::vec(prop_oneof![9 => Just('a'), 1 => Just('b')], len)
            .prop_map(|c| c.into_iter().collect())
    }

    proptest! {
        /// The search finds the first place of the quote (trimmed), as a
        /// plain search does, in texts that hold it and texts that may not.
        #[test]
        fn finds_the_first_place_a_plain_search_finds(
            before in ab(0..120),
            quote in ab(1..40),
            after in ab(0..40),
            held in any::<bool>(),
        ) {
            let text = if held { format!("{before}{quote}{after}") } else { before };
            let q = format!(" {quote}\n");
            let want = text.find(&quote).map(|at| at..at + quote.len());
            prop_assert_eq!(find_as_written(&text, &q), want);
        }
    }
}
