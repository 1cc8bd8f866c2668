//! The room monitor's state as a host reads it (`MonitorState`, `docs/room-monitor.md`,
//! "Monitor state"): looking the room up, retrying (which attempt, when the next one is),
//! connected to the lobby (with the lobby's own state), in play, ended, failed (why),
//! stopped. Stored on the session game (`session_games.monitor_state`, JSON) so a monitor
//! run by the CLI and a reloaded console show the same thing, and announced by the
//! `monitor.state` event on each change. Nothing here invents a lobby state: `lobbyState`
//! is only ever what the lobby server sent.

use super::events::{emit, Event, MonitorStateChanged};
pub use super::model::MonitorState;
use super::model::SessionGame;
use super::vocab::DisconnectReason;
use crate::Result;
use rusqlite::Connection;

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
pub fn set(tx: &Connection, sg: &SessionGame, state: &MonitorState) -> Result<Option<i64>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::vocab::{MonitorPhase, MonitorStatus};

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
