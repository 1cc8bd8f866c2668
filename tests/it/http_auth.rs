//! Auth over HTTP: login, verify, every kind of bad token (S1), throttling (S2), the key
//! from `jackbox auth set-key`, CLI-minted tokens, and no secret in responses or logs (S3).

use super::server::{Server, ADMIN_KEY};
use super::util::Env;
use serde_json::json;

const SECRET: &str = "test-jwt-secret-0123456789abcdef";

fn b64(data: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..=chunk.len() {
            out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn sign(alg: jsonwebtoken::Algorithm, secret: &str, iat: i64, exp: i64) -> String {
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(alg),
        &json!({ "role": "admin", "iat": iat, "exp": exp }),
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

#[test]
fn login_and_verify() {
    let srv = Server::start();
    let r = srv.post("/api/auth/login", json!({ "key": ADMIN_KEY }), None);
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["message"], "Authentication successful");
    assert_eq!(r.json["expiresIn"], "24h");
    let token = r.json["token"].as_str().unwrap().to_string();
    assert_eq!(token.split('.').count(), 3);

    let r = srv.post("/api/auth/verify", json!({}), Some(&token));
    assert_eq!(r.status, 200);
    assert_eq!(r.json["valid"], true);
    assert_eq!(r.json["user"]["role"], "admin");
    let (iat, exp) = (
        r.json["user"]["iat"].as_i64().unwrap(),
        r.json["user"]["exp"].as_i64().unwrap(),
    );
    assert_eq!(exp - iat, 86400);
    assert!((iat - now()).abs() < 60);

    srv.post("/api/auth/login", json!({ "key": "nope" }), None)
        .assert_error(401, "Invalid admin key");
    srv.post("/api/auth/login", json!({}), None)
        .assert_error(400, "Admin key is required");
    srv.post("/api/auth/login", json!({ "key": "" }), None)
        .assert_error(400, "Admin key is required");
    srv.post("/api/auth/login", json!({ "key": 5 }), None)
        .assert_error(400, "Admin key is required");
    srv.post("/api/auth/verify", json!({}), None)
        .assert_error(401, "Access token required");

    // S3: neither the key nor a token shows up in the logs.
    let logs = srv.logs();
    assert!(
        !logs.contains(ADMIN_KEY) && !logs.contains(&token),
        "{logs}"
    );
}

#[test]
fn bad_tokens_are_refused() {
    let env = Env::new();
    let srv = Server::start_with(env, |c| {
        c.env("JACKBOX_JWT_SECRET", SECRET);
    });
    let good = sign(jsonwebtoken::Algorithm::HS256, SECRET, now(), now() + 600);
    assert_eq!(
        srv.post("/api/auth/verify", json!({}), Some(&good)).status,
        200
    );
    assert_eq!(
        srv.post("/api/sessions", json!({}), Some(&good)).status,
        201
    );

    let payload = b64(json!({ "role": "admin", "iat": now(), "exp": now() + 600 })
        .to_string()
        .as_bytes());
    let none = format!("{}.{}.", b64(br#"{"alg":"none","typ":"JWT"}"#), payload);
    let tampered = {
        let parts: Vec<&str> = good.split('.').collect();
        let evil = b64(
            json!({ "role": "admin", "iat": now(), "exp": now() + 999_999 })
                .to_string()
                .as_bytes(),
        );
        format!("{}.{}.{}", parts[0], evil, parts[2])
    };
    let bad = [
        ("garbage", "garbage".to_string()),
        ("alg none", none),
        (
            "wrong secret",
            sign(jsonwebtoken::Algorithm::HS256, "other", now(), now() + 600),
        ),
        (
            "other algorithm",
            sign(jsonwebtoken::Algorithm::HS512, SECRET, now(), now() + 600),
        ),
        (
            "expired",
            sign(
                jsonwebtoken::Algorithm::HS256,
                SECRET,
                now() - 7200,
                now() - 3600,
            ),
        ),
        ("tampered", tampered),
    ];
    for (what, token) in bad {
        let r = srv.post("/api/auth/verify", json!({}), Some(&token));
        assert_eq!(r.status, 403, "{what}: {}", r.text);
        assert_eq!(r.json["error"], "Invalid or expired token", "{what}");
        let r = srv.post("/api/sessions/1/close", json!({}), Some(&token));
        assert_eq!(r.status, 403, "{what}");
    }
    // No credentials → 401; credentials of another scheme → 403.
    srv.post("/api/sessions/1/close", json!({}), None)
        .assert_error(401, "Access token required");
    for header in ["Bearer", "Bearer ", "garbage", ""] {
        let r = srv.send(|c| {
            c.post(srv.url("/api/sessions/1/close"))
                .header("Authorization", header)
        });
        r.assert_error(401, "Access token required");
    }
    let r = srv.send(|c| {
        c.post(srv.url("/api/sessions/1/close"))
            .header("Authorization", format!("Basic {good}"))
    });
    r.assert_error(403, "Invalid or expired token");
}

#[test]
fn failed_logins_are_throttled() {
    let srv = Server::start();
    for _ in 0..5 {
        srv.post("/api/auth/login", json!({ "key": "wrong" }), None)
            .assert_error(401, "Invalid admin key");
    }
    srv.post("/api/auth/login", json!({ "key": "wrong" }), None)
        .assert_error(429, "Too many failed attempts, try again later");
    // Even the right key waits until the window has passed.
    srv.post("/api/auth/login", json!({ "key": ADMIN_KEY }), None)
        .assert_error(429, "Too many failed attempts, try again later");
}

#[test]
fn key_from_set_key_and_tokens_from_the_cli() {
    let env = Env::new();
    let srv = Server::start_with(env, |c| {
        c.env_remove("JACKBOX_ADMIN_KEY");
    });
    srv.post("/api/auth/login", json!({ "key": "anything" }), None)
        .assert_error(503, "Admin key is not configured");

    // set-key while the daemon runs: the next login sees it.
    let r = srv.env.run_stdin(&["auth", "set-key"], b"s3cret-key\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let stored: String = srv
        .env
        .conn()
        .query_row(
            "SELECT value FROM settings WHERE key = 'admin_key_hash'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!stored.contains("s3cret-key"));
    srv.post("/api/auth/login", json!({ "key": "s3cret-key\n" }), None)
        .assert_error(401, "Invalid admin key");
    let r = srv.post("/api/auth/login", json!({ "key": "s3cret-key" }), None);
    assert_eq!(r.status, 200, "{}", r.text);

    // A token minted by the CLI (same persisted secret) works against the daemon.
    let token = srv
        .env
        .ok(&["auth", "token", "--ttl", "1h"])
        .trim()
        .to_string();
    let r = srv.post("/api/auth/verify", json!({}), Some(&token));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        r.json["user"]["exp"].as_i64().unwrap() - r.json["user"]["iat"].as_i64().unwrap(),
        3600
    );
    let r = srv.env.run(&["auth", "token", "--ttl", "soon"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    let r = srv.env.run(&["auth", "set-key", "--key", ""]);
    assert_ne!(r.code, 0);
}

#[test]
fn admin_key_env_alias() {
    let srv = Server::start_with(Env::new(), |c| {
        c.env_remove("JACKBOX_ADMIN_KEY")
            .env("ADMIN_KEY", "legacy-key");
    });
    assert_eq!(
        srv.post("/api/auth/login", json!({ "key": "legacy-key" }), None)
            .status,
        200
    );
}
