//! Chat polls (`docs/polls.md`, "Polls"): opening one (explicit games, or drawn by the picker),
//! votes (one per username, the last one counts), closing by hand or at the deadline,
//! cancelling, and the winner becoming the session's selection.
//!
//! The deadline lives in the core, not in the daemon: a vote after `closesAt` is refused
//! whoever sends it, and every operation on a session's polls first *settles* them
//! ([`settle_in`]): an expired open poll is closed (at its deadline) before anything else
//! happens, so a CLI-only setup behaves like one with a daemon. The daemon merely settles
//! on time ([`next_due_ms`], [`settle_all`]) so `voting.ended` goes out when it should.
//!
//! `poll.leading` is coalesced here too, across processes: at most one per
//! [`LEADING_INTERVAL_MS`] per poll; a change inside the interval marks the poll
//! `leading_pending`, and the next settle after the interval (the daemon's, or the close)
//! sends the latest state.

use super::audit::{self, Action};
use super::catalog::{self, GameFilter};
use super::events::{
    emit, Event, PollCancelled, PollEnding, PollEndingCancelled, PollLeading, PollStart,
    VotingEnded,
};
use super::model::Game;
pub use super::model::{Poll, PollOption};
use super::picker::{self, PickRequest};
use super::selection;
use super::sessions;
pub use super::vocab::PollStatus;
use super::vocab::SelectionSource;
use crate::{store, Error, Result};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

/// Games in a poll (the "Other" option comes on top).
pub const MIN_GAMES: usize = 2;
pub const MAX_GAMES: usize = 6;
/// Games drawn by the picker when the request names none.
pub const DEFAULT_COUNT: i64 = 3;
/// Seconds a poll stays open unless told otherwise; the allowed range.
pub const DEFAULT_DURATION: i64 = 60;
pub const MIN_DURATION: i64 = 10;
pub const MAX_DURATION: i64 = 3600;
/// At most one `poll.leading` per poll within this many milliseconds (4 per second).
pub const LEADING_INTERVAL_MS: i64 = 250;
/// The label of the "none of these" option.
pub const OTHER_LABEL: &str = "Other";

pub const GAME_IDS_ERROR: &str = "gameIds must be a list of 2 to 6 game IDs";
pub const GAME_IDS_REPEAT: &str = "gameIds must not repeat a game";
pub const COUNT_ERROR: &str = "count must be an integer from 2 to 6";
pub const DURATION_ERROR: &str = "durationSeconds must be an integer from 10 to 3600, or null";
pub const CHOICE_REQUIRED: &str = "choice is required";
pub const USERNAME_REQUIRED: &str = "username is required";

/// What opening a poll asks for (`POST /api/sessions/{id}/polls`, `jackbox poll start`).
#[derive(Debug, Clone)]
pub struct NewPoll {
    /// The candidates; `None` → `count` games drawn by the picker with `pick`'s filters.
    pub game_ids: Option<Vec<i64>>,
    pub count: i64,
    /// The picker's filters and `exclude_played`; its session is always the poll's.
    pub pick: PickRequest,
    pub include_other: bool,
    /// `None`: the poll stays open until closed by hand.
    pub duration_seconds: Option<i64>,
}

impl Default for NewPoll {
    fn default() -> Self {
        Self::new()
    }
}

impl NewPoll {
    /// A poll with every default: 3 drawn games, "Other", 60 seconds.
    pub fn new() -> Self {
        NewPoll {
            game_ids: None,
            count: DEFAULT_COUNT,
            pick: PickRequest::default(),
            include_other: true,
            duration_seconds: Some(DEFAULT_DURATION),
        }
    }

    /// The rules of the fields, each failure naming its field.
    pub fn validate(&self) -> Result<()> {
        if let Some(ids) = &self.game_ids {
            if !(MIN_GAMES..=MAX_GAMES).contains(&ids.len()) || ids.iter().any(|id| *id <= 0) {
                return Err(Error::invalid(GAME_IDS_ERROR));
            }
            let distinct: std::collections::HashSet<_> = ids.iter().collect();
            if distinct.len() != ids.len() {
                return Err(Error::invalid(GAME_IDS_REPEAT));
            }
        } else if !(MIN_GAMES as i64..=MAX_GAMES as i64).contains(&self.count) {
            return Err(Error::invalid(COUNT_ERROR));
        }
        if let Some(d) = self.duration_seconds {
            if !(MIN_DURATION..=MAX_DURATION).contains(&d) {
                return Err(Error::invalid(DURATION_ERROR));
            }
        }
        Ok(())
    }

    /// Reads a JSON body. Every field is optional; the picker's filter fields
    /// (`playerCount`, `drawing`, `length`, `familyFriendly`, `pack`, `excludePlayed`) are
    /// read by the picker's own parser.
    pub fn from_json(body: &Value) -> Result<NewPoll> {
        let empty = serde_json::Map::new();
        let obj = match body {
            Value::Null => &empty,
            Value::Object(o) => o,
            _ => return Err(Error::invalid("Request body must be a JSON object")),
        };
        let mut new = NewPoll::new();
        // The poll's session comes from the path: a `sessionId` in the body is not read.
        let mut filters = obj.clone();
        filters.remove("sessionId");
        new.pick = PickRequest::from_json(&Value::Object(filters))?;
        new.game_ids = match obj.get("gameIds").filter(|v| !v.is_null()) {
            None => None,
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .map(|v| v.as_i64().filter(|n| *n > 0))
                    .collect::<Option<Vec<i64>>>()
                    .ok_or_else(|| Error::invalid(GAME_IDS_ERROR))?,
            ),
            Some(_) => return Err(Error::invalid(GAME_IDS_ERROR)),
        };
        if let Some(v) = obj.get("count").filter(|v| !v.is_null()) {
            new.count = v.as_i64().ok_or_else(|| Error::invalid(COUNT_ERROR))?;
        }
        new.include_other =
            super::input::opt_bool(obj.get("includeOther"), "includeOther")?.unwrap_or(true);
        new.duration_seconds = match obj.get("durationSeconds") {
            None => Some(DEFAULT_DURATION),
            Some(Value::Null) => None,
            Some(v) => Some(v.as_i64().ok_or_else(|| Error::invalid(DURATION_ERROR))?),
        };
        new.validate()?;
        Ok(new)
    }
}

/// A voter's choice: an option's position, or text (a position, a ticker in any case, or
/// the exact label).
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    Position(i64),
    Text(String),
}

impl Choice {
    /// `2` or `"2"`, `"QPL3"`, `"Quiplash 3"`; missing → [`CHOICE_REQUIRED`].
    pub fn from_json(v: Option<&Value>) -> Result<Choice> {
        match v {
            Some(Value::Number(n)) => n.as_i64().map(Choice::Position).ok_or_else(unknown_choice),
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(Choice::Text(s.clone())),
            None | Some(Value::Null) | Some(Value::String(_)) => {
                Err(Error::invalid(CHOICE_REQUIRED))
            }
            Some(_) => Err(unknown_choice()),
        }
    }

    /// The option chosen, or [`unknown_choice`].
    fn resolve<'o>(&self, options: &'o [PollOption]) -> Result<&'o PollOption> {
        let by_position = |p: i64| options.iter().find(|o| o.position == p);
        let found = match self {
            Choice::Position(p) => by_position(*p),
            Choice::Text(text) => {
                let t = text.trim();
                match t.parse::<i64>() {
                    Ok(p) => by_position(p),
                    Err(_) => options
                        .iter()
                        .find(|o| {
                            o.ticker
                                .as_deref()
                                .is_some_and(|tk| tk.eq_ignore_ascii_case(t))
                        })
                        .or_else(|| options.iter().find(|o| o.label == t)),
                }
            }
        };
        found.ok_or_else(|| unknown_choice_of(options))
    }
}

/// `Unknown choice`, listing the poll's options (`choices` over HTTP, a hint in the CLI).
pub fn unknown_choice_of(options: &[PollOption]) -> Error {
    let choices: Vec<Value> = options
        .iter()
        .map(
            |o| serde_json::json!({ "position": o.position, "label": o.label, "ticker": o.ticker }),
        )
        .collect();
    let listed: Vec<String> = options
        .iter()
        .map(|o| match &o.ticker {
            Some(t) => format!("{} or {} ({})", o.position, t, o.label),
            None => format!("{} ({})", o.position, o.label),
        })
        .collect();
    unknown_choice()
        .with_extra("choices", Value::Array(choices))
        .with_hint(format!("the choices are: {}", listed.join(", ")))
}

pub fn unknown_choice() -> Error {
    Error::invalid("Unknown choice")
}

pub fn no_open_poll() -> Error {
    Error::not_found("No open poll")
        .with_hint("open one with: jackbox poll start (jackbox poll list shows past polls)")
}

pub fn poll_closed() -> Error {
    Error::duplicate("Poll is closed")
}

pub fn poll_not_found() -> Error {
    Error::not_found("Poll not found")
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

/// A `polls` row.
#[derive(Debug, Clone)]
struct Row {
    id: i64,
    session_id: i64,
    status: PollStatus,
    started_at: String,
    closes_at: Option<String>,
    closed_at: Option<String>,
    winner_position: Option<i64>,
    tie_break: Option<String>,
    created_by: String,
    leading_sent_at: Option<String>,
    leading_pending: bool,
    ends_at: Option<String>,
}

impl Row {
    fn deadline(&self) -> Option<&str> {
        earlier(self.closes_at.as_deref(), self.ends_at.as_deref())
    }
}

impl Poll {
    /// When the poll closes: the earlier of its deadline and its scheduled end.
    pub fn deadline(&self) -> Option<&str> {
        earlier(self.closes_at.as_deref(), self.ends_at.as_deref())
    }
}

/// The earlier of two optional times (stored times compare as text).
fn earlier<'a>(a: Option<&'a str>, b: Option<&'a str>) -> Option<&'a str> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

const ROW_SELECT: &str = "SELECT id, session_id, status, started_at, closes_at, closed_at,
    winner_position, tie_break, created_by, leading_sent_at, leading_pending, ends_at
    FROM polls";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        session_id: r.get(1)?,
        status: r.get(2)?,
        started_at: r.get(3)?,
        closes_at: r.get(4)?,
        closed_at: r.get(5)?,
        winner_position: r.get(6)?,
        tie_break: r.get(7)?,
        created_by: r.get(8)?,
        leading_sent_at: r.get(9)?,
        leading_pending: r.get::<_, i64>(10)? != 0,
        ends_at: r.get(11)?,
    })
}

/// Every open poll. The status is spelled into the SQL (not bound) so an index on it applies.
fn open_polls_sql() -> String {
    format!("{ROW_SELECT} WHERE status = '{}'", PollStatus::Open)
}

fn open_row(conn: &Connection, session_id: i64) -> Result<Option<Row>> {
    let sql = format!(
        "{ROW_SELECT} WHERE session_id = ?1 AND status = '{}'",
        PollStatus::Open
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([session_id], from_row)
        .optional()?)
}

/// The options of a poll with their vote counts, by position (one query).
fn options(conn: &Connection, poll_id: i64) -> Result<Vec<PollOption>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.position, o.game_id, o.label, o.ticker,
            (SELECT COUNT(*) FROM poll_votes v
             WHERE v.poll_id = o.poll_id AND v.position = o.position)
         FROM poll_options o WHERE o.poll_id = ?1 ORDER BY o.position",
    )?;
    let rows = stmt.query_map([poll_id], |r| {
        Ok(PollOption {
            position: r.get(0)?,
            game_id: r.get(1)?,
            label: r.get(2)?,
            ticker: r.get(3)?,
            votes: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn build(conn: &Connection, row: Row) -> Result<Poll> {
    let options = options(conn, row.id)?;
    let total_votes = options.iter().map(|o| o.votes).sum();
    let winner = row
        .winner_position
        .and_then(|p| options.iter().find(|o| o.position == p).cloned());
    let tied_positions = row
        .tie_break
        .as_deref()
        .and_then(|t| serde_json::from_str::<Vec<i64>>(t).ok());
    Ok(Poll {
        id: row.id,
        session_id: row.session_id,
        status: row.status,
        options,
        total_votes,
        started_at: row.started_at,
        closes_at: row.closes_at,
        ends_at: row.ends_at,
        closed_at: row.closed_at,
        winner,
        tied_positions,
        created_by: row.created_by,
    })
}

/// One poll of a session (`Poll not found` when it belongs to another).
pub fn get(conn: &Connection, session_id: i64, poll_id: i64) -> Result<Poll> {
    sessions::get(conn, session_id)?;
    let sql = format!("{ROW_SELECT} WHERE id = ?1 AND session_id = ?2");
    let row = conn
        .prepare_cached(&sql)?
        .query_row([poll_id, session_id], from_row)
        .optional()?
        .ok_or_else(poll_not_found)?;
    build(conn, row)
}

/// The open poll of a session, or `404 No open poll`.
pub fn current(conn: &Connection, session_id: i64) -> Result<Poll> {
    sessions::get(conn, session_id)?;
    let row = open_row(conn, session_id)?.ok_or_else(no_open_poll)?;
    build(conn, row)
}

/// Every poll of a session, newest first.
pub fn list(conn: &Connection, session_id: i64) -> Result<Vec<Poll>> {
    sessions::get(conn, session_id)?;
    let sql = format!("{ROW_SELECT} WHERE session_id = ?1 ORDER BY id DESC");
    let rows: Vec<Row> = {
        let mut stmt = conn.prepare_cached(&sql)?;
        let found = stmt.query_map([session_id], from_row)?;
        found.collect::<rusqlite::Result<_>>()?
    };
    rows.into_iter().map(|r| build(conn, r)).collect()
}

// ---------------------------------------------------------------------------------------
// Settling: deadlines and coalesced `poll.leading`
// ---------------------------------------------------------------------------------------

fn ms(stored: &str) -> Option<i64> {
    crate::time::parse_iso(stored).map(|t| t.timestamp_millis())
}

/// Whether the poll's deadline has come: it is open until `closesAt` (or a scheduled
/// `endsAt`, whichever comes first), exclusive.
fn expired(row: &Row, now: &str) -> bool {
    row.deadline().is_some_and(|c| now >= c)
}

/// Whether a pending `poll.leading` may go out now.
fn leading_due(row: &Row, now_ms: i64) -> bool {
    row.leading_pending
        && row
            .leading_sent_at
            .as_deref()
            .and_then(ms)
            .is_none_or(|sent| now_ms - sent >= LEADING_INTERVAL_MS)
}

/// Whether a session's open poll needs [`settle_in`] (a cheap read; the daemon's readers
/// call it before taking the writer).
pub fn needs_settle(conn: &Connection, session_id: i64) -> Result<bool> {
    let now = Utc::now();
    Ok(open_row(conn, session_id)?.is_some_and(|r| {
        expired(&r, &crate::time::format(now)) || leading_due(&r, now.timestamp_millis())
    }))
}

/// Settles the session's open poll: closes it when its deadline has passed, sends a
/// pending `poll.leading` whose interval is over. Part of the caller's transaction.
pub fn settle_in(tx: &Connection, session_id: i64) -> Result<()> {
    let Some(row) = open_row(tx, session_id)? else {
        return Ok(());
    };
    let now = Utc::now();
    if expired(&row, &crate::time::format(now)) {
        let at = row.deadline().unwrap_or_default().to_string();
        close_in(tx, &row, &at)?;
    } else if leading_due(&row, now.timestamp_millis()) {
        send_leading(tx, &row, &crate::time::format(now))?;
    }
    Ok(())
}

/// [`settle_in`] in its own transaction, only when needed.
pub fn settle(conn: &mut Connection, session_id: i64) -> Result<()> {
    if needs_settle(conn, session_id)? {
        store::write(conn, |tx| settle_in(tx, session_id))?;
    }
    Ok(())
}

/// When the daemon should next settle (ms since the epoch): the earliest deadline of an
/// open poll, or the end of a pending `poll.leading` interval. `None`: nothing open.
pub fn next_due_ms(conn: &Connection) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached(&open_polls_sql())?;
    let rows = stmt.query_map([], from_row)?;
    let mut next: Option<i64> = None;
    let mut consider = |t: i64| next = Some(next.map_or(t, |n| n.min(t)));
    for row in rows {
        let row = row?;
        if let Some(c) = row.deadline().and_then(ms) {
            consider(c);
        }
        if row.leading_pending {
            let sent = row.leading_sent_at.as_deref().and_then(ms).unwrap_or(0);
            consider(sent + LEADING_INTERVAL_MS);
        }
    }
    Ok(next)
}

/// Settles every session's open poll that is due (the daemon's timer). Returns how many
/// polls it touched.
pub fn settle_all(conn: &mut Connection) -> Result<usize> {
    let due: Vec<i64> = {
        let now = Utc::now();
        let now_text = crate::time::format(now);
        let mut stmt = conn.prepare_cached(&open_polls_sql())?;
        let rows = stmt.query_map([], from_row)?;
        let mut due = Vec::new();
        for row in rows {
            let row = row?;
            if expired(&row, &now_text) || leading_due(&row, now.timestamp_millis()) {
                due.push(row.session_id);
            }
        }
        due
    };
    for session_id in &due {
        store::write(conn, |tx| settle_in(tx, *session_id))?;
    }
    Ok(due.len())
}

/// The option leading the count: the single option with the most votes; `None` while no
/// one voted or when several options share the lead.
fn leader(options: &[PollOption]) -> Option<PollOption> {
    let top = options.iter().map(|o| o.votes).max().unwrap_or(0);
    let mut leaders = options.iter().filter(|o| o.votes == top && top > 0);
    match (leaders.next(), leaders.next()) {
        (Some(one), None) => Some(one.clone()),
        _ => None,
    }
}

/// Emits `poll.leading` with the current totals and records when.
fn send_leading(tx: &Connection, row: &Row, now: &str) -> Result<()> {
    let options = options(tx, row.id)?;
    let total_votes = options.iter().map(|o| o.votes).sum();
    emit_event(
        tx,
        row.session_id,
        Event::PollLeading(PollLeading {
            session_id: row.session_id,
            poll_id: row.id,
            leader: leader(&options),
            options,
            total_votes,
        }),
    )?;
    tx.prepare_cached("UPDATE polls SET leading_sent_at = ?2, leading_pending = 0 WHERE id = ?1")?
        .execute(rusqlite::params![row.id, now])?;
    Ok(())
}

/// After the totals changed: `poll.leading` now if the interval allows, else later.
fn totals_changed(tx: &Connection, row: &Row) -> Result<()> {
    let now = Utc::now();
    let due = row
        .leading_sent_at
        .as_deref()
        .and_then(ms)
        .is_none_or(|sent| now.timestamp_millis() - sent >= LEADING_INTERVAL_MS);
    if due {
        send_leading(tx, row, &crate::time::format(now))
    } else {
        tx.prepare_cached("UPDATE polls SET leading_pending = 1 WHERE id = ?1")?
            .execute([row.id])?;
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

/// Opens a poll on an active session: `201` poll, `poll.start`. An expired open poll is
/// closed first; one still running → `409 A poll is already open`.
pub fn open<R: Rng + ?Sized>(
    conn: &mut Connection,
    session_id: i64,
    new: &NewPoll,
    rng: &mut R,
) -> Result<Poll> {
    new.validate()?;
    store::write(conn, |tx| {
        let session = sessions::get(tx, session_id)?;
        settle_in(tx, session_id)?;
        if session.is_active == 0 {
            return Err(Error::state("Cannot open a poll for a closed session"));
        }
        if let Some(open) = open_row(tx, session_id)? {
            return Err(Error::duplicate("A poll is already open")
                .with_extra("pollId", open.id)
                .with_hint(format!(
                    "close it first: jackbox poll close (or cancel it: jackbox poll cancel); it is poll {}",
                    open.id
                )));
        }
        let games: Vec<Game> = match &new.game_ids {
            Some(ids) => ids
                .iter()
                .map(|id| selection::selectable(tx, *id))
                .collect::<Result<_>>()?,
            None => draw(tx, session_id, new, rng)?,
        };
        let now = Utc::now();
        let started_at = crate::time::format(now);
        let closes_at = new
            .duration_seconds
            .map(|s| crate::time::format(now + Duration::seconds(s)));
        let id = store::next_id(tx, "polls")?;
        tx.prepare_cached(
            "INSERT INTO polls (id, session_id, status, started_at, closes_at, created_by)
             VALUES (?1, ?2, ?6, ?3, ?4, ?5)",
        )?
        .execute(rusqlite::params![
            id,
            session_id,
            started_at,
            closes_at,
            audit::current_actor(),
            PollStatus::Open
        ])?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO poll_options (poll_id, position, game_id, label, ticker)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, g) in games.iter().enumerate() {
            insert.execute(rusqlite::params![id, i as i64 + 1, g.id, g.title, g.ticker])?;
        }
        if new.include_other {
            insert.execute(rusqlite::params![
                id,
                games.len() as i64 + 1,
                Option::<i64>::None,
                OTHER_LABEL,
                Option::<String>::None
            ])?;
        }
        let poll = get(tx, session_id, id)?;
        audit::record(
            tx,
            Action::PollOpen,
            Some(format!("poll:{id}")),
            serde_json::json!({
                "sessionId": session_id,
                "gameIds": games.iter().map(|g| g.id).collect::<Vec<_>>(),
                "includeOther": new.include_other,
                "durationSeconds": new.duration_seconds,
            }),
        )?;
        emit_event(
            tx,
            session_id,
            Event::PollStart(PollStart {
                session_id,
                poll: poll.clone(),
                poll_started_at: started_at,
            }),
        )?;
        Ok(poll)
    })
}

/// `count` games drawn without replacement by the picker (weights, filters, repeat
/// avoidance within the poll's session).
fn draw<R: Rng + ?Sized>(
    conn: &Connection,
    session_id: i64,
    new: &NewPoll,
    rng: &mut R,
) -> Result<Vec<Game>> {
    let req = PickRequest {
        filter: GameFilter {
            q: None,
            ..new.pick.filter.clone()
        },
        session_id: Some(session_id),
        exclude_played: new.pick.exclude_played,
        select: false,
    };
    let (mut pool, total_enabled) = picker::candidates(conn, &req)?;
    let count = new.count as usize;
    if pool.len() < count {
        let message = if pool.is_empty() {
            picker::NO_MATCH.to_string()
        } else {
            format!(
                "Not enough games match the current filters ({} for a poll of {count})",
                pool.len()
            )
        };
        return Err(Error::not_found(message)
            .with_extra("poolSize", pool.len() as i64)
            .with_extra("totalEnabled", total_enabled)
            .with_hint("loosen the filters, ask for fewer games (--count), or name them"));
    }
    let mut chosen = Vec::with_capacity(count);
    for _ in 0..count {
        let i = picker::choose(&pool, rng).ok_or_else(|| Error::not_found(picker::NO_MATCH))?;
        chosen.push(pool.remove(i).0);
    }
    Ok(chosen)
}

/// Records `username`'s vote in the session's open poll (replacing their earlier one) and
/// returns the poll. A vote after the deadline closes the poll and is refused.
pub fn vote(
    conn: &mut Connection,
    session_id: i64,
    username: &str,
    choice: &Choice,
) -> Result<Poll> {
    let username = username.trim();
    if username.is_empty() {
        return Err(Error::invalid(USERNAME_REQUIRED));
    }
    // The closing (when the vote came too late) is committed; the vote is refused.
    store::write(conn, |tx| {
        sessions::get(tx, session_id)?;
        let Some(row) = open_row(tx, session_id)? else {
            return Ok(Err(refused_without_open_poll(tx, session_id)?));
        };
        let now = Utc::now();
        let now_text = crate::time::format(now);
        if expired(&row, &now_text) {
            let at = row.deadline().unwrap_or_default().to_string();
            close_in(tx, &row, &at)?;
            return Ok(Err(poll_closed()));
        }
        let opts = options(tx, row.id)?;
        let option = match choice.resolve(&opts) {
            Ok(o) => o,
            Err(e) => return Ok(Err(e)),
        };
        let changed = tx
            .prepare_cached(
                "INSERT INTO poll_votes (poll_id, username, position, voted_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (poll_id, username) DO UPDATE
                    SET position = excluded.position, voted_at = excluded.voted_at
                    WHERE position != excluded.position",
            )?
            .execute(rusqlite::params![
                row.id,
                username,
                option.position,
                now_text
            ])?;
        if changed > 0 {
            totals_changed(tx, &row)?;
        }
        audit::record(
            tx,
            Action::PollVote,
            Some(format!("poll:{}", row.id)),
            serde_json::json!({ "username": username, "position": option.position }),
        )?;
        Ok(Ok(build(tx, row)?))
    })?
}

/// Why a vote finds no open poll: the session's latest poll ended (`409 Poll is closed`),
/// or there never was one (`404 No open poll`).
fn refused_without_open_poll(conn: &Connection, session_id: i64) -> Result<Error> {
    let any: Option<i64> = conn
        .prepare_cached("SELECT id FROM polls WHERE session_id = ?1 LIMIT 1")?
        .query_row([session_id], |r| r.get(0))
        .optional()?;
    Ok(if any.is_some() {
        poll_closed()
    } else {
        no_open_poll()
    })
}

/// Closes the open poll now (`voting.ended`; the winning game becomes the selection).
pub fn close(conn: &mut Connection, session_id: i64) -> Result<Poll> {
    store::write(conn, |tx| {
        sessions::get(tx, session_id)?;
        let row = open_row(tx, session_id)?.ok_or_else(no_open_poll)?;
        let now = crate::time::format(Utc::now());
        // Past its deadline, the poll ended at the deadline, not now.
        let at = match row.deadline() {
            Some(c) if now.as_str() >= c => c.to_string(),
            _ => now,
        };
        close_in(tx, &row, &at)?;
        audit::record(
            tx,
            Action::PollClose,
            Some(format!("poll:{}", row.id)),
            Value::Null,
        )?;
        get(tx, session_id, row.id)
    })
}

/// The longest countdown of `voting/end` and `poll close --in`, in seconds.
pub const MAX_END_DELAY: i64 = 300;
pub const DELAY_ERROR: &str = "delay must be an integer from 0 to 300";
pub const DELAY_SECONDS_ERROR: &str = "delaySeconds must be an integer from 0 to 300";

pub fn no_scheduled_end() -> Error {
    Error::duplicate("The poll has no scheduled end")
        .with_hint("schedule one with: jackbox poll close --in 10s")
}

/// Ends the open poll after `delay` seconds (`voting/end`, `poll close --in`): 0 closes it
/// now ([`close`]); otherwise the end is stored (`endsAt`, `poll.ending`) and the poll
/// closes then like at its deadline — by the daemon's clock or by whoever touches it next.
/// A new delay replaces an earlier scheduled end.
pub fn end_after(conn: &mut Connection, session_id: i64, delay: i64) -> Result<Poll> {
    if !(0..=MAX_END_DELAY).contains(&delay) {
        return Err(Error::invalid(DELAY_ERROR));
    }
    if delay == 0 {
        return close(conn, session_id);
    }
    store::write(conn, |tx| {
        sessions::get(tx, session_id)?;
        settle_in(tx, session_id)?;
        let row = open_row(tx, session_id)?.ok_or_else(no_open_poll)?;
        let ends_at = crate::time::format(Utc::now() + Duration::seconds(delay));
        tx.prepare_cached("UPDATE polls SET ends_at = ?2 WHERE id = ?1")?
            .execute(rusqlite::params![row.id, ends_at])?;
        audit::record(
            tx,
            Action::PollEndSchedule,
            Some(format!("poll:{}", row.id)),
            serde_json::json!({ "delaySeconds": delay, "endsAt": ends_at }),
        )?;
        emit_event(
            tx,
            session_id,
            Event::PollEnding(PollEnding {
                session_id,
                poll_id: row.id,
                ends_at,
            }),
        )?;
        get(tx, session_id, row.id)
    })
}

/// Cancels the open poll's scheduled end (`voting/cancel-end`, `poll close --cancel`):
/// `poll.ending.cancelled`; the poll stays open until its own deadline, if any.
pub fn cancel_end(conn: &mut Connection, session_id: i64) -> Result<Poll> {
    store::write(conn, |tx| {
        sessions::get(tx, session_id)?;
        settle_in(tx, session_id)?;
        let row = open_row(tx, session_id)?.ok_or_else(no_open_poll)?;
        if row.ends_at.is_none() {
            return Err(no_scheduled_end());
        }
        tx.prepare_cached("UPDATE polls SET ends_at = NULL WHERE id = ?1")?
            .execute([row.id])?;
        audit::record(
            tx,
            Action::PollEndCancel,
            Some(format!("poll:{}", row.id)),
            Value::Null,
        )?;
        emit_event(
            tx,
            session_id,
            Event::PollEndingCancelled(PollEndingCancelled {
                session_id,
                poll_id: row.id,
            }),
        )?;
        get(tx, session_id, row.id)
    })
}

/// Closes `row` at `at`: the winner (a tie drawn at random, the draw recorded), a pending
/// `poll.leading`, `voting.ended`, and `game.picked` when a game won.
fn close_in(tx: &Connection, row: &Row, at: &str) -> Result<()> {
    if row.leading_pending {
        send_leading(tx, row, at)?;
    }
    let options = options(tx, row.id)?;
    let top = options.iter().map(|o| o.votes).max().unwrap_or(0);
    let tied: Vec<&PollOption> = options
        .iter()
        .filter(|o| top > 0 && o.votes == top)
        .collect();
    let winner = match tied.len() {
        0 => None,
        1 => Some(tied[0].clone()),
        n => Some(tied[rand::thread_rng().gen_range(0..n)].clone()),
    };
    let tie_break = (tied.len() > 1)
        .then(|| serde_json::to_string(&tied.iter().map(|o| o.position).collect::<Vec<_>>()))
        .transpose()?;
    tx.prepare_cached(
        "UPDATE polls SET status = ?5, closed_at = ?2, winner_position = ?3,
            tie_break = ?4, leading_pending = 0
         WHERE id = ?1",
    )?
    .execute(rusqlite::params![
        row.id,
        at,
        winner.as_ref().map(|w| w.position),
        tie_break,
        PollStatus::Closed
    ])?;
    emit_event(
        tx,
        row.session_id,
        Event::VotingEnded(VotingEnded {
            session_id: row.session_id,
            poll_id: row.id,
            winner_game_id: winner.as_ref().and_then(|w| w.game_id),
            winner_label: winner.as_ref().map(|w| w.label.clone()),
            winner_votes: winner.as_ref().map(|w| w.votes),
            votes: options.clone(),
        }),
    )?;
    if let Some(game_id) = winner.and_then(|w| w.game_id) {
        let game = catalog::get(tx, game_id)?;
        selection::select_in(tx, row.session_id, &game, SelectionSource::Poll)?;
    }
    Ok(())
}

/// Cancels the open poll (no winner): `poll.cancelled`.
pub fn cancel(conn: &mut Connection, session_id: i64) -> Result<Poll> {
    store::write(conn, |tx| {
        sessions::get(tx, session_id)?;
        settle_in(tx, session_id)?;
        let row = open_row(tx, session_id)?.ok_or_else(no_open_poll)?;
        cancel_row(tx, &row)?;
        audit::record(
            tx,
            Action::PollCancel,
            Some(format!("poll:{}", row.id)),
            Value::Null,
        )?;
        get(tx, session_id, row.id)
    })
}

fn cancel_row(tx: &Connection, row: &Row) -> Result<()> {
    tx.prepare_cached(
        "UPDATE polls SET status = ?3, closed_at = ?2, leading_pending = 0
         WHERE id = ?1",
    )?
    .execute(rusqlite::params![
        row.id,
        crate::time::now(),
        PollStatus::Cancelled
    ])?;
    emit_event(
        tx,
        row.session_id,
        Event::PollCancelled(PollCancelled {
            session_id: row.session_id,
            poll_id: row.id,
        }),
    )
}

/// When a session closes: an open poll past its deadline is closed (its votes counted),
/// one still running is cancelled.
pub fn end_with_session(tx: &Connection, session_id: i64) -> Result<()> {
    settle_in(tx, session_id)?;
    if let Some(row) = open_row(tx, session_id)? {
        cancel_row(tx, &row)?;
    }
    Ok(())
}

/// Writes a poll event of session `session_id` to the outbox.
fn emit_event(tx: &Connection, session_id: i64, event: Event) -> Result<()> {
    emit(tx, Some(session_id), event)?;
    Ok(())
}

/// The time a poll closes, for human output.
pub fn remaining(poll: &Poll) -> Option<i64> {
    let closes = poll.deadline().and_then(crate::time::parse_iso)?;
    let left: DateTime<Utc> = closes;
    Some((left - Utc::now()).num_seconds().max(0))
}
