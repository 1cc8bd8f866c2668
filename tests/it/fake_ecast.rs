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

/// A recorded-shape fixture of `tests/fixtures/ecast/` (see its README).
fn fixture(kind: &str) -> Value {
    let text = match kind {
        "lookup" => include_str!("../fixtures/ecast/lookup.json"),
        "lookup_not_found" => include_str!("../fixtures/ecast/lookup_not_found.json"),
        "client/welcome" => include_str!("../fixtures/ecast/client_welcome.json"),
        "client/connected" => include_str!("../fixtures/ecast/client_connected.json"),
        "client/disconnected" => include_str!("../fixtures/ecast/client_disconnected.json"),
        "client/kicked" => include_str!("../fixtures/ecast/client_kicked.json"),
        "object" => include_str!("../fixtures/ecast/object.json"),
        "text" => include_str!("../fixtures/ecast/text.json"),
        "json" => include_str!("../fixtures/ecast/json.json"),
        // Verbatim frames of live Quiplash 3 rooms (see the README).
        "q3/player" => include_str!("../fixtures/ecast/q3_player.json"),
        "q3/player_empty" => include_str!("../fixtures/ecast/q3_player_empty.json"),
        "q3/player_welcome" => include_str!("../fixtures/ecast/q3_player_welcome.json"),
        "q3/audience_welcome" => include_str!("../fixtures/ecast/q3_audience_welcome.json"),
        "q3/room_playing" => include_str!("../fixtures/ecast/q3_room_playing.json"),
        "q3/room_postgame" => include_str!("../fixtures/ecast/q3_room_postgame.json"),
        "room/lock" => include_str!("../fixtures/ecast/room_lock.json"),
        "room/exit" => include_str!("../fixtures/ecast/room_exit.json"),
        "error" => include_str!("../fixtures/ecast/error.json"),
        other => panic!("no fixture for {other}"),
    };
    serde_json::from_str(text).unwrap_or_else(|e| panic!("fixture {kind}: {e}"))
}

/// The value (`result.val`) of a recorded entity frame, e.g. `q3/room_postgame`.
pub fn recorded_val(kind: &str) -> Value {
    fixture(kind)["result"]["val"].clone()
}

/// `base` with the fields of `over` written over it (one level deep).
fn overlay(mut base: Value, over: Value) -> Value {
    if let (Some(b), Value::Object(o)) = (base.as_object_mut(), over) {
        for (k, v) in o {
            b.insert(k, v);
        }
    }
    base
}

/// The error messages the fake sends with each code (the official client's table).
pub fn error_message(code: i64) -> &'static str {
    match code {
        2000 => "client error",
        2001 => "parse error",
        2012 => "invalid license",
        2013 => "room not found",
        2014 => "requested role does not exist",
        2015 => "twitch login required",
        2017 => "password required",
        2023 => "permission denied",
        2027 => "room has already ended",
        2420 => "rate limit exceeded",
        _ => "error",
    }
}

/// Where a game keeps per-player entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlayerKeys {
    /// None (the players are only in `here` / `client/connected`).
    None,
    /// `player:<connection id>`.
    Conn,
    /// `bc:customer:<user-id>` (the UUID the player connected with).
    Customer,
    /// `player:<connection id>` as Quiplash 3 sends it: created empty (`{}`), then its
    /// value carries the name at `playerInfo.username` (the recorded frames).
    Quiplash3,
}

/// One entity: its type (`object`, `text`, …) and value (for `text`, the object whose JSON
/// is sent as the string).
#[derive(Debug, Clone)]
pub struct Entity {
    pub kind: String,
    pub val: Value,
    pub version: i64,
}

impl Entity {
    /// The payload `{ key, val, version, from }` an update frame of this type carries, built
    /// from the `object` / `text` fixture.
    fn payload(&self, key: &str) -> Value {
        let val = if self.kind == "text" {
            Value::String(self.val.to_string())
        } else {
            self.val.clone()
        };
        let kind = match self.kind.as_str() {
            "text" => "text",
            "json" => "json",
            _ => "object",
        };
        overlay(
            fixture(kind)["result"].clone(),
            json!({ "key": key, "val": val, "version": self.version, "from": 1 }),
        )
    }
}

pub struct Room {
    pub app_tag: String,
    pub max_players: i64,
    pub locked: bool,
    /// Connection id → `here` entry.
    pub here: BTreeMap<i64, Value>,
    /// The room entity's key (`room`, `bc:room`, `roomBlob`); `None`: the game has none.
    pub room_key: Option<String>,
    /// The room entity (when `room_key` is set).
    pub room: Entity,
    /// Per-player entities of joining players.
    pub player_keys: PlayerKeys,
    /// Other entities, in the order the snapshot lists them.
    pub entities: Vec<(String, Entity)>,
    pub next_id: i64,
    /// Whether shards get `client/connected` for joining players.
    pub tell_shards: bool,
    /// An error code shard connections get instead of a welcome…
    pub reject: Option<i64>,
    /// …for this many connections (then they are welcomed)…
    pub reject_count: usize,
    /// …closing the socket after it, or (false) leaving it open.
    pub reject_closes: bool,
    /// Welcomes carry `here: null` (as the recorded audience welcome does).
    pub here_null: bool,
}

/// The user id (a UUID, as the official client makes them) of player connection `id`.
pub fn user_id(id: i64) -> String {
    format!("5d1e6f0a-2b3c-4d5e-8f90-{id:012x}")
}

impl Room {
    /// The entity key of player `id`'s per-player entity, if the game has them.
    fn player_key(&self, id: i64) -> Option<String> {
        match self.player_keys {
            PlayerKeys::None => None,
            PlayerKeys::Conn | PlayerKeys::Quiplash3 => Some(format!("player:{id}")),
            PlayerKeys::Customer => Some(format!("bc:customer:{}", user_id(id))),
        }
    }
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

/// The headers of one WebSocket handshake that the spec cares about.
#[derive(Debug, Clone, Default)]
pub struct Handshake {
    pub origin: String,
    pub referer: String,
    pub user_agent: String,
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
    handshakes: Vec<Handshake>,
    open: usize,
    total: usize,
    conns: HashMap<u64, Conn>,
    next_conn: u64,
    /// Secrets handed out: secret → connection id.
    secrets: HashMap<String, i64>,
    pc: u64,
    /// Close WebSocket upgrades without answering (a server that drops connections).
    refuse_ws: bool,
    /// Frames name their kind in `type` instead of `opcode`.
    type_key: bool,
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

    /// A room in the lobby, with its host connected (id 1): a `bc:room` text entity and no
    /// per-player entities.
    pub fn room(&self, code: &str, app_tag: &str) {
        self.room_family(code, app_tag, "bc:room", "text", PlayerKeys::None)
    }

    /// A room of one game family: the room entity under `room_key` with entity type `kind`
    /// (`object`, or `text` holding JSON), per-player entities under `player_keys`.
    pub fn room_family(
        &self,
        code: &str,
        app_tag: &str,
        room_key: &str,
        kind: &str,
        player_keys: PlayerKeys,
    ) {
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
                    room_key: Some(room_key.to_string()),
                    room: Entity {
                        kind: kind.to_string(),
                        val: json!({ "state": "Lobby", "lobbyState": "WaitingForMore",
                                     "gameCanStart": false, "gameIsStarting": false,
                                     "gameFinished": false }),
                        version: 0,
                    },
                    player_keys,
                    entities: Vec::new(),
                    next_id: 2,
                    tell_shards: true,
                    reject: None,
                    reject_count: usize::MAX,
                    reject_closes: true,
                    here_null: false,
                },
            );
        })
    }

    /// Script a room's details directly.
    pub fn edit(&self, code: &str, f: impl FnOnce(&mut Room)) {
        self.with(|s| f(s.rooms.get_mut(code).expect("room")))
    }

    /// Frames name their kind in `type` instead of `opcode`.
    pub fn use_type_key(&self) {
        self.with(|s| s.type_key = true)
    }

    /// A player joins: `here` gets it, shards hear `client/connected` if the room tells
    /// them, and its per-player entity (if the game has them) is sent.
    pub fn join(&self, code: &str, name: &str) -> i64 {
        self.with(|s| {
            let room = s.rooms.get_mut(code).expect("room");
            let id = room.next_id;
            room.next_id += 1;
            room.here.insert(
                id,
                json!({ "id": id, "roles": { "player": { "name": name } } }),
            );
            let tell = room.tell_shards;
            let q3 = room.player_keys == PlayerKeys::Quiplash3;
            let entity = room.player_key(id).map(|key| {
                let val = if q3 {
                    let mut v = recorded_val("q3/player");
                    v["playerInfo"]["username"] = json!(name);
                    v["playerInfo"]["sessionId"] = json!(id);
                    v
                } else {
                    json!({ "name": name, "state": "Lobby", "playerIndex": id - 2 })
                };
                let e = Entity {
                    kind: "object".into(),
                    val,
                    version: 1,
                };
                room.entities.push((key.clone(), e.clone()));
                (key, e)
            });
            if tell {
                let result = json!({ "id": id, "userId": user_id(id), "name": name,
                                     "role": "player", "reconnect": false });
                broadcast(s, code, "client/connected", result);
            }
            if let Some((key, e)) = entity {
                if q3 {
                    // Created empty, then filled in (version 0, then 1).
                    let empty = overlay(
                        fixture("q3/player_empty")["result"].clone(),
                        json!({ "key": key }),
                    );
                    broadcast(s, code, "object", empty);
                }
                broadcast(s, code, "object", e.payload(&key));
            }
            id
        })
    }

    /// Sets the room entity's value (sent as an update of the room's entity type).
    pub fn set_room(&self, code: &str, val: Value) {
        self.with(|s| {
            let room = s.rooms.get_mut(code).expect("room");
            let key = room.room_key.clone().unwrap_or_else(|| "bc:room".into());
            room.room_key = Some(key.clone());
            room.room.val = val;
            room.room.version += 1;
            let kind = match room.room.kind.as_str() {
                "text" => "text",
                "json" => "json",
                _ => "object",
            };
            let payload = room.room.payload(&key);
            broadcast(s, code, kind, payload);
        })
    }

    /// Sends an `error` frame to the room's connections.
    pub fn error(&self, code: &str, ecast_code: i64) {
        self.with(|s| {
            let result = json!({ "code": ecast_code, "msg": error_message(ecast_code) });
            broadcast(s, code, "error", result);
        })
    }

    /// A player's connection closes (`client/disconnected`); its slot stays in `here`.
    pub fn disconnect(&self, code: &str, id: i64) {
        self.with(|s| {
            broadcast(
                s,
                code,
                "client/disconnected",
                json!({ "id": id, "role": "player" }),
            )
        })
    }

    /// The host kicks a player (`client/kicked`).
    pub fn kick(&self, code: &str, id: i64) {
        self.with(|s| {
            let result = json!({ "id": id, "banned": false, "reason": "kicked by host" });
            broadcast(s, code, "client/kicked", result)
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
            broadcast(s, code, "room/exit", json!({ "cause": 5 }));
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
    pub fn handshakes(&self) -> Vec<Handshake> {
        self.with(|s| s.handshakes.clone())
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

/// A frame of `kind` from its fixture, with `result`'s fields written over the fixture's.
fn frame(s: &mut State, kind: &str, result: Value) -> String {
    s.pc += 1;
    let mut f = fixture(kind);
    f["pc"] = json!(s.pc);
    let base = f["result"].take();
    f["result"] = overlay(base, result);
    if s.type_key {
        if let Some(obj) = f.as_object_mut() {
            let op = obj.remove("opcode").unwrap_or(Value::Null);
            obj.insert("type".into(), op);
        }
    }
    f.to_string()
}

fn broadcast(s: &mut State, code: &str, kind: &str, result: Value) {
    let text = frame(s, kind, result);
    for c in s.conns.values().filter(|c| c.room == code) {
        let _ = c.tx.send(Cmd::Send(text.clone()));
    }
}

/// The `client/welcome` of connection `id` to `room`: `here`, and each entity as
/// `[type, payload, meta]` with the payload an update frame would carry.
fn welcome(s: &mut State, code: &str, id: i64, secret: &str, reconnect: bool) -> String {
    let sample = fixture("client/welcome");
    let sample_entity = sample["result"]["entities"]
        .as_object()
        .and_then(|m| m.values().next().cloned())
        .unwrap_or_else(|| json!(["object", {}, { "locked": false }]));
    let acl = sample_entity[1]["acl"].clone();
    let meta = sample_entity[2].clone();
    let room = &s.rooms[code];
    let here: Value = if room.here_null {
        Value::Null
    } else {
        room.here
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect::<serde_json::Map<String, Value>>()
            .into()
    };
    let mut entities = serde_json::Map::new();
    let room_entity = room.room_key.clone().map(|k| (k, room.room.clone()));
    for (key, e) in room_entity.iter().chain(room.entities.iter()) {
        let mut payload = e.payload(key);
        payload["acl"] = acl.clone();
        entities.insert(key.clone(), json!([e.kind, payload, meta]));
    }
    let profile = overlay(
        sample["result"]["profile"].clone(),
        json!({ "id": id, "roles": { "shard": {} } }),
    );
    frame(
        s,
        "client/welcome",
        json!({ "id": id, "secret": secret, "reconnect": reconnect, "entities": entities,
                "here": here, "profile": profile }),
    )
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
            let sample = fixture("lookup");
            let body = overlay(
                sample["body"].clone(),
                json!({
                    "appTag": room.app_tag, "code": code, "host": s.host, "audienceHost": s.host,
                    "locked": room.locked, "full": players >= room.max_players,
                    "maxPlayers": room.max_players,
                }),
            );
            (200, overlay(sample, json!({ "body": body })).to_string())
        } else {
            (404, fixture("lookup_not_found").to_string())
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
    let hs_state = state.clone();
    let callback = move |req: &Request, mut resp: Response| {
        *seen.lock().unwrap() = req.uri().to_string();
        let header = |name: &str| {
            req.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        hs_state.lock().unwrap().handshakes.push(Handshake {
            origin: header("Origin"),
            referer: header("Referer"),
            user_agent: header("User-Agent"),
        });
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
        // An error instead of the welcome: no room (2013), or the room's scripted rejection.
        let rejection = match s.rooms.get_mut(&code) {
            None => Some((2013, true)),
            Some(room) => match room.reject {
                Some(c) if room.reject_count > 0 => {
                    room.reject_count -= 1;
                    Some((c, room.reject_closes))
                }
                _ => None,
            },
        };
        let first = match rejection {
            Some((c, closes)) => {
                let result = json!({ "code": c, "msg": error_message(c) });
                (frame(&mut s, "error", result), closes)
            }
            None => {
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
                let secret = format!("secret-{code}-{id}");
                s.secrets.insert(secret.clone(), id);
                s.conns.insert(
                    conn_id,
                    Conn {
                        room: code.clone(),
                        tx: tx.clone(),
                    },
                );
                (
                    welcome(&mut s, &code, id, &secret, reconnect.is_some()),
                    false,
                )
            }
        };
        (conn_id, first)
    };
    let (first, close_now) = first;
    let mut ok = ws.send(Message::Text(first)).await.is_ok();
    if close_now {
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
