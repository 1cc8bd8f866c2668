//! `/api/webhooks…` (the registry, test sends, logs) and the WebSocket upgrade at
//! `GET /api/sessions/live`. Adapters over `core::webhooks`, `crate::webhooks` and
//! `crate::live`.

use super::auth::require_admin;
use super::http::{self, Req, Resp};
use super::App;
use crate::core::input::{Least, Wording};
use crate::core::webhooks;
use crate::live::ws;
use crate::{Error, ErrorKind, Result};
use hyper::header::{HeaderValue, CONNECTION, UPGRADE};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use std::sync::Arc;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;

pub const INVALID_WEBHOOK_ID: &str = "Invalid webhook ID";

pub async fn list(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    http::ok(&app.db.read(webhooks::list).await?)
}

pub async fn get(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_WEBHOOK_ID)?;
    http::ok(&app.db.read(move |c| webhooks::get(c, id)).await?)
}

pub async fn create(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let body = req.json(&app).await?;
    let new = webhooks::parse_new(&Value::Object(body.0))?;
    let policy = app.live.webhooks.settings().policy;
    let w = app
        .db
        .write(move |c| webhooks::create(c, &new, policy))
        .await?;
    Ok(http::json(201, &w))
}

pub async fn update(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_WEBHOOK_ID)?;
    let body = req.json(&app).await?;
    let patch = webhooks::parse_patch(&Value::Object(body.0))?;
    let policy = app.live.webhooks.settings().policy;
    let w = app
        .db
        .write(move |c| webhooks::update(c, id, &patch, policy))
        .await?;
    // Re-enabling releases queued deliveries.
    app.live.webhooks_wake.notify_one();
    http::ok(&w)
}

pub async fn delete(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_WEBHOOK_ID)?;
    http::ok(&app.db.write(move |c| webhooks::delete(c, id)).await?)
}

/// `POST /api/webhooks/test/{id}`: sends a `test` event now.
pub async fn test(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_WEBHOOK_ID)?;
    let live = app.live.clone();
    let result = crate::webhooks::send_test(&live.webhook_db, &live.webhooks, id).await?;
    let (delivered, status) = (result.delivered, result.status);
    app.db
        .write(move |c| webhooks::record_test(c, id, delivered, status))
        .await?;
    http::ok(&result)
}

/// `GET /api/webhooks/{id}/logs?limit=50`, newest first.
pub async fn logs(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_WEBHOOK_ID)?;
    let limit = req.query().count("limit", Least::One, Wording::Plain)?;
    http::ok(&app.db.read(move |c| webhooks::logs(c, id, limit)).await?)
}

fn header_has(req: &Req, name: &str, token: &str) -> bool {
    req.header(name)
        .is_some_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token)))
}

/// `GET /api/sessions/live` with `Upgrade: websocket`: answers 101 and runs the protocol on
/// the upgraded connection. Authentication happens inside the protocol (`auth` message).
pub async fn websocket(app: Arc<App>, mut req: Req) -> Result<Resp> {
    let key = req
        .header("sec-websocket-key")
        .map(|k| derive_accept_key(k.trim().as_bytes()));
    let upgrade =
        header_has(&req, "upgrade", "websocket") && header_has(&req, "connection", "upgrade");
    let (Some(accept), true) = (key, upgrade) else {
        let mut resp = http::error(&Error::new(
            ErrorKind::UpgradeRequired,
            "Expected a WebSocket upgrade (Upgrade: websocket)",
        ));
        resp.headers_mut()
            .insert(UPGRADE, HeaderValue::from_static("websocket"));
        return Ok(resp);
    };
    if req.header("sec-websocket-version").map(str::trim) != Some("13") {
        let mut resp = http::error(&Error::new(
            ErrorKind::UpgradeRequired,
            "Unsupported WebSocket version",
        ));
        resp.headers_mut()
            .insert("sec-websocket-version", HeaderValue::from_static("13"));
        return Ok(resp);
    }
    let Some(on_upgrade) = req.parts.extensions.remove::<hyper::upgrade::OnUpgrade>() else {
        return Err(Error::invalid("This connection cannot be upgraded"));
    };
    let slot = req.parts.extensions.remove::<super::ConnSlot>();
    let live = app.live.clone();
    let shutdown = live.shutdown_signal();
    let checker = app.clone();
    let validate: ws::Validate = Arc::new(move |token: String| {
        let app = checker.clone();
        Box::pin(async move { super::auth::authenticate(&app, &token).await.ok() })
    });
    let reader = app.clone();
    let exists: ws::SessionExists = Arc::new(move |id: i64| {
        let app = reader.clone();
        Box::pin(async move {
            app.db
                .read(move |c| crate::core::sessions::may_subscribe(c, id))
                .await
                .unwrap_or(false)
        })
    });
    tokio::spawn(async move {
        match on_upgrade.await {
            Ok(upgraded) => {
                let socket = ws::accept(TokioIo::new(upgraded)).await;
                ws::serve(socket, live.hub.clone(), validate, exists, shutdown).await;
                drop(slot);
            }
            Err(e) => tracing::debug!(error = %e, "WebSocket upgrade failed"),
        }
    });
    let mut resp = http::bytes_response(101, "text/plain", bytes::Bytes::new());
    let h = resp.headers_mut();
    h.remove(hyper::header::CONTENT_TYPE);
    h.insert(UPGRADE, HeaderValue::from_static("websocket"));
    h.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
    if let Ok(v) = HeaderValue::from_str(&accept) {
        h.insert("sec-websocket-accept", v);
    }
    Ok(resp)
}
