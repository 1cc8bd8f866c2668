//! The steps that run when a session's lineup changes, written once: a game added, a game
//! lined up or dismissed (by hand or by the picker), a session closed. Each is one
//! transaction that settles a poll past its deadline first, ends what the change ends (the
//! `playing` game and its room monitor, the running poll, the lined-up game) and emits the
//! events of each step.
//!
//! This module sits above `sessions`, `session_games`, `selection`, `polls` and `picker`, and
//! none of them imports it: they keep their own rows, this keeps the order of the steps
//! (`tools/check-core-cycles.sh` checks the core has no import cycle).

use super::audit::{self, Action};
use super::catalog;
use super::events::{emit, monitor_changed, EndedSession, Event, GameAdded, SessionEnded};
use super::input::required;
use super::model::{Selection, Session, SessionGame};
use super::monitor_state::{self, MonitorState};
use super::picker::{self, Pick, PickRequest};
use super::polls;
use super::selection;
use super::session_games::{self, validate_room_code, NewGame, Playing};
use super::sessions;
use super::vocab::{DismissReason, GameStatus, MonitorStatus, SelectionSource};
use crate::{store, Error, Result};
use rusqlite::Connection;
use serde_json::json;

/// A new game ends the one being played: its monitor stops, it becomes `played`.
fn end_current_game(tx: &Connection, session_id: i64) -> Result<()> {
    session_games::stop_monitors(tx, session_id, None)?;
    session_games::end_playing(tx, session_id, Playing::All)
}

/// The night's end ends the choosing and the playing: monitors stop, a running poll is
/// cancelled (one past its deadline is closed first), the lined-up game is dismissed, the
/// `playing` game becomes `played`.
fn end_choosing(tx: &Connection, session_id: i64) -> Result<()> {
    session_games::stop_monitors(tx, session_id, None)?;
    polls::end_with_session(tx, session_id)?;
    selection::dismiss_in(tx, session_id, DismissReason::SessionClosed)?;
    session_games::end_playing(tx, session_id, Playing::All)
}

/// Adds a game to a session: other `playing` games become `played` (their monitors stop),
/// `play_count` + 1, `game.added`, and the monitor starts when a room code is given.
pub fn add_game(conn: &mut Connection, session_id: i64, new: &NewGame) -> Result<SessionGame> {
    let game_id = new
        .game_id
        .filter(|id| *id > 0)
        .ok_or_else(|| required("game_id"))?;
    if let Some(code) = &new.room_code {
        validate_room_code(code)?;
    }
    store::write(conn, |tx| {
        let session = sessions::get(tx, session_id)?;
        if session.is_active == 0 {
            return Err(Error::state("Cannot add games to a closed session"));
        }
        catalog::get(tx, game_id)?;
        end_current_game(tx, session_id)?;
        let monitor = if new.room_code.is_some() {
            MonitorStatus::Monitoring
        } else {
            MonitorStatus::NotStarted
        };
        // Adding any game clears the selection; the selected game keeps its source.
        polls::settle_in(tx, session_id)?;
        let source = match selection::pending(tx, session_id)? {
            Some((selected, source)) if selected == game_id => source,
            _ => new.source.unwrap_or(SelectionSource::Manual),
        };
        let id = store::next_id(tx, "session_games")?;
        tx.prepare_cached(
            "INSERT INTO session_games
                (id, session_id, game_id, played_at, manually_added, status, room_code,
                 player_count_check_status, source)
             VALUES (?7, ?1, ?2, ?3, ?4, ?8, ?5, ?6, ?9)",
        )?
        .execute(rusqlite::params![
            session_id,
            game_id,
            crate::time::now(),
            new.manually_added as i64,
            new.room_code,
            monitor,
            id,
            GameStatus::Playing,
            source
        ])?;
        tx.prepare_cached("UPDATE games SET play_count = play_count + 1 WHERE id = ?1")?
            .execute([game_id])?;
        let mut sg = session_games::get(tx, session_id, id)?;
        let games_played = session.games_played.unwrap_or(0) + 1;
        emit(
            tx,
            Some(session_id),
            Event::GameAdded(GameAdded::new(&sg, games_played)),
        )?;
        selection::dismiss_in(tx, session_id, DismissReason::Added)?;
        if new.room_code.is_some() {
            monitor_state::set(tx, &sg, &MonitorState::looking_up())?;
            monitor_changed(tx, session_id, id, MonitorStatus::Monitoring)?;
            sg.monitor_state = Some(MonitorState::looking_up());
        }
        audit::record(
            tx,
            Action::GameAdd,
            Some(format!("session_game:{id}")),
            json!({
                "session_id": session_id,
                "game_id": game_id,
                "title": sg.title,
                "manually_added": new.manually_added,
                "room_code": new.room_code,
            }),
        )?;
        Ok(sg)
    })
}

/// Closes a session: `playing` games become `played`, running monitors stop, notes are
/// replaced only when given. Emits `session.ended`.
pub fn close_session(conn: &mut Connection, id: i64, notes: Option<&str>) -> Result<Session> {
    store::write(conn, |tx| {
        let session = sessions::get(tx, id)?;
        if session.is_active == 0 {
            return Err(Error::state("Session is already closed"));
        }
        end_choosing(tx, id)?;
        let now = crate::time::now();
        tx.prepare_cached(
            "UPDATE sessions SET is_active = 0, closed_at = ?2, notes = COALESCE(?3, notes)
             WHERE id = ?1",
        )?
        .execute(rusqlite::params![id, now, notes])?;
        let closed = sessions::get(tx, id)?;
        emit(
            tx,
            Some(id),
            Event::SessionEnded(SessionEnded {
                session: EndedSession {
                    id,
                    is_active: 0,
                    games_played: closed.games_played,
                },
            }),
        )?;
        audit::record(
            tx,
            Action::SessionClose,
            Some(format!("session:{id}")),
            json!({ "notes": notes, "games_played": closed.games_played }),
        )?;
        Ok(closed)
    })
}

/// Lines up `game_id` in the session (`POST …/game-selection`): `game.picked`.
pub fn select_game(
    conn: &mut Connection,
    session_id: i64,
    game_id: i64,
    source: SelectionSource,
) -> Result<Selection> {
    store::write(conn, |tx| {
        polls::settle_in(tx, session_id)?;
        selection::check_session(tx, session_id)?;
        let game = selection::selectable(tx, game_id)?;
        selection::select_in(tx, session_id, &game, source)?;
        audit::record(
            tx,
            Action::SelectionSet,
            Some(format!("session:{session_id}")),
            json!({ "game_id": game.id, "source": source }),
        )?;
        selection::get(tx, session_id)
    })
}

/// Clears the selection by hand (`DELETE …/game-selection`): `game.dismissed` when there
/// was one; nothing selected is still a success, without an event.
pub fn dismiss_selection(conn: &mut Connection, session_id: i64) -> Result<Selection> {
    store::write(conn, |tx| {
        polls::settle_in(tx, session_id)?;
        sessions::get(tx, session_id)?;
        let was = selection::dismiss_in(tx, session_id, DismissReason::Dismissed)?;
        audit::record(
            tx,
            Action::SelectionDismiss,
            Some(format!("session:{session_id}")),
            json!({ "game_id": was.map(|(id, _)| id) }),
        )?;
        selection::get(tx, session_id)
    })
}

/// `POST /api/pick` with `select: true` (`jackbox pick --select`): picks with the picker's
/// rules and lines the game up (`dice`) in the same transaction.
pub fn pick_and_select<R: rand::Rng + ?Sized>(
    conn: &mut Connection,
    req: &PickRequest,
    rng: &mut R,
) -> Result<Pick> {
    let session_id = req
        .session_id
        .ok_or_else(|| Error::invalid("sessionId is required to select the pick"))?;
    store::write(conn, |tx| {
        polls::settle_in(tx, session_id)?;
        selection::check_session(tx, session_id)?;
        let mut pick = picker::pick(tx, req, rng)?;
        selection::select_in(tx, session_id, &pick.game, SelectionSource::Dice)?;
        audit::record(
            tx,
            Action::SelectionSet,
            Some(format!("session:{session_id}")),
            json!({ "game_id": pick.game.id, "source": SelectionSource::Dice }),
        )?;
        pick.selection = Some(selection::get(tx, session_id)?);
        Ok(pick)
    })
}
