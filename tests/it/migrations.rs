//! Schema versions: an older file is upgraded in place with its data, a newer one is refused
//! and left untouched, a file that is not a database is an error (never a panic).

use super::util::Env;
use jackbox::store::{migrate_to, LATEST_VERSION};
use rusqlite::Connection;

fn user_version(env: &Env) -> i64 {
    Connection::open(&env.db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// A file at schema version `n`, built with the real migration steps, holding a closed
/// session with two games and an active one with a playing game.
fn old_file(env: &Env, n: i64) {
    let conn = Connection::open(&env.db).unwrap();
    migrate_to(&conn, n).unwrap();
    // Our own game, in a pack the built-in catalog does not ship, so seeding it later (from
    // version 1) cannot collide.
    conn.execute_batch(
        "INSERT INTO packs (name) VALUES ('Old Pack');
         INSERT INTO games (id, pack_name, title, min_players, max_players, play_count,
            created_at)
         VALUES (9001, 'Old Pack', 'Old Game', 2, 6, 3, '2025-01-01T00:00:00.000Z');",
    )
    .unwrap();
    conn.execute_batch(
        "INSERT INTO sessions (id, notes, is_active, created_at, closed_at) VALUES
           (1, 'old night ''quoted'' 🎉', 0, '2025-01-01T19:00:00.000Z', '2025-01-01T23:00:00.000Z'),
           (2, NULL, 1, '2025-01-08T19:00:00.000Z', NULL);
         INSERT INTO session_games (id, session_id, game_id, played_at, status, room_code,
            player_count) VALUES
           (1, 1, 9001, '2025-01-01T19:10:00.000Z', 'played', 'ABCD', 5),
           (2, 1, 9001, '2025-01-01T20:10:00.000Z', 'skipped', NULL, NULL),
           (3, 2, 9001, '2025-01-08T19:10:00.000Z', 'playing', NULL, NULL);",
    )
    .unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, n);
}

#[test]
fn older_files_are_upgraded_with_their_data() {
    const { assert!(LATEST_VERSION >= 2) };
    for n in 1..LATEST_VERSION {
        let env = Env::new();
        old_file(&env, n);

        let list = env.json(&["session", "list"]);
        assert_eq!(user_version(&env), LATEST_VERSION, "from version {n}");
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), 2, "from version {n}");
        assert_eq!(list[0]["id"], 2);
        assert_eq!(list[0]["is_active"], 1);
        assert_eq!(list[0]["games_played"], 1);
        assert_eq!(list[1]["notes"], "old night 'quoted' 🎉");
        assert_eq!(list[1]["closed_at"], "2025-01-01T23:00:00.000Z");
        assert_eq!(list[1]["games_played"], 2);
        let games = env.json(&["game", "list", "--session", "1"]);
        assert_eq!(games[0]["title"], "Old Game");
        assert_eq!(games[0]["room_code"], "ABCD");
        assert_eq!(games[0]["player_count"], 5);
        assert_eq!(games[1]["status"], "skipped");
        assert_eq!(games[0]["player_count_check_status"], "not_started");

        // The upgraded file works for the whole night: events (a later table) included.
        let added = env.json(&["game", "add", "9001"]);
        assert_eq!(added["id"], 4, "IDs continue after the old rows");
        assert_eq!(env.count("SELECT play_count FROM games WHERE id = 9001"), 4);
        assert_eq!(
            env.count("SELECT status = 'played' FROM session_games WHERE id = 3"),
            1
        );
        env.ok(&["session", "close"]);
        assert_eq!(
            env.count("SELECT COUNT(*) FROM events WHERE type IN ('game.added', 'session.ended')"),
            2
        );
        // The built-in catalog arrived next to the old game.
        assert!(env.count("SELECT COUNT(*) FROM games") > 50);
        assert_eq!(
            env.count("SELECT COUNT(*) FROM games WHERE title = 'Quiplash 3'"),
            2
        );
        assert_eq!(user_version(&env), LATEST_VERSION);
    }
}

#[test]
fn opening_twice_changes_nothing() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    let games = env.count("SELECT COUNT(*) FROM games");
    env.ok(&["session", "list"]);
    assert_eq!(env.count("SELECT COUNT(*) FROM games"), games);
    assert_eq!(user_version(&env), LATEST_VERSION);
}

#[test]
fn a_newer_file_is_refused_and_left_untouched() {
    let env = Env::new();
    {
        let conn = Connection::open(&env.db).unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('from the future');
             PRAGMA user_version = {};",
            LATEST_VERSION + 1
        ))
        .unwrap();
    }
    let before = std::fs::read(&env.db).unwrap();
    for args in [
        &["session", "list"][..],
        &["session", "create"][..],
        &["--json", "game", "add", "1"][..],
    ] {
        let r = env.run(args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        let first = r.stderr.lines().next().unwrap();
        assert!(first.starts_with("error: cannot use "), "{first}");
        assert!(
            first.contains(&format!(
                "written by a newer version of jackbox (schema version {}",
                LATEST_VERSION + 1
            )),
            "{first}"
        );
        assert!(r.stderr.contains("hint: upgrade jackbox"), "{}", r.stderr);
        assert!(r.stdout.is_empty());
    }
    assert_eq!(
        std::fs::read(&env.db).unwrap(),
        before,
        "file bytes unchanged"
    );
    let mut wal = env.db.clone().into_os_string();
    wal.push("-wal");
    assert!(!std::path::Path::new(&wal).exists(), "not switched to WAL");
    let conn = Connection::open(&env.db).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, LATEST_VERSION + 1);
}

#[test]
fn a_file_that_is_not_a_database_is_an_error() {
    let env = Env::new();
    std::fs::write(
        &env.db,
        b"this is not sqlite, just some text that is long enough....",
    )
    .unwrap();
    let r = env.run(&["session", "list"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
    // A folder that cannot be created is an error too.
    std::fs::write(env.path("blocker"), b"x").unwrap();
    let r = env
        .command()
        .args([
            "--db",
            env.path("blocker/sub/j.db").to_str().unwrap(),
            "session",
            "create",
        ])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).starts_with("error: cannot create directory"));
}

/// The schema (every table, index and trigger, by name) and the catalog (without its
/// creation times) of the database at `path`.
fn shape(path: &std::path::Path) -> (Vec<(String, String)>, Vec<String>) {
    let conn = Connection::open(path).unwrap();
    let schema = conn
        .prepare("SELECT name, COALESCE(sql, '') FROM sqlite_master ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<Vec<(String, String)>>>()
        .unwrap();
    let games = conn
        .prepare(
            "SELECT json_object('id', id, 'pack', pack_name, 'title', title, 'min', min_players,
                'max', max_players, 'len', length_minutes, 'aud', has_audience,
                'ff', family_friendly, 'type', game_type, 'type2', secondary_type,
                'tag', app_tag, 'on', enabled, 'favor', favor_bias, 'ticker', ticker)
             FROM games ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<Vec<String>>>()
        .unwrap();
    (schema, games)
}

#[test]
fn every_historical_version_migrates_to_the_fresh_schema() {
    let fresh = Env::new();
    jackbox::store::open(&fresh.db).unwrap();
    let want = shape(&fresh.db);
    assert!(want.1.len() > 50, "the built-in catalog is seeded");
    for n in 0..LATEST_VERSION {
        let env = Env::new();
        migrate_to(&Connection::open(&env.db).unwrap(), n).unwrap();
        assert_eq!(user_version(&env), n);
        jackbox::store::open(&env.db).unwrap();
        assert_eq!(user_version(&env), LATEST_VERSION, "from version {n}");
        let got = shape(&env.db);
        assert_eq!(got.0, want.0, "schema migrated from version {n}");
        assert_eq!(got.1, want.1, "catalog migrated from version {n}");
    }
}

#[test]
fn released_steps_are_frozen() {
    // A released step never changes: old and new installs would otherwise have different
    // schemas or catalogs. A change is a new step at the end. Step 2 ships the built-in
    // catalog (`steps/002_catalog.sql`), step 9 the built-in tickers (pinned as its frozen
    // data). A step added later gets its pin here when it lands on main.
    use sha2::{Digest, Sha256};
    const PINNED: [&str; 14] = [
        "6f201815a01dc230b99461ff6847f9ff7f9c9fb678e539ab5713fcc766ec347e",
        "5ca1efdbe5670f717516c4dd18986ab98708cb6e5cdaf11706aba1c9b150721e",
        "d0d4483768c87a5671aa07aed5f9ab0ffbab98401d04972b986ba641f5191f18",
        "93af6bfff81d36f66061e06222137d5cf265deec95395c72cc132b56a3ec02d1",
        "d6022b3774cdd3feb8a75ba5b650d8a00af790f516dfd0c9872af555edfbe574",
        "2264a82f44784abf0062703cedcbfba567a1ad2dde09c94e1e077ec61c106640",
        "0e87e213442545e50c951f2b28f9a7d39f673397dbdca0c1e5c347d385fb0f85",
        "53b697f7efa92e9351df7b05c521975470b415ff693b614bbb2fa771e5140db2",
        "3981901b81d062470c33d5b45a8ce3418ea6efa2c82100a9f9b7c2e1c50aaf19",
        "8efbdb2a75f4f4416440af834ab91c1d6a519c4dbe1fe1713e2b63c17b9d908c",
        "229001a6e3ddcb44cba1b323f341524aaf4f3c520bd184769f2b848daf46a5c3",
        "5967b6bb4c52184c3a37b05b38017f1671467fedd09a5d7b4daba24f60c573de",
        "c2e487845eb7b993d3a6c2d108a1af03d34746a5c5bbe7f603672aea5185dc01",
        // 14: admins.key_id (issue 26).
        "e66bf8cf6a12b58a9a9c7ffb313db1d8f34e2ffd955ad3ff2ee91d87b21a510e",
    ];
    let got: Vec<String> = (1..=PINNED.len())
        .map(|n| {
            let text = jackbox::store::step_text(n).unwrap_or_else(|| panic!("no step {n}"));
            hex::encode(Sha256::digest(text.as_bytes()))
        })
        .collect();
    for (n, (want, got)) in PINNED.iter().zip(&got).enumerate() {
        assert_eq!(want, got, "released migration step {} changed", n + 1);
    }
    // Step 2 runs the file (`steps/002_catalog.sql`) whose hash was pinned before.
    let step2 = include_str!("../../src/store/steps/002_catalog.sql");
    assert_eq!(hex::encode(Sha256::digest(step2.as_bytes())), PINNED[1]);
}
