//! Games in a session over HTTP: every success shape and every error of the spec.

use super::server::Server;
use serde_json::json;

#[test]
fn add_list_remove() {
    let srv = Server::start();
    let token = srv.token();
    let t = Some(token.as_str());
    let sid = srv.session(&token);
    let path = format!("/api/sessions/{sid}/games");

    srv.post(&path, json!({ "game_id": 1 }), None)
        .assert_error(401, "Access token required");
    for body in [
        json!({}),
        json!({ "game_id": "abc" }),
        json!({ "game_id": null }),
        json!({ "game_id": 0 }),
        json!({ "game_id": -4 }),
        json!({ "game_id": 1.5 }),
        json!({ "manually_added": true }),
    ] {
        srv.post(&path, body, t)
            .assert_error(400, "game_id is required");
    }
    srv.post(&path, json!({ "game_id": 99999 }), t)
        .assert_error(404, "Game not found");
    srv.post("/api/sessions/999/games", json!({ "game_id": 1 }), t)
        .assert_error(404, "Session not found");
    srv.post("/api/sessions/x/games", json!({ "game_id": 1 }), t)
        .assert_error(400, "Invalid session ID");
    for code in ["abcd", "ABC", "ABCDE", "AB-D"] {
        srv.post(&path, json!({ "game_id": 1, "room_code": code }), t)
            .assert_error(
                400,
                "Invalid room code. Must be exactly 4 characters (A-Z, 0-9)",
            );
    }
    srv.post(&path, json!({ "game_id": 1, "room_code": 1234 }), t)
        .assert_error(
            400,
            "Invalid room code. Must be exactly 4 characters (A-Z, 0-9)",
        );
    srv.post(&path, json!({ "game_id": 1, "manually_added": "yes" }), t)
        .assert_error(400, "manually_added must be a boolean");

    let a = srv.post(&path, json!({ "game_id": 1 }), t);
    assert_eq!(a.status, 201, "{}", a.text);
    assert_eq!(a.json["manually_added"], 0);
    assert_eq!(a.json["player_count_check_status"], "not_started");
    let b = srv.post(&path, json!({ "game_id": 2, "manually_added": 1 }), t);
    assert_eq!(b.status, 201);
    assert_eq!(b.json["manually_added"], 1);
    let list = srv.get(&path);
    assert_eq!(list.status, 200);
    let rows = list.json.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], a.json["id"]);
    assert_eq!(rows[0]["status"], "played");
    assert_eq!(rows[1]["status"], "playing");
    srv.get("/api/sessions/999/games")
        .assert_error(404, "Session not found");
    assert_eq!(srv.get("/api/games/1").json["play_count"], 1);

    let bid = b.json["id"].as_i64().unwrap();
    let r = srv.delete(&format!("{path}/{bid}"), t);
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json,
        json!({ "message": "Game removed from session", "sessionGameId": bid })
    );
    assert_eq!(srv.get("/api/games/2").json["play_count"], 0);
    srv.delete(&format!("{path}/{bid}"), t)
        .assert_error(404, "Session game not found");
    srv.delete(&format!("{path}/zz"), t)
        .assert_error(400, "Invalid session game ID");
    srv.delete(&format!("{path}/{bid}"), None)
        .assert_error(401, "Access token required");
}

#[test]
fn sub_routes_errors() {
    let srv = Server::start();
    let token = srv.token();
    let t = Some(token.as_str());
    let first = srv.session(&token);
    let old = srv.add_game(&token, first, 3);
    srv.post(&format!("/api/sessions/{first}/close"), json!({}), t);
    let sid = srv.session(&token);
    let sg = srv.add_game(&token, sid, 4);
    let base = format!("/api/sessions/{sid}/games/{sg}");

    // A session game of another session is not found here.
    let foreign = format!("/api/sessions/{sid}/games/{old}");
    srv.patch(
        &format!("{foreign}/status"),
        json!({ "status": "played" }),
        t,
    )
    .assert_error(404, "Session game not found");
    srv.patch(
        &format!("{foreign}/room-code"),
        json!({ "room_code": "ABCD" }),
        t,
    )
    .assert_error(404, "Session game not found");
    srv.patch(
        &format!("{foreign}/player-count"),
        json!({ "player_count": 3 }),
        t,
    )
    .assert_error(404, "Session game not found");
    srv.post(&format!("{foreign}/start-player-check"), json!({}), t)
        .assert_error(404, "Session game not found");
    srv.post(&format!("{foreign}/stop-player-check"), json!({}), t)
        .assert_error(404, "Session game not found");
    srv.get(&format!("{foreign}/status-live"))
        .assert_error(404, "Session game not found");
    srv.delete(&foreign, t)
        .assert_error(404, "Session game not found");
    srv.patch(
        &format!("/api/sessions/{sid}/games/0/status"),
        json!({ "status": "played" }),
        t,
    )
    .assert_error(400, "Invalid session game ID");
    srv.patch(
        &format!("/api/sessions/abc/games/{sg}/status"),
        json!({ "status": "played" }),
        t,
    )
    .assert_error(400, "Invalid session ID");

    // status
    for bad in [
        json!({}),
        json!({ "status": 3 }),
        json!({ "status": "PLAYED" }),
    ] {
        srv.patch(&format!("{base}/status"), bad, t)
            .assert_error(400, "Invalid status. Must be playing, played, or skipped");
    }
    // room code
    for bad in [
        json!({}),
        json!({ "room_code": "ab1" }),
        json!({ "room_code": 12 }),
    ] {
        srv.patch(&format!("{base}/room-code"), bad, t)
            .assert_error(
                400,
                "Invalid room code. Must be exactly 4 characters (A-Z, 0-9)",
            );
    }
    // player count
    for bad in [
        json!({}),
        json!({ "player_count": -1 }),
        json!({ "player_count": "6" }),
        json!({ "player_count": 2.5 }),
    ] {
        srv.patch(&format!("{base}/player-count"), bad, t)
            .assert_error(400, "player_count must be a non-negative integer");
    }
    let r = srv.patch(
        &format!("{base}/player-count"),
        json!({ "player_count": 0 }),
        t,
    );
    assert_eq!(r.status, 200);
    // monitoring needs a room code
    srv.post(&format!("{base}/start-player-check"), json!({}), t)
        .assert_error(400, "Game does not have a room code");
    let r = srv.raw("POST", &format!("{base}/start-player-check"), vec![], None);
    r.assert_error(401, "Access token required");
    let r = srv.post(&format!("{base}/stop-player-check"), json!({}), t);
    assert_eq!(r.json["status"], "stopped");
    // a closed session's game cannot be monitored
    srv.patch(
        &format!("/api/sessions/{first}/games/{old}/room-code"),
        json!({ "room_code": "QQQQ" }),
        t,
    );
    let r = srv.post(
        &format!("/api/sessions/{first}/games/{old}/start-player-check"),
        json!({}),
        t,
    );
    assert_eq!(r.status, 400, "{}", r.text);
}

#[test]
fn status_live_from_the_database() {
    let srv = Server::start();
    let token = srv.token();
    let t = Some(token.as_str());
    let sid = srv.session(&token);
    // The room code is set afterwards so no monitor starts: this is the database fallback.
    let r = srv.post(
        &format!("/api/sessions/{sid}/games"),
        json!({ "game_id": 5 }),
        t,
    );
    let sg = r.json["id"].as_i64().unwrap();
    srv.patch(
        &format!("/api/sessions/{sid}/games/{sg}/room-code"),
        json!({ "room_code": "WXYZ" }),
        t,
    );
    srv.patch(
        &format!("/api/sessions/{sid}/games/{sg}/player-count"),
        json!({ "player_count": 4 }),
        t,
    );
    let r = srv.get(&format!("/api/sessions/{sid}/games/{sg}/status-live"));
    assert_eq!(r.status, 200, "{}", r.text);
    let obj = r.json.as_object().unwrap();
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "appTag",
            "gameFinished",
            "gameId",
            "gameStarted",
            "gameState",
            "lobbyState",
            "maxPlayers",
            "monitorState",
            "monitoring",
            "playerCount",
            "players",
            "roomCode",
            "sessionGameId",
            "sessionId"
        ]
    );
    assert_eq!(r.json["sessionId"], sid);
    assert_eq!(r.json["gameId"], 5);
    assert_eq!(r.json["sessionGameId"], sg);
    assert_eq!(r.json["roomCode"], "WXYZ");
    assert_eq!(r.json["playerCount"], 4);
    assert_eq!(r.json["lobbyState"], serde_json::Value::Null);
    srv.get(&format!("/api/sessions/{sid}/games/999/status-live"))
        .assert_error(404, "Session game not found");
}
