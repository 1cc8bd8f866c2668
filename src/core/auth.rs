//! Who may call the API: roles, the admins that can log in (database, admins file, legacy
//! key), how keys are stored and checked, the JWT signing secret, and signing/checking
//! HS256 tokens down to the [`Principal`] a request acts as.
//!
//! Keys are never stored in clear: `settings.admin_key_hash` and `admins.key_hash` hold
//! `pbkdf2-sha256$ITERATIONS$SALT_HEX$HASH_HEX`. Every comparison is constant-time, and a
//! login compares the presented key with every admin (no early exit on a match).

use super::audit::{self, Action};
use super::{admins, tokens};
use crate::{store, Error, ErrorKind, Result};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// `settings` key of the admin key hash.
pub const ADMIN_KEY_SETTING: &str = "admin_key_hash";
/// `settings` key of the generated JWT secret (hex).
pub const JWT_SECRET_SETTING: &str = "jwt_secret";
/// Default token lifetime: 24 h.
pub const DEFAULT_TTL_SECS: i64 = 24 * 3600;
const PBKDF2_ITERATIONS: u32 = 60_000;

/// `settings` key of the legacy key's generation (changes with every `auth set-key`).
pub const ADMIN_KEY_GENERATION_SETTING: &str = "admin_key_generation";
/// The name of the legacy single key's admin.
pub const LEGACY_ADMIN: &str = "admin";

pub use crate::core::vocab::Role;

/// What a token carries. `name`/`sub`: the admin (or the minted token's name); `kg`: the
/// admin's key generation (login tokens); `jti`: the id of a minted token. Tokens with
/// neither `kg` nor `jti` were signed outside this program with the shared secret and are
/// taken at their word (whoever holds the secret is the admin anyway).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claims {
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    pub iat: i64,
    pub exp: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jti: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kg: Option<String>,
}

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

pub fn invalid_token() -> Error {
    Error::new(ErrorKind::Forbidden, "Invalid or expired token")
}

pub fn not_configured() -> Error {
    Error::new(ErrorKind::Unavailable, "Admin key is not configured")
        .with_hint("set JACKBOX_ADMIN_KEY, or run: jackbox auth set-key")
}

/// The admin key from the environment: `JACKBOX_ADMIN_KEY`, else `ADMIN_KEY`.
pub fn env_admin_key() -> Option<String> {
    ["JACKBOX_ADMIN_KEY", "ADMIN_KEY"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
}

/// The JWT secret from the environment (`JACKBOX_JWT_SECRET`), if set.
pub fn env_jwt_secret() -> Option<Vec<u8>> {
    std::env::var("JACKBOX_JWT_SECRET")
        .ok()
        .filter(|v| !v.is_empty())
        .map(String::into_bytes)
}

fn pbkdf2(key: &[u8], salt: &[u8], iterations: u32) -> [u8; 32] {
    // PBKDF2-HMAC-SHA256, one block (32 bytes is all we need).
    let prf = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    let mut mac = prf.clone();
    mac.update(salt);
    mac.update(&1u32.to_be_bytes());
    let mut u: [u8; 32] = mac.finalize().into_bytes().into();
    let mut out = u;
    for _ in 1..iterations {
        let mut mac = prf.clone();
        mac.update(&u);
        u = mac.finalize().into_bytes().into();
        for (o, x) in out.iter_mut().zip(u.iter()) {
            *o ^= x;
        }
    }
    out
}

/// The stored form of a key: `pbkdf2-sha256$N$salt$hash`.
pub fn hash_key(key: &str) -> String {
    let mut salt = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut salt);
    let hash = pbkdf2(key.as_bytes(), &salt, PBKDF2_ITERATIONS);
    format!(
        "pbkdf2-sha256${PBKDF2_ITERATIONS}${}${}",
        hex::encode(salt),
        hex::encode(hash)
    )
}

/// Whether `key` matches a stored hash (constant-time on the derived bytes).
pub fn check_hash(stored: &str, key: &str) -> bool {
    let parts: Vec<&str> = stored.split('$').collect();
    let [scheme, n, salt, hash] = parts.as_slice() else {
        return false;
    };
    let (Ok(n), Ok(salt), Ok(hash)) = (n.parse::<u32>(), hex::decode(salt), hex::decode(hash))
    else {
        return false;
    };
    if *scheme != "pbkdf2-sha256" || n == 0 {
        return false;
    }
    pbkdf2(key.as_bytes(), &salt, n).ct_eq(&hash[..]).into()
}

/// Compares two keys in constant time (hashing first so lengths do not leak either).
pub fn keys_equal(a: &str, b: &str) -> bool {
    let ha = Sha256::digest(a.as_bytes());
    let hb = Sha256::digest(b.as_bytes());
    ha.ct_eq(&hb).into()
}

/// The message of a missing or empty admin key (login, `auth set-key`).
pub const KEY_REQUIRED: &str = "Admin key is required";

/// A presented admin key: any non-empty text.
pub fn require_key(key: Option<&str>) -> Result<&str> {
    key.filter(|k| !k.is_empty())
        .ok_or_else(|| Error::invalid(KEY_REQUIRED))
}

/// Stores a new admin key (as a salted hash). An empty key is refused.
pub fn set_key(conn: &mut Connection, key: &str) -> Result<()> {
    require_key(Some(key))?;
    let hashed = hash_key(key);
    store::write(conn, |tx| {
        store::set_setting(tx, ADMIN_KEY_SETTING, &hashed)?;
        // Tokens of the old key stop working at once.
        store::set_setting(tx, ADMIN_KEY_GENERATION_SETTING, &new_generation())?;
        crate::core::events::auth_changed(tx)?;
        audit::record(
            tx,
            Action::AuthSetKey,
            Some(format!("admin:{LEGACY_ADMIN}")),
            json!({}),
        )
    })
}

/// A fresh random key generation.
pub fn new_generation() -> String {
    let mut bytes = [0u8; 8];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Whether the legacy admin key is configured (environment or database).
pub fn key_configured(conn: &Connection, env_key: Option<&str>) -> Result<bool> {
    Ok(env_key.is_some() || store::setting(conn, ADMIN_KEY_SETTING)?.is_some())
}

/// The admins a process knows besides those in the database: the admins file and the
/// legacy key from the environment. Built once at start (`serve`).
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub file: Vec<admins::FileAdmin>,
    pub env_key: Option<String>,
    /// The token signing secret: keys of the file and the environment have a generation
    /// derived from it and the key (so a changed key, after a restart, ends old tokens).
    pub secret: Vec<u8>,
}

impl Registry {
    /// The generation of a key that lives outside the database: a keyed hash, so a token
    /// shows nothing about the key.
    pub fn generation(&self, key: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.secret).expect("HMAC takes any key");
        mac.update(b"jackbox key generation\0");
        mac.update(key.as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..8])
    }
}

/// Who logged in: the admin's name and key generation (goes into the token as `kg`).
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedIn {
    pub name: String,
    pub kg: String,
}

/// Checks a presented key against every admin: the database's, the file's, then the legacy
/// key. Every one is compared (constant-time each, no early exit), so the time taken does
/// not tell which admin matched or whether any did. `Admin key is not configured` when there
/// is no admin at all; `Ok(None)` for a wrong key.
pub fn login(conn: &Connection, reg: &Registry, presented: &str) -> Result<Option<LoggedIn>> {
    let stored = admins::stored(conn)?;
    let legacy_hash = store::setting(conn, ADMIN_KEY_SETTING)?;
    if stored.is_empty() && reg.file.is_empty() && reg.env_key.is_none() && legacy_hash.is_none() {
        return Err(not_configured());
    }
    let mut found: Option<LoggedIn> = None;
    let mut note = |ok: bool, name: &str, kg: String| {
        if ok && found.is_none() {
            found = Some(LoggedIn {
                name: name.to_string(),
                kg,
            });
        }
    };
    for a in &stored {
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
    } else if let Some(h) = &legacy_hash {
        let ok = check_hash(h, presented);
        let generation = store::setting(conn, ADMIN_KEY_GENERATION_SETTING)?.unwrap_or_default();
        note(ok, LEGACY_ADMIN, format!("key:{generation}"));
    }
    Ok(found)
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

/// The signing secret: `env` when given, else the one persisted in `settings`, generated
/// (32 random bytes) on first use. Safe against two processes generating at once: the first
/// insert wins and both read it back.
pub fn jwt_secret(conn: &mut Connection, env: Option<Vec<u8>>) -> Result<Vec<u8>> {
    if let Some(s) = env {
        return Ok(s);
    }
    if let Some(s) = store::setting(conn, JWT_SECRET_SETTING)? {
        return Ok(s.into_bytes());
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let fresh = hex::encode(bytes);
    store::write(conn, |tx| {
        tx.prepare_cached("INSERT OR IGNORE INTO settings (key, value) VALUES (?1, ?2)")?
            .execute([JWT_SECRET_SETTING, fresh.as_str()])?;
        Ok(store::setting(tx, JWT_SECRET_SETTING)?
            .unwrap_or(fresh.clone())
            .into_bytes())
    })
}

/// Signs `claims` (HS256).
pub fn sign(secret: &[u8], claims: &Claims) -> Result<String> {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret),
    )
    .map_err(|e| Error::storage(format!("cannot sign token: {e}")))
}

/// Verifies a token: HS256 only, signature, expiry (no leeway), a known `role`.
pub fn verify(secret: &[u8], token: &str) -> Result<Claims> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 0;
    // A token that says it is not valid yet (`nbf`) is refused, as other JWT libraries do.
    validation.validate_nbf = true;
    let data =
        jsonwebtoken::decode::<Claims>(token, &DecodingKey::from_secret(secret), &validation)
            .map_err(|_| invalid_token())?;
    Ok(data.claims)
}

/// The longest token lifetime: ten years. Beyond it an expiry date is meaningless, and a
/// huge number of seconds would overflow the date arithmetic.
pub const MAX_TTL_DAYS: i64 = 3650;

/// `24h`, `30m`, `90s`, `7d` or plain seconds → seconds (positive, at most
/// [`MAX_TTL_DAYS`]).
pub fn parse_ttl(text: &str) -> Result<i64> {
    let t = text.trim();
    let (num, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => (&t[..i], &t[i..]),
        None => (t, "s"),
    };
    let mult = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86400,
        _ => 0,
    };
    match num.parse::<i64>() {
        Ok(n) if n > 0 && mult > 0 => n
            .checked_mul(mult)
            .filter(|secs| *secs <= MAX_TTL_DAYS * 86400)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "invalid duration: {text} (at most {MAX_TTL_DAYS}d)"
                ))
            }),
        _ => Err(Error::invalid(format!(
            "invalid duration: {text} (use e.g. 30m, 24h, 7d)"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_round_trip() {
        let h = hash_key("s3cret");
        assert!(check_hash(&h, "s3cret"));
        assert!(!check_hash(&h, "s3cre"));
        assert!(!h.contains("s3cret"));
    }

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
        assert_eq!(parse_ttl("24h").unwrap(), 86400);
        assert!(parse_ttl("0h").is_err());
        assert!(parse_ttl("x").is_err());
        assert_eq!(parse_ttl("3650d").unwrap(), 3650 * 86400);
        assert!(parse_ttl("3651d").is_err());
        assert!(parse_ttl("17536375106770").is_err());
        assert!(parse_ttl("99999999999999999999d").is_err());
    }
}
