//! The room monitor: watches one session game's Jackbox room through the lobby server and
//! records players, game start and end (`docs/room-monitor.md`, "Algorithm").
//!
//! One [`Monitor`] per `monitoring` row, run as a tokio task (by the daemon's supervisor or
//! by `jackbox game monitor start --foreground`). It writes events through the core
//! (`core::monitoring`, one transaction per change, nothing when nothing changed); the 20 s
//! `game.status` heartbeat goes to a [`LiveSink`], never to the outbox.
//!
//! This file holds the monitor's shape and its run (the two background tasks, the connect /
//! back-off loop); the jobs of that loop live beside it: `lookup.rs` (finding the room,
//! back-off, stop), `shard.rs` (one shard connection and the probe), `room.rs` (what the
//! server said → players, flags, events), `record.rs` (writing events and state, the end of
//! a run, the live state).

pub mod config;
pub mod ecast;
mod lookup;
mod record;
pub mod resolve;
mod room;
mod shard;
pub mod supervisor;

pub use config::Config;

use crate::core::events::Event;
use crate::core::model::SessionGame;
use crate::core::monitor_state::MonitorState;
use crate::core::monitoring::{self, EcastError};
use crate::core::vocab::DisconnectReason;
use crate::Result;
use ecast::{Lookup, RoomEntity};
use rusqlite::Connection;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::watch;

/// The shard name the monitor connects with.
pub const SHARD_NAME: &str = "jackbox-monitor";

/// Where live-only output goes: the `game.status` heartbeat (the daemon's WebSocket hub, or
/// the terminal), and optionally a copy of each written event and warnings.
pub trait LiveSink: Send + Sync {
    /// A `game.status` event (`{ "type", "timestamp", "data": status-live }`) of a session.
    fn heartbeat(&self, session_id: i64, event_json: String);
    /// An event the monitor just wrote to the outbox (the daemon gets these from the
    /// outbox itself; the foreground mode prints them).
    fn event(&self, _session_id: i64, _event_json: String) {}
    /// Something worth a warning (e.g. the room runs another game than the record says).
    fn warn(&self, message: &str) {
        tracing::warn!("{message}");
    }
}

/// The `status-live` object (`docs/http-api.md`) = the data of `game.status`: one shape, defined
/// by the core (its database fallback lives there too).
pub use crate::core::status_live::StatusLive as LiveStatus;

/// The live state of a monitor that has not reached the room yet.
fn initial_status(sg: &SessionGame) -> LiveStatus {
    LiveStatus {
        game_started: Some(false),
        game_finished: Some(false),
        monitoring: true,
        ..LiveStatus::of(sg)
    }
}

/// The `game.status` event JSON of a live state.
pub fn status_event(live: &LiveStatus) -> String {
    Event::GameStatus(live.clone())
        .frame_now()
        .unwrap_or_default()
}

/// How a monitor run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The game ended / the room closed (status `completed`).
    Completed,
    /// Status `failed` with this `room.disconnected` reason (and the lobby server's error,
    /// when one caused it).
    Failed(DisconnectReason, Option<EcastError>),
    /// Told to stop (Ctrl-C, daemon shutdown): nothing written.
    Stopped,
    /// The row stopped being `monitoring` on this room code (stopped or changed elsewhere).
    Inactive,
}

/// Stop signal values.
const RUN: u8 = 0;
const STOP: u8 = 1;
const INACTIVE: u8 = 2;

/// Tells a running monitor to stop.
#[derive(Debug, Clone)]
pub struct StopHandle(Arc<watch::Sender<u8>>);

impl StopHandle {
    pub fn stop(&self) {
        let _ = self.0.send(STOP);
    }
}

type Flow = std::result::Result<(), Outcome>;

/// One player slot of the room. Slots persist (a closed connection keeps its slot), so
/// players are only ever added. The ids are the strings the server sent; a player seen
/// by connection id (`here`, `client/connected`, `player:<id>`) and by user id
/// (`bc:customer:<user-id>`) is one slot once `client/connected` (which carries both) or
/// the name links them.
#[derive(Debug, Clone)]
struct Player {
    conn: Option<String>,
    user: Option<String>,
    name: String,
}

/// One running monitor.
pub struct Monitor {
    cfg: Config,
    client: ecast::Client,
    db: Arc<Mutex<Connection>>,
    sink: Arc<dyn LiveSink>,
    sg: SessionGame,
    code: String,
    user_id: String,
    live: Arc<Mutex<LiveStatus>>,
    stop_tx: Arc<watch::Sender<u8>>,
    stop: watch::Receiver<u8>,
    players: Vec<Player>,
    room: RoomEntity,
    app_tag: Option<String>,
    max_players: Option<i64>,
    connected: bool,
    /// Whether the server said anything about the players (a `here` map, a player): until
    /// then the count is unknown and the stored one (perhaps set by hand) is left alone.
    players_known: bool,
    /// The game replays the session's previous one on the same room code and has not been
    /// seen in play yet: the room's `gameFinished` (and lock) still belong to the earlier
    /// game (`monitoring::replays_previous`).
    replay_wait: bool,
    started: bool,
    finished: bool,
    not_found_streak: u32,
    /// The state last stored (`core::monitor_state`).
    state: MonitorState,
    /// Failed attempts since the last welcome (`attempt` of `retrying`).
    attempt: i64,
    /// The last error seen, in words (the reason of `retrying` and `failed`).
    last_error: Option<String>,
}

impl Monitor {
    /// A monitor for `sg` (which must have a room code), writing through `db`.
    pub fn new(
        cfg: Config,
        db: Arc<Mutex<Connection>>,
        sink: Arc<dyn LiveSink>,
        sg: SessionGame,
    ) -> Result<(Monitor, StopHandle)> {
        let code = sg
            .room_code
            .clone()
            .ok_or_else(|| crate::Error::state("Game does not have a room code"))?;
        let client = ecast::Client::new(&cfg.ecast_url, cfg.timeout)?;
        let (tx, rx) = watch::channel(RUN);
        let tx = Arc::new(tx);
        let live = initial_status(&sg);
        let state = MonitorState::of(&sg);
        let user_id = {
            use rand::Rng;
            format!("jackbox-{:016x}", rand::thread_rng().gen::<u64>())
        };
        Ok((
            Monitor {
                cfg,
                client,
                db,
                sink,
                sg,
                code,
                user_id,
                live: Arc::new(Mutex::new(live)),
                stop_tx: tx.clone(),
                stop: rx,
                players: Vec::new(),
                room: RoomEntity::default(),
                app_tag: None,
                max_players: None,
                connected: false,
                players_known: false,
                replay_wait: false,
                started: false,
                finished: false,
                not_found_streak: 0,
                state,
                attempt: 0,
                last_error: None,
            },
            StopHandle(tx),
        ))
    }

    /// The live state, shared with whoever answers `status-live`.
    pub fn live(&self) -> Arc<Mutex<LiveStatus>> {
        self.live.clone()
    }

    /// Runs until the game ends, the monitor fails, or it is stopped.
    pub async fn run(mut self) -> Outcome {
        let heartbeat = {
            let (live, sink, every) = (
                self.live.clone(),
                self.sink.clone(),
                self.cfg.heartbeat_interval,
            );
            let session_id = self.sg.session_id;
            tokio::spawn(async move {
                let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
                loop {
                    tick.tick().await;
                    let event = status_event(&lock(&live));
                    sink.heartbeat(session_id, event);
                }
            })
        };
        let watcher = {
            // A stop from elsewhere (CLI, API, another process) ends the monitor promptly.
            let (db, tx, every, id, code) = (
                self.db.clone(),
                self.stop_tx.clone(),
                self.cfg.status_check,
                self.sg.id,
                self.code.clone(),
            );
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(every).await;
                    let (db, code) = (db.clone(), code.clone());
                    let active = tokio::task::spawn_blocking(move || {
                        monitoring::active(&lock(&db), id, &code).map(|sg| sg.is_some())
                    })
                    .await;
                    if let Ok(Ok(false)) = active {
                        let _ = tx.send(INACTIVE);
                        return;
                    }
                }
            })
        };
        let outcome = match self.run_inner().await {
            Ok(()) => Outcome::Stopped,
            Err(o) => o,
        };
        heartbeat.abort();
        watcher.abort();
        {
            let mut live = lock(&self.live);
            live.monitoring = false;
        }
        outcome
    }

    async fn run_inner(&mut self) -> Flow {
        // A restarted daemon finds the state its previous run stored: start afresh.
        self.set_state(MonitorState::looking_up()).await?;
        let id = self.sg.id;
        self.replay_wait = self
            .db(move |c| monitoring::replays_previous(c, id))
            .await
            .unwrap_or(false);
        let mut room = self.first_lookup().await?;
        self.max_players = room.max_players;
        self.app_tag = room.app_tag.clone();
        self.sync_live();
        let mut session: Option<(i64, String)> = None;
        let mut down_since: Option<Instant> = None;
        let mut delay = self.cfg.backoff_base;
        loop {
            let reconnect = session.as_ref().map(|(id, s)| (*id, s.as_str()));
            let connect = self
                .client
                .connect(&room, SHARD_NAME, &self.user_id, reconnect);
            let mut stop = self.stop.clone();
            let socket = tokio::select! {
                s = connect => s,
                _ = stopped(&mut stop) => return Err(self.stop_outcome()),
            };
            let mut why = match socket {
                Ok(socket) => {
                    let (welcomed, why) = self.serve(socket, &mut session, &room).await?;
                    if welcomed {
                        // A welcome was received: the 5-minute window restarts.
                        down_since = None;
                        delay = self.cfg.backoff_base;
                        self.attempt = 0;
                    }
                    why
                }
                Err(e) => e.to_string(),
            };
            // Back off until a look-up answers; each step is one attempt (one warning).
            loop {
                let since = *down_since.get_or_insert_with(Instant::now);
                if since.elapsed() >= self.cfg.give_up {
                    self.last_error = Some(why);
                    return Err(self.fail(DisconnectReason::ConnectionFailed, None).await);
                }
                self.retry(delay, why).await?;
                delay = self.cfg.next_delay(delay);
                match self.lookup().await {
                    Lookup::Found(r) => room = r,
                    Lookup::NotFound => self.not_found().await?,
                    Lookup::Transient(e) => {
                        why = format!("look-up failed: {e}");
                        continue;
                    }
                }
                break;
            }
        }
    }
}

/// Resolves when the monitor is told to stop (or its handle is gone).
async fn stopped(rx: &mut watch::Receiver<u8>) {
    let _ = rx.wait_for(|v| *v != RUN).await.map(|_| ());
}

/// Locks a mutex, recovering from a poisoned one (a panicked holder left valid data).
pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
