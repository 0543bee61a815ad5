//! An in-process `serve` on a loopback port, and SSH clients (russh's) that
//! keep what they are shown in a vt100 screen.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::client;
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKey};
use russh::{ChannelMsg, Disconnect};
use timeline_explorer::serve::{Limits, Server, Settings, Stage};
use timeline_explorer::tui::Options;
use tokio::sync::watch;

pub fn key() -> PrivateKey {
    PrivateKey::random(
        &mut russh::keys::key::safe_rng(),
        russh::keys::Algorithm::Ed25519,
    )
    .unwrap()
}

pub struct TestServer {
    pub addr: SocketAddr,
    pub stop: watch::Sender<bool>,
    pub done: tokio::task::JoinHandle<()>,
    pub stage: Stage,
}

/// A server with these limits and presenter key, on a free port.
pub async fn start(limits: Limits, presenter: Option<PublicKey>) -> TestServer {
    let (stop, shutdown) = watch::channel(false);
    let stage = Stage::new();
    let settings = Settings {
        host_key: key(),
        presenter_key: presenter,
        password: None,
        limits,
        timeline: timeline_explorer::timeline::load_builtin().unwrap(),
        options: Options {
            as_of: chrono::NaiveDate::from_ymd_opt(2020, 10, 4),
            viewer: true,
            ..Options::default()
        },
    };
    let server = Server::bind(
        "127.0.0.1:0".parse().unwrap(),
        settings,
        stage.clone(),
        shutdown,
    )
    .await
    .unwrap();
    let addr = server.local_addr().unwrap();
    let done = tokio::spawn(server.run());
    TestServer {
        addr,
        stop,
        done,
        stage,
    }
}

pub struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;
    async fn check_server_key(
        &mut self,
        _key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// What a client has been shown, and how its session ended.
#[derive(Default)]
pub struct Seen {
    pub bytes: usize,
    /// Data messages received: a frame is one (or more, when large).
    pub frames: usize,
    pub exit: Option<u32>,
    pub closed: bool,
    pub failures: usize,
}

pub struct Client {
    pub handle: client::Handle<Trusting>,
    pub channel: russh::ChannelWriteHalf<client::Msg>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub seen: Arc<Mutex<Seen>>,
    /// Woken on every data message.
    pub drawn: Arc<tokio::sync::Notify>,
}

pub async fn connect_raw(addr: SocketAddr) -> client::Handle<Trusting> {
    let config = Arc::new(client::Config::default());
    client::connect(config, addr, Trusting).await.unwrap()
}

/// Log in as a viewer (`none`), or with `key` as the presenter.
pub async fn login(addr: SocketAddr, key: Option<&PrivateKey>) -> client::Handle<Trusting> {
    let mut handle = connect_raw(addr).await;
    let ok = match key {
        None => handle.authenticate_none("viewer").await.unwrap().success(),
        Some(k) => handle
            .authenticate_publickey(
                "presenter",
                PrivateKeyWithHashAlg::new(Arc::new(k.clone()), None),
            )
            .await
            .unwrap()
            .success(),
    };
    assert!(ok, "login refused");
    handle
}

impl Client {
    /// A session with a pty of `cols` x `rows` (as claimed; the screen kept
    /// here is at most 500x200).
    pub async fn open(addr: SocketAddr, key: Option<&PrivateKey>, cols: u32, rows: u32) -> Client {
        let handle = login(addr, key).await;
        let channel = handle.channel_open_session().await.unwrap();
        channel
            .request_pty(true, "xterm-256color", cols, rows, 0, 0, &[])
            .await
            .unwrap();
        channel.request_shell(true).await.unwrap();
        let (mut read, write) = channel.split();
        let (c, r) = (cols.clamp(1, 500) as u16, rows.clamp(1, 200) as u16);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(r), nz(c), 0)));
        let seen = Arc::new(Mutex::new(Seen::default()));
        let drawn = Arc::new(tokio::sync::Notify::new());
        let (s, k, d) = (Arc::clone(&screen), Arc::clone(&seen), Arc::clone(&drawn));
        tokio::spawn(async move {
            while let Some(msg) = read.wait().await {
                match msg {
                    ChannelMsg::Data { data } => {
                        {
                            let mut k = k.lock().unwrap();
                            k.bytes += data.len();
                            k.frames += 1;
                        }
                        s.lock().unwrap().process(&data);
                        d.notify_waiters();
                    }
                    ChannelMsg::ExitStatus { exit_status } => {
                        k.lock().unwrap().exit = Some(exit_status)
                    }
                    ChannelMsg::Failure => k.lock().unwrap().failures += 1,
                    ChannelMsg::Close => break,
                    _ => {}
                }
            }
            k.lock().unwrap().closed = true;
        });
        Client {
            handle,
            channel: write,
            screen,
            seen,
            drawn,
        }
    }

    pub fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub async fn send(&self, bytes: &[u8]) {
        self.channel.data_bytes(bytes.to_vec()).await.unwrap();
    }

    /// Send `bytes` and wait for the frame they cause: how long it took.
    pub async fn key_to_frame(&self, bytes: &[u8], within: Duration) -> Option<Duration> {
        let drawn = self.drawn.notified();
        tokio::pin!(drawn);
        drawn.as_mut().enable();
        let t = Instant::now();
        self.send(bytes).await;
        tokio::time::timeout(within, drawn).await.ok()?;
        Some(t.elapsed())
    }

    pub async fn resize(&self, cols: u32, rows: u32) {
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows.clamp(1, 200) as u16), nz(cols.clamp(1, 500) as u16));
        self.channel.window_change(cols, rows, 0, 0).await.unwrap();
    }

    /// Wait until the screen shows `what`, or panic with the screen after `within`.
    pub async fn wait_for(&self, what: &str, within: Duration) {
        self.wait_until(what, within, |t| t.contains(what)).await;
    }

    pub async fn wait_until(&self, label: &str, within: Duration, ok: impl Fn(&str) -> bool) {
        let until = Instant::now() + within;
        loop {
            let text = self.text();
            if ok(&text) {
                return;
            }
            if Instant::now() > until {
                panic!("not seen within {within:?}: {label}\n--- screen ---\n{text}");
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Wait until the server closed the channel; its exit status.
    pub async fn ended(&self, within: Duration) -> Option<u32> {
        let until = Instant::now() + within;
        while !self.seen.lock().unwrap().closed {
            assert!(
                Instant::now() < until,
                "the session did not end within {within:?}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        self.seen.lock().unwrap().exit
    }

    pub async fn bye(self) {
        let _ = self
            .handle
            .disconnect(Disconnect::ByApplication, "", "")
            .await;
    }
}

/// This process's resident memory, in KiB (Linux).
pub fn rss_kib() -> u64 {
    rss_kib_of("self")
}

/// A process's resident memory, in KiB (Linux): `who` is a pid or `self`.
pub fn rss_kib_of(who: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{who}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap()
}
