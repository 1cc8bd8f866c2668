//! `session export --all` for cron jobs, `sessions.updated_at` (moved by every write to a
//! session, its games and votes), and `session list --closed/--active/--since`.

use super::util::Env;
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

fn updated_at(env: &Env, id: i64) -> String {
    env.conn()
        .query_row("SELECT updated_at FROM sessions WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
}

fn new_session(env: &Env, notes: &str) -> i64 {
    env.ok(&["session", "create", "-q", "--notes", notes])
        .trim()
        .parse()
        .unwrap()
}

/// (inode, mtime in ns, contents) of every file in `dir`.
fn snapshot(dir: &Path) -> BTreeMap<String, (u64, i128, Vec<u8>)> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            let mtime = m.mtime() as i128 * 1_000_000_000 + m.mtime_nsec() as i128;
            (
                e.file_name().to_string_lossy().into_owned(),
                (m.ino(), mtime, std::fs::read(e.path()).unwrap()),
            )
        })
        .collect()
}

/// Two closed nights with a game each, and an active third one.
fn three_nights(env: &Env) -> (i64, i64, i64) {
    let a = new_session(env, "first night");
    env.ok(&["game", "add", "1"]);
    env.ok(&["session", "close"]);
    let b = new_session(env, "second night");
    env.ok(&["game", "add", "2"]);
    env.ok(&["session", "close"]);
    let c = new_session(env, "still going");
    env.ok(&["game", "add", "3"]);
    (a, b, c)
}

#[test]
fn a_second_run_rewrites_nothing_and_an_import_rewrites_only_its_session() {
    let env = Env::new();
    let (a, b, c) = three_nights(&env);
    let dir = env.path("nights");
    let dir_s = dir.to_str().unwrap();

    let r = env.run(&[
        "session", "export", "--all", "--dir", dir_s, "--format", "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            format!("wrote {}/session-{a}.json", dir_s),
            format!("wrote {}/session-{b}.json", dir_s),
            format!("wrote {}/session-{c}.json", dir_s),
            format!("3 written, 0 unchanged, 0 failed (3 sessions in {dir_s})"),
        ]
    );
    let first = snapshot(&dir);
    assert_eq!(
        first.keys().cloned().collect::<Vec<_>>(),
        [a, b, c].map(|id| format!("session-{id}.json")),
        "one file per session, no temporary file left"
    );
    for id in [a, b, c] {
        let doc: serde_json::Value =
            serde_json::from_slice(&first[&format!("session-{id}.json")].2).unwrap();
        assert_eq!(doc["session"]["id"], id);
        assert_eq!(doc["updated_at"], updated_at(&env, id));
        assert!(doc["exported_at"].is_string());
    }

    // Nothing changed: nothing is rewritten (same inode, same mtime, same bytes).
    let r = env.run(&[
        "session", "export", "--all", "--dir", dir_s, "--format", "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        format!("0 written, 3 unchanged, 0 failed (3 sessions in {dir_s})\n")
    );
    assert_eq!(snapshot(&dir), first);
    let r = env.run(&[
        "session", "export", "--all", "--dir", dir_s, "--format", "json", "-q",
    ]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);

    // The chat log of the first night arrives the day after: only its file changes.
    let before = updated_at(&env, a);
    let log = env.path("chat.json");
    std::fs::write(
        &log,
        r#"[{"username": "viewer1", "message": "what a night", "timestamp": "2026-03-15T20:00:00Z"}]"#,
    )
    .unwrap();
    env.ok(&[
        "chat",
        "import",
        log.to_str().unwrap(),
        "--session",
        &a.to_string(),
    ]);
    assert!(updated_at(&env, a) > before, "the import moved updated_at");
    let r = env.run(&[
        "session", "export", "--all", "--dir", dir_s, "--format", "json", "-q",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, format!("{a}\n"), "-q prints the IDs written");
    let second = snapshot(&dir);
    let name_a = format!("session-{a}.json");
    assert_ne!(second[&name_a].0, first[&name_a].0, "replaced by a rename");
    let doc: serde_json::Value = serde_json::from_slice(&second[&name_a].2).unwrap();
    assert_eq!(doc["chat_logs"][0]["message"], "what a night");
    assert_eq!(doc["updated_at"], updated_at(&env, a));
    for id in [b, c] {
        let name = format!("session-{id}.json");
        assert_eq!(second[&name], first[&name], "{name} untouched");
    }

    // --force rewrites everything; --json reports what happened.
    let r = env.run(&[
        "--json", "session", "export", "--all", "--dir", dir_s, "--format", "json", "--force",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    assert_eq!(report["written"].as_array().unwrap().len(), 3);
    assert_eq!(report["written"][0]["sessionId"], a);
    assert_eq!(
        report["written"][0]["file"],
        format!("{dir_s}/session-{a}.json")
    );
    assert_eq!(report["unchanged"], serde_json::json!([]));
    assert_eq!(report["failed"], serde_json::json!([]));
}

#[test]
fn txt_files_filters_and_failures() {
    let env = Env::new();
    let (a, b, c) = three_nights(&env);
    let dir = env.path("deep/er/txt");
    let dir_s = dir.to_str().unwrap();

    // TXT by default (also with --json, which only changes the report), closed sessions
    // only, the folder created.
    let r = env.run(&[
        "--json",
        "session",
        "export",
        "--all",
        "--dir",
        dir_s,
        "--closed-only",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["format"], "txt");
    let files = snapshot(&dir);
    assert_eq!(
        files.keys().cloned().collect::<Vec<_>>(),
        [format!("session-{a}.txt"), format!("session-{b}.txt")]
    );
    let text = String::from_utf8(files[&format!("session-{a}.txt")].2.clone()).unwrap();
    assert!(
        text.contains(&format!("\nUpdated:      {}\n", updated_at(&env, a))),
        "{text}"
    );
    let r = env.run(&[
        "session",
        "export",
        "--all",
        "--dir",
        dir_s,
        "--closed-only",
    ]);
    assert!(
        r.stdout.starts_with("0 written, 2 unchanged"),
        "{}",
        r.stdout
    );

    // --since ID and --since DATE.
    let r = env.run(&[
        "session",
        "export",
        "--all",
        "--dir",
        dir_s,
        "--since",
        &c.to_string(),
        "-q",
    ]);
    assert_eq!(r.stdout, format!("{c}\n"), "{}", r.stderr);
    let r = env.run(&[
        "session",
        "export",
        "--all",
        "--dir",
        dir_s,
        "--since",
        "2999-01-01",
    ]);
    assert!(r
        .stdout
        .starts_with("0 written, 0 unchanged, 0 failed (0 sessions"));
    let r = env.run(&[
        "session",
        "export",
        "--all",
        "--dir",
        dir_s,
        "--since",
        "yesterday",
    ]);
    assert_eq!(r.code, 2, "a bad --since is a usage error: {}", r.stderr);

    // One export that cannot be written fails, the others are still written, exit 1.
    let blocked = env.path("blocked");
    std::fs::create_dir_all(blocked.join(format!("session-{b}.json"))).unwrap();
    let r = env.run(&[
        "session",
        "export",
        "--all",
        "--dir",
        blocked.to_str().unwrap(),
        "--format",
        "JSON",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with(&format!("error: session {b}: cannot write ")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("error: 1 of 3 exports failed"),
        "{}",
        r.stderr
    );
    assert!(blocked.join(format!("session-{a}.json")).is_file());
    assert!(blocked.join(format!("session-{c}.json")).is_file());
    let leftovers: Vec<_> = std::fs::read_dir(&blocked)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Usage: --all needs --dir, and takes neither an ID nor -o.
    for args in [
        &["session", "export", "--all"][..],
        &["session", "export", "--all", "--dir", dir_s, "1"],
        &["session", "export", "--all", "--dir", dir_s, "-o", "x.txt"],
        &["session", "export", "--dir", dir_s],
    ] {
        assert_eq!(env.run(args).code, 2, "{args:?}");
    }
}

#[test]
fn every_write_moves_updated_at() {
    let env = Env::new();
    let sid = new_session(&env, "night");
    let created: String = env
        .conn()
        .query_row("SELECT created_at FROM sessions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        updated_at(&env, sid),
        created,
        "a new session: its creation"
    );
    let mut last = updated_at(&env, sid);
    let mut moved = |what: &str, args: &[&str]| {
        env.ok(args);
        let now = updated_at(&env, sid);
        assert!(now > last, "{what}: {now} not after {last}");
        last = now;
    };
    moved("game add", &["game", "add", "1", "--room-code", "ABCD"]);
    moved("game add 2", &["game", "add", "2"]);
    moved("status", &["game", "status", "1", "skipped"]);
    moved("room code", &["game", "room-code", "2", "WXYZ"]);
    moved("player count", &["game", "player-count", "2", "6"]);
    moved("monitor start", &["game", "monitor", "start", "2"]);
    moved("monitor stop", &["game", "monitor", "stop", "2"]);
    moved("live vote", &["vote", "up", "--user", "viewer1"]);
    moved("game remove", &["game", "remove", "1"]);
    moved("close", &["session", "close", "--notes", "done"]);
    let log = env.path("chat.json");
    std::fs::write(
        &log,
        r#"[{"username": "v", "message": "thisgame++", "timestamp": "2020-01-01T00:00:00Z"}]"#,
    )
    .unwrap();
    moved(
        "chat import",
        &["chat", "import", log.to_str().unwrap(), "--session", "1"],
    );
    // Re-importing the same log stores nothing, so nothing moves.
    env.ok(&["chat", "import", log.to_str().unwrap(), "--session", "1"]);
    assert_eq!(updated_at(&env, sid), last);
    // Reads never move it.
    env.ok(&["session", "export", "1"]);
    env.ok(&["game", "list", "--session", "1"]);
    assert_eq!(updated_at(&env, sid), last);

    // Two writes in the same millisecond still leave two different values.
    let conn = env.conn();
    conn.execute_batch(
        "UPDATE sessions SET notes = 'a' WHERE id = 1; UPDATE sessions SET notes = 'b' WHERE id = 1;",
    )
    .unwrap();
    let after = updated_at(&env, sid);
    assert!(after > last, "{after} vs {last}");
}

#[test]
fn list_filters_closed_active_since() {
    let env = Env::new();
    let (a, b, c) = three_nights(&env);
    let ids = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["session", "list", "-q"];
        all.extend_from_slice(args);
        env.ok(&all).lines().map(|l| l.parse().unwrap()).collect()
    };
    assert_eq!(ids(&[]), [c, b, a]);
    assert_eq!(ids(&["--closed"]), [b, a]);
    assert_eq!(ids(&["--active"]), [c]);
    assert_eq!(ids(&["--since", &b.to_string()]), [c, b]);
    assert_eq!(
        ids(&["--closed", "--since", "2000-01-01T00:00:00Z"]),
        [b, a]
    );
    assert_eq!(ids(&["--since", "2999-12-31"]), Vec::<i64>::new());
    assert_eq!(
        env.run(&["session", "list", "--closed", "--active"]).code,
        2
    );
    let list = env.json(&["session", "list", "--closed"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    // The API's session object is unchanged: updated_at is in the exports only.
    assert!(list[0].get("updated_at").is_none(), "{list}");
}

#[test]
fn an_older_file_gets_a_sensible_updated_at() {
    let env = Env::new();
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    jackbox::store::migrate_to(&conn, 5).unwrap();
    conn.execute_batch(
        "INSERT INTO sessions (id, notes, is_active, created_at, closed_at) VALUES
           (1, NULL, 0, '2025-01-01T19:00:00.000Z', '2025-01-01T23:00:00.000Z'),
           (2, NULL, 1, '2025-01-08T19:00:00.000Z', NULL),
           (3, NULL, 0, '2025-01-09T19:00:00.000Z', '2025-01-09T20:00:00.000Z');
         INSERT INTO session_games (id, session_id, game_id, played_at, status) VALUES
           (1, 1, 1, '2025-01-01T19:10:00.000Z', 'played'),
           (2, 2, 1, '2025-01-08T19:10:00.000Z', 'playing');
         INSERT INTO live_votes (session_id, game_id, session_game_id, username, vote_type,
            timestamp, created_at, message_hash) VALUES
           (3, 1, NULL, 'v', 'up', '2025-01-09T19:30:00.000Z', '2025-01-10T08:00:00.000Z', 'h');",
    )
    .unwrap();
    drop(conn);
    env.ok(&["session", "list"]);
    assert_eq!(updated_at(&env, 1), "2025-01-01T23:00:00.000Z", "closed");
    assert_eq!(updated_at(&env, 2), "2025-01-08T19:10:00.000Z", "last game");
    assert_eq!(
        updated_at(&env, 3),
        "2025-01-10T08:00:00.000Z",
        "last live vote"
    );
}
