//! Small drawing pieces shared by screens: text, layout, theme, footer, ruler.

pub mod ascii;
pub mod countdown;
pub mod footer;
pub mod layout;
pub mod ruler;
pub mod text;
pub mod theme;
