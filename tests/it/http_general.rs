//! The general rules of the HTTP API: health, 404/405, body limits, malformed JSON, static
//! segments, CORS, connection limits (S5), SIGTERM (R8), and the CLI writing the same file
//! while the daemon serves (R2 in small).

use super::server::Server;
use super::util::Env;
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

#[test]
fn health() {
    let srv = Server::start();
    let r = srv.get("/health");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json,
        json!({
            "status": "ok",
            "message": "Jackbox Game Picker API is running",
            "version": env!("CARGO_PKG_VERSION"),
        })
    );
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
}

#[test]
fn unknown_routes_and_wrong_methods() {
    let srv = Server::start();
    for path in [
        "/nope",
        "/assets/nope.js",
        "/api",
        "/api/nope",
        "/api/sessions/1/nope",
        "/api/sessions/1/games/2/x/y",
    ] {
        srv.get(path).assert_error(404, "Not found");
    }
    let r = srv.request("PUT", "/api/sessions", Some(json!({})), None);
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET, POST"));
    assert!(r.json["error"].is_string());
    // A static segment is never an ID: /api/sessions/active only allows GET.
    let r = srv.delete("/api/sessions/active", None);
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET"));
    let r = srv.request("PATCH", "/api/sessions/5", Some(json!({})), None);
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET, DELETE"));
    let r = srv.post("/api/games/packs", json!({}), None);
    assert_eq!(r.status, 405);
    assert!(srv.get("/api/games/packs").json.is_array());
    assert!(srv.get("/api/games/meta/packs").json.is_array());
    // A trailing slash is the same path; HEAD is GET without a body.
    assert!(srv.get("/api/sessions/").json.is_array());
    let r = srv.request("HEAD", "/health", None, None);
    assert_eq!((r.status, r.text.as_str()), (200, ""));
}

#[test]
fn bodies_json_and_limits() {
    let srv = Server::start();
    let token = srv.token();
    let t = Some(token.as_str());
    for bad in [&b"{"[..], b"{\"notes\": }", b"not json", b"[1,2]", b"\"x\""] {
        srv.raw("POST", "/api/sessions", bad.to_vec(), t)
            .assert_error(400, "Invalid JSON body");
    }
    // An empty body on an all-optional endpoint is `{}`.
    let r = srv.raw("POST", "/api/sessions", vec![], t);
    assert_eq!(r.status, 201, "{}", r.text);
    // 1 MiB is the default limit.
    let big = format!("{{\"notes\": \"{}\"}}", "x".repeat(2 << 20));
    srv.raw("POST", "/api/sessions/1/close", big.into_bytes(), t)
        .assert_error(413, "Request body too large");
    // Under the limit is fine.
    let fits = format!("{{\"notes\": \"{}\"}}", "x".repeat(1000 * 1000));
    assert_eq!(
        srv.raw("POST", "/api/sessions/1/close", fits.into_bytes(), t)
            .status,
        200
    );
    // Without Content-Length (chunked), the limit holds too.
    let mut s = TcpStream::connect(&srv.addr).unwrap();
    let head = format!(
        "POST /api/sessions HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    s.write_all(head.as_bytes()).unwrap();
    let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, " ".repeat(64 * 1024));
    for _ in 0..40 {
        if s.write_all(chunk.as_bytes()).is_err() {
            break; // the server answered and closed early
        }
    }
    let _ = s.write_all(b"0\r\n\r\n");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(text.contains("Request body too large"));
}

#[test]
fn cors_is_off_by_default() {
    let srv = Server::start();
    let r = srv.send(|c| {
        c.get(srv.url("/api/sessions"))
            .header("Origin", "https://x.example")
    });
    assert_eq!(r.status, 200);
    assert!(r.header("access-control-allow-origin").is_none());
    let r = srv.send(|c| {
        c.request(reqwest::Method::OPTIONS, srv.url("/api/sessions"))
            .header("Origin", "https://x.example")
            .header("Access-Control-Request-Method", "POST")
    });
    assert_eq!(r.status, 405);
    assert!(r.header("access-control-allow-origin").is_none());
}

/// `GET /api/sessions/active` is answered from memory before it is routed (P1,
/// `router::answer_now`); that shortcut gives the routed answer's body and every one of its
/// touches: no-store for an authenticated request, CORS, HEAD, the JSON 431, the access log.
#[test]
fn the_active_session_from_memory_is_the_routed_answer() {
    const PATH: &str = "/api/sessions/active";
    let srv = Server::start_with(Env::new(), |c| {
        c.args(["--cors-origin", "https://overlay.example"])
            .env("JACKBOX_LOG", "debug");
    });
    let token = srv.token();
    srv.session(&token);
    // The first read computes the answer and keeps it; the next ones come from memory.
    let routed = srv.get(PATH);
    assert_eq!(routed.status, 200);
    assert_eq!(routed.json["is_active"], 1, "{}", routed.text);
    for _ in 0..3 {
        let r = srv.get(PATH);
        assert_eq!((r.status, &r.text), (200, &routed.text));
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.header("cache-control"), None);
    }
    let r = srv.get_auth(PATH, &token);
    assert_eq!((r.status, &r.text), (200, &routed.text));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let r = srv.send(|c| {
        c.get(srv.url(PATH))
            .header("Origin", "https://overlay.example")
    });
    assert_eq!(r.text, routed.text);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://overlay.example")
    );
    let r = srv.send(|c| c.head(srv.url(PATH)));
    assert_eq!((r.status, r.text.as_str()), (200, ""));
    let big = "a".repeat(40 * 1024);
    let r = srv.send(|c| c.get(srv.url(PATH)).header("X-Big", big.as_str()));
    r.assert_error(431, "Request header fields too large");
    // One access-log line per request (8 above), whichever way it was answered.
    let logged = || {
        let log = srv.stderr.lock().unwrap();
        log.lines()
            .filter(|l| l.contains("request") && l.contains(&format!("path={PATH}")))
            .count()
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while logged() < 8 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(logged(), 8, "{}", srv.stderr.lock().unwrap());
}

#[test]
fn cors_for_configured_origins() {
    let srv = Server::start_with(Env::new(), |c| {
        c.args([
            "--cors-origin",
            "https://overlay.example",
            "--cors-origin",
            "http://localhost:3000",
        ]);
    });
    let r = srv.send(|c| {
        c.get(srv.url("/api/sessions"))
            .header("Origin", "https://overlay.example")
    });
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://overlay.example")
    );
    let r = srv.send(|c| {
        c.request(reqwest::Method::OPTIONS, srv.url("/api/sessions"))
            .header("Origin", "http://localhost:3000")
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "authorization, content-type",
            )
    });
    assert_eq!(r.status, 204);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    assert!(r
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    let allowed = r
        .header("access-control-allow-headers")
        .unwrap()
        .to_ascii_lowercase();
    assert!(allowed.contains("authorization") && allowed.contains("content-type"));
    // Another origin gets nothing.
    let r = srv.send(|c| {
        c.get(srv.url("/api/sessions"))
            .header("Origin", "https://evil.example")
    });
    assert!(r.header("access-control-allow-origin").is_none());
    // Errors carry the header too, so browsers can read them.
    let r = srv.send(|c| {
        c.post(srv.url("/api/sessions"))
            .header("Origin", "https://overlay.example")
    });
    assert_eq!(r.status, 401);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://overlay.example")
    );
}

#[test]
fn oversized_headers_and_idle_connections() {
    let srv = Server::start();
    let mut s = TcpStream::connect(&srv.addr).unwrap();
    let huge = format!(
        "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(100 * 1024)
    );
    let _ = s.write_all(huge.as_bytes());
    let mut buf = String::new();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let _ = s.read_to_string(&mut buf);
    assert!(buf.starts_with("HTTP/1.1 431"), "{buf}");

    // A client that never finishes its request head is disconnected.
    let mut idle = TcpStream::connect(&srv.addr).unwrap();
    idle.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut rest = Vec::new();
    let r = idle.read_to_end(&mut rest);
    assert!(r.is_ok(), "connection was not closed by the server: {r:?}");
    // The server still serves.
    assert_eq!(srv.get("/health").status, 200);
}

#[test]
fn sigterm_exits_cleanly() {
    let mut srv = Server::start();
    let token = srv.token();
    srv.session(&token);
    // An open keep-alive connection and a half-sent request must not hold the exit.
    let mut half = TcpStream::connect(&srv.addr).unwrap();
    half.write_all(b"GET /health HTTP/1.1\r\n").unwrap();
    assert_eq!(srv.get("/api/sessions/active").status, 200);
    let (code, took) = srv.terminate();
    assert_eq!(code, Some(0), "logs: {}", srv.logs());
    assert!(took < Duration::from_secs(5), "took {took:?}");
    let ok: String = srv
        .env
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

/// The CLI adds games while HTTP clients add games to the same session: no "database is
/// locked" anywhere, and play_count counts every add.
#[test]
fn cli_and_daemon_share_the_database() {
    let srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    let env_db = srv.env.db.clone();
    let cli = std::thread::spawn(move || {
        let mut failures = Vec::new();
        for _ in 0..15 {
            let out = std::process::Command::new(super::util::BIN)
                .env("JACKBOX_DB", &env_db)
                .args(["game", "add", "1", "--session", &sid.to_string()])
                .output()
                .unwrap();
            if !out.status.success() {
                failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
            }
        }
        failures
    });
    let url = srv.url(&format!("/api/sessions/{sid}/games"));
    let client = srv.client.clone();
    let replies = srv.rt.block_on(async move {
        let mut all = Vec::new();
        for _ in 0..5 {
            let batch = (0..6).map(|_| {
                let req = client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&json!({ "game_id": 1 }));
                async move { super::server::read(req.send().await.unwrap()).await }
            });
            all.extend(futures_util::future::join_all(batch).await);
            let reads = (0..6).map(|_| {
                let req = client.get(&url);
                async move { super::server::read(req.send().await.unwrap()).await }
            });
            all.extend(futures_util::future::join_all(reads).await);
        }
        all
    });
    let failures = cli.join().unwrap();
    assert!(failures.is_empty(), "CLI failures: {failures:?}");
    for r in &replies {
        assert!(r.status == 200 || r.status == 201, "{}", r.text);
        assert!(!r.text.contains("locked"));
    }
    let game = srv.get("/api/games/1");
    assert_eq!(game.json["play_count"], 30 + 15);
    let games = srv.get(&format!("/api/sessions/{sid}/games"));
    assert_eq!(games.json.as_array().unwrap().len(), 45);
    let playing = games
        .json
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["status"] == "playing")
        .count();
    assert_eq!(playing, 1);
}

/// R8: a request in flight when SIGTERM arrives still gets its answer.
#[test]
fn sigterm_lets_in_flight_requests_finish() {
    let mut srv = Server::start();
    let token = srv.token();
    let body = br#"{"notes": "finished after SIGTERM"}"#;
    let mut s = TcpStream::connect(&srv.addr).unwrap();
    let head = format!(
        "POST /api/sessions HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(&body[..10]).unwrap();
    // Nothing observable tells that the server has parsed the head (a connection whose
    // head is still unread is closed at shutdown, by design); give it a moment.
    std::thread::sleep(Duration::from_millis(300));
    let pid = srv.child.id().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    // Wait until the server has stopped accepting (the signal was handled).
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while TcpStream::connect(&srv.addr).is_ok() {
        assert!(std::time::Instant::now() < deadline, "still accepting");
        std::thread::sleep(Duration::from_millis(10));
    }
    s.write_all(&body[10..]).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf);
    assert!(text.starts_with("HTTP/1.1 201"), "{text}");
    let (code, _) = srv.terminate();
    assert_eq!(code, Some(0));
    assert_eq!(srv.env.count("SELECT COUNT(*) FROM sessions"), 1);
}

/// The library entry point: `serve::run(config, listener, shutdown)` on port 0, in process.
#[test]
fn in_process_run_with_a_bound_listener() {
    let env = Env::new();
    let mut config = jackbox::serve::Config::new(env.db.clone());
    config.admin_key = Some("k".into());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(jackbox::serve::run(config, listener, async move {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        let r = client
            .post(format!("http://{addr}/api/auth/login"))
            .json(&json!({ "key": "k" }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        stop.send(()).unwrap();
        server.await.unwrap().unwrap();
    });
}
