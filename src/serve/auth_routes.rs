//! The auth routes: `POST /api/auth/login`, `POST /api/auth/verify`, the first-run setup
//! (`/api/setup`), minted tokens (`/api/auth/tokens`) and the audit log (`GET /api/audit`).
//! The Bearer check they and every other route use is `auth.rs`, the login throttle
//! `throttle.rs`; the rules live in `core::auth`. Nothing here logs a key or a token.

use super::auth::{require_admin, require_token};
use super::http::{self, Req, Resp};
use super::App;
use crate::core::auth as core_auth;
use crate::core::{audit, tokens};
use crate::{Error, ErrorKind, Result};
use serde_json::json;
use std::sync::Arc;

/// Largest login body: `{ "key": … }` is tiny, and the route is open to anyone.
pub const LOGIN_BODY_LIMIT: usize = 4 * 1024;

/// Login key checks (hashing) running at once, daemon-wide; more wait their turn.
pub const LOGIN_CHECKS: usize = 2;

/// `POST /api/auth/login` `{ "key" }` → a 24 h token naming the admin.
pub async fn login(app: Arc<App>, mut req: Req) -> Result<Resp> {
    let ip = req.peer.ip();
    // A body a web page could send without a preflight never counts as an attempt.
    req.require_json_type()?;
    // Counted before anything else, the body included: see `Throttle::admit`.
    let attempt = app.login_throttle.admit(ip)?;
    let body = req.json_limit(LOGIN_BODY_LIMIT).await?;
    let key = core_auth::require_key(body.get("key").and_then(|k| k.as_str()))?.to_string();
    let reg = app.registry.clone();
    let presented = key.clone();
    let candidates = app
        .db
        .read(move |conn| core_auth::login_candidates(conn, &reg, &presented))
        .await?;
    // The hashing (PBKDF2: one for a key with a public id, see `core::auth`) runs on its
    // own blocking threads, at most LOGIN_CHECKS at once daemon-wide: a login flood waits
    // here, never in front of the reader pool that serves public reads.
    let permit = app
        .login_checks
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| Error::new(ErrorKind::Unavailable, "Server shutting down"))?;
    let reg = app.registry.clone();
    let who = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        core_auth::check_login(&candidates, &reg, &key)
    })
    .await
    .map_err(|e| Error::storage(format!("login check failed: {e}")))?;
    let Some(who) = who else {
        tracing::warn!(%ip, "failed admin login");
        return Err(Error::new(ErrorKind::Unauthorized, "Invalid admin key"));
    };
    app.login_throttle.succeed(attempt);
    let token = core_auth::login_token(&app.jwt_secret, &who, core_auth::DEFAULT_TTL_SECS)?;
    http::ok(&json!({
        "token": token,
        "message": "Authentication successful",
        "expiresIn": "24h",
        "name": who.name,
    }))
}

/// `POST /api/auth/verify` → the token's claims (admin and viewer tokens alike).
pub async fn verify(app: Arc<App>, req: Req) -> Result<Resp> {
    let p = require_token(&app, &req).await?;
    let mut user = serde_json::to_value(&p.claims)
        .map_err(|e| Error::storage(format!("cannot encode the response: {e}")))?;
    // `name` is always there, also for tokens signed before names existed.
    user["name"] = json!(p.name);
    http::ok(&json!({ "valid": true, "user": user }))
}

pub const INVALID_TOKEN_ID: &str = "Invalid token ID";

/// `POST /api/auth/tokens` `{ "name", "role"?, "expiresIn"? }` → 201 with the token (shown
/// once).
pub async fn mint(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let body = req.json(&app).await?;
    let new = tokens::NewToken::from_json(&serde_json::Value::Object(body.0))?;
    let secret = app.jwt_secret.clone();
    let minted = app
        .db
        .write(move |c| tokens::mint(c, &secret, &new))
        .await?;
    Ok(http::json(201, &minted))
}

/// `GET /api/auth/tokens`: minted tokens, never the tokens themselves.
pub async fn list_tokens(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    http::ok(&app.db.read(tokens::list).await?)
}

/// `DELETE /api/auth/tokens/{id}`: revokes at once (HTTP and open WebSockets).
pub async fn revoke_token(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let id = req.id(0, INVALID_TOKEN_ID)?;
    http::ok(&app.db.write(move |c| tokens::revoke(c, id)).await?)
}

/// `GET /api/audit?limit&before&actor&action` (admin), newest first.
pub async fn audit(app: Arc<App>, req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let q = req.query();
    let filter = audit::Filter::from_query(q.0.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    http::ok(&app.db.read(move |c| audit::list(c, &filter)).await?)
}

/// Whether the request came from this machine. The peer address only: a proxy's
/// `X-Forwarded-For` is never trusted here.
fn is_local(req: &Req) -> bool {
    req.peer.ip().to_canonical().is_loopback()
}

/// `GET /api/setup` → `{ needsSetup, local }`: whether no admin exists at all, and whether
/// this request may do the first-run setup (it comes from this machine).
pub async fn setup_status(app: Arc<App>, req: Req) -> Result<Resp> {
    let reg = app.registry.clone();
    let needs = app
        .db
        .read(move |c| crate::core::admins::needs_setup(c, &reg))
        .await?;
    http::ok(&json!({ "needsSetup": needs, "local": is_local(&req) }))
}

/// `POST /api/setup` `{ "name" }` → `201 { name, key, token }`: the first named admin, its
/// generated key (shown once) and a login token, so the console is logged in at once.
/// Loopback only; refused once any admin exists.
pub async fn setup(app: Arc<App>, mut req: Req) -> Result<Resp> {
    if !is_local(&req) {
        return Err(Error::new(
            ErrorKind::Forbidden,
            "Setup is only available from this machine",
        ));
    }
    let body = req.json_limit(LOGIN_BODY_LIMIT).await?;
    let name = match body.get("name") {
        Some(serde_json::Value::String(s)) => s.trim().to_string(),
        _ => String::new(),
    };
    let reg = app.registry.clone();
    let (reply, who) = app
        .db
        .write(move |c| {
            let reply = crate::core::admins::add_first(c, &reg, &name)?;
            let who = core_auth::logged_in_as(c, &reply.name)?;
            Ok((reply, who))
        })
        .await?;
    let token = core_auth::login_token(&app.jwt_secret, &who, core_auth::DEFAULT_TTL_SECS)?;
    tracing::info!(name = %reply.name, "first admin created by the first-run setup");
    Ok(http::json(
        201,
        &json!({ "name": reply.name, "key": reply.key, "token": token }),
    ))
}
