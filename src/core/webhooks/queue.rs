//! The delivery queue: which deliveries are due, recording each attempt with its retry
//! schedule, the test delivery, and what is still pending. Synchronous database work shared
//! by the daemon's sender, `jackbox webhook flush` and `jackbox webhook test`; the HTTP
//! sending itself is `crate::webhooks`.

use super::registry::webhook_not_found;
use crate::core::audit::{self, Action};
use crate::core::events::{Event, WebhookTest, Wire};
use crate::core::vocab::DeliveryState;
use crate::{store, Result};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;
use std::time::Duration;

/// How many attempts a delivery gets before it is given up (`failed`).
pub const MAX_ATTEMPTS: i64 = 5;

/// Multipliers of the retry base delay after attempt 1, 2, 3, 4: with the default base of
/// 10 s this is 10 s, 30 s, 2 min, 8 min (about 10.7 minutes from first to last attempt).
const BACKOFF_FACTORS: [u64; 4] = [1, 3, 12, 48];

/// The default base of the retry schedule (`JACKBOX_WEBHOOK_RETRY_BASE_MS`, read by
/// `crate::env`, overrides it).
pub const DEFAULT_RETRY_BASE_MS: u64 = 10_000;

/// The wait before the next attempt after `attempt` (1-based) failed.
pub fn backoff(attempt: i64, base: Duration) -> Duration {
    let i = (attempt.max(1) as usize - 1).min(BACKOFF_FACTORS.len() - 1);
    base.saturating_mul(BACKOFF_FACTORS[i] as u32)
}

/// A delivery ready to be sent, with what the sender needs (the secret stays in memory only
/// as long as the request takes; it is never logged).
#[derive(Clone)]
pub struct Due {
    pub id: i64,
    pub webhook_id: i64,
    pub delivery_id: String,
    pub event_type: String,
    pub payload: String,
    pub attempts: i64,
    pub url: String,
    pub secret: String,
}

impl std::fmt::Debug for Due {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Due")
            .field("id", &self.id)
            .field("webhook_id", &self.webhook_id)
            .field("delivery_id", &self.delivery_id)
            .field("event_type", &self.event_type)
            .field("attempts", &self.attempts)
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// Pending deliveries of enabled webhooks due at `now` (all pending ones when `now` is
/// `None`), oldest first, at most `limit`, leaving out the webhooks in `skip` (those the
/// sender is already busy with, so a long backlog of one never hides the others).
pub fn due(conn: &Connection, now: Option<&str>, limit: i64, skip: &[i64]) -> Result<Vec<Due>> {
    let skip = serde_json::to_string(skip)?;
    // The state is spelled into the SQL (not bound) so the partial index applies.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT d.id, d.webhook_id, d.delivery_id, d.event_type, d.payload, d.attempts,
                w.url, w.secret
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
         WHERE d.state = '{}' AND w.enabled = 1
           AND (?1 IS NULL OR d.next_attempt_at <= ?1)
           AND d.webhook_id NOT IN (SELECT value FROM json_each(?3))
         ORDER BY d.id LIMIT ?2",
        DeliveryState::Pending
    ))?;
    let rows = stmt.query_map(rusqlite::params![now, limit, skip], |r| {
        Ok(Due {
            id: r.get(0)?,
            webhook_id: r.get(1)?,
            delivery_id: r.get(2)?,
            event_type: r.get(3)?,
            payload: r.get(4)?,
            attempts: r.get(5)?,
            url: r.get(6)?,
            secret: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// When the earliest pending delivery of an enabled webhook is due.
pub fn next_due_at(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT MIN(d.next_attempt_at) FROM webhook_deliveries d
             JOIN webhooks w ON w.id = d.webhook_id
             WHERE d.state = '{}' AND w.enabled = 1",
            DeliveryState::Pending
        ))?
        .query_row([], |r| r.get(0))?)
}

/// What one HTTP attempt gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub status: Option<u16>,
    pub error: Option<String>,
    /// How long the receiver asked to wait (a `429`'s `retry_after` / `Retry-After`): the
    /// next attempt is then, instead of the usual schedule.
    pub retry_after: Option<Duration>,
}

impl Outcome {
    pub fn delivered(&self) -> bool {
        self.error.is_none() && self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// The delivery's state after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterAttempt {
    Delivered,
    /// Will be retried at the scheduled time.
    Retrying,
    /// The last attempt failed: given up.
    Failed,
}

/// Logs one attempt and moves the delivery on (delivered, retry later, or failed), in one
/// transaction. A delivery whose webhook was deleted meanwhile is silently dropped.
pub fn record_attempt(
    conn: &mut Connection,
    d: &Due,
    outcome: &Outcome,
    base: Duration,
) -> Result<AfterAttempt> {
    let attempt = d.attempts + 1;
    let now = chrono::Utc::now();
    let after = if outcome.delivered() {
        AfterAttempt::Delivered
    } else if attempt >= MAX_ATTEMPTS {
        AfterAttempt::Failed
    } else {
        AfterAttempt::Retrying
    };
    let wait = outcome
        .retry_after
        .unwrap_or_else(|| backoff(attempt, base));
    let next = chrono::Duration::from_std(wait)
        .map(|b| crate::time::format(now + b))
        .unwrap_or_else(|_| crate::time::format(now));
    let state = match after {
        AfterAttempt::Delivered => DeliveryState::Delivered,
        AfterAttempt::Retrying => DeliveryState::Pending,
        AfterAttempt::Failed => DeliveryState::Failed,
    };
    store::write(conn, |tx| {
        let n = tx
            .prepare_cached(
                "UPDATE webhook_deliveries SET attempts = ?2, state = ?3, next_attempt_at = ?4
                 WHERE id = ?1 AND state = ?5",
            )?
            .execute(rusqlite::params![
                d.id,
                attempt,
                state,
                next,
                DeliveryState::Pending
            ])?;
        if n == 1 {
            log_attempt(
                tx,
                d.webhook_id,
                Some(&d.delivery_id),
                &d.event_type,
                &d.payload,
                outcome,
                attempt,
            )?;
        }
        Ok(())
    })?;
    Ok(after)
}

/// Writes one `webhook_logs` row.
pub fn log_attempt(
    conn: &Connection,
    webhook_id: i64,
    delivery_id: Option<&str>,
    event_type: &str,
    payload: &str,
    outcome: &Outcome,
    attempt: i64,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO webhook_logs (webhook_id, delivery_id, event_type, payload,
            response_status, error_message, attempt, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(rusqlite::params![
        webhook_id,
        delivery_id,
        event_type,
        payload,
        outcome.status,
        outcome.error,
        attempt,
        crate::time::now()
    ])?;
    Ok(())
}

/// The body of a `test` event for webhook `id`, and what the sender needs to send it.
pub fn test_delivery(conn: &Connection, id: i64) -> Result<Due> {
    let (url, secret): (String, String) = conn
        .prepare_cached("SELECT url, secret FROM webhooks WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(webhook_not_found)?;
    let event = Event::Test(WebhookTest {
        message: "This is a test webhook from jackbox".into(),
        webhook_id: id,
    });
    let payload = Wire::new(&event, crate::time::now())?.webhook_body()?;
    Ok(Due {
        id: 0,
        webhook_id: id,
        delivery_id: format!("test-{id}-{}", hex::encode(rand::random::<[u8; 6]>())),
        event_type: event.name().into(),
        payload,
        attempts: 0,
        url,
        secret,
    })
}

/// Records that a `test` event was sent to webhook `id` (its own small transaction: the
/// send itself writes only the webhook's log).
pub fn record_test(
    conn: &mut Connection,
    id: i64,
    delivered: bool,
    status: Option<u16>,
) -> Result<()> {
    store::write(conn, |tx| {
        audit::record(
            tx,
            Action::WebhookTest,
            Some(format!("webhook:{id}")),
            json!({ "delivered": delivered, "status": status }),
        )
    })
}

/// Pending deliveries queued for events after `after_event_id` (the CLI's note).
pub fn pending_since(conn: &Connection, after_event_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT COUNT(*) FROM webhook_deliveries WHERE state = ?2 AND event_id > ?1",
        )?
        .query_row(
            rusqlite::params![after_event_id, DeliveryState::Pending],
            |r| r.get(0),
        )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_schedule_is_10s_30s_2min_8min() {
        let base = Duration::from_millis(DEFAULT_RETRY_BASE_MS);
        let waits: Vec<u64> = (1..=4).map(|a| backoff(a, base).as_secs()).collect();
        assert_eq!(waits, [10, 30, 120, 480]);
    }
}
