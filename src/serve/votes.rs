//! Votes over HTTP: `POST /api/sessions/{id}/chat-import`, `POST /api/votes/live`,
//! `GET /api/votes`, `GET /api/sessions/{id}/votes`. Adapters over `core::votes` and
//! `core::chat`.

use super::auth::require_admin;
use super::http::{self, Req, Resp};
use super::sessions::INVALID_SESSION_ID;
use super::App;
use crate::core::chat;
use crate::core::votes::{self, LiveVoteInput, VoteFilter};
use crate::Result;
use std::sync::Arc;

/// The chat import: the body (up to the import limit, 64 MiB by default) is streamed into
/// one transaction; nothing is stored unless all of it is valid.
pub async fn chat_import(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_SESSION_ID)?;
    let body = req.bytes(app.config.import_body_limit).await?;
    let summary = app
        .db
        .write_alone(move |c| chat::import(c, id, chat::Log::Body(&body), &mut |_| {}))
        .await?;
    http::ok(&summary)
}

pub async fn live(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let body = req.json(&app).await?;
    let input = LiveVoteInput {
        username: body.get("username").cloned(),
        vote: body.get("vote").cloned(),
        timestamp: body.get("timestamp").cloned(),
        ticker: body.get("ticker").cloned(),
    };
    http::ok(&app.db.write(move |c| votes::live(c, &input)).await?)
}

pub async fn history(app: Arc<App>, req: Req) -> Result<Resp> {
    let q = req.query();
    let filter = VoteFilter::from_query(q.0.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    http::ok(&app.db.read(move |c| votes::history(c, &filter)).await?)
}

pub async fn session_totals(app: Arc<App>, req: Req) -> Result<Resp> {
    let id = req.id(0, INVALID_SESSION_ID)?;
    http::ok(&app.db.read(move |c| votes::session_totals(c, id)).await?)
}
