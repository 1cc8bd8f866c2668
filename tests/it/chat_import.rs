//! Chat-log import from the CLI: every format with exact counts, dedupe, all-or-nothing,
//! gzip/BOM, Chatterino dates and zones, `kill -9` mid-import (R3), and the export.

use super::util::{repo, Env};
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;

/// The game night every fixture was written for: games 1, 2 (skipped) and 3 played at
/// 19:00, 19:30 and 20:00 UTC on 2026-03-15, session closed at 21:00.
pub fn night(env: &Env) -> i64 {
    night_on(env, "2026-03-15")
}

/// The same night on another date (`YYYY-MM-DD`), same UTC times.
pub fn night_on(env: &Env, date: &str) -> i64 {
    let sid: i64 = env.ok(&["session", "create", "-q"]).trim().parse().unwrap();
    for g in ["1", "2", "3"] {
        env.ok(&["game", "add", g, "-q"]);
    }
    env.ok(&["session", "close"]);
    let sql = "UPDATE session_games SET played_at = '2026-03-15T19:00:00.000Z' WHERE game_id = 1;
         UPDATE session_games SET played_at = '2026-03-15T19:30:00.000Z', status = 'skipped'
            WHERE game_id = 2;
         UPDATE session_games SET played_at = '2026-03-15T20:00:00.000Z' WHERE game_id = 3;
         UPDATE sessions SET closed_at = '2026-03-15T21:00:00.000Z';";
    env.conn()
        .execute_batch(&sql.replace("2026-03-15", date))
        .unwrap();
    sid
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/chat").join(name)
}

fn title(env: &Env, id: i64) -> String {
    env.conn()
        .query_row("SELECT title FROM games WHERE id = ?1", [id], |r| r.get(0))
        .unwrap()
}

fn game_votes(env: &Env, votes: &[(i64, i64, i64)]) -> Value {
    let mut m = serde_json::Map::new();
    for &(id, up, down) in votes {
        m.insert(
            id.to_string(),
            json!({ "title": title(env, id), "upvotes": up, "downvotes": down }),
        );
    }
    Value::Object(m)
}

fn summary(
    env: &Env,
    imported: i64,
    dups: i64,
    votes: i64,
    by_game: &[(i64, i64, i64)],
    unmatched: i64,
) -> Value {
    json!({
        "message": "Chat log imported and processed successfully",
        "messagesImported": imported,
        "duplicatesSkipped": dups,
        "votesProcessed": votes,
        "votesByGame": game_votes(env, by_game),
        "unmatchedVotes": unmatched,
        "entriesSkipped": 0,
    })
}

/// The entries of a standard fixture that are not chat messages (Chatterino system lines,
/// yt-dlp ticker and paid lines, chat-downloader's paid and membership items).
fn skipped_in(name: &str) -> i64 {
    match name {
        n if n.ends_with(".log") && !n.starts_with("jackboxchan") => 2,
        "stream.live_chat.json" => 3,
        "chat_downloader.json" | "chat_downloader.jsonl" => 2,
        _ => 0,
    }
}

/// `summary` with the fixture's skipped entries.
pub fn with_skipped(mut summary: Value, name: &str) -> Value {
    summary["entriesSkipped"] = json!(skipped_in(name));
    summary
}

/// What every fixture of the standard night holds: 9 messages, one duplicate, 4 counted
/// votes (game 1 +1/-1, skipped game 2 +1, game 3 +1), one vote before the first game and
/// one after the session closed.
pub fn standard(env: &Env) -> Value {
    summary(env, 8, 1, 4, &[(1, 1, 1), (2, 1, 0), (3, 1, 0)], 2)
}

fn tallies(env: &Env) -> Vec<(i64, i64, i64, i64, i64)> {
    let conn = env.conn();
    let mut stmt = conn
        .prepare(
            "SELECT sg.upvotes, sg.downvotes, g.upvotes, g.downvotes, g.popularity_score
             FROM session_games sg JOIN games g ON g.id = sg.game_id ORDER BY sg.id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

const STANDARD_FIXTURES: &[(&str, &str)] = &[
    ("base.json", "json"),
    ("twitch_new.json", "twitchdownloader"),
    ("twitch_old.json", "twitchdownloader"),
    ("stream.live_chat.json", "ytdlp"),
    ("chat_downloader.json", "chat-downloader"),
    ("chat_downloader.jsonl", "chat-downloader"),
    ("xqc-2026-03-15.log", "chatterino"),
    // chat-replay-downloader, chat-downloader's predecessor: `author` is a plain string.
    ("chat_replay_downloader.json", "chat-downloader"),
    // Windows zone names: London in winter (GMT), Sydney in its summer (UTC+11).
    ("ukhost-2026-03-15.log", "chatterino"),
    ("aussiehost-2026-03-16.log", "chatterino"),
];

#[test]
fn every_format_gives_exact_counts_and_reimport_changes_nothing() {
    for (i, (name, format)) in STANDARD_FIXTURES.iter().enumerate() {
        let env = Env::new();
        night(&env);
        let path = fixture(name);
        let path = path.to_str().unwrap();
        // Alternate auto-detection and an explicit --format.
        let first = if i % 2 == 0 {
            env.json(&["chat", "import", "--session", "1", path])
        } else {
            env.json(&["chat", "import", "--session", "1", path, "--format", format])
        };
        assert_eq!(first, with_skipped(standard(&env), name), "{name}");
        assert_eq!(
            tallies(&env),
            vec![(1, 1, 1, 1, 0), (1, 0, 1, 0, 1), (1, 0, 1, 0, 1)],
            "{name}"
        );
        assert_eq!(env.count("SELECT COUNT(*) FROM chat_logs"), 8, "{name}");
        assert_eq!(
            env.count("SELECT COUNT(*) FROM chat_logs WHERE vote IS NOT NULL"),
            6,
            "{name}"
        );
        assert_eq!(
            env.count("SELECT COUNT(*) FROM events WHERE type = 'votes.imported'"),
            1
        );
        assert_eq!(
            env.count("SELECT COUNT(*) FROM events WHERE type = 'vote.received'"),
            0
        );

        let again = env.json(&["chat", "import", "--session", "1", path]);
        assert_eq!(
            again,
            with_skipped(summary(&env, 0, 9, 0, &[], 0), name),
            "{name}"
        );
        assert_eq!(
            tallies(&env),
            vec![(1, 1, 1, 1, 0), (1, 0, 1, 0, 1), (1, 0, 1, 0, 1)]
        );
        assert_eq!(env.count("SELECT COUNT(*) FROM chat_logs"), 8);
        assert_eq!(
            env.count("SELECT COUNT(*) FROM events WHERE type = 'votes.imported'"),
            1,
            "a re-import that stores nothing emits nothing"
        );
    }
}

#[test]
fn the_event_carries_the_summary() {
    let env = Env::new();
    let sid = night(&env);
    env.json(&[
        "chat",
        "import",
        "--session",
        "1",
        fixture("base.json").to_str().unwrap(),
    ]);
    let payload: String = env
        .conn()
        .query_row(
            "SELECT payload FROM events WHERE type = 'votes.imported'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let event: Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(event["type"], "votes.imported");
    assert_eq!(
        event["data"],
        json!({
            "sessionId": sid, "messagesImported": 8, "votesProcessed": 4,
            "votesByGame": game_votes(&env, &[(1, 1, 1), (2, 1, 0), (3, 1, 0)]),
        })
    );
}

#[test]
fn twitch_prefers_video_start_plus_offset() {
    let env = Env::new();
    night(&env);
    env.json(&[
        "chat",
        "import",
        "--session",
        "1",
        fixture("twitch_new.json").to_str().unwrap(),
    ]);
    // Every comment's own created_at says 2020; the video's start + offset wins.
    assert_eq!(
        env.count("SELECT COUNT(*) FROM chat_logs WHERE timestamp LIKE '2026-03-15T%'"),
        8
    );
    let bob: String = env
        .conn()
        .query_row(
            "SELECT timestamp FROM chat_logs WHERE username = 'Bob'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bob, "2026-03-15T19:05:00.000Z");
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

#[test]
fn gzip_and_byte_order_mark_variants() {
    let plain = std::fs::read(fixture("twitch_new.json")).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&plain);
    for (name, bytes) in [
        ("bom.json", bom.clone()),
        ("chat.json.gz", gzip(&plain)),
        ("bom.json.gz", gzip(&bom)),
    ] {
        let env = Env::new();
        night(&env);
        let path = env.path(name);
        std::fs::write(&path, &bytes).unwrap();
        let got = env.json(&["chat", "import", "--session", "1", path.to_str().unwrap()]);
        assert_eq!(got, standard(&env), "{name}");
    }
    // Standard input, with a BOM, base format.
    let env = Env::new();
    night(&env);
    let mut input = b"\xEF\xBB\xBF".to_vec();
    input.extend_from_slice(&std::fs::read(fixture("base.json")).unwrap());
    let r = env.run_stdin(&["--json", "chat", "import", "--session", "1", "-"], &input);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json(), standard(&env));
}

#[test]
fn chatterino_zones_offsets_and_dates() {
    // --utc-offset overrides the header's CET: every time moves one hour later.
    let env = Env::new();
    night(&env);
    let log = fixture("xqc-2026-03-15.log");
    let got = env.json(&[
        "chat",
        "import",
        "--session",
        "1",
        log.to_str().unwrap(),
        "--utc-offset",
        "+00:00",
    ]);
    assert_eq!(
        got,
        with_skipped(
            summary(&env, 8, 1, 4, &[(2, 1, 0), (3, 2, 1)], 2),
            "xqc-2026-03-15.log"
        )
    );

    // No header: the date comes from the file name, the zone from --utc-offset; a clock
    // going backwards is the next day.
    let env = Env::new();
    night(&env);
    let log = fixture("jackboxchan-2026-03-15.log");
    let got = env.json(&[
        "chat",
        "import",
        "--session",
        "1",
        log.to_str().unwrap(),
        "--utc-offset",
        "-05:00",
    ]);
    assert_eq!(got, summary(&env, 4, 0, 2, &[(1, 1, 0), (3, 0, 1)], 1));
    let later: String = env
        .conn()
        .query_row(
            "SELECT timestamp FROM chat_logs WHERE username = 'later'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(later, "2026-03-16T05:00:10.000Z");

    // From stdin there is no file name: without a header there is no date.
    let env = Env::new();
    night(&env);
    let data = std::fs::read(&log).unwrap();
    let r = env.run_stdin(
        &[
            "chat",
            "import",
            "--session",
            "1",
            "-",
            "--format",
            "chatterino",
        ],
        &data,
    );
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("error: Invalid chat entry at line 1: no date"),
        "{}",
        r.stderr
    );
    assert_eq!(env.count("SELECT COUNT(*) FROM chat_logs"), 0);

    // An unknown zone abbreviation asks for --utc-offset.
    let path = env.path("odd-2026-03-15.log");
    std::fs::write(
        &path,
        "# Start logging at 2026-03-15 20:00:00 XYZT\n[20:05:00] bob: thisgame++\n",
    )
    .unwrap();
    let r = env.run(&["chat", "import", "--session", "1", path.to_str().unwrap()]);
    assert_eq!(r.code, 4);
    assert!(r.stderr.contains("--utc-offset"), "{}", r.stderr);
    let r = env.run(&[
        "chat",
        "import",
        "--session",
        "1",
        path.to_str().unwrap(),
        "--utc-offset",
        "bad",
    ]);
    assert_eq!(r.code, 4, "{}", r.stderr);
}

#[test]
fn a_malformed_entry_stores_nothing() {
    let env = Env::new();
    night(&env);
    let cases = [
        (
            json!([
                {"username": "a", "message": "thisgame++", "timestamp": "2026-03-15T19:05:00Z"},
                {"username": "b", "message": "x", "timestamp": "2026-03-15T19:05:01Z"},
                {"username": "c", "message": "x", "timestamp": "2026-03-15T19:05:02Z"},
                {"message": "thisgame++", "timestamp": "2026-03-15T19:05:03Z"}
            ]),
            "Invalid chat entry at index 3: missing username",
        ),
        (
            json!([{"username": "a", "message": 5, "timestamp": "2026-03-15T19:05:00Z"}]),
            "Invalid chat entry at index 0: message must be a string",
        ),
        (
            json!([
                {"username": "a", "message": "thisgame++", "timestamp": "2026-03-15T19:05:00Z"},
                {"username": "a", "message": "x", "timestamp": "yesterday"}
            ]),
            "Invalid chat entry at index 1: invalid timestamp",
        ),
        (
            json!([{"username": "a", "message": "x"}]),
            "Invalid chat entry at index 0: missing timestamp",
        ),
        (
            json!(["hello"]),
            "Invalid chat entry at index 0: not an object",
        ),
        (json!({"chatData": 5}), "chatData must be an array"),
    ];
    for (data, message) in cases {
        let path = env.path("bad.json");
        std::fs::write(&path, data.to_string()).unwrap();
        env.fails(
            &[
                "chat",
                "import",
                "--session",
                "1",
                path.to_str().unwrap(),
                "--format",
                "json",
            ],
            4,
            message,
        );
    }
    // Truncated JSON after valid entries: still nothing.
    let text = std::fs::read_to_string(fixture("base.json")).unwrap();
    let path = env.path("cut.json");
    std::fs::write(&path, &text[..text.len() - 40]).unwrap();
    let r = env.run(&["chat", "import", "--session", "1", path.to_str().unwrap()]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert_eq!(env.count("SELECT COUNT(*) FROM chat_logs"), 0);
    assert_eq!(
        env.count("SELECT COUNT(*) FROM events WHERE type = 'votes.imported'"),
        0
    );
    assert_eq!(
        tallies(&env),
        vec![(0, 0, 0, 0, 0), (0, 0, 0, 0, 0), (0, 0, 0, 0, 0)]
    );
}

#[test]
fn unknown_formats_missing_files_and_sessions() {
    let env = Env::new();
    night(&env);
    let path = env.path("notes.txt");
    std::fs::write(&path, "just some text\n").unwrap();
    let r = env.run(&["chat", "import", "--session", "1", path.to_str().unwrap()]);
    assert_eq!(r.code, 4);
    for name in [
        "json",
        "twitchdownloader",
        "chatterino",
        "ytdlp",
        "chat-downloader",
    ] {
        assert!(r.stderr.contains(name), "{}", r.stderr);
    }
    let r = env.run(&[
        "chat",
        "import",
        "--session",
        "1",
        env.path("absent.json").to_str().unwrap(),
    ]);
    // A file that cannot be read is an I/O failure (1), not bad data (4).
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.starts_with("error: cannot read "), "{}", r.stderr);
    let base = fixture("base.json");
    env.fails(
        &["chat", "import", base.to_str().unwrap(), "--session", "99"],
        3,
        "Session not found",
    );
    // No --session and no active session.
    let r = env.run(&["chat", "import", base.to_str().unwrap()]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    // A broken yt-dlp line names its line.
    let path = env.path("broken.live_chat.json");
    let mut text = std::fs::read_to_string(fixture("stream.live_chat.json")).unwrap();
    text.push_str("{not json\n");
    std::fs::write(&path, text).unwrap();
    let r = env.run(&["chat", "import", "--session", "1", path.to_str().unwrap()]);
    assert_eq!(r.code, 4);
    assert!(
        r.stderr.starts_with("error: Invalid chat entry at line 13"),
        "{}",
        r.stderr
    );
    assert_eq!(env.count("SELECT COUNT(*) FROM chat_logs"), 0);
}

#[test]
fn the_export_shows_votes_and_the_chat_log() {
    let env = Env::new();
    let sid = night(&env);
    env.json(&[
        "chat",
        "import",
        "--session",
        "1",
        fixture("base.json").to_str().unwrap(),
    ]);
    let export = env.json(&["session", "export", &sid.to_string(), "--format", "json"]);
    let logs = export["chat_logs"].as_array().unwrap();
    assert_eq!(logs.len(), 8);
    assert_eq!(
        logs[0],
        json!({ "username": "alice", "message": "thisgame++",
                "timestamp": "2026-03-15T18:59:00.000Z", "vote": "up" })
    );
    assert_eq!(export["games"][0]["upvotes"], 1);
    assert_eq!(export["games"][0]["downvotes"], 1);
    let txt = env.ok(&["session", "export", &sid.to_string()]);
    assert!(txt.contains("CHAT LOG (8 messages)"), "{txt}");
    assert!(
        txt.contains("[2026-03-15T19:05:00.000Z] bob: thisgame++"),
        "{txt}"
    );
    assert!(txt.contains("votes: +1 / -1"), "{txt}");
}

#[test]
fn human_output_is_a_summary() {
    let env = Env::new();
    night(&env);
    let out = env.ok(&[
        "chat",
        "import",
        "--session",
        "1",
        fixture("base.json").to_str().unwrap(),
    ]);
    assert!(
        out.starts_with("Chat log imported and processed successfully"),
        "{out}"
    );
    assert!(out.contains("Messages imported:   8"), "{out}");
    assert!(out.contains("Unmatched votes:     2"), "{out}");
    assert!(out.contains("Word Spud"), "{out}");
}

/// R3: `kill -9` in the middle of a large import leaves all of it or none of it, and a
/// sound database file.
#[test]
fn killed_mid_import_leaves_all_or_nothing() {
    let env = Env::new();
    night(&env);
    const N: usize = 300_000;
    let path = env.path("big.json");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        f.write_all(b"[").unwrap();
        for i in 0..N {
            if i > 0 {
                f.write_all(b",\n").unwrap();
            }
            let msg = if i % 7 == 0 {
                "thisgame++"
            } else {
                "hello there"
            };
            write!(
                f,
                "{{\"username\":\"user{}\",\"message\":\"{msg} {i}\",\"timestamp\":{}}}",
                i % 5000,
                1_773_601_200_000i64 + i as i64 * 10
            )
            .unwrap();
        }
        f.write_all(b"]").unwrap();
    }
    let mut child = env
        .command()
        .args(["chat", "import", "--session", "1", path.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the import has written a good part of its transaction to the WAL.
    let wal = env.db.with_extension("db-wal");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        if size > 4 << 20 {
            break;
        }
        // An import that ends before it wrote that much was never interrupted: the test
        // would prove nothing.
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import finished before the kill"
        );
        assert!(std::time::Instant::now() < deadline, "import never started");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child
        .kill()
        .expect("the import is still running when killed");
    let status = child.wait().unwrap();
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "killed mid-import: {status:?}");
    }
    let conn = env.conn();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let rows = env.count("SELECT COUNT(*) FROM chat_logs");
    assert!(rows == 0 || rows == N as i64, "partial import: {rows} rows");
    let votes = env.count("SELECT COALESCE(SUM(upvotes), 0) FROM session_games");
    if rows == 0 {
        assert_eq!(votes, 0);
    } else {
        assert!(votes > 0);
    }
}

/// Rows stored before schema step 5 (which rebuilt `chat_logs` around the
/// `(session_id, timestamp, message_hash)` dedupe index) keep their ids and still count as
/// duplicates; messages out of time order dedupe the same way.
#[test]
fn rows_from_an_older_schema_still_dedupe() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        jackbox::store::migrate_to(&conn, 4).unwrap();
        let hash = jackbox::core::votes::message_hash("old", "hello", "2026-03-15T19:05:00.000Z");
        conn.execute_batch(&format!(
            "INSERT INTO sessions (id, is_active, created_at) VALUES (1, 1, '2026-03-15T18:00:00.000Z');
             INSERT INTO chat_logs (id, session_id, username, message, timestamp, message_hash)
             VALUES (7, 1, 'old', 'hello', '2026-03-15T19:05:00.000Z', '{hash}');"
        ))
        .unwrap();
    }
    let path = env.path("chat.json");
    std::fs::write(
        &path,
        r#"[{"username":"new","message":"b","timestamp":"2026-03-15T19:09:00Z"},
            {"username":"old","message":"hello","timestamp":"2026-03-15T19:05:00Z"},
            {"username":"new","message":"a","timestamp":"2026-03-15T19:01:00Z"},
            {"username":"new","message":"b","timestamp":1773601740}]"#,
    )
    .unwrap();
    let s = env.json(&["chat", "import", path.to_str().unwrap(), "--json"]);
    assert_eq!(s["messagesImported"], 2);
    assert_eq!(s["duplicatesSkipped"], 2);
    let again = env.json(&["chat", "import", path.to_str().unwrap(), "--json"]);
    assert_eq!(again["messagesImported"], 0);
    assert_eq!(again["duplicatesSkipped"], 4);
    assert_eq!(env.count("SELECT COUNT(*) FROM chat_logs"), 3);
    assert_eq!(
        env.count("SELECT id FROM chat_logs WHERE username = 'old'"),
        7
    );
    let check: String = env
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

/// A Windows zone name is a region: `GMT Standard Time` is UTC+0 in March (the standard
/// fixture) and UTC+1 in July (British Summer Time), whatever the name says.
#[test]
fn windows_zone_names_follow_daylight_saving() {
    let env = Env::new();
    night_on(&env, "2026-07-04");
    let log = fixture("ukhost-2026-07-04.log");
    let got = env.json(&["chat", "import", "--session", "1", log.to_str().unwrap()]);
    assert_eq!(got, with_skipped(standard(&env), "ukhost-2026-07-04.log"));
    let alice: String = env
        .conn()
        .query_row(
            "SELECT timestamp FROM chat_logs WHERE username = 'alice'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(alice, "2026-07-04T18:59:00.000Z");

    // The "Daylight Time" spelling of a zone is the same region; so is the bare name.
    for (zone, date, local, utc) in [
        (
            "Romance Daylight Time",
            "2026-07-04",
            "21:05:00",
            "2026-07-04T19:05:00.000Z",
        ),
        (
            "Romance Standard Time",
            "2026-01-10",
            "20:05:00",
            "2026-01-10T19:05:00.000Z",
        ),
        (
            "E. Australia Standard Time",
            "2026-01-10",
            "05:05:00",
            "2026-01-09T19:05:00.000Z",
        ),
        (
            "Tokyo Standard Time",
            "2026-07-04",
            "04:05:00",
            "2026-07-03T19:05:00.000Z",
        ),
        (
            "India Standard Time",
            "2026-07-04",
            "00:35:00",
            "2026-07-03T19:05:00.000Z",
        ),
        (
            "Russian Standard Time",
            "2026-07-04",
            "22:05:00",
            "2026-07-04T19:05:00.000Z",
        ),
        (
            "FLE Standard Time",
            "2026-07-04",
            "22:05:00",
            "2026-07-04T19:05:00.000Z",
        ),
        (
            "FLE Standard Time",
            "2026-01-10",
            "21:05:00",
            "2026-01-10T19:05:00.000Z",
        ),
        (
            "Pacific Standard Time",
            "2026-07-04",
            "12:05:00",
            "2026-07-04T19:05:00.000Z",
        ),
        (
            "gmt standard time",
            "2026-07-04",
            "20:05:00",
            "2026-07-04T19:05:00.000Z",
        ),
    ] {
        let env = Env::new();
        env.ok(&["session", "create", "-q"]);
        let path = env.path(&format!("host-{date}.log"));
        std::fs::write(
            &path,
            format!("# Start logging at {date} {local} {zone}\n[{local}] bob: hello\n"),
        )
        .unwrap();
        env.ok(&["chat", "import", path.to_str().unwrap()]);
        let at: String = env
            .conn()
            .query_row("SELECT timestamp FROM chat_logs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(at, utc, "{zone} on {date}");
    }
}

/// Every reader reports a malformed entry in the documented wording with the file's own
/// field names — never serde's, which names the reader's Rust types.
#[test]
fn malformed_entries_name_the_files_fields() {
    let tw = |comment: Value| {
        json!({ "FileInfo": { "Version": { "Major": 1, "Minor": 4, "Patch": 0 } },
                "streamer": { "name": "host", "id": 1 },
                "video": { "created_at": "2026-03-15T18:50:00Z" },
                "comments": [
                    { "content_offset_seconds": 60.0, "commenter": { "display_name": "Alice", "name": "alice" },
                      "message": { "body": "thisgame++" } },
                    comment
                ] })
        .to_string()
    };
    let cd = |item: Value| {
        json!([
            { "message": "hi", "message_type": "text_message", "author": { "name": "a" },
              "timestamp": 1773601140000999i64 },
            item
        ])
        .to_string()
    };
    let yt = |renderer: Value| {
        let good = json!({ "replayChatItemAction": { "actions": [ { "addChatItemAction": { "item": {
            "liveChatTextMessageRenderer": { "message": { "runs": [ { "text": "hi" } ] },
                "authorName": { "simpleText": "a" }, "timestampUsec": "1773601140000123" } } } } ] } });
        let bad = json!({ "replayChatItemAction": { "actions": [ { "addChatItemAction": { "item": {
            "liveChatTextMessageRenderer": renderer } } } ] } });
        format!("{good}\n{bad}\n")
    };
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "twitchdownloader",
            tw(
                json!({ "content_offset_seconds": 61.0, "commenter": { "name": "bob" }, "message": 5 }),
            ),
            "Invalid chat entry at index 1: message must be an object",
        ),
        (
            "twitchdownloader",
            tw(
                json!({ "content_offset_seconds": 61.0, "commenter": { "display_name": 7 },
                       "message": { "body": "x" } }),
            ),
            "Invalid chat entry at index 1: commenter.display_name must be a string",
        ),
        (
            "twitchdownloader",
            tw(
                json!({ "content_offset_seconds": 61.0, "commenter": "bob", "message": { "body": "x" } }),
            ),
            "Invalid chat entry at index 1: commenter must be an object",
        ),
        (
            "twitchdownloader",
            tw(
                json!({ "content_offset_seconds": 61.0, "commenter": { "name": "bob" },
                       "message": { "body": ["x"] } }),
            ),
            "Invalid chat entry at index 1: message.body must be a string",
        ),
        (
            "twitchdownloader",
            tw(json!("just text")),
            "Invalid chat entry at index 1: not an object",
        ),
        (
            "chat-downloader",
            cd(json!({ "message": "x", "author": 5, "timestamp": 1773601140000999i64 })),
            "Invalid chat entry at index 1: author must be an object or a string",
        ),
        (
            "chat-downloader",
            cd(
                json!({ "message": "x", "author": { "name": 7 }, "timestamp": 1773601140000999i64 }),
            ),
            "Invalid chat entry at index 1: author.name must be a string",
        ),
        (
            "chat-downloader",
            cd(json!({ "message": ["x"], "author": "jump3N", "timestamp": 1773601140000999i64 })),
            "Invalid chat entry at index 1: message must be a string",
        ),
        (
            "chat-downloader",
            cd(json!({ "message": "x", "author": "jump3N", "timestamp": { "us": 1 } })),
            "Invalid chat entry at index 1: invalid timestamp",
        ),
        (
            "chat-downloader",
            cd(json!({ "message": "x", "author": "jump3N" })),
            "Invalid chat entry at index 1: missing timestamp",
        ),
        (
            "chat-downloader",
            cd(json!({ "message": "x", "message_type": 3, "author": "a", "timestamp": 1 })),
            "Invalid chat entry at index 1: message_type must be a string",
        ),
        (
            "ytdlp",
            yt(
                json!({ "message": { "runs": [] }, "authorName": { "simpleText": 3 },
                       "timestampUsec": "1773601140000123" }),
            ),
            "Invalid chat entry at line 2: authorName.simpleText must be a string",
        ),
        (
            "ytdlp",
            yt(
                json!({ "message": "hi", "authorName": { "simpleText": "a" },
                       "timestampUsec": "1773601140000123" }),
            ),
            "Invalid chat entry at line 2: message must be an object",
        ),
        (
            "ytdlp",
            yt(
                json!({ "message": { "runs": [] }, "authorName": { "simpleText": "a" },
                       "timestampUsec": true }),
            ),
            "Invalid chat entry at line 2: missing or invalid timestampUsec",
        ),
        (
            "chat-downloader",
            format!(
                "{}\n{}\n",
                json!({ "message": "hi", "message_type": "text_message", "author": { "name": "a" },
                        "timestamp": 1773601140000999i64 }),
                json!({ "message": "x", "author": { "name": 7 }, "timestamp": 1773601140000999i64 })
            ),
            "Invalid chat entry at line 2: author.name must be a string",
        ),
        (
            "json",
            json!([{ "username": ["a"], "message": "x", "timestamp": 1 }]).to_string(),
            "Invalid chat entry at index 0: username must be a string",
        ),
    ];
    let env = Env::new();
    night(&env);
    for (format, data, message) in cases {
        let path = env.path("bad.data");
        std::fs::write(&path, &data).unwrap();
        // Detected from the content, and with the format named: the same message.
        for explicit in [false, true] {
            let mut args = vec!["chat", "import", "--session", "1", path.to_str().unwrap()];
            if explicit {
                args.extend(["--format", format]);
            }
            let r = env.fails(&args, 4, message);
            for leak in ["struct", "invalid type", "Cd", "Tw", "Yt", "expected"] {
                assert!(!r.stderr.contains(leak), "{format}: {}", r.stderr);
            }
        }
    }
    assert_eq!(env.count("SELECT COUNT(*) FROM chat_logs"), 0);
}
