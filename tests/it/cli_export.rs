//! `jackbox session export`: the JSON document, the TXT report, files and stdout.

use super::cli_sessions::{assert_key_order, keys};
use super::util::Env;
use serde_json::Value;

/// A closed session with three games, votes and a chat log (inserted directly).
fn night(env: &Env) {
    env.ok(&["session", "create", "--notes", "Friday \"game\" night 🎉"]);
    env.ok(&["game", "add", "Quiplash 3", "--room-code", "ABCD"]);
    env.ok(&["game", "add", "Drawful 2"]);
    env.ok(&["game", "add", "1"]);
    env.ok(&["game", "status", "3", "skipped"]);
    env.ok(&["game", "player-count", "1", "6"]);
    let conn = env.conn();
    conn.execute_batch(
        "UPDATE session_games SET upvotes = 3, downvotes = 1 WHERE id = 1;
         UPDATE session_games SET upvotes = 0, downvotes = 2 WHERE id = 2;
         INSERT INTO chat_logs (session_id, username, message, timestamp, vote,
            session_game_id, message_hash) VALUES
          (1, 'alice', 'thisgame++', '2026-03-15T19:05:00.000Z', 'up', 1, 'h1'),
          (1, 'bob', 'hello everyone', '2026-03-15T19:01:00.000Z', NULL, NULL, 'h2'),
          (1, 'carol', 'thisgame--', '2026-03-15T19:20:00.000Z', 'down', 2, 'h3');",
    )
    .unwrap();
    drop(conn);
    env.ok(&["session", "close", "--notes", "Great session!"]);
}

#[test]
fn json_export_has_the_api_shape() {
    let env = Env::new();
    night(&env);
    let r = env.run(&["session", "export", "1", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(
        keys(&doc),
        ["chat_logs", "exported_at", "games", "session", "updated_at"]
    );
    assert_key_order(
        &r.stdout,
        &["session", "games", "chat_logs", "updated_at", "exported_at"],
    );
    assert_eq!(doc["session"], env.json(&["session", "show", "1"]));
    assert_eq!(doc["session"]["games_played"], 3);
    assert_eq!(doc["session"]["notes"], "Great session!");
    assert_eq!(doc["games"], env.json(&["game", "list", "--session", "1"]));
    assert_eq!(doc["games"][0]["upvotes"], 3);
    let chat = doc["chat_logs"].as_array().unwrap();
    assert_eq!(chat.len(), 3);
    for line in chat {
        assert_eq!(keys(line), ["message", "timestamp", "username", "vote"]);
    }
    // In time order.
    assert_eq!(chat[0]["username"], "bob");
    assert!(chat[0]["vote"].is_null());
    assert_eq!(chat[1]["vote"], "up");
    let exported_at = doc["exported_at"].as_str().unwrap();
    assert_eq!(exported_at.len(), 24);
    assert!(exported_at.ends_with('Z'));

    // --json alone means a JSON export.
    let doc2 = env.json(&["session", "export", "1"]);
    assert_eq!(doc2["games"], doc["games"]);
}

#[test]
fn txt_export_has_every_section() {
    let env = Env::new();
    night(&env);
    let txt = env.ok(&["session", "export", "1"]);
    let played_at: Vec<String> = env
        .json(&["game", "list", "--session", "1"])
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["played_at"].as_str().unwrap()[11..16].to_string())
        .collect();
    let session = env.json(&["session", "show", "1"]);
    for needle in [
        "JACKBOX GAME NIGHT - SESSION 1".to_string(),
        "Notes:        Great session!".to_string(),
        format!("Started:      {}", session["created_at"].as_str().unwrap()),
        format!("Ended:        {}", session["closed_at"].as_str().unwrap()),
        "Games played: 3".to_string(),
        "GAMES".to_string(),
        format!(
            "1. [{}] Quiplash 3 (The Jackbox Party Pack 7)",
            played_at[0]
        ),
        "   status: played | room code: ABCD | players: 6 | votes: +3 / -1".to_string(),
        format!("2. [{}] Drawful 2 (Standalone)", played_at[1]),
        "   status: played | room code: - | players: - | votes: +0 / -2".to_string(),
        "   status: skipped | room code: - | players: - | votes: +0 / -0".to_string(),
        "VOTES".to_string(),
        "Quiplash 3: +3 / -1 (net +2)".to_string(),
        "Drawful 2: +0 / -2 (net -2)".to_string(),
        "Total: 3 up, 3 down".to_string(),
        "CHAT LOG (3 messages)".to_string(),
        "[2026-03-15T19:01:00.000Z] bob: hello everyone".to_string(),
        "[2026-03-15T19:05:00.000Z] alice: thisgame++".to_string(),
        "[2026-03-15T19:20:00.000Z] carol: thisgame--".to_string(),
    ] {
        assert!(txt.contains(&needle), "missing {needle:?} in:\n{txt}");
    }
    // Sections in order.
    let pos = |s: &str| txt.find(s).unwrap();
    assert!(pos("Notes:") < pos("GAMES"));
    assert!(pos("GAMES") < pos("VOTES"));
    assert!(pos("VOTES") < pos("CHAT LOG"));
    assert!(txt.ends_with('\n'));

    // An empty active session exports too.
    let env = Env::new();
    env.ok(&["session", "create"]);
    let txt = env.ok(&["session", "export"]);
    assert!(txt.contains("Notes:        -"));
    assert!(txt.contains("Ended:        still active"));
    assert!(txt.contains("(no games)") && txt.contains("(no chat log)"));
}

#[test]
fn export_to_a_file_and_to_stdout() {
    let env = Env::new();
    night(&env);
    let r = env.run(&[
        "session",
        "export",
        "1",
        "--format",
        "json",
        "-o",
        env.path("session-1.json").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "nothing on stdout with -o");
    assert!(r.stderr.contains("session-1.json"));
    let from_file: Value =
        serde_json::from_slice(&std::fs::read(env.path("session-1.json")).unwrap()).unwrap();
    let from_stdout = env.json(&["session", "export", "1", "--format", "json"]);
    assert_eq!(from_file["session"], from_stdout["session"]);
    assert_eq!(from_file["games"], from_stdout["games"]);
    assert_eq!(from_file["chat_logs"], from_stdout["chat_logs"]);

    let txt_path = env.path("night.txt");
    env.ok(&[
        "session",
        "export",
        "1",
        "--output",
        txt_path.to_str().unwrap(),
    ]);
    let file_txt = std::fs::read_to_string(&txt_path).unwrap();
    let stdout_txt = env.ok(&["session", "export", "1", "--format", "txt"]);
    let strip = |t: &str| {
        t.lines()
            .filter(|l| !l.starts_with("Exported:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&file_txt), strip(&stdout_txt));
    // -q keeps the confirmation off stderr.
    let r = env.run(&[
        "-q",
        "session",
        "export",
        "1",
        "-o",
        txt_path.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0);
    assert!(r.stderr.is_empty() && r.stdout.is_empty());
}

#[test]
fn export_errors() {
    let env = Env::new();
    env.init();
    env.fails(&["session", "export"], 3, "No active session");
    env.fails(&["session", "export", "4"], 3, "Session not found");
    env.ok(&["session", "create"]);
    for bad in ["xml", "csv", ""] {
        env.fails(
            &["session", "export", "1", "--format", bad],
            4,
            "Invalid format. Must be json or txt",
        );
    }
    let r = env.run(&[
        "session",
        "export",
        "1",
        "-o",
        env.path("missing-dir/x.txt").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.starts_with("error: cannot write"), "{}", r.stderr);
}
