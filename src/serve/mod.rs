//! `serve`: the explorer over SSH, one app per connection, for a whole room.
//! Each connection gets its own `App` (the same `update` and `view` as the
//! local terminal), viewers follow a presenter, and every resource a client
//! can ask for is bounded (see `limits`).

pub mod conn;
pub mod decode;
pub mod handler;
pub mod host_key;
pub mod limits;
pub mod listener;
pub mod log;
pub mod session;
pub mod stage;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use russh::keys::{PrivateKey, PublicKey};
use russh::{MethodKind, MethodSet};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::timeline::Timeline;
use crate::tui::Options;
pub use limits::Limits;
pub use stage::Stage;

/// Everything the server is started with.
pub struct Settings {
    pub host_key: PrivateKey,
    /// Whoever holds this key is the presenter (`ssh presenter@host`).
    pub presenter_key: Option<PublicKey>,
    /// Viewers must give this password (then `none` is refused).
    pub password: Option<String>,
    pub limits: Limits,
    pub timeline: Timeline,
    /// How every session's app starts (`--as-of`, `--query`, theme...).
    pub options: Options,
}

/// What every connection shares.
pub struct Shared {
    config: Arc<russh::server::Config>,
    presenter_key: Option<PublicKey>,
    password: Option<String>,
    limits: Limits,
    timeline: Timeline,
    options: Options,
    stage: Stage,
    shutdown: watch::Receiver<bool>,
    counts: Arc<conn::Counts>,
}

/// A server bound to its address, not yet accepting.
pub struct Server {
    listener: TcpListener,
    shared: Arc<Shared>,
}

impl Server {
    /// Bind `addr`; the server closes when `shutdown` turns true. `stage` is
    /// where the presenter's state goes (shared with a local presenter app).
    pub async fn bind(
        addr: SocketAddr,
        settings: Settings,
        stage: Stage,
        shutdown: watch::Receiver<bool>,
    ) -> std::io::Result<Server> {
        let listener = TcpListener::bind(addr).await?;
        let mut methods = vec![MethodKind::None, MethodKind::PublicKey];
        if settings.password.is_some() {
            methods.push(MethodKind::Password);
        }
        let config = russh::server::Config {
            server_id: russh::SshId::Standard(
                concat!("SSH-2.0-timeline-explorer_", env!("CARGO_PKG_VERSION")).into(),
            ),
            methods: MethodSet::from(&methods[..]),
            keys: vec![settings.host_key],
            max_auth_attempts: 3,
            auth_rejection_time: Duration::from_millis(500),
            // OpenSSH's first `none` probe needs no delay.
            auth_rejection_time_initial: Some(Duration::ZERO),
            // The app's idle timeout counts client input; this only reaps
            // connections that send nothing at all (not even keepalive replies).
            inactivity_timeout: Some(Duration::from_secs(3600)),
            keepalive_interval: Some(Duration::from_secs(30)),
            keepalive_max: 3,
            nodelay: true,
            ..Default::default()
        };
        Ok(Server {
            listener,
            shared: Arc::new(Shared {
                config: Arc::new(config),
                presenter_key: settings.presenter_key,
                password: settings.password,
                limits: settings.limits,
                timeline: settings.timeline,
                options: settings.options,
                stage,
                shutdown,
                counts: Arc::default(),
            }),
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Accept until shutdown, then close every session (each is told) and
    /// return within 2 s.
    pub async fn run(self) {
        listener::accept(self.listener, self.shared).await;
    }
}
