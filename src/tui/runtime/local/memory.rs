//! How the allocator hands memory back, set once before a large timeline
//! loads in parts.
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
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const OWN_MAPPING: libc::c_int = 256 << 10;

/// Fix the allocator's bound for blocks given back when freed (glibc only;
/// elsewhere nothing to do).
pub fn give_back_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets a tuning parameter; glibc takes its lock.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, OWN_MAPPING);
    }
}
