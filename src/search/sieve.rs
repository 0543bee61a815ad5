//! A sieve for ASCII fuzzy terms: which 64-byte blocks of text may hold the
//! start of a window. With `slack` characters to spare, the k-th letter of a
//! match stands k to k + slack characters after its first, so a window can
//! start only where the term's first letters stand so (four letters with
//! slack 1, summaries and quotes, nearly all of a timeline's text; three with
//! slack 6). The sieve tests that for a whole block at once, in a loop the
//! compiler turns into SIMD compares, and the exact rule runs only in the few
//! blocks that pass, instead of stopping at every first letter as memchr
//! does (a common letter stands every dozen bytes). Letters are compared
//! folded (`| 0x20`), a superset of both exact and ASCII-folded equality; a
//! block holding a byte beyond ASCII, where bytes are not characters, passes.
//!
//! Nothing is built ahead: no per-event masks (at 450 distinct letter pairs an
//! event, pair masks rejected almost nothing on the synthetic timeline) and
//! no extra memory.

/// Bytes whose window starts one block covers.
const BLOCK: usize = 64;
/// The most letters the sieve looks at (the first and three more).
const LETTERS: usize = 4;
/// A block and the bytes its last starts look ahead to (up to letter 3 plus
/// slack 6).
const WIDE: usize = BLOCK + 16;

/// Call `found(at)` for each byte of `hay` where a window of the ASCII term
/// `pat` with `slack` may start, in order, until it returns true; return
/// whether it did. Every start of a window is among them: the k-th letter of a
/// match stands k to k + slack characters after its first.
#[inline]
pub(super) fn candidates(
    hay: &[u8],
    pat: &[u8],
    slack: usize,
    mut found: impl FnMut(usize) -> bool,
) -> bool {
    let Some(&first) = pat.first() else {
        return false;
    };
    let mut letters = [0u8; LETTERS];
    for (l, &b) in letters.iter_mut().zip(pat) {
        *l = b | 0x20;
    }
    let may_start = match (slack, pat.len()) {
        // One letter: memchr is the sieve.
        (_, 1) => return firsts(hay, 0, hay.len(), first, &mut found),
        (1, 2) => block_starts::<2, 1>,
        (1, 3) => block_starts::<3, 1>,
        (1, _) => block_starts::<LETTERS, 1>,
        (6, 2) => block_starts::<2, 6>,
        (6, _) => block_starts::<3, 6>,
        _ => return firsts(hay, 0, hay.len(), first, &mut found),
    };
    let mut at = 0;
    while at < hay.len() {
        let end = (at + BLOCK).min(hay.len());
        let starts = match hay.get(at..at + WIDE).and_then(|s| s.try_into().ok()) {
            Some(full) => may_start(full, &letters),
            None => {
                // The last blocks: zeros after the text can only let more
                // through, and no start past the text is tried.
                let mut padded = [0u8; WIDE];
                padded[..hay.len() - at].copy_from_slice(&hay[at..]);
                may_start(&padded, &letters)
            }
        };
        let done = match starts {
            // Beyond ASCII a byte is not a character: every first letter.
            None => firsts(hay, at, end, first, &mut found),
            Some(mut bits) => {
                let mut done = false;
                while bits != 0 && !done {
                    let start = at + bits.trailing_zeros() as usize;
                    done = start < end && found(start);
                    bits &= bits - 1;
                }
                done
            }
        };
        if done {
            return true;
        }
        at = end;
    }
    false
}

/// `found` for each place in `hay[from..to]` holding `first`, either case.
#[inline]
fn firsts(
    hay: &[u8],
    from: usize,
    to: usize,
    first: u8,
    found: &mut impl FnMut(usize) -> bool,
) -> bool {
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut pos = from;
    while let Some(at) = memchr::memchr2(lower, upper, &hay[pos..to]) {
        if found(pos + at) {
            return true;
        }
        pos += at + 1;
    }
    false
}

/// The bytes of the block's first `BLOCK` where a window may start, as bits:
/// letter k (folded) k to k + `S` bytes after the first, for the first `L`
/// letters; or `None` if a byte beyond ASCII is in it (there bytes are not
/// characters).
// Loops over the block's bytes innermost, each letter's offsets outside, so
// that each is one run of SIMD compares (checked in the assembly: 28 pcmpeqb
// for four letters and slack 1, none scalar).
#[inline]
fn block_starts<const L: usize, const S: usize>(
    c: &[u8; WIDE],
    letters: &[u8; LETTERS],
) -> Option<u64> {
    let mut high = 0u8;
    for &b in c {
        high |= b;
    }
    if high >= 0x80 {
        return None;
    }
    let mut here = [0u8; BLOCK];
    for j in 0..BLOCK {
        here[j] = u8::from((c[j] | 0x20) == letters[0]);
    }
    for k in 1..L {
        let mut near = [0u8; BLOCK];
        for d in 0..=S {
            for j in 0..BLOCK {
                near[j] |= u8::from((c[j + k + d] | 0x20) == letters[k]);
            }
        }
        for j in 0..BLOCK {
            here[j] &= near[j];
        }
    }
    // Eight 0/1 bytes to eight bits at once, byte j to bit j.
    let mut bits = 0u64;
    for (i, eight) in here.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(eight);
        let gathered = u64::from_le_bytes(word).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        bits |= gathered << (8 * i);
    }
    Some(bits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testing::with;
    use crate::search::window::window;

    /// Whether the term matches in `text` with `slack`, the exact rule run only
    /// in the blocks the sieve lets through; checked against `window`.
    fn sieved(query: &str, text: &str, slack: usize) -> bool {
        with(query, |p| {
            let pat = p.ascii.as_deref().expect("an ASCII term");
            let fast = candidates(text.as_bytes(), pat, slack, |at| {
                window(text, at, p, slack).is_some_and(|(start, _)| start == at)
            });
            let slow = window(text, 0, p, slack).is_some();
            assert_eq!(fast, slow, "{query:?} in {text:?}, slack {slack}");
            fast
        })
    }

    fn tight(query: &str, text: &str) -> bool {
        sieved(query, text, 1)
    }

    #[test]
    fn letters_stand_together_or_with_one_character_between() {
        assert!(tight("oracle", "an Oracle partner"));
        assert!(tight("oracle", "or acle"));
        assert!(!tight("oracle", "or  acle"));
        assert!(!tight("oracle", "o r a c l e"));
        assert!(tight("nichols", "Judge NICHOLS"));
        assert!(!tight("Nichols", "judge nichols"), "a capital is exact");
        assert!(tight("ab", "xaxb"));
        assert!(!tight("ab", "axxb"));
        assert!(tight("a", "xxA"));
        assert!(!tight("a", ""));
        assert!(!tight("abc", "acb"));
    }

    #[test]
    fn short_fields_let_each_letter_stand_up_to_six_characters_on() {
        assert!(sieved("nichols", "n i c h o l s", 6));
        assert!(!sieved("nichols", "n i c h o l  s", 6));
        assert!(sieved("abc", "a......bc", 6));
        assert!(!sieved("abc", "a.......bc", 6));
        let pad = "-".repeat(100);
        assert!(sieved("abc", &format!("{pad}a......bc{pad}"), 6));
        assert!(!sieved("abc", &format!("{pad}a.......bc{pad}"), 6));
        assert!(sieved("abc", &format!("{pad}a🎉🎉🎉🎉🎉bc{pad}"), 6));
        assert!(!sieved("abc", &format!("{pad}a🎉🎉🎉🎉🎉🎉🎉bc{pad}"), 6));
        // Any other slack is not sieved, and still answered right.
        assert!(sieved("abc", "a........bc", 8));
    }

    #[test]
    fn a_match_is_found_wherever_it_falls_against_the_blocks() {
        let filler = "x".repeat(200);
        for at in 0..=140 {
            let mut text = filler.clone();
            text.replace_range(at..at + 5, "orXac");
            assert!(tight("orac", &text), "at {at}");
            assert!(!tight("oracz", &text), "at {at}");
        }
        // At the very end, and cut off by the end.
        assert!(tight("orac", &format!("{}orac", "y".repeat(60))));
        assert!(!tight("orac", &format!("{}ora", "y".repeat(60))));
        assert!(!tight("orac", &format!("{}ora", "y".repeat(64))));
    }

    #[test]
    fn beyond_ascii_characters_count_one_each() {
        // é is two bytes, one character: "aéb" fits "ab" with slack 1.
        let pad = "z".repeat(70);
        for text in ["aéb", "a🎉b", "a\u{301}b"] {
            assert!(tight("ab", text), "{text}");
            assert!(tight("ab", &format!("{pad}{text}{pad}")), "{text}");
        }
        for text in ["aééb", "a🎉🎉b", "北京 a x b"] {
            assert!(!tight("ab", text), "{text}");
            assert!(!tight("ab", &format!("{pad}{text}{pad}")), "{text}");
        }
        assert!(tight("cafe", &format!("{pad}CAFÉ cafe\u{301}{pad}")));
        assert!(!tight("cafx", &format!("{pad}café{pad}")));
    }

    #[test]
    fn folding_lets_nothing_else_through() {
        // `| 0x20` equates '@' and '`', '[' and '{': the exact rule does not.
        assert!(!tight("`a", &format!("{}@a", "-".repeat(80))));
        assert!(!tight("{a", &format!("{}[a", "-".repeat(80))));
        assert!(tight("[a", &format!("{}[a", "-".repeat(80))));
    }
}
