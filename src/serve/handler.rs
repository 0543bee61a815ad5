//! The russh side of one connection: who may log in and as what, which
//! requests are refused (each with an explicit reply: russh sends none by
//! itself), and the hand-off of input to the session task. Callbacks run
//! inside russh's connection loop, so none of them waits: input goes on
//! with `try_send` and is dropped when the session is behind.

use std::sync::Arc;

use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Msg, Session};
use russh::{Channel, ChannelId, ChannelOpenFailure, MethodKind, MethodSet};
use tokio::sync::{mpsc, watch};

use super::Shared;
use super::conn::Conn;
use super::limits::{INPUT_QUEUE, clamp_size};
use super::session::{self, Wiring};

/// The user name the presenter logs in as: `ssh presenter@host`. Any other
/// name is a viewer (OpenSSH tries `none` first, so a viewer's name must
/// accept it, and the presenter's must not).
pub const PRESENTER_USER: &str = "presenter";

pub struct Handler {
    shared: Arc<Shared>,
    conn: Arc<Conn>,
    presenter: bool,
    channel: Option<ChannelId>,
    pty: Option<(String, (u16, u16))>,
    input: Option<mpsc::Sender<Vec<u8>>>,
    size: Option<watch::Sender<(u16, u16)>>,
}

impl Handler {
    pub fn new(shared: Arc<Shared>, conn: Arc<Conn>) -> Handler {
        Handler {
            shared,
            conn,
            presenter: false,
            channel: None,
            pty: None,
            input: None,
            size: None,
        }
    }

    fn is_presenter_key(&self, key: &PublicKey) -> bool {
        self.shared
            .presenter_key
            .as_ref()
            .is_some_and(|p| p.key_data() == key.key_data())
    }

    fn only_key() -> Auth {
        Auth::Reject {
            proceed_with_methods: Some(MethodSet::from(&[MethodKind::PublicKey][..])),
            partial_success: false,
        }
    }

    fn ours(&self, channel: ChannelId) -> bool {
        self.channel == Some(channel)
    }
}

impl russh::server::Handler for Handler {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        if user == PRESENTER_USER {
            return Ok(Self::only_key());
        }
        if self.shared.password.is_some() {
            return Ok(Auth::Reject {
                proceed_with_methods: Some(MethodSet::from(&[MethodKind::Password][..])),
                partial_success: false,
            });
        }
        self.conn.facts().auth = "none";
        Ok(Auth::Accept)
    }

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        match &self.shared.password {
            Some(p) if user != PRESENTER_USER && same(p.as_bytes(), password.as_bytes()) => {
                self.conn.facts().auth = "password";
                Ok(Auth::Accept)
            }
            _ => Ok(Auth::reject()),
        }
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        // Only the presenter's key is worth a signature.
        Ok(if self.is_presenter_key(offer.public_key) {
            Auth::Accept
        } else {
            Auth::reject()
        })
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        if self.is_presenter_key(key.public_key) {
            self.presenter = true;
            self.conn.facts().auth = "presenter key";
            return Ok(Auth::Accept);
        }
        Ok(Auth::reject())
    }

    async fn auth_succeeded(&mut self, session: &mut Session) -> Result<(), Self::Error> {
        let id = String::from_utf8_lossy(session.remote_sshid()).into_owned();
        self.conn.facts().client = id;
        Ok(())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The Channel is dropped unread: input comes through `data` below
        // (holding it unread would stall the connection once its buffer fills).
        if self.channel.is_some() {
            reply
                .reject(ChannelOpenFailure::AdministrativelyProhibited)
                .await;
        } else {
            self.channel = Some(channel.id());
            reply.accept().await;
        }
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.ours(channel) || self.input.is_some() {
            return session.channel_failure(channel);
        }
        let size = clamp_size(col_width, row_height);
        let term: String = term.chars().take(64).collect();
        {
            let mut facts = self.conn.facts();
            facts.term = term.clone();
            facts.size = size;
        }
        self.pty = Some((term, size));
        session.channel_success(channel)
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The app needs a terminal: without a pty (`ssh -T`) there is none.
        let (Some((term, size)), true, None) = (self.pty.clone(), self.ours(channel), &self.input)
        else {
            session.channel_failure(channel)?;
            if self.ours(channel) && self.input.is_none() {
                let _ = session.data(
                    channel,
                    b"timeline-explorer needs a terminal: ssh -t\r\n".to_vec(),
                );
                let _ = session.exit_status_request(channel, 1);
                let _ = session.close(channel);
            }
            return Ok(());
        };
        let (input_tx, input_rx) = mpsc::channel(INPUT_QUEUE);
        let (size_tx, size_rx) = watch::channel(size);
        self.input = Some(input_tx);
        self.size = Some(size_tx);
        session.channel_success(channel)?;
        self.conn.started.send_replace(true);
        session::spawn(
            Arc::clone(&self.shared),
            Wiring {
                handle: session.handle(),
                channel,
                input: input_rx,
                size: size_rx,
                term,
                presenter: self.presenter,
                conn: Arc::clone(&self.conn),
            },
        );
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let (true, Some(input)) = (self.ours(channel), &self.input) {
            // Full: the session is behind, and this input is dropped.
            let _ = input.try_send(data.to_vec());
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let size = clamp_size(col_width, row_height);
        if let (true, Some(tx)) = (self.ours(channel), &self.size) {
            // The latest size only: a burst of resizes is one redraw.
            tx.send_replace(size);
        } else if self.ours(channel)
            && let Some((_, s)) = &mut self.pty
        {
            *s = size;
        }
        self.conn.facts().size = size;
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.ours(channel) {
            // The session task sees its input end.
            self.input = None;
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.ours(channel) {
            self.input = None;
            self.size = None;
        }
        Ok(())
    }

    // Everything else is refused, each with a reply.

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        _value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        _socket_path: &str,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host_to_connect: &str,
        _port_to_connect: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        reply
            .reject(ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn channel_open_x11(
        &mut self,
        _channel: Channel<Msg>,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        reply
            .reject(ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }
}

/// Whether two secrets are equal, in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for (i, x) in a.iter().enumerate() {
        diff |= usize::from(x ^ b.get(i).copied().unwrap_or(0));
    }
    diff == 0
}
