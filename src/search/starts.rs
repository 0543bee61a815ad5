//! Every start of a query's last term, carried from one key to the next.
//!
//! A term grown by a letter at its end starts only where the shorter term
//! starts (its window holds the shorter one's, with no more slack), so once
//! a term's every start is known, the next key tries those places alone
//! instead of reading the text again: on the synthetic 100k-event timeline,
//! `or` has 1.43 million places, so `ora` tries those, and `orac` the 281
//! thousand of `ora`. A term's first two letters are answered event by event,
//! each event's first start enough (most events hold most letters); the
//! app's filter worker then finds the second letter's every place, while the
//! user reads the answer (`tui::state::filter::more`).

use rayon::prelude::*;

use super::index::Index;
use super::pattern::Prepared;
use super::prefilter::lone;
use super::scan::{self, Find, Place};

/// Candidate events a parallel piece of a scan takes: enough that setting one
/// up costs nothing beside it, few enough that both cores stay busy.
pub(super) const PIECE: usize = 1024;
/// Starts a parallel piece of a refinement tries.
const STARTS_PIECE: usize = 1 << 14;

/// Where a term's window starts, every place in the events it matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Starts {
    /// The term, folded unless case-sensitive.
    pat: Vec<u8>,
    case_sensitive: bool,
    /// Ascending.
    at: Vec<Place>,
}

impl Starts {
    /// How many places.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// Whether `pat` is this term grown at its end, so starts only among these.
    fn grown_into(&self, pat: &[u8], case_sensitive: bool) -> bool {
        self.case_sensitive == case_sensitive
            && pat.len() > self.pat.len()
            && pat.starts_with(&self.pat)
    }
}

/// The most places kept for a term (28 bytes each, so 70 MB): a term of two
/// common letters in a timeline of a million events has more, and is only
/// searched (`or` has 1.4 million at 100k events).
const MOST: usize = 2_500_000;

/// Whether a term's starts are kept in `index`: a term of one letter has
/// too many to be worth it, and places are kept in 32 bits.
fn kept(index: &Index, pat: &[u8]) -> bool {
    pat.len() > 1 && u32::try_from(index.text.len()).is_ok() && u32::try_from(index.len()).is_ok()
}

/// Every start of the last group's term in `events` (its matches, ascending),
/// when it is one whose starts are kept.
pub(super) fn of_last(index: &Index, groups: &[Vec<Prepared>], events: &[usize]) -> Option<Starts> {
    let (p, pat) = lone(groups.last()?)?;
    if p.term.negated || !kept(index, pat) {
        return None;
    }
    matching_events(
        index,
        events,
        pat,
        p.term.case_sensitive,
        Some((None, true)),
    )
    .1
}

/// The events among `events` (ascending) that the ASCII fuzzy term `pat`
/// matches, in order. With `keep`, every start of it in them too: from
/// `before` (the starts of the term it grew from, among the same events or
/// more) when that applies, else by reading the text if asked to.
pub(super) fn matching_events(
    index: &Index,
    events: &[usize],
    pat: &[u8],
    case_sensitive: bool,
    keep: Option<(Option<&Starts>, bool)>,
) -> (Vec<usize>, Option<Starts>) {
    let before = keep
        .and_then(|(before, _)| before)
        .filter(|b| b.grown_into(pat, case_sensitive));
    let find = keep.is_some_and(|(_, find)| find);
    if !kept(index, pat) || (before.is_none() && !find) {
        let found = events
            .par_chunks(PIECE)
            .map(|piece| {
                let mut found = Vec::new();
                scan::scan(
                    index,
                    piece,
                    pat,
                    case_sensitive,
                    Find::Events,
                    &mut |_| {},
                    &mut |e| found.push(e),
                );
                found
            })
            .collect::<Vec<_>>()
            .concat();
        return (found, None);
    }
    let pieces: Vec<(Vec<Place>, Vec<usize>)> = match before {
        Some(before) => before
            .at
            .par_chunks(STARTS_PIECE)
            .map(|piece| {
                let mut at = Vec::new();
                let grown = &pat[before.pat.len()..];
                scan::refine(index, piece, grown, pat.len(), case_sensitive, &mut |p| {
                    at.push(p)
                });
                among(at, events)
            })
            .collect(),
        None => events
            .par_chunks(PIECE)
            .map(|piece| {
                let (mut at, mut found) = (Vec::new(), Vec::new());
                scan::scan(
                    index,
                    piece,
                    pat,
                    case_sensitive,
                    Find::Starts,
                    &mut |p| at.push(p),
                    &mut |e| found.push(e),
                );
                (at, found)
            })
            .collect(),
    };
    let mut at = Vec::with_capacity(pieces.iter().map(|p| p.0.len()).sum());
    let mut found: Vec<usize> = Vec::new();
    for (starts, events) in pieces {
        at.extend(starts);
        // An event whose starts two pieces share is listed once.
        let seam = usize::from(found.last().is_some() && found.last() == events.first());
        found.extend(&events[seam..]);
    }
    let starts = (at.len() <= MOST).then(|| Starts {
        pat: pat.to_vec(),
        case_sensitive,
        at,
    });
    (found, starts)
}

/// The starts `at` (ascending) whose events are among `events` (ascending),
/// and those events, each once.
fn among(at: Vec<Place>, events: &[usize]) -> (Vec<Place>, Vec<usize>) {
    // From the first that can hold one: a piece of starts is a short stretch of `events`.
    let from = at.first().map_or(events.len(), |p| {
        events.partition_point(|&x| x < p.event as usize)
    });
    let mut rest = events[from..].iter().peekable();
    let mut kept = Vec::with_capacity(at.len());
    let mut found: Vec<usize> = Vec::new();
    for place in at {
        let event = place.event as usize;
        while rest.next_if(|&&x| x < event).is_some() {}
        if rest.peek() == Some(&&event) {
            kept.push(place);
            if found.last() != Some(&event) {
                found.push(event);
            }
        }
    }
    (kept, found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testing::{event, timeline};
    use crate::search::window::window;
    use crate::search::{Query, Search};
    use proptest::prelude::*;

    /// Text of few letters amid filler, capitals and characters of two, three
    /// and four bytes, long enough to cross the scan's 64-byte blocks.
    fn text(max: usize) -> impl Strategy<Value = String> {
        const ALPHABET: &[char] = &['a', 'b', 'c', 'A', 'B', ' ', '-', 'é', '北', '🎉'];
        proptest::collection::vec(proptest::sample::select(ALPHABET), 0..=max)
            .prop_map(|cs| cs.into_iter().collect())
    }

    /// Every byte of event `e`'s fields where `term`'s window starts, by
    /// `window` field by field: what `Starts` must hold.
    fn every_start(index: &Index, search: &Search, e: usize, query: &str) -> Vec<usize> {
        let query = Query::parse(query);
        let p = search.prepare(&query.groups[0][0]);
        let mut out = Vec::new();
        for k in index.starts[e]..index.starts[e + 1] {
            let from = if k == 0 { 0 } else { index.ends[k - 1] };
            let field = &index.text[from..index.ends[k]];
            for (at, _) in field.char_indices() {
                if window(field, at, &p, index.fields[k].slack()).is_some_and(|(s, _)| s == at) {
                    out.push(from + at);
                }
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// Typed a letter at a time, each key run from the last's events and
        /// starts, a term matches what it matches from scratch, and its starts
        /// are every place its window starts.
        #[test]
        fn starts_carried_from_key_to_key_are_every_start(
            titles in proptest::collection::vec(text(12), 1..6),
            summaries in proptest::collection::vec(text(150), 1..4),
            word in "[abcAB\\-]{2,6}",
        ) {
            let events: Vec<_> = titles
                .iter()
                .zip(summaries.iter().cycle())
                .map(|(t, s)| event(t, s, &[s.as_str()]))
                .collect();
            let tl = timeline(events);
            let index = Index::new(&tl);
            let search = Search::default();
            let mut base: Option<Vec<usize>> = None;
            let mut before: Option<Starts> = None;
            for n in 1..=word.len() {
                let typed = &word[..n];
                let query = Query::parse(typed);
                let (events, starts) =
                    search.filter_events(&index, &query, base.as_deref(), before.as_ref(), true);
                let (scratch, _) = search.filter_events(&index, &query, None, None, false);
                prop_assert_eq!(&events, &scratch, "{:?}", typed);
                // The scan of all events as one stretch, against `window` event by event.
                let brute: Vec<usize> = (0..index.len())
                    .filter(|&e| !every_start(&index, &search, e, typed).is_empty())
                    .collect();
                prop_assert_eq!(&scratch, &brute, "{:?}", typed);
                if let Some(starts) = &starts {
                    let want: Vec<usize> = scratch
                        .iter()
                        .flat_map(|&e| every_start(&index, &search, e, typed))
                        .collect();
                    let got: Vec<usize> = starts.at.iter().map(|p| p.at as usize).collect();
                    prop_assert_eq!(got, want, "{:?}", typed);
                }
                if n == 1 || base.as_ref().is_some_and(Vec::is_empty) {
                    prop_assert!(starts.is_none(), "{:?}", typed);
                } else {
                    prop_assert!(starts.is_some(), "{:?}", typed);
                }
                base = Some(events);
                before = starts;
            }
        }
    }
}
