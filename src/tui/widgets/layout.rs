//! Where each part of a screen goes. `view` draws into these areas and `update`
//! uses the same ones to keep selections in sight, so the two always agree.

use ratatui::layout::{Constraint, Layout, Rect, Size};

/// Below this the app shows only "terminal too small".
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 6;

/// Wide enough for a pane beside the main one.
pub const SIDE_BY_SIDE: u16 = 110;

/// The most the app draws on: a terminal can claim 65535x65535, and a frame
/// that big would need hundreds of gigabytes. Beyond this the rest stays blank.
pub const MAX_WIDTH: u16 = 1000;
pub const MAX_HEIGHT: u16 = 500;

pub fn too_small(size: Size) -> bool {
    size.width < MIN_WIDTH || size.height < MIN_HEIGHT
}

/// The part of a terminal of `width` x `height` the app draws on.
pub fn drawn(width: u16, height: u16) -> Size {
    Size::new(width.min(MAX_WIDTH), height.min(MAX_HEIGHT))
}

pub struct Frame {
    pub header: Rect,
    pub body: Rect,
    pub footer: Rect,
}

/// Header row, body, footer row.
pub fn frame(size: Size) -> Frame {
    let area = Rect::new(0, 0, size.width, size.height);
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Frame {
        header,
        body,
        footer,
    }
}

pub struct Home {
    /// The time ruler, when there is height to spare for it.
    pub ruler: Option<Rect>,
    pub list: Rect,
    /// The selected event's preview, when there is room for one.
    pub preview: Option<Rect>,
}

/// The time ruler on top when there is room, then the list, with the preview
/// beside it when wide, below it when tall, or not at all.
pub fn home(body: Rect) -> Home {
    let (ruler, body) = if body.height >= 16 {
        let [ruler, rest] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(body);
        (Some(ruler), rest)
    } else {
        (None, body)
    };
    if body.width >= SIDE_BY_SIDE {
        // The list gets what the preview does not need: titles are cut otherwise.
        let preview_width = (body.width / 3).clamp(36, 64);
        let [list, preview] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(preview_width)])
                .areas(body);
        Home {
            ruler,
            list,
            preview: Some(preview),
        }
    } else if body.height >= 18 {
        let preview_height = (body.height / 3).clamp(7, 12);
        let [list, preview] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(preview_height)]).areas(body);
        Home {
            ruler,
            list,
            preview: Some(preview),
        }
    } else {
        Home {
            ruler,
            list: body,
            preview: None,
        }
    }
}

pub struct Reader {
    pub text: Rect,
    /// The events citing the article, when wide enough to list them beside it.
    pub side: Option<Rect>,
    /// One line naming the passage in focus and who cites it.
    pub info: Rect,
}

pub fn reader(body: Rect) -> Reader {
    let [main, info] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(body);
    if body.width >= SIDE_BY_SIDE {
        let [text, side] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(42)]).areas(main);
        Reader {
            text,
            side: Some(side),
            info,
        }
    } else {
        Reader {
            text: main,
            side: None,
            info,
        }
    }
}

/// Prose is hard to read in longer lines than this, however wide the terminal.
pub const MAX_TEXT_WIDTH: u16 = 100;

/// Text width inside a pane: a column of margin each side, and one for a scrollbar.
pub fn text_width(area: Rect) -> u16 {
    area.width.saturating_sub(3).clamp(1, MAX_TEXT_WIDTH)
}
