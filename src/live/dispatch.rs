//! The outbox dispatcher: reads committed events from `events` in id (= commit) order and
//! hands each to the WebSocket hub (and `monitor.changed` to the room-monitor hook), then
//! wakes the webhook sender.
//!
//! It is woken at once by the daemon's own commits (a `Notify`) and, for commits made by
//! other processes (the CLI), by a `PRAGMA data_version` check on its own connection every
//! 50 ms. Its position is kept in `settings` (`outbox_position`), so a restart neither skips
//! nor replays events; on the very first start it begins at the newest event.

use super::Live;
use crate::core::events::{self, StoredEvent, AUTH_CHANGED, MONITOR_CHANGED};
use crate::{store, Error, Result};
use rusqlite::Connection;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The `settings` key holding the id of the last event handed out.
pub const POSITION_KEY: &str = "outbox_position";
/// How often the dispatcher looks for commits made by other processes.
const POLL: Duration = Duration::from_millis(50);
/// Events read per query.
const BATCH: i64 = 500;
/// The position is written at most this often (and at shutdown): after a crash at most this
/// much is handed out again.
const PERSIST_EVERY: Duration = Duration::from_secs(1);

struct Reader {
    conn: Connection,
    position: i64,
    persisted: i64,
    persisted_at: Instant,
    data_version: i64,
}

impl Reader {
    fn open(db: &std::path::Path) -> Result<Self> {
        let conn = store::open(db)?;
        let position = match store::setting(&conn, POSITION_KEY)? {
            Some(v) => v
                .parse::<i64>()
                .map_err(|_| Error::storage(format!("bad {POSITION_KEY} setting: {v}")))?,
            None => {
                let last = events::last_event_id(&conn)?;
                store::set_setting(&conn, POSITION_KEY, &last.to_string())?;
                last
            }
        };
        Ok(Reader {
            conn,
            position,
            persisted: position,
            persisted_at: Instant::now(),
            data_version: -1,
        })
    }

    fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// New events since the position (empty if nothing was committed).
    fn read(&mut self, force: bool) -> Result<Vec<StoredEvent>> {
        let dv = self.data_version()?;
        if !force && dv == self.data_version {
            return Ok(Vec::new());
        }
        let batch = events::events_after(&self.conn, self.position, BATCH)?;
        // Only remember the version once everything up to it was read.
        if (batch.len() as i64) < BATCH {
            self.data_version = dv;
        }
        if let Some(last) = batch.last() {
            self.position = last.id;
        }
        Ok(batch)
    }

    fn persist(&mut self, now: bool) -> Result<()> {
        if self.position != self.persisted && (now || self.persisted_at.elapsed() >= PERSIST_EVERY)
        {
            store::set_setting(&self.conn, POSITION_KEY, &self.position.to_string())?;
            self.persisted = self.position;
            self.persisted_at = Instant::now();
        }
        Ok(())
    }
}

/// Runs until `live` shuts down. `db` is the database file (the dispatcher keeps its own
/// connection to it).
pub async fn run(db: PathBuf, live: Arc<Live>) {
    let mut shutdown = live.shutdown_signal();
    let reader = match tokio::task::spawn_blocking(move || Reader::open(&db)).await {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => {
            tracing::error!("outbox dispatcher not started: {e}");
            return;
        }
        Err(e) => {
            tracing::error!("outbox dispatcher not started: {e}");
            return;
        }
    };
    let mut reader = Some(reader);
    let mut force = true;
    loop {
        let Some(mut r) = reader.take() else { return };
        let job = tokio::task::spawn_blocking(move || {
            let out = r.read(force).and_then(|batch| {
                r.persist(false)?;
                Ok(batch)
            });
            (r, out)
        })
        .await;
        let (r, out) = match job {
            Ok(v) => v,
            Err(e) => {
                tracing::error!("outbox dispatcher stopped: {e}");
                return;
            }
        };
        reader = Some(r);
        let mut more = false;
        match out {
            Ok(batch) => {
                more = batch.len() as i64 == BATCH;
                if !batch.is_empty() {
                    let mut auth_changed = false;
                    for ev in batch {
                        auth_changed |= ev.event_type == AUTH_CHANGED;
                        live.dispatch(ev);
                    }
                    if auth_changed {
                        tokio::spawn(live.clone().recheck_auth());
                    }
                    live.webhooks_wake.notify_one();
                }
            }
            Err(e) => tracing::warn!("outbox read failed (retrying): {e}"),
        }
        if more {
            force = true;
            continue;
        }
        tokio::select! {
            _ = shutdown.changed() => break,
            _ = live.committed.notified() => force = true,
            _ = tokio::time::sleep(POLL) => force = false,
        }
    }
    if let Some(mut r) = reader {
        let _ = tokio::task::spawn_blocking(move || r.persist(true)).await;
    }
}

impl Live {
    /// Hands one stored event to its consumers.
    pub(crate) fn dispatch(&self, ev: StoredEvent) {
        if ev.event_type == AUTH_CHANGED {
            return;
        }
        if self.events.receiver_count() > 0 {
            let _ = self.events.send(ev.clone());
        }
        if ev.event_type == MONITOR_CHANGED {
            // No receiver (no monitor supervisor running) is fine.
            let _ = self.monitor_events.send(ev);
            return;
        }
        let frame: Arc<str> = Arc::from(ev.payload);
        // A new or reopened session concerns every client, subscribed to it or not.
        if ev.event_type == events::names::SESSION_STARTED
            || ev.event_type == events::names::SESSION_REOPENED
        {
            self.hub.broadcast(frame);
        } else if let Some(session_id) = ev.session_id {
            self.hub.publish(session_id, frame);
        }
    }
}
