//! `POST /api/pick`: the weighted random picker over HTTP (no auth; `select: true`, which
//! lines the pick up as the session's selection, needs an admin token). Adapter over
//! `core::picker`, drawing with the thread's random generator.

use super::auth::require_admin;
use super::http::{self, Req, Resp};
use super::App;
use crate::core::lineup;
use crate::core::picker::{self, PickRequest};
use crate::Result;
use serde_json::Value;
use std::sync::Arc;

/// Largest picker body: a few filters and pack names. The route needs no token, so it gets a
/// small limit rather than the 1 MiB default.
pub const PICK_BODY_LIMIT: usize = 64 * 1024;

pub async fn pick(app: Arc<App>, mut req: Req) -> Result<Resp> {
    let body = req.json_limit(PICK_BODY_LIMIT).await?;
    let request = PickRequest::from_json(&Value::Object(body.0))?;
    if request.select {
        // Lining the pick up is a write: admins only (a plain pick stays public).
        require_admin(&app, &req).await?;
        let pick = app
            .db
            .write(move |c| lineup::pick_and_select(c, &request, &mut rand::thread_rng()))
            .await?;
        return http::ok(&pick);
    }
    let pick = app
        .db
        .read(move |c| picker::pick(c, &request, &mut rand::thread_rng()))
        .await?;
    http::ok(&pick)
}
