//! Output formats, shared by the command line and (for copying) the app.

pub mod agenda;
pub mod ics;
pub mod json;
pub mod lines;
pub mod list;
pub mod markdown;
pub mod passages;
pub mod text;
pub mod timelinejs;

use crate::timeline::Event;

/// The date as a list shows it, in at most 11 columns: ISO cut to its
/// precision, a range as `2020-08…11` or `2020…2022`; `~` when inferred.
pub fn short_date(e: &Event) -> String {
    format!("{}{}", mark(e), e.date.short())
}

/// The date in ISO 8601, a range as an interval (`2020-08-20/2020-11-12`);
/// `~` when inferred. For output with room for it.
pub fn iso_date(e: &Event) -> String {
    format!("{}{}", mark(e), e.date)
}

fn mark(e: &Event) -> &'static str {
    if e.inferred.is_some() { "~" } else { "" }
}

/// The date in words, with how sure it is: "14 August 2020 (day; inferred)".
pub fn long_date(e: &Event) -> String {
    let how = if e.inferred.is_some() {
        "inferred"
    } else {
        "stated"
    };
    format!("{} ({}; {how})", e.date.long(), e.date.precision().as_str())
}

/// An event's paraphrases as `show` lists them: “Trump administration”, “China-run”.
pub fn paraphrased(e: &Event) -> Option<String> {
    let quoted: Vec<String> = e.paraphrase.iter().map(|p| format!("“{p}”")).collect();
    (!quoted.is_empty()).then(|| quoted.join(", "))
}

/// `s` cut with an ellipsis to fit `width` terminal columns (wide characters count two).
pub fn fit(s: &str, width: usize) -> String {
    match cut(s, width) {
        None => s.to_string(),
        Some(at) if width > 0 => format!("{}…", &s[..at]),
        Some(_) => String::new(),
    }
}

/// Where to cut `s` so that it and an ellipsis fit `width` columns; `None` if it fits whole.
pub fn cut(s: &str, width: usize) -> Option<usize> {
    use unicode_width::UnicodeWidthChar;
    let mut used = 0;
    let mut fits_with_ellipsis = 0;
    for (at, c) in s.char_indices() {
        used += c.width().unwrap_or(0);
        if used > width {
            return Some(fits_with_ellipsis);
        }
        if used < width {
            fits_with_ellipsis = at + c.len_utf8();
        }
    }
    None
}
