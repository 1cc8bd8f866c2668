//! Issue 23 in a real browser: what a host sees on a game night — errors that clear, fields
//! that keep to their object, confirmations, the 360 px layout, the overlay's vote bar,
//! History's pages and day headers, the monitor's real state, the poll countdown and the
//! winner, the first-run screen. `#[ignore]`d like `browser.rs` (they need Chromium).

use crate::browser::{js, log_in, WAIT};
use crate::cdp::{Browser, Page};
use crate::server::Server;
use serde_json::json;

fn game_id(srv: &Server, title: &str) -> i64 {
    srv.env.count(&format!(
        "SELECT id FROM games WHERE title = '{title}' ORDER BY id LIMIT 1"
    ))
}

/// A closed night named `notes`; returns its id.
fn closed_night(srv: &Server, token: &str, notes: &str) -> i64 {
    let r = srv.post("/api/sessions", json!({ "notes": notes }), Some(token));
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.json["id"].as_i64().unwrap();
    let c = srv.post(&format!("/api/sessions/{id}/close"), json!({}), Some(token));
    assert_eq!(c.status, 200, "{}", c.text);
    id
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn errors_clear_when_the_work_they_were_about_next_succeeds() {
    let srv = Server::start();
    let admin = srv.token();
    srv.session(&admin);
    let browser = Browser::start();
    let page = browser.page(1280, 900);
    log_in(&page, &srv);
    page.wait_for("document.querySelector('#add-by-code')", WAIT);
    page.type_into("#add-by-code input[name=room_code]", "AB");
    page.click_button("#add-by-code", "Add by room code");
    page.wait_for(
        "document.querySelector('#add-by-code output.err')?.innerText.startsWith('Invalid room code')",
        WAIT,
    );
    // The game is added another way: the error about adding it is gone.
    page.type_into("#add-by-title input[name=title]", "Fibbage 4");
    page.click_button("#add-by-title", "+ Add game");
    page.wait_for(
        "document.querySelector('#now-title')?.innerText === 'Fibbage 4'",
        WAIT,
    );
    page.wait_for(
        "document.querySelector('#add-by-code output.err').innerText === ''",
        WAIT,
    );
    page.assert_clean_but(&srv.base, |p| p.contains("400"));
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn each_field_keeps_to_its_object() {
    let srv = Server::start();
    let admin = srv.token();
    let browser = Browser::start();
    let page = browser.page(1280, 900);
    log_in(&page, &srv);
    // The opening notes name the night; they do not reappear as closing notes.
    page.type_into("#now-col input[name=notes]", "Friday game night");
    page.click_button("#now-col", "Start a session");
    page.wait_for(
        "document.querySelector('#night').innerText === 'Friday game night'",
        WAIT,
    );
    page.wait_for("document.querySelector('#add-by-code')", WAIT);
    assert_eq!(
        page.eval(
            "[...document.querySelectorAll('#now-col input[name=notes]')].map((i) => i.value)"
        ),
        json!([""])
    );

    // A room code typed for one game does not move into the next game's box.
    let sid = srv.get("/api/sessions/active").json["id"].as_i64().unwrap();
    srv.add_game(&admin, sid, game_id(&srv, "Fibbage 4"));
    page.wait_for(
        "document.querySelector('#now-title')?.innerText === 'Fibbage 4'",
        WAIT,
    );
    page.type_into("#now-card input[name=room_code]", "WXYZ");
    srv.add_game(&admin, sid, game_id(&srv, "Drawful 2"));
    page.wait_for(
        "document.querySelector('#now-title')?.innerText === 'Drawful 2'",
        WAIT,
    );
    assert_eq!(
        page.eval("document.querySelector('#now-card input[name=room_code]').value"),
        json!("")
    );

    // Closing notes do not replace the night's name in History.
    page.type_into("#session-close input[name=notes]", "great night");
    page.click_button("#session-close", "Close session");
    page.wait_for(
        "document.querySelector('#night').innerText === 'No game night running'",
        WAIT,
    );
    page.click("#tab-history");
    page.wait_for(
        "document.querySelector('#history summary')?.innerText.includes('Friday game night')",
        WAIT,
    );
    let notes = srv.get(&format!("/api/sessions/{sid}")).json["notes"].clone();
    assert_eq!(notes, json!("Friday game night — great night"));
    page.assert_clean(&srv.base);
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn the_overlay_shows_no_vote_split_before_the_first_vote() {
    let srv = Server::start();
    let admin = srv.token();
    let sid = srv.session(&admin);
    srv.add_game(&admin, sid, 1);
    let viewer = srv.viewer_token(&admin, "obs");
    let browser = Browser::start();
    let overlay = browser.page(1920, 1080);
    overlay.goto(&srv.url(&format!("/overlay?token={viewer}&show=game,votes")));
    overlay.wait_for("!document.querySelector('#card').hidden", WAIT);
    let track = "getComputedStyle(document.querySelector('#votes .track')).backgroundColor";
    let red = "getComputedStyle(document.querySelector('#down')).color";
    let bar = "document.querySelector('#upbar').style.width";
    assert_eq!(overlay.eval(bar), json!("0%"));
    assert_ne!(
        overlay.eval(track),
        overlay.eval(red),
        "a red half at 0 votes"
    );
    // The first vote fills the bar.
    let r = srv.post(
        "/api/votes/live",
        json!({ "username": "ann", "vote": "up", "timestamp": jackbox::time::now() }),
        Some(&admin),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    overlay.wait_for(&format!("{bar} === '100%'"), WAIT);
    assert_eq!(overlay.eval(track), overlay.eval(red));
    overlay.assert_clean(&srv.base);
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn deleting_a_night_asks_for_it_by_name_and_closed_nights_are_read_only() {
    let srv = Server::start();
    let admin = srv.token();
    let old = closed_night(&srv, &admin, "Old night");
    let browser = Browser::start();
    let page = browser.page(1280, 900);
    log_in(&page, &srv);
    page.click("#tab-history");
    page.wait_for(
        "document.querySelector('#history summary')?.innerText.includes('Old night')",
        WAIT,
    );
    // Marked closed, read-only (no controls but export and delete).
    assert!(page.text("#history summary").contains("closed"));
    page.click("#history summary");
    page.wait_for(
        "document.querySelector('#history .read-only')?.innerText.includes('read-only') && document.querySelector('#history .history-games').dataset.loaded",
        WAIT,
    );
    // The first tap only asks, naming the night.
    page.click_button("#history", "Delete…");
    page.wait_for(
        "document.querySelector('#history .confirm')?.innerText.includes('Delete “Old night”')",
        WAIT,
    );
    assert_eq!(srv.get(&format!("/api/sessions/{old}")).status, 200);
    page.click_button("#history", "Delete “Old night”");
    page.wait_for(
        "document.querySelector('#history')?.innerText.includes('No sessions yet')",
        WAIT,
    );
    assert_eq!(srv.get(&format!("/api/sessions/{old}")).status, 404);
    page.assert_clean(&srv.base);
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn no_tab_scrolls_sideways_at_360_px_and_every_tab_is_reachable() {
    let srv = Server::start();
    let admin = srv.token();
    closed_night(
        &srv,
        &admin,
        "A night with a long name that goes on and on and on and on",
    );
    let sid = srv.session(&admin);
    srv.add_game(&admin, sid, 1);
    let browser = Browser::start();
    let page = browser.page(360, 740);
    page.size(360, 740, true);
    log_in(&page, &srv);
    for tab in [
        "tonight", "pick", "poll", "history", "catalog", "stats", "settings",
    ] {
        let sel = format!("#tab-{tab}");
        let rect = page.eval(&format!(
            "(() => {{ const r = document.querySelector({}).getBoundingClientRect(); return [r.left, r.right, r.width]; }})()",
            js(&sel)
        ));
        let (left, right) = (rect[0].as_f64().unwrap(), rect[1].as_f64().unwrap());
        assert!(
            left >= 0.0 && right <= 360.0 && rect[2].as_f64().unwrap() > 0.0,
            "{tab}'s tab is off screen: {rect}"
        );
        page.click(&sel);
        page.wait_for(
            &format!("document.querySelector('#panel-{tab}').childElementCount > 0 && !document.querySelector('#panel-{tab}').hidden"),
            WAIT,
        );
        if tab == "settings" {
            page.wait_for("document.querySelector('#token-mint')", WAIT);
            page.click_button("#token-mint", "Mint token");
            page.wait_for("document.querySelector('#overlay-url')?.value", WAIT);
        }
        if tab == "history" {
            page.click("#history summary");
            page.wait_for(
                "document.querySelector('#history .history-games').dataset.loaded",
                WAIT,
            );
        }
        let width =
            page.eval("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        assert!(
            width.as_f64().unwrap() <= 360.0,
            "the {tab} tab is {width} px wide at 360 px"
        );
    }
    page.assert_clean(&srv.base);
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn history_pages_groups_by_day_and_selects_closed_nights() {
    let srv = Server::start();
    let admin = srv.token();
    let t = Some(admin.as_str());
    // 24 closed nights over two days, the oldest with one game, a poll and a room code.
    let mut ids = Vec::new();
    for i in 0..24 {
        ids.push(closed_night(&srv, &admin, &format!("Night {i:02}")));
    }
    let conn = srv.env.conn();
    for (i, id) in ids.iter().enumerate() {
        let day = if i < 12 { "2026-11-20" } else { "2026-11-21" };
        conn.execute(
            "UPDATE sessions SET created_at = ?1, closed_at = ?1 WHERE id = ?2",
            rusqlite::params![format!("{day}T20:{i:02}:00.000Z"), id],
        )
        .unwrap();
    }
    drop(conn);
    let live = srv.session(&admin);
    let sg = srv.post(
        &format!("/api/sessions/{live}/games"),
        json!({ "game_id": game_id(&srv, "Fibbage 4"), "room_code": "QRST" }),
        t,
    );
    assert_eq!(sg.status, 201, "{}", sg.text);
    let sgid = sg.json["id"].as_i64().unwrap();
    assert_eq!(
        srv.patch(
            &format!("/api/sessions/{live}/games/{sgid}/player-count"),
            json!({ "player_count": 5 }),
            t
        )
        .status,
        200
    );
    let poll = srv.post(
        &format!("/api/sessions/{live}/polls"),
        json!({ "gameIds": [1, 2] }),
        t,
    );
    assert_eq!(poll.status, 201, "{}", poll.text);
    let v = srv.post(
        &format!("/api/sessions/{live}/polls/current/votes"),
        json!({ "username": "ann", "choice": "1" }),
        t,
    );
    assert_eq!(v.status, 200, "{}", v.text);
    assert_eq!(
        srv.post(
            &format!("/api/sessions/{live}/polls/current/close"),
            json!({}),
            t
        )
        .status,
        200
    );
    let browser = Browser::start();
    let page = browser.page(1280, 900);
    log_in(&page, &srv);
    page.click("#tab-history");
    page.wait_for("document.querySelector('#history-size')", WAIT);
    page.eval("(() => { const s = document.querySelector('#history-size'); s.value = '10'; s.dispatchEvent(new Event('change')); })()");
    page.wait_for(
        "document.querySelector('#history-count')?.innerText === '10 visible (25 total)'",
        WAIT,
    );
    // The newest first: the active night, then the 21st's nights under one header.
    let first = page.text("#history .day-header");
    assert!(!first.contains("continued"), "{first}");
    assert!(page.text("#history summary").contains("1 game"));
    assert!(!page.text("#history summary").contains("1 games"));
    // Page 2 starts in the middle of the 21st: its header says so.
    page.click_button("#history-pager", "Next");
    page.wait_for(
        "document.querySelector('#history-pager')?.innerText.includes('Page 2 of 3')",
        WAIT,
    );
    page.wait_for(
        "document.querySelector('#history .day-header')?.innerText.endsWith('(continued)')",
        WAIT,
    );
    let headers = page.eval("[...document.querySelectorAll('#history .day-header')].length");
    assert_eq!(headers, json!(2), "the 21st and the 20th");
    // "Show 10" is remembered for this admin (a new page load).
    page.goto("about:blank");
    page.goto(&srv.url("/#history"));
    page.wait_for(
        "document.querySelector('#history-count')?.innerText === '10 visible (25 total)'",
        WAIT,
    );
    // Two closed nights ticked and deleted together, after naming them.
    page.click("#history li.night input.select");
    page.wait_for("document.querySelector('#history-bulk')", WAIT);
    page.eval("document.querySelectorAll('#history li.night input.select')[1].click()");
    page.wait_for(
        "document.querySelector('#history-bulk')?.innerText.includes('2 nights selected')",
        WAIT,
    );
    page.click_button("#history-bulk", "Delete selected…");
    page.wait_for(
        "document.querySelector('#history-bulk')?.innerText.includes('Night 23')",
        WAIT,
    );
    page.click_button("#history-bulk", "Delete 2 nights");
    page.wait_for(
        "document.querySelector('#history-count')?.innerText === '10 visible (23 total)'",
        WAIT,
    );
    assert_eq!(srv.get(&format!("/api/sessions/{}", ids[23])).status, 404);
    // The opened active night: room code, players, votes and the poll's result.
    page.click_button("#history-pager", "Prev");
    page.wait_for(
        "document.querySelector('#history-pager')?.innerText.includes('Page 1 of 3')",
        WAIT,
    );
    page.click("#history summary");
    page.wait_for(
        "document.querySelector('#history .night-games')?.innerText.includes('QRST')",
        WAIT,
    );
    let opened = page.text("#history details[open]");
    assert!(opened.contains("5 / "), "{opened}");
    assert!(opened.contains("winner:"), "{opened}");
    assert!(opened.contains("1 vote"), "{opened}");
    page.assert_clean(&srv.base);
}

/// A daemon whose room monitor talks to `fake` and waits `backoff_ms` between look-ups.
fn server_backoff(fake: &crate::fake_ecast::FakeEcast, backoff_ms: &str) -> Server {
    Server::start_with(crate::util::Env::new(), |c| {
        c.env("JACKBOX_ECAST_URL", &fake.url)
            .env("JACKBOX_MONITOR_PROBE_MS", "250")
            .env("JACKBOX_MONITOR_HEARTBEAT_MS", "250")
            .env("JACKBOX_MONITOR_BACKOFF_MS", backoff_ms)
            .env("JACKBOX_MONITOR_BACKOFF_CAP_MS", backoff_ms);
    })
}

/// Records every text `selector` shows from now on in `window.seen`.
fn record_texts(page: &Page, selector: &str) {
    page.eval(&format!(
        "(() => {{ window.seen = []; const note = () => {{ const e = document.querySelector({s}); const t = e ? e.innerText : null; if (t && window.seen[window.seen.length - 1] !== t) window.seen.push(t); }}; new MutationObserver(note).observe(document.body, {{ subtree: true, childList: true, characterData: true }}); note(); }})()",
        s = js(selector)
    ));
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn console_and_overlay_show_the_monitors_real_state_lobby_play_and_after() {
    let fake = crate::fake_ecast::FakeEcast::start();
    fake.room("STAT", "quiplash3");
    fake.fail_lookups(2, 503);
    let srv = server_backoff(&fake, "2500");
    let admin = srv.token();
    let sid = srv.session(&admin);
    let viewer = srv.viewer_token(&admin, "obs");
    let browser = Browser::start();
    let page = browser.page(1280, 900);
    log_in(&page, &srv);
    let overlay = browser.page(1920, 1080);
    overlay.goto(&srv.url(&format!("/overlay?token={viewer}&show=game,room,players")));
    overlay.wait_for("document.documentElement.dataset.live === 'live'", WAIT);
    record_texts(&page, "#now-monitor");
    let quiplash = srv
        .env
        .count("SELECT id FROM games WHERE app_tag = 'quiplash3'");
    let r = srv.post(
        &format!("/api/sessions/{sid}/games"),
        json!({ "game_id": quiplash, "room_code": "STAT" }),
        Some(&admin),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    // The lobby server fails twice: the console says so, with the attempt and the wait (the
    // reason goes once the third look-up connects, which a slow poll of the page may see first).
    page.wait_for(
        "window.seen.some((t) => /^retrying \\(\\d+, next in \\d+ s\\)$/.test(t)) && (document.querySelector('#now-monitor-reason') || document.querySelector('#now-monitor')?.innerText.startsWith('connected'))",
        WAIT,
    );
    assert!(
        page.text("#now-monitor-reason").contains("503")
            || page.text("#now-monitor").starts_with("connected")
    );
    assert_eq!(
        overlay.eval("document.querySelector('#slots').hidden && document.querySelector('#card').dataset.phase !== 'lobby'"),
        json!(true),
        "no lobby on the overlay before the lobby answered"
    );
    page.wait_for(
        "document.querySelector('#now-monitor')?.innerText.startsWith('connected: lobby')",
        WAIT,
    );
    let seen = page.eval("window.seen");
    let seen: Vec<String> = serde_json::from_value(seen).unwrap();
    let first_lobby = seen.iter().position(|t| t.contains("lobby")).unwrap();
    assert!(
        seen[..first_lobby]
            .iter()
            .all(|t| t.starts_with("looking up") || t.starts_with("retrying")),
        "{seen:?}"
    );
    assert!(
        !seen.iter().any(|t| t.contains("waiting in lobby")),
        "{seen:?}"
    );

    // The overlay: the call to join and the slots filling.
    overlay.wait_for(
        "document.querySelector('#card').dataset.phase === 'lobby' && document.querySelector('#roomlabel').textContent.includes('jackbox.tv')",
        WAIT,
    );
    assert_eq!(overlay.text("#code"), "STAT");
    fake.join("STAT", "alice");
    fake.join("STAT", "bob");
    overlay.wait_for(
        "document.querySelector('#slots').dataset.filled === '2' && document.querySelectorAll('#slots span').length === 8",
        WAIT,
    );
    // In play: the code gets small; after the game: game over, no code.
    fake.lock("STAT");
    page.wait_for(
        "document.querySelector('#now-monitor')?.innerText === 'in play'",
        WAIT,
    );
    overlay.wait_for(
        "document.querySelector('#card').dataset.phase === 'play' && document.querySelector('#room').classList.contains('small') && document.querySelector('#slots').hidden",
        WAIT,
    );
    fake.exit("STAT");
    page.wait_for(
        "document.querySelector('#now-monitor')?.innerText === 'ended'",
        WAIT,
    );
    overlay.wait_for(
        "document.querySelector('#card').dataset.phase === 'after' && document.querySelector('#room').hidden && document.querySelector('#phase').innerText.toLowerCase() === 'game over'",
        WAIT,
    );
    page.assert_clean(&srv.base);
    overlay.assert_clean(&srv.base);
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn a_monitor_that_gives_up_says_why() {
    let fake = crate::fake_ecast::FakeEcast::start();
    let srv = server_backoff(&fake, "50");
    let admin = srv.token();
    let sid = srv.session(&admin);
    let browser = Browser::start();
    let page = browser.page(1280, 900);
    log_in(&page, &srv);
    // A room the lobby server does not know.
    let r = srv.post(
        &format!("/api/sessions/{sid}/games"),
        json!({ "game_id": 1, "room_code": "NOPE" }),
        Some(&admin),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    let (text, _) = page.wait_for(
        "(() => { const t = document.querySelector('#now-monitor')?.innerText || ''; return t.startsWith('failed: ') && t.length > 'failed: '.length + 3 ? t : null; })()",
        WAIT,
    );
    assert!(!text.as_str().unwrap().contains("no reason"), "{text}");
    assert!(page.text("#now-players").starts_with("Players – /"));
    page.assert_clean(&srv.base);
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn a_poll_counts_down_in_the_console_and_the_overlay_then_announces_the_winner() {
    let srv = Server::start();
    let admin = srv.token();
    let sid = srv.session(&admin);
    srv.add_game(&admin, sid, 1);
    let viewer = srv.viewer_token(&admin, "obs");
    let browser = Browser::start();
    let page = browser.page(1280, 900);
    log_in(&page, &srv);
    let r = srv.post(
        &format!("/api/sessions/{sid}/polls"),
        json!({ "gameIds": [2, 3], "durationSeconds": null }),
        Some(&admin),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    let winner = r.json["options"][1]["label"].as_str().unwrap().to_string();
    let overlay = browser.page(1920, 1080);
    overlay.goto(&srv.url(&format!("/overlay?token={viewer}&show=poll,next")));
    overlay.wait_for("document.querySelectorAll('#options li').length >= 2", WAIT);
    // A stopwatch while it is open.
    page.wait_for(
        "document.querySelector('#tonight-poll .poll-clock')?.innerText.startsWith('open 0:0')",
        WAIT,
    );
    assert!(!page.text("#tonight-poll .poll-clock").contains("ends in"));
    let v = srv.post(
        &format!("/api/sessions/{sid}/polls/current/votes"),
        json!({ "username": "ann", "choice": "2" }),
        Some(&admin),
    );
    assert_eq!(v.status, 200, "{}", v.text);
    page.wait_for(
        "document.querySelector('#tonight-poll .bars li:nth-child(2)')?.dataset.votes === '1'",
        WAIT,
    );
    // A countdown, cancelled, then one that runs out.
    page.type_into("#tonight-poll form.countdown input[name=delay]", "120");
    page.click_button("#tonight-poll", "End after countdown");
    page.wait_for(
        "/ends in [12]:\\d\\d/.test(document.querySelector('#tonight-poll .poll-clock')?.innerText)",
        WAIT,
    );
    overlay.wait_for(
        "/ends in [12]:\\d\\d/.test(document.querySelector('#countdown')?.innerText)",
        WAIT,
    );
    page.click_button("#tonight-poll", "Cancel countdown");
    overlay.wait_for("document.querySelector('#countdown').hidden", WAIT);
    page.wait_for(
        "document.querySelector('#tonight-poll form.countdown')",
        WAIT,
    );
    page.type_into("#tonight-poll form.countdown input[name=delay]", "2");
    page.click_button("#tonight-poll", "End after countdown");
    overlay.wait_for(
        "document.querySelector('#countdown')?.innerText.includes('ends in 0:0')",
        WAIT,
    );
    // The winner is announced on the overlay, then the card goes on to "Up next".
    overlay.wait_for(
        &format!(
            "!document.querySelector('#winner').hidden && document.querySelector('#winnertitle').innerText === {}",
            js(&winner)
        ),
        WAIT,
    );
    assert_eq!(overlay.text("#winnervotes"), "1 vote");
    overlay.wait_for(
        &format!(
            "document.querySelector('#winner').hidden && !document.querySelector('#next').hidden && document.querySelector('#nexttitle').innerText === {}",
            js(&winner)
        ),
        WAIT,
    );
    // The console asks the host to use it or not.
    page.wait_for(
        &format!(
            "document.querySelector('#next-title')?.innerText.startsWith({})",
            js(&winner)
        ),
        WAIT,
    );
    page.click_button("#now-col", "Dismiss");
    page.wait_for("!document.querySelector('#next-title')", WAIT);
    page.assert_clean(&srv.base);
    overlay.assert_clean(&srv.base);
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn closing_a_night_can_be_undone_for_a_short_time() {
    let srv = Server::start();
    let admin = srv.token();
    let r = srv.post(
        "/api/sessions",
        json!({ "notes": "Quiz night" }),
        Some(&admin),
    );
    let sid = r.json["id"].as_i64().unwrap();
    let browser = Browser::start();
    let page = browser.page(1280, 900);
    log_in(&page, &srv);
    page.wait_for("document.querySelector('#session-close')", WAIT);
    page.click_button("#session-close", "Close session");
    page.wait_for(
        "document.querySelector('#undo-close')?.innerText.includes('“Quiz night” is closed')",
        WAIT,
    );
    assert_eq!(srv.get("/api/sessions/active").json["id"], json!(null));
    page.click_button("#undo-close", "Undo");
    page.wait_for(
        "document.querySelector('#night').innerText === 'Quiz night'",
        WAIT,
    );
    assert_eq!(srv.get("/api/sessions/active").json["id"], json!(sid));
    page.assert_clean(&srv.base);
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn first_run_creates_the_first_admin_from_this_machine_and_shows_its_key_once() {
    let srv = Server::start_with(crate::util::Env::new(), |c| {
        c.env_remove("JACKBOX_ADMIN_KEY");
    });
    let browser = Browser::start();
    let page = browser.page(1280, 900);
    page.goto(&srv.url("/"));
    page.wait_for("document.querySelector('#setup-form')", WAIT);
    assert_eq!(
        page.eval("document.querySelector('#login').hidden"),
        json!(true)
    );
    page.type_into("#setup-form input[name=name]", "alice");
    page.click_button("#setup-form", "Create admin");
    let (key, _) = page.wait_for("document.querySelector('#setup-key')?.value", WAIT);
    let key = key.as_str().unwrap().to_string();
    page.click_button("#setup", "Continue");
    page.wait_for(
        "document.body.classList.contains('is-admin') && document.querySelector('#who').innerText === 'alice'",
        WAIT,
    );
    // The key works, and it is not shown again.
    let login = srv.post("/api/auth/login", json!({ "key": key }), None);
    assert_eq!(login.status, 200, "{}", login.text);
    page.goto("about:blank");
    page.goto(&srv.url("/"));
    page.wait_for("document.querySelector('#who').innerText === 'alice'", WAIT);
    assert_eq!(
        page.eval("!!document.querySelector('#setup')"),
        json!(false)
    );
    page.assert_clean(&srv.base);
}

#[test]
#[ignore = "needs Chromium: cargo test --test it browser -- --ignored"]
fn the_pick_tab_marks_the_games_played_tonight() {
    let srv = Server::start();
    let admin = srv.token();
    let sid = srv.session(&admin);
    let fibbage = game_id(&srv, "Fibbage 4");
    srv.add_game(&admin, sid, fibbage);
    let browser = Browser::start();
    let page = browser.page(1280, 900);
    log_in(&page, &srv);
    page.click("#tab-pick");
    page.wait_for(
        "document.querySelector('#played-list')?.innerText.includes('Fibbage 4')",
        WAIT,
    );
    assert!(page.text("#played-list").contains("1×"));
    // A game added elsewhere shows up without a reload.
    srv.add_game(&admin, sid, game_id(&srv, "Drawful 2"));
    page.wait_for(
        "document.querySelector('#played-list')?.innerText.includes('Drawful 2')",
        WAIT,
    );
    page.assert_clean(&srv.base);
}
