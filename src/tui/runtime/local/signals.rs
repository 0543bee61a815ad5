//! Signals and a terminal that goes away, turned into messages for the event
//! loop, so that every way out passes through the same tear-down.

use std::os::fd::{AsFd, OwnedFd};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal as Sig, raise, sigaction};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

/// What a signal asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// End, restoring the terminal; the exit status is 128 + the number.
    Terminate(i32),
    /// Give the terminal back and stop (SIGTSTP from outside).
    Suspend,
    /// Running again after a stop: take the terminal back and repaint.
    Continue,
}

/// Listen for the signals that concern the terminal on a thread of their own.
/// A signal the app was started with ignored (INT and QUIT under `&`, HUP
/// under `nohup`) stays ignored, as the user asked; TERM is always heeded.
pub fn listen(send: impl Fn(Signal) -> bool + Send + 'static) -> std::io::Result<()> {
    let wanted: Vec<i32> = [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT]
        .into_iter()
        .filter(|&s| s == SIGTERM || !ignored(s))
        .collect();
    let mut signals = Signals::new(&wanted)?;
    std::thread::spawn(move || {
        for n in signals.forever() {
            let signal = match n {
                SIGTSTP => Signal::Suspend,
                SIGCONT => Signal::Continue,
                n => Signal::Terminate(n),
            };
            if !send(signal) {
                break;
            }
        }
    });
    Ok(())
}

/// Whether the signal's disposition is "ignore".
fn ignored(signal: i32) -> bool {
    let Ok(sig) = Sig::try_from(signal) else {
        return false;
    };
    // Reading a disposition means setting one: put the old one straight back.
    let probe = SigAction::new(SigHandler::SigIgn, SaFlags::empty(), SigSet::empty());
    // SAFETY: the handler set for an instant is SIG_IGN, which runs no code,
    // and the one found is restored unchanged.
    match unsafe { sigaction(sig, &probe) } {
        Ok(old) => {
            // SAFETY: as above; `old` came from the system.
            let _ = unsafe { sigaction(sig, &old) };
            old.handler() == SigHandler::SigIgn
        }
        Err(_) => false,
    }
}

/// Stop the process as the terminal's suspend key would (SIGTSTP's default
/// action), returning once continued. In an orphaned process group, with no
/// shell to come back to, the system discards the stop and this returns at
/// once: better than SIGSTOP, which would leave the app frozen for good.
pub fn stop_self() {
    let default = SigAction::new(SigHandler::SigDfl, SaFlags::empty(), SigSet::empty());
    // SAFETY: SIG_DFL runs no code; our handler is put back just after.
    let Ok(ours) = (unsafe { sigaction(Sig::SIGTSTP, &default) }) else {
        return;
    };
    let mut tstp = SigSet::empty();
    tstp.add(Sig::SIGTSTP);
    let _ = tstp.thread_unblock();
    let _ = raise(Sig::SIGTSTP);
    // SAFETY: restores the handler that was there (signal-hook's).
    let _ = unsafe { sigaction(Sig::SIGTSTP, &ours) };
}

/// Tell `gone` when the controlling terminal hangs up or closes. crossterm
/// cannot: on a closed tty its reads return end-of-file forever, and it spins
/// without returning. Polling for no events at all still reports a hang-up,
/// and sleeps until then: nothing runs while the terminal is there.
pub fn watch_hangup(gone: impl FnOnce() + Send + 'static) -> std::io::Result<()> {
    let tty = tty()?;
    std::thread::spawn(move || {
        loop {
            let mut fds = [PollFd::new(tty.as_fd(), PollFlags::empty())];
            match poll(&mut fds, PollTimeout::NONE) {
                Err(Errno::EINTR) => continue,
                // A system that cannot poll a terminal (POLLNVAL) tells us
                // nothing: stop watching rather than call that a hang-up.
                Err(_) => return,
                Ok(_) => {
                    let revents = fds[0].revents().unwrap_or(PollFlags::empty());
                    if revents.contains(PollFlags::POLLNVAL) {
                        return;
                    }
                    if revents.intersects(PollFlags::POLLHUP | PollFlags::POLLERR) {
                        gone();
                        return;
                    }
                }
            }
        }
    });
    Ok(())
}

/// The terminal crossterm reads keys from: standard input when it is one,
/// else /dev/tty.
fn tty() -> std::io::Result<OwnedFd> {
    use std::io::IsTerminal;
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return stdin.as_fd().try_clone_to_owned();
    }
    Ok(std::fs::File::open("/dev/tty")?.into())
}
