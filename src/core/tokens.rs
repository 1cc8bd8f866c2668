//! Minted API tokens (`docs/admins.md`): `admin` or `viewer` tokens with a name and an expiry,
//! for overlays, bots and scripts. The table keeps what a token is (never the token itself);
//! a token names its row (`jti`), so revoking the row stops the token at once.

use super::audit::{self, Action};
use super::jwt::{self, Claims, Role};
use crate::{store, Error, Result};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{json, Value};

/// Default lifetime of a minted admin token (24 h) and of a viewer token (90 d: overlays
/// and bots run for weeks).
pub const DEFAULT_ADMIN_TTL: &str = "24h";
pub const DEFAULT_VIEWER_TTL: &str = "90d";
/// Expired and revoked rows are deleted this long after they stopped working.
pub const PRUNE_AFTER_DAYS: i64 = 30;
/// Longest name of a minted token.
pub const MAX_NAME_LEN: usize = 100;

/// What to mint.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub name: String,
    pub role: Role,
    /// The lifetime as given (`90d`), already checked.
    pub ttl: String,
}

impl NewToken {
    /// Checks a name, a role and an optional lifetime (default by role).
    pub fn new(name: &str, role: Role, ttl: Option<&str>) -> Result<NewToken> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::invalid("name is required"));
        }
        if name.chars().count() > MAX_NAME_LEN {
            return Err(Error::invalid(format!(
                "name must be at most {MAX_NAME_LEN} characters"
            )));
        }
        let ttl = ttl
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or(match role {
                Role::Admin => DEFAULT_ADMIN_TTL,
                Role::Viewer => DEFAULT_VIEWER_TTL,
            });
        jwt::parse_ttl(ttl)?;
        Ok(NewToken {
            name: name.to_string(),
            role,
            ttl: ttl.to_string(),
        })
    }

    /// `POST /api/auth/tokens` body: `{ "name", "role"?: "admin"|"viewer" (default viewer),
    /// "expiresIn"?: "90d" }`.
    pub fn from_json(body: &Value) -> Result<NewToken> {
        let name = match body.get("name") {
            Some(Value::String(s)) => s.as_str(),
            None | Some(Value::Null) => "",
            Some(_) => return Err(Error::invalid("name must be a string")),
        };
        let role = match body.get("role") {
            None | Some(Value::Null) => Role::Viewer,
            Some(Value::String(s)) => s.parse::<Role>()?,
            Some(_) => return Err(Error::invalid("role must be admin or viewer")),
        };
        let ttl = match body.get("expiresIn") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.as_str()),
            Some(Value::Number(n)) if n.as_i64().is_some_and(|n| n > 0) => {
                return NewToken::new(name, role, Some(&n.to_string()));
            }
            Some(_) => {
                return Err(Error::invalid(
                    "expiresIn must be a duration such as 30m, 24h or 90d",
                ))
            }
        };
        NewToken::new(name, role, ttl)
    }
}

/// The answer to a mint: the token, shown this once.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Minted {
    pub id: i64,
    pub token: String,
    pub name: String,
    pub role: Role,
    pub expires_at: String,
}

/// A minted token as listed (never the token).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub created_by: String,
    pub created_at: String,
    pub expires_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

const COLUMNS: &str =
    "id, name, role, created_by, created_at, expires_at, last_used_at, revoked_at";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<TokenInfo> {
    Ok(TokenInfo {
        id: r.get(0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        created_by: r.get(3)?,
        created_at: r.get(4)?,
        expires_at: r.get(5)?,
        last_used_at: r.get(6)?,
        revoked_at: r.get(7)?,
    })
}

pub fn token_not_found() -> Error {
    Error::not_found("Token not found")
}

/// Mints a token signed with `secret`, recorded as created by the current actor.
pub fn mint(conn: &mut Connection, secret: &[u8], new: &NewToken) -> Result<Minted> {
    let secs = jwt::parse_ttl(&new.ttl)?;
    let now = chrono::Utc::now();
    let expires = now + chrono::Duration::seconds(secs);
    let expires_at = crate::time::format(expires);
    store::write(conn, |tx| {
        prune(tx)?;
        tx.prepare_cached(
            "INSERT INTO api_tokens (name, role, created_by, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(rusqlite::params![
            new.name,
            new.role,
            audit::current_actor(),
            crate::time::format(now),
            expires_at
        ])?;
        let id = tx.last_insert_rowid();
        let token = jwt::sign(
            secret,
            &Claims {
                role: new.role,
                name: Some(new.name.clone()),
                sub: Some(new.name.clone()),
                iat: now.timestamp(),
                exp: expires.timestamp(),
                jti: Some(id.to_string()),
                kg: None,
            },
        )?;
        audit::record(
            tx,
            Action::TokenMint,
            Some(format!("token:{id}")),
            json!({ "name": new.name, "role": new.role, "expiresIn": new.ttl, "expiresAt": expires_at }),
        )?;
        Ok(Minted {
            id,
            token,
            name: new.name.clone(),
            role: new.role,
            expires_at: expires_at.clone(),
        })
    })
}

/// Every minted token still kept, newest first.
pub fn list(conn: &Connection) -> Result<Vec<TokenInfo>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM api_tokens ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A token that still works: present, not revoked, not expired.
pub fn usable(conn: &Connection, id: i64) -> Result<Option<TokenInfo>> {
    let t = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM api_tokens WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?;
    let now = crate::time::now();
    Ok(t.filter(|t| t.revoked_at.is_none() && t.expires_at > now))
}

/// What a revoke answers.
#[derive(Debug, Clone, Serialize)]
pub struct Revoked {
    pub message: &'static str,
    pub id: i64,
}

/// Revokes token `id` at once (the daemon also drops WebSocket clients using it).
pub fn revoke(conn: &mut Connection, id: i64) -> Result<Revoked> {
    store::write(conn, |tx| {
        let t = tx
            .prepare_cached(&format!("SELECT {COLUMNS} FROM api_tokens WHERE id = ?1"))?
            .query_row([id], from_row)
            .optional()?
            .ok_or_else(token_not_found)?;
        if t.revoked_at.is_some() {
            return Err(Error::state("Token is already revoked"));
        }
        tx.prepare_cached("UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1")?
            .execute(rusqlite::params![id, crate::time::now()])?;
        crate::core::events::auth_changed(tx)?;
        audit::record(
            tx,
            Action::TokenRevoke,
            Some(format!("token:{id}")),
            json!({ "name": t.name, "role": t.role }),
        )?;
        Ok(Revoked {
            message: "Token revoked",
            id,
        })
    })
}

/// Notes that token `id` was used, at most once a minute (it costs a write).
pub fn touch(conn: &mut Connection, id: i64) -> Result<()> {
    let now = chrono::Utc::now();
    let stale = crate::time::format(now - chrono::Duration::seconds(60));
    store::write(conn, |tx| {
        tx.prepare_cached(
            "UPDATE api_tokens SET last_used_at = ?2
             WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at < ?3)",
        )?
        .execute(rusqlite::params![id, crate::time::format(now), stale])?;
        Ok(())
    })
}

/// Deletes rows that expired or were revoked more than [`PRUNE_AFTER_DAYS`] ago.
pub fn prune(conn: &Connection) -> Result<usize> {
    let cutoff = crate::time::format(chrono::Utc::now() - chrono::Duration::days(PRUNE_AFTER_DAYS));
    Ok(conn
        .prepare_cached("DELETE FROM api_tokens WHERE expires_at < ?1 OR revoked_at < ?1")?
        .execute([cutoff])?)
}
