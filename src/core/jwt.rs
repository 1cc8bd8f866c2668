//! Signed tokens: the claims a token carries, HS256 signing and checking, the signing
//! secret (environment or generated once into `settings`) and token lifetimes.

use crate::{store, Error, ErrorKind, Result};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// `settings` key of the generated JWT secret (hex).
pub const JWT_SECRET_SETTING: &str = "jwt_secret";
/// Default token lifetime: 24 h.
pub const DEFAULT_TTL_SECS: i64 = 24 * 3600;

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

pub fn invalid_token() -> Error {
    Error::new(ErrorKind::Forbidden, "Invalid or expired token")
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
    fn lifetimes() {
        assert_eq!(parse_ttl("24h").unwrap(), 86400);
        assert!(parse_ttl("0h").is_err());
        assert!(parse_ttl("x").is_err());
        assert_eq!(parse_ttl("3650d").unwrap(), 3650 * 86400);
        assert!(parse_ttl("3651d").is_err());
        assert!(parse_ttl("17536375106770").is_err());
        assert!(parse_ttl("99999999999999999999d").is_err());
    }
}
