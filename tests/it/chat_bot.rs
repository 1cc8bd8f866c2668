//! The Twitch bot account (`serve --twitch-bot`, `docs/chat.md` "Replies in chat"), against
//! the fake Twitch server: its login, poll announcements and winners driven by the core's
//! events, `!game` with and without the room code, `!votes`, Twitch's `msg_ratelimit`, the
//! 20-per-30-s limiter under a burst (counts, not timings), a refused token, a bot without
//! a token.

use super::chat_live::{game_id, status, twitch_server, wait_for, wait_state};
use super::fake_twitch::{FakeTwitch, Transport, Viewer};
use super::util::Env;
use serde_json::json;

fn viewer(i: usize) -> Viewer {
    Viewer::new(
        &format!("{}", 3000 + i),
        &format!("viewer{i}"),
        &format!("Viewer{i}"),
    )
}

#[test]
fn bot_logs_in_announces_polls_and_answers_game_and_votes() {
    let fake = FakeTwitch::start(Transport::Ws);
    let srv = twitch_server(
        &fake,
        &[("JACKBOX_TWITCH_TOKEN", "oauth:t0ps3cr3t")],
        &["--twitch", "pajlada", "--twitch-bot", "JackboxBot"],
    );
    wait_state(&srv, 0, "connected");
    let got = fake.received();
    assert!(got.contains(&"PASS oauth:t0ps3cr3t".to_string()), "{got:?}");
    assert!(got.contains(&"NICK jackboxbot".to_string()), "{got:?}");
    assert!(!got.iter().any(|l| l.contains("justinfan")), "{got:?}");
    let said = |n: usize| {
        wait_for(20, &format!("{n} bot messages"), || {
            fake.said("pajlada").len() >= n
        });
        let all = fake.said("pajlada");
        assert_eq!(all.len(), n, "{all:?}");
        all[n - 1].clone()
    };

    // No session yet.
    fake.say("pajlada", "privmsg_plain", &viewer(1), "!game");
    assert_eq!(said(1), "@Viewer1 No game on right now.");

    let token = srv.token();
    let sid = srv.session(&token);
    let qpl3 = game_id(&srv.env, "Quiplash 3");
    let r = srv.post(
        &format!("/api/sessions/{sid}/games"),
        json!({ "game_id": qpl3, "room_code": "ABCD" }),
        Some(&token),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    fake.say("pajlada", "privmsg_emotes", &viewer(2), "!GAME");
    assert_eq!(
        said(2),
        "@Viewer2 Now playing: Quiplash 3 (The Jackbox Party Pack 7) — room code ABCD, join at \
         jackbox.tv"
    );

    // !votes: tonight's score (the session's totals) and all time (the catalog game).
    fake.say("pajlada", "privmsg_plain", &viewer(3), "thisgame++");
    wait_for(20, "the live vote", || {
        srv.env.count("SELECT COUNT(*) FROM live_votes") == 1
    });
    fake.say("pajlada", "privmsg_korean", &viewer(4), "!votes");
    let game = srv.get(&format!("/api/games/{qpl3}")).json;
    let all_time = game["popularity_score"].as_i64().unwrap();
    assert_eq!(
        said(3),
        format!(
            "@Viewer4 Quiplash 3: tonight +1 (1 up, 0 down) · all time {}{all_time} ({} up, {} \
             down)",
            if all_time > 0 { "+" } else { "" },
            game["upvotes"],
            game["downvotes"]
        )
    );

    // A poll opened in the console is announced, with its options, how to vote and the
    // time left; its end, with the winner.
    let ids = [
        game_id(&srv.env, "Fibbage 4"),
        game_id(&srv.env, "Drawful 2"),
    ];
    let r = srv.post(
        &format!("/api/sessions/{sid}/polls"),
        json!({ "gameIds": ids, "durationSeconds": 600 }),
        Some(&token),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    let text = said(4);
    assert!(
        text.starts_with(
            "Poll: what do we play next? 1) Fibbage 4 (FIB4++) · 2) Drawful 2 (DRAW2++) · 3) \
             Other — vote with !vote N, just N, or TICKER++ — closes in "
        ),
        "{text}"
    );
    assert!(
        text.ends_with(":00") || text.contains("closes in 9:5"),
        "{text}"
    );
    fake.say("pajlada", "privmsg_plain", &viewer(5), "DRAW2++");
    wait_for(20, "the poll vote", || {
        srv.env.count("SELECT COUNT(*) FROM poll_votes") == 1
    });
    let r = srv.post(
        &format!("/api/sessions/{sid}/polls/current/close"),
        json!({}),
        Some(&token),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(said(5), "Poll closed: Drawful 2 wins with 1 vote!");
    // Twitch says the bot sends too fast: nothing more for a whole window, so a question
    // asked now is not answered (it would be answered more than 10 s late).
    fake.send_channel(
        "pajlada",
        &super::fake_twitch::fixture("notice_ratelimit").replace("#randers00", "#pajlada"),
    );
    wait_for(20, "the notice read", || {
        srv.logs().contains("msg_ratelimit")
    });
    fake.say("pajlada", "privmsg_plain", &viewer(6), "!game");
    wait_for(20, "the answer dropped", || {
        srv.logs().contains("reply dropped")
    });
    assert_eq!(fake.said("pajlada").len(), 5);
    // The bot banned from talking: its messages are refused, the votes still count.
    fake.send_channel(
        "pajlada",
        &super::fake_twitch::fixture("notice_banned").replace("#forsen", "#pajlada"),
    );
    wait_for(20, "the refusal read", || {
        srv.logs().contains("message refused")
    });
    fake.say("pajlada", "privmsg_plain", &viewer(7), "thisgame++");
    wait_for(20, "a vote after the ban", || {
        srv.env.count("SELECT COUNT(*) FROM live_votes") == 2
    });
    assert_eq!(status(&srv)["sources"][0]["state"], "connected");
    // The token never reaches the logs.
    assert!(!srv.logs().contains("t0ps3cr3t"));
}

#[test]
fn a_burst_of_commands_stays_within_twitchs_limit_and_stale_announcements_are_dropped() {
    let fake = FakeTwitch::start(Transport::Tcp);
    let srv = twitch_server(
        &fake,
        &[("JACKBOX_TWITCH_TOKEN", "t0ps3cr3t")],
        &[
            "--twitch",
            "pajlada",
            "--twitch-bot",
            "jackboxbot",
            "--twitch-bot-room-code",
            "hidden",
        ],
    );
    wait_state(&srv, 0, "connected");
    // Without the oauth: prefix, it is added.
    assert!(fake
        .received()
        .contains(&"PASS oauth:t0ps3cr3t".to_string()));
    let token = srv.token();
    let sid = srv.session(&token);
    let qpl3 = game_id(&srv.env, "Quiplash 3");
    let r = srv.post(
        &format!("/api/sessions/{sid}/games"),
        json!({ "game_id": qpl3, "room_code": "ABCD" }),
        Some(&token),
    );
    assert_eq!(r.status, 201, "{}", r.text);

    // 30 viewers ask at once: 20 answers (the window's worth), the other 10 could not go
    // out within 10 s and are dropped, not sent late.
    for i in 0..30 {
        fake.say("pajlada", "privmsg_plain", &viewer(i), "!game");
    }
    let dropped = || srv.logs().matches("reply dropped").count();
    wait_for(30, "20 answers and 10 drops", || {
        fake.said("pajlada").len() == 20 && dropped() == 10
    });
    let said = fake.said("pajlada");
    // Room codes hidden: the game, never the code.
    for (i, text) in said.iter().enumerate() {
        assert_eq!(
            text,
            &format!("@Viewer{i} Now playing: Quiplash 3 (The Jackbox Party Pack 7)")
        );
    }
    // The window is full: a poll opened now waits; cancelled before its turn, its
    // announcement is dropped (never sent late).
    let ids = [
        game_id(&srv.env, "Fibbage 4"),
        game_id(&srv.env, "Drawful 2"),
    ];
    let r = srv.post(
        &format!("/api/sessions/{sid}/polls"),
        json!({ "gameIds": ids }),
        Some(&token),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    let r = srv.delete(&format!("/api/sessions/{sid}/polls/current"), Some(&token));
    assert_eq!(r.status, 200, "{}", r.text);
    wait_for(30, "the stale announcement dropped", || {
        srv.logs().contains("why=\"the poll closed\"") || srv.logs().contains("why=the poll closed")
    });
    assert_eq!(fake.said("pajlada").len(), 20);
}

#[test]
fn a_refused_token_fails_clearly_and_a_bot_without_token_does_not_start() {
    let fake = FakeTwitch::start(Transport::Ws);
    fake.refuse("oauth:expired");
    let srv = twitch_server(
        &fake,
        &[("JACKBOX_TWITCH_TOKEN", "oauth:expired")],
        &["--twitch", "pajlada", "--twitch-bot", "jackboxbot"],
    );
    let s = wait_state(&srv, 0, "failed");
    assert_eq!(
        s["lastError"],
        "Login authentication failed: Twitch refused the bot account jackboxbot (check \
         JACKBOX_TWITCH_TOKEN: an OAuth token of that account with the chat:read and \
         chat:edit scopes)"
    );
    // Not retried: a bad token does not fix itself.
    assert_eq!(
        fake.received()
            .iter()
            .filter(|l| l.starts_with("PASS"))
            .count(),
        1
    );
    assert_eq!(status(&srv)["sources"][0]["state"], "failed");
    assert!(!srv.logs().contains("expired"));

    let env = Env::new();
    let r = env.run(&[
        "serve",
        "--bind",
        "127.0.0.1:0",
        "--twitch-bot",
        "jackboxbot",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "error: --twitch-bot jackboxbot needs the account's OAuth token in \
             JACKBOX_TWITCH_TOKEN"
        ),
        "{}",
        r.stderr
    );
}
