//! `GET /api/stats`: totals and rankings from `core::stats`.

use super::http::{self, Req, Resp};
use super::App;
use crate::core::stats;
use crate::Result;
use std::sync::Arc;

pub async fn stats(app: Arc<App>, _req: Req) -> Result<Resp> {
    http::ok(&app.db.read(stats::stats).await?)
}
