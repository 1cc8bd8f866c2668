//! The daemon's advisory lock file, `<db>.daemon.lock`, held for the daemon's lifetime.
//!
//! It tells the CLI whether a daemon is serving the same database (and so will deliver the
//! webhooks a CLI command just queued), and keeps a second daemon off the same file. The OS
//! releases the lock when the process exits, even on `kill -9`, so a stale file is harmless.

use crate::{Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The `settings` key where a running daemon records its loopback URL.
pub const URL_SETTING: &str = "daemon_url";

/// Held while the daemon runs; dropping it releases the lock.
#[derive(Debug)]
pub struct DaemonLock {
    _file: File,
    pub path: PathBuf,
}

/// `<db>.daemon.lock`.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".daemon.lock");
    PathBuf::from(name)
}

/// Takes the lock for this database, or fails if another daemon holds it.
pub fn acquire(db: &Path) -> Result<DaemonLock> {
    let path = lock_path(db);
    // std's file locks are flock(2) on Unix and LockFileEx on Windows: both are released by
    // the OS when the process dies.
    let mut file = crate::platform::private_file(
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false),
    )
    .open(&path)
    .map_err(|e| Error::storage(format!("cannot open {}: {e}", path.display())))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Err(Error::state(format!(
                "another 'jackbox serve' is already running on {}",
                db.display()
            )))
        }
        Err(TryLockError::Error(e)) => {
            return Err(Error::storage(format!(
                "cannot lock {}: {e}",
                path.display()
            )))
        }
    }
    // The pid is for humans looking at the file; the lock is what counts.
    let _ = file.set_len(0);
    let _ = writeln!(file, "{}", std::process::id());
    Ok(DaemonLock { _file: file, path })
}

/// Whether a daemon currently holds the lock of this database.
pub fn daemon_running(db: &Path) -> bool {
    let Ok(file) = File::open(lock_path(db)) else {
        return false;
    };
    matches!(file.try_lock_shared(), Err(TryLockError::WouldBlock))
}
