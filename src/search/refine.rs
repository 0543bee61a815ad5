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

#[cfg(test)]
mod tests {
    use super::*;

    fn r(old: &str, new: &str) -> bool {
        refines(&Query::parse(old), &Query::parse(new))
    }

    #[test]
    fn a_term_that_grows_at_its_end_or_a_new_term_only_narrows() {
        assert!(r("orac", "oracle"));
        assert!(r("oracle", "oracle"));
        assert!(r("oracle", "oracle d"));
        assert!(r("", "oracle"));
        assert!(r("'fc", "'fcc"));
        assert!(r("^20", "^2020"));
        assert!(r("a | b", "a | bc"));
        assert!(r("o", "oR"), "a capital makes it stricter");
        assert!(r("caf", "café"));
        assert!(r("北", "北京"));
    }

    #[test]
    fn what_can_match_more_needs_a_full_filter() {
        assert!(!r("oracle", "orac"), "deleting a letter");
        assert!(!r("oracle", ""));
        assert!(!r("oracle d", "oracle"));
        assert!(!r("ban$", "bans$"), "an end anchor moves");
        assert!(!r("^ord$", "^order$"));
        assert!(!r("!we", "!wechat"), "a longer negation excludes less");
        assert!(!r("a", "a | b"), "an added alternative");
        assert!(!r("fcc", "'fcc"), "a changed mode");
        assert!(!r("orac", "oxrac"));
    }
}
