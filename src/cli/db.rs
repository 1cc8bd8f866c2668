//! `jackbox db backup PATH`, `jackbox db restore BACKUP` and `jackbox db check`: a copy of
//! the one file that holds every game night, putting one back, and a check that it is intact
//! (`store::backup`, `store::restore`, `store::check_file`).

use super::output::{self, kv};
use super::Ctx;
use crate::store::{self, Check};
use crate::{Error, ErrorKind, Result};
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Write a consistent copy of the database to PATH (safe while the daemon runs)
    #[command(after_help = "Examples:
  jackbox db backup ~/backups/jackbox-$(date +%F).db
  jackbox db backup ~/backups/        (a folder: names the copy jackbox-backup-<UTC time>.db)

The copy is made with SQLite's VACUUM INTO (one read transaction: writers are not blocked),
checked, and created with mode 0600. An existing file is never overwritten. Restore with
`jackbox db restore BACKUP` (never by copying the file over the database: a -wal file left
next to it would be replayed onto the copy and damage it).")]
    Backup {
        /// File (must not exist) or existing folder to write the copy to
        path: PathBuf,
    },
    /// Replace the database with a backup (the current file is kept aside)
    #[command(after_help = "Examples:
  jackbox db restore ~/backups/jackbox-backup-20260301T040000Z.db

Stop the daemon first: the restore is refused while `jackbox serve` uses the database. The
backup is checked (PRAGMA integrity_check) before and after it is copied; the current file
and its -wal and -shm are moved aside as DB.before-restore-<UTC time> (and -wal, -shm), so
nothing is lost. Restoring an older backup loses what was written after it was made.")]
    Restore {
        /// The backup file (made by `jackbox db backup` or the daemon's --backup-dir)
        backup: PathBuf,
    },
    /// Check the whole file (PRAGMA integrity_check); exit 1 when it is damaged
    Check,
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    match cmd {
        Cmd::Backup { path } => {
            let b = store::backup(&ctx.db, &path)?;
            if ctx.json {
                return output::json(&b);
            }
            if ctx.quiet {
                output::line(&b.path);
                return Ok(());
            }
            kv(&[
                ("backup", b.path.clone()),
                ("size", format!("{} bytes", b.bytes)),
                ("created", b.created_at.clone()),
            ]);
            Ok(())
        }
        Cmd::Restore { backup } => {
            let r = store::restore(&backup, &ctx.db)?;
            if ctx.json {
                return output::json(&r);
            }
            if ctx.quiet {
                return Ok(());
            }
            let mut rows = vec![("restored", r.path.clone()), ("from", r.backup.clone())];
            for aside in &r.set_aside {
                rows.push(("set aside", aside.clone()));
            }
            kv(&rows);
            Ok(())
        }
        Cmd::Check => {
            let result = store::check_file(&ctx.db)?;
            let problems = match &result {
                Check::Damaged(p) => p.clone(),
                _ => Vec::new(),
            };
            if ctx.json {
                output::json(&serde_json::json!({
                    "ok": problems.is_empty(),
                    "problems": problems,
                }))?;
            } else if problems.is_empty() && !ctx.quiet {
                output::line(&format!("ok: {} is intact", ctx.db.display()));
            }
            if problems.is_empty() {
                return Ok(());
            }
            Err(Error::new(
                ErrorKind::Damaged,
                format!("The database file is damaged: {}", problems.join("; ")),
            )
            .with_hint(crate::error::DAMAGED_HINT))
        }
    }
}
