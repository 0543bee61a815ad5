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

use super::index::{Index, letter_bits};
use super::pattern::Prepared;
use super::prefilter::lone;
use super::scan::{self, Find, Place, letter_bit};

/// Candidate events a parallel piece of a scan takes: enough that setting one
/// up costs nothing beside it, few enough that both cores stay busy. The
/// unit tests' timelines are a few events: in pieces of two, the seams
/// between pieces (an event in two, a piece with no start) are tested too.
pub(super) const PIECE: usize = if cfg!(test) { 2 } else { 1024 };
/// Starts a parallel piece of a refinement tries.
const STARTS_PIECE: usize = if cfg!(test) { 3 } else { 1 << 14 };

/// Where a term's window starts, every place in the events it matched, and
/// what the next key may add there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Starts {
    /// The term, folded unless case-sensitive.
    pat: Vec<u8>,
    case_sensitive: bool,
    /// Ascending, in the pieces the cores found them in (joined, the pieces
    /// and the whole were held at once: 40 MB more for `or` at 100k events);
    /// none kept for a term of one letter (its every occurrence), or when
    /// there are too many (`MOST`).
    at: Option<Vec<Vec<Place>>>,
    /// Each event the term matched (ascending), with the letters a to z
    /// (folded) that a term grown by one letter may add there: such a term
    /// matches exactly the events whose letters hold its last, so the next
    /// key is answered from these alone, with no text or place read.
    /// Kept for a term folded only (the letters are).
    next: Vec<(u32, u32)>,
}

impl Starts {
    /// How many places.
    pub fn len(&self) -> usize {
        self.at
            .as_ref()
            .map_or(0, |at| at.iter().map(Vec::len).sum())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `pat` is this term grown at its end, so starts only among these.
    fn grown_into(&self, pat: &[u8], case_sensitive: bool) -> bool {
        self.case_sensitive == case_sensitive
            && pat.len() > self.pat.len()
            && pat.starts_with(&self.pat)
    }

    /// The bit among `next`'s letters of `pat`'s last, when `pat` is this
    /// term grown by that one letter (folded).
    fn next_letter(&self, pat: &[u8], case_sensitive: bool) -> Option<u32> {
        let [.., last] = *pat else { return None };
        (!case_sensitive && pat.len() == self.pat.len() + 1 && self.grown_into(pat, false))
            .then(|| letter_bit(last))
            .flatten()
    }
}

/// Of `events` (ascending), those whose letters in `next` (ascending) hold `bit`.
fn with_next(next: &[(u32, u32)], events: &[usize], bit: u32) -> Vec<usize> {
    let mut out = Vec::new();
    let mut rest = next.iter().peekable();
    for &e in events {
        while rest.next_if(|&&(x, _)| (x as usize) < e).is_some() {}
        if let Some(&&(x, letters)) = rest.peek()
            && x as usize == e
            && letters & bit != 0
        {
            out.push(e);
        }
    }
    out
}

/// Each place's event with the letters that may follow there, an entry an
/// event (places ascending).
fn next_of<'a>(at: impl Iterator<Item = &'a Place>) -> Vec<(u32, u32)> {
    let mut next: Vec<(u32, u32)> = Vec::new();
    for p in at {
        match next.last_mut() {
            Some((e, letters)) if *e == p.event => *letters |= p.ahead,
            _ => next.push((p.event, p.ahead)),
        }
    }
    next
}

/// For a term of the one letter `letter` (folded), each of `events`
/// (ascending) with the letters that may follow any of its occurrences: a
/// letter within the field's slack and one more character of it. None once
/// `stop` says so.
fn next_of_letter(
    index: &Index,
    events: &[usize],
    letter: u8,
    stop: Stop,
) -> Option<Vec<(u32, u32)>> {
    let text = index.text.as_bytes();
    let upper = letter.to_ascii_uppercase();
    let next = events
        .par_chunks(PIECE)
        .map(|piece| {
            if stop() {
                return Vec::new();
            }
            piece
                .iter()
                .map(|&e| {
                    let mut letters = 0;
                    for k in index.starts[e]..index.starts[e + 1] {
                        let from = if k == 0 { 0 } else { index.ends[k - 1] };
                        let end = index.ends[k];
                        let within = 1 + index.fields[k].slack();
                        for p in memchr::memchr2_iter(letter, upper, &text[from..end]) {
                            letters |= scan::letters_ahead(text, from + p + 1, end, 0, within);
                        }
                    }
                    (e as u32, letters)
                })
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .concat();
    (!stop()).then_some(next)
}

/// The most places kept for a term (28 bytes each, so 70 MB): a term of two
/// common letters in a timeline of a million events has more, and is only
/// searched (`or` has 1.4 million at 100k events).
const MOST: usize = 2_500_000;

/// Whether a term's starts are kept in `index`: a term of one letter has
/// too many to be worth it, and places are kept in 32 bits.
fn kept(index: &Index, pat: &[u8]) -> bool {
    pat.len() > 1 && fits(index)
}

/// Whether places and events fit the 32 bits they are kept in.
fn fits(index: &Index) -> bool {
    u32::try_from(index.text.len()).is_ok() && u32::try_from(index.len()).is_ok()
}

/// Whether to give up work whose answer is no longer wanted (a newer key
/// came): looked at between parallel pieces.
pub type Stop<'a> = &'a (dyn Fn() -> bool + Sync);

/// Every start of the last group's term in `events` (its matches, ascending),
/// when it is one whose starts are kept: from `before` when that applies (as
/// in `matching_events`), else by reading the text. None once `stop` says so.
pub(super) fn of_last(
    index: &Index,
    groups: &[Vec<Prepared>],
    events: &[usize],
    before: Option<&Starts>,
    stop: Stop,
) -> Option<Starts> {
    let (p, pat) = lone(groups.last()?)?;
    if p.term.negated || !fits(index) {
        return None;
    }
    if let [letter] = *pat {
        // Too many places to keep: only what may follow.
        letter_bit(letter).filter(|_| !p.term.case_sensitive)?;
        return Some(Starts {
            pat: pat.to_vec(),
            case_sensitive: false,
            at: None,
            next: next_of_letter(index, events, letter, stop)?,
        });
    }
    if !kept(index, pat) {
        return None;
    }
    let before = before.filter(|b| b.grown_into(pat, p.term.case_sensitive));
    every_start(index, events, pat, p.term.case_sensitive, before, stop).map(|(_, s)| s)
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
    if find
        && kept(index, pat)
        && let Some((found, starts)) =
            every_start(index, events, pat, case_sensitive, before, &|| false)
    {
        return (found, Some(starts));
    }
    if let Some(b) = before
        && let Some(bit) = b.next_letter(pat, case_sensitive)
    {
        // One letter more: the events where it may follow.
        return (with_next(&b.next, events, bit), None);
    }
    if let [letter] = *pat
        && let Some(bits) = letter_bits(letter, case_sensitive)
    {
        // One letter: the events that hold it.
        let found = events
            .iter()
            .copied()
            .filter(|&e| index.letters[e] & bits != 0)
            .collect();
        return (found, None);
    }
    let found = match before.and_then(|b| Some((b, pieces(b.at.as_deref()?)))) {
        // The events alone: each one's first place found will do.
        Some((before, at)) => at
            .par_iter()
            .map(|piece| {
                tried(
                    index,
                    before,
                    piece,
                    pat,
                    case_sensitive,
                    Find::Events,
                    events,
                )
                .1
            })
            .collect::<Vec<_>>(),
        None => events
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
            .collect(),
    };
    (joined(found.iter().map(Vec::as_slice)), None)
}

/// The events of parallel pieces in turn, an event two pieces share (its
/// places in both) once.
fn joined<'a>(pieces: impl Iterator<Item = &'a [usize]>) -> Vec<usize> {
    let mut all: Vec<usize> = Vec::new();
    for piece in pieces {
        let seam = usize::from(all.last().is_some() && all.last() == piece.first());
        all.extend(&piece[seam..]);
    }
    all
}

/// The events among `events` (ascending) that `pat` (of two letters or more)
/// matches, and its every start in them: from the places of `before` (the
/// term it grew from) when it kept them, else by reading the text. None once
/// `stop` says so.
fn every_start(
    index: &Index,
    events: &[usize],
    pat: &[u8],
    case_sensitive: bool,
    before: Option<&Starts>,
    stop: Stop,
) -> Option<(Vec<usize>, Starts)> {
    let pieces: Vec<(Vec<Place>, Vec<usize>)> =
        match before.and_then(|b| Some((b, pieces(b.at.as_deref()?)))) {
            Some((before, at)) => at
                .par_iter()
                .map(|piece| {
                    if stop() {
                        return (Vec::new(), Vec::new());
                    }
                    tried(
                        index,
                        before,
                        piece,
                        pat,
                        case_sensitive,
                        Find::Starts,
                        events,
                    )
                })
                .collect(),
            None => events
                .par_chunks(PIECE)
                .map(|piece| {
                    let (mut at, mut found) = (Vec::new(), Vec::new());
                    if stop() {
                        return (at, found);
                    }
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
    // A piece passed over since: what was found is not all there is.
    if stop() {
        return None;
    }
    let found = joined(pieces.iter().map(|(_, events)| events.as_slice()));
    let at: Vec<Vec<Place>> = pieces
        .into_iter()
        .map(|(at, _)| at)
        .filter(|at| !at.is_empty())
        .collect();
    let next = if case_sensitive {
        Vec::new()
    } else {
        next_of(at.iter().flatten())
    };
    let count: usize = at.iter().map(Vec::len).sum();
    let starts = Starts {
        pat: pat.to_vec(),
        case_sensitive,
        at: (count <= MOST).then_some(at),
        next,
    };
    Some((found, starts))
}

/// The places kept in pieces, in parts of at most `STARTS_PIECE` for the
/// cores to take in turn.
fn pieces(at: &[Vec<Place>]) -> Vec<&[Place]> {
    at.iter().flat_map(|p| p.chunks(STARTS_PIECE)).collect()
}

/// The places of `pat` among a piece of `before`'s (the term it grew from)
/// whose events are among `events`, and those events: as `scan::refine`
/// finds them.
fn tried(
    index: &Index,
    before: &Starts,
    piece: &[Place],
    pat: &[u8],
    case_sensitive: bool,
    find: Find,
    events: &[usize],
) -> (Vec<Place>, Vec<usize>) {
    let mut at = Vec::new();
    let grown = &pat[before.pat.len()..];
    scan::refine(
        index,
        piece,
        grown,
        pat.len(),
        case_sensitive,
        find,
        &mut |p| at.push(p),
    );
    among(at, events)
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

    #[test]
    fn starts_given_up_for_a_newer_key_are_none() {
        let tl = timeline(vec![event("oracle", "an oracle", &[])]);
        let index = Index::new(&tl);
        let search = Search::default();
        for q in ["o", "or", "ora"] {
            let query = Query::parse(q);
            let found = search.starts_of(&index, &query, &[0], None, &|| false);
            assert!(found.is_some_and(|s| !s.next.is_empty()), "{q}");
            assert!(
                search
                    .starts_of(&index, &query, &[0], None, &|| true)
                    .is_none(),
                "{q}"
            );
        }
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
                // Answered as the app answers a key: events only, from the
                // last key's letters that may follow, or its places.
                let (quick, _) =
                    search.filter_events(&index, &query, base.as_deref(), before.as_ref(), false);
                prop_assert_eq!(&quick, &scratch, "{:?} (events only)", typed);
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
                    let places = starts.at.as_deref().unwrap_or_default();
                    let got: Vec<usize> = places.iter().flatten().map(|p| p.at as usize).collect();
                    prop_assert_eq!(got, want, "{:?}", typed);
                }
                if n == 1 || base.as_ref().is_some_and(Vec::is_empty) {
                    prop_assert!(starts.is_none(), "{:?}", typed);
                } else {
                    prop_assert!(starts.is_some(), "{:?}", typed);
                }
                // A term of one letter: what may follow it, as the app's
                // worker finds after answering.
                let starts = starts.or_else(|| {
                    search.starts_of(&index, &query, &events, before.as_ref(), &|| false)
                });
                base = Some(events);
                before = starts;
            }
        }
    }
}
