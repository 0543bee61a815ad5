//! Dates as people type them, for jumping to a point in the timeline:
//! `2020`, `2020-09`, `2020-11-04`, `nov`, `sep 27`, `27 sep 2020`,
//! `September 27, 2020`. A missing year is the one the user is looking at.

use chrono::{Datelike, NaiveDate};

/// What was typed, resolved to its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub date: NaiveDate,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Read `input` as a date; a year left out is `year`. The error is a hint to show.
pub fn parse(input: &str, year: i32) -> Result<Target, String> {
    let hint = || {
        format!(
            "can't read '{}' as a date: try 2020-09, sep 27, 27 sep 2020, 2020-11-04 or nov",
            input.trim()
        )
    };
    let words: Vec<&str> = input
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let (mut y, mut m, mut d) = (None, None, None);
    match words.as_slice() {
        [one] if one.contains('-') => {
            let parts: Vec<&str> = one.split('-').collect();
            let num = |s: &&str| s.parse::<u32>().ok();
            match parts.as_slice() {
                [a, b] => (y, m) = (a.parse().ok(), num(b)),
                [a, b, c] => (y, m, d) = (a.parse().ok(), num(b), num(c)),
                _ => return Err(hint()),
            }
            if y.is_none() || m.is_none() || (parts.len() == 3 && d.is_none()) {
                return Err(hint());
            }
        }
        _ => {
            for w in &words {
                if let Some(month) = month(w) {
                    if m.replace(month).is_some() {
                        return Err(hint());
                    }
                } else if let Ok(n) = w.parse::<u32>() {
                    // Four digits are a year; one or two, a day.
                    match w.len() {
                        4 if y.is_none() => y = Some(n as i32),
                        1 | 2 if d.is_none() => d = Some(n),
                        _ => return Err(hint()),
                    }
                } else {
                    return Err(hint());
                }
            }
            if words.is_empty() || (d.is_some() && m.is_none()) {
                return Err(hint());
            }
        }
    }
    let y = y.unwrap_or(year);
    NaiveDate::from_ymd_opt(y, m.unwrap_or(1), d.unwrap_or(1))
        .map(|date| Target { date })
        .ok_or_else(hint)
}

/// A month from its name or an abbreviation of three letters or more.
fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w))
        .map(|i| i as u32 + 1)
}

/// Of `dates` (index and first day), the one nearest `target`; the earlier on a tie.
pub fn nearest(
    dates: impl IntoIterator<Item = (usize, NaiveDate)>,
    target: Target,
) -> Option<usize> {
    dates
        .into_iter()
        .min_by_key(|(_, d)| (*d - target.date).num_days().abs())
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Result<Target, String> {
        Ok(Target {
            date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        })
    }

    #[test]
    fn reads_dates_as_people_type_them() {
        for (input, want) in [
            ("2020-09", day(2020, 9, 1)),
            ("2020-11-04", day(2020, 11, 4)),
            ("2022", day(2022, 1, 1)),
            ("sep 27", day(2020, 9, 27)),
            ("27 sep", day(2020, 9, 27)),
            ("27 sep 2020", day(2020, 9, 27)),
            ("September 27, 2022", day(2022, 9, 27)),
            ("nov", day(2020, 11, 1)),
            ("Nov. 2022", day(2022, 11, 1)),
            ("  jul 8 ", day(2020, 7, 8)),
        ] {
            assert_eq!(parse(input, 2020), want, "{input}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_read_with_a_hint() {
        for input in [
            "",
            "xyz",
            "se 27",
            "27",
            "2020-13",
            "2020-02-30",
            "feb 30",
            "sep oct",
            "2020-9-x",
            "123",
        ] {
            let err = parse(input, 2020).unwrap_err();
            assert!(err.starts_with("can't read"), "{input}: {err}");
        }
    }

    #[test]
    fn nearest_takes_the_closest_and_the_earlier_on_a_tie() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let dates = [
            (0, d(2020, 9, 19)),
            (1, d(2020, 9, 27)),
            (2, d(2020, 11, 4)),
        ];
        assert_eq!(nearest(dates, parse("sep 25", 2020).unwrap()), Some(1));
        assert_eq!(nearest(dates, parse("sep 23", 2020).unwrap()), Some(0));
        assert_eq!(nearest(dates, parse("2021", 2020).unwrap()), Some(2));
        assert_eq!(nearest([], parse("2021", 2020).unwrap()), None);
    }
}

/// How far an event's date is from `as_of`, honest about its precision:
/// "in 12 days", "3 weeks ago", "today", "sometime in Aug 2020".
pub fn distance(date: crate::timeline::Date, as_of: NaiveDate) -> String {
    use crate::timeline::Date;
    const SHORT: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match date {
        Date::Day(y, m, d) => match NaiveDate::from_ymd_opt(y, m, d) {
            Some(day) => relative((day - as_of).num_days()),
            None => date.to_string(),
        },
        Date::Month(y, m) => {
            let i = (m as usize).checked_sub(1);
            let name = i.and_then(|i| SHORT.get(i)).copied().unwrap_or("?");
            if (as_of.year(), as_of.month()) == (y, m) {
                format!("this month, {name} {y}, day unknown")
            } else {
                format!("sometime in {name} {y}")
            }
        }
        Date::Year(y) if as_of.year() == y => format!("this year, {y}, month unknown"),
        Date::Year(y) => format!("sometime in {y}"),
    }
}

/// Days from the as-of date, in the unit a person would use.
fn relative(days: i64) -> String {
    let n = days.abs();
    let (count, unit) = match n {
        0 => return "today".into(),
        1 => return if days > 0 { "tomorrow" } else { "yesterday" }.into(),
        2..=13 => (n, "day"),
        14..=59 => (n / 7, "week"),
        60..=729 => (n / 30, "month"),
        _ => (n / 365, "year"),
    };
    let s = if count == 1 { "" } else { "s" };
    if days > 0 {
        format!("in {count} {unit}{s}")
    } else {
        format!("{count} {unit}{s} ago")
    }
}

/// The last day an event's date could be: for "is it still to come?".
pub fn last_day(date: crate::timeline::Date) -> Option<NaiveDate> {
    use crate::timeline::Date;
    match date {
        Date::Day(y, m, d) => NaiveDate::from_ymd_opt(y, m, d),
        Date::Month(y, m) => {
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)
            };
            next.and_then(|d| d.pred_opt())
        }
        Date::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31),
    }
}

#[cfg(test)]
mod distance_tests {
    use super::*;
    use crate::timeline::Date;

    #[test]
    fn distances_read_as_a_person_would_say_them() {
        let as_of = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
        for (date, want) in [
            (Date::Day(2020, 10, 1), "today"),
            (Date::Day(2020, 10, 2), "tomorrow"),
            (Date::Day(2020, 9, 30), "yesterday"),
            (Date::Day(2020, 9, 27), "4 days ago"),
            (Date::Day(2020, 10, 13), "in 12 days"),
            (Date::Day(2020, 11, 12), "in 6 weeks"),
            (Date::Day(2020, 8, 14), "6 weeks ago"),
            (Date::Day(2022, 7, 8), "in 21 months"),
            (Date::Day(2023, 1, 1), "in 2 years"),
            (Date::Month(2020, 8), "sometime in Aug 2020"),
            (Date::Month(2020, 10), "this month, Oct 2020, day unknown"),
            (Date::Year(2022), "sometime in 2022"),
            (Date::Year(2020), "this year, 2020, month unknown"),
        ] {
            assert_eq!(distance(date, as_of), want, "{date:?}");
        }
    }

    #[test]
    fn last_days_cover_the_whole_period() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(last_day(Date::Month(2020, 2)), d(2020, 2, 29));
        assert_eq!(last_day(Date::Month(2020, 12)), d(2020, 12, 31));
        assert_eq!(last_day(Date::Year(2022)), d(2022, 12, 31));
    }
}
