//! A whole timeline's searchable text in one buffer, built once per timeline.

use super::field::{Field, each_field};
use crate::timeline::{Event, Timeline};
use chrono::Datelike;

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
    /// Consecutive fields of one slack, whose text the sieve takes in one go
    /// (an event has three: title to tags, summary and quotes, date), and one
    /// more marking the end of the text. Event `i`'s are
    /// `run_starts[i]..run_starts[i + 1]`: a filter reads these few numbers an
    /// event, not each field's.
    pub(super) runs: Vec<Run>,
    pub(super) run_starts: Vec<usize>,
    /// Each event's first and last day as day numbers (`Event::days`), which
    /// the ruler reads for every listed event on every frame: at 100k events
    /// working them out from the dates took most of a frame.
    pub(super) days: Vec<Option<(i32, i32)>>,
    /// Which ASCII letters each event's text holds (`letter_bits`): a term of
    /// one letter, the first key typed, matches exactly the events holding
    /// it, found here without reading their text.
    pub(super) letters: Vec<u64>,
}

/// The bit of each ASCII letter in `Index::letters`: a to z, then A to Z.
const LETTER_BITS: [u64; 256] = {
    let mut bits = [0u64; 256];
    let mut l = 0;
    while l < 26 {
        bits[b'a' as usize + l] = 1 << l;
        bits[b'A' as usize + l] = 1 << (26 + l);
        l += 1;
    }
    bits
};

/// The bits of `Index::letters` an event must have one of to match the
/// one-letter term `letter` (folded unless `case_sensitive`), if a letter.
pub(super) fn letter_bits(letter: u8, case_sensitive: bool) -> Option<u64> {
    let exact = LETTER_BITS[usize::from(letter)];
    let other = LETTER_BITS[usize::from(letter.to_ascii_uppercase())];
    match exact {
        0 => None,
        _ if case_sensitive => Some(exact),
        _ => Some(exact | other),
    }
}

/// Fields `field..` of one slack, from byte `from` to the next run's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Run {
    pub(super) from: usize,
    pub(super) field: usize,
    pub(super) slack: usize,
}

/// `e`'s fields in `each_field` order, each with whether it opens a run
/// (its slack differs from the field's before): the one rule by which
/// `push_event` makes runs and `merge_in` makes room for them.
pub(super) fn each_field_in_runs(e: &Event, mut visit: impl FnMut(bool, Field, &str)) {
    let mut slack = None;
    each_field(e, |field, text| {
        let opens = slack != Some(field.slack());
        slack = Some(field.slack());
        visit(opens, field, text);
        false
    });
}

impl Index {
    pub fn new(tl: &Timeline) -> Index {
        Index::of(&tl.events)
    }

    /// The index of `events` alone, as `new` makes it for a timeline of them.
    pub fn of(events: &[Event]) -> Index {
        let mut index = Index {
            text: String::new(),
            ends: Vec::new(),
            fields: Vec::new(),
            starts: vec![0],
            runs: Vec::new(),
            run_starts: vec![0],
            days: Vec::with_capacity(events.len()),
            letters: Vec::with_capacity(events.len()),
        };
        index.push_events(events);
        index
    }

    /// The index of `events` alone, made in this one's room (as `of`).
    pub(super) fn refill(&mut self, events: &[Event]) {
        self.text.clear();
        self.ends.clear();
        self.fields.clear();
        self.starts.truncate(1);
        self.runs.clear();
        self.run_starts.truncate(1);
        self.days.clear();
        self.letters.clear();
        self.push_events(events);
    }

    /// Index `events` after those indexed: `runs` must not hold the run that
    /// marks the end of the text (it is pushed again at the end).
    pub(super) fn push_events(&mut self, events: &[Event]) {
        for e in events {
            self.push_event(e);
        }
        self.runs.push(Run {
            from: self.text.len(),
            field: self.fields.len(),
            slack: 0,
        });
    }

    /// Index `e` after the events indexed (the end of the text not marked).
    pub(super) fn push_event(&mut self, e: &Event) {
        {
            self.days.push(
                e.days()
                    .map(|(a, b)| (a.num_days_from_ce(), b.num_days_from_ce())),
            );
            let from = self.text.len();
            each_field_in_runs(e, |opens, field, text| {
                if opens {
                    self.runs.push(Run {
                        from: self.text.len(),
                        field: self.fields.len(),
                        slack: field.slack(),
                    });
                }
                self.text.push_str(text);
                self.ends.push(self.text.len());
                self.fields.push(field);
            });
            self.starts.push(self.fields.len());
            self.run_starts.push(self.runs.len());
            let letters = self.text.as_bytes()[from..]
                .iter()
                .fold(0, |bits, &b| bits | LETTER_BITS[usize::from(b)]);
            self.letters.push(letters);
        }
    }

    /// Event `i`'s runs of fields of one slack: (first field, first byte, text, slack).
    #[cfg(test)]
    pub(super) fn runs(&self, i: usize) -> impl Iterator<Item = (usize, usize, &[u8], usize)> {
        (self.run_starts[i]..self.run_starts[i + 1]).map(|r| {
            let (run, next) = (self.runs[r], self.runs[r + 1]);
            let text = &self.text.as_bytes()[run.from..next.from];
            (run.field, run.from, text, run.slack)
        })
    }

    /// Event `i`'s first and last day, counted from the common era (chrono's
    /// `num_days_from_ce`); none for an event with no calendar day.
    pub fn days(&self, i: usize) -> Option<(i32, i32)> {
        self.days.get(i).copied().flatten()
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
        // Title to tags, summary and quotes, date: each run of one slack whole.
        let runs: Vec<(usize, &[u8], usize)> =
            index.runs(0).map(|(f, _, t, s)| (f, t, s)).collect();
        let first: &[u8] = "Café".as_bytes();
        let short = [first, b"court"].concat();
        let long = ["Straße 🎉", "北京", ""].concat();
        assert_eq!(
            runs,
            [
                (0, &short[..], 6),
                (2, long.as_bytes(), 1),
                (5, &b"2020-08-14 14 August 2020"[..], 6)
            ]
        );
        assert_eq!(index.runs(1).next().map(|r| r.0), Some(6));
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
