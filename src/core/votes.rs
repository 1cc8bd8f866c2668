//! Votes: parsing `thisgame++`/`thisgame--`, matching a vote time to the game being played,
//! the streaming chat-log import, live votes, and the vote history and per-game totals.
//!
//! Chat formats (how bytes become [`ChatMessage`]s) live in `core::chat`; this module owns
//! what happens to a message once it is parsed.

use super::events::emit;
use super::sessions;
use crate::{store, Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// An upvote or a downvote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteKind {
    Up,
    Down,
}

impl VoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            VoteKind::Up => "up",
            VoteKind::Down => "down",
        }
    }
    /// The chat token of this vote (`thisgame++` / `thisgame--`).
    pub fn token(self) -> &'static str {
        match self {
            VoteKind::Up => "thisgame++",
            VoteKind::Down => "thisgame--",
        }
    }
    /// `up` or `down`, exactly.
    pub fn parse(v: &str) -> Option<Self> {
        match v {
            "up" => Some(VoteKind::Up),
            "down" => Some(VoteKind::Down),
            _ => None,
        }
    }
}

/// The vote a chat message carries: a whitespace-separated token equal (ignoring ASCII case)
/// to `thisgame++` or `thisgame--`. Repeating the same token is still one vote; a message
/// carrying both tokens, or neither, is no vote.
pub fn parse_vote(message: &str) -> Option<VoteKind> {
    // Cheap reject for the vast majority of chat lines.
    if message.len() < 10 {
        return None;
    }
    let (mut up, mut down) = (false, false);
    for token in message.split_whitespace() {
        if token.len() != 10 {
            continue;
        }
        if token.eq_ignore_ascii_case("thisgame++") {
            up = true;
        } else if token.eq_ignore_ascii_case("thisgame--") {
            down = true;
        }
    }
    match (up, down) {
        (true, false) => Some(VoteKind::Up),
        (false, true) => Some(VoteKind::Down),
        _ => None,
    }
}

/// SHA-256 hex of `username:message:timestamp` (timestamp in its stored form).
pub fn message_hash(username: &str, message: &str, timestamp: &str) -> String {
    let mut buf = [0u8; 64];
    hash_into(&mut buf, username, message, timestamp).to_string()
}

/// [`message_hash`] into a stack buffer (the digest and hex encoding allocate nothing).
fn hash_into<'b>(buf: &'b mut [u8; 64], username: &str, message: &str, timestamp: &str) -> &'b str {
    let digest = Sha256::new()
        .chain_update(username.as_bytes())
        .chain_update(b":")
        .chain_update(message.as_bytes())
        .chain_update(b":")
        .chain_update(timestamp.as_bytes())
        .finalize();
    // Cannot fail: 32 bytes always fit 64 hex digits, and hex digits are ASCII.
    let _ = hex::encode_to_slice(digest, buf);
    std::str::from_utf8(buf).unwrap_or_default()
}

/// Milliseconds since the epoch → the stored timestamp shape.
pub fn format_ms(ms: i64) -> Option<String> {
    DateTime::<Utc>::from_timestamp_millis(ms).map(crate::time::format)
}

/// A timestamp as chat data carries it: an ISO 8601 string, or epoch seconds/milliseconds
/// (as a JSON number, or a string of digits). Returns epoch milliseconds.
pub fn parse_timestamp(v: &Value) -> Option<i64> {
    match v {
        Value::String(s) => parse_timestamp_str(s),
        Value::Number(n) => n.as_f64().and_then(epoch_ms),
        _ => None,
    }
}

/// The string forms of [`parse_timestamp`].
pub fn parse_timestamp_str(s: &str) -> Option<i64> {
    let t = s.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<f64>().ok().and_then(epoch_ms);
    }
    crate::time::parse_iso(t)
        .map(|d| d.timestamp_millis())
        .filter(|ms| format_ms(*ms).is_some())
}

/// Epoch seconds or milliseconds (see `time::from_epoch_number`) → milliseconds.
pub fn epoch_ms(n: f64) -> Option<i64> {
    crate::time::from_epoch_number(n)
        .map(|d| d.timestamp_millis())
        .filter(|ms| *ms <= MAX_MS)
}

/// 9999-12-31T23:59:59.999Z: beyond it the stored shape would change width.
const MAX_MS: i64 = 253_402_300_799_999;

/// One chat message, parsed from whatever format it came in.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatMessage {
    pub username: String,
    pub message: String,
    /// Milliseconds since the epoch, UTC.
    pub at: i64,
}

// ---------------------------------------------------------------------------------------
// Matching a time to a game
// ---------------------------------------------------------------------------------------

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
    fn describe(&self) -> Value {
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

// ---------------------------------------------------------------------------------------
// Chat import
// ---------------------------------------------------------------------------------------

/// One game's votes in an import summary.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GameVotes {
    pub title: String,
    pub upvotes: i64,
    pub downvotes: i64,
}

/// The reply of `POST /api/sessions/{id}/chat-import` (and `jackbox chat import --json`).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub message: String,
    pub messages_imported: u64,
    pub duplicates_skipped: u64,
    pub votes_processed: u64,
    /// Keyed by `games.id` as a string.
    pub votes_by_game: BTreeMap<String, GameVotes>,
    pub unmatched_votes: u64,
}

const INSERT_CHAT: &str = "INSERT OR IGNORE INTO chat_logs
    (session_id, username, message, timestamp, vote, session_game_id, message_hash)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/// A chat import in progress: one open `BEGIN IMMEDIATE` transaction. Messages are pushed
/// one at a time (so a reader can stream them); [`Importer::finish`] applies the tallies,
/// writes the `votes.imported` event and commits. Dropping it unfinished rolls everything
/// back, which is what makes an import all-or-nothing.
pub struct Importer<'c> {
    tx: Transaction<'c>,
    session_id: i64,
    intervals: Intervals,
    /// (up, down) per slot.
    tallies: Vec<(i64, i64)>,
    imported: u64,
    duplicates: u64,
    votes: u64,
    unmatched: u64,
    seen: u64,
}

impl<'c> Importer<'c> {
    /// Opens the transaction; `Session not found` when the session is absent.
    pub fn begin(conn: &'c mut Connection, session_id: i64) -> Result<Self> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let session = sessions::get(&tx, session_id)?;
        let intervals = Intervals::load(&tx, session_id, session.closed_at.as_deref())?;
        Ok(Importer {
            tallies: vec![(0, 0); intervals.slots.len()],
            tx,
            session_id,
            intervals,
            imported: 0,
            duplicates: 0,
            votes: 0,
            unmatched: 0,
            seen: 0,
        })
    }

    /// Messages pushed so far (duplicates included).
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// Stores one message (or counts it as a duplicate) and tallies its vote.
    pub fn push(&mut self, m: &ChatMessage) -> Result<()> {
        let (ts, hash, vote) = prepare(m)?;
        self.store(&[Prepared {
            msg: m.clone(),
            ts,
            hash,
            vote,
        }])
    }

    /// [`Importer::push`] of [`prepare`]d messages, with one statement for the whole batch.
    fn store(&mut self, rows: &[Prepared]) -> Result<()> {
        let Importer {
            tx,
            session_id,
            intervals,
            tallies,
            imported,
            duplicates,
            votes,
            unmatched,
            seen,
        } = self;
        let mut insert = tx.prepare_cached(INSERT_CHAT)?;
        for p in rows {
            *seen += 1;
            let slot = p.vote.and_then(|_| intervals.find(p.msg.at));
            let changed = insert.execute(rusqlite::params![
                *session_id,
                p.msg.username,
                p.msg.message,
                p.ts,
                p.vote.map(VoteKind::as_str),
                slot.map(|i| intervals.slots[i].session_game_id),
                p.hash,
            ])?;
            if changed == 0 {
                *duplicates += 1;
                continue;
            }
            *imported += 1;
            match (p.vote, slot) {
                (Some(v), Some(i)) => {
                    *votes += 1;
                    match v {
                        VoteKind::Up => tallies[i].0 += 1,
                        VoteKind::Down => tallies[i].1 += 1,
                    }
                }
                (Some(_), None) => *unmatched += 1,
                _ => {}
            }
        }
        Ok(())
    }

    /// Applies the tallies to session games and the catalog, writes `votes.imported` (when
    /// anything was imported) and commits.
    pub fn finish(self) -> Result<ImportSummary> {
        let mut by_game: BTreeMap<String, GameVotes> = BTreeMap::new();
        for (slot, &(up, down)) in self.intervals.slots.iter().zip(&self.tallies) {
            if up == 0 && down == 0 {
                continue;
            }
            self.tx
                .prepare_cached(
                    "UPDATE session_games SET upvotes = upvotes + ?2, downvotes = downvotes + ?3
                     WHERE id = ?1",
                )?
                .execute([slot.session_game_id, up, down])?;
            self.tx
                .prepare_cached(
                    "UPDATE games SET upvotes = upvotes + ?2, downvotes = downvotes + ?3,
                        popularity_score = popularity_score + ?2 - ?3
                     WHERE id = ?1",
                )?
                .execute([slot.game_id, up, down])?;
            let entry = by_game
                .entry(slot.game_id.to_string())
                .or_insert_with(|| GameVotes {
                    title: slot.title.clone(),
                    upvotes: 0,
                    downvotes: 0,
                });
            entry.upvotes += up;
            entry.downvotes += down;
        }
        let summary = ImportSummary {
            message: "Chat log imported and processed successfully".into(),
            messages_imported: self.imported,
            duplicates_skipped: self.duplicates,
            votes_processed: self.votes,
            votes_by_game: by_game,
            unmatched_votes: self.unmatched,
        };
        if summary.messages_imported > 0 {
            sessions::touch(&self.tx, self.session_id)?;
            emit(
                &self.tx,
                "votes.imported",
                Some(self.session_id),
                json!({
                    "sessionId": self.session_id,
                    "messagesImported": summary.messages_imported,
                    "votesProcessed": summary.votes_processed,
                    "votesByGame": summary.votes_by_game,
                }),
            )?;
        }
        self.tx.commit()?;
        Ok(summary)
    }
}

/// What storing a message needs besides the message: its stored timestamp, its dedupe hash
/// (hex) and its vote. Pure, so a pipelined import computes it on the reading thread.
fn prepare(m: &ChatMessage) -> Result<(String, String, Option<VoteKind>)> {
    let ts = format_ms(m.at).ok_or_else(|| Error::invalid("Invalid chat timestamp"))?;
    let hash = message_hash(&m.username, &m.message, &ts);
    Ok((ts, hash, parse_vote(&m.message)))
}

/// Imports a stream of parsed messages into a session in one transaction. The first `Err`
/// item (or storage error) aborts the import and nothing of it is stored.
pub fn import<I>(conn: &mut Connection, session_id: i64, messages: I) -> Result<ImportSummary>
where
    I: IntoIterator<Item = Result<ChatMessage>>,
{
    let mut importer = Importer::begin(conn, session_id)?;
    for m in messages {
        importer.push(&m?)?;
    }
    importer.finish()
}

/// A parsed message with its [`prepare`]d parts, on its way to the writing thread.
struct Prepared {
    msg: ChatMessage,
    ts: String,
    hash: String,
    vote: Option<VoteKind>,
}

enum Batch {
    Rows(Vec<Prepared>),
    /// The reader finished without error: commit.
    End,
}

/// Messages per channel send: amortizes the hand-over between the threads.
const BATCH: usize = 1024;
/// Batches in flight: bounds memory when SQLite is the slower side.
const BATCHES_IN_FLIGHT: usize = 8;
/// The page cache during a big import (KiB): the dedupe index's hot pages stay in memory.
/// Restored afterwards.
const IMPORT_CACHE_KIB: i64 = 65_536;

/// [`import`] for big logs: `read` parses (and the hashing happens) on this thread while a
/// second thread runs the SQLite transaction, so the two overlap on a multi-core machine.
/// `read` gets a sink to push each message into; the rules, the single all-or-nothing
/// transaction and the summary are [`Importer`]'s. A session that does not exist is
/// reported before any error of the input.
pub fn import_pipelined<R>(conn: &mut Connection, session_id: i64, read: R) -> Result<ImportSummary>
where
    R: FnOnce(&mut dyn FnMut(ChatMessage) -> Result<()>) -> Result<()>,
{
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
    let result = std::thread::scope(|s| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT);
        let conn = &mut *conn;
        // Ok(None): the reader stopped early (its error wins); nothing was committed.
        let writer = s.spawn(move || -> Result<Option<ImportSummary>> {
            let mut importer = Importer::begin(conn, session_id)?;
            while let Ok(batch) = receiver.recv() {
                match batch {
                    Batch::Rows(rows) => importer.store(&rows)?,
                    Batch::End => return importer.finish().map(Some),
                }
            }
            Ok(None)
        });
        let gone = || Error::storage("chat import: the writer stopped");
        let mut rows = Vec::with_capacity(BATCH);
        let read_result = read(&mut |msg| {
            let (ts, hash, vote) = prepare(&msg)?;
            rows.push(Prepared {
                msg,
                ts,
                hash,
                vote,
            });
            if rows.len() == BATCH {
                let full = std::mem::replace(&mut rows, Vec::with_capacity(BATCH));
                sender.send(Batch::Rows(full)).map_err(|_| gone())?;
            }
            Ok(())
        })
        .and_then(|()| {
            sender.send(Batch::Rows(rows)).map_err(|_| gone())?;
            sender.send(Batch::End).map_err(|_| gone())
        });
        drop(sender);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(Error::storage("chat import: the writer panicked")));
        match written {
            Ok(Some(summary)) => Ok(summary),
            Ok(None) => Err(read_result.err().unwrap_or_else(gone)),
            Err(e) => Err(e),
        }
    });
    conn.pragma_update(None, "cache_size", cache)?;
    result
}

// ---------------------------------------------------------------------------------------
// Live votes
// ---------------------------------------------------------------------------------------

/// The body of `POST /api/votes/live`, fields as received (validated by [`live`]).
#[derive(Debug, Clone, Default)]
pub struct LiveVoteInput {
    pub username: Option<Value>,
    pub vote: Option<Value>,
    pub timestamp: Option<Value>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LiveSession {
    pub id: i64,
    pub games_played: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LiveGame {
    pub id: i64,
    pub session_game_id: i64,
    pub title: String,
    pub pack_name: String,
    pub upvotes: i64,
    pub downvotes: i64,
    pub popularity_score: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LiveVote {
    pub username: String,
    #[serde(rename = "type")]
    pub vote_type: String,
    pub timestamp: String,
}

/// The reply of `POST /api/votes/live`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LiveVoteResult {
    pub success: bool,
    pub message: String,
    pub session: LiveSession,
    pub game: LiveGame,
    pub vote: LiveVote,
}

pub const MISSING_FIELDS: &str = "Missing required fields: username, vote, timestamp";
pub const BAD_VOTE: &str = "vote must be either \"up\" or \"down\"";
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
    if !present(&input.username) || !present(&input.vote) || !present(&input.timestamp) {
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
    .ok_or_else(|| Error::invalid(BAD_VOTE))?;
    let at = input
        .timestamp
        .as_ref()
        .and_then(parse_timestamp)
        .ok_or_else(|| Error::invalid(BAD_TIMESTAMP))?;
    let timestamp = format_ms(at).ok_or_else(|| Error::invalid(BAD_TIMESTAMP))?;

    store::write(conn, |tx| {
        let session = sessions::active(tx)?.ok_or_else(|| {
            Error::not_found("No active session found")
                .with_hint(super::hints::NO_ACTIVE_SESSION_FOR_VOTE)
        })?;
        let intervals = Intervals::load(tx, session.id, None)?;
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
                        "sessionId": session.id,
                        "intervals": intervals.describe(),
                    }),
                ))
            }
        };
        let hash = message_hash(&username, kind.token(), &timestamp);
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
            return Err(Error::duplicate("Duplicate vote").with_hint(super::hints::DUPLICATE_VOTE));
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
        tx.prepare_cached(
            "UPDATE session_games SET upvotes = upvotes + ?2, downvotes = downvotes + ?3
             WHERE id = ?1",
        )?
        .execute([slot.session_game_id, up, down])?;
        let (upvotes, downvotes, popularity_score): (i64, i64, i64) = tx
            .prepare_cached(
                "UPDATE games SET upvotes = upvotes + ?2, downvotes = downvotes + ?3,
                    popularity_score = popularity_score + ?2 - ?3
                 WHERE id = ?1 RETURNING upvotes, downvotes, popularity_score",
            )?
            .query_row([slot.game_id, up, down], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
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
                upvotes,
                downvotes,
                popularity_score,
            },
            vote: LiveVote {
                username,
                vote_type: kind.as_str().into(),
                timestamp,
            },
        };
        emit(
            tx,
            "vote.received",
            Some(session.id),
            json!({
                "sessionId": session.id,
                "game": {
                    "id": slot.game_id, "session_game_id": slot.session_game_id,
                    "title": slot.title, "pack_name": slot.pack_name,
                },
                "vote": result.vote,
                "totals": {
                    "upvotes": upvotes, "downvotes": downvotes,
                    "popularity_score": popularity_score,
                },
            }),
        )?;
        Ok(result)
    })
}

// ---------------------------------------------------------------------------------------
// History and totals
// ---------------------------------------------------------------------------------------

/// Filters and page of `GET /api/votes` / `jackbox votes list`.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteFilter {
    pub session_id: Option<i64>,
    pub game_id: Option<i64>,
    pub username: Option<String>,
    pub vote_type: Option<String>,
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

fn positive(name: &str, v: &str) -> Result<i64> {
    v.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| Error::invalid(format!("Invalid {name}: must be a positive integer")))
}

impl VoteFilter {
    /// Builds a filter from query parameters (snake_case); unknown parameters are ignored,
    /// empty values mean "not given".
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self> {
        let mut f = VoteFilter::default();
        for (k, v) in pairs {
            if v.is_empty() {
                continue;
            }
            match k {
                "session_id" => f.session_id = Some(positive(k, v)?),
                "game_id" => f.game_id = Some(positive(k, v)?),
                "username" => f.username = Some(v.to_string()),
                "vote_type" => f.vote_type = Some(v.to_string()),
                "page" => f.page = positive(k, v)?,
                "limit" => f.limit = positive(k, v)?,
                _ => {}
            }
        }
        f.validate()
    }

    /// Checks the values (`vote_type` up|down, ids/page/limit positive); a `limit` above 100
    /// is lowered to 100.
    pub fn validate(mut self) -> Result<Self> {
        if let Some(t) = &self.vote_type {
            if VoteKind::parse(t).is_none() {
                return Err(Error::invalid(
                    "Invalid vote_type: must be \"up\" or \"down\"",
                ));
            }
        }
        for (name, v) in [("session_id", self.session_id), ("game_id", self.game_id)] {
            if v.is_some_and(|n| n <= 0) {
                return Err(Error::invalid(format!(
                    "Invalid {name}: must be a positive integer"
                )));
            }
        }
        if self.page <= 0 {
            return Err(Error::invalid("Invalid page: must be a positive integer"));
        }
        if self.limit <= 0 {
            return Err(Error::invalid("Invalid limit: must be a positive integer"));
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
    pub vote_type: String,
    pub timestamp: String,
    pub created_at: String,
    /// `live` or `chat`.
    pub source: String,
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
const ALL_VOTES: &str = "
    SELECT lv.id, lv.session_id, lv.game_id, g.title AS game_title, g.pack_name, lv.username,
           lv.vote_type, lv.timestamp, lv.created_at, 'live' AS source
    FROM live_votes lv JOIN games g ON g.id = lv.game_id
    UNION ALL
    SELECT c.id, c.session_id, sg.game_id, g.title, g.pack_name, c.username,
           c.vote, c.timestamp, c.timestamp, 'chat'
    FROM chat_logs c
    JOIN session_games sg ON sg.id = c.session_game_id
    JOIN games g ON g.id = sg.game_id
    WHERE c.vote IS NOT NULL";

const VOTE_WHERE: &str = "(?1 IS NULL OR session_id = ?1) AND (?2 IS NULL OR game_id = ?2)
    AND (?3 IS NULL OR username = ?3) AND (?4 IS NULL OR vote_type = ?4)";

/// The vote history, newest timestamp first: one query for the page, one for the count.
pub fn history(conn: &Connection, f: &VoteFilter) -> Result<VoteHistory> {
    let params = rusqlite::params![f.session_id, f.game_id, f.username, f.vote_type];
    let total: i64 = conn
        .prepare_cached(&format!(
            "SELECT COUNT(*) FROM ({ALL_VOTES}) WHERE {VOTE_WHERE}"
        ))?
        .query_row(params, |r| r.get(0))?;
    let offset = (f.page - 1).saturating_mul(f.limit);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, session_id, game_id, game_title, pack_name, username, vote_type,
                timestamp, created_at, source
         FROM ({ALL_VOTES}) WHERE {VOTE_WHERE}
         ORDER BY timestamp DESC, created_at DESC, source DESC, id DESC
         LIMIT ?5 OFFSET ?6"
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vote_tokens() {
        assert_eq!(parse_vote("thisgame++"), Some(VoteKind::Up));
        assert_eq!(parse_vote("THISGAME--"), Some(VoteKind::Down));
        assert_eq!(parse_vote("lol ThisGame++ yes"), Some(VoteKind::Up));
        assert_eq!(parse_vote("thisgame++ thisgame++"), Some(VoteKind::Up));
        assert_eq!(parse_vote("thisgame++ thisgame--"), None);
        assert_eq!(parse_vote("thisgame+++"), None);
        assert_eq!(parse_vote("xthisgame++"), None);
        assert_eq!(parse_vote("thisgame++!"), None);
        assert_eq!(parse_vote("\tthisgame--\n"), Some(VoteKind::Down));
        assert_eq!(parse_vote("hello"), None);
    }

    #[test]
    fn hash_is_sha256_hex() {
        let h = message_hash("alice", "thisgame++", "2026-03-15T19:12:03.000Z");
        assert_eq!(h.len(), 64);
        let mut d = Sha256::new();
        d.update(b"alice:thisgame++:2026-03-15T19:12:03.000Z");
        assert_eq!(h, hex::encode(d.finalize()));
    }

    #[test]
    fn iterator_import_is_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = crate::store::open(&dir.path().join("t.db")).unwrap();
        let sid = sessions::create(&mut conn, None).unwrap().id;
        let new = crate::core::session_games::NewGame {
            game_id: Some(1),
            ..Default::default()
        };
        crate::core::session_games::add(&mut conn, sid, &new).unwrap();
        let at = crate::time::parse_iso("2100-01-01T00:00:00Z")
            .unwrap()
            .timestamp_millis();
        let msg = |user: &str, text: &str, at: i64| {
            Ok(ChatMessage {
                username: user.into(),
                message: text.into(),
                at,
            })
        };
        let items = vec![
            msg("a", "thisgame++", at),
            msg("b", "hi", at),
            Err(Error::invalid("broken")),
        ];
        assert!(import(&mut conn, sid, items).is_err());
        let rows: i64 = conn
            .query_row("SELECT COUNT(*) FROM chat_logs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 0);
        let items = vec![
            msg("a", "thisgame++", at),
            msg("a", "thisgame++", at),
            msg("b", "thisgame--", 0),
        ];
        let s = import(&mut conn, sid, items).unwrap();
        assert_eq!(
            (
                s.messages_imported,
                s.duplicates_skipped,
                s.votes_processed,
                s.unmatched_votes
            ),
            (2, 1, 1, 1)
        );
        assert!(import(&mut conn, 99, Vec::new()).is_err());
    }

    #[test]
    fn pipelined_import_is_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = crate::store::open(&dir.path().join("t.db")).unwrap();
        let sid = sessions::create(&mut conn, None).unwrap().id;
        let feed = |n: i64, fail: bool| {
            move |sink: &mut dyn FnMut(ChatMessage) -> Result<()>| -> Result<()> {
                for i in 0..n {
                    sink(ChatMessage {
                        username: format!("u{}", i % 7),
                        message: "hi".into(),
                        at: 1_773_601_200_000 + i,
                    })?;
                }
                if fail {
                    return Err(Error::invalid("broken"));
                }
                Ok(())
            }
        };
        // Fails after several batches went to the writer: nothing stored.
        let e = import_pipelined(&mut conn, sid, feed(3 * BATCH as i64 + 5, true)).unwrap_err();
        assert_eq!(e.message, "broken");
        let rows = |c: &Connection| -> i64 {
            c.query_row("SELECT COUNT(*) FROM chat_logs", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(rows(&conn), 0);
        // A missing session wins over an input error.
        let e = import_pipelined(&mut conn, 99, feed(10, true)).unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::NotFound);
        let s = import_pipelined(&mut conn, sid, feed(2500, false)).unwrap();
        assert_eq!((s.messages_imported, s.duplicates_skipped), (2500, 0));
        let s = import_pipelined(&mut conn, sid, feed(2600, false)).unwrap();
        assert_eq!((s.messages_imported, s.duplicates_skipped), (100, 2500));
        assert_eq!(rows(&conn), 2600);
        let cache: i64 = conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .unwrap();
        assert_ne!(cache, -IMPORT_CACHE_KIB, "the page cache is restored");
    }

    #[test]
    fn timestamps() {
        let iso = parse_timestamp(&json!("2026-03-15T19:00:00Z")).unwrap();
        assert_eq!(format_ms(iso).unwrap(), "2026-03-15T19:00:00.000Z");
        assert_eq!(parse_timestamp(&json!(1_773_601_200)), Some(iso));
        assert_eq!(parse_timestamp(&json!(1_773_601_200_000i64)), Some(iso));
        assert_eq!(parse_timestamp(&json!("1773601200")), Some(iso));
        assert_eq!(parse_timestamp(&json!("nope")), None);
        assert_eq!(parse_timestamp(&json!(true)), None);
    }
}
