//! The figures of one comparison, as a Markdown table for the README and as
//! JSON.

use std::fmt::Write as _;

use serde::Serialize;

/// One spawn of one tool typing one query.
#[derive(Serialize)]
pub struct Run {
    pub first_frame_ms: Option<f64>,
    pub complete_ms: Option<f64>,
    pub per_key_ms: Vec<f64>,
    pub bytes: Vec<usize>,
    pub worst_ms: f64,
    pub median_ms: f64,
    /// The second spawn's keys, each timed to the last byte before the
    /// settle time of silence: the whole answer.
    pub whole: Option<Keys>,
}

#[derive(Serialize)]
pub struct Keys {
    pub per_key_ms: Vec<f64>,
    pub worst_ms: f64,
    pub median_ms: f64,
}

#[derive(Serialize)]
pub struct Query {
    /// As typed, prefix included (`/oracle dea`).
    pub typed: String,
    pub runs: Vec<Run>,
}

#[derive(Serialize)]
pub struct Tool {
    pub name: &'static str,
    /// `installed`, `not installed`, or what went wrong.
    pub status: String,
    pub version: Option<String>,
    pub command: Option<String>,
    pub queries: Vec<Query>,
}

#[derive(Serialize)]
pub struct Machine {
    pub nproc: usize,
    pub cpu: String,
    /// /proc/loadavg's first three fields, before and after the run: the
    /// machine may be shared.
    pub loadavg_before: String,
    pub loadavg_after: String,
}

#[derive(Serialize)]
pub struct Report {
    pub date: String,
    pub machine: Machine,
    pub command: String,
    pub commit: Option<String>,
    pub events: usize,
    pub cols: u16,
    pub rows: u16,
    pub quiet_ms: f64,
    pub settle_ms: Option<f64>,
    pub runs: usize,
    pub tools: Vec<Tool>,
}

/// As Python's `statistics.median`, which keylat.py uses: the mean of the
/// two middle values of an even count.
pub fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    }
}

pub fn ms(d: std::time::Duration) -> f64 {
    (d.as_secs_f64() * 1e5).round() / 100.0
}

impl Run {
    pub fn new(first: Option<f64>, complete: Option<f64>, keys: Vec<(f64, usize)>) -> Run {
        let per_key_ms: Vec<f64> = keys.iter().map(|k| k.0).collect();
        Run {
            first_frame_ms: first,
            complete_ms: complete,
            worst_ms: per_key_ms.iter().copied().fold(0.0, f64::max),
            median_ms: median(&per_key_ms),
            bytes: keys.iter().map(|k| k.1).collect(),
            per_key_ms,
            whole: None,
        }
    }

    pub fn whole(&mut self, per_key_ms: Vec<f64>) {
        self.whole = Some(Keys {
            worst_ms: per_key_ms.iter().copied().fold(0.0, f64::max),
            median_ms: median(&per_key_ms),
            per_key_ms,
        });
    }
}

/// A duration for a table cell: seconds from one second up.
fn time(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.1} ms")
    }
}

/// The median of the runs, with every run's own figure when there are several.
fn cell(values: &[Option<f64>], whole: fn(&[f64]) -> f64) -> String {
    let seen: Vec<f64> = values.iter().flatten().copied().collect();
    if seen.is_empty() {
        return "never".into();
    }
    let all = values
        .iter()
        .map(|v| v.map_or("never".into(), time))
        .collect::<Vec<_>>()
        .join(", ");
    let missed = seen.len() < values.len();
    if values.len() == 1 {
        all
    } else if missed {
        format!("{} ({all})", time(whole(&seen)))
    } else {
        format!("**{}** ({all})", time(whole(&seen)))
    }
}

fn worst(values: &[f64]) -> f64 {
    values.iter().copied().fold(0.0, f64::max)
}

impl Report {
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let m = &self.machine;
        let _ = writeln!(
            out,
            "{} events, {}x{} pty, {} run(s) per query; {} on {} CPUs ({}), \
             load average {} before and {} after.\n",
            self.events,
            self.cols,
            self.rows,
            self.runs,
            self.date,
            m.nproc,
            m.cpu,
            m.loadavg_before,
            m.loadavg_after,
        );
        let whole = self.settle_ms.is_some();
        out.push_str("| tool | query | first frame | complete | worst key | median key |");
        out.push_str(if whole {
            " worst whole answer | median whole answer |\n|---|---|---|---|---|---|---|---|\n"
        } else {
            "\n|---|---|---|---|---|---|\n"
        });
        for tool in &self.tools {
            let name = tool
                .version
                .clone()
                .unwrap_or_else(|| tool.name.to_string());
            if tool.queries.is_empty() {
                let _ = writeln!(
                    out,
                    "| {name} | | {} | | | |{}",
                    tool.status,
                    if whole { " | |" } else { "" }
                );
                continue;
            }
            for q in &tool.queries {
                let col =
                    |f: &dyn Fn(&Run) -> Option<f64>| q.runs.iter().map(f).collect::<Vec<_>>();
                let _ = write!(
                    out,
                    "| {name} | `{}` | {} | {} | {} | {} |",
                    q.typed,
                    cell(&col(&|r| r.first_frame_ms), median),
                    cell(&col(&|r| r.complete_ms), median),
                    cell(&col(&|r| Some(r.worst_ms)), worst),
                    cell(&col(&|r| Some(r.median_ms)), median),
                );
                if whole {
                    let _ = write!(
                        out,
                        " {} | {} |",
                        cell(&col(&|r| r.whole.as_ref().map(|w| w.worst_ms)), worst),
                        cell(&col(&|r| r.whole.as_ref().map(|w| w.median_ms)), median),
                    );
                }
                out.push('\n');
            }
        }
        let _ = write!(
            out,
            "\nIn bold the median over runs (worst columns: the worst), then each run's figure. \
             A key is timed as keylat.py times it: from writing it to the last byte of the \
             answer before {} ms of silence (the `/` before a query is typed untimed).",
            self.quiet_ms
        );
        if let Some(settle) = self.settle_ms {
            let _ = write!(
                out,
                " A whole answer: the same, in a second spawn typing a key only after {settle} ms \
                 of silence, so that matches drawn after a pause are counted.",
            );
        }
        out.push_str("\n\n");
        for tool in &self.tools {
            match (&tool.version, &tool.command) {
                (Some(v), Some(c)) if tool.status == "installed" => {
                    let _ = writeln!(out, "- {v}: `{c}`");
                }
                (Some(v), _) => {
                    let _ = writeln!(out, "- {v}: {}", tool.status);
                }
                _ => {
                    let _ = writeln!(out, "- {}: {}", tool.name, tool.status);
                }
            }
        }
        let _ = write!(out, "\nCommand: `{}`", self.command);
        match &self.commit {
            Some(c) => {
                let _ = writeln!(out, ", at commit {c}.");
            }
            None => out.push_str(".\n"),
        }
        out
    }
}
