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
    let out = srv.env.ok(&["auth", "token", "--ttl", "4s"]);
    let short = out.trim().to_string();
    let mut ws = Ws::connect(&srv);
    ws.send(&srv, json!({ "type": "auth", "token": short }));
    assert_eq!(ws.recv(&srv)["type"], "auth_success");
    ws.send(&srv, json!({ "type": "subscribe", "sessionId": sid }));
    assert_eq!(ws.recv(&srv)["type"], "subscribed");
    // At expiry (at most ~4 s away) the server says so, unprompted.
    let started = Instant::now();
    assert_eq!(
        ws.recv(&srv),
        json!({ "type": "auth_error", "message": "Invalid or expired token" })
    );
    assert!(started.elapsed() < Duration::from_secs(6));
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

#[test]
fn the_daemon_prunes_dispatched_events_and_old_webhook_history() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    env.ok(&[
        "webhook",
        "add",
        "--name",
        "w",
        "--url",
        "http://127.0.0.1:9/hook",
        "--secret",
        "s",
        "--event",
        "game.added",
    ]);
    let old = "2020-01-01T00:00:00.000Z";
    {
        let conn = env.conn();
        conn.execute_batch(&format!(
            "INSERT INTO events (type, session_id, payload, created_at) VALUES
                ('old.dispatched', NULL, '{{}}', '{old}'),
                ('old.dispatched', NULL, '{{}}', '{old}');
             INSERT OR REPLACE INTO settings (key, value)
                SELECT 'outbox_position', MAX(id) FROM events;
             INSERT INTO events (type, session_id, payload, created_at) VALUES
                ('old.not-yet-dispatched', NULL, '{{}}', '{old}');
             INSERT INTO webhook_deliveries (webhook_id, event_id, delivery_id, event_type, payload,
                attempts, next_attempt_at, state, created_at) VALUES
                (1, NULL, 'd-old', 'game.added', '{{}}', 1, '{old}', 'delivered', '{old}'),
                (1, NULL, 'd-pending', 'game.added', '{{}}', 0, '{old}', 'pending', '{old}');
             INSERT INTO webhook_logs (webhook_id, delivery_id, event_type, payload,
                response_status, error_message, attempt, created_at) VALUES
                (1, 'd-old', 'game.added', '{{}}', 200, NULL, 1, '{old}');"
        ))
        .unwrap();
    }
    let before_recent = env.count("SELECT COUNT(*) FROM events WHERE created_at > '2021'");
    assert!(before_recent >= 1);
    let srv = Server::start_with(env, |_| {});
    let deadline = Instant::now() + Duration::from_secs(15);
    while srv
        .env
        .count("SELECT COUNT(*) FROM events WHERE type = 'old.dispatched'")
        > 0
    {
        assert!(Instant::now() < deadline, "events were not pruned");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Not yet handed out, or recent: kept.
    assert_eq!(
        srv.env
            .count("SELECT COUNT(*) FROM events WHERE type = 'old.not-yet-dispatched'"),
        1
    );
    assert!(
        srv.env
            .count("SELECT COUNT(*) FROM events WHERE created_at > '2021'")
            >= before_recent
    );
    assert_eq!(
        srv.env
            .count("SELECT COUNT(*) FROM webhook_deliveries WHERE delivery_id = 'd-old'"),
        0
    );
    assert_eq!(
        srv.env
            .count("SELECT COUNT(*) FROM webhook_deliveries WHERE delivery_id = 'd-pending'"),
        1
    );
    assert_eq!(
        srv.env
            .count("SELECT COUNT(*) FROM webhook_logs WHERE delivery_id = 'd-old'"),
        0
    );
}

#[test]
fn webhook_urls_to_metadata_and_link_local_addresses_are_refused() {
    let srv = Server::start();
    let token = srv.token();
    let create = |url: &str| {
        srv.post(
            "/api/webhooks",
            json!({ "name": "w", "url": url, "secret": "s", "events": ["game.added"] }),
            Some(&token),
        )
    };
    for url in [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]:8080/",
        "http://[::ffff:169.254.169.254]/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://0.0.0.0:22/",
    ] {
        let r = create(url);
        assert_eq!(r.status, 400, "{url}: {}", r.text);
        assert!(
            r.json["error"]
                .as_str()
                .unwrap()
                .starts_with("url must not point to"),
            "{}",
            r.text
        );
    }
    // Loopback and private receivers are allowed by default (same-machine relays).
    let r = create("http://127.0.0.1:9/hook");
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.json["id"].as_i64().unwrap();
    // PATCH is checked the same way.
    let r = srv.patch(
        &format!("/api/webhooks/{id}"),
        json!({ "url": "http://169.254.169.254/" }),
        Some(&token),
    );
    assert_eq!(r.status, 400, "{}", r.text);
    // The CLI too.
    let r = srv.env.run(&[
        "webhook",
        "add",
        "--name",
        "w",
        "--url",
        "http://169.254.169.254/",
        "--secret",
        "s",
        "--event",
        "game.added",
    ]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("url must not point to a link-local or cloud metadata address"),
        "{}",
        r.stderr
    );
}

#[test]
fn private_receivers_can_be_refused_by_setting_and_names_are_checked_when_sending() {
    let env = Env::new();
    let r = env.run(&[
        "webhook",
        "add",
        "--name",
        "local",
        "--url",
        "http://localhost:9/hook",
        "--secret",
        "s",
        "--event",
        "game.added",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let srv = Server::start_with(env, |c| {
        c.env("JACKBOX_WEBHOOK_ALLOW_PRIVATE", "0");
    });
    let token = srv.token();
    let r = srv.post(
        "/api/webhooks",
        json!({ "name": "w", "url": "http://10.1.2.3/", "secret": "s", "events": ["game.added"] }),
        Some(&token),
    );
    r.assert_error(
        400,
        "url must not point to a loopback or private address (JACKBOX_WEBHOOK_ALLOW_PRIVATE=0)",
    );
    // A name is resolved when sending: localhost is loopback, so nothing is sent and the
    // test reports why (not "Connection refused", which would reveal the port is closed).
    let r = srv.post("/api/webhooks/test/1", json!({}), Some(&token));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["delivered"], false, "{}", r.text);
    let err = r.json["error"].as_str().unwrap_or_default();
    assert!(err.contains("not allowed"), "{}", r.text);
    assert!(!err.contains("refused"), "{}", r.text);
}

/// A chat log of `n` messages (JSON array, ~70 bytes each), for session games of the night.
fn big_chat(n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(n * 80);
    out.push(b'[');
    for i in 0..n {
        if i > 0 {
            out.extend_from_slice(b",\n");
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
    out.push(b']');
    out
}

/// Posts a chat import of `messages` messages and returns once it is being written (its
/// transaction grew the WAL by 2 MB) or already answered: the caller checks which.
fn import_in_flight(
    srv: &Server,
    token: String,
    sid: i64,
    messages: usize,
) -> tokio::task::JoinHandle<Result<super::server::Reply, String>> {
    let mut body = b"{\"chatData\":".to_vec();
    body.extend_from_slice(&big_chat(messages));
    body.push(b'}');
    let url = srv.url(&format!("/api/sessions/{sid}/chat-import"));
    let client = srv.client.clone();
    let pending = srv.rt.spawn(async move {
        let r = client
            .post(url)
            .bearer_auth(token)
            .header("Content-Type", "application/json")
            .body(body)
            .send()
            .await;
        match r {
            Ok(resp) => Ok(super::server::read(resp).await),
            Err(e) => Err(e.to_string()),
        }
    });
    let wal = srv.env.db.with_extension("db-wal");
    let start = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        if size > start + (2 << 20) || pending.is_finished() {
            break;
        }
        assert!(Instant::now() < deadline, "the import never started");
        std::thread::sleep(Duration::from_millis(5));
    }
    pending
}

#[test]
fn shutdown_during_a_big_import_answers_and_exits_within_its_deadline() {
    let mut srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    srv.add_game(&token, sid, 1);
    let pending = import_in_flight(&srv, token, sid, 600_000);
    if pending.is_finished() {
        let r = srv.rt.block_on(pending).unwrap();
        panic!("the import finished too soon to test: {r:?}");
    }
    let (code, took) = srv.terminate();
    assert_eq!(code, Some(0), "{}", srv.logs());
    assert!(took < Duration::from_secs(5), "exit took {took:?}");
    let reply = srv
        .rt
        .block_on(pending)
        .unwrap()
        .expect("the client got an answer, not a reset");
    // Cut off by the deadline (or, on a fast machine, finished in time).
    if reply.status != 200 {
        reply.assert_error(503, "Server shutting down");
    }
    let check: String = srv
        .env
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

/// Overwrites pages 3–6 of the (checkpointed) database with garbage.
fn damage(env: &Env) {
    {
        let conn = env.conn();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(&env.db)
        .unwrap();
    use std::io::{Seek, SeekFrom};
    f.seek(SeekFrom::Start(4096 * 2)).unwrap();
    f.write_all(&vec![0xA5u8; 4096 * 4]).unwrap();
}

#[test]
fn a_damaged_file_is_refused_at_start_with_a_hint_naming_the_damage() {
    let env = Env::new();
    env.ok(&["session", "create", "--notes", "night"]);
    for _ in 0..5 {
        env.ok(&["game", "add", "1"]);
    }
    damage(&env);
    let out = env
        .command()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("JACKBOX_ADMIN_KEY", "k")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("listening on"), "{stderr}");
    assert!(stderr.contains("damaged"), "{stderr}");
    assert!(stderr.contains("hint: restore a backup"), "{stderr}");
    assert!(!stderr.contains("upgrade"), "{stderr}");
    // `db check` says so too, with exit code 1.
    let r = env.run(&["db", "check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("error: The database file is damaged"),
        "{}",
        r.stderr
    );

    // A file that is not a database at all: the same cause, not "upgrade jackbox".
    let other = Env::new();
    std::fs::write(
        &other.db,
        "this is not a database, it is a shopping list\n".repeat(200),
    )
    .unwrap();
    let r = other.run(&["session", "list"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("damaged"), "{}", r.stderr);
    assert!(r.stderr.contains("hint: restore a backup"), "{}", r.stderr);
    assert!(!r.stderr.contains("upgrade"), "{}", r.stderr);
}

#[test]
fn db_backup_while_the_daemon_writes_and_db_check() {
    let env = Env::new();
    let srv = Server::start_with(env, |_| {});
    let token = srv.token();
    let sid = srv.session(&token);
    srv.add_game(&token, sid, 1);
    let dir = srv.env.path("backups");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("night.db");
    let r = srv
        .env
        .run(&["--json", "db", "backup", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["path"], file.to_str().unwrap());
    assert!(v["bytes"].as_u64().unwrap() > 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // The copy is a complete, intact database with the night in it.
    let r = srv
        .env
        .run(&["--db", file.to_str().unwrap(), "db", "check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("ok"), "{}", r.stdout);
    let copy = rusqlite::Connection::open(&file).unwrap();
    let games: i64 = copy
        .query_row("SELECT COUNT(*) FROM session_games", [], |r| r.get(0))
        .unwrap();
    assert_eq!(games, 1);
    // Never overwrites; a folder gets a timestamped name.
    let r = srv.env.run(&["db", "backup", file.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    let r = srv.env.run(&["-q", "db", "backup", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let named = r.stdout.trim();
    assert!(
        named.contains("/jackbox-backup-") && named.ends_with(".db"),
        "{named}"
    );
    // The daemon kept serving writes throughout.
    srv.add_game(&token, sid, 2);
}

#[test]
fn the_daemon_backs_up_daily_and_keeps_the_newest() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    let dir = env.path("daily");
    std::fs::create_dir_all(&dir).unwrap();
    let old = std::time::SystemTime::now() - Duration::from_secs(3 * 24 * 3600);
    for name in [
        "jackbox-backup-20200101T000000Z.db",
        "jackbox-backup-20200102T000000Z.db",
        "jackbox-backup-20200103T000000Z.db",
    ] {
        let f = std::fs::File::create(dir.join(name)).unwrap();
        f.set_modified(old).unwrap();
    }
    let d = dir.clone();
    let srv = Server::start_with(env, move |c| {
        c.args(["--backup-dir", d.to_str().unwrap(), "--backup-keep", "2"]);
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".db"))
            .collect();
        let fresh = names.iter().any(|n| !n.starts_with("jackbox-backup-2020"));
        if fresh && names.len() == 2 {
            assert!(
                names.contains(&"jackbox-backup-20200103T000000Z.db".to_string()),
                "{names:?}"
            );
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no daily backup: {names:?}\n{}",
            srv.logs()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn http_writes_during_a_big_cli_import_never_see_a_lock_error() {
    let srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    let sgid = srv.add_game(&token, sid, 1);
    let path = srv.env.path("big.json");
    std::fs::write(&path, big_chat(200_000)).unwrap();
    let mut import = srv
        .env
        .command()
        .args([
            "chat",
            "import",
            "--session",
            &sid.to_string(),
            path.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut statuses = Vec::new();
    let mut slowest = Duration::ZERO;
    let mut n = 0;
    while import.try_wait().unwrap().is_none() {
        n += 1;
        let t = Instant::now();
        let r = srv.patch(
            &format!("/api/sessions/{sid}/games/{sgid}/player-count"),
            json!({ "player_count": n }),
            Some(&token),
        );
        slowest = slowest.max(t.elapsed());
        assert!(!r.text.contains("locked"), "{}", r.text);
        statuses.push(r.status);
    }
    let out = import.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    eprintln!(
        "{} HTTP writes during the import, slowest {slowest:?}",
        statuses.len()
    );
    // The import takes the write lock only for its inserts, not while it parses: no write
    // waits anywhere near the old 10 s busy timeout (it waited 26.8 s at 400k messages when
    // the lock spanned the whole import; about 1.5 s now).
    assert!(
        slowest < Duration::from_secs(10),
        "a write waited {slowest:?}"
    );
}

/// Opens `n` WebSocket clients with a tiny receive buffer, authenticates each, and returns
/// them unread: once something big is broadcast, the daemon's writes to them block.
fn stuck_clients(srv: &Server, token: &str, n: usize) -> Vec<impl Send> {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    let addr: std::net::SocketAddr = srv.addr.parse().unwrap();
    let url = format!("ws://{}/api/sessions/live", srv.addr);
    let auth = json!({ "type": "auth", "token": token }).to_string();
    srv.rt.block_on(async {
        let mut out = Vec::with_capacity(n);
        // 64 handshakes at a time: the daemon's accept queue is not the subject here.
        for batch in (0..n).collect::<Vec<_>>().chunks(64) {
            let tasks: Vec<_> = batch
                .iter()
                .map(|_| {
                    let (url, auth) = (url.clone(), auth.clone());
                    tokio::spawn(async move {
                        let sock = tokio::net::TcpSocket::new_v4().unwrap();
                        sock.set_recv_buffer_size(4096).unwrap();
                        let stream = sock.connect(addr).await.unwrap();
                        let (mut ws, _) = tokio_tungstenite::client_async(url, stream)
                            .await
                            .expect("WebSocket connect");
                        ws.send(Message::Text(auth)).await.unwrap();
                        loop {
                            match ws.next().await {
                                Some(Ok(Message::Text(t))) if t.contains("auth_success") => break,
                                Some(Ok(_)) => {}
                                other => panic!("no auth_success: {other:?}"),
                            }
                        }
                        ws
                    })
                })
                .collect();
            for t in tasks {
                out.push(t.await.unwrap());
            }
        }
        out
    })
}

/// R8 at issue 26's load: 1,000 WebSocket clients that stopped reading (the daemon's writes
/// to them blocked) and a big chat import in flight when SIGTERM comes. The daemon exits
/// with 0 and the file is intact, with the import all there or not at all. How long the
/// exit takes is a benchmark figure (`bench --only H8`, target ≤ 4.5 s); here the deadline
/// is only a generous bound against hanging.
#[test]
fn shutdown_with_stuck_websockets_and_an_import_in_flight_is_clean() {
    // The descriptor limit bounds the clients (each one is a socket on both sides).
    let limit = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("Max open files"))
                .and_then(|l| l.split_whitespace().nth(3)?.parse::<usize>().ok())
        })
        .unwrap_or(1024);
    let clients = 1000.min(limit.saturating_sub(200) / 2);
    let mut srv = Server::start_with(Env::new(), |c| {
        // The clients must still be stuck (not yet dropped as too slow) at the signal.
        c.env("JACKBOX_WS_SEND_TIMEOUT_MS", "600000");
    });
    let token = srv.token();
    let stuck = stuck_clients(&srv, &token, clients);
    // Events far bigger than a 4 KiB window plus the daemon's socket buffer (sessions
    // started, broadcast to every authenticated client): every client's writer blocks.
    let notes = "x".repeat(96 * 1024);
    for _ in 0..3 {
        let r = srv.post("/api/sessions", json!({ "notes": notes }), Some(&token));
        assert_eq!(r.status, 201, "{}", r.text);
        let id = r.json["id"].as_i64().unwrap();
        let r = srv.post(
            &format!("/api/sessions/{id}/close"),
            json!({}),
            Some(&token),
        );
        assert_eq!(r.status, 200, "{}", r.text);
    }
    let sid = srv.session(&token);
    srv.add_game(&token, sid, 1);
    let messages = 600_000;
    let pending = import_in_flight(&srv, token, sid, messages);
    assert!(
        !pending.is_finished(),
        "the import finished too soon to test"
    );
    let (code, took) = srv.terminate();
    eprintln!("exit after SIGTERM: {took:?} ({clients} stuck clients)");
    if std::env::var_os("JACKBOX_TEST_SHOW_LOGS").is_some() {
        eprintln!("{}", srv.logs());
    }
    assert_eq!(code, Some(0), "{}", srv.logs());
    drop(stuck);
    let reply = srv.rt.block_on(pending).unwrap();
    let conn = srv.env.conn();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let stored: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM chat_logs WHERE session_id = ?1",
            [sid],
            |r| r.get(0),
        )
        .unwrap();
    eprintln!(
        "import: {stored} rows stored, reply {:?}",
        reply.as_ref().map(|r| r.status)
    );
    assert!(
        stored == 0 || stored == messages as i64,
        "a half-written import: {stored} of {messages} rows ({reply:?})"
    );
    if let Ok(reply) = reply {
        if reply.status == 200 {
            assert_eq!(stored, messages as i64, "{}", reply.text);
        } else {
            reply.assert_error(503, "Server shutting down");
        }
    }
}
