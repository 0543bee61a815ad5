//! All terminal I/O: set-up, the event loop and tear-down. Input, the filter
//! worker and the file watcher each feed one channel, and the loop blocks on
//! it, drawing only after something changed: idle means idle.

use std::io::{Write, stdout};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use color_eyre::Result;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::{cursor, execute};

use super::action::{Action, Shared};
use super::app::{App, Effect};
use super::filter::{self, Outcome, Request};
use super::keys::action_for;
use super::update::update;
use super::view::view;
use super::watch::Watch;
use crate::search::{Index, Search};
use crate::timeline::{Checked, files};

/// Set by tests to check that a panic leaves the terminal usable.
const PANIC_FOR_TESTS: &str = "TIMELINE_EXPLORER_TEST_PANIC";

/// Where this timeline's marks are saved, and under which key.
pub type MarksHome = Option<(crate::marks::Store, String)>;

/// What the terminal side needs besides the app.
pub struct Setup {
    /// Capture the mouse (wheel and clicks); off leaves text selection to the terminal.
    pub mouse: bool,
    pub marks: MarksHome,
}

pub fn run(mut app: App, setup: Setup) -> Result<()> {
    let mouse = setup.mouse;
    // ratatui's hook restores raw mode and the screen; ours runs first and also
    // releases the mouse and shows the cursor, which ratatui's does not.
    let mut terminal = ratatui::try_init()?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        release(mouse);
        hook(info);
    }));
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    let result = event_loop(&mut terminal, &mut app, &setup);
    release(mouse);
    ratatui::restore();
    result
}

fn release(mouse: bool) {
    let mut out = stdout();
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, cursor::Show);
    let _ = out.flush();
}

/// After this long a running filter says so in the header.
const SLOW: Duration = Duration::from_millis(50);

/// Everything the loop waits on.
enum Msg {
    Input(Event),
    InputFailed(std::io::Error),
    Filtered(Outcome),
    Reloaded(Checked),
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, setup: &Setup) -> Result<()> {
    let panic_on_key = std::env::var_os(PANIC_FOR_TESTS).is_some();
    app.background = true;
    let (tx, rx) = mpsc::channel();
    // crossterm starts listening for SIGWINCH on its first poll: do that before
    // the first frame, or a resize right after it would go unnoticed.
    event::poll(Duration::ZERO)?;
    read_input(tx.clone());
    let mut worker = Worker::start(Arc::clone(&app.index), tx.clone());
    let mut watch = match app.data_path.clone() {
        Some(data) => {
            let tx = tx.clone();
            match Watch::start(data.clone(), move |c| drop(tx.send(Msg::Reloaded(c)))) {
                Ok(mut watch) => {
                    if let Err(e) = watch.follow(&files(&data, &app.timeline)) {
                        update(app, Action::Notice(e));
                    }
                    Some(watch)
                }
                Err(e) => {
                    update(app, Action::Notice(e));
                    None
                }
            }
        }
        None => None,
    };
    // The generation handed to the worker, and when.
    let mut sent: Option<(u64, Instant)> = None;
    let size = terminal.size()?;
    update(app, Action::Resize(size.width, size.height));
    terminal.draw(|f| view(app, f))?;
    while !app.quit {
        if let Some(request) = &app.filter.pending
            && sent.is_none_or(|(g, _)| g != request.generation)
        {
            if !Arc::ptr_eq(&worker.index, &app.index) {
                // A reload brought a new index; the old worker ends with its channel.
                worker = Worker::start(Arc::clone(&app.index), tx.clone());
            }
            worker.send(request.clone());
            sent = Some((request.generation, Instant::now()));
        }
        // Block until something happens, or until a running filter is slow enough to mention.
        let slow = match (&app.filter.pending, sent) {
            (Some(r), Some((g, since))) if r.generation == g && !app.filter.busy => {
                Some((g, since + SLOW))
            }
            _ => None,
        };
        let first = match slow {
            Some((generation, at)) => {
                match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                    Ok(msg) => Some(msg),
                    Err(_) => {
                        update(app, Action::FilterSlow(generation));
                        terminal.draw(|f| view(app, f))?;
                        continue;
                    }
                }
            }
            None => rx.recv().ok(),
        };
        // Take everything already waiting (a paste, a burst of keys), then draw once.
        let mut changed = false;
        for msg in first
            .into_iter()
            .chain(std::iter::from_fn(|| rx.try_recv().ok()))
        {
            let action = match msg {
                Msg::Input(event) => {
                    let action = input(app, event, setup.mouse, panic_on_key);
                    // crossterm can drop a resize that arrives together with a
                    // key (it returns the key and loses the signal's readiness),
                    // so check the size itself whenever input comes in.
                    if let Ok((w, h)) = ratatui::crossterm::terminal::size()
                        && (w, h) != (app.size.width, app.size.height)
                    {
                        update(app, Action::Resize(w, h));
                        changed = true;
                    }
                    action
                }
                Msg::InputFailed(e) => return Err(e.into()),
                Msg::Filtered(outcome) => Some(Action::Filtered(Box::new(outcome))),
                Msg::Reloaded(checked) => {
                    if let (Some(watch), Some(data), Some(tl)) =
                        (&mut watch, &app.data_path, &checked.timeline)
                    {
                        // The timeline may now name other sources: follow those.
                        let _ = watch.follow(&files(data, tl));
                    }
                    Some(Action::Reloaded(Shared::new(checked)))
                }
            };
            let Some(action) = action else { continue };
            update(app, action);
            changed = true;
            let effects: Vec<Effect> = app.outbox.drain(..).collect();
            for effect in effects {
                if let Some(notice) = carry_out(effect, &setup.marks)? {
                    update(app, Action::Notice(notice));
                }
            }
            if app.quit {
                break;
            }
        }
        if changed && !app.quit {
            terminal.draw(|f| view(app, f))?;
        }
    }
    Ok(())
}

/// Terminal input on its own thread, so the loop can wait on everything at once.
fn read_input(tx: mpsc::Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            let (msg, last) = match event::read() {
                Ok(event) => (Msg::Input(event), false),
                Err(e) => (Msg::InputFailed(e), true),
            };
            if tx.send(msg).is_err() || last {
                break;
            }
        }
    });
}

/// Do what `update` asked of the terminal; a problem to tell the user comes back.
fn carry_out(effect: Effect, marks: &MarksHome) -> Result<Option<String>> {
    match effect {
        Effect::SaveMarks(ids) => {
            return Ok(match marks {
                Some((store, key)) => store.save(key, &ids).err(),
                None => Some("marks cannot be saved: no data directory".into()),
            });
        }
        Effect::Copy(text) => {
            // OSC 52: the terminal puts it on the clipboard, over SSH too.
            use base64::Engine;
            let payload = base64::engine::general_purpose::STANDARD.encode(text);
            let mut out = stdout();
            write!(out, "\x1b]52;c;{payload}\x07")?;
            out.flush()?;
        }
    }
    Ok(None)
}

/// What a terminal event asks for, if anything.
fn input(app: &App, event: Event, mouse: bool, panic_on_key: bool) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            if panic_on_key {
                panic!("panic requested by {PANIC_FOR_TESTS}");
            }
            action_for(app, key)
        }
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Mouse(m) if mouse => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            _ => None,
        },
        _ => None,
    }
}

/// The filter's own thread: it takes the newest request (older ones queued
/// behind it are stale) and sends back what it found.
struct Worker {
    index: Arc<Index>,
    requests: mpsc::Sender<Request>,
}

impl Worker {
    fn start(index: Arc<Index>, outcomes: mpsc::Sender<Msg>) -> Worker {
        let (requests, inbox) = mpsc::channel::<Request>();
        let own = Arc::clone(&index);
        std::thread::spawn(move || {
            let search = Search::default();
            while let Ok(mut request) = inbox.recv() {
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                let outcome = filter::run(&search, &own, &request);
                if outcomes.send(Msg::Filtered(outcome)).is_err() {
                    break;
                }
            }
        });
        Worker { index, requests }
    }

    fn send(&self, request: Request) {
        // The worker lives as long as its sender; a send cannot fail before then.
        let _ = self.requests.send(request);
    }
}
