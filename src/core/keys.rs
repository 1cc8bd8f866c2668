//! Admin keys: the stored form (a salted PBKDF2-SHA256 hash), constant-time comparisons,
//! key generations (a token names the generation of the key it was issued for), and the
//! legacy single key kept in `settings`.
//!
//! Keys are never stored in clear: `settings.admin_key_hash` and `admins.key_hash` hold
//! `pbkdf2-sha256$ITERATIONS$SALT_HEX$HASH_HEX`. Every comparison is constant-time.
//!
//! Generated keys carry a short public id, `jbx_<id>_<secret>` ([`key_id`]), stored beside
//! the hash (`admins.key_id`, `settings.admin_key_id`): a login looks the one admin up by it
//! and hashes once, instead of hashing the key once per admin (issue 26).

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
/// `settings` key of the legacy key's public id, when the key has one.
pub const ADMIN_KEY_ID_SETTING: &str = "admin_key_id";
/// The name of the legacy single key's admin.
pub const LEGACY_ADMIN: &str = "admin";

const PBKDF2_ITERATIONS: u32 = 60_000;

/// What every generated key starts with.
pub const KEY_PREFIX: &str = "jbx_";
/// Length of a key's public id: lower-case letters and digits.
pub const KEY_ID_LEN: usize = 8;
/// Length of a generated key's secret part: letters and digits.
pub const KEY_SECRET_LEN: usize = 40;

/// The public id of a key shaped `jbx_<id>_<secret>` (id: [`KEY_ID_LEN`] lower-case letters
/// and digits; secret: not empty), or `None` for a key without one (keys made before ids
/// existed, and keys a user chose in another shape).
pub fn key_id(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(KEY_PREFIX)?;
    let (id, secret) = rest.split_at_checked(KEY_ID_LEN)?;
    let secret = secret.strip_prefix('_')?;
    let ok = id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (ok && !secret.is_empty()).then_some(id)
}

/// A new random key, `jbx_<id>_<secret>`: a fresh public id and [`KEY_SECRET_LEN`] random
/// letters and digits (238 bits; the id adds nothing to the secret).
pub fn generate_key() -> String {
    use rand::Rng;
    const ID_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    let id: String = (0..KEY_ID_LEN)
        .map(|_| char::from(ID_CHARS[rng.gen_range(0..ID_CHARS.len())]))
        .collect();
    let secret: String = (&mut rng)
        .sample_iter(rand::distributions::Alphanumeric)
        .take(KEY_SECRET_LEN)
        .map(char::from)
        .collect();
    format!("{KEY_PREFIX}{id}_{secret}")
}

#[cfg(test)]
thread_local! {
    /// PBKDF2 evaluations made on this thread: lets the unit tests count what a login costs
    /// (`core::auth`) without timing it. Not compiled outside `cargo test --lib`.
    pub static HASHES: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn pbkdf2(key: &[u8], salt: &[u8], iterations: u32) -> [u8; 32] {
    #[cfg(test)]
    HASHES.with(|h| h.set(h.get() + 1));
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

/// A stored hash no key matches (all-zero salt and hash), with the cost of a real one: a
/// login whose key names no admin hashes against it, so it takes as long as one that does.
const DUMMY_HASH: &str = "pbkdf2-sha256$60000$00000000000000000000000000000000$\
0000000000000000000000000000000000000000000000000000000000000000";

/// One PBKDF2 evaluation whose answer is thrown away (see [`DUMMY_HASH`]).
pub fn dummy_check(key: &str) {
    std::hint::black_box(check_hash(DUMMY_HASH, key));
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

/// The message of a key whose public id another admin's key already has.
pub fn key_id_in_use(id: &str) -> Error {
    Error::duplicate(format!(
        "Admin key id {id} is already in use: choose another key, or let jackbox generate one"
    ))
}

/// Whether public id `id` belongs to a database admin other than `except` (exact stored
/// name; `""` for none) or to the legacy key (unless `except_legacy`).
pub fn key_id_taken(
    conn: &Connection,
    id: &str,
    except: &str,
    except_legacy: bool,
) -> Result<bool> {
    let admin: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM admins WHERE key_id = ?1 AND name <> ?2 COLLATE BINARY)",
        )?
        .query_row([id, except], |r| r.get(0))?;
    let legacy =
        !except_legacy && store::setting(conn, ADMIN_KEY_ID_SETTING)?.as_deref() == Some(id);
    Ok(admin || legacy)
}

/// Stores a new legacy admin key (as a salted hash, with its public id if it has one). An
/// empty key is refused.
pub fn set_key(conn: &mut Connection, key: &str) -> Result<()> {
    require_key(Some(key))?;
    let hashed = hash_key(key);
    store::write(conn, |tx| {
        match key_id(key) {
            Some(id) if key_id_taken(tx, id, "", true)? => return Err(key_id_in_use(id)),
            Some(id) => store::set_setting(tx, ADMIN_KEY_ID_SETTING, id)?,
            None => store::delete_setting(tx, ADMIN_KEY_ID_SETTING)?,
        }
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
