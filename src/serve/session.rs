//! One viewer's (or the presenter's) app, in a task of its own: the same
//! `App`, `update` and `view` as the local terminal, fed by the channel's
//! bytes and drawn into a buffer that is sent with backpressure. The task
//! owns everything and ends on any of: the app quits, the client leaves, its
//! output stalls, idle or session time runs out, the server closes.

use std::collections::BTreeSet;
use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Position, Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::{mpsc, watch};
use tokio::time::{Instant, sleep_until, timeout};

use super::Shared;
use super::conn::Conn;
use super::decode::Decoder;
use super::limits::{idle_warning, show_duration};
use crate::tui::follow::FollowState;
use crate::tui::state::copying::{Local, Tmux};
use crate::tui::{Action, App, update, view};
use crate::tui::{CopyReport, Effect, Osc52};

/// What the handler gives a session task.
pub struct Wiring {
    pub handle: Handle,
    pub channel: ChannelId,
    pub input: mpsc::Receiver<Vec<u8>>,
    pub size: watch::Receiver<(u16, u16)>,
    pub term: String,
    pub presenter: bool,
    pub conn: Arc<Conn>,
}

/// Start the session; a panic in it ends this session alone, logged.
pub fn spawn(shared: Arc<Shared>, wiring: Wiring) {
    let (handle, channel, conn) = (
        wiring.handle.clone(),
        wiring.channel,
        Arc::clone(&wiring.conn),
    );
    let task = tokio::spawn(run(shared, wiring));
    tokio::spawn(async move {
        if let Err(e) = task.await {
            let why = if e.is_panic() {
                "the session panicked"
            } else {
                "the session was stopped"
            };
            super::log::say(&format!("serve: {}: {why}", conn.peer));
            conn.facts().end = why.into();
            // Give the client its terminal back and say goodbye, as on any end.
            let _ = timeout(Duration::from_secs(1), async {
                let _ = handle.data(channel, LEAVE.to_vec()).await;
                let _ = handle.exit_status_request(channel, 1).await;
                let _ = handle.close(channel).await;
            })
            .await;
            conn.cut();
        }
        conn.ended.send_replace(true);
    });
}

/// Alternate screen, cursor hidden, the screen cleared; no mouse, no
/// bracketed paste (a paste with no end would wait forever).
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[2J";
/// What `ENTER` did, undone.
const LEAVE: &[u8] = b"\x1b[0m\x1b[?25h\x1b[?1049l";

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Quit,
    ClientLeft,
    Stalled,
    Idle,
    TimeUp,
    Shutdown,
}

impl End {
    fn log(self) -> &'static str {
        match self {
            End::Quit => "quit",
            End::ClientLeft => "client left",
            End::Stalled => "cut off: stopped reading",
            End::Idle => "idle",
            End::TimeUp => "session time up",
            End::Shutdown => "server closing",
        }
    }
}

/// The frames' bytes, taken after each draw.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Sink {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Session {
    app: App,
    terminal: Terminal<CrosstermBackend<crate::tui::ColourWriter<Sink>>>,
    sink: Sink,
    handle: Handle,
    channel: ChannelId,
    conn: Arc<Conn>,
    stall: Duration,
    /// This session's marks: nothing is written to disk.
    marks: BTreeSet<String>,
}

impl Session {
    /// Apply an action and whatever its effects bring back.
    fn apply(&mut self, action: Action) {
        update(&mut self.app, action);
        let effects: Vec<_> = self.app.outbox.drain(..).collect();
        for effect in effects {
            let back = match effect {
                Effect::Copy(text) => {
                    // OSC 52 reaches the viewer's own clipboard, through ssh.
                    use base64::Engine;
                    let payload = base64::engine::general_purpose::STANDARD.encode(&text);
                    let _ = write!(self.sink, "\x1b]52;c;{payload}\x07");
                    Action::Copied(CopyReport {
                        osc52: Osc52::Sent,
                        tmux: Tmux::Outside,
                        local: Local::None,
                    })
                }
                Effect::SaveMark { id, marked } => {
                    if marked {
                        self.marks.insert(id);
                    } else {
                        self.marks.remove(&id);
                    }
                    Action::MarksSaved(self.marks.clone())
                }
                Effect::Suspend => Action::Notice("Ctrl-z does nothing over SSH: q quits".into()),
            };
            update(&mut self.app, back);
        }
    }

    /// Draw a frame and send it, waiting while the client is behind, but
    /// not longer than the stall timeout.
    async fn draw(&mut self) -> Result<(), End> {
        let size = self.app.size;
        if self.terminal.get_frame().area().as_size() != size {
            let _ = self.terminal.resize(Rect::from((Position::ORIGIN, size)));
        }
        let app = &self.app;
        if self.terminal.draw(|f| view(app, f)).is_err() {
            return Err(End::ClientLeft);
        }
        let bytes = self.sink.take();
        self.send(bytes).await
    }

    async fn send(&self, bytes: Vec<u8>) -> Result<(), End> {
        if bytes.is_empty() {
            return Ok(());
        }
        let n = bytes.len() as u64;
        match timeout(self.stall, self.handle.data(self.channel, bytes)).await {
            Ok(Ok(())) => {
                self.conn.sent.fetch_add(n, Ordering::Relaxed);
                Ok(())
            }
            Ok(Err(_)) => Err(End::ClientLeft),
            Err(_) => Err(End::Stalled),
        }
    }
}

async fn run(shared: Arc<Shared>, mut w: Wiring) {
    let limits = shared.limits;
    let (cols, rows) = *w.size.borrow_and_update();
    let mut options = shared.options.clone();
    options.viewer = !w.presenter;
    // The TERM the client names decides the colour codes, as it does locally:
    // a console or plain xterm gets the 16 named colours in codes it knows.
    let colours = crate::tui::Colours::detect(Some(&w.term), None);
    let mut app = App::new(shared.timeline.clone(), &options, Size::new(cols, rows));
    // 25 events filter in microseconds: on this task, no worker thread.
    app.background = false;
    let sink = Sink::default();
    let Ok(terminal) = Terminal::with_options(
        CrosstermBackend::new(crate::tui::ColourWriter::new(sink.clone(), colours)),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::from((Position::ORIGIN, app.size))),
        },
    ) else {
        return;
    };
    let mut s = Session {
        marks: app.marks.clone(),
        app,
        terminal,
        sink,
        handle: w.handle.clone(),
        channel: w.channel,
        conn: Arc::clone(&w.conn),
        stall: limits.write_stall,
    };
    let mut stage = shared.stage.subscribe();
    let presenting = w
        .presenter
        .then(|| shared.stage.enter(FollowState::of(&s.app)));
    let mut presenter_here = false;
    if !w.presenter {
        let now = stage.borrow_and_update().clone();
        if let Some(state) = now {
            presenter_here = true;
            s.apply(Action::PresenterHere(true));
            s.apply(Action::Follow(Box::new(state)));
        }
    }
    let mut decoder = Decoder::new();
    let mut shutdown = shared.shutdown.clone();
    let began = Instant::now();
    let time_up = began + limits.max_session;
    let mut last_input = began;
    let mut warned = false;
    let _ = write!(s.sink, "{}", String::from_utf8_lossy(ENTER));
    let mut end = s.draw().await.err();
    while end.is_none() {
        let idle_at = last_input
            + if warned {
                limits.idle
            } else {
                idle_warning(limits.idle)
            };
        tokio::select! {
            biased;
            _ = super::listener::until(&mut shutdown) => end = Some(End::Shutdown),
            got = w.input.recv() => match got {
                None => end = Some(End::ClientLeft),
                Some(bytes) => {
                    last_input = Instant::now();
                    warned = false;
                    let mut events = decoder.feed(&bytes);
                    // Take whatever else is already waiting (a paste, typing
                    // ahead), then draw once.
                    while let Ok(more) = w.input.try_recv() {
                        events.extend(decoder.feed(&more));
                    }
                    if !events.is_empty() && panic_for_tests() {
                        panic!("panic requested by TIMELINE_EXPLORER_TEST_PANIC=session");
                    }
                    for event in events {
                        // No mouse over SSH: its reports would only cost bytes.
                        if let Some(action) = crate::tui::input_action(&s.app, event, false) {
                            s.apply(action);
                        }
                        if s.app.quit {
                            break;
                        }
                    }
                }
            },
            changed = w.size.changed() => match changed {
                Err(_) => end = Some(End::ClientLeft),
                Ok(()) => {
                    let (c, r) = *w.size.borrow_and_update();
                    s.apply(Action::Resize(c, r));
                }
            },
            changed = stage.changed(), if presenting.is_none() => match changed {
                Err(_) => {}
                Ok(()) => {
                    let now = stage.borrow_and_update().clone();
                    match now {
                        Some(state) => {
                            if !presenter_here {
                                presenter_here = true;
                                s.apply(Action::PresenterHere(true));
                            }
                            s.apply(Action::Follow(Box::new(state)));
                        }
                        None if presenter_here => {
                            presenter_here = false;
                            s.apply(Action::PresenterHere(false));
                        }
                        None => {}
                    }
                }
            },
            _ = sleep_until(idle_at) => {
                if warned {
                    end = Some(End::Idle);
                } else {
                    warned = true;
                    let left = show_duration(limits.idle - idle_warning(limits.idle));
                    s.apply(Action::Notice(format!("idle: this session closes in {left} unless you press a key")));
                }
            },
            _ = sleep_until(time_up) => end = Some(End::TimeUp),
        }
        if s.app.quit {
            end = Some(End::Quit);
        }
        if let Some(p) = &presenting {
            p.publish(FollowState::of(&s.app));
        }
        if end.is_none() || end == Some(End::Shutdown) {
            if end == Some(End::Shutdown) {
                s.apply(Action::Notice("the server is closing: goodbye".into()));
            }
            if let Err(e) = s.draw().await {
                end = Some(e);
            }
        }
    }
    drop(presenting);
    let end = end.unwrap_or(End::ClientLeft);
    w.conn.facts().end = end.log().into();
    if end == End::Stalled {
        // Nothing more can reach this client: cut it off.
        w.conn.cut();
        return;
    }
    let goodbye = match end {
        End::Quit | End::ClientLeft | End::Stalled => String::new(),
        End::Idle => format!(
            "timeline-explorer: closed after {} with no key pressed\r\n",
            show_duration(limits.idle)
        ),
        End::TimeUp => format!(
            "timeline-explorer: closed: sessions last at most {}\r\n",
            show_duration(limits.max_session)
        ),
        End::Shutdown => "timeline-explorer: the server is closing\r\n".into(),
    };
    let mut last = LEAVE.to_vec();
    last.extend_from_slice(goodbye.as_bytes());
    let status = if end == End::Quit { 0 } else { 1 };
    let h = &w.handle;
    let closed = timeout(Duration::from_secs(1), async {
        if end != End::ClientLeft {
            let _ = s.send(last).await;
        }
        let _ = h.exit_status_request(w.channel, status).await;
        let _ = h.eof(w.channel).await;
        let _ = h.close(w.channel).await;
    })
    .await;
    if closed.is_err() {
        w.conn.cut();
    }
}

/// Set by tests (`TIMELINE_EXPLORER_TEST_PANIC=session`) to check that a
/// session's panic ends that session alone: it panics on its first key.
fn panic_for_tests() -> bool {
    std::env::var_os("TIMELINE_EXPLORER_TEST_PANIC").is_some_and(|v| v == "session")
}
