//! Events: the one [`Event`] type and the outbox it travels through.
//!
//! Every state change writes its event with [`emit`], in its own transaction. The daemon
//! reads `events` in id (= commit) order and fans each one out to WebSocket clients;
//! webhook deliveries are queued here too, one row per subscribed webhook, so they
//! survive restarts and can be flushed without a daemon. Both carry the same serialized
//! [`Event`]: the WebSocket frame `{ "type", "timestamp", "data" }` and the webhook body
//! `{ "event", "timestamp", "data" }` share one `data`.
//!
//! To add an event: a payload struct in `payload.rs`, a line in the [`events!`] list below
//! (in `webhook` if receivers may subscribe to it), and the docs (`docs/live.md`).

pub mod discord;
pub mod payload;

pub use payload::*;

use crate::core::vocab::{MonitorStatus, WebhookFormat};
use crate::Result;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Declares [`Event`]: one variant per event, its wire name, and whether webhooks may
/// subscribe to it.
macro_rules! events {
    (
        webhook { $( $(#[$wm:meta])* $wv:ident($wp:ty) = $wc:ident: $wn:literal, )+ }
        not_webhook { $( $(#[$om:meta])* $ov:ident($op:ty) = $oc:ident: $on:literal, )+ }
    ) => {
        /// Each event's wire name, for code that routes on the stored `type` column.
        pub mod names {
            $( pub const $wc: &str = $wn; )+
            $( pub const $oc: &str = $on; )+
        }

        /// Every event of the product. Serialized adjacently tagged: `{ "type": name,
        /// "data": payload }` (the wire adds `timestamp` between the two, see [`Event::frame`]).
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "type", content = "data")]
        pub enum Event {
            $( $(#[$wm])* #[serde(rename = $wn)] $wv($wp), )+
            $( $(#[$om])* #[serde(rename = $on)] $ov($op), )+
        }

        /// Every event as (constant name, wire name), e.g. `("GAME_ADDED", "game.added")`:
        /// what the web pages' generated vocabulary module exports.
        pub const EVENT_NAMES: &[(&str, &str)] = &[
            $( (stringify!($wc), $wn), )+
            $( (stringify!($oc), $on), )+
        ];

        /// The events a webhook may subscribe to (`events` of a webhook).
        pub const WEBHOOK_EVENTS: &[&str] = &[$(names::$wc),+];

        impl Event {
            /// The wire name (`type` of a frame, `event` of a webhook body).
            pub fn name(&self) -> &'static str {
                match self {
                    $( Event::$wv(_) => names::$wc, )+
                    $( Event::$ov(_) => names::$oc, )+
                }
            }

            /// Whether webhooks may receive it.
            pub fn is_webhook_event(&self) -> bool {
                match self {
                    $( Event::$wv(_) => true, )+
                    $( Event::$ov(_) => false, )+
                }
            }

            /// The serialized payload (`data`).
            pub fn data(&self) -> Result<Value> {
                Ok(match self {
                    $( Event::$wv(p) => serde_json::to_value(p)?, )+
                    $( Event::$ov(p) => serde_json::to_value(p)?, )+
                })
            }
        }
    };
}

events! {
    webhook {
        SessionStarted(SessionStarted) = SESSION_STARTED: "session.started",
        SessionEnded(SessionEnded) = SESSION_ENDED: "session.ended",
        SessionReopened(SessionReopened) = SESSION_REOPENED: "session.reopened",
        GameAdded(GameAdded) = GAME_ADDED: "game.added",
        PlayerCountUpdated(PlayerCountUpdated) = PLAYER_COUNT_UPDATED: "player-count.updated",
        VoteReceived(VoteReceived) = VOTE_RECEIVED: "vote.received",
        VotesImported(VotesImported) = VOTES_IMPORTED: "votes.imported",
        RoomConnected(RoomConnected) = ROOM_CONNECTED: "room.connected",
        LobbyPlayerJoined(LobbyPlayerJoined) = LOBBY_PLAYER_JOINED: "lobby.player-joined",
        LobbyUpdated(LobbyUpdated) = LOBBY_UPDATED: "lobby.updated",
        GameStarted(GameStarted) = GAME_STARTED: "game.started",
        GameEnded(GameEnded) = GAME_ENDED: "game.ended",
        RoomDisconnected(RoomDisconnected) = ROOM_DISCONNECTED: "room.disconnected",
        GamePicked(GamePicked) = GAME_PICKED: "game.picked",
        GameDismissed(GameDismissed) = GAME_DISMISSED: "game.dismissed",
        PollStart(PollStart) = POLL_START: "poll.start",
        PollLeading(PollLeading) = POLL_LEADING: "poll.leading",
        VotingEnded(VotingEnded) = VOTING_ENDED: "voting.ended",
        PollCancelled(PollCancelled) = POLL_CANCELLED: "poll.cancelled",
        PollEnding(PollEnding) = POLL_ENDING: "poll.ending",
        PollEndingCancelled(PollEndingCancelled) = POLL_ENDING_CANCELLED: "poll.ending.cancelled",
        /// Sent by `POST /api/webhooks/test/{id}` only, never through the outbox.
        Test(WebhookTest) = TEST: "test",
    }
    not_webhook {
        /// The room monitor's 20 s heartbeat: straight to WebSocket subscribers, never
        /// stored.
        GameStatus(GameStatusHeartbeat) = GAME_STATUS: "game.status",
        /// Internal: tells the daemon's monitor supervisor that a session game's
        /// `player_count_check_status` changed. Never sent to clients or webhooks.
        MonitorChanged(MonitorChanged) = MONITOR_CHANGED: "monitor.changed",
        /// Internal: admins or tokens changed (a revoke, a removed or rotated admin, a new
        /// legacy key); the daemon checks its WebSocket clients' tokens again. Never sent
        /// to clients or webhooks.
        AuthChanged(AuthChanged) = AUTH_CHANGED: "auth.changed",
        /// A room monitor's state changed (`core::monitor_state`): to the session's
        /// WebSocket subscribers only, not a webhook event.
        MonitorState(MonitorStateChanged) = MONITOR_STATE: "monitor.state",
        /// A live chat source connected: straight to every authenticated WebSocket
        /// client, never stored.
        ChatConnected(ChatConnected) = CHAT_CONNECTED: "chat.connected",
        /// A live chat source disconnected or failed (likewise never stored).
        ChatDisconnected(ChatDisconnected) = CHAT_DISCONNECTED: "chat.disconnected",
    }
}

pub use names::{AUTH_CHANGED, MONITOR_CHANGED};

/// An event with its time: what the WebSocket and webhooks both serialize.
#[derive(Debug, Clone)]
pub struct Wire {
    pub name: &'static str,
    pub timestamp: String,
    pub data: Value,
}

#[derive(Serialize)]
struct Frame<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    timestamp: &'a str,
    data: &'a Value,
}

#[derive(Serialize)]
struct WebhookBody<'a> {
    event: &'a str,
    timestamp: &'a str,
    data: &'a Value,
}

impl Wire {
    /// `event` stamped with `timestamp` (its payload serialized once).
    pub fn new(event: &Event, timestamp: String) -> Result<Self> {
        Ok(Wire {
            name: event.name(),
            timestamp,
            data: event.data()?,
        })
    }

    /// The WebSocket frame (and stored outbox payload): `{ "type", "timestamp", "data" }`.
    pub fn frame(&self) -> Result<String> {
        Ok(serde_json::to_string(&Frame {
            kind: self.name,
            timestamp: &self.timestamp,
            data: &self.data,
        })?)
    }

    /// The webhook body: `{ "event", "timestamp", "data" }`.
    pub fn webhook_body(&self) -> Result<String> {
        Ok(serde_json::to_string(&WebhookBody {
            event: self.name,
            timestamp: &self.timestamp,
            data: &self.data,
        })?)
    }
}

impl Event {
    /// The WebSocket frame of this event, stamped now (for frames that skip the outbox,
    /// such as the `game.status` heartbeat).
    pub fn frame_now(&self) -> Result<String> {
        Wire::new(self, crate::time::now())?.frame()
    }

    /// Reads a frame (`{ "type", "timestamp", "data" }`) back.
    pub fn from_frame(text: &str) -> Result<Event> {
        Ok(serde_json::from_str(text)?)
    }
}

/// The only way into the outbox: writes `event` inside `tx` (and queues its webhook
/// deliveries). `session_id` routes it to that session's WebSocket subscribers. Returns
/// the outbox id.
pub fn emit(tx: &Connection, session_id: Option<i64>, event: Event) -> Result<i64> {
    let wire = Wire::new(&event, crate::time::now())?;
    tx.prepare_cached(
        "INSERT INTO events (type, session_id, payload, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(rusqlite::params![
        wire.name,
        session_id,
        wire.frame()?,
        wire.timestamp
    ])?;
    let event_id = tx.last_insert_rowid();
    if event.is_webhook_event() {
        queue_webhooks(tx, event_id, &wire)?;
    }
    Ok(event_id)
}

/// Queues a delivery for every enabled webhook subscribed to the event, in its format: the
/// webhook body, or the Discord message (rendered once, only when a Discord webhook wants
/// the event).
fn queue_webhooks(tx: &Connection, event_id: i64, wire: &Wire) -> Result<()> {
    let sql = "INSERT INTO webhook_deliveries
            (webhook_id, event_id, delivery_id, event_type, payload, next_attempt_at, created_at)
         SELECT w.id, ?1, ?1 || '-' || w.id || '-' || lower(hex(randomblob(6))), ?2, ?3, ?4, ?4
         FROM webhooks w
         WHERE w.enabled = 1 AND w.format = ?5
           AND EXISTS (SELECT 1 FROM json_each(w.events) e WHERE e.value = ?2)";
    tx.prepare_cached(sql)?.execute(rusqlite::params![
        event_id,
        wire.name,
        wire.webhook_body()?,
        wire.timestamp,
        WebhookFormat::Json
    ])?;
    let discord: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM webhooks w WHERE w.enabled = 1 AND w.format = ?2
                AND EXISTS (SELECT 1 FROM json_each(w.events) e WHERE e.value = ?1))",
        )?
        .query_row(rusqlite::params![wire.name, WebhookFormat::Discord], |r| {
            r.get(0)
        })?;
    if discord {
        let body = discord::render(tx, wire.name, &wire.data)?.to_string();
        tx.prepare_cached(sql)?.execute(rusqlite::params![
            event_id,
            wire.name,
            body,
            wire.timestamp,
            WebhookFormat::Discord
        ])?;
    }
    Ok(())
}

/// The internal monitor notification for one session game.
pub fn monitor_changed(
    tx: &Connection,
    session_id: i64,
    session_game_id: i64,
    status: MonitorStatus,
) -> Result<()> {
    emit(
        tx,
        Some(session_id),
        Event::MonitorChanged(MonitorChanged {
            session_game_id,
            status,
        }),
    )?;
    Ok(())
}

/// The internal `auth.changed` notification.
pub fn auth_changed(tx: &Connection) -> Result<()> {
    emit(tx, None, Event::AuthChanged(AuthChanged {}))?;
    Ok(())
}

/// The newest outbox id (0 when empty).
pub fn last_event_id(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT COALESCE(MAX(id), 0) FROM events")?
        .query_row([], |r| r.get(0))?)
}

/// One stored event, as the daemon reads it back.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub id: i64,
    pub event_type: String,
    pub session_id: Option<i64>,
    /// The full event JSON: `{ "type", "timestamp", "data" }`.
    pub payload: String,
}

/// Events after `after_id`, in commit order, at most `limit`.
pub fn events_after(conn: &Connection, after_id: i64, limit: i64) -> Result<Vec<StoredEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, type, session_id, payload FROM events WHERE id > ?1 ORDER BY id LIMIT ?2",
    )?;
    let rows = stmt.query_map([after_id, limit], |r| {
        Ok(StoredEvent {
            id: r.get(0)?,
            event_type: r.get(1)?,
            session_id: r.get(2)?,
            payload: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::vocab::{CountSource, DisconnectReason};

    fn room() -> RoomRef {
        RoomRef {
            session_id: 1,
            game_id: 2,
            session_game_id: 3,
            room_code: Some("ABCD".into()),
        }
    }

    #[test]
    fn one_value_two_envelopes() {
        let event = Event::PlayerCountUpdated(PlayerCountUpdated {
            session_id: 1,
            session_game_id: 3,
            game_id: 2,
            player_count: 5,
            source: CountSource::Manual,
        });
        let wire = Wire::new(&event, "2026-03-15T19:05:00.000Z".into()).unwrap();
        let data =
            r#"{"sessionId":1,"sessionGameId":3,"gameId":2,"playerCount":5,"source":"manual"}"#;
        assert_eq!(
            wire.frame().unwrap(),
            format!(
                r#"{{"type":"player-count.updated","timestamp":"2026-03-15T19:05:00.000Z","data":{data}}}"#
            )
        );
        assert_eq!(
            wire.webhook_body().unwrap(),
            format!(
                r#"{{"event":"player-count.updated","timestamp":"2026-03-15T19:05:00.000Z","data":{data}}}"#
            )
        );
        assert_eq!(Event::from_frame(&wire.frame().unwrap()).unwrap(), event);
    }

    #[test]
    fn flattened_room_keeps_wire_order() {
        let event = Event::RoomDisconnected(RoomDisconnected {
            room: room(),
            reason: DisconnectReason::RoomClosed,
            final_player_count: None,
            ecast_code: None,
            ecast_message: None,
        });
        assert_eq!(
            event.data().unwrap().to_string(),
            r#"{"sessionId":1,"gameId":2,"sessionGameId":3,"roomCode":"ABCD","reason":"room_closed","finalPlayerCount":null}"#
        );
        let frame = event.frame_now().unwrap();
        assert_eq!(Event::from_frame(&frame).unwrap(), event);
    }

    #[test]
    fn webhook_names() {
        assert!(WEBHOOK_EVENTS.contains(&names::GAME_ADDED));
        assert!(WEBHOOK_EVENTS.contains(&names::TEST));
        assert!(!WEBHOOK_EVENTS.contains(&names::GAME_STATUS));
        assert!(!WEBHOOK_EVENTS.contains(&MONITOR_CHANGED));
    }
}
