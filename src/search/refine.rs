//! When a query can be run on the previous query's matches alone: the key
//! to typing a query one key at a time over a large timeline, as fzf does.

use super::query::{Mode, Query};

/// Whether every event matching `new` also matches `old`, so `new` can be run
/// on `old`'s matches alone: terms only grew at their end or were added, and
/// none of them is anchored at the end or negated (those can match more).
pub fn refines(old: &Query, new: &Query) -> bool {
    if new.groups.len() < old.groups.len() {
        return false;
    }
    old.groups.iter().zip(&new.groups).all(|(og, ng)| {
        og.len() == ng.len()
            && og.iter().zip(ng).all(|(o, n)| {
                let same_kind = o.mode == n.mode && o.negated == n.negated;
                let grows =
                    matches!(o.mode, Mode::Fuzzy | Mode::Exact | Mode::Prefix) && !o.negated;
                same_kind
                    && (o == n
                        || (grows
                            && n.text.starts_with(&o.text)
                            && (n.case_sensitive || !o.case_sensitive)))
            })
    })
}
