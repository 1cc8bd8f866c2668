//! Admin keys: the stored form (a salted PBKDF2-SHA256 hash), constant-time comparisons,
//! key generations (a token names the generation of the key it was issued for), and the
//! legacy single key kept in `settings`.
//!
//! Keys are never stored in clear: `settings.admin_key_hash` and `admins.key_hash` hold
//! `pbkdf2-sha256$ITERATIONS$SALT_HEX$HASH_HEX`. Every comparison is constant-time.

use super::audit::{self, Action};
use crate::{store, Error, Result};
use hmac::{Hmac, Mac};
use rand::RngCore;
use rusqlite::Connection;
use serde_json::json;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// `settings` key of the admin key hash.
pub const ADMIN_KEY_SETTING: &str = "admin_key_hash";
/// `settings` key of the legacy key's generation (changes with every `auth set-key`).
pub const ADMIN_KEY_GENERATION_SETTING: &str = "admin_key_generation";
/// The name of the legacy single key's admin.
pub const LEGACY_ADMIN: &str = "admin";

const PBKDF2_ITERATIONS: u32 = 60_000;

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
}
