//! The `status-live` object of a session game (`GET …/status-live`, the `game.status`
//! event). The room monitor fills it from the live room; without a running monitor it comes
//! from the database, with what only the room knows left `null`.

use super::model::SessionGame;
use super::monitor_state::MonitorState;
use super::session_games;
use super::vocab::MonitorStatus;
use crate::Result;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

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

/// The object as the database knows it: `monitoring: false`, room facts `null`.
pub fn from_db(conn: &Connection, session_id: i64, session_game_id: i64) -> Result<StatusLive> {
    Ok(StatusLive::of(&session_games::get(
        conn,
        session_id,
        session_game_id,
    )?))
}
