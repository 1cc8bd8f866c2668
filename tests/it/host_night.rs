//! Issue 23's API and CLI half: the poll countdown (`voting/end`, `voting/cancel-end`,
//! `voting/start`, `polls/current/close` with a delay, `poll close --in/--cancel`), unknown
//! choices listed, history paging, the night's catalog, reopening a closed session, the
//! first-run setup, room codes in any case, and the README's CLI night.

use super::server::Server;
use super::util::event_data as events;
use super::util::Env;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Waits (polling, at most `secs`) until `cond` holds.
fn wait_for(secs: u64, what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Moves poll `id`'s scheduled end to `ms` milliseconds from now.
fn set_end(env: &Env, id: i64, ms: i64) -> String {
    let at = chrono::Utc::now() + chrono::Duration::milliseconds(ms);
    let text = at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    env.conn()
        .execute(
            "UPDATE polls SET ends_at = ?2 WHERE id = ?1",
            rusqlite::params![id, text],
        )
        .unwrap();
    text
}

fn ms(text: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(text)
        .unwrap()
        .timestamp_millis()
}

#[test]
fn http_poll_countdown_survives_a_restart_and_the_daemon_ends_it() {
    let mut srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    let voting = |what: &str| format!("/api/sessions/{sid}/voting/{what}");
    srv.post(&voting("start"), json!({}), None)
        .assert_error(401, "Access token required");
    srv.post(&voting("end"), json!({ "delay": 5 }), Some(&token))
        .assert_error(404, "No open poll");
    // `voting/start` answers like `POST …/polls`, with its defaults.
    let r = srv.post(&voting("start"), json!({}), Some(&token));
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.json["id"].as_i64().unwrap();
    assert_eq!(
        r.json["options"].as_array().unwrap().len(),
        4,
        "3 games + Other"
    );
    assert!(r.json["endsAt"].is_null());
    let start = events(&srv.env, "poll.start").pop().unwrap();
    assert_eq!(start["pollStartedAt"], r.json["startedAt"]);
    srv.post(
        &format!("/api/sessions/{sid}/polls/current/votes"),
        json!({ "username": "ann", "choice": 2 }),
        Some(&token),
    );

    for (body, message) in [
        (
            json!({ "delay": 301 }),
            "delay must be an integer from 0 to 300",
        ),
        (
            json!({ "delay": -1 }),
            "delay must be an integer from 0 to 300",
        ),
        (
            json!({ "delay": "5" }),
            "delay must be an integer from 0 to 300",
        ),
    ] {
        srv.post(&voting("end"), body, Some(&token))
            .assert_error(400, message);
    }
    let before = chrono::Utc::now().timestamp_millis();
    let r = srv.post(&voting("end"), json!({ "delay": 30 }), Some(&token));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["status"], "open");
    let ends_at = r.json["endsAt"].as_str().unwrap().to_string();
    assert!((ms(&ends_at) - before - 30_000).abs() < 5_000, "{ends_at}");
    let ending = events(&srv.env, "poll.ending");
    assert_eq!(
        ending,
        [json!({ "sessionId": sid, "pollId": id, "endsAt": ends_at })]
    );
    let current = srv.get(&format!("/api/sessions/{sid}/polls/current"));
    assert_eq!(current.json["endsAt"], ends_at.as_str());

    let r = srv.post(&voting("cancel-end"), json!({}), Some(&token));
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.json["endsAt"].is_null());
    assert_eq!(
        events(&srv.env, "poll.ending.cancelled"),
        [json!({ "sessionId": sid, "pollId": id })]
    );
    srv.post(&voting("cancel-end"), json!({}), Some(&token))
        .assert_error(409, "The poll has no scheduled end");

    // Ours: `polls/current/close` with `delaySeconds`.
    let close = format!("/api/sessions/{sid}/polls/current/close");
    srv.post(&close, json!({ "delaySeconds": 400 }), Some(&token))
        .assert_error(400, "delaySeconds must be an integer from 0 to 300");
    let r = srv.post(&close, json!({ "delaySeconds": 60 }), Some(&token));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["status"], "open");
    assert!(r.json["endsAt"].is_string());

    // The scheduled end is kept in the database: a restarted daemon ends the poll then.
    srv.terminate();
    let env = Env {
        dir: tempfile::tempdir().unwrap(),
        db: srv.env.db.clone(),
    };
    let again = Server::start_with(env, |_| {});
    let at = set_end(&again.env, id, 600);
    wait_for(10, "voting.ended from the scheduled end", || {
        !events(&again.env, "voting.ended").is_empty()
    });
    let ended = events(&again.env, "voting.ended").pop().unwrap();
    assert_eq!(ended["pollId"], id);
    assert_eq!(ended["winnerVotes"], 1);
    assert!(ended["winnerGameId"].is_i64());
    assert!(ended["winnerLabel"].is_string());
    let poll = again.get(&format!("/api/sessions/{sid}/polls/{id}"));
    assert_eq!(poll.json["status"], "closed");
    assert_eq!(
        poll.json["closedAt"],
        at.as_str(),
        "closed at the scheduled end"
    );
}

/// A daemon with an active session and a poll of games 1 and 2 open (no deadline):
/// (server, admin token, session id).
fn poll_of_two() -> (Server, String, i64) {
    let srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    let r = srv.post(
        &format!("/api/sessions/{sid}/polls"),
        json!({ "gameIds": [1, 2] }),
        Some(&token),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    (srv, token, sid)
}

#[test]
fn delay_zero_closes_now_and_no_votes_means_no_winner() {
    let (srv, token, sid) = poll_of_two();
    let r = srv.post(
        &format!("/api/sessions/{sid}/voting/end"),
        json!({ "delay": 0 }),
        Some(&token),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["status"], "closed");
    let ended = events(&srv.env, "voting.ended").pop().unwrap();
    assert!(ended["winnerGameId"].is_null());
    assert!(ended["winnerLabel"].is_null());
    assert!(ended["winnerVotes"].is_null());
}

#[test]
fn cli_poll_close_in_and_cancel_without_a_daemon() {
    let env = Env::new();
    env.init();
    env.ok(&["session", "create"]);
    env.ok(&["poll", "start", "1", "2", "--no-deadline"]);
    env.fails(
        &["poll", "close", "--cancel"],
        1,
        "The poll has no scheduled end",
    );
    for bad in ["6m", "soon", "0"] {
        env.fails(
            &["poll", "close", "--in", bad],
            4,
            &format!("invalid --in: {bad} (use 1s to 300s, e.g. 10s or 1m)"),
        );
    }
    let poll = env.json(&["poll", "close", "--in", "10s"]);
    assert_eq!(poll["status"], "open");
    let id = poll["id"].as_i64().unwrap();
    assert!(poll["endsAt"].is_string());
    let human = env.ok(&["poll", "show"]);
    assert!(human.contains("left)"), "{human}");
    assert_eq!(events(&env, "poll.ending").len(), 1);
    let poll = env.json(&["poll", "close", "--cancel"]);
    assert!(poll["endsAt"].is_null());
    assert_eq!(events(&env, "poll.ending.cancelled").len(), 1);

    // A scheduled end that passed is enforced by whoever reads next, like the deadline.
    env.ok(&["poll", "close", "--in", "1m"]);
    env.ok(&["poll", "vote", "1", "--user", "bob"]);
    let at = set_end(&env, id, -1000);
    env.fails(&["poll", "vote", "2", "--user", "cy"], 1, "Poll is closed");
    let shown = env.json(&["poll", "show", &id.to_string()]);
    assert_eq!(shown["status"], "closed");
    assert_eq!(shown["closedAt"], at.as_str());
    assert_eq!(shown["totalVotes"], 1);
}

#[test]
fn an_unknown_choice_lists_the_choices() {
    let (srv, token, sid) = poll_of_two();
    let r = srv.post(
        &format!("/api/sessions/{sid}/polls/current/votes"),
        json!({ "username": "a", "choice": 9 }),
        Some(&token),
    );
    r.assert_error(400, "Unknown choice");
    let choices = r.json["choices"].as_array().unwrap();
    assert_eq!(choices.len(), 3);
    assert_eq!(choices[0]["position"], 1);
    assert!(choices[0]["label"].is_string());
    assert!(choices[0]["ticker"].is_string());
    assert_eq!(
        choices[2],
        json!({ "position": 3, "label": "Other", "ticker": null })
    );

    let run = srv
        .env
        .fails(&["poll", "vote", "9", "--user", "b"], 4, "Unknown choice");
    let label = choices[0]["label"].as_str().unwrap();
    assert!(
        run.stderr.contains("the choices are: 1 or "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(label), "{}", run.stderr);
    assert!(run.stderr.contains("3 (Other)"), "{}", run.stderr);
}

#[test]
fn history_pages_with_filter_and_totals() {
    let srv = Server::start();
    let token = srv.token();
    for _ in 0..4 {
        let sid = srv.session(&token);
        srv.post(
            &format!("/api/sessions/{sid}/close"),
            json!({}),
            Some(&token),
        );
    }
    let active = srv.session(&token);
    let r = srv.get("/api/sessions?filter=closed&limit=3&offset=0");
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json.as_array().unwrap().len(), 3);
    assert!(r
        .json
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["is_active"] == 0));
    assert_eq!(r.header("x-total-count"), Some("4"));
    assert_eq!(r.header("x-absolute-total"), Some("5"));
    let r = srv.get("/api/sessions?filter=closed&limit=3&offset=3");
    assert_eq!(r.json.as_array().unwrap().len(), 1);
    let r = srv.get("/api/sessions?filter=active");
    assert_eq!(r.json[0]["id"], active);
    assert_eq!(r.header("x-total-count"), Some("1"));
    let r = srv.get("/api/sessions");
    assert_eq!(
        r.json.as_array().unwrap().len(),
        5,
        "no limit: every session"
    );
    assert_eq!(r.header("x-total-count"), Some("5"));
    assert_eq!(r.header("x-absolute-total"), Some("5"));
    srv.get("/api/sessions?filter=open")
        .assert_error(400, "Invalid filter. Must be all, active or closed");
}

#[test]
fn the_nights_catalog_counts_what_was_played() {
    let srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    let first = srv.add_game(&token, sid, 1);
    srv.add_game(&token, sid, 2);
    srv.add_game(&token, sid, 1);
    let skipped = srv.add_game(&token, sid, 3);
    srv.patch(
        &format!("/api/sessions/{sid}/games/{skipped}/status"),
        json!({ "status": "skipped" }),
        Some(&token),
    );
    let r = srv.get(&format!("/api/sessions/{sid}/catalog"));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["sessionId"], sid);
    let games = r.json["games"].as_array().unwrap();
    let all = srv.get("/api/games");
    let enabled = all
        .json
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["enabled"] == 1)
        .count();
    assert_eq!(games.len(), enabled, "every enabled game");
    let by_id = |id: i64| games.iter().find(|g| g["id"] == id).unwrap().clone();
    let one = by_id(1);
    assert_eq!(one["timesPlayed"], 2);
    let rows = srv.get(&format!("/api/sessions/{sid}/games")).json;
    let last_of_1 = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["game_id"] == 1)
        .map(|g| g["played_at"].as_str().unwrap().to_string())
        .max()
        .unwrap();
    assert_eq!(one["lastPlayedAt"], last_of_1.as_str());
    assert!(first > 0);
    assert_eq!(by_id(2)["timesPlayed"], 1);
    assert_eq!(by_id(3)["timesPlayed"], 0, "skipped is not played");
    let untouched = games.iter().find(|g| g["timesPlayed"] == 0).unwrap();
    assert!(untouched["lastPlayedAt"].is_null());
    // The game object is the catalog's, fields and all.
    let catalog_one = all
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == 1)
        .unwrap()
        .clone();
    for (k, v) in catalog_one.as_object().unwrap() {
        assert_eq!(&one[k], v, "{k}");
    }
    srv.get("/api/sessions/999/catalog")
        .assert_error(404, "Session not found");
}

#[test]
fn a_closed_session_can_be_reopened_and_edits_of_its_games_say_so() {
    let srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    let sg = srv.add_game(&token, sid, 1);
    srv.post(&format!("/api/sessions/{sid}/reopen"), json!({}), None)
        .assert_error(401, "Access token required");
    srv.post(
        &format!("/api/sessions/{sid}/reopen"),
        json!({}),
        Some(&token),
    )
    .assert_error(400, "Session is not closed");
    srv.post(
        &format!("/api/sessions/{sid}/close"),
        json!({}),
        Some(&token),
    );

    // The CLI edits a game of the closed night: it happens, with a note.
    let r = srv.env.run(&["game", "player-count", &sg.to_string(), "5"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with(&format!("note: session {sid} is closed")),
        "{}",
        r.stderr
    );
    // `game list` names the column commands take.
    let listed = srv.env.ok(&["game", "list", "--session", &sid.to_string()]);
    let header = listed.lines().find(|l| l.contains("Game")).unwrap();
    assert!(
        header.contains("SGID") && header.contains("Order"),
        "{header}"
    );

    let other = srv.session(&token);
    let r = srv.post(
        &format!("/api/sessions/{sid}/reopen"),
        json!({}),
        Some(&token),
    );
    r.assert_error(
        409,
        "An active session already exists. Please close it before reopening this one.",
    );
    assert_eq!(r.json["activeSessionId"], other);
    srv.post(
        &format!("/api/sessions/{other}/close"),
        json!({}),
        Some(&token),
    );
    let r = srv.post(
        &format!("/api/sessions/{sid}/reopen"),
        json!({}),
        Some(&token),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["is_active"], 1);
    assert!(r.json["closed_at"].is_null());
    assert_eq!(
        events(&srv.env, "session.reopened"),
        [json!({ "sessionId": sid })]
    );
    // And the CLI: close, reopen.
    srv.env.ok(&["session", "close"]);
    let s = srv.env.json(&["session", "reopen", &sid.to_string()]);
    assert_eq!(s["is_active"], 1);
    let r = srv.env.run(&["game", "player-count", &sg.to_string(), "6"]);
    assert!(!r.stderr.contains("note:"), "{}", r.stderr);
}

#[test]
fn first_run_setup_creates_the_first_admin_from_this_machine_only_once() {
    let srv = Server::start_with(Env::new(), |c| {
        c.env_remove("JACKBOX_ADMIN_KEY");
    });
    let r = srv.get("/api/setup");
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json, json!({ "needsSetup": true, "local": true }));
    srv.post("/api/setup", json!({ "name": "bad name!" }), None)
        .assert_error(
            400,
            "Admin name must be 1-32 characters: letters, digits, _ or -",
        );
    let r = srv.post("/api/setup", json!({ "name": "alex" }), None);
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["name"], "alex");
    let key = r.json["key"].as_str().unwrap().to_string();
    let token = r.json["token"].as_str().unwrap().to_string();
    // The token works at once, and the key logs in.
    let s = srv.post("/api/sessions", json!({}), Some(&token));
    assert_eq!(s.status, 201, "{}", s.text);
    let login = srv.post("/api/auth/login", json!({ "key": key }), None);
    assert_eq!(login.status, 200, "{}", login.text);
    assert_eq!(login.json["name"], "alex");
    assert_eq!(srv.get("/api/setup").json["needsSetup"], false);
    srv.post("/api/setup", json!({ "name": "eve" }), None)
        .assert_error(409, "An admin already exists");

    // A daemon with the legacy key needs no setup.
    let keyed = Server::start();
    assert_eq!(keyed.get("/api/setup").json["needsSetup"], false);
    keyed
        .post("/api/setup", json!({ "name": "eve" }), None)
        .assert_error(409, "An admin already exists");
}

#[test]
fn cli_room_codes_in_any_case() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    let sg = env.json(&["game", "add", "1", "--room-code", "abcd"]);
    assert_eq!(sg["room_code"], "ABCD");
    let sg = env.json(&["game", "room-code", &sg["id"].to_string(), "wx9z"]);
    assert_eq!(sg["room_code"], "WX9Z");
}

/// The README's "A game night in the CLI" block, as a host would paste it.
fn readme_cli_night() -> String {
    let readme = std::fs::read_to_string(super::util::repo().join("README.md")).unwrap();
    let section = readme
        .split("## A game night in the CLI")
        .nth(1)
        .expect("the README has its CLI night");
    let block = section.split("```sh\n").nth(1).unwrap();
    block.split("```").next().unwrap().to_string()
}

#[test]
fn the_readmes_cli_night_runs_as_pasted_and_spares_an_earlier_night() {
    let env = Env::new();
    // An earlier night, closed, with games: the block must not touch it.
    env.ok(&["session", "create", "--notes", "earlier"]);
    env.ok(&["game", "add", "1"]);
    env.ok(&["game", "add", "2"]);
    env.ok(&["session", "close"]);
    let before: Vec<(i64, String, Option<i64>, Option<String>)> = {
        let conn = env.conn();
        let mut stmt = conn
            .prepare("SELECT id, status, player_count, room_code FROM session_games ORDER BY id")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows
    };
    let script = readme_cli_night();
    assert!(
        script.contains("SID=$(jackbox session create -q"),
        "{script}"
    );
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_jackbox"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .env_clear()
        .env("PATH", path)
        .env("HOME", env.dir.path())
        .env("JACKBOX_DB", &env.db)
        .env("JACKBOX_ECAST_URL", "http://127.0.0.1:9")
        .env("NO_COLOR", "1")
        .current_dir(env.dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the README's block failed: {stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
    let night: Value =
        serde_json::from_str(&std::fs::read_to_string(env.path("night.json")).unwrap()).unwrap();
    assert!(night.is_object());
    // The earlier night is intact; the block's own night was deleted at its end.
    assert_eq!(env.count("SELECT COUNT(*) FROM sessions"), 1);
    let after: Vec<(i64, String, Option<i64>, Option<String>)> = {
        let conn = env.conn();
        let mut stmt = conn
            .prepare("SELECT id, status, player_count, room_code FROM session_games ORDER BY id")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows
    };
    assert_eq!(before, after);
}
