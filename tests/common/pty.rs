//! The real binary in a pseudo-terminal, its screen parsed by vt100, as a user
//! at a terminal would meet it. Every session keeps its state (marks, config)
//! in a folder of its own, never the user's.

use std::io::{Read, Write};
use std::os::fd::{AsFd, FromRawFd, OwnedFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::termios::LocalFlags;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Long enough for a loaded CI machine; a passing run waits only as long as it must.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub const BIN: &str = env!("CARGO_BIN_EXE_timeline-explorer");

pub struct Session {
    /// Where this session keeps its marks and config.
    pub state: tempfile::TempDir,
    /// Both ends of our side of the pty; `None` once closed.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    pub child: Box<dyn Child + Send + Sync>,
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the app wrote, for checking escape sequences.
    pub raw: Arc<Mutex<Vec<u8>>>,
    /// Tells the reader thread to let go of its copy of the master.
    stop: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size is never zero")
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The app with these arguments, in a fresh state folder.
pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
    spawn_in(tempfile::tempdir().unwrap(), args, cols, rows, env)
}

/// The app with these arguments, keeping its state in `state`.
pub fn spawn_in(
    state: tempfile::TempDir,
    args: &[&str],
    cols: u16,
    rows: u16,
    env: &[(&str, &str)],
) -> Session {
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    run_in(state, cmd, cols, rows, env)
}

/// Any command (a shell, say) in a pty, with the app's environment set up.
pub fn run_in(
    state: tempfile::TempDir,
    mut cmd: CommandBuilder,
    cols: u16,
    rows: u16,
    env: &[(&str, &str)],
) -> Session {
    let pair = native_pty_system().openpty(size(cols, rows)).unwrap();
    cmd.env("TERM", "xterm-256color");
    for var in [
        "NO_COLOR",
        "RUST_BACKTRACE",
        "RUST_LIB_BACKTRACE",
        "TIMELINE_EXPLORER_TEST_PANIC",
        // Copying (y) asks tmux and runs the local clipboard command: never
        // the user's own, unless a test sets these to fakes of its own.
        "TMUX",
        "SSH_CONNECTION",
        "DISPLAY",
        "WAYLAND_DISPLAY",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("TIMELINE_EXPLORER_DATA_DIR", state.path());
    // Settings too: a test that wants some writes them here.
    cmd.env("TIMELINE_EXPLORER_CONFIG", state.path().join("config.ron"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
    let raw = Arc::new(Mutex::new(Vec::new()));
    // Our own copy of the master, polled, so that the test can close the pty
    // for real (a reader blocked in read() would keep it open).
    let fd = pair.master.as_raw_fd().expect("a unix pty");
    // SAFETY: dup gives a new descriptor that this OwnedFd alone owns.
    let copy = unsafe { OwnedFd::from_raw_fd(nix::libc::dup(fd)) };
    let stop = Arc::new(AtomicBool::new(false));
    let (p, r, halt) = (parser.clone(), raw.clone(), stop.clone());
    let reader = std::thread::spawn(move || {
        let mut file = std::fs::File::from(copy);
        let mut buf = [0u8; 8192];
        while !halt.load(Ordering::SeqCst) {
            let mut fds = [PollFd::new(file.as_fd(), PollFlags::POLLIN)];
            match poll(&mut fds, PollTimeout::from(20u8)) {
                Ok(0) => continue,
                Ok(_) => {}
                Err(nix::errno::Errno::EINTR) => continue,
                Err(_) => break,
            }
            match file.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    p.lock().unwrap().process(&buf[..n]);
                    r.lock().unwrap().extend_from_slice(&buf[..n]);
                }
            }
        }
    });
    let writer = pair.master.take_writer().unwrap();
    Session {
        state,
        master: Some(pair.master),
        writer: Some(writer),
        child,
        parser,
        raw,
        stop,
        reader: Some(reader),
    }
}

impl Session {
    pub fn send(&mut self, keys: &str) {
        self.send_bytes(keys.as_bytes());
    }

    /// Write to the app's terminal. A write blocks while the app does not
    /// read, forever if it has gone: then the test fails instead of hanging.
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let mut writer = self.writer.take().expect("the pty is open");
        let bytes = bytes.to_vec();
        let write = std::thread::spawn(move || {
            writer.write_all(&bytes).unwrap();
            writer.flush().unwrap();
            writer
        });
        let start = Instant::now();
        while !write.is_finished() {
            if start.elapsed() > PATIENCE {
                let status = self.child.try_wait().unwrap();
                panic!(
                    "the app stopped reading (exit: {status:?}):\n{}",
                    self.text()
                );
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        self.writer = Some(write.join().unwrap());
    }

    pub fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, what: &str) {
        self.wait_until(&format!("{what:?} on screen"), || {
            self.text().contains(what)
        });
    }

    /// Wait for `ready` to hold; `what` says what was awaited if it never does.
    pub fn wait_until(&self, what: &str, ready: impl Fn() -> bool) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if ready() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("never saw {what}:\n{}", self.text());
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().set_size(nz(rows), nz(cols));
        self.master().resize(size(cols, rows)).unwrap();
    }

    /// Tell the app its terminal has this size, keeping our copy of the
    /// screen as it is (for sizes too big to keep a copy of).
    pub fn claim_size(&mut self, cols: u16, rows: u16) {
        self.master().resize(size(cols, rows)).unwrap();
    }

    fn master(&self) -> &(dyn MasterPty + Send) {
        self.master.as_deref().expect("the pty is open")
    }

    pub fn pid(&self) -> i32 {
        self.child.process_id().expect("a pid") as i32
    }

    /// The exit status, waiting for it; the test fails if it never comes.
    pub fn exit_code(&mut self) -> u32 {
        self.exit_code_or(String::new)
    }

    /// `exit_code`, the test failing with `more` said as well (what else
    /// was going on) if the status never comes.
    pub fn exit_code_or(&mut self, more: impl FnOnce() -> String) -> u32 {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the app did not exit:\n{}\n{}", self.text(), more());
    }

    /// Close our end of the pty, as a terminal window closing or an SSH
    /// connection dropping does.
    pub fn close(&mut self) {
        self.writer = None;
        self.master = None;
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }

    /// Row and column of the first place `needle` shows.
    pub fn find(&self, needle: &str) -> Option<(u16, u16)> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        for row in 0..rows {
            let line: Vec<String> = (0..cols)
                .map(|c| {
                    screen
                        .cell(row, c)
                        .map_or(String::new(), |c| c.contents().to_string())
                })
                .collect();
            let joined: String = line
                .iter()
                .map(|s| if s.is_empty() { " " } else { s })
                .collect();
            if let Some(at) = joined.find(needle) {
                return Some((row, joined[..at].chars().count() as u16));
            }
        }
        None
    }

    pub fn cell<T>(&self, row: u16, col: u16, f: impl Fn(&vt100::Cell) -> T) -> T {
        f(self.parser.lock().unwrap().screen().cell(row, col).unwrap())
    }

    /// The pty's line discipline flags, as the app left them.
    pub fn local_flags(&self) -> LocalFlags {
        self.master().get_termios().expect("termios").local_flags
    }

    /// Whether the line discipline is cooked: echo on, line editing on.
    pub fn cooked(&self) -> bool {
        self.local_flags()
            .contains(LocalFlags::ECHO | LocalFlags::ICANON)
    }

    /// After exit: the main screen back, cursor shown, mouse released, line discipline cooked.
    pub fn assert_restored(&self) {
        // The reader thread may still be draining the last bytes.
        std::thread::sleep(Duration::from_millis(100));
        {
            let parser = self.parser.lock().unwrap();
            let screen = parser.screen();
            assert!(!screen.alternate_screen(), "still on the alternate screen");
            assert!(!screen.hide_cursor(), "cursor left hidden");
            assert_eq!(
                screen.mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "mouse left captured"
            );
        }
        assert!(self.cooked(), "raw mode left on: {:?}", self.local_flags());
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Nothing outlives its test, whatever the test did to it.
        let _ = self.child.kill();
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// A copy of the shipped timeline folder (the RON file and its sources) that
/// a test may edit; the RON file is at `data/timeline.ron` inside it.
pub fn editable_timeline() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("data"), &dir.path().join("data"));
    copy_dir(&root.join("seeds"), &dir.path().join("seeds"));
    dir
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Save as editors do: a new file renamed over the old one.
pub fn save_by_rename(path: &std::path::Path, text: &str) {
    let temp = path.with_extension("swp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}
