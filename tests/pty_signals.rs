//! The terminal is given back on every way out: signals, Ctrl-z, a panic in
//! any thread, a terminal that goes away. The real binary in a pty.

use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use portable_pty::CommandBuilder;

mod common;
use common::pty::{BIN, Session, run_in, spawn};

fn signal(s: &Session, sig: Signal) {
    kill(Pid::from_raw(s.pid()), sig).unwrap();
}

#[test]
fn each_terminating_signal_restores_the_terminal_and_exits_128_plus_n() {
    for sig in [
        Signal::SIGTERM,
        Signal::SIGINT,
        Signal::SIGHUP,
        Signal::SIGQUIT,
    ] {
        let mut s = spawn(&[], 80, 24, &[]);
        s.wait_for("25 of 25 events");
        assert!(s.parser.lock().unwrap().screen().alternate_screen());
        signal(&s, sig);
        assert_eq!(s.exit_code(), 128 + sig as u32, "{sig}");
        s.assert_restored();
    }
}

#[test]
fn a_signal_while_typing_a_filter_restores_too() {
    let mut s = spawn(&[], 80, 24, &[]);
    s.wait_for("25 of 25 events");
    s.send("/ora");
    s.wait_for("/ora");
    signal(&s, Signal::SIGTERM);
    assert_eq!(s.exit_code(), 143);
    s.assert_restored();
}

/// The process a job-control shell started in the pty: the shell's only child.
fn child_of(shell: i32) -> i32 {
    let start = Instant::now();
    loop {
        let children =
            std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap();
        if let Some(pid) = children.split_whitespace().next() {
            return pid.parse().unwrap();
        }
        assert!(
            start.elapsed() < common::pty::PATIENCE,
            "the shell started nothing"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// bash as a user has it, but with no line editing (so the line discipline is
/// cooked at its prompt) and a prompt to wait for.
fn shell() -> Session {
    let mut cmd = CommandBuilder::new("bash");
    cmd.args(["--norc", "--noprofile", "--noediting", "-i"]);
    cmd.env("PS1", "PROMPT$ ");
    let s = run_in(tempfile::tempdir().unwrap(), cmd, 80, 24, &[]);
    s.wait_for("PROMPT$");
    s
}

fn stopped(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit(')')
            .next()
            .unwrap()
            .trim_start()
            .starts_with('T')
    })
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_comes_back_redrawn() {
    let mut s = shell();
    s.send(&format!("'{BIN}' --select oracle-deal\r"));
    s.wait_for("25 of 25 events");
    let app = child_of(s.pid());
    // While typing a filter, too.
    s.send("/ora");
    s.wait_for("/ora");
    s.send("\x1a");
    s.wait_until("the app stopped", || stopped(app));
    s.wait_for("Stopped");
    s.assert_restored();

    // Blank our copy of the screen: only a real redraw brings the app back.
    s.send("fg\r");
    s.wait_until("the app running again", || !stopped(app));
    s.wait_for("/ora");
    s.wait_for(" of 25 events");
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    assert!(!s.cooked(), "raw mode is back after fg");
    // Keys still work: the filter takes more letters, Esc clears it, q quits.
    s.send("c");
    s.wait_for("/orac");
    s.send("\x1b");
    s.wait_for("25 of 25 events");
    s.send("q");
    s.wait_until("the app gone", || {
        !std::path::Path::new(&format!("/proc/{app}")).exists()
            || std::fs::read_to_string(format!("/proc/{app}/stat"))
                .is_ok_and(|st| st.contains(") Z"))
    });
    s.wait_for("PROMPT$");
    s.assert_restored();
    s.send("exit\r");
    s.exit_code();
}

#[test]
fn sigtstp_from_outside_suspends_and_fg_redraws() {
    let mut s = shell();
    s.send(&format!("'{BIN}'\r"));
    s.wait_for("25 of 25 events");
    let app = child_of(s.pid());
    kill(Pid::from_raw(app), Signal::SIGTSTP).unwrap();
    s.wait_until("the app stopped", || stopped(app));
    s.wait_for("Stopped");
    s.assert_restored();
    s.send("fg\r");
    s.wait_for("25 of 25 events");
    assert!(!s.cooked(), "raw mode is back after fg");
    s.send("q");
    s.wait_for("PROMPT$");
    s.assert_restored();
    s.send("exit\r");
    s.exit_code();
}

#[test]
fn after_sigstop_sigcont_repaints_what_the_terminal_lost() {
    // SIGSTOP cannot be caught. With no shell taking the terminal meanwhile,
    // on SIGCONT the app must repaint: blank our copy of the screen to see it.
    let mut s = spawn(&[], 80, 24, &[]);
    s.wait_for("25 of 25 events");
    signal(&s, Signal::SIGSTOP);
    s.wait_until("the app stopped", || stopped(s.pid()));
    s.parser.lock().unwrap().process(b"\x1b[2J\x1b[H");
    assert!(!s.text().contains("25 of 25 events"));
    signal(&s, Signal::SIGCONT);
    s.wait_for("25 of 25 events");
    s.send("/nichols");
    s.wait_for("1 of 25 events");
    s.send("\x03");
    std::thread::sleep(Duration::from_millis(1000));
    {
        let raw = s.raw.lock().unwrap();
        let all = String::from_utf8_lossy(&raw);
        eprintln!(
            "DEBUG alt={} 1049l at {:?} len {}",
            s.parser.lock().unwrap().screen().alternate_screen(),
            all.match_indices("1049")
                .map(|(i, _)| i)
                .collect::<Vec<_>>(),
            all.len()
        );
        eprintln!("DEBUG tail {:?}", &all[all.len().saturating_sub(300)..]);
        let p = s.parser.lock().unwrap();
        eprintln!(
            "DEBUG size {:?} cursor {:?} rows {:?}",
            p.screen().size(),
            p.screen().cursor_position(),
            p.screen().rows(0, 80).take(3).collect::<Vec<_>>()
        );
        let mut fresh = vt100::Parser::new(
            std::num::NonZeroU16::new(24).unwrap(),
            std::num::NonZeroU16::new(80).unwrap(),
            0,
        );
        fresh.process(&raw);
        eprintln!(
            "DEBUG fresh {:?}",
            fresh
                .screen()
                .contents()
                .lines()
                .take(3)
                .collect::<Vec<_>>()
        );
    }
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn a_closed_terminal_ends_the_app_even_with_sighup_ignored() {
    let mut cmd = CommandBuilder::new("sh");
    // As under nohup: the hangup signal is ignored, so only the input can tell.
    cmd.args(["-c", "trap '' HUP; exec \"$0\"", BIN]);
    let mut s = run_in(tempfile::tempdir().unwrap(), cmd, 80, 24, &[]);
    s.wait_for("25 of 25 events");
    let pid = s.pid();
    s.close();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) {
        if s.child.try_wait().unwrap().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    panic!("still running 1 s after its terminal closed: {stat}");
}

#[test]
fn a_panic_in_another_thread_ends_the_app_with_the_terminal_restored() {
    let mut s = spawn(&[], 80, 24, &[("TIMELINE_EXPLORER_TEST_PANIC", "thread")]);
    s.wait_for("25 of 25 events");
    s.send("j");
    let code = s.exit_code();
    assert_eq!(code, 101);
    s.assert_restored();
    let out = String::from_utf8_lossy(&s.raw.lock().unwrap()).to_string();
    assert!(
        out.contains("panic requested by TIMELINE_EXPLORER_TEST_PANIC"),
        "{out}"
    );
}

#[test]
fn a_terminal_claiming_65535_by_65535_does_not_exhaust_memory() {
    // A frame that size is 4 billion cells; the app draws at most 1000x500.
    let mut s = spawn(&[], 80, 24, &[]);
    s.wait_for("25 of 25 events");
    s.claim_size(65535, 65535);
    std::thread::sleep(Duration::from_millis(300));
    s.send("j");
    std::thread::sleep(Duration::from_millis(300));
    assert!(s.child.try_wait().unwrap().is_none(), "the app died");
    let rss: u64 = std::fs::read_to_string(format!("/proc/{}/status", s.pid()))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap();
    assert!(rss < 400_000, "{rss} kB resident");
    s.claim_size(80, 24);
    s.wait_for("25 of 25 events");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn the_mouse_is_asked_for_buttons_and_wheel_only() {
    let mut s = spawn(&[], 80, 24, &[]);
    s.wait_for("25 of 25 events");
    let mode = s.parser.lock().unwrap().screen().mouse_protocol_mode();
    assert_eq!(mode, vt100::MouseProtocolMode::PressRelease);
    let encoding = s.parser.lock().unwrap().screen().mouse_protocol_encoding();
    assert_eq!(encoding, vt100::MouseProtocolEncoding::Sgr);
    let out = String::from_utf8_lossy(&s.raw.lock().unwrap()).to_string();
    assert!(
        !out.contains("\x1b[?1003h"),
        "all-motion reporting requested"
    );
    // The wheel moves the selection: the second event heads the preview too.
    s.send("\x1b[<65;5;6M");
    s.wait_until("the second event in the preview", || {
        s.text().matches("Trump gives ByteDance 90 days").count() == 2
    });
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn any_bytes_from_the_terminal_leave_the_app_running() {
    let mut s = spawn(&[], 80, 24, &[]);
    s.wait_for("25 of 25 events");
    let mut rng = fastrand::Rng::with_seed(0x5eed);
    // Random bytes, and escape sequences cut anywhere, as a flaky SSH client
    // or a terminal answering the wrong question might send, in bursts.
    let pieces: [&[u8]; 8] = [
        b"\x1b[",
        b"\x1b[<",
        b"\x1bO",
        b"\x1b]",
        b"\x1b[200~",
        b"\x1b[201~",
        b"\x1b[99999999999999999999;9999999999M",
        b"\xc3\x28\xe2\x82\xf0\x90\x80",
    ];
    for _ in 0..200 {
        let mut chunk = Vec::new();
        for _ in 0..rng.usize(1..64) {
            if rng.u8(0..4) == 0 {
                chunk.extend_from_slice(pieces[rng.usize(0..pieces.len())]);
            } else {
                chunk.push(rng.u8(..));
            }
        }
        // Never a quit (q, Ctrl-c) or a suspend (Ctrl-z), nor the u that
        // ends a CSI-u key report, which could spell any of them.
        chunk.retain(|b| !matches!(b, b'q' | b'Q' | b'u' | 0x03 | 0x1a));
        if let Some(status) = s.child.try_wait().unwrap() {
            panic!("the app ended ({status:?}) before {chunk:?}:\n{}", s.text());
        }
        s.send_bytes(&chunk);
    }
    // Still answering. crossterm holds every byte after the start of a
    // sequence until its end arrives (a paste's ESC[201~, a mouse report's M,
    // an ESC[? reply's c), so end those first; then Ctrl-c quits from
    // wherever the bytes left the app.
    s.send("\x1b[201~Mc");
    std::thread::sleep(Duration::from_millis(100));
    s.send("\x03");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn a_paste_longer_than_one_read_is_taken_whole() {
    // crossterm's default reader waits on the tty edge-triggered but stops
    // reading at its first event: the rest of a long paste then sat unread
    // until the next key, and a writer with more to send waited forever.
    // And each of 6,000 keys refiltered with the whole query so far.
    let mut s = spawn(&[], 80, 24, &[]);
    s.wait_for("25 of 25 events");
    s.send("/");
    s.send(&format!("{}nichols", "x".repeat(6000)));
    s.wait_for("/xxxxxxxx");
    s.send("\x15nichols");
    s.wait_for("1 of 25 events");
    s.send("\x03");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_pasted_line_break_is_typed_not_enter() {
    let mut s = spawn(&[], 80, 24, &[]);
    s.wait_for("25 of 25 events");
    let out = String::from_utf8_lossy(&s.raw.lock().unwrap()).to_string();
    assert!(out.contains("\x1b[?2004h"), "bracketed paste asked for");
    s.send("/");
    s.send("\x1b[200~nichols\r\n\x1b[201~");
    s.wait_for("1 of 25 events");
    s.wait_for("/nichols");
    assert!(
        s.text().contains("Esc clear"),
        "still typing:\n{}",
        s.text()
    );
    s.send("\x03");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
    let out = String::from_utf8_lossy(&s.raw.lock().unwrap()).to_string();
    assert!(out.contains("\x1b[?2004l"), "bracketed paste given back");
}
