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
