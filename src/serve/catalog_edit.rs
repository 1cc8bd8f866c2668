//! `/api/games…` write routes: add, replace fields, delete, toggle, favor, pack toggle and
//! favor, CSV export and import. Adapters over `core::catalog` (all Bearer).

use super::auth::require_admin;
use super::catalog::INVALID_GAME_ID;
use super::http::{self, Req, Resp};
use super::App;
use crate::core::catalog::{self, GamePatch, ImportMode, FAVOR_ERROR};
use crate::{Error, Result};
use hyper::header::{HeaderValue, CONTENT_DISPOSITION};
use serde_json::Value;
use std::sync::Arc;

/// The request body as one JSON value for the core's parsers.
async fn body(app: &App, req: &mut Req) -> Result<Value> {
    Ok(Value::Object(req.json(app).await?.0))
}

/// `favor_bias` of a favor body: -1, 0 or 1, nothing else.
fn favor(body: &Value) -> Result<i64> {
    body.get("favor_bias")
        .ok_or_else(|| Error::invalid(FAVOR_ERROR))
        .and_then(catalog::parse_favor)
}

pub async fn create(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let patch = GamePatch::from_json(&body(&app, &mut req).await?)?;
    let game = app.db.write(move |c| catalog::add(c, patch)).await?;
    Ok(http::json(201, &game))
}

pub async fn update(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_GAME_ID)?;
    let patch = GamePatch::from_json(&body(&app, &mut req).await?)?;
    http::ok(&app.db.write(move |c| catalog::update(c, id, patch)).await?)
}

pub async fn delete(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_GAME_ID)?;
    http::ok(&app.db.write(move |c| catalog::delete(c, id)).await?)
}

pub async fn toggle(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_GAME_ID)?;
    http::ok(
        &app.db
            .write(move |c| catalog::set_enabled(c, id, None))
            .await?,
    )
}

pub async fn set_favor(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_GAME_ID)?;
    let f = favor(&body(&app, &mut req).await?)?;
    http::ok(&app.db.write(move |c| catalog::set_favor(c, id, f)).await?)
}

pub async fn pack_toggle(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let name = req.param(0).to_string();
    let body = req.json(&app).await?;
    let enabled = body
        .opt_bool("enabled")?
        .ok_or_else(|| Error::invalid("enabled must be a boolean"))?;
    http::ok(
        &app.db
            .write(move |c| catalog::set_pack_enabled(c, &name, enabled))
            .await?,
    )
}

pub async fn pack_favor(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let name = req.param(0).to_string();
    let f = favor(&body(&app, &mut req).await?)?;
    http::ok(
        &app.db
            .write(move |c| catalog::set_pack_favor(c, &name, f))
            .await?,
    )
}

pub async fn export_csv(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let csv = app.db.read(catalog::export_csv).await?;
    let mut resp = http::bytes_response(200, "text/csv; charset=utf-8", csv);
    resp.headers_mut().insert(
        CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"games.csv\""),
    );
    Ok(resp)
}

pub async fn import_csv(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    // A catalog file can be bigger than an ordinary request: the import limit applies.
    let body = req.json_limit(app.config.import_body_limit).await?;
    let data = body
        .opt_str_or("csvData", "csvData must be a string")?
        .ok_or_else(|| Error::invalid("csvData is required"))?;
    let mode = match body.opt_str_or("mode", ImportMode::INVALID)? {
        None => ImportMode::Append,
        Some(m) => m.parse::<ImportMode>()?,
    };
    http::ok(
        &app.db
            .write(move |c| catalog::import_csv(c, &data, mode))
            .await?,
    )
}
