//! The claims lint: what an event's title and summary state that none of its
//! quotes does. `check` proves quotes verbatim; this keeps the curator's own
//! words around them from overstating a figure, a date or a name by accident.
//!
//! The words of a field are maximal runs of letters and digits (so `TikTok’s`
//! is `TikTok` and `s`, `China-run` is `China` and `run`). A word is a claim
//! when it is, or holds:
//!
//! - a **number**: every run of digits in a word (`$20-30bn` holds 20 and 30,
//!   `2020-09` holds 2020 and 09), compared as written, so `09` is not `9`;
//! - a **month**: a capitalised English month name in full (`August`), anywhere;
//! - a **name**: a word of two letters or more that either has a capital after
//!   its first character (`FCC`, `IEEPA`, `US`, `TikTok`), anywhere; or starts
//!   with a capital (`Oracle`, `Nichols`), is not a function word (`The`,
//!   `And`: [`FUNCTION_WORDS`]), and stands mid-sentence or also stands
//!   capitalised mid-sentence somewhere in the event's title or summary. The
//!   first word of a field and the first after a `.`, `!`, `?` or `…` that is
//!   followed by a space open a sentence, so `Commerce` opening a summary is
//!   not a name for its capital alone.
//!
//! A claim is supported when the same word stands as a whole word in one of
//! the event's quotes (its citations and its disputes' sides) or in one of its
//! `paraphrase` phrases, ignoring case: a name a quote gives in lower case
//! counts. A number is also supported by the same run of digits in a quote's
//! word (`90` by `$90bn`). Whitespace never matters, since words are compared
//! one at a time.
//!
//! Linear: every word of an event is looked at a fixed number of times, and
//! the quotes are read once, against a table of the event's claims.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::ops::Range;

use super::model::Event;

/// Which of an event's own fields makes the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Summary,
}

impl Field {
    /// The field's key in the RON file.
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
        }
    }
}

/// A word in a title or summary that none of the event's quotes says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub field: Field,
    /// Bytes of its first occurrence in the field.
    pub at: Range<usize>,
    /// A run of digits (placed by digits, not by whole words).
    pub number: bool,
}

impl Claim {
    /// The word as the field writes it (its first occurrence).
    pub fn word<'e>(&self, event: &'e Event) -> &'e str {
        let text = match self.field {
            Field::Title => &event.title,
            Field::Summary => &event.summary,
        };
        text.get(self.at.clone()).unwrap_or("")
    }
}

/// Words never taken for names, however capitalised.
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "am", "among", "an", "and", "any", "are",
    "as", "at", "be", "been", "before", "being", "between", "both", "but", "by", "can", "could",
    "did", "do", "does", "during", "each", "either", "every", "for", "from", "had", "has", "have",
    "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "may", "me", "might", "must", "my", "neither", "no", "nor", "not", "of", "off", "on", "once",
    "only", "onto", "or", "our", "out", "over", "per", "shall", "she", "should", "since", "so",
    "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "through", "to", "under", "until", "up", "upon", "us", "via", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "will",
    "with", "within", "without", "would", "yet", "you", "your",
];

/// A capitalised English month name in full.
fn is_month(word: &str) -> bool {
    matches!(
        word,
        "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
    )
}

/// Every claim in the event's title and summary that no quote and no
/// paraphrase supports: one per word per field, at its first occurrence,
/// title first, each field's in the order they are written.
pub fn unsupported(event: &Event) -> Vec<Claim> {
    Lint::default().unsupported(event)
}

/// The lint with its working memory, kept from event to event (one per
/// thread), so that linting an event allocates nothing but its result.
///
/// Words are compared by a seeded 64-bit hash of their lower-case form, and
/// a hit is confirmed letter by letter: two different words with one hash
/// can only make a claim warned about, never hide one. The seed is random,
/// so a file cannot be written to make the tables slow.
pub struct Lint {
    seed: u64,
    /// Hashes of the words capitalised mid-sentence.
    mid: HashSet<u64, Hashed>,
    /// A claimed word's hash to its entry in `keys`.
    index: HashMap<u64, u32, Hashed>,
    keys: Vec<Key>,
    /// Claims in text order.
    claims: Vec<Pending>,
    /// Which lengths, first and last letters the claimed words have (in
    /// lower case, those that are ASCII then): most of a quote's words are
    /// passed over on these alone.
    shapes: [u64; 4],
}

impl Default for Lint {
    fn default() -> Self {
        Lint {
            seed: std::collections::hash_map::RandomState::new().hash_one(0x7e1e),
            mid: HashSet::default(),
            index: HashMap::default(),
            keys: Vec::new(),
            claims: Vec::new(),
            shapes: [0; 4],
        }
    }
}

/// The most entries a lint's tables keep room for from one event to the next.
const KEPT: usize = 1024;

/// The tables' keys are hashes already (seeded, mixed): used as they are.
type Hashed = BuildHasherDefault<AsIs>;

#[derive(Default)]
struct AsIs(u64);

impl Hasher for AsIs {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A word's bit among the shapes: its length, first and last byte.
fn shape(len: usize, first: u8, last: u8) -> usize {
    (len.wrapping_mul(7) ^ usize::from(first).wrapping_mul(31) ^ usize::from(last)) & 255
}

/// A word claimed in the title or summary, or both: where it first is,
/// its claim in each field (an index in `claims`), whether a claim of it
/// stands, and whether a quote says it.
struct Key {
    field: Field,
    at: Range<usize>,
    hash: u64,
    claims: [Option<u32>; 2],
    stands: bool,
    found: bool,
}

/// A claim, its key, and whether it stands already: a capitalised word
/// opening a sentence stands only if the word is capitalised mid-sentence
/// somewhere too, which is known once both fields are read.
struct Pending {
    claim: Claim,
    key: u32,
    firm: bool,
}

/// What a word of a title or summary claims, numbers aside.
#[derive(PartialEq, Eq)]
enum Says {
    Nothing,
    /// A month or a name.
    Word,
    /// A name if it is capitalised mid-sentence somewhere.
    NameIfMid,
}

/// What a word says: see the module's documentation.
fn says(word: &str, opens: bool, ascii: bool) -> Says {
    let (upper_first, upper_inside, letters) = if ascii {
        let b = word.as_bytes();
        (
            b[0].is_ascii_uppercase(),
            b[1..].iter().any(u8::is_ascii_uppercase),
            b.iter().filter(|c| c.is_ascii_alphabetic()).take(2).count(),
        )
    } else {
        let mut chars = word.chars();
        (
            chars.next().is_some_and(char::is_uppercase),
            chars.any(char::is_uppercase),
            word.chars().filter(|c| c.is_alphabetic()).take(2).count(),
        )
    };
    if !(upper_first || upper_inside) || letters < 2 {
        Says::Nothing
    } else if upper_inside || is_month(word) {
        Says::Word
    } else if is_function_word(word) {
        Says::Nothing
    } else if opens {
        Says::NameIfMid
    } else {
        Says::Word
    }
}

impl Lint {
    /// As [`unsupported`], with this lint's memory.
    pub fn unsupported(&mut self, event: &Event) -> Vec<Claim> {
        // Clearing a table costs its capacity: after an event of many
        // words, a new one, or every event after it would pay for that one.
        if self.index.capacity() > KEPT || self.mid.capacity() > KEPT {
            *self = Lint {
                seed: self.seed,
                ..Lint::default()
            };
        }
        self.mid.clear();
        self.index.clear();
        self.keys.clear();
        self.claims.clear();
        self.shapes = [0; 4];
        let text = |field: Field| match field {
            Field::Title => event.title.as_str(),
            Field::Summary => event.summary.as_str(),
        };
        let mut tentative = false;
        for field in [Field::Title, Field::Summary] {
            let t = text(field);
            for w in Words::new(t) {
                let word = &t[w.at.clone()];
                let says = says(word, w.opens, w.ascii);
                if !w.opens && starts_upper(word, w.ascii) {
                    let hash = self.hash(word);
                    self.mid.insert(hash);
                }
                // The word before the digits in it: claims stay in text order.
                if says != Says::Nothing {
                    let firm = says == Says::Word;
                    tentative |= !firm;
                    self.claim(field, w.at.clone(), false, firm, &text);
                }
                if w.digits {
                    for d in digit_runs(word) {
                        let run = w.at.start + d.start..w.at.start + d.end;
                        self.claim(field, run, true, true, &text);
                    }
                }
            }
        }
        if tentative {
            for p in &mut self.claims {
                p.firm = p.firm || self.mid.contains(&self.keys[p.key as usize].hash);
            }
        }
        let mut missing = 0;
        for p in self.claims.iter().filter(|p| p.firm) {
            let key = &mut self.keys[p.key as usize];
            missing += usize::from(!key.stands);
            key.stands = true;
        }
        if missing == 0 {
            return Vec::new();
        }

        // Read the paraphrases and quotes once, until every claim is found:
        // the paraphrases first, a few words each that name what the quotes
        // put in other words (at 100k synthetic events, most names were
        // found there after reading both quotes in vain).
        let supports = event
            .paraphrase
            .iter()
            .map(|p| p.as_str())
            .chain(event.quotes().map(|c| c.quote.as_str()));
        'texts: for quote in supports {
            for w in Words::new(quote) {
                let word = &quote[w.at.clone()];
                if !w.ascii || self.may_claim(word) {
                    missing -= self.support(word, &text);
                }
                if w.digits && !w.all_digits {
                    for d in digit_runs(word) {
                        let run = &word[d];
                        if self.may_claim(run) {
                            missing -= self.support(run, &text);
                        }
                    }
                }
                if missing == 0 {
                    break 'texts;
                }
            }
        }
        let keys = &self.keys;
        self.claims
            .iter()
            .filter(|p| p.firm && !keys[p.key as usize].found)
            .map(|p| p.claim.clone())
            .collect()
    }

    /// Claim the word at `at` in `field`, unless the field claims it
    /// already; a firm claim makes the field's claim of it firm.
    fn claim<'t>(
        &mut self,
        field: Field,
        at: Range<usize>,
        number: bool,
        firm: bool,
        text: &impl Fn(Field) -> &'t str,
    ) {
        let word = &text(field)[at.clone()];
        let hash = self.hash(word);
        let known = self.index.get(&hash).copied().filter(|&k| {
            let key = &self.keys[k as usize];
            same_folded(word, &text(key.field)[key.at.clone()])
        });
        let k = known.unwrap_or_else(|| {
            let k = self.keys.len() as u32;
            self.keys.push(Key {
                field,
                at: at.clone(),
                hash,
                claims: [None; 2],
                stands: false,
                found: false,
            });
            // A different word with the same hash keeps the place: this one
            // is then never found, so warned about.
            self.index.entry(hash).or_insert(k);
            // The shape of the word in lower case, if that is ASCII (an
            // ASCII word from a quote cannot be it otherwise).
            if let Some((len, first, last)) = lower_shape(word) {
                let bit = shape(len, first, last);
                self.shapes[bit / 64] |= 1 << (bit % 64);
            }
            k
        });
        match self.keys[k as usize].claims[field as usize] {
            Some(i) => self.claims[i as usize].firm |= firm,
            None => {
                self.keys[k as usize].claims[field as usize] = Some(self.claims.len() as u32);
                self.claims.push(Pending {
                    claim: Claim { field, at, number },
                    key: k,
                    firm,
                });
            }
        }
    }

    /// Mark the claim `word` (from a quote) supports; 1 if it was missing
    /// and stands.
    fn support<'t>(&mut self, word: &str, text: &impl Fn(Field) -> &'t str) -> usize {
        let Some(&k) = self.index.get(&self.hash(word)) else {
            return 0;
        };
        let key = &mut self.keys[k as usize];
        if key.found || !same_folded(word, &text(key.field)[key.at.clone()]) {
            return 0;
        }
        key.found = true;
        usize::from(key.stands)
    }

    /// Whether an ASCII word from a quote has the shape of a claimed word.
    fn may_claim(&self, word: &str) -> bool {
        let b = word.as_bytes();
        let (Some(first), Some(last)) = (b.first(), b.last()) else {
            return false;
        };
        let bit = shape(
            b.len(),
            first.to_ascii_lowercase(),
            last.to_ascii_lowercase(),
        );
        self.shapes[bit / 64] & (1 << (bit % 64)) != 0
    }

    fn hash(&self, word: &str) -> u64 {
        folded_hash(self.seed, word)
    }
}

fn starts_upper(word: &str, ascii: bool) -> bool {
    if ascii {
        word.as_bytes()[0].is_ascii_uppercase()
    } else {
        word.chars().next().is_some_and(char::is_uppercase)
    }
}

/// A word's length, first and last byte in lower case, if that is ASCII.
fn lower_shape(word: &str) -> Option<(usize, u8, u8)> {
    let b = word.as_bytes();
    if word.is_ascii() {
        let (first, last) = (b.first()?, b.last()?);
        return Some((
            b.len(),
            first.to_ascii_lowercase(),
            last.to_ascii_lowercase(),
        ));
    }
    let mut lower = word.chars().flat_map(char::to_lowercase);
    let first = lower.next()?;
    let (mut len, mut last, mut ascii) = (1, first, first.is_ascii());
    for c in lower {
        (len, last, ascii) = (len + 1, c, ascii && c.is_ascii());
    }
    ascii.then_some((len, first as u8, last as u8))
}

/// Whether a capitalised word is one of [`FUNCTION_WORDS`].
fn is_function_word(word: &str) -> bool {
    const LONGEST: usize = 8;
    if word.len() > LONGEST || !word.is_ascii() {
        return false;
    }
    let mut buf = [0u8; LONGEST];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    FUNCTION_WORDS
        .binary_search_by(|w| w.as_bytes().cmp(lower))
        .is_ok()
}

/// A hash of the word in lower case, from a seed.
fn folded_hash(seed: u64, word: &str) -> u64 {
    // FxHash's step, then a finaliser (MurmurHash3's) to spread the bits.
    let mut h: u64 = seed;
    let mut add = |c: char| h = (h.rotate_left(5) ^ c as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    for c in word.chars() {
        if c.is_ascii() {
            add(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut add);
        }
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Whether two words are the same in lower case.
fn same_folded(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The runs of ASCII digits in a word, as byte ranges in it.
fn digit_runs(word: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = word.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && !b[i].is_ascii_digit() {
            i += 1;
        }
        if i == b.len() {
            return None;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        Some(start..i)
    })
}

/// A word of a text: its bytes, whether it opens a sentence, whether it has
/// digits in it, or nothing else, and whether it is all ASCII.
struct Word {
    at: Range<usize>,
    opens: bool,
    digits: bool,
    all_digits: bool,
    ascii: bool,
}

/// The words of a text, in order: maximal runs of letters and digits.
struct Words<'t> {
    text: &'t str,
    pos: usize,
    /// The next word opens a sentence.
    opens: bool,
    /// A sentence's end was seen; a space after it opens the next.
    ended: bool,
}

impl<'t> Words<'t> {
    fn new(text: &'t str) -> Self {
        Words {
            text,
            pos: 0,
            opens: true,
            ended: false,
        }
    }

    /// The character at byte `i`, and its length.
    fn char_at(&self, i: usize) -> (char, usize) {
        let c = self.text[i..].chars().next().unwrap_or(' ');
        (c, c.len_utf8())
    }
}

/// What a byte is to the tokenizer, as flags: an ASCII letter or digit is
/// part of a word; `.`, `!` and `?` may end a sentence; a byte beyond ASCII
/// is part of a character that is decoded to be told.
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const END: u8 = 4;
const SPACE: u8 = 8;
const WIDE: u8 = 16;
const IN_WORD: u8 = LETTER | DIGIT;

const FLAGS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            LETTER
        } else if matches!(c, b'.' | b'!' | b'?') {
            END
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            SPACE
        } else {
            0
        };
        i += 1;
    }
    t
};

impl Iterator for Words<'_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        let b = self.text.as_bytes();
        let (mut i, mut opens, mut ended) = (self.pos, self.opens, self.ended);
        // Up to the next word, noting where sentences end.
        while i < b.len() {
            let f = FLAGS[usize::from(b[i])];
            if f & IN_WORD != 0 {
                break;
            }
            if f & WIDE != 0 {
                let (c, len) = self.char_at(i);
                if c.is_alphanumeric() {
                    break;
                }
                ended |= c == '…';
                opens |= ended && c.is_whitespace();
                i += len;
                continue;
            }
            ended |= f & END != 0;
            opens |= ended && f & SPACE != 0;
            i += 1;
        }
        if i >= b.len() {
            (self.pos, self.opens, self.ended) = (b.len(), opens, ended);
            return None;
        }
        let start = i;
        // Every flag the word's bytes have.
        let mut seen = 0;
        while i < b.len() {
            let f = FLAGS[usize::from(b[i])];
            if f & IN_WORD == 0 {
                if f & WIDE == 0 {
                    break;
                }
                let (c, len) = self.char_at(i);
                if !c.is_alphanumeric() {
                    break;
                }
                seen |= WIDE | LETTER;
                i += len;
                continue;
            }
            seen |= f;
            i += 1;
        }
        (self.pos, self.opens, self.ended) = (i, false, false);
        Some(Word {
            at: start..i,
            opens,
            digits: seen & DIGIT != 0,
            all_digits: seen & LETTER == 0,
            ascii: seen & WIDE == 0,
        })
    }
}

/// Where `word` first stands whole in `ron` within `body` (a string
/// literal's, from [`literal`]) at or after byte `from`. `None` when it is not
/// found as written (an escape inside it).
pub fn find_word(
    ron: &str,
    body: Range<usize>,
    from: usize,
    word: &str,
    number: bool,
) -> Option<usize> {
    let from = from.clamp(body.start, body.end);
    let (bytes, w) = (ron.as_bytes(), word.as_bytes());
    let first = *w.first()?;
    let whole = |c: Option<char>| {
        c.is_none_or(|c| {
            if number {
                !c.is_ascii_digit()
            } else {
                !c.is_alphanumeric()
            }
        })
    };
    // A search by the first byte beats building a searcher for each short
    // word; a long one gets a searcher, or a run of its first letter would
    // cost its length at each of its places.
    let long = (w.len() > SHORT_WORD).then(|| memchr::memmem::Finder::new(w));
    let mut at = from;
    loop {
        let rest = bytes.get(at..body.end)?;
        let start = at
            + match &long {
                Some(finder) => finder.find(rest)?,
                None => memchr::memchr(first, rest)?,
            };
        let end = start + w.len();
        if bytes.get(start..end.min(body.end)) == Some(w)
            && whole(ron.get(body.start..start)?.chars().next_back())
            && whole(ron.get(end..body.end)?.chars().next())
        {
            return Some(start);
        }
        at = start + 1;
    }
}

/// The longest word sought byte by byte.
const SHORT_WORD: usize = 16;

/// The bytes between the quotes of the RON string literal at byte `at`
/// (`"..."` or `r#"..."#`); `None` if there is none.
pub fn literal(ron: &str, at: usize) -> Option<Range<usize>> {
    let rest = ron.get(at..)?;
    let b = rest.as_bytes();
    if let Some(raw) = rest.strip_prefix('r') {
        let hashes = raw.bytes().take_while(|&c| c == b'#').count();
        let body = raw[hashes..].strip_prefix('"')?;
        let close = format!("\"{}", "#".repeat(hashes));
        let start = at + 1 + hashes + 1;
        let end = body.find(&close)?;
        return Some(start..start + end);
    }
    if b.first() != Some(&b'"') {
        return None;
    }
    let mut i = 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(at + 1..at + i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::{Citation, Date, Dispute, Kind};

    fn cite(quote: &str) -> Citation {
        Citation {
            source: "s".into(),
            quote: quote.into(),
            span: 0..0,
            source_index: 0,
        }
    }

    fn event(title: &str, summary: &str, quotes: &[&str]) -> Event {
        Event {
            id: "e".into(),
            date: Date::Year(2020),
            inferred: None,
            sort_as: None,
            title: title.into(),
            summary: summary.into(),
            kind: Kind::Deal,
            actors: Vec::new(),
            tags: Vec::new(),
            paraphrase: Vec::new(),
            citations: quotes.iter().map(|q| cite(q)).collect(),
            disputes: Vec::new(),
            note: None,
            date_text: String::new(),
        }
    }

    /// Each claim as (field, word as written, byte offset).
    fn claims(e: &Event) -> Vec<(&'static str, String, usize)> {
        unsupported(e)
            .iter()
            .map(|c| (c.field.key(), c.word(e).to_string(), c.at.start))
            .collect()
    }

    fn words(e: &Event) -> Vec<String> {
        claims(e).into_iter().map(|(_, w, _)| w).collect()
    }

    #[test]
    fn a_figure_the_quotes_do_not_give_is_claimed_at_its_place() {
        let e = event(
            "ByteDance given 90 days",
            "The order gives ByteDance $20-30bn and 90 days.",
            &["ByteDance was given 45 days and $20bn."],
        );
        assert_eq!(
            claims(&e),
            [
                ("title", "90".into(), 16),
                ("summary", "30".into(), 30),
                ("summary", "90".into(), 39),
            ]
        );
        // Digits are compared as written, whole: 2020 is not 20 or 202.
        let e = event("Sold in 2020", "S.", &["It was 20 or 202 in 20201."]);
        assert_eq!(words(&e), ["2020"]);
        let e = event("Sold in 2020", "S.", &["In 2020-09, sold."]);
        assert!(words(&e).is_empty());
    }

    #[test]
    fn a_date_the_quotes_do_not_give_is_claimed() {
        let e = event(
            "Hearing set",
            "November brings a hearing on 4 November.",
            &["A hearing is scheduled for 5 November."],
        );
        assert_eq!(claims(&e), [("summary", "4".into(), 29)]);
        // A month opening a sentence is still a date to find.
        let e = event("Hearing set", "December brings a hearing.", &["A hearing."]);
        assert_eq!(claims(&e), [("summary", "December".into(), 0)]);
        // "may" in lower case is a verb, not a month.
        let e = event("It may end", "S.", &["It ends."]);
        assert!(words(&e).is_empty());
    }

    #[test]
    fn a_name_the_quotes_do_not_give_is_claimed() {
        let e = event(
            "Deal with Oracle and Walmart",
            "The FCC asks about TikTok. Nichols rules.",
            &["A deal with Oracle was made; TikTok agreed."],
        );
        assert_eq!(
            claims(&e),
            [
                ("title", "Walmart".into(), 21),
                ("summary", "FCC".into(), 4),
            ]
        );
        // One claim per word per field, at its first occurrence, whatever
        // its case (opening the title, it is a name: it stands mid-sentence too).
        let e = event(
            "Walmart, Walmart",
            "WALMART and Walmart.",
            &["Nothing about it."],
        );
        assert_eq!(
            claims(&e),
            [
                ("title", "Walmart".into(), 0),
                ("summary", "WALMART".into(), 0),
            ]
        );
    }

    #[test]
    fn a_word_a_quote_gives_in_another_case_is_supported() {
        let e = event(
            "Oracle's offer for TIKTOK",
            "Commerce says Oracle will be a Trusted Partner.",
            &["the commerce department said oracle would be a trusted partner of tiktok"],
        );
        assert!(words(&e).is_empty(), "{:?}", words(&e));
    }

    #[test]
    fn a_paraphrase_supports_every_word_in_it() {
        let mut e = event(
            "TikTok sues the Trump administration",
            "The China-run app sued in 2020.",
            &["TikTok sued the government."],
        );
        assert_eq!(words(&e), ["Trump", "China", "2020"]);
        e.paraphrase = vec!["Trump  administration".into(), "China-run".into()];
        assert_eq!(words(&e), ["2020"]);
    }

    #[test]
    fn a_word_only_a_dispute_side_gives_is_supported() {
        let mut e = event(
            "Cloutier, chief of security, says 12 November",
            "S.",
            &["A filing by Cloutier."],
        );
        assert_eq!(words(&e), ["12", "November"]);
        e.disputes = vec![Dispute {
            about: "the date".into(),
            sides: vec![cite("The 12 November deadline."), cite("Another side.")],
        }];
        assert!(words(&e).is_empty(), "{:?}", words(&e));
    }

    #[test]
    fn capitals_that_open_a_sentence_are_not_names_for_that_alone() {
        let e = event(
            "Report: the deal nears",
            "Preliminary talks went on. Judges waited! Officials? \"Critics\" spoke… Staff left.",
            &["Talks went on."],
        );
        assert!(words(&e).is_empty(), "{:?}", words(&e));
        // Not after a full stop inside a number, nor without a space after it.
        let e = event("Rose 3.5 Percent", "S.", &["Rose 3 and 5."]);
        assert_eq!(words(&e), ["Percent"]);
        // Still names: an acronym, a capital inside the word, a word that is
        // capitalised mid-sentence elsewhere in the event, a month.
        let e = event(
            "Cloutier speaks",
            "IEEPA applies. TikTok agrees. Cyberscoop runs it, says Roland Cloutier. August ends.",
            &["Nothing."],
        );
        assert_eq!(
            words(&e),
            [
                "Cloutier", "IEEPA", "TikTok", "Roland", "Cloutier", "August"
            ]
        );
    }

    #[test]
    fn function_words_and_single_letters_are_never_names() {
        let e = event(
            "Plan B for The Company",
            "Filed in the U.S. by A and The Group.",
            &["A company and a group filed a plan."],
        );
        assert!(words(&e).is_empty(), "{:?}", words(&e));
        // But an acronym that spells one is: the US.
        let e = event("Ban in the US", "S.", &["A ban."]);
        assert_eq!(words(&e), ["US"]);
    }

    #[test]
    fn words_are_whole() {
        // "Oracle" is not in "Oracles", nor "Ross" in "Crossing".
        let e = event("Deal: Oracle and Ross", "S.", &["Oracles at the Crossing."]);
        assert_eq!(words(&e), ["Oracle", "Ross"]);
        // A Kelvin sign is a K in lower case: found by an ASCII quote.
        let e = event("Deal: \u{212A}FC", "S.", &["kfc"]);
        assert!(words(&e).is_empty(), "{:?}", words(&e));
        let e = event("Deal: \u{212A}FC", "S.", &["kfd"]);
        assert_eq!(words(&e), ["\u{212A}FC"]);
        // Non-ASCII letters are compared ignoring case too.
        let e = event("Über Ärzte in Zürich", "S.", &["über die ärzte in zürich"]);
        assert_eq!(
            words(&event("Über Ärzte in Zürich", "S.", &[""])),
            ["Ärzte", "Zürich"]
        );
        assert!(words(&e).is_empty(), "{:?}", words(&e));
    }

    #[test]
    fn a_word_is_found_in_its_ron_literal() {
        let find = |ron: &str, value: usize, from: usize, word: &str, number: bool| {
            find_word(ron, literal(ron, value)?, from, word, number)
        };
        let ron =
            r##"(title: "Oracle's deal with Oracle", summary: r#"He said "2020" and 2020s."#)"##;
        let title = ron.find("\"Oracle").unwrap();
        assert_eq!(find(ron, title, 0, "Oracle", false), Some(title + 1));
        // From a place on: the second.
        assert_eq!(
            find(ron, title, title + 2, "Oracle", false),
            Some(ron.rfind("Oracle\"").unwrap())
        );
        let summary = ron.find("r#").unwrap();
        let at = find(ron, summary, 0, "2020", true).unwrap();
        assert_eq!(&ron[at - 1..at + 5], "\"2020\"");
        // Whole words: "deal" is not found inside "deals", nor past the literal.
        let ron = r#"(title: "Big deals", summary: "A deal")"#;
        assert_eq!(find(ron, 8, 0, "deal", false), None);
        // Escaped quotes do not end the literal; a number is whole among digits.
        let ron = r#"(title: "Say \"Oracle\" twice: $20bn")"#;
        assert_eq!(find(ron, 8, 0, "twice", false), Some(24));
        assert_eq!(find(ron, 8, 0, "20", true), Some(32));
        assert_eq!(find(ron, 7, 0, "Say", false), None);
    }

    #[test]
    fn function_words_are_sorted_lower_case_and_short() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        for w in FUNCTION_WORDS {
            assert!(w.len() <= 8 && *w == w.to_lowercase(), "{w}");
            assert!(is_function_word(&(w[..1].to_uppercase() + &w[1..])), "{w}");
        }
        assert!(!is_function_word("Oracle") && !is_function_word("Thereafter"));
    }

    #[test]
    fn a_lint_used_again_forgets_the_last_event() {
        let mut lint = Lint::default();
        let a = event("Deal: Oracle and Walmart", "In 2020.", &["Oracle in 2020."]);
        let b = event("Deal: Walmart", "Oracle, 2021.", &["Walmart."]);
        for _ in 0..2 {
            assert_eq!(lint.unsupported(&a), unsupported(&a));
            assert_eq!(lint.unsupported(&b), unsupported(&b));
        }
        assert_eq!(words(&b), ["2021"]);
        // Oracle opens its sentence in b's summary and is nowhere mid-sentence.
    }

    #[test]
    fn one_long_event_does_not_slow_every_event_after_it() {
        // Clearing a table costs its capacity: kept from a long event, every
        // event after it would pay for that one.
        let mut lint = Lint::default();
        let names: String = (0..100_000).map(|i| format!(" Name{i}x")).collect();
        let long = event("Title", &format!("Start{names}."), &["Nothing."]);
        assert_eq!(lint.unsupported(&long).len(), 200_000);
        assert!(lint.index.capacity() > KEPT && lint.mid.capacity() > KEPT);
        let small = event("Deal: Oracle", "S.", &["Nothing."]);
        assert_eq!(lint.unsupported(&small).len(), 1);
        assert!(lint.index.capacity() <= KEPT && lint.mid.capacity() <= KEPT);
    }

    #[test]
    fn a_long_word_is_found_in_linear_time() {
        // Sought from every A of a run of them, it cost the run's square.
        let run = "A".repeat(1_000_000);
        let ron = format!("(title: \"{run} {run}B\")");
        let started = std::time::Instant::now();
        let at = find_word(
            &ron,
            literal(&ron, 8).unwrap(),
            9,
            &format!("{run}B"),
            false,
        );
        assert_eq!(at, Some(9 + run.len() + 1));
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    #[test]
    fn cost_grows_with_the_text_not_its_square() {
        // A summary of 200,000 distinct names against quotes of as many words.
        let names: Vec<String> = (0..200_000).map(|i| format!("Name{i}x")).collect();
        let summary = format!("Start {}.", names.join(" "));
        let quote = (0..200_000)
            .map(|i| format!("other{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let e = event("Title", &summary, &[&quote]);
        let started = std::time::Instant::now();
        // Every name (their digits are all in the quote).
        assert_eq!(unsupported(&e).len(), 200_000);
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }
}
