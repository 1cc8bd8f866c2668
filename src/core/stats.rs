//! Totals and rankings (`GET /api/stats`, `jackbox stats`).

use super::model::Game;
use crate::Result;
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Count {
    pub total: i64,
    pub enabled: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SessionCount {
    pub total: i64,
    pub active: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub games: Count,
    pub packs: Count,
    pub sessions: SessionCount,
    pub games_played: i64,
    pub most_played_games: Vec<Game>,
    pub top_rated_games: Vec<Game>,
    pub total_votes: i64,
}

/// Everything in one read transaction: one query for the totals, one per ranking.
pub fn stats(conn: &Connection) -> Result<Stats> {
    let tx = conn.unchecked_transaction()?;
    let totals = tx
        .prepare_cached(
            "SELECT
                (SELECT COUNT(*) FROM games),
                (SELECT COUNT(*) FROM games WHERE enabled = 1),
                (SELECT COUNT(*) FROM packs p WHERE EXISTS
                    (SELECT 1 FROM games g WHERE g.pack_name = p.name)),
                (SELECT COUNT(*) FROM packs p WHERE p.enabled = 1 AND EXISTS
                    (SELECT 1 FROM games g WHERE g.pack_name = p.name)),
                (SELECT COUNT(*) FROM sessions),
                (SELECT COUNT(*) FROM sessions WHERE is_active = 1),
                (SELECT COUNT(*) FROM session_games),
                (SELECT COALESCE(SUM(upvotes + downvotes), 0) FROM games)",
        )?
        .query_row([], |r| {
            Ok([
                r.get::<_, i64>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ])
        })?;
    let ranking = |sql: &str| -> Result<Vec<Game>> {
        let sql = format!("{} {sql}", Game::SELECT);
        let mut stmt = tx.prepare_cached(&sql)?;
        let rows = stmt.query_map([], Game::from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    // Games never played (or never voted up) are not "most played" (or "top rated").
    let most_played_games = ranking(
        "WHERE g.play_count > 0 ORDER BY g.play_count DESC, g.pack_name, g.title LIMIT 10",
    )?;
    let top_rated_games = ranking(
        "WHERE g.popularity_score > 0
         ORDER BY g.popularity_score DESC, g.upvotes DESC, g.pack_name, g.title LIMIT 10",
    )?;
    tx.finish()?;
    Ok(Stats {
        games: Count {
            total: totals[0],
            enabled: totals[1],
        },
        packs: Count {
            total: totals[2],
            enabled: totals[3],
        },
        sessions: SessionCount {
            total: totals[4],
            active: totals[5],
        },
        games_played: totals[6],
        most_played_games,
        top_rated_games,
        total_votes: totals[7],
    })
}
