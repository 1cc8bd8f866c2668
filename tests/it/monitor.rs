//! The room monitor against a local fake of Jackbox's lobby server: the foreground mode
//! (`jackbox game monitor start ID --foreground`), its events, counts and statuses, and
//! `jackbox game add --room-code` without a game.

use crate::fake_ecast::FakeEcast;
use crate::util::Env;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Short timings so the tests run fast.
fn with_monitor_env(c: &mut Command, fake: &FakeEcast) {
    c.env("JACKBOX_ECAST_URL", &fake.url)
        .env("JACKBOX_MONITOR_PROBE_MS", "250")
        .env("JACKBOX_MONITOR_HEARTBEAT_MS", "250")
        .env("JACKBOX_MONITOR_BACKOFF_MS", "50")
        .env("JACKBOX_MONITOR_BACKOFF_CAP_MS", "200")
        .env("JACKBOX_MONITOR_GIVEUP_MS", "1500")
        .env("JACKBOX_MONITOR_TIMEOUT_MS", "3000")
        .env("JACKBOX_MONITOR_CHECK_MS", "100");
}

/// A session with one game on `code` (monitor `monitoring`); returns the session game id.
fn game_on(env: &Env, code: &str) -> i64 {
    env.ok(&["session", "create"]);
    let game = env.count("SELECT id FROM games WHERE app_tag = 'quiplash3'");
    let out = env.ok(&["game", "add", &game.to_string(), "--room-code", code, "-q"]);
    out.trim().parse().unwrap()
}

/// A running `game monitor start ID --foreground --json`, its stdout collected.
struct Foreground {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Foreground {
    fn start(env: &Env, fake: &FakeEcast, sgid: i64) -> Foreground {
        Foreground::start_with(env, fake, sgid, &[])
    }

    /// `start` with more environment variables (overriding the short timings).
    fn start_with(env: &Env, fake: &FakeEcast, sgid: i64, vars: &[(&str, &str)]) -> Foreground {
        let mut c = env.command();
        with_monitor_env(&mut c, fake);
        for (k, v) in vars {
            c.env(k, v);
        }
        let mut child = c
            .args([
                "--json",
                "game",
                "monitor",
                "start",
                &sgid.to_string(),
                "--foreground",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let out = child.stdout.take().unwrap();
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Foreground { child, lines }
    }

    /// Waits for the process to exit; returns (code, stderr).
    fn wait(mut self, secs: u64) -> (i32, String) {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let mut err = String::new();
                use std::io::Read;
                self.child
                    .stderr
                    .take()
                    .unwrap()
                    .read_to_string(&mut err)
                    .unwrap();
                return (status.code().unwrap_or(-1), err);
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                panic!("the foreground monitor did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn printed(&self) -> Vec<Value> {
        self.lines
            .lock()
            .unwrap()
            .iter()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
            .collect()
    }

    fn interrupt(&self) {
        let ok = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
    }
}

impl Drop for Foreground {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The outbox events of a session game, in order: (type, data). Internal ones and the
/// monitor's own state (`monitor.state`, see [`states`]) excluded.
fn events(env: &Env, sgid: i64) -> Vec<(String, Value)> {
    events_where(
        env,
        sgid,
        "type NOT IN ('monitor.changed', 'monitor.state')",
    )
}

fn events_where(env: &Env, sgid: i64, filter: &str) -> Vec<(String, Value)> {
    let conn = env.conn();
    let mut stmt = conn
        .prepare(&format!(
            "SELECT type, payload FROM events
             WHERE {filter}
               AND json_extract(payload, '$.data.sessionGameId') = ?1 ORDER BY id"
        ))
        .unwrap();
    let rows = stmt
        .query_map([sgid], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .unwrap();
    rows.map(|r| {
        let (t, p) = r.unwrap();
        let v: Value = serde_json::from_str(&p).unwrap();
        (t, v["data"].clone())
    })
    .collect()
}

fn of_type(env: &Env, sgid: i64, t: &str) -> Vec<Value> {
    events(env, sgid)
        .into_iter()
        .filter(|(ty, _)| ty == t)
        .map(|(_, d)| d)
        .collect()
}

/// Polls until `n` events of type `t` exist; returns the last.
fn wait_events(env: &Env, sgid: i64, t: &str, n: usize) -> Value {
    let end = Instant::now() + Duration::from_secs(15);
    loop {
        let found = of_type(env, sgid, t);
        if found.len() >= n {
            return found[n - 1].clone();
        }
        assert!(
            Instant::now() < end,
            "timed out waiting for {n} {t}; events: {:?}",
            events(env, sgid)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn status(env: &Env, sgid: i64) -> (String, String, Option<i64>) {
    env.conn()
        .query_row(
            "SELECT player_count_check_status, status, player_count FROM session_games WHERE id = ?1",
            [sgid],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

#[test]
fn room_not_found_fails_the_monitor() {
    let fake = FakeEcast::start();
    let env = Env::new();
    let sgid = game_on(&env, "ZZZZ");
    let fg = Foreground::start(&env, &fake, sgid);
    let (code, err) = fg.wait(15);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("error: Room ZZZZ not found"), "{err}");
    assert_eq!(status(&env, sgid).0, "failed");
    let ev = events(&env, sgid);
    let last = ev.last().unwrap();
    assert_eq!(last.0, "room.disconnected");
    assert_eq!(last.1["reason"], "room_not_found");
    assert_eq!(last.1["roomCode"], "ZZZZ");
    assert_eq!(fake.open(), 0);
    // A real User-Agent on the look-up.
    assert!(fake
        .user_agents()
        .iter()
        .all(|ua| ua.starts_with("jackbox/")));
}

#[test]
fn players_joining_before_and_after_then_room_exit() {
    let fake = FakeEcast::start();
    fake.room("ABCD", "quiplash3");
    fake.join("ABCD", "ALICE");
    let env = Env::new();
    let sgid = game_on(&env, "ABCD");
    let fg = Foreground::start(&env, &fake, sgid);

    let connected = wait_events(&env, sgid, "room.connected", 1);
    let game_id = env.count(&format!(
        "SELECT game_id FROM session_games WHERE id = {sgid}"
    ));
    assert_eq!(
        connected,
        json!({
            "sessionId": 1, "gameId": game_id, "sessionGameId": sgid, "roomCode": "ABCD",
            "appTag": "quiplash3", "maxPlayers": 8, "playerCount": 1, "players": ["ALICE"],
            "lobbyState": "WaitingForMore", "gameState": "Lobby",
        })
    );
    let count = wait_events(&env, sgid, "player-count.updated", 1);
    assert_eq!(count["playerCount"], 1);
    assert_eq!(count["source"], "monitor");

    // Garbage frames are ignored (R7).
    fake.send_raw("ABCD", "not json");
    fake.send_raw("ABCD", r#"{"opcode": 5, "result": []}"#);
    fake.send_raw(
        "ABCD",
        r#"{"pc": 9, "opcode": "object", "result": {"key": "bc:room", "val": 7}}"#,
    );
    fake.join("ABCD", "BOB");
    let joined = wait_events(&env, sgid, "lobby.player-joined", 1);
    assert_eq!(joined["playerName"], "BOB");
    assert_eq!(joined["playerCount"], 2);
    assert_eq!(joined["players"], json!(["ALICE", "BOB"]));
    assert_eq!(joined["maxPlayers"], 8);
    wait_events(&env, sgid, "player-count.updated", 2);
    assert_eq!(status(&env, sgid).2, Some(2));

    // Several probes later nothing new was written (nothing changed).
    let before = events(&env, sgid).len();
    let seen = fake.total();
    fake.wait("three probes", 15, |f| f.total() >= seen + 3);
    assert_eq!(events(&env, sgid).len(), before);
    assert_eq!(of_type(&env, sgid, "lobby.player-joined").len(), 1);

    fake.exit("ABCD");
    let (code, err) = fg.wait(15);
    assert_eq!(code, 0, "{err}");
    let ev = events(&env, sgid);
    let n = ev.len();
    assert_eq!(ev[n - 2].0, "game.ended");
    assert_eq!(ev[n - 2].1["players"], json!(["ALICE", "BOB"]));
    assert_eq!(ev[n - 2].1["playerCount"], 2);
    assert_eq!(ev[n - 1].0, "room.disconnected");
    assert_eq!(ev[n - 1].1["reason"], "room_closed");
    assert_eq!(ev[n - 1].1["finalPlayerCount"], 2);
    assert_eq!(
        status(&env, sgid),
        ("completed".into(), "played".into(), Some(2))
    );
    fake.wait("all connections closed", 10, |f| f.open() == 0);
}

#[test]
fn a_game_that_never_tells_shards_is_counted_by_the_probe() {
    let fake = FakeEcast::start();
    fake.room("SLNT", "quiplash3");
    fake.edit("SLNT", |r| r.tell_shards = false);
    let env = Env::new();
    let sgid = game_on(&env, "SLNT");
    let fg = Foreground::start(&env, &fake, sgid);
    let connected = wait_events(&env, sgid, "room.connected", 1);
    assert_eq!(connected["playerCount"], 0);
    assert_eq!(connected["players"], json!([]));

    fake.join("SLNT", "CAROL");
    fake.join("SLNT", "DAVE");
    let first = wait_events(&env, sgid, "lobby.player-joined", 1);
    let second = wait_events(&env, sgid, "lobby.player-joined", 2);
    assert_eq!(first["playerName"], "CAROL");
    assert_eq!(first["playerCount"], 1);
    assert_eq!(second["playerName"], "DAVE");
    assert_eq!(second["playerCount"], 2);
    // The welcome stored 0; the probe's snapshot(s) raised it to 2.
    assert_eq!(
        of_type(&env, sgid, "player-count.updated")[0]["playerCount"],
        0
    );
    let counts = of_type(&env, sgid, "player-count.updated");
    assert_eq!(counts.last().unwrap()["playerCount"], 2);
    assert_eq!(status(&env, sgid).2, Some(2));
    // Probes are closed promptly: only the main connection stays open.
    fake.wait("probes closed", 10, |f| f.open() == 1);

    // The JSON lines printed are the stored events, plus the game.status heartbeat.
    let end = Instant::now() + Duration::from_secs(10);
    while !fg.printed().iter().any(|e| e["type"] == "game.status") {
        assert!(Instant::now() < end, "no heartbeat printed");
        std::thread::sleep(Duration::from_millis(20));
    }
    let status_event = fg
        .printed()
        .into_iter()
        .rfind(|e| e["type"] == "game.status")
        .unwrap();
    let d = &status_event["data"];
    assert_eq!(d["monitoring"], true);
    assert_eq!(d["roomCode"], "SLNT");
    assert_eq!(d["appTag"], "quiplash3");
    assert_eq!(d["gameStarted"], false);
    assert_eq!(d["gameFinished"], false);
    for key in [
        "sessionId",
        "gameId",
        "sessionGameId",
        "maxPlayers",
        "playerCount",
        "players",
        "lobbyState",
        "gameState",
    ] {
        assert!(d.get(key).is_some(), "game.status lacks {key}");
    }
    assert!(fg.printed().iter().any(|e| e["type"] == "room.connected"));
    assert_eq!(
        of_type(&env, sgid, "game.status").len(),
        0,
        "heartbeats are not stored"
    );

    fake.exit("SLNT");
    assert_eq!(fg.wait(15).0, 0);
    fake.wait("all connections closed", 10, |f| f.open() == 0);
}

#[test]
fn lobby_flags_then_logo_starts_and_game_finished_ends() {
    let fake = FakeEcast::start();
    fake.room("LOGO", "quiplash3");
    fake.join("LOGO", "ALICE");
    let env = Env::new();
    let sgid = game_on(&env, "LOGO");
    let fg = Foreground::start(&env, &fake, sgid);
    wait_events(&env, sgid, "room.connected", 1);

    fake.set_room(
        "LOGO",
        json!({ "state": "Lobby", "lobbyState": "CanStart", "gameCanStart": true, "gameIsStarting": false }),
    );
    let updated = wait_events(&env, sgid, "lobby.updated", 1);
    assert_eq!(updated["lobbyState"], "CanStart");
    assert_eq!(updated["gameCanStart"], true);
    assert_eq!(updated["gameIsStarting"], false);
    assert_eq!(updated["playerCount"], 1);
    assert_eq!(updated["roomCode"], "LOGO");

    fake.set_room("LOGO", json!({ "state": "Logo" }));
    let started = wait_events(&env, sgid, "game.started", 1);
    assert_eq!(started["players"], json!(["ALICE"]));
    assert_eq!(started["playerCount"], 1);
    assert_eq!(started["maxPlayers"], 8);
    fake.set_room("LOGO", json!({ "state": "Gameplay" }));
    fake.set_room("LOGO", json!({ "state": "Gameplay", "gameFinished": true }));
    wait_events(&env, sgid, "game.ended", 1);
    assert_eq!(fg.wait(15).0, 0);
    assert_eq!(of_type(&env, sgid, "game.started").len(), 1);
    assert_eq!(of_type(&env, sgid, "lobby.updated").len(), 1);
    assert_eq!(status(&env, sgid).0, "completed");
    fake.wait("all connections closed", 10, |f| f.open() == 0);
}

#[test]
fn room_lock_starts_a_game_without_room_entity() {
    let fake = FakeEcast::start();
    fake.room("LOCK", "quiplash3");
    fake.edit("LOCK", |r| r.room_key = None);
    fake.join("LOCK", "ALICE");
    fake.join("LOCK", "BOB");
    let env = Env::new();
    let sgid = game_on(&env, "LOCK");
    let fg = Foreground::start(&env, &fake, sgid);
    let connected = wait_events(&env, sgid, "room.connected", 1);
    assert_eq!(connected["gameState"], Value::Null);
    fake.lock("LOCK");
    let started = wait_events(&env, sgid, "game.started", 1);
    assert_eq!(started["playerCount"], 2);
    fake.exit("LOCK");
    assert_eq!(fg.wait(15).0, 0);
    fake.wait("all connections closed", 10, |f| f.open() == 0);
}

#[test]
fn a_room_that_disappears_ends_after_two_not_found_lookups() {
    let fake = FakeEcast::start();
    fake.room("GONE", "quiplash3");
    fake.join("GONE", "ALICE");
    let env = Env::new();
    let sgid = game_on(&env, "GONE");
    let fg = Foreground::start(&env, &fake, sgid);
    wait_events(&env, sgid, "room.connected", 1);
    fake.vanish("GONE");
    wait_events(&env, sgid, "game.ended", 1);
    assert_eq!(fg.wait(15).0, 0);
    let last = events(&env, sgid).pop().unwrap();
    assert_eq!(last.1["reason"], "room_closed");
    fake.wait("all connections closed", 10, |f| f.open() == 0);
}

#[test]
fn lookup_errors_are_retried_then_connect() {
    let fake = FakeEcast::start();
    fake.room("RETR", "quiplash3");
    fake.fail_lookups(2, 500);
    fake.fail_lookups(1, 200); // 200 with garbage
    fake.fail_lookups(1, 429);
    let env = Env::new();
    let sgid = game_on(&env, "RETR");
    let fg = Foreground::start(&env, &fake, sgid);
    wait_events(&env, sgid, "room.connected", 1);
    assert!(fake.lookups() >= 5);
    assert_eq!(status(&env, sgid).0, "monitoring");
    fake.exit("RETR");
    assert_eq!(fg.wait(15).0, 0);
}

#[test]
fn a_lobby_server_that_keeps_failing_gives_up() {
    let fake = FakeEcast::start();
    fake.fail_lookups(10_000, 503);
    let env = Env::new();
    let sgid = game_on(&env, "DOWN");
    let fg = Foreground::start(&env, &fake, sgid);
    let (code, err) = fg.wait(20);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("Could not reach the Jackbox lobby server"),
        "{err}"
    );
    assert_eq!(status(&env, sgid).0, "failed");
    let last = events(&env, sgid).pop().unwrap();
    assert_eq!(last.0, "room.disconnected");
    assert_eq!(last.1["reason"], "connection_failed");
    assert!(fake.lookups() >= 3, "retried");
}

#[test]
fn dropped_connections_reconnect_with_the_secret() {
    let fake = FakeEcast::start();
    fake.room("DROP", "quiplash3");
    fake.join("DROP", "ALICE");
    let env = Env::new();
    let sgid = game_on(&env, "DROP");
    let fg = Foreground::start(&env, &fake, sgid);
    wait_events(&env, sgid, "room.connected", 1);
    fake.drop_all();
    fake.wait("a reconnection with secret", 15, |f| {
        f.ws_queries()
            .iter()
            .any(|q| q.contains("secret=") && q.contains("&id="))
    });
    fake.join("DROP", "BOB");
    let joined = wait_events(&env, sgid, "lobby.player-joined", 1);
    assert_eq!(joined["playerName"], "BOB");
    assert_eq!(of_type(&env, sgid, "room.connected").len(), 1);
    assert!(fake
        .ws_queries()
        .iter()
        .all(|q| q.contains("role=shard") && q.contains("format=json") && q.contains("user-id=")));
    fake.exit("DROP");
    assert_eq!(fg.wait(15).0, 0);
    fake.wait("all connections closed", 10, |f| f.open() == 0);
}

#[test]
fn role_errors_fail_the_monitor() {
    let fake = FakeEcast::start();
    fake.room("ROLE", "quiplash3");
    fake.edit("ROLE", |r| r.reject = Some(2023));
    let env = Env::new();
    let sgid = game_on(&env, "ROLE");
    let fg = Foreground::start(&env, &fake, sgid);
    let (code, _) = fg.wait(15);
    assert_eq!(code, 1);
    assert_eq!(status(&env, sgid).0, "failed");
    let last = events(&env, sgid).pop().unwrap().1;
    assert_eq!(last["reason"], "role_rejected");
    assert_eq!(last["ecastCode"], 2023);
    assert_eq!(last["ecastMessage"], "permission denied");
    fake.wait("all connections closed", 10, |f| f.open() == 0);
}

#[test]
fn ctrl_c_stops_the_monitor() {
    let fake = FakeEcast::start();
    fake.room("STOP", "quiplash3");
    fake.join("STOP", "ALICE");
    let env = Env::new();
    let sgid = game_on(&env, "STOP");
    let fg = Foreground::start(&env, &fake, sgid);
    wait_events(&env, sgid, "room.connected", 1);
    fake.wait("connected", 10, |f| f.open() >= 1);
    fg.interrupt();
    let lines = fg.lines.clone();
    let (code, err) = fg.wait(15);
    assert_eq!(code, 0, "{err}");
    assert_eq!(status(&env, sgid).0, "stopped");
    let last = events(&env, sgid).pop().unwrap();
    assert_eq!(last.0, "room.disconnected");
    assert_eq!(last.1["reason"], "manually_stopped");
    assert_eq!(last.1["finalPlayerCount"], 1);
    // The reader thread may still be handing over the last lines of the exited process.
    let end = Instant::now() + Duration::from_secs(10);
    while !lines
        .lock()
        .unwrap()
        .iter()
        .any(|l| l.contains("manually_stopped"))
    {
        assert!(Instant::now() < end, "manually_stopped was not printed");
        std::thread::sleep(Duration::from_millis(20));
    }
    fake.wait("all connections closed", 10, |f| f.open() == 0);
    // Frames after the stop are ignored.
    fake.join("STOP", "BOB");
    assert_eq!(of_type(&env, sgid, "lobby.player-joined").len(), 0);
}

#[test]
fn a_stop_from_another_process_ends_the_foreground_monitor() {
    let fake = FakeEcast::start();
    fake.room("ELSE", "quiplash3");
    let env = Env::new();
    let sgid = game_on(&env, "ELSE");
    let fg = Foreground::start(&env, &fake, sgid);
    wait_events(&env, sgid, "room.connected", 1);
    env.ok(&["game", "monitor", "stop", &sgid.to_string()]);
    assert_eq!(fg.wait(15).0, 0);
    assert_eq!(status(&env, sgid).0, "stopped");
    assert_eq!(of_type(&env, sgid, "room.disconnected").len(), 1);
    fake.wait("all connections closed", 10, |f| f.open() == 0);
}

#[test]
fn game_add_finds_the_game_from_its_room() {
    let fake = FakeEcast::start();
    fake.room("RAPS", "rapbattle");
    fake.room("WHAT", "no-such-game");
    let env = Env::new();
    env.ok(&["session", "create"]);
    let run = |args: &[&str]| {
        let mut c = env.command();
        with_monitor_env(&mut c, &fake);
        let out = c.args(args).output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, out, err) = run(&["--json", "game", "add", "--room-code", "RAPS"]);
    assert_eq!(code, 0, "{err}");
    let sg: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(sg["title"], "Mad Verse City");
    assert_eq!(sg["room_code"], "RAPS");
    assert_eq!(sg["player_count_check_status"], "monitoring");

    let (code, _, err) = run(&["game", "add", "--room-code", "WHAT"]);
    assert_eq!(code, 4);
    assert_eq!(
        err.lines().next().unwrap(),
        "error: Unknown appTag \"no-such-game\": no catalog game has it"
    );
    let (code, _, err) = run(&["game", "add", "--room-code", "NONE"]);
    assert_eq!(code, 3);
    assert_eq!(err.lines().next().unwrap(), "error: Room NONE not found");
    assert_eq!(
        env.count("SELECT COUNT(*) FROM session_games"),
        1,
        "failed adds add nothing"
    );
    let (code, _, _) = run(&["game", "add"]);
    assert_eq!(code, 2, "a game or a room code is required");
}

#[test]
fn a_room_of_another_game_is_reported_not_changed() {
    let fake = FakeEcast::start();
    fake.room("OTHR", "rapbattle");
    let env = Env::new();
    let sgid = game_on(&env, "OTHR");
    let fg = Foreground::start(&env, &fake, sgid);
    let connected = wait_events(&env, sgid, "room.connected", 1);
    assert_eq!(connected["appTag"], "rapbattle");
    fake.exit("OTHR");
    let (code, err) = fg.wait(15);
    assert_eq!(code, 0);
    assert!(
        err.contains("warning:") && err.contains("Mad Verse City"),
        "{err}"
    );
    let title: String = env
        .conn()
        .query_row(
            "SELECT g.title FROM session_games sg JOIN games g ON g.id = sg.game_id WHERE sg.id = ?1",
            [sgid],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(title, "Quiplash 3");
}

/// A daemon whose monitors talk to `fake`, on `env`'s database.
fn daemon(env: Env, fake: &FakeEcast) -> crate::server::Server {
    crate::server::Server::start_with(env, |c| {
        with_monitor_env(c, fake);
    })
}

#[test]
fn the_daemon_runs_monitors_resumes_them_and_answers_status_live() {
    let fake = FakeEcast::start();
    fake.room("DMON", "quiplash3");
    fake.join("DMON", "ALICE");
    let mut srv = daemon(Env::new(), &fake);
    let token = srv.token();
    let sid = srv.session(&token);
    // The game from its room: no game_id, a room code.
    let r = srv.post(
        &format!("/api/sessions/{sid}/games"),
        json!({ "room_code": "DMON" }),
        Some(&token),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["title"], "Quiplash 3");
    let sgid = r.json["id"].as_i64().unwrap();
    let connected = wait_events(&srv.env, sgid, "room.connected", 1);
    assert_eq!(connected["players"], json!(["ALICE"]));

    fake.join("DMON", "BOB");
    wait_events(&srv.env, sgid, "lobby.player-joined", 1);
    let live = srv.get(&format!("/api/sessions/{sid}/games/{sgid}/status-live"));
    assert_eq!(live.status, 200);
    assert_eq!(live.json["monitoring"], true);
    assert_eq!(live.json["players"], json!(["ALICE", "BOB"]));
    assert_eq!(live.json["playerCount"], 2);
    assert_eq!(live.json["appTag"], "quiplash3");
    assert_eq!(live.json["gameState"], "Lobby");
    assert_eq!(live.json["gameStarted"], false);

    // A foreground monitor would watch the same room twice: refused while the daemon runs.
    srv.env.fails(
        &[
            "game",
            "monitor",
            "start",
            &sgid.to_string(),
            "--foreground",
        ],
        1,
        "A 'jackbox serve' daemon is running on this database and monitors its games",
    );

    // `jackbox game show` asks the running daemon for the live room state.
    let human = srv.env.ok(&["game", "show", &sgid.to_string()]);
    assert!(human.contains("live (monitor running)"), "{human}");
    assert!(human.contains("ALICE, BOB"), "{human}");

    // Shutdown closes the connections but leaves the row `monitoring`.
    let (code, _) = srv.terminate();
    assert_eq!(code, Some(0));
    fake.wait("connections closed at shutdown", 10, |f| f.open() == 0);
    assert_eq!(status(&srv.env, sgid).0, "monitoring");
    assert_eq!(of_type(&srv.env, sgid, "room.disconnected").len(), 0);

    // A new daemon resumes it.
    let env = std::mem::replace(&mut srv.env, Env::new());
    drop(srv);
    let total = fake.total();
    let srv = daemon(env, &fake);
    fake.wait("a resumed connection", 15, |f| {
        f.total() > total && f.open() >= 1
    });
    fake.join("DMON", "CAROL");
    let joined = wait_events(&srv.env, sgid, "lobby.player-joined", 2);
    assert_eq!(joined["playerName"], "CAROL");
    assert_eq!(joined["playerCount"], 3);

    // A stop by API ends the monitor and closes its connections.
    let token = srv.token();
    let r = srv.post(
        &format!("/api/sessions/{sid}/games/{sgid}/stop-player-check"),
        json!({}),
        Some(&token),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    fake.wait("connections closed after stop", 10, |f| f.open() == 0);
    assert_eq!(status(&srv.env, sgid).0, "stopped");
    let live = srv.get(&format!("/api/sessions/{sid}/games/{sgid}/status-live"));
    assert_eq!(live.json["monitoring"], false);
    assert_eq!(live.json["playerCount"], 3);
    // Without a running monitor, `game show` reports the database's view.
    let human = srv.env.ok(&["game", "show", &sgid.to_string()]);
    assert!(
        human.contains("from the database (no monitor running)"),
        "{human}"
    );
}

#[test]
fn a_connection_that_cannot_come_back_gives_up() {
    let fake = FakeEcast::start();
    fake.room("LOST", "quiplash3");
    fake.join("LOST", "ALICE");
    let env = Env::new();
    let sgid = game_on(&env, "LOST");
    let fg = Foreground::start(&env, &fake, sgid);
    wait_events(&env, sgid, "room.connected", 1);
    fake.refuse_websockets(true);
    fake.fail_lookups(10_000, 502);
    fake.drop_all();
    let (code, err) = fg.wait(20);
    assert_eq!(code, 1, "{err}");
    let last = events(&env, sgid).pop().unwrap();
    assert_eq!(last.0, "room.disconnected");
    assert_eq!(last.1["reason"], "connection_failed");
    assert_eq!(last.1["finalPlayerCount"], 1);
    assert_eq!(
        status(&env, sgid),
        ("failed".into(), "playing".into(), Some(1))
    );
    assert_eq!(fake.open(), 0);
}

#[test]
fn the_foreground_monitor_follows_a_new_room_code() {
    let fake = FakeEcast::start();
    fake.room("ONE1", "quiplash3");
    fake.room("TWO2", "quiplash3");
    fake.join("TWO2", "ZED");
    let env = Env::new();
    let sgid = game_on(&env, "ONE1");
    let fg = Foreground::start(&env, &fake, sgid);
    wait_events(&env, sgid, "room.connected", 1);
    env.ok(&["game", "room-code", &sgid.to_string(), "TWO2"]);
    let connected = wait_events(&env, sgid, "room.connected", 2);
    assert_eq!(connected["roomCode"], "TWO2");
    assert_eq!(connected["players"], json!(["ZED"]));
    fake.wait("the old room's connection closed", 10, |f| f.open() == 1);
    fake.exit("TWO2");
    assert_eq!(fg.wait(15).0, 0);
    fake.wait("all connections closed", 10, |f| f.open() == 0);
}

#[test]
fn human_output_has_one_line_per_event() {
    let fake = FakeEcast::start();
    fake.room("HUMN", "quiplash3");
    fake.join("HUMN", "ALICE");
    let env = Env::new();
    let sgid = game_on(&env, "HUMN");
    let mut c = env.command();
    with_monitor_env(&mut c, &fake);
    c.env("JACKBOX_MONITOR_HEARTBEAT_MS", "600000");
    let child = c
        .args([
            "game",
            "monitor",
            "start",
            &sgid.to_string(),
            "--foreground",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_events(&env, sgid, "room.connected", 1);
    fake.lock("HUMN");
    wait_events(&env, sgid, "game.started", 1);
    fake.exit("HUMN");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let types: Vec<&str> = stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(
        types,
        [
            "room.connected",
            "player-count.updated",
            "monitor.state",
            "game.started",
            "monitor.state",
            "game.ended",
            "room.disconnected",
            "monitor.state"
        ],
        "{stdout}"
    );
    assert!(stdout.contains("ALICE"));
    assert!(
        stdout.contains("connected: lobby (WaitingForMore)"),
        "{stdout}"
    );
}

/// The `game.status` heartbeat reaches WebSocket subscribers (not the outbox).
#[test]
fn heartbeats_reach_websocket_subscribers() {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    let fake = FakeEcast::start();
    fake.room("BEAT", "quiplash3");
    fake.join("BEAT", "ALICE");
    let srv = daemon(Env::new(), &fake);
    let token = srv.token();
    let sid = srv.session(&token);
    let url = format!("ws://{}/api/sessions/live", srv.addr);
    let (mut ws, _) = srv
        .rt
        .block_on(tokio_tungstenite::connect_async(url))
        .expect("the daemon's WebSocket route accepts the connection");
    srv.rt.block_on(async {
        let auth = json!({ "type": "auth", "token": token }).to_string();
        ws.send(Message::Text(auth)).await.unwrap();
        let sub = json!({ "type": "subscribe", "sessionId": sid }).to_string();
        ws.send(Message::Text(sub)).await.unwrap();
    });
    let r = srv.post(
        &format!("/api/sessions/{sid}/games"),
        json!({ "room_code": "BEAT" }),
        Some(&token),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    let sgid = r.json["id"].as_i64().unwrap();
    let status = srv.rt.block_on(async {
        tokio::time::timeout(Duration::from_secs(20), async {
            while let Some(Ok(msg)) = ws.next().await {
                if let Message::Text(t) = msg {
                    let v: Value = serde_json::from_str(&t).unwrap();
                    if v["type"] == "game.status" && v["data"]["players"].is_array() {
                        return v;
                    }
                }
            }
            panic!("WebSocket closed before a heartbeat");
        })
        .await
        .expect("a game.status heartbeat")
    });
    let _ = srv.rt.block_on(ws.close(None));
    assert_eq!(status["data"]["roomCode"], "BEAT");
    assert_eq!(status["data"]["sessionGameId"], sgid);
    assert_eq!(status["data"]["monitoring"], true);
    assert_eq!(status["data"]["players"], json!(["ALICE"]));
    assert!(status["timestamp"].is_string());
    assert_eq!(of_type(&srv.env, sgid, "game.status").len(), 0);
}

// ---------------------------------------------------------------------------------------
// The lobby server as it really is (issue 11): frames built from the recorded-shape
// fixtures of `tests/fixtures/ecast/`, the three room keys, both per-player key families,
// `type` for `opcode`, monitors that arrive mid-game or after it, and the error table.
// ---------------------------------------------------------------------------------------

use crate::fake_ecast::PlayerKeys;

/// One whole game of a family: a player before and one after the monitor connects, lobby
/// flags, the start, the end (`gameFinished`) — each recorded once.
fn play_a_game_of_family(code: &str, room_key: &str, kind: &str, keys: PlayerKeys) {
    let fake = FakeEcast::start();
    fake.room_family(code, "quiplash3", room_key, kind, keys);
    fake.join(code, "ALICE");
    let env = Env::new();
    let sgid = game_on(&env, code);
    let fg = Foreground::start(&env, &fake, sgid);

    let connected = wait_events(&env, sgid, "room.connected", 1);
    assert_eq!(connected["players"], json!(["ALICE"]), "{room_key}");
    assert_eq!(connected["playerCount"], 1);
    assert_eq!(
        connected["gameState"], "Lobby",
        "{room_key}: the value is payload.val"
    );
    assert_eq!(connected["lobbyState"], "WaitingForMore");

    // `client/connected` and the per-player entity name the same player: one join.
    let bob = fake.join(code, "BOB");
    let joined = wait_events(&env, sgid, "lobby.player-joined", 1);
    assert_eq!(joined["playerName"], "BOB");
    assert_eq!(joined["playerCount"], 2);
    // A closed connection or a kick keeps the slot: the count never goes down.
    fake.disconnect(code, bob);
    fake.kick(code, bob);

    fake.set_room(
        code,
        json!({ "state": "Lobby", "lobbyState": "CanStart", "gameCanStart": true,
                "gameIsStarting": false, "gameFinished": false }),
    );
    let updated = wait_events(&env, sgid, "lobby.updated", 1);
    assert_eq!(updated["lobbyState"], "CanStart");
    assert_eq!(updated["gameCanStart"], true);

    fake.set_room(
        code,
        json!({ "state": "Logo", "lobbyState": "CanStart", "gameCanStart": true,
                "gameIsStarting": true, "gameFinished": false }),
    );
    let started = wait_events(&env, sgid, "game.started", 1);
    assert_eq!(started["players"], json!(["ALICE", "BOB"]));
    // A few probes (every 250 ms) see the same players again: nothing new.
    let seen = fake.total();
    fake.wait("two probes", 15, |f| f.total() >= seen + 2);

    fake.set_room(
        code,
        json!({ "state": "Lobby", "lobbyState": "PostGame", "gameCanStart": true,
                "gameIsStarting": false, "gameFinished": true }),
    );
    let (exit, err) = fg.wait(15);
    assert_eq!(exit, 0, "{err}");
    let ended = of_type(&env, sgid, "game.ended");
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0]["players"], json!(["ALICE", "BOB"]));
    assert_eq!(of_type(&env, sgid, "game.started").len(), 1);
    assert_eq!(of_type(&env, sgid, "lobby.player-joined").len(), 1);
    assert_eq!(
        status(&env, sgid),
        ("completed".into(), "played".into(), Some(2))
    );
    assert_eq!(
        events(&env, sgid).pop().unwrap().1["reason"],
        json!("room_closed")
    );
    fake.wait("all connections closed", 10, |f| f.open() == 0);

    // The handshake: `user-id=` as the official client spells it, browser-like Origin and
    // Referer, a real User-Agent.
    let queries = fake.ws_queries();
    assert!(!queries.is_empty());
    for q in &queries {
        assert!(q.contains("&user-id=jackbox-"), "{q}");
        assert!(!q.contains("userId="), "{q}");
    }
    for h in fake.handshakes() {
        assert_eq!(h.origin, "https://jackbox.tv");
        assert_eq!(h.referer, "https://jackbox.tv/");
        assert!(h.user_agent.starts_with("jackbox/"), "{h:?}");
    }
}

#[test]
fn family_room_object_entity_and_player_connection_ids() {
    play_a_game_of_family("FAMR", "room", "object", PlayerKeys::Conn);
}

#[test]
fn family_bc_room_text_entity_and_customer_uuids() {
    play_a_game_of_family("FAMB", "bc:room", "text", PlayerKeys::Customer);
}

#[test]
fn family_room_blob() {
    play_a_game_of_family("FAMX", "roomBlob", "object", PlayerKeys::Customer);
}

/// `bc:customer:<uuid>` entities count players even when the shard is never told about
/// joins (no `client/connected`) and no probe runs; the snapshot's `here` and entities
/// naming the same player count once.
#[test]
fn customer_uuid_entities_count_players() {
    let fake = FakeEcast::start();
    fake.room_family("UUID", "quiplash3", "bc:room", "text", PlayerKeys::Customer);
    fake.edit("UUID", |r| r.tell_shards = false);
    fake.join("UUID", "ALICE");
    let env = Env::new();
    let sgid = game_on(&env, "UUID");
    let fg = Foreground::start_with(&env, &fake, sgid, &[("JACKBOX_MONITOR_PROBE_MS", "600000")]);
    let connected = wait_events(&env, sgid, "room.connected", 1);
    assert_eq!(connected["players"], json!(["ALICE"]));
    assert_eq!(connected["playerCount"], 1);
    fake.join("UUID", "CAROL");
    let joined = wait_events(&env, sgid, "lobby.player-joined", 1);
    assert_eq!(joined["playerName"], "CAROL");
    assert_eq!(joined["playerCount"], 2);
    fake.exit("UUID");
    assert_eq!(fg.wait(15).0, 0);
    assert_eq!(status(&env, sgid).2, Some(2));
}

#[test]
fn a_monitor_started_mid_game_records_start_and_end() {
    let fake = FakeEcast::start();
    fake.room_family("MIDG", "quiplash3", "room", "object", PlayerKeys::Conn);
    fake.join("MIDG", "ALICE");
    fake.join("MIDG", "BOB");
    fake.set_room(
        "MIDG",
        json!({ "state": "Logo", "lobbyState": "CanStart", "gameCanStart": true,
                "gameIsStarting": false, "gameFinished": false }),
    );
    let env = Env::new();
    let sgid = game_on(&env, "MIDG");
    let fg = Foreground::start(&env, &fake, sgid);
    let started = wait_events(&env, sgid, "game.started", 1);
    assert_eq!(started["players"], json!(["ALICE", "BOB"]));
    let types: Vec<String> = events(&env, sgid).into_iter().map(|e| e.0).collect();
    assert_eq!(
        types,
        ["room.connected", "player-count.updated", "game.started"]
    );
    assert_eq!(
        of_type(&env, sgid, "room.connected")[0]["gameState"],
        "Logo"
    );
    fake.set_room(
        "MIDG",
        json!({ "state": "Lobby", "lobbyState": "PostGame", "gameCanStart": true,
                "gameIsStarting": false, "gameFinished": true }),
    );
    assert_eq!(fg.wait(15).0, 0);
    assert_eq!(of_type(&env, sgid, "game.ended").len(), 1);
    assert_eq!(
        status(&env, sgid),
        ("completed".into(), "played".into(), Some(2))
    );
}

#[test]
fn a_monitor_started_after_the_game_records_start_and_end() {
    let fake = FakeEcast::start();
    fake.room_family("POST", "quiplash3", "bc:room", "text", PlayerKeys::Customer);
    fake.join("POST", "ALICE");
    fake.join("POST", "BOB");
    fake.join("POST", "CAROL");
    // Back in the lobby after the game: the state says `Lobby`, `gameFinished` says over.
    fake.set_room(
        "POST",
        json!({ "state": "Lobby", "lobbyState": "PostGame", "gameCanStart": true,
                "gameIsStarting": false, "gameFinished": true }),
    );
    let env = Env::new();
    let sgid = game_on(&env, "POST");
    let fg = Foreground::start(&env, &fake, sgid);
    let (code, err) = fg.wait(15);
    assert_eq!(code, 0, "{err}");
    let ev = events(&env, sgid);
    let types: Vec<&str> = ev.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        types,
        [
            "room.connected",
            "player-count.updated",
            "game.started",
            "game.ended",
            "room.disconnected"
        ]
    );
    assert_eq!(ev[0].1["lobbyState"], "PostGame");
    assert_eq!(ev[3].1["players"], json!(["ALICE", "BOB", "CAROL"]));
    assert_eq!(ev[4].1["reason"], "room_closed");
    assert_eq!(ev[4].1["finalPlayerCount"], 3);
    assert_eq!(
        status(&env, sgid),
        ("completed".into(), "played".into(), Some(3))
    );
    fake.wait("all connections closed", 10, |f| f.open() == 0);
}

/// The official client reads a frame's kind from `opcode`, falling back to `type`.
#[test]
fn frames_named_by_type_are_read_like_opcode() {
    let fake = FakeEcast::start();
    fake.use_type_key();
    fake.room_family("TYPE", "quiplash3", "room", "object", PlayerKeys::None);
    fake.join("TYPE", "ALICE");
    let env = Env::new();
    let sgid = game_on(&env, "TYPE");
    let fg = Foreground::start(&env, &fake, sgid);
    let connected = wait_events(&env, sgid, "room.connected", 1);
    assert_eq!(connected["players"], json!(["ALICE"]));
    assert_eq!(connected["gameState"], "Lobby");
    fake.join("TYPE", "BOB");
    assert_eq!(
        wait_events(&env, sgid, "lobby.player-joined", 1)["playerName"],
        "BOB"
    );
    fake.lock("TYPE");
    wait_events(&env, sgid, "game.started", 1);
    fake.exit("TYPE");
    assert_eq!(fg.wait(15).0, 0);
    assert_eq!(status(&env, sgid).0, "completed");
}

/// Codes that retrying cannot fix end the monitor at once (no second connection, long
/// before the give-up time) with the reason, the code and the server's message.
#[test]
fn unretryable_errors_end_the_monitor_at_once() {
    let cases = [
        (2012, "role_rejected", 1),
        (2015, "role_rejected", 1),
        (2017, "role_rejected", 1),
        (2013, "room_not_found", 3),
        (2027, "room_closed", 1),
    ];
    for (ecast_code, reason, exit) in cases {
        let fake = FakeEcast::start();
        fake.room("ERRS", "quiplash3");
        fake.edit("ERRS", |r| r.reject = Some(ecast_code));
        let env = Env::new();
        let sgid = game_on(&env, "ERRS");
        let fg = Foreground::start_with(
            &env,
            &fake,
            sgid,
            &[("JACKBOX_MONITOR_GIVEUP_MS", "600000")],
        );
        let (code, err) = fg.wait(15);
        assert_eq!(code, exit, "{ecast_code}: {err}");
        assert!(
            err.contains(&ecast_code.to_string())
                && err.contains(crate::fake_ecast::error_message(ecast_code)),
            "{ecast_code}: {err}"
        );
        assert_eq!(status(&env, sgid).0, "failed", "{ecast_code}");
        let (last, data) = events(&env, sgid).pop().unwrap();
        assert_eq!(last, "room.disconnected");
        assert_eq!(data["reason"], reason, "{ecast_code}");
        assert_eq!(data["ecastCode"], ecast_code);
        assert_eq!(
            data["ecastMessage"],
            crate::fake_ecast::error_message(ecast_code)
        );
        assert_eq!(fake.total(), 1, "{ecast_code}: not retried");
        assert_eq!(of_type(&env, sgid, "room.connected").len(), 0);
        fake.wait("all connections closed", 10, |f| f.open() == 0);
    }
}

/// After the room was seen: a generic error is only logged; "room has already ended" ends
/// the game (completed), naming the error.
#[test]
fn errors_after_the_room_was_seen() {
    let fake = FakeEcast::start();
    fake.room_family("LATE", "quiplash3", "room", "object", PlayerKeys::None);
    fake.join("LATE", "ALICE");
    let env = Env::new();
    let sgid = game_on(&env, "LATE");
    let fg = Foreground::start(&env, &fake, sgid);
    wait_events(&env, sgid, "room.connected", 1);
    fake.error("LATE", 2000);
    fake.join("LATE", "BOB");
    wait_events(&env, sgid, "lobby.player-joined", 1);
    fake.error("LATE", 2027);
    let (code, err) = fg.wait(15);
    assert_eq!(code, 0, "{err}");
    let ev = events(&env, sgid);
    let n = ev.len();
    assert_eq!(ev[n - 2].0, "game.ended");
    assert_eq!(ev[n - 1].0, "room.disconnected");
    assert_eq!(ev[n - 1].1["reason"], "room_closed");
    assert_eq!(ev[n - 1].1["ecastCode"], 2027);
    assert_eq!(ev[n - 1].1["ecastMessage"], "room has already ended");
    assert_eq!(
        status(&env, sgid),
        ("completed".into(), "played".into(), Some(2))
    );
}

/// `2420` (rate limit): the monitor drops that connection itself — the server leaves it
/// open — backs off and tries again, without waiting for a welcome that never comes.
#[test]
fn rate_limits_back_off_and_retry() {
    let fake = FakeEcast::start();
    fake.room("RATE", "quiplash3");
    fake.join("RATE", "ALICE");
    fake.edit("RATE", |r| {
        r.reject = Some(2420);
        r.reject_count = 2;
        r.reject_closes = false;
    });
    let env = Env::new();
    let sgid = game_on(&env, "RATE");
    let started = Instant::now();
    let fg = Foreground::start_with(
        &env,
        &fake,
        sgid,
        &[
            ("JACKBOX_MONITOR_TIMEOUT_MS", "30000"),
            ("JACKBOX_MONITOR_GIVEUP_MS", "600000"),
            ("JACKBOX_MONITOR_PROBE_MS", "600000"),
        ],
    );
    let connected = wait_events(&env, sgid, "room.connected", 1);
    assert!(started.elapsed() < Duration::from_secs(15));
    assert_eq!(connected["players"], json!(["ALICE"]));
    assert_eq!(
        fake.total(),
        3,
        "two rate-limited attempts, then the welcome"
    );
    fake.wait("the rate-limited sockets closed", 10, |f| f.open() == 1);
    assert_eq!(status(&env, sgid).0, "monitoring");
    fake.exit("RATE");
    assert_eq!(fg.wait(15).0, 0);
}

/// Polls until the foreground monitor printed `n` more `game.status` heartbeats than it had
/// when called (the monitor keeps running meanwhile: probes and heartbeats go by).
fn wait_heartbeats(fg: &Foreground, n: usize) {
    let beats = |fg: &Foreground| {
        fg.printed()
            .iter()
            .filter(|v| v["type"] == "game.status")
            .count()
    };
    let target = beats(fg) + n;
    let end = Instant::now() + Duration::from_secs(15);
    while beats(fg) < target {
        assert!(Instant::now() < end, "timed out waiting for heartbeats");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Issue 24, point 1: Quiplash 3's `player:<id>` entities (created empty, then naming the
/// player at `playerInfo.username`, as the recorded frames do) count players, with or
/// without a name, when the shard hears of joins only through them.
#[test]
fn quiplash3_player_entities_count_with_or_without_a_name() {
    use crate::fake_ecast::recorded_val;
    let fake = FakeEcast::start();
    fake.room_family("QPLA", "quiplash3", "room", "object", PlayerKeys::Quiplash3);
    fake.edit("QPLA", |r| r.tell_shards = false);
    let env = Env::new();
    let sgid = game_on(&env, "QPLA");
    let fg = Foreground::start_with(&env, &fake, sgid, &[("JACKBOX_MONITOR_PROBE_MS", "600000")]);
    assert_eq!(
        wait_events(&env, sgid, "room.connected", 1)["playerCount"],
        0
    );
    fake.join("QPLA", "ALICE");
    assert_eq!(
        wait_events(&env, sgid, "lobby.player-joined", 1)["playerCount"],
        1
    );
    fake.join("QPLA", "BOB");
    assert_eq!(
        wait_events(&env, sgid, "lobby.player-joined", 2)["playerCount"],
        2
    );
    fake.set_room("QPLA", recorded_val("q3/room_playing"));
    let started = wait_events(&env, sgid, "game.started", 1);
    assert_eq!(started["players"], json!(["ALICE", "BOB"]));
    fake.set_room("QPLA", recorded_val("q3/room_postgame"));
    let (code, err) = fg.wait(15);
    assert_eq!(code, 0, "{err}");
    assert_eq!(of_type(&env, sgid, "lobby.player-joined").len(), 2);
    assert_eq!(
        of_type(&env, sgid, "game.ended")[0]["players"],
        json!(["ALICE", "BOB"])
    );
    assert_eq!(
        status(&env, sgid),
        ("completed".into(), "played".into(), Some(2))
    );
}

/// Issue 24, point 2: a welcome with `here: null` (as recorded) says nothing about the
/// players: a count set by hand stays, through probes and the end of the game.
#[test]
fn here_null_leaves_a_hand_set_count_alone() {
    use crate::fake_ecast::recorded_val;
    let fake = FakeEcast::start();
    fake.room_family("NULH", "quiplash3", "room", "object", PlayerKeys::None);
    fake.edit("NULH", |r| r.here_null = true);
    let env = Env::new();
    let sgid = game_on(&env, "NULH");
    env.ok(&["game", "player-count", &sgid.to_string(), "6"]);
    let fg = Foreground::start(&env, &fake, sgid);
    assert_eq!(
        wait_events(&env, sgid, "room.connected", 1)["playerCount"],
        6
    );
    let seen = fake.total();
    fake.wait("two probes", 15, |f| f.total() >= seen + 2);
    assert_eq!(status(&env, sgid).2, Some(6));
    fake.set_room("NULH", recorded_val("q3/room_postgame"));
    let (code, err) = fg.wait(15);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        status(&env, sgid),
        ("completed".into(), "played".into(), Some(6))
    );
    // Only the hand-set count's own event.
    assert_eq!(of_type(&env, sgid, "player-count.updated").len(), 1);
}

/// Issue 24, point 4: `json` entity frames are read like `object` ones.
#[test]
fn json_entity_frames_are_read_like_object() {
    use crate::fake_ecast::recorded_val;
    let fake = FakeEcast::start();
    fake.room_family("JSON", "quiplash3", "room", "json", PlayerKeys::Conn);
    fake.join("JSON", "ALICE");
    let env = Env::new();
    let sgid = game_on(&env, "JSON");
    let fg = Foreground::start(&env, &fake, sgid);
    wait_events(&env, sgid, "room.connected", 1);
    fake.set_room("JSON", recorded_val("q3/room_playing"));
    wait_events(&env, sgid, "game.started", 1);
    fake.set_room("JSON", recorded_val("q3/room_postgame"));
    let (code, err) = fg.wait(15);
    assert_eq!(code, 0, "{err}");
    assert_eq!(status(&env, sgid).0, "completed");
}

/// Issue 24, point 3: "same players" — the host adds the game again on the room code of
/// the session's previous game. The room still shows the earlier game's `gameFinished`:
/// the new monitor waits for the room to be in play, then for it to finish. A monitor
/// resuming its own game after a restart still ends at once.
#[test]
fn a_replay_on_the_same_room_code_waits_for_its_own_game() {
    use crate::fake_ecast::recorded_val;
    let fake = FakeEcast::start();
    fake.room_family("SAME", "quiplash3", "room", "object", PlayerKeys::Quiplash3);
    fake.join("SAME", "ALICE");
    fake.join("SAME", "BOB");
    let env = Env::new();
    let first = game_on(&env, "SAME");
    fake.set_room("SAME", recorded_val("q3/room_playing"));
    let fg = Foreground::start(&env, &fake, first);
    wait_events(&env, first, "game.started", 1);
    fake.set_room("SAME", recorded_val("q3/room_postgame"));
    assert_eq!(fg.wait(15).0, 0);
    assert_eq!(status(&env, first).0, "completed");

    let game = env.count("SELECT id FROM games WHERE app_tag = 'quiplash3'");
    let out = env.ok(&[
        "game",
        "add",
        &game.to_string(),
        "--room-code",
        "SAME",
        "-q",
    ]);
    let second: i64 = out.trim().parse().unwrap();
    let fg = Foreground::start(&env, &fake, second);
    let connected = wait_events(&env, second, "room.connected", 1);
    assert_eq!(connected["lobbyState"], "PostGame");
    wait_heartbeats(&fg, 3);
    assert!(of_type(&env, second, "game.started").is_empty());
    assert!(of_type(&env, second, "game.ended").is_empty());
    assert_eq!(status(&env, second).0, "monitoring");

    fake.set_room("SAME", recorded_val("q3/room_playing"));
    wait_events(&env, second, "game.started", 1);
    // The monitor is killed mid-game; a new one resumes the same game after it finished.
    drop(fg);
    fake.set_room("SAME", recorded_val("q3/room_postgame"));
    let fg = Foreground::start(&env, &fake, second);
    let (code, err) = fg.wait(15);
    assert_eq!(code, 0, "{err}");
    assert_eq!(of_type(&env, second, "game.ended").len(), 1);
    assert_eq!(
        status(&env, second),
        ("completed".into(), "played".into(), Some(2))
    );
}

/// The `monitor.state` events of a session game, in order.
fn states(env: &Env, sgid: i64) -> Vec<Value> {
    events_where(env, sgid, "type = 'monitor.state'")
        .into_iter()
        .map(|(_, d)| d)
        .collect()
}

/// Polls until the stored monitor state is `state`; returns the `monitor.state` events.
fn wait_state(env: &Env, sgid: i64, state: &str) -> Vec<Value> {
    let end = Instant::now() + Duration::from_secs(15);
    loop {
        let all = states(env, sgid);
        if all.last().is_some_and(|s| s["state"] == state) {
            return all;
        }
        assert!(
            Instant::now() < end,
            "timed out waiting for monitor state {state}; states: {all:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_monitor_state_is_real_retrying_then_connected_in_play_ended() {
    let fake = FakeEcast::start();
    fake.room("STAT", "quiplash3");
    fake.fail_lookups(3, 503);
    let srv = daemon(Env::new(), &fake);
    let token = srv.token();
    let sid = srv.session(&token);
    let r = srv.post(
        &format!("/api/sessions/{sid}/games"),
        json!({ "game_id": 1, "room_code": "STAT" }),
        Some(&token),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["monitor_state"]["state"], "looking_up");
    let sgid = r.json["id"].as_i64().unwrap();
    let seen = wait_state(&srv.env, sgid, "connected");
    let kinds: Vec<&str> = seen.iter().map(|s| s["state"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "looking_up",
            "retrying",
            "retrying",
            "retrying",
            "connected"
        ],
        "{seen:?}"
    );
    for (i, s) in seen[1..4].iter().enumerate() {
        assert_eq!(s["attempt"], i as i64 + 1);
        assert_eq!(s["sessionId"], sid);
        assert_eq!(s["gameId"], 1);
        assert!(s["nextRetryAt"].as_str().unwrap().ends_with('Z'), "{s}");
        assert!(s["reason"].as_str().unwrap().contains("503"), "{s}");
    }
    // No lobby state before the lobby said one.
    assert!(
        seen[..4].iter().all(|s| s["lobbyState"].is_null()),
        "{seen:?}"
    );
    assert_eq!(seen[4]["lobbyState"], "WaitingForMore");
    assert!(seen[4]["attempt"].is_null() && seen[4]["reason"].is_null());
    // One warning per back-off step in the daemon's log.
    let logs = srv.logs();
    for n in 1..=3 {
        let needle = format!("room STAT: attempt {n} failed");
        assert_eq!(logs.matches(&needle).count(), 1, "{needle}: {logs}");
    }
    assert!(
        logs.lines()
            .filter(|l| l.contains("attempt 1 failed"))
            .all(|l| l.contains("WARN")),
        "{logs}"
    );
    // The same state on the session game object and on status-live.
    let games = srv.get(&format!("/api/sessions/{sid}/games"));
    assert_eq!(games.json[0]["monitor_state"]["state"], "connected");
    assert_eq!(
        games.json[0]["monitor_state"]["lobbyState"],
        "WaitingForMore"
    );
    let live = srv.get(&format!("/api/sessions/{sid}/games/{sgid}/status-live"));
    assert_eq!(live.json["monitorState"]["state"], "connected");

    fake.lock("STAT");
    wait_state(&srv.env, sgid, "in_play");
    fake.exit("STAT");
    wait_state(&srv.env, sgid, "ended");
    let live = srv.get(&format!("/api/sessions/{sid}/games/{sgid}/status-live"));
    assert_eq!(live.json["monitorState"]["state"], "ended");
}

#[test]
fn a_monitor_that_gives_up_says_why_and_a_stopped_one_says_stopped() {
    let fake = FakeEcast::start();
    fake.fail_lookups(10_000, 503);
    let env = Env::new();
    let sgid = game_on(&env, "GONE");
    let fg = Foreground::start(&env, &fake, sgid);
    let (code, _) = fg.wait(20);
    assert_eq!(code, 1);
    let last = states(&env, sgid).pop().unwrap();
    assert_eq!(last["state"], "failed");
    let reason = last["reason"].as_str().unwrap();
    assert!(
        reason.contains("could not be reached") && reason.contains("503"),
        "{reason}"
    );
    let shown = env.json(&["game", "show", &sgid.to_string()]);
    assert_eq!(shown["monitor_state"]["state"], "failed", "{shown}");

    // A game never monitored has none; a stop is `stopped`.
    let other: i64 = env
        .ok(&["game", "add", "1", "--room-code", "STOP", "-q"])
        .trim()
        .parse()
        .unwrap();
    assert_eq!(states(&env, other)[0]["state"], "looking_up");
    env.ok(&["game", "monitor", "stop", &other.to_string()]);
    assert_eq!(states(&env, other).pop().unwrap()["state"], "stopped");
    let plain: i64 = env.ok(&["game", "add", "1", "-q"]).trim().parse().unwrap();
    let listed = env.json(&["game", "list"]);
    let row = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == plain)
        .unwrap()
        .clone();
    assert!(row["monitor_state"].is_null(), "{row}");
}
