//! What is coming up: the events ahead of an as-of date, soonest first, and
//! for each the quote that states its date. Shared by `agenda` and the app.

use chrono::NaiveDate;

use crate::timeline::{Date, Event, Kind, Point};

/// One event ahead, with the days until it (first and last possible day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ahead {
    /// Index into `Timeline::events`.
    pub event: usize,
    pub days: (i64, i64),
}

/// Of `events` (index, event), those surely not past on `as_of`: the first
/// day they could be on is the as-of date or later (a hearing today is still
/// ahead; a range that may already have begun is not). With `within`, only
/// those that could come within that many days. Soonest first; on a tie, the
/// narrower date, then the given order.
pub fn ahead<'a>(
    events: impl IntoIterator<Item = (usize, &'a Event)>,
    as_of: NaiveDate,
    within: Option<i64>,
) -> Vec<Ahead> {
    let mut out: Vec<Ahead> = events
        .into_iter()
        .filter_map(|(event, e)| {
            let days = crate::when::days_from(e.date, as_of)?;
            (days.0 >= 0 && within.is_none_or(|w| days.0 <= w)).then_some(Ahead { event, days })
        })
        .collect();
    // A stable sort keeps the given order among equals.
    out.sort_by_key(|a| a.days);
    out
}

/// Deadlines and hearings: what an agenda is for, marked wherever it shows.
pub fn first_class(kind: Kind) -> bool {
    matches!(kind, Kind::Deadline | Kind::Hearing)
}

/// The citation (index into `citations`) whose quote states the event's
/// date: the first that names its day and month ("12 November", "November
/// 12", "Nov. 12"), or for a month its name, for a year its number; a range
/// by its end (what a countdown waits for), then its start. The first
/// citation when none does. No field marks it, so it is read from the quotes.
pub fn date_citation(e: &Event) -> usize {
    let (from, to) = e.date.ends();
    let points = match e.date {
        Date::Between(..) => vec![to, from],
        _ => vec![from],
    };
    points
        .into_iter()
        .find_map(|p| e.citations.iter().position(|c| states(&c.quote, p)))
        .unwrap_or(0)
}

/// Whether `quote` states the date `p`: its day beside its month's name (or
/// the name's first three letters), a month's name, or a year.
fn states(quote: &str, p: Point) -> bool {
    let words: Vec<String> = quote
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // A month outside 1-12 (reported by `check`, still loaded) is named nowhere.
    let month = |w: &str, m: u32| {
        let name = (m as usize)
            .checked_sub(1)
            .and_then(|i| crate::when::MONTHS.get(i));
        name.is_some_and(|name| w == *name || (w.len() == 3 && name.starts_with(w)))
    };
    match p {
        Point::Day(_, m, d) => words.windows(2).any(|pair| {
            let day = |w: &str| w.parse::<u32>().ok() == Some(d);
            (month(&pair[0], m) && day(&pair[1])) || (day(&pair[0]) && month(&pair[1], m))
        }),
        Point::Month(_, m) => words.iter().any(|w| month(w, m)),
        Point::Year(y) => words.iter().any(|w| w.parse::<i32>().ok() == Some(y)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::{Citation, load_builtin};

    fn at(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_shipped_agenda_as_of_4_october_2020() {
        let tl = load_builtin().unwrap();
        let items = ahead(tl.events.iter().enumerate(), at(2020, 10, 4), None);
        let got: Vec<(&str, (i64, i64))> = items
            .iter()
            .map(|a| (tl.events[a.event].id.as_str(), a.days))
            .collect();
        assert_eq!(
            got[..2],
            [
                ("injunction-hearing", (31, 31)),
                ("november-deadline", (39, 39))
            ]
        );
        // Then 2022: four events dated January to 8 July, then 8 July itself.
        assert_eq!(got.len(), 7, "{got:?}");
        assert_eq!(got[6], ("fcc-reply-deadline", (642, 642)));
        assert!(got[2..6].iter().all(|(_, d)| *d == (454, 642)), "{got:?}");
        // A filing that may have been made already is not ahead.
        assert!(!got.iter().any(|(id, _)| *id == "cloutier-filing"));
        // Within 35 days: only the hearing.
        let soon = ahead(tl.events.iter().enumerate(), at(2020, 10, 4), Some(35));
        assert_eq!(soon.len(), 1);
        // On the day itself, the hearing is still ahead: today.
        let today = ahead(tl.events.iter().enumerate(), at(2020, 11, 4), Some(0));
        assert_eq!(today.len(), 1);
        assert_eq!(today[0].days, (0, 0));
        // After the last event, nothing.
        assert!(ahead(tl.events.iter().enumerate(), at(2022, 7, 9), None).is_empty());
    }

    #[test]
    fn the_quote_that_states_the_date_in_the_shipped_data() {
        let tl = load_builtin().unwrap();
        let quote = |id: &str| {
            let e = tl.event(id).unwrap();
            e.citations[date_citation(e)].quote.clone()
        };
        assert!(quote("november-deadline").contains("12 November"));
        assert!(quote("injunction-hearing").contains("scheduled for 4 November"));
        assert!(quote("fcc-reply-deadline").contains("until July 8"));
        assert!(quote("nichols-injunction").contains("27 September"));
    }

    #[test]
    fn the_date_quote_is_found_in_any_order_and_not_by_a_longer_day() {
        let tl = load_builtin().unwrap();
        let mut e = tl.event("november-deadline").unwrap().clone();
        let cite = |q: &str| Citation {
            source: "s".into(),
            quote: q.into(),
            span: 0..0,
            source_index: 0,
        };
        for (quotes, want) in [
            (vec!["Nothing here.", "Until November 12, then."], 1),
            (vec!["On Nov. 1 and Nov 2.", "It ends Nov. 12."], 1),
            (vec!["In 2020.", "By 12 Nov, they must sell."], 1),
            (vec!["November 120 is no day.", "Not this one."], 0),
            (vec!["None.", "Nor this."], 0),
        ] {
            e.citations = quotes.iter().map(|q| cite(q)).collect();
            assert_eq!(date_citation(&e), want, "{quotes:?}");
        }
        e.date = Date::Between(Point::Month(2022, 1), Point::Day(2022, 7, 8));
        e.citations = vec![cite("In January."), cite("Until July 8.")];
        assert_eq!(date_citation(&e), 1, "a range by its end first");
        e.citations = vec![];
        assert_eq!(date_citation(&e), 0, "no citations: no panic");
        e.citations = vec![cite("On 0 0.")];
        e.date = Date::Day(2020, 0, 0);
        assert_eq!(date_citation(&e), 0, "an impossible month: no panic");
    }
}
