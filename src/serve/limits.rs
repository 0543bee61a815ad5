//! The bounds every session and connection is held to: what a room needs,
//! and no more than a laptop can give.

use std::time::Duration;

/// The server's limits, from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Connections at once, over all addresses.
    pub max_sessions: usize,
    /// Connections at once from one address: a room behind one NAT shares it.
    pub max_per_ip: usize,
    /// From TCP accept to a running session; past it the connection is cut.
    pub login_grace: Duration,
    /// With no key from the client this long, the session ends (warned a minute before).
    pub idle: Duration,
    /// No session lasts longer than this.
    pub max_session: Duration,
    /// A client that takes no output for this long is cut off.
    pub write_stall: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_sessions: 100,
            max_per_ip: 32,
            login_grace: Duration::from_secs(10),
            idle: Duration::from_secs(15 * 60),
            max_session: Duration::from_secs(4 * 60 * 60),
            write_stall: Duration::from_secs(10),
        }
    }
}

/// Input chunks waiting for a session task; more are dropped.
pub const INPUT_QUEUE: usize = 64;

/// The largest terminal a session draws: two ratatui buffers of 500x200
/// cells are about 10 MB; a 65535x65535 pty would ask for 400 GB.
pub const MAX_COLS: u16 = 500;
pub const MAX_ROWS: u16 = 200;

/// A client's claimed size, as the session will draw it: 0 means "unknown"
/// (80x24), anything else is kept to 1..=500 x 1..=200.
pub fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    if cols == 0 || rows == 0 {
        return (80, 24);
    }
    let fit = |n: u32, max: u16| n.min(u32::from(max)) as u16;
    (fit(cols, MAX_COLS), fit(rows, MAX_ROWS))
}

/// How long before the idle cut-off the session warns: a minute, or half
/// the idle time when that is shorter (tests use seconds).
pub fn idle_warning(idle: Duration) -> Duration {
    let minute = Duration::from_secs(60);
    if idle > minute * 2 {
        idle - minute
    } else {
        idle / 2
    }
}

/// "15m", "4h", "90s", "1h30m" as a duration; plain digits are seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let bad = || format!("'{s}' is not a duration like 90s, 15m, 4h or 1h30m");
    let mut total = 0u64;
    let mut number = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            _ => return Err(bad()),
        };
        let n: u64 = number.parse().map_err(|_| bad())?;
        total = total
            .checked_add(n.checked_mul(unit).ok_or_else(bad)?)
            .ok_or_else(bad)?;
        number.clear();
    }
    if !number.is_empty() {
        total = total
            .checked_add(number.parse::<u64>().map_err(|_| bad())?)
            .ok_or_else(bad)?;
    }
    if total == 0 {
        return Err(format!("'{s}' is no time at all: give at least 1s"));
    }
    Ok(Duration::from_secs(total))
}

/// "15m", "4h", "1h30m", "90s": as `parse_duration` reads them.
pub fn show_duration(d: Duration) -> String {
    let s = d.as_secs();
    let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
    let mut out = String::new();
    if h > 0 {
        out += &format!("{h}h");
    }
    if m > 0 {
        out += &format!("{m}m");
    }
    if sec > 0 || out.is_empty() {
        out += &format!("{sec}s");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_clamped_and_zero_is_the_default() {
        assert_eq!(clamp_size(0, 0), (80, 24));
        assert_eq!(clamp_size(100, 0), (80, 24));
        assert_eq!(clamp_size(65535, 65535), (500, 200));
        assert_eq!(clamp_size(u32::MAX, 1), (500, 1));
        assert_eq!(clamp_size(1, 1), (1, 1));
        assert_eq!(clamp_size(120, 40), (120, 40));
    }

    #[test]
    fn durations_read_and_print_the_same() {
        assert_eq!(parse_duration("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("5 days").is_err());
        assert!(parse_duration("99999999999999999999h").is_err());
        assert_eq!(show_duration(Duration::from_secs(5400)), "1h30m");
        assert_eq!(show_duration(Duration::from_secs(4 * 3600)), "4h");
    }

    #[test]
    fn the_idle_warning_comes_a_minute_before() {
        assert_eq!(
            idle_warning(Duration::from_secs(900)),
            Duration::from_secs(840)
        );
        assert_eq!(idle_warning(Duration::from_secs(4)), Duration::from_secs(2));
    }
}
