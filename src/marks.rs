//! Bookmarks, kept per timeline in one RON file in the user data directory.
//! Writes are atomic (a temporary file, then a rename); a file that cannot be
//! read is reported, moved aside for the user to recover, and never stops the
//! app or costs other timelines their marks in a later save.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Set this to keep state somewhere else (tests, portable installs).
pub const DIR_VAR: &str = "TIMELINE_EXPLORER_DATA_DIR";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Saved {
    /// Timeline key (its path, or its title when built in) to marked event ids.
    marks: BTreeMap<String, BTreeSet<String>>,
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
    /// cannot be read is moved aside and the error says where to.
    pub fn load(&self, key: &str) -> Result<BTreeSet<String>, String> {
        Ok(self.read()?.marks.remove(key).unwrap_or_default())
    }

    /// Replace one timeline's marks, keeping every other timeline's.
    pub fn save(&self, key: &str, marks: &BTreeSet<String>) -> Result<(), String> {
        // A corrupt file was moved aside by `read`; the new one starts afresh.
        let mut saved = self.read().unwrap_or_default();
        if marks.is_empty() {
            saved.marks.remove(key);
        } else {
            saved.marks.insert(key.to_string(), marks.clone());
        }
        let text = ron::ser::to_string_pretty(&saved, ron::ser::PrettyConfig::default())
            .map_err(|e| format!("cannot write marks: {e}"))?;
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let temp = self.path.with_extension("ron.tmp");
        std::fs::write(&temp, text)
            .and_then(|()| std::fs::rename(&temp, &self.path))
            .map_err(|e| format!("cannot save marks to {}: {e}", self.path.display()))
    }

    fn read(&self) -> Result<Saved, String> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Saved::default()),
            Err(e) => return Err(self.set_aside(&e.to_string())),
        };
        ron::from_str(&text).map_err(|e| self.set_aside(&e.to_string()))
    }

    /// Move an unreadable file out of the way, keeping it; say what happened.
    fn set_aside(&self, why: &str) -> String {
        let aside = self.path.with_extension("ron.corrupt");
        match std::fs::rename(&self.path, &aside) {
            Ok(()) => format!("marks file unreadable ({why}); kept as {}", aside.display()),
            Err(_) => format!("marks file {} unreadable: {why}", self.path.display()),
        }
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
        store.save("a", &set(&["x", "y"])).unwrap();
        store.save("b", &set(&["z"])).unwrap();
        assert_eq!(store.load("a").unwrap(), set(&["x", "y"]));
        assert_eq!(store.load("b").unwrap(), set(&["z"]));
        store.save("a", &set(&[])).unwrap();
        assert_eq!(store.load("a").unwrap(), set(&[]));
        assert_eq!(
            store.load("b").unwrap(),
            set(&["z"]),
            "other timelines keep theirs"
        );
        assert!(
            !dir.path().join("state/marks.ron.tmp").exists(),
            "no temporary file left behind"
        );
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
        store.save("b", &set(&["z"])).unwrap();
        assert_eq!(store.load("b").unwrap(), set(&["z"]));
    }
}
