//! Hostile clients and failing disks (issue 15): the login throttle under a burst, slow and
//! oversized request bodies, the connection cap, WebSocket slow consumers and token expiry.

use super::server::Server;
use super::util::Env;
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

#[test]
fn a_burst_of_wrong_keys_checks_at_most_the_documented_number() {
    // The stored (slow, salted) key makes each check take a while: the race window the
    // throttle must close.
    let env = Env::new();
    let r = env.run_stdin(&["auth", "set-key"], b"s3cret-key\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let srv = Server::start_with(env, |c| {
        c.env_remove("JACKBOX_ADMIN_KEY");
    });
    let url = srv.url("/api/auth/login");
    let statuses: Vec<u16> = srv.rt.block_on(async {
        let tasks: Vec<_> = (0..200)
            .map(|_| {
                let client = srv.client.clone();
                let url = url.clone();
                tokio::spawn(async move {
                    client
                        .post(url)
                        .json(&json!({ "key": "wrong" }))
                        .send()
                        .await
                        .map(|r| r.status().as_u16())
                        .unwrap_or(0)
                })
            })
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap());
        }
        out
    });
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let throttled = statuses.iter().filter(|s| **s == 429).count();
    assert!(checked <= 5, "{checked} keys checked: {statuses:?}");
    assert_eq!(checked + throttled, 200, "{statuses:?}");
}

/// Sends `head` on a fresh connection, then the body one byte every `pause` (stopping at the
/// first failed write); returns the response text and how long it took to come.
fn trickle(srv: &Server, head: &str, body_len: usize, pause: Duration) -> (String, Duration) {
    let mut stream = TcpStream::connect(&srv.addr).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let started = Instant::now();
    let mut writer = stream.try_clone().unwrap();
    let feeder = std::thread::spawn(move || {
        for _ in 0..body_len {
            if writer.write_all(b" ").is_err() {
                break;
            }
            std::thread::sleep(pause);
        }
    });
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
        if out.windows(4).any(|w| w == b"\r\n\r\n") && out.ends_with(b"}") {
            break;
        }
    }
    let took = started.elapsed();
    drop(stream);
    drop(feeder);
    (String::from_utf8_lossy(&out).into_owned(), took)
}

#[test]
fn a_trickled_body_is_cut_off_by_its_overall_deadline() {
    let srv = Server::start();
    // Each byte arrives well within the 10 s between chunks, so only an overall deadline
    // ends it: 10 s for a login-sized body.
    let head = "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3000\r\n\r\n";
    let (resp, took) = trickle(&srv, head, 3000, Duration::from_millis(200));
    assert!(resp.starts_with("HTTP/1.1 408"), "{resp}");
    assert!(resp.contains("Request body not received in time"), "{resp}");
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

#[test]
fn a_login_body_over_its_small_limit_is_refused_before_it_is_read() {
    let srv = Server::start();
    let head = "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n";
    let (resp, took) = trickle(&srv, head, 1_048_576, Duration::from_millis(200));
    assert!(resp.starts_with("HTTP/1.1 413"), "{resp}");
    assert!(resp.contains("Request body too large"), "{resp}");
    assert!(took < Duration::from_secs(15), "took {took:?}");
    // An ordinary login still works, and other routes keep their 1 MiB.
    srv.token();
    let r = srv.raw(
        "POST",
        "/api/auth/login",
        format!("{{\"key\":\"{}\"}}", "k".repeat(8 * 1024)).into_bytes(),
        None,
    );
    r.assert_error(413, "Request body too large");
}

#[test]
fn connections_over_the_cap_get_a_json_503() {
    let srv = Server::start_with(Env::new(), |c| {
        c.env("JACKBOX_MAX_CONNECTIONS", "2");
    });
    // Two idle connections take both slots.
    let a = TcpStream::connect(&srv.addr).unwrap();
    let b = TcpStream::connect(&srv.addr).unwrap();
    let mut c = TcpStream::connect(&srv.addr).unwrap();
    c.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut resp = String::new();
    let _ = c.read_to_string(&mut resp);
    assert!(resp.starts_with("HTTP/1.1 503"), "{resp}");
    let body = resp.split("\r\n\r\n").nth(1).unwrap_or("");
    let v: serde_json::Value = serde_json::from_str(body).expect(&resp);
    assert_eq!(
        v["error"],
        "Server busy: too many connections, try again later"
    );
    // A slot frees when a connection ends.
    drop(a);
    drop(b);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let r = srv.client.get(srv.url("/health")).send();
        let status = srv.rt.block_on(r).map(|r| r.status().as_u16()).unwrap_or(0);
        if status == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "no slot came free ({status})");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_websocket_client_that_stops_reading_is_closed_with_1008() {
    use super::websocket::Ws;
    use futures_util::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    let srv = Server::start_with(Env::new(), |c| {
        c.env("JACKBOX_WS_SEND_TIMEOUT_MS", "500");
    });
    let token = srv.token();
    let mut stuck = Ws::connect_with_buffer(&srv, Some(4096));
    stuck.send(&srv, json!({ "type": "auth", "token": token }));
    assert_eq!(stuck.recv(&srv)["type"], "auth_success");
    let mut reader = Ws::ready(&srv, &token, None);
    // Big session.started events (broadcast to every authenticated client) fill the stuck
    // client's socket; it then reads nothing for longer than the send timeout.
    let notes = "x".repeat(512 * 1024);
    let rounds = 8;
    for _ in 0..rounds {
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
    // Well past the send timeout, well within the close frame's grace.
    std::thread::sleep(Duration::from_millis(2000));
    let mut received = 0;
    let code = srv.rt.block_on(async {
        loop {
            match tokio::time::timeout(Duration::from_secs(30), stuck.socket.next()).await {
                Err(_) => panic!("the stuck client was never disconnected ({received} received)"),
                Ok(None) | Ok(Some(Err(_))) => return None,
                Ok(Some(Ok(Message::Close(f)))) => return f.map(|f| u16::from(f.code)),
                Ok(Some(Ok(Message::Text(_)))) => received += 1,
                Ok(Some(Ok(_))) => {}
            }
        }
    });
    assert_eq!(code, Some(1008), "after {received} messages");
    assert!(received < rounds, "the stuck client got everything");
    reader.assert_quiet(&srv);
}

#[test]
fn a_websocket_token_loses_access_at_its_expiry() {
    use super::websocket::Ws;
    let srv = Server::start();
    let admin = srv.token();
    let sid = srv.session(&admin);
    let out = srv.env.ok(&["auth", "token", "--ttl", "2s"]);
    let short = out.trim().to_string();
    let mut ws = Ws::connect(&srv);
    ws.send(&srv, json!({ "type": "auth", "token": short }));
    assert_eq!(ws.recv(&srv)["type"], "auth_success");
    ws.send(&srv, json!({ "type": "subscribe", "sessionId": sid }));
    assert_eq!(ws.recv(&srv)["type"], "subscribed");
    // At expiry (at most ~2 s away) the server says so, unprompted.
    let started = Instant::now();
    assert_eq!(
        ws.recv(&srv),
        json!({ "type": "auth_error", "message": "Invalid or expired token" })
    );
    assert!(started.elapsed() < Duration::from_secs(4));
    // Its subscription is gone: an event of the session does not reach it...
    srv.add_game(&admin, sid, 1);
    ws.assert_quiet(&srv);
    // ...and it must authenticate again before subscribing.
    ws.send(&srv, json!({ "type": "subscribe", "sessionId": sid }));
    assert_eq!(
        ws.recv(&srv),
        json!({ "type": "error", "message": "Not authenticated" })
    );
    ws.send(&srv, json!({ "type": "auth", "token": admin }));
    assert_eq!(ws.recv(&srv)["type"], "auth_success");
}
