//! Issue 26 point 3: keys name their admin (`jbx_<id>_<secret>`), so a login hashes once;
//! keys made before ids keep working; a flood of wrong logins never holds up public reads.
//! (That one attempt costs one hash whatever the number of admins is counted in
//! `core::auth`'s unit tests, where the PBKDF2 evaluations can be counted.)

use super::server::{Reply, Server};
use super::util::Env;
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The public id of a generated key, after checking its whole shape.
fn id_of(key: &str) -> String {
    let rest = key.strip_prefix("jbx_").unwrap_or_else(|| panic!("{key}"));
    let (id, secret) = rest.split_at(8);
    let secret = secret.strip_prefix('_').unwrap_or_else(|| panic!("{key}"));
    assert!(
        id.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
        "{key}"
    );
    assert_eq!(secret.len(), 40, "{key}");
    assert!(secret.bytes().all(|b| b.is_ascii_alphanumeric()), "{key}");
    id.to_string()
}

fn add(env: &Env, name: &str) -> String {
    let v = env.json(&["auth", "admin", "add", name]);
    v["key"].as_str().expect("generated key").to_string()
}

fn login(srv: &Server, key: &str) -> Reply {
    srv.post("/api/auth/login", json!({ "key": key }), None)
}

fn stored_id(env: &Env, name: &str) -> Option<String> {
    env.conn()
        .query_row("SELECT key_id FROM admins WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .unwrap()
}

/// A server with no legacy key in the environment (the database's admins only).
fn start_without_env_key(env: Env) -> Server {
    Server::start_with(env, |c| {
        c.env_remove("JACKBOX_ADMIN_KEY");
    })
}

#[test]
fn generated_keys_carry_an_id_that_names_their_admin() {
    let env = Env::new();
    let alice = add(&env, "alice");
    let bob = add(&env, "bob");
    assert_ne!(id_of(&alice), id_of(&bob));
    assert_eq!(stored_id(&env, "alice"), Some(id_of(&alice)));
    assert_eq!(stored_id(&env, "bob"), Some(id_of(&bob)));
    // The legacy key, generated: printed once, with an id of its own.
    let set = env.json(&["auth", "set-key", "--generate"]);
    let legacy = set["key"].as_str().unwrap().to_string();
    assert_eq!(set["message"], "Admin key set");
    let legacy_id: String = env
        .conn()
        .query_row(
            "SELECT value FROM settings WHERE key = 'admin_key_id'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(legacy_id, id_of(&legacy));
    // A chosen key shaped like a generated one keeps its id, unless another key has it.
    let taken = format!("jbx_{}_{}", id_of(&alice), "x".repeat(20));
    let r = env.run_stdin(
        &["auth", "admin", "add", "carol", "--key-stdin"],
        taken.as_bytes(),
    );
    assert_ne!(r.code, 0);
    assert_eq!(
        r.stderr.lines().next().unwrap(),
        format!(
            "error: Admin key id {} is already in use: choose another key, or let jackbox generate one",
            id_of(&alice)
        )
    );
    let chosen = format!("jbx_carol123_{}", "y".repeat(20));
    let r = env.run_stdin(
        &["auth", "admin", "add", "carol", "--key-stdin"],
        chosen.as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(stored_id(&env, "carol").as_deref(), Some("carol123"));

    let mut srv = start_without_env_key(env);
    for (key, name) in [
        (&alice, "alice"),
        (&bob, "bob"),
        (&chosen, "carol"),
        (&legacy, "admin"),
    ] {
        let r = login(&srv, key);
        assert_eq!(r.status, 200, "{name}: {}", r.text);
        assert_eq!(r.json["name"], name);
    }
    // Another admin's id with a wrong secret, an id nobody has: the same answer.
    let wrong = format!("jbx_{}_{}", id_of(&alice), "z".repeat(40));
    login(&srv, &wrong).assert_error(401, "Invalid admin key");
    login(&srv, &format!("jbx_zzzzzzzz_{}", "z".repeat(40))).assert_error(401, "Invalid admin key");

    // Rotating gives a new id; the old key stops working.
    let rotated = srv.env.json(&["auth", "admin", "rotate", "alice"])["key"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(id_of(&rotated), id_of(&alice));
    assert_eq!(stored_id(&srv.env, "alice"), Some(id_of(&rotated)));
    login(&srv, &alice).assert_error(401, "Invalid admin key");
    assert_eq!(login(&srv, &rotated).json["name"], "alice");
    srv.terminate();

    // The first-run setup's key has an id too.
    let srv = start_without_env_key(Env::new());
    let r = srv.post("/api/setup", json!({ "name": "host" }), None);
    assert_eq!(r.status, 201, "{}", r.text);
    let key = r.json["key"].as_str().unwrap().to_string();
    assert_eq!(stored_id(&srv.env, "host"), Some(id_of(&key)));
    assert_eq!(login(&srv, &key).json["name"], "host");
}

/// The schema version before keys had ids (migration step 14 adds `admins.key_id`).
const BEFORE_KEY_IDS: i64 = 13;

#[test]
fn keys_made_before_ids_still_log_in_and_rotating_gives_them_an_id() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        jackbox::store::migrate_to(&conn, BEFORE_KEY_IDS).unwrap();
        let hash = jackbox::core::keys::hash_key;
        for (name, key) in [
            ("dana", "dana's old key 0123"),
            ("eve", "eve's old key 456789"),
        ] {
            conn.execute(
                "INSERT INTO admins (name, key_hash, generation, created_at)
                 VALUES (?1, ?2, 'g1', '2026-01-01T00:00:00.000Z')",
                [name, &hash(key)],
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('admin_key_hash', ?1)",
            [hash("old legacy key")],
        )
        .unwrap();
    }
    let srv = start_without_env_key(env);
    for (key, name) in [
        ("dana's old key 0123", "dana"),
        ("eve's old key 456789", "eve"),
        ("old legacy key", "admin"),
    ] {
        let r = login(&srv, key);
        assert_eq!(r.status, 200, "{name}: {}", r.text);
        assert_eq!(r.json["name"], name);
    }
    login(&srv, "not anyone's key 0123").assert_error(401, "Invalid admin key");
    assert_eq!(stored_id(&srv.env, "dana"), None);

    let rotated = srv.env.json(&["auth", "admin", "rotate", "dana"])["key"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(stored_id(&srv.env, "dana"), Some(id_of(&rotated)));
    assert_eq!(login(&srv, &rotated).json["name"], "dana");
    login(&srv, "dana's old key 0123").assert_error(401, "Invalid admin key");
    assert_eq!(login(&srv, "eve's old key 456789").json["name"], "eve");
}

/// One HTTP/1.1 exchange on its own connection from `from` (a loopback address), read to the
/// end (`Connection: close`); returns the status code.
async fn exchange(from: std::net::IpAddr, to: std::net::SocketAddr, request: String) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind((from, 0).into()).unwrap();
    let mut stream = socket.connect(to).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let head = String::from_utf8_lossy(&answer);
    head.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn login_request(key: &str) -> String {
    let body = json!({ "key": key }).to_string();
    format!(
        "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// The report's flood: 200 loopback sources × 5 wrong keys, 5 admins. Public reads sent
/// once the flood is in are all answered while most of its logins still wait their turn:
/// a login never queues in front of a read. (Today's code hashed on the reader pool, 5
/// hashes per attempt: every read waited behind the logins sent before it.)
#[test]
fn a_login_flood_never_holds_up_public_reads() {
    const SOURCES: u32 = 200;
    const KEYS_EACH: u32 = 5;
    const TOTAL: usize = (SOURCES * KEYS_EACH) as usize;
    let env = Env::new();
    for n in 0..5 {
        add(&env, &format!("admin{n}"));
    }
    let srv = Server::start_with(env, |_| {});
    let token = srv.token();
    srv.session(&token);
    let to: std::net::SocketAddr = srv.addr.parse().unwrap();
    let sent = Arc::new(AtomicUsize::new(0));
    let answered = Arc::new(AtomicUsize::new(0));
    let statuses = Arc::new(std::sync::Mutex::new(Vec::new()));
    for s in 0..SOURCES {
        // 127.0.1.1 … 127.0.1.200: one throttle bucket each, five attempts allowed.
        let from = std::net::IpAddr::from([127, 0, 1, 1 + s as u8]);
        for k in 0..KEYS_EACH {
            // Wrong keys of both shapes: with an id (nobody's) and without one.
            let key = match k % 2 {
                0 => format!("jbx_{:08}_{}", s * 10 + k, "w".repeat(40)),
                _ => format!("wrong key {s}-{k} of the flood"),
            };
            let (sent, answered, statuses) = (sent.clone(), answered.clone(), statuses.clone());
            srv.rt.spawn(async move {
                let request = login_request(&key);
                sent.fetch_add(1, Ordering::SeqCst);
                let status = exchange(from, to, request).await;
                statuses.lock().unwrap().push(status);
                answered.fetch_add(1, Ordering::SeqCst);
            });
        }
    }
    // The flood is in: every request written and the first ones answered.
    let deadline = Instant::now() + Duration::from_secs(120);
    while sent.load(Ordering::SeqCst) < TOTAL || answered.load(Ordering::SeqCst) == 0 {
        assert!(Instant::now() < deadline, "the flood never got going");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Public reads now, from the host itself: each notes how many logins had been answered
    // when it was.
    let reads: Vec<(&str, u16, usize)> = srv.rt.block_on(async {
        let mut tasks = Vec::new();
        for i in 0..40 {
            let path = [
                "/api/sessions",
                "/health",
                "/api/sessions/active",
                "/api/games",
            ][i % 4];
            let url = srv.url(path);
            let client = srv.client.clone();
            let answered = answered.clone();
            tasks.push(tokio::spawn(async move {
                let r = tokio::time::timeout(Duration::from_secs(120), client.get(url).send())
                    .await
                    .unwrap_or_else(|_| panic!("GET {path} not answered during the flood"))
                    .unwrap();
                let status = r.status().as_u16();
                let _ = r.bytes().await;
                (path, status, answered.load(Ordering::SeqCst))
            }));
        }
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap());
        }
        out
    });
    for (path, status, logins_done) in &reads {
        assert_eq!(*status, 200, "GET {path}");
        assert!(
            *logins_done < TOTAL / 2,
            "GET {path} was answered only after {logins_done} of {TOTAL} logins"
        );
    }
    // What the flood got so far: refusals of the wrong keys, nothing else.
    let statuses = statuses.lock().unwrap().clone();
    assert!(statuses.iter().all(|s| *s == 401), "{statuses:?}");
}
