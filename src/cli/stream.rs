//! Which timelines the app loads in parts: large files, so the first frame
//! comes at once. Small ones (and the built-in) load whole before it, as fast
//! as that, and a problem in them stops the app before it starts.

use std::path::Path;

use timeline_explorer::timeline::stream::{self, Opened};

/// Files from this size load in parts (about 1,000 events).
const FROM_BYTES: u64 = 1 << 20;

/// The timeline at `path` opened to load in parts, if it is large enough and
/// its head reads; `None` loads it whole.
pub fn open(path: &Path) -> Option<Opened> {
    let size = std::fs::metadata(path).ok()?.len();
    (size >= FROM_BYTES).then(|| stream::open(path)).flatten()
}
