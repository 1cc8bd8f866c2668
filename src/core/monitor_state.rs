//! The room monitor's state as a host reads it (`MonitorState`, `docs/room-monitor.md`,
//! "Monitor state"): looking the room up, retrying (which attempt, when the next one is),
//! connected to the lobby (with the lobby's own state), in play, ended, failed (why),
//! stopped. Stored on the session game (`session_games.monitor_state`, JSON) so a monitor
//! run by the CLI and a reloaded console show the same thing, and announced by the
//! `monitor.state` event on each change. Nothing here invents a lobby state: `lobbyState`
//! is only ever what the lobby server sent.

use super::events::{emit, Event, MonitorStateChanged};
use super::model::SessionGame;
use super::vocab::{DisconnectReason, MonitorPhase, MonitorStatus};
use crate::Result;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

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

/// Why a monitor failed, in words (`reason` of a `failed` state). `detail` is the last
/// error seen (a look-up or connection error, or the lobby server's error frame).
pub fn failure_reason(reason: DisconnectReason, detail: Option<&str>) -> String {
    let what = match reason {
        DisconnectReason::RoomNotFound => "the lobby server does not know this room code",
        DisconnectReason::ConnectionFailed => "the lobby server could not be reached",
        DisconnectReason::RoleRejected => "the lobby server refused the monitor",
        DisconnectReason::RoomClosed => "the room was already closed",
        DisconnectReason::ManuallyStopped => "stopped",
    };
    match detail.filter(|d| !d.is_empty()) {
        Some(d) => format!("{what} ({d})"),
        None => what.to_string(),
    }
}

/// Stores `state` as `sg`'s monitor state and emits `monitor.state`, unless it is already
/// the stored one. Part of the caller's transaction. Returns the outbox id when it wrote.
pub fn set(tx: &Transaction, sg: &SessionGame, state: &MonitorState) -> Result<Option<i64>> {
    if sg.monitor_state.as_ref() == Some(state) {
        return Ok(None);
    }
    tx.prepare_cached("UPDATE session_games SET monitor_state = ?2 WHERE id = ?1")?
        .execute(rusqlite::params![sg.id, state])?;
    let id = emit(
        tx,
        Some(sg.session_id),
        Event::MonitorState(MonitorStateChanged {
            session_id: sg.session_id,
            session_game_id: sg.id,
            game_id: sg.game_id,
            state: state.clone(),
        }),
    )?;
    Ok(Some(id))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_shape() {
        let s = MonitorState::retrying(2, "2026-01-01T00:00:02.000Z".into(), "timed out");
        assert_eq!(
            serde_json::to_value(&s).unwrap(),
            serde_json::json!({
                "state": "retrying", "attempt": 2, "nextRetryAt": "2026-01-01T00:00:02.000Z",
                "reason": "timed out", "lobbyState": null
            })
        );
        assert_eq!(
            MonitorState::from_status(MonitorStatus::NotStarted).state,
            MonitorPhase::Stopped
        );
    }
}
