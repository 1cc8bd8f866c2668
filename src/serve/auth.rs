//! The Bearer check of every route that needs a token: [`require_token`] (admin or
//! viewer), [`require_admin`] (a viewer token gets `403 Insufficient permissions`), the
//! token check behind them ([`authenticate`], also used by WebSocket clients), and the actor
//! of the request's writes ([`ACTOR`]). The routes that log in and mint tokens are
//! `auth_routes.rs`, the login throttle `throttle.rs`.
//!
//! The rules (hashing, tokens) live in `core::auth`; nothing here logs a key or a token.

use super::http::Req;
use super::App;
use crate::core::auth::{self as core_auth, Principal, Role};
use crate::core::tokens;
use crate::Result;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

tokio::task_local! {
    /// The admin a request acts as, set by [`require_admin`] and read by `Db::write` so the
    /// audit row of the request's write names them (`core::audit`). Scoped per request by
    /// the router.
    pub static ACTOR: std::cell::RefCell<Option<String>>;
}

/// The admin name of the current request, if it authenticated as an admin.
pub fn current_actor() -> Option<String> {
    ACTOR.try_with(|a| a.borrow().clone()).ok().flatten()
}

/// The Bearer token of a request: missing → 401, invalid → 403.
fn bearer(req: &Req) -> Result<&str> {
    let header = req
        .header("authorization")
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .ok_or_else(core_auth::token_required)?;
    // As existing clients expect: no credentials after the scheme → 401; credentials that
    // are not a valid Bearer JWT (another scheme included) → 403.
    let (scheme, token) = match header.split_once(' ') {
        Some((scheme, token)) if !token.trim().is_empty() => (scheme, token.trim()),
        _ => return Err(core_auth::token_required()),
    };
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(core_auth::invalid_token());
    }
    Ok(token)
}

/// Checks a token against the signature and the current admins and tokens (a revoked token
/// or a removed admin's fails at once). Notes the use of a minted token.
pub async fn authenticate(app: &Arc<App>, token: &str) -> Result<Principal> {
    // Signature and expiry first: garbage never costs a database hop.
    let claims = core_auth::verify(&app.jwt_secret, token)?;
    // Tokens of file and environment admins are checked without a database hop (the write
    // routes' hot path under load).
    if let Some(decided) = core_auth::check_static(&app.registry, &claims) {
        return decided;
    }
    // From memory while no commit since may have changed the auth tables (P3: the write
    // routes' check costs no database hop).
    let principal = match app.token_memo.get(&app.db, token) {
        Some(p) => p,
        None => {
            let seen = app.db.stamp();
            let reg = app.registry.clone();
            let checked = claims.clone();
            let p = app
                .db
                .read(move |c| core_auth::check(c, &reg, &checked))
                .await?;
            app.token_memo.keep(app.db.vouch(seen), token, &claims, &p);
            p
        }
    };
    if let Some(id) = principal.token_id().filter(|id| touch_due(*id)) {
        let app = app.clone();
        // Off the request's path: the request does not wait for this write.
        tokio::spawn(async move {
            if let Err(e) = app.db.write(move |c| tokens::touch(c, id)).await {
                tracing::debug!(error = %e, "cannot note token use");
            }
        });
    }
    Ok(principal)
}

/// Whether token `id`'s use should be written now: `tokens::touch` stores it at most once a
/// minute anyway, so a token this daemon noted less than a minute ago skips the write job
/// altogether (P3: a script's every request would otherwise queue a no-op write).
fn touch_due(id: i64) -> bool {
    static NOTED: std::sync::OnceLock<Mutex<HashMap<i64, Instant>>> = std::sync::OnceLock::new();
    let mut noted = NOTED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    let now = Instant::now();
    if noted
        .get(&id)
        .is_some_and(|at| now.duration_since(*at) < TOUCH_EVERY)
    {
        return false;
    }
    if noted.len() >= 4096 {
        noted.retain(|_, at| now.duration_since(*at) < TOUCH_EVERY);
    }
    noted.insert(id, now);
    true
}

/// How often `tokens::touch` stores a token's use.
const TOUCH_EVERY: Duration = Duration::from_secs(60);

/// Any valid token (admin or viewer): missing → 401, invalid → 403.
pub async fn require_token(app: &Arc<App>, req: &Req) -> Result<Principal> {
    let token = bearer(req)?;
    authenticate(app, token).await
}

/// An admin token (every write, and the reads only admins may make): a viewer token →
/// `403 Insufficient permissions`. The admin becomes the actor of the request's writes.
pub async fn require_admin(app: &Arc<App>, req: &Req) -> Result<Principal> {
    let p = require_token(app, req).await?;
    if p.role != Role::Admin {
        return Err(core_auth::insufficient_permissions());
    }
    let _ = ACTOR.try_with(|a| *a.borrow_mut() = Some(p.name.clone()));
    Ok(p)
}
