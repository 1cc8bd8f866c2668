//! The daemon's background jobs besides serving: hourly pruning of old tokens, audit rows,
//! events and webhook history, and the daily backup. Each runs until shutdown.

use super::App;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Deletes expired/revoked tokens (after 30 days) and old audit rows, every hour, until
/// shutdown.
pub(super) async fn prune_hourly(app: Arc<App>) {
    let mut stop = app.shutdown.subscribe();
    let mut first = true;
    loop {
        // Once at start (a daemon restarted daily still prunes), then every hour.
        if !first {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(3600)) => {}
                _ = stop.wait_for(|v| *v) => return,
            }
        }
        first = false;
        let days = app.config.audit_retention_days;
        let pruned = app
            .db
            .write(move |c| {
                crate::store::write(c, |tx| {
                    crate::core::tokens::prune(tx)?;
                    crate::core::audit::prune(tx, days)?;
                    let dispatched =
                        crate::store::setting(tx, crate::live::dispatch::POSITION_KEY)?
                            .and_then(|v| v.parse::<i64>().ok());
                    crate::core::retention::prune(tx, dispatched)
                })
            })
            .await;
        match pruned {
            Ok(p) => tracing::info!(
                events = p.events,
                deliveries = p.deliveries,
                logs = p.logs,
                "pruned old events and webhook history"
            ),
            Err(e) => tracing::warn!(error = %e, "pruning old rows failed"),
        }
    }
}

/// Every day (and at start when the newest backup is older than a day): a backup of the
/// database into `dir`, keeping the newest `backup_keep` (only files named like backups
/// count, never the live database: `dir` may be the database's own folder). Checked hourly,
/// so a daemon that restarts often still backs up once a day.
pub(super) async fn backup_daily(app: Arc<App>, dir: PathBuf) {
    const DAY: Duration = Duration::from_secs(24 * 3600);
    let mut stop = app.shutdown.subscribe();
    loop {
        let newest_age = crate::store::backups_in(&dir, &app.config.db)
            .last()
            .and_then(|p| std::fs::metadata(p).ok())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok());
        if newest_age.is_none_or(|age| age >= DAY) {
            let db = app.config.db.clone();
            let (dir2, keep) = (dir.clone(), app.config.backup_keep.max(1));
            let done = tokio::task::spawn_blocking(move || {
                std::fs::create_dir_all(&dir2)?;
                let b = crate::store::backup(&db, &dir2)?;
                let pruned = crate::store::prune_backups(&dir2, &db, keep);
                Ok::<_, crate::Error>((b, pruned))
            })
            .await;
            match done {
                Ok(Ok((b, pruned))) => {
                    tracing::info!(path = %b.path, bytes = b.bytes, pruned, "daily backup written")
                }
                Ok(Err(e)) => tracing::error!(error = %e.message, "daily backup failed"),
                Err(e) => tracing::error!(error = %e, "daily backup failed"),
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(3600)) => {}
            _ = stop.wait_for(|v| *v) => return,
        }
    }
}
