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

/// Of `dates` (index, first and last day), the one nearest `target`. A
/// target inside a span is at distance 0 from it, one outside as far as the
/// nearer end; a single date is a span of one day. On a tie the shorter span
/// wins (a date on the target over a range around it, a month's range over a
/// decade's), then the earlier.
pub fn nearest(
    dates: impl IntoIterator<Item = (usize, (NaiveDate, NaiveDate))>,
    target: Target,
) -> Option<usize> {
    let away = |(first, last): (NaiveDate, NaiveDate)| {
        if target.date < first {
            (first - target.date).num_days()
        } else if target.date > last {
            (target.date - last).num_days()
        } else {
            0
        }
    };
    dates
        .into_iter()
        .min_by_key(|&(_, (first, last))| (away((first, last)), last - first))
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
        let one = |y, m, dd| (d(y, m, dd), d(y, m, dd));
        let dates = [
            (0, one(2020, 9, 19)),
            (1, one(2020, 9, 27)),
            (2, one(2020, 11, 4)),
        ];
        assert_eq!(nearest(dates, parse("sep 25", 2020).unwrap()), Some(1));
        assert_eq!(nearest(dates, parse("sep 23", 2020).unwrap()), Some(0));
        assert_eq!(nearest(dates, parse("2021", 2020).unwrap()), Some(2));
        assert_eq!(nearest([], parse("2021", 2020).unwrap()), None);
    }

    #[test]
    fn a_target_inside_a_range_is_nearest_it() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let one = |y, m, dd| (d(y, m, dd), d(y, m, dd));
        let dates = [
            (0, one(2020, 8, 14)),
            // From 20 August to 12 November.
            (1, (d(2020, 8, 20), d(2020, 11, 12))),
            (2, one(2020, 9, 27)),
            (3, one(2020, 12, 1)),
        ];
        let at = |s| nearest(dates, parse(s, 2020).unwrap());
        // Inside the range, it wins over a single date a day away.
        assert_eq!(at("sep 26"), Some(1));
        assert_eq!(
            at("sep 27"),
            Some(2),
            "a date on the target beats a range around it"
        );
        assert_eq!(at("2020-11-12"), Some(1), "its last day is inside");
        // Around a date, a wider range gives way to the date and to a narrower range.
        let wide = (4, (d(2020, 1, 1), d(2022, 12, 31)));
        let with_wide = [wide, dates[0], dates[1], dates[2], dates[3]];
        let at_wide = |s| nearest(with_wide, parse(s, 2020).unwrap());
        assert_eq!(at_wide("sep 27"), Some(2));
        assert_eq!(at_wide("sep 26"), Some(1));
        assert_eq!(at_wide("dec 25"), Some(4));
        // Outside, by the nearer end: 18 days after its end, 13 before the next.
        assert_eq!(at("nov 30"), Some(3));
        assert_eq!(at("nov 20"), Some(1));
        assert_eq!(at("aug 16"), Some(0));
        assert_eq!(at("aug 18"), Some(1));
    }
}

/// How far an event's date is from `as_of`, honest about its precision:
/// "in 12 days", "3 weeks ago", "today", "sometime in Aug 2020"; a range by
/// its bounds: "in 2 to 5 weeks", "between 3 and 12 weeks ago", "around now
/// (between 2 weeks ago and in 3 weeks)".
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
        Date::Between(from, to) => match (from.first_day(), to.last_day()) {
            (Some(first), Some(last)) => {
                bounds((first - as_of).num_days(), (last - as_of).num_days())
            }
            _ => date.to_string(),
        },
    }
}

/// A range from `first` to `last` days from the as-of date, by its bounds.
fn bounds(first: i64, last: i64) -> String {
    if first <= 0 && last >= 0 {
        return format!(
            "around now (between {} and {})",
            relative(first),
            relative(last)
        );
    }
    // The nearer end first, as a person says it: "in 2 to 5 weeks", "between 3 and 12 weeks ago".
    let (near, far) = if first > 0 {
        (first, last)
    } else {
        (-last, -first)
    };
    let (n, near_unit) = amount(near);
    let (f, far_unit) = amount(far);
    let s = |count: i64| if count == 1 { "" } else { "s" };
    let far_text = format!("{f} {far_unit}{}", s(f));
    if (n, near_unit) == (f, far_unit) {
        // Both ends round to the same: "in 2 weeks".
        return if first > 0 {
            format!("in {far_text}")
        } else {
            format!("{far_text} ago")
        };
    }
    let near_text = if near_unit == far_unit {
        n.to_string()
    } else {
        format!("{n} {near_unit}{}", s(n))
    };
    if first > 0 {
        format!("in {near_text} to {far_text}")
    } else {
        format!("between {near_text} and {far_text} ago")
    }
}

/// Days from the as-of date, in the unit a person would use.
fn relative(days: i64) -> String {
    let (count, unit) = match days.abs() {
        0 => return "today".into(),
        1 => return if days > 0 { "tomorrow" } else { "yesterday" }.into(),
        n => amount(n),
    };
    let s = if count == 1 { "" } else { "s" };
    if days > 0 {
        format!("in {count} {unit}{s}")
    } else {
        format!("{count} {unit}{s} ago")
    }
}

/// A number of days (at least 1) as a count of the unit a person would use.
fn amount(n: i64) -> (i64, &'static str) {
    match n {
        ..=13 => (n, "day"),
        14..=59 => (n / 7, "week"),
        60..=729 => (n / 30, "month"),
        _ => (n / 365, "year"),
    }
}

/// The last day an event's date could be: for "is it still to come?". A
/// range's is its end's last day.
pub fn last_day(date: crate::timeline::Date) -> Option<NaiveDate> {
    date.end().last_day()
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
    fn a_range_counts_down_by_its_bounds() {
        use crate::timeline::Point;
        let as_of = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
        let between = Date::Between;
        for (date, want) in [
            // Still to come: the nearer end first.
            (
                between(Point::Day(2020, 10, 15), Point::Day(2020, 11, 5)),
                "in 2 to 5 weeks",
            ),
            (
                between(Point::Day(2020, 10, 5), Point::Month(2020, 12)),
                "in 4 days to 3 months",
            ),
            (
                between(Point::Day(2020, 10, 15), Point::Day(2020, 10, 20)),
                "in 2 weeks",
            ),
            (
                between(Point::Day(2020, 10, 2), Point::Day(2020, 10, 5)),
                "in 1 to 4 days",
            ),
            (
                between(Point::Year(2021), Point::Year(2022)),
                "in 3 months to 2 years",
            ),
            // Past.
            (
                between(Point::Day(2020, 8, 10), Point::Day(2020, 9, 10)),
                "between 3 and 7 weeks ago",
            ),
            (
                between(Point::Day(2020, 7, 1), Point::Day(2020, 9, 10)),
                "between 3 weeks and 3 months ago",
            ),
            (
                between(Point::Month(2020, 8), Point::Day(2020, 9, 26)),
                "between 5 days and 2 months ago",
            ),
            // Around the as-of date: how far back it began, how far on it ends.
            (
                between(Point::Day(2020, 9, 15), Point::Day(2020, 10, 20)),
                "around now (between 2 weeks ago and in 2 weeks)",
            ),
            (
                between(Point::Day(2020, 10, 1), Point::Month(2020, 12)),
                "around now (between today and in 3 months)",
            ),
            (
                between(Point::Month(2020, 8), Point::Day(2020, 10, 2)),
                "around now (between 2 months ago and tomorrow)",
            ),
            (
                between(Point::Year(2020), Point::Year(2022)),
                "around now (between 9 months ago and in 2 years)",
            ),
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
        let range = Date::Between(
            crate::timeline::Point::Day(2020, 8, 20),
            crate::timeline::Point::Month(2020, 11),
        );
        assert_eq!(last_day(range), d(2020, 11, 30), "the end's last day");
    }
}
