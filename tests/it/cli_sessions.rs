//! Sessions from the CLI: create, list, active, show, close, delete, the one-active rule,
//! output modes, configuration (S4, `--db` vs `JACKBOX_DB`), hostile strings (S6) and help.

use super::util::{events, Env, BIN};
use serde_json::Value;

/// Asserts that the keys appear in this order in a raw JSON text (the first object).
pub fn assert_key_order(raw: &str, keys: &[&str]) {
    let mut at = 0;
    for k in keys {
        let needle = format!("\"{k}\":");
        let pos = raw[at..]
            .find(&needle)
            .unwrap_or_else(|| panic!("key {k} missing or out of order in {raw}"));
        at += pos + needle.len();
    }
}

/// The exact key set of a JSON object.
pub fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

fn is_time(v: &Value) -> bool {
    let s = v.as_str().unwrap_or_default();
    s.len() == 24 && s.ends_with('Z') && s.as_bytes()[10] == b'T' && s.as_bytes()[19] == b'.'
}

#[test]
fn create_close_delete_with_exact_messages() {
    let env = Env::new();
    let created = env.json(&["session", "create", "--notes", "Friday game night"]);
    assert_eq!(created["notes"], "Friday game night");
    assert_eq!(created["is_active"], 1);
    assert!(created["closed_at"].is_null());
    assert!(created.get("games_played").is_none());
    let id = created["id"].as_i64().unwrap();

    let r = env.fails(
        &["session", "create"],
        1,
        "An active session already exists. Please close it before creating a new one.",
    );
    assert!(r.stderr.contains(&format!("jackbox session close {id}")));
    assert!(r.stdout.is_empty());

    env.fails(
        &["session", "delete", &id.to_string()],
        1,
        "Cannot delete an active session. Please close it first.",
    );
    let closed = env.json(&["session", "close", "--notes", "Great session!"]);
    assert_eq!(closed["is_active"], 0);
    assert_eq!(closed["notes"], "Great session!");
    assert_eq!(closed["games_played"], 0);
    assert!(is_time(&closed["closed_at"]));
    env.fails(
        &["session", "close", &id.to_string()],
        1,
        "Session is already closed",
    );
    let deleted = env.json(&["session", "delete", &id.to_string()]);
    assert_eq!(deleted["message"], "Session deleted successfully");
    assert_eq!(deleted["sessionId"], id);
    env.fails(
        &["session", "show", &id.to_string()],
        3,
        "Session not found",
    );
    env.fails(
        &["session", "delete", &id.to_string()],
        3,
        "Session not found",
    );
    env.fails(&["session", "close", "999"], 3, "Session not found");
}

#[test]
fn create_json_has_the_api_shape_in_order() {
    let env = Env::new();
    let r = env.run(&["--json", "session", "create"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert_eq!(
        keys(&v),
        ["closed_at", "created_at", "id", "is_active", "notes"]
    );
    assert!(v["notes"].is_null());
    assert!(is_time(&v["created_at"]));
    assert_key_order(
        &r.stdout,
        &["id", "notes", "is_active", "created_at", "closed_at"],
    );
    assert_eq!(
        env.count("SELECT COUNT(*) FROM sessions WHERE is_active = 1 AND notes IS NULL"),
        1
    );

    // Human output: a key/value block, no JSON.
    let env = Env::new();
    let out = env.ok(&["session", "create", "--notes", "Birthday party"]);
    assert!(out.contains("Session:"), "{out}");
    assert!(out.contains("Birthday party"));
    assert!(out.contains("active"));
}

#[test]
fn quiet_prints_only_ids() {
    let env = Env::new();
    let out = env.ok(&["session", "create", "-q"]);
    assert_eq!(out, "1\n");
    assert_eq!(env.ok(&["-q", "session", "active"]), "1\n");
    let out = env.ok(&["game", "add", "1", "-q"]);
    assert_eq!(out, "1\n");
    // Changes other than creations print nothing with -q.
    assert_eq!(env.ok(&["-q", "game", "status", "1", "played"]), "");
    assert_eq!(env.ok(&["-q", "session", "close"]), "");
    assert_eq!(env.ok(&["-q", "session", "active"]), "");
    assert_eq!(env.ok(&["-q", "session", "list"]), "1\n");
}

#[test]
fn list_is_newest_first_with_games_played() {
    let env = Env::new();
    env.init();
    assert_eq!(env.json(&["session", "list"]), serde_json::json!([]));
    assert!(env.ok(&["session", "list"]).contains("No sessions yet"));
    env.ok(&["session", "create", "--notes", "first"]);
    env.ok(&["game", "add", "1"]);
    env.ok(&["game", "add", "2"]);
    env.ok(&["session", "close"]);
    env.ok(&["session", "create", "--notes", "second"]);
    let r = env.run(&["--json", "session", "list"]);
    let list = r.json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["notes"], "second");
    assert_eq!(list[0]["games_played"], 0);
    assert_eq!(list[0]["is_active"], 1);
    assert_eq!(list[1]["notes"], "first");
    assert_eq!(list[1]["games_played"], 2);
    assert_eq!(list[1]["is_active"], 0);
    for s in list {
        assert_eq!(
            keys(s),
            [
                "closed_at",
                "created_at",
                "games_played",
                "id",
                "is_active",
                "notes"
            ]
        );
    }
    assert_key_order(
        &r.stdout,
        &[
            "id",
            "notes",
            "is_active",
            "created_at",
            "closed_at",
            "games_played",
        ],
    );
    let paged = env.json(&["session", "list", "--limit", "1", "--offset", "1"]);
    assert_eq!(paged.as_array().unwrap().len(), 1);
    assert_eq!(paged[0]["notes"], "first");

    let table = env.ok(&["session", "list"]);
    assert!(table.contains("ID") && table.contains("Games") && table.contains("second"));
}

#[test]
fn active_and_show() {
    let env = Env::new();
    env.init();
    let r = env.run(&["--json", "session", "active"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.json(),
        serde_json::json!({ "session": null, "message": "No active session" })
    );
    assert_key_order(&r.stdout, &["session", "message"]);
    assert_eq!(env.ok(&["session", "active"]).trim(), "No active session");

    env.ok(&["session", "create", "--notes", "tonight"]);
    env.ok(&["game", "add", "1"]);
    let active = env.json(&["session", "active"]);
    assert_eq!(active["id"], 1);
    assert_eq!(active["games_played"], 1);
    assert_eq!(active["notes"], "tonight");
    assert_eq!(env.json(&["session", "show", "1"]), active);
    let human = env.ok(&["session", "show", "1"]);
    assert!(human.contains("Games played:") && human.contains("tonight"));
    env.fails(&["session", "show", "2"], 3, "Session not found");
    // IDs are positive integers; anything else is a usage error (clap).
    for bad in ["abc", "0", "-1", "1.5"] {
        let r = env.run(&["session", "show", bad]);
        assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
        assert!(r.stderr.starts_with("error: "));
    }
    assert_eq!(env.run(&["game", "status", "0", "played"]).code, 2);
    assert_eq!(env.run(&["game", "list", "--session", "0"]).code, 2);
    assert_eq!(env.run(&["session", "list", "--limit", "-1"]).code, 2);
}

#[test]
fn close_defaults_to_the_active_session_and_keeps_notes_unless_given() {
    let env = Env::new();
    let r = env.fails(&["session", "close"], 3, "No active session");
    assert!(r.stderr.contains("hint:"));
    env.ok(&["session", "create", "--notes", "keep me"]);
    let closed = env.json(&["session", "close"]);
    assert_eq!(closed["id"], 1);
    assert_eq!(closed["notes"], "keep me");
    assert_eq!(closed["is_active"], 0);
    assert_eq!(
        env.count("SELECT COUNT(*) FROM sessions WHERE is_active = 1"),
        0
    );
    // A new session may start once the old one is closed.
    let second = env.json(&["session", "create"]);
    assert_eq!(second["id"], 2);
    let closed = env.json(&["session", "close", "2", "--notes", ""]);
    assert_eq!(closed["notes"], "");
}

#[test]
fn create_and_close_write_their_events() {
    let env = Env::new();
    let s = env.json(&["session", "create", "--notes", "evt"]);
    env.ok(&["game", "add", "1"]);
    env.ok(&["session", "close"]);
    let started = events(&env, "session.started");
    assert_eq!(started.len(), 1);
    assert_eq!(started[0]["type"], "session.started");
    assert!(is_time(&started[0]["timestamp"]));
    assert_eq!(
        started[0]["data"],
        serde_json::json!({ "session": {
            "id": 1, "is_active": 1, "created_at": s["created_at"], "notes": "evt"
        }})
    );
    let ended = events(&env, "session.ended");
    assert_eq!(ended.len(), 1);
    assert_eq!(
        ended[0]["data"],
        serde_json::json!({ "session": { "id": 1, "is_active": 0, "games_played": 1 } })
    );
    // The events carry their session id for the daemon's fan-out.
    assert_eq!(
        env.count("SELECT COUNT(*) FROM events WHERE type LIKE 'session.%' AND session_id = 1"),
        2
    );
    // A refused create writes no event.
    env.ok(&["session", "create"]);
    env.run(&["session", "create"]);
    assert_eq!(events(&env, "session.started").len(), 2);
}

#[test]
fn delete_cascades_and_keeps_catalog_counters() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    env.ok(&["game", "add", "1"]);
    env.ok(&["game", "add", "2"]);
    env.ok(&["session", "close"]);
    env.ok(&["session", "create"]);
    env.ok(&["game", "add", "1"]);
    {
        let conn = env.conn();
        for (sid, sgid) in [(1, 1), (2, 3)] {
            conn.execute(
                "INSERT INTO chat_logs (session_id, username, message, timestamp, vote,
                    session_game_id, message_hash)
                 VALUES (?1, 'alice', 'thisgame++', '2026-03-15T19:05:00.000Z', 'up', ?2, ?3)",
                rusqlite::params![sid, sgid, format!("hash{sid}")],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO live_votes (session_id, game_id, session_game_id, username,
                    vote_type, timestamp, created_at, message_hash)
                 VALUES (?1, 1, ?2, 'bob', 'down', '2026-03-15T19:06:00.000Z',
                    '2026-03-15T19:06:00.000Z', ?3)",
                rusqlite::params![sid, sgid, format!("live{sid}")],
            )
            .unwrap();
        }
        conn.execute(
            "UPDATE games SET upvotes = 2, downvotes = 2, popularity_score = 0 WHERE id = 1",
            [],
        )
        .unwrap();
    }
    let before: (i64, i64, i64) = env
        .conn()
        .query_row(
            "SELECT play_count, upvotes, downvotes FROM games WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(before, (2, 2, 2));

    let out = env.ok(&["session", "delete", "1"]);
    assert_eq!(out.trim(), "Session 1 deleted");
    for table in ["session_games", "chat_logs", "live_votes"] {
        assert_eq!(
            env.count(&format!(
                "SELECT COUNT(*) FROM {table} WHERE session_id = 1"
            )),
            0,
            "{table}"
        );
        // The other session's rows are untouched.
        assert_eq!(
            env.count(&format!(
                "SELECT COUNT(*) FROM {table} WHERE session_id = 2"
            )),
            1,
            "{table}"
        );
    }
    assert_eq!(env.count("SELECT COUNT(*) FROM sessions WHERE id = 1"), 0);
    let after: (i64, i64, i64) = env
        .conn()
        .query_row(
            "SELECT play_count, upvotes, downvotes FROM games WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(after, before, "catalog counters are not rolled back");
    let conn = env.conn();
    let broken = conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |_| Ok(()))
        .unwrap()
        .count();
    assert_eq!(broken, 0);
}

/// Runs `jackbox ARGS` inside a pseudo-terminal (util-linux `script`, from the essential
/// `bsdutils` package on Debian), feeding `answer`. Without `script` the test fails: a
/// terminal behaviour that cannot be checked is not a pass.
fn run_in_terminal(env: &Env, args: &str, answer: &str) -> (i32, String) {
    run_in_terminal_with(env, args, answer, Some("1"))
}

fn run_in_terminal_with(
    env: &Env,
    args: &str,
    answer: &str,
    no_color: Option<&str>,
) -> (i32, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let script = ["/usr/bin/script", "/bin/script"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .expect("these tests need util-linux `script` (apt-get install bsdutils)");
    let cmd = format!("{BIN} --db '{}' {args}; echo \"exit=$?\"", env.db.display());
    let mut command = Command::new(script);
    command
        .args(["-q", "-e", "-c", &cmd, "/dev/null"])
        .env_remove("NO_COLOR")
        .env("SHELL", "/bin/sh")
        .env("TERM", "xterm-256color");
    if let Some(v) = no_color {
        command.env("NO_COLOR", v);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running `script`");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(answer.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let code = text
        .rsplit("exit=")
        .next()
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or(-1);
    (code, text)
}

#[test]
fn delete_asks_on_a_terminal_and_not_in_scripts() {
    let env = Env::new();
    for _ in 0..3 {
        env.ok(&["session", "create"]);
        env.ok(&["session", "close"]);
    }
    // stdin is not a terminal (util::Env gives /dev/null): proceeds without asking.
    let r = env.run(&["session", "delete", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("[y/N]"));
    assert_eq!(env.count("SELECT COUNT(*) FROM sessions WHERE id = 1"), 0);
    // Piped input is not a terminal either: nothing is read from it.
    let r = env.run_stdin(&["session", "delete", "2"], b"n\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(env.count("SELECT COUNT(*) FROM sessions WHERE id = 2"), 0);

    // On a terminal it asks; "n" cancels, "y" deletes.
    let (code, text) = run_in_terminal(&env, "session delete 3", "n\n");
    assert!(text.contains("[y/N]"), "{text}");
    assert!(text.contains("error: Deletion cancelled"), "{text}");
    assert_eq!(code, 1, "{text}");
    assert_eq!(env.count("SELECT COUNT(*) FROM sessions WHERE id = 3"), 1);
    let (code, text) = run_in_terminal(&env, "session delete 3", "y\n");
    assert_eq!(code, 0, "{text}");
    assert_eq!(env.count("SELECT COUNT(*) FROM sessions WHERE id = 3"), 0);
    // --yes never asks. (IDs of deleted sessions are never reused: this one is 4.)
    assert_eq!(env.ok(&["session", "create", "-q"]), "4\n");
    env.ok(&["session", "close"]);
    let (code, text) = run_in_terminal(&env, "session delete 4 --yes", "");
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("[y/N]"));
}

#[cfg(unix)]
#[test]
fn database_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.ok(&["session", "create"]);
    let mode = std::fs::metadata(&env.db).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // The WAL side files (kept while a connection is open) are as private as the file.
    let held = env.conn();
    env.ok(&["session", "close"]);
    for suffix in ["-wal", "-shm"] {
        let mut side = env.db.clone().into_os_string();
        side.push(suffix);
        let mode = std::fs::metadata(&side).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{suffix}");
    }
    drop(held);
}

#[cfg(unix)]
#[test]
fn default_location_is_under_xdg_data_home_and_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let xdg = env.path("xdg");
    let r = env
        .command()
        .env_remove("JACKBOX_DB")
        .env("XDG_DATA_HOME", &xdg)
        .args(["session", "create", "-q"])
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let db = xdg.join("jackbox").join("jackbox.db");
    assert!(db.exists());
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&xdg.join("jackbox")), 0o700);
    assert!(!env.db.exists(), "JACKBOX_DB was unset");

    // Without XDG_DATA_HOME: ~/.local/share/jackbox/jackbox.db.
    let r = env
        .command()
        .env_remove("JACKBOX_DB")
        .args(["session", "create"])
        .output()
        .unwrap();
    assert!(r.status.success());
    assert!(env.path(".local/share/jackbox/jackbox.db").exists());
}

#[test]
fn db_path_prints_the_file_in_use_and_where_it_came_from() {
    let env = Env::new();
    // JACKBOX_DB (set by the harness); the file does not exist yet and is not created.
    let r = env.run(&["db", "path"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, format!("{}\n", env.db.display()));
    let j = env.json(&["db", "path"]);
    assert_eq!(j["path"], env.db.display().to_string());
    assert_eq!(j["source"], "JACKBOX_DB");
    assert_eq!(j["exists"], false);
    assert!(!env.db.exists(), "db path must not create the file");

    // --db wins over JACKBOX_DB; a relative one is shown from the current folder.
    let flag = env.path("flag.db");
    let j = env.json(&["db", "path", "--db", "flag.db"]);
    assert_eq!(j["path"], flag.display().to_string());
    assert_eq!(j["source"], "--db");

    // Neither: the platform default, here $XDG_DATA_HOME, then ~/.local/share.
    let xdg = env.path("xdg");
    let default = |xdg: Option<&std::path::Path>| {
        let mut c = env.command();
        c.env_remove("JACKBOX_DB").args(["--json", "db", "path"]);
        if let Some(x) = xdg {
            c.env("XDG_DATA_HOME", x);
        }
        let out = c.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let j = default(Some(&xdg));
    assert_eq!(
        j["path"],
        xdg.join("jackbox/jackbox.db").display().to_string()
    );
    assert_eq!(j["source"], "default");
    let j = default(None);
    let home = env.path(".local/share/jackbox/jackbox.db");
    assert_eq!(j["path"], home.display().to_string());
    assert_eq!(j["exists"], false);
    env.command()
        .env_remove("JACKBOX_DB")
        .args(["session", "create", "-q"])
        .output()
        .unwrap();
    assert_eq!(default(None)["exists"], true);
}

#[test]
fn db_flag_beats_the_environment() {
    let env = Env::new();
    let flag_db = env.path("flag.db");
    let r = env
        .command()
        .args(["--db", flag_db.to_str().unwrap(), "session", "create", "-q"])
        .output()
        .unwrap();
    assert!(r.status.success());
    assert!(flag_db.exists());
    assert!(!env.db.exists(), "JACKBOX_DB must lose against --db");
    // The flag also works after the subcommand (global option).
    let r = env
        .command()
        .args([
            "session",
            "active",
            "--json",
            "--db",
            flag_db.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(v["id"], 1);
    // And JACKBOX_DB is used when there is no flag (reading needs the file to exist).
    env.fails(
        &["session", "list"],
        3,
        &format!("no database at {}", env.db.display()),
    );
    env.ok(&["session", "create"]);
    assert!(env.db.exists());
    assert_eq!(env.json(&["session", "list"]).as_array().unwrap().len(), 1);
}

fn hostile_notes() -> Vec<String> {
    let mut big = String::new();
    while big.len() < 10 * 1024 {
        big.push_str("Robert'); DROP TABLE sessions;-- \"quoted\" 🎉 ünïcödé \\ % _ \n\t");
    }
    vec![
        "It's a \"quoted\" night".to_string(),
        "'); DROP TABLE sessions; --".to_string(),
        "🎉🦆 Friday 日本語 night 👩‍👩‍👧".to_string(),
        "  leading and trailing spaces  \n\nand blank lines\r\n".to_string(),
        "-starts with a dash".to_string(),
        big,
    ]
}

#[test]
fn hostile_notes_round_trip_byte_exact() {
    for notes in hostile_notes() {
        let env = Env::new();
        let arg = format!("--notes={notes}");
        let created = env.json(&["session", "create", &arg]);
        assert_eq!(created["notes"].as_str().unwrap(), notes);
        let shown = env.json(&["session", "show", "1"]);
        assert_eq!(shown["notes"].as_str().unwrap(), notes);
        let exported = env.json(&["session", "export", "1", "--format", "json"]);
        assert_eq!(exported["session"]["notes"].as_str().unwrap(), notes);
        let txt = env.ok(&["session", "export", "1"]);
        assert!(
            txt.contains(&notes),
            "TXT export keeps the notes as they are"
        );
        let closed = env.json(&["session", "close", &arg]);
        assert_eq!(closed["notes"].as_str().unwrap(), notes);
        let stored: String = env
            .conn()
            .query_row("SELECT notes FROM sessions WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, notes);
        assert_eq!(env.count("SELECT COUNT(*) FROM sessions"), 1);
    }
}

#[test]
fn nul_in_notes_round_trips_through_the_core() {
    // A command line cannot carry a NUL byte (execve takes C strings), so the CLI can never
    // receive one; the core (and the HTTP face, which uses it) stores it byte-exact.
    use jackbox::core::{export, sessions};
    let env = Env::new();
    let notes = "before\0after \u{0}'; --";
    let mut conn = env.conn();
    let created = sessions::create(&mut conn, Some(notes)).unwrap();
    assert_eq!(created.notes.as_deref(), Some(notes));
    assert_eq!(
        sessions::get(&conn, created.id).unwrap().notes.as_deref(),
        Some(notes)
    );
    let doc = export::gather(&conn, created.id).unwrap();
    let (_, json) = export::render(&doc, export::Format::Json).unwrap();
    let back: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(back["session"]["notes"].as_str(), Some(notes));
    let (_, txt) = export::render(&doc, export::Format::Txt).unwrap();
    assert!(txt.contains(notes));
    // Through the CLI's --json too (read path).
    let shown = env.json(&["session", "show", "1"]);
    assert_eq!(shown["notes"].as_str(), Some(notes));
}

#[test]
fn human_output_neutralises_control_characters_and_never_colours_off_a_terminal() {
    let env = Env::new();
    env.ok(&["session", "create", "--notes", "evil \u{1b}[2J\u{7} note"]);
    for args in [
        &["session", "show", "1"][..],
        &["session", "list"][..],
        &["session", "active"][..],
    ] {
        // NO_COLOR unset, stdout a pipe: no escape sequence at all.
        let out = env
            .command()
            .env_remove("NO_COLOR")
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.contains('\u{1b}'), "{args:?}: {text:?}");
        assert!(text.contains("\\u{1b}[2J"), "{args:?}: {text:?}");
    }
    // JSON stays exact.
    let v = env.json(&["session", "show", "1"]);
    assert_eq!(v["notes"], "evil \u{1b}[2J\u{7} note");
}

#[test]
fn help_explains_options_with_examples() {
    let env = Env::new();
    let top = env.ok(&["--help"]);
    assert!(
        top.contains("Examples:") && top.contains("Exit codes"),
        "{top}"
    );
    assert!(top.contains("--db") && top.contains("JACKBOX_DB"));
    for group in ["session", "game"] {
        let out = env.ok(&[group, "--help"]);
        assert!(out.contains("Commands:"), "{out}");
    }
    let subs: &[&[&str]] = &[
        &["session", "list"],
        &["session", "active"],
        &["session", "show"],
        &["session", "create"],
        &["session", "close"],
        &["session", "delete"],
        &["session", "export"],
        &["game", "add"],
        &["game", "list"],
        &["game", "show"],
        &["game", "status"],
        &["game", "room-code"],
        &["game", "player-count"],
        &["game", "remove"],
        &["game", "monitor"],
    ];
    for sub in subs {
        let mut args = sub.to_vec();
        args.push("--help");
        let out = env.ok(&args);
        assert!(out.contains("Example"), "{sub:?} has no example:\n{out}");
        assert!(out.contains("jackbox "), "{sub:?}");
    }
    assert!(!env.db.exists(), "--help does not create a database");
    // Usage errors are clap's exit 2.
    assert_eq!(env.run(&["session", "bogus"]).code, 2);
    assert_eq!(env.run(&["session", "delete"]).code, 2);
}

#[test]
fn list_of_a_big_history_is_one_indexed_query() {
    let env = Env::new();
    {
        let mut conn = env.conn();
        let tx = conn.transaction().unwrap();
        {
            let mut s = tx
                .prepare(
                    "INSERT INTO sessions (id, notes, is_active, created_at, closed_at)
                     VALUES (?1, ?2, 0, ?3, ?3)",
                )
                .unwrap();
            let mut g = tx
                .prepare(
                    "INSERT INTO session_games (session_id, game_id, played_at, status)
                     VALUES (?1, ?2, ?3, 'played')",
                )
                .unwrap();
            for i in 1..=1000i64 {
                let t = format!("2025-{:02}-{:02}T19:00:00.000Z", i % 12 + 1, i % 28 + 1);
                s.execute(rusqlite::params![i, format!("night {i}"), t])
                    .unwrap();
                for k in 0..20 {
                    g.execute(rusqlite::params![i, (i + k) % 50 + 1, t])
                        .unwrap();
                }
            }
        }
        tx.commit().unwrap();
    }
    env.ok(&["session", "create", "--notes", "tonight"]);
    let list = env.json(&["session", "list"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1001);
    assert_eq!(list[0]["notes"], "tonight");
    let total: i64 = list
        .iter()
        .map(|s| s["games_played"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 20_000);
    assert!(list.iter().skip(1).all(|s| s["games_played"] == 20));
    let created: Vec<&str> = list
        .iter()
        .map(|s| s["created_at"].as_str().unwrap())
        .collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]), "newest first");

    // One statement for the whole list; `games_played` is the stored counter (migration
    // 7), so the list never reads session_games at all.
    let conn = env.conn();
    let plan: Vec<String> = conn
        .prepare(&format!(
            "EXPLAIN QUERY PLAN {}",
            jackbox::core::sessions::list_sql()
        ))
        .unwrap()
        .query_map(
            rusqlite::params![-1i64, 0, None::<i64>, None::<String>, None::<i64>],
            |r| r.get::<_, String>(3),
        )
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let plan = plan.join("\n");
    assert!(!plan.contains("session_games"), "{plan}");
    assert!(!plan.contains("sg"), "{plan}");
}

#[test]
fn no_colour_on_a_terminal_with_no_color() {
    let env = Env::new();
    env.ok(&["session", "create", "--notes", "colour test"]);
    let (code, text) = run_in_terminal_with(&env, "session list", "", Some("1"));
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("colour test"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "escape sequence with NO_COLOR: {text:?}"
    );
    // On a terminal the table is drawn with box characters rather than Markdown pipes.
    assert!(!text.contains("|----"), "{text}");
    let (code, text) = run_in_terminal_with(&env, "session show 1", "", Some("1"));
    assert_eq!(code, 0);
    assert!(!text.contains('\u{1b}'), "{text:?}");
}

#[test]
fn not_found_errors_carry_a_hint() {
    let env = Env::new();
    env.init();
    let r = env.fails(&["session", "show", "7"], 3, "Session not found");
    assert_eq!(
        r.stderr.lines().nth(1),
        Some("hint: `jackbox session list` shows the sessions")
    );
    env.ok(&["session", "create"]);
    let r = env.fails(&["game", "add", "Nonexistent Title"], 3, "Game not found");
    assert!(r.stderr.contains("hint: `jackbox catalog list --q TEXT`"));
}
