//! Games within a session: add, list, status, room code, player count, remove, and the
//! room-monitor switch (`player_count_check_status`).
//!
//! Every sub-route names a `session_games.id`; a row of another session is "not found".

use super::audit::{self, Action};
use super::events::{emit, monitor_changed, Event, PlayerCountUpdated, RoomDisconnected, RoomRef};
use super::input::required;
use super::model::{Message, SessionGame};
use super::monitor_state::{self, MonitorState};
pub use super::room_code::{validate_room_code, ROOM_CODE_ERROR};
use super::sessions;
use super::vocab::{DisconnectReason, GameStatus, MonitorStatus, SelectionSource};

pub use super::vocab::CountSource;
use crate::{store, Error, Result};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

/// What `POST /api/sessions/{id}/games` and `jackbox game add` ask for.
#[derive(Debug, Clone, Default)]
pub struct NewGame {
    pub game_id: Option<i64>,
    pub manually_added: bool,
    pub room_code: Option<String>,
    /// The `source` of the new session game unless it is the session's selection (whose
    /// source it then takes): `manual` by default, `dice` from `pick --add`.
    pub source: Option<SelectionSource>,
}

impl NewGame {
    /// Reads a `POST /api/sessions/{id}/games` body: `game_id` (an integer, optional here:
    /// the daemon may resolve it from the room), `manually_added`, `room_code` (a string;
    /// its format is checked by [`add`]). `null` means absent.
    pub fn from_json(body: &serde_json::Map<String, serde_json::Value>) -> Result<NewGame> {
        let get = |k: &str| body.get(k).filter(|v| !v.is_null());
        let game_id = get("game_id")
            .map(|v| v.as_i64().ok_or_else(|| required("game_id")))
            .transpose()?;
        let manually_added =
            super::input::opt_bool(body.get("manually_added"), "manually_added")?.unwrap_or(false);
        let room_code = get("room_code")
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| Error::invalid(ROOM_CODE_ERROR))
            })
            .transpose()?;
        Ok(NewGame {
            game_id,
            manually_added,
            room_code,
            source: None,
        })
    }
}

pub fn session_game_not_found() -> Error {
    Error::not_found("Session game not found")
}

/// The session's games ordered by `played_at`, then `id`.
pub fn list(conn: &Connection, session_id: i64) -> Result<Vec<SessionGame>> {
    sessions::get(conn, session_id)?;
    list_unchecked(conn, session_id)
}

/// Same as [`list`] for a session known to exist.
pub fn list_unchecked(conn: &Connection, session_id: i64) -> Result<Vec<SessionGame>> {
    let sql = format!(
        "{} WHERE sg.session_id = ?1 ORDER BY sg.played_at, sg.id",
        SessionGame::SELECT
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([session_id], SessionGame::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One session game of `session_id`.
pub fn get(conn: &Connection, session_id: i64, id: i64) -> Result<SessionGame> {
    let sql = format!(
        "{} WHERE sg.id = ?1 AND sg.session_id = ?2",
        SessionGame::SELECT
    );
    conn.prepare_cached(&sql)?
        .query_row([id, session_id], SessionGame::from_row)
        .optional()?
        .ok_or_else(session_game_not_found)
}

/// One session game by its own id, whatever its session (the CLI's way in).
pub fn get_by_id(conn: &Connection, id: i64) -> Result<SessionGame> {
    let sql = format!("{} WHERE sg.id = ?1", SessionGame::SELECT);
    conn.prepare_cached(&sql)?
        .query_row([id], SessionGame::from_row)
        .optional()?
        .ok_or_else(session_game_not_found)
}

/// Which `playing` games [`end_playing`] turns into `played`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Playing {
    /// Every one of the session (a game is added, the session closes).
    All,
    /// All but this one (it becomes `playing` itself).
    AllBut(i64),
    /// Only this one (its monitor saw the game end).
    Only(i64),
}

/// The playing → played rule, written once: the chosen `playing` games of a session
/// become `played`.
pub fn end_playing(tx: &Connection, session_id: i64, which: Playing) -> Result<()> {
    let (only, except) = match which {
        Playing::All => (None, None),
        Playing::AllBut(id) => (None, Some(id)),
        Playing::Only(id) => (Some(id), None),
    };
    tx.prepare_cached(
        "UPDATE session_games SET status = ?1
         WHERE session_id = ?2 AND status = ?3
           AND (?4 IS NULL OR id = ?4) AND (?5 IS NULL OR id != ?5)",
    )?
    .execute(rusqlite::params![
        GameStatus::Played,
        session_id,
        GameStatus::Playing,
        only,
        except
    ])?;
    Ok(())
}

/// Sets a status; `playing` turns the session's other `playing` games into `played`.
/// Leaving `playing` stops the game's room monitor.
pub fn set_status(
    conn: &mut Connection,
    session_id: i64,
    id: i64,
    status: GameStatus,
) -> Result<Message> {
    store::write(conn, |tx| {
        let sg = get(tx, session_id, id)?;
        if status == GameStatus::Playing {
            let others: Vec<i64> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT id FROM session_games
                     WHERE session_id = ?1 AND status = ?3 AND id != ?2",
                )?;
                let rows = stmt.query_map(
                    rusqlite::params![session_id, id, GameStatus::Playing],
                    |r| r.get(0),
                )?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for other in others {
                stop_monitors(tx, session_id, Some(other))?;
            }
            end_playing(tx, session_id, Playing::AllBut(id))?;
        } else if sg.status != status {
            stop_monitors(tx, session_id, Some(id))?;
        }
        tx.prepare_cached("UPDATE session_games SET status = ?2 WHERE id = ?1")?
            .execute(rusqlite::params![id, status])?;
        audit::record(
            tx,
            Action::GameStatus,
            Some(format!("session_game:{id}")),
            json!({ "session_id": session_id, "from": sg.status, "status": status }),
        )?;
        Ok(Message::new("Status updated successfully").with("status", status.as_str()))
    })
}

/// Sets the room code; a monitored game's monitor restarts on the new code.
pub fn set_room_code(
    conn: &mut Connection,
    session_id: i64,
    id: i64,
    code: &str,
) -> Result<SessionGame> {
    validate_room_code(code)?;
    store::write(conn, |tx| {
        let sg = get(tx, session_id, id)?;
        tx.prepare_cached("UPDATE session_games SET room_code = ?2 WHERE id = ?1")?
            .execute(rusqlite::params![id, code])?;
        if sg.player_count_check_status == MonitorStatus::Monitoring
            && sg.room_code.as_deref() != Some(code)
        {
            monitor_state::set(tx, &sg, &MonitorState::looking_up())?;
            monitor_changed(tx, session_id, id, MonitorStatus::Monitoring)?;
        }
        audit::record(
            tx,
            Action::GameRoomCode,
            Some(format!("session_game:{id}")),
            json!({ "session_id": session_id, "from": sg.room_code, "room_code": code }),
        )?;
        get(tx, session_id, id)
    })
}

pub const PLAYER_COUNT_ERROR: &str = "player_count must be a non-negative integer";

/// Stores a player count (status unchanged) and emits `player-count.updated`.
pub fn set_player_count(
    conn: &mut Connection,
    session_id: i64,
    id: i64,
    count: i64,
    source: CountSource,
) -> Result<Message> {
    if count < 0 {
        return Err(Error::invalid(PLAYER_COUNT_ERROR));
    }
    store::write(conn, |tx| {
        let sg = get(tx, session_id, id)?;
        tx.prepare_cached("UPDATE session_games SET player_count = ?2 WHERE id = ?1")?
            .execute([id, count])?;
        emit(
            tx,
            Some(session_id),
            Event::PlayerCountUpdated(PlayerCountUpdated::new(&sg, count, source)),
        )?;
        // A count the room monitor saw is not someone's write.
        if source == CountSource::Manual {
            audit::record(
                tx,
                Action::GamePlayerCount,
                Some(format!("session_game:{id}")),
                json!({ "session_id": session_id, "from": sg.player_count, "player_count": count }),
            )?;
        }
        Ok(Message::new("Player count updated successfully").with("player_count", count))
    })
}

/// Removes a game from its session: `play_count` - 1, its monitor stops.
pub fn remove(conn: &mut Connection, session_id: i64, id: i64) -> Result<Message> {
    store::write(conn, |tx| {
        let sg = get(tx, session_id, id)?;
        stop_monitors(tx, session_id, Some(id))?;
        tx.prepare_cached("DELETE FROM session_games WHERE id = ?1")?
            .execute([id])?;
        tx.prepare_cached("UPDATE games SET play_count = MAX(play_count - 1, 0) WHERE id = ?1")?
            .execute([sg.game_id])?;
        audit::record(
            tx,
            Action::GameRemove,
            Some(format!("session_game:{id}")),
            json!({ "session_id": session_id, "game_id": sg.game_id, "title": sg.title }),
        )?;
        Ok(Message::new("Game removed from session").with("sessionGameId", id))
    })
}

/// Switches the room monitor on (`monitoring`). The daemon's supervisor picks it up.
pub fn start_monitor(conn: &mut Connection, session_id: i64, id: i64) -> Result<Message> {
    store::write(conn, |tx| {
        let sg = get(tx, session_id, id)?;
        if sg.room_code.is_none() {
            return Err(Error::state("Game does not have a room code"));
        }
        if sessions::get(tx, session_id)?.is_active == 0 {
            return Err(Error::state("Cannot monitor a game of a closed session"));
        }
        if sg.player_count_check_status != MonitorStatus::Monitoring {
            set_monitor_status(tx, id, MonitorStatus::Monitoring)?;
            monitor_state::set(tx, &sg, &MonitorState::looking_up())?;
            monitor_changed(tx, session_id, id, MonitorStatus::Monitoring)?;
        }
        audit::record(
            tx,
            Action::MonitorStart,
            Some(format!("session_game:{id}")),
            json!({ "session_id": session_id, "room_code": sg.room_code }),
        )?;
        Ok(Message::new("Player count check started")
            .with("status", MonitorStatus::Monitoring.as_str()))
    })
}

/// Switches the room monitor off (`stopped`), emitting `room.disconnected`
/// (`manually_stopped`) when it was running.
pub fn stop_monitor(conn: &mut Connection, session_id: i64, id: i64) -> Result<Message> {
    store::write(conn, |tx| {
        get(tx, session_id, id)?;
        stop_monitors(tx, session_id, Some(id))?;
        audit::record(
            tx,
            Action::MonitorStop,
            Some(format!("session_game:{id}")),
            json!({ "session_id": session_id }),
        )?;
        Ok(Message::new("Player count check stopped")
            .with("status", MonitorStatus::Stopped.as_str()))
    })
}

/// Stops the running monitors of a session (or of one of its games): status `stopped`,
/// `room.disconnected` with `manually_stopped`, and the supervisor notified.
pub fn stop_monitors(tx: &Connection, session_id: i64, only: Option<i64>) -> Result<()> {
    let running: Vec<SessionGame> = {
        // The status spelled into the SQL (not bound) so the partial index applies.
        let sql = format!(
            "{} WHERE sg.session_id = ?1 AND sg.player_count_check_status = '{}'
               AND (?2 IS NULL OR sg.id = ?2)",
            SessionGame::SELECT,
            MonitorStatus::Monitoring
        );
        let mut stmt = tx.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![session_id, only], SessionGame::from_row)?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for sg in running {
        set_monitor_status(tx, sg.id, MonitorStatus::Stopped)?;
        monitor_state::set(tx, &sg, &MonitorState::stopped())?;
        emit(
            tx,
            Some(session_id),
            Event::RoomDisconnected(RoomDisconnected {
                room: RoomRef::new(&sg, None),
                reason: DisconnectReason::ManuallyStopped,
                final_player_count: sg.player_count,
                ecast_code: None,
                ecast_message: None,
            }),
        )?;
        monitor_changed(tx, session_id, sg.id, MonitorStatus::Stopped)?;
    }
    Ok(())
}

/// Stores a session game's monitor status.
pub fn set_monitor_status(tx: &Connection, id: i64, status: MonitorStatus) -> Result<()> {
    tx.prepare_cached("UPDATE session_games SET player_count_check_status = ?2 WHERE id = ?1")?
        .execute(rusqlite::params![id, status])?;
    Ok(())
}
