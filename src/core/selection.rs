//! The game selection: the one game a session has lined up next (`docs/polls.md`, "Game
//! selection"), stored on the session (`pending_game_id`, `pending_game_source`).
//!
//! Set by hand, by the picker (`pick … select`) or by a poll's winner; cleared by hand, by
//! adding any game to the session, and by closing the session.

use super::catalog;
use super::events::{emit, Event, GameDismissed, GamePicked, PickedGame};
use super::model::Game;
pub use super::model::Selection;
use super::sessions;
pub use super::vocab::{DismissReason, SelectionSource};
use crate::{Error, Result};
use rusqlite::{Connection, OptionalExtension};

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
