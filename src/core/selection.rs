//! The game selection: the one game a session has lined up next (`docs/polls.md`, "Game
//! selection"), stored on the session (`pending_game_id`, `pending_game_source`).
//!
//! Set by hand, by the picker (`pick … select`) or by a poll's winner; cleared by hand, by
//! adding any game to the session, and by closing the session.

use super::audit::{self, Action};
use super::catalog;
use super::events::{emit, Event, GameDismissed, GamePicked, PickedGame};
use super::model::Game;
use super::sessions;
pub use super::vocab::{DismissReason, SelectionSource};
use crate::{store, Error, Result};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;

/// `GET /api/sessions/{id}/game-selection`: `{ "sessionId", "game", "source" }`.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Selection {
    pub session_id: i64,
    pub game: Option<Game>,
    pub source: Option<SelectionSource>,
}

/// The stored selection of a session known to exist: (game id, source).
pub fn pending(conn: &Connection, session_id: i64) -> Result<Option<(i64, SelectionSource)>> {
    let row: Option<(Option<i64>, Option<SelectionSource>)> = conn
        .prepare_cached("SELECT pending_game_id, pending_game_source FROM sessions WHERE id = ?1")?
        .query_row([session_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match row {
        Some((Some(id), Some(source))) => Some((id, source)),
        _ => None,
    })
}

/// The selection of a session (`Session not found` when absent). Does not settle polls:
/// callers that answer a user run `polls::settle` first.
pub fn get(conn: &Connection, session_id: i64) -> Result<Selection> {
    sessions::get(conn, session_id)?;
    let (game, source) = match pending(conn, session_id)? {
        Some((id, source)) => (Some(catalog::get(conn, id)?), Some(source)),
        None => (None, None),
    };
    Ok(Selection {
        session_id,
        game,
        source,
    })
}

fn closed_session() -> Error {
    Error::state("Cannot select a game for a closed session")
}

/// Checks that a session may have a selection: it exists and is active.
pub fn check_session(conn: &Connection, session_id: i64) -> Result<()> {
    if sessions::get(conn, session_id)?.is_active == 0 {
        return Err(closed_session());
    }
    Ok(())
}

/// A game that may be selected: it exists and is enabled.
pub fn selectable(conn: &Connection, game_id: i64) -> Result<Game> {
    let game = catalog::get(conn, game_id)?;
    if game.enabled == 0 {
        return Err(Error::state("Game is disabled").with_hint(format!(
            "enable it first: jackbox catalog enable {}",
            game.id
        )));
    }
    Ok(game)
}

/// Lines up `game_id` in the session (`POST …/game-selection`): `game.picked`.
pub fn select(
    conn: &mut Connection,
    session_id: i64,
    game_id: i64,
    source: SelectionSource,
) -> Result<Selection> {
    store::write(conn, |tx| {
        super::polls::settle_in(tx, session_id)?;
        check_session(tx, session_id)?;
        let game = selectable(tx, game_id)?;
        select_in(tx, session_id, &game, source)?;
        audit::record(
            tx,
            Action::SelectionSet,
            Some(format!("session:{session_id}")),
            json!({ "game_id": game.id, "source": source }),
        )?;
        get(tx, session_id)
    })
}

/// Stores the selection and emits `game.picked` (checks are the caller's). Replacing an
/// earlier selection emits no `game.dismissed`: the new `game.picked` says it all.
pub fn select_in(
    tx: &Connection,
    session_id: i64,
    game: &Game,
    source: SelectionSource,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE sessions SET pending_game_id = ?2, pending_game_source = ?3 WHERE id = ?1",
    )?
    .execute(rusqlite::params![session_id, game.id, source])?;
    emit(
        tx,
        Some(session_id),
        Event::GamePicked(GamePicked {
            session_id,
            game: PickedGame::from(game),
            source,
        }),
    )?;
    Ok(())
}

/// Clears the selection by hand (`DELETE …/game-selection`): `game.dismissed` when there
/// was one; nothing selected is still a success, without an event.
pub fn dismiss(conn: &mut Connection, session_id: i64) -> Result<Selection> {
    store::write(conn, |tx| {
        super::polls::settle_in(tx, session_id)?;
        sessions::get(tx, session_id)?;
        let was = dismiss_in(tx, session_id, DismissReason::Dismissed)?;
        audit::record(
            tx,
            Action::SelectionDismiss,
            Some(format!("session:{session_id}")),
            json!({ "game_id": was.map(|(id, _)| id) }),
        )?;
        get(tx, session_id)
    })
}

/// Clears the selection, if any, emitting `game.dismissed` with `reason`. Returns what was
/// selected.
pub fn dismiss_in(
    tx: &Connection,
    session_id: i64,
    reason: DismissReason,
) -> Result<Option<(i64, SelectionSource)>> {
    let Some(current) = pending(tx, session_id)? else {
        return Ok(None);
    };
    tx.prepare_cached(
        "UPDATE sessions SET pending_game_id = NULL, pending_game_source = NULL WHERE id = ?1",
    )?
    .execute([session_id])?;
    emit(
        tx,
        Some(session_id),
        Event::GameDismissed(GameDismissed {
            session_id,
            game_id: Some(current.0),
            reason,
        }),
    )?;
    Ok(Some(current))
}

/// `POST /api/pick` with `select: true` (`jackbox pick --select`): picks with the picker's
/// rules and lines the game up (`dice`) in the same transaction.
pub fn pick_and_select<R: rand::Rng + ?Sized>(
    conn: &mut Connection,
    req: &super::picker::PickRequest,
    rng: &mut R,
) -> Result<super::picker::Pick> {
    let session_id = req
        .session_id
        .ok_or_else(|| Error::invalid("sessionId is required to select the pick"))?;
    store::write(conn, |tx| {
        super::polls::settle_in(tx, session_id)?;
        check_session(tx, session_id)?;
        let mut pick = super::picker::pick(tx, req, rng)?;
        select_in(tx, session_id, &pick.game, SelectionSource::Dice)?;
        audit::record(
            tx,
            Action::SelectionSet,
            Some(format!("session:{session_id}")),
            json!({ "game_id": pick.game.id, "source": SelectionSource::Dice }),
        )?;
        pick.selection = Some(get(tx, session_id)?);
        Ok(pick)
    })
}
