//! Backups of the database file: `jackbox db backup`, the daemon's daily backups and their
//! pruning, and `jackbox db restore`.
//!
//! Backups written into a folder are named `jackbox-backup-YYYYMMDDTHHMMSSZ.db`, a name no
//! database gets by default, and pruning only ever considers files of exactly that shape
//! (never the live database, whatever its name, nor its `-wal`/`-shm`): the backup folder
//! may be the database's own folder.

use super::{at, check, create_dir_private, create_private, open_read_only, Check};
use crate::{Error, ErrorKind, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// The name of every backup written into a folder starts with this.
pub const PREFIX: &str = "jackbox-backup-";
/// The time in a backup's name (UTC, sortable).
const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// What a backup wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Backup {
    pub path: String,
    pub bytes: u64,
    pub created_at: String,
}

/// `jackbox-backup-<UTC time>.db`.
pub fn backup_name(now: chrono::DateTime<chrono::Utc>) -> String {
    format!("{PREFIX}{}.db", now.format(STAMP))
}

/// Whether `name` is exactly a name [`backup_name`] gives.
pub fn is_backup_name(name: &str) -> bool {
    name.strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_suffix(".db"))
        .is_some_and(|stamp| chrono::NaiveDateTime::parse_from_str(stamp, STAMP).is_ok())
}

/// Writes a consistent copy of the database at `db` to `dest` with `VACUUM INTO`: one read
/// transaction, so it is safe while the daemon and the CLI write (they are not blocked), and
/// the copy is compact. `dest` may be a folder (the copy is then named
/// `jackbox-backup-YYYYMMDDTHHMMSSZ.db` inside it); an existing file is never overwritten.
/// The copy is written under a temporary name, checked (`quick_check`), made 0600, and only
/// then given its name: a backup cut short never looks complete.
pub fn backup(db: &Path, dest: &Path) -> Result<Backup> {
    let conn = open_read_only(db)?;
    let now = chrono::Utc::now();
    let dest = if dest.is_dir() {
        dest.join(backup_name(now))
    } else {
        dest.to_path_buf()
    };
    if dest.exists() {
        return Err(Error::state(format!(
            "{} already exists: choose another path (a backup never overwrites a file)",
            dest.display()
        )));
    }
    let partial = dest.with_extension("db.partial");
    let _ = std::fs::remove_file(&partial);
    create_private(&partial).map_err(|e| cannot_write_backup(&dest, &e.message))?;
    let written = conn
        .execute("VACUUM INTO ?1", [partial.to_string_lossy()])
        .map_err(|e| vacuum_error(db, &dest, e));
    let verified = written.and_then(|_| {
        let copy = Connection::open_with_flags(&partial, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        match check(&copy, false, None)? {
            Check::Ok => Ok(()),
            _ => Err(Error::storage(format!(
                "the backup written to {} does not pass quick_check",
                partial.display()
            ))),
        }
    });
    if let Err(e) = verified {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, &dest)
        .map_err(|e| Error::storage(format!("cannot name the backup {}: {e}", dest.display())))?;
    let bytes = std::fs::metadata(&dest).map(|m| m.len()).unwrap_or(0);
    Ok(Backup {
        path: dest.display().to_string(),
        bytes,
        created_at: crate::time::format(now),
    })
}

/// A failed `VACUUM INTO`: a write failure is the backup's (its disk is full, its folder
/// read-only), said as such; the live database is not the one that is full. Anything else
/// (a read of the database failing) is about the database.
fn vacuum_error(db: &Path, dest: &Path, e: rusqlite::Error) -> Error {
    use rusqlite::{ffi, ErrorCode as C};
    let extended = e.sqlite_error().map(|f| f.extended_code);
    match e.sqlite_error_code() {
        Some(C::DiskFull) => Error::storage(format!(
            "The disk is full: cannot write the backup {} ({e})",
            dest.display()
        ))
        .with_hint(
            "free some space on the disk that holds the backups, or choose another folder; \
             the database itself is unchanged",
        ),
        Some(C::SystemIoFailure)
            if extended != Some(ffi::SQLITE_IOERR_READ)
                && extended != Some(ffi::SQLITE_IOERR_SHORT_READ) =>
        {
            cannot_write_backup(dest, &e.to_string())
        }
        Some(C::CannotOpen | C::ReadOnly | C::PermissionDenied) => {
            cannot_write_backup(dest, &e.to_string())
        }
        _ => at(db, e.into()),
    }
}

fn cannot_write_backup(dest: &Path, why: &str) -> Error {
    Error::storage(format!("cannot write the backup {}: {why}", dest.display())).with_hint(
        "check the free space and permissions of the backup folder; the database itself is \
         unchanged",
    )
}

/// The backups in `dir` (files named like [`backup_name`]), oldest first. The live database
/// `live` is never among them, whatever its name.
pub fn backups_in(dir: &Path, live: &Path) -> Vec<PathBuf> {
    let live = std::fs::canonicalize(live).ok();
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_backup_name)
        })
        .filter(|p| live.is_none() || std::fs::canonicalize(p).ok() != live)
        .collect();
    // The names carry the time in sortable form.
    out.sort();
    out
}

/// Deletes all but the newest `keep` backups in `dir` (never `live`); returns how many went.
pub fn prune_backups(dir: &Path, live: &Path, keep: usize) -> usize {
    let all = backups_in(dir, live);
    let extra = all.len().saturating_sub(keep);
    all.iter()
        .take(extra)
        .filter(|p| std::fs::remove_file(p).is_ok())
        .count()
}

/// What `jackbox db restore` did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Restored {
    /// The database file, now holding the backup's content.
    pub path: String,
    /// The backup it came from.
    pub backup: String,
    /// Where the previous file and its `-wal`/`-shm` went (empty when there was none).
    pub set_aside: Vec<String>,
}

/// Replaces the database at `db` with the backup at `from`. Refused while a daemon serves
/// `db` (its lock is held for the whole restore, so none starts meanwhile). The backup is
/// checked (`integrity_check`, schema not newer than this build), copied next to `db` with
/// `VACUUM INTO` (a `-wal` beside the backup is included) and checked again; then the current
/// file and its `-wal`/`-shm` are moved aside as `DB.before-restore-<UTC time>[-wal|-shm]`
/// (a stale `-wal` left by a crash must never be replayed onto the restored file) and the
/// copy takes the database's name. On a failure before that rename nothing is changed.
pub fn restore(from: &Path, db: &Path) -> Result<Restored> {
    if !from.is_file() {
        return Err(Error::not_found(format!("no backup at {}", from.display())));
    }
    if std::fs::canonicalize(from).ok() == std::fs::canonicalize(db).ok() {
        return Err(Error::invalid(format!(
            "{} is the database itself: name a backup file",
            from.display()
        )));
    }
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_dir_private(dir)?;
    }
    let _lock = crate::daemon_lock::acquire(db).map_err(|e| match e.kind {
        ErrorKind::State => Error::state(format!(
            "a daemon (jackbox serve) is using {}: stop it, then restore",
            db.display()
        )),
        _ => e,
    })?;
    verify(from, "the backup")?;
    let stamp = chrono::Utc::now().format(STAMP).to_string();
    let staged = with_suffix(db, ".restoring");
    let _ = std::fs::remove_file(&staged);
    create_private(&staged)?;
    let copied = open_read_only(from)
        .and_then(|src| {
            src.execute("VACUUM INTO ?1", [staged.to_string_lossy()])
                .map_err(|e| vacuum_error(from, &staged, e))
        })
        .and_then(|_| verify(&staged, "the restored copy"));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&staged);
        return Err(e);
    }
    let mut set_aside = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let current = with_suffix(db, suffix);
        if !current.exists() {
            continue;
        }
        let aside = with_suffix(db, &format!(".before-restore-{stamp}{suffix}"));
        if let Err(e) = std::fs::rename(&current, &aside) {
            put_back(db, &set_aside);
            let _ = std::fs::remove_file(&staged);
            return Err(Error::storage(format!(
                "cannot move {} aside: {e}",
                current.display()
            )));
        }
        set_aside.push(aside);
    }
    if let Err(e) = std::fs::rename(&staged, db) {
        put_back(db, &set_aside);
        let _ = std::fs::remove_file(&staged);
        return Err(Error::storage(format!(
            "cannot name the restored copy {}: {e}",
            db.display()
        )));
    }
    verify(db, "the restored database")?;
    Ok(Restored {
        path: db.display().to_string(),
        backup: from.display().to_string(),
        set_aside: set_aside.iter().map(|p| p.display().to_string()).collect(),
    })
}

/// The full integrity check of a file about to become (or just made) the database, and
/// that its schema is one this build can open.
fn verify(path: &Path, what: &str) -> Result<()> {
    let conn = open_read_only(path)?;
    super::migrations::check_version(&conn).map_err(|e| at(path, e))?;
    match check(&conn, true, None).map_err(|e| at(path, e))? {
        Check::Ok => Ok(()),
        Check::Damaged(problems) => Err(Error::new(
            ErrorKind::Damaged,
            format!(
                "{what} {} is damaged: {}",
                path.display(),
                problems.into_iter().take(3).collect::<Vec<_>>().join("; ")
            ),
        )
        .with_hint("choose another backup; `jackbox --db FILE db check` lists the damage")),
        Check::Unfinished => Ok(()),
    }
}

/// Undoes the moves of a restore that failed half-way.
fn put_back(db: &Path, set_aside: &[PathBuf]) {
    for (aside, suffix) in set_aside.iter().zip(["", "-wal", "-shm"]) {
        let _ = std::fs::rename(aside, with_suffix(db, suffix));
    }
}

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_backup_names_are_backups() {
        assert!(is_backup_name("jackbox-backup-20250101T000000Z.db"));
        for name in [
            "jackbox-2025.db",
            "jackbox.db",
            "jackbox-20250101T000000Z.db",
            "jackbox-backup-20250101T000000Z.db-wal",
            "jackbox-backup-20250101T000000Z.db-shm",
            "jackbox-backup-20250101T000000Z.db.partial",
            "jackbox-backup-latest.db",
            "jackbox-backup-20251301T000000Z.db",
        ] {
            assert!(!is_backup_name(name), "{name}");
        }
    }

    #[test]
    fn a_full_disk_while_writing_the_backup_is_the_backups() {
        let e = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        );
        let err = vacuum_error(Path::new("/data/live.db"), Path::new("/bk/b.db"), e);
        assert!(
            err.message.contains("cannot write the backup /bk/b.db"),
            "{}",
            err.message
        );
        assert!(!err.message.contains("live.db"), "{}", err.message);
    }
}
