//! Named admins (`docs/admins.md`): the ones stored in the database (`jackbox auth admin …`), the
//! admins file (`JACKBOX_ADMINS_FILE`, alias `ADMIN_CONFIG_PATH`), and the rules both follow
//! (names, key lengths, uniqueness). Keys are stored only as salted hashes; a generated key
//! is returned once, to be shown once.

use super::audit::{self, Action};
use super::keys::{self, check_hash, hash_key, key_id, keys_equal, LEGACY_ADMIN};
use crate::{store, Error, Result};
use hmac::{Hmac, Mac};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::Sha256;
use std::path::Path;

/// Shortest key accepted from a user or an admins file.
pub const MIN_KEY_LEN: usize = 16;
pub use keys::generate_key;

/// An admin of the admins file.
#[derive(Debug, Clone, Deserialize)]
pub struct FileAdmin {
    pub name: String,
    pub key: String,
}

/// The admins a process knows besides those in the database: the admins file and the
/// legacy key from the environment. Built once at start (`serve`).
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub file: Vec<FileAdmin>,
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

/// An admin of the database, as the login check needs it.
#[derive(Debug, Clone)]
pub struct Stored {
    pub name: String,
    pub key_hash: String,
    pub generation: String,
}

/// One admin as `jackbox auth admin list` shows it (never a key).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdminInfo {
    pub name: String,
    /// `database`, `file` or `key` (the legacy single key).
    pub source: &'static str,
    pub created_at: Option<String>,
    pub rotated_at: Option<String>,
}

/// The answer of `admin add` / `admin rotate`: the generated key, shown once (absent when
/// the key was given).
#[derive(Debug, Clone, Serialize)]
pub struct KeyReply {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub message: String,
}

pub fn invalid_name() -> Error {
    Error::invalid("Admin name must be 1-32 characters: letters, digits, _ or -")
}

fn short_key() -> Error {
    Error::invalid(format!(
        "Admin key must be at least {MIN_KEY_LEN} characters"
    ))
}

fn key_in_use() -> Error {
    Error::duplicate("Admin key is already in use")
}

pub fn admin_not_found(name: &str) -> Error {
    Error::not_found(format!("Admin not found: {name}"))
}

/// Names: 1–32 characters of `A–Z a–z 0–9 _ -`.
pub fn validate_name(name: &str) -> Result<()> {
    let ok = (1..=32).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(invalid_name())
    }
}

fn check_given_key(key: &str) -> Result<()> {
    if key.chars().count() < MIN_KEY_LEN {
        return Err(short_key());
    }
    Ok(())
}

/// The key an `add` or `rotate` stores: the given one (checked for length), or a generated
/// one, which is also returned so it can be shown once.
fn new_key(given: Option<&str>) -> Result<(String, Option<String>)> {
    match given {
        Some(k) => {
            check_given_key(k)?;
            Ok((k.to_string(), None))
        }
        None => {
            let k = generate_key();
            Ok((k.clone(), Some(k)))
        }
    }
}

fn stored_row(r: &rusqlite::Row) -> rusqlite::Result<Stored> {
    Ok(Stored {
        name: r.get(0)?,
        key_hash: r.get(1)?,
        generation: r.get(2)?,
    })
}

/// Every admin of the database, with its hash (one query).
pub fn stored(conn: &Connection) -> Result<Vec<Stored>> {
    let mut stmt =
        conn.prepare_cached("SELECT name, key_hash, generation FROM admins ORDER BY id")?;
    let rows = stmt.query_map([], stored_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The database admin whose key has public id `id` (at most one: the id is unique).
pub fn stored_by_key_id(conn: &Connection, id: &str) -> Result<Option<Stored>> {
    Ok(conn
        .prepare_cached("SELECT name, key_hash, generation FROM admins WHERE key_id = ?1")?
        .query_row([id], stored_row)
        .optional()?)
}

/// The database admins whose key has no public id (made before ids existed, or chosen in
/// another shape): the only ones a key without an id can match.
pub fn stored_without_key_id(conn: &Connection) -> Result<Vec<Stored>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, key_hash, generation FROM admins WHERE key_id IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([], stored_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether the database has any admin.
pub fn any_stored(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM admins)")?
        .query_row([], |r| r.get(0))?)
}

/// Refuses `key` when its public id (if any) is another admin's (`except`: the admin
/// getting the key, by stored name). A generated id repeats with odds of about one in
/// 2.8·10¹² per admin: running the command again is the answer then.
fn check_key_id(conn: &Connection, key: &str, except: &str) -> Result<()> {
    match key_id(key) {
        Some(id) if keys::key_id_taken(conn, id, except, false)? => Err(keys::key_id_in_use(id)),
        _ => Ok(()),
    }
}

/// Whether there is no admin at all — no database admin, no admins file entry, no legacy
/// key (environment or database): the first-run setup (`GET/POST /api/setup`) is open.
pub fn needs_setup(conn: &Connection, reg: &Registry) -> Result<bool> {
    Ok(reg.file.is_empty()
        && reg.env_key.is_none()
        && store::setting(conn, keys::ADMIN_KEY_SETTING)?.is_none()
        && !any_stored(conn)?)
}

/// The key generation of the database admin `name` (exact name), if it exists.
pub fn generation(conn: &Connection, name: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT generation FROM admins WHERE name = ?1 COLLATE BINARY")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

/// The stored hashes `key` could be equal to: a key with a public id only to the key
/// stored with that id (database admin, or the legacy key of `settings`), a key without one
/// only to those stored without one. What a login compares, and a uniqueness check too.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    pub stored: Vec<Stored>,
    pub legacy_hash: Option<String>,
}

pub fn candidates(conn: &Connection, key: &str) -> Result<Candidates> {
    let legacy_id = store::setting(conn, keys::ADMIN_KEY_ID_SETTING)?;
    let (stored, legacy_named) = match key_id(key) {
        Some(id) => (
            stored_by_key_id(conn, id)?.into_iter().collect(),
            legacy_id.as_deref() == Some(id),
        ),
        None => (stored_without_key_id(conn)?, legacy_id.is_none()),
    };
    let legacy_hash = match legacy_named {
        true => store::setting(conn, keys::ADMIN_KEY_SETTING)?,
        false => None,
    };
    Ok(Candidates {
        stored,
        legacy_hash,
    })
}

/// Refuses a key another admin (database, legacy key, file) already has: compared with the
/// stored hashes it could equal ([`candidates`]) and the file's and environment's keys.
fn check_unique_key(conn: &Connection, reg: &Registry, key: &str, except: &str) -> Result<()> {
    let c = candidates(conn, key)?;
    let mut used = false;
    for a in &c.stored {
        used |= check_hash(&a.key_hash, key) && !a.name.eq_ignore_ascii_case(except);
    }
    for a in &reg.file {
        used |= keys_equal(&a.key, key);
    }
    if let Some(k) = &reg.env_key {
        used |= keys_equal(k, key);
    }
    if let Some(h) = &c.legacy_hash {
        used |= check_hash(h, key);
    }
    if used {
        return Err(key_in_use());
    }
    Ok(())
}

/// Adds admin `name` with `key`, or a generated key (returned once) when `key` is `None`.
pub fn add(
    conn: &mut Connection,
    reg: &Registry,
    name: &str,
    key: Option<&str>,
) -> Result<KeyReply> {
    validate_name(name)?;
    let (key, generated) = new_key(key)?;
    if reg.file.iter().any(|a| a.name.eq_ignore_ascii_case(name)) {
        return Err(Error::duplicate(format!("Admin already exists: {name}")));
    }
    store::write(conn, |tx| insert(tx, reg, name, &key, generated.is_some()))?;
    Ok(KeyReply {
        name: name.to_string(),
        message: format!("Admin {name} added"),
        key: generated,
    })
}

/// The first admin, created by the first-run setup (`POST /api/setup`): a generated key
/// (returned once), refused (`409 An admin already exists`) once any admin exists — checked
/// in the same transaction as the insert, so two setups at once cannot both succeed.
pub fn add_first(conn: &mut Connection, reg: &Registry, name: &str) -> Result<KeyReply> {
    validate_name(name)?;
    let (key, generated) = new_key(None)?;
    store::write(conn, |tx| {
        if !needs_setup(tx, reg)? {
            return Err(Error::duplicate("An admin already exists"));
        }
        insert(tx, reg, name, &key, true)
    })?;
    Ok(KeyReply {
        name: name.to_string(),
        message: format!("Admin {name} added"),
        key: generated,
    })
}

/// Inserts database admin `name` with `key` (hashed), part of the caller's transaction.
fn insert(tx: &Connection, reg: &Registry, name: &str, key: &str, generated: bool) -> Result<()> {
    let hashed = hash_key(key);
    check_unique_key(tx, reg, key, "")?;
    let exists: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM admins WHERE name = ?1)")?
        .query_row([name], |r| r.get(0))?;
    if exists {
        return Err(Error::duplicate(format!("Admin already exists: {name}")));
    }
    check_key_id(tx, key, "")?;
    write_key(
        tx,
        "INSERT INTO admins (name, key_hash, generation, created_at, key_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        Action::AdminAdd,
        name,
        (key, &hashed),
        generated,
    )
}

/// Stores admin `name`'s new key: `sql` (an insert or an update of the row, bound to the
/// name, the hash, a fresh generation, the time and the key's id) and the audit row of
/// `action`.
fn write_key(
    tx: &Connection,
    sql: &str,
    action: Action,
    name: &str,
    (key, hashed): (&str, &str),
    generated: bool,
) -> Result<()> {
    tx.prepare_cached(sql)?.execute(rusqlite::params![
        name,
        hashed,
        keys::new_generation(),
        crate::time::now(),
        key_id(key)
    ])?;
    audit::record(
        tx,
        action,
        Some(format!("admin:{name}")),
        json!({ "name": name, "generated": generated }),
    )
}

/// The database admin called `name` (case-insensitive), by its stored spelling.
fn find(conn: &Connection, name: &str) -> Result<String> {
    conn.prepare_cached("SELECT name FROM admins WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?
        .ok_or_else(|| admin_not_found(name))
}

/// Gives admin `name` a new key (given, or generated and returned once). Its tokens stop
/// working at once (new key generation).
pub fn rotate(
    conn: &mut Connection,
    reg: &Registry,
    name: &str,
    key: Option<&str>,
) -> Result<KeyReply> {
    let (key, generated) = new_key(key)?;
    let hashed = hash_key(&key);
    let name = store::write(conn, |tx| {
        let name = find(tx, name)?;
        check_unique_key(tx, reg, &key, &name)?;
        check_key_id(tx, &key, &name)?;
        // A key made before ids existed gets one here (when generated): rotating is how an
        // old key moves to the one-hash login.
        write_key(
            tx,
            "UPDATE admins SET key_hash = ?2, generation = ?3, rotated_at = ?4, key_id = ?5
             WHERE name = ?1",
            Action::AdminRotate,
            &name,
            (&key, &hashed),
            generated.is_some(),
        )?;
        crate::core::events::auth_changed(tx)?;
        Ok(name)
    })?;
    Ok(KeyReply {
        message: format!("Admin {name} has a new key; their tokens no longer work"),
        name,
        key: generated,
    })
}

/// Removes admin `name`: their login tokens stop working at once, and so do the tokens they
/// minted (a removed admin must not keep a way in).
pub fn remove(conn: &mut Connection, name: &str) -> Result<KeyReply> {
    let name = store::write(conn, |tx| {
        let name = find(tx, name)?;
        tx.prepare_cached("DELETE FROM admins WHERE name = ?1")?
            .execute([&name])?;
        let revoked = tx
            .prepare_cached(
                "UPDATE api_tokens SET revoked_at = ?2
                 WHERE created_by = ?1 COLLATE NOCASE AND revoked_at IS NULL",
            )?
            .execute(rusqlite::params![name, crate::time::now()])?;
        crate::core::events::auth_changed(tx)?;
        audit::record(
            tx,
            Action::AdminRemove,
            Some(format!("admin:{name}")),
            json!({ "name": name, "tokensRevoked": revoked }),
        )?;
        Ok(name)
    })?;
    Ok(KeyReply {
        message: format!("Admin {name} removed"),
        name,
        key: None,
    })
}

/// Every admin that can log in: database, file, then the legacy key.
pub fn list(conn: &Connection, reg: &Registry) -> Result<Vec<AdminInfo>> {
    let mut stmt =
        conn.prepare_cached("SELECT name, created_at, rotated_at FROM admins ORDER BY id")?;
    let mut out: Vec<AdminInfo> = stmt
        .query_map([], |r| {
            Ok(AdminInfo {
                name: r.get(0)?,
                source: "database",
                created_at: r.get(1)?,
                rotated_at: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    out.extend(reg.file.iter().map(|a| AdminInfo {
        name: a.name.clone(),
        source: "file",
        created_at: None,
        rotated_at: None,
    }));
    if keys::key_configured(conn, reg.env_key.as_deref())? {
        out.push(AdminInfo {
            name: LEGACY_ADMIN.to_string(),
            source: "key",
            created_at: None,
            rotated_at: None,
        });
    }
    Ok(out)
}

/// Reads and checks an admins file: JSON `[{ "name", "key" }]`, valid unique names, keys of
/// at least [`MIN_KEY_LEN`] characters, no key twice. Every message names the file and the
/// problem, never a key.
pub fn load_file(path: &Path) -> Result<Vec<FileAdmin>> {
    let bad = |problem: String| {
        Error::invalid(format!("admins file {}: {problem}", path.display())).with_hint(
            "the file holds JSON: [{ \"name\": \"alice\", \"key\": \"…at least 16 characters…\" }]",
        )
    };
    let text = std::fs::read_to_string(path).map_err(|e| bad(format!("cannot read it: {e}")))?;
    // serde_json's messages quote no input text beyond a type name, so they cannot leak a key.
    let admins: Vec<FileAdmin> =
        serde_json::from_str(&text).map_err(|e| bad(format!("not readable JSON ({e})")))?;
    for (i, a) in admins.iter().enumerate() {
        let at = i + 1;
        if validate_name(&a.name).is_err() {
            return Err(bad(format!(
                "entry {at}: name must be 1-32 characters: letters, digits, _ or -"
            )));
        }
        if a.key.chars().count() < MIN_KEY_LEN {
            return Err(bad(format!(
                "entry {at} ({}): key is shorter than {MIN_KEY_LEN} characters",
                a.name
            )));
        }
        if let Some(prev) = admins[..i]
            .iter()
            .position(|b| b.name.eq_ignore_ascii_case(&a.name))
        {
            return Err(bad(format!(
                "entries {} and {at}: duplicate name {}",
                prev + 1,
                a.name
            )));
        }
        if let Some(prev) = admins[..i].iter().position(|b| keys_equal(&b.key, &a.key)) {
            return Err(bad(format!(
                "entries {} ({}) and {at} ({}): duplicate key",
                prev + 1,
                admins[prev].name,
                a.name
            )));
        }
    }
    Ok(admins)
}

/// Start-up check of the file against the database: a name or key already used by a
/// database admin is refused too (names are unique across sources).
pub fn check_file_against_db(conn: &Connection, path: &Path, file: &[FileAdmin]) -> Result<()> {
    let db = stored(conn)?;
    for a in file {
        if let Some(d) = db.iter().find(|d| d.name.eq_ignore_ascii_case(&a.name)) {
            return Err(Error::invalid(format!(
                "admins file {}: name {} is also an admin in the database (jackbox auth admin remove {})",
                path.display(),
                a.name,
                d.name
            )));
        }
        let same = candidates(conn, &a.key)?.stored;
        if same.iter().any(|d| check_hash(&d.key_hash, &a.key)) {
            return Err(Error::invalid(format!(
                "admins file {}: the key of {} is also the key of an admin in the database",
                path.display(),
                a.name
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(validate_name("alice_B-2").is_ok());
        assert!(validate_name("").is_err());
        assert!(validate_name(&"a".repeat(33)).is_err());
        assert!(validate_name("al ice").is_err());
        assert!(validate_name("élise").is_err());
        let k = generate_key();
        let id = key_id(&k).expect("a generated key has an id");
        assert_eq!(k, format!("jbx_{id}_{}", &k[13..]));
        assert_eq!(k.len(), 4 + keys::KEY_ID_LEN + 1 + keys::KEY_SECRET_LEN);
        assert!(k[13..].chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(key_id(&generate_key()), Some(id));
    }
}
