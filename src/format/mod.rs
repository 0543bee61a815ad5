//! Output formats, shared by the command line and (for copying) the app.

pub mod json;
pub mod lines;
pub mod markdown;
pub mod text;

use crate::timeline::Event;

/// The date as a list shows it: ISO cut to its precision, `~` when inferred.
pub fn short_date(e: &Event) -> String {
    let mark = if e.inferred.is_some() { "~" } else { "" };
    format!("{mark}{}", e.date)
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

/// `s` cut with an ellipsis to fit `width` terminal columns (wide characters count two).
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}
