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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testing::event;

    fn marks(e: &Event, query: &str) -> Vec<Highlight> {
        Search::default().highlights(e, &Query::parse(query))
    }

    fn title(chars: impl IntoIterator<Item = usize>) -> Highlight {
        Highlight {
            field: Field::Title,
            chars: chars.into_iter().collect(),
        }
    }

    #[test]
    fn highlights_are_char_indices_not_bytes() {
        let e = event("Café Nichols", "x", &[]);
        assert_eq!(marks(&e, "nichols"), [title(5..12)]);
        let e = event("🎉 e\u{301} Nichols", "x", &[]);
        assert_eq!(marks(&e, "'Nichols"), [title(5..12)]);
        let e = event("北京市", "x", &[]);
        assert_eq!(marks(&e, "京市"), [title(1..3)]);
    }

    #[test]
    fn each_term_marks_its_best_field_and_marks_in_one_field_merge() {
        let e = event("Oracle partner", "partner", &["Judge Nichols"]);
        assert_eq!(
            marks(&e, "oracle partner"),
            [title((0..6).chain(7..14))],
            "the title outweighs the summary"
        );
        assert_eq!(
            marks(&e, "nichols"),
            [Highlight {
                field: Field::Quote(0),
                chars: (6..13).collect()
            }]
        );
        assert_eq!(marks(&e, "oracle | ora"), [title(0..6)]);
    }

    #[test]
    fn negated_missing_and_empty_terms_mark_nothing() {
        let e = event("Oracle partner", "x", &[]);
        assert_eq!(marks(&e, "oracle !wechat"), [title(0..6)]);
        assert!(marks(&e, "!oracle").is_empty());
        assert!(marks(&e, "qqq").is_empty());
        assert!(marks(&e, "").is_empty());
    }
}
