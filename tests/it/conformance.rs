//! Conformance and robustness checks found by the spec walk and fuzzing (quality.md R5,
//! S3, S5, S6): a stalled request body is cut off, hostile strings round-trip byte-exact,
//! no secret leaks into a response, list output or log line, and the CSV catalog parser
//! never panics (directly and through `POST /api/games/import/csv`).

use super::server::{Server, ADMIN_KEY};
use super::util::Env;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// S5: a client that sends the head and then only part of the body gets `408` and the
/// connection is closed, instead of holding it open forever.
#[test]
fn stalled_body_is_cut_off() {
    let srv = Server::start();
    let mut s = TcpStream::connect(&srv.addr).unwrap();
    s.write_all(
        b"POST /api/pick HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
    )
    .unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut reply = Vec::new();
    // read_to_end returns once the server closes the connection.
    s.read_to_end(&mut reply)
        .expect("server closes the stalled connection");
    let text = String::from_utf8_lossy(&reply);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(
        text.contains(r#"{"error":"Request body not received in time"}"#),
        "{text}"
    );
    // The server still serves others.
    assert_eq!(srv.get("/health").status, 200);
}

/// S6: quotes, SQL, NUL (`\u0000` in JSON), emoji, control characters and 10 KB notes
/// round-trip byte-exact through create → get → list → close → export JSON.
#[test]
fn hostile_strings_round_trip() {
    let srv = Server::start();
    let token = srv.token();
    let long: String = "ab\u{e9}\u{1F600}\"'".repeat(10 * 1024 / 8);
    let cases = [
        "it's \"quoted\" `back` \\ slash".to_string(),
        "'; DROP TABLE sessions; --".to_string(),
        "nul\u{0}inside\u{0}".to_string(),
        "emoji \u{1F3AE}\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} \u{202E}rtl".to_string(),
        "tab\tnewline\ncr\r\u{1}\u{7f}<script>alert(1)</script>".to_string(),
        "  leading and trailing spaces  ".to_string(),
        long,
    ];
    for notes in cases {
        let r = srv.post("/api/sessions", json!({ "notes": notes }), Some(&token));
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.json["notes"].as_str(), Some(notes.as_str()));
        let id = r.json["id"].as_i64().unwrap();
        let got = srv.get(&format!("/api/sessions/{id}"));
        assert_eq!(got.json["notes"].as_str(), Some(notes.as_str()));
        let list = srv.get("/api/sessions");
        let row = list
            .json
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()
            .clone();
        assert_eq!(row["notes"].as_str(), Some(notes.as_str()));
        let r = srv.post(
            &format!("/api/sessions/{id}/close"),
            json!({}),
            Some(&token),
        );
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["notes"].as_str(), Some(notes.as_str()));
        let export = srv.get_auth(&format!("/api/sessions/{id}/export?format=json"), &token);
        assert_eq!(export.status, 200);
        assert_eq!(
            export.json["session"]["notes"].as_str(),
            Some(notes.as_str())
        );
        // The text export carries the notes too (not byte-checked: it is a report).
        let txt = srv.get_auth(&format!("/api/sessions/{id}/export?format=txt"), &token);
        assert_eq!(txt.status, 200);
    }
}

/// S3: the admin key, the JWT secret and webhook secrets appear in no response, no CLI
/// list output and no log line, even at debug level.
#[test]
fn secrets_never_leak() {
    const JWT_SECRET: &str = "jwt-secret-7f3a9c1e";
    const HOOK_SECRET: &str = "hook-secret-5b2d8e40";
    let env = Env::new();
    let srv = Server::start_with(env, |cmd| {
        cmd.env("JACKBOX_JWT_SECRET", JWT_SECRET)
            .env("JACKBOX_LOG", "debug");
    });
    let mut seen = String::new();
    let mut keep = |r: &super::server::Reply| {
        for (k, v) in r.headers.iter() {
            seen.push_str(&format!("{k}: {}\n", v.to_str().unwrap_or("")));
        }
        seen.push_str(&r.text);
        seen.push('\n');
    };
    // Failed logins (wrong key, and keys close to the right one) first.
    keep(&srv.post("/api/auth/login", json!({ "key": "nope" }), None));
    keep(&srv.post(
        "/api/auth/login",
        json!({ "key": format!("{ADMIN_KEY}x") }),
        None,
    ));
    let token = srv.token();
    keep(&srv.post("/api/auth/verify", json!({}), Some(&token)));
    keep(&srv.post("/api/auth/verify", json!({}), Some("garbage")));
    let r = srv.post(
        "/api/webhooks",
        json!({
            "name": "relay",
            "url": "http://127.0.0.1:9/hook",
            "secret": HOOK_SECRET,
            "events": ["game.added", "session.started"],
        }),
        Some(&token),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    keep(&r);
    let wid = r.json["id"].as_i64().unwrap();
    keep(&srv.patch(
        &format!("/api/webhooks/{wid}"),
        json!({ "secret": HOOK_SECRET, "name": "relay2" }),
        Some(&token),
    ));
    // Bad input echoing back must not echo the secret either.
    keep(&srv.post(
        "/api/webhooks",
        json!({ "name": "x", "url": "ftp://nope", "secret": HOOK_SECRET, "events": ["game.added"] }),
        Some(&token),
    ));
    keep(&srv.post(
        "/api/webhooks",
        json!({ "name": "x", "url": "http://127.0.0.1:9/", "secret": 5, "events": ["game.added"] }),
        Some(&token),
    ));
    keep(&srv.get_auth("/api/webhooks", &token));
    keep(&srv.get_auth(&format!("/api/webhooks/{wid}"), &token));
    keep(&srv.post(
        &format!("/api/webhooks/test/{wid}"),
        json!({}),
        Some(&token),
    ));
    let sid = srv.session(&token);
    srv.add_game(&token, sid, 1);
    keep(&srv.get_auth(&format!("/api/webhooks/{wid}/logs"), &token));
    keep(&srv.get_auth(&format!("/api/sessions/{sid}/export?format=json"), &token));
    keep(&srv.get_auth(&format!("/api/sessions/{sid}/export?format=txt"), &token));
    for path in [
        "/health",
        "/api/openapi.json",
        "/api/stats",
        "/api/sessions",
    ] {
        keep(&srv.get(path));
    }
    // CLI output, tables and JSON: add, edit, list, logs.
    for args in [
        vec![
            "webhook",
            "add",
            "--name",
            "cli",
            "--url",
            "http://127.0.0.1:9/cli",
            "--secret",
            HOOK_SECRET,
            "--event",
            "game.added",
        ],
        vec![
            "webhook",
            "add",
            "--json",
            "--name",
            "cli2",
            "--url",
            "http://127.0.0.1:9/cli",
            "--secret",
            HOOK_SECRET,
            "--event",
            "game.added",
        ],
        vec!["webhook", "edit", "1", "--secret", HOOK_SECRET],
        vec!["webhook", "edit", "1", "--json", "--secret", HOOK_SECRET],
        vec!["webhook", "list"],
        vec!["webhook", "list", "--json"],
        vec!["webhook", "logs", "1"],
        vec!["webhook", "logs", "1", "--json"],
    ] {
        let out = srv.env.run(&args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        seen.push_str(&out.stdout);
        seen.push_str(&out.stderr);
    }
    seen.push_str(&srv.logs());
    for secret in [ADMIN_KEY, JWT_SECRET, HOOK_SECRET] {
        assert!(
            !seen.contains(secret),
            "secret {secret:?} leaked:\n{}",
            seen.lines()
                .filter(|l| l.contains(secret))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// A built-in catalog export, the starting point of the mutations below.
fn valid_csv() -> String {
    include_str!("../fixtures/catalog.csv").to_string()
}

/// One random mutation of `base` (byte flips, inserted quotes/commas/newlines/NUL/BOM,
/// truncation, duplication of a line, or pure noise).
fn mutate(rng: &mut StdRng, base: &str) -> Vec<u8> {
    const SPICE: &[&[u8]] = &[
        b"\"",
        b",",
        b"\n",
        b"\r\n",
        b"\r",
        b"\0",
        b"\xef\xbb\xbf",
        b"\"\"",
        b"-1",
        b"999999999999999999999",
        b"1.5",
        b"true",
        b"\xff\xfe",
        b"\xe2\x82",
        b"\t",
        b" ",
        b";",
        b"=cmd|' /C calc'!A0",
    ];
    let mut data = base.as_bytes().to_vec();
    match rng.gen_range(0..6) {
        0 => {
            // Pure noise of random length.
            let n = rng.gen_range(0..2048);
            return (0..n).map(|_| rng.gen()).collect();
        }
        1 => {
            let keep = rng.gen_range(0..=data.len());
            data.truncate(keep);
        }
        2 => {
            // Duplicate a random line (duplicates are an error, never a panic).
            let text = String::from_utf8_lossy(&data).to_string();
            let lines: Vec<&str> = text.lines().collect();
            if lines.len() > 1 {
                let i = rng.gen_range(1..lines.len());
                let mut out = lines.clone();
                out.insert(i, lines[i]);
                data = out.join("\n").into_bytes();
            }
        }
        _ => {}
    }
    for _ in 0..rng.gen_range(1..20) {
        if data.is_empty() {
            data.extend_from_slice(SPICE[rng.gen_range(0..SPICE.len())]);
            continue;
        }
        let at = rng.gen_range(0..data.len());
        match rng.gen_range(0..3) {
            0 => data[at] = rng.gen(),
            1 => {
                let s = SPICE[rng.gen_range(0..SPICE.len())];
                data.splice(at..at, s.iter().copied());
            }
            _ => {
                let end = (at + rng.gen_range(1..40)).min(data.len());
                data.drain(at..end);
            }
        }
    }
    data
}

/// R5 (parsers): `parse_csv` returns Ok or an error for arbitrary input, never panics.
#[test]
fn csv_parser_never_panics() {
    let base = valid_csv();
    let small: String = base.lines().take(6).collect::<Vec<_>>().join("\n");
    let mut rng = StdRng::seed_from_u64(0x006a_6163_6b62_6f78);
    let mut ok = 0;
    for i in 0..3000 {
        let data = mutate(&mut rng, if i % 2 == 0 { &small } else { &base });
        let text = String::from_utf8_lossy(&data);
        let result = std::panic::catch_unwind(|| jackbox::core::catalog::parse_csv(&text));
        match result {
            Ok(Ok(_)) => ok += 1,
            Ok(Err(e)) => assert!(!e.message.is_empty()),
            Err(_) => panic!("parse_csv panicked on input #{i}: {text:?}"),
        }
    }
    // The mutations are mild enough that some inputs stay valid.
    assert!(ok > 0);
}

/// R5 (parsers) through HTTP: mutated CSV (and mutated JSON bodies) sent to
/// `POST /api/games/import/csv` get 200 or 400, never a 5xx.
#[test]
fn csv_import_endpoint_never_fails() {
    let srv = Server::start();
    let token = srv.token();
    let base = valid_csv();
    let small: String = base.lines().take(6).collect::<Vec<_>>().join("\n");
    let mut rng = StdRng::seed_from_u64(42);
    let mut statuses = std::collections::BTreeMap::new();
    for i in 0..150 {
        let data = mutate(&mut rng, &small);
        let text = String::from_utf8_lossy(&data).to_string();
        let mode = ["append", "replace"][i % 2];
        let body: Vec<u8> = match i % 5 {
            // The raw bytes as the whole body: invalid JSON, mostly.
            4 => data.clone(),
            _ => serde_json::to_vec(&json!({ "csvData": text, "mode": mode })).unwrap(),
        };
        let before = srv.get_auth("/api/games/export/csv", &token).text;
        let r = srv.raw("POST", "/api/games/import/csv", body, Some(&token));
        if r.status == 400 {
            // A refused import changes nothing (picker.md: "nothing is imported").
            let after = srv.get_auth("/api/games/export/csv", &token).text;
            assert_eq!(
                before, after,
                "input #{i} was refused but changed the catalog"
            );
        }
        assert!(
            r.status == 200 || r.status == 400,
            "input #{i} → {} {}\n{text:?}",
            r.status,
            r.text
        );
        assert!(r.json["error"].is_string() || r.json["message"].is_string());
        *statuses.entry(r.status).or_insert(0) += 1;
    }
    // Wrong JSON types for the two fields name the field.
    for body in [
        json!({ "csvData": 5 }),
        json!({ "csvData": ["a"] }),
        json!({ "csvData": "pack_name,title", "mode": 1 }),
        json!({}),
    ] {
        let r = srv.post("/api/games/import/csv", body, Some(&token));
        assert_eq!(r.status, 400, "{}", r.text);
    }
    // The catalog still answers and the daemon is healthy.
    assert_eq!(srv.get("/api/games").status, 200);
    assert!(statuses.contains_key(&400));
    let _: Value = srv.get("/health").json;
}

/// Tokens signed with the right secret but with unacceptable claims: not valid yet (`nbf`
/// in the future), another role, no `exp`, a non-numeric `exp` → 403
/// `Invalid or expired token`.
#[test]
fn tokens_with_bad_claims_are_refused() {
    const SECRET: &str = "claims-secret";
    let srv = Server::start_with(Env::new(), |c| {
        c.env("JACKBOX_JWT_SECRET", SECRET);
    });
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let sign = |claims: Value| {
        jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
            &claims,
            &jsonwebtoken::EncodingKey::from_secret(SECRET.as_bytes()),
        )
        .unwrap()
    };
    let good = sign(json!({ "role": "admin", "iat": now, "exp": now + 600 }));
    assert_eq!(
        srv.post("/api/auth/verify", json!({}), Some(&good)).status,
        200
    );
    for (what, claims) in [
        (
            "nbf in the future",
            json!({ "role": "admin", "iat": now, "exp": now + 600, "nbf": now + 300 }),
        ),
        (
            "role user",
            json!({ "role": "user", "iat": now, "exp": now + 600 }),
        ),
        ("no role", json!({ "iat": now, "exp": now + 600 })),
        ("no exp", json!({ "role": "admin", "iat": now })),
        (
            "exp as text",
            json!({ "role": "admin", "iat": now, "exp": (now + 600).to_string() }),
        ),
    ] {
        let r = srv.post("/api/auth/verify", json!({}), Some(&sign(claims)));
        assert_eq!(r.status, 403, "{what}: {}", r.text);
        assert_eq!(r.json["error"], "Invalid or expired token", "{what}");
    }
}

/// http-api.md: "IDs that are well-formed but absent → 404". A positive integer too large
/// for any row is well-formed: 404, not 400; too-large counts in the query saturate.
#[test]
fn huge_ids_are_absent_not_malformed() {
    let srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    srv.add_game(&token, sid, 1);
    let huge = "99999999999999999999999";
    srv.get(&format!("/api/sessions/{huge}"))
        .assert_error(404, "Session not found");
    srv.get(&format!("/api/sessions/{huge}/games"))
        .assert_error(404, "Session not found");
    srv.get(&format!("/api/games/{huge}"))
        .assert_error(404, "Game not found");
    srv.patch(
        &format!("/api/sessions/{sid}/games/{huge}/status"),
        json!({ "status": "played" }),
        Some(&token),
    )
    .assert_error(404, "Session game not found");
    srv.get_auth(&format!("/api/webhooks/{huge}"), &token)
        .assert_error(404, "Webhook not found");
    // Still 400: not a positive integer.
    for bad in ["0", "-1", "1.5", "abc", "%2B1"] {
        srv.get(&format!("/api/sessions/{bad}"))
            .assert_error(400, "Invalid session ID");
    }
    // Counts beyond i64 in the query: everything, or nothing.
    let r = srv.get(&format!("/api/sessions?limit={huge}"));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json.as_array().unwrap().len(), 1);
    let r = srv.get(&format!("/api/sessions?limit=5&offset={huge}"));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json, json!([]));
    let r = srv.get(&format!("/api/games?playerCount={huge}"));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json, json!([]));
}

/// S2: the 429 of the login throttle says when to come back (`Retry-After`, seconds).
#[test]
fn throttled_login_says_when_to_retry() {
    let srv = Server::start();
    let mut last = None;
    for _ in 0..10 {
        let r = srv.post("/api/auth/login", json!({ "key": "wrong" }), None);
        if r.status == 429 {
            last = Some(r);
            break;
        }
        r.assert_error(401, "Invalid admin key");
    }
    let r = last.expect("throttled within 10 failures");
    r.assert_error(429, "Too many failed attempts, try again later");
    let secs: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!(secs > 0);
}

/// A JSON body starting with a UTF-8 byte-order mark is read like one without it; invalid
/// UTF-8 and lone surrogates are `400 Invalid JSON body`, never a 5xx.
#[test]
fn json_bodies_with_bom_and_bad_encoding() {
    let srv = Server::start();
    let token = srv.token();
    let mut body = b"\xef\xbb\xbf".to_vec();
    body.extend_from_slice(br#"{"notes":"bom"}"#);
    let r = srv.raw("POST", "/api/sessions", body, Some(&token));
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["notes"], "bom");
    for bad in [
        b"{\"notes\":\"\xff\"}".to_vec(),
        br#"{"notes":"\ud800"}"#.to_vec(),
        b"\xff\xfe{}".to_vec(),
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
    ] {
        let r = srv.raw("POST", "/api/sessions/1/close", bad, Some(&token));
        r.assert_error(400, "Invalid JSON body");
    }
}

/// S5 and "errors always have a JSON body": a head over 32 KiB or with more than 100 header
/// fields gets `431 { "error": … }` and the connection closes.
#[test]
fn oversized_heads_get_a_json_431() {
    let srv = Server::start();
    let big = "a".repeat(40 * 1024);
    let r = srv.send(|c| c.get(srv.url("/health")).header("X-Big", big.as_str()));
    r.assert_error(431, "Request header fields too large");
    let r = srv.get(&format!("/api/games?q={big}"));
    r.assert_error(431, "Request header fields too large");
    let r = srv.send(|c| {
        let mut b = c.get(srv.url("/health"));
        for i in 0..120 {
            b = b.header(format!("X-H{i}"), "v");
        }
        b
    });
    r.assert_error(431, "Request header fields too large");
    // Just under the limits: served.
    let r = srv.send(|c| c.get(srv.url("/health")).header("X-Big", &big[..30 * 1024]));
    assert_eq!(r.status, 200);
}
