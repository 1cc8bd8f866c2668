//! The client side of Jackbox's lobby server ("ecast"): the room look-up over HTTP(S), the
//! shard WebSocket (`ecast-v0`), and the parsing of the server frames the monitor uses.
//!
//! Nothing here knows about the database; `super::Monitor` turns frames into events.

use futures_util::StreamExt;
use serde_json::Value;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// The default lobby server.
pub const DEFAULT_BASE: &str = "https://ecast.jackboxgames.com";

/// The WebSocket subprotocol ecast speaks.
pub const SUBPROTOCOL: &str = "ecast-v0";

/// The browser-like `Origin` and `Referer` of the shard handshake (those of jackbox.tv).
pub const ORIGIN: &str = "https://jackbox.tv";
pub const REFERER: &str = "https://jackbox.tv/";

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// `body` of a successful `GET /api/v2/rooms/{code}` (only the fields the monitor uses).
#[derive(Debug, Clone, PartialEq)]
pub struct RoomInfo {
    pub code: String,
    pub app_tag: Option<String>,
    pub host: String,
    pub locked: bool,
    pub full: bool,
    pub max_players: Option<i64>,
}

/// What a look-up found.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    Found(RoomInfo),
    /// `404` or `ok: false`.
    NotFound,
    /// 403/429/5xx, a network error, or a body that is not the documented JSON: retry later.
    Transient(String),
}

/// An HTTP client for the look-up, with a real `User-Agent` (ecast drops requests without).
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    timeout: Duration,
}

impl Client {
    pub fn new(base: &str, timeout: Duration) -> crate::Result<Client> {
        let http = reqwest::Client::builder()
            .user_agent(user_agent())
            .timeout(timeout)
            .connect_timeout(timeout)
            .build()
            .map_err(|e| crate::Error::storage(format!("Cannot build the HTTP client: {e}")))?;
        Ok(Client {
            http,
            base: base.trim_end_matches('/').to_string(),
            timeout,
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// `GET {base}/api/v2/rooms/{code}`.
    pub async fn lookup(&self, code: &str) -> Lookup {
        let url = format!("{}/api/v2/rooms/{}", self.base, urlencoding::encode(code));
        let resp = match self.http.get(&url).send().await {
            Ok(r) => r,
            Err(e) => return Lookup::Transient(format!("network error: {e}")),
        };
        let status = resp.status().as_u16();
        if status == 404 {
            return Lookup::NotFound;
        }
        if status != 200 {
            return Lookup::Transient(format!("HTTP {status}"));
        }
        let body: Value = match resp.json().await {
            Ok(v) => v,
            Err(e) => return Lookup::Transient(format!("unreadable answer: {e}")),
        };
        parse_lookup(&body)
    }

    /// Opens a shard connection to the room (`reconnect` = the `(id, secret)` of an earlier
    /// welcome, to get the same connection back).
    pub async fn connect(
        &self,
        room: &RoomInfo,
        name: &str,
        user_id: &str,
        reconnect: Option<(i64, &str)>,
    ) -> Result<Socket, String> {
        let url = self.play_url(room, name, user_id, reconnect);
        let mut req = url
            .as_str()
            .into_client_request()
            .map_err(|e| format!("bad WebSocket URL: {e}"))?;
        req.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            HeaderValue::from_static(SUBPROTOCOL),
        );
        if let Ok(ua) = HeaderValue::from_str(&user_agent()) {
            req.headers_mut().insert("User-Agent", ua);
        }
        // What the official jackbox.tv page sends; public clients copy it.
        req.headers_mut()
            .insert("Origin", HeaderValue::from_static(ORIGIN));
        req.headers_mut()
            .insert("Referer", HeaderValue::from_static(REFERER));
        match tokio::time::timeout(self.timeout, tokio_tungstenite::connect_async(req)).await {
            Ok(Ok((socket, _))) => Ok(socket),
            Ok(Err(e)) => Err(format!("WebSocket connection failed: {e}")),
            Err(_) => Err("WebSocket connection timed out".into()),
        }
    }

    /// `ws(s)://{host}/api/v2/rooms/{code}/play?role=shard&…` — `ws://` when the base is
    /// plain `http://` (a local stand-in). The user id goes in `user-id`, as the official
    /// client spells it (older community code sent `userId`).
    pub fn play_url(
        &self,
        room: &RoomInfo,
        name: &str,
        user_id: &str,
        reconnect: Option<(i64, &str)>,
    ) -> String {
        let scheme = if self.base.starts_with("http://") {
            "ws"
        } else {
            "wss"
        };
        let mut url = format!(
            "{scheme}://{}/api/v2/rooms/{}/play?role=shard&name={}&user-id={}&format=json",
            room.host,
            urlencoding::encode(&room.code),
            urlencoding::encode(name),
            urlencoding::encode(user_id)
        );
        if let Some((id, secret)) = reconnect {
            url.push_str(&format!("&secret={}&id={id}", urlencoding::encode(secret)));
        }
        url
    }
}

/// `jackbox/<version> (+room monitor)`.
pub fn user_agent() -> String {
    format!("jackbox/{} (+room monitor)", crate::VERSION)
}

/// Reads a look-up answer: `{ "ok": true, "body": { … } }`.
pub fn parse_lookup(v: &Value) -> Lookup {
    if v.get("ok").and_then(Value::as_bool) == Some(false) {
        return Lookup::NotFound;
    }
    let Some(body) = v.get("body").filter(|b| b.is_object()) else {
        return Lookup::Transient("answer without a body".into());
    };
    let Some(host) = body
        .get("host")
        .and_then(Value::as_str)
        .filter(|h| !h.is_empty())
    else {
        return Lookup::Transient("answer without a host".into());
    };
    Lookup::Found(RoomInfo {
        code: body
            .get("code")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        app_tag: body
            .get("appTag")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_string),
        host: host.to_string(),
        locked: body.get("locked").and_then(Value::as_bool).unwrap_or(false),
        full: body.get("full").and_then(Value::as_bool).unwrap_or(false),
        max_players: body.get("maxPlayers").and_then(Value::as_i64),
    })
}

/// The room entity's value: state and lobby flags.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoomEntity {
    pub state: Option<String>,
    pub lobby_state: Option<String>,
    pub game_can_start: Option<bool>,
    pub game_is_starting: Option<bool>,
    pub game_finished: Option<bool>,
}

impl RoomEntity {
    /// From an entity value: an object, or (for `text` entities) a JSON string of one; a
    /// plain string is taken as the state itself.
    pub fn from_value(val: &Value) -> RoomEntity {
        match object_value(val) {
            Some(obj) => RoomEntity {
                state: obj.get("state").and_then(Value::as_str).map(str::to_string),
                lobby_state: obj
                    .get("lobbyState")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                game_can_start: obj.get("gameCanStart").and_then(Value::as_bool),
                game_is_starting: obj.get("gameIsStarting").and_then(Value::as_bool),
                game_finished: obj.get("gameFinished").and_then(Value::as_bool),
            },
            None => match val {
                Value::String(s) => RoomEntity {
                    state: Some(s.clone()),
                    ..RoomEntity::default()
                },
                _ => RoomEntity::default(),
            },
        }
    }
}

/// An entity value as an object: the value itself, or the object a `text` entity's JSON
/// string holds.
fn object_value(val: &Value) -> Option<std::borrow::Cow<'_, Value>> {
    match val {
        Value::Object(_) => Some(std::borrow::Cow::Borrowed(val)),
        Value::String(s) => match serde_json::from_str::<Value>(s) {
            Ok(inner @ Value::Object(_)) => Some(std::borrow::Cow::Owned(inner)),
            _ => None,
        },
        _ => None,
    }
}

/// The keys the room entity goes by across the packs.
pub const ROOM_KEYS: [&str; 3] = ["room", "bc:room", "roomBlob"];

/// Is this entity key the room entity?
pub fn is_room_key(key: &str) -> bool {
    ROOM_KEYS.contains(&key)
}

/// The longest player name kept, in characters. Jackbox's own entry field takes 12; the
/// lobby server does not enforce it, and a 3,000-character name stretched the console's
/// Tonight page to 34,265 px.
pub const MAX_PLAYER_NAME: usize = 40;

/// A name from the lobby as stored and shown: control characters dropped, cut to
/// [`MAX_PLAYER_NAME`] characters (with `…` when cut).
pub fn clean_player_name(raw: &str) -> String {
    let clean: String = raw.chars().filter(|c| !c.is_control()).collect();
    if clean.chars().count() <= MAX_PLAYER_NAME {
        return clean;
    }
    let mut cut: String = clean.chars().take(MAX_PLAYER_NAME - 1).collect();
    cut.push('…');
    cut
}

/// Who a player is, as far as the lobby server tells: its connection id (`here`,
/// `client/connected`, `player:<id>`), its user id (`client/connected`'s `userId`,
/// `bc:customer:<user-id>`), its name. Ids stay the strings the server sent (user ids are
/// UUIDs; connection ids are only ever compared).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sighting {
    pub conn: Option<String>,
    pub user: Option<String>,
    pub name: Option<String>,
}

/// What one entity (an update frame, or one entry of the welcome snapshot) says.
#[derive(Debug, Clone, PartialEq)]
pub enum Update {
    Room(RoomEntity),
    /// A per-player entity (`player:<connection id>`, `bc:customer:<user-id>`).
    Player(Sighting),
    /// Any other entity.
    Other,
}

/// Reads an entity payload `{ "key", "val", "version", "from", "acl" }` — the same object
/// whether it came in an `object`/`text` frame or as the second item of a snapshot entity.
/// `key` falls back to `default_key` (the snapshot's map key); `val` to `text` (older
/// servers put a text entity's value there).
pub fn parse_update(payload: &Value, default_key: &str) -> Update {
    let key = payload
        .get("key")
        .and_then(Value::as_str)
        .unwrap_or(default_key);
    let empty = Value::Null;
    let val = payload
        .get("val")
        .or_else(|| payload.get("text"))
        .unwrap_or(&empty);
    if is_room_key(key) {
        return Update::Room(RoomEntity::from_value(val));
    }
    let (conn, user) = if let Some(id) = key.strip_prefix("player:") {
        (Some(id.to_string()), None)
    } else if let Some(id) = key.strip_prefix("bc:customer:") {
        (None, Some(id.to_string()))
    } else {
        return Update::Other;
    };
    if conn.as_deref().or(user.as_deref()).unwrap_or("").is_empty() {
        return Update::Other;
    }
    let name = object_value(val).and_then(|obj| player_name(&obj));
    Update::Player(Sighting { conn, user, name })
}

/// The name a per-player entity carries: `name` or `playerName` (older games), or
/// `playerInfo.username` (Quiplash 3 and the other `player:<id>` games of 2020 on).
fn player_name(obj: &Value) -> Option<String> {
    ["name", "playerName"]
        .iter()
        .find_map(|k| obj.get(*k))
        .or_else(|| obj.get("playerInfo").and_then(|i| i.get("username")))
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
        .map(clean_player_name)
}

/// The `client/welcome` snapshot: the `here` players, and every entity read as an update.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Welcome {
    pub id: i64,
    pub secret: Option<String>,
    /// Players of `here` (ordered by connection id).
    pub players: Vec<Sighting>,
    /// Whether `here` was there at all: an absent or `null` `here` (audience-role
    /// welcomes, some servers) says nothing about the players.
    pub here_known: bool,
    /// The entities, in the server's order, each read like an update frame.
    pub updates: Vec<Update>,
}

/// One server frame, as far as the monitor cares.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    Welcome(Welcome),
    /// `client/connected` of a player.
    PlayerConnected(Sighting),
    /// An `object` / `text` / `json` entity update.
    Update(Update),
    Lock,
    Exit,
    Error {
        code: i64,
        msg: String,
    },
    /// Anything else (replies, other roles connecting, disconnections…).
    Other,
}

/// Parses one text frame `{ "pc", "opcode", "result" }` (`type` when `opcode` is absent, as
/// the official client reads it); `None` when it is not JSON of that shape.
pub fn parse_frame(text: &str) -> Option<Frame> {
    let v: Value = serde_json::from_str(text).ok()?;
    let opcode = v
        .get("opcode")
        .and_then(Value::as_str)
        .or_else(|| v.get("type").and_then(Value::as_str))?;
    let empty = Value::Null;
    let result = v.get("result").unwrap_or(&empty);
    Some(match opcode {
        "client/welcome" => Frame::Welcome(parse_welcome(result)),
        "client/connected" => {
            let role = result.get("role").and_then(Value::as_str).unwrap_or("");
            match (result.get("id").and_then(id_string), role) {
                (Some(id), "player") => Frame::PlayerConnected(Sighting {
                    conn: Some(id),
                    user: result
                        .get("userId")
                        .and_then(Value::as_str)
                        .filter(|u| !u.is_empty())
                        .map(str::to_string),
                    name: result
                        .get("name")
                        .and_then(Value::as_str)
                        .map(clean_player_name),
                }),
                _ => Frame::Other,
            }
        }
        // The three entity frames the official client parses alike.
        "object" | "text" | "json" => Frame::Update(parse_update(result, "")),
        "room/lock" => Frame::Lock,
        "room/exit" => Frame::Exit,
        "error" => Frame::Error {
            code: result.get("code").and_then(Value::as_i64).unwrap_or(0),
            msg: result
                .get("msg")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        },
        _ => Frame::Other,
    })
}

/// A connection id (a number, or a string in `here`'s keys) as the string it is compared by.
fn id_string(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

fn parse_welcome(result: &Value) -> Welcome {
    let mut players = Vec::new();
    let here = result.get("here").and_then(Value::as_object);
    if let Some(here) = here {
        for (key, entry) in here {
            let id = entry
                .get("id")
                .and_then(id_string)
                .unwrap_or_else(|| key.clone());
            if let Some(player) = entry.get("roles").and_then(|r| r.get("player")) {
                players.push(Sighting {
                    conn: Some(id),
                    user: entry
                        .get("userId")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    name: Some(clean_player_name(
                        player
                            .get("name")
                            .and_then(Value::as_str)
                            .unwrap_or_default(),
                    )),
                });
            }
        }
    }
    // Names in order of connection id: numeric ids by value, anything else after them.
    players.sort_by_cached_key(|p| {
        let id = p.conn.clone().unwrap_or_default();
        (id.parse::<u64>().map_err(|_| id.clone()), id)
    });
    let mut updates = Vec::new();
    if let Some(entities) = result.get("entities").and_then(Value::as_object) {
        for (key, entity) in entities {
            // `[type, payload, meta]`: the payload is what an update frame of that type
            // carries. The official client parses it exactly like an update.
            if let Some(payload) = entity.get(1).filter(|p| p.is_object()) {
                updates.push(parse_update(payload, key));
            }
        }
    }
    Welcome {
        id: result.get("id").and_then(Value::as_i64).unwrap_or(0),
        secret: result
            .get("secret")
            .and_then(Value::as_str)
            .map(str::to_string),
        players,
        here_known: here.is_some(),
        updates,
    }
}

/// What an ecast `error` frame means for the monitor (`docs/room-monitor.md`, the official
/// client's error table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// 2012, 2014–2017, 2023: the server will not give us a shard (license, role, twitch
    /// login, password, permission). Retrying cannot fix it.
    RoleRejected,
    /// 2013: no such room.
    RoomNotFound,
    /// 2027: the room has already ended.
    RoomEnded,
    /// 2420: rate limited — close, back off, retry.
    RateLimited,
    /// Anything else (2000/2001 generic client/parse errors, unknown codes): logged only.
    Ignored,
}

/// The error table.
pub fn classify_error(code: i64) -> ErrorClass {
    match code {
        2013 => ErrorClass::RoomNotFound,
        2027 => ErrorClass::RoomEnded,
        2012 | 2014..=2017 | 2023 => ErrorClass::RoleRejected,
        2420 => ErrorClass::RateLimited,
        _ => ErrorClass::Ignored,
    }
}

/// Reads the next parsed frame; `None` when the socket closed or failed.
pub async fn next_frame(socket: &mut Socket) -> Option<Frame> {
    loop {
        match socket.next().await? {
            Ok(Message::Text(text)) => {
                if let Some(frame) = parse_frame(&text) {
                    return Some(frame);
                }
            }
            Ok(Message::Close(_)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Closes a socket politely, without waiting long for the server's answer.
pub async fn close(mut socket: Socket) {
    let _ = tokio::time::timeout(Duration::from_millis(500), async {
        let _ = socket.close(None).await;
        // Drain until the server's close frame (or the end) so the TCP close is clean.
        while let Some(Ok(_)) = socket.next().await {}
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn player_names_from_the_lobby_are_capped_and_cleaned() {
        let long = "W".repeat(3000);
        let frames = [
            json!({"pc": 1, "opcode": "client/welcome", "result": {"id": 7, "here": {
                "2": {"id": 2, "roles": {"player": {"name": long}}}}}}),
            json!({"pc": 2, "opcode": "client/connected", "result": {
                "id": 2, "userId": "u", "name": long, "role": "player"}}),
            json!({"pc": 3, "opcode": "object", "result": {
                "key": "bc:customer:u", "val": {"name": long}}}),
        ];
        for frame in frames {
            let name = match parse_frame(&frame.to_string()) {
                Some(Frame::Welcome(w)) => w.players[0].name.clone(),
                Some(Frame::PlayerConnected(s)) => s.name,
                Some(Frame::Update(Update::Player(s))) => s.name,
                other => panic!("{other:?}"),
            }
            .unwrap();
            assert_eq!(name.chars().count(), MAX_PLAYER_NAME, "{frame}");
            assert!(name.ends_with('…'));
        }
        assert_eq!(clean_player_name("AL\nICE\u{7}"), "ALICE");
    }

    #[test]
    fn welcome_players_in_id_order_and_entities_read_as_updates() {
        let frame = json!({"pc": 1, "opcode": "client/welcome", "result": {
            "id": 7, "secret": "s", "reconnect": false, "profile": null,
            "here": {
                "10": {"id": 10, "roles": {"player": {"name": "DAVE"}}},
                "3": {"id": 3, "roles": {"player": {"name": "CAROL"}}},
                "1": {"id": 1, "roles": {"host": {}}},
                "2": {"id": 2, "roles": {"player": {"name": "ALICE"}}},
                "5": {"id": 5, "roles": {"shard": {}}}
            },
            "entities": {
                "bc:room": ["text", {"key": "bc:room", "val": "{\"state\":\"Lobby\",\"lobbyState\":\"CanStart\"}",
                                     "version": 3, "from": 1, "acl": [{"interest": "r", "principal": "*"}]},
                            {"locked": false}],
                "bc:customer:0f9c-uuid": ["object", {"key": "bc:customer:0f9c-uuid", "val": {"name": "ALICE"},
                                                     "version": 0, "from": 1}, {"locked": false}],
                "audience": ["number", {"key": "audience", "val": 0, "version": 0, "from": 1}, {"locked": false}]
            }
        }});
        let Some(Frame::Welcome(w)) = parse_frame(&frame.to_string()) else {
            panic!("not a welcome")
        };
        assert_eq!(w.id, 7);
        let names: Vec<_> = w.players.iter().filter_map(|p| p.name.clone()).collect();
        assert_eq!(names, ["ALICE", "CAROL", "DAVE"]);
        let Update::Room(room) = &w.updates[0] else {
            panic!("room first")
        };
        assert_eq!(room.state.as_deref(), Some("Lobby"));
        assert_eq!(room.lobby_state.as_deref(), Some("CanStart"));
        assert_eq!(
            w.updates[1],
            Update::Player(Sighting {
                conn: None,
                user: Some("0f9c-uuid".into()),
                name: Some("ALICE".into())
            })
        );
        assert_eq!(w.updates[2], Update::Other);
    }

    /// Verbatim frames of live Quiplash 3 rooms (`tests/fixtures/ecast/README.md`).
    #[test]
    fn recorded_quiplash3_frames() {
        let read = |text: &str| parse_frame(text).expect("a frame");
        let Frame::Welcome(w) = read(include_str!(
            "../../tests/fixtures/ecast/q3_player_welcome.json"
        )) else {
            panic!("not a welcome")
        };
        assert!(w.here_known);
        let names: Vec<_> = w.players.iter().filter_map(|p| p.name.clone()).collect();
        assert_eq!(names, ["RECX", "RECX2", "REC2", "REC3", "REC4"]);
        assert!(w.updates.contains(&Update::Player(Sighting {
            conn: Some("4".into()),
            user: None,
            name: Some("REC1".into()),
        })));
        let Frame::Welcome(w) = read(include_str!(
            "../../tests/fixtures/ecast/q3_audience_welcome.json"
        )) else {
            panic!("not a welcome")
        };
        assert!(!w.here_known, "here: null says nothing about players");
        assert!(w.players.is_empty());
        assert!(w.updates.contains(&Update::Room(RoomEntity {
            state: Some("Logo".into()),
            ..RoomEntity::default()
        })));
        let empty = read(include_str!(
            "../../tests/fixtures/ecast/q3_player_empty.json"
        ));
        assert_eq!(
            empty,
            Frame::Update(Update::Player(Sighting {
                conn: Some("2".into()),
                user: None,
                name: None,
            }))
        );
        let named = read(include_str!("../../tests/fixtures/ecast/q3_player.json"));
        assert!(matches!(
            named,
            Frame::Update(Update::Player(Sighting { name: Some(ref n), .. })) if n == "QA1"
        ));
        let Frame::Update(Update::Room(post)) = read(include_str!(
            "../../tests/fixtures/ecast/q3_room_postgame.json"
        )) else {
            panic!("not a room update")
        };
        assert_eq!(
            (
                post.state.as_deref(),
                post.lobby_state.as_deref(),
                post.game_finished
            ),
            (Some("Lobby"), Some("PostGame"), Some(true))
        );
        let json = read(include_str!("../../tests/fixtures/ecast/json.json"));
        assert!(matches!(json, Frame::Update(Update::Room(_))), "{json:?}");
    }

    #[test]
    fn room_keys_opcode_fallback_and_errors() {
        for key in ROOM_KEYS {
            let f = json!({"pc": 2, "opcode": "object", "result": {"key": key, "val": {"state": "Logo"}, "version": 2, "from": 1}});
            assert_eq!(
                parse_frame(&f.to_string()),
                Some(Frame::Update(Update::Room(RoomEntity {
                    state: Some("Logo".into()),
                    ..Default::default()
                })))
            );
        }
        let f = json!({"pc": 2, "type": "text", "result": {"key": "room", "val": "{\"state\":\"Logo\"}"}});
        assert!(matches!(
            parse_frame(&f.to_string()),
            Some(Frame::Update(Update::Room(RoomEntity {
                state: Some(_),
                ..
            })))
        ));
        let e = json!({"pc": 3, "opcode": "error", "result": {"code": 2023, "msg": "denied"}});
        assert!(matches!(
            parse_frame(&e.to_string()),
            Some(Frame::Error { code: 2023, .. })
        ));
        assert_eq!(parse_frame("not json"), None);
        for code in [2012, 2014, 2015, 2016, 2017, 2023] {
            assert_eq!(classify_error(code), ErrorClass::RoleRejected, "{code}");
        }
        assert_eq!(classify_error(2013), ErrorClass::RoomNotFound);
        assert_eq!(classify_error(2027), ErrorClass::RoomEnded);
        assert_eq!(classify_error(2420), ErrorClass::RateLimited);
        assert_eq!(classify_error(2000), ErrorClass::Ignored);
    }

    #[test]
    fn lookup_shapes() {
        assert_eq!(parse_lookup(&json!({"ok": false})), Lookup::NotFound);
        assert!(matches!(
            parse_lookup(&json!({"ok": true})),
            Lookup::Transient(_)
        ));
        let found = parse_lookup(
            &json!({"ok": true, "body": {"code": "ABCD", "appTag": "quiplash3", "host": "h:1", "maxPlayers": 8}}),
        );
        assert!(matches!(
            found,
            Lookup::Found(RoomInfo {
                max_players: Some(8),
                ..
            })
        ));
    }

    /// The TLS paths (`https://` look-up, `wss://` shard) build their rustls configuration
    /// without panicking and report a server that is not TLS as an error to retry.
    #[tokio::test]
    async fn tls_errors_are_transient() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((s, _)) = listener.accept().await {
                drop(s);
            }
        });
        let client = Client::new(&format!("https://{addr}"), Duration::from_secs(5)).unwrap();
        assert!(matches!(client.lookup("ABCD").await, Lookup::Transient(_)));
        let room = RoomInfo {
            code: "ABCD".into(),
            app_tag: None,
            host: addr.to_string(),
            locked: false,
            full: false,
            max_players: None,
        };
        assert!(client
            .play_url(&room, "n", "u", Some((3, "s e")))
            .starts_with(&format!("wss://{addr}/api/v2/rooms/ABCD/play?role=shard&name=n&user-id=u&format=json&secret=s%20e&id=3")));
        assert!(client.connect(&room, "n", "u", None).await.is_err());
    }
}
