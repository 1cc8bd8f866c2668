//! Live chat (`docs/chat.md`): the counting rules from every source (a fake Twitch chat
//! server over WebSocket and over TCP, a followed Chatterino log), reconnects (server
//! drops, `RECONNECT`, a suspended channel, a JOIN never confirmed), a fake YouTube API (page
//! tokens, the end of the chat, quota), the sources API and its events, `jackbox chat status`.

use super::fake_twitch::{FakeTwitch, Transport, Viewer};
use super::fake_youtube::FakeYouTube;
use super::server::Server;
use super::util::Env;
use super::websocket::Ws;
use serde_json::{json, Value};
use std::io::Write;
use std::time::{Duration, Instant};

pub(super) fn game_id(env: &Env, title: &str) -> i64 {
    env.conn()
        .query_row(
            "SELECT id FROM games WHERE title = ?1
             ORDER BY pack_name NOT LIKE 'The Jackbox Party Pack%', id LIMIT 1",
            [title],
            |r| r.get(0),
        )
        .unwrap()
}

pub(super) fn wait_for(secs: u64, what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// The poll's votes per position.
fn poll_votes(env: &Env) -> Vec<i64> {
    let conn = env.conn();
    let mut stmt = conn
        .prepare(
            "SELECT (SELECT COUNT(*) FROM poll_votes v WHERE v.poll_id = o.poll_id
                     AND v.position = o.position)
             FROM poll_options o WHERE o.poll_id = (SELECT MAX(id) FROM polls)
             ORDER BY o.position",
        )
        .unwrap();
    let v = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    v
}

fn live_votes(env: &Env) -> Vec<(String, i64, String)> {
    let conn = env.conn();
    let mut stmt = conn
        .prepare("SELECT username, game_id, vote_type FROM live_votes ORDER BY id")
        .unwrap();
    let v = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    v
}

/// Tonight: Quiplash 3 on now, a poll open with Fibbage 4, Drawful 2, Tee K.O. 2 and Other.
struct Night {
    qpl3: i64,
}

fn night(srv: &Server) -> Night {
    let env = &srv.env;
    let token = srv.token();
    let sid = srv.session(&token);
    let qpl3 = game_id(env, "Quiplash 3");
    srv.add_game(&token, sid, qpl3);
    let ids = [
        game_id(env, "Fibbage 4"),
        game_id(env, "Drawful 2"),
        game_id(env, "Tee K.O. 2"),
    ];
    let r = srv.post(
        &format!("/api/sessions/{sid}/polls"),
        json!({ "gameIds": ids, "durationSeconds": 3600 }),
        Some(&token),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    let tickers: Vec<&str> = r.json["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["ticker"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(tickers, ["FIB4", "DRAW2", "TKO2", "-"]);
    Night { qpl3 }
}

/// Every rule of point 2, typed by viewers through `say` (a source), checked in the
/// database. `ids`: the source gives account ids (a renamed viewer stays one voter).
fn rules(env: &Env, n: &Night, ids: bool, say: &dyn Fn(&Viewer, &str)) {
    let v = |id: &str, login: &str| Viewer::new(id, login, login);
    let alice = v("1001", "alice");
    // thisgame++ → a live vote for the game on now.
    say(&alice, "thisgame++");
    wait_for(20, "alice's live vote", || live_votes(env).len() == 1);
    assert_eq!(live_votes(env)[0], ("alice".into(), n.qpl3, "up".into()));
    // FIB4++ while Fibbage 4 is an option: a poll vote, not a game vote.
    say(&v("1002", "bob"), "FIB4++");
    wait_for(20, "bob's poll vote", || poll_votes(env) == [1, 0, 0, 0]);
    // Ignored: a bot, an ordinary message, a number inside a sentence.
    say(&v("1900", "nightbot"), "2");
    say(&v("1901", "StreamElements"), "!vote 2");
    say(&v("1006", "heidi"), "I vote 2 guys");
    say(&v("1003", "carol"), "!vote 2");
    say(&v("1004", "dave"), "3");
    say(&v("1005", "erin"), "!VOTE tko2");
    say(&v("1007", "frank"), "!vote Drawful 2");
    wait_for(20, "four poll votes", || poll_votes(env) == [1, 2, 2, 0]);
    // QPL3++: not an option → a vote for that game (the one on now here).
    say(&v("1008", "grace"), "QPL3++");
    wait_for(20, "grace's ticker vote", || live_votes(env).len() == 2);
    assert_eq!(live_votes(env)[1], ("grace".into(), n.qpl3, "up".into()));
    // A later vote replaces the earlier one; with account ids, a renamed viewer is still
    // the same voter (shown by the first name).
    say(&alice, "!vote 4");
    wait_for(20, "alice's poll vote", || poll_votes(env) == [1, 2, 2, 1]);
    let renamed = if ids {
        Viewer::new("1001", "alice_renamed", "AliceRenamed")
    } else {
        alice.clone()
    };
    say(&renamed, "1");
    wait_for(20, "alice's changed vote", || {
        poll_votes(env) == [2, 2, 2, 0]
    });
    let voters: i64 =
        env.count("SELECT COUNT(*) FROM poll_votes WHERE lower(username) LIKE 'alice%'");
    assert_eq!(voters, 1);
    // TICKER-- of an option is still a downvote of that game.
    say(&v("1009", "ivan"), "fib4--");
    wait_for(20, "ivan's downvote", || live_votes(env).len() == 3);
    assert_eq!(live_votes(env)[2].2, "down");
    assert_eq!(poll_votes(env), [2, 2, 2, 0]);
}

pub(super) fn status(srv: &Server) -> Value {
    let r = srv.get("/api/chat/sources");
    assert_eq!(r.status, 200, "{}", r.text);
    r.json
}

pub(super) fn wait_state(srv: &Server, i: usize, state: &str) -> Value {
    let mut last = Value::Null;
    wait_for(30, &format!("source {i} {state}"), || {
        last = status(srv);
        last["sources"][i]["state"] == state
    });
    last["sources"][i].clone()
}

pub(super) fn twitch_server(fake: &FakeTwitch, extra: &[(&str, &str)], args: &[&str]) -> Server {
    let env = Env::new();
    Server::start_with(env, |c| {
        c.env("JACKBOX_TWITCH_IRC_URL", &fake.url)
            .env("JACKBOX_CHAT_RETRY_MS", "50");
        for (k, v) in extra {
            c.env(k, v);
        }
        c.args(args);
    })
}

#[test]
fn twitch_over_websocket_counts_by_the_rules() {
    let fake = FakeTwitch::start(Transport::Ws);
    let srv = twitch_server(&fake, &[], &["--twitch", "#Pajlada"]);
    let s = wait_state(&srv, 0, "connected");
    assert_eq!(s["platform"], "twitch");
    assert_eq!(s["channel"], "pajlada");
    assert_eq!(s["lastError"], Value::Null);
    // The anonymous login and the capabilities.
    let got = fake.received();
    assert_eq!(got[0], "CAP REQ :twitch.tv/tags twitch.tv/commands");
    let nick = got.iter().find_map(|l| l.strip_prefix("NICK ")).unwrap();
    assert!(nick.starts_with("justinfan") && nick[9..].bytes().all(|b| b.is_ascii_digit()));
    assert!(got.contains(&"JOIN #pajlada".to_string()));

    let n = night(&srv);
    // Messages of every captured shape: plain, emotes, a reply (its leading @mention is
    // not part of the vote), an action (/me), non-ASCII names, a USERNOTICE.
    let shapes = [
        "privmsg_plain",
        "privmsg_emotes",
        "privmsg_korean",
        "privmsg_cyrillic",
    ];
    let k = std::cell::Cell::new(0);
    rules(&srv.env, &n, true, &|who, text| {
        let i = k.get();
        k.set(i + 1);
        fake.say("pajlada", shapes[i % shapes.len()], who, text);
    });
    fake.send_channel(
        "pajlada",
        &super::fake_twitch::fixture("usernotice_resub").replace("#xqcow", "#pajlada"),
    );
    fake.say(
        "pajlada",
        "privmsg_reply",
        &Viewer::new("2001", "judy", "Judy"),
        "@Retoon 3",
    );
    fake.say(
        "pajlada",
        "privmsg_action",
        &Viewer::new("2002", "ken", "케이"),
        "2",
    );
    wait_for(20, "the reply and the action", || {
        poll_votes(&srv.env) == [2, 3, 3, 0]
    });
    // Shown by display name, non-ASCII included.
    assert_eq!(
        srv.env
            .count("SELECT COUNT(*) FROM poll_votes WHERE username = '케이'"),
        1
    );
    // One audit actor for the channel; the counters.
    let actors: Vec<String> = {
        let conn = srv.env.conn();
        let mut st = conn
            .prepare(
                "SELECT DISTINCT actor FROM audit_log WHERE action IN ('poll.vote', 'vote.live')",
            )
            .unwrap();
        let v = st
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        v
    };
    assert_eq!(actors, ["chat:twitch:pajlada"]);
    let s = status(&srv)["sources"][0].clone();
    assert_eq!(s["votesCounted"], 12, "{s}");
    assert_eq!(s["messagesSeen"], 15, "{s}");
}

/// A fast chat (the lines sent back to back, never waiting for a vote to be counted): every
/// vote is counted exactly once, and each viewer's poll vote is their last one even though
/// the source reads on while earlier votes are still being written.
#[test]
fn a_fast_chat_counts_every_vote_once_and_keeps_each_viewers_last_choice() {
    let fake = FakeTwitch::start(Transport::Ws);
    let srv = twitch_server(&fake, &[], &["--twitch", "pajlada"]);
    wait_state(&srv, 0, "connected");
    let n = night(&srv);
    let viewers = 60;
    let mut last = [0i64; 4];
    for i in 0..viewers {
        let who = Viewer::new(
            &(5000 + i).to_string(),
            &format!("fast{i}"),
            &format!("Fast{i}"),
        );
        let final_choice = 1 + i % 4;
        last[final_choice - 1] += 1;
        for text in [
            "thisgame++",
            "hello chat",
            "!vote 1",
            "2",
            "DRAW2++",
            &format!("!vote {final_choice}"),
        ] {
            fake.say("pajlada", "privmsg_plain", &who, text);
        }
    }
    wait_for(60, "every vote counted", || {
        status(&srv)["sources"][0]["votesCounted"] == viewers * 5
    });
    assert_eq!(poll_votes(&srv.env), last);
    let live = live_votes(&srv.env);
    assert_eq!(live.len(), viewers);
    assert!(live
        .iter()
        .all(|(_, game, kind)| *game == n.qpl3 && kind == "up"));
    let voters: std::collections::HashSet<&str> = live.iter().map(|v| v.0.as_str()).collect();
    assert_eq!(voters.len(), viewers);
    let s = status(&srv)["sources"][0].clone();
    assert_eq!(s["messagesSeen"], viewers * 6, "{s}");
    assert_eq!(s["votesCounted"], viewers * 5, "{s}");
}

#[test]
fn twitch_over_tcp_pings_reconnects_and_recovers_from_drops() {
    let fake = FakeTwitch::start(Transport::Tcp);
    let srv = twitch_server(&fake, &[], &["--twitch", "pajlada"]);
    wait_state(&srv, 0, "connected");
    let token = srv.token();
    let mut ws = Ws::ready(&srv, &token, None);
    // PING → PONG.
    fake.send_all(&super::fake_twitch::fixture("ping"));
    fake.wait(10, "PONG", |f| {
        f.received().iter().any(|l| l == "PONG :tmi.twitch.tv")
    });
    // RECONNECT → a new connection at once, joined again.
    assert_eq!(fake.connections(), 1);
    fake.send_all(&super::fake_twitch::fixture("reconnect"));
    fake.wait(10, "the reconnect", |f| {
        f.connections() == 2 && f.joined("pajlada") == 1
    });
    let ev = ws.recv(&srv);
    assert_eq!(ev["type"], "chat.disconnected", "{ev}");
    assert_eq!(ev["data"]["platform"], "twitch");
    assert_eq!(ev["data"]["channel"], "pajlada");
    assert!(ev["data"]["reason"].as_str().unwrap().contains("reconnect"));
    let ev = ws.recv(&srv);
    assert_eq!(ev["type"], "chat.connected", "{ev}");
    assert_eq!(
        ev["data"],
        json!({ "platform": "twitch", "channel": "pajlada" })
    );
    // The server drops: back with backoff.
    fake.drop_all();
    fake.wait(20, "a new connection", |f| {
        f.connections() == 3 && f.joined("pajlada") == 1
    });
    assert_eq!(ws.recv(&srv)["type"], "chat.disconnected");
    assert_eq!(ws.recv(&srv)["type"], "chat.connected");
    wait_state(&srv, 0, "connected");
    // Votes still count after all that.
    let n = night(&srv);
    fake.say(
        "pajlada",
        "privmsg_plain",
        &Viewer::new("1", "zed", "Zed"),
        "thisgame--",
    );
    wait_for(20, "the vote", || live_votes(&srv.env).len() == 1);
    assert_eq!(
        live_votes(&srv.env)[0],
        ("Zed".into(), n.qpl3, "down".into())
    );
}

#[test]
fn suspended_channel_and_unconfirmed_join_fail_clearly() {
    let fake = FakeTwitch::start(Transport::Ws);
    fake.suspend("gone");
    fake.silence("quiet");
    let srv = twitch_server(
        &fake,
        &[("JACKBOX_CHAT_JOIN_TIMEOUT_MS", "300")],
        &["--twitch", "gone,quiet"],
    );
    let s = wait_state(&srv, 0, "failed");
    assert_eq!(s["channel"], "gone");
    assert_eq!(
        s["lastError"],
        "msg_channel_suspended: This channel has been suspended."
    );
    let s = wait_state(&srv, 1, "failed");
    assert_eq!(s["channel"], "quiet");
    assert!(
        s["lastError"].as_str().unwrap().contains("not confirmed"),
        "{s}"
    );
    // A suspended channel is not retried; an unconfirmed join is.
    let before = fake.connections();
    wait_for(20, "a retry of the quiet channel", || {
        fake.connections() > before
    });
    let joins_gone = fake
        .received()
        .iter()
        .filter(|l| *l == "JOIN #gone")
        .count();
    assert_eq!(joins_gone, 1);
}

#[test]
fn sources_api_stores_the_list_and_a_restart_reconnects() {
    let fake = FakeTwitch::start(Transport::Ws);
    let mut srv = twitch_server(&fake, &[], &[]);
    assert_eq!(status(&srv), json!({ "sources": [] }));
    let body = json!({ "sources": [
        { "platform": "twitch", "channel": "Forsen" },
        { "platform": "twitch", "channel": "pajlada" } ] });
    let r = srv.request("PUT", "/api/chat/sources", Some(body.clone()), None);
    assert_eq!(r.status, 401, "{}", r.text);
    let token = srv.token();
    let r = srv.request(
        "PUT",
        "/api/chat/sources",
        Some(json!({ "sources": [{ "platform": "irc", "channel": "x" }] })),
        Some(&token),
    );
    r.assert_error(
        400,
        "Invalid chat source at index 0: platform must be twitch or youtube",
    );
    let r = srv.request(
        "PUT",
        "/api/chat/sources",
        Some(json!({ "sources": [{ "platform": "twitch", "channel": "no spaces" }] })),
        Some(&token),
    );
    assert_eq!(r.status, 400, "{}", r.text);
    let r = srv.request("PUT", "/api/chat/sources", Some(body), Some(&token));
    assert_eq!(r.status, 200, "{}", r.text);
    let chans: Vec<&str> = r.json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["channel"].as_str().unwrap())
        .collect();
    assert_eq!(chans, ["forsen", "pajlada"]);
    for s in r.json["sources"].as_array().unwrap() {
        let keys: Vec<&String> = s.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "platform",
                "channel",
                "state",
                "since",
                "messagesSeen",
                "votesCounted",
                "lastError"
            ]
        );
    }
    wait_state(&srv, 1, "connected");
    fake.wait(10, "both joined", |f| {
        f.joined("forsen") == 1 && f.joined("pajlada") == 1
    });
    // Removing one closes its connection, keeps the other.
    let r = srv.request(
        "PUT",
        "/api/chat/sources",
        Some(json!({ "sources": [{ "platform": "twitch", "channel": "pajlada" }] })),
        Some(&token),
    );
    assert_eq!(r.status, 200);
    fake.wait(10, "forsen left", |f| f.joined("forsen") == 0);
    assert_eq!(fake.joined("pajlada"), 1);
    let audit = srv
        .env
        .count("SELECT COUNT(*) FROM audit_log WHERE action = 'chat.sources'");
    assert_eq!(audit, 2);
    // A restart without --twitch reads the stored list; the CLI shows it.
    srv.terminate();
    let st = srv.env.run(&["chat", "status", "--json"]);
    assert_eq!(st.code, 0, "{}", st.stderr);
    assert_eq!(st.json()["sources"][0]["channel"], "pajlada");
    assert_eq!(st.json()["sources"][0]["state"], "stopped");
    let env = std::mem::replace(&mut srv.env, Env::new());
    drop(srv);
    let srv = Server::start_with(env, |c| {
        c.env("JACKBOX_TWITCH_IRC_URL", &fake.url);
    });
    wait_state(&srv, 0, "connected");
    let st = srv.env.run(&["chat", "status"]);
    assert!(
        st.stdout.contains("pajlada") && st.stdout.contains("connected"),
        "{}",
        st.stdout
    );
    // --twitch given at start replaces the stored list.
    let mut srv = srv;
    let env = std::mem::replace(&mut srv.env, Env::new());
    drop(srv);
    let srv = Server::start_with(env, |c| {
        c.env("JACKBOX_TWITCH_IRC_URL", &fake.url)
            .args(["--twitch", "xqcow"]);
    });
    let s = wait_state(&srv, 0, "connected");
    assert_eq!(s["channel"], "xqcow");
    assert_eq!(status(&srv)["sources"].as_array().unwrap().len(), 1);
}

/// A running `jackbox chat follow`, killed on drop.
struct Follower(std::process::Child);

impl Drop for Follower {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `jackbox chat follow ARGS` and waits until it reads the file (its `following`
/// line on stderr).
fn follow(env: &Env, args: &[&str]) -> Follower {
    use std::io::BufRead;
    let mut child = env
        .command()
        .args(["chat", "follow"])
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            let _ = tx.send(line);
        }
    });
    let follower = Follower(child);
    let line = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("chat follow did not start");
    assert!(line.starts_with("following "), "{line}");
    follower
}

/// A Chatterino log line at `t` (local = UTC here).
fn chatterino_line(t: &str, login: &str, text: &str) -> String {
    format!("[{t}] {login}: {text}\n")
}

#[test]
fn chat_follow_counts_a_growing_log_and_the_next_days_file() {
    let srv = Server::start();
    let env = &srv.env;
    let n = night(&srv);
    let dir = env.path("logs");
    std::fs::create_dir_all(&dir).unwrap();
    let today = chrono::Utc::now().date_naive();
    let path = dir.join(format!("mychannel-{today}.log"));
    // History before the command starts does not count.
    std::fs::write(
        &path,
        format!(
            "# Start logging at {today} 00:00:00 UTC\n{}",
            chatterino_line("00:00:01", "old", "thisgame++")
        ),
    )
    .unwrap();
    let _follower = follow(env, &[dir.to_str().unwrap()]);
    let file = std::cell::RefCell::new(path.clone());
    let say = |who: &Viewer, text: &str| {
        let now = chrono::Utc::now().format("%H:%M:%S").to_string();
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&*file.borrow())
            .unwrap();
        f.write_all(chatterino_line(&now, &who.login, text).as_bytes())
            .unwrap();
    };
    rules(env, &n, false, &say);
    assert!(!live_votes(env).iter().any(|v| v.0 == "old"));
    // The client starts the next day's file: the command moves on to it.
    let tomorrow = today.succ_opt().unwrap();
    let next = dir.join(format!("mychannel-{tomorrow}.log"));
    std::fs::write(
        &next,
        format!(
            "# Start logging at {tomorrow} 00:00:00 UTC\n{}",
            chatterino_line("00:00:02", "late", "!vote 3")
        ),
    )
    .unwrap();
    wait_for(20, "the next day's vote", || {
        poll_votes(env) == [2, 2, 3, 0]
    });
    let actor: String = env
        .conn()
        .query_row(
            "SELECT actor FROM audit_log WHERE action = 'poll.vote' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(actor, "chat:file:mychannel");
}

#[test]
fn chat_follow_bare_numbers_off_and_refusals() {
    let env = Env::new();
    env.init();
    // A JSON array log cannot be followed.
    let p = env.path("chat.json");
    std::fs::write(
        &p,
        "[{\"username\":\"a\",\"message\":\"b\",\"timestamp\":1}]",
    )
    .unwrap();
    let r = env.run(&["chat", "follow", p.to_str().unwrap()]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("chat follow reads logs written line by line"),
        "{}",
        r.stderr
    );
    let r = env.run(&["chat", "follow", "missing-2026-01-01.log"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    // Bare numbers off: `2` is chat, `!vote 1` still a vote.
    env.ok(&["session", "create"]);
    env.ok(&["game", "add", "Quiplash 3"]);
    env.ok(&["poll", "start", "Fibbage 4", "Drawful 2", "--no-deadline"]);
    let log = env.path("ch-2026-01-01.log");
    std::fs::write(&log, "# Start logging at 2026-01-01 00:00:00 UTC\n").unwrap();
    let _follower = follow(&env, &[log.to_str().unwrap(), "--no-bare-numbers"]);
    let mut f = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    f.write_all(b"[00:00:01] amy: 2\n[00:00:02] bea: !vote 1\n")
        .unwrap();
    wait_for(20, "bea's vote", || poll_votes(&env) == [1, 0, 0]);
}

fn youtube_server(fake: &FakeYouTube, key: &str) -> Server {
    Server::start_with(Env::new(), |c| {
        c.env("JACKBOX_YOUTUBE_API_URL", &fake.url)
            .env("JACKBOX_YOUTUBE_API_KEY", key)
            .env("JACKBOX_CHAT_RETRY_MS", "50")
            .args(["--youtube", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"]);
    })
}

#[test]
fn youtube_chat_counts_by_the_rules_and_ends_with_the_chat() {
    let fake = FakeYouTube::start();
    let srv = youtube_server(&fake, super::fake_youtube::KEY);
    let s = wait_state(&srv, 0, "connected");
    assert_eq!(s["platform"], "youtube");
    assert_eq!(s["channel"], "dQw4w9WgXcQ");
    let n = night(&srv);
    rules(&srv.env, &n, true, &|who, text| {
        fake.say(&format!("UC{}", who.id), &who.display, text)
    });
    // The first page (history) did not count; the super chat's "2" neither.
    assert!(!live_votes(&srv.env).iter().any(|v| v.0 == "history"));
    assert_eq!(
        srv.env
            .count("SELECT COUNT(*) FROM poll_votes WHERE username = 'Big Fan'"),
        0
    );
    // The page tokens are passed on; the audit actor names the video.
    let reqs = fake.requests();
    assert!(reqs[0].starts_with("/youtube/v3/videos?") && reqs[0].contains("id=dQw4w9WgXcQ"));
    assert!(
        reqs.iter().any(|r| r.contains("pageToken=page-2")),
        "{reqs:?}"
    );
    assert!(
        reqs[1].contains("liveChatId=Cg0KC2RRdzR3OVdnWGNR"),
        "{}",
        reqs[1]
    );
    let actor: String = srv
        .env
        .conn()
        .query_row(
            "SELECT actor FROM audit_log WHERE action = 'poll.vote' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(actor, "chat:youtube:dQw4w9WgXcQ");
    // The chat ends: the source fails with YouTube's reason and stops calling.
    fake.fail_with("error_live_chat_ended");
    let s = wait_state(&srv, 0, "failed");
    assert_eq!(
        s["lastError"],
        "liveChatEnded: The live chat is no longer live."
    );
}

#[test]
fn youtube_quota_and_bad_key_end_the_source() {
    let fake = FakeYouTube::start();
    fake.fail_with("error_quota");
    let srv = youtube_server(&fake, super::fake_youtube::KEY);
    let s = wait_state(&srv, 0, "failed");
    assert!(
        s["lastError"]
            .as_str()
            .unwrap()
            .starts_with("quotaExceeded: "),
        "{s}"
    );
    let fake = FakeYouTube::start();
    let srv = youtube_server(&fake, "wrong");
    let s = wait_state(&srv, 0, "failed");
    assert!(
        s["lastError"].as_str().unwrap().starts_with("keyInvalid: "),
        "{s}"
    );
}
