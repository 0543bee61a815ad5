//! Text from a timeline is untrusted: nothing in it may drive the terminal.
//! Control characters, whole escape sequences and bidirectional overrides are
//! removed; newline and tab survive.

use std::borrow::Cow;

/// `s` without control characters, escape sequences or bidi overrides.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if is_plainly_safe(s) || !s.chars().any(drops) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            // ESC starts a sequence: swallow all of it, not just the ESC, or its
            // tail ("[31m") would be printed as text.
            '\u{1b}' => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if drops(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` sanitized and on one line: newlines and tabs become spaces. For
/// anything printed from a file inside a line of our own (a problem, a report).
pub fn one_line(s: &str) -> Cow<'_, str> {
    match sanitize(s) {
        clean if clean.contains(['\n', '\t']) => Cow::Owned(clean.replace(['\n', '\t'], " ")),
        clean => clean,
    }
}

/// Sanitize in place, allocating only when something must go.
pub fn sanitize_in_place(s: &mut String) {
    if let Cow::Owned(clean) = sanitize(s) {
        *s = clean;
    }
}

/// A byte scan that clears most text at once: no C0 controls or DEL, and none
/// of the lead bytes that start C1 controls (0xC2) or bidi overrides (0xE2).
fn is_plainly_safe(s: &str) -> bool {
    s.bytes()
        .all(|b| (b >= 0x20 && b != 0x7f && b != 0xc2 && b != 0xe2) || b == b'\n' || b == b'\t')
}

/// Whether `c` never reaches the screen (newline and tab do).
pub fn drops(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// CSI: parameters and intermediates up to a final byte in `@`..=`~`.
fn skip_csi(chars: &mut impl Iterator<Item = char>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// OSC, DCS and friends: up to BEL, ST (`ESC \`) or the C1 ST.
fn skip_string(chars: &mut std::iter::Peekable<impl Iterator<Item = char>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitize("TikTok’s “data”\n\tok"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn strips_sequences_whole() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(
            sanitize("x\u{1b}]8;;http://e\u{1b}\\link\u{1b}]8;;\u{1b}\\y"),
            "xlinky"
        );
        assert_eq!(sanitize("x\u{1b}cy"), "xy");
        assert_eq!(sanitize("x\u{9b}2Jy"), "xy");
        assert_eq!(sanitize("trailing\u{1b}"), "trailing");
    }

    #[test]
    fn strips_controls_and_bidi_keeps_newline_and_tab() {
        assert_eq!(sanitize("a\r\nb\u{7}\u{0}\tc\u{202e}d\u{2066}"), "a\nb\tcd");
    }
}
