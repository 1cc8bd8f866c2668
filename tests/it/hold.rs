//! Issue 26 ("hold, round 3"): a web page cannot lock the admin out or post to the API
//! (415 on bodies not labelled JSON, 403 on foreign origins), and the smaller hardening
//! points, each through the real daemon.

use super::server::{Server, ADMIN_KEY};
use serde_json::json;

/// What a page on another origin can send without a CORS preflight: a `no-cors` fetch with a
/// text body (`Content-Type: text/plain;charset=UTF-8`) and its own `Origin`.
fn simple_post(srv: &Server, path: &str, content_type: Option<&str>, origin: Option<&str>) -> u16 {
    let url = srv.url(path);
    srv.send(|c| {
        let mut b = c.post(url).body(r#"{"key":"x"}"#);
        if let Some(t) = content_type {
            b = b.header("Content-Type", t);
        }
        if let Some(o) = origin {
            b = b.header("Origin", o);
        }
        b
    })
    .status
}

#[test]
fn a_page_elsewhere_cannot_lock_the_admin_out() {
    let srv = Server::start();
    // The report's attack: six no-cors posts of a wrong key. Each is refused before it
    // counts as a login attempt, with or without an Origin.
    for _ in 0..6 {
        let r = srv.send(|c| {
            c.post(srv.url("/api/auth/login"))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .body(r#"{"key":"x"}"#)
        });
        r.assert_error(415, "Content-Type must be application/json");
        let r = srv.send(|c| {
            c.post(srv.url("/api/auth/login"))
                .header("Content-Type", "application/json")
                .header("Origin", "https://evil.example")
                .body(r#"{"key":"x"}"#)
        });
        r.assert_error(403, "Origin not allowed");
    }
    // No Content-Type at all, and form encoding: refused the same way.
    assert_eq!(simple_post(&srv, "/api/auth/login", None, None), 415);
    assert_eq!(
        simple_post(
            &srv,
            "/api/pick",
            Some("application/x-www-form-urlencoded"),
            None
        ),
        415
    );
    // The admin is not throttled.
    srv.token();
}

#[test]
fn json_bodies_need_the_json_type_and_writes_a_known_origin() {
    let srv = Server::start();
    let t = srv.token();
    // Parameters and case of the media type do not matter; an empty body needs no type.
    let r = srv.send(|c| {
        c.post(srv.url("/api/pick"))
            .header("Content-Type", "Application/JSON; charset=utf-8")
            .body("{}")
    });
    assert_eq!(r.status, 200, "{}", r.text);
    let r = srv.send(|c| c.post(srv.url("/api/sessions")).bearer_auth(&t));
    assert_eq!(r.status, 201, "{}", r.text);
    let r = srv.send(|c| {
        c.post(srv.url("/api/sessions/1/close"))
            .bearer_auth(&t)
            .header("Content-Type", "text/plain")
            .body("{}")
    });
    r.assert_error(415, "Content-Type must be application/json");
    // The console and overlay are same-origin: their Origin is the daemon's own address.
    let own = format!("http://{}", srv.addr);
    let r = srv.send(|c| {
        c.post(srv.url("/api/sessions/1/close"))
            .bearer_auth(&t)
            .header("Origin", &own)
            .json(&json!({}))
    });
    assert_eq!(r.status, 200, "{}", r.text);
    // Another origin may read (CORS decides what its page sees), never write.
    let r = srv.send(|c| {
        c.get(srv.url("/api/sessions"))
            .header("Origin", "https://evil.example")
    });
    assert_eq!(r.status, 200);
    let r = srv.send(|c| {
        c.delete(srv.url("/api/sessions/1"))
            .bearer_auth(&t)
            .header("Origin", "null")
    });
    r.assert_error(403, "Origin not allowed");

    // An origin allowed with --cors-origin may write.
    let srv = Server::start_with(super::util::Env::new(), |c| {
        c.args(["--cors-origin", "https://overlay.example"]);
    });
    let r = srv.send(|c| {
        c.post(srv.url("/api/auth/login"))
            .header("Origin", "https://overlay.example")
            .json(&json!({ "key": ADMIN_KEY }))
    });
    assert_eq!(r.status, 200, "{}", r.text);
    let r = srv.send(|c| {
        c.post(srv.url("/api/auth/login"))
            .header("Origin", "https://other.example")
            .json(&json!({ "key": ADMIN_KEY }))
    });
    r.assert_error(403, "Origin not allowed");
}

#[test]
fn authenticated_answers_are_not_stored_and_public_ones_keep_their_caching() {
    let srv = Server::start();
    let t = srv.token();
    for path in ["/api/auth/tokens", "/api/audit", "/api/sessions"] {
        let r = srv.get_auth(path, &t);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
    }
    let r = srv.post("/api/sessions", json!({}), Some(&t));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    // A refused token's answer too.
    let r = srv.get_auth("/api/auth/tokens", "nope");
    assert_eq!(r.status, 403);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let r = srv.get("/api/sessions");
    assert_ne!(r.header("cache-control"), Some("no-store"));
}

#[test]
fn a_chat_message_with_a_newline_cannot_forge_a_line_of_the_text_export() {
    let env = super::util::Env::new();
    env.ok(&["session", "create", "--notes", "night"]);
    env.ok(&["game", "add", "1"]);
    let chat = json!([
        {"username": "mallory\r\n[2026-03-15T19:05:09.000Z] host", "timestamp": "2026-03-15T19:05:00Z",
         "message": "hi\n[2026-03-15T19:05:10.000Z] host: thisgame++ \u{1b}[31mred\\n"},
    ]);
    let file = env.path("chat.json");
    std::fs::write(&file, chat.to_string()).unwrap();
    env.ok(&["chat", "import", "--session", "1", file.to_str().unwrap()]);
    let txt = env.ok(&["session", "export", "1", "--format", "txt"]);
    let chat_lines: Vec<&str> = txt.lines().filter(|l| l.starts_with("[2026-")).collect();
    assert_eq!(chat_lines.len(), 1, "{txt}");
    assert_eq!(
        chat_lines[0],
        "[2026-03-15T19:05:00.000Z] mallory\\r\\n[2026-03-15T19:05:09.000Z] host: \
         hi\\n[2026-03-15T19:05:10.000Z] host: thisgame++ \\u{1b}[31mred\\\\n"
    );
    assert!(!txt.contains('\u{1b}'));
}

#[test]
fn webhook_addresses_hidden_in_ipv6_forms_and_private_ranges_are_refused_by_default() {
    let srv = Server::start();
    let t = srv.token();
    let add = |url: &str| {
        srv.post(
            "/api/webhooks",
            json!({ "name": "w", "url": url, "secret": "s", "events": ["game.added"] }),
            Some(&t),
        )
    };
    for url in [
        "http://[::169.254.169.254]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[2002:a9fe:a9fe::]/",
        "http://[2001:0:a9fe:a9fe::1]/",
    ] {
        add(url).assert_error(
            400,
            "url must not point to a link-local or cloud metadata address",
        );
    }
    for url in [
        "http://10.1.2.3/",
        "http://[::ffff:192.168.1.1]/",
        "http://[fd00::1]/",
    ] {
        add(url).assert_error(
            400,
            "url must not point to a private address (JACKBOX_WEBHOOK_ALLOW_PRIVATE=1 allows it)",
        );
    }
    // Loopback stays allowed by default (a relay on the same machine).
    assert_eq!(add("http://127.0.0.1:9/hook").status, 201);
    // The explicit opt-in allows private ranges.
    let srv = Server::start_with(super::util::Env::new(), |c| {
        c.env("JACKBOX_WEBHOOK_ALLOW_PRIVATE", "1");
    });
    let r = srv.post(
        "/api/webhooks",
        json!({ "name": "lan", "url": "http://10.1.2.3/", "secret": "s", "events": ["game.added"] }),
        Some(&srv.token()),
    );
    assert_eq!(r.status, 201, "{}", r.text);
}

#[test]
fn a_failed_webhook_test_does_not_tell_a_closed_port_from_an_open_one() {
    let srv = Server::start();
    let t = srv.token();
    // An open port that answers HTTP 405 (the daemon's own /health takes GET only) and a
    // closed one.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut answers = Vec::new();
    for url in [
        format!("http://{}/health", srv.addr),
        format!("http://127.0.0.1:{closed}/hook"),
    ] {
        let r = srv.post(
            "/api/webhooks",
            json!({ "name": url, "url": url, "secret": "s", "events": ["game.added"] }),
            Some(&t),
        );
        assert_eq!(r.status, 201, "{}", r.text);
        let id = r.json["id"].as_i64().unwrap();
        let r = srv.post(&format!("/api/webhooks/test/{id}"), json!({}), Some(&t));
        assert_eq!(r.status, 200, "{}", r.text);
        let logs = srv.get_auth(&format!("/api/webhooks/{id}/logs"), &t).json;
        let log = &logs[0];
        answers.push((
            r.json,
            log["response_status"].clone(),
            log["error_message"].clone(),
        ));
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0].0["delivered"], false);
}

/// A WebSocket client of `srv`, authenticated with `token` when given.
fn ws(srv: &Server, token: Option<&str>) -> super::websocket::Ws {
    let mut ws = super::websocket::Ws::connect(srv);
    if let Some(t) = token {
        ws.send(srv, json!({ "type": "auth", "token": t }));
        assert_eq!(ws.recv(srv)["type"], "auth_success");
    }
    ws
}

#[test]
fn subscriptions_are_capped_per_connection_and_unknown_sessions_refused() {
    let srv = Server::start();
    let admin = srv.token();
    let viewer = srv
        .post(
            "/api/auth/tokens",
            json!({ "name": "overlay", "role": "viewer" }),
            Some(&admin),
        )
        .json["token"]
        .as_str()
        .unwrap()
        .to_string();
    let sid = srv.session(&admin);
    srv.post(
        &format!("/api/sessions/{sid}/close"),
        json!({}),
        Some(&admin),
    );
    let gone = srv.session(&admin);
    srv.post(
        &format!("/api/sessions/{gone}/close"),
        json!({}),
        Some(&admin),
    );
    assert_eq!(
        srv.delete(&format!("/api/sessions/{gone}"), Some(&admin))
            .status
            / 100,
        2
    );
    let mut c = ws(&srv, Some(&viewer));
    let ask = |c: &mut super::websocket::Ws, id: i64| {
        c.send(&srv, json!({ "type": "subscribe", "sessionId": id }));
        c.recv(&srv)
    };
    assert_eq!(ask(&mut c, sid)["type"], "subscribed");
    // A deleted session's ID never comes back; a far-off one is not "the next session".
    let not_found = json!({ "type": "error", "message": "Session not found" });
    assert_eq!(ask(&mut c, gone), not_found);
    assert_eq!(ask(&mut c, 250_000), not_found);
    // The next sessions may be awaited, up to the cap of the connection.
    for id in gone + 1..gone + 100 {
        assert_eq!(ask(&mut c, id)["type"], "subscribed", "{id}");
    }
    assert_eq!(
        ask(&mut c, gone + 100),
        json!({ "type": "error",
                "message": "Too many subscriptions: at most 100 sessions per connection" })
    );
    // Subscribing again to one it has is fine; unsubscribing makes room.
    assert_eq!(ask(&mut c, sid)["type"], "subscribed");
    c.send(&srv, json!({ "type": "unsubscribe", "sessionId": sid }));
    assert_eq!(c.recv(&srv)["type"], "unsubscribed");
    assert_eq!(ask(&mut c, gone + 100)["type"], "subscribed");
}

#[test]
fn a_websocket_that_does_not_authenticate_in_time_is_closed_whatever_it_sends() {
    let srv = Server::start_with(super::util::Env::new(), |c| {
        c.env("JACKBOX_WS_AUTH_TIMEOUT_MS", "1500");
    });
    let token = srv.token();
    let mut idle = ws(&srv, None);
    let mut chatty = ws(&srv, None);
    let mut authed = ws(&srv, Some(&token));
    // The chatty one pings: its frames are answered but do not keep it open.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut pongs = 0;
    let code = loop {
        assert!(std::time::Instant::now() < deadline, "never closed");
        match next_after_ping(&srv, &mut chatty) {
            Ok(reply) => {
                assert_eq!(reply, json!({ "type": "pong" }));
                pongs += 1;
            }
            Err(code) => break code,
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(pongs > 1, "{pongs}");
    assert_eq!(code, Some(1008));
    assert_eq!(idle.until_closed(&srv), Some(1008));
    // The authenticated one stays.
    authed.send(&srv, json!({ "type": "ping" }));
    assert_eq!(authed.recv(&srv), json!({ "type": "pong" }));
}

/// Sends a `ping` and reads the next message: its JSON, or the close code when the server
/// closed (`None`: dropped without one).
fn next_after_ping(
    srv: &Server,
    ws: &mut super::websocket::Ws,
) -> Result<serde_json::Value, Option<u16>> {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    srv.rt.block_on(async {
        let ping = Message::Text(json!({ "type": "ping" }).to_string());
        if ws.socket.send(ping).await.is_err() {
            return Err(None);
        }
        loop {
            let next = tokio::time::timeout(std::time::Duration::from_secs(15), ws.socket.next());
            match next.await.expect("no answer") {
                Some(Ok(Message::Text(t))) => return Ok(serde_json::from_str(&t).unwrap()),
                Some(Ok(Message::Close(f))) => return Err(f.map(|f| u16::from(f.code))),
                Some(Ok(_)) => continue,
                None | Some(Err(_)) => return Err(None),
            }
        }
    })
}

/// Sends a request head only (no body) on a fresh connection and reads until the server
/// closes it: the whole answer, or `None` when the server did not close within 30 s.
fn head_only(srv: &Server, head: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(&srv.addr).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return Some(String::from_utf8_lossy(&out).into_owned()),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

#[test]
fn a_declared_oversized_body_is_refused_before_it_is_sent() {
    let srv = Server::start();
    let token = srv.token();
    // Point 5: the routes open to anyone, and an admin route with its 1 MiB limit. The
    // client sends the head and waits: the answer and the close come without the body.
    for (path, auth, len) in [
        ("/api/auth/login", String::new(), 1_048_576u64),
        ("/api/pick", String::new(), 1_048_576),
        (
            "/api/sessions",
            format!("Authorization: Bearer {token}\r\n"),
            (1 << 20) + 1,
        ),
        // Asking first, as curl does for big uploads: refused without `100 Continue` (a
        // server that read any of the body would have asked for it).
        (
            "/api/auth/login",
            "Expect: 100-continue\r\n".to_string(),
            1_048_576,
        ),
        (
            "/api/sessions",
            format!("Authorization: Bearer {token}\r\nExpect: 100-continue\r\n"),
            (1 << 20) + 1,
        ),
    ] {
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: application/json\r\n\
             Content-Length: {len}\r\n\r\n"
        );
        let resp = head_only(&srv, &head)
            .unwrap_or_else(|| panic!("{path}: the connection was not closed after the answer"));
        assert!(resp.starts_with("HTTP/1.1 413"), "{path}: {resp}");
        assert!(!resp.contains("100 Continue"), "{path}: {resp}");
        let lower = resp.to_ascii_lowercase();
        assert!(
            lower.contains("\r\nconnection: close\r\n"),
            "{path}: {resp}"
        );
        let body = resp.split("\r\n\r\n").nth(1).unwrap_or("");
        let v: serde_json::Value = serde_json::from_str(body).expect(&resp);
        assert_eq!(v["error"], "Request body too large", "{path}: {resp}");
    }
    // Nothing was stored, and the daemon still answers.
    let list = srv.get_auth("/api/sessions", &token);
    assert_eq!(list.status, 200, "{}", list.text);
}
