//! Games within a session: add, list, status, room code, player count, remove, and the
//! room-monitor switch (`player_count_check_status`).
//!
//! Every sub-route names a `session_games.id`; a row of another session is "not found".

use super::events::{emit, monitor_changed};
use super::model::{Message, SessionGame, STATUSES};
use super::sessions;
use crate::{store, Error, Result};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde_json::json;

/// What `POST /api/sessions/{id}/games` and `jackbox game add` ask for.
#[derive(Debug, Clone, Default)]
pub struct NewGame {
    pub game_id: Option<i64>,
    pub manually_added: bool,
    pub room_code: Option<String>,
}

pub fn session_game_not_found() -> Error {
    Error::not_found("Session game not found")
}

pub const ROOM_CODE_ERROR: &str = "Invalid room code. Must be exactly 4 characters (A-Z, 0-9)";

/// Room codes are exactly four characters of `A-Z0-9`.
pub fn validate_room_code(code: &str) -> Result<()> {
    if code.len() == 4
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        Ok(())
    } else {
        let e = Error::invalid(ROOM_CODE_ERROR);
        Err(match super::hints::room_code_case(code) {
            Some(hint) => e.with_hint(hint),
            None => e,
        })
    }
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

/// Adds a game to a session: other `playing` games become `played` (their monitors stop),
/// `play_count` + 1, `game.added`, and the monitor starts when a room code is given.
pub fn add(conn: &mut Connection, session_id: i64, new: &NewGame) -> Result<SessionGame> {
    let game_id = new
        .game_id
        .filter(|id| *id > 0)
        .ok_or_else(|| Error::invalid("game_id is required"))?;
    if let Some(code) = &new.room_code {
        validate_room_code(code)?;
    }
    store::write(conn, |tx| {
        let session = sessions::get(tx, session_id)?;
        if session.is_active == 0 {
            return Err(Error::state("Cannot add games to a closed session"));
        }
        super::catalog::get(tx, game_id)?;
        stop_monitors(tx, session_id, None)?;
        tx.prepare_cached(
            "UPDATE session_games SET status = 'played' WHERE session_id = ?1 AND status = 'playing'",
        )?
        .execute([session_id])?;
        let monitor = if new.room_code.is_some() {
            "monitoring"
        } else {
            "not_started"
        };
        let id = store::next_id(tx, "session_games")?;
        tx.prepare_cached(
            "INSERT INTO session_games
                (id, session_id, game_id, played_at, manually_added, status, room_code,
                 player_count_check_status)
             VALUES (?7, ?1, ?2, ?3, ?4, 'playing', ?5, ?6)",
        )?
        .execute(rusqlite::params![
            session_id,
            game_id,
            crate::time::now(),
            new.manually_added as i64,
            new.room_code,
            monitor,
            id
        ])?;
        tx.prepare_cached("UPDATE games SET play_count = play_count + 1 WHERE id = ?1")?
            .execute([game_id])?;
        let sg = get(tx, session_id, id)?;
        let games_played = session.games_played.unwrap_or(0) + 1;
        emit(
            tx,
            "game.added",
            Some(session_id),
            json!({
                "session": { "id": session_id, "is_active": 1, "games_played": games_played },
                "game": {
                    "id": sg.game_id, "session_game_id": sg.id, "title": sg.title,
                    "pack_name": sg.pack_name, "min_players": sg.min_players,
                    "max_players": sg.max_players, "manually_added": sg.manually_added,
                    "room_code": sg.room_code,
                },
            }),
        )?;
        if new.room_code.is_some() {
            monitor_changed(tx, session_id, id, "monitoring")?;
        }
        Ok(sg)
    })
}

/// Validates a status string with the spec's message.
pub fn parse_status(status: &str) -> Result<&'static str> {
    STATUSES
        .iter()
        .find(|s| **s == status)
        .copied()
        .ok_or_else(|| Error::invalid("Invalid status. Must be playing, played, or skipped"))
}

/// Sets a status; `playing` turns the session's other `playing` games into `played`.
/// Leaving `playing` stops the game's room monitor.
pub fn set_status(
    conn: &mut Connection,
    session_id: i64,
    id: i64,
    status: &str,
) -> Result<Message> {
    let status = parse_status(status)?;
    store::write(conn, |tx| {
        let sg = get(tx, session_id, id)?;
        if status == "playing" {
            let others: Vec<i64> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT id FROM session_games
                     WHERE session_id = ?1 AND status = 'playing' AND id != ?2",
                )?;
                let rows = stmt.query_map([session_id, id], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for other in others {
                stop_monitors(tx, session_id, Some(other))?;
            }
            tx.prepare_cached(
                "UPDATE session_games SET status = 'played'
                 WHERE session_id = ?1 AND status = 'playing' AND id != ?2",
            )?
            .execute([session_id, id])?;
        } else if sg.status != status {
            stop_monitors(tx, session_id, Some(id))?;
        }
        tx.prepare_cached("UPDATE session_games SET status = ?2 WHERE id = ?1")?
            .execute(rusqlite::params![id, status])?;
        Ok(Message::new("Status updated successfully").with("status", status))
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
        if sg.player_count_check_status == "monitoring" && sg.room_code.as_deref() != Some(code) {
            monitor_changed(tx, session_id, id, "monitoring")?;
        }
        get(tx, session_id, id)
    })
}

/// Where a player count came from, as reported in `player-count.updated`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountSource {
    Manual,
    Monitor,
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
            "player-count.updated",
            Some(session_id),
            json!({
                "sessionId": session_id, "sessionGameId": id, "gameId": sg.game_id,
                "playerCount": count,
                "source": match source { CountSource::Manual => "manual", CountSource::Monitor => "monitor" },
            }),
        )?;
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
        if sg.player_count_check_status != "monitoring" {
            tx.prepare_cached(
                "UPDATE session_games SET player_count_check_status = 'monitoring' WHERE id = ?1",
            )?
            .execute([id])?;
            monitor_changed(tx, session_id, id, "monitoring")?;
        }
        Ok(Message::new("Player count check started").with("status", "monitoring"))
    })
}

/// Switches the room monitor off (`stopped`), emitting `room.disconnected`
/// (`manually_stopped`) when it was running.
pub fn stop_monitor(conn: &mut Connection, session_id: i64, id: i64) -> Result<Message> {
    store::write(conn, |tx| {
        get(tx, session_id, id)?;
        stop_monitors(tx, session_id, Some(id))?;
        Ok(Message::new("Player count check stopped").with("status", "stopped"))
    })
}

/// Stops the running monitors of a session (or of one of its games): status `stopped`,
/// `room.disconnected` with `manually_stopped`, and the supervisor notified.
pub fn stop_monitors(tx: &Transaction, session_id: i64, only: Option<i64>) -> Result<()> {
    let running: Vec<SessionGame> = {
        let sql = format!(
            "{} WHERE sg.session_id = ?1 AND sg.player_count_check_status = 'monitoring'
               AND (?2 IS NULL OR sg.id = ?2)",
            SessionGame::SELECT
        );
        let mut stmt = tx.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![session_id, only], SessionGame::from_row)?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for sg in running {
        tx.prepare_cached(
            "UPDATE session_games SET player_count_check_status = 'stopped' WHERE id = ?1",
        )?
        .execute([sg.id])?;
        emit(
            tx,
            "room.disconnected",
            Some(session_id),
            json!({
                "sessionId": session_id, "gameId": sg.game_id, "sessionGameId": sg.id,
                "roomCode": sg.room_code, "reason": "manually_stopped",
                "finalPlayerCount": sg.player_count,
            }),
        )?;
        monitor_changed(tx, session_id, sg.id, "stopped")?;
    }
    Ok(())
}
