//! The problems panel (`e`): what the last reload of the data found, as `check`
//! reports it, and what was wrong with the config file.

use ratatui::style::Style;
use ratatui::text::Line;

use crate::tui::state::app::App;
use crate::tui::widgets::layout;
use crate::tui::widgets::text::display;

/// Wrapped to the panel, so that every row scrolls into view.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    // Inside the panel's border and padding.
    let width = usize::from(layout::frame(app.size).body.width.saturating_sub(4)).max(10);
    let wrapped = |line: &str, style: Style| -> Vec<Line<'static>> {
        let options = textwrap::Options::new(width).subsequent_indent("      ");
        textwrap::wrap(&display(line), options)
            .into_iter()
            .map(|row| Line::styled(row.into_owned(), style))
            .collect()
    };
    let mut out = Vec::new();
    if let Some(trouble) = &app.trouble {
        out.push(Line::styled(
            if trouble.errors {
                "The timeline on disk has errors: the last good version is shown"
            } else {
                "The timeline on disk loaded with warnings"
            },
            t.heading,
        ));
        for line in &trouble.report {
            let style = if line.contains(": error:") {
                t.warning
            } else {
                Style::new()
            };
            out.extend(wrapped(line, style));
        }
        out.push(Line::default());
    }
    if let Some(problem) = &app.config.problem {
        out.push(Line::styled(
            "The config file has a problem: defaults are in use",
            t.heading,
        ));
        for line in problem.lines() {
            out.extend(wrapped(line, t.warning));
        }
    }
    if out.is_empty() {
        // Left open while the files were fixed.
        out.push(Line::styled(
            "Nothing is wrong now: the timeline and the config check clean.",
            t.heading,
        ));
    }
    out
}
