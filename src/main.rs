use std::io::IsTerminal;
use std::process::ExitCode;

use color_eyre::config::{HookBuilder, Theme};

mod cli;

fn main() -> color_eyre::Result<ExitCode> {
    // A completion script asking for candidates: answered before anything else.
    cli::answer_completion_if_asked();
    let plain =
        cli::no_color() || !std::io::stderr().is_terminal() || cli::term::cannot_draw().is_some();
    let hooks = HookBuilder::default()
        .display_env_section(false)
        .display_location_section(std::env::var_os("RUST_BACKTRACE").is_some());
    let hooks = if plain {
        hooks.theme(Theme::new())
    } else {
        hooks
    };
    hooks.install()?;
    // A user's mistake is said short, as clap says its own; the rest is a report.
    cli::finish(cli::run(cli::parse()))
}
