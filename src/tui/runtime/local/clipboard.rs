//! After OSC 52 is written: whether tmux passes it on (`set-clipboard`), and,
//! when the app runs on the user's own machine, a copy through the clipboard
//! command there. Both run other programs, so on a thread of their own, each
//! given a bounded time: a hung tool never holds up the app.

use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::tui::state::copying::{CopyReport, Local, Osc52, Tmux};

/// How long `tmux show` may take.
const TMUX_LIMIT: Duration = Duration::from_secs(1);
/// How long a clipboard command may take to take the text.
const TOOL_LIMIT: Duration = Duration::from_secs(2);

/// Clipboard commands, the first that fits this session and is installed
/// wins: its arguments, and the variable that says its display is there.
const TOOLS: &[(&str, &[&str], Option<&str>)] = &[
    ("wl-copy", &[], Some("WAYLAND_DISPLAY")),
    ("xclip", &["-selection", "clipboard"], Some("DISPLAY")),
    ("xsel", &["--clipboard", "--input"], Some("DISPLAY")),
    ("pbcopy", &[], None),
];

/// Find out the rest of how copying `text` went, on a thread, and `report` it.
pub fn deliver(text: String, osc52: Osc52, report: impl FnOnce(CopyReport) + Send + 'static) {
    std::thread::spawn(move || {
        let tmux = match set("TMUX") {
            true => tmux(),
            false => Tmux::Outside,
        };
        // Over SSH this machine's clipboard is not the user's.
        let local = match set("SSH_CONNECTION") {
            true => Local::None,
            false => local(&text),
        };
        report(CopyReport { osc52, tmux, local });
    });
}

/// Whether an environment variable is set to something.
fn set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

/// What tmux does with OSC 52 from an app: only `on` passes it on (`external`,
/// the default, and `off` drop it).
fn tmux() -> Tmux {
    let child = Command::new("tmux")
        .args(["show", "-gv", "set-clipboard"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => return Tmux::Unknown(format!("cannot run tmux: {e}")),
    };
    match wait(&mut child, TMUX_LIMIT) {
        Ok(status) if status.success() => {}
        Ok(status) => return Tmux::Unknown(format!("tmux show: {}", exit(status))),
        Err(why) => return Tmux::Unknown(format!("tmux show: {why}")),
    }
    let mut value = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = out.take(64).read_to_string(&mut value);
    }
    let value = crate::sanitize::one_line(value.trim()).to_string();
    match value.as_str() {
        "on" => Tmux::Passes,
        "" => Tmux::Unknown("tmux show said nothing".into()),
        other => Tmux::Drops(other.to_string()),
    }
}

/// Copy through the first clipboard command that fits and is installed.
fn local(text: &str) -> Local {
    for (tool, args, display) in TOOLS {
        if display.is_some_and(|d| !set(d)) {
            continue;
        }
        let child = Command::new(tool)
            .args(*args)
            .stdin(Stdio::piped())
            // Never onto the terminal, nor into pick's answer.
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let mut child = match child {
            Ok(child) => child,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Local::Failed(tool.to_string(), e.to_string()),
        };
        // Written from a thread of its own: a tool that never reads would
        // block the write; killed at the limit, it lets the write end.
        let writer = child.stdin.take().map(|mut stdin| {
            let text = text.to_string();
            std::thread::spawn(move || stdin.write_all(text.as_bytes()))
        });
        return match wait(&mut child, TOOL_LIMIT) {
            Ok(status) if status.success() => match writer.map(|w| w.join()) {
                Some(Ok(Err(e))) => Local::Failed(tool.to_string(), e.to_string()),
                _ => Local::Copied(tool.to_string()),
            },
            Ok(status) => Local::Failed(tool.to_string(), exit(status)),
            Err(why) => Local::Failed(tool.to_string(), why),
        };
    }
    Local::None
}

/// "exit 1", short for the status line.
fn exit(status: ExitStatus) -> String {
    status
        .code()
        .map_or_else(|| status.to_string(), |code| format!("exit {code}"))
}

/// The child's exit status within `limit`, or it is killed.
fn wait(child: &mut Child, limit: Duration) -> Result<ExitStatus, String> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if start.elapsed() < limit => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("no answer within {} s", limit.as_secs()));
            }
            Err(e) => return Err(e.to_string()),
        }
    }
}
