//! Auth over HTTP: `POST /api/auth/login`, `POST /api/auth/verify`, the Bearer check every
//! write route uses ([`require_admin`]), and the per-IP throttle of failed logins.
//!
//! The rules (hashing, tokens) live in `core::auth`; nothing here logs a key or a token.

use super::http::{self, Req, Resp};
use super::App;
use crate::core::auth::{self as core_auth, Claims};
use crate::{Error, ErrorKind, Result};
use serde_json::json;
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Failed logins allowed per client IP within [`WINDOW`]; the next attempt gets 429.
pub const MAX_FAILURES: usize = 5;
pub const WINDOW: Duration = Duration::from_secs(60);

/// Recent failed logins per client IP.
#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl Throttle {
    fn prune(q: &mut VecDeque<Instant>, now: Instant) {
        while q.front().is_some_and(|t| now.duration_since(*t) > WINDOW) {
            q.pop_front();
        }
    }

    /// Whether `ip` has used up its failures.
    pub fn blocked(&self, ip: IpAddr) -> bool {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        match map.get_mut(&ip) {
            Some(q) => {
                Self::prune(q, now);
                q.len() >= MAX_FAILURES
            }
            None => false,
        }
    }

    pub fn fail(&self, ip: IpAddr) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        // Keep the map bounded under a spray of addresses: drop idle entries now and then.
        if map.len() > 10_000 {
            map.retain(|_, q| {
                Self::prune(q, now);
                !q.is_empty()
            });
        }
        let q = map.entry(ip).or_default();
        Self::prune(q, now);
        q.push_back(now);
    }

    pub fn succeed(&self, ip: IpAddr) {
        self.failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&ip);
    }
}

fn too_many() -> Error {
    Error::new(
        ErrorKind::TooMany,
        "Too many failed attempts, try again later",
    )
}

/// The Bearer token of a request: missing → 401, invalid → 403.
pub fn require_admin(app: &App, req: &Req) -> Result<Claims> {
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
    core_auth::verify(&app.jwt_secret, token)
}

/// `POST /api/auth/login` `{ "key" }` → a 24 h token.
pub async fn login(app: Arc<App>, mut req: Req) -> Result<Resp> {
    let ip = req.peer.ip();
    if app.login_throttle.blocked(ip) {
        return Err(too_many());
    }
    let body = req.json(&app).await?;
    let key = core_auth::require_key(body.get("key").and_then(|k| k.as_str()))?.to_string();
    let env_key = app.config.admin_key.clone();
    let ok = app
        .db
        .read(move |conn| core_auth::verify_key(conn, env_key.as_deref(), &key))
        .await?;
    if !ok {
        app.login_throttle.fail(ip);
        tracing::warn!(%ip, "failed admin login");
        return Err(Error::new(ErrorKind::Unauthorized, "Invalid admin key"));
    }
    app.login_throttle.succeed(ip);
    let token = core_auth::mint(&app.jwt_secret, core_auth::DEFAULT_TTL_SECS)?;
    http::ok(&json!({
        "token": token,
        "message": "Authentication successful",
        "expiresIn": "24h",
    }))
}

/// `POST /api/auth/verify` → the token's claims.
pub async fn verify(app: Arc<App>, req: Req) -> Result<Resp> {
    let claims = require_admin(&app, &req)?;
    http::ok(&json!({ "valid": true, "user": claims }))
}
