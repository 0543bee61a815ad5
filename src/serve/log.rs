//! The server's lines: on stderr, or in a file while the local app has the
//! terminal (`--serve`). A closed stderr (the terminal or pipe it wrote to is
//! gone) must not end the server: writes that fail are dropped.

use std::io::Write;
use std::sync::{Mutex, OnceLock};

static FILE: OnceLock<Mutex<std::fs::File>> = OnceLock::new();

/// From now on, lines go to this file (appended), not stderr.
pub fn to_file(path: &std::path::Path) -> std::io::Result<()> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    let _ = FILE.set(Mutex::new(file));
    Ok(())
}

pub fn say(line: &str) {
    match FILE.get() {
        Some(file) => {
            let mut f = file.lock().unwrap_or_else(|e| e.into_inner());
            let _ = writeln!(f, "{line}");
        }
        None => {
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        }
    }
}
