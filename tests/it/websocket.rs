//! The WebSocket at `/api/sessions/live` with a real client: protocol replies, events from
//! HTTP and from the CLI in another process, commit order, a client that never reads (R6),
//! and close frames on shutdown (R8).

use super::server::Server;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How long a test waits for one message before failing.
const WAIT: Duration = Duration::from_secs(15);

pub struct Ws {
    pub socket: Socket,
}

impl Ws {
    pub fn connect(srv: &Server) -> Ws {
        Self::connect_with_buffer(srv, None)
    }

    /// Connects with a small kernel receive buffer (a client that never reads then backs up
    /// quickly).
    pub fn connect_with_buffer(srv: &Server, recv_buffer: Option<u32>) -> Ws {
        let url = format!("ws://{}/api/sessions/live", srv.addr);
        let addr: std::net::SocketAddr = srv.addr.parse().unwrap();
        let (socket, resp) = srv
            .rt
            .block_on(async {
                let sock = tokio::net::TcpSocket::new_v4()?;
                if let Some(size) = recv_buffer {
                    sock.set_recv_buffer_size(size)?;
                }
                let stream = sock.connect(addr).await?;
                tokio_tungstenite::client_async(url, MaybeTlsStream::Plain(stream))
                    .await
                    .map_err(std::io::Error::other)
            })
            .expect("WebSocket connect");
        assert_eq!(resp.status().as_u16(), 101);
        Ws { socket }
    }

    /// Connects, authenticates and (optionally) subscribes.
    pub fn ready(srv: &Server, token: &str, session: Option<i64>) -> Ws {
        let mut ws = Ws::connect(srv);
        ws.send(srv, json!({ "type": "auth", "token": token }));
        assert_eq!(ws.recv(srv)["type"], "auth_success");
        if let Some(sid) = session {
            ws.send(srv, json!({ "type": "subscribe", "sessionId": sid }));
            // The `session.started` of a session the test created just before connecting is
            // broadcast to every authenticated client: the dispatcher may deliver it between
            // `auth_success` and `subscribed`. It is not what the caller waits for.
            let mut reply = ws.recv(srv);
            while reply["type"] == "session.started" {
                reply = ws.recv(srv);
            }
            assert_eq!(reply["type"], "subscribed");
        }
        ws
    }

    pub fn send(&mut self, srv: &Server, v: Value) {
        self.send_text(srv, &v.to_string());
    }

    pub fn send_text(&mut self, srv: &Server, text: &str) {
        srv.rt
            .block_on(self.socket.send(Message::Text(text.to_string())))
            .expect("send");
    }

    /// The next text message as JSON (pings skipped).
    pub fn recv(&mut self, srv: &Server) -> Value {
        srv.rt.block_on(async {
            loop {
                let msg = tokio::time::timeout(WAIT, self.socket.next())
                    .await
                    .expect("timed out waiting for a message")
                    .expect("connection ended")
                    .expect("WebSocket error");
                match msg {
                    Message::Text(t) => return serde_json::from_str(&t).expect("JSON message"),
                    Message::Close(f) => panic!("unexpected close: {f:?}"),
                    _ => continue,
                }
            }
        })
    }

    /// Reads until the server closes; returns the close code (None: dropped without one).
    pub fn until_closed(&mut self, srv: &Server) -> Option<u16> {
        srv.rt.block_on(async {
            loop {
                match tokio::time::timeout(Duration::from_secs(30), self.socket.next()).await {
                    Err(_) => panic!("the server did not close the connection"),
                    Ok(None) | Ok(Some(Err(_))) => return None,
                    Ok(Some(Ok(Message::Close(f)))) => return f.map(|f| u16::from(f.code)),
                    Ok(Some(Ok(_))) => continue,
                }
            }
        })
    }

    /// Asserts nothing but `pong` comes next (no event was queued before the ping).
    pub fn assert_quiet(&mut self, srv: &Server) {
        self.send(srv, json!({ "type": "ping" }));
        assert_eq!(self.recv(srv), json!({ "type": "pong" }));
    }
}

#[test]
fn protocol_replies_are_exact() {
    let srv = Server::start();
    let token = srv.token();
    let mut ws = Ws::connect(&srv);
    let ask = |ws: &mut Ws, msg: &str, want: Value| {
        ws.send_text(&srv, msg);
        assert_eq!(ws.recv(&srv), want, "reply to {msg}");
    };
    ask(
        &mut ws,
        "not json",
        json!({ "type": "error", "message": "Invalid JSON" }),
    );
    ask(
        &mut ws,
        r#"{"type":"subscribe","sessionId":1}"#,
        json!({ "type": "error", "message": "Not authenticated" }),
    );
    ask(
        &mut ws,
        r#"{"type":"foo"}"#,
        json!({ "type": "error", "message": "Unknown message type: foo" }),
    );
    ask(&mut ws, r#"{"type":"ping"}"#, json!({ "type": "pong" }));
    ask(
        &mut ws,
        r#"{"type":"auth"}"#,
        json!({ "type": "auth_error", "message": "Token required" }),
    );
    ask(
        &mut ws,
        r#"{"type":"auth","token":"not.a.token"}"#,
        json!({ "type": "auth_error", "message": "Invalid or expired token" }),
    );
    ask(
        &mut ws,
        &json!({ "type": "auth", "token": token }).to_string(),
        json!({ "type": "auth_success", "message": "Authenticated successfully" }),
    );
    ask(
        &mut ws,
        r#"{"type":"subscribe"}"#,
        json!({ "type": "error", "message": "sessionId is required" }),
    );
    ask(
        &mut ws,
        r#"{"type":"subscribe","sessionId":"abc"}"#,
        json!({ "type": "error", "message": "sessionId is required" }),
    );
    // A session that does not exist yet may be awaited.
    ask(
        &mut ws,
        r#"{"type":"subscribe","sessionId":5}"#,
        json!({ "type": "subscribed", "sessionId": 5, "message": "Subscribed to session 5" }),
    );
    ask(
        &mut ws,
        r#"{"type":"unsubscribe","sessionId":5}"#,
        json!({ "type": "unsubscribed", "sessionId": 5, "message": "Unsubscribed from session 5" }),
    );
}

#[test]
fn plain_get_without_upgrade_is_refused() {
    let srv = Server::start();
    let r = srv.get("/api/sessions/live");
    assert_eq!(r.status, 426, "{}", r.text);
}

#[test]
fn events_reach_subscribers_in_commit_order_from_http_and_cli() {
    let srv = Server::start();
    let token = srv.token();
    // `watcher` is authenticated but subscribed to nothing: it only gets session.started.
    let mut watcher = Ws::ready(&srv, &token, None);
    let mut sub = Ws::ready(&srv, &token, Some(1));

    let sid = srv.session(&token);
    assert_eq!(sid, 1);
    for ws in [&mut watcher, &mut sub] {
        let ev = ws.recv(&srv);
        assert_eq!(ev["type"], "session.started");
        assert_eq!(ev["data"]["session"]["id"], 1);
        assert_eq!(ev["data"]["session"]["is_active"], 1);
        assert!(ev["timestamp"].is_string());
    }

    let sgid = srv.add_game(&token, sid, 3);
    let ev = sub.recv(&srv);
    assert_eq!(ev["type"], "game.added");
    assert_eq!(ev["data"]["game"]["id"], 3);
    assert_eq!(ev["data"]["game"]["session_game_id"], sgid);
    watcher.assert_quiet(&srv);

    // Another process writes the same file: the daemon still tells its subscribers.
    let out = srv.env.run(&["--json", "game", "add", "5"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let ev = sub.recv(&srv);
    assert_eq!(ev["type"], "game.added");
    assert_eq!(ev["data"]["game"]["id"], 5);

    // Many quick changes from both faces arrive in commit order.
    let cli_sgid = out.json()["id"].as_i64().unwrap();
    let mut want = Vec::new();
    for n in 1..=15 {
        if n % 3 == 0 {
            let r = srv.env.run(&[
                "game",
                "player-count",
                &cli_sgid.to_string(),
                &n.to_string(),
            ]);
            assert_eq!(r.code, 0, "{}", r.stderr);
        } else {
            let r = srv.patch(
                &format!("/api/sessions/{sid}/games/{cli_sgid}/player-count"),
                json!({ "player_count": n }),
                Some(&token),
            );
            assert_eq!(r.status, 200, "{}", r.text);
        }
        want.push(n);
    }
    let got: Vec<i64> = (0..want.len())
        .map(|_| {
            let ev = sub.recv(&srv);
            assert_eq!(ev["type"], "player-count.updated");
            assert_eq!(ev["data"]["sessionId"], sid);
            ev["data"]["playerCount"].as_i64().unwrap()
        })
        .collect();
    assert_eq!(got, want);

    // Unsubscribed: nothing more.
    sub.send(&srv, json!({ "type": "unsubscribe", "sessionId": sid }));
    assert_eq!(sub.recv(&srv)["type"], "unsubscribed");
    srv.add_game(&token, sid, 7);
    sub.assert_quiet(&srv);

    let r = srv.post(
        &format!("/api/sessions/{sid}/close"),
        json!({}),
        Some(&token),
    );
    assert_eq!(r.status, 200);
    watcher.assert_quiet(&srv);
}

#[test]
fn a_client_that_never_reads_is_dropped_and_others_keep_receiving() {
    let srv = Server::start();
    let token = srv.token();
    let big_rounds = 10;
    let sid = big_rounds + 1;
    let mut stuck = Ws::connect_with_buffer(&srv, Some(4096));
    stuck.send(&srv, json!({ "type": "auth", "token": token }));
    assert_eq!(stuck.recv(&srv)["type"], "auth_success");
    stuck.send(&srv, json!({ "type": "subscribe", "sessionId": sid }));
    assert_eq!(stuck.recv(&srv)["type"], "subscribed");
    let mut reader = Ws::ready(&srv, &token, Some(sid));
    // Big session.started events first: they fill the stuck client's socket buffers...
    let notes = "x".repeat(512 * 1024);
    for _ in 0..big_rounds {
        let r = srv.post("/api/sessions", json!({ "notes": notes }), Some(&token));
        assert_eq!(r.status, 201, "{}", r.text);
        let id = r.json["id"].as_i64().unwrap();
        assert_eq!(reader.recv(&srv)["type"], "session.started");
        let r = srv.post(
            &format!("/api/sessions/{id}/close"),
            json!({}),
            Some(&token),
        );
        assert_eq!(r.status, 200);
    }
    // ...then more events than its queue holds.
    assert_eq!(srv.session(&token), sid);
    assert_eq!(reader.recv(&srv)["type"], "session.started");
    let sgid = srv.add_game(&token, sid, 3);
    assert_eq!(reader.recv(&srv)["type"], "game.added");
    let updates = 300;
    for n in 1..=updates {
        let r = srv.patch(
            &format!("/api/sessions/{sid}/games/{sgid}/player-count"),
            json!({ "player_count": n }),
            Some(&token),
        );
        assert_eq!(r.status, 200, "{}", r.text);
    }
    for n in 1..=updates {
        let ev = reader.recv(&srv);
        assert_eq!(ev["data"]["playerCount"], n);
    }
    // The stuck client now reads: it finds a close (1008/1013) or a dropped connection
    // before it could have received every event.
    let mut received = 0;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    let code = srv.rt.block_on(async {
        loop {
            match tokio::time::timeout_at(deadline, stuck.socket.next()).await {
                Err(_) => panic!("the stuck client was never disconnected ({received} received)"),
                Ok(None) | Ok(Some(Err(_))) => return None,
                Ok(Some(Ok(Message::Close(f)))) => return f.map(|f| u16::from(f.code)),
                Ok(Some(Ok(Message::Text(_)))) => received += 1,
                Ok(Some(Ok(_))) => {}
            }
        }
    });
    assert!(
        received < big_rounds + 2 + updates,
        "the stuck client got everything"
    );
    if let Some(code) = code {
        assert!(code == 1008 || code == 1013, "close code {code}");
    }
    // The daemon still serves the others.
    reader.assert_quiet(&srv);
}

#[test]
fn an_idle_connection_is_closed() {
    let srv = Server::start_with(super::util::Env::new(), |c| {
        c.env("JACKBOX_WS_IDLE_TIMEOUT_MS", "300");
    });
    let mut ws = Ws::connect(&srv);
    assert_eq!(ws.until_closed(&srv), Some(1000));
}

#[test]
fn shutdown_sends_close_frames() {
    let mut srv = Server::start();
    let token = srv.token();
    let mut a = Ws::ready(&srv, &token, Some(1));
    let mut b = Ws::connect(&srv);
    b.assert_quiet(&srv);
    let (code, _) = srv.terminate();
    assert_eq!(code, Some(0));
    assert_eq!(a.until_closed(&srv), Some(1001));
    assert_eq!(b.until_closed(&srv), Some(1001));
}
