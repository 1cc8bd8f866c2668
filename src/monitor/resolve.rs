//! Knowing the game from its room: look the room up and find the catalog game with its
//! `appTag` (`jackbox game add --room-code ABCD` without a game, and the HTTP equivalent).

use super::ecast::{Client, Lookup};
use super::Config;
use crate::core::{catalog, Game};
use crate::{Error, ErrorKind, Result};
use rusqlite::Connection;

/// Looks `code` up on the lobby server and returns its `appTag` (blocking: runs a small
/// runtime of its own; do not call from inside a tokio runtime — use [`app_tag`]).
pub fn app_tag_blocking(cfg: &Config, code: &str) -> Result<String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::storage(format!("Cannot start the runtime: {e}")))?;
    rt.block_on(app_tag(cfg, code))
}

/// Looks `code` up and returns its `appTag`.
/// Not found → `Room ABCD not found` (404); unreachable → 503.
pub async fn app_tag(cfg: &Config, code: &str) -> Result<String> {
    crate::core::session_games::validate_room_code(code)?;
    let client = Client::new(&cfg.ecast_url, cfg.timeout)?;
    match client.lookup(code).await {
        Lookup::Found(room) => room
            .app_tag
            .ok_or_else(|| Error::invalid(format!("Room {code} does not report its game"))),
        Lookup::NotFound => Err(Error::not_found(format!("Room {code} not found"))),
        Lookup::Transient(e) => Err(Error::new(
            ErrorKind::Unavailable,
            format!("Could not look room {code} up on the Jackbox lobby server: {e}"),
        )),
    }
}

/// The catalog game that has `tag`; an unknown tag → 400 naming it.
pub fn game_for_tag(conn: &Connection, tag: &str) -> Result<Game> {
    catalog::find_by_app_tag(conn, tag)?.ok_or_else(|| {
        Error::invalid(format!("Unknown appTag \"{tag}\": no catalog game has it")).with_hint(
            "set app_tag on the right catalog game (jackbox catalog edit), or name the game: jackbox game add GAME --room-code CODE",
        )
    })
}
