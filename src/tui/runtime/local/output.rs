//! Where the app draws. Normally standard output; for `pick`, whose standard
//! output is the answer (piped into `pbcopy`, say), the terminal itself, as
//! fzf does: then not one byte of drawing reaches stdout.

use std::fs::File;
use std::io::{self, BufWriter, StdoutLock, Write, stdout};
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Clone)]
pub enum Output {
    Stdout,
    /// `/dev/tty`, opened for reading and writing; buffered as stdout is, so
    /// a frame goes out in a few writes, not one per escape sequence.
    Tty(Arc<Mutex<BufWriter<File>>>),
}

impl Output {
    /// The controlling terminal, whatever stdin and stdout are.
    pub fn tty() -> io::Result<Output> {
        let file = File::options().read(true).write(true).open("/dev/tty")?;
        Ok(Output::Tty(Arc::new(Mutex::new(BufWriter::new(file)))))
    }

    /// Hold the output: no one else draws until the guard is dropped (a panic
    /// report must not be drawn over).
    pub fn lock(&self) -> Locked<'_> {
        match self {
            Output::Stdout => Locked::Stdout(stdout().lock()),
            // A thread that panicked while writing leaves the file as usable as before.
            Output::Tty(file) => Locked::Tty(file.lock().unwrap_or_else(|e| e.into_inner())),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.lock().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.lock().flush()
    }
}

/// The output, held.
pub enum Locked<'a> {
    Stdout(StdoutLock<'static>),
    Tty(MutexGuard<'a, BufWriter<File>>),
}

impl Write for Locked<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Locked::Stdout(out) => out.write(buf),
            Locked::Tty(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Locked::Stdout(out) => out.flush(),
            Locked::Tty(file) => file.flush(),
        }
    }
}
