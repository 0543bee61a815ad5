//! Load on loopback for `serve`, with the figures the README quotes:
//!
//!   cargo build --release
//!   cargo run --release --example serve_load [-- target/release/timeline-explorer]
//!
//! 1. Three waves of 100 concurrent sessions at 80x24, each doing the
//!    `/nichols` flow (typed key by key at 50-150 ms a key, cleared, moved,
//!    quit): key-to-frame p50/p99, the server's RSS per session, every
//!    session ending with status 0, and what later waves add.
//! 2. A viewer that stops reading while the presenter steps slides: what it
//!    costs the server, and when it is cut off (the 10 s write-stall
//!    timeout), while another session works.
//! 3. A flood of 1,000 connections from another address: refused past the
//!    limits, and the sessions already open keep answering.
//!
//! The server is the real binary in a process of its own, so its RSS is its own.
//! `WAVES=N` runs N waves (default 3), to see where memory levels off;
//! `FROZEN=COLSxROWS` sizes the viewer that stops reading (default 80x24; the
//! largest a client may claim is 500x200).

#[allow(dead_code)]
#[path = "../tests/common/ssh.rs"]
mod ssh;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ssh::Client;

const WITHIN: Duration = Duration::from_secs(10);

fn rss_kib(pid: u32) -> u64 {
    ssh::rss_kib_of(&pid.to_string())
}

fn server(
    bin: &str,
    extra: &[&str],
    dir: &std::path::Path,
) -> (
    Child,
    std::net::SocketAddr,
    std::sync::mpsc::Receiver<String>,
) {
    let mut child = Command::new(bin)
        .args(["--as-of", "2020-10-04", "serve", "--listen", "127.0.0.1:0"])
        .args(extra)
        .env("TIMELINE_EXPLORER_DATA_DIR", dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the release binary: cargo build --release");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut addr = None;
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("serving on  ") {
            addr = rest.split(": ").next().and_then(|a| a.parse().ok());
            break;
        }
    }
    // Its log lines: one per connection.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    (child, addr.expect("the server's address"), rx)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// One session doing the `/nichols` flow; its key-to-frame times and exit status.
async fn nichols(addr: std::net::SocketAddr) -> (Vec<Duration>, Option<u32>) {
    let c = Client::open(addr, None, 80, 24).await;
    c.wait_for("25 of 25 events", WITHIN).await;
    let mut times = Vec::new();
    for key in ["/", "n", "i", "c", "h", "o", "l", "s"] {
        // Typed as people type: a key every 50-150 ms.
        tokio::time::sleep(Duration::from_millis(fastrand::u64(50..150))).await;
        if let Some(t) = c.key_to_frame(key.as_bytes(), WITHIN).await {
            times.push(t);
        }
    }
    c.wait_for("1 of 25 events", WITHIN).await;
    for key in ["\x1b", "j", "j", "j", "k"] {
        tokio::time::sleep(Duration::from_millis(fastrand::u64(50..150))).await;
        if let Some(t) = c.key_to_frame(key.as_bytes(), WITHIN).await {
            times.push(t);
        }
    }
    c.send(b"q").await;
    let exit = c.ended(WITHIN).await;
    c.bye().await;
    (times, exit)
}

async fn wave(addr: std::net::SocketAddr, n: usize, pid: u32) -> (Vec<Duration>, usize, u64) {
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let watching = {
        let peak = peak.clone();
        tokio::spawn(async move {
            loop {
                peak.fetch_max(rss_kib(pid), std::sync::atomic::Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let tasks: Vec<_> = (0..n).map(|_| tokio::spawn(nichols(addr))).collect();
    let mut times = Vec::new();
    let mut clean = 0;
    for t in tasks {
        let (mut ts, exit) = t.await.unwrap();
        times.append(&mut ts);
        clean += usize::from(exit == Some(0));
    }
    watching.abort();
    times.sort();
    (
        times,
        clean,
        peak.load(std::sync::atomic::Ordering::Relaxed),
    )
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let bin = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/release/timeline-explorer".into());
    let dir = tempfile::tempdir().unwrap();

    let waves: usize = std::env::var("WAVES")
        .ok()
        .and_then(|w| w.parse().ok())
        .unwrap_or(3);
    let (frozen_cols, frozen_rows): (u16, u16) = std::env::var("FROZEN")
        .ok()
        .and_then(|f| {
            let (c, r) = f.split_once('x')?;
            Some((c.parse().ok()?, r.parse().ok()?))
        })
        .unwrap_or((80, 24));
    println!("== 1. {waves} waves of 100 sessions doing /nichols at 80x24");
    let presenter = ssh::key();
    let public = dir.path().join("presenter.pub");
    std::fs::write(&public, presenter.public_key().to_openssh().unwrap()).unwrap();
    let (mut child, addr, log) = server(
        &bin,
        &[
            "--max-sessions",
            "1000",
            "--max-per-ip",
            "1000",
            "--presenter-key",
            public.to_str().unwrap(),
        ],
        dir.path(),
    );
    let pid = child.id();
    // One session first, so the baseline has the timeline and the code paged in.
    let _ = nichols(addr).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let base = rss_kib(pid);
    println!("server RSS before: {base} KiB");
    for round in 1..=waves {
        let t = Instant::now();
        let (times, clean, peak) = wave(addr, 100, pid).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let after = rss_kib(pid);
        println!(
            "wave {round}: {clean}/100 ended with status 0 in {:.1}s; key-to-frame p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} keys); \
             server RSS peak {peak} KiB = {:.0} KiB per session over the baseline; after the wave {after} KiB",
            t.elapsed().as_secs_f64(),
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
            times.len(),
            peak.saturating_sub(base) as f64 / 100.0,
        );
    }

    println!("== 2. a client at {frozen_cols}x{frozen_rows} that stops reading");
    let before = rss_kib(pid);
    // A viewer that stops reading: OpenSSH in a pty, stopped
    // (SIGSTOP) once its first frame is in, as a frozen laptop would be.
    // The presenter steps slides, so the server has frames to send it.
    let pty = portable_pty::native_pty_system()
        .openpty(portable_pty::PtySize {
            rows: frozen_rows,
            cols: frozen_cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = portable_pty::CommandBuilder::new("ssh");
    cmd.args(["-p", &addr.port().to_string()]);
    for o in [
        "StrictHostKeyChecking=no",
        "UserKnownHostsFile=/dev/null",
        "IdentitiesOnly=yes",
        "IdentityFile=/dev/null",
        "LogLevel=ERROR",
    ] {
        cmd.args(["-o", o]);
    }
    cmd.arg("localhost");
    let mut frozen = pty.slave.spawn_command(cmd).expect("ssh (openssh-client)");
    let mut reader = pty.master.try_clone_reader().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while matches!(std::io::Read::read(&mut reader, &mut buf), Ok(n) if n > 0) {}
    });
    tokio::time::sleep(Duration::from_secs(1)).await;
    let ssh_pid = frozen.process_id().unwrap() as i32;
    unsafe { libc::kill(ssh_pid, libc::SIGSTOP) };
    let ok = Client::open(addr, None, 80, 24).await;
    ok.wait_for("25 of 25 events", WITHIN).await;
    let p = Client::open(addr, Some(&presenter), 80, 24).await;
    p.wait_for("25 of 25 events", WITHIN).await;
    p.send(b"p").await;
    while log.try_recv().is_ok() {}
    let t = Instant::now();
    let mut steps = 0;
    let mut peak = before;
    let mut during = None;
    let mut cut_line = None;
    while cut_line.is_none() && t.elapsed() < Duration::from_secs(40) {
        p.send(if steps % 40 < 20 { b" " } else { b"\x1b[D" }).await;
        steps += 1;
        if steps == 100 {
            // Meanwhile, another session works as ever.
            during = ok.key_to_frame(b"j", WITHIN).await;
        }
        peak = peak.max(rss_kib(pid));
        tokio::time::sleep(Duration::from_millis(50)).await;
        while let Ok(line) = log.try_recv() {
            if line.contains("stopped reading") {
                cut_line = Some(line);
            }
        }
    }
    println!(
        "server log: {}",
        cut_line.as_deref().unwrap_or("(no cut-off)")
    );
    let cut = t.elapsed();
    unsafe { libc::kill(ssh_pid, libc::SIGKILL) };
    let _ = frozen.wait();
    println!(
        "slow reader: cut off {:.1}s after the presenter began ({steps} slides stepped); server RSS {before} -> peak {peak} KiB (+{} KiB); \
         another session's key meanwhile: {}",
        cut.as_secs_f64(),
        peak.saturating_sub(before),
        during.map_or("no frame".into(), |d| format!(
            "{:.1} ms",
            d.as_secs_f64() * 1e3
        )),
    );
    ok.send(b"q").await;
    ok.ended(WITHIN).await;
    p.send(b"q").await;
    p.ended(WITHIN).await;
    let _ = nix_kill(&mut child);

    println!("== 3. a flood of 1,000 connections from another address (default limits)");
    let (mut child, addr, _log) = server(&bin, &[], dir.path());
    let pid = child.id();
    let mut open = Vec::new();
    for _ in 0..10 {
        let c = Client::open(addr, None, 80, 24).await;
        c.wait_for("25 of 25 events", WITHIN).await;
        open.push(c);
    }
    let before = rss_kib(pid);
    let t = Instant::now();
    let mut flood = Vec::new();
    let mut refused = 0;
    for _ in 0..1000 {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind("127.0.0.2:0".parse().unwrap()).unwrap();
        match socket.connect(addr).await {
            Ok(s) => flood.push(s),
            Err(_) => refused += 1,
        }
    }
    // Each existing session still answers, while the flood is open.
    let mut worst = Duration::ZERO;
    for c in &open {
        let d = c
            .key_to_frame(b"j", WITHIN)
            .await
            .expect("a frame during the flood");
        worst = worst.max(d);
    }
    // How many the server kept: those it did not close at once.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut kept = 0;
    for s in &flood {
        let mut buf = [0u8; 64];
        match s.try_read(&mut buf) {
            Ok(0) => {}
            _ => kept += 1,
        }
    }
    let during = rss_kib(pid);
    println!(
        "flood: 1000 connects in {:.1}s ({refused} refused by the OS), {kept} still open after 300 ms (per-address limit 32); \
         existing sessions' worst key-to-frame {:.1} ms; server RSS {before} -> {during} KiB",
        t.elapsed().as_secs_f64(),
        worst.as_secs_f64() * 1e3,
    );
    // The 10 s login deadline closes the rest.
    tokio::time::sleep(Duration::from_secs(11)).await;
    let mut still = 0;
    for s in &flood {
        let mut buf = [0u8; 64];
        loop {
            match s.try_read(&mut buf) {
                Ok(0) => break,
                Ok(_) => continue,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    still += 1;
                    break;
                }
                Err(_) => break,
            }
        }
    }
    println!("after the 10 s login deadline: {still} of the flood still open");
    for c in &open {
        c.send(b"q").await;
        c.ended(WITHIN).await;
    }
    let _ = nix_kill(&mut child);
}

fn nix_kill(child: &mut Child) -> std::io::Result<()> {
    // SIGTERM, as a user's Ctrl-c would: the server closes within 2 s.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let t = Instant::now();
    let status = child.wait()?;
    println!(
        "server: SIGTERM -> exit {:?} in {:.2}s",
        status.code(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
