//! Several processes on one file at the same moment: the one-active-session rule holds
//! (R1 for the CLI face), and concurrent writers never see "database is locked".

use super::util::{Env, Run};
use std::process::{Child, Stdio};

const ACTIVE_EXISTS: &str =
    "error: An active session already exists. Please close it before creating a new one.";

/// Starts `n` copies of `jackbox ARGS` before waiting for any, then collects them.
fn race(env: &Env, n: usize, args: &[&str]) -> Vec<Run> {
    let children: Vec<Child> = (0..n)
        .map(|_| {
            env.command()
                .args(args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn jackbox")
        })
        .collect();
    children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            Run {
                code: out.status.code().unwrap_or(-1),
                stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            }
        })
        .collect()
}

fn check_one_winner(env: &Env, runs: &[Run]) {
    let winners: Vec<&Run> = runs.iter().filter(|r| r.code == 0).collect();
    assert_eq!(winners.len(), 1, "{runs:#?}");
    let id: i64 = winners[0].stdout.trim().parse().expect("-q prints the id");
    for r in runs.iter().filter(|r| r.code != 0) {
        assert_eq!(r.code, 1, "{r:#?}");
        assert_eq!(r.stderr.lines().next(), Some(ACTIVE_EXISTS), "{r:#?}");
        assert!(!r.stderr.contains("locked"), "{r:#?}");
        assert!(r.stdout.is_empty());
    }
    assert_eq!(
        env.count("SELECT COUNT(*) FROM sessions WHERE is_active = 1"),
        1
    );
    assert_eq!(
        env.count("SELECT id FROM sessions WHERE is_active = 1"),
        id,
        "the winner's session is the active one"
    );
    assert_eq!(
        env.count("SELECT COUNT(*) FROM events WHERE type = 'session.started'"),
        env.count("SELECT COUNT(*) FROM sessions")
    );
}

#[test]
fn concurrent_creates_on_a_fresh_file_have_one_winner() {
    // The file does not exist yet: the racers also race to create and migrate it.
    let env = Env::new();
    let runs = race(&env, 16, &["session", "create", "-q"]);
    check_one_winner(&env, &runs);
    assert_eq!(env.count("SELECT COUNT(*) FROM sessions"), 1);
    assert!(
        env.count("SELECT COUNT(*) FROM games") > 50,
        "catalog seeded once"
    );
    assert_eq!(
        env.count("SELECT COUNT(*) FROM (SELECT pack_name, title FROM games GROUP BY 1, 2 HAVING COUNT(*) > 1)"),
        0
    );
}

#[test]
fn concurrent_creates_on_an_existing_file_have_one_winner() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    env.ok(&["session", "close"]);
    let runs = race(&env, 16, &["session", "create", "-q", "--notes", "race"]);
    check_one_winner(&env, &runs);
    assert_eq!(env.count("SELECT COUNT(*) FROM sessions"), 2);
    // The loser's hint names the winner.
    let winner = env.count("SELECT id FROM sessions WHERE is_active = 1");
    let loser = runs.iter().find(|r| r.code == 1).unwrap();
    assert!(loser
        .stderr
        .contains(&format!("jackbox session close {winner}")));
}

#[test]
fn concurrent_adds_all_commit_with_one_playing() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    let runs = race(&env, 8, &["game", "add", "3", "-q"]);
    for r in &runs {
        assert_eq!(r.code, 0, "{r:#?}");
    }
    let mut ids: Vec<i64> = runs
        .iter()
        .map(|r| r.stdout.trim().parse().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, (1..=8).collect::<Vec<_>>());
    assert_eq!(env.count("SELECT play_count FROM games WHERE id = 3"), 8);
    assert_eq!(
        env.count("SELECT COUNT(*) FROM session_games WHERE status = 'playing'"),
        1
    );
    assert_eq!(
        env.count("SELECT COUNT(*) FROM events WHERE type = 'game.added'"),
        8
    );
    let games_played: Vec<i64> = {
        let conn = env.conn();
        let mut stmt = conn
            .prepare("SELECT payload FROM events WHERE type = 'game.added' ORDER BY id")
            .unwrap();
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|p| {
                let v: serde_json::Value = serde_json::from_str(&p.unwrap()).unwrap();
                v["data"]["session"]["games_played"].as_i64().unwrap()
            })
            .collect();
        rows
    };
    assert_eq!(
        games_played,
        (1..=8).collect::<Vec<_>>(),
        "events in commit order"
    );
}

/// `sessions.games_played` is a stored counter (kept by triggers): under HTTP writers and
/// CLI processes adding and removing games at the same moment, it always equals a recount,
/// in the table, in the API's answers and after closing and deleting sessions.
#[test]
fn games_played_counter_matches_a_recount_under_concurrent_writers() {
    use super::server::Server;
    let server = Server::start();
    let token = server.token();
    let old = server.session(&token);
    server.add_game(&token, old, 1);
    server.add_game(&token, old, 2);
    let r = server.post(
        &format!("/api/sessions/{old}/close"),
        serde_json::json!({}),
        Some(&token),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let sid = server.session(&token);
    let kept = std::sync::atomic::AtomicI64::new(0);
    std::thread::scope(|s| {
        // HTTP writers: add 24 games each, removing every third one they added.
        for w in 0..4i64 {
            let (server, token, kept) = (&server, &token, &kept);
            s.spawn(move || {
                for k in 0..24i64 {
                    let id = server.add_game(token, sid, 1 + (w * 7 + k) % 40);
                    if k % 3 == 2 {
                        let r =
                            server.delete(&format!("/api/sessions/{sid}/games/{id}"), Some(token));
                        assert_eq!(r.status, 200, "{}", r.text);
                    } else {
                        kept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                }
            });
        }
        // CLI processes on the same file: adds, and a removal of each one's first add.
        for w in 0..3i64 {
            let (server, kept) = (&server, &kept);
            s.spawn(move || {
                let mut first = None;
                for k in 0..6i64 {
                    let out = server
                        .env
                        .command()
                        .args(["-q", "game", "add", &(10 + w * 6 + k).to_string()])
                        .output()
                        .unwrap();
                    assert!(out.status.success(), "{out:?}");
                    let id: i64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
                    first.get_or_insert(id);
                }
                let out = server
                    .env
                    .command()
                    .args(["-q", "game", "remove", &first.unwrap().to_string()])
                    .output()
                    .unwrap();
                assert!(out.status.success(), "{out:?}");
                kept.fetch_add(5, std::sync::atomic::Ordering::Relaxed);
            });
        }
    });
    let kept = kept.into_inner();
    assert_eq!(kept, 4 * 16 + 3 * 5);
    let recount = |id: i64| {
        server.env.count(&format!(
            "SELECT COUNT(*) FROM session_games WHERE session_id = {id}"
        ))
    };
    assert_eq!(recount(sid), kept);
    assert_eq!(
        server.env.count(&format!(
            "SELECT games_played FROM sessions WHERE id = {sid}"
        )),
        kept
    );
    assert_eq!(
        server.get("/api/sessions/active").json["games_played"],
        kept
    );
    assert_eq!(
        server.get(&format!("/api/sessions/{old}")).json["games_played"],
        2
    );
    // Every session, stored against recounted, also after a delete cascades.
    let r = server.post(
        &format!("/api/sessions/{sid}/close"),
        serde_json::json!({}),
        Some(&token),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["games_played"], kept);
    let r = server.delete(&format!("/api/sessions/{old}"), Some(&token));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        server.env.count(
            "SELECT COUNT(*) FROM sessions s WHERE s.games_played !=
                (SELECT COUNT(*) FROM session_games sg WHERE sg.session_id = s.id)"
        ),
        0
    );
    let list = server.get("/api/sessions").json;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["games_played"], kept);
}
