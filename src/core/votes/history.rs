//! The vote history (`GET /api/votes`) and per-game totals of a session.

use super::token::VoteKind;
use crate::core::input::{Least, Raw, Wording};
use crate::core::sessions;
use crate::core::vocab::VoteSource;
use crate::{Error, Result};
use rusqlite::Connection;
use serde::Serialize;

/// Filters and page of `GET /api/votes` / `jackbox votes list`.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteFilter {
    pub session_id: Option<i64>,
    pub game_id: Option<i64>,
    pub username: Option<String>,
    pub vote_type: Option<VoteKind>,
    pub page: i64,
    pub limit: i64,
}

impl Default for VoteFilter {
    fn default() -> Self {
        VoteFilter {
            session_id: None,
            game_id: None,
            username: None,
            vote_type: None,
            page: 1,
            limit: 50,
        }
    }
}

pub const MAX_LIMIT: i64 = 100;

/// The refusal of a `vote_type` other than `up`/`down` (`docs/votes.md`).
pub const VOTE_TYPE_ERROR: &str = "Invalid vote_type: must be \"up\" or \"down\"";

/// Ids, `page` and `limit`: positive, named as `docs/votes.md` says.
fn positive(name: &str, v: Raw) -> Result<i64> {
    v.count(name, Least::One, Wording::Prefixed)
}

impl VoteFilter {
    /// Builds a filter from query parameters (snake_case); unknown parameters are ignored,
    /// empty values mean "not given".
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self> {
        let mut f = VoteFilter::default();
        // Read after the numbers: a bad number is named before a bad `vote_type`.
        let mut vote_type = None;
        for (k, v) in pairs {
            if v.is_empty() {
                continue;
            }
            match k {
                "session_id" => f.session_id = Some(positive(k, Raw::Text(v))?),
                "game_id" => f.game_id = Some(positive(k, Raw::Text(v))?),
                "username" => f.username = Some(v.to_string()),
                "vote_type" => vote_type = Some(v),
                "page" => f.page = positive(k, Raw::Text(v))?,
                "limit" => f.limit = positive(k, Raw::Text(v))?,
                _ => {}
            }
        }
        if let Some(t) = vote_type {
            f.vote_type = Some(VoteKind::parse(t).ok_or_else(|| Error::invalid(VOTE_TYPE_ERROR))?);
        }
        f.validate()
    }

    /// Checks the values (ids/page/limit positive); a `limit` above 100 is lowered to 100.
    pub fn validate(mut self) -> Result<Self> {
        let checks = [
            ("session_id", self.session_id.unwrap_or(1)),
            ("game_id", self.game_id.unwrap_or(1)),
            ("page", self.page),
            ("limit", self.limit),
        ];
        for (name, n) in checks {
            positive(name, Raw::Int(n))?;
        }
        self.limit = self.limit.min(MAX_LIMIT);
        Ok(self)
    }
}

/// One vote of the history, live or imported from chat.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct VoteRow {
    pub id: i64,
    pub session_id: i64,
    pub game_id: i64,
    pub game_title: String,
    pub pack_name: String,
    pub username: String,
    pub vote_type: VoteKind,
    pub timestamp: String,
    pub created_at: String,
    pub source: VoteSource,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pagination {
    pub page: i64,
    pub limit: i64,
    pub total: i64,
    pub total_pages: i64,
}

/// The reply of `GET /api/votes`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct VoteHistory {
    pub votes: Vec<VoteRow>,
    pub pagination: Pagination,
}

/// Live votes and matched chat votes as one relation. Chat rows have no separate creation
/// time: their `created_at` is the message time.
fn all_votes() -> String {
    format!(
        "SELECT lv.id, lv.session_id, lv.game_id, g.title AS game_title, g.pack_name,
               lv.username, lv.vote_type, lv.timestamp, lv.created_at, '{}' AS source
        FROM live_votes lv JOIN games g ON g.id = lv.game_id
        UNION ALL
        SELECT c.id, c.session_id, sg.game_id, g.title, g.pack_name, c.username,
               c.vote, c.timestamp, c.timestamp, '{}'
        FROM chat_logs c
        JOIN session_games sg ON sg.id = c.session_game_id
        JOIN games g ON g.id = sg.game_id
        WHERE c.vote IS NOT NULL",
        VoteSource::Live,
        VoteSource::Chat
    )
}

const VOTE_WHERE: &str = "(?1 IS NULL OR session_id = ?1) AND (?2 IS NULL OR game_id = ?2)
    AND (?3 IS NULL OR username = ?3) AND (?4 IS NULL OR vote_type = ?4)";

/// The vote history, newest timestamp first: one query for the page, one for the count.
pub fn history(conn: &Connection, f: &VoteFilter) -> Result<VoteHistory> {
    let params = rusqlite::params![f.session_id, f.game_id, f.username, f.vote_type];
    let total: i64 = conn
        .prepare_cached(&format!(
            "SELECT COUNT(*) FROM ({}) WHERE {VOTE_WHERE}",
            all_votes()
        ))?
        .query_row(params, |r| r.get(0))?;
    let offset = (f.page - 1).saturating_mul(f.limit);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, session_id, game_id, game_title, pack_name, username, vote_type,
                timestamp, created_at, source
         FROM ({}) WHERE {VOTE_WHERE}
         ORDER BY timestamp DESC, created_at DESC, source DESC, id DESC
         LIMIT ?5 OFFSET ?6",
        all_votes()
    ))?;
    let rows = stmt.query_map(
        rusqlite::params![
            f.session_id,
            f.game_id,
            f.username,
            f.vote_type,
            f.limit,
            offset
        ],
        |r| {
            Ok(VoteRow {
                id: r.get(0)?,
                session_id: r.get(1)?,
                game_id: r.get(2)?,
                game_title: r.get(3)?,
                pack_name: r.get(4)?,
                username: r.get(5)?,
                vote_type: r.get(6)?,
                timestamp: r.get(7)?,
                created_at: r.get(8)?,
                source: r.get(9)?,
            })
        },
    )?;
    let votes = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(VoteHistory {
        votes,
        pagination: Pagination {
            page: f.page,
            limit: f.limit,
            total,
            total_pages: (total + f.limit - 1) / f.limit,
        },
    })
}

/// One game's totals in a session.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GameTotals {
    pub game_id: i64,
    pub title: String,
    pub pack_name: String,
    pub upvotes: i64,
    pub downvotes: i64,
    pub net_score: i64,
    pub total_votes: i64,
}

/// The reply of `GET /api/sessions/{id}/votes`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SessionVotes {
    pub session_id: i64,
    pub votes: Vec<GameTotals>,
}

/// Per-game totals (live and chat votes) of a session's games that received votes,
/// best net score first.
pub fn session_totals(conn: &Connection, session_id: i64) -> Result<SessionVotes> {
    sessions::get(conn, session_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT sg.game_id, g.title, g.pack_name, SUM(sg.upvotes) AS up, SUM(sg.downvotes) AS down
         FROM session_games sg JOIN games g ON g.id = sg.game_id
         WHERE sg.session_id = ?1
         GROUP BY sg.game_id
         HAVING up + down > 0
         ORDER BY up - down DESC, up DESC, g.title, sg.game_id",
    )?;
    let rows = stmt.query_map([session_id], |r| {
        let (up, down): (i64, i64) = (r.get(3)?, r.get(4)?);
        Ok(GameTotals {
            game_id: r.get(0)?,
            title: r.get(1)?,
            pack_name: r.get(2)?,
            upvotes: up,
            downvotes: down,
            net_score: up - down,
            total_votes: up + down,
        })
    })?;
    Ok(SessionVotes {
        session_id,
        votes: rows.collect::<rusqlite::Result<_>>()?,
    })
}
