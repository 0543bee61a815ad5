//! Drawing helpers that know nothing of `App`: text, layout, theme, ASCII.

pub mod ascii;
pub mod layout;
pub mod text;
pub mod theme;
