//! Drawing: `view(&App, &mut Frame)` reads the state and changes nothing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::keys::Context;
use crate::tui::overlays::{help, problems};
use crate::tui::parts::{footer, ruler};
use crate::tui::screens::{detail, list, present, reader, sources};
use crate::tui::state::app::{App, Panel, Screen};
use crate::tui::widgets::layout;
use crate::tui::widgets::text::{marked_spans, width};

pub fn view(app: &App, frame: &mut Frame) {
    // Where the locale is not UTF-8, text is laid out in ASCII and what is
    // left (borders, signs) is turned so before the frame goes out.
    let _ascii = crate::tui::widgets::text::drawing(app.ascii);
    draw(app, frame);
    if app.ascii {
        crate::tui::widgets::ascii::frame(frame.buffer_mut());
    }
}

fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if layout::too_small(area.as_size()) {
        let lines = vec![
            Line::from("terminal too small"),
            Line::from(format!(
                "{}x{}, need {}x{}",
                area.width,
                area.height,
                layout::MIN_WIDTH,
                layout::MIN_HEIGHT
            )),
        ];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let areas = layout::frame(area.as_size());
    draw_header(app, frame, areas.header);
    let mut cursor = match app.screen {
        Screen::List => {
            let home = layout::home(areas.body);
            if let Some(area) = home.ruler {
                ruler::draw(app, frame, area);
            }
            list::draw_list(app, frame, home.list);
            if let Some(p) = home.preview {
                list::draw_preview(app, frame, p, p.y == home.list.y);
            }
            list::cursor(app, home.list)
        }
        Screen::Detail => detail::draw(app, frame, areas.body),
        Screen::Reader => reader::draw(app, frame, areas.body),
        Screen::Present => {
            present::draw(app, frame, areas.body);
            None
        }
        Screen::Sources => sources::draw(app, frame, areas.body),
    };
    if let Some(overlay) = app.overlay {
        // The title names the key that closes it, as the user has it bound.
        let key = |name| app.keymap.label_of(Context::Everywhere, name);
        let (title, lines) = match overlay.kind {
            Panel::Help => (
                format!(" Keys — {} or Esc closes ", key("help")),
                help::lines(app),
            ),
            Panel::Problems => (
                format!(" Problems — {} or Esc closes ", key("problems")),
                problems::lines(app),
            ),
        };
        help::panel(app, frame, areas.body, &title, lines, overlay.scroll);
        cursor = None;
    }
    if let Some(at) = footer::draw(app, frame, areas.footer) {
        cursor = Some(at);
    }
    // The cursor follows the selection, so screen readers and magnifiers do too.
    if let Some(at) = cursor {
        frame.set_cursor_position(at);
    }
}

/// The timeline's title and where the user is; the count reads `N of M events`.
fn draw_header(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    // Picking with marks (perhaps from earlier sessions), Enter prints them all.
    let picks =
        crate::tui::state::pick::marked(app).map_or(String::new(), |n| format!("{n} marked · "));
    let flags = format!(
        "{picks}{}{}{}",
        if app.filter.busy { "filtering… " } else { "" },
        if app.filter.ranked { "ranked · " } else { "" },
        if app.marked_only { "marked · " } else { "" },
    );
    // Deeper screens name what they show; the list names the timeline.
    let place = match app.screen {
        Screen::List if app.agenda => format!(
            "{}{}",
            if app.pick { "pick › " } else { "" },
            crate::tui::state::agenda::title(app)
        ),
        Screen::List if app.pick => format!("pick › {}", app.timeline.title),
        Screen::List => app.timeline.title.clone(),
        Screen::Detail => format!("event › {}", app.timeline.events[app.detail.event].title),
        Screen::Present => format!("presenting › {}", app.timeline.title),
        Screen::Sources => format!("sources › {}", app.timeline.title),
        Screen::Reader => app.reader.as_ref().map_or(String::new(), |r| {
            let s = &app.timeline.sources[r.source];
            // An untitled source's label is its file already.
            match s.label() {
                crate::timeline::Label::File(_) => format!("source › {}", s.cite_as()),
                _ => format!("source › {} ({})", s.cite_as(), s.file),
            }
        }),
    };
    let count = |next: Option<&str>| {
        if app.screen == Screen::List && app.agenda {
            // The agenda's title has the date and the count already.
            format!("{flags}{} ", next.unwrap_or_default())
        } else {
            format!(
                "{flags}{}{}{} of {} events ",
                next.map_or(String::new(), |n| format!("{n} · ")),
                app.as_of.map_or(String::new(), |d| format!("as of {d} · ")),
                app.filter.hits.len(),
                app.timeline.events.len()
            )
        }
    };
    // On the list, the next deadline or hearing ("next: hearing in 31 days"),
    // where the place keeps room: the agenda's title whole, a timeline's 15
    // columns of it.
    let next = app
        .ahead
        .next
        .clone()
        .filter(|_| app.screen == Screen::List);
    let keep = if app.agenda {
        width(&place)
    } else {
        width(&place).min(15)
    };
    let count = match next {
        Some(n) if width(&count(Some(&n))) + keep + 2 <= usize::from(area.width) => count(Some(&n)),
        _ => count(None),
    };
    let count = count.trim_start().to_string();
    let room = usize::from(area.width).saturating_sub(width(&count) + 1);
    let mut spans = vec![Span::raw(" ")];
    spans.extend(marked_spans(
        &place,
        &[],
        room.saturating_sub(1),
        t.header,
        t.header,
    ));
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let gap = usize::from(area.width).saturating_sub(used + width(&count));
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::raw(count));
    frame.render_widget(Line::from(spans).style(t.header), area);
}
