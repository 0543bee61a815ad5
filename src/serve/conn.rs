//! One TCP connection's bookkeeping: its place in the limits, the socket to
//! cut when it must go (a client that stops reading cannot be told), and
//! what its log line says.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::sync::watch;

use super::limits::Limits;

/// Connections open now, in all and per address.
#[derive(Default)]
pub struct Counts {
    total: AtomicUsize,
    per_ip: Mutex<HashMap<IpAddr, usize>>,
}

impl Counts {
    /// A place for a connection from `ip`, or why there is none.
    pub fn admit(self: &Arc<Self>, ip: IpAddr, limits: &Limits) -> Result<Slot, &'static str> {
        let mut per_ip = self.per_ip.lock().unwrap_or_else(|e| e.into_inner());
        if self.total.load(Ordering::SeqCst) >= limits.max_sessions {
            return Err("refused: the server is full (--max-sessions)");
        }
        let n = per_ip.entry(ip).or_insert(0);
        if *n >= limits.max_per_ip {
            return Err("refused: too many from this address (--max-per-ip)");
        }
        *n += 1;
        self.total.fetch_add(1, Ordering::SeqCst);
        Ok(Slot {
            counts: Arc::clone(self),
            ip,
        })
    }

    pub fn open(&self) -> usize {
        self.total.load(Ordering::SeqCst)
    }
}

/// A connection's place in the counts, given back when it ends.
pub struct Slot {
    counts: Arc<Counts>,
    ip: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut per_ip = self.counts.per_ip.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = per_ip.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                per_ip.remove(&self.ip);
            }
        }
        self.counts.total.fetch_sub(1, Ordering::SeqCst);
    }
}

/// What the connection's log line reports (never a secret: no password, no key).
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub client: String,
    pub term: String,
    pub size: (u16, u16),
    pub auth: &'static str,
    /// Why it ended, when the session knows.
    pub end: String,
}

/// Shared by the accept task, the russh handler and the session task.
pub struct Conn {
    pub peer: SocketAddr,
    pub since: Instant,
    pub sent: AtomicU64,
    pub facts: Mutex<Facts>,
    /// Set once the shell runs: the login deadline no longer applies.
    pub started: watch::Sender<bool>,
    /// Set once the session task has finished.
    pub ended: watch::Sender<bool>,
    socket: Option<std::net::TcpStream>,
}

impl Conn {
    pub fn new(peer: SocketAddr, socket: Option<std::net::TcpStream>) -> Conn {
        Conn {
            peer,
            since: Instant::now(),
            sent: AtomicU64::new(0),
            facts: Mutex::new(Facts {
                auth: "-",
                ..Facts::default()
            }),
            started: watch::Sender::new(false),
            ended: watch::Sender::new(false),
            socket,
        }
    }

    pub fn facts(&self) -> std::sync::MutexGuard<'_, Facts> {
        self.facts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// End the connection from under russh: its reads see EOF, its writes
    /// fail. The one way out for a client that stopped reading.
    pub fn cut(&self) {
        if let Some(s) = &self.socket {
            let _ = s.shutdown(std::net::Shutdown::Both);
        }
    }

    /// The connection's one log line.
    pub fn line(&self) -> String {
        let f = self.facts();
        let one = |s: &str| {
            let s = crate::sanitize::one_line(s);
            if s.is_empty() {
                "-".to_string()
            } else {
                s.chars().take(80).collect()
            }
        };
        format!(
            "serve: {} · {} · {} {}x{} · auth {} · {:.1}s · {} bytes sent · {}",
            self.peer,
            one(&f.client),
            one(&f.term),
            f.size.0,
            f.size.1,
            f.auth,
            self.since.elapsed().as_secs_f64(),
            self.sent.load(Ordering::Relaxed),
            if f.end.is_empty() { "closed" } else { &f.end },
        )
    }
}
