//! Live votes (`POST /api/votes/live`, `jackbox vote`): validation, matching to the active
//! session's game, dedupe, counters and the `vote.received` event.

use super::intervals::{add_game_votes, Intervals};
use super::parse::{format_ms, parse_timestamp};
use super::token::{message_hash, VoteKind};
use crate::core::audit::{self, Action};
use crate::core::events::{emit, Event, VoteReceived, VotedGame};
pub use crate::core::model::VoteCast;
use crate::core::sessions;
use crate::{store, Error, Result};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{json, Value};

/// The body of `POST /api/votes/live`, fields as received (validated by [`live`]).
#[derive(Debug, Clone, Default)]
pub struct LiveVoteInput {
    pub username: Option<Value>,
    pub vote: Option<Value>,
    pub timestamp: Option<Value>,
    /// A game's ticker: the vote goes to that game whatever the time (`docs/polls.md`), and
    /// `timestamp` may be left out (now).
    pub ticker: Option<Value>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LiveSession {
    pub id: i64,
    pub games_played: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LiveGame {
    pub id: i64,
    /// `null` for a ticker vote for a game not played in the session.
    pub session_game_id: Option<i64>,
    pub title: String,
    pub pack_name: String,
    pub upvotes: i64,
    pub downvotes: i64,
    pub popularity_score: i64,
}

/// The reply of `POST /api/votes/live`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LiveVoteResult {
    pub success: bool,
    pub message: String,
    pub session: LiveSession,
    pub game: LiveGame,
    pub vote: VoteCast,
}

pub const MISSING_FIELDS: &str = "Missing required fields: username, vote, timestamp";
pub const BAD_TIMESTAMP: &str =
    "Invalid timestamp format. Use ISO 8601 format (e.g., 2025-11-01T20:30:00Z)";

fn present(v: &Option<Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// Records one live vote for the active session's game whose interval contains the vote's
/// time: counters, the stored row and `vote.received`, in one transaction.
pub fn live(conn: &mut Connection, input: &LiveVoteInput) -> Result<LiveVoteResult> {
    let ticker = match &input.ticker {
        None | Some(Value::Null) => None,
        Some(Value::String(t)) => Some(crate::core::tickers::normalize(t)?),
        Some(_) => return Err(Error::invalid(crate::core::tickers::TICKER_ERROR)),
    };
    let timestamp_given = present(&input.timestamp);
    if !present(&input.username) || !present(&input.vote) || (!timestamp_given && ticker.is_none())
    {
        return Err(Error::invalid(MISSING_FIELDS));
    }
    let username = match &input.username {
        Some(Value::String(s)) => s.clone(),
        _ => return Err(Error::invalid(MISSING_FIELDS)),
    };
    let kind = match &input.vote {
        Some(Value::String(s)) => VoteKind::parse(s),
        _ => None,
    }
    .ok_or_else(|| Error::invalid(VoteKind::INVALID))?;
    let at = if timestamp_given {
        input
            .timestamp
            .as_ref()
            .and_then(parse_timestamp)
            .ok_or_else(|| Error::invalid(BAD_TIMESTAMP))?
    } else {
        chrono::Utc::now().timestamp_millis()
    };
    cast(
        conn,
        &Vote {
            username,
            kind,
            at,
            ticker,
        },
    )
}

/// One vote, typed: who, which way, when (ms since the epoch, UTC) and, for a ticker vote,
/// the game's ticker (normalized).
#[derive(Debug, Clone, PartialEq)]
pub struct Vote {
    pub username: String,
    pub kind: VoteKind,
    pub at: i64,
    pub ticker: Option<String>,
}

/// The one entry for counting a single vote, whatever brought it (`POST /api/votes/live`,
/// `jackbox vote`, a live chat source): matches it to the active session's game (by time,
/// or by ticker), refuses duplicates, stores it, moves the counters and emits
/// `vote.received`, in one transaction. The actor is the caller's (`audit::with_actor`).
pub fn cast(conn: &mut Connection, vote: &Vote) -> Result<LiveVoteResult> {
    let Vote {
        username,
        kind,
        at,
        ticker,
    } = vote.clone();
    let timestamp = format_ms(at).ok_or_else(|| Error::invalid(BAD_TIMESTAMP))?;
    store::write(conn, |tx| {
        let session = sessions::active(tx)?.ok_or_else(|| {
            Error::not_found("No active session found")
                .with_hint(crate::core::hints::NO_ACTIVE_SESSION_FOR_VOTE)
        })?;
        let (target, message) = match &ticker {
            Some(t) => (
                ticker_target(tx, session.id, t)?,
                format!("{t}{}", &kind.token()[8..]),
            ),
            None => (
                time_target(tx, session.id, at, &timestamp)?,
                kind.token().to_string(),
            ),
        };
        record(
            tx, &session, &target, username, kind, &message, at, timestamp,
        )
    })
}

/// The game a live vote goes to.
struct Target {
    game_id: i64,
    session_game_id: Option<i64>,
    title: String,
    pack_name: String,
}

/// A ticker vote: the ticker's game, and its latest session game if the session played it.
fn ticker_target(conn: &Connection, session_id: i64, ticker: &str) -> Result<Target> {
    let game = crate::core::tickers::find(conn, ticker)?
        .ok_or_else(crate::core::tickers::unknown_ticker)?;
    let session_game_id = Intervals::load(conn, session_id, None)?.latest_of(game.id);
    Ok(Target {
        game_id: game.id,
        session_game_id,
        title: game.title,
        pack_name: game.pack_name,
    })
}

/// A timed vote: the active session's game whose interval holds the vote's time.
fn time_target(conn: &Connection, session_id: i64, at: i64, timestamp: &str) -> Result<Target> {
    {
        let intervals = Intervals::load(conn, session_id, None)?;
        if intervals.slots.is_empty() {
            return Err(Error::not_found(
                "No games have been played in the active session yet",
            ));
        }
        let slot = match intervals.find(at) {
            Some(i) => &intervals.slots[i],
            None => {
                return Err(Error::not_found(
                    "Vote timestamp does not match any game in the active session",
                )
                .with_extra(
                    "debug",
                    json!({
                        "voteTimestamp": timestamp,
                        "sessionId": session_id,
                        "intervals": intervals.describe(),
                    }),
                ))
            }
        };
        Ok(Target {
            game_id: slot.game_id,
            session_game_id: Some(slot.session_game_id),
            title: slot.title.clone(),
            pack_name: slot.pack_name.clone(),
        })
    }
}

/// Stores one live vote for `target`: dedupe, the row, the counters and `vote.received`.
#[allow(clippy::too_many_arguments)]
fn record(
    tx: &Connection,
    session: &crate::core::model::Session,
    target: &Target,
    username: String,
    kind: VoteKind,
    message: &str,
    at: i64,
    timestamp: String,
) -> Result<LiveVoteResult> {
    {
        let slot = target;
        let hash = message_hash(&username, message, &timestamp);
        // The same viewer again within a second (either side: votes can arrive out of
        // order), or this exact vote already stored from a live vote or a chat import.
        let lo = format_ms(at - 999).unwrap_or_default();
        let hi = format_ms(at + 999).unwrap_or_default();
        let duplicate: Option<i64> = tx
            .prepare_cached(
                "SELECT 1 FROM live_votes
                 WHERE session_id = ?1 AND username = ?2 AND timestamp >= ?3 AND timestamp <= ?4
                 UNION ALL
                 SELECT 1 FROM live_votes WHERE message_hash = ?5
                 UNION ALL
                 SELECT 1 FROM chat_logs
                 WHERE session_id = ?1 AND timestamp = ?6 AND message_hash = ?5
                 LIMIT 1",
            )?
            .query_row(
                rusqlite::params![session.id, username, lo, hi, hash, timestamp],
                |r| r.get(0),
            )
            .optional()?;
        if duplicate.is_some() {
            return Err(
                Error::duplicate("Duplicate vote").with_hint(crate::core::hints::DUPLICATE_VOTE)
            );
        }
        tx.prepare_cached(
            "INSERT INTO live_votes (session_id, game_id, session_game_id, username, vote_type,
                timestamp, created_at, message_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(rusqlite::params![
            session.id,
            slot.game_id,
            slot.session_game_id,
            username,
            kind.as_str(),
            timestamp,
            crate::time::now(),
            hash
        ])?;
        let (up, down) = match kind {
            VoteKind::Up => (1, 0),
            VoteKind::Down => (0, 1),
        };
        let totals = add_game_votes(tx, slot.game_id, slot.session_game_id, up, down)?;
        let result = LiveVoteResult {
            success: true,
            message: "Vote recorded successfully".into(),
            session: LiveSession {
                id: session.id,
                games_played: session.games_played.unwrap_or(0),
            },
            game: LiveGame {
                id: slot.game_id,
                session_game_id: slot.session_game_id,
                title: slot.title.clone(),
                pack_name: slot.pack_name.clone(),
                upvotes: totals.upvotes,
                downvotes: totals.downvotes,
                popularity_score: totals.popularity_score,
            },
            vote: VoteCast {
                username,
                vote_type: kind,
                timestamp,
            },
        };
        emit(
            tx,
            Some(session.id),
            Event::VoteReceived(VoteReceived {
                session_id: session.id,
                game: VotedGame {
                    id: slot.game_id,
                    session_game_id: slot.session_game_id,
                    title: slot.title.clone(),
                    pack_name: slot.pack_name.clone(),
                },
                vote: result.vote.clone(),
                totals,
            }),
        )?;
        audit::record(
            tx,
            Action::VoteLive,
            Some(match slot.session_game_id {
                Some(sg) => format!("session_game:{sg}"),
                None => format!("game:{}", slot.game_id),
            }),
            json!({
                "session_id": session.id,
                "game_id": slot.game_id,
                "username": result.vote.username,
                "vote": result.vote.vote_type,
                "timestamp": result.vote.timestamp,
            }),
        )?;
        Ok(result)
    }
}
