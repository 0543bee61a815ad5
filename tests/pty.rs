//! End to end: the real binary in a pseudo-terminal, its screen parsed by vt100,
//! as a user at a terminal would meet it.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nix::sys::termios::LocalFlags;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Long enough for a loaded CI machine; a passing run waits only as long as it must.
const PATIENCE: Duration = Duration::from_secs(20);

struct Session {
    /// Where this session keeps its marks, never the user's own.
    _state: tempfile::TempDir,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the app wrote, for checking escape sequences.
    raw: Arc<Mutex<Vec<u8>>>,
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

fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
    spawn_in(tempfile::tempdir().unwrap(), args, cols, rows, env)
}

fn spawn_in(
    state: tempfile::TempDir,
    args: &[&str],
    cols: u16,
    rows: u16,
    env: &[(&str, &str)],
) -> Session {
    let pair = native_pty_system().openpty(size(cols, rows)).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_timeline-explorer"));
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    for var in [
        "NO_COLOR",
        "RUST_BACKTRACE",
        "RUST_LIB_BACKTRACE",
        "TIMELINE_EXPLORER_TEST_PANIC",
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
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (p, r) = (parser.clone(), raw.clone());
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            p.lock().unwrap().process(&buf[..n]);
            r.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let writer = pair.master.take_writer().unwrap();
    Session {
        _state: state,
        master: pair.master,
        writer,
        child,
        parser,
        raw,
    }
}

impl Session {
    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, what: &str) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if self.text().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("never saw {what:?} on screen:\n{}", self.text());
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().set_size(nz(rows), nz(cols));
        self.master.resize(size(cols, rows)).unwrap();
    }

    fn exit_code(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the app did not exit:\n{}", self.text());
    }

    /// Row and column of the first place `needle` shows.
    fn find(&self, needle: &str) -> Option<(u16, u16)> {
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

    fn cell<T>(&self, row: u16, col: u16, f: impl Fn(&vt100::Cell) -> T) -> T {
        f(self.parser.lock().unwrap().screen().cell(row, col).unwrap())
    }

    /// After exit: the main screen back, cursor shown, mouse released, line discipline cooked.
    fn assert_restored(&self) {
        // The reader thread may still be draining the last bytes.
        std::thread::sleep(Duration::from_millis(100));
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor left hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse left captured"
        );
        let termios = self.master.get_termios().expect("termios");
        assert!(
            termios
                .local_flags
                .contains(LocalFlags::ECHO | LocalFlags::ICANON),
            "raw mode left on: {:?}",
            termios.local_flags
        );
    }
}

#[test]
fn nichols_in_under_ten_keystrokes_then_q_restores_the_terminal() {
    let mut s = spawn(&[], 80, 24, &[]);
    s.wait_for("20 of 20 events");
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    s.send("/nichols");
    s.wait_for("1 of 20 events");
    s.send("\r");
    s.wait_for("event › Judge Carl Nichols");
    s.send("\r");
    s.wait_for("source › TikTok Chief Security Officer");
    // The info line is drawn last: once it shows, the whole reader frame is in.
    s.wait_for("passage 21/22");
    // The sentence about Judge Nichols is on screen and highlighted: black on yellow.
    let (row, col) = s
        .find("District Judge Carl Nichols")
        .expect("passage on screen");
    assert_eq!(s.cell(row, col, |c| c.bgcolor()), vt100::Color::Idx(3));
    // The cursor sits on the passage, for screen readers and magnifiers.
    let (crow, _) = s.parser.lock().unwrap().screen().cursor_position();
    assert!(
        crow == row || crow + 1 == row,
        "cursor row {crow}, passage row {row}"
    );
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn no_color_uses_reverse_video_instead() {
    let mut s = spawn(
        &["--select", "nichols-injunction"],
        80,
        24,
        &[("NO_COLOR", "1")],
    );
    s.wait_for("20 of 20 events");
    s.send("o");
    s.wait_for("source ›");
    s.wait_for("passage 21/22");
    let (row, col) = s.find("District Judge Carl Nichols").unwrap();
    assert!(s.cell(row, col, |c| c.inverse()));
    assert_eq!(
        s.cell(row, col, |c| (c.fgcolor(), c.bgcolor())),
        (vt100::Color::Default, vt100::Color::Default)
    );
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn resizing_relays_out_at_once() {
    let mut s = spawn(&[], 80, 24, &[]);
    s.wait_for("20 of 20 events");
    s.resize(130, 40);
    // Wide enough for the preview beside the list: a vertical rule appears.
    s.wait_for("Deadline for Google and Apple to answer the FCC   ");
    assert!(s.text().lines().next().unwrap().len() > 100, "{}", s.text());
    s.resize(20, 5);
    s.wait_for("terminal too small");
    s.send("jjjG");
    s.resize(80, 24);
    s.wait_for("20 of 20 events");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn a_tiny_terminal_says_so_and_still_quits() {
    let mut s = spawn(&[], 12, 3, &[]);
    s.wait_for("terminal too");
    // Keys change nothing that cannot be seen; q quits even after /.
    s.send("/x");
    s.send("\x1b");
    s.send("?lj");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn ctrl_c_quits_even_while_typing() {
    let mut s = spawn(&[], 80, 24, &[]);
    s.wait_for("20 of 20 events");
    s.send("/or");
    s.wait_for("/or");
    s.send("\x03");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn a_panic_restores_the_terminal_and_reports() {
    let mut s = spawn(&[], 80, 24, &[("TIMELINE_EXPLORER_TEST_PANIC", "1")]);
    s.wait_for("20 of 20 events");
    s.send("j");
    let code = s.exit_code();
    assert_ne!(code, 0);
    s.assert_restored();
    let out = String::from_utf8_lossy(&s.raw.lock().unwrap()).to_string();
    assert!(
        out.contains("panic requested by TIMELINE_EXPLORER_TEST_PANIC"),
        "{out}"
    );
    assert!(
        s.text().contains("panicked"),
        "the report is on the main screen:\n{}",
        s.text()
    );
}

#[test]
fn idle_means_no_output() {
    let mut s = spawn(&[], 80, 24, &[]);
    s.wait_for("20 of 20 events");
    std::thread::sleep(Duration::from_millis(200));
    let before = s.raw.lock().unwrap().len();
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(
        s.raw.lock().unwrap().len(),
        before,
        "the app drew while nothing happened"
    );
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn no_mouse_leaves_the_mouse_alone() {
    let mut s = spawn(&["--no-mouse"], 80, 24, &[]);
    s.wait_for("20 of 20 events");
    assert_eq!(
        s.parser.lock().unwrap().screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    let mut s = spawn(&[], 80, 24, &[]);
    s.wait_for("20 of 20 events");
    assert_ne!(
        s.parser.lock().unwrap().screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    // Rows: header, two of ruler, then the list; a click on the sixth row selects
    // the third event, whose title heads the preview.
    s.send("\x1b[<0;5;6M\x1b[<0;5;6m");
    s.wait_for(" Cloutier tells Cyberscoop China cannot get TikTok's US user data");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn y_copies_the_citation_through_osc_52() {
    let mut s = spawn(&["--select", "nichols-injunction"], 80, 24, &[]);
    s.wait_for("20 of 20 events");
    s.send("y");
    s.wait_for("copied: “but US District Judge Carl Nichols…” (filing-servers)");
    let expected = "**~2020-09-27 — Judge Carl Nichols grants a temporary injunction against the ban**\n\n\
        > but US District Judge Carl Nichols granted a temporary injunction on 27 September banning the ban.\n\
        >\n\
        > — *TikTok Chief Security Officer states that its servers are now independent from ByteDance.*, \
        `seeds/003_3da983060587e498.txt`\n\n";
    use base64::Engine;
    let sequence = format!(
        "\x1b]52;c;{}\x07",
        base64::engine::general_purpose::STANDARD.encode(expected)
    );
    let out = String::from_utf8_lossy(&s.raw.lock().unwrap()).to_string();
    assert!(
        out.contains(&sequence),
        "the exact OSC 52 bytes were not written"
    );
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn marks_survive_a_restart_and_a_corrupt_file_does_not_crash() {
    let state = tempfile::tempdir().unwrap();
    let dir = state.path().to_path_buf();
    let mut s = spawn_in(state, &["--select", "oracle-deal"], 80, 24, &[]);
    s.wait_for("20 of 20 events");
    s.send("m");
    s.wait_for("marked");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    let saved = std::fs::read_to_string(dir.join("marks.ron")).unwrap();
    assert!(saved.contains("oracle-deal"), "{saved}");

    // Next time the star is there, and ' lists only it.
    let state = tempfile::tempdir().unwrap();
    std::fs::write(state.path().join("marks.ron"), &saved).unwrap();
    let mut s = spawn_in(state, &[], 80, 24, &[]);
    s.wait_for("★ Preliminary deal for TikTok Global");
    s.send("'");
    s.wait_for(" 1 of 20 events");
    assert!(s.text().contains("marked · "), "{}", s.text());
    s.send("q");
    assert_eq!(s.exit_code(), 0);

    // A corrupt file: said in the status line, kept aside, no crash.
    let state = tempfile::tempdir().unwrap();
    std::fs::write(state.path().join("marks.ron"), "(marks: {").unwrap();
    let kept = state.path().join("marks.ron.corrupt");
    let mut s = spawn_in(state, &[], 80, 24, &[]);
    s.wait_for("marks file unreadable");
    assert!(kept.exists());
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

/// A copy of the shipped timeline and its sources that a test may edit.
fn editable_timeline() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // data/ is a self-contained timeline folder: its sources are in data/seeds.
    std::fs::create_dir_all(dir.path().join("data/seeds")).unwrap();
    std::fs::copy(
        root.join("data/timeline.ron"),
        dir.path().join("data/timeline.ron"),
    )
    .unwrap();
    for seed in std::fs::read_dir(root.join("data/seeds")).unwrap() {
        let seed = seed.unwrap().path();
        std::fs::copy(
            &seed,
            dir.path()
                .join("data/seeds")
                .join(seed.file_name().unwrap()),
        )
        .unwrap();
    }
    dir
}

/// Save as editors do: a new file renamed over the old one.
fn save_by_rename(path: &std::path::Path, text: &str) {
    let temp = path.with_extension("swp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

#[test]
fn an_edited_timeline_reloads_and_a_broken_one_keeps_the_last_good() {
    let files = editable_timeline();
    let ron = files.path().join("data/timeline.ron");
    let original = std::fs::read_to_string(&ron).unwrap();
    let data = ron.to_str().unwrap();
    let mut s = spawn(
        &["--data", data, "--select", "nichols-injunction"],
        80,
        24,
        &[],
    );
    s.wait_for("20 of 20 events");
    s.send("\r");
    s.wait_for("event › Judge Carl Nichols");

    // Saved by rename: the open event shows its new title.
    let edited = original.replace("title: \"Judge Carl Nichols", "title: \"Judge NICHOLS");
    save_by_rename(&ron, &edited);
    s.wait_for("reloaded: 20 events");
    s.wait_for("event › Judge NICHOLS");

    // Written in place with a mistake: the last good timeline stays, the
    // footer says why, and e gives check's detail with the place.
    std::fs::write(
        &ron,
        edited.replacen("kind: Hearing,", "kind: Hearing, bogus: 1,", 1),
    )
    .unwrap();
    s.wait_for("1 error in the timeline: showing the last good one");
    assert!(s.text().contains("event › Judge NICHOLS"), "{}", s.text());
    s.send("j");
    s.wait_for("⚠ 1 error on disk");
    s.send("e");
    s.wait_for("`bogus`");
    assert!(
        s.text().contains("timeline.ron:308:28: error:"),
        "{}",
        s.text()
    );

    // Nothing more happens until something changes: our own reads of the
    // files must not set off another reload.
    std::thread::sleep(Duration::from_millis(500));
    let before = s.raw.lock().unwrap().len();
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(
        s.raw.lock().unwrap().len(),
        before,
        "the app drew while idle"
    );

    // Fixed: the panel says so, and the warning goes.
    save_by_rename(&ron, &edited);
    s.wait_for("Nothing is wrong now");
    s.send("\x1b");
    s.wait_for("Tab citation");
    assert!(!s.text().contains("error on disk"), "{}", s.text());

    // A source changing reloads too: its article shows the new text.
    s.send("\r");
    s.wait_for("source › ");
    let seed = files.path().join("data/seeds/003_3da983060587e498.txt");
    let article = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(&seed, format!("AN ADDED FIRST LINE\n\n{article}")).unwrap();
    s.wait_for("reloaded: 20 events");
    s.send("g");
    s.wait_for("AN ADDED FIRST LINE");

    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn the_config_turns_off_the_mouse_and_osc_52_and_rebinds_keys() {
    let state = tempfile::tempdir().unwrap();
    std::fs::write(
        state.path().join("config.ron"),
        r#"(mouse: false, osc52: false, keys: { "mark": ["x"] })"#,
    )
    .unwrap();
    let mut s = spawn_in(state, &["--select", "nichols-injunction"], 80, 24, &[]);
    s.wait_for("20 of 20 events");
    assert_eq!(
        s.parser.lock().unwrap().screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    s.send("y");
    s.wait_for("copying is off");
    let out = String::from_utf8_lossy(&s.raw.lock().unwrap()).to_string();
    assert!(!out.contains("\x1b]52;"), "no OSC 52 written");
    s.send("x");
    s.wait_for("★ Judge Carl Nichols");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn a_bad_config_is_reported_and_the_app_starts_on_defaults() {
    let state = tempfile::tempdir().unwrap();
    std::fs::write(state.path().join("config.ron"), "(\n  theme: blue,\n)").unwrap();
    let mut s = spawn_in(state, &[], 80, 24, &[]);
    // The status line starts with the place; the whole of it is on e.
    s.wait_for("config.ron:2:10: error: Unexpected variant named `blue`");
    s.send("e");
    s.wait_for("The config file has a problem");
    assert!(s.text().contains("`dark`"), "{}", s.text());
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}
