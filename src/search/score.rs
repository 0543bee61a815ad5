//! Scores, for ranking: SkimMatcherV2 run on each matched window only (the
//! window rule decides what matches; skim only says how well), each field's
//! best weighted so a hit in a title outranks one in a quote.

use fuzzy_matcher::FuzzyMatcher;

use super::field::Field;
use super::index::Index;
use super::pattern::{Prepared, exact};
use super::query::Mode;
use super::window::window;
use super::{Hit, Search};

impl Search {
    /// The event's score: per group, its best term's best weighted field.
    #[inline]
    pub(super) fn score_event(
        &self,
        index: &Index,
        event: usize,
        groups: &[Vec<Prepared>],
    ) -> Option<i64> {
        let mut total = 0;
        for group in groups {
            let mut group_best: Option<i64> = None;
            for p in group {
                let best = index
                    .fields(event)
                    .filter_map(|(field, text)| {
                        Some(self.best_in(p, field, text, false)?.0 * field.weight())
                    })
                    .max();
                let outcome = match (p.term.negated, best) {
                    (false, Some(s)) => Some(s),
                    (true, None) => Some(0),
                    _ => None,
                };
                group_best = group_best.max(outcome);
            }
            total += group_best?;
        }
        Some(total)
    }

    /// The best score of a term in one field, with its char positions if asked.
    #[inline]
    pub(super) fn best_in(
        &self,
        p: &Prepared,
        field: Field,
        text: &str,
        positions: bool,
    ) -> Option<(i64, Vec<usize>)> {
        if p.term.mode != Mode::Fuzzy {
            let at = exact(p, text)?;
            let chars = text[..at].chars().count();
            let len = p.chars.len();
            return Some((
                p.ideal,
                if positions {
                    (chars..chars + len).collect()
                } else {
                    Vec::new()
                },
            ));
        }
        let mut best: Option<(i64, Vec<usize>)> = None;
        let mut from = 0;
        while let Some((start, end)) = window(text, from, p, field.slack()) {
            // One character of context before the window, for skim's word-start bonus.
            let lead = text[..start].chars().next_back().map_or(0, char::len_utf8);
            let piece = &text[start - lead..end];
            let found = if positions {
                self.matcher
                    .fuzzy_indices(piece, &p.term.text)
                    .map(|(s, v)| {
                        let base = text[..start - lead].chars().count();
                        (s, v.into_iter().map(|i| base + i).collect())
                    })
            } else {
                self.matcher
                    .fuzzy_match(piece, &p.term.text)
                    .map(|s| (s, Vec::new()))
            };
            if let Some(f) = found
                && best.as_ref().is_none_or(|b| f.0 > b.0)
            {
                best = Some(f);
            }
            from = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
        best
    }
}

/// Best score first; ties keep chronological order.
pub fn rank(hits: &mut [Hit]) {
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Query;
    use crate::search::testing::{event, timeline, with};

    fn score(tl: &crate::timeline::Timeline, query: &str) -> Vec<i64> {
        let hits = Search::default().filter(tl, &Query::parse(query));
        hits.iter().map(|h| h.score).collect()
    }

    /// Char positions of `query`'s best place in `text`.
    fn best(query: &str, field: Field, text: &str) -> Option<Vec<usize>> {
        with(query, |p| Search::default().best_in(p, field, text, true)).map(|(_, c)| c)
    }

    #[test]
    fn the_same_match_weighs_four_times_more_in_a_title_than_in_a_quote() {
        let tl = timeline(vec![
            event("Oracle partner", "x", &[]),
            event("x", "Oracle partner", &[]),
            event("x", "x", &["Oracle partner"]),
        ]);
        let s = score(&tl, "oracle");
        assert_eq!(s.len(), 3);
        assert_eq!(s[0], 4 * s[2]);
        assert_eq!(s[1], 2 * s[2]);
        assert!(s[2] > 0);
        let mut hits = Search::default().filter(&tl, &Query::parse("oracle"));
        rank(&mut hits);
        assert_eq!(hits.iter().map(|h| h.event).collect::<Vec<_>>(), [0, 1, 2]);
    }

    #[test]
    fn groups_add_up_either_side_takes_the_best_and_negations_add_nothing() {
        let tl = timeline(vec![event("Oracle partner", "x", &["WeChat"])]);
        let one = |q| score(&tl, q)[0];
        assert_eq!(one("oracle partner"), one("oracle") + one("partner"));
        assert_eq!(one("oracle | wechat"), one("oracle").max(one("wechat")));
        assert_eq!(one("oracle !tiktok"), one("oracle"));
        assert_eq!(one(""), 0);
        // An exact term scores what it scores against itself.
        let ideal = with("oracle", |p| p.ideal);
        assert_eq!(one("'oracle"), 4 * ideal);
    }

    #[test]
    fn positions_are_characters_not_bytes() {
        let nichols: Vec<usize> = (3..10).collect();
        assert_eq!(
            best("nichols", Field::Title, "Ré Nichols"),
            Some(nichols.clone())
        );
        assert_eq!(best("'nichols", Field::Title, "Ré Nichols"), Some(nichols));
        assert_eq!(best("'京", Field::Title, "北京"), Some(vec![1]));
        assert_eq!(best("北京", Field::Quote(0), "在北x京"), Some(vec![1, 3]));
        assert_eq!(best("ab", Field::Title, "🎉e\u{301} ab"), Some(vec![4, 5]));
        assert_eq!(best("nichols", Field::Title, ""), None);
    }

    #[test]
    fn of_several_windows_the_best_scoring_is_kept() {
        // "axb" comes first, but "ab" together, at a word's start, scores higher.
        assert_eq!(best("ab", Field::Title, "xaxb ab"), Some(vec![5, 6]));
        // Positions are only computed when asked for.
        let (score, chars) = with("ab", |p| {
            Search::default().best_in(p, Field::Title, "xaxb ab", false)
        })
        .unwrap();
        assert!(score > 0 && chars.is_empty());
    }

    #[test]
    fn rank_puts_the_best_first_and_keeps_ties_in_order() {
        let mut hits: Vec<Hit> = [1, 5, 1, 5]
            .iter()
            .enumerate()
            .map(|(event, &score)| Hit { event, score })
            .collect();
        rank(&mut hits);
        assert_eq!(
            hits.iter().map(|h| h.event).collect::<Vec<_>>(),
            [1, 3, 0, 2]
        );
    }
}
