//! Every screen drawn through ratatui's TestBackend, at 80x24 and 120x40.
//! The snapshots in tests/snapshots/ are the spec: review them when they change.

use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use timeline_explorer::timeline::load_builtin;
use timeline_explorer::tui::{Action, App, Options, update};

mod common;

use common::screen::{draw, keys};

fn app(options: Options, w: u16, h: u16) -> App {
    common::screen::builtin(&options, w, h)
}

/// Each screen, reached by keys from a fresh start at the given size.
const SCREENS: &[(&str, &str)] = &[
    ("home", ""),
    ("filtering", "/oracle"),
    ("filter_kept", "/nichols | fcc\t"),
    ("empty_result", "/xyzzy"),
    ("filter_other_field", "/irreparable"),
    // The Commerce memo: seven citations and a dispute.
    ("detail", "jjjjjjjjjl"),
    // Cloutier on the servers: two disputes, one a headline against its body.
    ("detail_disputes", "jjjjjjjjjjjjjjjjl\t\t\t\t\t"),
    ("reader", "/nichols\n\n"),
    ("help", "?"),
    ("jump_prompt", "jj:sep 2"),
    // The hint is too long to share the footer: it gets rows of its own.
    ("jump_rejected", "jj:xyz\n"),
    // A panel longer than the screen says where in it you are.
    ("help_at_its_end", "?G"),
    // The lawsuit's slide is too long for 80x24: the summary gives way.
    ("slide_cut_to_fit", "jjjp"),
];

#[test]
fn screens_at_80x24() {
    for (name, input) in SCREENS {
        let mut a = app(Options::default(), 80, 24);
        keys(&mut a, input);
        insta::assert_snapshot!(format!("{name}_80x24"), draw(&a).backend());
    }
}

#[test]
fn screens_at_120x40() {
    for (name, input) in SCREENS {
        let mut a = app(Options::default(), 120, 40);
        keys(&mut a, input);
        insta::assert_snapshot!(format!("{name}_120x40"), draw(&a).backend());
    }
}

#[test]
fn too_small_and_just_big_enough() {
    for (w, h) in [(29, 6), (10, 2), (1, 1)] {
        let a = app(Options::default(), w, h);
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), draw(&a).backend());
    }
    let mut a = app(Options::default(), 30, 6);
    keys(&mut a, "/or");
    insta::assert_snapshot!("smallest_30x6", draw(&a).backend());
}

#[test]
fn ranked_filter_says_so_in_the_header() {
    let mut a = app(Options::default(), 80, 24);
    keys(&mut a, "/douyin\ts");
    insta::assert_snapshot!("ranked_80x24", draw(&a).backend());
}

#[test]
fn the_cited_passage_is_highlighted_in_colour_and_without() {
    for no_color in [false, true] {
        let mut a = app(
            Options {
                no_color,
                ..Options::default()
            },
            80,
            24,
        );
        keys(&mut a, "/nichols\n\n");
        let t = draw(&a);
        let buf = t.backend().buffer();
        let (x, y) = find(buf, "Judge Carl Nichols").expect("passage on screen");
        let cell = &buf[(x, y)];
        if no_color {
            assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        } else {
            assert_eq!(cell.bg, Color::Yellow);
            assert_eq!(cell.fg, Color::Black);
        }
        // Only named colours: nothing that needs true colour or 256.
        for cell in buf.content() {
            for c in [cell.fg, cell.bg] {
                assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(_)), "{c:?}");
            }
        }
    }
}

#[test]
fn matched_characters_are_marked_in_titles() {
    let mut a = app(Options::default(), 80, 24);
    keys(&mut a, "/oracle");
    let t = draw(&a);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "Oracle").unwrap();
    assert!(
        buf[(x, y)]
            .modifier
            .contains(Modifier::BOLD | Modifier::UNDERLINED)
    );
    assert!(
        !buf[(x - 2, y)].modifier.contains(Modifier::UNDERLINED),
        "only the match is marked"
    );
}

#[test]
fn the_cursor_follows_the_selection() {
    let mut a = app(Options::default(), 80, 24);
    keys(&mut a, "jjj");
    let mut t = draw(&a);
    // Header, two rows of ruler, then the list: the fourth event is on row 6.
    assert_eq!(
        t.backend_mut().get_cursor_position().unwrap(),
        Position::new(0, 6)
    );
    keys(&mut a, "/ora");
    let mut t2 = draw(&a);
    assert_eq!(
        t2.backend_mut().get_cursor_position().unwrap(),
        Position::new(4, 23),
        "after /ora in the query line"
    );
    update(&mut a, Action::CancelFilter);
    // The emergency order cites two passages: Tab selects the second.
    keys(&mut a, "/ieepa\n\t");
    let mut t3 = draw(&a);
    let at = t3.backend_mut().get_cursor_position().unwrap();
    let row: String = (0..80)
        .map(|x| t3.backend().buffer()[(x, at.y)].symbol().to_string())
        .collect();
    assert!(
        row.contains("▶ [2]"),
        "cursor on the selected citation: {row}"
    );
}

#[test]
fn wide_characters_keep_columns_aligned() {
    let mut tl = load_builtin().unwrap();
    tl.events[0].title =
        "抖音 Douyin 和 TikTok：数据之争 — 一个很长很长很长很长的标题用于测试截断".into();
    let a = App::new(tl, &Options::default(), Size::new(80, 24));
    insta::assert_snapshot!("wide_characters_80x24", draw(&a).backend());
}

fn find(buf: &ratatui::buffer::Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buf.area;
    for y in 0..area.height {
        let row: Vec<String> = (0..area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        let line: String = row.concat();
        if let Some(byte) = line.find(needle) {
            // Map the byte offset back to a column.
            let mut len = 0;
            for (x, s) in row.iter().enumerate() {
                if len == byte {
                    return Some((x as u16, y));
                }
                len += s.len();
            }
        }
    }
    None
}

#[test]
fn countdowns_from_an_as_of_date() {
    let as_of = chrono::NaiveDate::from_ymd_opt(2020, 10, 1);
    let options = || Options {
        as_of,
        ..Options::default()
    };
    let mut a = app(options(), 80, 24);
    keys(&mut a, "t");
    insta::assert_snapshot!("as_of_home_80x24", draw(&a).backend());
    let mut a = app(
        Options {
            select: Some("november-deadline".into()),
            ..options()
        },
        80,
        24,
    );
    keys(&mut a, "l");
    insta::assert_snapshot!("as_of_detail_80x24", draw(&a).backend());
}

/// Only the header and the ruler's two rows: the ruler is the subject.
fn ruler_rows(a: &App) -> String {
    let t = draw(a);
    let buf = t.backend().buffer();
    (0..3)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_ruler_at_several_widths_and_in_ascii() {
    let as_of = chrono::NaiveDate::from_ymd_opt(2021, 6, 1);
    let mut shots = String::new();
    for (width, ascii) in [(40, false), (60, false), (100, false), (60, true)] {
        let mut a = app(
            Options {
                as_of,
                ascii,
                ..Options::default()
            },
            width,
            24,
        );
        keys(&mut a, "jjjjjjjjjjj");
        shots.push_str(&format!(
            "{width} columns{}:\n{}\n\n",
            if ascii { ", ASCII" } else { "" },
            ruler_rows(&a)
        ));
    }
    insta::assert_snapshot!("ruler", shots);
}

#[test]
fn a_presentation_slide() {
    let as_of = chrono::NaiveDate::from_ymd_opt(2020, 10, 1);
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(
            Options {
                as_of,
                select: Some("november-deadline".into()),
                present: true,
                ..Options::default()
            },
            w,
            h,
        );
        keys(&mut a, "");
        insta::assert_snapshot!(format!("slide_{w}x{h}"), draw(&a).backend());
    }
}

/// The rows of a screen, as text.
fn rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn every_slide_shows_its_attribution_whole_at_80x24() {
    let tl = load_builtin().unwrap();
    for (i, e) in tl.events.iter().enumerate() {
        let mut a = app(
            Options {
                select: Some(e.id.to_string()),
                present: true,
                ..Options::default()
            },
            80,
            24,
        );
        keys(&mut a, "");
        let screen = rows(&draw(&a));
        let place = format!("{} / {}", i + 1, tl.events.len());
        assert!(
            screen.iter().any(|r| r.contains(&place)),
            "{}: no {place}",
            e.id
        );
        let Some(from) = screen.iter().position(|r| r.starts_with(" — ")) else {
            panic!("{}: no attribution on\n{}", e.id, screen.join("\n"));
        };
        // It ends on the row before the place, or is cut with an ellipsis.
        let last = screen[from..]
            .iter()
            .take_while(|r| !r.contains(&place) && !r.trim().is_empty())
            .last()
            .unwrap();
        let source = tl.source_of(&e.citations[0]).unwrap().cite_as();
        let tail: String = source
            .chars()
            .rev()
            .take(8)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert!(
            last.trim_end().ends_with(&tail) || last.trim_end().ends_with('…'),
            "{}: attribution cut without an ellipsis:\n{}",
            e.id,
            screen.join("\n")
        );
    }
}

/// The shipped timeline edited on disk with a mistake, as a reload brings it.
fn reload_with_a_mistake(a: &mut App) {
    use timeline_explorer::tui::state::action::Shared;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |_: Option<&str>, file: &str| {
        std::fs::read_to_string(root.join(file)).map_err(|e| e.to_string())
    };
    let text = include_str!("../data/timeline.ron").replacen(
        "kind: Hearing,",
        "kind: Hearing, bogus: 1,",
        1,
    );
    let checked = timeline_explorer::timeline::load::check_str(&text, "data/timeline.ron", &read);
    update(a, Action::Reloaded(Shared::new(checked)));
}

#[test]
fn a_reload_with_errors_and_its_problems() {
    let mut a = app(Options::default(), 80, 24);
    reload_with_a_mistake(&mut a);
    insta::assert_snapshot!("reload_error_status_80x24", draw(&a).backend());
    // Once the message is gone, the footer still says the data on disk is bad.
    keys(&mut a, "j");
    insta::assert_snapshot!("reload_error_footer_80x24", draw(&a).backend());
    keys(&mut a, "e");
    insta::assert_snapshot!("problems_80x24", draw(&a).backend());
}

#[test]
fn a_config_with_a_mistake() {
    let options = Options {
        config: timeline_explorer::tui::ConfigNote {
            path: Some("/home/u/.config/timeline-explorer/config.ron".into()),
            loaded: false,
            problem: Some(
                timeline_explorer::config::parse(
                    "(\n  theme: dark,\n  mouse: yes,\n)",
                    "/home/u/.config/timeline-explorer/config.ron",
                )
                .unwrap_err()
                .to_string(),
            ),
        },
        ..Options::default()
    };
    let mut a = app(options, 80, 24);
    insta::assert_snapshot!("config_error_status_80x24", draw(&a).backend());
    keys(&mut a, "e");
    insta::assert_snapshot!("config_error_problems_80x24", draw(&a).backend());
}

#[test]
fn themes_from_the_config() {
    use timeline_explorer::config::ThemeName;
    let key_colour = |theme: ThemeName, no_color: bool| {
        let a = app(
            Options {
                theme,
                no_color,
                ..Options::default()
            },
            80,
            24,
        );
        let t = draw(&a);
        let buf = t.backend().buffer();
        let (x, y) = find(buf, "? help").expect("the help hint");
        let cell = buf[(x, y)].clone();
        // Named colours only, in every theme.
        for cell in buf.content() {
            for c in [cell.fg, cell.bg] {
                assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(_)), "{c:?}");
            }
        }
        (cell.fg, cell.modifier.contains(Modifier::BOLD))
    };
    assert_eq!(key_colour(ThemeName::Dark, false), (Color::Cyan, true));
    // Cyan washes out on white: blue instead.
    assert_eq!(key_colour(ThemeName::Light, false), (Color::Blue, true));
    assert_eq!(key_colour(ThemeName::Mono, false), (Color::Reset, true));
    // NO_COLOR wins over the config.
    assert_eq!(key_colour(ThemeName::Light, true), (Color::Reset, true));
}

#[path = "common/ranges.rs"]
mod ranges;

/// A timeline with ranges (tests/common/ranges.rs), as of 1 October 2020:
/// inside two of its ranges, before one and after one.
fn ranges_app(options: Options, w: u16, h: u16) -> App {
    let options = Options {
        as_of: chrono::NaiveDate::from_ymd_opt(2020, 10, 1),
        ..options
    };
    App::new(ranges::timeline(), &options, Size::new(w, h))
}

fn select(a: &mut App, id: &str) {
    a.list.selected = a
        .filter
        .hits
        .iter()
        .position(|h| a.timeline.events[h.event].id == id)
        .unwrap();
}

#[test]
fn ranges_in_the_list_the_event_and_a_slide() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = ranges_app(Options::default(), w, h);
        select(&mut a, "cloutier-interview");
        insta::assert_snapshot!(format!("ranges_list_{w}x{h}"), draw(&a).backend());
        keys(&mut a, "l");
        insta::assert_snapshot!(format!("ranges_detail_{w}x{h}"), draw(&a).backend());
        let mut a = ranges_app(
            Options {
                present: true,
                select: Some("cloutier-filing".into()),
                ..Options::default()
            },
            w,
            h,
        );
        insta::assert_snapshot!(format!("ranges_slide_{w}x{h}"), draw(&a).backend());
        // A range of years: its start in digits, its end in words.
        keys(&mut a, "g");
        insta::assert_snapshot!(format!("ranges_slide_years_{w}x{h}"), draw(&a).backend());
    }
}

#[test]
fn the_ruler_draws_ranges_as_spans() {
    let mut shots = String::new();
    for (width, ascii, query) in [
        (30, false, ""),
        (80, false, ""),
        (80, true, ""),
        // Without the range of years that covers the whole ruler.
        (80, false, "!plan"),
        (80, true, "!plan"),
    ] {
        let mut a = ranges_app(
            Options {
                ascii,
                query: Some(query.into()),
                ..Options::default()
            },
            width,
            24,
        );
        select(&mut a, "cloutier-interview");
        shots.push_str(&format!(
            "{width} columns{}{}:\n{}\n\n",
            if ascii { ", ASCII" } else { "" },
            if query.is_empty() {
                String::new()
            } else {
                format!(", /{query}")
            },
            ruler_rows(&a)
        ));
    }
    insta::assert_snapshot!("ruler_ranges", shots);
}

#[test]
fn at_1000_columns_a_range_spans_its_days_exactly() {
    let mut a = ranges_app(
        Options {
            query: Some("!plan".into()),
            ..Options::default()
        },
        1000,
        40,
    );
    select(&mut a, "cloutier-interview");
    let row: Vec<String> = {
        let t = draw(&a);
        let buf = t.backend().buffer();
        (0..1000)
            .map(|x| buf[(x, 1)].symbol().to_string())
            .collect()
    };
    // From 1 August (mayer-quits starts) to 30 November (cloutier-filing ends):
    // 121 days over 999 columns.
    let col = |m: u32, d: u32| {
        let day = chrono::NaiveDate::from_ymd_opt(2020, m, d).unwrap();
        let lo = chrono::NaiveDate::from_ymd_opt(2020, 8, 1).unwrap();
        ((day - lo).num_days() * 999 / 121) as usize
    };
    assert_eq!(row[col(8, 20)], "▼", "the selected range's start");
    assert_eq!(row[col(8, 14)], "┃", "a single date: a tick");
    assert_eq!(row[col(9, 27)], "┃", "a tick stays visible over a span");
    assert_eq!(row[col(10, 1)], "◆", "the as-of date");
    // Between its ends, the interview's span (and others'), but for the
    // ticks and the as-of mark drawn over it.
    let over = [col(9, 27), col(10, 1), col(11, 4), col(11, 12)];
    let inside = (col(8, 20) + 1)..col(11, 12);
    for (x, cell) in row.iter().enumerate().filter(|(x, _)| inside.contains(x)) {
        if !over.contains(&x) {
            assert_eq!(cell, "━", "column {x}");
        }
    }
    assert_eq!(row[col(11, 12)], "┃", "the deadline");
    // Past the interview's end, the filing's span runs to 30 November.
    assert_eq!(row[col(11, 12) + 1], "━");
    assert_eq!(row[999], "━");
    assert_eq!(row[1], "━", "mayer-quits: August to September");
}

#[test]
fn the_agenda_at_80x24_and_120x40() {
    let as_of = chrono::NaiveDate::from_ymd_opt(2020, 10, 4);
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(
            Options {
                as_of,
                ..Options::default()
            },
            w,
            h,
        );
        keys(&mut a, "a");
        insta::assert_snapshot!(format!("agenda_{w}x{h}"), draw(&a).backend());
    }
    // Past the last event: nothing ahead, and how to leave.
    let mut a = app(
        Options {
            as_of: chrono::NaiveDate::from_ymd_opt(2022, 7, 9),
            ..Options::default()
        },
        80,
        24,
    );
    keys(&mut a, "a");
    insta::assert_snapshot!("agenda_empty_80x24", draw(&a).backend());
}

/// The sources screen and searching the articles, reached by keys.
const SOURCES_SCREENS: &[(&str, &str)] = &[
    ("sources", "S"),
    ("sources_typing", "S/oracle"),
    ("sources_results", "S/ban | fcc\tjj"),
    // A passage found, read: the search comes along, its match in focus.
    ("reader_search_carried", "S/nichols\n"),
    // A search typed in the reader; n steps to its second match.
    ("reader_search", "jjjjjjjjjo/commerce\nn"),
];

#[test]
fn sources_screens_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        for (name, input) in SOURCES_SCREENS {
            let mut a = app(Options::default(), w, h);
            keys(&mut a, input);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(&a).backend());
        }
    }
}

#[test]
fn matches_are_marked_in_results_and_in_the_reader() {
    let mut a = app(Options::default(), 80, 24);
    keys(&mut a, "S/nichols\t");
    let t = draw(&a);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "Nichols").expect("the match is in view on its row");
    assert_eq!(y, 2, "on the first result row");
    assert!(
        buf[(x, y)]
            .modifier
            .contains(Modifier::BOLD | Modifier::UNDERLINED)
    );
    assert!(!buf[(x - 2, y)].modifier.contains(Modifier::UNDERLINED));
    keys(&mut a, "\n");
    let t = draw(&a);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "Nichols granted").expect("the match in the reader");
    let cell = &buf[(x, y)];
    assert!(
        cell.modifier
            .contains(Modifier::BOLD | Modifier::UNDERLINED | Modifier::REVERSED),
        "the match in focus: {cell:?}"
    );
    assert!(!buf[(x - 2, y)].modifier.contains(Modifier::UNDERLINED));
    let mut backend = t.backend().clone();
    assert_eq!(backend.get_cursor_position().unwrap(), Position::new(1, y));
}

#[test]
fn every_help_line_fits_an_80_column_terminal() {
    // The panel cuts lines at its border without a mark: a help text that
    // does not fit 80 columns loses its end where presenters need it most.
    let inner = 80 - 2 - 2;
    for pick in [false, true] {
        let mut a = app(Options::default(), 80, 24);
        a.pick = pick;
        for line in timeline_explorer::tui::overlays::help::lines(&a) {
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            assert!(
                unicode_width::UnicodeWidthStr::width(text.as_str()) <= inner,
                "{} columns: {text}",
                unicode_width::UnicodeWidthStr::width(text.as_str())
            );
        }
    }
}

#[test]
fn help_names_every_binding_of_the_key_table() {
    // A screen whose keys are missing from `?` cannot be learned in the app.
    use timeline_explorer::tui::keys::BINDINGS;
    let mut a = app(Options::default(), 80, 24);
    a.pick = true;
    // A viewer's: the local app leaves out following.
    a.follow = timeline_explorer::tui::follow::Follow::Browsing;
    let text: Vec<String> = timeline_explorer::tui::overlays::help::lines(&a)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    for b in BINDINGS {
        assert!(
            text.iter().any(|l| l.contains(b.context.title())),
            "no heading for {:?}",
            b.context
        );
        assert!(
            text.iter().any(|l| l.ends_with(b.help)),
            "{:?} {}: '{}' is not in the help",
            b.context,
            b.name,
            b.help
        );
    }
}
