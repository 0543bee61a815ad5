//! All terminal I/O: set-up, the event loop and tear-down. Input, the filter
//! worker, the file watcher and signals each feed one channel, and the loop
//! blocks on it, drawing only after something changed: idle means idle.
//! Every way out (quit, a signal, a panic in any thread, the terminal going
//! away) gives the terminal back as it was found.

mod behind;
mod clipboard;
mod memory;
mod modes;
pub mod output;
mod signals;
mod worker;

use std::io::Write;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant, SystemTime};

use color_eyre::Result;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::layout::{Position, Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport, backend::CrosstermBackend};

use self::signals::Signal;
use self::worker::Worker;
use super::colours::{ColourWriter, Colours};
use crate::timeline::{Checked, Timeline, files};
use crate::tui::runtime::input::input_action;
use crate::tui::runtime::watch::Watch;
use crate::tui::state::action::{Action, Shared};
use crate::tui::state::app::{App, Effect};
use crate::tui::state::copying::{CopyReport, Osc52};
use crate::tui::state::filter::{Found, Outcome};
use crate::tui::state::pick::Answer;
use crate::tui::update::update;
use crate::tui::view::view;
pub use output::Output;

/// The terminal as the app draws on it: through `Output`, its colours in
/// the codes the terminal knows.
type DefaultTerminal = Terminal<CrosstermBackend<ColourWriter<Output>>>;

/// Set by tests to check that a panic leaves the terminal usable: any value
/// panics on the next key, `thread` in a thread of its own; `session` in an
/// SSH session instead (see src/serve/session.rs).
const PANIC_FOR_TESTS: &str = "TIMELINE_EXPLORER_TEST_PANIC";

/// Where this timeline's marks are saved, and under which key.
pub type MarksHome = Option<(crate::marks::Store, String)>;

/// Called with the app after each change (`--serve`).
pub type Publish = Box<dyn Fn(&App)>;

/// What the terminal side needs besides the app.
pub struct Setup {
    /// Capture the mouse (wheel and clicks); off leaves text selection to the terminal.
    pub mouse: bool,
    pub marks: MarksHome,
    /// Where to draw: stdout, or the terminal itself when stdout is the answer (`pick`).
    pub output: Output,
    /// Told the app's state after every change (`--serve`: the presenter's
    /// state goes to the viewers).
    pub publish: Option<Publish>,
    /// Decides whether a panic is another part's to contain (`--serve`: a
    /// panic in an SSH session ends that session alone, and is logged there);
    /// any other panic gives the terminal back and ends the process.
    pub contained: Option<Contained>,
    /// The timeline's quotes still to check (the built-in one: the app
    /// starts on `unchecked_builtin`): done right after the first frame,
    /// before any input is read, so no key meets an unchecked quote.
    pub check: Option<Check>,
}

/// Checks the app's timeline in full; the same events, in the same order.
pub type Check = Box<dyn FnOnce() -> crate::timeline::Checked>;

/// Whether a panic, as the hook sees it, is contained elsewhere.
pub type Contained = Box<dyn Fn(&std::panic::PanicHookInfo) -> bool + Send + Sync>;

/// How the app ended, for the exit status.
#[derive(Debug)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// A signal ended it (its number): exit with 128 + it, as shells report.
    Signal(i32),
    /// The terminal hung up or closed.
    HungUp,
    /// Pick mode: Enter chose these events.
    Picked(Box<Picked>),
    /// Pick mode: Esc or q, nothing chosen.
    Cancelled,
    /// The check after the first frame (`Setup::check`) found errors: the
    /// timeline cannot be shown, as when it fails to load.
    Invalid(Box<crate::timeline::LoadError>),
}

/// The events pick mode chose, in the timeline as it was then (a reload may
/// have changed it since the start).
#[derive(Debug)]
pub struct Picked {
    pub timeline: Timeline,
    /// Indices into `timeline.events`, in date order.
    pub events: Vec<usize>,
}

pub fn run(app: App, setup: Setup) -> Result<Ended> {
    run_with(app, setup, None)
}

/// `run`, with the timeline's events still to load: `loader` runs on a
/// thread of its own and its parts come in with the input, so the first
/// frame is drawn at once.
pub fn run_loading(
    app: App,
    setup: Setup,
    loader: crate::timeline::stream::Loader,
) -> Result<Ended> {
    memory::give_back_large_blocks();
    memory::start_filter_threads();
    run_with(app, setup, Some(loader))
}

fn run_with(
    mut app: App,
    mut setup: Setup,
    loader: Option<crate::timeline::stream::Loader>,
) -> Result<Ended> {
    let mouse = setup.mouse;
    // A panic on any thread gives the terminal back, says what happened, and
    // ends the process: half an app drawing over the shell is worse. The
    // output is held meanwhile so no frame is drawn over the message.
    let hook = std::panic::take_hook();
    let output = setup.output.clone();
    let contained = setup.contained.take();
    let check = setup.check.take();
    std::panic::set_hook(Box::new(move |info| {
        if contained.as_ref().is_some_and(|c| c(info)) {
            return;
        }
        let mut drawing = output.lock();
        modes::leave(&mut drawing, mouse);
        hook(info);
        std::process::exit(101);
    }));
    let mut out = setup.output.clone();
    modes::enter(&mut out, mouse)?;
    // A fixed viewport, kept to the app's size: ratatui's own fullscreen one
    // would allocate for whatever size the terminal claims.
    let options = TerminalOptions {
        viewport: Viewport::Fixed(area(app.size)),
    };
    let writer = ColourWriter::new(out.clone(), Colours::from_env());
    let result = Terminal::with_options(CrosstermBackend::new(writer), options)
        .map_err(Into::into)
        .and_then(|mut terminal| event_loop(&mut terminal, &mut app, &setup, loader, check));
    modes::leave(&mut out, mouse);
    // Pick mode's answer, taken from the app as it ended.
    let ended = match (result?, app.answer.take()) {
        (Ended::Quit, Some(Answer::Picked(events))) => {
            return Ok(Ended::Picked(Box::new(Picked {
                timeline: app.timeline,
                events,
            })));
        }
        (Ended::Quit, Some(Answer::Cancelled)) => Ended::Cancelled,
        (Ended::Quit, Some(Answer::Interrupted)) => Ended::Signal(libc::SIGINT),
        (ended, _) => ended,
    };
    // The process ends next, which frees them at once: freed string by
    // string, 100k events took a quarter of a second after the screen was
    // back, before the shell could prompt.
    std::mem::forget(std::mem::take(&mut app.timeline.events));
    std::mem::forget(std::mem::take(&mut app.timeline.sources));
    Ok(ended)
}

/// After this long a running filter says so in the header.
const SLOW: Duration = Duration::from_millis(50);
/// The longest a key waits for its answer before it is drawn by itself: one
/// 60 Hz frame.
const ECHO: Duration = Duration::from_millis(16);

/// Everything the loop waits on.
enum Msg {
    Input(Event),
    InputFailed(std::io::Error),
    Filtered(Outcome),
    StartsFound(Found),
    Reloaded(Checked),
    Loaded(crate::timeline::stream::Part),
    Copied(CopyReport),
    Signal(Signal),
    HungUp,
}

/// What the panic switch for tests asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TestPanic {
    Off,
    OnKey,
    InAThread,
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    setup: &Setup,
    loader: Option<crate::timeline::stream::Loader>,
    check: Option<Check>,
) -> Result<Ended> {
    let test_panic = match std::env::var(PANIC_FOR_TESTS) {
        Err(_) => TestPanic::Off,
        Ok(v) if v == "thread" => TestPanic::InAThread,
        // An SSH session's own switch (src/serve): not the local app's.
        Ok(v) if v == "session" => TestPanic::Off,
        Ok(_) => TestPanic::OnKey,
    };
    app.background = true;
    let (tx, rx) = mpsc::channel();
    let sender = |tx: &mpsc::Sender<Msg>| {
        let tx = tx.clone();
        move |msg| tx.send(msg).is_ok()
    };
    // Signals first: from here on a TERM or INT restores the terminal.
    let send = sender(&tx);
    signals::listen(move |s| send(Msg::Signal(s)))?;
    // crossterm starts listening for SIGWINCH on its first poll: do that before
    // the first frame, or a resize right after it would go unnoticed.
    event::poll(Duration::ZERO)?;
    let mut watch = match app.data_path.clone() {
        Some(data) => {
            let send = sender(&tx);
            match Watch::start(data.clone(), move |c| {
                send(Msg::Reloaded(c));
            }) {
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
    // When loading began: its sources are followed once it has read them
    // (`Watch::follow_since`), each changed since then reloading.
    let mut unfollowed = None;
    if let Some(loader) = loader {
        unfollowed = Some(SystemTime::now());
        let send = sender(&tx);
        behind::spawn(move || loader.run(|part| send(Msg::Loaded(part))));
    }
    // The generation handed to the worker, and when.
    let mut sent: Option<(u64, Instant)> = None;
    resized(app);
    draw(terminal, app)?;
    // The first frame is up (issue 14: it comes first); now what it did not
    // need. The quotes are checked before any input is read.
    if let Some(check) = check {
        match check().into_result() {
            Ok(timeline) => {
                update(app, Action::QuotesChecked(Shared::new(timeline)));
                draw(terminal, app)?;
            }
            Err(e) => return Ok(Ended::Invalid(Box::new(e))),
        }
    }
    let send = sender(&tx);
    if let Err(e) = signals::watch_hangup(move || {
        send(Msg::HungUp);
    }) {
        update(
            app,
            Action::Notice(format!("cannot watch the terminal: {e}")),
        );
        draw(terminal, app)?;
    }
    read_input(sender(&tx));
    let start_worker = |app: &App| {
        let (send, more) = (sender(&tx), sender(&tx));
        Worker::start(
            Arc::clone(&app.index),
            move |o| send(Msg::Filtered(o)),
            move |f| more(Msg::StartsFound(f)),
        )
    };
    let mut worker = start_worker(app);
    // Something changed that is not on screen yet.
    let mut dirty = false;
    let mut sources_read = false;
    while !app.quit {
        // A new index (loading ended, a reload) gets its worker now, not
        // with the next key: a thread's start allocates, and after 100k
        // events loaded that first allocation sorted the blocks loading had
        // freed (4-10 ms of the first key, in about half the runs). While
        // loading, only when a filter needs it: a worker holding each
        // batch's index would have every merge copy it. The old worker ends
        // with its channel.
        if app.loading.is_none() && !Arc::ptr_eq(&worker.index, &app.index) {
            worker = start_worker(app);
        }
        if let Some(request) = &app.filter.pending
            && sent.is_none_or(|(g, _)| g != request.generation)
        {
            if !Arc::ptr_eq(&worker.index, &app.index) {
                worker = start_worker(app);
            }
            worker.send(request.clone());
            sent = Some((request.generation, Instant::now()));
        }
        let awaited = match (&app.filter.pending, sent) {
            (Some(r), Some((g, since))) if r.generation == g => Some((since, app.filter.busy)),
            _ => None,
        };
        // A key's answer usually comes within a frame: the key is then drawn
        // once, with it, not echoed first (a frame's work, and the worker
        // kept waiting for it). An answer later than a frame has the key
        // drawn by itself meanwhile.
        let hold = awaited.map(|(since, _)| since + ECHO).filter(|_| dirty);
        if dirty && hold.is_none_or(|t| Instant::now() >= t) {
            if let Some(publish) = &setup.publish {
                publish(app);
            }
            draw(terminal, app)?;
            dirty = false;
            // After the frame: giving memory back holds up the draw's own
            // page faults (the kernel locks the mappings meanwhile).
            worker.free(std::mem::take(&mut app.filter.freed));
            if app.filter.pending.is_none() {
                worker.drawn(app.filter.generation);
            }
        }
        // Block until something happens, the key is due on screen, or a
        // running filter is slow enough to mention.
        let slow = awaited
            .filter(|(_, busy)| !busy)
            .map(|(since, _)| since + SLOW);
        let due = [hold.filter(|_| dirty), slow].into_iter().flatten().min();
        let first = match due {
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(msg) => Some(msg),
                Err(_) => {
                    if slow.is_some_and(|s| Instant::now() >= s)
                        && let Some((generation, _)) = sent
                    {
                        update(app, Action::FilterSlow(generation));
                        dirty = true;
                    }
                    continue;
                }
            },
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
                    let action = input(app, event, setup.mouse, test_panic);
                    // crossterm can drop a resize that arrives together with a
                    // key (it returns the key and loses the signal's readiness),
                    // so check the size itself whenever input comes in.
                    changed |= resized(app);
                    action
                }
                Msg::InputFailed(e) => return Err(e.into()),
                Msg::HungUp => return Ok(Ended::HungUp),
                Msg::Signal(Signal::Terminate(n)) => return Ok(Ended::Signal(n)),
                Msg::Signal(Signal::Suspend) => {
                    suspend(terminal, app, setup)?;
                    changed = true;
                    None
                }
                Msg::Signal(Signal::Continue) => {
                    // Stopped by something we could not catch (SIGSTOP): the
                    // terminal may have been changed and drawn over meanwhile.
                    resume(terminal, app, setup)?;
                    changed = true;
                    None
                }
                Msg::Filtered(outcome) => Some(Action::Filtered(Box::new(outcome))),
                Msg::StartsFound(found) => {
                    // Kept for the next key; nothing on screen changes.
                    update(app, Action::StartsFound(Box::new(found)));
                    continue;
                }
                Msg::Copied(report) => Some(Action::Copied(report)),
                Msg::Loaded(part) => {
                    // Any part after the head comes once the sources are read.
                    sources_read = !matches!(part, crate::timeline::stream::Part::Head { .. });
                    if let crate::timeline::stream::Part::Done { .. }
                    | crate::timeline::stream::Part::Whole(_)
                    | crate::timeline::stream::Part::Failed(_) = &part
                    {
                        memory::reuse_blocks_after_loading();
                    }
                    Some(Action::Loading(Shared::new(part)))
                }
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
            if std::mem::take(&mut sources_read)
                && let (Some(watch), Some(data), Some(since)) =
                    (&mut watch, &app.data_path, unfollowed.take())
            {
                let _ = watch.follow_since(&files(data, &app.timeline), since);
            }
            let effects: Vec<Effect> = app.outbox.drain(..).collect();
            for effect in effects {
                if let Some(action) = carry_out(effect, terminal, app, setup, &tx)? {
                    update(app, action);
                }
            }
            if app.quit {
                break;
            }
        }
        dirty |= changed && !app.quit;
    }
    Ok(Ended::Quit)
}

/// Whether the terminal's size differs from what the app last knew; if so the
/// app is told.
fn resized(app: &mut App) -> bool {
    match ratatui::crossterm::terminal::size() {
        Ok((w, h)) if crate::tui::widgets::layout::drawn(w, h) != app.size => {
            update(app, Action::Resize(w, h));
            true
        }
        _ => false,
    }
}

/// Give the terminal back and stop, as Ctrl-z does in any program; on `fg`,
/// take it again and repaint everything.
fn suspend(terminal: &mut DefaultTerminal, app: &mut App, setup: &Setup) -> Result<()> {
    modes::leave(&mut setup.output.clone(), setup.mouse);
    signals::stop_self();
    resume(terminal, app, setup)
}

/// Take the terminal (again) and have the next frame drawn whole.
fn resume(terminal: &mut DefaultTerminal, app: &mut App, setup: &Setup) -> Result<()> {
    modes::resume(&mut setup.output.clone(), setup.mouse)?;
    // It may have been resized while we were stopped.
    resized(app);
    // Not `clear()`: that asks the terminal where the cursor is, through the
    // event reader the input thread holds. A resize clears the screen and
    // forgets the last frame just the same.
    terminal.resize(area(app.size))?;
    Ok(())
}

/// Draw a frame at the app's size, first fitting the viewport to it.
fn draw(terminal: &mut DefaultTerminal, app: &App) -> Result<()> {
    if terminal.get_frame().area().as_size() != app.size {
        terminal.resize(area(app.size))?;
    }
    terminal.draw(|f| view(app, f))?;
    Ok(())
}

fn area(size: Size) -> Rect {
    Rect::from((Position::ORIGIN, size))
}

/// Terminal input on its own thread, so the loop can wait on everything at once.
fn read_input(send: impl Fn(Msg) -> bool + Send + 'static) {
    std::thread::spawn(move || {
        loop {
            let (msg, last) = match event::read() {
                Ok(event) => (Msg::Input(event), false),
                Err(e) => (Msg::InputFailed(e), true),
            };
            if !send(msg) || last {
                break;
            }
        }
    });
}

/// Do what `update` asked of the terminal; what comes of it for the app, if anything.
fn carry_out(
    effect: Effect,
    terminal: &mut DefaultTerminal,
    app: &mut App,
    setup: &Setup,
    tx: &mpsc::Sender<Msg>,
) -> Result<Option<Action>> {
    match effect {
        Effect::SaveMark { id, marked } => {
            return Ok(Some(match &setup.marks {
                Some((store, key)) => match store.set(key, &id, marked) {
                    Ok(marks) => Action::MarksSaved(marks),
                    Err(problem) => Action::Notice(problem),
                },
                None => Action::Notice("marks cannot be saved: no data directory".into()),
            }));
        }
        Effect::Copy(text) => {
            // OSC 52: the terminal puts it on the clipboard, over SSH too.
            use base64::Engine;
            let payload = base64::engine::general_purpose::STANDARD.encode(&text);
            let mut out = setup.output.clone();
            let osc52 = match write!(out, "\x1b]52;c;{payload}\x07").and_then(|()| out.flush()) {
                Ok(()) => Osc52::Sent,
                Err(e) => Osc52::Failed(e.to_string()),
            };
            // Whether tmux passes it on, and a local clipboard command, take
            // processes that may be slow: they report back as a message.
            let tx = tx.clone();
            clipboard::deliver(text, osc52, move |report| {
                let _ = tx.send(Msg::Copied(report));
            });
        }
        Effect::Suspend => suspend(terminal, app, setup)?,
    }
    Ok(None)
}

/// What a terminal event asks for, if anything; a key press first panics if a
/// test asked for it (the switch is the local driver's alone).
fn input(app: &App, event: Event, mouse: bool, test_panic: TestPanic) -> Option<Action> {
    if let Event::Key(key) = &event
        && key.kind == KeyEventKind::Press
    {
        match test_panic {
            TestPanic::Off => {}
            TestPanic::OnKey => panic!("panic requested by {PANIC_FOR_TESTS}"),
            TestPanic::InAThread => {
                std::thread::spawn(|| panic!("panic requested by {PANIC_FOR_TESTS}"));
                return None;
            }
        }
    }
    input_action(app, event, mouse)
}
