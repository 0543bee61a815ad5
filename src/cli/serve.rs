//! `serve`, and the app's `--serve`: the command-line face of `serve::`.
//! Reads the keys and limits, prints what a room needs to check (address,
//! fingerprints, limits), runs until Ctrl-c or SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use timeline_explorer::serve::{self, Limits, Settings, Stage, host_key, limits};
use timeline_explorer::timeline::Timeline;
use timeline_explorer::tui;
use tokio::sync::watch;

use super::user_error::{Result, UserError};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; 0.0.0.0:2222 exposes it to the whole network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:2222")]
    listen: SocketAddr,
    /// The server's Ed25519 key; made there on first use (default: in the data directory).
    #[arg(long, value_name = "PATH")]
    host_key: Option<PathBuf>,
    /// A public key (.pub): who holds it logs in as the presenter (`ssh presenter@host`).
    #[arg(long, value_name = "FILE")]
    presenter_key: Option<PathBuf>,
    /// Viewers must give the password in this environment variable.
    #[arg(long, value_name = "VAR")]
    password_env: Option<String>,
    /// Connections at once, in all.
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    max_sessions: u32,
    /// Connections at once from one address (a room may share one).
    #[arg(long, value_name = "N", default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    max_per_ip: u32,
    /// A session with no key pressed this long ends (warned before): 90s, 15m, 1h.
    #[arg(long, value_name = "DUR", default_value = "15m", value_parser = limits::parse_duration)]
    idle: std::time::Duration,
    /// No session lasts longer than this.
    #[arg(long, value_name = "DUR", default_value = "4h", value_parser = limits::parse_duration)]
    max_session: std::time::Duration,
    /// Start each session with this filter applied.
    #[arg(long, value_name = "QUERY")]
    query: Option<String>,
}

/// How every session's app starts: the defaults, not this machine's config
/// (a viewer did not choose its keys or theme), and no marks file.
pub fn session_options(as_of: chrono::NaiveDate, query: Option<String>) -> tui::Options {
    tui::Options {
        as_of: Some(as_of),
        query,
        viewer: true,
        ..tui::Options::default()
    }
}

/// The server's settings from the arguments: keys read (the host key made
/// if it is not there yet), limits checked.
pub struct Prepared {
    settings: Settings,
    lines: Vec<String>,
    listen: SocketAddr,
}

pub fn prepare(
    listen: SocketAddr,
    host_key_path: Option<PathBuf>,
    presenter_key: Option<PathBuf>,
    password_env: Option<String>,
    limits: Limits,
    timeline: Timeline,
    options: tui::Options,
) -> Result<Prepared> {
    let path = host_key_path
        .or_else(host_key::default_path)
        .ok_or_else(|| {
            UserError::new("no data directory on this system for the host key")
                .hint("--host-key PATH names where to keep it")
        })?;
    let (key, made) = host_key::load_or_create(&path).map_err(|e| {
        UserError::new("the host key cannot be used")
            .detail(e)
            .hint("it is never replaced silently: fix it, move it away to make a new one, or name another with --host-key")
    })?;
    let presenter = match &presenter_key {
        Some(p) => Some(host_key::load_public(p).map_err(|e| {
            UserError::new("the presenter key cannot be read")
                .detail(e)
                .hint("--presenter-key takes a public key, e.g. ~/.ssh/id_ed25519.pub")
        })?),
        None => None,
    };
    let password = match &password_env {
        Some(var) => match std::env::var(var) {
            Ok(p) if !p.is_empty() => Some(p),
            _ => {
                return Err(UserError::usage(format!(
                    "--password-env {var}: that variable is not set, or empty"
                ))
                .hint(format!("export {var}=... first"))
                .into());
            }
        },
        None => None,
    };
    let mut lines = vec![
        format!("host key    {}", host_key::fingerprint(key.public_key())),
        format!(
            "            {} {}",
            if made { "made now in" } else { "kept in" },
            path.display()
        ),
    ];
    match &presenter {
        Some(k) => {
            lines.push(format!("presenter   {}", host_key::fingerprint(k)));
            lines.push(format!(
                "            presents with: ssh -p {} presenter@HOST",
                listen.port()
            ));
        }
        None => lines.push("presenter   none (--presenter-key FILE names one)".into()),
    }
    lines.push(format!(
        "viewers     {}",
        if password.is_some() {
            "with the password in --password-env"
        } else {
            "anyone who reaches the address, no password"
        }
    ));
    lines.push(format!(
        "limits      {} sessions, {} per address, idle {}, {} each, 10s to log in",
        limits.max_sessions,
        limits.max_per_ip,
        limits::show_duration(limits.idle),
        limits::show_duration(limits.max_session)
    ));
    if listen.ip().is_unspecified() {
        lines.push(
            "note        listening on every interface: anyone on the network may connect".into(),
        );
    }
    Ok(Prepared {
        settings: Settings {
            host_key: key,
            presenter_key: presenter,
            password,
            limits,
            timeline,
            options,
        },
        lines,
        listen,
    })
}

/// `timeline-explorer serve`: until Ctrl-c or SIGTERM.
pub fn run(args: ServeArgs, timeline: Timeline, as_of: chrono::NaiveDate) -> Result<ExitCode> {
    let limits = Limits {
        max_sessions: args.max_sessions as usize,
        max_per_ip: args.max_per_ip as usize,
        idle: args.idle,
        max_session: args.max_session,
        ..Limits::default()
    };
    let prepared = prepare(
        args.listen,
        args.host_key,
        args.presenter_key,
        args.password_env,
        limits,
        timeline,
        session_options(as_of, args.query),
    )?;
    let runtime = runtime()?;
    let (stop, shutdown) = watch::channel(false);
    // Caught from before the first line is printed: a SIGTERM right after
    // start-up still closes the sessions and exits 0.
    let signals = runtime.block_on(async { Signals::listen() });
    let server = start(&runtime, prepared, Stage::new(), shutdown)?;
    runtime.block_on(async move {
        let stopping = tokio::spawn(async move {
            signals.wait().await;
            timeline_explorer::serve::log::say("serve: closing: telling every session");
            stop.send_replace(true);
        });
        server.run().await;
        stopping.abort();
    });
    runtime.shutdown_timeout(std::time::Duration::from_millis(300));
    Ok(ExitCode::SUCCESS)
}

/// The name of the server's threads, by which a panic in one is told apart.
const THREADS: &str = "serve";

/// For the local app's panic hook under `--serve`: a panic on the server's
/// threads is an SSH session's, which ends alone (its task is caught and
/// logged); it must not take the presenter's app and every viewer with it.
pub fn contained() -> tui::Contained {
    Box::new(|info| {
        let ours = std::thread::current().name() == Some(THREADS);
        if ours {
            timeline_explorer::serve::log::say(&format!("serve: a session panicked: {info}"));
        }
        ours
    })
}

/// The runtime for the server: on threads of its own, beside the local app if any.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name(THREADS)
        .enable_all()
        .build()
        .map_err(|e| UserError::new(format!("cannot start the server: {e}")).into())
}

/// Bind and say where, with what keys and limits.
pub fn start(
    runtime: &tokio::runtime::Runtime,
    prepared: Prepared,
    stage: Stage,
    shutdown: watch::Receiver<bool>,
) -> Result<serve::Server> {
    let listen = prepared.listen;
    let server = runtime
        .block_on(serve::Server::bind(
            listen,
            prepared.settings,
            stage,
            shutdown,
        ))
        .map_err(|e| {
            UserError::new(format!("cannot listen on {listen}: {e}"))
                .hint("--listen names another address, e.g. 127.0.0.1:2223")
        })?;
    let addr = server.local_addr().unwrap_or(listen);
    let mut out = format!(
        "serving on  {addr}: ssh -p {} {}\n",
        addr.port(),
        if addr.ip().is_loopback() {
            "localhost".to_string()
        } else {
            "HOST".to_string()
        }
    );
    for line in &prepared.lines {
        out += line;
        out += "\n";
    }
    timeline_explorer::serve::log::say(out.trim_end());
    Ok(server)
}

/// Ctrl-c or SIGTERM, listened for from creation on.
struct Signals(Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>);

impl Signals {
    fn listen() -> Signals {
        use tokio::signal::unix::{SignalKind, signal};
        Signals(
            signal(SignalKind::interrupt())
                .ok()
                .zip(signal(SignalKind::terminate()).ok()),
        )
    }

    async fn wait(self) {
        match self.0 {
            Some((mut int, mut term)) => {
                tokio::select! {
                    _ = int.recv() => {}
                    _ = term.recv() => {}
                }
            }
            None => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
}

/// The server running beside the local app (`--serve`), which presents.
pub struct Alongside {
    runtime: tokio::runtime::Runtime,
    stop: watch::Sender<bool>,
    done: tokio::task::JoinHandle<()>,
    presenting: std::sync::Arc<serve::stage::Presenting>,
}

/// Start serving viewers at `addr` with the default host key and limits;
/// the app's status line says where, and the log goes to a file (the
/// terminal is the app's).
pub fn alongside(
    addr: SocketAddr,
    timeline: Timeline,
    as_of: chrono::NaiveDate,
    app: &mut tui::App,
) -> Result<Alongside> {
    let prepared = prepare(
        addr,
        None,
        None,
        None,
        Limits::default(),
        timeline,
        session_options(as_of, None),
    )?;
    let log = host_key::default_path()
        .and_then(|p| Some(p.parent()?.join("serve.log")))
        .ok_or_else(|| UserError::new("no data directory on this system for the server's log"))?;
    serve::log::to_file(&log).map_err(|e| {
        UserError::new(format!(
            "cannot write the server's log: {}: {e}",
            log.display()
        ))
    })?;
    let fingerprint = host_key::fingerprint(prepared.settings.host_key.public_key());
    let runtime = runtime()?;
    let (stop, shutdown) = watch::channel(false);
    let stage = Stage::new();
    let presenting =
        std::sync::Arc::new(stage.enter(timeline_explorer::tui::follow::FollowState::of(app)));
    let server = start(&runtime, prepared, stage, shutdown)?;
    let port = server.local_addr().map_or(addr.port(), |a| a.port());
    let fp = fingerprint
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_string();
    tui::update(
        app,
        tui::Action::Notice(format!("serving: ssh -p {port} HOST · host key {fp}")),
    );
    let done = runtime.spawn(server.run());
    Ok(Alongside {
        runtime,
        stop,
        done,
        presenting,
    })
}

impl Alongside {
    /// What the local app calls after each change: viewers follow it.
    pub fn publisher(&self) -> Box<dyn Fn(&tui::App)> {
        let presenting = std::sync::Arc::clone(&self.presenting);
        Box::new(move |app| {
            presenting.publish(timeline_explorer::tui::follow::FollowState::of(app))
        })
    }

    /// The app ended: tell every viewer, close, within 2 s.
    pub fn close(self) {
        self.stop.send_replace(true);
        let done = self.done;
        self.runtime.block_on(async {
            let _ = tokio::time::timeout(std::time::Duration::from_secs(2), done).await;
        });
        self.runtime
            .shutdown_timeout(std::time::Duration::from_millis(300));
    }
}
