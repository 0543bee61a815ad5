//! Growing a timeline's search index as its events load in batches: a batch
//! that comes after every event indexed is appended (`extend`); one whose
//! events fall among them is merged (`merge`), each event already indexed
//! copied whole (its text, fields and runs in a few slices), not read field
//! by field again. Either way the index is the one
//! `Index::new` makes of the whole timeline.

use super::index::{Index, Run};
use crate::timeline::Event;

/// Events of a batch indexed at a time by `merge_in`.
const PART: usize = 1024;

/// What indexing `e` adds: bytes of text, fields, runs (as `push_event`
/// makes them).
fn room_for(e: &Event) -> (usize, usize, usize) {
    let (mut bytes, mut fields, mut runs) = (0, 0, 0);
    super::index::each_field_in_runs(e, |opens, _, text| {
        runs += usize::from(opens);
        bytes += text.len();
        fields += 1;
    });
    (bytes, fields, runs)
}

impl Index {
    /// Index `events` after the events indexed, as if they had been there
    /// when the index was made: the time taken is that of `events` alone.
    pub fn extend(&mut self, events: &[Event]) {
        // The run marking the end of the text; `push_events` marks it again.
        self.runs.pop();
        self.push_events(events);
    }

    /// The index of `self`'s events and `batch` interleaved: for each event
    /// of the result in turn, `from_batch` says whether it is the batch's
    /// next event (else `self`'s next). When the side named has no event
    /// left, the other's next is taken; events left once `from_batch` ends
    /// follow, `self`'s first. `self`'s events are copied whole, in a few
    /// slices each; only the batch's are read field by field.
    pub fn merge(&self, batch: &[Event], from_batch: impl IntoIterator<Item = bool>) -> Index {
        let mut out = Index::of(&[]);
        // `of` marked the end of an empty text; it is marked again below.
        out.runs.clear();
        let n = self.len() + batch.len();
        // The batch's share of the text, guessed from the events indexed.
        let more = |len: usize| len + len / self.len().max(1) * batch.len();
        out.text.reserve(more(self.text.len()));
        out.ends.reserve(more(self.ends.len()));
        out.fields.reserve(more(self.fields.len()));
        out.starts.reserve(n);
        out.runs.reserve(more(self.runs.len()));
        out.run_starts.reserve(n);
        out.days.reserve(n);
        out.letters.reserve(n);
        let (mut mine, mut theirs) = (0, 0);
        let mut flags = from_batch.into_iter();
        loop {
            let want_other = match flags.next() {
                Some(flag) => flag,
                None if mine < self.len() => false,
                None => true,
            };
            let take_other = match (mine < self.len(), theirs < batch.len()) {
                (false, false) => break,
                (true, false) => false,
                (false, true) => true,
                (true, true) => want_other,
            };
            if take_other {
                out.push_event(&batch[theirs]);
                theirs += 1;
            } else {
                out.copy_event(self, mine);
                mine += 1;
            }
        }
        out.runs.push(Run {
            from: out.text.len(),
            field: out.fields.len(),
            slack: 0,
        });
        out
    }

    /// `merge`, in place: the index grows to hold the batch, and its events
    /// move towards the end, last first, each batch event written into the
    /// room left for it. Merging into a new index held the old and the new
    /// at once: at 100k events, 200 MB at the end of loading (issue 14).
    /// `from_batch` names each event of the result, as for `merge`; flags
    /// that do not (too few or too many of a side) merge as `merge` does.
    pub fn merge_in(&mut self, batch: &[Event], from_batch: &[bool]) {
        let (n, m) = (self.len(), batch.len());
        let named = from_batch.iter().filter(|&&b| b).count();
        if from_batch.len() != n + m || named != m {
            *self = self.merge(batch, from_batch.iter().copied());
            return;
        }
        let room: Vec<(usize, usize, usize)> = batch.iter().map(room_for).collect();
        let more = room
            .iter()
            .fold((0, 0, 0), |a, r| (a.0 + r.0, a.1 + r.1, a.2 + r.2));
        // The run marking the end of the text goes; it is marked again below.
        self.runs.pop();
        let (old_starts, old_run_starts) = (self.starts.clone(), self.run_starts.clone());
        let mut text = std::mem::take(&mut self.text).into_bytes();
        // Where the part of the result not yet written ends.
        let (mut t, mut f, mut r) = (
            text.len() + more.0,
            self.fields.len() + more.1,
            self.runs.len() + more.2,
        );
        text.resize(t, 0);
        self.ends.resize(f, 0);
        self.fields.resize(f, super::field::Field::Title);
        self.runs.resize(r, Run::default());
        self.starts.resize(n + m + 1, f);
        self.run_starts.resize(n + m + 1, r);
        self.days.resize(n + m, None);
        self.letters.resize(n + m, 0);
        let (mut i, mut j) = (n, m);
        // The batch's events `from..` indexed, the last few not yet placed:
        // one index filled again for each part, since a new one each time
        // (its text over a megabyte) came from fresh pages and went back to
        // the kernel: 30 ms of the 150 a batch of 36,000 took at 100k.
        let (mut from, mut one) = (m, Index::of(&[]));
        for (k, &theirs) in from_batch.iter().enumerate().rev() {
            if theirs {
                j -= 1;
                // The batch indexed a few events at a time (from its end),
                // each then copied to its place: a few allocations an
                // event cost more than the rest of the merge.
                if j < from {
                    from = (j + 1).saturating_sub(PART);
                    one.refill(&batch[from..=j]);
                }
                let one = &one;
                let e = j - from;
                let (bytes, fields, runs) = room[j];
                let (t0, f0, r0) = (t - bytes, f - fields, r - runs);
                let (of0, or0) = (one.starts[e], one.run_starts[e]);
                let ot0 = one.field_start(of0);
                text[t0..t].copy_from_slice(&one.text.as_bytes()[ot0..ot0 + bytes]);
                for (to, end) in self.ends[f0..f].iter_mut().zip(&one.ends[of0..]) {
                    *to = end - ot0 + t0;
                }
                self.fields[f0..f].copy_from_slice(&one.fields[of0..of0 + fields]);
                for (to, run) in self.runs[r0..r].iter_mut().zip(&one.runs[or0..]) {
                    *to = Run {
                        from: run.from - ot0 + t0,
                        field: run.field - of0 + f0,
                        slack: run.slack,
                    };
                }
                self.days[k] = one.days[e];
                self.letters[k] = one.letters[e];
                (t, f, r) = (t0, f0, r0);
            } else {
                i -= 1;
                if k == i {
                    // The events before are all the index's own, in place.
                    break;
                }
                // Moved right by (dt, df, dr); what it is read from is not
                // written yet, since the result is written from the end.
                let (f0, f1) = (old_starts[i], old_starts[i + 1]);
                let (r0, r1) = (old_run_starts[i], old_run_starts[i + 1]);
                let (t0, t1) = (self.field_start(f0), self.field_start(f1));
                let (dt, df, dr) = (t - t1, f - f1, r - r1);
                text.copy_within(t0..t1, t0 + dt);
                self.ends.copy_within(f0..f1, f0 + df);
                self.ends[f0 + df..f].iter_mut().for_each(|e| *e += dt);
                self.fields.copy_within(f0..f1, f0 + df);
                self.runs.copy_within(r0..r1, r0 + dr);
                for run in &mut self.runs[r0 + dr..r] {
                    run.from += dt;
                    run.field += df;
                }
                self.days[k] = self.days[i];
                self.letters[k] = self.letters[i];
                (t, f, r) = (t0 + dt, f0 + df, r0 + dr);
            }
            self.starts[k] = f;
            self.run_starts[k] = r;
        }
        // Whole characters were moved, and every byte written: valid text.
        self.text = String::from_utf8(text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        self.runs.push(Run {
            from: self.text.len(),
            field: self.fields.len(),
            slack: 0,
        });
    }

    /// Where field `k` starts in the text (where field `k - 1` ends).
    fn field_start(&self, k: usize) -> usize {
        match k {
            0 => 0,
            k => self.ends[k - 1],
        }
    }

    /// Add `from`'s event `i` after the events indexed (the end of the text
    /// not marked: the caller marks it when done).
    fn copy_event(&mut self, from: &Index, i: usize) {
        let (f0, f1) = (from.starts[i], from.starts[i + 1]);
        let (t0, t1) = (from.field_start(f0), from.field_start(f1));
        let (text, field) = (self.text.len(), self.fields.len());
        self.text.push_str(&from.text[t0..t1]);
        self.ends
            .extend(from.ends[f0..f1].iter().map(|&end| end - t0 + text));
        self.fields.extend_from_slice(&from.fields[f0..f1]);
        self.starts.push(self.fields.len());
        let runs = &from.runs[from.run_starts[i]..from.run_starts[i + 1]];
        self.runs.extend(runs.iter().map(|r| Run {
            from: r.from - t0 + text,
            field: r.field - f0 + field,
            slack: r.slack,
        }));
        self.run_starts.push(self.runs.len());
        self.days.push(from.days[i]);
        self.letters.push(from.letters[i]);
    }

    /// Every part of the index, for tests comparing two.
    #[cfg(test)]
    #[allow(clippy::type_complexity)]
    fn parts(
        &self,
    ) -> (
        &str,
        &[usize],
        &[super::field::Field],
        &[usize],
        &[Run],
        &[usize],
        &[Option<(i32, i32)>],
        &[u64],
    ) {
        (
            &self.text,
            &self.ends,
            &self.fields,
            &self.starts,
            &self.runs,
            &self.run_starts,
            &self.days,
            &self.letters,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testing::{event, timeline};
    use crate::timeline::Date;
    use proptest::prelude::*;

    /// An event of varied fields: some with none of a kind, some with
    /// characters of several bytes, some with no calendar day.
    fn varied(n: usize, day: u32) -> Event {
        let quotes: Vec<String> = (0..n % 4).map(|q| format!("quote {q} of {n} é")).collect();
        let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let mut e = event(
            &format!("title {n} 北京"),
            &"summary ".repeat(n % 3),
            &quotes,
        );
        e.id = format!("e{n}").into();
        e.actors = (0..n % 3).map(|a| format!("actor {a}").into()).collect();
        e.tags = (0..n % 2).map(|t| format!("tag{t}").into()).collect();
        e.date = Date::Day(2020, 1 + day % 12, 1 + day % 28);
        e.date_text = format!("{}", e.date);
        e
    }

    fn assert_same(got: &Index, want: &Index) {
        assert_eq!(got.parts(), want.parts());
        assert_eq!(got.len(), want.len());
    }

    #[test]
    fn extending_in_batches_gives_the_index_of_the_whole_timeline() {
        let events: Vec<Event> = (0..40).map(|n| varied(n, n as u32)).collect();
        for batch in [1, 3, 7, 40] {
            let mut grown = Index::new(&timeline(Vec::new()));
            for part in events.chunks(batch) {
                grown.extend(part);
            }
            assert_same(&grown, &Index::new(&timeline(events.clone())));
        }
    }

    #[test]
    fn merging_into_an_empty_index_or_nothing_in_changes_nothing() {
        let events: Vec<Event> = (0..5).map(|n| varied(n, 0)).collect();
        let whole = Index::of(&events);
        let empty = Index::of(&[]);
        assert_same(&empty.merge(&events, [true; 5]), &whole);
        assert_same(&whole.merge(&[], [false; 5]), &whole);
        assert_same(&empty.merge(&[], []), &empty);
        // Flags that run out, or name a side with nothing left: all the
        // events still come, in order.
        assert_same(&empty.merge(&events, [false; 2]), &whole);
        let (head, tail) = events.split_at(2);
        assert_same(&Index::of(head).merge(tail, []), &whole);
        assert_same(
            &Index::of(head).merge(tail, [true; 9]),
            &Index::of(&[tail, head].concat()),
        );
    }

    #[test]
    fn merging_in_place_with_flags_that_do_not_fit_merges_as_merge_does() {
        let events: Vec<Event> = (0..6).map(|n| varied(n, 0)).collect();
        let (head, tail) = events.split_at(2);
        for flags in [&[][..], &[true; 9], &[false; 6], &[true, true, false]] {
            let mut grown = Index::of(head);
            grown.merge_in(tail, flags);
            assert_same(&grown, &Index::of(head).merge(tail, flags.iter().copied()));
        }
        let mut grown = Index::of(&[]);
        grown.merge_in(&events, &[true; 6]);
        assert_same(&grown, &Index::of(&events));
        let mut grown = Index::of(&events);
        grown.merge_in(&[], &[false; 6]);
        assert_same(&grown, &Index::of(&events));
    }

    #[test]
    fn a_batch_of_several_parts_merges_in_place_as_merge_does() {
        // More than `PART` events in the batch, interleaved with the index's.
        let mut old: Vec<Event> = (0..300).map(|n| varied(n, (n * 7) as u32)).collect();
        old.sort_by_key(|e| e.sort_key());
        let mut batch: Vec<Event> = (0..2 * PART + 5)
            .map(|n| varied(n, (n % 2100) as u32))
            .collect();
        batch.sort_by_key(|e| e.sort_key());
        let mut all: Vec<(bool, &Event)> = old.iter().map(|e| (false, e)).collect();
        all.extend(batch.iter().map(|e| (true, e)));
        all.sort_by_key(|(_, e)| e.sort_key());
        let flags: Vec<bool> = all.iter().map(|(b, _)| *b).collect();
        let merged: Vec<Event> = all.iter().map(|(_, e)| (*e).clone()).collect();
        let mut grown = Index::of(&old);
        grown.merge_in(&batch, &flags);
        assert_same(&grown, &Index::of(&merged));
    }

    proptest! {
        /// Batches merged in date order as the loader delivers them give the
        /// index `Index::new` makes of the timeline so merged.
        #[test]
        fn merging_batches_gives_the_index_of_the_merged_timeline(
            days in proptest::collection::vec(0u32..400, 0..60),
            batch in 1usize..20,
        ) {
            let events: Vec<Event> = days.iter().enumerate().map(|(n, &d)| varied(n, d)).collect();
            let mut merged: Vec<Event> = Vec::new();
            let mut index = Index::of(&[]);
            for part in events.chunks(batch) {
                let mut part = part.to_vec();
                part.sort_by_key(|e| e.sort_key());
                let mut flags = Vec::new();
                let mut next = Vec::new();
                let mut new = part.iter().peekable();
                for e in &merged {
                    while new.peek().is_some_and(|n| n.sort_key() < e.sort_key()) {
                        next.extend(new.next().cloned());
                        flags.push(true);
                    }
                    next.push(e.clone());
                    flags.push(false);
                }
                next.extend(new.cloned());
                flags.resize(next.len(), true);
                let mut grown = Index::of(&merged);
                grown.merge_in(&part, &flags);
                index = index.merge(&part, flags);
                merged = next;
                assert_same(&index, &Index::of(&merged));
                assert_same(&grown, &index);
            }
        }
    }
}
