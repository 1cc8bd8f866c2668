//! Opening the database file: location, permissions, connection settings and migrations.
//!
//! Every connection, whoever opens it (CLI command, daemon pool, test), goes through
//! [`open`], so WAL, foreign keys and the busy timeout are always set.

mod migrations;

use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use migrations::{builtin_tickers, migrate_to, LATEST_VERSION};

/// How long a connection waits for another writer before giving up. Long enough that the
/// CLI and a busy daemon never show "database is locked" to a user.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// `$XDG_DATA_HOME/jackbox/jackbox.db`, falling back to `~/.local/share/jackbox/jackbox.db`.
pub fn default_path() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("jackbox").join("jackbox.db")
}

/// Opens (creating if needed, with mode 0600) and migrates the database at `path`.
pub fn open(path: &Path) -> Result<Connection> {
    create_private(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(|e| Error::storage(format!("cannot open database {}: {e}", path.display())))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Refuse a file of a newer schema before anything (even switching to WAL) touches it.
    migrations::check_version(&conn).map_err(|e| {
        Error::storage(format!("cannot use {}: {}", path.display(), e.message))
            .with_hint("upgrade jackbox, or point --db (JACKBOX_DB) at another database file")
    })?;
    configure(&conn)?;
    migrations::migrate(&conn)?;
    Ok(conn)
}

/// Creates the file (and its folder) before SQLite does, so it is born with mode 0600.
/// Folders we create are 0700: the file holds the admin key hash and webhook secrets.
fn create_private(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(dir).map_err(|e| {
            Error::storage(format!("cannot create directory {}: {e}", dir.display()))
        })?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
        .map_err(|e| Error::storage(format!("cannot create database {}: {e}", path.display())))?;
    Ok(())
}

fn configure(conn: &Connection) -> Result<()> {
    let mode = switch_to_wal(conn)?;
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        return Err(Error::storage(format!(
            "cannot switch the database to WAL mode (got {mode})"
        )));
    }
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = NORMAL;
         PRAGMA temp_store = MEMORY;",
    )?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// `PRAGMA journal_mode = WAL`, retried while another process holds the file: SQLite does
/// not call the busy handler for this switch, so processes racing on a brand-new file would
/// otherwise see "database is locked".
fn switch_to_wal(conn: &Connection) -> Result<String> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    let mut pause = Duration::from_millis(1);
    loop {
        // journal_mode returns a row, so it cannot go through execute_batch's no-row path.
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(mode) => return Ok(mode),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Runs `f` in a write transaction taken with `BEGIN IMMEDIATE`, so two writers queue on the
/// busy timeout instead of failing when one upgrades a read lock. Commits only on `Ok`.
pub fn write<T>(
    conn: &mut Connection,
    f: impl FnOnce(&rusqlite::Transaction) -> Result<T>,
) -> Result<T> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}

/// Reads a `settings` value.
pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Writes a `settings` value (insert or replace).
pub fn set_setting(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

/// The ID for a new row of `table` (`sessions`, `session_games`), never one a deleted row had.
///
/// SQLite hands out `MAX(rowid) + 1`, so deleting the newest session and creating another
/// would reuse its ID: a second "session 5" would then mix with the first in exports
/// (`session-5.json`), outbox events and WebSocket subscriptions. A high-water mark in
/// `settings`, updated in the caller's transaction, prevents that without a table rebuild.
pub fn next_id(tx: &Connection, table: &'static str) -> Result<i64> {
    let key = format!("last_id.{table}");
    let max: i64 = tx
        .prepare_cached(&format!("SELECT COALESCE(MAX(id), 0) FROM {table}"))?
        .query_row([], |r| r.get(0))?;
    let mark = setting(tx, &key)?
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0);
    let id = max.max(mark) + 1;
    set_setting(tx, &key, &id.to_string())?;
    Ok(id)
}
