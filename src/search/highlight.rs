//! Which characters of an event a query matched, for drawing: computed only
//! for rows on screen, as positions cost more than a yes or no.

use super::Search;
use super::field::{Field, each_field};
use super::query::Query;
use crate::timeline::Event;

/// Matched character positions (char indices, not bytes) in one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub field: Field,
    pub chars: Vec<usize>,
}

impl Search {
    /// Where `query` matched in one event, for highlighting: call it only for
    /// rows on screen. Each term is marked in its best weighted field.
    pub fn highlights(&self, event: &Event, query: &Query) -> Vec<Highlight> {
        let mut out: Vec<Highlight> = Vec::new();
        for term in query.groups.iter().flatten().filter(|t| !t.negated) {
            let p = self.prepare(term);
            let mut best: Option<(i64, Field, Vec<usize>)> = None;
            each_field(event, |field, text| {
                if let Some((score, chars)) = self.best_in(&p, field, text, true)
                    && best.as_ref().is_none_or(|b| score * field.weight() > b.0)
                {
                    best = Some((score * field.weight(), field, chars));
                }
                false
            });
            let Some((_, field, chars)) = best else {
                continue;
            };
            match out.iter_mut().find(|h| h.field == field) {
                Some(h) => {
                    h.chars.extend(chars);
                    h.chars.sort_unstable();
                    h.chars.dedup();
                }
                None => out.push(Highlight { field, chars }),
            }
        }
        out
    }
}
