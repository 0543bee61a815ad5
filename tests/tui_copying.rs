//! What `y` says once the terminal side reports how the copy went: every
//! case, worded so it never claims more than was done.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use timeline_explorer::timeline::load_builtin;
use timeline_explorer::tui::state::app::Effect;
use timeline_explorer::tui::state::copying::{CopyReport, Local, Osc52, Tmux};
use timeline_explorer::tui::state::dispatch::action_for;
use timeline_explorer::tui::{Action, App, Options, update};

fn app() -> App {
    App::new(
        load_builtin().unwrap(),
        &Options::default(),
        Size::new(80, 24),
    )
}

fn press_y(app: &mut App) {
    let key = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE);
    let action = action_for(app, key).expect("y is bound");
    update(app, action);
}

/// The status after `y` and then the runtime's report.
fn said(osc52: Osc52, tmux: Tmux, local: Local) -> String {
    let mut a = app();
    press_y(&mut a);
    assert!(matches!(a.outbox[..], [Effect::Copy(_)]), "{:?}", a.outbox);
    update(&mut a, Action::Copied(CopyReport { osc52, tmux, local }));
    a.status.expect("a status")
}

fn copied(tool: &str) -> Local {
    Local::Copied(tool.into())
}

fn failed(tool: &str, why: &str) -> Local {
    Local::Failed(tool.into(), why.into())
}

#[test]
fn before_the_report_nothing_is_claimed() {
    let mut a = app();
    press_y(&mut a);
    assert_eq!(a.status.as_deref(), Some("copying the citation…"));
}

#[test]
fn osc_52_is_sent_not_copied() {
    assert_eq!(
        said(Osc52::Sent, Tmux::Outside, Local::None),
        "citation sent to the terminal clipboard (OSC 52)"
    );
    assert_eq!(
        said(Osc52::Sent, Tmux::Passes, Local::None),
        "citation sent to the terminal clipboard (OSC 52)"
    );
}

#[test]
fn a_local_clipboard_command_is_named() {
    assert_eq!(
        said(Osc52::Sent, Tmux::Outside, copied("wl-copy")),
        "citation copied with wl-copy and sent to the terminal clipboard (OSC 52)"
    );
    assert_eq!(
        said(Osc52::Sent, Tmux::Outside, failed("xclip", "exit 1")),
        "citation sent by OSC 52; xclip failed: exit 1"
    );
}

#[test]
fn tmux_dropping_osc_52_is_said_with_the_fix() {
    assert_eq!(
        said(Osc52::Sent, Tmux::Drops("off".into()), Local::None),
        "OSC 52 dropped by tmux (set-clipboard off): tmux set -g set-clipboard on"
    );
    assert_eq!(
        said(Osc52::Sent, Tmux::Drops("external".into()), Local::None),
        "OSC 52 dropped by tmux (set-clipboard external): tmux set -g set-clipboard on"
    );
    assert_eq!(
        said(Osc52::Sent, Tmux::Drops("off".into()), copied("xclip")),
        "citation copied with xclip; OSC 52 dropped by tmux (set-clipboard off)"
    );
    assert_eq!(
        said(
            Osc52::Sent,
            Tmux::Drops("off".into()),
            failed("xsel", "no answer within 2 s")
        ),
        "not copied: xsel failed (no answer within 2 s); OSC 52 dropped by tmux \
         (set-clipboard off): tmux set -g set-clipboard on"
    );
}

#[test]
fn tmux_that_does_not_answer_is_not_guessed_at() {
    assert_eq!(
        said(Osc52::Sent, Tmux::Unknown("no answer".into()), Local::None),
        "citation sent by OSC 52, which tmux passes on only with set-clipboard on"
    );
    assert_eq!(
        said(
            Osc52::Sent,
            Tmux::Unknown("no answer".into()),
            copied("xclip")
        ),
        "citation copied with xclip and sent by OSC 52 (tmux may drop it)"
    );
}

#[test]
fn osc_52_that_could_not_be_written_is_not_a_copy() {
    assert_eq!(
        said(
            Osc52::Failed("broken pipe".into()),
            Tmux::Outside,
            Local::None
        ),
        "OSC 52 could not be written (broken pipe)"
    );
    assert_eq!(
        said(
            Osc52::Failed("broken pipe".into()),
            Tmux::Outside,
            copied("pbcopy")
        ),
        "citation copied with pbcopy; OSC 52 could not be written (broken pipe)"
    );
}

#[test]
fn every_wording_fits_80_columns_but_the_double_failure() {
    let tmuxes = [
        Tmux::Outside,
        Tmux::Passes,
        Tmux::Drops("external".into()),
        Tmux::Unknown("x".into()),
    ];
    let locals = [Local::None, copied("wl-copy"), failed("wl-copy", "exit 1")];
    for tmux in &tmuxes {
        for local in &locals {
            let status = said(Osc52::Sent, tmux.clone(), local.clone());
            let both_failed = matches!(tmux, Tmux::Drops(_)) && matches!(local, Local::Failed(..));
            // The status line draws a space after it.
            assert!(
                both_failed || status.chars().count() < 80,
                "{status:?} is {} long",
                status.chars().count()
            );
        }
    }
}
