//! Figures only a real terminal shows, measured through a pseudo-terminal:
//!
//!     cargo build --release && cargo run --release --example terminal_figures
//!
//! - first frame: from spawning the release binary to its first full frame
//!   (the header's `25 of 25 events` on screen), over 30 runs;
//! - bytes per keystroke: what moving the selection one row (`j`) writes to
//!   the terminal at 120x40, the traffic an SSH link carries.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const BINARY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/target/release/timeline-explorer"
);

struct Run {
    bytes: mpsc::Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    seen: Vec<u8>,
}

fn spawn(cols: u16, rows: u16) -> (Run, Instant) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(BINARY);
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let child = pair
        .slave
        .spawn_command(cmd)
        .expect("the release binary (cargo build --release)");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let writer = pair.master.take_writer().unwrap();
    (
        Run {
            bytes: rx,
            writer,
            child,
            _master: pair.master,
            seen: Vec::new(),
        },
        start,
    )
}

impl Run {
    /// Read until `needle` has appeared in the output; returns bytes read meanwhile.
    fn until(&mut self, needle: &[u8]) -> usize {
        let before = self.seen.len();
        while !self.seen[before.saturating_sub(needle.len())..]
            .windows(needle.len())
            .any(|w| w == needle)
        {
            let chunk = self
                .bytes
                .recv_timeout(Duration::from_secs(10))
                .expect("output");
            self.seen.extend(chunk);
        }
        self.seen.len() - before
    }

    /// Everything written within `quiet` of silence.
    fn drain(&mut self, quiet: Duration) -> usize {
        let mut n = 0;
        while let Ok(chunk) = self.bytes.recv_timeout(quiet) {
            n += chunk.len();
            self.seen.extend(chunk);
        }
        n
    }

    fn quit(mut self) {
        let _ = self.writer.write_all(b"q");
        let _ = self.child.wait();
    }
}

fn main() {
    let mut times: Vec<f64> = (0..30)
        .map(|_| {
            let (mut run, start) = spawn(80, 24);
            run.until(b"25 of 25 events");
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            run.quit();
            ms
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "first frame after exec: median {:.1} ms (min {:.1}, max {:.1}, 30 runs)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );

    let (mut run, _) = spawn(120, 40);
    run.until(b"25 of 25 events");
    run.drain(Duration::from_millis(300));
    let mut per_key = Vec::new();
    for _ in 0..15 {
        run.writer.write_all(b"j").unwrap();
        run.writer.flush().unwrap();
        per_key.push(run.drain(Duration::from_millis(150)));
    }
    run.quit();
    per_key.sort_unstable();
    println!(
        "bytes per selection move at 120x40: median {} (min {}, max {}, 15 keys)",
        per_key[per_key.len() / 2],
        per_key[0],
        per_key[per_key.len() - 1]
    );
}
