//! Sessions over HTTP: every curl example of the two seed documents (status and body), the
//! errors of the spec, and R1 (concurrent creates).

use super::server::Server;
use serde_json::{json, Value};

fn is_time(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.len() == 24 && s.ends_with('Z') && s.as_bytes()[10] == b'T')
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

const SESSION_KEYS: [&str; 6] = [
    "closed_at",
    "created_at",
    "games_played",
    "id",
    "is_active",
    "notes",
];

/// The lifecycle guide, step by step, with the ids of its examples (session 5, game 42,
/// session game 14).
#[test]
fn seed_lifecycle_guide_and_sessions_reference() {
    let srv = Server::start();
    let token = srv.token();
    let t = Some(token.as_str());

    // No session yet.
    let r = srv.get("/api/sessions/active");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json,
        json!({ "session": null, "message": "No active session" })
    );
    let r = srv.get("/api/sessions");
    assert_eq!((r.status, r.json.clone()), (200, json!([])));

    // Four earlier nights with 13 games between them, so the examples' ids line up.
    let mut sg = 0;
    for night in 1..=4 {
        let sid = srv.session(&token);
        assert_eq!(sid, night);
        let games = if night == 4 { 4 } else { 3 };
        for g in 0..games {
            srv.add_game(&token, sid, 1 + g);
            sg += 1;
        }
        let r = srv.post(&format!("/api/sessions/{sid}/close"), json!({}), t);
        assert_eq!(r.status, 200, "{}", r.text);
    }
    assert_eq!(sg, 13);

    // 1. Creating a session (both curl examples of the guide).
    let r = srv.post("/api/sessions", json!({ "notes": "Friday game night" }), t);
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["id"], 5);
    assert_eq!(r.json["notes"], "Friday game night");
    assert_eq!(r.json["is_active"], 1);
    assert!(is_time(&r.json["created_at"]));
    assert_eq!(r.json["closed_at"], Value::Null);
    assert_eq!(
        keys(&r.json),
        ["closed_at", "created_at", "id", "is_active", "notes"]
    );
    let r = srv.post("/api/sessions", json!({}), t);
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json,
        json!({
            "error": "An active session already exists. Please close it before creating a new one.",
            "activeSessionId": 5
        })
    );

    // 2. Adding games: manual addition with a room code.
    let r = srv.post(
        "/api/sessions/5/games",
        json!({ "game_id": 42, "manually_added": true, "room_code": "ABCD" }),
        t,
    );
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["id"], 14);
    assert_eq!(r.json["session_id"], 5);
    assert_eq!(r.json["game_id"], 42);
    assert_eq!(r.json["manually_added"], 1);
    assert_eq!(r.json["status"], "playing");
    assert_eq!(r.json["room_code"], "ABCD");
    assert_eq!(r.json["player_count_check_status"], "monitoring");
    assert_eq!(
        keys(&r.json),
        [
            "downvotes",
            "game_id",
            "id",
            "manually_added",
            "max_players",
            "min_players",
            "monitor_state",
            "pack_name",
            "played_at",
            "player_count",
            "player_count_check_status",
            "room_code",
            "session_id",
            "source",
            "status",
            "title",
            "upvotes"
        ]
    );

    // 3. Status: played, playing, skipped.
    for status in ["played", "playing", "skipped"] {
        let r = srv.patch(
            "/api/sessions/5/games/14/status",
            json!({ "status": status }),
            t,
        );
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            r.json,
            json!({ "message": "Status updated successfully", "status": status })
        );
    }
    let r = srv.patch(
        "/api/sessions/5/games/14/status",
        json!({ "status": "done" }),
        t,
    );
    r.assert_error(400, "Invalid status. Must be playing, played, or skipped");
    let r = srv.patch(
        "/api/sessions/5/games/99/status",
        json!({ "status": "played" }),
        t,
    );
    r.assert_error(404, "Session game not found");
    let r = srv.patch(
        "/api/sessions/4/games/14/status",
        json!({ "status": "played" }),
        t,
    );
    r.assert_error(404, "Session game not found");

    // 4. Room codes: set when adding (above), update later.
    let r = srv.patch(
        "/api/sessions/5/games/14/room-code",
        json!({ "room_code": "XY9Z" }),
        t,
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["id"], 14);
    assert_eq!(r.json["room_code"], "XY9Z");

    // 5. Player count monitoring.
    let r = srv.post("/api/sessions/5/games/14/start-player-check", json!({}), t);
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        r.json,
        json!({ "message": "Player count check started", "status": "monitoring" })
    );
    let r = srv.patch(
        "/api/sessions/5/games/14/player-count",
        json!({ "player_count": 6 }),
        t,
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        r.json,
        json!({ "message": "Player count updated successfully", "player_count": 6 })
    );
    let r = srv.post("/api/sessions/5/games/14/stop-player-check", json!({}), t);
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        r.json,
        json!({ "message": "Player count check stopped", "status": "stopped" })
    );

    // Reference: list, active, get.
    let r = srv.get("/api/sessions");
    assert_eq!(r.status, 200);
    let list = r.json.as_array().unwrap();
    assert_eq!(list.len(), 5);
    assert_eq!(list[0]["id"], 5);
    assert_eq!(list[0]["games_played"], 1);
    assert_eq!(list[1]["id"], 4);
    assert_eq!(list[1]["games_played"], 4);
    assert_eq!(list[1]["is_active"], 0);
    assert!(is_time(&list[1]["closed_at"]));
    for s in list {
        assert_eq!(keys(s), SESSION_KEYS);
    }
    let r = srv.get("/api/sessions/active");
    assert_eq!(r.status, 200);
    assert_eq!(r.json["id"], 5);
    assert_eq!(r.json["games_played"], 1);
    assert_eq!(keys(&r.json), SESSION_KEYS);
    let r = srv.get("/api/sessions/5");
    assert_eq!(r.status, 200);
    assert_eq!(r.json["notes"], "Friday game night");
    assert_eq!(keys(&r.json), SESSION_KEYS);
    srv.get("/api/sessions/55")
        .assert_error(404, "Session not found");

    // 6. Closing.
    srv.patch(
        "/api/sessions/5/games/14/status",
        json!({ "status": "playing" }),
        t,
    );
    let r = srv.post(
        "/api/sessions/5/close",
        json!({ "notes": "Great session!" }),
        t,
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["id"], 5);
    assert_eq!(r.json["notes"], "Great session!");
    assert_eq!(r.json["is_active"], 0);
    assert!(is_time(&r.json["closed_at"]));
    assert_eq!(r.json["games_played"], 1);
    assert_eq!(keys(&r.json), SESSION_KEYS);
    let games = srv.get("/api/sessions/5/games");
    assert_eq!(games.json[0]["status"], "played");
    srv.post("/api/sessions/5/close", json!({}), t)
        .assert_error(400, "Session is already closed");
    srv.post("/api/sessions/5/games", json!({ "game_id": 42 }), t)
        .assert_error(400, "Cannot add games to a closed session");

    // 7. Export, JSON and TXT (default).
    let r = srv.get_auth("/api/sessions/5/export?format=json", &token);
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(
        r.header("content-disposition"),
        Some("attachment; filename=\"session-5.json\"")
    );
    assert_eq!(r.json["session"]["id"], 5);
    assert_eq!(r.json["games"][0]["id"], 14);
    assert_eq!(r.json["chat_logs"], json!([]));
    assert!(is_time(&r.json["exported_at"]));
    let r = srv.get_auth("/api/sessions/5/export", &token);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
    assert_eq!(
        r.header("content-disposition"),
        Some("attachment; filename=\"session-5.txt\"")
    );
    assert!(r.text.contains("GAMES") && r.text.contains("CHAT LOG"));
    srv.get_auth("/api/sessions/5/export?format=xml", &token)
        .assert_error(400, "Invalid format. Must be json or txt");
    srv.get("/api/sessions/5/export")
        .assert_error(401, "Access token required");
    srv.get_auth("/api/sessions/77/export", &token)
        .assert_error(404, "Session not found");

    // 8. Deleting.
    let r = srv.delete("/api/sessions/5", t);
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        r.json,
        json!({ "message": "Session deleted successfully", "sessionId": 5 })
    );
    srv.get("/api/sessions/5")
        .assert_error(404, "Session not found");
    srv.delete("/api/sessions/5", t)
        .assert_error(404, "Session not found");
    assert_eq!(
        srv.env
            .count("SELECT COUNT(*) FROM session_games WHERE session_id = 5"),
        0
    );
}

#[test]
fn session_errors_and_paging() {
    let srv = Server::start();
    let token = srv.token();
    let t = Some(token.as_str());
    let sid = srv.session(&token);
    srv.delete(&format!("/api/sessions/{sid}"), t).assert_error(
        400,
        "Cannot delete an active session. Please close it first.",
    );
    srv.post("/api/sessions/9/close", json!({}), t)
        .assert_error(404, "Session not found");
    srv.post(
        &format!("/api/sessions/{sid}/close"),
        json!({ "notes": 5 }),
        t,
    )
    .assert_error(400, "notes must be a string or null");
    // Close without a body keeps the notes; an empty body is `{}`.
    let r = srv.raw("POST", &format!("/api/sessions/{sid}/close"), vec![], t);
    assert_eq!(r.status, 200, "{}", r.text);
    for _ in 0..3 {
        let id = srv.session(&token);
        srv.post(&format!("/api/sessions/{id}/close"), json!({}), t);
    }
    let r = srv.get("/api/sessions?limit=2&offset=1");
    let ids: Vec<i64> = r
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [3, 2]);
    srv.get("/api/sessions?limit=-1")
        .assert_error(400, "limit must be a non-negative integer");
    srv.get("/api/sessions?offset=x")
        .assert_error(400, "offset must be a non-negative integer");
    // Path IDs: malformed → 400, absent → 404.
    for bad in ["abc", "0", "-3", "1.5"] {
        srv.get(&format!("/api/sessions/{bad}"))
            .assert_error(400, "Invalid session ID");
    }
    srv.get("/api/sessions/999")
        .assert_error(404, "Session not found");
}

#[test]
fn hostile_notes_round_trip() {
    let srv = Server::start();
    let token = srv.token();
    let notes = format!(
        "quote\" apos' ; DROP TABLE sessions; -- nul\u{0} emoji 🎉 {}",
        "x".repeat(10_000)
    );
    let r = srv.post("/api/sessions", json!({ "notes": notes }), Some(&token));
    assert_eq!(r.status, 201);
    assert_eq!(r.json["notes"], notes.as_str());
    let id = r.json["id"].as_i64().unwrap();
    assert_eq!(
        srv.get(&format!("/api/sessions/{id}")).json["notes"],
        notes.as_str()
    );
    let r = srv.get_auth(&format!("/api/sessions/{id}/export?format=json"), &token);
    assert_eq!(r.json["session"]["notes"], notes.as_str());
}

/// R1: 50 concurrent creates → exactly one 201, the rest 400 with `activeSessionId`.
#[test]
fn concurrent_creates_yield_one_session() {
    let srv = Server::start();
    let token = srv.token();
    let url = srv.url("/api/sessions");
    let client = srv.client.clone();
    let replies = srv.rt.block_on(async move {
        let tasks = (0..50).map(|i| {
            let req = client
                .post(&url)
                .bearer_auth(&token)
                .json(&json!({ "notes": format!("n{i}") }));
            async move { super::server::read(req.send().await.unwrap()).await }
        });
        futures_util::future::join_all(tasks).await
    });
    let created: Vec<_> = replies.iter().filter(|r| r.status == 201).collect();
    assert_eq!(created.len(), 1, "{replies:?}");
    let id = created[0].json["id"].clone();
    for r in replies.iter().filter(|r| r.status != 201) {
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(r.json["activeSessionId"], id);
    }
    assert_eq!(srv.env.count("SELECT COUNT(*) FROM sessions"), 1);
}

/// `GET /api/sessions/active` and `GET /api/sessions` answer from memory while no
/// connection has committed (`Db::read_hot` watches SQLite's WAL index): a write by another
/// process (the CLI) shows in the very next read, never a cached answer.
#[test]
fn cached_reads_see_another_process_write_at_once() {
    let server = Server::start();
    let token = server.token();
    server.session(&token);
    for k in 1..=8i64 {
        for _ in 0..3 {
            assert_eq!(
                server.get("/api/sessions/active").json["games_played"],
                k - 1
            );
            assert_eq!(server.get("/api/sessions").json[0]["games_played"], k - 1);
        }
        let out = server
            .env
            .command()
            .args(["-q", "game", "add", &k.to_string()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert_eq!(server.get("/api/sessions/active").json["games_played"], k);
        assert_eq!(server.get("/api/sessions").json[0]["games_played"], k);
    }
    let out = server
        .env
        .command()
        .args(["-q", "session", "close"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let r = server.get("/api/sessions/active");
    assert_eq!(r.json["session"], serde_json::Value::Null, "{}", r.text);
    assert_eq!(server.get("/api/sessions").json[0]["is_active"], 0);
}
