//! One line per event, tab-separated, for piping into grep, fzf or cut:
//! date, title, summary, actors, tags, quotes, id.

use crate::timeline::Event;

pub fn line(e: &Event) -> String {
    let quotes: Vec<&str> = e.citations.iter().map(|c| c.quote.as_str()).collect();
    let cols = [
        e.date.to_string(),
        flat(&e.title),
        flat(&e.summary),
        flat(&e.actors.join("; ")),
        flat(&e.tags.join("; ")),
        flat(&quotes.join(" | ")),
        e.id.clone(),
    ];
    cols.join("\t")
}

/// Tabs and newlines would break the columns.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
