//! The event outbox: every state change writes its event here, in its own transaction.
//!
//! The daemon reads `events` in id (= commit) order and fans each one out to WebSocket
//! clients; webhook deliveries are queued here too, one row per subscribed webhook, so they
//! survive restarts and can be flushed without a daemon.

use crate::Result;
use rusqlite::{Connection, Transaction};
use serde_json::{json, Value};

/// Every event name of `websocket.md` that can reach webhooks, plus `test`.
pub const WEBHOOK_EVENTS: &[&str] = &[
    "session.started",
    "session.ended",
    "game.added",
    "player-count.updated",
    "vote.received",
    "votes.imported",
    "room.connected",
    "lobby.player-joined",
    "lobby.updated",
    "game.started",
    "game.ended",
    "room.disconnected",
    "game.picked",
    "game.dismissed",
    "poll.start",
    "poll.leading",
    "voting.ended",
    "poll.cancelled",
    "test",
];

/// An internal event telling the daemon's monitor supervisor that a session game's
/// `player_count_check_status` changed. Never sent to WebSocket clients or webhooks.
pub const MONITOR_CHANGED: &str = "monitor.changed";

/// Writes one event to the outbox (and queues its webhook deliveries) inside `tx`.
/// Returns the outbox id.
pub fn emit(
    tx: &Transaction,
    event_type: &str,
    session_id: Option<i64>,
    data: Value,
) -> Result<i64> {
    let now = crate::time::now();
    let payload = json!({ "type": event_type, "timestamp": now, "data": data }).to_string();
    tx.prepare_cached(
        "INSERT INTO events (type, session_id, payload, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(rusqlite::params![event_type, session_id, payload, now])?;
    let event_id = tx.last_insert_rowid();
    if event_type != MONITOR_CHANGED {
        queue_webhooks(tx, event_id, event_type, &now, &data)?;
    }
    Ok(event_id)
}

/// Queues a delivery for every enabled webhook subscribed to `event_type`.
fn queue_webhooks(
    tx: &Transaction,
    event_id: i64,
    event_type: &str,
    now: &str,
    data: &Value,
) -> Result<()> {
    let body = json!({ "event": event_type, "timestamp": now, "data": data }).to_string();
    tx.prepare_cached(
        "INSERT INTO webhook_deliveries
            (webhook_id, event_id, delivery_id, event_type, payload, next_attempt_at, created_at)
         SELECT w.id, ?1, ?1 || '-' || w.id || '-' || lower(hex(randomblob(6))), ?2, ?3, ?4, ?4
         FROM webhooks w
         WHERE w.enabled = 1
           AND EXISTS (SELECT 1 FROM json_each(w.events) e WHERE e.value = ?2)",
    )?
    .execute(rusqlite::params![event_id, event_type, body, now])?;
    Ok(())
}

/// The internal monitor notification for one session game.
pub fn monitor_changed(
    tx: &Transaction,
    session_id: i64,
    session_game_id: i64,
    status: &str,
) -> Result<()> {
    emit(
        tx,
        MONITOR_CHANGED,
        Some(session_id),
        json!({ "sessionGameId": session_game_id, "status": status }),
    )?;
    Ok(())
}

/// Webhook deliveries still waiting: the CLI mentions them when no daemon runs.
pub fn pending_deliveries(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'pending'")?
        .query_row([], |r| r.get(0))?)
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
