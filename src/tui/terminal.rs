//! All terminal I/O: set-up, the event loop and tear-down. The loop blocks on the
//! next event and draws only after something changed: idle means idle. Only
//! while a large filter runs on its worker thread does it poll, for the result.

use std::io::{Write, stdout};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use color_eyre::Result;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::{cursor, execute};

use super::action::Action;
use super::app::{App, Effect};
use super::filter::{self, Outcome, Request};
use super::keys::action_for;
use super::update::update;
use super::view::view;
use crate::search::{Index, Search};

/// Set by tests to check that a panic leaves the terminal usable.
const PANIC_FOR_TESTS: &str = "TIMELINE_EXPLORER_TEST_PANIC";

/// Where this timeline's marks are saved, and under which key.
pub type MarksHome = Option<(crate::marks::Store, String)>;

pub fn run(mut app: App, mouse: bool, marks: MarksHome) -> Result<()> {
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
    let result = event_loop(&mut terminal, &mut app, mouse, &marks);
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

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mouse: bool,
    marks: &MarksHome,
) -> Result<()> {
    let panic_on_key = std::env::var_os(PANIC_FOR_TESTS).is_some();
    app.background = true;
    let worker = Worker::start(Arc::clone(&app.index));
    // The generation handed to the worker, and when.
    let mut sent: Option<(u64, Instant)> = None;
    // crossterm starts listening for SIGWINCH on its first poll: do that before
    // the first frame, or a resize right after it would go unnoticed.
    event::poll(Duration::ZERO)?;
    let size = terminal.size()?;
    update(app, Action::Resize(size.width, size.height));
    terminal.draw(|f| view(app, f))?;
    while !app.quit {
        if let Some(request) = &app.filter.pending
            && sent.is_none_or(|(g, _)| g != request.generation)
        {
            worker.send(request.clone());
            sent = Some((request.generation, Instant::now()));
        }
        let mut actions = Vec::new();
        match (&app.filter.pending, sent) {
            // Work in flight: wait for input a little at a time, checking for its result.
            (Some(request), Some((generation, since))) if request.generation == generation => {
                if event::poll(Duration::from_millis(10))? {
                    actions.extend(input(app, event::read()?, mouse, panic_on_key));
                }
                actions.extend(worker.results().map(|o| Action::Filtered(Box::new(o))));
                if since.elapsed() >= SLOW && !app.filter.busy {
                    actions.push(Action::FilterSlow(generation));
                }
            }
            // Nothing running: block until the user does something.
            _ => actions.extend(input(app, event::read()?, mouse, panic_on_key)),
        }
        if actions.is_empty() {
            continue;
        }
        for action in actions {
            update(app, action);
        }
        let effects: Vec<Effect> = app.outbox.drain(..).collect();
        for effect in effects {
            if let Some(notice) = carry_out(effect, marks)? {
                update(app, Action::Notice(notice));
            }
        }
        if !app.quit {
            terminal.draw(|f| view(app, f))?;
        }
    }
    Ok(())
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
    requests: mpsc::Sender<Request>,
    outcomes: mpsc::Receiver<Outcome>,
}

impl Worker {
    fn start(index: Arc<Index>) -> Worker {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, outcomes) = mpsc::channel();
        std::thread::spawn(move || {
            let search = Search::default();
            while let Ok(mut request) = inbox.recv() {
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                if outbox.send(filter::run(&search, &index, &request)).is_err() {
                    break;
                }
            }
        });
        Worker { requests, outcomes }
    }

    fn send(&self, request: Request) {
        // The worker lives as long as the loop; a send cannot fail before it ends.
        let _ = self.requests.send(request);
    }

    fn results(&self) -> impl Iterator<Item = Outcome> + '_ {
        self.outcomes.try_iter()
    }
}
