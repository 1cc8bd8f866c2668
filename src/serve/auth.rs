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

/// Login attempts allowed per client address within [`WINDOW`] without a success; the next
/// attempt gets 429. An attempt counts from the moment it arrives, before its key is checked,
/// so a burst of simultaneous wrong keys checks at most this many (S2).
pub const MAX_FAILURES: usize = 5;
pub const WINDOW: Duration = Duration::from_secs(60);
/// Addresses the throttle remembers at most; beyond it the one idle longest is forgotten, so a
/// spray of addresses costs bounded memory.
pub const MAX_TRACKED: usize = 10_000;

/// Recent login attempts per client address (IPv6 grouped by /64: one host has a whole /64).
#[derive(Default)]
pub struct Throttle {
    attempts: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

/// An admitted login attempt: it stays counted unless [`Throttle::succeed`] clears it.
pub struct Attempt {
    key: IpAddr,
}

/// The address a throttle entry is kept under.
fn throttle_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

impl Throttle {
    fn prune(q: &mut VecDeque<Instant>, now: Instant) {
        while q.front().is_some_and(|t| now.duration_since(*t) > WINDOW) {
            q.pop_front();
        }
    }

    /// Counts an attempt from `ip` and admits it, or refuses it (429) when the address has
    /// used up its attempts. Check and count happen under one lock: concurrent attempts
    /// cannot all pass the check before any of them is counted.
    pub fn admit(&self, ip: IpAddr) -> Result<Attempt> {
        let key = throttle_key(ip);
        let now = Instant::now();
        let mut map = self.attempts.lock().unwrap_or_else(|p| p.into_inner());
        if !map.contains_key(&key) && map.len() >= MAX_TRACKED {
            map.retain(|_, q| {
                Self::prune(q, now);
                !q.is_empty()
            });
            if map.len() >= MAX_TRACKED {
                // Still full of recent addresses: forget the one quiet for longest.
                let oldest = map
                    .iter()
                    .min_by_key(|(_, q)| q.back().copied())
                    .map(|(k, _)| *k);
                if let Some(k) = oldest {
                    map.remove(&k);
                }
            }
        }
        let q = map.entry(key).or_default();
        Self::prune(q, now);
        if q.len() >= MAX_FAILURES {
            return Err(too_many());
        }
        q.push_back(now);
        Ok(Attempt { key })
    }

    /// A correct key: the address starts afresh.
    pub fn succeed(&self, attempt: Attempt) {
        self.attempts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&attempt.key);
    }

    /// Addresses currently remembered.
    pub fn tracked(&self) -> usize {
        self.attempts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .len()
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

/// Largest login body: `{ "key": … }` is tiny, and the route is open to anyone.
pub const LOGIN_BODY_LIMIT: usize = 4 * 1024;

/// `POST /api/auth/login` `{ "key" }` → a 24 h token.
pub async fn login(app: Arc<App>, mut req: Req) -> Result<Resp> {
    let ip = req.peer.ip();
    // Counted before anything else, the body included: see `Throttle::admit`.
    let attempt = app.login_throttle.admit(ip)?;
    let body = req.json_limit(LOGIN_BODY_LIMIT).await?;
    let key = match body.get("key") {
        Some(serde_json::Value::String(k)) if !k.is_empty() => k.clone(),
        _ => return Err(Error::invalid("Admin key is required")),
    };
    let env_key = app.config.admin_key.clone();
    let ok = app
        .db
        .read(move |conn| core_auth::verify_key(conn, env_key.as_deref(), &key))
        .await?;
    if !ok {
        tracing::warn!(%ip, "failed admin login");
        return Err(Error::new(ErrorKind::Unauthorized, "Invalid admin key"));
    }
    app.login_throttle.succeed(attempt);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_are_counted_before_the_check_and_the_map_is_bounded() {
        let t = Throttle::default();
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        for _ in 0..MAX_FAILURES {
            t.admit(ip).unwrap();
        }
        assert!(t.admit(ip).is_err());
        // One /64 is one client.
        let a: IpAddr = "2001:db8::1".parse().unwrap();
        let b: IpAddr = "2001:db8::2".parse().unwrap();
        for _ in 0..MAX_FAILURES {
            t.admit(a).unwrap();
        }
        assert!(t.admit(b).is_err());
        // A success clears the address.
        let c: IpAddr = "10.0.0.2".parse().unwrap();
        let ok = t.admit(c).unwrap();
        t.succeed(ok);
        for n in 0..(MAX_TRACKED as u32 + 50) {
            let _ = t.admit(IpAddr::from(std::net::Ipv4Addr::from(0x0b00_0000 + n)));
        }
        assert!(t.tracked() <= MAX_TRACKED);
    }
}
