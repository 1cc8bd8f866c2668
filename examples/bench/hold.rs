//! Issue 26's memory, slot and shutdown figures, each on a fresh daemon and database:
//! H5 oversized bodies from many addresses, H6 WebSocket slots held without authenticating,
//! H7 subscriptions from a viewer token, H8 shutdown with stuck WebSocket clients and an
//! import in flight. See docs/benchmark.md ("Hostile clients, round 3").

use super::{each, http, mb, median, proc_kb, Bench, Row, Server};
use futures_util::{SinkExt, StreamExt};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::Message;

type Ws = tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>;

/// The highest `VmRSS` of `pid` while `fut` runs (sampled every 10 ms), with its output.
async fn peak_rss<F: std::future::Future>(pid: u32, fut: F) -> (F::Output, u64) {
    let peak = Arc::new(AtomicU64::new(proc_kb(pid, "VmRSS").unwrap_or(0)));
    let done = Arc::new(AtomicBool::new(false));
    let sampler = tokio::spawn({
        let (peak, done) = (peak.clone(), done.clone());
        async move {
            while !done.load(Ordering::Relaxed) {
                if let Some(kb) = proc_kb(pid, "VmRSS") {
                    peak.fetch_max(kb, Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    });
    let out = fut.await;
    done.store(true, Ordering::Relaxed);
    let _ = sampler.await;
    (out, peak.load(Ordering::Relaxed))
}

/// Growth in MB between two `VmRSS` readings in kB.
fn growth(base: u64, kb: u64) -> f64 {
    kb.saturating_sub(base) as f64 / 1024.0
}

/// This host's address on its outgoing interface (no packet is sent), if not loopback.
fn host_address() -> Option<IpAddr> {
    let s = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    s.connect("192.0.2.255:9")
        .or_else(|_| s.connect("8.8.8.8:53"))
        .ok()?;
    let ip = s.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

impl Bench {
    /// A daemon on a fresh database of its own, bound to `bind`.
    fn hold_daemon(&self, name: &str, bind: &str, env: &[(&str, &str)]) -> (Server, PathBuf) {
        let db = self.dir.path().join(format!("{name}.db"));
        let _ = std::fs::remove_file(&db);
        let _ = std::fs::remove_file(db.with_extension("db-wal"));
        let _ = std::fs::remove_file(db.with_extension("db-shm"));
        let mut c = self.jackbox_on(&db);
        c.args(["serve", "--bind", bind]).env("JACKBOX_LOG", "warn");
        for (k, v) in env {
            c.env(k, v);
        }
        (Server::start(c), db)
    }

    pub(super) async fn hold(&mut self) {
        if self.cfg.runs("H5") {
            self.h5().await;
        }
        if self.cfg.runs("H6") {
            self.h6().await;
        }
        if self.cfg.runs("H7") {
            self.h7().await;
        }
        if self.cfg.runs("H8") {
            self.h8().await;
        }
    }

    /// H5: clients each declaring and sending a 1 MiB body to the two routes open to anyone,
    /// at once, from many loopback addresses.
    async fn h5(&mut self) {
        let n = if self.cfg.quick { 100 } else { 1000 };
        let (daemon, _db) = self.hold_daemon("h5", "127.0.0.1:0", &[]);
        let (pid, addr) = (daemon.pid(), daemon.addr);
        tokio::time::sleep(Duration::from_secs(1)).await;
        let base = proc_kb(pid, "VmRSS").unwrap_or(0);
        println!(
            "H5: {n} clients x 1 MiB to /api/auth/login and /api/pick (daemon {})",
            mb(base)
        );
        let started = Instant::now();
        let run = async {
            let tasks: Vec<_> = (0..n)
                .map(|i| {
                    let path = if i % 2 == 0 {
                        "/api/auth/login"
                    } else {
                        "/api/pick"
                    };
                    // 127.0.0.2 … 127.0.0.251: loopback aliases, each its own address.
                    let src = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2 + (i % 250) as u8));
                    tokio::spawn(big_body(addr, src, path, 1 << 20))
                })
                .collect();
            let mut statuses = Vec::with_capacity(n);
            for t in tasks {
                statuses.push(t.await.unwrap_or(0));
            }
            statuses
        };
        let (statuses, peak) = peak_rss(pid, run).await;
        let took = started.elapsed();
        tokio::time::sleep(Duration::from_secs(1)).await;
        let after = proc_kb(pid, "VmRSS").unwrap_or(0);
        let mut tally = std::collections::BTreeMap::new();
        for s in &statuses {
            *tally.entry(*s).or_insert(0) += 1;
        }
        let answers = tally
            .iter()
            .map(|(s, c)| {
                if *s == 0 {
                    format!("no answer x{c}")
                } else {
                    format!("{s} x{c}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let peak_mb = growth(base, peak);
        self.row(Row {
            id: "H5",
            what: "daemon RSS growth, clients each sending 1 MiB to login / pick",
            measured: format!("+{peak_mb:.1} MB peak (+{:.1} MB 1 s after)", growth(base, after)),
            reference: format!(
                "{n} clients at once from 250 loopback addresses, half each route, all done in {:.1} s; answers: {answers}; idle {}; before (issue 26): +343-391 MB",
                took.as_secs_f64(),
                mb(base)
            ),
            target: "<= 50 MB growth for 1,000 clients",
            pass: Some(peak_mb <= 50.0 && !tally.contains_key(&0)),
        });
    }

    /// H6: one remote address opens WebSockets that never authenticate (pinging every 2 s).
    async fn h6(&mut self) {
        let Some(host) = host_address() else {
            println!(
                "H6: no non-loopback address on this host (loopback has no per-address share)"
            );
            self.row(Row {
                id: "H6",
                what: "WebSocket slots held without authenticating",
                measured: "n/a".into(),
                reference: "needs a non-loopback address".into(),
                target: "closed after 10 s; one address <= 1/4 of the slots; others still connect",
                pass: None,
            });
            return;
        };
        let (cap, attempts) = if self.cfg.quick {
            (64, 30)
        } else {
            (16_384, 5_000)
        };
        let cap_arg = cap.to_string();
        let (daemon, db) = self.hold_daemon(
            "h6",
            "0.0.0.0:0",
            &[("JACKBOX_MAX_CONNECTIONS", cap_arg.as_str())],
        );
        let (pid, port) = (daemon.pid(), daemon.addr.port());
        let token = self.token_on(&db);
        tokio::time::sleep(Duration::from_secs(1)).await;
        let base = proc_kb(pid, "VmRSS").unwrap_or(0);
        let target = SocketAddr::new(host, port);
        println!("H6: {attempts} unauthenticated WebSockets from {host} (cap {cap})");
        let gate = Arc::new(tokio::sync::Semaphore::new(64));
        let tasks: Vec<_> = (0..attempts)
            .map(|_| {
                let gate = gate.clone();
                tokio::spawn(async move {
                    let permit = gate.acquire_owned().await.ok()?;
                    let stream = tokio::net::TcpStream::connect(target).await.ok()?;
                    let url = format!("ws://{target}/api/sessions/live");
                    let (ws, _) = tokio_tungstenite::client_async(url, stream).await.ok()?;
                    drop(permit);
                    // Each pings every 2 s (frames used to reset the idle timer) and
                    // reports how it ended and how long after opening.
                    Some(tokio::spawn(unauthenticated(ws, Instant::now())))
                })
            })
            .collect();
        let mut watchers = Vec::new();
        for t in tasks {
            if let Ok(Some(w)) = t.await {
                watchers.push(w);
            }
        }
        let n_held = watchers.len();
        tokio::time::sleep(Duration::from_secs(1)).await;
        let with = proc_kb(pid, "VmRSS").unwrap_or(0);
        // The host's own console: loopback, authenticates.
        let other = other_client(SocketAddr::from(([127, 0, 0, 1], port)), &token).await;
        let (mut closed, mut with_1008) = (0, 0);
        let mut longest = Duration::ZERO;
        for w in watchers {
            if let Ok(Ok((code, lived))) = tokio::time::timeout(Duration::from_secs(30), w).await {
                closed += 1;
                with_1008 += usize::from(code == Some(1008));
                longest = longest.max(lived);
            }
        }
        drop(daemon);
        let share = (cap / 4).max(1);
        self.row(Row {
            id: "H6",
            what: "WebSocket slots held without authenticating",
            measured: format!(
                "one address held {n_held} of {cap} slots; loopback client {}; {closed}/{n_held} closed by the daemon ({with_1008} with 1008, the rest without a close frame), at most {:.1} s after opening",
                if other { "connected and authenticated" } else { "REFUSED" },
                longest.as_secs_f64()
            ),
            reference: format!(
                "{attempts} attempts from {host}, pinging every 2 s; RSS {} idle, +{:.1} MB with them open; before (issue 26): 16,400 sockets (155 MB) took every slot",
                mb(base),
                growth(base, with)
            ),
            target: "closed after 10 s; one address <= 1/4 of the slots; others still connect",
            pass: Some(n_held <= share && other && closed == n_held),
        });
    }

    /// H7: a viewer token subscribes to many session ids on 4 connections.
    async fn h7(&mut self) {
        let ids: i64 = if self.cfg.quick { 2_000 } else { 250_000 };
        let (daemon, db) = self.hold_daemon("h7", "127.0.0.1:0", &[]);
        let (pid, addr) = (daemon.pid(), daemon.addr);
        let out = self
            .jackbox_on(&db)
            .args(["auth", "token", "--viewer"])
            .output()
            .expect("jackbox auth token --viewer");
        let viewer = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let _ = self
            .jackbox_on(&db)
            .args(["-q", "session", "create"])
            .output();
        tokio::time::sleep(Duration::from_secs(1)).await;
        let base = proc_kb(pid, "VmRSS").unwrap_or(0);
        println!("H7: 4 connections x {ids} subscribe messages with a viewer token");
        let run = async {
            let tasks: Vec<_> = (0..4)
                .map(|_| tokio::spawn(subscribe_many(addr, viewer.clone(), ids)))
                .collect();
            let mut total = (0u64, 0u64, 0u64);
            for t in tasks {
                let (ok, capped, unknown) = t.await.unwrap_or_default();
                total = (total.0 + ok, total.1 + capped, total.2 + unknown);
            }
            total
        };
        let ((ok, capped, unknown), peak) = peak_rss(pid, run).await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        let after = proc_kb(pid, "VmRSS").unwrap_or(0);
        let peak_mb = growth(base, peak);
        self.row(Row {
            id: "H7",
            what: "daemon RSS growth, viewer token subscribing to 4 x many ids",
            measured: format!("+{peak_mb:.1} MB peak (+{:.1} MB 1 s after)", growth(base, after)),
            reference: format!(
                "4 x {ids} ids: {ok} subscribed, {capped} refused as too many, {unknown} as unknown; idle {}; before (issue 26): +191 MB for 4 x 250,000",
                mb(base)
            ),
            target: "<= 100 subscriptions per connection; RSS growth <= 20 MB",
            pass: Some(peak_mb <= 20.0 && ok <= 400),
        });
    }

    /// H8: SIGTERM with stuck WebSocket clients and a big chat import in flight.
    async fn h8(&mut self) {
        let (clients, messages) = if self.cfg.quick {
            (100, 50_000)
        } else {
            (1000, 600_000)
        };
        let body = chat_body(messages);
        println!("H8: shutdown with {clients} stuck WebSocket clients and a {messages}-message import ({} MB) in flight", body.len() >> 20);
        let mut took = Vec::new();
        let mut notes = Vec::new();
        let mut clean = true;
        for run in 0..self.cfg.runs {
            let (mut daemon, db) = self.hold_daemon(
                &format!("h8-{run}"),
                "127.0.0.1:0",
                &[("JACKBOX_WS_SEND_TIMEOUT_MS", "600000")],
            );
            let (pid, addr) = (daemon.pid(), daemon.addr);
            let token = self.token_on(&db);
            let stuck = stuck_clients(addr, &token, clients).await;
            let mut conn = http::Conn::connect(addr).await.expect("connect");
            // Sessions with big notes, broadcast to every authenticated client: each
            // client's 4 KiB window and the daemon's socket buffer fill, its writer blocks.
            let big = format!("{{\"notes\":\"{}\"}}", "x".repeat(96 * 1024));
            for _ in 0..3 {
                let r = conn
                    .send(&http::request(
                        "POST",
                        "/api/sessions",
                        Some(&token),
                        Some(&big),
                    ))
                    .await
                    .expect("session");
                let id = r.json()["id"].as_i64().unwrap_or(0);
                let _ = conn
                    .send(&http::request(
                        "POST",
                        &format!("/api/sessions/{id}/close"),
                        Some(&token),
                        Some("{}"),
                    ))
                    .await;
            }
            let r = conn
                .send(&http::request(
                    "POST",
                    "/api/sessions",
                    Some(&token),
                    Some("{}"),
                ))
                .await
                .expect("session");
            let sid = r.json()["id"].as_i64().unwrap_or(0);
            let _ = conn
                .send(&http::request(
                    "POST",
                    &format!("/api/sessions/{sid}/games"),
                    Some(&token),
                    Some("{\"game_id\":1}"),
                ))
                .await;
            let import = tokio::spawn(post_raw(
                addr,
                format!("/api/sessions/{sid}/chat-import"),
                token.clone(),
                body.clone(),
            ));
            let wal = db.with_extension("db-wal");
            let start = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
            let deadline = Instant::now() + Duration::from_secs(300);
            while std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) <= start + (2 << 20)
                && !import.is_finished()
                && Instant::now() < deadline
            {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            let in_flight = !import.is_finished();
            let signalled = Instant::now();
            let _ = std::process::Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status();
            let code = loop {
                if let Ok(Some(status)) = daemon.child.try_wait() {
                    break status.code();
                }
                if signalled.elapsed() > Duration::from_secs(30) {
                    break None;
                }
                tokio::time::sleep(Duration::from_millis(2)).await;
            };
            let t = signalled.elapsed();
            drop(stuck);
            let status = import.await.unwrap_or(0);
            let (check, rows) = match rusqlite::Connection::open(&db) {
                Ok(c) => (
                    c.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
                        .unwrap_or_default(),
                    c.query_row(
                        "SELECT COUNT(*) FROM chat_logs WHERE session_id = ?1",
                        [sid],
                        |r| r.get::<_, i64>(0),
                    )
                    .unwrap_or(-1),
                ),
                Err(_) => (String::new(), -1),
            };
            let whole = rows == 0 || rows == messages as i64;
            println!("  run {}: exit {code:?} after {:.2} s; import in flight {in_flight}, answered {status}, {rows} rows; integrity {check}", run + 1, t.as_secs_f64());
            clean &= code == Some(0) && check == "ok" && whole && in_flight;
            took.push(t);
            notes.push(format!(
                "exit {}, {status}, {rows} rows",
                code.map_or("none".into(), |c| c.to_string())
            ));
        }
        let med = median(took.clone());
        self.row(Row {
            id: "H8",
            what: "SIGTERM -> exit, stuck WebSocket clients + import in flight",
            measured: format!("{:.2} s", med.as_secs_f64()),
            reference: format!(
                "{clients} stuck clients, {messages}-message import; runs {}; {}; before (issue 26): 4.92 / 5.12 / 5.52 s",
                each(&took, |d| format!("{:.2} s", d.as_secs_f64())),
                notes.join("; ")
            ),
            target: "<= 4.5 s, exit 0, database intact, import all or nothing",
            pass: Some(clean && med <= Duration::from_millis(4500)),
        });
    }
}

/// One client of H5: declares `len` bytes, sends them while reading; the answer's status,
/// or 0 when none came.
async fn big_body(addr: SocketAddr, src: IpAddr, path: &'static str, len: usize) -> u16 {
    let Ok(sock) = tokio::net::TcpSocket::new_v4() else {
        return 0;
    };
    if sock.bind(SocketAddr::new(src, 0)).is_err() {
        return 0;
    }
    let Ok(stream) = sock.connect(addr).await else {
        return 0;
    };
    let (mut rd, mut wr) = stream.into_split();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {len}\r\n\r\n"
    );
    let send = async move {
        wr.write_all(head.as_bytes()).await?;
        let chunk = vec![b' '; 64 * 1024];
        let mut sent = 0;
        while sent < len {
            let n = chunk.len().min(len - sent);
            wr.write_all(&chunk[..n]).await?;
            sent += n;
        }
        std::io::Result::Ok(wr)
    };
    let read = async {
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match rd.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
            }
        }
        out
    };
    let (_, out) =
        tokio::time::timeout(Duration::from_secs(60), async { tokio::join!(send, read) })
            .await
            .unwrap_or((Err(std::io::ErrorKind::TimedOut.into()), Vec::new()));
    String::from_utf8_lossy(&out)
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// An H6 socket: pings every 2 s, never authenticates; the close code it got (if any) and
/// how long after `opened` the daemon ended it.
async fn unauthenticated(mut ws: Ws, opened: Instant) -> (Option<u16>, Duration) {
    let mut ping = tokio::time::interval(Duration::from_secs(2));
    let code = loop {
        tokio::select! {
            m = ws.next() => match m {
                Some(Ok(Message::Close(f))) => break f.map(|f| u16::from(f.code)),
                Some(Ok(_)) => {}
                _ => break None,
            },
            _ = ping.tick() => {
                if ws.send(Message::Ping(Vec::new())).await.is_err() {
                    break None;
                }
            }
        }
    };
    (code, opened.elapsed())
}

/// Whether a client can still connect and authenticate.
async fn other_client(addr: SocketAddr, token: &str) -> bool {
    let url = format!("ws://{addr}/api/sessions/live");
    let Ok(stream) = tokio::net::TcpStream::connect(addr).await else {
        return false;
    };
    let Ok((mut ws, _)) = tokio_tungstenite::client_async(url, stream).await else {
        return false;
    };
    let auth = serde_json::json!({ "type": "auth", "token": token }).to_string();
    if ws.send(Message::text(auth)).await.is_err() {
        return false;
    }
    let reply = tokio::time::timeout(Duration::from_secs(10), ws.next()).await;
    matches!(reply, Ok(Some(Ok(Message::Text(t)))) if t.contains("auth_success"))
}

/// An H7 connection: authenticates, sends `ids` subscribe messages (ids 1..=ids) 100 at a
/// time, reading each window's replies before the next (a client that does not read its
/// replies is closed as too slow before long); (subscribed, refused as too many, refused as
/// unknown).
async fn subscribe_many(addr: SocketAddr, token: String, ids: i64) -> (u64, u64, u64) {
    let url = format!("ws://{addr}/api/sessions/live");
    let Ok(stream) = tokio::net::TcpStream::connect(addr).await else {
        return (0, 0, 0);
    };
    let Ok((mut ws, _)) = tokio_tungstenite::client_async(url, stream).await else {
        return (0, 0, 0);
    };
    let auth = serde_json::json!({ "type": "auth", "token": token }).to_string();
    if ws.send(Message::text(auth)).await.is_err() {
        return (0, 0, 0);
    }
    let (mut ok, mut capped, mut unknown) = (0, 0, 0);
    let mut next = 1;
    while next <= ids {
        let end = (next + 99).min(ids);
        for id in next..=end {
            let m = format!("{{\"type\":\"subscribe\",\"sessionId\":{id}}}");
            if ws.feed(Message::text(m)).await.is_err() {
                return (ok, capped, unknown);
            }
        }
        if ws.flush().await.is_err() {
            return (ok, capped, unknown);
        }
        let mut replies = 0;
        while replies <= end - next {
            match tokio::time::timeout(Duration::from_secs(30), ws.next()).await {
                Ok(Some(Ok(Message::Text(t)))) => {
                    if t.contains("\"subscribed\"") {
                        ok += 1;
                    } else if t.contains("Too many subscriptions") {
                        capped += 1;
                    } else if t.contains("Session not found") {
                        unknown += 1;
                    } else {
                        continue;
                    }
                    replies += 1;
                }
                Ok(Some(Ok(_))) => {}
                other => {
                    println!("  H7 connection ended early: {other:?}");
                    return (ok, capped, unknown);
                }
            }
        }
        next = end + 1;
    }
    (ok, capped, unknown)
}

/// H8's clients: authenticated, with a 4 KiB receive window, never read again.
async fn stuck_clients(addr: SocketAddr, token: &str, n: usize) -> Vec<Ws> {
    let auth = serde_json::json!({ "type": "auth", "token": token }).to_string();
    let gate = Arc::new(tokio::sync::Semaphore::new(64));
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let (gate, auth) = (gate.clone(), auth.clone());
            tokio::spawn(async move {
                let _permit = gate.acquire_owned().await.ok()?;
                let sock = tokio::net::TcpSocket::new_v4().ok()?;
                sock.set_recv_buffer_size(4096).ok()?;
                let stream = sock.connect(addr).await.ok()?;
                let url = format!("ws://{addr}/api/sessions/live");
                let (mut ws, _) = tokio_tungstenite::client_async(url, stream).await.ok()?;
                ws.send(Message::text(auth)).await.ok()?;
                loop {
                    match ws.next().await?.ok()? {
                        Message::Text(t) if t.contains("auth_success") => return Some(ws),
                        _ => {}
                    }
                }
            })
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    for t in tasks {
        if let Ok(Some(ws)) = t.await {
            out.push(ws);
        }
    }
    out
}

/// A chat log of `n` messages as the import's JSON body.
fn chat_body(n: usize) -> Arc<Vec<u8>> {
    let mut out = Vec::with_capacity(n * 90);
    out.extend_from_slice(b"{\"chatData\":[");
    for i in 0..n {
        if i > 0 {
            out.push(b',');
        }
        let msg = if i % 7 == 0 {
            "thisgame++"
        } else {
            "hello there"
        };
        out.extend_from_slice(
            format!(
                "{{\"username\":\"user{}\",\"message\":\"{msg} {i}\",\"timestamp\":{}}}",
                i % 5000,
                1_773_601_200_000i64 + i as i64 * 10
            )
            .as_bytes(),
        );
    }
    out.extend_from_slice(b"]}");
    Arc::new(out)
}

/// POSTs `body` as JSON on a connection of its own; the answer's status (0: none).
async fn post_raw(addr: SocketAddr, path: String, token: String, body: Arc<Vec<u8>>) -> u16 {
    let Ok(mut s) = tokio::net::TcpStream::connect(addr).await else {
        return 0;
    };
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    if s.write_all(head.as_bytes()).await.is_err() || s.write_all(&body).await.is_err() {
        return 0;
    }
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while !out.windows(4).any(|w| w == b"\r\n\r\n") {
        match s.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&out)
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}
