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
