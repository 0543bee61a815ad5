//! Reading the files a timeline is made of. A timeline file is untrusted: it
//! names its own sources, so it may name only regular files inside its own
//! folder (symlinks followed), and nothing it leads us to open may block us
//! or exhaust memory. config.ron is read the same bounded way.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A timeline file: a synthetic 1,000,000-event timeline is ~1.06 GB and must
/// load; past 2 GiB is no timeline anyone curates.
pub const TIMELINE_MAX: u64 = 2 << 30;
/// One source: articles are kilobytes; 64 MiB is room for a book.
pub const SOURCE_MAX: u64 = 64 << 20;
/// All of one timeline's sources together, so that naming one 64 MiB file a
/// thousand times cannot exhaust memory.
pub const SOURCES_MAX: u64 = 2 << 30;
/// config.ron: a few kilobytes of settings.
pub const CONFIG_MAX: u64 = 1 << 20;

/// The hint for any source or root that leads outside the timeline's folder.
pub const FOLDER_RULE: &str = "a timeline reads only files in the folder its .ron file is in, or below it \
     (symlinks are followed first): copy the file into that folder";

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// A directory, FIFO, device or socket: `kind` says which.
    NotRegular(&'static str),
    /// Over `limit` bytes for `what` ("a timeline file", "one source", ...).
    TooBig {
        size: u64,
        limit: u64,
        what: &'static str,
    },
    /// This source would take all of a timeline's sources past `SOURCES_MAX`.
    TooMuchTogether {
        size: u64,
        before: u64,
        limit: u64,
    },
}

impl ReadError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => match e.kind() {
                io::ErrorKind::NotFound => f.write_str("no such file"),
                io::ErrorKind::PermissionDenied => f.write_str("permission denied"),
                io::ErrorKind::IsADirectory => f.write_str("it is a directory"),
                // open() of a socket, or of a device with no driver behind it.
                _ if e.raw_os_error() == Some(libc::ENXIO) => {
                    f.write_str("it is a socket or a device, not a regular file")
                }
                _ => write!(f, "{e}"),
            },
            ReadError::NotRegular(kind) => write!(f, "it is {kind}, not a regular file"),
            ReadError::TooBig { size, limit, what } => write!(
                f,
                "it is {}, over the {} limit for {what}",
                size_and_bytes(*size),
                size_text(*limit)
            ),
            ReadError::TooMuchTogether {
                size,
                before,
                limit,
            } => write!(
                f,
                "it is {} and the sources before it come to {}: together over the {} limit \
                 for all of a timeline's sources",
                size_and_bytes(*size),
                size_text(*before),
                size_text(*limit)
            ),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// The whole of a regular file of at most `limit` bytes. Anything else is
/// refused at once, before a byte is read: a FIFO or /dev/stdin would block,
/// /dev/zero would never end.
pub fn read_file(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular(path, limit, what)?;
    read_all(file, len, limit, what)
}

/// A file read whole once, whose text need not be kept: parts of it, or
/// all of it, are read again from the handle while the file is unchanged
/// (its size and time of change as when it was read). The loader of a large
/// timeline keeps its 117 MB of text off the heap this way (issue 14).
pub struct Held {
    file: File,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Held {
    /// `read_file`, keeping the handle to read from again. Read in parts on
    /// every core: on one, 117 MB took 126 ms while the other had nothing
    /// to do yet, most of it faulting in the fresh pages read into.
    pub fn read(path: &Path, limit: u64, what: &'static str) -> Result<(Held, Vec<u8>), ReadError> {
        use rayon::prelude::*;
        use std::os::unix::fs::FileExt;
        const PART: usize = 4 << 20;
        let (file, len) = open_regular(path, limit, what)?;
        let modified = file.metadata()?.modified().ok();
        let held = Held {
            file,
            len,
            modified,
        };
        // `len <= limit`, checked on open: the buffer is bounded too.
        let mut bytes = vec![0; len as usize];
        let read = bytes
            .par_chunks_mut(PART)
            .enumerate()
            .try_for_each(|(k, part)| held.file.read_exact_at(part, (k * PART) as u64));
        // Changed while being read (or cut short): its parts would not be
        // what was read.
        match read {
            Ok(()) if held.unchanged() => Ok((held, bytes)),
            Err(e) if held.unchanged() => Err(ReadError::Io(e)),
            _ => Err(ReadError::Io(io::Error::other(
                "it changed while being read",
            ))),
        }
    }

    /// Whether the file still has the size and time of change it was read with.
    pub fn unchanged(&self) -> bool {
        self.file
            .metadata()
            .is_ok_and(|m| m.len() == self.len && m.modified().ok() == self.modified)
    }

    /// The bytes at `range` of the text first read, if the file is unchanged.
    pub fn read_at(&self, range: std::ops::Range<usize>) -> Option<Vec<u8>> {
        let mut bytes = Vec::new();
        self.read_into(range, &mut bytes)?;
        Some(bytes)
    }

    /// `read_at` into `bytes`, which holds them and nothing else after; its
    /// room is used again (a new 8 MiB buffer a part, fresh pages from the
    /// kernel each time, was most of the cost of reading it). On `None`
    /// what it holds is not to be used.
    pub fn read_into(&self, range: std::ops::Range<usize>, bytes: &mut Vec<u8>) -> Option<()> {
        use std::os::unix::fs::FileExt;
        if range.start > range.end || range.end as u64 > self.len || !self.unchanged() {
            return None;
        }
        bytes.clear();
        bytes.resize(range.len(), 0);
        self.file.read_exact_at(bytes, range.start as u64).ok()?;
        // Changed while being read again.
        self.unchanged().then_some(())
    }

    /// The text first read, if the file is unchanged.
    pub fn text(&self) -> Option<String> {
        String::from_utf8(self.read_at(0..self.len as usize)?).ok()
    }
}

/// Open for reading without blocking (a FIFO with no writer) or taking a
/// terminal as ours; then judge the file by the handle just opened, so it
/// cannot be swapped between the look and the read.
fn open_regular(path: &Path, limit: u64, what: &'static str) -> Result<(File, u64), ReadError> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    judged(options.open(path)?, limit, what)
}

/// An open file, if it is a regular one of at most `limit` bytes; its size.
fn judged(file: File, limit: u64, what: &'static str) -> Result<(File, u64), ReadError> {
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta.file_type())));
    }
    if meta.len() > limit {
        return Err(ReadError::TooBig {
            size: meta.len(),
            limit,
            what,
        });
    }
    Ok((file, meta.len()))
}

/// Read at most `limit` bytes (one more tells a file that grew past it).
fn read_all(file: File, len: u64, limit: u64, what: &'static str) -> Result<Vec<u8>, ReadError> {
    // `len <= limit`, checked on open: the capacity is bounded too.
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooBig {
            size: bytes.len() as u64,
            limit,
            what,
        });
    }
    Ok(bytes)
}

fn kind_of(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

/// "64 MiB", "1.5 GiB", "900 bytes".
pub fn size_text(n: u64) -> String {
    for (unit, name) in [(1u64 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")] {
        if n >= unit {
            return if n.is_multiple_of(unit) {
                format!("{} {name}", n / unit)
            } else {
                format!("{:.1} {name}", n as f64 / unit as f64)
            };
        }
    }
    format!("{n} bytes")
}

/// A size next to a limit: rounded, and exact, since rounding can hide the excess.
fn size_and_bytes(n: u64) -> String {
    if n < 1024 {
        size_text(n)
    } else {
        format!("{} ({n} bytes)", size_text(n))
    }
}

/// Where a timeline's sources come from: its folder on disk, the built-in
/// texts, or (in tests) anything that maps a file to its text.
pub trait Sources: Sync {
    /// Refuse a `root` that leads where sources may not be read from; the
    /// error says why ("leads outside ...").
    fn check_root(&self, _root: &str) -> Result<(), String> {
        Ok(())
    }

    /// A source's text, given the timeline's `root` and the source's `file` as written.
    fn read(&self, root: Option<&str>, file: &str) -> Result<String, Unreadable>;
}

/// Why a source could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// The path leads outside the timeline's folder; says how.
    Outside(String),
    /// Anything else: missing, not a regular file, too big, not UTF-8.
    Failed(String),
}

/// Any function from root and file to the text is a source of sources.
impl<F> Sources for F
where
    F: Fn(Option<&str>, &str) -> Result<String, String> + Sync,
{
    fn read(&self, root: Option<&str>, file: &str) -> Result<String, Unreadable> {
        self(root, file).map_err(Unreadable::Failed)
    }
}

/// The folder a timeline file is in, as the system resolves it: its sources
/// are read from there and below, and nowhere else.
#[derive(Debug)]
pub struct Folder {
    base: PathBuf,
    /// `base` opened, to open sources beneath it in one system call.
    #[cfg(target_os = "linux")]
    dir: Option<std::os::fd::OwnedFd>,
    source_max: u64,
    sources_max: u64,
    /// Bytes of sources read, or reserved by reads under way.
    taken: AtomicU64,
}

impl Folder {
    /// The folder of the timeline file at `timeline`.
    pub fn of(timeline: &Path) -> io::Result<Folder> {
        let dir = match timeline.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        Ok(Folder::with_limits(
            fs::canonicalize(dir)?,
            SOURCE_MAX,
            SOURCES_MAX,
        ))
    }

    fn with_limits(base: PathBuf, source_max: u64, sources_max: u64) -> Folder {
        #[cfg(target_os = "linux")]
        let dir = {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            rustix::fs::open(&base, flags, Mode::empty()).ok()
        };
        Folder {
            base,
            #[cfg(target_os = "linux")]
            dir,
            source_max,
            sources_max,
            taken: AtomicU64::new(0),
        }
    }

    /// Where `rel` (relative to the folder) really is, if that is inside it.
    /// A missing file is "no such file" only when the part of its path that
    /// exists resolves inside: past a link that leads out, it is outside too.
    fn resolve(&self, rel: &Path) -> Result<PathBuf, Unreadable> {
        if !stays_inside(rel) {
            return Err(Unreadable::Outside(OUTSIDE.into()));
        }
        let full = self.base.join(rel);
        let outside = || Unreadable::Outside(LEADS_OUT.into());
        match fs::canonicalize(&full) {
            Ok(real) if real.starts_with(&self.base) => Ok(real),
            Ok(_) => Err(outside()),
            Err(e) => {
                let exists = full
                    .ancestors()
                    .skip(1)
                    .find_map(|a| fs::canonicalize(a).ok());
                match exists {
                    Some(real) if !real.starts_with(&self.base) => Err(outside()),
                    _ => Err(Unreadable::Failed(format!(
                        "{} ({})",
                        ReadError::Io(e),
                        full.display()
                    ))),
                }
            }
        }
    }

    /// The source at `rel` opened by the kernel only if its path, symlinks
    /// and all, stays beneath the folder (openat2's `RESOLVE_BENEATH`): one
    /// system call, where resolving the path by hand took one a component
    /// and most of the time reading 10,000 sources took. `None` if that
    /// fails for any reason (missing, outside, an absolute symlink that may
    /// lead back inside, a kernel without openat2): `resolve` then decides,
    /// and says why.
    #[cfg(target_os = "linux")]
    fn open_beneath(&self, rel: &Path) -> Option<File> {
        use rustix::fs::{Mode, OFlags, ResolveFlags};
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
        let how = ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS;
        let dir = self.dir.as_ref().filter(|_| stays_inside(rel))?;
        let fd = rustix::fs::openat2(dir, rel, flags, Mode::empty(), how).ok()?;
        Some(File::from(fd))
    }

    #[cfg(not(target_os = "linux"))]
    fn open_beneath(&self, _: &Path) -> Option<File> {
        None
    }

    /// Read a source, counting it against the limit for all sources together;
    /// its size is taken before it is read, so the limit bounds memory.
    fn read_counted(&self, opened: Result<(File, u64), ReadError>) -> Result<Vec<u8>, ReadError> {
        let what = ONE_SOURCE;
        let (file, len) = opened?;
        let before = self.taken.fetch_add(len, Ordering::SeqCst);
        if before.saturating_add(len) > self.sources_max {
            self.taken.fetch_sub(len, Ordering::SeqCst);
            return Err(ReadError::TooMuchTogether {
                size: len,
                before,
                limit: self.sources_max,
            });
        }
        let bytes = read_all(file, len, self.source_max, what)?;
        // A file that grew since its size was taken: count what was read.
        if let Some(more) = (bytes.len() as u64).checked_sub(len) {
            self.taken.fetch_add(more, Ordering::SeqCst);
        }
        Ok(bytes)
    }
}

/// What a source is called where its size is refused.
const ONE_SOURCE: &str = "one source";
const OUTSIDE: &str = "is outside the timeline's folder";
const LEADS_OUT: &str = "leads outside the timeline's folder (through a symlink)";

impl Sources for Folder {
    fn check_root(&self, root: &str) -> Result<(), String> {
        match self.resolve(Path::new(root)) {
            Err(Unreadable::Outside(why)) => Err(why),
            // A root that is missing leaves its sources missing: they say so.
            _ => Ok(()),
        }
    }

    fn read(&self, root: Option<&str>, file: &str) -> Result<String, Unreadable> {
        let rel = Path::new(root.unwrap_or("")).join(file);
        let (opened, real) = match self.open_beneath(&rel) {
            Some(file) => (judged(file, self.source_max, ONE_SOURCE), None),
            None => {
                let real = self.resolve(&rel)?;
                (open_regular(&real, self.source_max, ONE_SOURCE), Some(real))
            }
        };
        // Where it really is, worked out only to say why it was not read.
        let failed = |why: String| match real.clone().map_or_else(|| self.resolve(&rel), Ok) {
            Ok(real) => Unreadable::Failed(format!("{why} ({})", real.display())),
            Err(outside) => outside,
        };
        let bytes = self
            .read_counted(opened)
            .map_err(|e| failed(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| {
            failed(format!(
                "not UTF-8 text (bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ))
        })
    }
}

/// Whether a relative path stays inside its folder as written: not absolute,
/// and no `..` climbing above where it starts. Symlinks are judged after.
fn stays_inside(rel: &Path) -> bool {
    let mut depth = 0usize;
    for c in rel.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => return false,
            Component::CurDir => {}
            Component::ParentDir => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            Component::Normal(_) => depth += 1,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_climb_out_as_written_are_outside() {
        for p in ["a.txt", "seeds/a.txt", "./a", "seeds/../a.txt", ""] {
            assert!(stays_inside(Path::new(p)), "{p}");
        }
        for p in ["/etc/passwd", "..", "../a", "seeds/../../a", "a/../../b/c"] {
            assert!(!stays_inside(Path::new(p)), "{p}");
        }
    }

    /// The one-call open and the path resolved by hand agree: what the
    /// kernel will not open beneath the folder (an absolute symlink back
    /// inside, one leading out, a missing file) is decided as before.
    #[cfg(target_os = "linux")]
    #[test]
    fn sources_open_beneath_the_folder_or_are_resolved_by_hand() {
        use std::os::unix::fs::symlink;
        let outer = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(outer.path()).unwrap().join("tl");
        fs::create_dir_all(base.join("seeds")).unwrap();
        fs::write(base.join("seeds/a.txt"), "inside").unwrap();
        fs::write(outer.path().join("secret.txt"), "outside").unwrap();
        symlink("a.txt", base.join("seeds/alias.txt")).unwrap();
        symlink(base.join("seeds/a.txt"), base.join("seeds/absolute.txt")).unwrap();
        symlink(outer.path().join("secret.txt"), base.join("seeds/leak.txt")).unwrap();
        let folder = Folder::with_limits(base.clone(), 50, 100);
        let beneath = |f: &str| folder.open_beneath(Path::new(f)).is_some();
        assert!(beneath("seeds/a.txt") && beneath("seeds/alias.txt"));
        assert!(!beneath("seeds/absolute.txt") && !beneath("seeds/leak.txt"));
        assert!(!beneath("seeds/missing.txt") && !beneath("../secret.txt"));
        for f in ["seeds/a.txt", "seeds/alias.txt", "seeds/absolute.txt"] {
            assert_eq!(folder.read(None, f).as_deref(), Ok("inside"), "{f}");
        }
        let outside = Unreadable::Outside(LEADS_OUT.into());
        assert_eq!(folder.read(None, "seeds/leak.txt"), Err(outside));
        let Err(Unreadable::Failed(why)) = folder.read(None, "seeds/missing.txt") else {
            panic!("a missing file")
        };
        assert!(why.contains("seeds/missing.txt"), "{why}");
        // Opened in one call, then refused as anything is that is not a
        // regular file, with where it is.
        let Err(Unreadable::Failed(why)) = folder.read(None, "seeds") else {
            panic!("a folder")
        };
        assert!(
            beneath("seeds") && why.contains(&format!("({})", base.join("seeds").display())),
            "{why}"
        );
    }

    #[test]
    fn all_sources_together_have_a_limit() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a", "b", "c"] {
            fs::write(dir.path().join(name), [b'x'; 40]).unwrap();
        }
        let folder = Folder::with_limits(fs::canonicalize(dir.path()).unwrap(), 50, 100);
        assert!(folder.read(None, "a").is_ok());
        assert!(folder.read(None, "b").is_ok());
        let Err(Unreadable::Failed(why)) = folder.read(None, "c") else {
            panic!("the third is one too many")
        };
        assert!(
            why.starts_with("it is 40 bytes and the sources before it come to 80 bytes: together over the 100 bytes limit"),
            "{why}"
        );
        // And one alone over its own limit.
        fs::write(dir.path().join("d"), [b'x'; 51]).unwrap();
        let Err(Unreadable::Failed(why)) = folder.read(None, "d") else {
            panic!("over the limit for one")
        };
        assert!(
            why.contains("over the 50 bytes limit for one source"),
            "{why}"
        );
    }

    #[test]
    fn a_held_file_is_read_again_only_while_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.ron");
        fs::write(&path, "héllo world").unwrap();
        let (held, bytes) = Held::read(&path, 100, "a timeline file").unwrap();
        assert_eq!(bytes, "héllo world".as_bytes());
        assert_eq!(held.read_at(7..12).as_deref(), Some(&b"world"[..]));
        assert_eq!(held.text().as_deref(), Some("héllo world"));
        // Into a buffer used before: what it held before is gone.
        let mut buf = b"a longer leftover".to_vec();
        assert_eq!(held.read_into(0..5, &mut buf), Some(()));
        assert_eq!(buf, "héll".as_bytes());
        // Past the end, or backwards: nothing, not a panic.
        assert_eq!(held.read_at(7..13), None);
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 5..2;
        assert_eq!(held.read_at(backwards), None);
        // Saved again in place: what was found in it may be anywhere now.
        fs::write(&path, "hello, world").unwrap();
        assert!(!held.unchanged());
        assert_eq!(held.read_at(7..12), None);
        assert_eq!(held.text(), None);
        // Too big, and not a regular file: refused as `read_file` refuses.
        assert!(Held::read(&path, 5, "a timeline file").is_err());
        assert!(Held::read(dir.path(), 100, "a timeline file").is_err());
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(SOURCE_MAX), "64 MiB");
        assert_eq!(size_text(TIMELINE_MAX), "2 GiB");
        assert_eq!(size_text(3 << 29), "1.5 GiB");
        assert_eq!(size_text(900), "900 bytes");
    }
}
