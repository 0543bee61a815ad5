//! Dates as people type them, for jumping to a point in the timeline:
//! `2020`, `2020-09`, `2020-11-04`, `nov`, `sep 27`, `27 sep 2020`,
//! `September 27, 2020`. A missing year is the one the user is looking at.

use chrono::NaiveDate;

/// What was typed, resolved to its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub date: NaiveDate,
}

/// The months' names, January first, for reading and finding dates in words.
pub(crate) const MONTHS: [&str; 12] = [
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

/// The days an event's date could be on, counted from `as_of` (negative:
/// before it): its first possible day and its last. A day gives the same
/// number twice; a month, a year or a range its bounds. `None` for a date
/// that cannot exist (it is reported by `check`, and still shown).
pub fn days_from(date: crate::timeline::Date, as_of: NaiveDate) -> Option<(i64, i64)> {
    let (from, to) = date.ends();
    let (first, last) = (from.first_day()?, to.last_day()?);
    Some(((first - as_of).num_days(), (last - as_of).num_days()))
}

/// How far an event's date is from `as_of`, in exact days and honest about
/// its precision: "in 39 days", "3 days ago", "today", "in 79 days, about 11
/// weeks"; a month or year names itself and its bounds: "sometime in Nov
/// 2020, in 28 to 57 days"; a range by its bounds: "in 28 to 57 days",
/// "between 34 and 64 days ago", "around now (between 33 days ago and in 31
/// days)". Never one rounded figure for a date known only within bounds.
pub fn distance(date: crate::timeline::Date, as_of: NaiveDate) -> String {
    use crate::timeline::Date;
    const SHORT: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let Some((first, last)) = days_from(date, as_of) else {
        return date.to_string();
    };
    let counted = bounds(first, last, true);
    match date {
        Date::Month(y, m) => {
            let i = (m as usize).checked_sub(1);
            let name = i.and_then(|i| SHORT.get(i)).copied().unwrap_or("?");
            format!("sometime in {name} {y}, {counted}")
        }
        Date::Year(y) => format!("sometime in {y}, {counted}"),
        _ => counted,
    }
}

/// The countdown in a column: "in 39 days", "today", "in 28 to 57 days",
/// "34 to 64 days ago", "33 days ago to in 31 days"; no rough sizes.
pub fn countdown((first, last): (i64, i64)) -> String {
    if first == last {
        return relative(first);
    }
    if first > 0 {
        format!("in {first} to {last} days")
    } else if last < 0 {
        format!("{} to {} days ago", -last, -first)
    } else {
        format!("{} to {}", relative(first), relative(last))
    }
}

/// A span from `first` to `last` days from the as-of date, in words; with
/// `rough`, the size in weeks, months or years when it is all over 60 days away.
fn bounds(first: i64, last: i64, rough: bool) -> String {
    if first == last {
        let exact = relative(first);
        return match about(first.abs(), first.abs()).filter(|_| rough) {
            Some(size) => format!("{exact}, {size}"),
            None => exact,
        };
    }
    if first <= 0 && last >= 0 {
        return format!(
            "around now (between {} and {})",
            relative(first),
            relative(last)
        );
    }
    // The nearer end first, as a person says it.
    let (near, far) = if first > 0 {
        (first, last)
    } else {
        (-last, -first)
    };
    let exact = if first > 0 {
        format!("in {near} to {far} days")
    } else {
        format!("between {near} and {far} days ago")
    };
    match about(near, far).filter(|_| rough) {
        Some(size) => format!("{exact}, {size}"),
        None => exact,
    }
}

/// Past 60 days a count of days is hard to picture: its rough size in the
/// unit of the far end, "about 11 weeks", "about 15 to 21 months".
fn about(near: i64, far: i64) -> Option<String> {
    if near <= 60 {
        return None;
    }
    let (per, unit) = match far {
        ..183 => (7.0, "week"),
        183..1096 => (30.44, "month"),
        _ => (365.25, "year"),
    };
    let round = |n: i64| (n as f64 / per).round() as i64;
    let (n, f) = (round(near), round(far));
    Some(if n == f {
        format!("about {f} {unit}{}", if f == 1 { "" } else { "s" })
    } else {
        format!("about {n} to {f} {unit}s")
    })
}

/// Days from the as-of date, exactly: "today", "tomorrow", "in 39 days", "3 days ago".
fn relative(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        n if n > 0 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

/// Of `dates` (index, date), the one nearest `as_of` for sure: each is as far
/// as the farthest day it could be on, so a date known to the day beats a
/// month, a year or a range around the same point, and a vague date wins only
/// when even its farthest day is nearer. What a person pressing `t` wants is
/// the nearest event they can name a day for, not a year-only "2020" that
/// merely contains today. On a tie the narrower date, then the earlier.
pub fn nearest_for_sure(
    dates: impl IntoIterator<Item = (usize, crate::timeline::Date)>,
    as_of: NaiveDate,
) -> Option<usize> {
    dates
        .into_iter()
        .filter_map(|(i, date)| {
            let (first, last) = days_from(date, as_of)?;
            Some((first.abs().max(last.abs()), last - first, i))
        })
        .min()
        .map(|(_, _, i)| i)
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
    fn day_dates_count_in_exact_days() {
        let as_of = NaiveDate::from_ymd_opt(2020, 10, 4).unwrap();
        for (date, want) in [
            (Date::Day(2020, 10, 4), "today"),
            (Date::Day(2020, 10, 5), "tomorrow"),
            (Date::Day(2020, 10, 3), "yesterday"),
            (Date::Day(2020, 9, 27), "7 days ago"),
            (Date::Day(2020, 11, 4), "in 31 days"),
            (Date::Day(2020, 11, 12), "in 39 days"),
            // 60 days is still said in days alone; past it, the rough size too.
            (Date::Day(2020, 12, 3), "in 60 days"),
            (Date::Day(2020, 12, 4), "in 61 days, about 9 weeks"),
            (Date::Day(2020, 12, 22), "in 79 days, about 11 weeks"),
            (Date::Day(2020, 8, 5), "60 days ago"),
            (Date::Day(2020, 8, 4), "61 days ago, about 9 weeks"),
            (Date::Day(2022, 7, 8), "in 642 days, about 21 months"),
            (Date::Day(2023, 1, 1), "in 819 days, about 27 months"),
            (Date::Day(2024, 1, 1), "in 1184 days, about 3 years"),
            // An impossible date is shown as written, not counted.
            (Date::Day(2020, 2, 30), "2020-02-30"),
        ] {
            assert_eq!(distance(date, as_of), want, "{date:?}");
        }
    }

    #[test]
    fn day_arithmetic_knows_leap_years_and_year_ends() {
        let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // 2020 is a leap year: 28 February to 1 March is two days.
        assert_eq!(
            days_from(Date::Day(2020, 3, 1), on(2020, 2, 28)),
            Some((2, 2))
        );
        assert_eq!(
            days_from(Date::Day(2021, 3, 1), on(2021, 2, 28)),
            Some((1, 1))
        );
        assert_eq!(
            distance(Date::Day(2021, 1, 1), on(2020, 12, 31)),
            "tomorrow"
        );
        assert_eq!(
            distance(Date::Day(2020, 12, 31), on(2021, 1, 1)),
            "yesterday"
        );
        // February 2020 has 29 days, 2021 has 28.
        assert_eq!(
            days_from(Date::Month(2020, 2), on(2020, 1, 31)),
            Some((1, 29))
        );
        assert_eq!(
            days_from(Date::Month(2021, 2), on(2021, 1, 31)),
            Some((1, 28))
        );
        // 2020 has 366 days, 2021 365.
        assert_eq!(days_from(Date::Year(2020), on(2020, 1, 1)), Some((0, 365)));
        assert_eq!(days_from(Date::Year(2021), on(2021, 1, 1)), Some((0, 364)));
        assert_eq!(days_from(Date::Month(2020, 13), on(2020, 1, 1)), None);
    }

    #[test]
    fn months_and_years_give_their_bounds_never_one_figure() {
        let as_of = NaiveDate::from_ymd_opt(2020, 10, 4).unwrap();
        for (date, want) in [
            (
                Date::Month(2020, 11),
                "sometime in Nov 2020, in 28 to 57 days",
            ),
            (
                Date::Month(2020, 8),
                "sometime in Aug 2020, between 34 and 64 days ago",
            ),
            (
                Date::Month(2020, 10),
                "sometime in Oct 2020, around now (between 3 days ago and in 27 days)",
            ),
            (
                Date::Year(2022),
                "sometime in 2022, in 454 to 818 days, about 15 to 27 months",
            ),
            (
                Date::Year(2020),
                "sometime in 2020, around now (between 277 days ago and in 88 days)",
            ),
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
                "in 14 to 35 days",
            ),
            (
                between(Point::Day(2020, 10, 2), Point::Day(2020, 10, 5)),
                "in 1 to 4 days",
            ),
            (
                between(Point::Day(2020, 10, 5), Point::Month(2020, 12)),
                "in 4 to 91 days",
            ),
            (
                between(Point::Year(2021), Point::Year(2022)),
                "in 92 to 821 days, about 3 to 27 months",
            ),
            // Past.
            (
                between(Point::Day(2020, 8, 10), Point::Day(2020, 9, 10)),
                "between 21 and 52 days ago",
            ),
            (
                between(Point::Month(2020, 8), Point::Day(2020, 9, 26)),
                "between 5 and 61 days ago",
            ),
            // Around the as-of date: how far back it began, how far on it ends.
            (
                between(Point::Day(2020, 9, 15), Point::Day(2020, 10, 20)),
                "around now (between 16 days ago and in 19 days)",
            ),
            (
                between(Point::Day(2020, 10, 1), Point::Month(2020, 12)),
                "around now (between today and in 91 days)",
            ),
            (
                between(Point::Month(2020, 8), Point::Day(2020, 10, 2)),
                "around now (between 61 days ago and tomorrow)",
            ),
        ] {
            assert_eq!(distance(date, as_of), want, "{date:?}");
        }
    }

    #[test]
    fn countdowns_for_a_column_are_exact_and_short() {
        for (days, want) in [
            ((0, 0), "today"),
            ((1, 1), "tomorrow"),
            ((-1, -1), "yesterday"),
            ((39, 39), "in 39 days"),
            ((-7, -7), "7 days ago"),
            ((28, 57), "in 28 to 57 days"),
            ((-64, -34), "34 to 64 days ago"),
            ((-33, 31), "33 days ago to in 31 days"),
            ((0, 5), "today to in 5 days"),
        ] {
            assert_eq!(countdown(days), want, "{days:?}");
        }
    }

    #[test]
    fn nearest_for_sure_prefers_a_day_to_a_vague_date_around_the_same_point() {
        use crate::timeline::Point;
        let as_of = NaiveDate::from_ymd_opt(2020, 10, 4).unwrap();
        let events = [
            (0, Date::Day(2020, 9, 19)),
            (1, Date::Day(2020, 9, 27)),
            // Contains the as-of date, but could be a month away.
            (
                2,
                Date::Between(Point::Month(2020, 9), Point::Day(2020, 11, 4)),
            ),
            // Year-only: "2020" contains it too.
            (3, Date::Year(2020)),
            (4, Date::Day(2020, 11, 4)),
        ];
        assert_eq!(nearest_for_sure(events, as_of), Some(1), "27 September");
        // A vague date wins when even its farthest day is nearer.
        let close = [(0, Date::Day(2020, 9, 27)), (1, Date::Month(2020, 10))];
        let oct_3 = NaiveDate::from_ymd_opt(2020, 10, 31).unwrap();
        assert_eq!(nearest_for_sure(close, oct_3), Some(1));
        // At the same distance, the narrower date; then the earlier.
        let tie = [
            (
                0,
                Date::Between(Point::Day(2020, 10, 1), Point::Day(2020, 10, 7)),
            ),
            (1, Date::Day(2020, 10, 1)),
            (2, Date::Day(2020, 10, 7)),
        ];
        assert_eq!(nearest_for_sure(tie, as_of), Some(1));
        assert_eq!(nearest_for_sure([], as_of), None);
        assert_eq!(
            nearest_for_sure([(0, Date::Day(2020, 2, 30))], as_of),
            None,
            "an impossible date is nowhere"
        );
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
