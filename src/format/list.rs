//! `list`'s text: a row per event, its id at the end so that `show ID` is the
//! next command, whatever the width.
//!
//! `~2020-09-27  7 days ago  court      Judge Carl Nichols grants…  nichols-injunction`
//!
//! Ids are right-aligned in a column: at a terminal narrower than the rows,
//! titles are cut (with `…`) and ids kept whole; piped, nothing is cut. Ids
//! hold no spaces, so `awk '{print $NF}'` takes them.

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use super::text::countdown;
use super::{fit, short_date};
use crate::timeline::Event;

/// Space between columns.
const GAP: &str = "  ";

/// The least a title keeps at a terminal before a column gives way to it.
const TITLE_MIN: usize = 24;

/// The title column's heading at a terminal, the first that fits.
const HEADS: [&str; 3] = [
    "title (`timeline-explorer show ID` prints one in full)",
    "title (more: `show ID`)",
    "title",
];

/// The columns before the title: the date always; the countdown and the kind
/// unless a terminal is too narrow for them and a readable title.
#[derive(Clone, Copy)]
struct Lead {
    count: Option<usize>,
    kind: bool,
}

impl Lead {
    fn render(self, date: &str, count: &str, kind: &str) -> String {
        let mut out = format!("{date:<11}{GAP}");
        if let Some(w) = self.count {
            out += &format!("{count:<w$}{GAP}");
        }
        if self.kind {
            out += &format!("{kind:<9}{GAP}");
        }
        out
    }
}

/// The rows, a line each. `width` is the terminal's when printing to one:
/// rows fit it, and a first line names the columns and says what ids are for.
pub fn text<'a>(
    events: impl Iterator<Item = &'a Event>,
    as_of: NaiveDate,
    width: Option<usize>,
) -> String {
    let counted: Vec<(&Event, String)> = events.map(|e| (e, countdown(e, as_of))).collect();
    // Each column as wide as its widest, so the columns line up.
    let count_w = counted.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let title_w = counted.iter().map(|(e, _)| e.title.width()).max();
    let id_w = counted.iter().map(|(e, _)| e.id.width()).max();
    let (Some(title_w), Some(id_w)) = (title_w, id_w) else {
        return String::new();
    };
    let full = Lead {
        count: Some(count_w),
        kind: true,
    };
    let natural = |lead: Lead| lead.render("", "", "").width() + title_w + GAP.len() + id_w;
    // At a terminal the countdown, then the kind, give way to the title.
    let layouts = [
        full,
        Lead {
            count: None,
            ..full
        },
        Lead {
            count: None,
            kind: false,
        },
    ];
    let (lead, end) = match width {
        None => (full, natural(full)),
        Some(w) => {
            let fits = |l: &Lead| w >= natural(*l) - title_w + TITLE_MIN.min(title_w);
            let lead = layouts.into_iter().find(fits).unwrap_or(layouts[2]);
            // Ids end where the rows do, or at the terminal's edge.
            (lead, natural(lead).min(w))
        }
    };
    let row = |lead: String, title: &str, id: &str| match end
        .checked_sub(lead.width() + GAP.len() + id.width())
    {
        Some(room) => {
            let title = fit(title, room);
            let pad = room - title.width();
            format!("{lead}{title}{:pad$}{GAP}{id}\n", "")
        }
        // Too narrow for even the id beside the date: cut the row.
        None => fit(&format!("{lead}{id}"), end) + "\n",
    };
    let mut out = String::new();
    if width.is_some() {
        let head = lead.render("date", &fit("countdown", count_w), "kind");
        // The longest heading that fits: a cut one would say less than a short one.
        let room = end.saturating_sub(head.width() + GAP.len() + "id".len());
        let title = HEADS.iter().find(|h| h.width() <= room).unwrap_or(&"title");
        out += &row(head, title, "id");
    }
    for (e, count) in &counted {
        let head = lead.render(&short_date(e), count, e.kind.as_str());
        out += &row(head, &e.title, &e.id);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::load_builtin;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn piped_rows_are_whole_and_end_with_their_ids_in_a_column() {
        let tl = load_builtin().unwrap();
        let out = text(tl.events.iter(), day("2020-10-04"), None);
        let rows: Vec<&str> = out.lines().collect();
        assert_eq!(rows.len(), tl.events.len(), "no header when piped");
        let ends: Vec<usize> = rows.iter().map(|r| r.width()).collect();
        assert!(ends.iter().all(|&w| w == ends[0]), "ids end together");
        for (row, e) in rows.iter().zip(&tl.events) {
            assert!(row.contains(&e.title), "{row}");
            assert_eq!(row.split_whitespace().last(), Some(e.id.as_str()), "{row}");
        }
    }

    #[test]
    fn at_a_terminal_titles_give_way_so_ids_stay_whole() {
        let tl = load_builtin().unwrap();
        for w in [80, 60, 40, 20, 1, 0] {
            let out = text(tl.events.iter(), day("2020-10-04"), Some(w));
            let rows: Vec<&str> = out.lines().collect();
            assert_eq!(rows.len(), tl.events.len() + 1, "a header at a terminal");
            assert!(rows.iter().all(|r| r.width() <= w), "{w}: {out}");
            if w == 80 {
                // The countdown gave way to the title, which keeps a readable part.
                assert!(
                    rows[0].starts_with("date         kind       title"),
                    "{}",
                    rows[0]
                );
                assert!(rows[25].starts_with("~2022-07-08  deadline   Google and Apple"));
                assert!(rows[0].ends_with("  id"), "{}", rows[0]);
                for (row, e) in rows[1..].iter().zip(&tl.events) {
                    assert!(row.ends_with(&format!("  {}", e.id)), "{row}");
                }
            }
        }
    }

    #[test]
    fn a_wide_terminal_has_every_column() {
        let tl = load_builtin().unwrap();
        let out = text(tl.events.iter(), day("2020-10-04"), Some(120));
        let rows: Vec<&str> = out.lines().collect();
        assert!(
            rows[0].starts_with("date         countdown                    kind       title ("),
            "{out}"
        );
        assert!(
            rows[25].starts_with("~2022-07-08  in 642 days                  deadline   Google"),
            "{out}"
        );
        assert!(rows.iter().all(|r| r.width() <= 120), "{out}");
    }

    #[test]
    fn nothing_listed_is_nothing_printed() {
        let tl = load_builtin().unwrap();
        assert_eq!(
            text(tl.events.iter().take(0), day("2020-10-04"), Some(80)),
            ""
        );
    }
}
