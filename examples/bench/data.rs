//! Generates the benchmark data: "the big database" of quality.md (opened with
//! `jackbox::store::open`, so schema and built-in catalog are the real ones, then filled in
//! one transaction with prepared statements) and the chat log of P4.

use chrono::{Duration as CDuration, TimeZone, Utc};
use std::io::Write;
use std::path::Path;

pub struct Sizes {
    pub closed_sessions: i64,
    pub session_games: i64,
    pub chat_logs: i64,
}

fn ts(t: chrono::DateTime<Utc>) -> String {
    jackbox::time::format(t)
}

/// Creates the database at `path`. Returns (active session id, catalog game ids).
pub fn big_database(path: &Path, sizes: &Sizes) -> (i64, Vec<i64>) {
    let mut conn = jackbox::store::open(path).expect("open database");
    let tx = conn.transaction().expect("begin");
    let games: Vec<i64> = {
        let mut st = tx
            .prepare("SELECT id FROM games ORDER BY id")
            .expect("games");
        let rows = st.query_map([], |r| r.get(0)).expect("games");
        rows.collect::<Result<_, _>>().expect("games")
    };
    let sessions = sizes.closed_sessions + 1;
    let active = sessions;
    // One session per day, ending today with the active one (started an hour ago).
    let now = Utc::now();
    let first = now - CDuration::days(sizes.closed_sessions) - CDuration::hours(1);
    let start_of = |s: i64| first + CDuration::days(s - 1);
    {
        let mut st = tx
            .prepare(
                "INSERT INTO sessions (id, notes, is_active, created_at, closed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .expect("prepare");
        for s in 1..=sessions {
            let created = start_of(s);
            let is_active = (s == active) as i64;
            let closed = (s != active).then(|| ts(created + CDuration::hours(3)));
            st.execute(rusqlite::params![
                s,
                format!("Game night #{s}"),
                is_active,
                ts(created),
                closed
            ])
            .expect("session");
        }
    }
    let mut per_session = vec![0i64; sessions as usize + 1];
    {
        let mut st = tx
            .prepare(
                "INSERT INTO session_games (session_id, game_id, played_at, status, room_code,
                     player_count, player_count_check_status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'completed')",
            )
            .expect("prepare");
        let mut count_games = tx
            .prepare("UPDATE games SET play_count = play_count + 1 WHERE id = ?1")
            .expect("prepare");
        let last_of_active = (0..sizes.session_games).rfind(|i| i % sessions + 1 == active);
        for i in 0..sizes.session_games {
            let s = i % sessions + 1;
            let k = per_session[s as usize];
            per_session[s as usize] += 1;
            let game = games[(i as usize * 7919) % games.len()];
            let status = if Some(i) == last_of_active {
                "playing"
            } else if i % 10 == 3 {
                "skipped"
            } else {
                "played"
            };
            let code: String = (0..4)
                .map(|j| (b'A' + ((i * 31 + j * 7) % 26) as u8) as char)
                .collect();
            st.execute(rusqlite::params![
                s,
                game,
                ts(start_of(s) + CDuration::minutes(9 * k)),
                status,
                code,
                3 + i % 6
            ])
            .expect("session game");
            count_games.execute([game]).expect("play count");
        }
    }
    {
        let mut st = tx
            .prepare(
                "INSERT INTO chat_logs (session_id, username, message, timestamp, vote,
                     message_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .expect("prepare");
        for i in 0..sizes.chat_logs {
            let s = i % sessions + 1;
            let vote = match i % 40 {
                0 => Some("up"),
                1 => Some("down"),
                _ => None,
            };
            let message = match vote {
                Some("up") => "thisgame++ love it".to_string(),
                Some(_) => "thisgame-- meh".to_string(),
                None => format!("chat message number {i} lol"),
            };
            st.execute(rusqlite::params![
                s,
                format!("viewer{}", i % 5000),
                message,
                ts(start_of(s) + CDuration::seconds(i / sessions)),
                vote,
                format!("{i:016x}")
            ])
            .expect("chat log");
        }
    }
    tx.commit().expect("commit");
    (active, games)
}

/// Writes a `[{"username","message","timestamp"},…]` chat log of `n` messages starting at
/// `start`, one message every 10 ms, 1 in 25 a vote. Returns the file size.
///
/// `shuffled`: the same messages in a random order (a Fisher–Yates shuffle with a fixed
/// seed, so every run imports the same file), the worst case for the importer's
/// time-ordered dedupe index.
pub fn chat_log(path: &Path, n: usize, start: chrono::DateTime<Utc>, shuffled: bool) -> u64 {
    let f = std::fs::File::create(path).expect("create chat log");
    let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
    let base = start.timestamp_millis();
    w.write_all(b"[").expect("write");
    let mut order: Vec<usize> = (0..n).collect();
    if shuffled {
        use rand::{seq::SliceRandom, SeedableRng};
        order.shuffle(&mut rand::rngs::StdRng::seed_from_u64(18));
    }
    for (pos, &i) in order.iter().enumerate() {
        let t = Utc
            .timestamp_millis_opt(base + i as i64 * 10)
            .single()
            .unwrap_or(start);
        // About 80 bytes a message, as quality.md's "1,000,000 messages (~80 MB)".
        let message = match i % 50 {
            0 => "thisgame++",
            1 => "thisgame--",
            _ => "gg",
        };
        if pos > 0 {
            w.write_all(b",").expect("write");
        }
        write!(
            w,
            "{{\"username\":\"u{}\",\"message\":\"{} {}\",\"timestamp\":\"{}\"}}",
            i % 20000,
            message,
            i,
            ts(t)
        )
        .expect("write");
    }
    w.write_all(b"]").expect("write");
    w.flush().expect("flush");
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}
