//! How the allocator hands memory back, set before a large timeline loads
//! in parts and again once it has loaded.
//!
//! glibc serves a block of 128 KiB or more from a mapping of its own, given
//! back when freed; but each such block freed raises that bound (up to 32
//! MiB), so later blocks of a few megabytes come from the heap, where a freed
//! one stays in the process's memory until the heap's top is free. Loading
//! in parts frees many such blocks (each batch's merged search index and
//! event list replace the last): at 100,000 events the app kept some 100 MB
//! it no longer used. A fixed bound gives every block past it back when
//! freed.

/// Blocks of this many bytes or more get a mapping of their own.
const OWN_MAPPING: i32 = 256 << 10;

/// Fix the allocator's bound for blocks given back when freed.
pub fn give_back_large_blocks() {
    bounds(OWN_MAPPING, None);
}

/// Start the threads a large filter runs on (rayon's global pool; loading
/// has a pool of its own) before loading frees anything. Started by the
/// first key instead, each took an arena of the heap for its first
/// allocation and sorted every block loading had freed there into bins
/// first: after 100k events, about half the time, 6-10 ms of that key.
pub fn start_filter_threads() {
    rayon::spawn(|| {});
}

/// Once everything has loaded, blocks up to this size come from the heap
/// again, and this much free room at its top is kept.
const REUSED: i32 = 4 << 20;
const KEPT_ON_TOP: i32 = 16 << 20;

/// Once everything has loaded, let a key's results (a megabyte or two at
/// 100k events) take the room the last key's left: each in a mapping of its
/// own, every key had the kernel clear fresh pages for them, a few
/// milliseconds of each key over 100k events. Peak RSS after typing
/// `/oracle dea` there went from 377-378 MB to 380-387 MB.
pub fn reuse_blocks_after_loading() {
    bounds(REUSED, Some(KEPT_ON_TOP));
}

/// Set glibc's bound for blocks in a mapping of their own and, if given,
/// the free room it keeps at the heap's top; elsewhere nothing to do.
fn bounds(own_mapping: i32, kept_on_top: Option<i32>) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets tuning parameters; glibc takes its lock.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, own_mapping);
        if let Some(top) = kept_on_top {
            libc::mallopt(libc::M_TRIM_THRESHOLD, top);
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = (own_mapping, kept_on_top);
}
