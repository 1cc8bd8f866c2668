//! Choosing the next game together (`polls.md`): the selection, polls with their deadline
//! (with and without a daemon, across a daemon restart), concurrent votes, tickers in the
//! catalog, live votes and chat logs. Both faces.

use super::server::Server;
use super::util::event_data as events;
use super::util::Env;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// A catalog game's id by title (the numbered Party Pack copy when there are several).
fn game_id(env: &Env, title: &str) -> i64 {
    env.conn()
        .query_row(
            "SELECT id FROM games WHERE title = ?1
             ORDER BY pack_name NOT LIKE 'The Jackbox Party Pack%', id LIMIT 1",
            [title],
            |r| r.get(0),
        )
        .unwrap()
}

/// A stored time in milliseconds since the epoch.
fn time_ms(text: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(text)
        .unwrap()
        .timestamp_millis()
}

/// Waits (polling, at most `secs`) until `cond` holds.
fn wait_for(secs: u64, what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Moves the open poll's deadline to `ms` milliseconds from now (negative: the past), as
/// if it had been opened that long ago.
fn set_deadline(env: &Env, poll_id: i64, ms: i64) {
    let at = chrono::Utc::now() + chrono::Duration::milliseconds(ms);
    let text = at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    env.conn()
        .execute(
            "UPDATE polls SET closes_at = ?2 WHERE id = ?1",
            rusqlite::params![poll_id, text],
        )
        .unwrap();
}

#[test]
fn every_builtin_game_has_a_unique_valid_ticker() {
    let env = Env::new();
    env.init();
    env.ok(&["catalog", "list"]);
    let conn = env.conn();
    let missing: i64 = conn
        .query_row("SELECT COUNT(*) FROM games WHERE ticker IS NULL", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(missing, 0, "every built-in game has a ticker");
    let mut stmt = conn.prepare("SELECT ticker FROM games").unwrap();
    let tickers: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let distinct: std::collections::HashSet<String> =
        tickers.iter().map(|t| t.to_ascii_uppercase()).collect();
    assert_eq!(distinct.len(), tickers.len(), "tickers are unique");
    for t in &tickers {
        assert!(
            (2..=8).contains(&t.len())
                && t.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
            "{t}"
        );
    }
    // The list covers exactly the built-in catalog.
    assert_eq!(jackbox::store::builtin_tickers().len(), tickers.len());
    let q3: String = conn
        .query_row(
            "SELECT ticker FROM games WHERE title = 'Quiplash 3'
             AND pack_name = 'The Jackbox Party Pack 7'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(q3, "QPL3");
}

#[test]
fn an_older_database_gains_tickers_and_sources() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        jackbox::store::migrate_to(&conn, 5).unwrap();
        conn.execute_batch(
            "INSERT INTO sessions (id, is_active, created_at) VALUES (1, 1, '2026-03-15T19:00:00.000Z');
             INSERT INTO session_games (session_id, game_id, played_at, manually_added, status)
                VALUES (1, 1, '2026-03-15T19:01:00.000Z', 1, 'played'),
                       (1, 2, '2026-03-15T19:20:00.000Z', 0, 'playing');",
        )
        .unwrap();
    }
    let games = env.json(&["game", "list"]);
    assert_eq!(games[0]["source"], "manual");
    assert_eq!(games[1]["source"], "dice");
    let export = env.json(&["session", "export", "1", "--format", "json"]);
    assert_eq!(export["games"][0]["source"], "manual");
    assert_eq!(env.json(&["catalog", "show", "1"])["ticker"], "YDKJ15");
}

#[test]
fn cli_selection_lifecycle() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    let empty = env.json(&["game", "selection"]);
    assert_eq!(
        empty,
        json!({ "sessionId": 1, "game": null, "source": null })
    );
    let sel = env.json(&["game", "select", "Quiplash 3"]);
    assert_eq!(sel["game"]["title"], "Quiplash 3");
    assert_eq!(sel["game"]["ticker"], "QPL3");
    assert_eq!(sel["source"], "manual");
    assert_eq!(env.json(&["game", "selection"]), sel);
    let picked = events(&env, "game.picked");
    assert_eq!(picked.len(), 1);
    assert_eq!(picked[0]["source"], "manual");
    assert_eq!(picked[0]["game"]["title"], "Quiplash 3");
    assert_eq!(
        picked[0]["game"].as_object().unwrap().len(),
        5,
        "id, title, pack_name, min_players, max_players"
    );

    // Dismissing: an event when something was selected, none otherwise.
    let cleared = env.json(&["game", "dismiss"]);
    assert_eq!(cleared["game"], Value::Null);
    env.ok(&["game", "dismiss"]);
    let dismissed = events(&env, "game.dismissed");
    assert_eq!(dismissed.len(), 1);
    assert_eq!(dismissed[0]["reason"], "dismissed");
    assert_eq!(dismissed[0]["gameId"], game_id(&env, "Quiplash 3"));

    // A pick lined up (dice), then added: the session game is `dice`, the selection clears.
    let pick = env.json(&["pick", "--select", "--seed", "7"]);
    assert_eq!(pick["selection"]["source"], "dice");
    let gid = pick["game"]["id"].as_i64().unwrap();
    let sg = env.json(&["game", "add", &gid.to_string()]);
    assert_eq!(sg["source"], "dice");
    assert_eq!(env.json(&["game", "selection"])["game"], Value::Null);
    let dismissed = events(&env, "game.dismissed");
    assert_eq!(dismissed.last().unwrap()["reason"], "added");
    let added = events(&env, "game.added");
    assert_eq!(added.last().unwrap()["game"]["source"], "dice");

    // Another game than the selected one is `manual` (pick --add is `dice`).
    env.ok(&["game", "select", "Drawful 2"]);
    assert_eq!(env.json(&["game", "add", "Quiplash 3"])["source"], "manual");
    assert_eq!(
        env.json(&["pick", "--add", "--seed", "3"])["sessionGame"]["source"],
        "dice"
    );

    // Closing the session dismisses the selection.
    env.ok(&["game", "select", "Drawful 2"]);
    env.ok(&["session", "close"]);
    assert_eq!(
        events(&env, "game.dismissed").last().unwrap()["reason"],
        "session_closed"
    );
    env.fails(
        &["game", "select", "Drawful 2", "--session", "1"],
        1,
        "Cannot select a game for a closed session",
    );
    let export = env.json(&["session", "export", "1", "--format", "json"]);
    let sources: Vec<&str> = export["games"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["dice", "manual", "dice"]);
    assert!(env
        .ok(&["session", "export", "1"])
        .contains("| source: dice"));
}

#[test]
fn cli_selection_errors() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    env.fails(&["game", "select", "999999"], 3, "Game not found");
    let id = game_id(&env, "Drawful 2").to_string();
    env.ok(&["catalog", "disable", &id]);
    env.fails(&["game", "select", &id], 1, "Game is disabled");
    assert!(
        events(&env, "game.picked").is_empty(),
        "nothing half-written"
    );
    // A ticker names its game wherever a GAME is asked for.
    let sel = env.json(&["game", "select", "tko2"]);
    assert_eq!(sel["game"]["title"], "Tee K.O. 2");
    assert_eq!(env.json(&["game", "add", "qpl3"])["title"], "Quiplash 3");
}

#[test]
fn cli_poll_votes_and_winner() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    let poll = env.json(&[
        "poll",
        "start",
        "Quiplash 3",
        "Drawful 2",
        "Tee K.O. 2",
        "--no-deadline",
    ]);
    assert_eq!(poll["status"], "open");
    assert_eq!(poll["closesAt"], Value::Null);
    assert!(poll["createdBy"].as_str().unwrap().starts_with("cli:"));
    assert_eq!(
        env.count("SELECT COUNT(*) FROM audit_log WHERE action = 'poll.open'"),
        1
    );
    let labels: Vec<&str> = poll["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Quiplash 3", "Drawful 2", "Tee K.O. 2", "Other"]);
    assert_eq!(poll["options"][3]["gameId"], Value::Null);
    assert_eq!(poll["options"][1]["ticker"], "DRAW2");
    assert_eq!(events(&env, "poll.start")[0]["poll"]["id"], poll["id"]);

    // Position, ticker in any case, exact title; a later vote replaces the earlier one.
    env.ok(&["poll", "vote", "2", "--user", "alice"]);
    env.ok(&["poll", "vote", "draw2", "--user", "bob"]);
    env.ok(&["poll", "vote", "Quiplash 3", "--user", "carol"]);
    let p = env.json(&["poll", "vote", "qpl3", "--user", "Alice"]);
    let votes: Vec<i64> = p["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["votes"].as_i64().unwrap())
        .collect();
    assert_eq!(votes, [2, 1, 0, 0], "Alice is alice: one vote, moved");
    assert_eq!(p["totalVotes"], 3);
    env.fails(
        &["poll", "vote", "9", "--user", "dave"],
        4,
        "Unknown choice",
    );
    env.fails(
        &["poll", "vote", "quiplash 3", "--user", "dave"],
        4,
        "Unknown choice",
    );
    env.fails(
        &["poll", "vote", "2", "--user", "  "],
        4,
        "username is required",
    );
    env.fails(&["poll", "start", "1", "2"], 1, "A poll is already open");
    assert_eq!(env.count("SELECT COUNT(*) FROM polls"), 1);

    let closed = env.json(&["poll", "close"]);
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["winner"]["label"], "Quiplash 3");
    assert_eq!(closed["tiedPositions"], Value::Null);
    let ended = events(&env, "voting.ended");
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0]["winnerLabel"], "Quiplash 3");
    assert_eq!(ended[0]["winnerGameId"], game_id(&env, "Quiplash 3"));
    assert_eq!(ended[0]["votes"][0]["votes"], 2);
    let sel = env.json(&["game", "selection"]);
    assert_eq!(sel["source"], "poll");
    assert_eq!(sel["game"]["title"], "Quiplash 3");
    assert_eq!(env.json(&["game", "add", "Quiplash 3"])["source"], "poll");

    env.fails(
        &["poll", "vote", "1", "--user", "late"],
        1,
        "Poll is closed",
    );
    env.fails(&["poll", "close"], 3, "No open poll");
    env.fails(&["poll", "show"], 3, "No open poll");
    assert_eq!(env.json(&["poll", "show", "1"])["winner"]["position"], 1);
    assert_eq!(env.json(&["poll", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn cli_poll_rules() {
    let env = Env::new();
    env.init();
    env.fails(&["poll", "list", "--session", "1"], 3, "Session not found");
    env.ok(&["session", "create"]);
    env.fails(
        &["poll", "start", "Quiplash 3"],
        4,
        "gameIds must be a list of 2 to 6 game IDs",
    );
    env.fails(
        &["poll", "start", "1", "2", "3", "4", "5", "6", "7"],
        4,
        "gameIds must be a list of 2 to 6 game IDs",
    );
    env.fails(
        &["poll", "start", "1", "1"],
        4,
        "gameIds must not repeat a game",
    );
    env.fails(
        &["poll", "start", "--count", "7"],
        4,
        "count must be an integer from 2 to 6",
    );
    env.fails(
        &["poll", "start", "--duration", "5"],
        4,
        "durationSeconds must be an integer from 10 to 3600, or null",
    );
    env.ok(&["catalog", "disable", "2"]);
    env.fails(&["poll", "start", "1", "2"], 1, "Game is disabled");
    env.fails(&["poll", "start", "1", "99999"], 3, "Game not found");
    assert_eq!(
        env.count("SELECT COUNT(*) FROM polls"),
        0,
        "nothing half-written"
    );

    // Drawn by the picker: distinct enabled games matching the filters, then "Other".
    let p = env.json(&[
        "poll",
        "start",
        "--count",
        "6",
        "--players",
        "8",
        "--no-other",
        "--seed",
        "1",
    ]);
    let opts = p["options"].as_array().unwrap();
    assert_eq!(opts.len(), 6);
    let ids: std::collections::HashSet<i64> =
        opts.iter().map(|o| o["gameId"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 6);
    assert!(!ids.contains(&2), "disabled games are never drawn");
    assert!(env
        .json(&["poll", "cancel"])
        .get("winner")
        .is_some_and(Value::is_null));
    assert_eq!(events(&env, "poll.cancelled").len(), 1);
    assert_eq!(env.json(&["game", "selection"])["game"], Value::Null);
    env.fails(&["poll", "cancel"], 3, "No open poll");
    env.fails(
        &["poll", "start", "--players", "1000"],
        3,
        "No games match the current filters",
    );
    env.fails(
        &[
            "poll",
            "start",
            "--pack",
            "The Jackbox Naughty Pack",
            "--count",
            "4",
        ],
        3,
        "Not enough games match the current filters (3 for a poll of 4)",
    );

    // A tie is drawn and recorded: re-reads show the same winner.
    env.ok(&["poll", "start", "1", "3", "--no-other"]);
    env.ok(&["poll", "vote", "1", "--user", "a"]);
    env.ok(&["poll", "vote", "2", "--user", "b"]);
    let closed = env.json(&["poll", "close"]);
    assert_eq!(closed["tiedPositions"], json!([1, 2]));
    let winner = closed["winner"].clone();
    assert!(!winner.is_null());
    let id = closed["id"].as_i64().unwrap().to_string();
    assert_eq!(env.json(&["poll", "show", &id])["winner"], winner);

    // No votes: no winner, nothing selected. A closed session takes no poll.
    env.ok(&["game", "dismiss"]);
    env.ok(&["poll", "start", "1", "3"]);
    let closed = env.json(&["poll", "close"]);
    assert_eq!(closed["winner"], Value::Null);
    assert_eq!(env.json(&["game", "selection"])["game"], Value::Null);
    env.ok(&["session", "close"]);
    env.fails(
        &["poll", "start", "1", "3", "--session", "1"],
        1,
        "Cannot open a poll for a closed session",
    );
}

#[test]
fn deadline_without_a_daemon() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    let poll = env.json(&[
        "poll",
        "start",
        "Quiplash 3",
        "Drawful 2",
        "--duration",
        "60",
    ]);
    let id = poll["id"].as_i64().unwrap();
    let started = time_ms(poll["startedAt"].as_str().unwrap());
    let closes = time_ms(poll["closesAt"].as_str().unwrap());
    assert_eq!(closes - started, 60_000);
    env.ok(&["poll", "vote", "2", "--user", "early"]);
    set_deadline(&env, id, -1000);
    // The late vote is refused, and closing happened first: the early vote won.
    env.fails(
        &["poll", "vote", "1", "--user", "late"],
        1,
        "Poll is closed",
    );
    assert_eq!(env.count("SELECT COUNT(*) FROM poll_votes"), 1);
    let ended = events(&env, "voting.ended");
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0]["winnerLabel"], "Drawful 2");
    let shown = env.json(&["poll", "show", &id.to_string()]);
    assert_eq!(shown["status"], "closed");
    assert_eq!(
        shown["closedAt"], shown["closesAt"],
        "closed at its deadline"
    );
    assert_eq!(env.json(&["game", "selection"])["source"], "poll");

    // A read also closes an expired poll first.
    let poll = env.json(&["poll", "start", "1", "3"]);
    set_deadline(&env, poll["id"].as_i64().unwrap(), -10);
    env.fails(&["poll", "show"], 3, "No open poll");
    assert_eq!(events(&env, "voting.ended").len(), 2);
    // And a new poll may open once the old one expired.
    let poll = env.json(&["poll", "start", "1", "3"]);
    set_deadline(&env, poll["id"].as_i64().unwrap(), -10);
    env.ok(&["poll", "start", "1", "3"]);
    assert_eq!(events(&env, "voting.ended").len(), 3);
}

#[test]
fn leading_events_are_coalesced_and_the_last_state_is_sent() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    env.ok(&["poll", "start", "1", "3", "--no-deadline"]);
    for i in 0..12 {
        let choice = if i % 3 == 0 { "2" } else { "1" };
        env.ok(&["poll", "vote", choice, "--user", &format!("u{i}")]);
    }
    let closed = env.json(&["poll", "close"]);
    let leading = events(&env, "poll.leading");
    assert!(!leading.is_empty());
    let last = leading.last().unwrap();
    assert_eq!(last["totalVotes"], 12, "the last state went out");
    assert_eq!(last["leader"]["position"], 1);
    assert_eq!(last["options"], closed["options"]);
    // At most 4 per second: consecutive leading events are ≥ 250 ms apart (the last one,
    // sent by the close with the final state, may follow sooner).
    let conn = env.conn();
    let mut stmt = conn
        .prepare("SELECT payload FROM events WHERE type = 'poll.leading' ORDER BY id")
        .unwrap();
    let times: Vec<i64> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|p| {
            let v: Value = serde_json::from_str(&p.unwrap()).unwrap();
            time_ms(v["timestamp"].as_str().unwrap())
        })
        .collect();
    for w in times[..times.len() - 1].windows(2) {
        assert!(
            w[1] - w[0] >= 250,
            "leading events {w:?} closer than 250 ms"
        );
    }
}

#[test]
fn http_selection_routes_and_pick_select() {
    let srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    let q3 = game_id(&srv.env, "Quiplash 3");
    let path = format!("/api/sessions/{sid}/game-selection");
    let r = srv.get(&path);
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json,
        json!({ "sessionId": sid, "game": null, "source": null })
    );
    srv.post(&path, json!({ "game_id": q3 }), None)
        .assert_error(401, "Access token required");
    srv.post(&path, json!({}), Some(&token))
        .assert_error(400, "game_id is required");
    srv.post(
        &path,
        json!({ "game_id": q3, "source": "magic" }),
        Some(&token),
    )
    .assert_error(400, "source must be dice, manual or poll");
    srv.post(&path, json!({ "game_id": 999999 }), Some(&token))
        .assert_error(404, "Game not found");
    srv.post(
        "/api/sessions/999/game-selection",
        json!({ "game_id": q3 }),
        Some(&token),
    )
    .assert_error(404, "Session not found");
    let r = srv.post(
        &path,
        json!({ "game_id": q3, "source": "dice" }),
        Some(&token),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["source"], "dice");
    assert_eq!(r.json["game"]["id"], q3);
    assert_eq!(srv.get(&path).json, r.json);
    let r = srv.delete(&path, Some(&token));
    assert_eq!(r.status, 200);
    assert_eq!(r.json["game"], Value::Null);
    assert_eq!(srv.delete(&path, Some(&token)).status, 200);
    assert_eq!(events(&srv.env, "game.dismissed").len(), 1);

    // pick + select: admin only; a plain pick stays public.
    srv.post(
        "/api/pick",
        json!({ "sessionId": sid, "select": true }),
        None,
    )
    .assert_error(401, "Access token required");
    assert_eq!(
        srv.post("/api/pick", json!({ "sessionId": sid }), None)
            .status,
        200
    );
    srv.post("/api/pick", json!({ "select": true }), Some(&token))
        .assert_error(400, "sessionId is required to select the pick");
    let r = srv.post(
        "/api/pick",
        json!({ "sessionId": sid, "select": true }),
        Some(&token),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["selection"]["source"], "dice");
    assert_eq!(r.json["selection"]["game"]["id"], r.json["game"]["id"]);
    let gid = r.json["game"]["id"].as_i64().unwrap();
    srv.add_game(&token, sid, gid);
    let games = srv.get(&format!("/api/sessions/{sid}/games")).json;
    assert_eq!(games[0]["source"], "dice");
    assert_eq!(srv.get(&path).json["game"], Value::Null);
    let r = srv.get(&format!("/api/sessions/{sid}/export?format=json"));
    let r = if r.status == 200 {
        r
    } else {
        srv.get_auth(&format!("/api/sessions/{sid}/export?format=json"), &token)
    };
    assert_eq!(r.json["games"][0]["source"], "dice");

    // Disabled game; closed session.
    srv.send(|c| {
        c.patch(srv.url(&format!("/api/games/{q3}/toggle")))
            .bearer_auth(&token)
    });
    srv.post(&path, json!({ "game_id": q3 }), Some(&token))
        .assert_error(400, "Game is disabled");
    srv.post(
        &format!("/api/sessions/{sid}/close"),
        json!({}),
        Some(&token),
    );
    srv.post(&path, json!({ "game_id": 1 }), Some(&token))
        .assert_error(400, "Cannot select a game for a closed session");
}

#[test]
fn http_polls() {
    let srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    let base = format!("/api/sessions/{sid}/polls");
    srv.post(&base, json!({}), None)
        .assert_error(401, "Access token required");
    srv.get(&format!("{base}/current"))
        .assert_error(404, "No open poll");
    for (body, status, message) in [
        (
            json!({ "gameIds": [1] }),
            400,
            "gameIds must be a list of 2 to 6 game IDs",
        ),
        (
            json!({ "gameIds": [1, 2, 3, 4, 5, 6, 7] }),
            400,
            "gameIds must be a list of 2 to 6 game IDs",
        ),
        (
            json!({ "gameIds": "1,2" }),
            400,
            "gameIds must be a list of 2 to 6 game IDs",
        ),
        (
            json!({ "gameIds": [1, 1] }),
            400,
            "gameIds must not repeat a game",
        ),
        (json!({ "gameIds": [1, 999999] }), 404, "Game not found"),
        (
            json!({ "count": 1 }),
            400,
            "count must be an integer from 2 to 6",
        ),
        (
            json!({ "count": "3" }),
            400,
            "count must be an integer from 2 to 6",
        ),
        (
            json!({ "durationSeconds": 9 }),
            400,
            "durationSeconds must be an integer from 10 to 3600, or null",
        ),
        (
            json!({ "durationSeconds": 3601 }),
            400,
            "durationSeconds must be an integer from 10 to 3600, or null",
        ),
        (
            json!({ "includeOther": "yes" }),
            400,
            "includeOther must be a boolean",
        ),
        (
            json!({ "playerCount": 0 }),
            400,
            "playerCount must be a positive integer",
        ),
    ] {
        srv.post(&base, body.clone(), Some(&token))
            .assert_error(status, message);
    }
    assert_eq!(srv.env.count("SELECT COUNT(*) FROM polls"), 0);

    let r = srv.post(
        &base,
        json!({ "gameIds": [1, 2, 3, 4, 5, 6], "durationSeconds": null }),
        Some(&token),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    let poll = r.json.clone();
    assert_eq!(poll["sessionId"], sid);
    assert_eq!(
        poll["options"].as_array().unwrap().len(),
        7,
        "six games and Other"
    );
    let creator = poll["createdBy"].as_str().unwrap();
    assert!(!creator.is_empty() && creator != "system", "{creator}");
    srv.post(&base, json!({}), Some(&token))
        .assert_error(409, "A poll is already open");
    let votes = format!("{base}/current/votes");
    srv.post(&votes, json!({ "username": "a", "choice": 2 }), None)
        .assert_error(401, "Access token required");
    srv.post(&votes, json!({ "username": "", "choice": 2 }), Some(&token))
        .assert_error(400, "username is required");
    srv.post(&votes, json!({ "choice": 2 }), Some(&token))
        .assert_error(400, "username is required");
    srv.post(&votes, json!({ "username": "a" }), Some(&token))
        .assert_error(400, "choice is required");
    srv.post(
        &votes,
        json!({ "username": "a", "choice": 8 }),
        Some(&token),
    )
    .assert_error(400, "Unknown choice");
    srv.post(
        &votes,
        json!({ "username": "a", "choice": "NOPE" }),
        Some(&token),
    )
    .assert_error(400, "Unknown choice");
    let ticker = poll["options"][2]["ticker"]
        .as_str()
        .unwrap()
        .to_lowercase();
    let r = srv.post(
        &votes,
        json!({ "username": "a", "choice": ticker }),
        Some(&token),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["options"][2]["votes"], 1);
    let r = srv.post(
        &votes,
        json!({ "username": "b", "choice": "7" }),
        Some(&token),
    );
    assert_eq!(r.json["options"][6]["votes"], 1);
    let r = srv.post(
        &votes,
        json!({ "username": "c", "choice": "Other" }),
        Some(&token),
    );
    assert_eq!(r.json["totalVotes"], 3);
    assert_eq!(srv.get(&format!("{base}/current")).json["totalVotes"], 3);
    assert_eq!(
        srv.get(&format!("{base}/{}", poll["id"])).json["id"],
        poll["id"]
    );
    srv.get(&format!("{base}/abc"))
        .assert_error(400, "Invalid poll ID");
    srv.get(&format!("{base}/999"))
        .assert_error(404, "Poll not found");

    let r = srv.post(&format!("{base}/current/close"), json!({}), Some(&token));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["winner"]["label"], "Other");
    assert_eq!(
        srv.get(&format!("/api/sessions/{sid}/game-selection")).json["game"],
        Value::Null,
        "Other selects nothing"
    );
    srv.post(&format!("{base}/current/close"), json!({}), Some(&token))
        .assert_error(404, "No open poll");
    srv.post(
        &votes,
        json!({ "username": "z", "choice": 1 }),
        Some(&token),
    )
    .assert_error(409, "Poll is closed");

    // Drawn by the picker with its filters; cancel.
    let r = srv.post(
        &base,
        json!({ "count": 2, "includeOther": false, "drawing": "only" }),
        Some(&token),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["options"].as_array().unwrap().len(), 2);
    assert_eq!(
        r.json["closesAt"].as_str().map(time_ms),
        r.json["startedAt"].as_str().map(|s| time_ms(s) + 60_000)
    );
    for o in r.json["options"].as_array().unwrap() {
        let g = srv.get(&format!("/api/games/{}", o["gameId"])).json;
        assert_eq!(g["game_type"], "Drawing");
    }
    srv.delete(&format!("{base}/current"), None)
        .assert_error(401, "Access token required");
    let r = srv.delete(&format!("{base}/current"), Some(&token));
    assert_eq!(r.status, 200);
    assert_eq!(r.json["status"], "cancelled");
    let list = srv.get(&base).json;
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["status"], "cancelled", "newest first");

    // Closed sessions take no poll; the webhook registry knows the new events.
    srv.post(
        &format!("/api/sessions/{sid}/close"),
        json!({}),
        Some(&token),
    );
    srv.post(&base, json!({}), Some(&token))
        .assert_error(400, "Cannot open a poll for a closed session");
    let r = srv.post(
        "/api/webhooks",
        json!({
            "name": "bot", "url": "http://127.0.0.1:9/hook", "secret": "s",
            "events": ["game.picked", "game.dismissed", "poll.start", "poll.leading",
                       "voting.ended", "poll.cancelled"],
        }),
        Some(&token),
    );
    assert_eq!(r.status, 201, "{}", r.text);
}

#[test]
fn the_daemon_closes_a_poll_on_time() {
    let srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    let r = srv.post(
        &format!("/api/sessions/{sid}/polls"),
        json!({ "gameIds": [1, 3], "durationSeconds": 10 }),
        Some(&token),
    );
    let id = r.json["id"].as_i64().unwrap();
    srv.post(
        &format!("/api/sessions/{sid}/polls/current/votes"),
        json!({ "username": "v", "choice": 2 }),
        Some(&token),
    );
    set_deadline(&srv.env, id, 800);
    // Nobody reads the poll: the daemon closes it by itself.
    wait_for(10, "voting.ended", || {
        !events(&srv.env, "voting.ended").is_empty()
    });
    let ended = events(&srv.env, "voting.ended");
    assert_eq!(ended[0]["pollId"], id);
    assert_eq!(ended[0]["winnerGameId"], 3);
    let picked = events(&srv.env, "game.picked");
    assert_eq!(picked[0]["source"], "poll");

    // A poll opened by the CLI is closed by the daemon too.
    let p = srv.env.json(&["poll", "start", "1", "3"]);
    set_deadline(&srv.env, p["id"].as_i64().unwrap(), 500);
    wait_for(10, "second voting.ended", || {
        events(&srv.env, "voting.ended").len() == 2
    });
}

#[test]
fn a_daemon_restart_mid_poll_loses_no_vote_and_keeps_the_deadline() {
    let mut srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    let r = srv.post(
        &format!("/api/sessions/{sid}/polls"),
        json!({ "gameIds": [1, 3, 5], "durationSeconds": 3600 }),
        Some(&token),
    );
    let poll = r.json.clone();
    let votes = format!("/api/sessions/{sid}/polls/current/votes");
    for (u, c) in [("a", 1), ("b", 2), ("c", 2)] {
        let r = srv.post(&votes, json!({ "username": u, "choice": c }), Some(&token));
        assert_eq!(r.status, 200);
    }
    srv.terminate();
    let env = Env {
        dir: tempfile::tempdir().unwrap(),
        db: srv.env.db.clone(),
    };
    let again = Server::start_with(env, |_| {});
    let token = again.token();
    let current = again
        .get(&format!("/api/sessions/{sid}/polls/current"))
        .json;
    assert_eq!(current["id"], poll["id"]);
    assert_eq!(
        current["closesAt"], poll["closesAt"],
        "the deadline is kept"
    );
    assert_eq!(current["totalVotes"], 3, "no vote lost");
    let r = again.post(
        &votes,
        json!({ "username": "d", "choice": 2 }),
        Some(&token),
    );
    assert_eq!(r.json["options"][1]["votes"], 3);
    // The restarted daemon still closes it on time.
    set_deadline(&again.env, poll["id"].as_i64().unwrap(), 500);
    wait_for(10, "voting.ended after restart", || {
        !events(&again.env, "voting.ended").is_empty()
    });
    assert_eq!(events(&again.env, "voting.ended")[0]["winnerGameId"], 3);
}

#[test]
fn concurrent_votes_count_each_user_once() {
    let srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    let r = srv.post(
        &format!("/api/sessions/{sid}/polls"),
        json!({ "gameIds": [1, 3, 5], "durationSeconds": null }),
        Some(&token),
    );
    assert_eq!(r.status, 201);
    const CLIENTS: usize = 16;
    const PER_CLIENT: usize = 64;
    const USERS_PER_CLIENT: usize = 25; // 16 × 25 = 400 users, 1,024 votes
    let url = srv.url(&format!("/api/sessions/{sid}/polls/current/votes"));
    // Each user belongs to one client, so "their last vote" is well defined.
    let mut expected = [0i64; 4];
    for t in 0..CLIENTS {
        for u in 0..USERS_PER_CLIENT {
            let last = (0..PER_CLIENT)
                .filter(|k| k % USERS_PER_CLIENT == u)
                .max()
                .unwrap();
            expected[(last + t) % 4] += 1;
        }
    }
    srv.rt.block_on(async {
        let mut tasks = Vec::new();
        for t in 0..CLIENTS {
            let client = srv.client.clone();
            let url = url.clone();
            let token = token.clone();
            tasks.push(tokio::spawn(async move {
                for k in 0..PER_CLIENT {
                    let user = format!("viewer{}", t * USERS_PER_CLIENT + k % USERS_PER_CLIENT);
                    let resp = client
                        .post(&url)
                        .bearer_auth(&token)
                        .json(&json!({ "username": user, "choice": (k + t) % 4 + 1 }))
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(resp.status().as_u16(), 200);
                }
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
    });
    let poll = srv.get(&format!("/api/sessions/{sid}/polls/current")).json;
    assert_eq!(poll["totalVotes"], 400);
    let counts: Vec<i64> = poll["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["votes"].as_i64().unwrap())
        .collect();
    assert_eq!(counts, expected, "each user's last vote counts");
    assert_eq!(srv.env.count("SELECT COUNT(*) FROM poll_votes"), 400);
    // Coalesced: far fewer poll.leading events than votes, the last one current.
    let leading = events(&srv.env, "poll.leading");
    assert!(leading.len() < 200, "{} leading events", leading.len());
    wait_for(5, "the last poll.leading", || {
        events(&srv.env, "poll.leading").last().unwrap()["totalVotes"] == 400
            && events(&srv.env, "poll.leading").last().unwrap()["options"] == poll["options"]
    });
}

#[test]
fn tickers_in_the_catalog() {
    let env = Env::new();
    let id = game_id(&env, "Drawful 2").to_string();
    env.fails(
        &["catalog", "edit", &id, "--ticker", "qpl3"],
        1,
        "ticker QPL3 already belongs to Quiplash 3 (The Jackbox Party Pack 7)",
    );
    env.fails(
        &["catalog", "edit", &id, "--ticker", "TOO-LONG-X"],
        4,
        "ticker must be 2 to 8 characters A-Z or 0-9",
    );
    assert_eq!(
        env.json(&["catalog", "edit", &id, "--ticker", "dfl2"])["ticker"],
        "DFL2"
    );
    assert_eq!(
        env.json(&["catalog", "edit", &id, "--ticker", ""])["ticker"],
        Value::Null
    );
    env.fails(
        &[
            "catalog",
            "add",
            "--pack",
            "Homebrew",
            "--title",
            "Charades",
            "--min-players",
            "2",
            "--max-players",
            "9",
            "--ticker",
            "TKO",
        ],
        1,
        "ticker TKO already belongs to Tee K.O. (The Jackbox Party Pack 3)",
    );
    let added = env.json(&[
        "catalog",
        "add",
        "--pack",
        "Homebrew",
        "--title",
        "Charades",
        "--min-players",
        "2",
        "--max-players",
        "9",
        "--ticker",
        "charade",
    ]);
    assert_eq!(added["ticker"], "CHARADE");
    let charades = added["id"].as_i64().unwrap().to_string();

    // CSV: the export carries the column; an import moves and sets tickers in one go.
    let csv = env.ok(&["catalog", "export"]);
    assert!(csv.lines().next().unwrap().ends_with(",favor_bias,ticker"));
    assert!(csv.contains(",QPL3\n"));
    let header = csv.lines().next().unwrap();
    let file = env.path("t.csv");
    std::fs::write(
        &file,
        format!(
            "{header}\nThe Jackbox Party Pack 7,Quiplash 3,3,8,15,1,0,Writing,,quiplash3,1,0,Q3\n\
             Homebrew,Charades,2,9,,0,1,,,,1,0,QPL3\n"
        ),
    )
    .unwrap();
    env.ok(&["catalog", "import", file.to_str().unwrap()]);
    assert_eq!(env.json(&["catalog", "show", &charades])["ticker"], "QPL3");
    let clash = env.path("clash.csv");
    std::fs::write(
        &clash,
        format!("{header}\nHomebrew,Charades,2,9,,0,1,,,,1,0,TKO\n"),
    )
    .unwrap();
    env.fails(
        &["catalog", "import", clash.to_str().unwrap()],
        1,
        "CSV line 2: ticker TKO already belongs to Tee K.O. (The Jackbox Party Pack 3)",
    );
    assert_eq!(env.json(&["catalog", "show", &charades])["ticker"], "QPL3");
    // A file without the column keeps the tickers.
    let legacy = env.path("legacy.csv");
    std::fs::write(
        &legacy,
        "pack_name,title,min_players,max_players,length_minutes,has_audience,family_friendly,game_type,secondary_type,app_tag,enabled,favor_bias\nHomebrew,Charades,2,10,,0,1,,,,1,0\n",
    )
    .unwrap();
    env.ok(&["catalog", "import", legacy.to_str().unwrap()]);
    let charades = env.json(&["catalog", "show", &charades]);
    assert_eq!(
        (
            charades["max_players"].as_i64(),
            charades["ticker"].as_str()
        ),
        (Some(10), Some("QPL3"))
    );
}

#[test]
fn http_tickers_and_ticker_votes() {
    let srv = Server::start();
    let token = srv.token();
    let q3 = game_id(&srv.env, "Quiplash 3");
    let d2 = game_id(&srv.env, "Drawful 2");
    let r = srv.send(|c| {
        c.put(srv.url(&format!("/api/games/{d2}")))
            .bearer_auth(&token)
            .json(&json!({ "ticker": "QPL3" }))
    });
    assert_eq!(r.status, 409, "{}", r.text);
    let r = srv.send(|c| {
        c.put(srv.url(&format!("/api/games/{d2}")))
            .bearer_auth(&token)
            .json(&json!({ "ticker": 5 }))
    });
    r.assert_error(400, "ticker must be 2 to 8 characters A-Z or 0-9");
    let r = srv.send(|c| {
        c.put(srv.url(&format!("/api/games/{d2}")))
            .bearer_auth(&token)
            .json(&json!({ "ticker": "dfl2" }))
    });
    assert_eq!(r.json["ticker"], "DFL2");

    let sid = srv.session(&token);
    let r = srv.post(
        "/api/votes/live",
        json!({ "username": "v", "vote": "up", "ticker": "NOPE" }),
        Some(&token),
    );
    r.assert_error(404, "Unknown ticker");
    // A game never played in the session: the vote still counts for it.
    let r = srv.post(
        "/api/votes/live",
        json!({ "username": "v", "vote": "up", "ticker": "qpl3" }),
        Some(&token),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["game"]["id"], q3);
    assert_eq!(r.json["game"]["session_game_id"], Value::Null);
    assert_eq!(r.json["game"]["upvotes"], 1);
    // Played: the session game gets it too.
    let sg = srv.add_game(&token, sid, d2);
    let r = srv.post(
        "/api/votes/live",
        json!({ "username": "w", "vote": "down", "ticker": "DFL2",
                "timestamp": "2100-01-01T00:00:00Z" }),
        Some(&token),
    );
    assert_eq!(r.json["game"]["session_game_id"], sg);
    let games = srv.get(&format!("/api/sessions/{sid}/games")).json;
    assert_eq!(games[0]["downvotes"], 1);
    assert_eq!(events(&srv.env, "vote.received").len(), 2);
}

#[test]
fn cli_ticker_votes_and_chat_logs() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    env.ok(&["game", "add", "Drawful 2"]);
    env.fails(
        &["vote", "up", "--ticker", "ZZZZ", "--user", "a"],
        3,
        "Unknown ticker",
    );
    let r = env.json(&["vote", "up", "--ticker", "QPL3", "--user", "a"]);
    assert_eq!(r["game"]["title"], "Quiplash 3");

    let chat = env.path("chat.json");
    std::fs::write(
        &chat,
        json!([
            { "username": "b", "message": "  qpl3++ ", "timestamp": "2000-01-01T00:00:00Z" },
            { "username": "c", "message": "TKO--", "timestamp": "2000-01-01T00:00:01Z" },
            { "username": "d", "message": "NOPE++", "timestamp": "2000-01-01T00:00:02Z" },
            { "username": "e", "message": "QPL3++ yes", "timestamp": "2000-01-01T00:00:03Z" },
            { "username": "f", "message": "DRAW2++", "timestamp": "2100-01-01T00:00:00Z" },
        ])
        .to_string(),
    )
    .unwrap();
    let s = env.json(&["chat", "import", chat.to_str().unwrap()]);
    assert_eq!(s["messagesImported"], 5);
    assert_eq!(
        s["votesProcessed"], 3,
        "ticker votes count whatever the time"
    );
    assert_eq!(s["unmatchedVotes"], 0);
    let q3 = game_id(&env, "Quiplash 3").to_string();
    assert_eq!(s["votesByGame"][&q3]["upvotes"], 1);
    assert_eq!(env.json(&["catalog", "show", &q3])["upvotes"], 2);
    assert_eq!(
        env.json(&["game", "list"])[0]["upvotes"],
        1,
        "DRAW2++ credits Drawful 2"
    );
    let again = env.json(&["chat", "import", chat.to_str().unwrap()]);
    assert_eq!(again["duplicatesSkipped"], 5, "dedupe unchanged");
    assert_eq!(
        env.count("SELECT COUNT(*) FROM chat_logs WHERE vote IS NOT NULL"),
        3
    );
}

#[test]
fn poll_events_reach_websocket_subscribers_and_webhooks() {
    let srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    let hook = srv.post(
        "/api/webhooks",
        json!({
            "name": "bot", "url": "http://127.0.0.1:9/hook", "secret": "s",
            "events": ["poll.start", "voting.ended", "game.picked"],
        }),
        Some(&token),
    );
    assert_eq!(hook.status, 201, "{}", hook.text);
    let mut ws = super::websocket::Ws::ready(&srv, &token, Some(sid));
    let r = srv.post(
        &format!("/api/sessions/{sid}/polls"),
        json!({ "gameIds": [1, 3], "includeOther": false }),
        Some(&token),
    );
    let id = r.json["id"].as_i64().unwrap();
    let ev = ws.recv(&srv);
    assert_eq!(ev["type"], "poll.start");
    assert_eq!(ev["data"]["sessionId"], sid);
    assert_eq!(ev["data"]["poll"], r.json);
    assert_eq!(ev["data"]["pollStartedAt"], r.json["startedAt"]);
    srv.post(
        &format!("/api/sessions/{sid}/polls/current/votes"),
        json!({ "username": "v", "choice": 2 }),
        Some(&token),
    );
    let ev = ws.recv(&srv);
    assert_eq!(ev["type"], "poll.leading");
    assert_eq!(ev["data"]["pollId"], id);
    assert_eq!(ev["data"]["leader"]["position"], 2);
    assert_eq!(ev["data"]["totalVotes"], 1);
    // The deadline comes (moved close): the daemon closes the poll by itself.
    set_deadline(&srv.env, id, 300);
    let ev = ws.recv(&srv);
    assert_eq!(ev["type"], "voting.ended");
    assert_eq!(ev["data"]["pollId"], id);
    assert_eq!(ev["data"]["winnerGameId"], 3);
    assert_eq!(ev["data"]["votes"][1]["votes"], 1);
    let ev = ws.recv(&srv);
    assert_eq!(ev["type"], "game.picked");
    assert_eq!(ev["data"]["source"], "poll");
    assert_eq!(ev["data"]["game"]["id"], 3);
    // Adding the winner: game.added (source poll), then game.dismissed (added).
    srv.add_game(&token, sid, 3);
    let ev = ws.recv(&srv);
    assert_eq!(ev["type"], "game.added");
    assert_eq!(ev["data"]["game"]["source"], "poll");
    let ev = ws.recv(&srv);
    assert_eq!(ev["type"], "game.dismissed");
    assert_eq!(
        ev["data"],
        json!({ "sessionId": sid, "gameId": 3, "reason": "added" })
    );
    let queued: Vec<String> = {
        let conn = srv.env.conn();
        let mut stmt = conn
            .prepare("SELECT event_type FROM webhook_deliveries ORDER BY id")
            .unwrap();
        let rows = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows
    };
    assert_eq!(queued, ["poll.start", "voting.ended", "game.picked"]);
}
