//! Finding a quote in its source. Quotes match verbatim except that any run of
//! whitespace equals any other; nothing else is folded (’ is not ').

use std::ops::Range;

/// A source text with whitespace runs collapsed, mapped back to the original bytes.
pub struct Haystack {
    text: String,
    /// `origin[i]` is the byte in the original text that byte `i` of `text` came from.
    origin: Vec<usize>,
}

impl Haystack {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut in_space = false;
        for (at, c) in original.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    text.push(' ');
                    origin.push(at);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            text.push(c);
            origin.extend(at..at + c.len_utf8());
        }
        Haystack { text, origin }
    }

    /// Byte range in the original text of the first place the quote stands.
    pub fn find(&self, quote: &str) -> Option<Range<usize>> {
        let needle = collapse(quote);
        if needle.is_empty() {
            return None;
        }
        let at = self.text.find(&needle)?;
        let last = at + needle.len() - 1;
        // The last byte of the needle is never a space (collapse trims), so it
        // maps to a byte of the original; the span ends just after it.
        Some(self.origin[at]..self.origin[last] + 1)
    }

    /// The passage that comes closest to a quote that is not found: the longest
    /// run of the quote's start (or end) that the source has, and where they part.
    pub fn nearest(&self, quote: &str) -> Option<Nearest> {
        let needle = collapse(quote);
        let bounds: Vec<usize> = needle
            .char_indices()
            .map(|(i, _)| i)
            .chain([needle.len()])
            .collect();
        let chars = bounds.len() - 1;
        let min = 12.min(chars / 2).max(4);

        let prefix = longest(chars, |n| self.text.find(&needle[..bounds[n]]));
        let suffix = longest(chars, |n| self.text.rfind(&needle[bounds[chars - n]..]));
        let (n, at, from_start) = match (prefix, suffix) {
            (Some(p), Some(s)) if s.0 > p.0 => (s.0, s.1, false),
            (Some(p), _) => (p.0, p.1, true),
            (None, Some(s)) => (s.0, s.1, false),
            (None, None) => return None,
        };
        if n < min {
            return None;
        }
        let matched = if from_start {
            &needle[..bounds[n]]
        } else {
            &needle[bounds[chars - n]..]
        };
        // The passage: as long as the quote, aligned on the shared part.
        let (start, end) = if from_start {
            (at, at + needle.len())
        } else {
            let end = at + matched.len();
            (end.saturating_sub(needle.len()), end)
        };
        let passage = char_slice(&self.text, start, end).to_string();
        let parting = if from_start {
            let q = needle[matched.len()..].chars().next();
            let s = self.text[at + matched.len()..].chars().next();
            Some((matched.to_string(), q, s))
        } else {
            None
        };
        Some(Nearest { passage, parting })
    }
}

/// What `Haystack::nearest` found.
pub struct Nearest {
    pub passage: String,
    /// When aligned on the quote's start: the shared text, then the quote's
    /// and the source's next characters.
    pub parting: Option<(String, Option<char>, Option<char>)>,
}

impl Nearest {
    pub fn describe(&self) -> String {
        let mut s = format!("nearest passage in the source: \"{}\"", self.passage);
        if let Some((shared, q, src)) = &self.parting {
            let tail: String = {
                let v: Vec<char> = shared.chars().collect();
                v[v.len().saturating_sub(24)..].iter().collect()
            };
            s.push_str(&format!(
                "; they part after \"…{tail}\": the quote has {}, the source {}",
                describe_char(*q),
                describe_char(*src)
            ));
        }
        s
    }
}

fn describe_char(c: Option<char>) -> String {
    match c {
        None => "nothing more".to_string(),
        Some(' ') => "a space".to_string(),
        Some(c) => format!("'{c}' (U+{:04X})", c as u32),
    }
}

/// Whitespace runs to one space, ends trimmed.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Largest `n` in 1..=max for which `found(n)` is Some (found is monotone), with its value.
fn longest(max: usize, found: impl Fn(usize) -> Option<usize>) -> Option<(usize, usize)> {
    let mut best = None;
    let (mut lo, mut hi) = (1, max);
    while lo <= hi {
        let mid = (lo + hi) / 2;
        match found(mid) {
            Some(at) => {
                best = Some((mid, at));
                lo = mid + 1;
            }
            None => hi = mid - 1,
        }
    }
    best
}

/// `s[start..end]` widened to char boundaries and clamped to the string.
fn char_slice(s: &str, start: usize, end: usize) -> &str {
    let mut a = start.min(s.len());
    while !s.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = end.min(s.len());
    while !s.is_char_boundary(b) {
        b += 1;
    }
    &s[a..b]
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "Intro.\nTikTok’s  parent\n\n company, ByteDance, said “no”.";

    #[test]
    fn finds_across_whitespace_runs() {
        let h = Haystack::new(SRC);
        let span = h.find("TikTok’s parent company,").unwrap();
        assert_eq!(&SRC[span], "TikTok’s  parent\n\n company,");
        let span = h.find(" said “no”. ").unwrap();
        assert_eq!(&SRC[span], "said “no”.");
    }

    #[test]
    fn curly_and_straight_quotes_differ() {
        let h = Haystack::new(SRC);
        assert!(h.find("TikTok's parent").is_none());
        let near = h.nearest("TikTok's parent company").unwrap();
        let (shared, q, s) = near.parting.unwrap();
        assert_eq!(shared, "TikTok");
        assert_eq!((q, s), (Some('\''), Some('’')));
        assert!(near.describe().contains("U+2019"), "{}", near.describe());
    }

    #[test]
    fn nothing_close_gives_no_passage() {
        let h = Haystack::new(SRC);
        assert!(h.nearest("entirely unrelated words").is_none());
        assert!(h.find("").is_none());
        assert!(h.find("   ").is_none());
    }

    #[test]
    fn a_wrong_start_is_found_by_the_end() {
        let h = Haystack::new(SRC);
        let near = h.nearest("The company, ByteDance, said “no”.").unwrap();
        assert!(
            near.passage.ends_with("ByteDance, said “no”."),
            "{}",
            near.passage
        );
    }
}
