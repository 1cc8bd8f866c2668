//! The `status-live` object of a session game (`GET …/status-live`, the `game.status`
//! event). The room monitor fills it from the live room; without a running monitor it comes
//! from the database, with what only the room knows left `null`.

pub use super::model::StatusLive;
use super::session_games;
use crate::Result;
use rusqlite::Connection;

/// The object as the database knows it: `monitoring: false`, room facts `null`.
pub fn from_db(conn: &Connection, session_id: i64, session_game_id: i64) -> Result<StatusLive> {
    Ok(StatusLive::of(&session_games::get(
        conn,
        session_id,
        session_game_id,
    )?))
}
