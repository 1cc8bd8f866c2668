//! What a room monitor writes: its events, the player count it observed, and how it ended.
//!
//! Every write is one transaction guarded by the row still being `monitoring` on the same
//! room code: a monitor whose game was stopped, removed or given another code meanwhile
//! writes nothing (its late frames are ignored). The functions return the full event JSON
//! of what they wrote (the foreground mode prints it), or `None` when the guard refused.

use super::events::{
    emit, monitor_changed, Event, GameEnded, PlayerCountUpdated, RoomDisconnected, RoomRef,
};
use super::model::SessionGame;
use super::monitor_state::{self, failure_reason, MonitorState};
use super::session_games::{self, Playing};
use super::vocab::{CountSource, DisconnectReason, MonitorStatus};
use crate::{store, Result};
use rusqlite::{Connection, OptionalExtension};

/// How a monitor ended on its own (a manual stop goes through `session_games::stop_monitor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finish {
    /// The room closed or the game finished: `game.ended`, `room.disconnected`
    /// (`room_closed`), status `completed`, a `playing` game becomes `played`.
    Completed,
    /// `room.disconnected` with the reason, status `failed`.
    Failed(DisconnectReason),
}

/// An `error` frame of the lobby server that ended the monitor: reported in
/// `room.disconnected` as `ecastCode` / `ecastMessage`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcastError {
    pub code: i64,
    pub message: String,
}

/// The monitored row, if it is still `monitoring` on `room_code`.
pub fn active(conn: &Connection, id: i64, room_code: &str) -> Result<Option<SessionGame>> {
    let sg = match session_games::get_by_id(conn, id) {
        Ok(sg) => sg,
        Err(e) if e.kind == crate::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok((sg.player_count_check_status == MonitorStatus::Monitoring
        && sg.room_code.as_deref() == Some(room_code))
    .then_some(sg))
}

/// The session games being monitored (the daemon starts one monitor per row).
pub fn monitoring(conn: &Connection) -> Result<Vec<SessionGame>> {
    // Spelled into the SQL (not bound) so the partial index applies.
    let sql = format!(
        "{} WHERE sg.player_count_check_status = '{}' ORDER BY sg.id",
        SessionGame::SELECT,
        MonitorStatus::Monitoring
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], SessionGame::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether session game `id` replays the session's previous game on the same room code
/// ("same players": the host added the game again without a new room) and its monitor has
/// not reached the room yet. The room then still shows the earlier game's `gameFinished`
/// until the new game is in play. A monitor resuming its own game (it already wrote
/// `room.connected`) is not a replay.
pub fn replays_previous(conn: &Connection, id: i64) -> Result<bool> {
    let same_code: bool = conn
        .prepare_cached(
            "SELECT COALESCE(upper(prev.room_code) = upper(sg.room_code), 0)
             FROM session_games sg
             JOIN session_games prev ON prev.session_id = sg.session_id AND prev.id < sg.id
             WHERE sg.id = ?1
             ORDER BY prev.id DESC LIMIT 1",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?
        .unwrap_or(false);
    if !same_code {
        return Ok(false);
    }
    let resumed: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM events e JOIN session_games sg ON sg.id = ?1
                WHERE e.type = ?2 AND e.session_id = sg.session_id
                  AND json_extract(e.payload, '$.data.sessionGameId') = ?1)",
        )?
        .query_row(
            rusqlite::params![id, super::events::names::ROOM_CONNECTED],
            |r| r.get(0),
        )?;
    Ok(!resumed)
}

/// Writes `events` and, when `count` differs from the stored one, stores it and emits
/// `player-count.updated` (source `monitor`) after them.
pub fn record(
    conn: &mut Connection,
    id: i64,
    room_code: &str,
    events: &[Event],
    count: Option<i64>,
) -> Result<Option<Vec<String>>> {
    store::write(conn, |tx| {
        let Some(sg) = active(tx, id, room_code)? else {
            return Ok(None);
        };
        let mut ids = Vec::new();
        for event in events {
            ids.push(emit(tx, Some(sg.session_id), event.clone())?);
        }
        if let Some(count) = count.filter(|c| Some(*c) != sg.player_count) {
            ids.push(store_count(tx, &sg, count)?);
        }
        Ok(Some(payloads(tx, &ids)?))
    })
}

/// Stores the monitor's state (`monitor.state` when it changed; `core::monitor_state`).
pub fn set_state(
    conn: &mut Connection,
    id: i64,
    room_code: &str,
    state: &MonitorState,
) -> Result<Option<Vec<String>>> {
    if let Some(sg) = active(conn, id, room_code)? {
        // Nothing changed: no transaction at all.
        if sg.monitor_state.as_ref() == Some(state) {
            return Ok(Some(Vec::new()));
        }
    }
    store::write(conn, |tx| {
        let Some(sg) = active(tx, id, room_code)? else {
            return Ok(None);
        };
        let ids: Vec<i64> = monitor_state::set(tx, &sg, state)?.into_iter().collect();
        Ok(Some(payloads(tx, &ids)?))
    })
}

/// Ends the monitor: see [`Finish`]. `players` are the names of `game.ended`; `ecast` the
/// lobby server's error that caused the end, if one did; `detail` the last error seen
/// (the `reason` of a `failed` monitor state, with the lobby server's error).
#[allow(clippy::too_many_arguments)]
pub fn finish(
    conn: &mut Connection,
    id: i64,
    room_code: &str,
    how: Finish,
    count: Option<i64>,
    players: &[String],
    ecast: Option<&EcastError>,
    detail: Option<&str>,
) -> Result<Option<Vec<String>>> {
    store::write(conn, |tx| {
        let Some(sg) = active(tx, id, room_code)? else {
            return Ok(None);
        };
        let mut ids = Vec::new();
        let mut final_count = sg.player_count;
        if let Some(count) = count.filter(|c| Some(*c) != sg.player_count) {
            ids.push(store_count(tx, &sg, count)?);
            final_count = Some(count);
        }
        let room = RoomRef::new(&sg, None);
        let (status, reason) = match how {
            Finish::Completed => {
                ids.push(emit(
                    tx,
                    Some(sg.session_id),
                    Event::GameEnded(GameEnded {
                        room: room.clone(),
                        player_count: final_count,
                        players: players.to_vec(),
                    }),
                )?);
                (MonitorStatus::Completed, DisconnectReason::RoomClosed)
            }
            Finish::Failed(reason) => (MonitorStatus::Failed, reason),
        };
        ids.push(emit(
            tx,
            Some(sg.session_id),
            Event::RoomDisconnected(RoomDisconnected {
                room,
                reason,
                final_player_count: final_count,
                ecast_code: ecast.map(|e| e.code),
                ecast_message: ecast.map(|e| e.message.clone()),
            }),
        )?);
        session_games::set_monitor_status(tx, id, status)?;
        ids.extend(monitor_state::set(
            tx,
            &sg,
            &final_state(how, ecast, detail),
        )?);
        if how == Finish::Completed {
            session_games::end_playing(tx, sg.session_id, Playing::Only(id))?;
        }
        monitor_changed(tx, sg.session_id, id, status)?;
        Ok(Some(payloads(tx, &ids)?))
    })
}

/// The monitor state a finished monitor leaves: `ended`, or `failed` with why (the lobby
/// server's error when one caused it, else `detail`, the last error seen).
pub fn final_state(how: Finish, ecast: Option<&EcastError>, detail: Option<&str>) -> MonitorState {
    match how {
        Finish::Completed => MonitorState::ended(),
        Finish::Failed(reason) => {
            let detail = ecast
                .map(|e| format!("error {}: {}", e.code, e.message))
                .or(detail.map(str::to_string));
            MonitorState::failed(failure_reason(reason, detail.as_deref()))
        }
    }
}

fn store_count(tx: &Connection, sg: &SessionGame, count: i64) -> Result<i64> {
    tx.prepare_cached("UPDATE session_games SET player_count = ?2 WHERE id = ?1")?
        .execute([sg.id, count])?;
    emit(
        tx,
        Some(sg.session_id),
        Event::PlayerCountUpdated(PlayerCountUpdated::new(sg, count, CountSource::Monitor)),
    )
}

fn payloads(tx: &Connection, ids: &[i64]) -> Result<Vec<String>> {
    let ids = serde_json::to_string(ids)?;
    let mut stmt = tx.prepare_cached(
        "SELECT payload FROM events WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id",
    )?;
    let rows = stmt.query_map([ids], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::lineup;
    use crate::core::session_games::NewGame;

    fn setup() -> (tempfile::TempDir, Connection, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = store::open(&dir.path().join("t.db")).unwrap();
        let session = crate::core::sessions::create(&mut conn, None).unwrap();
        let game: i64 = conn
            .query_row("SELECT id FROM games ORDER BY id LIMIT 1", [], |r| r.get(0))
            .unwrap();
        let sg = lineup::add_game(
            &mut conn,
            session.id,
            &NewGame {
                game_id: Some(game),
                manually_added: false,
                room_code: Some("ABCD".into()),
                source: None,
            },
        )
        .unwrap();
        (dir, conn, sg.id)
    }

    fn count(conn: &Connection, t: &str) -> i64 {
        conn.query_row("SELECT COUNT(*) FROM events WHERE type = ?1", [t], |r| {
            r.get(0)
        })
        .unwrap()
    }

    #[test]
    fn count_events_only_on_change_and_nothing_after_stop() {
        let (_dir, mut conn, id) = setup();
        let sg = session_games::get_by_id(&conn, id).unwrap();
        let data = Event::LobbyUpdated(crate::core::events::LobbyUpdated {
            room: RoomRef::new(&sg, None),
            lobby_state: Some("CanStart".into()),
            game_can_start: Some(true),
            game_is_starting: Some(false),
            player_count: 2,
        });
        let out = record(&mut conn, id, "ABCD", std::slice::from_ref(&data), Some(2));
        assert_eq!(out.unwrap().unwrap().len(), 2);
        // Same count: no player-count.updated.
        record(&mut conn, id, "ABCD", &[], Some(2))
            .unwrap()
            .unwrap();
        assert_eq!(count(&conn, "player-count.updated"), 1);
        // Another room code: refused.
        assert!(record(&mut conn, id, "WXYZ", &[], Some(3))
            .unwrap()
            .is_none());

        let sg = session_games::get_by_id(&conn, id).unwrap();
        session_games::stop_monitor(&mut conn, sg.session_id, id).unwrap();
        assert!(record(&mut conn, id, "ABCD", &[data], Some(5))
            .unwrap()
            .is_none());
        assert!(finish(
            &mut conn,
            id,
            "ABCD",
            Finish::Completed,
            Some(5),
            &[],
            None,
            None
        )
        .unwrap()
        .is_none());
        assert_eq!(count(&conn, "lobby.updated"), 1);
        assert_eq!(
            session_games::get_by_id(&conn, id).unwrap().player_count,
            Some(2)
        );
    }

    #[test]
    fn completed_marks_the_game_played() {
        let (_dir, mut conn, id) = setup();
        let names = vec!["A".to_string()];
        let out = finish(
            &mut conn,
            id,
            "ABCD",
            Finish::Completed,
            Some(1),
            &names,
            None,
            None,
        )
        .unwrap()
        .unwrap();
        let types: Vec<String> = out
            .iter()
            .map(|p| Event::from_frame(p).unwrap().name().to_string())
            .collect();
        assert_eq!(
            types,
            [
                "player-count.updated",
                "game.ended",
                "room.disconnected",
                "monitor.state"
            ]
        );
        let sg = session_games::get_by_id(&conn, id).unwrap();
        assert_eq!(sg.player_count_check_status, MonitorStatus::Completed);
        assert_eq!(sg.status, crate::core::GameStatus::Played);
        assert_eq!(monitoring(&conn).unwrap().len(), 0);
    }
}
