//! Shell completions (clap_complete's dynamic engine): the shell asks the
//! binary itself, so event ids come from the timeline in use, as `show` and
//! the app would open it (`--data`, else the config's `data`, else built in).

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use timeline_explorer::config;
use timeline_explorer::sanitize::{is_plain, one_line};

/// Set by the completion scripts when they call the binary for candidates.
/// Ours rather than clap's generic `COMPLETE`, which another tool may use.
pub const VAR: &str = "TIMELINE_EXPLORER_COMPLETE";

const NAME: &str = "timeline-explorer";

/// The shells a completion script is printed for.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

impl Shell {
    fn completer(self) -> &'static dyn EnvCompleter {
        match self {
            Shell::Bash => &Bash,
            Shell::Zsh => &Zsh,
            Shell::Fish => &Fish,
            Shell::Elvish => &Elvish,
            Shell::Powershell => &Powershell,
        }
    }
}

/// If a completion script called us (`$TIMELINE_EXPLORER_COMPLETE` set), print
/// the candidates and exit; otherwise return and run as usual. First thing in
/// main: nothing may be written to stdout before it.
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(|| {
        use clap::CommandFactory;
        super::Cli::command()
    })
    .var(VAR)
    .complete();
}

/// `completions SHELL`: the script that hooks the shell up to `answer_if_asked`.
pub fn script(shell: Shell) -> super::Result<ExitCode> {
    let mut buf = Vec::new();
    shell
        .completer()
        .write_registration(VAR, NAME, NAME, &completer(), &mut buf)
        .map_err(color_eyre::Report::from)?;
    super::print(&String::from_utf8_lossy(&buf))?;
    Ok(ExitCode::SUCCESS)
}

/// The binary the script calls: as we were invoked, made absolute when given
/// as a path (`./target/release/timeline-explorer`), as `CompleteEnv` does.
fn completer() -> String {
    let arg0 = PathBuf::from(std::env::args_os().next().unwrap_or_else(|| NAME.into()));
    let path = match std::env::current_dir() {
        Ok(dir) if arg0.components().count() > 1 => dir.join(arg0),
        _ => arg0,
    };
    path.to_string_lossy().into_owned()
}

/// Candidates for an event id (`show ID`, `--select ID`): every id of the
/// timeline the command line being completed would open, its title as help.
/// A timeline that does not load offers nothing; nothing here may print.
pub fn event_ids() -> Vec<CompletionCandidate> {
    let words: Vec<OsString> = std::env::args_os().collect();
    // The script calls `BIN -- WORDS...`: the line being completed follows `--`.
    let line = match words.iter().position(|w| w == "--") {
        Some(i) => &words[i + 1..],
        None => &words[..0],
    };
    let data = flag_value(line, "--data");
    let config_flag = flag_value(line, "--config");
    let settings = config::load(config::path(config_flag.as_deref()));
    let data = data
        .or(settings.config.data)
        .map(|p| super::resolve_data(&p));
    let Ok(tl) = super::checked(data.as_deref()).into_result() else {
        return Vec::new();
    };
    tl.events
        .iter()
        // An id a shell could not take back as one word is not offered.
        .filter(|e| !e.id.is_empty() && e.id.chars().all(|c| is_plain(c) && c != ' '))
        .map(|e| CompletionCandidate::new(&e.id).help(Some(one_line(&e.title).into_owned().into())))
        .collect()
}

/// The last value given to `flag` on the line, as `--flag VALUE` or
/// `--flag=VALUE`; a leading `~/` is the home directory, as the shell would
/// have expanded it had the command run.
fn flag_value(line: &[OsString], flag: &str) -> Option<PathBuf> {
    let mut found = None;
    let mut words = line.iter();
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value = match word.to_str() {
            Some(w) if w == flag => words.next().cloned(),
            Some(w) => w
                .strip_prefix(flag)
                .and_then(|rest| rest.strip_prefix('='))
                .map(OsString::from),
            None => None,
        };
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            found = Some(expand_home(&v));
        }
    }
    found
}

fn expand_home(word: &OsStr) -> PathBuf {
    let path = PathBuf::from(word);
    match (path.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(home)) => home.home_dir().join(rest),
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn data_is_read_in_both_spellings_and_the_last_wins() {
        let l = line(&[
            "timeline-explorer",
            "--data",
            "a.ron",
            "show",
            "--data=b.ron",
            "n",
        ]);
        assert_eq!(flag_value(&l, "--data"), Some(PathBuf::from("b.ron")));
        let l = line(&["timeline-explorer", "show", "--data"]);
        assert_eq!(flag_value(&l, "--data"), None);
        let l = line(&["timeline-explorer", "--data-x", "a", "--", "--data", "c"]);
        assert_eq!(flag_value(&l, "--data"), None);
    }
}
