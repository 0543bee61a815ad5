//! Finding the events list in RON text and where each event starts and ends,
//! so the events can be parsed on every core. A lexical scan only: strings,
//! raw strings, characters, comments and brackets. It gives up (and the
//! caller parses the whole file as one) on anything it is not sure of.

use std::ops::Range;

/// The interior of the top-level `events: [ ... ]` list and its items.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    pub list: Range<usize>,
    pub items: Vec<Range<usize>>,
}

pub fn split_events(text: &str) -> Option<Split> {
    let b = text.as_bytes();
    if text.trim_start().starts_with("#!") {
        // Attributes like #![enable(...)] change how items parse: no splitting.
        return None;
    }
    let mut depth = 0usize;
    let mut list_depth = None;
    let mut list_start = 0;
    let mut item_start = 0;
    let mut items = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Inside the list only the bytes below matter (`e` only before it):
        // the rest, most of the file, is passed over in a tight loop, as a
        // jump per byte cost 160 ms at 100k events.
        if list_depth.is_some() && !SPECIAL[usize::from(b[i])] {
            i += b[i..]
                .iter()
                .position(|&c| SPECIAL[usize::from(c)])
                .unwrap_or(b.len() - i);
            continue;
        }
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(b, i)?;
                continue;
            }
            b'"' => {
                i = skip_string(b, i)?;
                continue;
            }
            b'\'' => {
                i = skip_char(b, i)?;
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                if Some(depth) == list_depth {
                    items.push(item_start..i);
                    return Some(Split {
                        list: list_start..i,
                        items: items
                            .into_iter()
                            .filter(|r| !blank(&text[r.clone()]))
                            .collect(),
                    });
                }
                depth = depth.checked_sub(1)?;
            }
            b',' if Some(depth) == list_depth => {
                items.push(item_start..i);
                item_start = i + 1;
            }
            b'e' if depth == 1 && list_depth.is_none() && is_key(b, i, b"events") => {
                // `events` `:` `[`, spaces allowed between.
                let mut j = i + b"events".len();
                j += count_spaces(&b[j..]);
                if b.get(j) != Some(&b':') {
                    return None;
                }
                j += 1;
                j += count_spaces(&b[j..]);
                if b.get(j) != Some(&b'[') {
                    return None;
                }
                depth += 1;
                list_depth = Some(depth);
                list_start = j + 1;
                item_start = j + 1;
                i = j + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The bytes the scan acts on inside the events list.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = b"/\"'()[]{},";
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn is_key(b: &[u8], i: usize, key: &[u8]) -> bool {
    b[i..].starts_with(key)
        && (i == 0 || !is_ident(b[i - 1]))
        && b.get(i + key.len()).is_none_or(|&c| !is_ident(c))
}

fn count_spaces(b: &[u8]) -> usize {
    b.iter().take_while(|c| c.is_ascii_whitespace()).count()
}

/// An item is blank when only whitespace and comments: a trailing comma's tail.
fn blank(s: &str) -> bool {
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, t)| t).trim_start();
        } else if rest.starts_with("/*") {
            match skip_block_comment(rest.as_bytes(), 0) {
                Some(end) => rest = rest[end..].trim_start(),
                None => return false,
            }
        } else {
            return false;
        }
    }
    true
}

/// Past a `/* ... */` comment starting at `i`; RON's block comments nest.
fn skip_block_comment(b: &[u8], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = i;
    while j + 1 < b.len() {
        match (b[j], b[j + 1]) {
            (b'/', b'*') => {
                depth += 1;
                j += 2;
            }
            (b'*', b'/') => {
                depth = depth.saturating_sub(1);
                j += 2;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => j += 1,
        }
    }
    None
}

/// Past a string whose opening quote is at `i`: plain, or raw (`r#"..."#`).
fn skip_string(b: &[u8], i: usize) -> Option<usize> {
    // Raw when the quote follows `r` and some `#`s, the `r` not ending a longer word.
    let hashes = b[..i].iter().rev().take_while(|&&c| c == b'#').count();
    let r = i.checked_sub(hashes + 1);
    let raw = r.is_some_and(|r| {
        b[r] == b'r'
            && (r == 0
                || !is_ident(b[r - 1])
                || (b[r - 1] == b'b' && (r == 1 || !is_ident(b[r - 2]))))
    });
    if raw {
        let mut close = vec![b'"'];
        close.extend(std::iter::repeat_n(b'#', hashes));
        let end = memchr::memmem::find(&b[i + 1..], &close)?;
        return Some(i + 1 + end + close.len());
    }
    if hashes > 0 {
        return None;
    }
    let mut j = i + 1;
    loop {
        // `get`: a backslash may be the text's last byte (a half-saved file).
        j += memchr::memchr2(b'"', b'\\', b.get(j..)?)?;
        if b[j] == b'\\' {
            j += 2;
        } else {
            return Some(j + 1);
        }
    }
}

/// Past a character literal at `i`: 'x', '\n', '\'' or '\u{...}'.
fn skip_char(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    if *b.get(j)? == b'\\' {
        j += 2;
        j += memchr::memchr(b'\'', b.get(j..)?)?;
        return Some(j + 1);
    }
    // One character of UTF-8, then the closing quote.
    let len = match *b.get(j)? {
        c if c < 0x80 => 1,
        c if c >= 0xF0 => 4,
        c if c >= 0xE0 => 3,
        _ => 2,
    };
    (b.get(j + len) == Some(&b'\'')).then_some(j + len + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_events_list_at_top_level_commas() {
        let text = r##"Timeline(
    title: "t, [x]", // events: [nope]
    sources: [],
    /* a ] b /* nested ] */ */
    events: [
        Event(id: "a", title: r#"has "quotes", ] and ["#, c: ']', d: '\'', e: ','),
        (id: "b", tags: ["x", "y"]), // trailing comment, with comma
    ],
)"##;
        let s = split_events(text).unwrap();
        let items: Vec<&str> = s.items.iter().map(|r| text[r.clone()].trim()).collect();
        assert_eq!(items.len(), 2, "{items:#?}");
        assert!(items[0].starts_with("Event(id: \"a\""));
        assert!(items[0].ends_with("e: ',')"));
        assert!(items[1].starts_with("(id: \"b\""), "{}", items[1]);
        assert!(text[s.list.clone()].trim_end().ends_with("with comma"));
    }

    #[test]
    fn gives_up_when_unsure() {
        assert_eq!(
            split_events("#![enable(implicit_some)]\nTimeline(events: [])"),
            None
        );
        assert_eq!(split_events("Timeline(events: [ \"unclosed ])"), None);
        assert_eq!(split_events("Timeline(title: \"x\")"), None);
    }

    #[test]
    fn a_text_cut_short_anywhere_gives_up_without_a_panic() {
        let text = r##"Timeline(events: [Event(a: "x\"y", b: r#"z"#, c: '\'', d: /* e */ 1)])"##;
        // Until the list's `]` is in, there is no list to split.
        for end in 0..text.len() - 1 {
            assert_eq!(split_events(&text[..end]), None, "cut at {end}");
        }
        assert!(split_events(&text[..text.len() - 1]).is_some());
    }
}
