//! What became of a copy (`y`), as the runtime found out, and how the status
//! line says it: never more than was done. OSC 52 is only ever "sent": the
//! terminal decides whether it reaches a clipboard, and tmux drops it unless
//! its `set-clipboard` is `on`.

/// How a copy went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    pub osc52: Osc52,
    /// tmux, when the app runs inside it.
    pub tmux: Tmux,
    /// A clipboard command on this machine (`wl-copy`, `xclip`, ...).
    pub local: Local,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Osc52 {
    /// Written to the terminal.
    Sent,
    /// Writing it failed: why.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tmux {
    /// Not inside tmux (`$TMUX` unset).
    Outside,
    /// tmux passes OSC 52 on: `set-clipboard` is `on`.
    Passes,
    /// tmux drops what applications send: `set-clipboard` is this (`off`, `external`).
    Drops(String),
    /// `tmux show -gv set-clipboard` did not answer: why.
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Local {
    /// None was tried: over SSH (it would fill the remote machine's
    /// clipboard), or no clipboard command fits this session.
    None,
    /// This command took the text.
    Copied(String),
    /// This command was run and failed: why.
    Failed(String, String),
}

/// The tmux setting that makes OSC 52 from an app reach the clipboard.
const TMUX_FIX: &str = "tmux set -g set-clipboard on";

impl CopyReport {
    /// The status line's words for it, short enough for 80 columns in the
    /// usual cases.
    pub fn status(&self) -> String {
        // Why OSC 52 did not go out, if it did not.
        let lost = match (&self.osc52, &self.tmux) {
            (Osc52::Failed(why), _) => Some(format!("OSC 52 could not be written ({why})")),
            (Osc52::Sent, Tmux::Drops(value)) => {
                Some(format!("OSC 52 dropped by tmux (set-clipboard {value})"))
            }
            _ => None,
        };
        let sent = match (&self.tmux, &self.local) {
            (Tmux::Unknown(_), Local::None) => {
                "sent by OSC 52, which tmux passes on only with set-clipboard on"
            }
            // Shorter, with a command to name as well.
            (Tmux::Unknown(_), _) => "sent by OSC 52 (tmux may drop it)",
            (_, Local::Failed(..)) => "sent by OSC 52",
            _ => "sent to the terminal clipboard (OSC 52)",
        };
        let fix = match &self.tmux {
            Tmux::Drops(_) => format!(": {TMUX_FIX}"),
            _ => String::new(),
        };
        match (&self.local, lost) {
            (Local::Copied(tool), None) => format!("citation copied with {tool} and {sent}"),
            (Local::Copied(tool), Some(lost)) => format!("citation copied with {tool}; {lost}"),
            (Local::None, None) => format!("citation {sent}"),
            (Local::None, Some(lost)) => format!("{lost}{fix}"),
            (Local::Failed(tool, why), None) => format!("citation {sent}; {tool} failed: {why}"),
            (Local::Failed(tool, why), Some(lost)) => {
                format!("not copied: {tool} failed ({why}); {lost}{fix}")
            }
        }
    }
}
