//! `check`'s report as text: what the CLI prints and the app shows on `e`.

use unicode_width::UnicodeWidthStr;

use super::load::Checked;
use crate::sanitize::one_line;

/// The widest the column of source ids gets; longer ids overflow it.
const ID_COLUMN: usize = 40;

/// Per-source tallies, every problem with its place, and a summary line.
/// Everything from a file in it is sanitized and kept to its line (problems
/// see to their own).
pub fn render(checked: &Checked, label: &str) -> String {
    let mut out = String::new();
    if let Some(tl) = &checked.timeline {
        out.push_str(&format!(
            "{}: \"{}\": {} events, {} sources\n",
            one_line(label),
            one_line(&tl.title),
            tl.events.len(),
            tl.sources.len()
        ));
        let tallies = &checked.report.tallies;
        // Ids line up in a column, but no wider than ID_COLUMN: the width comes
        // from the data, and a format width past u16::MAX panics.
        let width = tallies
            .iter()
            .map(|t| t.source.width())
            .max()
            .unwrap_or(0)
            .min(ID_COLUMN);
        for t in tallies {
            let mark = if t.found == t.cited { "ok" } else { "MISSING" };
            let source = one_line(&t.source);
            let pad = " ".repeat(width.saturating_sub(source.width()));
            out.push_str(&format!(
                "  {source}{pad}  {:>3}/{:<3} quotes found  {:<7}  {}\n",
                t.found,
                t.cited,
                mark,
                one_line(&t.file)
            ));
        }
    }
    for p in &checked.report.problems {
        out.push_str(&format!("{p}\n"));
    }
    out.push_str(&summary(checked));
    out.push('\n');
    out
}

/// "ok: ...", or "2 errors, 1 warning", or under `check --strict`
/// "2 errors (warnings count as errors with --strict)".
pub fn summary(checked: &Checked) -> String {
    let problems = &checked.report.problems;
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    if checked.report.strict && errors > 0 {
        format!(
            "{} (warnings count as errors with --strict)",
            count(errors, "error")
        )
    } else if checked.is_clean() {
        let mut s = "ok: every quote found verbatim in its source".to_string();
        if warnings > 0 {
            s.push_str(&format!(" ({})", count(warnings, "warning")));
        }
        s
    } else {
        format!("{}, {}", count(errors, "error"), count(warnings, "warning"))
    }
}

/// "1 error", "3 warnings".
pub fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
