//! Which timelines the app loads in parts: large files, so the first frame
//! comes at once. Small ones (and the built-in) load whole before it, as fast
//! as that, and a problem in them stops the app before it starts.

use std::path::Path;

use timeline_explorer::timeline::Timeline;
use timeline_explorer::timeline::stream::{self, Loader};

/// Files from this size load in parts (about 1,000 events).
const FROM_BYTES: u64 = 1 << 20;

/// The timeline at `path` to load in parts, if it is a large file: what the
/// app starts with (named by its file, no events yet), and its loader.
/// `None` loads it whole (a file missing says so at once).
pub fn open(path: &Path) -> Option<(Timeline, Loader)> {
    let size = std::fs::metadata(path).ok()?.len();
    let name = path.file_name()?.to_string_lossy();
    let empty = Timeline {
        title: timeline_explorer::sanitize::one_line(&name).into_owned(),
        root: None,
        sources: Vec::new(),
        events: Vec::new(),
    };
    (size >= FROM_BYTES).then(|| (empty, stream::loader(path)))
}
