//! The JSON shapes of the product. The HTTP API returns these, and `--json` prints them.

use super::vocab::{
    GameStatus, MonitorPhase, MonitorStatus, PollStatus, SelectionSource, VoteKind,
};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::Row;
use serde::{Deserialize, Serialize};

/// A game night. `games_played` is derived and omitted by `POST /api/sessions`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Session {
    pub id: i64,
    pub notes: Option<String>,
    pub is_active: i64,
    pub created_at: String,
    pub closed_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub games_played: Option<i64>,
    /// When the session, one of its games or one of its votes last changed (moved by the
    /// database's triggers and the chat import). Not part of the API's session object: the
    /// exports carry it, and `session export --all` compares it to skip unchanged files.
    #[serde(skip)]
    pub updated_at: String,
}

impl Session {
    /// Columns, in order: id, notes, is_active, created_at, closed_at, games_played,
    /// updated_at. `games_played` is the counter the schema's triggers keep (migration 7),
    /// not a count.
    pub const COLUMNS: &'static str =
        "s.id, s.notes, s.is_active, s.created_at, s.closed_at, s.games_played, s.updated_at";

    pub fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(Session {
            id: r.get(0)?,
            notes: r.get(1)?,
            is_active: r.get(2)?,
            created_at: r.get(3)?,
            closed_at: r.get(4)?,
            games_played: r.get(5)?,
            updated_at: r.get(6)?,
        })
    }
}

/// A game played in a session (`session_games` joined with its catalog game).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SessionGame {
    pub id: i64,
    pub session_id: i64,
    pub game_id: i64,
    pub played_at: String,
    pub manually_added: i64,
    /// Where the game came from (`docs/polls.md`).
    pub source: SelectionSource,
    pub status: GameStatus,
    pub room_code: Option<String>,
    pub player_count: Option<i64>,
    pub player_count_check_status: MonitorStatus,
    pub title: String,
    pub pack_name: String,
    pub min_players: i64,
    pub max_players: i64,
    pub upvotes: i64,
    pub downvotes: i64,
    /// What the room monitor is doing (`core::monitor_state`); `null` when no monitor ever
    /// ran for this game.
    pub monitor_state: Option<MonitorState>,
}

impl SessionGame {
    pub const SELECT: &'static str = "SELECT sg.id, sg.session_id, sg.game_id, sg.played_at, \
        sg.manually_added, sg.status, sg.room_code, sg.player_count, \
        sg.player_count_check_status, g.title, g.pack_name, g.min_players, g.max_players, \
        sg.upvotes, sg.downvotes, sg.source, sg.monitor_state FROM session_games sg JOIN games g ON g.id = sg.game_id";

    pub fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(SessionGame {
            id: r.get(0)?,
            session_id: r.get(1)?,
            game_id: r.get(2)?,
            played_at: r.get(3)?,
            manually_added: r.get(4)?,
            source: r.get(15)?,
            status: r.get(5)?,
            room_code: r.get(6)?,
            player_count: r.get(7)?,
            player_count_check_status: r.get(8)?,
            title: r.get(9)?,
            pack_name: r.get(10)?,
            min_players: r.get(11)?,
            max_players: r.get(12)?,
            upvotes: r.get(13)?,
            downvotes: r.get(14)?,
            monitor_state: r.get(16)?,
        })
    }
}

/// A catalog game: every column of `games`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Game {
    pub id: i64,
    pub pack_name: String,
    pub title: String,
    pub min_players: i64,
    pub max_players: i64,
    pub length_minutes: Option<i64>,
    pub has_audience: i64,
    pub family_friendly: i64,
    pub game_type: Option<String>,
    pub secondary_type: Option<String>,
    pub app_tag: Option<String>,
    /// The chat code of the game (`QPL3`): 2–8 characters A-Z 0-9, unique.
    pub ticker: Option<String>,
    pub enabled: i64,
    pub favor_bias: i64,
    pub play_count: i64,
    pub popularity_score: i64,
    pub upvotes: i64,
    pub downvotes: i64,
    pub created_at: String,
}

impl Game {
    pub const SELECT: &'static str = "SELECT g.id, g.pack_name, g.title, g.min_players, \
        g.max_players, g.length_minutes, g.has_audience, g.family_friendly, g.game_type, \
        g.secondary_type, g.app_tag, g.enabled, g.favor_bias, g.play_count, \
        g.popularity_score, g.upvotes, g.downvotes, g.created_at, g.ticker FROM games g";

    pub fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(Game {
            id: r.get(0)?,
            pack_name: r.get(1)?,
            title: r.get(2)?,
            min_players: r.get(3)?,
            max_players: r.get(4)?,
            length_minutes: r.get(5)?,
            has_audience: r.get(6)?,
            family_friendly: r.get(7)?,
            game_type: r.get(8)?,
            secondary_type: r.get(9)?,
            app_tag: r.get(10)?,
            ticker: r.get(18)?,
            enabled: r.get(11)?,
            favor_bias: r.get(12)?,
            play_count: r.get(13)?,
            popularity_score: r.get(14)?,
            upvotes: r.get(15)?,
            downvotes: r.get(16)?,
            created_at: r.get(17)?,
        })
    }
}

/// `{ "message": …, … }` replies that carry no record.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Message {
    pub message: String,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Message {
    pub fn new(message: &str) -> Self {
        Message {
            message: message.to_string(),
            extra: serde_json::Map::new(),
        }
    }
    pub fn with(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.extra.insert(key.to_string(), value.into());
        self
    }
}

/// `GET /api/sessions/{id}/game-selection`: `{ "sessionId", "game", "source" }`.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Selection {
    pub session_id: i64,
    pub game: Option<Game>,
    pub source: Option<SelectionSource>,
}

/// One option of a poll, with its current vote count.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PollOption {
    pub position: i64,
    /// `null` for "Other" (and for a game deleted from the catalog since).
    pub game_id: Option<i64>,
    pub label: String,
    pub ticker: Option<String>,
    pub votes: i64,
}

/// The poll object of `docs/polls.md`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Poll {
    pub id: i64,
    pub session_id: i64,
    pub status: PollStatus,
    pub options: Vec<PollOption>,
    pub total_votes: i64,
    pub started_at: String,
    pub closes_at: Option<String>,
    /// When a scheduled end (`voting/end` with a delay) closes it; `null` when none is
    /// scheduled. The poll closes at the earlier of `closesAt` and `endsAt`.
    pub ends_at: Option<String>,
    pub closed_at: Option<String>,
    pub winner: Option<PollOption>,
    /// The positions that tied for first when a random draw chose the winner; `null` when
    /// no draw was needed.
    pub tied_positions: Option<Vec<i64>>,
    pub created_by: String,
}

/// The `status-live` object of a session game (`GET …/status-live`, the `game.status`
/// event); `core::status_live` fills it from the database, the room monitor from the room.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StatusLive {
    pub session_id: i64,
    pub game_id: i64,
    pub session_game_id: i64,
    pub room_code: Option<String>,
    pub app_tag: Option<String>,
    pub max_players: Option<i64>,
    pub player_count: Option<i64>,
    pub players: Option<Vec<String>>,
    pub lobby_state: Option<String>,
    pub game_state: Option<String>,
    pub game_started: Option<bool>,
    pub game_finished: Option<bool>,
    pub monitoring: bool,
    /// What the monitor is doing (`core::monitor_state`): the running monitor's own state,
    /// else the stored one.
    pub monitor_state: MonitorState,
}

impl StatusLive {
    /// What the database knows of a session game: `monitoring: false`, room facts `null`.
    pub fn of(sg: &SessionGame) -> StatusLive {
        StatusLive {
            session_id: sg.session_id,
            game_id: sg.game_id,
            session_game_id: sg.id,
            room_code: sg.room_code.clone(),
            app_tag: None,
            max_players: Some(sg.max_players),
            player_count: sg.player_count,
            players: None,
            lobby_state: None,
            game_state: None,
            game_started: None,
            // A monitor that saw the game end marks it `completed`; that much the database
            // knows.
            game_finished: (sg.player_count_check_status == MonitorStatus::Completed)
                .then_some(true),
            monitoring: false,
            monitor_state: MonitorState::of(sg),
        }
    }
}

/// One game's votes in an import summary.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GameVotes {
    pub title: String,
    pub upvotes: i64,
    pub downvotes: i64,
}

/// One recorded vote: in the reply of `POST /api/votes/live` and in `vote.received`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VoteCast {
    pub username: String,
    #[serde(rename = "type")]
    pub vote_type: VoteKind,
    pub timestamp: String,
}

/// The `MonitorState` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonitorState {
    pub state: MonitorPhase,
    /// The attempt that failed last (1, 2, …) while `retrying`.
    pub attempt: Option<i64>,
    /// When the next attempt starts, while `retrying`.
    pub next_retry_at: Option<String>,
    /// The last error in words, on `retrying` and `failed`.
    pub reason: Option<String>,
    /// The lobby's state as the lobby server sent it (`WaitingForMore`, `CanStart`, …),
    /// only while `connected`.
    pub lobby_state: Option<String>,
}

impl MonitorState {
    fn phase(state: MonitorPhase) -> Self {
        MonitorState {
            state,
            attempt: None,
            next_retry_at: None,
            reason: None,
            lobby_state: None,
        }
    }

    pub fn looking_up() -> Self {
        Self::phase(MonitorPhase::LookingUp)
    }

    pub fn retrying(attempt: i64, next_retry_at: String, reason: impl Into<String>) -> Self {
        MonitorState {
            attempt: Some(attempt),
            next_retry_at: Some(next_retry_at),
            reason: Some(reason.into()),
            ..Self::phase(MonitorPhase::Retrying)
        }
    }

    pub fn connected(lobby_state: Option<String>) -> Self {
        MonitorState {
            lobby_state,
            ..Self::phase(MonitorPhase::Connected)
        }
    }

    pub fn in_play() -> Self {
        Self::phase(MonitorPhase::InPlay)
    }

    pub fn ended() -> Self {
        Self::phase(MonitorPhase::Ended)
    }

    pub fn failed(reason: impl Into<String>) -> Self {
        MonitorState {
            reason: Some(reason.into()),
            ..Self::phase(MonitorPhase::Failed)
        }
    }

    pub fn stopped() -> Self {
        Self::phase(MonitorPhase::Stopped)
    }

    /// What the database's monitor status alone says, for a session game no monitor state
    /// was ever stored for (rows from before the column existed, games never monitored).
    pub fn from_status(status: MonitorStatus) -> Self {
        match status {
            MonitorStatus::Monitoring => Self::looking_up(),
            MonitorStatus::Completed => Self::ended(),
            MonitorStatus::Failed => Self::phase(MonitorPhase::Failed),
            MonitorStatus::NotStarted | MonitorStatus::Stopped => Self::stopped(),
        }
    }

    /// The stored state of `sg`, or what its monitor status says.
    pub fn of(sg: &SessionGame) -> Self {
        sg.monitor_state
            .clone()
            .unwrap_or_else(|| Self::from_status(sg.player_count_check_status))
    }
}

impl std::fmt::Display for MonitorState {
    /// The state in words, as a host reads it: `retrying (attempt 2, next at …): why`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.state {
            MonitorPhase::LookingUp => f.write_str("looking up the room"),
            MonitorPhase::Retrying => write!(
                f,
                "retrying (attempt {} failed, next at {}): {}",
                self.attempt.unwrap_or(0),
                self.next_retry_at.as_deref().unwrap_or("-"),
                self.reason.as_deref().unwrap_or("-")
            ),
            MonitorPhase::Connected => match &self.lobby_state {
                Some(l) => write!(f, "connected: lobby ({l})"),
                None => f.write_str("connected: lobby"),
            },
            MonitorPhase::InPlay => f.write_str("in play"),
            MonitorPhase::Ended => f.write_str("ended"),
            MonitorPhase::Failed => match &self.reason {
                Some(r) => write!(f, "failed: {r}"),
                None => f.write_str("failed"),
            },
            MonitorPhase::Stopped => f.write_str("stopped"),
        }
    }
}

impl ToSql for MonitorState {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        let text = serde_json::to_string(self)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?;
        Ok(ToSqlOutput::from(text))
    }
}

impl FromSql for MonitorState {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        serde_json::from_str(text).map_err(|e| FromSqlError::Other(e.into()))
    }
}
