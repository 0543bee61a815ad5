//! One program in a pseudo-terminal, timed the way `../shared/tools/keylat.py`
//! times it, so that the figures of both can be set side by side:
//!
//! - start-up: from spawning to the first output after which the screen
//!   matches a regex (keylat: `--ready`), then half a second to settle;
//! - a key: write it, read until the program has been silent for `quiet`
//!   (keylat: `--quiet`, 0.15 s), and count from the write to the last byte.
//!
//! One difference, on purpose: the regexes are matched against the screen (a
//! vt100 parser fed every byte), not the raw bytes. An app that redraws only
//! the cells that changed (ratatui does) may never write a whole phrase such as
//! "of 100000 events" at once; on a first frame both give the same time.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::pty::{Winsize, openpty};
use regex::Regex;

/// The child being measured, for the signal handler to end on Ctrl-C.
pub static LIVE: AtomicI32 = AtomicI32::new(0);

/// What to run: a program, its arguments, its environment and its stdin.
#[derive(Clone, Debug)]
pub struct Spawn {
    pub program: PathBuf,
    pub args: Vec<OsString>,
    /// Read as standard input (fzf's list); `None`: the terminal.
    pub stdin: Option<PathBuf>,
    pub env: Vec<(String, String)>,
    pub env_remove: Vec<String>,
}

pub struct Term {
    child: Child,
    master: File,
    screen: vt100::Parser,
    eof: bool,
}

fn cloexec(fd: &OwnedFd) -> io::Result<()> {
    // SAFETY: fcntl on a descriptor we own, with no pointers.
    if unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) } == -1 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

impl Term {
    /// Start `what` on a new pty of this size; returns it and the instant just
    /// before the spawn (keylat's `t0`, taken after its fork: the same within
    /// a fork's time).
    pub fn spawn(what: &Spawn, cols: u16, rows: u16) -> io::Result<(Term, Instant)> {
        let size = Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = openpty(Some(&size), None).map_err(io::Error::from)?;
        cloexec(&pty.master)?;
        cloexec(&pty.slave)?;
        let mut cmd = Command::new(&what.program);
        cmd.args(&what.args).env("TERM", "xterm-256color");
        for k in &what.env_remove {
            cmd.env_remove(k);
        }
        for (k, v) in &what.env {
            cmd.env(k, v);
        }
        let stdin = match &what.stdin {
            Some(path) => Stdio::from(File::open(path)?),
            None => Stdio::from(pty.slave.try_clone()?),
        };
        cmd.stdin(stdin)
            .stdout(Stdio::from(pty.slave.try_clone()?))
            .stderr(Stdio::from(pty.slave));
        // SAFETY: only async-signal-safe calls between fork and exec. A session
        // of its own with the pty as its controlling terminal, as pty.fork()
        // gives keylat's child: fzf and skim open /dev/tty.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() == -1 || libc::ioctl(1, libc::TIOCSCTTY, 0) == -1 {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let start = Instant::now();
        let child = cmd.spawn()?;
        // Our copies of the slave went with `cmd`: the child holds the only ones,
        // so reading ends when it exits.
        drop(cmd);
        LIVE.store(child.id() as i32, Ordering::SeqCst);
        let screen = vt100::Parser::new(nz(rows), nz(cols), 0);
        Ok((
            Term {
                child,
                master: File::from(pty.master),
                screen,
                eof: false,
            },
            start,
        ))
    }

    /// One read of what is there, waiting at most `wait`; `None` on silence.
    /// The instant is when the bytes were read.
    fn read_some(&mut self, wait: Duration) -> Option<(usize, Instant)> {
        if self.eof {
            std::thread::sleep(wait);
            return None;
        }
        let timeout = PollTimeout::try_from(wait).unwrap_or(PollTimeout::MAX);
        let mut fds = [PollFd::new(self.master.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, timeout) {
            Ok(0) | Err(nix::errno::Errno::EINTR) => return None,
            Ok(_) => {}
            Err(_) => {
                self.eof = true;
                return None;
            }
        }
        let mut buf = [0u8; 65536];
        match self.master.read(&mut buf) {
            // EIO: the child has gone and the slave with it.
            Ok(0) | Err(_) => {
                self.eof = true;
                None
            }
            Ok(n) => {
                let at = Instant::now();
                self.screen.process(&buf[..n]);
                Some((n, at))
            }
        }
    }

    /// keylat's start-up loop: read until every regex has matched the screen
    /// or `limit` has passed; returns, per regex, how long after `start` it
    /// first matched. Then lets the start-up settle for half a second.
    pub fn startup(
        &mut self,
        start: Instant,
        marks: &[&Regex],
        limit: Duration,
    ) -> Vec<Option<Duration>> {
        let mut when = vec![None; marks.len()];
        while start.elapsed() < limit && when.iter().any(Option::is_none) && !self.eof {
            let Some((_, at)) = self.read_some(Duration::from_millis(500)) else {
                continue;
            };
            let text = self.screen.screen().contents();
            for (mark, seen) in marks.iter().zip(&mut when) {
                if seen.is_none() && mark.is_match(&text) {
                    *seen = Some(at - start);
                }
            }
        }
        // Settle: the app may well write nothing more (an idle app draws
        // nothing), and waiting `limit` for a byte cost minutes a run.
        let settle = Duration::from_millis(500);
        self.until_quiet(settle, settle);
        when
    }

    /// keylat's `read_until_quiet`: everything written until `quiet` passes
    /// with nothing more; gives up after `limit` if nothing comes at all.
    /// Returns the bytes read and when the last of them came.
    pub fn until_quiet(&mut self, quiet: Duration, limit: Duration) -> (usize, Option<Instant>) {
        let start = Instant::now();
        let (mut bytes, mut last) = (0, None);
        loop {
            match self.read_some(quiet) {
                Some((n, at)) => {
                    bytes += n;
                    last = Some(at);
                }
                None if last.is_some() || start.elapsed() > limit || self.eof => {
                    return (bytes, last);
                }
                None => {}
            }
        }
    }

    /// Type one key and time its answer as keylat does: from the write to the
    /// last byte before `quiet` of silence (0 when nothing came). Returns the
    /// latency and the bytes of the answer.
    pub fn key(&mut self, key: &[u8], quiet: Duration, limit: Duration) -> (Duration, usize) {
        let t = Instant::now();
        self.write(key);
        let (bytes, last) = self.until_quiet(quiet, limit);
        (last.map_or(Duration::ZERO, |l| l - t), bytes)
    }

    /// Write `bytes` to the program, as typed.
    pub fn write(&mut self, bytes: &[u8]) {
        if self.master.write_all(bytes).is_err() {
            self.eof = true;
        }
    }

    /// Read until the screen satisfies `done` (looked at before each read
    /// and after it) or `wait` has passed; whether it did.
    pub fn until(&mut self, done: impl Fn(&vt100::Parser) -> bool, wait: Duration) -> bool {
        let end = Instant::now() + wait;
        loop {
            if done(&self.screen) {
                return true;
            }
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() || self.eof {
                return false;
            }
            self.read_some(left);
        }
    }

    pub fn text(&self) -> String {
        self.screen.screen().contents()
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("at least 1")
}

/// keylat ends its child with SIGTERM; one that ignores it is killed after a
/// second, so no run leaves a process behind, even on a panic.
impl Drop for Term {
    fn drop(&mut self) {
        let pid = self.child.id() as i32;
        // SAFETY: a signal to our own child, not yet reaped.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(1);
        loop {
            // Keep reading: a child blocked writing to a full pty never exits.
            let _ = self.read_some(Duration::from_millis(10));
            match self.child.try_wait() {
                Ok(Some(_)) | Err(_) => break,
                Ok(None) if Instant::now() > deadline => {
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    break;
                }
                Ok(None) => {}
            }
        }
        let _ = LIVE.compare_exchange(pid, 0, Ordering::SeqCst, Ordering::SeqCst);
    }
}
