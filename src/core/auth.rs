//! Who may call the API: logging in with a key (checked against every admin: database,
//! admins file, legacy key) and checking a verified token down to the [`Principal`] a
//! request acts as (minted tokens, key generations).
//!
//! A login compares the presented key with every admin (no early exit on a match). Key
//! hashing lives in `keys`, token signing and lifetimes in `jwt`, the admins themselves in
//! `admins`; this module sits above all three.

pub use super::admins::Registry;
pub use super::jwt::{
    invalid_token, jwt_secret, parse_ttl, sign, verify, Claims, Role, DEFAULT_TTL_SECS,
    JWT_SECRET_SETTING, MAX_TTL_DAYS,
};
pub use super::keys::{
    check_hash, hash_key, key_configured, keys_equal, new_generation, require_key, set_key,
    ADMIN_KEY_GENERATION_SETTING, ADMIN_KEY_SETTING, KEY_REQUIRED, LEGACY_ADMIN,
};
use super::{admins, tokens};
use crate::{store, Error, ErrorKind, Result};
use rusqlite::Connection;

/// Who a request (or a WebSocket connection) acts as.
#[derive(Debug, Clone, PartialEq)]
pub struct Principal {
    pub name: String,
    pub role: Role,
    /// The claims it was checked from, to check them again later (revocation).
    pub claims: Claims,
}

impl Principal {
    /// The minted token behind this principal, if any.
    pub fn token_id(&self) -> Option<i64> {
        self.claims.jti.as_deref().and_then(|j| j.parse().ok())
    }
}

pub fn insufficient_permissions() -> Error {
    Error::new(ErrorKind::Forbidden, "Insufficient permissions")
}

pub fn token_required() -> Error {
    Error::new(ErrorKind::Unauthorized, "Access token required")
}

pub fn not_configured() -> Error {
    Error::new(ErrorKind::Unavailable, "Admin key is not configured")
        .with_hint("set JACKBOX_ADMIN_KEY, or run: jackbox auth set-key")
}

/// Who logged in: the admin's name and key generation (goes into the token as `kg`).
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedIn {
    pub name: String,
    pub kg: String,
}

/// What a login compares a presented key with, read from the database (cheap: no hashing).
#[derive(Debug, Clone)]
pub struct LoginCandidates {
    stored: Vec<admins::Stored>,
    legacy_hash: Option<String>,
    legacy_generation: String,
}

/// Reads the database's admins and legacy key hash for a login. `Admin key is not
/// configured` when there is no admin at all (`reg` included).
pub fn login_candidates(conn: &Connection, reg: &Registry) -> Result<LoginCandidates> {
    let stored = admins::stored(conn)?;
    let legacy_hash = store::setting(conn, ADMIN_KEY_SETTING)?;
    if stored.is_empty() && reg.file.is_empty() && reg.env_key.is_none() && legacy_hash.is_none() {
        return Err(not_configured());
    }
    let legacy_generation = match &legacy_hash {
        Some(_) => store::setting(conn, ADMIN_KEY_GENERATION_SETTING)?.unwrap_or_default(),
        None => String::new(),
    };
    Ok(LoginCandidates {
        stored,
        legacy_hash,
        legacy_generation,
    })
}

/// Checks a presented key against every admin: the database's, the file's, then the legacy
/// key. Every one is compared (constant-time each, no early exit), so the time taken does
/// not tell which admin matched or whether any did; `None` for a wrong key. CPU only (the
/// database hashes are PBKDF2): the daemon runs it off its reader pool.
pub fn check_login(c: &LoginCandidates, reg: &Registry, presented: &str) -> Option<LoggedIn> {
    let mut found: Option<LoggedIn> = None;
    let mut note = |ok: bool, name: &str, kg: String| {
        if ok && found.is_none() {
            found = Some(LoggedIn {
                name: name.to_string(),
                kg,
            });
        }
    };
    for a in &c.stored {
        let ok = check_hash(&a.key_hash, presented);
        note(ok, &a.name, format!("db:{}", a.generation));
    }
    for a in &reg.file {
        let ok = keys_equal(&a.key, presented);
        note(ok, &a.name, format!("file:{}", reg.generation(&a.key)));
    }
    if let Some(k) = &reg.env_key {
        let ok = keys_equal(k, presented);
        note(ok, LEGACY_ADMIN, format!("env:{}", reg.generation(k)));
    } else if let Some(h) = &c.legacy_hash {
        let ok = check_hash(h, presented);
        note(ok, LEGACY_ADMIN, format!("key:{}", c.legacy_generation));
    }
    found
}

/// [`login_candidates`] then [`check_login`], on one connection (the CLI's way).
pub fn login(conn: &Connection, reg: &Registry, presented: &str) -> Result<Option<LoggedIn>> {
    let candidates = login_candidates(conn, reg)?;
    Ok(check_login(&candidates, reg, presented))
}

/// The login of database admin `name` (its current key generation), for a token issued
/// without a key: the first-run setup logs its new admin in at once.
pub fn logged_in_as(conn: &Connection, name: &str) -> Result<LoggedIn> {
    let generation =
        admins::generation(conn, name)?.ok_or_else(|| admins::admin_not_found(name))?;
    Ok(LoggedIn {
        name: name.to_string(),
        kg: format!("db:{generation}"),
    })
}

/// Signs a login token for `who` (role admin, `name` and `sub` = the admin's name).
pub fn login_token(secret: &[u8], who: &LoggedIn, ttl_secs: i64) -> Result<String> {
    let iat = chrono::Utc::now().timestamp();
    sign(
        secret,
        &Claims {
            role: Role::Admin,
            name: Some(who.name.clone()),
            sub: Some(who.name.clone()),
            iat,
            exp: iat + ttl_secs,
            jti: None,
            kg: Some(who.kg.clone()),
        },
    )
}

/// The part of [`check`] that needs no database: tokens of the admins file and the
/// environment key, and tokens signed outside this program. `None` when the database must
/// be asked (minted tokens, database admins, the stored legacy key).
pub fn check_static(reg: &Registry, claims: &Claims) -> Option<Result<Principal>> {
    let named = claims
        .name
        .clone()
        .or_else(|| claims.sub.clone())
        .unwrap_or_else(|| LEGACY_ADMIN.to_string());
    if claims.jti.is_some() {
        return None;
    }
    let ok = match claims.kg.as_deref() {
        None => true,
        Some(kg) if kg.starts_with("file:") => reg
            .file
            .iter()
            .any(|a| a.name == named && kg[5..] == reg.generation(&a.key)),
        Some(kg) if kg.starts_with("env:") => {
            named == LEGACY_ADMIN
                && reg
                    .env_key
                    .as_ref()
                    .is_some_and(|k| kg[4..] == reg.generation(k))
        }
        Some(kg) if kg.starts_with("db:") || kg.starts_with("key:") => return None,
        Some(_) => false,
    };
    Some(if ok {
        Ok(Principal {
            name: named,
            role: claims.role,
            claims: claims.clone(),
        })
    } else {
        Err(invalid_token())
    })
}

/// Checks verified claims against the current state: a minted token must exist, not be
/// revoked or expired; a login token's admin must still exist with the same key generation.
/// `Invalid or expired token` otherwise.
pub fn check(conn: &Connection, reg: &Registry, claims: &Claims) -> Result<Principal> {
    if let Some(decided) = check_static(reg, claims) {
        return decided;
    }
    let named = claims
        .name
        .clone()
        .or_else(|| claims.sub.clone())
        .unwrap_or_else(|| LEGACY_ADMIN.to_string());
    if let Some(jti) = &claims.jti {
        let id: i64 = jti.parse().map_err(|_| invalid_token())?;
        let t = tokens::usable(conn, id)?.ok_or_else(invalid_token)?;
        if t.role != claims.role {
            return Err(invalid_token());
        }
        return Ok(Principal {
            name: t.name,
            role: t.role,
            claims: claims.clone(),
        });
    }
    let kg = claims.kg.as_deref().unwrap_or_default();
    let ok = if let Some(generation) = kg.strip_prefix("db:") {
        admins::generation(conn, &named)?.as_deref() == Some(generation)
    } else if let Some(generation) = kg.strip_prefix("key:") {
        named == LEGACY_ADMIN
            && reg.env_key.is_none()
            && store::setting(conn, ADMIN_KEY_SETTING)?.is_some()
            && store::setting(conn, ADMIN_KEY_GENERATION_SETTING)?.unwrap_or_default() == generation
    } else {
        false
    };
    if !ok {
        return Err(invalid_token());
    }
    Ok(Principal {
        name: named,
        role: claims.role,
        claims: claims.clone(),
    })
}

/// [`verify`] then [`check`]: a token → who it acts as.
pub fn authenticate(
    conn: &Connection,
    reg: &Registry,
    secret: &[u8],
    token: &str,
) -> Result<Principal> {
    check(conn, reg, &verify(secret, token)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_and_env_tokens_end_when_their_key_changes() {
        let file = |key: &str| admins::FileAdmin {
            name: "sam".into(),
            key: key.into(),
        };
        let reg = Registry {
            file: vec![file("key-one-0123456789")],
            env_key: Some("env-key".into()),
            secret: b"s".to_vec(),
        };
        let claims = |name: &str, kg: String| Claims {
            role: Role::Admin,
            name: Some(name.into()),
            sub: Some(name.into()),
            iat: 0,
            exp: 1,
            jti: None,
            kg: Some(kg),
        };
        let sam = claims(
            "sam",
            format!("file:{}", reg.generation("key-one-0123456789")),
        );
        let admin = claims(LEGACY_ADMIN, format!("env:{}", reg.generation("env-key")));
        assert!(matches!(check_static(&reg, &sam), Some(Ok(p)) if p.name == "sam"));
        assert!(matches!(check_static(&reg, &admin), Some(Ok(_))));
        let changed = Registry {
            file: vec![file("key-two-0123456789")],
            env_key: Some("other".into()),
            ..reg.clone()
        };
        assert!(matches!(check_static(&changed, &sam), Some(Err(_))));
        assert!(matches!(check_static(&changed, &admin), Some(Err(_))));
        // Database admins and minted tokens need the database.
        assert!(check_static(&reg, &claims("x", "db:1".into())).is_none());
        assert!(!reg.generation("key-one-0123456789").contains("key"));
    }

    #[test]
    fn tokens() {
        let who = LoggedIn {
            name: "alice".into(),
            kg: "file:00".into(),
        };
        let t = login_token(b"k", &who, 60).unwrap();
        let claims = verify(b"k", &t).unwrap();
        assert_eq!(claims.role, Role::Admin);
        assert_eq!(claims.sub.as_deref(), Some("alice"));
        assert!(verify(b"other", &t).is_err());
    }
}
