//! An ASCII fuzzy term sought through many events at once. Their text lies
//! end to end in the index's one buffer, so a run of consecutive candidate
//! events is read as one stream, 64 bytes at a time, with no per-event or
//! per-field set-up.
//!
//! With `slack` characters to spare, the k-th letter of a match stands k to
//! k + slack characters after its first, so a window can start only where the
//! term's first letters stand so. Each of the first four letters becomes a
//! 64-bit mask of where it stands in the block (a compare and a movemask per
//! 16 bytes); shifting and combining the masks finds every possible start in
//! the block in a few scalar operations, with the slack of the fields each
//! byte belongs to. The exact rule (`window_at`) runs only at those starts.
//! Letters are compared folded (`| 0x20`), a superset of both exact and
//! ASCII-folded equality. Near a byte beyond ASCII, where bytes are not
//! characters, every first letter of the block is a start.
//!
//! A scan either stops at each event's first start (`Find::Events`), or
//! finds every start (`Find::Starts`): a term's starts are what the next key
//! needs, since every start of a term grown by a letter is a start of the
//! term before it (`refine`). Typing then reads the text for a term's first
//! letters, and after that only the places the term still starts.

use wide::u8x16;

use super::index::Index;
use super::window::ascii_rest_counted;

/// Bytes a block covers: one bit each in a mask.
const BLOCK: usize = 64;
/// The most letters looked at: the first and three more.
const LETTERS: usize = 4;

/// A place where a term's window starts, and how its earliest match there
/// ends: all a term grown by a letter needs to be tried there. Matching
/// greedily (each letter at its first chance) ends a match earliest, so the
/// grown term's match there is this one's and then the new letter's first
/// chance after it: trying a place reads a byte or two, and nothing else (a
/// field or event looked up per place would miss the cache at every one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Place {
    /// Byte offset into the index's text.
    pub(super) at: u32,
    /// The byte after the match's last letter.
    pub(super) last: u32,
    /// Where its field ends.
    pub(super) end: u32,
    pub(super) event: u32,
    /// Characters after the first up to the last letter, of the `slack`
    /// more than the term's letters the field allows.
    pub(super) chars: u16,
    pub(super) slack: u16,
    /// The letters a to z (folded) that stand where a next letter of the term
    /// could: most places are ruled out by this alone, with no text read.
    pub(super) ahead: u32,
}

/// The letters a to z (folded), as bits, in `text[from..end]` as far as a
/// letter after `chars` characters may stand when `within` are allowed.
#[inline]
pub(super) fn letters_ahead(
    text: &[u8],
    from: usize,
    end: usize,
    chars: usize,
    within: usize,
) -> u32 {
    let mut bits = 0u32;
    let mut chars = chars;
    for &b in &text[from..end] {
        if b & 0xC0 != 0x80 {
            chars += 1;
            if chars > within {
                break;
            }
        }
        let l = (b | 0x20).wrapping_sub(b'a');
        if l < 26 {
            bits |= 1 << l;
        }
    }
    bits
}

/// The bit `letter` has among `Place::ahead`'s, if it is a letter a to z.
#[inline]
pub(super) fn letter_bit(letter: u8) -> Option<u32> {
    let l = (letter | 0x20).wrapping_sub(b'a');
    (l < 26).then(|| 1 << l)
}

impl Place {
    /// The place for the term grown by `letter` (folded unless
    /// `case_sensitive`), now `len` letters long, if its window starts here.
    #[inline]
    pub(super) fn grown(
        self,
        text: &[u8],
        letter: u8,
        len: usize,
        case_sensitive: bool,
    ) -> Option<Place> {
        let within = len - 1 + usize::from(self.slack);
        let (from, end, chars) = (
            self.last as usize,
            self.end as usize,
            usize::from(self.chars),
        );
        let budget = within.checked_sub(chars)?;
        let (len_after, more) =
            ascii_rest_counted(&text[from..end], &[letter], case_sensitive, budget)?;
        let (last, chars) = (from + len_after, chars + more);
        Some(Place {
            last: last as u32,
            chars: chars as u16,
            ahead: letters_ahead(text, last, end, chars, len + usize::from(self.slack)),
            ..self
        })
    }
}

/// What a scan is after.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Find {
    /// The events the term matches: each event's first start is enough.
    Events,
    /// Every byte where the term's window starts, in order.
    Starts,
}

/// Where one block's bytes equal each letter (folded), and which are beyond ASCII.
#[derive(Clone, Copy, Default)]
struct Masks {
    letters: [u64; LETTERS],
    high: u64,
}

/// The term as the scan uses it.
struct Term<'p> {
    pat: &'p [u8],
    case_sensitive: bool,
    /// Its first letters, folded.
    letters: [u8; LETTERS],
    used: usize,
}

/// Scan `events` (ascending) for the ASCII fuzzy term `pat` (folded unless
/// case-sensitive, not empty) under `window`'s rule, field by field. Each
/// event it matches is given to `event`, in order; with `Find::Starts`, each
/// byte where its window starts is first given to `start` with its event, in order.
pub(super) fn scan(
    index: &Index,
    events: &[usize],
    pat: &[u8],
    case_sensitive: bool,
    find: Find,
    start: &mut impl FnMut(Place),
    event: &mut impl FnMut(usize),
) {
    let mut letters = [0u8; LETTERS];
    for (l, &b) in letters.iter_mut().zip(pat) {
        *l = b | 0x20;
    }
    let term = Term {
        pat,
        case_sensitive,
        letters,
        used: pat.len().min(LETTERS),
    };
    let stretch = match term.used {
        1 => stretch::<1>,
        2 => stretch::<2>,
        3 => stretch::<3>,
        _ => stretch::<LETTERS>,
    };
    let mut c = 0;
    while c < events.len() {
        // Consecutive events are one stretch of text.
        let mut d = c + 1;
        while d < events.len() && events[d] == events[d - 1] + 1 {
            d += 1;
        }
        if let Some(&later) = events.get(d + AHEAD) {
            prefetch(index, later);
        }
        stretch(
            index,
            events[c],
            events[d - 1] + 1,
            &term,
            find,
            start,
            event,
        );
        c = d;
    }
}

/// The places of a term grown at its end by the letters `grown` (folded
/// unless case-sensitive), now `len` letters long, from every place of the
/// term before it (`before`, ascending): each start of the longer term is
/// one of the shorter's, so only those places are tried. With
/// `Find::Events`, an event's first place found is enough: the rest of its
/// places are passed over unread.
pub(super) fn refine(
    index: &Index,
    before: &[Place],
    grown: &[u8],
    len: usize,
    case_sensitive: bool,
    find: Find,
    start: &mut impl FnMut(Place),
) {
    let text = index.text.as_bytes();
    // Ruled out without reading the text: the next letter is not near.
    let bit = grown.first().and_then(|&l| letter_bit(l));
    let near = |place: &Place| bit.is_none_or(|bit| place.ahead & bit != 0);
    // The event last found, with `Find::Events`.
    let mut found = None;
    'places: for (i, &place) in before.iter().enumerate() {
        if let Some(later) = before.get(i + AHEAD_STARTS)
            && near(later)
        {
            prefetch_at(index, later.last as usize);
        }
        if !near(&place) || found == Some(place.event) {
            continue;
        }
        let mut place = place;
        // Each letter added since, in turn.
        for (k, &letter) in grown.iter().enumerate() {
            match place.grown(text, letter, len - grown.len() + k + 1, case_sensitive) {
                Some(next) => place = next,
                None => continue 'places,
            }
        }
        if find == Find::Events {
            found = Some(place.event);
        }
        start(place);
    }
}

/// How many starts ahead to ask for, so that each is in cache when tried.
const AHEAD_STARTS: usize = 16;

/// First byte of event `e`'s text (its first run's), or the end of the text.
#[inline]
fn event_start(index: &Index, e: usize) -> usize {
    index.runs[index.run_starts[e]].from
}

/// Scan events `first..last`, whose text is one stretch of the buffer, with
/// the term's first `U` letters, in the blocks of the whole text (64 bytes
/// from a multiple of 64).
fn stretch<const U: usize>(
    index: &Index,
    first: usize,
    last: usize,
    term: &Term,
    find: Find,
    start: &mut impl FnMut(Place),
    event: &mut impl FnMut(usize),
) {
    let text = index.text.as_bytes();
    let end = event_start(index, last);
    let mut e = first;
    // Where the event being scanned starts (bytes before it are not its), and ends.
    let mut lo = event_start(index, e);
    let mut e_end = event_start(index, e + 1);
    let mut field = index.starts[e];
    let mut run = index.run_starts[e];
    let mut found = false;
    if find == Find::Events {
        for ahead in first + 1..(first + 1 + AHEAD).min(last) {
            prefetch(index, ahead);
        }
    }
    let mut b = lo / BLOCK;
    // The masks of block `b`, when already worked out (as the last block's next).
    let mut known: Option<(usize, Masks)> = None;
    while b * BLOCK < end {
        let at = b * BLOCK;
        let here = match known {
            Some((k, m)) if k == b => m,
            _ => masks::<U>(text, at, term),
        };
        let next = masks::<U>(text, at + BLOCK, term);
        known = Some((b + 1, next));
        let mut bits = starts::<U>(index, &mut run, at, &here, &next);
        bits &= !low_bits(lo.saturating_sub(at)) & low_bits(end - at);
        let mut jump = false;
        while bits != 0 {
            let p = at + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            while p >= e_end {
                if found {
                    event(e);
                    found = false;
                }
                e += 1;
                e_end = event_start(index, e + 1);
                field = index.starts[e];
            }
            while index.ends[field] <= p {
                field += 1;
            }
            let (f_end, slack) = (index.ends[field], index.fields[field].slack());
            let Some((after, chars)) =
                window_at(text, p, f_end, slack, term.pat, term.case_sensitive)
            else {
                continue;
            };
            found = true;
            if find == Find::Starts {
                // They fit: the caller keeps places only for a text that fits
                // 32 bits, and a window's characters are few.
                let within = term.pat.len() + slack;
                start(Place {
                    at: p as u32,
                    last: after as u32,
                    end: f_end as u32,
                    event: e as u32,
                    chars: chars as u16,
                    slack: slack as u16,
                    ahead: letters_ahead(text, after, f_end, chars, within),
                });
                continue;
            }
            // The event's first start is enough: on to the next event.
            event(e);
            found = false;
            e += 1;
            if e >= last {
                return;
            }
            if e + AHEAD < last {
                prefetch(index, e + AHEAD);
            }
            lo = e_end;
            e_end = event_start(index, e + 1);
            field = index.starts[e];
            run = index.run_starts[e];
            b = lo / BLOCK;
            jump = true;
            break;
        }
        if !jump {
            b += 1;
        }
    }
    if found {
        event(e);
    }
}

/// How many events ahead to ask for: an event found at its first block takes
/// less time than a read from memory, so the reads of the next few must be
/// under way meanwhile.
const AHEAD: usize = 8;

/// Ask for the first two cache lines of event `e`'s text ahead of their use:
/// jumping from an event that matched to the next leaves the hardware
/// prefetcher behind.
#[inline(always)]
fn prefetch(index: &Index, e: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(ahead) = index
        .text
        .as_bytes()
        .get(event_start(index, e)..)
        .and_then(|t| t.get(..BLOCK))
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: a prefetch is a hint; it reads nothing and cannot fault,
        // and both addresses are within the text anyway.
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(ahead.as_ptr().cast());
            _mm_prefetch::<_MM_HINT_T0>(ahead.as_ptr().add(BLOCK - 1).cast());
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (index, e);
}

/// Ask for the cache line holding byte `at` of the text.
#[inline(always)]
fn prefetch_at(index: &Index, at: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(byte) = index.text.as_bytes().get(at) {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: a prefetch is a hint; it reads nothing and cannot fault.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(byte).cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (index, at);
}

/// The bits of the block at `at` where a window may start: the first letter
/// there and each further letter k to k + slack bytes on, the slack being
/// that of the run (fields of one slack) each byte is in. `run` is moved on
/// to the run holding `at`.
#[inline]
fn starts<const U: usize>(
    index: &Index,
    run: &mut usize,
    at: usize,
    here: &Masks,
    next: &Masks,
) -> u64 {
    let runs = &index.runs;
    while runs[*run + 1].from <= at {
        *run += 1;
    }
    let mut bits = 0;
    let mut r = *run;
    // The sentinel run closes the text; it holds no bytes.
    while r + 1 < runs.len() && runs[r].from < at + BLOCK {
        let from = runs[r].from.max(at) - at;
        let to = runs[r + 1].from.min(at + BLOCK) - at;
        let slack = runs[r].slack;
        let reach = U - 1 + slack;
        let these = if here.high != 0 || reach >= BLOCK || next.high & low_bits(reach) != 0 {
            // Beyond ASCII (or beyond the next block): every first letter.
            here.letters[0]
        } else {
            match slack {
                // The two slacks fields have, with their shifts unrolled.
                1 => starts_with_slack::<U>(here, next, 1),
                6 => starts_with_slack::<U>(here, next, 6),
                _ => starts_with_slack::<U>(here, next, slack),
            }
        };
        bits |= these & low_bits(to) & !low_bits(from);
        r += 1;
    }
    bits
}

/// The low `n` bits set.
#[inline]
fn low_bits(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1u64 << n) - 1 }
}

/// Bits where the first letter stands and letter k, for each of the first
/// `U`, k to k + `slack` bytes on (in this block or the next). Inlined where
/// the slack is a constant, its shifts are unrolled.
#[inline(always)]
fn starts_with_slack<const U: usize>(here: &Masks, next: &Masks, slack: usize) -> u64 {
    let mut bits = here.letters[0];
    for k in 1..U {
        let mut near = 0u64;
        for s in k..=k + slack {
            near |= here.letters[k] >> s | next.letters[k] << (BLOCK - s);
        }
        bits &= near;
    }
    bits
}

/// The masks of the 64 bytes of `text` from `at`, read where they stand (a
/// copy would stall each load); near the end, copied with zeros after the
/// text, which can only let more through.
#[inline(always)]
fn masks<const U: usize>(text: &[u8], at: usize, term: &Term) -> Masks {
    match text
        .get(at..at + BLOCK)
        .and_then(|s| <&[u8; BLOCK]>::try_from(s).ok())
    {
        Some(block) => block_masks::<U>(block, term),
        None => {
            let mut padded = [0u8; BLOCK];
            let rest = text.get(at..).unwrap_or_default();
            padded[..rest.len()].copy_from_slice(rest);
            block_masks::<U>(&padded, term)
        }
    }
}

/// Each used letter's mask, and the bytes beyond ASCII, of one block: per
/// sixteen bytes one load, then a compare and a movemask a letter.
#[inline(always)]
fn block_masks<const U: usize>(block: &[u8; BLOCK], term: &Term) -> Masks {
    let mut m = Masks::default();
    for (c, chunk) in block.chunks_exact(16).enumerate() {
        let bytes = u8x16::new(chunk.try_into().unwrap_or([0; 16]));
        let shift = 16 * c;
        // The top bit of each byte: beyond ASCII.
        m.high |= u64::from(bytes.to_bitmask()) << shift;
        let folded = bytes | u8x16::splat(0x20);
        for k in 0..U {
            let eq = folded.simd_eq(u8x16::splat(term.letters[k]));
            m.letters[k] |= u64::from(eq.to_bitmask()) << shift;
        }
    }
    m
}

/// Whether the term's window starts at byte `start` of `text`, in a field
/// ending at `end` with `slack`: its first letter there, the rest in order
/// within the term's length plus the slack, in characters. If so, the byte
/// after its earliest match's last letter, and the characters after the
/// first up to it.
#[inline]
fn window_at(
    text: &[u8],
    start: usize,
    end: usize,
    slack: usize,
    pat: &[u8],
    case_sensitive: bool,
) -> Option<(usize, usize)> {
    let (&first, rest) = pat.split_first()?;
    let b = text[start];
    let first_ok = if case_sensitive {
        b == first
    } else {
        b.to_ascii_lowercase() == first
    };
    if !first_ok {
        return None;
    }
    if rest.is_empty() {
        return Some((start + 1, 0));
    }
    let (len, chars) = ascii_rest_counted(
        &text[start + 1..end],
        rest,
        case_sensitive,
        rest.len() + slack,
    )?;
    Some((start + 1 + len, chars))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testing::{event, timeline, with};
    use crate::search::window::window;

    /// Whether the term matches `text` put in a field of `slack` (a title, 6,
    /// or a summary, 1) between two events of filler, found by the scan of the
    /// three as one stretch; checked against `window`.
    fn sieved(query: &str, text: &str, slack: usize) -> bool {
        with(query, |p| {
            let pat = p.ascii.as_deref().expect("an ASCII term");
            let filler = "#".repeat(70);
            let middle = if slack == 6 {
                event(text, "#", &[])
            } else {
                event("#", text, &[])
            };
            let mut events = vec![
                event(&filler, &filler, &[]),
                middle,
                event(&filler, "#", &[]),
            ];
            // No letters in the other fields ("August").
            for e in &mut events {
                e.date_text = "#".into();
            }
            let tl = timeline(events);
            let index = Index::new(&tl);
            let mut found = Vec::new();
            let all = [0, 1, 2];
            scan(
                &index,
                &all,
                pat,
                p.term.case_sensitive,
                Find::Events,
                &mut |_| {},
                &mut |e| {
                    found.push(e);
                },
            );
            let fast = found == [1];
            assert!(found.is_empty() || fast, "{query:?}: {found:?}");
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
