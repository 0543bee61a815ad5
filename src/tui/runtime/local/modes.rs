//! Putting the terminal into the app's modes and giving it back: raw mode, the
//! alternate screen, the cursor and mouse reporting. Leaving is safe from any
//! thread and at any moment (a panic, a signal), and never fails: what cannot
//! be undone on a terminal that is gone is skipped.

use std::fmt;
use std::io::Write;

use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{Command, cursor, execute};

/// Mouse reporting for buttons and the wheel only (1000), SGR-encoded (1006).
/// Not crossterm's `EnableMouseCapture`: that also asks for every motion
/// (1003), which costs bytes on each twitch and floods a terminal left
/// behind by a dropped SSH connection.
struct EnableButtonMouse;

impl Command for EnableButtonMouse {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

/// Raw mode, the alternate screen, pastes marked as such (so a pasted line
/// break is not Enter), and (if wanted) the mouse; written to `out`, where the
/// app draws.
pub fn enter(out: &mut impl Write, mouse: bool) -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(out, EnableButtonMouse)?;
    }
    Ok(())
}

/// Everything `enter` did, undone, and the cursor shown. Every mouse mode is
/// switched off, not only ours, so a terminal left in a bad way by anything
/// before us is mended too.
pub fn leave(out: &mut impl Write, mouse: bool) {
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        cursor::Show,
        LeaveAlternateScreen
    );
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// Back after a stop: the shell may have set its own modes meanwhile, and
/// crossterm believes raw mode is still on, so it is set afresh.
pub fn resume(out: &mut impl Write, mouse: bool) -> std::io::Result<()> {
    let _ = disable_raw_mode();
    enter(out, mouse)
}
