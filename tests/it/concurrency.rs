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
