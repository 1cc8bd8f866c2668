//! Named admins, minted tokens, viewer tokens, revocation (HTTP and open WebSockets) and
//! presence (`admins.md`), from both faces.

use super::server::{Server, ADMIN_KEY};
use super::util::Env;
use super::websocket::Ws;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const BOB_KEY: &str = "bob-key-0123456789";

/// Adds admin `name` from the CLI with a generated key; returns the key.
fn add_admin(env: &Env, name: &str) -> String {
    let v = env.json(&["auth", "admin", "add", name]);
    assert_eq!(v["name"], name);
    let key = v["key"].as_str().expect("generated key").to_string();
    assert!(key.len() >= 32, "{key}");
    key
}

fn login(srv: &Server, key: &str) -> Value {
    let r = srv.post("/api/auth/login", json!({ "key": key }), None);
    assert_eq!(r.status, 200, "{}", r.text);
    r.json
}

/// The JWT's payload, decoded without checking the signature.
fn payload(token: &str) -> Value {
    let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    v.insecure_disable_signature_validation();
    jsonwebtoken::decode::<Value>(token, &jsonwebtoken::DecodingKey::from_secret(b""), &v)
        .unwrap()
        .claims
}

#[test]
fn named_admins_from_the_cli_log_in_with_their_names() {
    let env = Env::new();
    // Generated key: shown once, on stdout, at least 32 characters.
    let r = env.run(&["auth", "admin", "add", "alice"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let alice_key = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("key: "))
        .expect("key line")
        .to_string();
    assert!(alice_key.len() >= 32);
    // Given key from stdin; too short, bad names, duplicates.
    let r = env.run_stdin(
        &["auth", "admin", "add", "bob", "--key-stdin"],
        BOB_KEY.as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains(BOB_KEY));
    let r = env.run_stdin(
        &["auth", "admin", "add", "carol", "--key-stdin"],
        b"short-key\n",
    );
    assert_eq!(r.code, 4);
    assert_eq!(
        r.stderr.lines().next().unwrap(),
        "error: Admin key must be at least 16 characters"
    );
    env.fails(
        &["auth", "admin", "add", "al ice"],
        4,
        "Admin name must be 1-32 characters: letters, digits, _ or -",
    );
    env.fails(
        &["auth", "admin", "add", &"x".repeat(33)],
        4,
        "Admin name must be 1-32 characters: letters, digits, _ or -",
    );
    env.fails(
        &["auth", "admin", "add", "ALICE"],
        1,
        "Admin already exists: ALICE",
    );
    let r = env.run_stdin(
        &["auth", "admin", "add", "carol", "--key-stdin"],
        BOB_KEY.as_bytes(),
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr.lines().next().unwrap(),
        "error: Admin key is already in use"
    );
    assert!(!r.stderr.contains(BOB_KEY));
    env.fails(
        &["auth", "admin", "remove", "nobody"],
        3,
        "Admin not found: nobody",
    );

    let list = env.json(&["auth", "admin", "list"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alice", "bob"]);
    assert!(!list.to_string().contains(BOB_KEY));
    // Keys are stored only as salted hashes.
    let hashes: Vec<String> = env
        .conn()
        .prepare("SELECT key_hash FROM admins")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(hashes.len(), 2);
    for h in &hashes {
        assert!(h.starts_with("pbkdf2-sha256$") && !h.contains(BOB_KEY) && !h.contains(&alice_key));
    }

    // The daemon: each admin logs in with their own key and sees their name; the legacy key
    // is `admin`.
    let srv = Server::start_with(env, |_| {});
    let a = login(&srv, &alice_key);
    assert_eq!(a["name"], "alice");
    assert_eq!(a["message"], "Authentication successful");
    assert_eq!(a["expiresIn"], "24h");
    let alice_token = a["token"].as_str().unwrap().to_string();
    let claims = payload(&alice_token);
    assert_eq!(claims["name"], "alice");
    assert_eq!(claims["sub"], "alice");
    let v = srv.post("/api/auth/verify", json!({}), Some(&alice_token));
    assert_eq!(v.status, 200);
    assert_eq!(v.json["user"]["name"], "alice");
    assert_eq!(v.json["user"]["role"], "admin");
    let bob_token = login(&srv, BOB_KEY)["token"].as_str().unwrap().to_string();
    assert_eq!(login(&srv, ADMIN_KEY)["name"], "admin");
    assert_eq!(
        srv.post("/api/sessions", json!({}), Some(&bob_token))
            .status,
        201
    );

    // Rotating alice: her token stops working at once, her old key too; the new one works.
    let rotated = srv.env.json(&["auth", "admin", "rotate", "alice"]);
    let new_key = rotated["key"].as_str().unwrap().to_string();
    assert_ne!(new_key, alice_key);
    srv.post("/api/auth/verify", json!({}), Some(&alice_token))
        .assert_error(403, "Invalid or expired token");
    srv.post("/api/sessions/1/close", json!({}), Some(&alice_token))
        .assert_error(403, "Invalid or expired token");
    srv.post("/api/auth/login", json!({ "key": alice_key }), None)
        .assert_error(401, "Invalid admin key");
    assert_eq!(login(&srv, &new_key)["name"], "alice");

    // Removing bob: his token stops working at once; adding a new "bob" does not revive it.
    srv.env.ok(&["auth", "admin", "remove", "bob"]);
    srv.post("/api/auth/verify", json!({}), Some(&bob_token))
        .assert_error(403, "Invalid or expired token");
    let r = srv.env.run_stdin(
        &["auth", "admin", "add", "bob", "--key-stdin"],
        BOB_KEY.as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    srv.post("/api/auth/verify", json!({}), Some(&bob_token))
        .assert_error(403, "Invalid or expired token");
    // The logs hold no key and no token.
    let logs = srv.logs();
    for secret in [&alice_key[..], &new_key, BOB_KEY, &alice_token, &bob_token] {
        assert!(!logs.contains(secret), "{logs}");
    }
}

fn serve_fails(env: &Env, var: &str, file: &std::path::Path) -> super::util::Run {
    let out = env
        .command()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env(var, file)
        .output()
        .unwrap();
    super::util::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn admins_file_is_checked_at_start() {
    let env = Env::new();
    let file = env.path("admins.json");
    let k1 = "file-key-one-0123456789";
    let k2 = "file-key-two-0123456789";
    let cases: Vec<(Value, &str)> = vec![
        (
            json!([{ "name": "a", "key": k1 }, { "name": "A", "key": k2 }]),
            "duplicate name",
        ),
        (
            json!([{ "name": "a", "key": k1 }, { "name": "b", "key": k1 }]),
            "duplicate key",
        ),
        (
            json!([{ "name": "a", "key": "short-key" }]),
            "shorter than 16",
        ),
        (json!([{ "name": "bad name", "key": k1 }]), "name must be"),
    ];
    for (content, problem) in cases {
        std::fs::write(&file, content.to_string()).unwrap();
        let r = serve_fails(&env, "JACKBOX_ADMINS_FILE", &file);
        assert_ne!(r.code, 0, "{content}");
        let first = r.stderr.lines().next().unwrap_or_default();
        assert!(first.starts_with("error: admins file "), "{}", r.stderr);
        assert!(first.contains(&file.display().to_string()), "{first}");
        assert!(first.contains(problem), "{first}");
        assert!(
            !r.stderr.contains(k1) && !r.stderr.contains("short-key"),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("listening on"));
    }
    std::fs::write(&file, format!("[{{\"name\": \"a\", \"key\": \"{k1}\"")).unwrap();
    let r = serve_fails(&env, "ADMIN_CONFIG_PATH", &file);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("not readable JSON") && !r.stderr.contains(k1),
        "{}",
        r.stderr
    );
    let missing = env.path("missing.json");
    let r = serve_fails(&env, "JACKBOX_ADMINS_FILE", &missing);
    assert!(r.stderr.contains("cannot read it") && r.stderr.contains("missing.json"));

    // A good file, through the alias the original reads.
    std::fs::write(
        &file,
        json!([{ "name": "sam", "key": k1 }, { "name": "kim", "key": k2 }]).to_string(),
    )
    .unwrap();
    let srv = Server::start_with(env, |c| {
        c.env("ADMIN_CONFIG_PATH", &file);
    });
    assert_eq!(login(&srv, k1)["name"], "sam");
    assert_eq!(login(&srv, k2)["name"], "kim");
    assert_eq!(login(&srv, ADMIN_KEY)["name"], "admin");
}

#[test]
fn short_legacy_key_works_with_a_warning() {
    let srv = Server::start_with(Env::new(), |c| {
        c.env("JACKBOX_ADMIN_KEY", "short");
    });
    assert_eq!(login(&srv, "short")["name"], "admin");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !srv.logs().contains("shorter than 16") {
        assert!(Instant::now() < deadline, "{}", srv.logs());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!srv.logs().contains("short\n"));
}

fn mint(srv: &Server, token: &str, body: Value) -> Value {
    let r = srv.post("/api/auth/tokens", body, Some(token));
    assert_eq!(r.status, 201, "{}", r.text);
    r.json
}

#[test]
fn viewer_tokens_read_and_never_write() {
    let srv = Server::start();
    let admin = srv.token();
    let sid = srv.session(&admin);
    let m = mint(
        &srv,
        &admin,
        json!({ "name": "obs overlay", "role": "viewer", "expiresIn": "90d" }),
    );
    assert_eq!(m["name"], "obs overlay");
    assert_eq!(m["role"], "viewer");
    assert!(m["id"].as_i64().unwrap() > 0);
    let viewer = m["token"].as_str().unwrap().to_string();
    let c = payload(&viewer);
    assert_eq!(
        c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(),
        90 * 86400
    );
    let expires = m["expiresAt"].as_str().unwrap();
    assert!(expires.ends_with('Z'), "{expires}");

    let v = srv.post("/api/auth/verify", json!({}), Some(&viewer));
    assert_eq!(v.status, 200, "{}", v.text);
    assert_eq!(v.json["user"]["role"], "viewer");
    assert_eq!(v.json["user"]["name"], "obs overlay");
    assert_eq!(srv.get("/api/sessions").status, 200);

    // Every write, and the reads only admins make: 403 Insufficient permissions.
    let writes: Vec<(&str, String, Option<Value>)> = vec![
        ("POST", "/api/sessions".into(), Some(json!({}))),
        (
            "POST",
            format!("/api/sessions/{sid}/close"),
            Some(json!({})),
        ),
        ("DELETE", format!("/api/sessions/{sid}"), None),
        (
            "POST",
            format!("/api/sessions/{sid}/games"),
            Some(json!({ "game_id": 1 })),
        ),
        ("PATCH", "/api/games/1/toggle".into(), Some(json!({}))),
        (
            "POST",
            "/api/votes/live".into(),
            Some(json!({ "username": "u", "vote": "up" })),
        ),
        ("POST", "/api/webhooks".into(), Some(json!({}))),
        ("GET", "/api/webhooks".into(), None),
        ("GET", format!("/api/sessions/{sid}/export"), None),
        (
            "POST",
            "/api/auth/tokens".into(),
            Some(json!({ "name": "x" })),
        ),
        ("GET", "/api/auth/tokens".into(), None),
        ("DELETE", "/api/auth/tokens/1".into(), None),
        ("GET", "/api/audit".into(), None),
    ];
    for (method, path, body) in writes {
        srv.request(method, &path, body, Some(&viewer))
            .assert_error(403, "Insufficient permissions");
    }
    // The session is untouched.
    assert_eq!(
        srv.get(&format!("/api/sessions/{sid}")).json["is_active"],
        1
    );

    // An admin token minted the same way writes; default lifetime 24 h.
    let m = mint(&srv, &admin, json!({ "name": "bot", "role": "admin" }));
    let bot = m["token"].as_str().unwrap();
    let c = payload(bot);
    assert_eq!(
        c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(),
        86400
    );
    assert_eq!(
        srv.post(&format!("/api/sessions/{sid}/close"), json!({}), Some(bot))
            .status,
        200
    );

    // Bad mints.
    srv.post("/api/auth/tokens", json!({}), Some(&admin))
        .assert_error(400, "name is required");
    srv.post(
        "/api/auth/tokens",
        json!({ "name": "x", "role": "god" }),
        Some(&admin),
    )
    .assert_error(400, "role must be admin or viewer");
    let r = srv.post(
        "/api/auth/tokens",
        json!({ "name": "x", "expiresIn": "soon" }),
        Some(&admin),
    );
    assert_eq!(r.status, 400, "{}", r.text);
    // A lifetime past ten years (here seconds that overflow any date) is refused, not a 500.
    srv.post(
        "/api/auth/tokens",
        json!({ "name": "x", "expiresIn": 17_536_375_106_770_i64 }),
        Some(&admin),
    )
    .assert_error(400, "invalid duration: 17536375106770 (at most 3650d)");
    srv.post(
        "/api/auth/tokens",
        json!({ "name": "x", "role": null, "expiresIn": "3651d" }),
        Some(&admin),
    )
    .assert_error(400, "invalid duration: 3651d (at most 3650d)");
    srv.post("/api/auth/tokens", json!({ "name": "x" }), None)
        .assert_error(401, "Access token required");

    // The list never shows a token; revoking works once, at once.
    let list = srv.get_auth("/api/auth/tokens", &admin);
    assert_eq!(list.status, 200);
    let rows = list.json.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(!list.text.contains(&viewer) && !list.text.contains(bot));
    let row = rows.iter().find(|t| t["name"] == "obs overlay").unwrap();
    for field in [
        "id",
        "name",
        "role",
        "createdBy",
        "createdAt",
        "expiresAt",
        "lastUsedAt",
    ] {
        assert!(row.get(field).is_some(), "{field} in {row}");
    }
    assert_eq!(row["createdBy"], "admin");
    let id = row["id"].as_i64().unwrap();
    let r = srv.delete(&format!("/api/auth/tokens/{id}"), Some(&admin));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["message"], "Token revoked");
    srv.post("/api/auth/verify", json!({}), Some(&viewer))
        .assert_error(403, "Invalid or expired token");
    srv.delete(&format!("/api/auth/tokens/{id}"), Some(&admin))
        .assert_error(400, "Token is already revoked");
    srv.delete("/api/auth/tokens/999", Some(&admin))
        .assert_error(404, "Token not found");
    srv.delete("/api/auth/tokens/abc", Some(&admin))
        .assert_error(400, "Invalid token ID");
}

#[test]
fn tokens_from_the_cli() {
    let srv = Server::start();
    let m = srv.env.json(&[
        "auth",
        "token",
        "--viewer",
        "--name",
        "obs overlay",
        "--ttl",
        "90d",
    ]);
    assert_eq!(m["role"], "viewer");
    assert_eq!(m["name"], "obs overlay");
    let viewer = m["token"].as_str().unwrap().to_string();
    let c = payload(&viewer);
    assert_eq!(
        c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(),
        90 * 86400
    );
    assert_eq!(
        srv.post("/api/auth/verify", json!({}), Some(&viewer))
            .status,
        200
    );
    srv.post("/api/sessions", json!({}), Some(&viewer))
        .assert_error(403, "Insufficient permissions");
    // Plain `auth token` prints just an admin token.
    let admin = srv.env.ok(&["auth", "token"]).trim().to_string();
    assert_eq!(
        srv.post("/api/sessions", json!({}), Some(&admin)).status,
        201
    );

    let list = srv.env.json(&["auth", "token", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert!(!list.to_string().contains(&viewer));
    let id = m["id"].as_i64().unwrap().to_string();
    srv.env.ok(&["auth", "token", "revoke", &id]);
    srv.post("/api/auth/verify", json!({}), Some(&viewer))
        .assert_error(403, "Invalid or expired token");
    srv.env
        .fails(&["auth", "token", "revoke", "999"], 3, "Token not found");
    srv.env.fails(
        &["auth", "token", "revoke", &id],
        1,
        "Token is already revoked",
    );
    let r = srv.env.run(&["auth", "token", "--ttl", "soon"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
}

/// A token the daemon answers from memory (`serve::token_memo`), then revoked with no
/// other write in between, is refused by the very next request: revoked over the API (a
/// commit of the daemon's writer that touches `api_tokens`), and revoked by the CLI on the
/// same file (another process's commit: the daemon sees the WAL index header move on
/// without its writer vouching for it). The refusal is the spec's `403 Invalid or expired
/// token`.
#[test]
fn a_remembered_token_is_refused_right_after_its_revocation() {
    let srv = Server::start();
    // The environment admin's token is checked without the database and writes nothing.
    let admin = srv.token();
    for via_cli in [false, true] {
        let m = mint(&srv, &admin, json!({ "name": "script", "role": "admin" }));
        let token = m["token"].as_str().unwrap();
        let id = m["id"].as_i64().unwrap();
        remember(&srv, &admin, token, id);
        if via_cli {
            srv.env.ok(&["auth", "token", "revoke", &id.to_string()]);
        } else {
            let r = srv.delete(&format!("/api/auth/tokens/{id}"), Some(&admin));
            assert_eq!(r.status, 200, "{}", r.text);
        }
        srv.post("/api/auth/verify", json!({}), Some(token))
            .assert_error(403, "Invalid or expired token");
        srv.get_auth("/api/auth/tokens", token)
            .assert_error(403, "Invalid or expired token");
    }
}

/// Uses minted token `id` until the daemon holds its check in memory. Its first use notes
/// itself in `api_tokens` (`last_used_at`, a write off the request's path, which ends the
/// memo's epoch); once that note is committed, nothing writes any more: the next use is
/// checked against the database and remembered, the one after answered from memory.
fn remember(srv: &Server, admin: &str, token: &str, id: i64) {
    let verify = |srv: &Server| srv.post("/api/auth/verify", json!({}), Some(token));
    assert_eq!(verify(srv).status, 200);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let list = srv.get_auth("/api/auth/tokens", admin);
        assert_eq!(list.status, 200, "{}", list.text);
        let noted = list
            .json
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == id && t["lastUsedAt"].is_string());
        if noted {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the use is never noted: {}",
            list.text
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    for _ in 0..2 {
        let v = verify(srv);
        assert_eq!(v.status, 200, "{}", v.text);
        assert_eq!(v.json["user"]["role"], "admin");
    }
}

/// Waits (at most `within`) for a message of `kind`; returns it and how long it took.
fn wait_for(ws: &mut Ws, srv: &Server, kind: &str, within: Duration) -> (Value, Duration) {
    let start = Instant::now();
    loop {
        let m = ws.recv(srv);
        if m["type"] == kind {
            let took = start.elapsed();
            assert!(took <= within, "{kind} took {took:?}");
            return (m, took);
        }
        assert!(
            start.elapsed() < within,
            "no {kind} within {within:?}; got {m}"
        );
    }
}

#[test]
fn revocation_reaches_open_websockets_within_a_second() {
    let srv = Server::start();
    let admin = srv.token();
    let sid = srv.session(&admin);
    let viewer = mint(&srv, &admin, json!({ "name": "overlay", "role": "viewer" }));
    let viewer_token = viewer["token"].as_str().unwrap().to_string();
    let cli = srv
        .env
        .json(&["auth", "token", "--viewer", "--name", "bot"]);
    let cli_token = cli["token"].as_str().unwrap().to_string();
    let mut ws = Ws::ready(&srv, &viewer_token, Some(sid));
    let mut ws2 = Ws::ready(&srv, &cli_token, Some(sid));

    // Revoked over HTTP.
    let id = viewer["id"].as_i64().unwrap();
    assert_eq!(
        srv.delete(&format!("/api/auth/tokens/{id}"), Some(&admin))
            .status,
        200
    );
    let (m, _) = wait_for(&mut ws, &srv, "auth_error", Duration::from_secs(1));
    assert_eq!(
        m,
        json!({ "type": "auth_error", "message": "Invalid or expired token" })
    );
    // Its subscriptions are gone: a new game reaches only the other client.
    srv.add_game(&admin, sid, 1);
    assert_eq!(ws2.recv(&srv)["type"], "game.added");
    ws.assert_quiet(&srv);
    ws.send(&srv, json!({ "type": "subscribe", "sessionId": sid }));
    assert_eq!(
        ws.recv(&srv),
        json!({ "type": "error", "message": "Not authenticated" })
    );
    ws.send(&srv, json!({ "type": "auth", "token": viewer_token }));
    assert_eq!(ws.recv(&srv)["type"], "auth_error");

    // Revoked from the CLI (another process).
    let id = cli["id"].as_i64().unwrap().to_string();
    srv.env.ok(&["auth", "token", "revoke", &id]);
    let (m, _) = wait_for(&mut ws2, &srv, "auth_error", Duration::from_secs(1));
    assert_eq!(m["message"], "Invalid or expired token");

    // A rotated admin's open connection too.
    let key = srv.env.json(&["auth", "admin", "add", "alice"])["key"]
        .as_str()
        .unwrap()
        .to_string();
    let alice = login(&srv, &key)["token"].as_str().unwrap().to_string();
    let mut ws3 = Ws::ready(&srv, &alice, Some(sid));
    srv.env.ok(&["auth", "admin", "rotate", "alice"]);
    wait_for(&mut ws3, &srv, "auth_error", Duration::from_secs(1));
}

#[test]
fn presence_lists_admins_and_their_pages() {
    let srv = Server::start();
    let alice_key = add_admin(&srv.env, "alice");
    let bob_key = add_admin(&srv.env, "bob");
    let alice = login(&srv, &alice_key)["token"]
        .as_str()
        .unwrap()
        .to_string();
    let bob = login(&srv, &bob_key)["token"].as_str().unwrap().to_string();
    let viewer = mint(&srv, &alice, json!({ "name": "overlay" }))["token"]
        .as_str()
        .unwrap()
        .to_string();
    let mut a = Ws::ready(&srv, &alice, None);
    let mut b = Ws::ready(&srv, &bob, None);
    let mut v = Ws::ready(&srv, &viewer, None);
    let mut anon = Ws::connect(&srv);

    a.send(&srv, json!({ "type": "page_focus", "page": "sessions" }));
    for ws in [&mut a, &mut b] {
        let m = ws.recv(&srv);
        assert_eq!(m["type"], "presence_update");
        let admins = m["data"]["admins"].as_array().unwrap();
        assert_eq!(admins.len(), 1);
        assert_eq!(admins[0]["name"], "alice");
        assert_eq!(admins[0]["page"], "sessions");
        assert!(admins[0]["since"].as_str().unwrap().ends_with('Z'));
    }
    // Viewers are neither told nor listed, and may not focus.
    v.assert_quiet(&srv);
    v.send(&srv, json!({ "type": "page_focus", "page": "x" }));
    assert_eq!(
        v.recv(&srv),
        json!({ "type": "error", "message": "Insufficient permissions" })
    );
    anon.send(&srv, json!({ "type": "page_focus", "page": "x" }));
    assert_eq!(
        anon.recv(&srv),
        json!({ "type": "error", "message": "Not authenticated" })
    );

    b.send(&srv, json!({ "type": "page_focus", "page": "games" }));
    for ws in [&mut a, &mut b] {
        let m = ws.recv(&srv);
        let pages: Vec<(&str, &str)> = m["data"]["admins"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| (x["name"].as_str().unwrap(), x["page"].as_str().unwrap()))
            .collect();
        assert_eq!(pages, [("alice", "sessions"), ("bob", "games")]);
    }
    // The same page again changes nothing.
    b.send(&srv, json!({ "type": "page_focus", "page": "games" }));
    b.assert_quiet(&srv);
    // A closed connection leaves.
    drop(a);
    let m = b.recv(&srv);
    assert_eq!(m["type"], "presence_update");
    assert_eq!(m["data"]["admins"].as_array().unwrap().len(), 1);
    assert_eq!(m["data"]["admins"][0]["name"], "bob");
    v.assert_quiet(&srv);
}
