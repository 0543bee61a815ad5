//! Whether an event matches at all, with no scores: the fast path a filter
//! takes when no ranking is wanted. An ASCII fuzzy term is sought with one
//! memchr scan of the event's whole text for its first letter, each place
//! then held to the window rule of the field it falls in.

use super::field::Field;
use super::index::Index;
use super::pattern::{Prepared, exact};
use super::query::Mode;
use super::window::{ascii_rest, window};

impl Index {
    /// Whether an ASCII fuzzy term (`pat`, folded unless case-sensitive) matches
    /// some field of event `i`: the same rule as `window` per field, run as one
    /// scan of the event's text for the term's first letter, each place held
    /// to the bounds and slack of the field it falls in.
    fn fuzzy_in_event(&self, i: usize, pat: &[u8], case_sensitive: bool) -> bool {
        let (first_field, end_field) = (self.starts[i], self.starts[i + 1]);
        if first_field == end_field {
            return false;
        }
        let Some((&first, rest)) = pat.split_first() else {
            return true;
        };
        let bytes = self.text.as_bytes();
        let mut pos = if first_field == 0 {
            0
        } else {
            self.ends[first_field - 1]
        };
        let end = self.ends[end_field - 1];
        let upper = first.to_ascii_uppercase();
        let mut k = first_field;
        while pos < end {
            let found = if case_sensitive || upper == first {
                memchr::memchr(first, &bytes[pos..end])
            } else {
                memchr::memchr2(first, upper, &bytes[pos..end])
            };
            let Some(found) = found else { return false };
            let start = pos + found;
            while self.ends[k] <= start {
                k += 1;
            }
            if rest.is_empty() {
                return true;
            }
            let within = rest.len() + self.fields[k].slack();
            if ascii_rest(
                &bytes[start + 1..self.ends[k]],
                rest,
                case_sensitive,
                within,
            )
            .is_some()
            {
                return true;
            }
            pos = start + 1;
        }
        false
    }
}

/// Whether every group has a satisfied term, stopping at the first field that
/// matches: the fast path when no ranking is wanted.
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

/// Whether a term matches one field (negation aside).
pub(super) fn field_matches(p: &Prepared, field: Field, text: &str) -> bool {
    match p.term.mode {
        Mode::Fuzzy => window(text, 0, p, field.slack()).is_some(),
        _ => exact(p, text).is_some(),
    }
}
