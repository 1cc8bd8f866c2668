//! Games of a session from the CLI: add (by id, by title, with a room code), list, show,
//! status rules, room codes, player counts, remove, and the events they write.

use super::cli_sessions::{assert_key_order, keys};
use super::util::{events, Env};
use serde_json::{json, Value};

const SESSION_GAME_KEYS: [&str; 17] = [
    "id",
    "session_id",
    "game_id",
    "played_at",
    "manually_added",
    "source",
    "status",
    "room_code",
    "player_count",
    "player_count_check_status",
    "title",
    "pack_name",
    "min_players",
    "max_players",
    "upvotes",
    "downvotes",
    "monitor_state",
];

fn play_count(env: &Env, game_id: i64) -> i64 {
    env.count(&format!(
        "SELECT play_count FROM games WHERE id = {game_id}"
    ))
}

fn statuses(env: &Env) -> Vec<String> {
    env.json(&["game", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["status"].as_str().unwrap().to_string())
        .collect()
}

fn game_id_of(env: &Env, pack: &str, title: &str) -> i64 {
    env.conn()
        .query_row(
            "SELECT id FROM games WHERE pack_name = ?1 AND title = ?2",
            [pack, title],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_full_game_night() {
    let env = Env::new();
    let sid = env.ok(&["session", "create", "-q", "--notes", "Friday game night"]);
    assert_eq!(sid.trim(), "1");
    let quiplash = game_id_of(&env, "The Jackbox Party Pack 7", "Quiplash 3");
    let before = play_count(&env, quiplash);

    // One by id, with -q.
    let first = env.ok(&["game", "add", "1", "-q"]);
    assert_eq!(first, "1\n");
    // One by title (an exact title shipped in two packs means the Party Pack one).
    let r = env.run(&["--json", "game", "add", "Quiplash 3"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let second = r.json();
    assert_eq!(second["game_id"], quiplash);
    assert_eq!(second["status"], "playing");
    assert_eq!(second["manually_added"], 0);
    assert_eq!(keys(&second), {
        let mut k: Vec<String> = SESSION_GAME_KEYS.iter().map(|s| s.to_string()).collect();
        k.sort();
        k
    });
    assert_key_order(&r.stdout, &SESSION_GAME_KEYS);
    assert_eq!(play_count(&env, quiplash), before + 1);
    // One with a room code, added by hand: the monitor is switched on.
    let third = env.json(&[
        "game",
        "add",
        "drawful 2",
        "--room-code",
        "ABCD",
        "--manual",
    ]);
    assert_eq!(third["title"], "Drawful 2");
    assert_eq!(third["room_code"], "ABCD");
    assert_eq!(third["manually_added"], 1);
    assert_eq!(third["player_count_check_status"], "monitoring");
    assert_eq!(statuses(&env), ["played", "played", "playing"]);

    // Every status change.
    let set = |id: &str, status: &str| {
        let v = env.json(&["game", "status", id, status]);
        assert_eq!(
            v,
            json!({ "message": "Status updated successfully", "status": status })
        );
    };
    set("3", "played");
    assert_eq!(statuses(&env), ["played", "played", "played"]);
    set("1", "playing");
    assert_eq!(statuses(&env), ["playing", "played", "played"]);
    set("2", "playing");
    assert_eq!(statuses(&env), ["played", "playing", "played"]);
    set("2", "skipped");
    assert_eq!(statuses(&env), ["played", "skipped", "played"]);
    set("2", "played");
    set("2", "skipped");
    set("3", "playing");
    assert_eq!(statuses(&env), ["played", "skipped", "playing"]);
    set("2", "playing");
    assert_eq!(statuses(&env), ["played", "playing", "played"]);
    set("2", "skipped");
    set("1", "skipped");
    set("1", "playing");
    set("1", "played");
    set("3", "playing");
    assert_eq!(statuses(&env), ["played", "skipped", "playing"]);
    // Human output of a status change is the API's message.
    assert_eq!(
        env.ok(&["game", "status", "3", "playing"]).trim(),
        "Status updated successfully"
    );

    // Room code and player count.
    let v = env.json(&["game", "room-code", "1", "XY9Z"]);
    assert_eq!(v["room_code"], "XY9Z");
    assert_eq!(v["id"], 1);
    let v = env.json(&["game", "player-count", "3", "6"]);
    assert_eq!(
        v,
        json!({ "message": "Player count updated successfully", "player_count": 6 })
    );
    let shown = env.json(&["game", "show", "3"]);
    assert_eq!(shown["player_count"], 6);
    assert_eq!(shown["status"], "playing");

    // Close with notes: the playing game becomes played, the skipped one stays.
    env.ok(&["game", "status", "2", "skipped"]);
    let closed = env.json(&["session", "close", "--notes", "Great session!"]);
    assert_eq!(closed["games_played"], 3);
    assert_eq!(closed["notes"], "Great session!");
    let list = env.json(&["game", "list", "--session", "1"]);
    let st: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["status"].as_str().unwrap())
        .collect();
    assert_eq!(st, ["played", "skipped", "played"]);
    // Closing stopped the room monitor.
    assert_eq!(list[2]["player_count_check_status"], "stopped");

    // Export both ways, then delete.
    let json_file = env.path("night.json");
    env.ok(&[
        "session",
        "export",
        "1",
        "--format",
        "json",
        "-o",
        json_file.to_str().unwrap(),
    ]);
    let doc: Value = serde_json::from_slice(&std::fs::read(&json_file).unwrap()).unwrap();
    assert_eq!(doc["games"].as_array().unwrap().len(), 3);
    let txt = env.ok(&["session", "export", "1"]);
    assert!(txt.contains("Quiplash 3"));
    env.ok(&["session", "delete", "1", "--yes"]);
    assert_eq!(env.count("SELECT COUNT(*) FROM session_games"), 0);
    assert_eq!(play_count(&env, quiplash), before + 1);
}

#[test]
fn add_rules_and_errors() {
    let env = Env::new();
    let r = env.fails(&["game", "add", "1"], 3, "No active session");
    assert!(r.stderr.contains("hint: "));
    env.ok(&["session", "create"]);
    env.fails(&["game", "add", "99999"], 3, "Game not found");
    env.fails(&["game", "add", "No Such Game At All"], 3, "Game not found");
    env.fails(
        &["game", "add", "1", "--session", "42"],
        3,
        "Session not found",
    );
    // An ambiguous title lists the candidates and changes nothing.
    let r = env.run(&["game", "add", "drawf"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    let first = r.stderr.lines().next().unwrap();
    assert!(
        first.starts_with("error: Game title \"drawf\" is ambiguous:"),
        "{first}"
    );
    assert!(
        first.contains("Drawful 2") && first.contains("Drawful Animate"),
        "{first}"
    );
    // A part of a title that names one game is enough; so is any letter case.
    assert_eq!(
        env.json(&["game", "add", "interlash"])["title"],
        "Quiplash 2 InterLASHional"
    );
    assert_eq!(env.json(&["game", "add", "QUIPLASH"])["title"], "Quiplash");
    env.ok(&["game", "remove", "1"]);
    env.ok(&["game", "remove", "2"]);
    assert_eq!(env.count("SELECT COUNT(*) FROM session_games"), 0);

    // A closed session takes no games (named explicitly; there is no active one).
    env.ok(&["session", "close"]);
    let before = play_count(&env, 1);
    let events_before = events(&env, "game.added").len();
    env.fails(&["game", "add", "1"], 3, "No active session");
    env.fails(
        &["game", "add", "1", "--session", "1"],
        1,
        "Cannot add games to a closed session",
    );
    assert_eq!(play_count(&env, 1), before);
    assert_eq!(env.count("SELECT COUNT(*) FROM session_games"), 0);
    assert_eq!(events(&env, "game.added").len(), events_before);

    // --session picks a session other than the active one.
    env.ok(&["session", "create"]);
    let v = env.json(&["game", "add", "1", "--session", "2"]);
    assert_eq!(v["session_id"], 2);
}

#[test]
fn adding_a_game_writes_game_added() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    env.ok(&["game", "add", "1"]);
    let sg = env.json(&["game", "add", "2", "--room-code", "QW12", "--manual"]);
    let added = events(&env, "game.added");
    assert_eq!(added.len(), 2);
    assert_eq!(added[1]["type"], "game.added");
    assert_eq!(
        added[1]["data"],
        json!({
            "session": { "id": 1, "is_active": 1, "games_played": 2 },
            "game": {
                "id": 2, "session_game_id": sg["id"], "title": sg["title"],
                "pack_name": sg["pack_name"], "min_players": sg["min_players"],
                "max_players": sg["max_players"], "manually_added": 1, "room_code": "QW12",
                "source": "manual",
            },
        })
    );
    assert_eq!(added[0]["data"]["session"]["games_played"], 1);
    assert!(added[0]["data"]["game"]["room_code"].is_null());
    assert_eq!(
        env.count("SELECT COUNT(*) FROM events WHERE type = 'game.added' AND session_id = 1"),
        2
    );
}

#[test]
fn skipped_games_stay_skipped() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    env.ok(&["game", "add", "1"]);
    env.ok(&["game", "status", "1", "skipped"]);
    env.ok(&["game", "add", "2"]);
    assert_eq!(statuses(&env), ["skipped", "playing"]);
    env.ok(&["game", "add", "3"]);
    assert_eq!(statuses(&env), ["skipped", "played", "playing"]);
    env.ok(&["game", "status", "2", "playing"]);
    assert_eq!(statuses(&env), ["skipped", "playing", "played"]);
    env.ok(&["session", "close"]);
    let list = env.json(&["game", "list", "--session", "1"]);
    let st: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["status"].as_str().unwrap())
        .collect();
    assert_eq!(st, ["skipped", "played", "played"]);
    assert_eq!(
        env.count("SELECT COUNT(*) FROM session_games WHERE status = 'playing'"),
        0
    );
}

#[test]
fn status_errors() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    env.ok(&["game", "add", "1"]);
    // Any case is accepted (PLAYING is playing); unknown values are the API's error.
    for bad in ["done", "", "skip"] {
        env.fails(
            &["game", "status", "1", bad],
            4,
            "Invalid status. Must be playing, played, or skipped",
        );
    }
    assert_eq!(statuses(&env), ["playing"]);
    let r = env.fails(
        &["game", "status", "99", "played"],
        3,
        "Session game not found",
    );
    assert!(r.stderr.contains("hint:"));
    assert_eq!(env.run(&["game", "status", "1"]).code, 2);
}

#[test]
fn room_codes_are_four_uppercase_letters_or_digits() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    const MSG: &str = "Invalid room code. Must be exactly 4 characters (A-Z, 0-9)";
    for bad in [
        "ABC",
        "ABCDE",
        "AB-D",
        "AB D",
        "ÄBCD",
        "AB¢",
        "",
        "AB\u{1b}D",
        "ABCD ",
    ] {
        env.fails(&["game", "add", "1", "--room-code", bad], 4, MSG);
    }
    assert_eq!(env.count("SELECT COUNT(*) FROM session_games"), 0);
    assert_eq!(play_count(&env, 1), 0);
    let sg = env.json(&["game", "add", "1", "--room-code", "0A9Z"]);
    assert_eq!(sg["room_code"], "0A9Z");
    for bad in ["XY9", "XY9ZZ", "XY_Z"] {
        env.fails(&["game", "room-code", "1", bad], 4, MSG);
    }
    assert_eq!(
        env.count("SELECT COUNT(*) FROM session_games WHERE room_code = '0A9Z'"),
        1
    );
    env.fails(
        &["game", "room-code", "7", "ABCD"],
        3,
        "Session game not found",
    );
    let v = env.json(&["game", "room-code", "1", "ZZZZ"]);
    assert_eq!(v["room_code"], "ZZZZ");
    // Any case is accepted and stored in capitals (issue 23).
    let v = env.json(&["game", "room-code", "1", "xy9z"]);
    assert_eq!(v["room_code"], "XY9Z");
    assert_eq!(v["player_count_check_status"], "monitoring");
    let human = env.ok(&["game", "room-code", "1", "AAAA"]);
    assert!(human.contains("Room code:") && human.contains("AAAA"));
}

#[test]
fn player_counts() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    env.ok(&["game", "add", "5"]);
    const MSG: &str = "player_count must be a non-negative integer";
    for bad in ["-1", "abc", "6.5", "", "1e3"] {
        env.fails(&["game", "player-count", "1", bad], 4, MSG);
    }
    assert!(events(&env, "player-count.updated").is_empty());
    let v = env.json(&["game", "player-count", "1", "0"]);
    assert_eq!(v["player_count"], 0);
    env.ok(&["game", "player-count", "1", "8"]);
    assert_eq!(
        env.count("SELECT player_count FROM session_games WHERE id = 1"),
        8
    );
    // Status is unchanged by a player count.
    assert_eq!(statuses(&env), ["playing"]);
    let ev = events(&env, "player-count.updated");
    assert_eq!(ev.len(), 2);
    assert_eq!(
        ev[1]["data"],
        json!({ "sessionId": 1, "sessionGameId": 1, "gameId": 5, "playerCount": 8, "source": "manual" })
    );
    env.fails(
        &["game", "player-count", "2", "3"],
        3,
        "Session game not found",
    );
}

#[test]
fn remove_decrements_play_count() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    env.ok(&["game", "add", "7"]);
    env.ok(&["game", "add", "7"]);
    assert_eq!(play_count(&env, 7), 2);
    let v = env.json(&["game", "remove", "1"]);
    assert_eq!(
        v,
        json!({ "message": "Game removed from session", "sessionGameId": 1 })
    );
    assert_eq!(play_count(&env, 7), 1);
    assert_eq!(env.json(&["session", "active"])["games_played"], 1);
    env.fails(&["game", "remove", "1"], 3, "Session game not found");
    assert_eq!(
        env.ok(&["game", "remove", "2"]).trim(),
        "Game removed from session"
    );
    assert_eq!(play_count(&env, 7), 0);
    // A removed session game's ID is not handed out again.
    assert_eq!(env.ok(&["game", "add", "7", "-q"]), "3\n");
}

#[test]
fn list_and_show() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    assert!(env
        .ok(&["game", "list"])
        .contains("No games in session 1 yet"));
    assert_eq!(env.json(&["game", "list"]), json!([]));
    env.ok(&["game", "add", "1"]);
    env.ok(&["game", "add", "2", "--room-code", "ABCD"]);
    let r = env.run(&["--json", "game", "list"]);
    let list = r.json();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["id"], 1);
    assert_eq!(list[1]["id"], 2);
    assert_key_order(&r.stdout, &SESSION_GAME_KEYS);
    assert_eq!(env.json(&["game", "show", "2"]), list[1]);
    let table = env.ok(&["game", "list"]);
    assert!(table.contains("ABCD") && table.contains("playing") && table.contains("Status"));
    let human = env.ok(&["game", "show", "2"]);
    assert!(human.contains("Session game:") && human.contains("ABCD"));
    assert_eq!(env.ok(&["-q", "game", "list"]), "1\n2\n");
    env.fails(&["game", "show", "9"], 3, "Session game not found");
    env.fails(&["game", "list", "--session", "9"], 3, "Session not found");
    env.ok(&["session", "close"]);
    env.fails(&["game", "list"], 3, "No active session");
    assert_eq!(
        env.json(&["game", "list", "--session", "1"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn a_session_game_of_another_session_is_not_found() {
    use jackbox::core::session_games::{self, CountSource, NewGame};
    use jackbox::core::vocab::GameStatus;
    use jackbox::core::{lineup, sessions};
    let env = Env::new();
    let mut conn = env.conn();
    let s1 = sessions::create(&mut conn, None).unwrap().id;
    let add = |conn: &mut rusqlite::Connection, sid: i64| {
        lineup::add_game(
            conn,
            sid,
            &NewGame {
                game_id: Some(1),
                ..NewGame::default()
            },
        )
        .unwrap()
        .id
    };
    let in_s1 = add(&mut conn, s1);
    lineup::close_session(&mut conn, s1, None).unwrap();
    let s2 = sessions::create(&mut conn, None).unwrap().id;
    let in_s2 = add(&mut conn, s2);

    let not_found = |r: jackbox::Result<()>| {
        let e = r.unwrap_err();
        assert_eq!(e.message, "Session game not found");
        assert_eq!(e.http_status(), 404);
        assert_eq!(e.exit_code(), 3);
    };
    // in_s1 addressed through session 2, and in_s2 through session 1.
    for (sid, sgid) in [(s2, in_s1), (s1, in_s2)] {
        not_found(session_games::get(&conn, sid, sgid).map(drop));
        not_found(session_games::set_status(&mut conn, sid, sgid, GameStatus::Skipped).map(drop));
        not_found(session_games::set_room_code(&mut conn, sid, sgid, "ABCD").map(drop));
        not_found(
            session_games::set_player_count(&mut conn, sid, sgid, 4, CountSource::Manual).map(drop),
        );
        not_found(session_games::remove(&mut conn, sid, sgid).map(drop));
        not_found(session_games::start_monitor(&mut conn, sid, sgid).map(drop));
        not_found(session_games::stop_monitor(&mut conn, sid, sgid).map(drop));
    }
    // Nothing changed.
    assert_eq!(
        env.count(
            "SELECT COUNT(*) FROM session_games WHERE room_code IS NULL AND player_count IS NULL"
        ),
        2
    );
    assert_eq!(
        session_games::get(&conn, s2, in_s2).unwrap().status,
        GameStatus::Playing
    );
    assert_eq!(
        session_games::get(&conn, s1, in_s1).unwrap().status,
        GameStatus::Played
    );
    // The core also rejects bad input with the API's messages.
    let e = lineup::add_game(&mut conn, s2, &NewGame::default()).unwrap_err();
    assert_eq!(e.message, "game_id is required");
    let e =
        session_games::set_player_count(&mut conn, s2, in_s2, -1, CountSource::Manual).unwrap_err();
    assert_eq!(e.message, "player_count must be a non-negative integer");
}

#[test]
fn events_are_written_in_the_same_transaction_as_the_change() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    env.ok(&["game", "add", "1"]);
    // Make every outbox write fail: the change it belongs to must not be committed either.
    env.conn()
        .execute_batch(
            "CREATE TRIGGER outbox_down BEFORE INSERT ON events
             BEGIN SELECT RAISE(ABORT, 'outbox down'); END;",
        )
        .unwrap();
    let before = play_count(&env, 2);
    let r = env.run(&["game", "add", "2"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("outbox down"), "{}", r.stderr);
    assert_eq!(play_count(&env, 2), before);
    assert_eq!(env.count("SELECT COUNT(*) FROM session_games"), 1);
    assert_eq!(
        statuses(&env),
        ["playing"],
        "the other game was not demoted"
    );

    assert_eq!(env.run(&["game", "player-count", "1", "4"]).code, 1);
    assert_eq!(
        env.count("SELECT player_count IS NULL FROM session_games WHERE id = 1"),
        1
    );
    assert_eq!(env.run(&["session", "close"]).code, 1);
    assert_eq!(env.count("SELECT is_active FROM sessions WHERE id = 1"), 1);
    assert_eq!(statuses(&env), ["playing"]);

    env.conn()
        .execute_batch("DROP TRIGGER outbox_down;")
        .unwrap();
    env.ok(&["session", "close"]);
    let fresh = Env::new();
    fresh
        .conn()
        .execute_batch(
            "CREATE TRIGGER outbox_down BEFORE INSERT ON events
             BEGIN SELECT RAISE(ABORT, 'outbox down'); END;",
        )
        .unwrap();
    assert_eq!(fresh.run(&["session", "create"]).code, 1);
    assert_eq!(fresh.count("SELECT COUNT(*) FROM sessions"), 0);
}
