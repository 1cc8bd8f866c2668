//! The weighted random picker (`POST /api/pick`, `jackbox pick`): candidates, repeat
//! avoidance, favor weights and the draw itself.
//!
//! The caller supplies the random source, so the CLI's `--seed N` is reproducible and the
//! daemon can use a thread RNG.

use super::catalog::{self, GameFilter};
use super::input::Raw;
use super::model::Game;
use super::sessions;
use crate::{Error, Result};
use rand::Rng;
use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// How many of a session's most recent games repeat avoidance excludes.
pub const RECENT: i64 = 2;

pub const NO_MATCH: &str = "No games match the current filters";

/// What a pick asks for (the body of `POST /api/pick`).
#[derive(Debug, Clone, Default)]
pub struct PickRequest {
    /// `player_count`, `drawing`, `length`, `family_friendly` and `packs` are used; the
    /// picker itself restricts to enabled games of enabled packs.
    pub filter: GameFilter,
    /// Repeat avoidance: the last [`RECENT`] games added to this session are excluded.
    pub session_id: Option<i64>,
    /// With `session_id`: exclude every game already in that session.
    pub exclude_played: bool,
    /// Line the pick up as the session's selection (`dice`); needs `session_id` and, over
    /// HTTP, an admin token (`selection::pick_and_select`).
    pub select: bool,
}

/// `200 { "game", "poolSize", "totalEnabled" }`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pick {
    pub game: Game,
    /// Candidates after every filter and exclusion.
    #[serde(rename = "poolSize")]
    pub pool_size: i64,
    /// Enabled games of enabled packs, before any filter or exclusion.
    #[serde(rename = "totalEnabled")]
    pub total_enabled: i64,
    /// With `select`: the session's selection after the pick.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selection: Option<super::model::Selection>,
}

/// The factor of one favor_bias value: 1 → 3, 0 → 1, -1 → 0.2.
pub fn factor(favor: i64) -> f64 {
    match favor {
        1 => 3.0,
        -1 => 0.2,
        _ => 1.0,
    }
}

/// A game's weight: its own factor times its pack's.
pub fn weight(game_favor: i64, pack_favor: i64) -> f64 {
    factor(game_favor) * factor(pack_favor)
}

/// The candidates of a pick with their weights (in catalog order: pack, then title), and
/// `totalEnabled`.
pub fn candidates(conn: &Connection, req: &PickRequest) -> Result<(Vec<(Game, f64)>, i64)> {
    let excluded = excluded_games(conn, req)?;
    let packs: HashMap<String, (bool, i64)> = catalog::packs(conn)?
        .into_iter()
        .map(|p| (p.name, (p.enabled == 1, p.favor_bias)))
        .collect();
    let filter = GameFilter {
        enabled: Some(true),
        q: None,
        ..req.filter.clone()
    };
    let enabled_only = GameFilter {
        enabled: Some(true),
        ..GameFilter::default()
    };
    let mut total_enabled = 0;
    let mut out = Vec::new();
    for g in catalog::list(conn, &enabled_only)? {
        let Some(&(pack_enabled, pack_favor)) = packs.get(&g.pack_name) else {
            continue;
        };
        if !pack_enabled {
            continue;
        }
        total_enabled += 1;
        if filter.matches(&g) && !excluded.contains(&g.id) {
            let w = weight(g.favor_bias, pack_favor);
            out.push((g, w));
        }
    }
    Ok((out, total_enabled))
}

/// The game ids repeat avoidance removes.
fn excluded_games(conn: &Connection, req: &PickRequest) -> Result<HashSet<i64>> {
    let Some(session_id) = req.session_id else {
        return Ok(HashSet::new());
    };
    sessions::get(conn, session_id)?;
    let sql = if req.exclude_played {
        "SELECT game_id FROM session_games WHERE session_id = ?1"
    } else {
        "SELECT game_id FROM session_games WHERE session_id = ?1
         ORDER BY played_at DESC, id DESC LIMIT ?2"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = if req.exclude_played {
        stmt.query_map([session_id], |r| r.get(0))?
            .collect::<rusqlite::Result<HashSet<i64>>>()?
    } else {
        stmt.query_map([session_id, RECENT], |r| r.get(0))?
            .collect::<rusqlite::Result<HashSet<i64>>>()?
    };
    Ok(rows)
}

/// Picks one game at random, each candidate with probability weight / total weight.
pub fn pick<R: Rng + ?Sized>(conn: &Connection, req: &PickRequest, rng: &mut R) -> Result<Pick> {
    let (pool, total_enabled) = candidates(conn, req)?;
    let total: f64 = pool.iter().map(|(_, w)| w).sum();
    if pool.is_empty() || total <= 0.0 {
        return Err(Error::not_found(NO_MATCH)
            .with_extra("poolSize", 0)
            .with_extra("totalEnabled", total_enabled)
            .with_hint(
                "loosen the filters, or enable games: jackbox catalog list --enabled false",
            ));
    }
    let pool_size = pool.len() as i64;
    let chosen = choose(&pool, rng).unwrap_or(0);
    let game = pool
        .into_iter()
        .nth(chosen)
        .map(|(g, _)| g)
        .ok_or_else(|| {
            Error::storage("picker: empty pool") // unreachable: the pool is not empty
        })?;
    Ok(Pick {
        game,
        pool_size,
        total_enabled,
        selection: None,
    })
}

/// One index of `pool` drawn with probability weight / total weight; `None` when nothing
/// has weight. Polls draw several games by calling it on what is left.
pub fn choose<R: Rng + ?Sized>(pool: &[(Game, f64)], rng: &mut R) -> Option<usize> {
    let total: f64 = pool.iter().map(|(_, w)| w).sum();
    if pool.is_empty() || total <= 0.0 {
        return None;
    }
    let mut x = rng.gen::<f64>() * total;
    for (i, (_, w)) in pool.iter().enumerate() {
        if x < *w {
            return Some(i);
        }
        x -= w;
    }
    Some(pool.len() - 1)
}

impl PickRequest {
    /// Reads a `POST /api/pick` body. Absent and `null` fields mean "no filter"; a value of
    /// the wrong type or outside its set is a `400` naming the field.
    pub fn from_json(body: &Value) -> Result<PickRequest> {
        let empty = serde_json::Map::new();
        let obj = match body {
            Value::Null => &empty,
            Value::Object(o) => o,
            _ => return Err(Error::invalid("Request body must be a JSON object")),
        };
        let get = |k: &str| obj.get(k).filter(|v| !v.is_null());
        let bool_field = |k: &str| super::input::opt_bool(obj.get(k), k);
        let common = GameFilter::default().with_common(|k| get(k).map(Raw::Json))?;
        let pack_error = || Error::invalid("pack must be a string or a list of strings");
        let packs = match get("pack") {
            None => Vec::new(),
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(items)) => items
                .iter()
                .map(|p| p.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(pack_error)?,
            Some(_) => return Err(pack_error()),
        };
        let session_id = match get("sessionId") {
            None => None,
            Some(v) => Some(
                v.as_i64()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| Error::invalid("sessionId must be a positive integer"))?,
            ),
        };
        Ok(PickRequest {
            filter: GameFilter {
                // `false` means "no restriction", not "only games unfit for children".
                family_friendly: bool_field("familyFriendly")?.filter(|ff| *ff),
                packs,
                ..common
            },
            session_id,
            exclude_played: bool_field("excludePlayed")?.unwrap_or(false),
            select: bool_field("select")?.unwrap_or(false),
        })
    }
}
