//! What is wrong with a timeline, and where: `file:line:column: error: ...`.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::collections::HashMap;
use std::fmt;

use crate::sanitize::one_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The file as the user named it (or `data/timeline.ron` for the built-in one).
    pub file: String,
    /// 1-based line and column (in characters), when known.
    pub at: Option<(usize, usize)>,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn error(file: &str, at: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.to_string(),
            at,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: &str, at: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, at, message)
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The boundary where a problem meets a terminal: file, message and hint
/// hold text from files (a path, an article's passage, a name ron quotes), so
/// each is sanitized and kept on its line, whatever built the problem.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", one_line(&self.file))?;
        if let Some((line, col)) = self.at {
            write!(f, ":{line}:{col}")?;
        }
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {level}: {}", one_line(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint: {}", one_line(hint))?;
        }
        Ok(())
    }
}

/// How far past an item's start `text_after` looks for a quote.
const SEARCHED: usize = 256 << 10;

/// Finds where things are in the RON text, since serde keeps no positions.
/// Only problems need positions, so the index of ids is built on first use.
pub struct Locator<'a> {
    text: OnceCell<Cow<'a, str>>,
    /// Reads the text again once `forget` dropped it: `None` if the file
    /// changed since (then no problem is placed).
    again: Option<Again<'a>>,
    lost: Cell<bool>,
    ids: OnceCell<Ids>,
    /// Line and column every MARK_EVERY bytes, so that placing a problem
    /// costs the same wherever it is: 100,000 problems in a 100 MB file (a
    /// duplicate id, pasted) took hours counting lines from the start each time.
    marks: OnceCell<Vec<Mark>>,
}

const MARK_EVERY: usize = 4096;

/// At byte `at` (a char boundary): 1-based `line`, and `col` characters
/// since the line's start.
#[derive(Clone, Copy)]
struct Mark {
    at: usize,
    line: usize,
    col: usize,
}

/// Advance `mark` over `bytes` (whole characters).
fn advance(mark: Mark, bytes: &[u8]) -> Mark {
    // Characters are counted by the bytes that start one.
    let chars = |b: &[u8]| b.iter().filter(|&&c| (c as i8) >= -0x40).count();
    let at = mark.at + bytes.len();
    match memchr::memrchr(b'\n', bytes) {
        None => Mark {
            at,
            col: mark.col + chars(bytes),
            ..mark
        },
        Some(last) => Mark {
            at,
            line: mark.line + memchr::memchr_iter(b'\n', bytes).count(),
            col: chars(&bytes[last + 1..]),
        },
    }
}

/// Reads a forgotten text again.
type Again<'a> = Box<dyn Fn() -> Option<String> + Send + Sync + 'a>;

/// Every `id: "value"` in the text: by value, and all positions in order.
/// Owned, so that it outlives a text forgotten (and read again).
struct Ids {
    by_value: HashMap<Box<str>, Vec<usize>>,
    all: Vec<usize>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            text: OnceCell::from(Cow::Borrowed(text)),
            again: None,
            lost: Cell::new(false),
            ids: OnceCell::new(),
            marks: OnceCell::new(),
        }
    }

    /// A locator of `text` that may `forget` it: `again` reads it back when
    /// a problem needs placing, or says it cannot (`None`).
    pub fn again(text: String, again: impl Fn() -> Option<String> + Send + Sync + 'a) -> Self {
        Locator {
            text: OnceCell::from(Cow::Owned(text)),
            again: Some(Box::new(again)),
            lost: Cell::new(false),
            ids: OnceCell::new(),
            marks: OnceCell::new(),
        }
    }

    /// Drop the text, if it can be read again: most timelines have no
    /// problem to place. What was worked out from it is kept.
    pub fn forget(&mut self) {
        if self.again.is_some() {
            self.text.take();
        }
    }

    /// The text, read again if forgotten; empty if it cannot be.
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| {
            let again = self.again.as_ref().and_then(|f| f());
            // A text that differs would misplace every problem: none is placed.
            let lost = again.is_none();
            self.lost.set(lost);
            Cow::Owned(again.unwrap_or_default())
        })
    }

    /// Whether the text was forgotten and cannot be read again: positions
    /// found now mean nothing.
    pub fn is_lost(&self) -> bool {
        self.lost.get()
    }

    /// Line and column (1-based, columns in characters) of a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = self.boundary(byte.min(self.text().len()));
        let marks = self.marks.get_or_init(|| {
            let mut marks = vec![Mark {
                at: 0,
                line: 1,
                col: 0,
            }];
            let mut last = marks[0];
            while last.at < self.text().len() {
                let next = self.boundary((last.at + MARK_EVERY).min(self.text().len()));
                last = advance(last, &self.text().as_bytes()[last.at..next]);
                marks.push(last);
            }
            marks
        });
        let i = marks.partition_point(|m| m.at <= byte).saturating_sub(1);
        let mark = marks[i];
        let here = advance(mark, &self.text().as_bytes()[mark.at..byte]);
        (here.line, here.col + 1)
    }

    /// The char boundary at or before `byte`.
    fn boundary(&self, mut byte: usize) -> usize {
        while !self.text().is_char_boundary(byte) {
            byte -= 1;
        }
        byte
    }

    fn ids(&self) -> &Ids {
        self.ids.get_or_init(|| {
            let text = self.text();
            let mut ids = Ids {
                by_value: HashMap::new(),
                all: Vec::new(),
            };
            for (at, _) in text.match_indices("id") {
                let word_start = text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                let Some(rest) = text[at + 2..].trim_start().strip_prefix(':') else {
                    continue;
                };
                let Some(value) = rest.trim_start().strip_prefix('"') else {
                    continue;
                };
                let Some(end) = value.find('"') else { continue };
                if !word_start {
                    continue;
                }
                let pos = text.len() - value.len() - 1;
                ids.by_value
                    .entry(value[..end].into())
                    .or_default()
                    .push(pos);
                ids.all.push(pos);
            }
            ids
        })
    }

    /// Byte offset of the `nth` (0-based) `id: "value"` at or after `from`
    /// (the list it belongs to), or anywhere if that finds none.
    pub fn id_at(&self, from: Option<usize>, value: &str, nth: usize) -> Option<usize> {
        let places = self.ids().by_value.get(value)?;
        // In text order: a search, not a scan, or a timeline of 100,000
        // duplicate ids takes quadratic time to report them.
        let first = places.partition_point(|at| *at < from.unwrap_or(0));
        places
            .get(first.saturating_add(nth))
            .or_else(|| places.get(nth))
            .copied()
    }

    /// Byte offset of the first line that starts with `name:` (a top-level key).
    pub fn key(&self, name: &str) -> Option<usize> {
        let mut at = 0;
        for line in self.text().split_inclusive('\n') {
            let body = line.trim_start();
            if body
                .strip_prefix(name)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
            {
                return Some(at + line.len() - body.len());
            }
            at += line.len();
        }
        None
    }

    /// Byte offset of the value of `key:` in the item whose id is at `id`:
    /// after the id (up to the next), else the last before it (after the previous).
    pub fn field_of(&self, id: usize, key: &str) -> Option<usize> {
        let all = &self.ids().all;
        let after = all.partition_point(|at| *at <= id);
        let next = all.get(after).copied().unwrap_or(self.text().len());
        let prev = after.checked_sub(2).map_or(0, |i| all[i]);
        let values = |from: usize, to: usize| {
            let region = self.text().get(from..to).unwrap_or("");
            region.match_indices(key).filter_map(move |(at, _)| {
                let word_start = region[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                let rest = region[at + key.len()..].trim_start().strip_prefix(':')?;
                let value = rest.trim_start();
                word_start.then(|| from + region.len() - value.len())
            })
        };
        let id = id.min(self.text().len());
        values(id, next.max(id))
            .next()
            .or_else(|| values(prev.min(id), id).last())
    }

    /// Byte offset of a string's first words after `from`, within the item that
    /// starts there (up to the next id). Only the part before any character RON
    /// might escape is searched for.
    pub fn text_after(&self, from: usize, s: &str) -> Option<usize> {
        let probe: String = s
            .chars()
            .take_while(|c| !matches!(c, '"' | '\\' | '\n' | '\t'))
            .take(40)
            .collect();
        if probe.chars().count() < 3 {
            return None;
        }
        let from = from.min(self.text().len());
        let all = &self.ids().all;
        let next = all.partition_point(|at| *at <= from);
        // Within a window, so that a problem costs the same however long its
        // item: past it (an event with megabytes of citations) the caller
        // places the problem at the item instead.
        let end = all
            .get(next)
            .copied()
            .unwrap_or(self.text().len())
            .min(from.saturating_add(SEARCHED));
        let end = (0..=end)
            .rev()
            .find(|&i| self.text().is_char_boundary(i))
            .unwrap_or(from);
        let rest = self.text().get(from..end)?;
        rest.find(&probe).map(|i| from + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let l = Locator::new("ab\n“é” x");
        assert_eq!(l.line_col(0), (1, 1));
        assert_eq!(l.line_col(3), (2, 1));
        assert_eq!(l.line_col("ab\n“é” ".len()), (2, 5));
    }

    #[test]
    fn a_forgotten_text_is_read_again_to_place_a_problem_or_places_none() {
        let text = "(id: \"a\")\n(id: \"b\", title: \"é\")";
        let reads = std::sync::atomic::AtomicUsize::new(0);
        let read = || reads.load(std::sync::atomic::Ordering::Relaxed);
        let mut l = Locator::again(text.to_string(), || {
            reads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Some(text.to_string())
        });
        assert_eq!(l.key("nothing"), None);
        l.forget();
        assert_eq!(read(), 0, "read again only when needed");
        assert_eq!(l.id_at(None, "b", 0), Some(15));
        assert_eq!(l.line_col(15), (2, 6));
        assert_eq!(l.field_of(15, "title"), Some(27));
        assert!(!l.is_lost());
        assert_eq!(read(), 1, "once");
        // Changed since: the text is lost, and no position is trusted.
        let mut l = Locator::again(text.to_string(), || None);
        l.forget();
        assert_eq!(l.id_at(None, "b", 0), None);
        assert!(l.is_lost());
        // One that cannot be read again is not forgotten.
        let mut l = Locator::new(text);
        l.forget();
        assert_eq!(l.id_at(None, "b", 0), Some(15));
        assert!(!l.is_lost());
    }

    #[test]
    fn a_problem_prints_sanitized_and_on_its_lines() {
        let p = Problem::error(
            "t\u{1b}]0;x\u{7}.ron",
            Some((1, 2)),
            "bad\n\u{9b}2Jthing\u{202e}",
        )
        .hint("see\tthe \u{1b}[31mREADME");
        assert_eq!(
            p.to_string(),
            "t.ron:1:2: error: bad thing\n    hint: see the README"
        );
    }

    #[test]
    fn positions_agree_with_counting_from_the_start_and_cost_little() {
        let naive = |text: &str, byte: usize| {
            let before = &text[..byte];
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            (
                before.matches('\n').count() + 1,
                before[start..].chars().count() + 1,
            )
        };
        let text = "ab“é”\n\n".repeat(3_000) + &"x’y".repeat(5_000);
        let l = Locator::new(&text);
        for byte in (0..=text.len())
            .filter(|b| text.is_char_boundary(*b))
            .step_by(97)
        {
            assert_eq!(l.line_col(byte), naive(&text, byte), "at {byte}");
        }
        assert_eq!(l.line_col(text.len() + 10), naive(&text, text.len()));
        // One 8 MB line, placed 20,000 times: counting from the start each
        // time read 80 GB here.
        let line = "é".repeat(4 << 20);
        let l = Locator::new(&line);
        for i in 0..20_000 {
            let byte = ((i * 104_729) % line.len()) & !1;
            assert_eq!(l.line_col(byte), (1, byte / 2 + 1));
        }
        // The cost, by construction rather than by a clock (which a busy
        // machine makes flaky): a lookup counts on from the mark before it,
        // and marks stand at most MARK_EVERY bytes apart.
        let marks = l.marks.get().expect("built by the first lookup");
        assert!(marks.len() > line.len() / MARK_EVERY);
        assert!(marks.windows(2).all(|w| w[1].at - w[0].at <= MARK_EVERY));
    }

    #[test]
    fn a_hundred_thousand_duplicate_ids_are_found_at_once() {
        let n = 100_000;
        let text = "(id: \"a\")\n".repeat(n);
        let l = Locator::new(&text);
        for nth in 0..n {
            assert_eq!(l.id_at(None, "a", nth), Some(nth * 10 + 5));
        }
        assert_eq!(l.id_at(Some(12), "a", 0), Some(15));
        assert_eq!(l.id_at(None, "a", n), None);
        // A scan per lookup took minutes here. The text is indexed once, so
        // each lookup is a binary search in the id's places (checked by
        // construction, not by a clock, which a busy machine makes flaky).
        assert_eq!(l.ids().by_value["a"].len(), n);
    }

    #[test]
    fn finds_nth_id() {
        let l = Locator::new("(id: \"a\", source: \"a\")\n(id:\"a\", valid: \"a\")");
        assert_eq!(l.id_at(None, "a", 0), Some(5));
        assert_eq!(l.line_col(l.id_at(None, "a", 1).unwrap()), (2, 5));
        assert_eq!(l.id_at(None, "a", 2), None);
        assert_eq!(l.id_at(Some(6), "a", 0), l.id_at(None, "a", 1));
    }

    #[test]
    fn finds_a_field_of_the_item_before_or_after_its_id() {
        let text = "[(id: \"a\", file: \"x\"), (file: \"y\", id: \"b\"), (id: \"c\")]";
        let l = Locator::new(text);
        let at = |id| l.field_of(l.id_at(None, id, 0).unwrap(), "file");
        assert_eq!(at("a").map(|i| &text[i..i + 3]), Some("\"x\""));
        assert_eq!(at("b").map(|i| &text[i..i + 3]), Some("\"y\""));
        assert_eq!(at("c"), None);
    }
}
