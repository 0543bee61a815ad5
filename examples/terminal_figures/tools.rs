//! The three programs compared, each as a user would start it on the same
//! timeline: timeline-explorer on the RON file, fzf and skim on its
//! `list --format lines` output, typing the same queries.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use regex::Regex;

use crate::pty::Spawn;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Tool {
    #[value(name = "timeline-explorer", alias = "te")]
    Explorer,
    Fzf,
    #[value(alias = "sk")]
    Skim,
}

/// How one tool is started and how its screen says it is ready.
pub struct Setup {
    pub spawn: Spawn,
    /// Typed before each query, untimed (`/` opens the app's filter).
    pub prefix: &'static str,
    /// The first frame: what the screen shows once anything is drawn.
    pub first_frame: Regex,
    /// Everything loaded: the whole list counted.
    pub complete: Regex,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::Explorer => "timeline-explorer",
            Tool::Fzf => "fzf",
            Tool::Skim => "skim",
        }
    }

    /// Where the program is, or `None` when it is not installed.
    pub fn locate(self, explorer: &Path, given: Option<&Path>) -> Option<PathBuf> {
        match (self, given) {
            (_, Some(path)) => path.is_file().then(|| path.to_path_buf()),
            (Tool::Explorer, None) => explorer.is_file().then(|| explorer.to_path_buf()),
            (Tool::Fzf, None) => on_path("fzf"),
            (Tool::Skim, None) => on_path("sk").or_else(|| {
                let home = std::env::var_os("HOME")?;
                let sk = Path::new(&home).join(".cargo/bin/sk");
                sk.is_file().then_some(sk)
            }),
        }
    }

    /// `NAME VERSION` as the program reports it.
    pub fn version(self, program: &Path) -> String {
        let out = Command::new(program).arg("--version").output();
        let text = out
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        let text = text.lines().next().unwrap_or("").to_string();
        match self {
            // fzf prints only the number ("0.38.0 (debian)").
            Tool::Fzf => format!("fzf {text}"),
            _ => text,
        }
    }

    /// How to start it on a timeline of `events` events. `regexes` overrides
    /// the first-frame and complete regexes of timeline-explorer (its header
    /// is what changes between versions).
    pub fn setup(
        self,
        program: PathBuf,
        timeline: &Path,
        lines: &Path,
        events: usize,
        state: &Path,
        regexes: (&Option<String>, &Option<String>),
    ) -> Result<Setup, regex::Error> {
        let re = |given: &Option<String>, default: String| {
            Regex::new(given.as_ref().unwrap_or(&default))
        };
        Ok(match self {
            Tool::Explorer => Setup {
                spawn: explorer(
                    program,
                    vec!["--data".into(), OsString::from(timeline)],
                    state,
                ),
                prefix: "/",
                // The header's count, "25 of 25 events", drawn with the first
                // frame (while loading: "loading 42,000 of ~100,000 events").
                first_frame: re(regexes.0, r"of ~?[0-9][0-9,]* events".into())?,
                complete: re(regexes.1, format!(r"\bof {events} events"))?,
            },
            // fzf's and skim's info line counts matches over lines read:
            // "  52311/52311" while reading, "100000/100000" when done.
            Tool::Fzf | Tool::Skim => Setup {
                spawn: Spawn {
                    program,
                    args: Vec::new(),
                    stdin: Some(lines.to_path_buf()),
                    env: Vec::new(),
                    // Their defaults, not the user's.
                    env_remove: [
                        "FZF_DEFAULT_OPTS",
                        "FZF_DEFAULT_COMMAND",
                        "SKIM_DEFAULT_OPTIONS",
                        "SKIM_DEFAULT_COMMAND",
                    ]
                    .map(String::from)
                    .to_vec(),
                },
                prefix: "",
                first_frame: Regex::new(r"[0-9]+/[0-9]+")?,
                complete: Regex::new(&format!(r"\b{events}/{events}\b"))?,
            },
        })
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// timeline-explorer with `args`, its marks and settings in `state`: never the user's.
pub fn explorer(
    program: std::path::PathBuf,
    args: Vec<OsString>,
    state: &std::path::Path,
) -> Spawn {
    Spawn {
        program,
        args,
        stdin: None,
        env: vec![
            (
                "TIMELINE_EXPLORER_DATA_DIR".into(),
                state.display().to_string(),
            ),
            (
                "TIMELINE_EXPLORER_CONFIG".into(),
                state.join("config.ron").display().to_string(),
            ),
        ],
        env_remove: vec!["NO_COLOR".into()],
    }
}
