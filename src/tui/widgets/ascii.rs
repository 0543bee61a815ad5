//! The last pass over a frame drawn for a terminal that shows only ASCII
//! (its locale is not UTF-8): every cell's symbol becomes its one-column ASCII
//! twin, so not one byte above 0x7f is written, whatever a screen put there.
//! Text laid out through `text::display` is in ASCII already (with its wider
//! twins, `--` and `...`); this catches the rest: borders, scrollbars, the
//! screens' own separators and signs.

use ratatui::buffer::Buffer;

/// Every symbol in `buf` in ASCII, each cell keeping its column.
pub fn frame(buf: &mut Buffer) {
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        if symbol.is_ascii() {
            continue;
        }
        // A wide character's twin is `??`: the cell takes the first; the
        // cell after it, hidden under the wide one, is already blank.
        let twin = crate::ascii::same_width(symbol)
            .chars()
            .next()
            .unwrap_or(' ');
        cell.set_char(twin);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn every_cell_turns_ascii_and_keeps_its_place() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        buf.set_string(0, 0, "┃抖x—“é”★", Style::new());
        frame(&mut buf);
        let shown: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(shown, "|? x-\"?\"*   ");
    }
}
