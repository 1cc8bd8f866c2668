//! Reading games: by id, by a name the user typed, by ecast app tag, and the filtered list.

use super::filter::GameFilter;
use crate::core::model::Game;
use crate::{Error, Result};
use rusqlite::{Connection, OptionalExtension};

pub fn game_not_found() -> Error {
    Error::not_found("Game not found")
}

/// One game; `Game not found` when absent.
pub fn get(conn: &Connection, id: i64) -> Result<Game> {
    let sql = format!("{} WHERE g.id = ?1", Game::SELECT);
    conn.prepare_cached(&sql)?
        .query_row([id], Game::from_row)
        .optional()?
        .ok_or_else(game_not_found)
}

/// A game named by the user: a numeric id, or a title matching exactly one game
/// (case-insensitive; an exact title wins over a ticker, a ticker over a partial title, and
/// among exact titles in several packs the numbered Party Pack release wins).
pub fn resolve(conn: &Connection, name: &str) -> Result<Game> {
    let name = name.trim();
    if let Ok(id) = name.parse::<i64>() {
        return get(conn, id);
    }
    let sql = format!(
        "{} WHERE lower(g.title) = lower(?1) OR instr(lower(g.title), lower(?1)) > 0
         ORDER BY g.pack_name, g.title",
        Game::SELECT
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let found: Vec<Game> = stmt
        .query_map([name], Game::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let exact: Vec<&Game> = found
        .iter()
        .filter(|g| g.title.eq_ignore_ascii_case(name))
        .collect();
    // The same title can ship in several packs (Quiplash 3 in Party Pack 7 and in the
    // Party Starter): the numbered Party Pack release is the one people mean.
    let in_party_pack: Vec<&Game> = exact
        .iter()
        .copied()
        .filter(|g| g.pack_name.starts_with("The Jackbox Party Pack"))
        .collect();
    // No exact title: a ticker (`QPL3`, any case) names its game before partial titles do.
    if exact.is_empty() {
        if let Some(g) = crate::core::tickers::find(conn, name)? {
            return Ok(g);
        }
    }
    let candidates: Vec<&Game> = if in_party_pack.len() == 1 {
        in_party_pack
    } else if exact.is_empty() {
        found.iter().collect()
    } else {
        exact
    };
    match candidates.as_slice() {
        [] => Err(match crate::core::hints::nearest_titles(conn, name)? {
            Some(hint) => game_not_found().with_hint(hint),
            None => game_not_found(),
        }),
        [one] => Ok((*one).clone()),
        many => {
            let list = many
                .iter()
                .take(8)
                .map(|g| format!("{} ({}, id {})", g.title, g.pack_name, g.id))
                .collect::<Vec<_>>()
                .join("; ");
            Err(
                Error::invalid(format!("Game title \"{name}\" is ambiguous: {list}"))
                    .with_hint("name the game by its id (jackbox catalog list --q TEXT shows ids)"),
            )
        }
    }
}

/// The catalog game carrying an ecast `appTag`, if any.
pub fn find_by_app_tag(conn: &Connection, tag: &str) -> Result<Option<Game>> {
    let sql = format!(
        "{} WHERE g.app_tag IS NOT NULL AND instr(',' || g.app_tag || ',', ',' || ?1 || ',') > 0
         ORDER BY g.id LIMIT 1",
        Game::SELECT
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([tag], Game::from_row)
        .optional()?)
}

/// All games ordered by pack, then title, filtered. The catalog is small (~100 rows), so
/// one query reads it and the filters run in memory, identically for listing and picking.
pub fn list(conn: &Connection, filter: &GameFilter) -> Result<Vec<Game>> {
    let sql = format!("{} ORDER BY g.pack_name, g.title", Game::SELECT);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], Game::from_row)?;
    let mut out = Vec::new();
    for g in rows {
        let g = g?;
        if filter.matches(&g) {
            out.push(g);
        }
    }
    Ok(out)
}
