//! The room monitor: watches one session game's Jackbox room through the lobby server and
//! records players, game start and end (`docs/room-monitor.md`, "Algorithm").
//!
//! One [`Monitor`] per `monitoring` row, run as a tokio task (by the daemon's supervisor or
//! by `jackbox game monitor start --foreground`). It writes events through the core
//! (`core::monitoring`, one transaction per change, nothing when nothing changed); the 20 s
//! `game.status` heartbeat goes to a [`LiveSink`], never to the outbox.

pub mod config;
pub mod ecast;
pub mod resolve;
pub mod supervisor;

pub use config::Config;

use crate::core::events::{
    Event, GameStarted, LobbyPlayerJoined, LobbyUpdated, RoomConnected, RoomRef,
};
use crate::core::model::SessionGame;
use crate::core::monitor_state::MonitorState;
use crate::core::monitoring::{self, EcastError, Finish};
use crate::core::vocab::DisconnectReason;
use crate::Result;
use ecast::{ErrorClass, Frame, Lookup, RoomEntity, RoomInfo, Sighting, Socket, Update, Welcome};
use rusqlite::Connection;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
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

    /// Step 1: look the room up, retrying transient errors with backoff.
    async fn first_lookup(&mut self) -> std::result::Result<RoomInfo, Outcome> {
        let since = Instant::now();
        let mut delay = self.cfg.backoff_base;
        loop {
            match self.lookup().await {
                Lookup::Found(room) => return Ok(room),
                Lookup::NotFound => {
                    return Err(self.fail(DisconnectReason::RoomNotFound, None).await)
                }
                Lookup::Transient(e) => {
                    let why = format!("look-up failed: {e}");
                    if since.elapsed() >= self.cfg.give_up {
                        self.last_error = Some(why);
                        return Err(self.fail(DisconnectReason::ConnectionFailed, None).await);
                    }
                    self.retry(delay, why).await?;
                    delay = self.cfg.next_delay(delay);
                }
            }
        }
    }

    /// One back-off step after a failed attempt: the warning (one per step), the
    /// `retrying` state with when the next attempt starts, the wait.
    async fn retry(&mut self, delay: Duration, why: String) -> Flow {
        self.attempt += 1;
        let wait = Config::jitter(delay);
        self.sink.warn(&format!(
            "room {}: attempt {} failed: {why}; retrying in {:.1} s",
            self.code,
            self.attempt,
            wait.as_secs_f64()
        ));
        let next = chrono::Utc::now()
            + chrono::Duration::from_std(wait).unwrap_or_else(|_| chrono::Duration::zero());
        self.last_error = Some(why.clone());
        self.set_state(MonitorState::retrying(
            self.attempt,
            crate::time::format(next),
            why,
        ))
        .await?;
        self.sleep(wait).await
    }

    /// What the room says the monitor is watching: the lobby (with its state), the game,
    /// or its end.
    fn room_state(&self) -> MonitorState {
        if self.finished {
            MonitorState::ended()
        } else if self.started {
            MonitorState::in_play()
        } else {
            MonitorState::connected(self.room.lobby_state.clone())
        }
    }

    /// Stores (and announces) the state when it changed; the row no longer monitoring ends
    /// the monitor.
    async fn set_state(&mut self, state: MonitorState) -> Flow {
        if state == self.state {
            return Ok(());
        }
        self.state = state.clone();
        lock(&self.live).monitor_state = state.clone();
        let (id, code) = (self.sg.id, self.code.clone());
        match self
            .db(move |c| monitoring::set_state(c, id, &code, &state))
            .await
        {
            Some(Some(events)) => {
                self.emit_sink(events);
                Ok(())
            }
            Some(None) => Err(Outcome::Inactive),
            None => Ok(()),
        }
    }

    async fn lookup(&mut self) -> Lookup {
        let mut stop = self.stop.clone();
        tokio::select! {
            l = self.client.lookup(&self.code) => {
                if matches!(l, Lookup::Found(_)) {
                    self.not_found_streak = 0;
                }
                l
            }
            _ = stopped(&mut stop) => Lookup::Transient("stopping".into()),
        }
    }

    /// A 404 after the room was seen: two in a row mean the room is gone.
    async fn not_found(&mut self) -> Flow {
        self.not_found_streak += 1;
        if self.not_found_streak >= 2 {
            return Err(self.end(None).await);
        }
        Ok(())
    }

    async fn sleep(&mut self, d: Duration) -> Flow {
        let mut stop = self.stop.clone();
        tokio::select! {
            _ = tokio::time::sleep(d) => Ok(()),
            _ = stopped(&mut stop) => Err(self.stop_outcome()),
        }
    }

    fn stop_outcome(&self) -> Outcome {
        if *self.stop.borrow() == INACTIVE {
            Outcome::Inactive
        } else {
            Outcome::Stopped
        }
    }

    /// Reads one shard connection until it closes. `Ok(true)` when it got a welcome.
    async fn serve(
        &mut self,
        mut socket: Socket,
        session: &mut Option<(i64, String)>,
        room: &RoomInfo,
    ) -> std::result::Result<(bool, String), Outcome> {
        let mut welcomed = false;
        let mut stop = self.stop.clone();
        let every = self.cfg.probe_interval;
        let mut probe = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        probe.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut room = room.clone();
        // A server that accepts the connection but never says welcome is a failed attempt.
        let welcome_by = tokio::time::Instant::now() + self.cfg.timeout;
        loop {
            let flow = tokio::select! {
                _ = stopped(&mut stop) => Err(self.stop_outcome()),
                _ = tokio::time::sleep_until(welcome_by), if !welcomed => {
                    ecast::close(socket).await;
                    return Ok((false, "no welcome from the lobby server".into()));
                }
                frame = ecast::next_frame(&mut socket) => match frame {
                    None => return Ok((welcomed, "connection closed".into())),
                    Some(Frame::Welcome(w)) => {
                        welcomed = true;
                        if let Some(secret) = w.secret.clone() {
                            *session = Some((w.id, secret));
                        }
                        self.on_welcome(w, &room).await
                    }
                    Some(Frame::Error { code, msg }) => match self.on_error(code, msg.clone()).await {
                        // Rate limited: drop this connection and back off (the caller's
                        // schedule keeps growing: no welcome resets it).
                        Ok(true) => {
                            ecast::close(socket).await;
                            return Ok((false, format!("lobby server error {code}: {msg}")));
                        }
                        Ok(false) => Ok(()),
                        Err(outcome) => Err(outcome),
                    },
                    Some(frame) => self.on_frame(frame, welcomed).await,
                },
                _ = probe.tick(), if welcomed => self.probe(&mut room).await,
            };
            if let Err(outcome) = flow {
                ecast::close(socket).await;
                return Err(outcome);
            }
        }
    }

    /// A `client/welcome`: the snapshot is read like a set of updates (its `here` players,
    /// then each entity) by [`Monitor::apply`]. The first one of the run announces the room
    /// (`room.connected`) instead of one event per player or flag it already had.
    async fn on_welcome(&mut self, w: Welcome, room: &RoomInfo) -> Flow {
        if room.locked && self.connected && !self.replay_wait {
            self.game_started().await?;
        }
        self.players_known |= w.here_known;
        self.apply(w.players, w.updates, Some(room)).await
    }

    async fn on_frame(&mut self, frame: Frame, welcomed: bool) -> Flow {
        match frame {
            // Updates before this connection's welcome are covered by that snapshot.
            Frame::PlayerConnected(s) if welcomed => self.apply(vec![s], vec![], None).await,
            Frame::Update(u) if welcomed => self.apply(vec![], vec![u], None).await,
            Frame::Lock => {
                self.in_play();
                self.game_started().await
            }
            Frame::Exit => Err(self.end(None).await),
            _ => Ok(()),
        }
    }

    /// The error table (`ecast::classify_error`). `Ok(true)`: drop the connection and back
    /// off; `Ok(false)`: carry on.
    async fn on_error(&mut self, code: i64, msg: String) -> std::result::Result<bool, Outcome> {
        tracing::info!("room {}: ecast error {code}: {msg}", self.code);
        let err = EcastError { code, message: msg };
        match ecast::classify_error(code) {
            ErrorClass::RoleRejected => {
                Err(self.fail(DisconnectReason::RoleRejected, Some(err)).await)
            }
            // Before the room was ever seen, the monitor could not watch it: failed.
            ErrorClass::RoomNotFound if !self.connected => {
                Err(self.fail(DisconnectReason::RoomNotFound, Some(err)).await)
            }
            ErrorClass::RoomEnded if !self.connected => {
                Err(self.fail(DisconnectReason::RoomClosed, Some(err)).await)
            }
            // After it was seen: the room is gone, the game is over.
            ErrorClass::RoomNotFound | ErrorClass::RoomEnded => Err(self.end(Some(err)).await),
            ErrorClass::RateLimited => Ok(true),
            ErrorClass::Ignored => Ok(false),
        }
    }

    /// Applies what the server said — players (`here`, `client/connected`) and entities
    /// (snapshot entries or update frames, read alike) — and writes what it implies:
    /// `lobby.player-joined` per new player and the count, `lobby.updated`, `game.started`,
    /// the end. `first` (the run's first welcome, with the look-up it followed) writes
    /// `room.connected` with the whole state instead of the per-player and flag events.
    async fn apply(
        &mut self,
        players: Vec<Sighting>,
        updates: Vec<Update>,
        first: Option<&RoomInfo>,
    ) -> Flow {
        let first = first.filter(|_| !self.connected);
        let before = self.room.clone();
        let mut joined = Vec::new();
        let sightings = players
            .into_iter()
            .chain(updates.into_iter().filter_map(|u| match u {
                Update::Room(entity) => {
                    self.merge_room(entity);
                    None
                }
                Update::Player(s) => Some(s),
                Update::Other => None,
            }))
            .collect::<Vec<_>>();
        for s in sightings {
            if let Some(name) = self.absorb(s) {
                joined.push(Event::LobbyPlayerJoined(LobbyPlayerJoined {
                    room: self.base(),
                    player_name: name,
                    player_count: self.count(),
                    players: self.names(),
                    max_players: self.max_players,
                }));
            }
        }
        self.sync_live();
        if let Some(room) = first {
            self.connected = true;
            self.sync_live();
            let event = Event::RoomConnected(RoomConnected {
                room: self.base(),
                app_tag: self.app_tag.clone(),
                max_players: self.max_players,
                player_count: self.known_count().or(self.sg.player_count).unwrap_or(0),
                players: self.names(),
                lobby_state: self.room.lobby_state.clone(),
                game_state: self.room.state.clone(),
            });
            self.write(vec![event], self.known_count()).await?;
            self.check_app_tag().await;
            if room.locked && !self.replay_wait {
                self.game_started().await?;
            }
        } else {
            if !joined.is_empty() {
                self.write(joined, self.known_count()).await?;
            }
            let flags =
                |r: &RoomEntity| (r.lobby_state.clone(), r.game_can_start, r.game_is_starting);
            if !self.started && flags(&before) != flags(&self.room) {
                let event = Event::LobbyUpdated(LobbyUpdated {
                    room: self.base(),
                    lobby_state: self.room.lobby_state.clone(),
                    game_can_start: self.room.game_can_start,
                    game_is_starting: self.room.game_is_starting,
                    player_count: self.count(),
                });
                self.write(vec![event], None).await?;
            }
        }
        // A room past `Lobby` is in play; `gameFinished` says it is over (and so was
        // played, even if the monitor only arrived afterwards) — unless it is the earlier
        // game's, in a room replayed on the same code.
        let playing = self.room.state.as_deref().is_some_and(|s| s != "Lobby");
        if playing {
            self.in_play();
        }
        let finished = !self.replay_wait && self.room.game_finished == Some(true);
        if finished || playing {
            self.game_started().await?;
        }
        if finished {
            return Err(self.end(None).await);
        }
        self.set_state(self.room_state()).await
    }

    /// The room went into play: a replay's wait is over, and a `gameFinished` seen before
    /// belonged to the earlier game (frames in play do not repeat it).
    fn in_play(&mut self) {
        if self.replay_wait {
            self.replay_wait = false;
            self.room.game_finished = None;
        }
    }

    /// Merges a room entity update (fields an update omits keep their value).
    fn merge_room(&mut self, entity: RoomEntity) {
        let before = &self.room;
        self.room = RoomEntity {
            state: entity.state.or(before.state.clone()),
            lobby_state: entity.lobby_state.or(before.lobby_state.clone()),
            game_can_start: entity.game_can_start.or(before.game_can_start),
            game_is_starting: entity.game_is_starting.or(before.game_is_starting),
            game_finished: entity.game_finished.or(before.game_finished),
        };
    }

    /// Adds a player the server mentioned, unless it is one already known (same connection
    /// id, same user id, or — when one side lacks that id — the same name). Returns the
    /// name of a new player. A player role or a `player:<connection id>` entity makes a slot
    /// even without a name (Quiplash 3 creates `player:<id>` empty, then fills in
    /// `playerInfo`); a name seen later is kept for the slot.
    fn absorb(&mut self, s: Sighting) -> Option<String> {
        self.players_known = true;
        let name = s.name.clone().filter(|n| !n.is_empty());
        let same = self
            .players
            .iter()
            .position(|p| {
                (s.conn.is_some() && p.conn == s.conn) || (s.user.is_some() && p.user == s.user)
            })
            .or_else(|| {
                let name = name.as_deref()?;
                self.players.iter().position(|p| {
                    p.name == name
                        && (s.conn.is_none() || p.conn.is_none())
                        && (s.user.is_none() || p.user.is_none())
                })
            });
        if let Some(i) = same {
            let p = &mut self.players[i];
            if p.conn.is_none() {
                p.conn = s.conn;
            }
            if p.user.is_none() {
                p.user = s.user;
            }
            if p.name.is_empty() {
                p.name = name.unwrap_or_default();
            }
            return None;
        }
        // A user id alone (`bc:customer:<uuid>`) without a name cannot be told apart from a
        // `here` player (known by connection id): it makes no slot until it is named or
        // linked by `client/connected`.
        if s.conn.is_none() && (s.user.is_none() || name.is_none()) {
            return None;
        }
        let name = name.unwrap_or_default();
        self.players.push(Player {
            conn: s.conn,
            user: s.user,
            name: name.clone(),
        });
        Some(name)
    }

    async fn game_started(&mut self) -> Flow {
        if self.started {
            return Ok(());
        }
        self.started = true;
        self.sync_live();
        let event = Event::GameStarted(GameStarted {
            room: self.base(),
            player_count: self.count(),
            players: self.names(),
            max_players: self.max_players,
        });
        self.write(vec![event], None).await?;
        self.set_state(self.room_state()).await
    }

    /// Step 5: a short-lived second shard connection reads a fresh `here`.
    async fn probe(&mut self, room: &mut RoomInfo) -> Flow {
        match self.lookup().await {
            Lookup::Found(r) => {
                if r.locked && !self.started && !self.replay_wait {
                    self.game_started().await?;
                }
                *room = r;
            }
            Lookup::NotFound => return self.not_found().await,
            Lookup::Transient(e) => {
                tracing::info!("room {}: probe look-up failed: {e}", self.code);
                return Ok(());
            }
        }
        let probe_user = format!("{}-probe", self.user_id);
        let timeout = self.cfg.timeout;
        let client = self.client.clone();
        let room_now = room.clone();
        let read = async move {
            let mut socket = client
                .connect(&room_now, &format!("{SHARD_NAME}-probe"), &probe_user, None)
                .await
                .ok()?;
            let frame = tokio::time::timeout(timeout, ecast::next_frame(&mut socket))
                .await
                .ok()
                .flatten();
            ecast::close(socket).await;
            frame
        };
        let mut stop = self.stop.clone();
        let frame = tokio::select! {
            f = read => f,
            _ = stopped(&mut stop) => return Err(self.stop_outcome()),
        };
        match frame {
            Some(Frame::Welcome(w)) => {
                self.players_known |= w.here_known;
                self.apply(w.players, w.updates, None).await
            }
            // The room is gone; any other error of a probe is left to the main connection.
            Some(Frame::Error { code, msg }) => match ecast::classify_error(code) {
                ErrorClass::RoomNotFound | ErrorClass::RoomEnded => {
                    tracing::info!("room {}: probe: ecast error {code}: {msg}", self.code);
                    Err(self.end(Some(EcastError { code, message: msg })).await)
                }
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }

    /// The game is over: `game.ended`, `room.disconnected` (`room_closed`, with the lobby
    /// server's error when one said so), `completed`.
    async fn end(&mut self, ecast: Option<EcastError>) -> Outcome {
        self.finished = true;
        self.sync_live();
        self.finish(Finish::Completed, ecast).await
    }

    /// The monitor failed: `room.disconnected` with `reason`, status `failed`.
    async fn fail(&mut self, reason: DisconnectReason, ecast: Option<EcastError>) -> Outcome {
        self.finish(Finish::Failed(reason), ecast).await
    }

    async fn finish(&mut self, how: Finish, ecast: Option<EcastError>) -> Outcome {
        let (id, code) = (self.sg.id, self.code.clone());
        let count = self.known_count().filter(|_| self.connected);
        let players = self.names();
        let cause = ecast.clone();
        let detail = self.last_error.clone();
        // The final state, live before it is stored: a `status-live` answered from this
        // monitor never lags behind the stored one.
        self.state = monitoring::final_state(how, ecast.as_ref(), detail.as_deref());
        lock(&self.live).monitor_state = self.state.clone();
        let written = self
            .db(move |c| {
                monitoring::finish(
                    c,
                    id,
                    &code,
                    how,
                    count,
                    &players,
                    cause.as_ref(),
                    detail.as_deref(),
                )
            })
            .await;
        match written {
            Some(Some(events)) => {
                self.emit_sink(events);
                match how {
                    Finish::Completed => Outcome::Completed,
                    Finish::Failed(r) => Outcome::Failed(r, ecast),
                }
            }
            _ => Outcome::Inactive,
        }
    }

    /// Writes events (and the count); the row no longer monitoring ends the monitor.
    async fn write(&mut self, events: Vec<Event>, count: Option<i64>) -> Flow {
        let (id, code) = (self.sg.id, self.code.clone());
        let written = self
            .db(move |c| monitoring::record(c, id, &code, &events, count))
            .await;
        match written {
            Some(Some(events)) => {
                self.emit_sink(events);
                Ok(())
            }
            Some(None) => Err(Outcome::Inactive),
            // A storage error is logged; the monitor keeps watching.
            None => Ok(()),
        }
    }

    fn emit_sink(&self, events: Vec<String>) {
        for e in events {
            self.sink.event(self.sg.session_id, e);
        }
    }

    async fn db<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    ) -> Option<T> {
        let db = self.db.clone();
        match tokio::task::spawn_blocking(move || f(&mut lock(&db))).await {
            Ok(Ok(v)) => Some(v),
            Ok(Err(e)) => {
                self.sink
                    .warn(&format!("room {}: could not record: {e}", self.code));
                None
            }
            Err(_) => None,
        }
    }

    /// Warns when the room runs another catalog game than the session game.
    async fn check_app_tag(&self) {
        let Some(tag) = self.app_tag.clone() else {
            return;
        };
        let found = self
            .db(move |c| crate::core::catalog::find_by_app_tag(c, &tag))
            .await
            .flatten();
        if let Some(game) = found.filter(|g| g.id != self.sg.game_id) {
            self.sink.warn(&format!(
                "room {} runs {} (appTag {}), not {}; the record is left unchanged",
                self.code,
                game.title,
                self.app_tag.as_deref().unwrap_or_default(),
                self.sg.title
            ));
        }
    }

    /// The room every event of this monitor is about.
    fn base(&self) -> RoomRef {
        RoomRef::new(&self.sg, Some(&self.code))
    }

    fn count(&self) -> i64 {
        self.players.len() as i64
    }

    /// The count, once the server said anything about the players.
    fn known_count(&self) -> Option<i64> {
        self.players_known.then(|| self.count())
    }

    fn names(&self) -> Vec<String> {
        self.players.iter().map(|p| p.name.clone()).collect()
    }

    fn sync_live(&self) {
        let mut live = lock(&self.live);
        live.app_tag = self.app_tag.clone();
        if self.max_players.is_some() {
            live.max_players = self.max_players;
        }
        if self.connected && self.players_known {
            live.player_count = Some(self.count());
            live.players = Some(self.names());
        }
        live.lobby_state = self.room.lobby_state.clone();
        live.game_state = self.room.state.clone();
        live.game_started = Some(self.started);
        live.game_finished = Some(self.finished);
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
