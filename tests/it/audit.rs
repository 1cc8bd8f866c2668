//! The audit log (`admins.md`): one row per write from either face, in the write's
//! transaction, with the actor (admin name or `cli:<user>`), read over HTTP and the CLI,
//! never holding a secret, and pruned.

use super::server::Server;
use super::util::Env;
use serde_json::{json, Value};

fn rows(env: &Env) -> i64 {
    env.count("SELECT COUNT(*) FROM audit_log")
}

fn audit(srv: &Server, token: &str, query: &str) -> Vec<Value> {
    let r = srv.get_auth(&format!("/api/audit{query}"), token);
    assert_eq!(r.status, 200, "{}", r.text);
    r.json.as_array().unwrap().clone()
}

fn actions(entries: &[Value]) -> Vec<&str> {
    entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect()
}

#[test]
fn a_co_host_sees_their_name_on_their_writes() {
    let srv = Server::start();
    let key = srv.env.json(&["auth", "admin", "add", "alice"])["key"]
        .as_str()
        .unwrap()
        .to_string();
    let r = srv.post("/api/auth/login", json!({ "key": key }), None);
    assert_eq!(r.json["name"], "alice");
    let alice = r.json["token"].as_str().unwrap().to_string();
    let sid = srv.session(&alice);
    let sgid = srv.add_game(&alice, sid, 1);
    let base = format!("/api/sessions/{sid}/games/{sgid}");
    assert_eq!(
        srv.patch(
            &format!("{base}/status"),
            json!({ "status": "skipped" }),
            Some(&alice)
        )
        .status,
        200
    );
    assert_eq!(
        srv.patch(
            &format!("{base}/player-count"),
            json!({ "player_count": 6 }),
            Some(&alice)
        )
        .status,
        200
    );
    // The legacy key's admin is `admin`.
    let admin = srv.token();
    assert_eq!(
        srv.patch(
            "/api/games/1/favor",
            json!({ "favor_bias": 1 }),
            Some(&admin)
        )
        .status,
        200
    );

    let all = audit(&srv, &admin, "");
    assert_eq!(
        actions(&all),
        [
            "catalog.favor",
            "game.player-count",
            "game.status",
            "game.add",
            "session.create",
            "admin.add"
        ]
    );
    let ids: Vec<i64> = all.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
    assert_eq!(all[0]["actor"], "admin");
    for e in &all[1..5] {
        assert_eq!(e["actor"], "alice", "{e}");
        assert!(e["at"].as_str().unwrap().ends_with('Z'));
    }
    assert!(all[5]["actor"].as_str().unwrap().starts_with("cli:"));
    assert_eq!(all[4]["target"], format!("session:{sid}"));
    assert_eq!(all[3]["target"], format!("session_game:{sgid}"));
    assert_eq!(all[3]["detail"]["game_id"], 1);
    assert_eq!(all[2]["detail"]["status"], "skipped");
    assert_eq!(all[1]["detail"]["player_count"], 6);
    assert_eq!(all[0]["target"], "game:1");
    assert!(!serde_json::to_string(&all).unwrap().contains(&key));

    // Filters and paging.
    let mine = audit(&srv, &admin, "?actor=alice");
    assert_eq!(mine.len(), 4);
    assert_eq!(
        actions(&audit(&srv, &admin, "?action=game")),
        ["game.player-count", "game.status", "game.add"]
    );
    assert_eq!(
        actions(&audit(&srv, &admin, "?action=game.add")),
        ["game.add"]
    );
    let one = audit(&srv, &admin, "?limit=1");
    assert_eq!(actions(&one), ["catalog.favor"]);
    let next = audit(&srv, &admin, &format!("?limit=2&before={}", one[0]["id"]));
    assert_eq!(actions(&next), ["game.player-count", "game.status"]);
    for q in [
        "?limit=0",
        "?limit=x",
        "?limit=1001",
        "?before=0",
        "?before=-1",
    ] {
        let r = srv.get_auth(&format!("/api/audit{q}"), &admin);
        assert_eq!(r.status, 400, "{q}: {}", r.text);
    }
    srv.get("/api/audit")
        .assert_error(401, "Access token required");

    // The CLI reads the same rows, in the same shape.
    let cli = srv.env.json(&["audit", "--actor", "alice"]);
    assert_eq!(cli, Value::Array(mine));
    let cli = srv.env.json(&["audit", "--action", "game", "--limit", "1"]);
    assert_eq!(actions(cli.as_array().unwrap()), ["game.player-count"]);
    let table = srv.env.ok(&["audit"]);
    assert!(
        table.contains("alice") && table.contains("session.create"),
        "{table}"
    );
    let r = srv.env.run(&["audit", "--limit", "0"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
}

#[test]
fn cli_writes_name_the_os_user_or_jackbox_actor() {
    let env = Env::new();
    let out = env
        .command()
        .args(["session", "create"])
        .env("USER", "sam")
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = env
        .command()
        .args(["session", "close"])
        .env("USER", "sam")
        .env("JACKBOX_ACTOR", "stream-bot")
        .output()
        .unwrap();
    assert!(out.status.success());
    let log = env.json(&["audit"]);
    let got: Vec<(&str, &str)> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["actor"].as_str().unwrap(), e["action"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("stream-bot", "session.close"),
            ("cli:sam", "session.create")
        ]
    );
    // Without USER the process owner is named.
    env.ok(&["session", "create"]);
    let last = &env.json(&["audit", "--limit", "1"])[0];
    let actor = last["actor"].as_str().unwrap();
    assert!(actor.starts_with("cli:") && actor.len() > 4, "{actor}");
}

/// Runs `f` and asserts it added exactly one audit row, with `action`.
fn one_row(env: &Env, action: &str, f: impl FnOnce()) {
    let before = rows(env);
    f();
    assert_eq!(rows(env), before + 1, "{action}: one row");
    let got: String = env
        .conn()
        .query_row(
            "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(got, action);
}

#[test]
fn every_http_write_records_one_row_and_failures_none() {
    let srv = Server::start();
    let t = srv.token();
    let env = &srv.env;
    let ok = |method: &str, path: &str, body: Option<Value>, want: u16| {
        let r = srv.request(method, path, body, Some(&t));
        assert_eq!(r.status, want, "{method} {path}: {}", r.text);
        r
    };
    let mut sid = 0;
    one_row(env, "session.create", || {
        sid = ok("POST", "/api/sessions", Some(json!({})), 201).json["id"]
            .as_i64()
            .unwrap()
    });
    let mut sgid = 0;
    one_row(env, "game.add", || {
        sgid = ok(
            "POST",
            &format!("/api/sessions/{sid}/games"),
            Some(json!({ "game_id": 1 })),
            201,
        )
        .json["id"]
            .as_i64()
            .unwrap()
    });
    let g = format!("/api/sessions/{sid}/games/{sgid}");
    one_row(env, "game.status", || {
        ok(
            "PATCH",
            &format!("{g}/status"),
            Some(json!({ "status": "playing" })),
            200,
        );
    });
    one_row(env, "game.room-code", || {
        ok(
            "PATCH",
            &format!("{g}/room-code"),
            Some(json!({ "room_code": "ABCD" })),
            200,
        );
    });
    one_row(env, "game.player-count", || {
        ok(
            "PATCH",
            &format!("{g}/player-count"),
            Some(json!({ "player_count": 3 })),
            200,
        );
    });
    one_row(env, "monitor.start", || {
        ok("POST", &format!("{g}/start-player-check"), None, 200);
    });
    one_row(env, "monitor.stop", || {
        ok("POST", &format!("{g}/stop-player-check"), None, 200);
    });
    one_row(env, "vote.live", || {
        ok(
            "POST",
            "/api/votes/live",
            Some(json!({ "username": "u", "vote": "up", "timestamp": jackbox::time::now() })),
            200,
        );
    });
    let chat =
        json!([{ "username": "v", "message": "thisgame++", "timestamp": "2020-01-01T00:00:00Z" }]);
    one_row(env, "chat.import", || {
        ok(
            "POST",
            &format!("/api/sessions/{sid}/chat-import"),
            Some(json!({ "chatData": chat })),
            200,
        );
    });
    one_row(env, "game.remove", || {
        ok("DELETE", &g, None, 200);
    });
    one_row(env, "session.close", || {
        ok(
            "POST",
            &format!("/api/sessions/{sid}/close"),
            Some(json!({})),
            200,
        );
    });
    one_row(env, "session.delete", || {
        ok("DELETE", &format!("/api/sessions/{sid}"), None, 200);
    });
    let mut gid = 0;
    let game = json!({ "pack_name": "P", "title": "T", "min_players": 1, "max_players": 4 });
    one_row(env, "catalog.add", || {
        gid = ok("POST", "/api/games", Some(game.clone()), 201).json["id"]
            .as_i64()
            .unwrap()
    });
    one_row(env, "catalog.edit", || {
        ok(
            "PUT",
            &format!("/api/games/{gid}"),
            Some(json!({ "title": "T2" })),
            200,
        );
    });
    one_row(env, "catalog.enable", || {
        ok("PATCH", &format!("/api/games/{gid}/toggle"), None, 200);
    });
    one_row(env, "catalog.favor", || {
        ok(
            "PATCH",
            &format!("/api/games/{gid}/favor"),
            Some(json!({ "favor_bias": -1 })),
            200,
        );
    });
    one_row(env, "pack.enable", || {
        ok(
            "PATCH",
            "/api/games/packs/P/toggle",
            Some(json!({ "enabled": false })),
            200,
        );
    });
    one_row(env, "pack.favor", || {
        ok(
            "PATCH",
            "/api/games/packs/P/favor",
            Some(json!({ "favor_bias": 1 })),
            200,
        );
    });
    one_row(env, "catalog.remove", || {
        ok("DELETE", &format!("/api/games/{gid}"), None, 200);
    });
    let csv = "pack_name,title,min_players,max_players,length_minutes,has_audience,family_friendly,game_type,secondary_type,app_tag,enabled,favor_bias\nQ,Q1,2,8,15,0,1,Trivia,,,1,0\n";
    one_row(env, "catalog.import", || {
        ok(
            "POST",
            "/api/games/import/csv",
            Some(json!({ "csvData": csv, "mode": "append" })),
            200,
        );
    });
    let mut wid = 0;
    let hook = json!({ "name": "h", "url": "http://127.0.0.1:9/hook", "secret": "s3cret-hook", "events": ["game.added"] });
    one_row(env, "webhook.create", || {
        wid = ok("POST", "/api/webhooks", Some(hook.clone()), 201).json["id"]
            .as_i64()
            .unwrap()
    });
    one_row(env, "webhook.edit", || {
        ok(
            "PATCH",
            &format!("/api/webhooks/{wid}"),
            Some(json!({ "enabled": false })),
            200,
        );
    });
    one_row(env, "webhook.test", || {
        ok("POST", &format!("/api/webhooks/test/{wid}"), None, 200);
    });
    one_row(env, "webhook.delete", || {
        ok("DELETE", &format!("/api/webhooks/{wid}"), None, 200);
    });
    let mut tid = 0;
    one_row(env, "token.mint", || {
        tid = ok(
            "POST",
            "/api/auth/tokens",
            Some(json!({ "name": "o" })),
            201,
        )
        .json["id"]
            .as_i64()
            .unwrap()
    });
    one_row(env, "token.revoke", || {
        ok("DELETE", &format!("/api/auth/tokens/{tid}"), None, 200);
    });

    // A refused write records nothing (same transaction).
    let before = rows(env);
    ok("POST", "/api/sessions", Some(json!({})), 201);
    ok("POST", "/api/sessions", Some(json!({})), 400);
    ok(
        "PATCH",
        "/api/games/999999/favor",
        Some(json!({ "favor_bias": 1 })),
        404,
    );
    srv.post("/api/sessions/1/close", json!({}), None);
    assert_eq!(rows(env), before + 1);
    // Reads record nothing.
    srv.get("/api/sessions");
    srv.get_auth("/api/webhooks", &t);
    assert_eq!(rows(env), before + 1);
}

#[test]
fn cli_writes_record_one_row_each() {
    let env = Env::new();
    one_row(&env, "session.create", || {
        env.ok(&["session", "create"]);
    });
    one_row(&env, "game.add", || {
        env.ok(&["game", "add", "1"]);
    });
    let sgid = env.count("SELECT MAX(id) FROM session_games").to_string();
    one_row(&env, "game.status", || {
        env.ok(&["game", "status", &sgid, "played"]);
    });
    one_row(&env, "game.room-code", || {
        env.ok(&["game", "room-code", &sgid, "WXYZ"]);
    });
    one_row(&env, "game.player-count", || {
        env.ok(&["game", "player-count", &sgid, "4"]);
    });
    one_row(&env, "game.add", || {
        env.ok(&["pick", "--add", "--seed", "1"]);
    });
    one_row(&env, "catalog.enable", || {
        env.ok(&["catalog", "disable", "2"]);
    });
    one_row(&env, "catalog.favor", || {
        env.ok(&["catalog", "favor", "2", "1"]);
    });
    one_row(&env, "auth.set-key", || {
        env.ok(&["auth", "set-key", "--key", "a-legacy-key-0123456789"]);
    });
    one_row(&env, "token.mint", || {
        env.ok(&["auth", "token", "--viewer", "--name", "x"]);
    });
    one_row(&env, "admin.add", || {
        env.ok(&["auth", "admin", "add", "kim"]);
    });
    one_row(&env, "admin.rotate", || {
        env.ok(&["auth", "admin", "rotate", "kim"]);
    });
    one_row(&env, "admin.remove", || {
        env.ok(&["auth", "admin", "remove", "kim"]);
    });
    one_row(&env, "session.close", || {
        env.ok(&["session", "close"]);
    });
    // Refused: nothing recorded.
    let before = rows(&env);
    env.run(&["session", "close"]);
    env.run(&["game", "status", "999", "played"]);
    assert_eq!(rows(&env), before);
}

#[test]
fn no_secret_reaches_a_row() {
    let srv = Server::start();
    let t = srv.token();
    let url = "https://hooks.example.com/api/webhooks/123/tok-SECRETPATH?key=QSECRET";
    let r = srv.post(
        "/api/webhooks",
        json!({ "name": "discord", "url": url, "secret": "whsec-SECRET1", "events": ["game.added"] }),
        Some(&t),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    let wid = r.json["id"].as_i64().unwrap();
    srv.patch(
        &format!("/api/webhooks/{wid}"),
        json!({ "secret": "whsec-SECRET2" }),
        Some(&t),
    );
    let minted = srv.post(
        "/api/auth/tokens",
        json!({ "name": "bot", "role": "admin" }),
        Some(&t),
    );
    let token = minted.json["token"].as_str().unwrap().to_string();
    let r = srv.env.run_stdin(
        &["auth", "admin", "add", "lee", "--key-stdin"],
        b"lee-SECRET-key-0123456789",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    srv.env.ok(&["auth", "admin", "rotate", "lee"]);
    srv.env
        .ok(&["auth", "set-key", "--key", "legacy-SECRET-0123456789"]);

    let dump: Vec<String> = srv
        .env
        .conn()
        .prepare("SELECT actor || ' ' || action || ' ' || COALESCE(target, '') || ' ' || detail FROM audit_log")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let dump = dump.join("\n");
    for secret in ["SECRET", &token[..], &t[..]] {
        assert!(!dump.contains(secret), "{secret} in\n{dump}");
    }
    assert!(dump.contains("https://hooks.example.com"), "{dump}");
    assert!(dump.contains("\"secretChanged\":true"), "{dump}");
}

#[test]
fn old_rows_and_dead_tokens_are_pruned_at_start() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    {
        let c = env.conn();
        c.execute_batch(
            "INSERT INTO audit_log (at, actor, action, detail)
                 VALUES ('2020-01-01T00:00:00.000Z', 'old', 'session.create', '{}');
             INSERT INTO audit_log (at, actor, action, detail)
                 VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-40 days'), 'mid', 'session.create', '{}');
             INSERT INTO api_tokens (name, role, created_by, created_at, expires_at, revoked_at)
                 VALUES ('gone', 'viewer', 'x', '2020-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z',
                         strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-31 days'));
             INSERT INTO api_tokens (name, role, created_by, created_at, expires_at, revoked_at)
                 VALUES ('recent', 'viewer', 'x', '2020-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z',
                         strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-3 days'));
             INSERT INTO api_tokens (name, role, created_by, created_at, expires_at)
                 VALUES ('expired', 'viewer', 'x', '2020-01-01T00:00:00.000Z', '2020-02-01T00:00:00.000Z');",
        )
        .unwrap();
    }
    let srv = Server::start_with(env, |c| {
        c.args(["--audit-retention-days", "30"]);
    });
    let actors: Vec<String> = srv
        .env
        .conn()
        .prepare("SELECT actor FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(actors.len(), 1, "{actors:?}");
    assert!(actors[0].starts_with("cli:"));
    let names: Vec<String> = srv
        .env
        .conn()
        .prepare("SELECT name FROM api_tokens")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(names, ["recent"]);
}
