//! Live votes (CLI and HTTP, every error string), the HTTP chat import, and the vote
//! history / per-session totals with their filters and pagination.

use super::chat_import::{fixture, night, standard};
use super::server::Server;
use super::util::Env;
use serde_json::{json, Value};

const NO_MATCH: &str = "Vote timestamp does not match any game in the active session";
const BAD_TIME: &str = "Invalid timestamp format. Use ISO 8601 format (e.g., 2025-11-01T20:30:00Z)";

fn title(env: &Env, id: i64) -> (String, String) {
    env.conn()
        .query_row(
            "SELECT title, pack_name FROM games WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

fn in_secs(secs: i64) -> String {
    jackbox::time::format(chrono::Utc::now() + chrono::Duration::seconds(secs))
}

#[test]
fn live_votes_from_the_cli() {
    let env = Env::new();
    env.fails(&["vote", "up", "--user", "v"], 3, "No active session found");
    env.ok(&["session", "create"]);
    env.fails(
        &["vote", "up", "--user", "v"],
        3,
        "No games have been played in the active session yet",
    );
    env.ok(&["game", "add", "1"]);
    env.ok(&["game", "add", "2"]);
    env.conn()
        .execute_batch(
            "UPDATE session_games SET played_at = '2026-03-15T19:00:00.000Z' WHERE id = 1;
             UPDATE session_games SET played_at = '2026-03-15T20:00:00.000Z' WHERE id = 2;",
        )
        .unwrap();
    env.fails(
        &["vote", "up", "--user", "v", "--at", "2026-03-15T18:00:00Z"],
        3,
        NO_MATCH,
    );
    env.fails(&["vote", "up", "--user", "v", "--at", "soon"], 4, BAD_TIME);

    let r = env.json(&[
        "vote",
        "up",
        "--user",
        "viewer123",
        "--at",
        "2026-03-15T19:30:00Z",
    ]);
    let (t1, p1) = title(&env, 1);
    assert_eq!(
        r,
        json!({
            "success": true, "message": "Vote recorded successfully",
            "session": { "id": 1, "games_played": 2 },
            "game": { "id": 1, "session_game_id": 1, "title": t1, "pack_name": p1,
                      "upvotes": 1, "downvotes": 0, "popularity_score": 1 },
            "vote": { "username": "viewer123", "type": "up",
                      "timestamp": "2026-03-15T19:30:00.000Z" },
        })
    );
    // The same viewer less than a second later, or earlier: a duplicate.
    for at in [
        "2026-03-15T19:30:00.999Z",
        "2026-03-15T19:29:59.500Z",
        "2026-03-15T19:30:00Z",
    ] {
        env.fails(
            &["vote", "down", "--user", "viewer123", "--at", at],
            1,
            "Duplicate vote",
        );
    }
    let r = env.json(&[
        "vote",
        "down",
        "--user",
        "viewer123",
        "--at",
        "2026-03-15T19:30:01Z",
    ]);
    assert_eq!(r["game"]["downvotes"], 1);
    assert_eq!(r["game"]["popularity_score"], 0);
    // Another viewer at the same instant is fine; the newest game's interval is open.
    env.json(&[
        "vote",
        "up",
        "--user",
        "other",
        "--at",
        "2026-03-15T19:30:00Z",
    ]);
    let r = env.json(&[
        "vote",
        "up",
        "--user",
        "late",
        "--at",
        "2030-01-01T00:00:00Z",
    ]);
    assert_eq!(r["game"]["session_game_id"], 2);
    // Without --at: now, i.e. the newest game.
    let r = env.json(&["vote", "down", "--user", "nowish"]);
    assert_eq!(r["game"]["session_game_id"], 2);

    assert_eq!(env.count("SELECT COUNT(*) FROM live_votes"), 5);
    assert_eq!(
        env.count("SELECT upvotes * 10 + downvotes FROM session_games WHERE id = 1"),
        21
    );
    assert_eq!(
        env.count("SELECT upvotes * 10 + downvotes FROM session_games WHERE id = 2"),
        11
    );
    assert_eq!(
        env.count("SELECT popularity_score FROM games WHERE id = 1"),
        1
    );
    assert_eq!(
        env.count("SELECT COUNT(*) FROM events WHERE type = 'vote.received'"),
        5
    );
    let payload: String = env
        .conn()
        .query_row(
            "SELECT payload FROM events WHERE type = 'vote.received' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let event: Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(
        event["data"],
        json!({
            "sessionId": 1,
            "game": { "id": 1, "session_game_id": 1, "title": t1, "pack_name": p1 },
            "vote": { "username": "viewer123", "type": "up",
                      "timestamp": "2026-03-15T19:30:00.000Z" },
            "totals": { "upvotes": 1, "downvotes": 0, "popularity_score": 1 },
        })
    );
    let out = env.ok(&[
        "vote",
        "up",
        "--user",
        "human",
        "--at",
        "2026-03-15T19:45:00Z",
    ]);
    assert!(out.starts_with("Vote recorded: up for"), "{out}");
}

#[test]
fn live_votes_over_http() {
    let srv = Server::start();
    let token = srv.token();
    let live = |body: Value| srv.post("/api/votes/live", body, Some(&token));
    let soon = in_secs(2);
    let vote = |user: &str, kind: &str, at: &str| json!({ "username": user, "vote": kind, "timestamp": at });

    srv.post("/api/votes/live", vote("a", "up", &soon), None)
        .assert_error(401, "Access token required");
    let missing = "Missing required fields: username, vote, timestamp";
    live(json!({})).assert_error(400, missing);
    live(json!({ "username": "a", "vote": "up" })).assert_error(400, missing);
    live(json!({ "username": "", "vote": "up", "timestamp": soon })).assert_error(400, missing);
    live(vote("a", "sideways", &soon)).assert_error(400, "vote must be either \"up\" or \"down\"");
    live(json!({ "username": "a", "vote": 1, "timestamp": soon }))
        .assert_error(400, "vote must be either \"up\" or \"down\"");
    live(vote("a", "up", "not a time")).assert_error(400, BAD_TIME);
    live(vote("a", "up", &soon)).assert_error(404, "No active session found");
    let sid = srv.session(&token);
    live(vote("a", "up", &soon))
        .assert_error(404, "No games have been played in the active session yet");
    let sgid = srv.add_game(&token, sid, 3);
    let r = live(vote("a", "up", "2000-01-01T00:00:00Z"));
    r.assert_error(404, NO_MATCH);
    assert!(r.json["debug"].is_object(), "{}", r.text);
    assert_eq!(r.json["debug"]["intervals"][0]["session_game_id"], sgid);

    let r = live(vote("viewer123", "up", &soon));
    assert_eq!(r.status, 200, "{}", r.text);
    let (t3, p3) = title(&srv.env, 3);
    assert_eq!(
        r.json,
        json!({
            "success": true, "message": "Vote recorded successfully",
            "session": { "id": sid, "games_played": 1 },
            "game": { "id": 3, "session_game_id": sgid, "title": t3, "pack_name": p3,
                      "upvotes": 1, "downvotes": 0, "popularity_score": 1 },
            "vote": { "username": "viewer123", "type": "up",
                      "timestamp": jackbox::time::normalize_iso(&soon).unwrap() },
        })
    );
    live(vote("viewer123", "down", &soon)).assert_error(409, "Duplicate vote");
    let r = live(vote("viewer123", "down", &in_secs(4)));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["game"]["popularity_score"], 0);
    let games = srv.get(&format!("/api/sessions/{sid}/games"));
    assert_eq!(games.json[0]["upvotes"], 1);
    assert_eq!(games.json[0]["downvotes"], 1);
}

#[test]
fn chat_import_over_http() {
    let env = Env::new();
    night(&env);
    let srv = Server::start_with(env, |_| {});
    let token = srv.token();
    let data: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("base.json")).unwrap()).unwrap();
    let body = json!({ "chatData": data });
    let path = "/api/sessions/1/chat-import";

    srv.post(path, body.clone(), None)
        .assert_error(401, "Access token required");
    srv.post("/api/sessions/99/chat-import", body.clone(), Some(&token))
        .assert_error(404, "Session not found");
    srv.post("/api/sessions/x/chat-import", body.clone(), Some(&token))
        .assert_error(400, "Invalid session ID");
    for bad in [
        json!({}),
        json!({ "chatData": "x" }),
        json!({ "chatData": {} }),
    ] {
        srv.post(path, bad, Some(&token))
            .assert_error(400, "chatData must be an array");
    }
    let r = srv.raw("POST", path, b"{\"chatData\": [".to_vec(), Some(&token));
    assert_eq!(r.status, 400);
    assert!(
        r.json["error"]
            .as_str()
            .unwrap()
            .starts_with("Invalid JSON body"),
        "{}",
        r.text
    );
    let mut broken = data.clone();
    broken[3].as_object_mut().unwrap().remove("username");
    srv.post(path, json!({ "chatData": broken }), Some(&token))
        .assert_error(400, "Invalid chat entry at index 3: missing username");
    assert_eq!(srv.env.count("SELECT COUNT(*) FROM chat_logs"), 0);

    let r = srv.post(path, body.clone(), Some(&token));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json, standard(&srv.env));
    let r = srv.post(path, body, Some(&token));
    assert_eq!(r.json["messagesImported"], 0);
    assert_eq!(r.json["duplicatesSkipped"], 9);
    assert_eq!(
        srv.env
            .count("SELECT COUNT(*) FROM events WHERE type = 'vote.received'"),
        0
    );
    assert_eq!(
        srv.env
            .count("SELECT COUNT(*) FROM events WHERE type = 'votes.imported'"),
        1
    );
}

#[test]
fn history_filters_pagination_and_totals() {
    let env = Env::new();
    night(&env); // session 1, closed: 4 matched chat votes
    env.json(&[
        "chat",
        "import",
        "--session",
        "1",
        fixture("base.json").to_str().unwrap(),
    ]);
    let srv = Server::start_with(env, |_| {});
    let token = srv.token();
    let sid = srv.session(&token);
    srv.add_game(&token, sid, 1);
    for (i, (user, kind)) in [("bob", "up"), ("zoe", "down"), ("yan", "down")]
        .iter()
        .enumerate()
    {
        let r = srv.post(
            "/api/votes/live",
            json!({ "username": user, "vote": kind, "timestamp": in_secs(2 + i as i64) }),
            Some(&token),
        );
        assert_eq!(r.status, 200, "{}", r.text);
    }

    let all = srv.get("/api/votes");
    assert_eq!(all.status, 200, "{}", all.text);
    assert_eq!(
        all.json["pagination"],
        json!({ "page": 1, "limit": 50, "total": 7, "total_pages": 1 })
    );
    let votes = all.json["votes"].as_array().unwrap();
    let times: Vec<&str> = votes
        .iter()
        .map(|v| v["timestamp"].as_str().unwrap())
        .collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "newest first");
    assert_eq!(votes[0]["username"], "yan");
    assert_eq!(votes[0]["source"], "live");
    assert_eq!(votes[0]["session_id"], sid);
    assert_eq!(votes[0]["vote_type"], "down");
    let chat = votes.iter().find(|v| v["source"] == "chat").unwrap();
    for key in [
        "id",
        "session_id",
        "game_id",
        "game_title",
        "pack_name",
        "username",
        "vote_type",
        "timestamp",
        "created_at",
    ] {
        assert!(!chat[key].is_null(), "{key}: {chat}");
    }

    let count = |q: &str| {
        let r = srv.get(&format!("/api/votes?{q}"));
        assert_eq!(r.status, 200, "{q}: {}", r.text);
        r.json["pagination"]["total"].as_i64().unwrap()
    };
    assert_eq!(count("session_id=1"), 4);
    assert_eq!(count(&format!("session_id={sid}")), 3);
    assert_eq!(count("game_id=1"), 5);
    assert_eq!(count("username=bob"), 2);
    assert_eq!(count("vote_type=down"), 3);
    assert_eq!(count("vote_type=up&session_id=1"), 3);

    let page = srv.get("/api/votes?limit=2&page=2");
    assert_eq!(
        page.json["pagination"],
        json!({ "page": 2, "limit": 2, "total": 7, "total_pages": 4 })
    );
    assert_eq!(page.json["votes"].as_array().unwrap().len(), 2);
    assert_eq!(page.json["votes"][0], votes[2]);
    let last = srv.get("/api/votes?limit=2&page=4");
    assert_eq!(last.json["votes"].as_array().unwrap().len(), 1);
    assert_eq!(
        srv.get("/api/votes?limit=1000").json["pagination"]["limit"],
        100
    );

    for (q, name) in [
        ("session_id=abc", "session_id"),
        ("game_id=0", "game_id"),
        ("vote_type=sideways", "vote_type"),
        ("page=0", "page"),
        ("limit=-5", "limit"),
        ("page=x", "page"),
    ] {
        let r = srv.get(&format!("/api/votes?{q}"));
        assert_eq!(r.status, 400, "{q}");
        assert!(
            r.json["error"].as_str().unwrap().contains(name),
            "{q}: {}",
            r.text
        );
    }

    // Per-session totals: best net score first.
    let totals = srv.get("/api/sessions/1/votes");
    assert_eq!(totals.status, 200, "{}", totals.text);
    assert_eq!(totals.json["session_id"], 1);
    let ids: Vec<i64> = totals.json["votes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["game_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![2, 3, 1]);
    let (t1, p1) = title(&srv.env, 1);
    assert_eq!(
        totals.json["votes"][2],
        json!({ "game_id": 1, "title": t1, "pack_name": p1, "upvotes": 1, "downvotes": 1,
                "net_score": 0, "total_votes": 2 })
    );
    let live_totals = srv.get(&format!("/api/sessions/{sid}/votes"));
    assert_eq!(live_totals.json["votes"][0]["net_score"], -1);
    srv.get("/api/sessions/99/votes")
        .assert_error(404, "Session not found");
    srv.get("/api/sessions/abc/votes")
        .assert_error(400, "Invalid session ID");

    // The CLI prints the same shapes with --json, tables otherwise.
    let env = &srv.env;
    assert_eq!(env.json(&["votes", "list"]), all.json);
    assert_eq!(
        env.json(&["votes", "list", "--limit", "2", "--page", "2"]),
        page.json
    );
    assert_eq!(
        env.json(&["votes", "list", "--session", "1", "--type", "up"])["pagination"]["total"],
        3
    );
    assert_eq!(
        env.json(&["votes", "list", "--game", &t1])["pagination"]["total"],
        5
    );
    assert_eq!(
        env.json(&["votes", "list", "--user", "bob"])["pagination"]["total"],
        2
    );
    assert_eq!(env.json(&["votes", "summary", "1"]), totals.json);
    assert_eq!(env.json(&["votes", "summary"]), live_totals.json);
    let table = env.ok(&["votes", "summary", "1"]);
    assert!(table.contains(&t1) && table.contains("Net"), "{table}");
    let list = env.ok(&["votes", "list", "--session", "1"]);
    assert!(list.contains("page 1 of 1 (4 votes)"), "{list}");
    env.fails(&["votes", "summary", "99"], 3, "Session not found");
    env.fails(
        &["votes", "list", "--page", "0"],
        4,
        "Invalid page: must be a positive integer",
    );
}
