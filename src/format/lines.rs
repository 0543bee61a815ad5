//! One line per event, tab-separated, for piping into grep, fzf or cut:
//! date (`~` when inferred), title, summary, actors, tags, quotes, id, kind.
//! The kind is last, after the id, so that `cut -f7` still gives ids.

use super::iso_date;
use crate::timeline::Event;

pub fn line(e: &Event) -> String {
    let quotes: Vec<&str> = e.citations.iter().map(|c| c.quote.as_str()).collect();
    let cols = [
        iso_date(e),
        flat(&e.title),
        flat(&e.summary),
        flat(&e.actors.join("; ")),
        flat(&e.tags.join("; ")),
        flat(&quotes.join(" | ")),
        e.id.to_string(),
        e.kind.as_str().to_string(),
    ];
    cols.join("\t")
}

/// Tabs and newlines would break the columns.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
