//! What is wrong with a timeline, and where: `file:line:column: error: ...`.

use std::cell::OnceCell;
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

/// Finds where things are in the RON text, since serde keeps no positions.
/// Only problems need positions, so the index of ids is built on first use.
pub struct Locator<'a> {
    text: &'a str,
    ids: OnceCell<Ids<'a>>,
}

/// Every `id: "value"` in the text: by value, and all positions in order.
struct Ids<'a> {
    by_value: HashMap<&'a str, Vec<usize>>,
    all: Vec<usize>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            ids: OnceCell::new(),
        }
    }

    /// Line and column (1-based, columns in characters) of a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let before = &self.text[..byte];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }

    fn ids(&self) -> &Ids<'a> {
        self.ids.get_or_init(|| {
            let text = self.text;
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
                ids.by_value.entry(&value[..end]).or_default().push(pos);
                ids.all.push(pos);
            }
            ids
        })
    }

    /// Byte offset of the `nth` (0-based) `id: "value"` at or after `from`
    /// (the list it belongs to), or anywhere if that finds none.
    pub fn id_at(&self, from: Option<usize>, value: &str, nth: usize) -> Option<usize> {
        let places = self.ids().by_value.get(value)?;
        let from = from.unwrap_or(0);
        places
            .iter()
            .filter(|at| **at >= from)
            .nth(nth)
            .or_else(|| places.get(nth))
            .copied()
    }

    /// Byte offset of the first line that starts with `name:` (a top-level key).
    pub fn key(&self, name: &str) -> Option<usize> {
        let mut at = 0;
        for line in self.text.split_inclusive('\n') {
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
        let next = all.get(after).copied().unwrap_or(self.text.len());
        let prev = after.checked_sub(2).map_or(0, |i| all[i]);
        let values = |from: usize, to: usize| {
            let region = self.text.get(from..to).unwrap_or("");
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
        let id = id.min(self.text.len());
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
        let from = from.min(self.text.len());
        let all = &self.ids().all;
        let next = all.partition_point(|at| *at <= from);
        let end = all.get(next).copied().unwrap_or(self.text.len());
        let rest = self.text.get(from..end)?;
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
