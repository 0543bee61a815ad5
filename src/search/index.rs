//! A whole timeline's searchable text in one buffer, built once per timeline.

use super::field::{Field, each_field};
use crate::timeline::Timeline;

/// The searchable text of a whole timeline in one buffer, field after field,
/// so that a filter streams through memory instead of chasing each event's
/// strings around the heap. Built once per timeline.
pub struct Index {
    pub(super) text: String,
    /// Field `k` is `text[ends[k - 1]..ends[k]]` (from 0 for the first).
    pub(super) ends: Vec<usize>,
    pub(super) fields: Vec<Field>,
    /// Event `i`'s fields are `starts[i]..starts[i + 1]`.
    pub(super) starts: Vec<usize>,
}

impl Index {
    pub fn new(tl: &Timeline) -> Index {
        let mut index = Index {
            text: String::new(),
            ends: Vec::new(),
            fields: Vec::new(),
            starts: vec![0],
        };
        for e in &tl.events {
            each_field(e, |field, text| {
                index.text.push_str(text);
                index.ends.push(index.text.len());
                index.fields.push(field);
                false
            });
            index.starts.push(index.fields.len());
        }
        index
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Event `i`'s fields, in `each_field` order.
    #[inline]
    pub(super) fn fields(&self, i: usize) -> impl Iterator<Item = (Field, &str)> {
        (self.starts[i]..self.starts[i + 1]).map(|k| {
            let start = if k == 0 { 0 } else { self.ends[k - 1] };
            (self.fields[k], &self.text[start..self.ends[k]])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testing::{event, timeline};

    #[test]
    fn each_events_fields_come_back_whole_and_in_order() {
        let tl = timeline(vec![
            event("Café", "Straße 🎉", &["北京", ""]),
            event("e\u{301}", "", &[]),
        ]);
        let index = Index::new(&tl);
        assert_eq!(index.len(), 2);
        assert!(!index.is_empty());
        for (i, e) in tl.events.iter().enumerate() {
            let mut want = Vec::new();
            each_field(e, |f, t| {
                want.push((f, t.to_string()));
                false
            });
            let got: Vec<(Field, String)> =
                index.fields(i).map(|(f, t)| (f, t.to_string())).collect();
            assert_eq!(got, want);
        }
        let second: Vec<&str> = index.fields(1).map(|(_, t)| t).collect();
        assert_eq!(
            second,
            ["e\u{301}", "court", "", "2020-08-14 14 August 2020"]
        );
    }

    #[test]
    fn an_empty_timeline_has_an_empty_index() {
        let index = Index::new(&timeline(Vec::new()));
        assert!(index.is_empty());
        assert_eq!(index.len(), 0);
    }
}
