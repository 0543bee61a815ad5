//! Finding a quote in its source. Quotes match verbatim except that any run of
//! whitespace equals any other; nothing else is folded (’ is not ').

use std::ops::Range;

use crate::sanitize;

/// A source text as sanitizing sees it, whitespace runs collapsed, mapped
/// back to the original bytes.
pub struct Haystack {
    text: String,
    /// `origin[i]` is the byte in the original text that byte `i` of `text` came from.
    origin: Vec<usize>,
}

impl Haystack {
    /// The article as a quote sanitized on load sees it: through the same
    /// filter (a ZWSP, a control, an escape sequence are not there), and
    /// with whitespace runs collapsed; `origin` maps back to its raw bytes.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut in_space = false;
        for (at, c) in sanitize::kept(original) {
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
            // `c` is the raw text's own character here: only whitespace is mapped.
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
        // The passage is as many characters as the quote, aligned on the shared run.
        let parting = if from_start {
            let matched = &needle[..bounds[n]];
            Parting {
                shared: matched.to_string(),
                after: true,
                quote: needle[matched.len()..].chars().next(),
                source: self.text[at + matched.len()..].chars().next(),
            }
        } else {
            let matched = &needle[bounds[chars - n]..];
            Parting {
                shared: matched.to_string(),
                after: false,
                quote: needle[..bounds[chars - n]].chars().next_back(),
                source: self.text[..at].chars().next_back(),
            }
        };
        let passage: String = if from_start {
            self.text[at..].chars().take(chars).collect()
        } else {
            let end = at + parting.shared.len();
            let mut v: Vec<char> = self.text[..end].chars().rev().take(chars).collect();
            v.reverse();
            v.into_iter().collect()
        };
        Some(Nearest { passage, parting })
    }
}

/// Where a quote and its nearest passage stop agreeing.
pub struct Parting {
    /// The run they share.
    pub shared: String,
    /// The run is the quote's start (they part after it) or its end (before it).
    pub after: bool,
    /// The characters on either side of the parting; `None` at an end.
    pub quote: Option<char>,
    pub source: Option<char>,
}

/// What `Haystack::nearest` found.
pub struct Nearest {
    pub passage: String,
    pub parting: Parting,
}

impl Nearest {
    pub fn describe(&self) -> String {
        let p = &self.parting;
        let v: Vec<char> = p.shared.chars().collect();
        let place = if p.after {
            let tail: String = v[v.len().saturating_sub(24)..].iter().collect();
            format!("after \"…{tail}\"")
        } else {
            let head: String = v[..v.len().min(24)].iter().collect();
            format!("before \"{head}…\"")
        };
        format!(
            "nearest passage in the source: \"{}\"; they part {place}: the quote has {}, the source {}",
            self.passage,
            describe_char(p.quote),
            describe_char(p.source)
        )
    }
}

/// A character as a hint shows it: one that is invisible or would act on
/// the terminal (a control, a zero-width or format character) by its code
/// point alone.
fn describe_char(c: Option<char>) -> String {
    match c {
        None => "nothing more".to_string(),
        Some(' ') => "a space".to_string(),
        Some(c) if !sanitize::is_plain(c) => format!("U+{:04X}", c as u32),
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
        let near = h.nearest("TikTok's p").unwrap();
        assert_eq!(near.parting.shared, "TikTok");
        assert_eq!(
            (near.parting.quote, near.parting.source),
            (Some('\''), Some('’'))
        );
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
    fn an_invisible_or_control_character_is_named_by_its_code_point_only() {
        for (c, said) in [
            ('\u{1b}', "U+001B"),
            ('\u{9b}', "U+009B"),
            ('\u{7}', "U+0007"),
            ('\u{200b}', "U+200B"),
            ('\u{202e}', "U+202E"),
            ('\u{301}', "U+0301"),
            ('’', "'’' (U+2019)"),
            ('M', "'M' (U+004D)"),
        ] {
            assert_eq!(describe_char(Some(c)), said);
        }
    }

    #[test]
    fn a_wrong_start_is_found_by_the_end() {
        let h = Haystack::new(SRC);
        let near = h.nearest("The company, ByteDance, said “no”.").unwrap();
        assert_eq!(near.passage, "ent company, ByteDance, said “no”.");
        assert_eq!(
            (near.parting.quote, near.parting.source),
            (Some('e'), Some('t'))
        );
        let text = near.describe();
        assert!(
            text.contains("they part before \" company, ByteDance, sai…\""),
            "{text}"
        );
    }
}
