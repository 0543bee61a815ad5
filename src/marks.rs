//! Bookmarks, kept per timeline in one RON file in the user data directory.
//! Several windows may mark at once: each change is applied to the file as it
//! is on disk, under an advisory lock, so no window's marks are lost to
//! another's save. Writes go through a temporary file of their own and a
//! rename, so the file is never torn. A file that cannot be read is reported
//! and kept under a name of its own, and never stops the app or costs other
//! timelines their marks in a later save.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Set this to keep state somewhere else (tests, portable installs).
pub const DIR_VAR: &str = "TIMELINE_EXPLORER_DATA_DIR";

/// Far more than any number of marks needs; a bigger file is not ours.
const MAX_BYTES: u64 = 16 << 20;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Saved {
    /// Timeline key (its path, or its title when built in) to marked event ids.
    marks: BTreeMap<String, BTreeSet<String>>,
}

/// The key a timeline's marks are kept under: its file's canonical path
/// (`data`, as given), or its title when it is the built-in one. The app,
/// `pick` and `list --marked` all use this, so they see the same marks.
pub fn key(data: Option<&Path>, title: &str) -> String {
    match data {
        Some(path) => std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.to_path_buf())
            .display()
            .to_string(),
        None => format!("built-in: {title}"),
    }
}

/// Where marks live.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

impl Store {
    /// `$TIMELINE_EXPLORER_DATA_DIR/marks.ron`, else the platform's data directory.
    pub fn default_location() -> Option<Store> {
        let dir = match std::env::var_os(DIR_VAR) {
            Some(dir) => PathBuf::from(dir),
            None => directories::ProjectDirs::from("", "", "timeline-explorer")?
                .data_dir()
                .to_path_buf(),
        };
        Some(Store::at(dir.join("marks.ron")))
    }

    pub fn at(path: impl Into<PathBuf>) -> Store {
        Store { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The marks of one timeline: none if there is no file yet. A file that
    /// cannot be read is set aside and the error says where to.
    pub fn load(&self, key: &str) -> Result<BTreeSet<String>, String> {
        let _lock = self.lock()?;
        match self.read_or_set_aside() {
            Ok(mut saved) => Ok(saved.marks.remove(key).unwrap_or_default()),
            Err(Failed::SetAside(problem) | Failed::Refused(problem)) => Err(problem),
        }
    }

    /// Mark or unmark one event of one timeline, keeping every other change
    /// on disk (other timelines', other windows'). Returns this timeline's
    /// marks as they now are. If the file had become unreadable it is set
    /// aside, the change is saved in a fresh one, and the error says so.
    pub fn set(&self, key: &str, id: &str, marked: bool) -> Result<BTreeSet<String>, String> {
        let _lock = self.lock()?;
        let (mut saved, problem) = match self.read_or_set_aside() {
            Ok(saved) => (saved, None),
            Err(Failed::SetAside(problem)) => (Saved::default(), Some(problem)),
            Err(Failed::Refused(problem)) => return Err(problem),
        };
        let marks = saved.marks.entry(key.to_string()).or_default();
        if marked {
            marks.insert(id.to_string());
        } else {
            marks.remove(id);
        }
        let now = marks.clone();
        if now.is_empty() {
            saved.marks.remove(key);
        }
        self.write(&saved)?;
        problem.map_or(Ok(now), Err)
    }

    /// The lock every reader and writer of the file holds, on a file beside
    /// it: the marks file itself is replaced on every save, so a lock on it
    /// would be on a file already gone. Released when dropped.
    fn lock(&self) -> Result<File, String> {
        let dir = self.dir();
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let path = self.path.with_extension("ron.lock");
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        file.lock()
            .map_err(|e| format!("cannot lock {}: {e}", path.display()))?;
        Ok(file)
    }

    fn dir(&self) -> &Path {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        }
    }

    /// The file as it is now, or why not (call under the lock).
    fn read_or_set_aside(&self) -> Result<Saved, Failed> {
        let text = match read_bounded(&self.path) {
            Ok(Some(text)) => text,
            Ok(None) => return Ok(Saved::default()),
            Err(Unreadable::Special) => {
                return Err(Failed::Refused(format!(
                    "marks file {} is not a regular file: marks are not saved",
                    self.path.display()
                )));
            }
            Err(Unreadable::Io(e)) => return Err(Failed::SetAside(self.set_aside(&e))),
        };
        ron::from_str(&text).map_err(|e| Failed::SetAside(self.set_aside(&e.to_string())))
    }

    /// Write through a temporary file of this save's own, then rename it over
    /// the old one (call under the lock).
    fn write(&self, saved: &Saved) -> Result<(), String> {
        let failed = |e: &dyn std::fmt::Display| {
            format!("cannot save marks to {}: {e}", self.path.display())
        };
        let text = ron::ser::to_string_pretty(saved, ron::ser::PrettyConfig::default())
            .map_err(|e| failed(&e))?;
        let mut temp = tempfile::Builder::new()
            .prefix(".marks.")
            .suffix(".tmp")
            .tempfile_in(self.dir())
            .map_err(|e| failed(&e))?;
        temp.write_all(text.as_bytes())
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|e| failed(&e))?;
        temp.persist(&self.path).map_err(|e| failed(&e.error))?;
        // The rename itself survives a crash only once the folder is synced.
        if let Ok(dir) = File::open(self.dir()) {
            let _ = dir.sync_all();
        }
        Ok(())
    }

    /// Move an unreadable file out of the way under a name no other has taken,
    /// keeping it; say what happened (call under the lock).
    fn set_aside(&self, why: &str) -> String {
        let name = |n: usize| match n {
            0 => self.path.with_extension("ron.corrupt"),
            n => self.path.with_extension(format!("ron.corrupt-{n}")),
        };
        let Some(aside) = (0..10_000).map(name).find(|p| !p.exists()) else {
            return format!("marks file {} unreadable: {why}", self.path.display());
        };
        match std::fs::rename(&self.path, &aside) {
            Ok(()) => format!("marks file unreadable ({why}); kept as {}", aside.display()),
            Err(_) => format!("marks file {} unreadable: {why}", self.path.display()),
        }
    }
}

/// Why the file could not be used.
enum Failed {
    /// It was moved aside (or could not be): a fresh one may be written.
    SetAside(String),
    /// It is something else than a file (a FIFO, a folder): leave it be.
    Refused(String),
}

enum Unreadable {
    /// A FIFO, a device, a folder: never read, never moved.
    Special,
    Io(String),
}

/// The file's text, `None` if there is none; never blocks on a special file
/// nor reads more than `MAX_BYTES`.
fn read_bounded(path: &Path) -> Result<Option<String>, Unreadable> {
    use crate::timeline::read::{ReadError, read_file};
    match read_file(path, MAX_BYTES, "a marks file") {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|e| Unreadable::Io(format!("not UTF-8 text: {e}"))),
        Err(e) if e.is_not_found() => Ok(None),
        Err(ReadError::NotRegular(_)) => Err(Unreadable::Special),
        Err(e) => Err(Unreadable::Io(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn marks_round_trip_per_timeline() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("state/marks.ron"));
        assert_eq!(store.load("a").unwrap(), set(&[]), "no file yet: no marks");
        store.set("a", "x", true).unwrap();
        assert_eq!(store.set("a", "y", true).unwrap(), set(&["x", "y"]));
        store.set("b", "z", true).unwrap();
        assert_eq!(store.load("a").unwrap(), set(&["x", "y"]));
        assert_eq!(store.load("b").unwrap(), set(&["z"]));
        store.set("a", "x", false).unwrap();
        assert_eq!(store.set("a", "y", false).unwrap(), set(&[]));
        assert_eq!(store.load("a").unwrap(), set(&[]));
        assert_eq!(
            store.load("b").unwrap(),
            set(&["z"]),
            "other timelines keep theirs"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path().join("state"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left.len(), 2, "only marks.ron and its lock: {left:?}");
    }

    #[test]
    fn a_corrupt_file_is_reported_and_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("marks.ron");
        std::fs::write(&path, "(marks: {\"a\": [\"x\"").unwrap();
        let store = Store::at(&path);
        let err = store.load("a").unwrap_err();
        assert!(
            err.contains("kept as") && err.contains("marks.ron.corrupt"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("marks.ron.corrupt")).unwrap(),
            "(marks: {\"a\": [\"x\""
        );
        // Saving again works, from a fresh file.
        store.set("b", "z", true).unwrap();
        assert_eq!(store.load("b").unwrap(), set(&["z"]));
    }
}
