//! Writing games: add, update, delete, enable and favor, each one `store::write`
//! transaction, and the rules that span games (unique (pack, title), one game per app tag).

use super::fields::{check_favor, GameFields};
use super::patch::GamePatch;
use super::read::get;
use crate::core::audit::{self, Action};
use crate::core::model::{Game, Message};
use crate::{store, Error, Result};
use rusqlite::{Connection, OptionalExtension, ToSql};
use serde_json::json;

/// The parameters of both game writes: `first` (`?1`), then the twelve editable fields in
/// CSV order (`?2`..`?13`) and the ticker (`?14`).
fn game_params<'a>(first: &'a dyn ToSql, f: &'a GameFields) -> [&'a dyn ToSql; 14] {
    [
        first,
        &f.pack_name,
        &f.title,
        &f.min_players,
        &f.max_players,
        &f.length_minutes,
        &f.has_audience,
        &f.family_friendly,
        &f.game_type,
        &f.secondary_type,
        &f.app_tag,
        &f.enabled,
        &f.favor_bias,
        &f.ticker,
    ]
}

/// Inserts one game (and its pack when new). Returns the new id.
pub fn insert(tx: &Connection, f: &GameFields, now: &str) -> Result<i64> {
    tx.prepare_cached("INSERT OR IGNORE INTO packs (name) VALUES (?1)")?
        .execute([&f.pack_name])?;
    tx.prepare_cached(
        "INSERT INTO games (created_at, pack_name, title, min_players, max_players,
            length_minutes, has_audience, family_friendly, game_type, secondary_type, app_tag,
            enabled, favor_bias, ticker)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(game_params(&now, f))?;
    Ok(tx.last_insert_rowid())
}

fn duplicate_game(f: &GameFields) -> Error {
    Error::duplicate(format!(
        "A game titled \"{}\" already exists in pack \"{}\"",
        f.title, f.pack_name
    ))
}

/// The id of the game with this (pack_name, title), if any.
fn id_by_key(conn: &Connection, pack_name: &str, title: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM games WHERE pack_name = ?1 AND title = ?2")?
        .query_row([pack_name, title], |r| r.get(0))
        .optional()?)
}

/// A tag held by two games: (tag, the game that should not have it, the one that does).
pub(super) struct TagClash {
    tag: String,
    pub(super) offender: i64,
    owner: (String, String),
}

/// Each app tag belongs to one game (`docs/catalog.md`): finds a tag carried by two games.
/// When `prefer` is given, the clash is reported against that game (the one just written).
pub(super) fn tag_clash(
    conn: &Connection,
    prefer: &dyn Fn(i64) -> bool,
) -> Result<Option<TagClash>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, title, pack_name, app_tag FROM games WHERE app_tag IS NOT NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut owners: std::collections::HashMap<String, (i64, String, String)> =
        std::collections::HashMap::new();
    let mut clash: Option<TagClash> = None;
    for row in rows {
        let (id, title, pack, tags) = row?;
        for tag in tags.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            let key = tag.to_ascii_lowercase();
            match owners.get(&key) {
                None => {
                    owners.insert(key, (id, title.clone(), pack.clone()));
                }
                Some((other, other_title, other_pack)) if *other != id => {
                    // Report against the game being written when we can tell which one it is.
                    let (offender, owner) = if prefer(id) || !prefer(*other) {
                        (id, (other_title.clone(), other_pack.clone()))
                    } else {
                        (*other, (title.clone(), pack.clone()))
                    };
                    let better = clash.as_ref().is_none_or(|c| offender > c.offender);
                    if better {
                        clash = Some(TagClash {
                            tag: tag.to_string(),
                            offender,
                            owner,
                        });
                    }
                }
                Some(_) => {}
            }
        }
    }
    Ok(clash)
}

pub(super) fn tag_error(c: &TagClash) -> String {
    format!(
        "app_tag \"{}\" already belongs to {} ({}); a tag belongs to one game",
        c.tag, c.owner.0, c.owner.1
    )
}

/// Rejects the write when it left an app tag on two games.
fn check_tags_for(tx: &Connection, id: i64) -> Result<()> {
    match tag_clash(tx, &|g| g == id)? {
        Some(c) => Err(Error::invalid(tag_error(&c))),
        None => Ok(()),
    }
}

/// Writes `f` over game `id` (which exists).
pub(super) fn write_fields(tx: &Connection, id: i64, f: &GameFields) -> Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO packs (name) VALUES (?1)")?
        .execute([&f.pack_name])?;
    tx.prepare_cached(
        "UPDATE games SET pack_name = ?2, title = ?3, min_players = ?4, max_players = ?5,
            length_minutes = ?6, has_audience = ?7, family_friendly = ?8, game_type = ?9,
            secondary_type = ?10, app_tag = ?11, enabled = ?12, favor_bias = ?13, ticker = ?14
         WHERE id = ?1",
    )?
    .execute(game_params(&id, f))?;
    Ok(())
}

/// Adds a game (`POST /api/games`). A (pack, title) already in the catalog → `409`.
pub fn add(conn: &mut Connection, patch: GamePatch) -> Result<Game> {
    let fields = patch.into_new()?;
    store::write(conn, |tx| {
        if id_by_key(tx, &fields.pack_name, &fields.title)?.is_some() {
            return Err(duplicate_game(&fields));
        }
        if let Some(t) = &fields.ticker {
            crate::core::tickers::check_free(tx, t, None)?;
        }
        let id = insert(tx, &fields, &crate::time::now())?;
        check_tags_for(tx, id)?;
        audit::record(
            tx,
            Action::CatalogAdd,
            Some(format!("game:{id}")),
            serde_json::to_value(&fields)?,
        )?;
        get(tx, id)
    })
}

/// Changes a game's editable fields (`PUT /api/games/{id}`, `catalog edit`): the fields
/// present in `patch` replace the stored ones, the others are kept.
pub fn update(conn: &mut Connection, id: i64, patch: GamePatch) -> Result<Game> {
    store::write(conn, |tx| {
        let current = get(tx, id)?;
        let fields = patch.apply(GameFields::from(&current))?;
        if let Some(other) = id_by_key(tx, &fields.pack_name, &fields.title)? {
            if other != id {
                return Err(duplicate_game(&fields));
            }
        }
        if let Some(t) = &fields.ticker {
            crate::core::tickers::check_free(tx, t, Some(id))?;
        }
        write_fields(tx, id, &fields)?;
        check_tags_for(tx, id)?;
        audit::record(
            tx,
            Action::CatalogEdit,
            Some(format!("game:{id}")),
            serde_json::to_value(&fields)?,
        )?;
        get(tx, id)
    })
}

pub const DELETE_PLAYED_ERROR: &str =
    "Cannot delete a game that has been played in a session. Disable it instead.";

/// Whether any session refers to the game (a session game or a live vote).
fn used_in_sessions(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM session_games WHERE game_id = ?1)
                 OR EXISTS (SELECT 1 FROM live_votes WHERE game_id = ?1)",
        )?
        .query_row([id], |r| r.get(0))?)
}

/// Deletes a game that no session refers to.
pub fn delete(conn: &mut Connection, id: i64) -> Result<Message> {
    store::write(conn, |tx| {
        let game = get(tx, id)?;
        if used_in_sessions(tx, id)? {
            return Err(Error::state(DELETE_PLAYED_ERROR).with_hint(format!(
                "disable it instead: jackbox catalog disable {}",
                game.id
            )));
        }
        tx.prepare_cached("DELETE FROM games WHERE id = ?1")?
            .execute([id])?;
        audit::record(
            tx,
            Action::CatalogRemove,
            Some(format!("game:{id}")),
            json!({ "pack_name": game.pack_name, "title": game.title }),
        )?;
        Ok(Message::new("Game deleted successfully"))
    })
}

/// Sets `enabled`; `None` flips it (`PATCH /api/games/{id}/toggle`).
pub fn set_enabled(conn: &mut Connection, id: i64, enabled: Option<bool>) -> Result<Game> {
    store::write(conn, |tx| {
        let game = get(tx, id)?;
        let value = enabled.unwrap_or(game.enabled == 0);
        tx.prepare_cached("UPDATE games SET enabled = ?2 WHERE id = ?1")?
            .execute([id, value as i64])?;
        audit::record(
            tx,
            Action::CatalogEnable,
            Some(format!("game:{id}")),
            json!({ "title": game.title, "enabled": value }),
        )?;
        get(tx, id)
    })
}

/// Sets a game's favor (-1, 0 or 1).
pub fn set_favor(conn: &mut Connection, id: i64, favor: i64) -> Result<Game> {
    check_favor(favor)?;
    store::write(conn, |tx| {
        let game = get(tx, id)?;
        tx.prepare_cached("UPDATE games SET favor_bias = ?2 WHERE id = ?1")?
            .execute([id, favor])?;
        audit::record(
            tx,
            Action::CatalogFavor,
            Some(format!("game:{id}")),
            json!({ "title": game.title, "from": game.favor_bias, "favor_bias": favor }),
        )?;
        get(tx, id)
    })
}
