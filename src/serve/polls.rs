//! `/api/sessions/{id}/game-selection` and `/api/sessions/{id}/polls…`: the lined-up game
//! and chat polls over HTTP. Adapters over `core::selection` and `core::polls`.
//!
//! Reads settle the session's poll first (an expired one is closed, a pending
//! `poll.leading` sent), taking the writer only when that is needed.

use super::auth::require_admin;
use super::http::{self, Req, Resp};
use super::sessions::INVALID_SESSION_ID;
use super::App;
use crate::core::lineup;
use crate::core::polls::{self, Choice, NewPoll};
use crate::core::selection::{self, SelectionSource};
use crate::{Error, Result};
use serde_json::Value;
use std::sync::Arc;

pub const INVALID_POLL_ID: &str = "Invalid poll ID";

/// Closes an expired poll (and sends a due `poll.leading`) before answering.
async fn settle(app: &App, session_id: i64) -> Result<()> {
    if app
        .db
        .read(move |c| polls::needs_settle(c, session_id))
        .await?
    {
        app.db.write(move |c| polls::settle(c, session_id)).await?;
    }
    Ok(())
}

pub async fn get_selection(app: Arc<App>, req: Req) -> Result<Resp> {
    let id = req.id(0, INVALID_SESSION_ID)?;
    settle(&app, id).await?;
    http::ok(&app.db.read(move |c| selection::get(c, id)).await?)
}

pub async fn set_selection(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_SESSION_ID)?;
    let body = req.json(&app).await?;
    let game_id = body
        .opt_int_or("game_id", "game_id is required")?
        .filter(|g| *g > 0)
        .ok_or_else(|| Error::invalid("game_id is required"))?;
    let source = match body.opt_str_or("source", SelectionSource::INVALID)? {
        None => SelectionSource::Manual,
        Some(s) => s.parse()?,
    };
    http::ok(
        &app.db
            .write(move |c| lineup::select_game(c, id, game_id, source))
            .await?,
    )
}

pub async fn dismiss_selection(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_SESSION_ID)?;
    http::ok(
        &app.db
            .write(move |c| lineup::dismiss_selection(c, id))
            .await?,
    )
}

pub async fn open(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_SESSION_ID)?;
    let body = req.json(&app).await?;
    let new = NewPoll::from_json(&Value::Object(body.0))?;
    let poll = app
        .db
        .write(move |c| polls::open(c, id, &new, &mut rand::thread_rng()))
        .await?;
    Ok(http::json(201, &poll))
}

pub async fn list(app: Arc<App>, req: Req) -> Result<Resp> {
    let id = req.id(0, INVALID_SESSION_ID)?;
    settle(&app, id).await?;
    http::ok(&app.db.read(move |c| polls::list(c, id)).await?)
}

pub async fn current(app: Arc<App>, req: Req) -> Result<Resp> {
    let id = req.id(0, INVALID_SESSION_ID)?;
    settle(&app, id).await?;
    http::ok(&app.db.read(move |c| polls::current(c, id)).await?)
}

pub async fn get(app: Arc<App>, req: Req) -> Result<Resp> {
    let id = req.id(0, INVALID_SESSION_ID)?;
    let poll_id = req.id(1, INVALID_POLL_ID)?;
    settle(&app, id).await?;
    http::ok(&app.db.read(move |c| polls::get(c, id, poll_id)).await?)
}

pub async fn vote(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_SESSION_ID)?;
    let body = req.json(&app).await?;
    let username = match body.get("username") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        _ => return Err(Error::invalid(polls::USERNAME_REQUIRED)),
    };
    let choice = Choice::from_json(body.get("choice"))?;
    http::ok(
        &app.db
            .write(move |c| polls::vote(c, id, &username, &choice))
            .await?,
    )
}

/// `POST …/polls/current/close` `{ "delaySeconds" }`: now (no body, 0), or after a delay.
pub async fn close(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_SESSION_ID)?;
    let body = req.json(&app).await?;
    let delay = end_delay(&body, "delaySeconds", polls::DELAY_SECONDS_ERROR)?;
    http::ok(
        &app.db
            .write(move |c| polls::end_after(c, id, delay))
            .await?,
    )
}

/// `POST …/voting/end` `{ "delay": 0–300 }`: the original's countdown (no body: now).
pub async fn voting_end(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_SESSION_ID)?;
    let body = req.json(&app).await?;
    let delay = end_delay(&body, "delay", polls::DELAY_ERROR)?;
    http::ok(
        &app.db
            .write(move |c| polls::end_after(c, id, delay))
            .await?,
    )
}

/// `POST …/voting/cancel-end`: cancels a scheduled end.
pub async fn voting_cancel_end(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_SESSION_ID)?;
    http::ok(&app.db.write(move |c| polls::cancel_end(c, id)).await?)
}

/// A countdown in whole seconds from 0 to [`polls::MAX_END_DELAY`]; absent → 0.
fn end_delay(body: &http::Body, name: &str, message: &str) -> Result<i64> {
    let delay = body.opt_int_or(name, message)?.unwrap_or(0);
    if !(0..=polls::MAX_END_DELAY).contains(&delay) {
        return Err(Error::invalid(message));
    }
    Ok(delay)
}

pub async fn cancel(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_SESSION_ID)?;
    http::ok(&app.db.write(move |c| polls::cancel(c, id)).await?)
}

/// The daemon's poll clock: settles open polls when a deadline or a coalesced
/// `poll.leading` falls due, so `voting.ended` goes out on time with no request to trigger
/// it. Polls opened by another process (the CLI) are found within [`IDLE_CHECK`].
pub async fn clock(app: Arc<App>) {
    let mut shutdown = app.shutdown.subscribe();
    loop {
        let due = app.db.read(polls::next_due_ms).await;
        let now = chrono::Utc::now().timestamp_millis();
        let wait = match due {
            Ok(Some(t)) if t <= now => {
                if let Err(e) = app.db.write(|c| polls::settle_all(c).map(|_| ())).await {
                    tracing::warn!(error = %e, "settling polls failed");
                    IDLE_CHECK
                } else {
                    continue;
                }
            }
            Ok(Some(t)) => std::time::Duration::from_millis((t - now) as u64).min(IDLE_CHECK),
            Ok(None) => IDLE_CHECK,
            Err(e) => {
                tracing::warn!(error = %e, "reading poll deadlines failed");
                IDLE_CHECK
            }
        };
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = shutdown.changed() => return,
        }
    }
}

/// How often the clock looks for polls it does not know about yet.
const IDLE_CHECK: std::time::Duration = std::time::Duration::from_millis(500);
