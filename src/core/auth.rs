//! The admin key and API tokens: how the key is stored and checked, where the JWT signing
//! secret comes from, and minting/verifying HS256 tokens.
//!
//! The key is never stored in clear: `settings.admin_key_hash` holds
//! `pbkdf2-sha256$ITERATIONS$SALT_HEX$HASH_HEX`. Every comparison is constant-time.

use crate::{store, Error, ErrorKind, Result};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// `settings` key of the admin key hash.
pub const ADMIN_KEY_SETTING: &str = "admin_key_hash";
/// `settings` key of the generated JWT secret (hex).
pub const JWT_SECRET_SETTING: &str = "jwt_secret";
/// Default token lifetime: 24 h.
pub const DEFAULT_TTL_SECS: i64 = 24 * 3600;
const PBKDF2_ITERATIONS: u32 = 60_000;

/// What a token carries.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claims {
    pub role: String,
    pub iat: i64,
    pub exp: i64,
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
        store::set_setting(tx, ADMIN_KEY_SETTING, &hashed)
    })
}

/// Checks a presented key: against `env_key` when given, else against the stored hash.
/// `Admin key is not configured` when there is neither.
pub fn verify_key(conn: &Connection, env_key: Option<&str>, presented: &str) -> Result<bool> {
    if let Some(k) = env_key {
        return Ok(keys_equal(k, presented));
    }
    match store::setting(conn, ADMIN_KEY_SETTING)? {
        Some(stored) => Ok(check_hash(&stored, presented)),
        None => Err(not_configured()),
    }
}

/// Whether an admin key is configured (environment or database).
pub fn key_configured(conn: &Connection, env_key: Option<&str>) -> Result<bool> {
    Ok(env_key.is_some() || store::setting(conn, ADMIN_KEY_SETTING)?.is_some())
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

/// Mints an admin token valid for `ttl_secs`.
pub fn mint(secret: &[u8], ttl_secs: i64) -> Result<String> {
    let iat = chrono::Utc::now().timestamp();
    let claims = Claims {
        role: "admin".into(),
        iat,
        exp: iat + ttl_secs,
    };
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret),
    )
    .map_err(|e| Error::storage(format!("cannot sign token: {e}")))
}

/// Verifies a token: HS256 only, signature, expiry (no leeway), `role: admin`.
pub fn verify(secret: &[u8], token: &str) -> Result<Claims> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 0;
    // A token that says it is not valid yet (`nbf`) is refused, as other JWT libraries do.
    validation.validate_nbf = true;
    let data =
        jsonwebtoken::decode::<Claims>(token, &DecodingKey::from_secret(secret), &validation)
            .map_err(|_| invalid_token())?;
    if data.claims.role != "admin" {
        return Err(invalid_token());
    }
    Ok(data.claims)
}

/// `24h`, `30m`, `90s`, `7d` or plain seconds → seconds (positive).
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
            .ok_or_else(|| Error::invalid(format!("invalid duration: {text}"))),
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
    fn tokens() {
        let t = mint(b"k", 60).unwrap();
        assert_eq!(verify(b"k", &t).unwrap().role, "admin");
        assert!(verify(b"other", &t).is_err());
        assert_eq!(parse_ttl("24h").unwrap(), 86400);
        assert!(parse_ttl("0h").is_err());
        assert!(parse_ttl("x").is_err());
    }
}
