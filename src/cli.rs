//! The command line: argument parsing (clap) and the subcommands, all over the library.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;

use timeline_explorer::config;
use timeline_explorer::format::{self, json, lines, markdown, text};
use timeline_explorer::sanitize::one_line;
use timeline_explorer::search::{self, Query, Search};
use timeline_explorer::timeline::{self, Checked, Event, Timeline, check::suggestions};
use timeline_explorer::tui;

mod complete;
mod man;
mod pick;
mod serve;
mod stream;
pub mod term;
mod user_error;

pub use user_error::finish;
use user_error::{Result, UserError};

/// Explore a timeline in which every event is backed by verbatim quotes from its sources.
///
/// With no command, opens the timeline in the terminal (press ? there for keys).
#[derive(Debug, Parser)]
#[command(name = "timeline-explorer", version, about)]
pub struct Cli {
    /// A timeline .ron file (or a folder holding timeline.ron) instead of the built-in one.
    #[arg(long, global = true, value_name = "PATH")]
    data: Option<PathBuf>,

    /// Read settings from this file instead of the usual config.ron (see below).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Start with this event selected (its id, as `show` takes).
    #[arg(long, value_name = "ID", add = ArgValueCandidates::new(complete::event_ids))]
    select: Option<String>,

    /// Start with this filter applied.
    #[arg(long, value_name = "QUERY")]
    query: Option<String>,

    /// Count "in 39 days" and "7 days ago" from this date (YYYY-MM-DD), in the
    /// app, list, show and agenda; default today.
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_as_of)]
    as_of: Option<chrono::NaiveDate>,

    /// Start in presentation mode: one event per screen (p in the app).
    #[arg(long)]
    present: bool,

    /// Leave the mouse to the terminal, so its own text selection works.
    #[arg(long)]
    no_mouse: bool,

    /// Also serve viewers over SSH at ADDR (e.g. 127.0.0.1:2222): they
    /// follow this app, its presenter. See `serve --help` for the server alone.
    #[arg(long, value_name = "ADDR")]
    serve: Option<std::net::SocketAddr>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List events in date order, optionally filtered (fzf syntax).
    List {
        /// Keep events matching QUERY: words all match, 'exact, ^prefix, suffix$, !not, a | b.
        #[arg(long, short, value_name = "QUERY")]
        filter: Option<String>,
        /// Order matches by how well they match instead of by date.
        #[arg(long, requires = "filter")]
        rank: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        /// Only the events marked in the app (m) for this timeline.
        #[arg(long)]
        marked: bool,
    },
    /// Show one event with its citations and sources.
    Show {
        /// The event's id, as `list` prints at the end of each row.
        #[arg(add = ArgValueCandidates::new(complete::event_ids))]
        id: String,
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// What is coming up: the events after the as-of date, soonest first, each
    /// with its countdown and the quote that states its date. Exit 1 when none.
    Agenda {
        /// Only events that could come within this many days.
        #[arg(long, value_name = "DAYS")]
        within: Option<u32>,
        /// ics: a calendar of the events known to the day (to import).
        #[arg(long, value_enum, default_value_t = AgendaFormat::Text)]
        format: AgendaFormat,
    },
    /// Validate the timeline: every quote verbatim in its source, ids, dates,
    /// and (as warnings) words in titles and summaries that no quote says.
    Check {
        /// Count every warning as an error: exit 1 if there is any.
        #[arg(long)]
        strict: bool,
    },
    /// Choose events in the app, drawn on the terminal, and print their
    /// citations to stdout: `timeline-explorer pick | pbcopy`. Enter prints the
    /// selected event, or every marked one (m); Esc or q print nothing (exit 1).
    Pick {
        /// Start with this filter applied.
        #[arg(long, value_name = "QUERY")]
        query: Option<String>,
        /// markdown: date, title, quote and source, as y copies; id: one id a line.
        #[arg(long, value_enum, default_value_t = pick::Format::Markdown)]
        format: pick::Format,
    },
    /// Search the full text of every article: one line per matching sentence.
    Grep {
        /// What to look for, in one sentence: words all match, 'exact, ^prefix, suffix$, !not, a | b.
        #[arg(value_name = "QUERY", value_parser = parse_query)]
        query: String,
        #[arg(long, value_enum, default_value_t = GrepFormat::Text)]
        format: GrepFormat,
    },
    /// Say where the config file is looked for, and check it.
    Config {
        /// Print a config file with every default, commented, to start from.
        #[arg(long)]
        print_default: bool,
    },
    /// Print a shell's completion script: subcommands, options, formats, and
    /// event ids from the timeline in use. `source <(timeline-explorer completions bash)`
    Completions {
        #[arg(value_enum)]
        shell: complete::Shell,
    },
    /// Print the manual page (roff): `timeline-explorer man | man -l -`
    Man,
    /// Serve the app over SSH to a room: `ssh -p 2222 HOST` gets its own
    /// explorer, following the presenter (`ssh presenter@HOST`, key from
    /// --presenter-key) or browsing (f). Read-only; Ctrl-c closes every session.
    Serve(serve::ServeArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
    Markdown,
    /// One tab-separated line per event: date, title, summary, actors, tags, quotes, id.
    Lines,
    /// A calendar (RFC 5545) of the events known to the day, to import.
    Ics,
    /// The JSON Knight Lab's TimelineJS3 shows as a web page.
    Timelinejs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum AgendaFormat {
    Text,
    Json,
    Markdown,
    /// A calendar (RFC 5545) of the events known to the day, to import.
    Ics,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum GrepFormat {
    /// `label (file:line): sentence`, matches marked at a terminal.
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ShowFormat {
    Text,
    Json,
    Markdown,
}

/// Parse the command line; `--help` ends by saying where the config file is.
pub fn parse() -> Cli {
    let place = config::path(None).map_or("none: no config directory on this system".into(), |p| {
        p.display().to_string()
    });
    let matches = Cli::command()
        .after_help(format!(
            "Config file: {place}\n(`timeline-explorer config --print-default` writes one to start from; \
             --config or ${} names another.)",
            config::CONFIG_VAR
        ))
        .get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    // `pick` is the terminal app too: these shape it.
    let picking = match &cli.command {
        Some(Command::Pick { query, format }) => Some((query.clone(), *format)),
        _ => None,
    };
    if cli.command.is_some()
        && picking.is_none()
        && (cli.select.is_some() || cli.query.is_some() || cli.no_mouse || cli.present)
    {
        // These shape the terminal app only; with a command they would be silently ignored.
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--select, --query, --present and --no-mouse are for the terminal app, not for a command",
            )
            .exit();
    }
    if cli.serve.is_some() && cli.command.is_some() {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--serve is for the terminal app, not for a command (the `serve` command serves without one)",
            )
            .exit();
    }
    if let Some(Command::Completions { .. } | Command::Man) = &cli.command {
        // Neither reads a timeline, the config or a date: these would be silently ignored.
        if cli.data.is_some() || cli.config.is_some() || cli.as_of.is_some() {
            Cli::command()
                .error(
                    clap::error::ErrorKind::ArgumentConflict,
                    "--data, --config and --as-of are not for completions or man \
                     (completions read --data from the line being completed)",
                )
                .exit();
        }
        return match cli.command {
            Some(Command::Completions { shell }) => complete::script(shell),
            _ => man::print(),
        };
    }
    if cli.as_of.is_some()
        && matches!(
            cli.command,
            Some(Command::Check { .. } | Command::Config { .. } | Command::Grep { .. })
        )
    {
        // It would be silently ignored: check and config count nothing.
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--as-of is for the terminal app, list, show, agenda and pick; check, grep and config count no days",
            )
            .exit();
    }
    let as_of = cli
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let settings = config::load(config::path(cli.config.as_deref()));
    if let Some(Command::Config { print_default }) = cli.command {
        return config_command(&settings, print_default);
    }
    if let (Some(problem), Some(_)) = (&settings.problem, &cli.command) {
        // The app shows this in its status line; a command says it once here.
        user_error::warn(
            "the config has a mistake: defaults are in use instead",
            problem,
        );
    }
    let data = cli
        .data
        .as_deref()
        .or(settings.config.data.as_deref())
        .map(resolve_data);
    let from_config = settings
        .path
        .as_deref()
        .filter(|_| cli.data.is_none() && settings.config.data.is_some());
    match cli.command {
        Some(Command::Check { strict }) => check(data.as_deref(), strict),
        Some(Command::Config { .. }) => unreachable!("handled above"),
        Some(Command::Completions { .. } | Command::Man) => unreachable!("handled above"),
        None | Some(Command::Pick { .. }) => {
            // Pick draws on the terminal itself: its stdout is the answer.
            let cannot_draw = term::cannot_draw();
            if let (Some(why), Some(_)) = (cannot_draw, &picking) {
                return Ok(term::pick_cannot_draw(why));
            }
            let output = match &picking {
                Some(_) => match tui::Output::tty() {
                    Ok(tty) => tty,
                    Err(e) => return Err(pick::needs_a_terminal(&e).into()),
                },
                None => tui::Output::Stdout,
            };
            let at_terminal = std::io::stdout().is_terminal();
            // A large timeline at a terminal loads in parts, drawn as it comes.
            let opened = data
                .as_deref()
                // Serving, the viewers are given the whole timeline at the start.
                .filter(|_| {
                    at_terminal && cannot_draw.is_none() && picking.is_none() && cli.serve.is_none()
                })
                .and_then(stream::open);
            // The built-in timeline, drawn: its first frame comes before its
            // quotes are checked, which the app does right after it (issue
            // 14). Serving, the viewers are given it checked at the start.
            let unchecked = (data.is_none()
                && cannot_draw.is_none()
                && cli.serve.is_none()
                && (at_terminal || picking.is_some()))
            .then(timeline::unchecked_builtin)
            .flatten();
            let check = unchecked
                .as_ref()
                .map(|_| Box::new(timeline::check_builtin) as tui::Check);
            let (tl, loader) = match (opened, unchecked) {
                (Some((head, loader)), _) => (head, Some(loader)),
                (None, Some(tl)) => (tl, None),
                (None, None) => (load(data.as_deref(), from_config)?, None),
            };
            if let (Some(why), None, true) = (cannot_draw, &picking, at_terminal) {
                term::listing_instead(why);
            }
            if picking.is_none() && (!at_terminal || cannot_draw.is_some()) {
                // Piped or redirected (or TERM says it cannot draw): no screen
                // to draw on, so list instead.
                return list(
                    &tl,
                    cli.query.as_deref(),
                    false,
                    ListFormat::Text,
                    as_of,
                    None,
                );
            }
            if let (Some(id), None) = (&cli.select, &loader) {
                find_event(&tl, id)?;
            }
            // Loading, `--select` waits for its event.
            let (select, select_later) = match &loader {
                Some(_) => (None, cli.select),
                None => (cli.select, None),
            };
            // Marks are kept per timeline: by its file, or by title when built in.
            let key = timeline_explorer::marks::key(data.as_deref(), &tl.title);
            let store = timeline_explorer::marks::Store::default_location();
            let (marks, notice) = match store.as_ref().map(|s| s.load(&key)) {
                Some(Ok(marks)) => (marks, None),
                Some(Err(problem)) => (Default::default(), Some(problem)),
                None => (Default::default(), None),
            };
            let options = tui::Options {
                present: cli.present,
                ascii: !utf8_locale(),
                marks,
                notice,
                as_of: Some(as_of),
                query: picking.as_ref().and_then(|(q, _)| q.clone()).or(cli.query),
                select,
                no_color: no_color(),
                data_path: data.clone(),
                theme: settings.config.theme,
                keys: settings.config.keys.0.clone(),
                no_osc52: !settings.config.osc52,
                config: tui::ConfigNote {
                    path: settings.path.clone(),
                    loaded: settings.found,
                    problem: settings.problem.clone(),
                },
                pick: picking.is_some(),
                // The local app follows no one.
                viewer: false,
            };
            let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
            let for_viewers = cli.serve.map(|_| tl.clone());
            let mut app = tui::App::new(tl, &options, ratatui::layout::Size::new(size.0, size.1));
            let serving = match (cli.serve, for_viewers) {
                (Some(addr), Some(tl)) => Some(serve::alongside(addr, tl, as_of, &mut app)?),
                _ => None,
            };
            let setup = tui::Setup {
                mouse: !cli.no_mouse && settings.config.mouse,
                marks: store.map(|s| (s, key)),
                output,
                publish: serving.as_ref().map(serve::Alongside::publisher),
                contained: serving.as_ref().map(|_| serve::contained()),
                check,
            };
            let ended = match loader {
                Some(loader) => tui::run_loading(app.loading(select_later), setup, loader),
                None => tui::run(app, setup),
            };
            if let Some(serving) = serving {
                serving.close();
            }
            Ok(match ended? {
                tui::Ended::Quit => ExitCode::SUCCESS,
                // As shells report a process a signal ended: 128 + its number.
                tui::Ended::Signal(n) => ExitCode::from(128 + (n & 0x7f) as u8),
                tui::Ended::HungUp => ExitCode::from(128 + libc::SIGHUP as u8),
                // Printed only now, with the terminal given back.
                tui::Ended::Picked(picked) => {
                    let format = picking.map_or(pick::Format::Markdown, |(_, f)| f);
                    print(&pick::answer(&picked.timeline, &picked.events, format))?;
                    ExitCode::SUCCESS
                }
                tui::Ended::Cancelled => ExitCode::from(1),
                tui::Ended::Invalid(e) => {
                    return Err(load_failed(data.as_deref(), from_config, *e));
                }
            })
        }
        Some(Command::List {
            filter,
            rank,
            format,
            marked,
        }) => {
            let tl = load(data.as_deref(), from_config)?;
            let only = match marked {
                true => match pick::marked(data.as_deref(), &tl) {
                    Ok(ids) => Some(ids),
                    Err(code) => return Ok(code),
                },
                false => None,
            };
            let done = list(&tl, filter.as_deref(), rank, format, as_of, only.as_ref());
            // Exiting next: the OS takes the memory back faster than freeing each string.
            std::mem::forget(tl);
            done
        }
        Some(Command::Show { id, format }) => {
            show(&load(data.as_deref(), from_config)?, &id, format, as_of)
        }
        Some(Command::Agenda { within, format }) => {
            agenda(&load(data.as_deref(), from_config)?, as_of, within, format)
        }
        Some(Command::Serve(args)) => serve::run(args, load(data.as_deref(), from_config)?, as_of),
        Some(Command::Grep { query, format }) => {
            let tl = load(data.as_deref(), from_config)?;
            let done = grep(&tl, &query, format);
            // Exiting next: the OS takes the memory back faster than freeing each string.
            std::mem::forget(tl);
            done
        }
    }
}

/// `config`: where the file is and whether it is fine, or a default to start from.
fn config_command(settings: &config::Loaded, print_default: bool) -> Result<ExitCode> {
    if print_default {
        print(&config::default_text(settings.path.as_deref()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(path) = &settings.path else {
        print("no config directory on this system: use --config FILE\n")?;
        return Ok(ExitCode::SUCCESS);
    };
    if let Some(problem) = &settings.problem {
        let err = UserError::new("the config has a mistake: defaults are in use instead");
        return Err(err.detail(problem).into());
    }
    let state = if settings.found {
        "ok"
    } else {
        "not there: defaults are in use (`timeline-explorer config --print-default` writes one)"
    };
    print(&format!(
        "{}: {state}\n",
        one_line(&path.display().to_string())
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Whether the locale (LC_ALL, LC_CTYPE or LANG, the first set) is UTF-8.
fn utf8_locale() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .is_some_and(|l| {
            let l = l.to_lowercase();
            l.contains("utf-8") || l.contains("utf8")
        })
}

fn parse_as_of(s: &str) -> std::result::Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date like 2020-10-01"))
}

/// `--data DIR` means `DIR/timeline.ron`.
fn resolve_data(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join("timeline.ron")
    } else {
        path.to_path_buf()
    }
}

fn checked(data: Option<&Path>) -> Checked {
    match data {
        Some(path) => timeline::check_path(path),
        None => timeline::check_builtin(),
    }
}

/// Load the timeline; `from_config` is the config file when it named it.
fn load(data: Option<&Path>, from_config: Option<&Path>) -> Result<Timeline> {
    checked(data)
        .into_result()
        .map_err(|e| load_failed(data, from_config, e))
}

/// What a timeline that failed to load is reported as.
fn load_failed(
    data: Option<&Path>,
    from_config: Option<&Path>,
    e: timeline::LoadError,
) -> user_error::Failure {
    let label = data.map_or("the built-in timeline".into(), |p| p.display().to_string());
    let err = UserError::timeline(&label, &e);
    let err = match from_config {
        Some(config) => err.hint(format!(
            "this timeline is the `data` setting in {}; --data opens another",
            config.display()
        )),
        None => err,
    };
    err.into()
}

/// `only`: list just these event ids (`--marked`).
fn list(
    tl: &Timeline,
    filter: Option<&str>,
    rank: bool,
    format: ListFormat,
    as_of: chrono::NaiveDate,
    only: Option<&std::collections::BTreeSet<String>>,
) -> Result<ExitCode> {
    let query = Query::parse(filter.unwrap_or(""));
    let mut hits = Search::default().filter(tl, &query);
    if let Some(only) = only {
        hits.retain(|h| only.contains(tl.events[h.event].id.as_str()));
    }
    if rank {
        search::rank(&mut hits);
    }
    let events = hits.iter().map(|h| &tl.events[h.event]);
    let out = match format {
        ListFormat::Text => {
            // At a terminal, rows fit its width (ids kept whole); piped (or at
            // one TERM says cannot draw), they stay whole.
            let width = (std::io::stdout().is_terminal() && term::cannot_draw().is_none())
                .then(|| ratatui::crossterm::terminal::size().ok())
                .flatten()
                .map(|(w, _)| usize::from(w));
            format::list::text(events, as_of, width)
        }
        ListFormat::Lines => events.map(|e| lines::line(e) + "\n").collect(),
        ListFormat::Markdown => markdown::timeline_as_of(tl, events, as_of),
        ListFormat::Json => json::to_string(&json::timeline_as_of(tl, events, as_of)),
        // A list's key quote is its first, as slides and `y` take it.
        ListFormat::Ics => calendar(format::ics::calendar(tl, events, as_of, |_| 0)),
        ListFormat::Timelinejs => json::to_string(&format::timelinejs::timeline(tl, events)),
    };
    print(&out)?;
    if hits.is_empty() && !query.is_empty() {
        // As fzf does: nothing matched is exit status 1.
        say(&format!(
            "no events match '{}'",
            one_line(filter.unwrap_or(""))
        ));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// A query with something to look for: an empty one would match nothing.
fn parse_query(s: &str) -> std::result::Result<String, String> {
    if Query::parse(s).is_empty() {
        return Err("nothing to look for: give a word, as in `grep nichols` \
                    ('exact, ^prefix, suffix$, !not, a | b)"
            .into());
    }
    Ok(s.to_string())
}

/// `grep`: every sentence of the articles that matches, as text or JSON.
fn grep(tl: &Timeline, query: &str, format: GrepFormat) -> Result<ExitCode> {
    let hits = Search::default().passages(tl, &Query::parse(query), None);
    let out = match format {
        GrepFormat::Text => {
            // Marks are escape sequences: only for a person at a terminal.
            let marked =
                std::io::stdout().is_terminal() && !no_color() && term::cannot_draw().is_none();
            let mut out = String::new();
            for h in &hits {
                out += &format::passages::line(tl, h, marked);
                out.push('\n');
            }
            out
        }
        GrepFormat::Json => json::to_string(&format::passages::json(tl, query, &hits)),
    };
    print(&out)?;
    if hits.is_empty() {
        say(&format!(
            "no sentence in the articles matches '{}' (`list --filter` searches the events)",
            one_line(query)
        ));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The event `id` names, or an error suggesting the closest ids.
fn find_event<'a>(tl: &'a Timeline, id: &str) -> Result<&'a Event> {
    if let Some(event) = tl.event(id) {
        return Ok(event);
    }
    let ids: Vec<String> = tl.events.iter().map(|e| e.id.to_string()).collect();
    let near = suggestions(id, &ids, 3);
    let err = UserError::new(format!("no event with id \"{id}\""));
    Err(if near.is_empty() {
        err.hint("`timeline-explorer list` shows each event's id at the end of its row")
    } else {
        err.hint(format!("did you mean {}?", near.join(", ")))
    }
    .into())
}

/// NO_COLOR set to anything but the empty string (no-color.org).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn show(tl: &Timeline, id: &str, format: ShowFormat, as_of: chrono::NaiveDate) -> Result<ExitCode> {
    let event = find_event(tl, id)?;
    let out = match format {
        ShowFormat::Text => text::event_as_of(tl, event, as_of),
        ShowFormat::Markdown => markdown::event_as_of(tl, event, "#", as_of),
        ShowFormat::Json => json::to_string(&json::event_as_of(tl, event, as_of)),
    };
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// A calendar's text; what it left out is said on stderr too, as a calendar
/// app shows no COMMENT.
fn calendar(export: format::ics::Export) -> String {
    if export.left_out > 0 {
        say(&format!(
            "note: {}",
            format::ics::left_out_comment(export.written, export.left_out)
        ));
    }
    export.text
}

/// `agenda`: what is ahead of `as_of`, soonest first; exit 1 when nothing is.
fn agenda(
    tl: &Timeline,
    as_of: chrono::NaiveDate,
    within: Option<u32>,
    format: AgendaFormat,
) -> Result<ExitCode> {
    let items = timeline_explorer::agenda::ahead(
        tl.events.iter().enumerate(),
        as_of,
        within.map(i64::from),
    );
    let out = match format {
        AgendaFormat::Text => format::agenda::text(tl, &items, as_of, within),
        AgendaFormat::Markdown => format::agenda::markdown(tl, &items, as_of, within),
        AgendaFormat::Json => json::to_string(&format::agenda::json(tl, &items, as_of, within)),
        // The agenda's key quote is the one that states the date.
        AgendaFormat::Ics => calendar(format::ics::calendar(
            tl,
            items.iter().map(|a| &tl.events[a.event]),
            as_of,
            timeline_explorer::agenda::date_citation,
        )),
    };
    print(&out)?;
    if items.is_empty() {
        let within = within.map_or(String::new(), |d| format!(" within {d} days"));
        // Where the timeline ends tells the user which --as-of would show something.
        let last = tl
            .events
            .iter()
            .filter_map(|e| timeline_explorer::when::last_day(e.date))
            .max();
        let hint = match last {
            Some(day) => {
                format!(" (its last event could be on {day}; --as-of DATE counts from another day)")
            }
            None => String::new(),
        };
        say(&format!(
            "nothing ahead of {as_of}{within} in this timeline{hint}"
        ));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn check(data: Option<&Path>, strict: bool) -> Result<ExitCode> {
    let mut checked = checked(data);
    if strict {
        checked.report.make_strict();
    }
    let label = data.map_or("data/timeline.ron (built in)".to_string(), |p| {
        p.display().to_string()
    });
    let out = timeline::report::render(&checked, &label);
    print(&out)?;
    let clean = checked.is_clean();
    // Exiting next: the OS takes the memory back faster than freeing each string.
    std::mem::forget(checked);
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Write to stdout; a reader that went away (`| head`) ends us quietly, but
/// any other failure (a full disk) is an error: the output is not there.
pub(crate) fn print(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let s = &*at_terminal(s, out.is_terminal());
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(UserError::new(format!("cannot write to standard output: {e}")).into()),
        Ok(()) => Ok(()),
    }
}

/// A line on stderr. If even that cannot be written there is no one left to
/// tell, so it is dropped rather than panicking as eprintln! would.
pub(crate) fn say(s: &str) {
    let mut err = std::io::stderr().lock();
    let s = &*at_terminal(s, err.is_terminal());
    let _ = writeln!(err, "{s}");
}

/// Text for a terminal in ASCII where the locale is not UTF-8 (the app does
/// the same). Output to a file or a pipe is the data as it is: UTF-8.
fn at_terminal(s: &str, terminal: bool) -> std::borrow::Cow<'_, str> {
    match terminal && !utf8_locale() {
        true => timeline_explorer::ascii::transliterate(s),
        false => std::borrow::Cow::Borrowed(s),
    }
}

/// Answer a shell's completion request and exit, if this run is one.
pub fn answer_completion_if_asked() {
    complete::answer_if_asked();
}
