//! Auth over HTTP: `POST /api/auth/login`, `POST /api/auth/verify`, minted tokens
//! (`/api/auth/tokens`), the audit log (`GET /api/audit`), the Bearer check every write route
//! uses ([`require_admin`]; viewer tokens get `403 Insufficient permissions`), and the
//! per-IP throttle of failed logins.
//!
//! The rules (hashing, tokens) live in `core::auth`; nothing here logs a key or a token.

use super::http::{self, Req, Resp};
use super::App;
use crate::core::auth::{self as core_auth, Principal, Role};
use crate::core::{audit, tokens};
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

/// The address a client is counted under (here and in `admission`): IPv4 as is (also when
/// IPv4-mapped), IPv6 by its /64.
pub fn throttle_key(ip: IpAddr) -> IpAddr {
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

/// Largest login body: `{ "key": … }` is tiny, and the route is open to anyone.
pub const LOGIN_BODY_LIMIT: usize = 4 * 1024;

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
