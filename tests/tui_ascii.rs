//! Every screen where the locale is not UTF-8: drawn in ASCII alone, the
//! data's typography transliterated (`“` as `"`, `—` as `--`), the app's own
//! glyphs as their twins. Snapshots at 80x24 and 120x40 are the spec.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use timeline_explorer::tui::{App, Options};

mod common;

use common::screen::{draw, keys};

fn app(ascii: bool, w: u16, h: u16) -> App {
    let options = Options {
        ascii,
        as_of: chrono::NaiveDate::from_ymd_opt(2020, 10, 4),
        ..Options::default()
    };
    common::screen::builtin(&options, w, h)
}

/// Each screen, by keys from a fresh start.
const SCREENS: &[(&str, &str)] = &[
    ("home", ""),
    ("filtering", "/oracle"),
    // The Commerce memo: quotes with curly quotes and an em dash.
    ("detail", "jjjjjjjjjl"),
    ("reader", "/nichols\n\n"),
    ("help", "?"),
    ("slide", "jjjp"),
    ("agenda", "a"),
    ("sources", "S"),
    ("sources_results", "S/ban | fcc\tjj"),
    ("marked", "mjm"),
];

fn every_cell_ascii(t: &Terminal<TestBackend>, name: &str) {
    for cell in &t.backend().buffer().content {
        assert!(cell.symbol().is_ascii(), "{name}: {:?}", cell.symbol());
    }
}

#[test]
fn every_screen_in_ascii_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        for (name, input) in SCREENS {
            let mut a = app(true, w, h);
            keys(&mut a, input);
            let t = draw(&a);
            every_cell_ascii(&t, name);
            insta::assert_snapshot!(format!("ascii_{name}_{w}x{h}"), t.backend());
        }
    }
}

/// The same screens in a UTF-8 locale keep their typography: the ASCII
/// drawing is the locale's doing, and leaves nothing behind for the next frame.
#[test]
fn a_utf8_frame_after_an_ascii_one_keeps_its_typography() {
    let ascii = app(true, 80, 24);
    let _ = draw(&ascii);
    let mut a = app(false, 80, 24);
    keys(&mut a, "jjjjjjjjjl");
    let shown = format!("{}", draw(&a).backend());
    assert!(shown.contains('“') && shown.contains('›'), "{shown}");
}

#[test]
fn data_text_is_transliterated_before_it_is_laid_out() {
    let mut a = app(true, 120, 40);
    keys(&mut a, "jjjjjjjjjl");
    let shown = format!("{}", draw(&a).backend());
    // The memo's quote: curly quotes straight, and the app's sign `›` as `>`.
    assert!(shown.contains("event > Commerce memo"), "{shown}");
    assert!(shown.contains("\"He references a September"), "{shown}");
    // An em dash is two hyphens, laid out as two columns.
    assert!(
        shown.contains("of the app -- called Douyin -- or"),
        "{shown}"
    );
    // Keys by name, not by arrow.
    keys(&mut a, "?");
    let help = format!("{}", draw(&a).backend());
    assert!(help.contains("Enter l Right"), "{help}");
}
