//! Full-text search of the articles: the filter's query syntax and matching
//! rules, held to one sentence at a time. A result is a passage: the
//! sentence, the line it is on, what matched in it, and which events cite it.
//!
//! Each sentence is one field, as an event's quote is: a fuzzy term's letters
//! must stand within the term's length plus one, so within a word or phrase;
//! `^` and `$` anchor at the sentence's start and end. A line that could not
//! hold a match (every term sought as mere containment) is skipped without
//! being cut into sentences, which is most of the cost on large articles.

use std::ops::Range;

use rayon::prelude::*;

use super::sentences;
use super::{Field, Mode, Prepared, Query, Search, Term, field_matches};
use crate::timeline::Timeline;

/// The field a sentence is matched as: long prose, like a quote.
const SENTENCE: Field = Field::Quote(0);

/// A sentence of an article that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassageHit {
    /// Index into `Timeline::sources`.
    pub source: usize,
    /// The line of the file the sentence is on, from 1.
    pub line: usize,
    /// The sentence: a byte range of the source's text.
    pub span: Range<usize>,
    /// What matched, as byte ranges of the source's text inside `span`, in order.
    pub matches: Vec<Range<usize>>,
    /// Events citing any of the sentence (indices into `Timeline::events`), in order.
    pub cited_by: Vec<usize>,
}

impl Search {
    /// Every sentence of the articles (of `only` that source, when given) that
    /// matches `query`, by source then in reading order. An empty query
    /// matches nothing: there is nothing to look for.
    pub fn passages(&self, tl: &Timeline, query: &Query, only: Option<usize>) -> Vec<PassageHit> {
        if query.is_empty() {
            return Vec::new();
        }
        let groups: Vec<Vec<Prepared>> = query
            .groups
            .iter()
            .map(|g| g.iter().map(|t| self.prepare(t)).collect())
            .collect();
        // What a line must hold for a sentence of it to match: each group
        // without a negation, its anchored terms sought anywhere in the line.
        let loose_terms: Vec<Vec<Term>> = query
            .groups
            .iter()
            .filter(|g| g.iter().all(|t| !t.negated))
            .map(|g| {
                g.iter()
                    .map(|t| Term {
                        mode: if t.mode == Mode::Fuzzy {
                            Mode::Fuzzy
                        } else {
                            Mode::Exact
                        },
                        ..t.clone()
                    })
                    .collect()
            })
            .collect();
        let loose: Vec<Vec<Prepared>> = loose_terms
            .iter()
            .map(|g| g.iter().map(|t| self.prepare(t)).collect())
            .collect();
        let run = |s: usize| self.in_source(tl, s, &groups, &loose);
        let mut hits = match only {
            Some(s) if s < tl.sources.len() => run(s),
            Some(_) => Vec::new(),
            None => (0..tl.sources.len())
                .into_par_iter()
                .flat_map_iter(run)
                .collect(),
        };
        cite(tl, &mut hits);
        hits
    }

    fn in_source(
        &self,
        tl: &Timeline,
        source: usize,
        groups: &[Vec<Prepared>],
        loose: &[Vec<Prepared>],
    ) -> Vec<PassageHit> {
        let text = &tl.sources[source].text;
        let mut out = Vec::new();
        for (number, start, line) in sentences::lines(text) {
            if !could_hold(loose, line) {
                continue;
            }
            for piece in sentences::pieces(line) {
                let part = &line[piece.clone()];
                if piece.len() < line.len() && !could_hold(loose, part) {
                    continue;
                }
                for r in sentences::of_line(part) {
                    let sentence = &part[r.clone()];
                    let all = groups.iter().all(|g| {
                        g.iter()
                            .any(|p| field_matches(p, SENTENCE, sentence) != p.term.negated)
                    });
                    if !all {
                        continue;
                    }
                    let span = start + piece.start + r.start..start + piece.start + r.end;
                    out.push(PassageHit {
                        source,
                        line: number,
                        matches: self.marks(groups, sentence, span.start),
                        span,
                        cited_by: Vec::new(),
                    });
                }
            }
        }
        out
    }

    /// Byte ranges (from `at`, the sentence's offset) of what each term that
    /// is found in `sentence` matched: its best place, as the filter marks it.
    fn marks(&self, groups: &[Vec<Prepared>], sentence: &str, at: usize) -> Vec<Range<usize>> {
        // fuzzy-matcher gives char indices: map them to bytes.
        let bytes: Vec<usize> = sentence
            .char_indices()
            .map(|(i, _)| i)
            .chain([sentence.len()])
            .collect();
        let mut ranges: Vec<Range<usize>> = groups
            .iter()
            .flatten()
            .filter(|p| !p.term.negated)
            .filter_map(|p| self.best_in(p, SENTENCE, sentence, true))
            .flat_map(|(_, chars)| chars)
            .filter_map(|c| Some(at + *bytes.get(c)?..at + *bytes.get(c + 1)?))
            .collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

/// Whether `text` holds something for each of the `loose` groups: where a
/// sentence can match.
fn could_hold(loose: &[Vec<Prepared>], text: &str) -> bool {
    loose
        .iter()
        .all(|g| g.iter().any(|p| field_matches(p, SENTENCE, text)))
}

/// Fill in which events cite each passage: every quote of the sources with
/// passages is sought (the events are scanned on both cores, as a large
/// timeline's quotes outnumber the passages found).
fn cite(tl: &Timeline, hits: &mut [PassageHit]) {
    let mut wanted = vec![false; tl.sources.len()];
    for h in hits.iter() {
        wanted[h.source] = true;
    }
    let quoted: Vec<(usize, Range<usize>, usize)> = tl
        .events
        .par_iter()
        .enumerate()
        .flat_map_iter(|(e, event)| {
            // Loading set `source_index`; only a quote it places in a wanted
            // source is checked by id (and sought by id if it was not set).
            let wanted = &wanted;
            event.quotes().filter_map(move |c| {
                if !wanted.get(c.source_index).copied().unwrap_or(true) {
                    return None;
                }
                let s = match tl.sources.get(c.source_index) {
                    Some(s) if s.id == c.source => c.source_index,
                    _ => tl.sources.iter().position(|s| s.id == c.source)?,
                };
                wanted[s].then(|| (s, c.span.clone(), e))
            })
        })
        .collect();
    let mut by_source: Vec<Vec<(Range<usize>, usize)>> = vec![Vec::new(); tl.sources.len()];
    for (s, span, e) in quoted {
        by_source[s].push((span, e));
    }
    hits.par_iter_mut().for_each(|h| {
        let mut by: Vec<usize> = by_source[h.source]
            .iter()
            .filter(|(c, _)| c.start < h.span.end && h.span.start < c.end)
            .map(|&(_, e)| e)
            .collect();
        by.sort_unstable();
        by.dedup();
        h.cited_by = by;
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::load_builtin;

    fn find(query: &str) -> (Timeline, Vec<PassageHit>) {
        let tl = load_builtin().unwrap();
        let hits = Search::default().passages(&tl, &Query::parse(query), None);
        (tl, hits)
    }

    fn sentence<'a>(tl: &'a Timeline, h: &PassageHit) -> &'a str {
        &tl.sources[h.source].text[h.span.clone()]
    }

    #[test]
    fn a_fuzzy_term_matches_within_a_word_and_is_marked_there() {
        let (tl, hits) = find("nichols");
        assert!(!hits.is_empty());
        for h in &hits {
            let text = &tl.sources[h.source].text;
            let marked: String = h.matches.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(marked, "Nichols", "{}", sentence(&tl, h));
        }
        let h = &hits[0];
        assert!(sentence(&tl, h).contains("Judge Carl Nichols granted"));
        assert!(
            h.cited_by
                .iter()
                .any(|&e| tl.events[e].id == "nichols-injunction")
        );
        // Scattered letters across a sentence are no match.
        assert!(find("nicholsban").1.is_empty());
        assert!(!find("nichols ban").1.is_empty());
    }

    #[test]
    fn every_group_must_match_in_the_same_sentence_and_negations_exclude() {
        let (tl, both) = find("oracle 'partner");
        assert!(!both.is_empty());
        for h in &both {
            let s = sentence(&tl, h).to_lowercase();
            assert!(s.contains("oracle") && s.contains("partner"), "{s}");
        }
        let (_, oracle) = find("oracle");
        let (tl2, without) = find("oracle !partner");
        assert_eq!(without.len() + both.len(), oracle.len());
        assert!(
            without
                .iter()
                .all(|h| !sentence(&tl2, h).contains("partner"))
        );
    }

    #[test]
    fn prefix_anchors_at_the_sentence_start_and_lines_count_from_one() {
        let (tl, hits) = find("^Trade");
        assert_eq!(hits.len(), 1);
        let h = &hits[0];
        assert!(sentence(&tl, h).starts_with("Trade Secretary Wilbur Ross"));
        let text = &tl.sources[h.source].text;
        assert_eq!(h.line, text[..h.span.start].matches('\n').count() + 1);
        assert!(find("").1.is_empty());
    }
}
