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
    let lead = |date: &str, count: &str, kind: &str| {
        format!("{date:<11}{GAP}{count:<count_w$}{GAP}{kind:<9}{GAP}")
    };
    let natural = lead("", "", "").width() + title_w + GAP.len() + id_w;
    // Where ids end: the rows' own width, or the terminal's when narrower.
    let end = width.map_or(natural, |w| natural.min(w));
    // A row whose id would not fit beside the aligned columns loses their
    // padding first (its title then starts early), and only then its end.
    let row = |leads: [String; 2], title: &str, id: &str| {
        let gap_id = GAP.len() + id.width();
        for lead in &leads {
            if let Some(room) = end.checked_sub(lead.width() + gap_id) {
                let title = fit(title, room);
                let pad = room - title.width();
                return format!("{lead}{title}{:pad$}{GAP}{id}\n", "");
            }
        }
        fit(&format!("{}{id}", leads[1]), end) + "\n"
    };
    let compact =
        |date: &str, count: &str, kind: &str| format!("{date}{GAP}{count}{GAP}{kind}{GAP}");
    let mut out = String::new();
    if width.is_some() {
        let count = fit("countdown", count_w);
        let leads = [
            lead("date", &count, "kind"),
            compact("date", &count, "kind"),
        ];
        out += &row(
            leads,
            "title (`timeline-explorer show ID` prints one in full)",
            "id",
        );
    }
    for (e, count) in &counted {
        let (date, kind) = (short_date(e), e.kind.as_str());
        let leads = [lead(&date, count, kind), compact(&date, count, kind)];
        out += &row(leads, &e.title, &e.id);
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
                assert!(
                    rows[0].starts_with("date         countdown "),
                    "{}",
                    rows[0]
                );
                assert!(rows[0].ends_with("  id"), "{}", rows[0]);
                for (row, e) in rows[1..].iter().zip(&tl.events) {
                    assert!(row.ends_with(&format!("  {}", e.id)), "{row}");
                }
            }
        }
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
