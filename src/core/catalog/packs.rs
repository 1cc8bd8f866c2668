//! Packs: listing with counts, lookup by name, and the pack-wide enabled flag and favor.

use super::fields::check_favor;
use crate::core::audit::{self, Action};
use crate::core::model::Message;
use crate::{store, Error, Result};
use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;

/// A pack with its flags and counts (`GET /api/games/packs`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pack {
    pub name: String,
    pub enabled: i64,
    pub favor_bias: i64,
    pub total_count: i64,
    pub enabled_count: i64,
}

/// Pack metadata (`GET /api/games/meta/packs`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PackMeta {
    pub name: String,
    pub total_count: i64,
    pub enabled_count: i64,
    pub total_plays: i64,
    pub favor_bias: i64,
}

const PACKS_SQL: &str = "SELECT p.name, p.enabled, p.favor_bias, COUNT(g.id),
        COALESCE(SUM(g.enabled), 0), COALESCE(SUM(g.play_count), 0)
    FROM packs p JOIN games g ON g.pack_name = p.name
    GROUP BY p.name ORDER BY p.name";

/// Packs that hold at least one game, by name.
pub fn packs(conn: &Connection) -> Result<Vec<Pack>> {
    let mut stmt = conn.prepare_cached(PACKS_SQL)?;
    let rows = stmt.query_map([], |r| {
        Ok(Pack {
            name: r.get(0)?,
            enabled: r.get(1)?,
            favor_bias: r.get(2)?,
            total_count: r.get(3)?,
            enabled_count: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn packs_meta(conn: &Connection) -> Result<Vec<PackMeta>> {
    let mut stmt = conn.prepare_cached(PACKS_SQL)?;
    let rows = stmt.query_map([], |r| {
        Ok(PackMeta {
            name: r.get(0)?,
            favor_bias: r.get(2)?,
            total_count: r.get(3)?,
            enabled_count: r.get(4)?,
            total_plays: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn pack_not_found() -> Error {
    Error::not_found("Pack not found")
}

/// One pack (with at least one game) by exact name, or else by a case-insensitive match.
pub fn pack(conn: &Connection, name: &str) -> Result<Pack> {
    let all = packs(conn)?;
    if let Some(p) = all.iter().find(|p| p.name == name) {
        return Ok(p.clone());
    }
    let mut loose = all
        .into_iter()
        .filter(|p| p.name.eq_ignore_ascii_case(name.trim()));
    match (loose.next(), loose.next()) {
        (Some(p), None) => Ok(p),
        _ => Err(pack_not_found().with_hint("pack names are listed by: jackbox catalog pack list")),
    }
}

/// Enables or disables picking from a pack, leaving each game's own flag as it is.
/// `gamesAffected` is the number of games in the pack.
pub fn set_pack_enabled(conn: &mut Connection, name: &str, enabled: bool) -> Result<Message> {
    store::write(conn, |tx| {
        let p = pack(tx, name)?;
        tx.prepare_cached("UPDATE packs SET enabled = ?2 WHERE name = ?1")?
            .execute(rusqlite::params![p.name, enabled as i64])?;
        audit::record(
            tx,
            Action::PackEnable,
            Some(format!("pack:{}", p.name)),
            json!({ "enabled": enabled }),
        )?;
        let word = if enabled { "enabled" } else { "disabled" };
        Ok(Message::new(&format!("Pack {word} successfully"))
            .with("pack", p.name)
            .with("enabled", enabled)
            .with("gamesAffected", p.total_count))
    })
}

/// Sets a pack's favor (-1, 0 or 1); returns the pack.
pub fn set_pack_favor(conn: &mut Connection, name: &str, favor: i64) -> Result<Pack> {
    check_favor(favor)?;
    store::write(conn, |tx| {
        let p = pack(tx, name)?;
        tx.prepare_cached("UPDATE packs SET favor_bias = ?2 WHERE name = ?1")?
            .execute(rusqlite::params![p.name, favor])?;
        audit::record(
            tx,
            Action::PackFavor,
            Some(format!("pack:{}", p.name)),
            json!({ "from": p.favor_bias, "favor_bias": favor }),
        )?;
        pack(tx, &p.name)
    })
}
