//! `serve` in-process: a server on a loopback port, russh clients with a
//! vt100 screen each. What a room would notice: the first frame, keys, the
//! filter, resizes, refusals, following the presenter, idle and shutdown.

mod common;

use std::time::{Duration, Instant};

use common::ssh::{Client, connect_raw, key, login, rss_kib, start};
use russh::ChannelMsg;
use timeline_explorer::serve::Limits;

const SOON: Duration = Duration::from_secs(5);

fn short(idle: Duration) -> Limits {
    Limits {
        idle,
        ..Limits::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_sees_the_list_moves_filters_and_quits_with_status_0() {
    let s = start(Limits::default(), None).await;
    let c = Client::open(s.addr, None, 80, 24).await;
    c.wait_for("25 events", SOON).await;
    // j moves the selection: the detail pane names the second event.
    let first = c.text();
    c.send(b"j").await;
    c.wait_until("the selection moved", SOON, |t| t != first)
        .await;
    c.send(b"/nichols").await;
    c.wait_for("/nichols", SOON).await;
    c.wait_for("1 of 25 events", SOON).await;
    assert!(c.text().contains("Judge Carl Nichols"), "{}", c.text());
    c.send(b"\x1b").await;
    c.wait_until("the filter cleared", SOON, |t| !t.contains("1 of 25"))
        .await;
    c.send(b"q").await;
    assert_eq!(c.ended(SOON).await, Some(0));
    let _ = s.stop.send(true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resize_redraws_at_the_new_size() {
    let s = start(Limits::default(), None).await;
    let c = Client::open(s.addr, None, 80, 24).await;
    c.wait_for("25 events", SOON).await;
    c.resize(120, 40).await;
    // Something is drawn past column 80 and below row 24.
    c.wait_until("a frame at 120x40", SOON, |_| {
        let p = c.screen.lock().unwrap();
        let sc = p.screen();
        let wide = (0..40).any(|r| !sc.contents_between(r, 80, r, 119).trim().is_empty());
        let tall = !sc.contents_between(30, 0, 39, 119).trim().is_empty();
        wide && tall
    })
    .await;
    c.send(b"q").await;
    c.ended(SOON).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_65535_square_pty_is_drawn_at_500x200_and_memory_stays_small() {
    let s = start(Limits::default(), None).await;
    let before = rss_kib();
    let c = Client::open(s.addr, None, 65535, 65535).await;
    c.wait_for("25 events", SOON).await;
    c.resize(65535, 65535).await;
    c.send(b"j").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let grown = rss_kib().saturating_sub(before);
    // Two 500x200 buffers are ~10 MB; unclamped, 400 GB.
    assert!(grown < 50 * 1024, "RSS grew by {grown} KiB");
    c.send(b"q").await;
    assert_eq!(c.ended(SOON).await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exec_subsystem_env_and_forwarding_are_refused() {
    let s = start(Limits::default(), None).await;
    let handle = login(s.addr, None).await;
    let mut ch = handle.channel_open_session().await.unwrap();
    ch.exec(true, "cat /etc/passwd").await.unwrap();
    let mut failed = false;
    let mut data = 0;
    while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_secs(2), ch.wait()).await {
        match msg {
            ChannelMsg::Failure => failed = true,
            ChannelMsg::Success => panic!("exec accepted"),
            ChannelMsg::Data { data: d } => data += d.len(),
            _ => {}
        }
        if failed {
            break;
        }
    }
    assert!(failed, "no failure reply to exec");
    assert_eq!(data, 0, "exec wrote output");
    ch.request_subsystem(true, "sftp").await.unwrap();
    let msg = tokio::time::timeout(SOON, ch.wait()).await.unwrap();
    assert!(matches!(msg, Some(ChannelMsg::Failure)), "{msg:?}");
    ch.set_env(true, "LANG", "C").await.unwrap();
    let msg = tokio::time::timeout(SOON, ch.wait()).await.unwrap();
    assert!(matches!(msg, Some(ChannelMsg::Failure)), "{msg:?}");
    ch.agent_forward(true).await.unwrap();
    let msg = tokio::time::timeout(SOON, ch.wait()).await.unwrap();
    assert!(matches!(msg, Some(ChannelMsg::Failure)), "{msg:?}");
    assert!(handle.tcpip_forward("127.0.0.1", 0).await.is_err());
    assert!(
        handle
            .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 1)
            .await
            .is_err()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_session_channel_is_refused() {
    let s = start(Limits::default(), None).await;
    let handle = login(s.addr, None).await;
    let _first = handle.channel_open_session().await.unwrap();
    assert!(handle.channel_open_session().await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_presenter_key_logs_in_as_presenter() {
    let presenter = key();
    let s = start(Limits::default(), Some(presenter.public_key().clone())).await;
    let mut h = connect_raw(s.addr).await;
    // The presenter's name takes no `none`, and no other key.
    assert!(!h.authenticate_none("presenter").await.unwrap().success());
    let other = key();
    let r = h
        .authenticate_publickey(
            "presenter",
            russh::keys::PrivateKeyWithHashAlg::new(std::sync::Arc::new(other), None),
        )
        .await
        .unwrap();
    assert!(!r.success());
    drop(h);
    let presenting = login(s.addr, Some(&presenter)).await;
    assert!(!presenting.is_closed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn viewers_follow_the_presenter_and_f_browses() {
    let presenter = key();
    let s = start(Limits::default(), Some(presenter.public_key().clone())).await;
    let a = Client::open(s.addr, None, 80, 24).await;
    let b = Client::open(s.addr, None, 80, 24).await;
    a.wait_for("25 events", SOON).await;
    b.wait_for("25 events", SOON).await;
    let p = Client::open(s.addr, Some(&presenter), 80, 24).await;
    p.wait_for("25 events", SOON).await;
    // Present, then step two slides.
    p.send(b"p").await;
    p.wait_for("1 / 25", SOON).await;
    p.send(b"  ").await;
    p.wait_for("3 / 25", SOON).await;
    let t = Instant::now();
    a.wait_for("3 / 25", Duration::from_millis(500)).await;
    b.wait_for("3 / 25", Duration::from_millis(500)).await;
    assert!(t.elapsed() < Duration::from_millis(500));
    a.wait_for("following the presenter · f to browse", SOON)
        .await;
    // b browses: the presenter's next slide no longer moves it.
    b.send(b"f").await;
    b.wait_for("browsing · f to follow", SOON).await;
    p.send(b" ").await;
    a.wait_for("4 / 25", SOON).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(b.text().contains("3 / 25"), "{}", b.text());
    // f again: back with the presenter.
    b.send(b"f").await;
    p.send(b" ").await;
    b.wait_for("5 / 25", SOON).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_is_warned_then_closed() {
    let s = start(short(Duration::from_secs(2)), None).await;
    let c = Client::open(s.addr, None, 80, 24).await;
    c.wait_for("25 events", SOON).await;
    c.wait_for("closes in 1s", Duration::from_secs(3)).await;
    assert_eq!(c.ended(Duration::from_secs(3)).await, Some(1));
    assert!(
        c.text().contains("closed after 2s with no key pressed"),
        "{}",
        c.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_tells_and_closes_every_session_within_2s() {
    let s = start(Limits::default(), None).await;
    let mut clients = Vec::new();
    for _ in 0..5 {
        clients.push(Client::open(s.addr, None, 80, 24).await);
    }
    for c in &clients {
        c.wait_for("25 events", SOON).await;
    }
    let t = Instant::now();
    s.stop.send(true).unwrap();
    for c in &clients {
        c.ended(Duration::from_secs(2)).await;
        assert!(c.text().contains("the server is closing"), "{}", c.text());
    }
    tokio::time::timeout(Duration::from_secs(2), s.done)
        .await
        .unwrap()
        .unwrap();
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    // And no longer accepting.
    assert!(tokio::net::TcpStream::connect(s.addr).await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_refuse_past_the_per_address_count_and_a_slot_comes_back() {
    let s = start(
        Limits {
            max_per_ip: 2,
            ..Limits::default()
        },
        None,
    )
    .await;
    let a = Client::open(s.addr, None, 80, 24).await;
    let b = Client::open(s.addr, None, 80, 24).await;
    a.wait_for("25 events", SOON).await;
    b.wait_for("25 events", SOON).await;
    // The third is closed before any SSH byte.
    let config = std::sync::Arc::new(russh::client::Config::default());
    let third = russh::client::connect(config, s.addr, common::ssh::Trusting).await;
    assert!(third.is_err());
    a.send(b"q").await;
    a.ended(SOON).await;
    a.bye().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let c = Client::open(s.addr, None, 80, 24).await;
    c.wait_for("25 events", SOON).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_that_never_logs_in_is_cut_at_the_deadline() {
    let s = start(
        Limits {
            login_grace: Duration::from_millis(500),
            ..Limits::default()
        },
        None,
    )
    .await;
    let mut tcp = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    use tokio::io::AsyncReadExt;
    let mut buf = vec![0; 4096];
    let t = Instant::now();
    // The server's id line, then nothing until it hangs up.
    loop {
        match tokio::time::timeout(SOON, tcp.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(_)) => continue,
            Err(_) => panic!("still open after {:?}", t.elapsed()),
        }
    }
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
}
