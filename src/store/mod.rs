//! Opening the database file: location, permissions, connection settings and migrations.
//!
//! Every connection, whoever opens it (CLI command, daemon pool, test), goes through
//! [`open`], so WAL, foreign keys and the busy timeout are always set.

mod backup;
mod migrations;

use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use backup::{backup, backups_in, prune_backups, restore, Backup, Restored};
pub use migrations::{builtin_tickers, migrate_to, step_text, LATEST_VERSION};

/// How long a connection waits for another writer before giving up. Long enough that the
/// CLI and a busy daemon never show "database is locked" to a user, even behind a
/// multi-million-message chat import (issue 15: a 2M import held the lock ~11 s).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The default database file, per platform ([`crate::platform::default_db_path`]): Linux
/// `$XDG_DATA_HOME/jackbox/jackbox.db` (`~/.local/share/…`), macOS
/// `~/Library/Application Support/jackbox/jackbox.db`, Windows `%APPDATA%\jackbox\jackbox.db`.
pub fn default_path() -> PathBuf {
    crate::platform::default_db_path()
}

/// Opens an existing database at `path` (migrating it like [`open`]); a missing file is an
/// error (`no database at PATH`, not found), never created. Commands that only read use
/// this, so a mistyped `--db` or `JACKBOX_DB` fails instead of "succeeding" on a new,
/// empty database.
pub fn open_existing(path: &Path) -> Result<Connection> {
    if !path.exists() {
        return Err(no_database(path));
    }
    open(path)
}

/// The error for a database file that does not exist.
pub fn no_database(path: &Path) -> Error {
    Error::not_found(format!("no database at {}", path.display())).with_hint(
        "pass --db PATH or set JACKBOX_DB to your database file; commands that write \
         (e.g. `jackbox session create`) create a new one",
    )
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
    .map_err(|e| at(path, e.into()))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Refuse a file of a newer schema before anything (even switching to WAL) touches it.
    migrations::check_version(&conn).map_err(|e| at(path, e))?;
    configure(&conn).map_err(|e| at(path, e))?;
    migrations::migrate(&conn).map_err(|e| at(path, e))?;
    Ok(conn)
}

/// `e`, its message prefixed with the file it is about (kind and hint kept).
pub(crate) fn at(path: &Path, mut e: Error) -> Error {
    e.message = format!("cannot use {}: {}", path.display(), e.message);
    e
}

/// What `PRAGMA quick_check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    Ok,
    /// The first problems it reported.
    Damaged(Vec<String>),
    /// It did not finish within its time budget (a very large file).
    Unfinished,
}

/// Runs `PRAGMA quick_check` (or `integrity_check` when `full`) on `conn`, stopping after
/// `budget` if given. Reads only.
pub fn check(conn: &Connection, full: bool, budget: Option<Duration>) -> Result<Check> {
    // A watchdog interrupts the check when its budget is spent (SQLite then stops at once).
    let (done, watch) = std::sync::mpsc::channel::<()>();
    if let Some(budget) = budget {
        let handle = conn.get_interrupt_handle();
        std::thread::spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = watch.recv_timeout(budget) {
                handle.interrupt();
            }
        });
    }
    let sql = if full {
        "PRAGMA integrity_check(20)"
    } else {
        "PRAGMA quick_check(20)"
    };
    let rows: std::result::Result<Vec<String>, rusqlite::Error> = conn
        .prepare(sql)
        .and_then(|mut st| st.query_map([], |r| r.get::<_, String>(0))?.collect());
    drop(done);
    match rows {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(Check::Ok),
        Ok(rows) => Ok(Check::Damaged(rows)),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) => {
            Ok(Check::Unfinished)
        }
        Err(e) => {
            let e: Error = e.into();
            if e.kind == crate::ErrorKind::Damaged {
                Ok(Check::Damaged(vec![e.message]))
            } else {
                Err(e)
            }
        }
    }
}

/// Opens an existing file read-only, without migrating it (for checks and backups of a
/// file that may be damaged).
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    if !path.exists() {
        return Err(no_database(path));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| at(path, e.into()))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// `jackbox db check`: the full `PRAGMA integrity_check` of the file at `path`.
pub fn check_file(path: &Path) -> Result<Check> {
    let conn = open_read_only(path)?;
    check(&conn, true, None).map_err(|e| at(path, e))
}

/// The daemon's start-up check of an existing file, before anything writes to it: a
/// damaged file is refused (the error names the damage); a check that does not finish
/// within `budget` is logged and skipped.
pub fn check_at_start(path: &Path, budget: Duration) -> Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| at(path, e.into()))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    match check(&conn, false, Some(budget)).map_err(|e| at(path, e))? {
        Check::Ok => Ok(()),
        Check::Unfinished => {
            tracing::warn!(
                "the start-up check of {} did not finish within {budget:?}; run `jackbox db check`",
                path.display()
            );
            Ok(())
        }
        Check::Damaged(problems) => Err(at(
            path,
            Error::new(
                crate::ErrorKind::Damaged,
                format!(
                    "The database file is damaged: {}",
                    problems.into_iter().take(3).collect::<Vec<_>>().join("; ")
                ),
            )
            .with_hint(crate::error::DAMAGED_HINT),
        )),
    }
}

/// Creates the file (and its folder) before SQLite does, so it is born with mode 0600.
/// Folders we create are 0700: the file holds the admin key hash and webhook secrets.
pub(crate) fn create_private(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_dir_private(dir)?;
    }
    crate::platform::private_file(std::fs::OpenOptions::new().write(true).create(true))
        .open(path)
        .map_err(|e| Error::storage(format!("cannot create database {}: {e}", path.display())))?;
    Ok(())
}

/// Creates `dir` (and its parents) with mode 0700 if missing.
pub(crate) fn create_dir_private(dir: &Path) -> Result<()> {
    crate::platform::private_dir(std::fs::DirBuilder::new().recursive(true))
        .create(dir)
        .map_err(|e| Error::storage(format!("cannot create directory {}: {e}", dir.display())))
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
///
/// Inside a transaction already open on `conn` (the daemon's group commit, `serve::db`),
/// `f` runs in a `SAVEPOINT` of it instead: on `Err` its own changes are rolled back and the
/// rest of the transaction is untouched; on `Ok` they become part of it and are durable once
/// its owner commits. So `f` gets a plain `&Connection`: the transaction it runs in may be
/// its own or a nested one.
pub fn write<T>(conn: &mut Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    if !conn.is_autocommit() {
        let sp = conn.savepoint()?;
        let out = f(&sp)?;
        sp.commit()?;
        return Ok(out);
    }
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

/// Removes a `settings` value (nothing when it is absent).
pub fn delete_setting(conn: &Connection, key: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM settings WHERE key = ?1")?
        .execute([key])?;
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
