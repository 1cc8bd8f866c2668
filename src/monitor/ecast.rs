//! The client side of Jackbox's lobby server ("ecast"): the room look-up over HTTP(S), the
//! shard WebSocket (`ecast-v0`), and the parsing of the server frames the monitor uses.
//!
//! Nothing here knows about the database; `super::Monitor` turns frames into events.

use futures_util::StreamExt;
use serde_json::Value;
use std::collections::BTreeMap;
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
        match tokio::time::timeout(self.timeout, tokio_tungstenite::connect_async(req)).await {
            Ok(Ok((socket, _))) => Ok(socket),
            Ok(Err(e)) => Err(format!("WebSocket connection failed: {e}")),
            Err(_) => Err("WebSocket connection timed out".into()),
        }
    }

    /// `ws(s)://{host}/api/v2/rooms/{code}/play?role=shard&…` — `ws://` when the base is
    /// plain `http://` (a local stand-in).
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
            "{scheme}://{}/api/v2/rooms/{}/play?role=shard&name={}&userId={}&format=json",
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
        match val {
            Value::Object(_) => RoomEntity {
                state: val.get("state").and_then(Value::as_str).map(str::to_string),
                lobby_state: val
                    .get("lobbyState")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                game_can_start: val.get("gameCanStart").and_then(Value::as_bool),
                game_is_starting: val.get("gameIsStarting").and_then(Value::as_bool),
                game_finished: val.get("gameFinished").and_then(Value::as_bool),
            },
            Value::String(s) => match serde_json::from_str::<Value>(s) {
                Ok(inner @ Value::Object(_)) => RoomEntity::from_value(&inner),
                _ => RoomEntity {
                    state: Some(s.clone()),
                    ..RoomEntity::default()
                },
            },
            _ => RoomEntity::default(),
        }
    }
}

/// Is this entity key the room entity?
pub fn is_room_key(key: &str) -> bool {
    key == "room" || key == "bc:room"
}

/// An entity key naming one player (`player:3`, `bc:customer:3`): its connection id.
fn player_key_id(key: &str) -> Option<i64> {
    key.strip_prefix("player:")
        .or_else(|| key.strip_prefix("bc:customer:"))
        .and_then(|id| id.parse().ok())
}

/// The `client/welcome` snapshot.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Welcome {
    pub id: i64,
    pub secret: Option<String>,
    /// Players by connection id (ordered by id).
    pub players: BTreeMap<i64, String>,
    pub room: Option<RoomEntity>,
}

/// One server frame, as far as the monitor cares.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    Welcome(Welcome),
    /// `client/connected` of a player.
    PlayerConnected {
        id: i64,
        name: String,
    },
    /// A room entity update.
    Room(RoomEntity),
    /// A per-player entity (`player:N`, `bc:customer:N`) carrying a name.
    PlayerEntity {
        id: i64,
        name: String,
    },
    Lock,
    Exit,
    Error {
        code: i64,
        msg: String,
    },
    /// Anything else (other entities, replies, other roles connecting…).
    Other,
}

/// Parses one text frame `{ "pc", "opcode", "result" }`; `None` when it is not JSON of
/// that shape.
pub fn parse_frame(text: &str) -> Option<Frame> {
    let v: Value = serde_json::from_str(text).ok()?;
    let opcode = v.get("opcode")?.as_str()?;
    let empty = Value::Null;
    let result = v.get("result").unwrap_or(&empty);
    Some(match opcode {
        "client/welcome" => Frame::Welcome(parse_welcome(result)),
        "client/connected" => {
            let role = result.get("role").and_then(Value::as_str).unwrap_or("");
            match (result.get("id").and_then(as_id), role) {
                (Some(id), "player") => Frame::PlayerConnected {
                    id,
                    name: result
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                },
                _ => Frame::Other,
            }
        }
        "object" | "text" => {
            let key = result.get("key").and_then(Value::as_str).unwrap_or("");
            let val = result.get("val").unwrap_or(&empty);
            if is_room_key(key) {
                Frame::Room(RoomEntity::from_value(val))
            } else if let (Some(id), Some(name)) =
                (player_key_id(key), val.get("name").and_then(Value::as_str))
            {
                Frame::PlayerEntity {
                    id,
                    name: name.to_string(),
                }
            } else {
                Frame::Other
            }
        }
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

/// Connection ids come as numbers, or as strings in `here`'s keys.
fn as_id(v: &Value) -> Option<i64> {
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

fn parse_welcome(result: &Value) -> Welcome {
    let mut players = BTreeMap::new();
    if let Some(here) = result.get("here").and_then(Value::as_object) {
        for (key, entry) in here {
            let Some(id) = entry.get("id").and_then(as_id).or_else(|| key.parse().ok()) else {
                continue;
            };
            if let Some(player) = entry.get("roles").and_then(|r| r.get("player")) {
                let name = player
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                players.insert(id, name.to_string());
            }
        }
    }
    let mut room = None;
    if let Some(entities) = result.get("entities").and_then(Value::as_object) {
        for key in ["bc:room", "room"] {
            if let Some(entity) = entities.get(key) {
                // `[type, value, { "locked": … }]`; tolerate a bare value too.
                let val = entity.get(1).unwrap_or(entity);
                room = Some(RoomEntity::from_value(val));
                break;
            }
        }
    }
    Welcome {
        id: result.get("id").and_then(as_id).unwrap_or(0),
        secret: result
            .get("secret")
            .and_then(Value::as_str)
            .map(str::to_string),
        players,
        room,
    }
}

/// Error codes: a role the server will not give us.
pub fn is_role_error(code: i64) -> bool {
    matches!(code, 2014 | 2017 | 2023)
}
pub const ERR_NOT_FOUND: i64 = 2013;
pub const ERR_ROOM_ENDED: i64 = 2027;

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
    fn welcome_players_in_id_order() {
        let frame = json!({"pc": 1, "opcode": "client/welcome", "result": {
            "id": 7, "secret": "s", "reconnect": false, "profile": null,
            "here": {
                "3": {"id": 3, "roles": {"player": {"name": "CAROL"}}},
                "1": {"id": 1, "roles": {"host": {}}},
                "2": {"id": 2, "roles": {"player": {"name": "ALICE"}}},
                "5": {"id": 5, "roles": {"shard": {}}}
            },
            "entities": {"bc:room": ["object", {"state": "Lobby", "lobbyState": "CanStart"}, {"locked": false}]}
        }});
        let Some(Frame::Welcome(w)) = parse_frame(&frame.to_string()) else {
            panic!("not a welcome")
        };
        assert_eq!(w.id, 7);
        assert_eq!(
            w.players.values().cloned().collect::<Vec<_>>(),
            ["ALICE", "CAROL"]
        );
        let room = w.room.unwrap();
        assert_eq!(room.state.as_deref(), Some("Lobby"));
        assert_eq!(room.lobby_state.as_deref(), Some("CanStart"));
    }

    #[test]
    fn text_room_entity_and_errors() {
        let f = json!({"pc": 2, "opcode": "text", "result": {"key": "room", "val": "{\"state\":\"Logo\"}"}});
        assert_eq!(
            parse_frame(&f.to_string()),
            Some(Frame::Room(RoomEntity {
                state: Some("Logo".into()),
                ..Default::default()
            }))
        );
        let e = json!({"pc": 3, "opcode": "error", "result": {"code": 2023, "msg": "denied"}});
        assert!(matches!(
            parse_frame(&e.to_string()),
            Some(Frame::Error { code: 2023, .. })
        ));
        assert_eq!(parse_frame("not json"), None);
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
            .starts_with(&format!("wss://{addr}/api/v2/rooms/ABCD/play?role=shard&name=n&userId=u&format=json&secret=s%20e&id=3")));
        assert!(client.connect(&room, "n", "u", None).await.is_err());
    }
}
