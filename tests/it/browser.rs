//! The console and the overlay in a real browser (headless Chromium via `cdp.rs`) against a
//! real daemon on port 0. Any JS error, console error, failed request or request to another
//! host fails a test.
//!
//! They need Chromium, so they are `#[ignore]`d: a plain `cargo test` lists them as ignored.
//! Run them with `cargo test --test it browser -- --ignored` (`.ci/run` does).

use crate::cdp::{Browser, Page};
use crate::fake_ecast::FakeEcast;
use crate::server::{Server, ADMIN_KEY};
use crate::util::Env;
use serde_json::json;
use std::time::{Duration, Instant};

pub(crate) const WAIT: Duration = Duration::from_secs(10);

/// A server whose room monitor talks to `fake`, with short monitor timings.
pub(crate) fn server_with(fake: &FakeEcast) -> Server {
    Server::start_with(Env::new(), |c| {
        c.env("JACKBOX_ECAST_URL", &fake.url)
            .env("JACKBOX_MONITOR_PROBE_MS", "250")
            .env("JACKBOX_MONITOR_HEARTBEAT_MS", "250")
            .env("JACKBOX_MONITOR_BACKOFF_MS", "50")
            .env("JACKBOX_MONITOR_BACKOFF_CAP_MS", "200");
    })
}

pub(crate) fn js(s: &str) -> String {
    json!(s).to_string()
}

/// Logs in on the console with the keyboard (type the key, press Enter).
pub(crate) fn log_in(page: &Page, srv: &Server) {
    page.goto(&srv.url("/"));
    page.wait_for("document.querySelector('#login-key')", WAIT);
    page.type_into("#login-key", ADMIN_KEY);
    page.press("Enter");
    page.wait_for("document.body.classList.contains('is-admin')", WAIT);
    page.wait_for(
        "document.querySelector('#live').dataset.state === 'live'",
        WAIT,
    );
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn console_logs_in_creates_a_session_and_adds_a_game_by_room_code() {
    let fake = FakeEcast::start();
    fake.room("WXYZ", "quiplash3");
    let srv = server_with(&fake);
    let quiplash = srv
        .env
        .count("SELECT id FROM games WHERE app_tag = 'quiplash3'");
    let title = srv.get(&format!("/api/games/{quiplash}")).json["title"]
        .as_str()
        .unwrap()
        .to_string();
    let browser = Browser::start();
    let page = browser.page(1280, 900);
    // Public reads before login: no session yet.
    page.goto(&srv.url("/"));
    page.wait_for(
        "document.querySelector('#night').innerText === 'No game night running'",
        WAIT,
    );
    log_in(&page, &srv);

    // Create the session.
    page.type_into("#now-col input[name=notes]", "Friday game night");
    page.click_button("#now-col", "Start a session");
    page.wait_for(
        "document.querySelector('#night').innerText === 'Friday game night'",
        WAIT,
    );
    assert_eq!(
        srv.get("/api/sessions/active").json["notes"],
        "Friday game night"
    );

    // Add a game by its room code: the game is detected from the room.
    page.type_into("#add-by-code input[name=room_code]", "wxyz");
    page.click_button("#add-by-code", "Add by room code");
    page.wait_for(
        &format!(
            "document.querySelector('#now-title')?.innerText === {}",
            js(&title)
        ),
        WAIT,
    );
    assert_eq!(page.text("#now-code"), "WXYZ");
    assert!(page.text("#tonight-list").contains(&title));

    // The lobby fills live: the room monitor's events reach the page over the WebSocket.
    page.wait_for(
        "document.querySelector('#now-monitor')?.innerText.startsWith('connected: lobby')",
        WAIT,
    );
    fake.join("WXYZ", "alice");
    fake.join("WXYZ", "bob");
    page.wait_for(
        "document.querySelector('#now-players')?.innerText.startsWith('Players 2 / 8')",
        WAIT,
    );

    // A change made elsewhere (the CLI, another process) shows up without a reload.
    let sgid = srv.get("/api/sessions/active").json["id"].as_i64().unwrap();
    let sg = srv.get(&format!("/api/sessions/{sgid}/games")).json[0]["id"]
        .as_i64()
        .unwrap();
    let r = srv.env.run(&["game", "status", &sg.to_string(), "played"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    page.wait_for(
        "document.querySelector('#now-card')?.innerText.includes('Nothing playing yet')",
        WAIT,
    );

    // An API error appears next to the control that caused it.
    page.type_into("#add-by-code input[name=room_code]", "AB");
    page.click_button("#add-by-code", "Add by room code");
    page.wait_for(
        "document.querySelector('#add-by-code output.err')?.innerText === 'Invalid room code. Must be exactly 4 characters (A-Z, 0-9)'",
        WAIT,
    );
    // That 400 is the one failed request this test provoked.
    let provoked = |p: &str| {
        p.contains("400 (Bad Request)") || (p.starts_with("HTTP 400") && p.contains("/games"))
    };
    page.assert_clean_but(&srv.base, provoked);
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn overlay_shows_a_game_added_by_the_cli_within_a_second() {
    let srv = Server::start();
    let admin = srv.token();
    let minted = srv.post(
        "/api/auth/tokens",
        json!({ "name": "obs overlay", "role": "viewer", "expiresIn": "1d" }),
        Some(&admin),
    );
    assert_eq!(minted.status, 201, "{}", minted.text);
    let token = minted.json["token"].as_str().unwrap().to_string();
    let browser = Browser::start();
    let page = browser.page(1920, 1080);
    page.goto(&srv.url(&format!(
        "/overlay?token={token}&show=game,room,players,votes&corner=br&scale=1.2"
    )));
    page.wait_for("document.documentElement.dataset.live === 'live'", WAIT);
    // No session: the card is hidden.
    assert_eq!(
        page.eval("document.querySelector('#card').hidden"),
        json!(true)
    );

    // Another process (the CLI) starts a session and adds a game with a room code.
    assert_eq!(
        srv.env
            .run(&["session", "create", "--notes", "stream"])
            .code,
        0
    );
    let r = srv.env.run(&["game", "add", "1", "--room-code", "QRST"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let added = Instant::now();
    let title = srv.get("/api/games/1").json["title"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, _) = page.wait_for(
        &format!(
            "document.querySelector('#card').dataset.game === {}",
            js(&title)
        ),
        WAIT,
    );
    let took = added.elapsed();
    assert!(took <= Duration::from_secs(1), "the overlay took {took:?}");
    page.wait_for("!document.querySelector('#card').hidden", WAIT);
    assert_eq!(page.text("#code"), "QRST");
    assert!(
        page.text("#players").ends_with("players"),
        "{}",
        page.text("#players")
    );
    assert_eq!(
        page.eval("document.documentElement.dataset.corner"),
        json!("br")
    );

    // Closing the session hides the card.
    assert_eq!(srv.env.run(&["session", "close"]).code, 0);
    page.wait_for("document.querySelector('#card').hidden", WAIT);
    page.assert_clean(&srv.base);
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn console_mints_a_viewer_token_whose_overlay_url_works_and_shows_presence_and_audit() {
    let srv = Server::start();
    let admin = srv.token();
    let sid = srv.session(&admin);
    srv.add_game(&admin, sid, 1);
    let browser = Browser::start();
    let page = browser.page(1280, 900);
    log_in(&page, &srv);
    page.click("#tab-settings");
    // Everything on the tab has loaded (nothing moves under the mouse any more).
    page.wait_for(
        "document.querySelector('#token-mint') && document.querySelector('#audit table') && document.querySelector('#webhook-add')",
        WAIT,
    );
    page.click_button("#token-mint", "Mint token");
    let (url, _) = page.wait_for("document.querySelector('#overlay-url')?.value", WAIT);
    let url = url.as_str().unwrap().to_string();
    assert!(
        url.starts_with(&format!("{}/overlay?token=eyJ", srv.base)),
        "{url}"
    );
    // Presence lists this console on its tab; the audit log has the mint.
    page.wait_for(
        "document.querySelector('#presence-list')?.innerText.includes('admin on settings')",
        WAIT,
    );
    page.wait_for(
        "document.querySelector('#audit table')?.innerText.includes('token.mint')",
        WAIT,
    );
    let listed = srv.get_auth("/api/auth/tokens", &admin);
    assert_eq!(listed.json[0]["role"], "viewer");
    page.assert_clean(&srv.base);

    // The URL, as pasted into OBS: live with the viewer token, showing the game on now.
    let overlay = browser.page(1920, 1080);
    overlay.goto(&url);
    overlay.wait_for("document.documentElement.dataset.live === 'live'", WAIT);
    let title = srv.get("/api/games/1").json["title"]
        .as_str()
        .unwrap()
        .to_string();
    overlay.wait_for(
        &format!(
            "document.querySelector('#card').dataset.game === {}",
            js(&title)
        ),
        WAIT,
    );
    overlay.assert_clean(&srv.base);
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn poll_bars_move_in_the_console_and_the_overlay() {
    let srv = Server::start();
    let admin = srv.token();
    let sid = srv.session(&admin);
    srv.add_game(&admin, sid, 1);
    let viewer = srv.viewer_token(&admin, "obs overlay");
    let browser = Browser::start();
    let console = browser.page(1280, 900);
    log_in(&console, &srv);
    console.click("#tab-poll");
    console.wait_for("document.querySelector('#poll-start')", WAIT);
    console.click_button("#poll-start", "Start poll");
    // Three games drawn by the picker, and "Other".
    console.wait_for(
        "document.querySelectorAll('#poll-open .bars li').length === 4",
        WAIT,
    );
    let overlay = browser.page(1920, 1080);
    overlay.goto(&srv.url(&format!("/overlay?token={viewer}&show=poll")));
    overlay.wait_for(
        "document.querySelectorAll('#options li').length === 4",
        WAIT,
    );
    let bar = "document.querySelector('#poll-open .bars li .bar').style.width";
    assert_eq!(console.eval(bar), json!("0%"));

    // Votes from elsewhere (a chat bot over the API): the bars move on both pages.
    let votes = format!("/api/sessions/{sid}/polls/current/votes");
    for (user, choice) in [("ann", "1"), ("ben", "1"), ("cat", "2")] {
        let r = srv.post(
            &votes,
            json!({ "username": user, "choice": choice }),
            Some(&admin),
        );
        assert_eq!(r.status, 200, "{}", r.text);
    }
    console.wait_for(&format!("{bar} === '67%'"), WAIT);
    console.wait_for(
        "document.querySelector('#poll-open .bars li:nth-child(2)').dataset.votes === '1'",
        WAIT,
    );
    overlay.wait_for(
        "document.querySelector('#options li .count').innerText === '2' && document.querySelector('#options li .fill').style.width.startsWith('66.6')",
        WAIT,
    );

    // Closing it in the console lines the winner up.
    let winner = srv.get(&format!("/api/sessions/{sid}/polls/current")).json["options"][0]["label"]
        .as_str()
        .unwrap()
        .to_string();
    console.click_button("#poll-open", "Close poll");
    console.click("#tab-tonight");
    console.wait_for(
        &format!(
            "document.querySelector('#next-title')?.innerText.startsWith({})",
            js(&winner)
        ),
        WAIT,
    );
    overlay.wait_for("document.querySelector('#card').hidden", WAIT);
    console.assert_clean(&srv.base);
    overlay.assert_clean(&srv.base);
}

/// The screenshots of `docs/` (console at laptop and phone widths, the overlay over a game
/// scene). Written to `$JACKBOX_SCREENSHOTS_DIR` when set (`docs/screenshots.sh` sets it to
/// `docs/img`), else to a temporary folder: either way they must render.
#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn screenshots() {
    let tmp = tempfile::tempdir().unwrap();
    let out = std::env::var_os("JACKBOX_SCREENSHOTS_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&out).unwrap();
    let fake = FakeEcast::start();
    fake.room("PLAY", "quiplash3");
    let srv = server_with(&fake);
    let admin = srv.token();
    let t = Some(admin.as_str());
    let id_of = |title: &str| {
        srv.env.count(&format!(
            "SELECT id FROM games WHERE title = '{title}' ORDER BY id LIMIT 1"
        ))
    };
    let r = srv.post("/api/sessions", json!({ "notes": "Friday game night" }), t);
    let sid = r.json["id"].as_i64().unwrap();
    let games = format!("/api/sessions/{sid}/games");
    let vote = |user: &str, kind: &str| {
        let r = srv.post(
            "/api/votes/live",
            json!({ "username": user, "vote": kind, "timestamp": jackbox::time::now() }),
            t,
        );
        assert_eq!(r.status, 200, "{}", r.text);
    };
    for (title, ups, downs) in [("Fibbage 4", 7, 1), ("Drawful 2", 3, 2), ("Job Job", 0, 0)] {
        let sg = srv.post(&games, json!({ "game_id": id_of(title) }), t);
        assert_eq!(sg.status, 201, "{}", sg.text);
        for i in 0..ups {
            vote(&format!("{title} fan{i}"), "up");
        }
        for i in 0..downs {
            vote(&format!("{title} critic{i}"), "down");
        }
        if title == "Job Job" {
            let path = format!("{games}/{}/status", sg.json["id"]);
            assert_eq!(
                srv.patch(&path, json!({ "status": "skipped" }), t).status,
                200
            );
        }
    }
    let now = srv.post(&games, json!({ "room_code": "PLAY" }), t);
    assert_eq!(now.status, 201, "{}", now.text);
    for i in 0..12 {
        vote(&format!("viewer{i}"), if i == 5 { "down" } else { "up" });
    }
    let browser = Browser::start();
    let page = browser.page(1280, 860);
    log_in(&page, &srv);
    page.wait_for(
        "document.querySelector('#now-monitor')?.innerText.startsWith('connected: lobby')",
        WAIT,
    );
    for name in ["ALICE", "BOB", "CHLOE", "DEV", "EMMA", "FINN"] {
        fake.join("PLAY", name);
    }
    page.wait_for(
        "document.querySelector('#now-players')?.innerText.startsWith('Players 6 / 8')",
        WAIT,
    );
    page.eval("document.activeElement.blur()");
    page.screenshot(&out.join("console-laptop.png"), false);

    page.size(390, 844, true);
    page.call(
        "Emulation.setEmulatedMedia",
        json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] }),
    );
    page.screenshot(&out.join("console-phone.png"), false);
    page.assert_clean(&srv.base);

    let minted = srv.post(
        "/api/auth/tokens",
        json!({ "name": "obs overlay", "role": "viewer" }),
        t,
    );
    let viewer = minted.json["token"].as_str().unwrap();
    let overlay = browser.page(1920, 1080);
    overlay.goto(&srv.url(&format!(
        "/overlay?token={viewer}&show=game,room,players,votes&corner=tr"
    )));
    overlay.wait_for(
        "!document.querySelector('#card').hidden && document.querySelector('#players').innerText === '6/8 players'",
        WAIT,
    );
    // OBS puts the page over the game; here a made-up game scene stands in for it.
    let scene = std::fs::read(crate::util::repo().join("docs/img/game-scene.svg")).unwrap();
    use base64::Engine;
    let data = base64::engine::general_purpose::STANDARD.encode(scene);
    overlay.eval(&format!(
        "(async () => {{ const url = 'data:image/svg+xml;base64,{data}'; const img = new Image(); img.src = url; await img.decode(); document.documentElement.style.background = `url(${{url}}) 0 0 / 100vw 100vh no-repeat`; await new Promise((r) => setTimeout(r, 600)); }})()"
    ));
    overlay.screenshot(&out.join("overlay.png"), false);
    overlay.assert_clean(&srv.base);

    for name in ["console-laptop.png", "console-phone.png", "overlay.png"] {
        let png = std::fs::read(out.join(name)).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name} is not a PNG");
        assert!(png.len() > 10_000, "{name} is suspiciously small");
    }
}

/// The live chat loop end to end: Settings → Chat shows the Twitch channel's dot connected;
/// a poll opened in the console; viewers' `!vote 1`, `1` and `TICKER++` typed into the fake
/// Twitch chat move the bars in the console and the overlay.
#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn chat_votes_move_the_poll_bars_in_the_console_and_the_overlay() {
    use crate::fake_twitch::{FakeTwitch, Transport, Viewer};
    let fake = FakeTwitch::start(Transport::Ws);
    let srv = Server::start_with(Env::new(), |c| {
        c.env("JACKBOX_TWITCH_IRC_URL", &fake.url)
            .args(["--twitch", "pajlada"]);
    });
    let admin = srv.token();
    let sid = srv.session(&admin);
    srv.add_game(&admin, sid, 1);
    let viewer = srv.viewer_token(&admin, "obs overlay");
    let browser = Browser::start();
    let console = browser.page(1280, 900);
    log_in(&console, &srv);
    console.click("#tab-settings");
    console.wait_for(
        "document.querySelector('#chat .dot[data-state=\"connected\"]') !== null",
        WAIT,
    );
    console.click("#tab-poll");
    console.wait_for("document.querySelector('#poll-start')", WAIT);
    console.click_button("#poll-start", "Start poll");
    console.wait_for(
        "document.querySelectorAll('#poll-open .bars li').length === 4",
        WAIT,
    );
    let overlay = browser.page(1920, 1080);
    overlay.goto(&srv.url(&format!("/overlay?token={viewer}&show=poll")));
    overlay.wait_for(
        "document.querySelectorAll('#options li').length === 4",
        WAIT,
    );
    let poll = srv.get(&format!("/api/sessions/{sid}/polls/current")).json;
    let second = match poll["options"][1]["ticker"].as_str() {
        Some(t) => format!("{t}++"),
        None => "!vote 2".to_string(),
    };
    let who = |id: &str, name: &str| Viewer::new(id, name, name);
    fake.say("pajlada", "privmsg_plain", &who("11", "ann"), "!vote 1");
    fake.say("pajlada", "privmsg_emotes", &who("12", "ben"), "1");
    fake.say("pajlada", "privmsg_korean", &who("13", "cat"), &second);
    let bar = "document.querySelector('#poll-open .bars li .bar').style.width";
    console.wait_for(&format!("{bar} === '67%'"), WAIT);
    console.wait_for(
        "document.querySelector('#poll-open .bars li:nth-child(2)').dataset.votes === '1'",
        WAIT,
    );
    overlay.wait_for(
        "document.querySelector('#options li .count').innerText === '2' && document.querySelector('#options li .fill').style.width.startsWith('66.6')",
        WAIT,
    );
    console.assert_clean(&srv.base);
    overlay.assert_clean(&srv.base);
}
