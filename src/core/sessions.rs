//! Sessions: list, active, get, create, close, delete.

use super::audit::{self, Action};
use super::events::{emit, Event, SessionReopened, SessionStarted, StartedSession};
use super::model::{Game, Message, Session};
use super::vocab::GameStatus;
use crate::{store, Error, ErrorKind, Result};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;

/// All sessions, newest first, with `games_played`: one query for the whole list.
/// `limit`/`offset` page through long histories; `None` returns everything.
pub fn list(conn: &Connection, limit: Option<i64>, offset: Option<i64>) -> Result<Vec<Session>> {
    list_filtered(
        conn,
        &SessionFilter {
            limit,
            offset,
            ..SessionFilter::default()
        },
    )
}

/// Which sessions a list shows (`jackbox session list --closed --since …`, `export --all`).
#[derive(Debug, Clone, Default)]
pub struct SessionFilter {
    /// `Some(true)`: only the active session; `Some(false)`: only closed ones.
    pub active: Option<bool>,
    /// Only sessions started at or after a time, or with an ID at or above one.
    pub since: Option<Since>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// The lower bound of `--since DATE|ID`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Since {
    /// A stored-format time: sessions with `created_at` at or after it.
    Time(String),
    /// Sessions with an ID at or above it.
    Id(i64),
}

impl std::str::FromStr for Since {
    type Err = Error;

    /// All digits: a session ID. Otherwise a date (`2026-03-15`, midnight UTC) or a time in
    /// any ISO 8601 form the product reads (`2026-03-15T19:00:00Z`, `2026-03-15 20:00+01:00`).
    fn from_str(v: &str) -> Result<Self> {
        let v = v.trim();
        if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
            return v
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(Since::Id)
                .ok_or_else(|| Error::invalid(SINCE_ERROR));
        }
        let time = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| crate::time::format(t.and_utc()))
            .or_else(|| crate::time::normalize_iso(v));
        time.map(Since::Time)
            .ok_or_else(|| Error::invalid(SINCE_ERROR))
    }
}

const SINCE_ERROR: &str =
    "expected a date (2026-03-15), a time (2026-03-15T19:00:00Z) or a session ID (42)";

/// The sessions matching `f`, newest first, with `games_played`: one query.
pub fn list_filtered(conn: &Connection, f: &SessionFilter) -> Result<Vec<Session>> {
    let (since_time, since_id) = match &f.since {
        Some(Since::Time(t)) => (Some(t.as_str()), None),
        Some(Since::Id(id)) => (None, Some(*id)),
        None => (None, None),
    };
    let mut stmt = conn.prepare_cached(&list_sql())?;
    let rows = stmt.query_map(
        rusqlite::params![
            f.limit.unwrap_or(-1),
            f.offset.unwrap_or(0),
            f.active.map(i64::from),
            since_time,
            since_id,
        ],
        Session::from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The one statement behind [`list_filtered`] (`?1` limit, -1 for all; `?2` offset; `?3`
/// is_active or NULL; `?4` earliest created_at or NULL; `?5` lowest ID or NULL). Public so
/// a test can check its query plan: `games_played` comes from the `session_games` index.
pub fn list_sql() -> String {
    format!(
        "SELECT {} FROM sessions s
         WHERE (?3 IS NULL OR s.is_active = ?3) AND (?4 IS NULL OR s.created_at >= ?4)
           AND (?5 IS NULL OR s.id >= ?5)
         ORDER BY s.created_at DESC, s.id DESC LIMIT ?1 OFFSET ?2",
        Session::COLUMNS
    )
}

/// How many sessions there are: `(matching, all)`, where `matching` counts those with
/// `is_active` (any when `None`). One query (`X-Total-Count`, `X-Absolute-Total`).
pub fn counts(conn: &Connection, is_active: Option<bool>) -> Result<(i64, i64)> {
    Ok(conn
        .prepare_cached(
            "SELECT COALESCE(SUM(?1 IS NULL OR is_active = ?1), 0), COUNT(*) FROM sessions",
        )?
        .query_row([is_active.map(i64::from)], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Every enabled catalog game with how often it was played in session `id` and when last
/// (`GET /api/sessions/{id}/catalog`: "what has been played tonight"): one query. A game
/// counts as played unless it was `skipped`.
pub fn catalog(conn: &Connection, id: i64) -> Result<SessionCatalog> {
    get(conn, id)?;
    let sql = format!(
        "{} LEFT JOIN (SELECT game_id, COUNT(*) AS n, MAX(played_at) AS last
                        FROM session_games WHERE session_id = ?1 AND status != ?2
                        GROUP BY game_id) p ON p.game_id = g.id
         WHERE g.enabled = 1 ORDER BY g.pack_name, g.title",
        Game::SELECT.replacen(
            " FROM games g",
            ", COALESCE(p.n, 0), p.last FROM games g",
            1
        )
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params![id, GameStatus::Skipped], |r| {
        Ok(CatalogGame {
            game: Game::from_row(r)?,
            times_played: r.get(19)?,
            last_played_at: r.get(20)?,
        })
    })?;
    Ok(SessionCatalog {
        session_id: id,
        games: rows.collect::<rusqlite::Result<_>>()?,
    })
}

/// The answer of `GET /api/sessions/{id}/catalog`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionCatalog {
    pub session_id: i64,
    pub games: Vec<CatalogGame>,
}

/// A catalog game (as in `GET /api/games`) with its plays in one session.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogGame {
    #[serde(flatten)]
    pub game: Game,
    #[serde(rename = "timesPlayed")]
    pub times_played: i64,
    #[serde(rename = "lastPlayedAt")]
    pub last_played_at: Option<String>,
}

/// Reopens a closed session (`POST /api/sessions/{id}/reopen`, `jackbox session reopen`):
/// the undo of a close. Refused while another session is active (`409`, with
/// `activeSessionId`, like create) and for a session that is not closed. `closed_at` is
/// cleared; `session.reopened`.
pub fn reopen(conn: &mut Connection, id: i64) -> Result<Session> {
    store::write(conn, |tx| {
        let session = get(tx, id)?;
        if session.is_active == 1 {
            return Err(Error::state("Session is not closed"));
        }
        if let Some(active) = active(tx)? {
            return Err(Error::new(
                ErrorKind::Conflict,
                "An active session already exists. Please close it before reopening this one.",
            )
            .with_extra("activeSessionId", active.id)
            .with_hint(format!(
                "close session {} first: jackbox session close {}",
                active.id, active.id
            )));
        }
        tx.prepare_cached("UPDATE sessions SET is_active = 1, closed_at = NULL WHERE id = ?1")?
            .execute([id])?;
        emit(
            tx,
            Some(id),
            Event::SessionReopened(SessionReopened { session_id: id }),
        )?;
        audit::record(
            tx,
            Action::SessionReopen,
            Some(format!("session:{id}")),
            json!({}),
        )?;
        get(tx, id)
    })
}

/// The active session, if any.
pub fn active(conn: &Connection) -> Result<Option<Session>> {
    let sql = format!(
        "SELECT {} FROM sessions s WHERE s.is_active = 1",
        Session::COLUMNS
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([], Session::from_row)
        .optional()?)
}

/// What `GET /api/sessions/active` and `jackbox session active --json` return: the session
/// itself, or `{ "session": null, "message": "No active session" }` (fields in that order).
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum ActiveReply {
    Active(Session),
    None {
        session: Option<Session>,
        message: &'static str,
    },
}

pub fn active_reply(conn: &Connection) -> Result<ActiveReply> {
    Ok(match active(conn)? {
        Some(s) => ActiveReply::Active(s),
        None => ActiveReply::None {
            session: None,
            message: "No active session",
        },
    })
}

/// One session; `Session not found` when absent.
pub fn get(conn: &Connection, id: i64) -> Result<Session> {
    let sql = format!(
        "SELECT {} FROM sessions s WHERE s.id = ?1",
        Session::COLUMNS
    );
    conn.prepare_cached(&sql)?
        .query_row([id], Session::from_row)
        .optional()?
        .ok_or_else(session_not_found)
}

/// How far past the newest session ID a WebSocket client may subscribe: a client may wait
/// for a session that does not exist yet (the next ones), not for any number.
pub const SUBSCRIBE_AHEAD: i64 = 100;

/// Whether a WebSocket client may subscribe to session `id`: it exists, or it is one of the
/// next [`SUBSCRIBE_AHEAD`] IDs to be handed out (IDs are never reused: a deleted session's
/// ID never comes back, so waiting for it is refused).
pub fn may_subscribe(conn: &Connection, id: i64) -> Result<bool> {
    let (exists, newest): (bool, i64) = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM sessions WHERE id = ?1),
                    MAX(COALESCE((SELECT MAX(id) FROM sessions), 0),
                        COALESCE((SELECT CAST(value AS INTEGER) FROM settings
                                  WHERE key = 'last_id.sessions'), 0))",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(exists || (id > newest && id <= newest.saturating_add(SUBSCRIBE_AHEAD)))
}

pub fn session_not_found() -> Error {
    Error::not_found("Session not found")
}

/// The session to use when a command names none: the given one, else the active one.
pub fn resolve(conn: &Connection, id: Option<i64>) -> Result<Session> {
    match id {
        Some(id) => get(conn, id),
        None => active(conn)?.ok_or_else(|| {
            Error::not_found("No active session")
                .with_hint("start one with: jackbox session create, or name one with --session ID")
        }),
    }
}

fn active_exists(active_id: i64) -> Error {
    Error::state("An active session already exists. Please close it before creating a new one.")
        .with_extra("activeSessionId", active_id)
        .with_hint(format!(
            "close session {active_id} first: jackbox session close {active_id}"
        ))
}

/// Creates the (only) active session. Emits `session.started`.
pub fn create(conn: &mut Connection, notes: Option<&str>) -> Result<Session> {
    let result = store::write(conn, |tx| {
        if let Some(existing) = active_id(tx)? {
            return Err(active_exists(existing));
        }
        let now = crate::time::now();
        let id = store::next_id(tx, "sessions")?;
        tx.prepare_cached(
            "INSERT INTO sessions (id, notes, is_active, created_at) VALUES (?1, ?2, 1, ?3)",
        )?
        .execute(rusqlite::params![id, notes, now])?;
        let session = Session {
            id,
            notes: notes.map(str::to_string),
            is_active: 1,
            updated_at: now.clone(),
            created_at: now,
            closed_at: None,
            games_played: None,
        };
        emit(
            tx,
            Some(session.id),
            Event::SessionStarted(SessionStarted {
                session: StartedSession {
                    id: session.id,
                    is_active: 1,
                    created_at: session.created_at.clone(),
                    notes: session.notes.clone(),
                },
            }),
        )?;
        audit::record(
            tx,
            Action::SessionCreate,
            Some(format!("session:{id}")),
            json!({ "notes": notes }),
        )?;
        Ok(session)
    });
    match result {
        // The partial unique index is the last word if two writers raced past the check.
        Err(e) if e.kind == ErrorKind::Conflict => match active(conn)? {
            Some(s) => Err(active_exists(s.id)),
            None => Err(e),
        },
        other => other,
    }
}

fn active_id(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM sessions WHERE is_active = 1")?
        .query_row([], |r| r.get(0))
        .optional()?)
}

/// Moves the session's `updated_at` for a write that no trigger sees (the chat import, once
/// per import rather than once per message). The `sessions` update trigger of schema step 6
/// computes the new value: this only rewrites the row with its value unchanged.
pub fn touch(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE sessions SET updated_at = updated_at WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Deletes a closed session with its games, chat logs and votes.
pub fn delete(conn: &mut Connection, id: i64) -> Result<Message> {
    store::write(conn, |tx| {
        check_deletable(tx, id)?;
        // chat_logs, live_votes and session_games go with it (ON DELETE CASCADE); catalog
        // counters (play_count, votes) are deliberately left as they are.
        tx.prepare_cached("DELETE FROM sessions WHERE id = ?1")?
            .execute([id])?;
        audit::record(
            tx,
            Action::SessionDelete,
            Some(format!("session:{id}")),
            json!({}),
        )?;
        Ok(Message::new("Session deleted successfully").with("sessionId", id))
    })
}

/// The session, if it may be deleted (exists and is closed). Lets the CLI check before it
/// asks for confirmation; [`delete`] checks again inside its transaction.
pub fn check_deletable(conn: &Connection, id: i64) -> Result<Session> {
    let session = get(conn, id)?;
    if session.is_active == 1 {
        return Err(
            Error::state("Cannot delete an active session. Please close it first.")
                .with_hint(format!("close it first: jackbox session close {id}")),
        );
    }
    Ok(session)
}
