//! An SSH viewer's screens in follow mode, through ratatui's TestBackend at
//! 80x24 and 120x40: following the presenter (the footer says so and how to
//! stop), and browsing on its own. The snapshots are the spec.

use ratatui::layout::Size;
use timeline_explorer::timeline::load_builtin;
use timeline_explorer::tui::follow::FollowState;
use timeline_explorer::tui::{Action, App, Options, update};

mod common;

use common::screen::{draw, keys};

fn app(viewer: bool, w: u16, h: u16) -> App {
    let options = Options {
        viewer,
        as_of: chrono::NaiveDate::from_ymd_opt(2020, 10, 4),
        ..Options::default()
    };
    App::new(load_builtin().unwrap(), &options, Size::new(w, h))
}

/// The presenter's keys, then the viewer's, from a fresh start of both.
const SCREENS: &[(&str, &str, &str)] = &[
    // The presenter on the fourth slide: the viewer shows it at its own size.
    ("following_slide", "jjjp", ""),
    // The presenter reading the Nichols passage.
    ("following_reader", "/nichols\n\n", ""),
    // The viewer went down the list on its own: the presenter's slide waits for `f`.
    ("browsing", "jjjp", "jj"),
];

#[test]
fn viewer_screens_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        for (name, presenter_keys, viewer_keys) in SCREENS {
            // The presenter's own terminal is 100x30: neither of the viewers'.
            let mut p = app(false, 100, 30);
            keys(&mut p, presenter_keys);
            let mut v = app(true, w, h);
            update(&mut v, Action::PresenterHere(true));
            keys(&mut v, viewer_keys);
            update(&mut v, Action::Follow(Box::new(FollowState::of(&p))));
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(&v).backend());
        }
    }
}
