//! `POST /api/pick`: the weighted random picker over HTTP (no auth). Adapter over
//! `core::picker`, drawing with the thread's random generator.

use super::http::{self, Req, Resp};
use super::App;
use crate::core::picker::{self, PickRequest};
use crate::Result;
use serde_json::Value;
use std::sync::Arc;

pub async fn pick(app: Arc<App>, mut req: Req) -> Result<Resp> {
    let body = req.json(&app).await?;
    let request = PickRequest::from_json(&Value::Object(body.0))?;
    let pick = app
        .db
        .read(move |c| picker::pick(c, &request, &mut rand::thread_rng()))
        .await?;
    http::ok(&pick)
}
