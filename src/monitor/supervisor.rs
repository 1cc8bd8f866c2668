//! The daemon's monitor supervisor: one monitor task per `monitoring` row.
//!
//! It reconciles the running tasks with the database: at startup (resume after a restart),
//! on every `monitor.changed` event ([`Supervisor::on_monitor_changed`]), and, as a
//! fallback when no event dispatcher drives it, on a 1 s poll ([`Supervisor::poll`]).
//! Shutdown stops the tasks without touching the status, so they resume next start.

use super::{lock, Config, LiveSink, LiveStatus, Monitor, Outcome, StopHandle};
use crate::core::monitoring;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::task::JoinHandle;

struct Running {
    room_code: String,
    stop: StopHandle,
    live: Arc<Mutex<LiveStatus>>,
    task: JoinHandle<Outcome>,
}

/// Runs and stops monitors to match the `monitoring` rows of one database.
pub struct Supervisor {
    cfg: Config,
    db: PathBuf,
    /// A connection of its own for reading the monitored rows (opened on first use).
    reader: Arc<Mutex<Option<rusqlite::Connection>>>,
    sink: Arc<dyn LiveSink>,
    running: Mutex<HashMap<i64, Running>>,
    /// Serialises reconciliations (events and the poll may ask at the same time).
    sync_lock: tokio::sync::Mutex<()>,
}

impl Supervisor {
    pub fn new(cfg: Config, db: PathBuf, sink: Arc<dyn LiveSink>) -> Arc<Supervisor> {
        Arc::new(Supervisor {
            cfg,
            db,
            reader: Arc::new(Mutex::new(None)),
            sink,
            running: Mutex::new(HashMap::new()),
            sync_lock: tokio::sync::Mutex::new(()),
        })
    }

    /// Starts a monitor for every `monitoring` row without one, stops those whose row is
    /// gone, no longer `monitoring`, or on another room code, and forgets finished ones.
    pub async fn sync(&self) {
        let _guard = self.sync_lock.lock().await;
        let (path, reader) = (self.db.clone(), self.reader.clone());
        let rows = tokio::task::spawn_blocking(move || {
            let mut reader = lock(&reader);
            if reader.is_none() {
                *reader = Some(crate::store::open(&path)?);
            }
            match reader.as_ref() {
                Some(conn) => monitoring::monitoring(conn),
                None => Ok(Vec::new()),
            }
        })
        .await;
        let rows = match rows {
            Ok(Ok(rows)) => rows,
            Ok(Err(e)) => {
                tracing::warn!("monitor supervisor: cannot read the monitored games: {e}");
                return;
            }
            Err(_) => return,
        };
        let wanted: HashMap<i64, String> = rows
            .iter()
            .filter_map(|sg| sg.room_code.clone().map(|c| (sg.id, c)))
            .collect();
        let mut to_start = Vec::new();
        {
            let mut running = lock(&self.running);
            running.retain(|id, r| {
                let keep = !r.task.is_finished() && wanted.get(id) == Some(&r.room_code);
                if !keep {
                    r.stop.stop();
                }
                keep
            });
            for sg in rows {
                if sg.room_code.is_some() && !running.contains_key(&sg.id) {
                    to_start.push(sg);
                }
            }
        }
        for sg in to_start {
            let path = self.db.clone();
            let conn = match tokio::task::spawn_blocking(move || crate::store::open(&path)).await {
                Ok(Ok(c)) => c,
                _ => continue,
            };
            let code = sg.room_code.clone().unwrap_or_default();
            let id = sg.id;
            let monitor = Monitor::new(
                self.cfg.clone(),
                Arc::new(Mutex::new(conn)),
                self.sink.clone(),
                sg,
            );
            let (monitor, stop) = match monitor {
                Ok(m) => m,
                Err(e) => {
                    tracing::warn!("monitor for session game {id}: {e}");
                    continue;
                }
            };
            let live = monitor.live();
            let task = tokio::spawn(monitor.run());
            tracing::info!("monitoring room {code} (session game {id})");
            lock(&self.running).insert(
                id,
                Running {
                    room_code: code,
                    stop,
                    live,
                    task,
                },
            );
        }
    }

    /// The monitors' settings (the lobby server's URL, timings).
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// A `monitor.changed` event from the outbox.
    pub async fn on_monitor_changed(&self, _session_game_id: i64, _status: &str) {
        self.sync().await;
    }

    /// The fallback driver: reconciles every `every` until `shutdown` resolves.
    pub async fn poll(self: Arc<Self>, every: Duration, shutdown: impl std::future::Future) {
        tokio::pin!(shutdown);
        loop {
            self.sync().await;
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = &mut shutdown => return,
            }
        }
    }

    /// The live state of a running monitor (for `status-live` and `game.status`).
    pub fn live(&self, session_game_id: i64) -> Option<LiveStatus> {
        let running = lock(&self.running);
        let r = running.get(&session_game_id)?;
        if r.task.is_finished() {
            return None;
        }
        let live = lock(&r.live).clone();
        Some(live)
    }

    /// How many monitors run.
    pub fn len(&self) -> usize {
        lock(&self.running)
            .values()
            .filter(|r| !r.task.is_finished())
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Daemon shutdown: stops every monitor (closing its connections) and waits for them,
    /// at most `grace`. Their rows stay `monitoring` to resume at the next start.
    pub async fn shutdown(&self, grace: Duration) {
        let tasks: Vec<Running> = lock(&self.running).drain().map(|(_, r)| r).collect();
        for r in &tasks {
            r.stop.stop();
        }
        let wait = futures_util::future::join_all(tasks.into_iter().map(|r| r.task));
        let _ = tokio::time::timeout(grace, wait).await;
    }
}
