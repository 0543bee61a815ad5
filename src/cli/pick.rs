//! `pick`'s answer, printed once the app has given the terminal back, and the
//! marks `list --marked` lists.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

use clap::ValueEnum;
use timeline_explorer::format::{json, lines, markdown};
use timeline_explorer::marks::{self, Store};
use timeline_explorer::timeline::Timeline;

use super::say;
use super::user_error::UserError;

/// How `pick` prints what was chosen.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Each event's first citation as y copies it: date and title, the quote
    /// as a block, the source's label.
    Markdown,
    /// The JSON contract, as `list --format json`, with the chosen events.
    Json,
    /// As `list --format lines`.
    Lines,
    /// One event id a line.
    Id,
}

/// The chosen events (indices into `tl.events`, in date order) as `format` has them.
pub fn answer(tl: &Timeline, events: &[usize], format: Format) -> String {
    let chosen = events.iter().filter_map(|&i| tl.events.get(i));
    match format {
        Format::Markdown => {
            let cited: String = chosen
                .filter_map(|e| Some(markdown::cited(tl, e, e.citations.first()?)))
                .collect();
            // One line break at the end, as a pasted block wants.
            format!("{}\n", cited.trim_end())
        }
        Format::Json => json::to_string(&json::timeline(tl, chosen)),
        Format::Lines => chosen.map(|e| lines::line(e) + "\n").collect(),
        Format::Id => chosen.map(|e| e.id.clone() + "\n").collect(),
    }
}

/// `pick` with no terminal to draw on: a usage error (exit status 2).
pub fn needs_a_terminal(e: &std::io::Error) -> UserError {
    UserError::usage(format!("pick needs a terminal: cannot open /dev/tty ({e})")).hint(
        "run it in a terminal; only its answer goes to stdout, so \
         `timeline-explorer pick | pbcopy` works",
    )
}

/// The ids of this timeline's events marked in the app, or (having said why
/// on stderr) the exit status when there are none.
pub fn marked(data: Option<&Path>, tl: &Timeline) -> Result<BTreeSet<String>, ExitCode> {
    let key = marks::key(data, &tl.title);
    let saved = match Store::default_location().map(|s| s.load(&key)) {
        Some(Ok(saved)) => saved,
        Some(Err(problem)) => {
            super::user_error::warn(&problem, "");
            BTreeSet::new()
        }
        None => BTreeSet::new(),
    };
    // Marks of events this timeline no longer has do not count.
    let ids: BTreeSet<String> = (tl.events.iter())
        .filter(|e| saved.contains(e.id.as_str()))
        .map(|e| e.id.to_string())
        .collect();
    if ids.is_empty() {
        say(
            "no events are marked for this timeline: press m on one in the app \
             (timeline-explorer, or timeline-explorer pick) to mark it",
        );
        return Err(ExitCode::from(1));
    }
    Ok(ids)
}
