//! The accept loop: limits counted at accept, before any SSH byte; a
//! deadline from accept to a running session; one log line per connection;
//! and on shutdown, every connection closed within 2 s.

use std::sync::Arc;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, timeout};

use super::Shared;
use super::conn::{Conn, Slot};
use super::handler::Handler;

/// How long shutdown waits for sessions to say goodbye.
const DRAIN: Duration = Duration::from_millis(1500);

pub async fn accept(listener: TcpListener, shared: Arc<Shared>) {
    let mut shutdown = shared.shutdown.clone();
    loop {
        let accepted = tokio::select! {
            _ = until(&mut shutdown) => break,
            a = listener.accept() => a,
        };
        let (stream, peer) = match accepted {
            Ok(a) => a,
            Err(e) => {
                // Out of file descriptors, usually: wait a moment, go on.
                super::log::say(&format!("serve: accept: {e}"));
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        match shared.counts.admit(peer.ip(), &shared.limits) {
            Ok(slot) => {
                tokio::spawn(connection(Arc::clone(&shared), stream, peer, slot));
            }
            Err(why) => {
                super::log::say(&format!("serve: {peer} · {why}"));
                drop(stream);
            }
        }
    }
    drop(listener);
    // Sessions see the shutdown themselves and close; wait for them.
    let until = Instant::now() + DRAIN;
    while shared.counts.open() > 0 && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn connection(
    shared: Arc<Shared>,
    stream: TcpStream,
    peer: std::net::SocketAddr,
    slot: Slot,
) {
    let _slot = slot;
    // A second handle on the socket, to cut the connection from under russh.
    let (stream, socket) = match stream.into_std() {
        Ok(std) => {
            let clone = std.try_clone().ok();
            match TcpStream::from_std(std) {
                Ok(s) => (s, clone),
                Err(_) => return,
            }
        }
        Err(_) => return,
    };
    let conn = Arc::new(Conn::new(peer, socket));
    let grace = shared.limits.login_grace;
    let deadline = Instant::now() + grace;
    let handler = Handler::new(Arc::clone(&shared), Arc::clone(&conn));
    let config = Arc::clone(&shared.config);
    let run = async move {
        match russh::server::run_stream(config, stream, handler).await {
            Ok(running) => running.await,
            Err(e) => Err(e),
        }
    };
    tokio::pin!(run);
    let mut started = conn.started.subscribe();
    let mut shutdown = shared.shutdown.clone();
    // Until the shell runs: the login deadline, and shutdown, cut it.
    enum First<R> {
        Done(R),
        Started,
        Cut(String),
    }
    let first = tokio::select! {
        r = &mut run => First::Done(r),
        _ = until(&mut started) => First::Started,
        _ = tokio::time::sleep_until(deadline) => {
            First::Cut(format!("cut off: no session within {}s", grace.as_secs()))
        }
        _ = until(&mut shutdown) => First::Cut("server closing".into()),
    };
    let result = match first {
        First::Done(_) => {
            // A scan, `ssh HOST cmd`, a failed login: the client went first.
            conn.facts().end = "left before a session".into();
            Ok(())
        }
        First::Cut(why) => {
            conn.facts().end = why;
            conn.cut();
            // Cut: russh sees its socket end at once.
            let _ = timeout(Duration::from_secs(1), &mut run).await;
            Ok(())
        }
        First::Started => {
            // The session task closes the channel on every end; after that
            // the client has a moment to hang up before it is cut.
            let mut ended = conn.ended.subscribe();
            tokio::select! {
                r = &mut run => r,
                _ = until(&mut ended) => {
                    match timeout(Duration::from_millis(500), &mut run).await {
                        Ok(r) => r,
                        Err(_) => {
                            conn.cut();
                            let _ = timeout(Duration::from_secs(1), &mut run).await;
                            Ok(())
                        }
                    }
                }
            }
        }
    };
    if let Err(e) = result {
        let mut facts = conn.facts();
        if facts.end.is_empty() {
            facts.end = format!("error: {e}");
        }
    }
    super::log::say(&conn.line());
}

/// Once `flag` is true (or its sender is gone).
pub async fn until(flag: &mut tokio::sync::watch::Receiver<bool>) {
    let _ = flag.wait_for(|v| *v).await;
}
