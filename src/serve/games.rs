//! `/api/sessions/{id}/games…`: the games of a session, addressed by `session_games.id`.
//! Adapters over `core::session_games` and `core::status_live`.

use super::auth::require_admin;
use super::http::{self, Req, Resp};
use super::sessions::INVALID_SESSION_ID;
use super::App;
use crate::core::lineup;
use crate::core::session_games::{self, NewGame, PLAYER_COUNT_ERROR, ROOM_CODE_ERROR};
use crate::core::status_live;
use crate::core::vocab::{CountSource, GameStatus};
use crate::{Error, Result};
use std::sync::Arc;

pub const INVALID_SESSION_GAME_ID: &str = "Invalid session game ID";

/// The (sessionId, sessionGameId) of a sub-route.
fn ids(req: &Req) -> Result<(i64, i64)> {
    Ok((
        req.id(0, INVALID_SESSION_ID)?,
        req.id(1, INVALID_SESSION_GAME_ID)?,
    ))
}

pub async fn list(app: Arc<App>, req: Req) -> Result<Resp> {
    let id = req.id(0, INVALID_SESSION_ID)?;
    http::ok(&app.db.read(move |c| session_games::list(c, id)).await?)
}

pub async fn add(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let session_id = req.id(0, INVALID_SESSION_ID)?;
    let body = req.json(&app).await?;
    let mut new = NewGame::from_json(&body.0)?;
    // No game_id but a room code: the game the room runs (its appTag in the catalog).
    new.game_id = match (new.game_id, &new.room_code) {
        (None, Some(code)) => {
            let tag = crate::monitor::resolve::app_tag(app.monitors.config(), code).await?;
            let game = app
                .db
                .read(move |c| crate::monitor::resolve::game_for_tag(c, &tag))
                .await?;
            Some(game.id)
        }
        _ => new.game_id,
    };
    let sg = app
        .db
        .write(move |c| lineup::add_game(c, session_id, &new))
        .await?;
    Ok(http::json(201, &sg))
}

pub async fn remove(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let (sid, id) = ids(&req)?;
    http::ok(
        &app.db
            .write(move |c| session_games::remove(c, sid, id))
            .await?,
    )
}

pub async fn status(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let (sid, id) = ids(&req)?;
    let body = req.json(&app).await?;
    let status: GameStatus = body
        .opt_str_or("status", GameStatus::INVALID)?
        .ok_or_else(|| Error::invalid(GameStatus::INVALID))?
        .parse()?;
    http::ok(
        &app.db
            .write(move |c| session_games::set_status(c, sid, id, status))
            .await?,
    )
}

pub async fn room_code(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let (sid, id) = ids(&req)?;
    let body = req.json(&app).await?;
    let code = body
        .opt_str_or("room_code", ROOM_CODE_ERROR)?
        .ok_or_else(|| Error::invalid(ROOM_CODE_ERROR))?;
    http::ok(
        &app.db
            .write(move |c| session_games::set_room_code(c, sid, id, &code))
            .await?,
    )
}

pub async fn player_count(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let (sid, id) = ids(&req)?;
    let body = req.json(&app).await?;
    let count = body
        .opt_int_or("player_count", PLAYER_COUNT_ERROR)?
        .ok_or_else(|| Error::invalid(PLAYER_COUNT_ERROR))?;
    http::ok(
        &app.db
            .write(move |c| session_games::set_player_count(c, sid, id, count, CountSource::Manual))
            .await?,
    )
}

pub async fn start_check(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let (sid, id) = ids(&req)?;
    http::ok(
        &app.db
            .write(move |c| session_games::start_monitor(c, sid, id))
            .await?,
    )
}

pub async fn stop_check(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let (sid, id) = ids(&req)?;
    http::ok(
        &app.db
            .write(move |c| session_games::stop_monitor(c, sid, id))
            .await?,
    )
}

/// The live room state. Without a running monitor (the monitor supervisor overrides this
/// when it watches the room), the database's view with `monitoring: false`.
pub async fn status_live(app: Arc<App>, req: Req) -> Result<Resp> {
    let (sid, id) = ids(&req)?;
    if let Some(live) = super::monitors::live(&app, sid, id) {
        return http::ok(&live);
    }
    http::ok(
        &app.db
            .read(move |c| status_live::from_db(c, sid, id))
            .await?,
    )
}
