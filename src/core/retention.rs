//! How long the outbox and the webhook history are kept (`docs/live.md`, "Retention"), and
//! the one function that deletes what is older. The daemon runs it at start and hourly.

use crate::core::vocab::DeliveryState;
use crate::Result;
use rusqlite::Connection;

/// Events already handed out by the daemon's dispatcher are kept this long (for
/// `GET`-less debugging with `sqlite3`), then deleted.
pub const EVENT_HOURS: i64 = 24;
/// Finished webhook deliveries (delivered or given up) and delivery logs are kept this long.
pub const WEBHOOK_HISTORY_DAYS: i64 = 30;
/// At most this many delivery log rows are kept per webhook (the newest).
pub const LOGS_PER_WEBHOOK: i64 = 1_000;

/// Rows deleted by one [`prune`].
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pruned {
    pub events: usize,
    pub deliveries: usize,
    pub logs: usize,
}

/// Deletes events up to `dispatched` (the dispatcher's position: never an event not yet
/// handed out) older than [`EVENT_HOURS`], finished deliveries and logs older than
/// [`WEBHOOK_HISTORY_DAYS`], and logs beyond [`LOGS_PER_WEBHOOK`] per webhook. Pending
/// deliveries are never touched (they carry their own payload, not a reference to the event).
pub fn prune(conn: &Connection, dispatched: Option<i64>) -> Result<Pruned> {
    let now = chrono::Utc::now();
    let event_cutoff = crate::time::format(now - chrono::Duration::hours(EVENT_HOURS));
    let history_cutoff = crate::time::format(now - chrono::Duration::days(WEBHOOK_HISTORY_DAYS));
    let mut out = Pruned::default();
    if let Some(upto) = dispatched {
        out.events = conn
            .prepare_cached("DELETE FROM events WHERE id <= ?1 AND created_at < ?2")?
            .execute(rusqlite::params![upto, event_cutoff])?;
    }
    out.deliveries = conn
        .prepare_cached(
            "DELETE FROM webhook_deliveries
             WHERE state IN (?2, ?3) AND created_at < ?1",
        )?
        .execute(rusqlite::params![
            history_cutoff,
            DeliveryState::Delivered,
            DeliveryState::Failed
        ])?;
    out.logs = conn
        .prepare_cached("DELETE FROM webhook_logs WHERE created_at < ?1")?
        .execute([&history_cutoff])?;
    out.logs += conn
        .prepare_cached(
            "DELETE FROM webhook_logs WHERE id IN (
                 SELECT id FROM (
                     SELECT id, ROW_NUMBER() OVER (PARTITION BY webhook_id ORDER BY id DESC) AS n
                     FROM webhook_logs
                 ) WHERE n > ?1
             )",
        )?
        .execute([LOGS_PER_WEBHOOK])?;
    Ok(out)
}
