//! A local stand-in for Jackbox's lobby server ("ecast"), scripted per test.
//!
//! It speaks the documented protocol: `GET /api/v2/rooms/{code}` (the look-up, whose `host`
//! is this server) and the `ecast-v0` WebSocket at `/api/v2/rooms/{code}/play` with
//! `client/welcome`, `client/connected`, entity updates, `room/lock`, `room/exit` and
//! `error` frames. It counts WebSocket connections (open and total) so tests can check that
//! a finished monitor closed all of its connections.

#![allow(dead_code)]

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;

pub struct Room {
    pub app_tag: String,
    pub max_players: i64,
    pub locked: bool,
    /// Connection id → `here` entry.
    pub here: BTreeMap<i64, Value>,
    /// The room entity: (key, value).
    pub entity: Option<(String, Value)>,
    pub next_id: i64,
    /// Whether shards get `client/connected` for joining players.
    pub tell_shards: bool,
    /// An error code every shard connection gets instead of a welcome.
    pub reject: Option<i64>,
}

enum Cmd {
    Send(String),
    /// A clean close (close frame).
    Close,
    /// An abrupt drop (no close frame).
    Drop,
}

struct Conn {
    room: String,
    tx: mpsc::UnboundedSender<Cmd>,
}

#[derive(Default)]
struct State {
    host: String,
    rooms: HashMap<String, Room>,
    /// Statuses to answer look-ups with before answering for real.
    lookup_failures: VecDeque<u16>,
    lookups: usize,
    user_agents: Vec<String>,
    /// Query strings of the WebSocket connections.
    ws_queries: Vec<String>,
    open: usize,
    total: usize,
    conns: HashMap<u64, Conn>,
    next_conn: u64,
    /// Secrets handed out: secret → connection id.
    secrets: HashMap<String, i64>,
    pc: u64,
    /// Close WebSocket upgrades without answering (a server that drops connections).
    refuse_ws: bool,
}

pub struct FakeEcast {
    rt: tokio::runtime::Runtime,
    pub url: String,
    state: Arc<Mutex<State>>,
}

impl FakeEcast {
    pub fn start() -> FakeEcast {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let listener = rt.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            host: addr.to_string(),
            ..State::default()
        }));
        let st = state.clone();
        rt.spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(handle(stream, st.clone()));
            }
        });
        FakeEcast {
            rt,
            url: format!("http://{addr}"),
            state,
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        f(&mut self.state.lock().unwrap())
    }

    /// A room in the lobby, with its host connected (id 1).
    pub fn room(&self, code: &str, app_tag: &str) {
        self.with(|s| {
            let mut here = BTreeMap::new();
            here.insert(1, json!({ "id": 1, "roles": { "host": {} } }));
            s.rooms.insert(
                code.to_string(),
                Room {
                    app_tag: app_tag.to_string(),
                    max_players: 8,
                    locked: false,
                    here,
                    entity: Some((
                        "bc:room".into(),
                        json!({ "state": "Lobby", "lobbyState": "WaitingForMore" }),
                    )),
                    next_id: 2,
                    tell_shards: true,
                    reject: None,
                },
            );
        })
    }

    /// Script a room's details directly.
    pub fn edit(&self, code: &str, f: impl FnOnce(&mut Room)) {
        self.with(|s| f(s.rooms.get_mut(code).expect("room")))
    }

    /// A player joins; shards hear of it if the room tells them.
    pub fn join(&self, code: &str, name: &str) -> i64 {
        self.with(|s| {
            let room = s.rooms.get_mut(code).expect("room");
            let id = room.next_id;
            room.next_id += 1;
            room.here.insert(
                id,
                json!({ "id": id, "roles": { "player": { "name": name } } }),
            );
            if room.tell_shards {
                let frame = json!({ "id": id, "userId": format!("user-{id}"), "name": name,
                                    "role": "player", "reconnect": false });
                broadcast(s, code, "client/connected", frame);
            }
            id
        })
    }

    /// Sets the room entity (as an `object` update).
    pub fn set_room(&self, code: &str, val: Value) {
        self.with(|s| {
            let room = s.rooms.get_mut(code).expect("room");
            let key = room
                .entity
                .as_ref()
                .map(|e| e.0.clone())
                .unwrap_or_else(|| "bc:room".into());
            room.entity = Some((key.clone(), val.clone()));
            broadcast(
                s,
                code,
                "object",
                json!({ "key": key, "val": val, "version": 1, "from": 1 }),
            );
        })
    }

    /// Sends raw text frames (garbage) to the room's connections.
    pub fn send_raw(&self, code: &str, text: &str) {
        self.with(|s| {
            for c in s.conns.values().filter(|c| c.room == code) {
                let _ = c.tx.send(Cmd::Send(text.to_string()));
            }
        })
    }

    pub fn lock(&self, code: &str) {
        self.with(|s| {
            s.rooms.get_mut(code).expect("room").locked = true;
            broadcast(s, code, "room/lock", json!({}));
        })
    }

    /// `room/exit`, then the room is gone and its connections are closed.
    pub fn exit(&self, code: &str) {
        self.with(|s| {
            broadcast(s, code, "room/exit", json!({}));
            s.rooms.remove(code);
            for c in s.conns.values().filter(|c| c.room == code) {
                let _ = c.tx.send(Cmd::Close);
            }
        })
    }

    /// The room disappears silently (look-ups 404), connections stay.
    pub fn vanish(&self, code: &str) {
        self.with(|s| {
            s.rooms.remove(code);
        })
    }

    /// Drops every WebSocket connection abruptly.
    pub fn drop_all(&self) {
        self.with(|s| {
            for c in s.conns.values() {
                let _ = c.tx.send(Cmd::Drop);
            }
        })
    }

    /// Refuse (drop) every new WebSocket connection.
    pub fn refuse_websockets(&self, refuse: bool) {
        self.with(|s| s.refuse_ws = refuse)
    }

    pub fn fail_lookups(&self, n: usize, status: u16) {
        self.with(|s| s.lookup_failures.extend(std::iter::repeat_n(status, n)))
    }

    pub fn open(&self) -> usize {
        self.with(|s| s.open)
    }
    pub fn total(&self) -> usize {
        self.with(|s| s.total)
    }
    pub fn lookups(&self) -> usize {
        self.with(|s| s.lookups)
    }
    pub fn user_agents(&self) -> Vec<String> {
        self.with(|s| s.user_agents.clone())
    }
    pub fn ws_queries(&self) -> Vec<String> {
        self.with(|s| s.ws_queries.clone())
    }

    /// Polls until `f` holds (panics after `secs`).
    pub fn wait(&self, what: &str, secs: u64, f: impl Fn(&FakeEcast) -> bool) {
        let end = Instant::now() + Duration::from_secs(secs);
        while !f(self) {
            assert!(Instant::now() < end, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for FakeEcast {
    fn drop(&mut self) {
        let rt = std::mem::replace(
            &mut self.rt,
            tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap(),
        );
        rt.shutdown_background();
    }
}

fn frame(s: &mut State, opcode: &str, result: Value) -> String {
    s.pc += 1;
    json!({ "pc": s.pc, "opcode": opcode, "result": result }).to_string()
}

fn broadcast(s: &mut State, code: &str, opcode: &str, result: Value) {
    let text = frame(s, opcode, result);
    for c in s.conns.values().filter(|c| c.room == code) {
        let _ = c.tx.send(Cmd::Send(text.clone()));
    }
}

async fn handle(stream: TcpStream, state: Arc<Mutex<State>>) {
    // Peek the request head to tell a WebSocket upgrade from a plain look-up.
    let mut buf = vec![0u8; 8192];
    let head = loop {
        let n = match stream.peek(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        let text = String::from_utf8_lossy(&buf[..n]).to_string();
        if text.contains("\r\n\r\n") {
            break text;
        }
        if n == buf.len() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    if head.to_ascii_lowercase().contains("upgrade: websocket") {
        if state.lock().unwrap().refuse_ws {
            return;
        }
        websocket(stream, state).await;
    } else {
        lookup(stream, state, &head).await;
    }
}

async fn lookup(mut stream: TcpStream, state: Arc<Mutex<State>>, head: &str) {
    let len = head.find("\r\n\r\n").unwrap() + 4;
    let mut sink = vec![0u8; len];
    if stream.read_exact(&mut sink).await.is_err() {
        return;
    }
    let path = head.split_whitespace().nth(1).unwrap_or("").to_string();
    let ua = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .starts_with("user-agent:")
                .then(|| l[11..].trim().to_string())
        })
        .unwrap_or_default();
    let (status, body) = {
        let mut s = state.lock().unwrap();
        s.lookups += 1;
        s.user_agents.push(ua);
        let code = path
            .strip_prefix("/api/v2/rooms/")
            .unwrap_or("")
            .to_string();
        if let Some(status) = s.lookup_failures.pop_front() {
            (status, "<html>oops</html>".to_string())
        } else if let Some(room) = s.rooms.get(&code) {
            let players = room
                .here
                .values()
                .filter(|e| e["roles"].get("player").is_some())
                .count() as i64;
            let body = json!({ "ok": true, "body": {
                "appId": "fake", "appTag": room.app_tag, "audienceEnabled": false,
                "code": code, "host": s.host, "audienceHost": s.host, "locked": room.locked,
                "full": players >= room.max_players, "maxPlayers": room.max_players,
                "minPlayers": 3, "moderationEnabled": false, "passwordRequired": false,
                "twitchLocked": false, "locale": "en", "keepalive": false,
            }});
            (200, body.to_string())
        } else {
            (
                404,
                json!({ "ok": false, "error": "no such room" }).to_string(),
            )
        }
    };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Error",
    };
    let resp = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(resp.as_bytes()).await;
    let _ = stream.shutdown().await;
}

#[allow(clippy::result_large_err)]
async fn websocket(stream: TcpStream, state: Arc<Mutex<State>>) {
    let uri = Arc::new(Mutex::new(String::new()));
    let seen = uri.clone();
    let callback = move |req: &Request, mut resp: Response| {
        *seen.lock().unwrap() = req.uri().to_string();
        let wants = req
            .headers()
            .get("Sec-WebSocket-Protocol")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if wants.split(',').any(|p| p.trim() == "ecast-v0") {
            resp.headers_mut().insert(
                "Sec-WebSocket-Protocol",
                HeaderValue::from_static("ecast-v0"),
            );
        }
        Ok(resp)
    };
    let Ok(mut ws) = tokio_tungstenite::accept_hdr_async(stream, callback).await else {
        return;
    };
    let uri = uri.lock().unwrap().clone();
    let (path, query) = uri.split_once('?').unwrap_or((&uri, ""));
    let code = path
        .strip_prefix("/api/v2/rooms/")
        .and_then(|p| p.strip_suffix("/play"))
        .unwrap_or("")
        .to_string();
    let params: HashMap<String, String> = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| {
            (
                k.to_string(),
                urlencoding::decode(v).unwrap_or_default().into(),
            )
        })
        .collect();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let (conn_id, first) = {
        let mut s = state.lock().unwrap();
        s.open += 1;
        s.total += 1;
        s.ws_queries.push(query.to_string());
        let conn_id = s.next_conn;
        s.next_conn += 1;
        let first = match s.rooms.get(&code).map(|r| r.reject) {
            None => frame(
                &mut s,
                "error",
                json!({ "code": 2013, "msg": "no such room" }),
            ),
            Some(Some(code)) => frame(&mut s, "error", json!({ "code": code, "msg": "denied" })),
            Some(None) => {
                let reconnect = params
                    .get("secret")
                    .and_then(|sec| s.secrets.get(sec).copied())
                    .filter(|id| params.get("id") == Some(&id.to_string()));
                let room = s.rooms.get_mut(&code).unwrap();
                let id = reconnect.unwrap_or_else(|| {
                    let id = room.next_id;
                    room.next_id += 1;
                    id
                });
                room.here
                    .insert(id, json!({ "id": id, "roles": { "shard": {} } }));
                let here: serde_json::Map<String, Value> = room
                    .here
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect();
                let mut entities = serde_json::Map::new();
                if let Some((key, val)) = &room.entity {
                    entities.insert(key.clone(), json!(["object", val, { "locked": false }]));
                }
                let secret = format!("secret-{code}-{id}");
                s.secrets.insert(secret.clone(), id);
                s.conns.insert(
                    conn_id,
                    Conn {
                        room: code.clone(),
                        tx: tx.clone(),
                    },
                );
                frame(
                    &mut s,
                    "client/welcome",
                    json!({ "id": id, "secret": secret, "reconnect": reconnect.is_some(),
                            "entities": entities, "here": here, "profile": null }),
                )
            }
        };
        (conn_id, first)
    };
    let rejected = !first.contains("client/welcome");
    let mut ok = ws.send(Message::Text(first)).await.is_ok();
    if rejected {
        let _ = ws.close(None).await;
        ok = false;
    }
    while ok {
        tokio::select! {
            cmd = rx.recv() => match cmd {
                Some(Cmd::Send(text)) => ok = ws.send(Message::Text(text)).await.is_ok(),
                Some(Cmd::Close) | None => {
                    let _ = ws.close(None).await;
                    // Wait (briefly) for the client's close answer.
                    let _ = tokio::time::timeout(Duration::from_secs(2), async {
                        while let Some(Ok(_)) = ws.next().await {}
                    }).await;
                    ok = false;
                }
                Some(Cmd::Drop) => ok = false,
            },
            msg = ws.next() => match msg {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => ok = false,
                _ => {}
            },
        }
    }
    drop(ws);
    let mut s = state.lock().unwrap();
    s.conns.remove(&conn_id);
    s.open -= 1;
}
