//! Who may call the API: logging in with a key (database admins, admins file, legacy key)
//! and checking a verified token down to the [`Principal`] a request acts as (minted
//! tokens, key generations).
//!
//! A login costs one PBKDF2 hash when the key carries a public id (`jbx_<id>_<secret>`):
//! only the admin with that id can match. A key without one is compared with every stored
//! hash that has no id (keys made before ids existed), at least one hash either way. Key
//! hashing lives in `keys`, token signing and lifetimes in `jwt`, the admins themselves in
//! `admins`; this module sits above all three.

pub use super::admins::Registry;
pub use super::jwt::{
    invalid_token, jwt_secret, parse_ttl, sign, verify, Claims, Role, DEFAULT_TTL_SECS,
    JWT_SECRET_SETTING, MAX_TTL_DAYS,
};
pub use super::keys::{
    check_hash, dummy_check, hash_key, key_configured, key_id, keys_equal, new_generation,
    require_key, set_key, ADMIN_KEY_GENERATION_SETTING, ADMIN_KEY_ID_SETTING, ADMIN_KEY_SETTING,
    KEY_REQUIRED, LEGACY_ADMIN,
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

/// The stored hashes a presented key can match, read from the database (cheap: no
/// hashing): for a key with a public id, the one admin (database admin or legacy key) with
/// that id; for a key without one, every stored hash without an id (`admins::candidates`).
#[derive(Debug, Clone)]
pub struct LoginCandidates {
    stored: Vec<admins::Stored>,
    legacy_hash: Option<String>,
    legacy_generation: String,
}

/// Reads what [`check_login`] compares `presented` with. `Admin key is not configured` when
/// there is no admin at all (`reg` included).
pub fn login_candidates(
    conn: &Connection,
    reg: &Registry,
    presented: &str,
) -> Result<LoginCandidates> {
    if reg.file.is_empty()
        && reg.env_key.is_none()
        && store::setting(conn, ADMIN_KEY_SETTING)?.is_none()
        && !admins::any_stored(conn)?
    {
        return Err(not_configured());
    }
    let c = admins::candidates(conn, presented)?;
    // The environment's key replaces the stored one.
    let legacy_hash = c.legacy_hash.filter(|_| reg.env_key.is_none());
    let legacy_generation = match &legacy_hash {
        Some(_) => store::setting(conn, ADMIN_KEY_GENERATION_SETTING)?.unwrap_or_default(),
        None => String::new(),
    };
    Ok(LoginCandidates {
        stored: c.stored,
        legacy_hash,
        legacy_generation,
    })
}

/// Checks a presented key against its candidates (see [`LoginCandidates`]), then the admins
/// file's and the environment's keys (plain constant-time comparisons, no hashing). Every
/// one is compared (no early exit), and when no stored hash is a candidate one dummy hash
/// is made: a key naming an admin that does not exist takes as long as one naming an
/// admin that does, so the time taken tells nothing. `None` for a wrong key. CPU only: the
/// daemon runs it off its reader pool.
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
    if c.stored.is_empty() && c.legacy_hash.is_none() {
        dummy_check(presented);
    }
    found
}

/// [`login_candidates`] then [`check_login`], on one connection (the CLI's way).
pub fn login(conn: &Connection, reg: &Registry, presented: &str) -> Result<Option<LoggedIn>> {
    let candidates = login_candidates(conn, reg, presented)?;
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

    /// PBKDF2 evaluations `f` makes (a counter compiled into test builds only, `keys::HASHES`).
    fn hashes<T>(f: impl FnOnce() -> T) -> (T, u64) {
        let before = super::super::keys::HASHES.with(|h| h.get());
        let out = f();
        (out, super::super::keys::HASHES.with(|h| h.get()) - before)
    }

    #[test]
    fn a_login_costs_one_hash_whatever_the_number_of_admins() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = store::open(&dir.path().join("t.db")).unwrap();
        let reg = Registry {
            file: vec![admins::FileAdmin {
                name: "filed".into(),
                key: "file-key-0123456789".into(),
            }],
            env_key: None,
            secret: b"s".to_vec(),
        };
        let mut keys = Vec::new();
        for n in [1, 6] {
            while keys.len() < n {
                let name = format!("admin{}", keys.len());
                let reply = admins::add(&mut conn, &reg, &name, None).unwrap();
                keys.push((name, reply.key.unwrap()));
            }
            for (name, key) in &keys {
                let (who, cost) = hashes(|| login(&conn, &reg, key).unwrap());
                assert_eq!(who.map(|w| w.name).as_deref(), Some(name.as_str()));
                assert_eq!(cost, 1, "{n} admins: the right key of {name}");
            }
            let id = key_id(&keys[0].1).unwrap();
            let wrong = [
                format!("jbx_{id}_wrongsecret"),   // an admin's id, a wrong secret
                "jbx_zzzzzzzz_wrongsecret".into(), // an id nobody has: one dummy hash
                "an old-style key, no id".into(),  // no id, and no stored key without one
                format!("jbx_{id}"),               // not the shape: no id
            ];
            for key in &wrong {
                let (who, cost) = hashes(|| login(&conn, &reg, key).unwrap());
                assert_eq!(who, None, "{key}");
                assert_eq!(cost, 1, "{n} admins: wrong key {key}");
            }
            // The admins file is compared without hashing.
            let (who, cost) = hashes(|| login(&conn, &reg, "file-key-0123456789").unwrap());
            assert_eq!((who.unwrap().name.as_str(), cost), ("filed", 1));
        }
        // Keys without an id (made before ids, or chosen): found by comparing with each
        // stored hash without an id, and only those; keys with an id still cost one hash.
        admins::add(&mut conn, &reg, "old", Some("an old key without an id")).unwrap();
        set_key(&mut conn, "the legacy key").unwrap();
        let (who, cost) = hashes(|| login(&conn, &reg, "an old key without an id").unwrap());
        assert_eq!((who.unwrap().name.as_str(), cost), ("old", 2));
        let (who, cost) = hashes(|| login(&conn, &reg, "the legacy key").unwrap());
        assert_eq!((who.unwrap().name.as_str(), cost), (LEGACY_ADMIN, 2));
        let (who, cost) = hashes(|| login(&conn, &reg, &keys[3].1).unwrap());
        assert_eq!((who.unwrap().name, cost), (keys[3].0.clone(), 1));
        let (who, cost) = hashes(|| login(&conn, &reg, "jbx_zzzzzzzz_wrongsecret").unwrap());
        assert_eq!((who, cost), (None, 1));
        // Rotating gives the old key an id; a generated legacy key has one too.
        let rotated = admins::rotate(&mut conn, &reg, "old", None).unwrap();
        let generated = super::super::keys::generate_key();
        set_key(&mut conn, &generated).unwrap();
        for (key, name) in [(rotated.key.unwrap(), "old"), (generated, LEGACY_ADMIN)] {
            let (who, cost) = hashes(|| login(&conn, &reg, &key).unwrap());
            assert_eq!((who.unwrap().name.as_str(), cost), (name, 1));
        }
        let (who, cost) = hashes(|| login(&conn, &reg, "an old key without an id").unwrap());
        assert_eq!((who, cost), (None, 1));
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
