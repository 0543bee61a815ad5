//! `man`: the manual page, in roff. Commands and options come from the clap
//! definition (clap_mangen), keys from the one key table, so neither can
//! drift from what the binary does.

use std::process::ExitCode;

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};
use color_eyre::eyre::Result;

use timeline_explorer::config::CONFIG_VAR;
use timeline_explorer::marks::DIR_VAR;
use timeline_explorer::tui::keys::{BINDINGS, Context, Key, label};

use super::Cli;
use super::complete;

pub fn print() -> super::Result<ExitCode> {
    super::print(&page()?)?;
    Ok(ExitCode::SUCCESS)
}

/// The whole page.
pub fn page() -> Result<String> {
    let mut cmd = Cli::command();
    cmd.build();
    let man = Man::new(cmd.clone()).title("TIMELINE-EXPLORER");
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    // No hyphenation: names like $TIMELINE_EXPLORER_CONFIG must stay whole.
    let mut nh = Roff::new();
    nh.control("nh", []);
    nh.to_writer(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    commands(&cmd, &mut out)?;
    let mut roff = Roff::new();
    keys(&mut roff);
    files(&mut roff);
    environment(&mut roff);
    exit_status(&mut roff);
    roff.to_writer(&mut out)?;
    Ok(once_preamble(&String::from_utf8_lossy(&out)))
}

/// Each roff render starts with the same two-line preamble (how to print an
/// apostrophe); rendered piece by piece, the page needs it only at the top.
fn once_preamble(page: &str) -> String {
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    match page.split_once(PREAMBLE) {
        Some((before, rest)) => format!("{before}{PREAMBLE}{}", rest.replace(PREAMBLE, "")),
        None => page.to_string(),
    }
}

/// COMMANDS: each subcommand's usage, description and own options. Options
/// every command shares (`--data`, `--help`) are under OPTIONS once.
fn commands(cmd: &clap::Command, out: &mut Vec<u8>) -> Result<()> {
    let mut head = Roff::new();
    head.control("SH", ["COMMANDS"]);
    head.text([roman(
        "With no command, the terminal app opens (see KEYS). Options named under OPTIONS \
         go before or after the command.",
    )]);
    head.to_writer(out)?;
    // `help` is clap's own, and says what --help does.
    let subs = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help");
    for sub in subs {
        let mut roff = Roff::new();
        roff.control("SS", [sub.get_name()]);
        let usage = sub.clone().render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        roff.text([bold(usage)]);
        roff.control("PP", []);
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            roff.text([roman(about.to_string())]);
        }
        roff.to_writer(out)?;
        // Only the command's own options, rendered by clap_mangen.
        let mut own = sub.clone();
        for arg in sub.get_arguments() {
            if arg.is_global_set() || matches!(arg.get_id().as_str(), "help" | "version") {
                own = own.mut_arg(arg.get_id().clone(), |a| a.hide(true));
            }
        }
        let mut options = Vec::new();
        Man::new(own).render_options_section(&mut options)?;
        // Its `.SH OPTIONS` would end COMMANDS; under the command's `.SS` a
        // paragraph break does.
        let options = String::from_utf8_lossy(&options).replace(".SH OPTIONS\n", ".PP\n");
        out.extend_from_slice(options.as_bytes());
    }
    Ok(())
}

const ORDER: [Context; 7] = [
    Context::Everywhere,
    Context::List,
    Context::Filter,
    Context::Jump,
    Context::Detail,
    Context::Reader,
    Context::Sources,
];

/// KEYS: every binding of the key table, screen by screen, with the name
/// config.ron rebinds it by.
fn keys(roff: &mut Roff) {
    roff.control("SH", ["KEYS"]);
    roff.text([
        roman("The terminal app's default keys; "),
        bold("?"),
        roman(
            " in the app shows the keys in use. Each key's binding name (in italics) is \
             what the ",
        ),
        bold("keys"),
        roman(" setting of config.ron rebinds it by."),
    ]);
    // The screens in the order a user meets them; any other after them.
    let mut contexts = ORDER.to_vec();
    for b in BINDINGS {
        if !contexts.contains(&b.context) {
            contexts.push(b.context);
        }
    }
    for context in contexts {
        roff.control("SS", [context.title()]);
        for b in BINDINGS.iter().filter(|b| b.context == context) {
            let keys: Vec<String> = b.keys.iter().map(|k| key_name(*k)).collect();
            roff.control("TP", []);
            roff.text([bold(keys.join(", ")), roman("  "), italic(b.name)]);
            roff.text([roman(b.help)]);
        }
    }
}

/// A key as the help screen names it, arrows spelled out: a man page is read
/// on terminals of any charset.
fn key_name(key: Key) -> String {
    label(key)
        .replace('↑', "Up")
        .replace('↓', "Down")
        .replace('←', "Left")
        .replace('→', "Right")
}

fn entry(roff: &mut Roff, name: &str, text: &str) {
    roff.control("TP", []);
    roff.text([bold(name)]);
    roff.text([roman(text)]);
}

fn files(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    entry(
        roff,
        "~/.config/timeline-explorer/config.ron",
        &format!(
            "Settings (on macOS in ~/Library/Application Support/timeline-explorer/): data, \
             theme, mouse, osc52 and keys. --config or ${CONFIG_VAR} names another file. \
             `timeline-explorer config` says where it is looked for and whether it checks; \
             `timeline-explorer config --print-default` prints every setting, commented. A \
             config with a mistake is reported and defaults are used."
        ),
    );
    entry(
        roff,
        "~/.local/share/timeline-explorer/marks.ron",
        &format!(
            "The events marked (m) in the app, per timeline (on macOS in ~/Library/Application \
             Support/timeline-explorer/); ${DIR_VAR} names another folder. Saves are locked \
             with marks.ron.lock beside it; a file that cannot be read is kept as \
             marks.ron.corrupt (then .corrupt-2, and on)."
        ),
    );
    entry(
        roff,
        "timeline.ron",
        "A timeline, given with --data (a .ron file, or a folder holding timeline.ron) or the \
         config's data setting. It reads its articles only from its own folder or below. \
         Without either, the built-in timeline is used.",
    );
}

fn environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    let vars = [
        (
            "NO_COLOR",
            "Set to anything but empty: draw with bold, underline and reverse video only, \
             and print no colour or marks. It wins over the theme setting.",
        ),
        (
            CONFIG_VAR,
            "The config file to read instead of the usual one (--config wins over it).",
        ),
        (
            DIR_VAR,
            "The folder marks.ron is kept in, instead of the user data directory.",
        ),
        (
            "LC_ALL, LC_CTYPE, LANG",
            "The first one set says whether the locale is UTF-8; if not, everything the app \
             draws is ASCII (its lines and marks, and the data's text transliterated: \
             curly quotes to straight ones, a long dash to --, others to ?), and so is text the commands write \
             to a terminal. Output to a pipe or a file stays UTF-8.",
        ),
        (
            "TERM",
            "The terminal's type. dumb, or unset: no full-screen app; the list is printed \
             as when piped, with a note on stderr (pick exits 2). Colours are sent as the 16 \
             named ones (SGR 30-37 and 90-97) unless TERM has 256color in it or ends in -direct, or \
             COLORTERM is truecolor or 24bit. The mouse is asked for clicks and the wheel only \
             (modes 1000 and 1006), never every motion.",
        ),
        (
            "TMUX",
            "Inside tmux, y asks tmux whether it passes OSC 52 on (set-clipboard) and says so \
             if not.",
        ),
        (
            "SSH_CONNECTION",
            "Over SSH, y runs no local clipboard command (wl-copy, xclip, xsel, pbcopy): that \
             clipboard is the server's. WAYLAND_DISPLAY and DISPLAY choose among them otherwise.",
        ),
        (
            "RUST_BACKTRACE",
            "Set: error reports give where they arose, and a crash its backtrace.",
        ),
        (
            complete::VAR,
            "Set by the completion scripts when they ask the binary for candidates; not for \
             use by hand.",
        ),
    ];
    for (name, text) in vars {
        entry(roff, name, text);
    }
}

fn exit_status(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    let codes = [
        ("0", "Success."),
        (
            "1",
            "The timeline has errors (with check --strict, warnings too), an unknown event id, \
             nothing matched (list --filter, grep), nothing marked (list --marked), nothing \
             ahead (agenda), pick ended with Esc or q, or the output could not be written.",
        ),
        (
            "2",
            "Usage error: an unknown option, a bad value, pick with no terminal to draw on.",
        ),
        (
            "101",
            "The app hit a bug: the terminal is restored and a short report printed.",
        ),
        (
            "128 + n",
            "Ended by signal n: 129 SIGHUP (or the terminal went away), 130 SIGINT, 131 \
             SIGQUIT, 143 SIGTERM.",
        ),
    ];
    for (code, text) in codes {
        entry(roff, code, text);
    }
}
