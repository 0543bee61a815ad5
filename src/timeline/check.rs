//! Validation: every problem in a parsed timeline at once, each with where it is.
//! Also reads the sources and locates every quote, which the reader highlights.

use std::collections::HashMap;

use super::model::{Citation, Timeline};
use super::problem::{Locator, Problem};
use super::quote::Haystack;

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

pub struct Report {
    pub problems: Vec<Problem>,
    pub tallies: Vec<Tally>,
}

const TITLE_MAX: usize = 80;

/// Check `tl` (parsed from `ron`, shown to the user as `label`), filling in
/// source texts and quote spans. Problems come in file order.
/// `read` fetches a source by its `file` as written; its error says what went wrong.
pub fn validate(
    tl: &mut Timeline,
    ron: &str,
    label: &str,
    read: &dyn Fn(&str) -> Result<String, String>,
) -> Report {
    let loc = Locator::new(ron);
    let mut cx = Context {
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

    // Sources: ids, then their texts.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut hay: Vec<Option<Haystack>> = Vec::with_capacity(tl.sources.len());
    let mut tallies = Vec::with_capacity(tl.sources.len());
    for (i, source) in tl.sources.iter_mut().enumerate() {
        let nth = bump(&mut seen, &source.id);
        let at = cx.find_id(cx.sources_region, &source.id, nth);
        if !is_id(&source.id) {
            cx.push(bad_id("source", &source.id, cx.pos(at), label));
        }
        if nth > 0 {
            cx.error(at, format!("duplicate source id \"{}\"", source.id));
        } else {
            index.insert(source.id.clone(), i);
        }
        match read(&source.file) {
            Ok(text) => {
                hay.push(Some(Haystack::new(&text)));
                source.text = text;
            }
            Err(why) => {
                hay.push(None);
                let p = Problem::error(
                    label,
                    cx.pos(at),
                    format!("source \"{}\": cannot read {}: {why}", source.id, source.file),
                )
                .hint("a source's file is relative to the timeline's root (the RON file's folder unless `root` says otherwise)");
                cx.push(p);
            }
        }
        tallies.push(Tally {
            source: source.id.clone(),
            file: source.file.clone(),
            cited: 0,
            found: 0,
        });
    }

    let ids: Vec<String> = tl.sources.iter().map(|s| s.id.clone()).collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for event in tl.events.iter_mut() {
        let nth = bump(&mut seen, &event.id);
        let at = cx.find_id(cx.events_region, &event.id, nth);
        let pos = cx.pos(at);
        let who = format!("event \"{}\"", event.id);
        if !is_id(&event.id) {
            cx.push(bad_id("event", &event.id, pos, label));
        }
        if nth > 0 {
            cx.push(
                Problem::error(label, pos, format!("duplicate event id \"{}\"", event.id))
                    .hint("ids must be unique: `show ID` and links between events use them"),
            );
        }
        for (what, date) in [("date", Some(event.date)), ("sort_as", event.sort_as)] {
            if let Some(why) = date.and_then(|d| d.impossible()) {
                cx.push(
                    Problem::error(label, pos, format!("{who}: impossible {what}: {why}"))
                        .hint("write Day(year, month, day), Month(year, month) or Year(year)"),
                );
            }
        }
        if event.inferred.as_ref().is_some_and(|s| s.trim().is_empty()) {
            cx.push(
                Problem::error(label, pos, format!("{who}: `inferred` is empty"))
                    .hint("say from what the date is inferred, e.g. \"the article says 'this week' and is dated ...\""),
            );
        }
        if event.title.trim().is_empty() {
            cx.error(at, format!("{who}: empty title"));
        } else if event.title.chars().count() > TITLE_MAX {
            cx.push(Problem::warning(
                label,
                pos,
                format!("{who}: title is {} characters; keep it under {TITLE_MAX} so it fits a list row", event.title.chars().count()),
            ));
        }
        if event.summary.trim().is_empty() {
            cx.error(at, format!("{who}: empty summary"));
        }
        if event.citations.is_empty() {
            cx.push(
                Problem::error(label, pos, format!("{who}: cites nothing"))
                    .hint("every event needs at least one citation: (source: \"id\", quote: \"verbatim words\")"),
            );
        }
        let from = at.unwrap_or(0);
        for c in event.citations.iter_mut() {
            cx.citation(&who, from, c, &index, &ids, &hay, &mut tallies);
        }
        for d in event.disputes.iter_mut() {
            if d.about.trim().is_empty() {
                cx.error(
                    at,
                    format!("{who}: a dispute does not say what it is about"),
                );
            }
            if d.sides.len() < 2 {
                cx.push(
                    Problem::error(label, pos, format!("{who}: a dispute needs at least two sides, it has {}", d.sides.len()))
                        .hint("cite each source's side: sides: [(source: ..., quote: ...), (source: ..., quote: ...)]"),
                );
            }
            for c in d.sides.iter_mut() {
                cx.citation(&who, from, c, &index, &ids, &hay, &mut tallies);
            }
        }
    }

    for (i, t) in tallies.iter().enumerate() {
        if t.cited == 0 && hay[i].is_some() {
            let at = cx.find_id(cx.sources_region, &t.source, 0);
            cx.push(Problem::warning(
                label,
                cx.pos(at),
                format!("source \"{}\" is never cited", t.source),
            ));
        }
    }

    Report {
        problems: cx.problems,
        tallies,
    }
}

struct Context<'a> {
    loc: Locator<'a>,
    label: &'a str,
    problems: Vec<Problem>,
    sources_region: Option<usize>,
    events_region: Option<usize>,
}

impl Context<'_> {
    fn pos(&self, at: Option<usize>) -> Option<(usize, usize)> {
        at.map(|b| self.loc.line_col(b))
    }

    fn error(&mut self, at: Option<usize>, message: impl Into<String>) {
        let p = Problem::error(self.label, self.pos(at), message);
        self.problems.push(p);
    }

    fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    /// Where the `nth` `id: "value"` stands after `region` (the list it belongs to).
    fn find_id(&self, region: Option<usize>, id: &str, nth: usize) -> Option<usize> {
        let from = region.unwrap_or(0);
        self.loc
            .field_from(from, "id", id, nth)
            .or_else(|| self.loc.field_from(0, "id", id, nth))
    }

    #[allow(clippy::too_many_arguments)]
    fn citation(
        &mut self,
        who: &str,
        from: usize,
        c: &mut Citation,
        index: &HashMap<String, usize>,
        ids: &[String],
        hay: &[Option<Haystack>],
        tallies: &mut [Tally],
    ) {
        let at = self.loc.text_after(from, &c.quote).or(Some(from));
        let pos = self.pos(at);
        let Some(&si) = index.get(&c.source) else {
            let mut p = Problem::error(
                self.label,
                pos,
                format!("{who}: cites unknown source \"{}\"", c.source),
            );
            p = match closest(&c.source, ids) {
                Some(best) => p.hint(format!("did you mean \"{best}\"?")),
                None => p.hint(format!("known sources: {}", ids.join(", "))),
            };
            self.push(p);
            return;
        };
        tallies[si].cited += 1;
        if c.quote.trim().is_empty() {
            self.push(Problem::error(
                self.label,
                pos,
                format!("{who}: empty quote from \"{}\"", c.source),
            ));
            return;
        }
        let Some(h) = &hay[si] else { return };
        match h.find(&c.quote) {
            Some(span) => {
                c.span = span;
                tallies[si].found += 1;
                if c.quote.split_whitespace().count() < 3 {
                    self.push(Problem::warning(
                        self.label,
                        pos,
                        format!(
                            "{who}: the quote \"{}\" is too short to carry a fact on its own",
                            c.quote
                        ),
                    ));
                }
            }
            None => {
                let p = Problem::error(
                    self.label,
                    pos,
                    format!(
                        "{who}: quote not found in source \"{}\" ({}): \"{}\"",
                        c.source,
                        tallies[si].file,
                        first_words(&c.quote, 8)
                    ),
                );
                let hint = match h.nearest(&c.quote) {
                    Some(near) => near.describe(),
                    None => {
                        "no passage of the source comes close: is it the right source?".to_string()
                    }
                };
                self.push(p.hint(hint));
            }
        }
    }
}

fn bump(seen: &mut HashMap<String, usize>, id: &str) -> usize {
    let n = seen.entry(id.to_string()).or_insert(0);
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
    Problem::error(label, pos, format!("{what} id \"{id}\" is not kebab-case"))
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

fn first_words(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        out.push('…');
    }
    out
}
