//! Watching the timeline's files, so that a curator's edit shows without a
//! restart. Folders are watched rather than files: editors save by writing a
//! new file and renaming it over the old one, which a watch on the old file
//! would never see.
//!
//! Debouncing is done here rather than with notify's debouncer crates: the
//! mini one drops event kinds, so our own reads of the files (inotify's open
//! and close events) would set off reload after reload, and the full one wakes
//! on a timer even when nothing happens. This thread sleeps until a change.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::{Duration, SystemTime};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::timeline::{Checked, check_path};

/// Changes this close together are one change (an editor's save is several).
const SETTLE: Duration = Duration::from_millis(150);

/// How far before `follow_since`'s time a file's modification may be dated
/// and still count as after it: file times come from a coarse clock (a few
/// milliseconds behind), or from another machine's.
const CLOCKS: Duration = Duration::from_secs(1);

pub struct Watch {
    watcher: RecommendedWatcher,
    /// The files that matter, as the watcher names them.
    files: Arc<Mutex<HashSet<PathBuf>>>,
    dirs: HashSet<PathBuf>,
    /// Tells the thread that reloads that a followed file changed.
    changed: mpsc::Sender<()>,
}

impl Watch {
    /// Watch nothing yet; once a followed file changes and things settle,
    /// check the timeline at `data` again and hand the result to `reloaded`.
    pub fn start(
        data: PathBuf,
        reloaded: impl Fn(Checked) + Send + 'static,
    ) -> Result<Watch, String> {
        let files = Arc::new(Mutex::new(HashSet::new()));
        let followed = Arc::clone(&files);
        let (changed, changes) = mpsc::channel::<()>();
        let noticed = changed.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
            let Ok(event) = event else { return };
            if !matters(&event.kind) {
                return;
            }
            let files = followed.lock().unwrap_or_else(PoisonError::into_inner);
            if event.paths.iter().any(|p| files.contains(p)) {
                let _ = noticed.send(());
            }
        })
        .map_err(|e| format!("cannot watch the timeline for changes: {e}"))?;
        std::thread::spawn(move || {
            while changes.recv().is_ok() {
                // Wait for a quiet moment, then read everything once.
                while changes.recv_timeout(SETTLE).is_ok() {}
                reloaded(check_path(&data));
            }
        });
        Ok(Watch {
            watcher,
            files,
            dirs: HashSet::new(),
            changed,
        })
    }

    /// Follow exactly these files from now on.
    pub fn follow(&mut self, files: &[PathBuf]) -> Result<(), String> {
        // Each folder's real path looked up once: 10,000 sources in one
        // folder were 10,000 walks of the same path on the app's thread.
        let mut real: HashMap<&Path, Option<PathBuf>> = HashMap::new();
        let named: HashSet<PathBuf> = files
            .iter()
            .filter_map(|f| {
                let dir = real
                    .entry(folder(f))
                    .or_insert_with_key(|dir| std::fs::canonicalize(dir).ok());
                Some(dir.as_ref()?.join(f.file_name()?))
            })
            .collect();
        let dirs: HashSet<PathBuf> = named
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
        for gone in self.dirs.difference(&dirs) {
            let _ = self.watcher.unwatch(gone);
        }
        let mut failed = None;
        for dir in dirs.difference(&self.dirs) {
            if let Err(e) = self.watcher.watch(dir, RecursiveMode::NonRecursive) {
                failed = Some(format!("cannot watch {} for changes: {e}", dir.display()));
            }
        }
        self.dirs = dirs;
        *self.files.lock().unwrap_or_else(PoisonError::into_inner) = named;
        failed.map_or(Ok(()), Err)
    }

    /// `follow`, for files read since `since` without being followed: any
    /// of them modified since then counts as a change (looked at on a thread
    /// of its own, once they are followed, so that no change falls between).
    /// A large timeline's sources are followed once loading has read them:
    /// its 10,000 reads of followed files were as many events for the kernel
    /// and the watcher's thread to pass on (3% of the samples in a profile).
    pub fn follow_since(&mut self, files: &[PathBuf], since: SystemTime) -> Result<(), String> {
        let lock = |files: &Mutex<HashSet<PathBuf>>| {
            files.lock().unwrap_or_else(PoisonError::into_inner).clone()
        };
        let before = lock(&self.files);
        let followed = self.follow(files);
        let new: Vec<PathBuf> = lock(&self.files).difference(&before).cloned().collect();
        let changed = self.changed.clone();
        let after = since.checked_sub(CLOCKS).unwrap_or(since);
        std::thread::spawn(move || {
            // One missing is not counted: it may never have been there.
            let modified = |f: &PathBuf| std::fs::metadata(f).and_then(|m| m.modified());
            if new.iter().any(|f| modified(f).is_ok_and(|t| t >= after)) {
                let _ = changed.send(());
            }
        });
        followed
    }
}

/// Changes to content or names; not reads (ours included) nor metadata.
fn matters(kind: &EventKind) -> bool {
    use notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(notify::event::AccessKind::Close(notify::event::AccessMode::Write)) => {
            true
        }
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// The folder a file is in, as named. The watcher reports a file by its
/// folder's real path, then its name (the file itself may be missing for a
/// moment mid-save).
fn folder(file: &Path) -> &Path {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A watch on nothing yet, and the channel its reloads arrive on.
    fn watch(dir: &Path) -> (Watch, mpsc::Receiver<()>) {
        let (tx, rx) = mpsc::channel();
        let data = dir.join("timeline.ron");
        let watch = Watch::start(data, move |_| {
            let _ = tx.send(());
        })
        .unwrap();
        (watch, rx)
    }

    /// A source saved after loading began but before it was followed is a
    /// change: the timeline reloads.
    #[test]
    fn a_file_modified_since_reading_began_reloads_once_followed() {
        let dir = tempfile::tempdir().unwrap();
        let since = SystemTime::now();
        let source = dir.path().join("article.txt");
        std::fs::write(&source, "new text").unwrap();
        let (mut watch, reloads) = watch(dir.path());
        watch.follow_since(&[source], since).unwrap();
        assert!(reloads.recv_timeout(Duration::from_secs(10)).is_ok());
    }

    /// One unchanged since then (or missing) is not: no reload.
    #[test]
    fn files_unchanged_since_reading_began_do_not_reload() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("article.txt");
        std::fs::write(&source, "old text").unwrap();
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&source)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
        let since = SystemTime::now();
        let (mut watch, reloads) = watch(dir.path());
        let missing = dir.path().join("missing.txt");
        watch.follow_since(&[source, missing], since).unwrap();
        let waited = SETTLE * 4;
        assert!(reloads.recv_timeout(waited).is_err());
    }
}
