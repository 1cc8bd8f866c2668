//! Issue 23's API and CLI half: the poll countdown (`voting/end`, `voting/cancel-end`,
//! `voting/start`, `polls/current/close` with a delay, `poll close --in/--cancel`), unknown
//! choices listed, history paging, the night's catalog, reopening a closed session, the
//! first-run setup, room codes in any case, and the README's CLI night.

use super::server::Server;
use super::util::Env;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// The outbox events of `kind`, in order, as their `data`.
fn events(env: &Env, kind: &str) -> Vec<Value> {
    let conn = env.conn();
    let mut stmt = conn
        .prepare("SELECT payload FROM events WHERE type = ?1 ORDER BY id")
        .unwrap();
    let rows = stmt
        .query_map([kind], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|p| serde_json::from_str::<Value>(&p.unwrap()).unwrap()["data"].clone())
        .collect();
    rows
}

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

#[test]
fn delay_zero_closes_now_and_no_votes_means_no_winner() {
    let srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    srv.post(
        &format!("/api/sessions/{sid}/polls"),
        json!({ "gameIds": [1, 2] }),
        Some(&token),
    );
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
    let srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    srv.post(
        &format!("/api/sessions/{sid}/polls"),
        json!({ "gameIds": [1, 2] }),
        Some(&token),
    );
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
