//! Whether an event matches at all, with no scores: the fast path a filter
//! takes when no ranking is wanted. An ASCII fuzzy term is sought through
//! the events' text by the scan (`scan.rs`), the others field by field.

use super::field::Field;
use super::index::Index;
use super::pattern::{Prepared, exact};
use super::query::Mode;
use rayon::prelude::*;

use super::scan::{self, Find};
use super::starts::{Starts, matching_events};
use super::window::window;

impl Index {
    /// Whether an ASCII fuzzy term (`pat`, folded unless case-sensitive) matches
    /// some field of event `i`: `window`'s rule per field, through the scan.
    #[inline]
    fn fuzzy_in_event(&self, i: usize, pat: &[u8], case_sensitive: bool) -> bool {
        if pat.is_empty() {
            return self.starts[i] < self.starts[i + 1];
        }
        let mut found = false;
        scan::scan(
            self,
            &[i],
            pat,
            case_sensitive,
            Find::Events,
            &mut |_| {},
            &mut |_| found = true,
        );
        found
    }
}

/// Whether every group has a satisfied term, stopping at the first field that
/// matches: the fast path when no ranking is wanted.
#[inline]
pub(super) fn matches_event(index: &Index, event: usize, groups: &[Vec<Prepared>]) -> bool {
    groups.iter().all(|group| {
        group.iter().any(|p| {
            let found = match (&p.ascii, p.term.mode) {
                (Some(pat), Mode::Fuzzy) => index.fuzzy_in_event(event, pat, p.term.case_sensitive),
                _ => index
                    .fields(event)
                    .any(|(field, text)| field_matches(p, field, text)),
            };
            found != p.term.negated
        })
    })
}

/// The events among `events` (ascending) that every group matches, in order,
/// a group at a time over the events still in: a group of one ASCII fuzzy term
/// through the scan, in parallel pieces; any other group event by event. The
/// last group's every start is kept when it is one such term (see `starts`),
/// found from `before` when that is the same term's before its last letter.
pub(super) fn matching(
    index: &Index,
    mut events: Vec<usize>,
    groups: &[Vec<Prepared>],
    before: Option<&Starts>,
    find_starts: bool,
) -> (Vec<usize>, Option<Starts>) {
    let mut kept = None;
    for (g, group) in groups.iter().enumerate() {
        if events.is_empty() {
            return (events, None);
        }
        events = match lone(group) {
            Some((p, pat)) => {
                let last = g + 1 == groups.len() && !p.term.negated;
                let (found, starts) = matching_events(
                    index,
                    &events,
                    pat,
                    p.term.case_sensitive,
                    last.then_some((before, find_starts)),
                );
                kept = starts;
                if p.term.negated {
                    without(&events, &found)
                } else {
                    found
                }
            }
            None => events
                .into_par_iter()
                .filter(|&e| matches_event(index, e, std::slice::from_ref(group)))
                .collect(),
        };
    }
    (events, kept)
}

/// A group's one term when it is an ASCII fuzzy term, with its bytes.
pub(super) fn lone<'g, 'p>(group: &'g [Prepared<'p>]) -> Option<(&'g Prepared<'p>, &'g [u8])> {
    match group {
        [p] if p.term.mode == Mode::Fuzzy => p
            .ascii
            .as_deref()
            .filter(|a| !a.is_empty())
            .map(|pat| (p, pat)),
        _ => None,
    }
}

/// `all` less `some`, both ascending and `some` within `all`.
fn without(all: &[usize], some: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(all.len() - some.len().min(all.len()));
    let mut rest = some.iter().peekable();
    for &e in all {
        if rest.peek() == Some(&&e) {
            rest.next();
        } else {
            out.push(e);
        }
    }
    out
}

/// Whether a term matches one field (negation aside).
#[inline]
pub(super) fn field_matches(p: &Prepared, field: Field, text: &str) -> bool {
    match p.term.mode {
        Mode::Fuzzy => window(text, 0, p, field.slack()).is_some(),
        _ => exact(p, text).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testing::{event, timeline, with};
    use crate::search::{Query, Search};
    use crate::timeline::{Timeline, load_builtin};

    /// The events the fast path (no scores) lets through.
    fn fast(tl: &Timeline, query: &str) -> Vec<usize> {
        let index = Index::new(tl);
        let search = Search::default();
        let query = Query::parse(query);
        let groups: Vec<Vec<Prepared>> = query
            .groups
            .iter()
            .map(|g| g.iter().map(|t| search.prepare(t)).collect())
            .collect();
        (0..index.len())
            .filter(|&i| matches_event(&index, i, &groups))
            .collect()
    }

    #[test]
    fn a_fuzzy_term_is_held_to_the_field_it_starts_in() {
        // The index runs title "abc" into kind "court": "abcco" is one buffer.
        let tl = timeline(vec![event("abc", "x", &[])]);
        assert_eq!(fast(&tl, "abcco"), Vec::<usize>::new());
        assert_eq!(fast(&tl, "abc"), [0]);
        assert_eq!(fast(&tl, "crt"), [0]);
        with("abcco", |p| assert!(!field_matches(p, Field::Title, "abc")));
    }

    #[test]
    fn summaries_and_quotes_allow_less_slack_than_titles() {
        // 7 letters spread over 13 characters: 7 + 6 in a title, not 7 + 1.
        let spread = "n i c h o l s";
        let tl = timeline(vec![
            event(spread, "x", &[]),
            event("x", spread, &[]),
            event("x", "x", &[spread]),
            event("n i c h o l  s", "x", &[]),
        ]);
        assert_eq!(fast(&tl, "nichols"), [0]);
        let tl = timeline(vec![
            event("x", "Judge Nichols", &[]),
            event("x", "x", &["Nichols"]),
        ]);
        assert_eq!(fast(&tl, "nichols"), [0, 1]);
    }

    #[test]
    fn the_fast_scan_counts_characters_in_accented_text() {
        let tl = timeline(vec![event("x", "aébc", &[]), event("x", "aéébc", &[])]);
        assert_eq!(fast(&tl, "abc"), [0]);
        assert_eq!(fast(&tl, "ABC"), Vec::<usize>::new());
    }

    #[test]
    fn all_groups_must_match_one_term_of_each_and_negations_exclude() {
        let tl = timeline(vec![
            event("Oracle partner", "x", &[]),
            event("WeChat ban", "x", &[]),
            event("TikTok ban", "x", &[]),
        ]);
        assert_eq!(fast(&tl, ""), [0, 1, 2]);
        assert_eq!(fast(&tl, "ban"), [1, 2]);
        assert_eq!(fast(&tl, "ban !wechat"), [2]);
        assert_eq!(fast(&tl, "oracle | wechat"), [0, 1]);
        assert_eq!(fast(&tl, "oracle ban"), Vec::<usize>::new());
        assert_eq!(fast(&tl, "!^2020-08"), Vec::<usize>::new());
        assert_eq!(fast(&tl, "^WeChat"), [1]);
        assert_eq!(fast(&tl, "^wechat$"), Vec::<usize>::new());
    }

    #[test]
    fn the_fast_path_lets_through_exactly_what_scoring_does() {
        let mut tl = load_builtin().unwrap();
        tl.events.extend([
            event(
                "Café Nichols",
                "北京 court 🎉",
                &["Straße", "cafe\u{301} e\u{301}"],
            ),
            event("aébc", "ÜBER über", &["x\u{301}y"]),
        ]);
        let index = Index::new(&tl);
        let search = Search::default();
        for q in [
            "nichols",
            "Nichols",
            "oracle dea",
            "'fcc",
            "^2020-09",
            "ban$",
            "!wechat",
            "nichols | blackburn",
            "café",
            "北京",
            "straße",
            "e\u{301}",
            "über",
            "abc",
            "xy",
            "o",
            "qqq",
        ] {
            let query = Query::parse(q);
            let quick = search.filter_in(&index, &query, None, false);
            let scored = search.filter_in(&index, &query, None, true);
            let events = |hits: Vec<crate::search::Hit>| -> Vec<usize> {
                hits.iter().map(|h| h.event).collect()
            };
            assert_eq!(events(quick), events(scored), "{q}");
        }
    }

    /// Text of few letters amid filler (so near misses abound), capitals, and
    /// characters of two, three and four bytes; long enough to cross the
    /// sieve's 64-byte blocks.
    fn text(max: usize) -> impl proptest::strategy::Strategy<Value = String> {
        const ALPHABET: &[char] = &[
            'a', 'b', 'c', 'A', 'B', ' ', '-', 'é', '北', '🎉', '\u{301}',
        ];
        proptest::collection::vec(proptest::sample::select(ALPHABET), 0..=max)
            .prop_map(|cs| cs.into_iter().collect())
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The sieve and the per-run scan never reject an event that `window`,
        /// run on each field with its slack, accepts, nor accept one it rejects.
        #[test]
        fn the_fast_path_answers_as_window_does_field_by_field(
            titles in proptest::collection::vec(text(12), 1..4),
            summaries in proptest::collection::vec(text(200), 1..4),
            quotes in proptest::collection::vec(text(90), 0..3),
            term in "[abcAB\\-é北🎉]{1,5}",
        ) {
            let events: Vec<_> = titles
                .iter()
                .zip(summaries.iter().cycle())
                .map(|(t, s)| {
                    let q: Vec<&str> = quotes.iter().map(String::as_str).collect();
                    event(t, s, &q)
                })
                .collect();
            let tl = timeline(events);
            let index = Index::new(&tl);
            let search = Search::default();
            let query = Query::parse(&term);
            let groups: Vec<Vec<Prepared>> = query
                .groups
                .iter()
                .map(|g| g.iter().map(|t| search.prepare(t)).collect())
                .collect();
            for i in 0..index.len() {
                let slow = groups.iter().all(|g| {
                    g.iter().any(|p| {
                        index.fields(i).any(|(f, t)| field_matches(p, f, t)) != p.term.negated
                    })
                });
                prop_assert_eq!(matches_event(&index, i, &groups), slow, "{:?} in event {}", term, i);
            }
        }
    }
}
