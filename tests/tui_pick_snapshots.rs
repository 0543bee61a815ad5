//! Pick mode's screens through ratatui's TestBackend, at 80x24 and 120x40:
//! the list with its footer (Enter picks, m marks, Esc cancels), the header
//! counting marks, and typing a filter. The snapshots are the spec.

use timeline_explorer::tui::{App, Options};

mod common;

use common::screen::{draw, keys};

fn picking(w: u16, h: u16) -> App {
    let options = Options {
        pick: true,
        as_of: chrono::NaiveDate::from_ymd_opt(2020, 10, 4),
        ..Options::default()
    };
    common::screen::builtin(&options, w, h)
}

/// Each pick screen, reached by keys from a fresh start.
const SCREENS: &[(&str, &str)] = &[
    ("pick", ""),
    // Two marked: the header says Enter prints both.
    ("pick_marked", "jmjjjmk"),
    ("pick_typing", "/oracle"),
    ("pick_help", "?"),
];

#[test]
fn pick_screens_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        for (name, input) in SCREENS {
            let mut a = picking(w, h);
            keys(&mut a, input);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(&a).backend());
        }
    }
}
