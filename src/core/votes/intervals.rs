//! Matching a time to a game: each game of a session owns the time from its `played_at` to
//! the next game's.

use crate::core::events::VoteTotals;
use crate::Result;
use rusqlite::Connection;
use serde_json::{json, Value};

/// One game of a session and the start of its interval.
#[derive(Debug, Clone)]
pub struct Slot {
    pub session_game_id: i64,
    pub game_id: i64,
    pub title: String,
    pub pack_name: String,
    pub start_ms: i64,
    pub played_at: String,
}

/// The session's games ordered by `played_at` (then id); each owns the time from its
/// `played_at` to the next game's. The last one's runs to `closed_at`, or forever while the
/// session is open. Skipped games own their interval like any other.
#[derive(Debug, Clone)]
pub struct Intervals {
    pub slots: Vec<Slot>,
    pub end_ms: Option<i64>,
}

impl Intervals {
    pub fn load(conn: &Connection, session_id: i64, closed_at: Option<&str>) -> Result<Self> {
        let mut stmt = conn.prepare_cached(
            "SELECT sg.id, sg.game_id, g.title, g.pack_name, sg.played_at
             FROM session_games sg JOIN games g ON g.id = sg.game_id
             WHERE sg.session_id = ?1 ORDER BY sg.played_at, sg.id",
        )?;
        let rows = stmt.query_map([session_id], |r| {
            let played_at: String = r.get(4)?;
            Ok(Slot {
                session_game_id: r.get(0)?,
                game_id: r.get(1)?,
                title: r.get(2)?,
                pack_name: r.get(3)?,
                start_ms: crate::time::parse_iso(&played_at)
                    .map(|t| t.timestamp_millis())
                    .unwrap_or(i64::MAX),
                played_at,
            })
        })?;
        let mut slots: Vec<Slot> = rows.collect::<rusqlite::Result<_>>()?;
        // Stored times sort as text; the parsed values must agree for the binary search.
        slots.sort_by_key(|s| s.start_ms);
        let end_ms = closed_at
            .and_then(crate::time::parse_iso)
            .map(|t| t.timestamp_millis());
        Ok(Intervals { slots, end_ms })
    }

    /// The latest session game of catalog game `game_id` in the session, if it was played
    /// (where a ticker vote for it is credited).
    pub fn latest_of(&self, game_id: i64) -> Option<i64> {
        self.slots
            .iter()
            .rev()
            .find(|s| s.game_id == game_id)
            .map(|s| s.session_game_id)
    }

    /// The index of the slot owning time `t` (ms), if any.
    pub fn find(&self, t: i64) -> Option<usize> {
        if self.end_ms.is_some_and(|end| t > end) {
            return None;
        }
        self.slots
            .partition_point(|s| s.start_ms <= t)
            .checked_sub(1)
    }

    /// The intervals as JSON, for the live-vote `debug` object.
    pub(super) fn describe(&self) -> Value {
        let list: Vec<Value> = self
            .slots
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let end = self
                    .slots
                    .get(i + 1)
                    .map(|n| Value::String(n.played_at.clone()))
                    .unwrap_or(Value::Null);
                json!({
                    "session_game_id": s.session_game_id, "game_id": s.game_id,
                    "title": s.title, "start": s.played_at, "end": end,
                })
            })
            .collect();
        Value::Array(list)
    }
}

/// Adds votes to a slot's session game and to its catalog game (whose popularity score
/// moves by up - down). Returns the catalog game's new totals.
pub fn add_votes(conn: &Connection, slot: &Slot, up: i64, down: i64) -> Result<VoteTotals> {
    add_game_votes(conn, slot.game_id, Some(slot.session_game_id), up, down)
}

/// [`add_votes`] for a catalog game and, when it has one, its session game (a ticker vote
/// may name a game the session never played).
pub fn add_game_votes(
    conn: &Connection,
    game_id: i64,
    session_game_id: Option<i64>,
    up: i64,
    down: i64,
) -> Result<VoteTotals> {
    if let Some(sg) = session_game_id {
        conn.prepare_cached(
            "UPDATE session_games SET upvotes = upvotes + ?2, downvotes = downvotes + ?3
             WHERE id = ?1",
        )?
        .execute([sg, up, down])?;
    }
    Ok(conn
        .prepare_cached(
            "UPDATE games SET upvotes = upvotes + ?2, downvotes = downvotes + ?3,
                popularity_score = popularity_score + ?2 - ?3
             WHERE id = ?1 RETURNING upvotes, downvotes, popularity_score",
        )?
        .query_row([game_id, up, down], |r| {
            Ok(VoteTotals {
                upvotes: r.get(0)?,
                downvotes: r.get(1)?,
                popularity_score: r.get(2)?,
            })
        })?)
}
