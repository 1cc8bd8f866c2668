//! The room monitors inside the daemon: the supervisor's lifecycle (started with the
//! server, resuming every `monitoring` row; stopped at shutdown without touching statuses),
//! the sink of their live output, and the live `status-live` lookup.
//!
//! The supervisor reacts at once to `monitor.changed` events from the outbox dispatcher
//! (changes made over HTTP or by the CLI); a 1 s poll of the monitored rows (one indexed
//! query) stays as a safety net.

use super::App;
use crate::monitor::supervisor::Supervisor;
use crate::monitor::{Config, LiveSink, LiveStatus};
use std::sync::Arc;
use std::time::Duration;

/// How often the supervisor reconciles with the database (the fallback driver).
const POLL: Duration = Duration::from_secs(1);
/// How long monitors get to close their connections at shutdown.
const GRACE: Duration = Duration::from_secs(2);

/// Where the daemon's monitors send live output.
pub struct DaemonSink {
    pub live: Arc<crate::live::Live>,
}

impl LiveSink for DaemonSink {
    /// `game.status` goes straight to the session's subscribers, never to the outbox.
    fn heartbeat(&self, session_id: i64, event_json: String) {
        self.live.publish(session_id, &event_json);
    }
    /// Monitors write through their own connections, which the server's `Notify` does not
    /// see: wake the outbox dispatcher.
    fn event(&self, _session_id: i64, _event_json: String) {
        self.live.committed.notify_one();
    }
}

/// The daemon's supervisor for `config.db`, its monitors using `ecast_url`.
pub fn supervisor(
    db: &std::path::Path,
    ecast_url: &str,
    live: Arc<crate::live::Live>,
) -> Arc<Supervisor> {
    Supervisor::new(
        Config::from_env(Some(ecast_url)),
        db.to_path_buf(),
        Arc::new(DaemonSink { live }),
    )
}

/// Runs the supervisor until the daemon's shutdown flag flips, then stops every monitor
/// (their rows stay `monitoring`: they resume at the next start).
pub fn spawn(app: &Arc<App>) -> tokio::task::JoinHandle<()> {
    let monitors = app.monitors.clone();
    let mut stop = app.shutdown.subscribe();
    let mut events = app.live.monitor_events.subscribe();
    let on_event = monitors.clone();
    let mut stop_events = app.shutdown.subscribe();
    tokio::spawn(async move {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            tokio::select! {
                ev = events.recv() => match ev {
                    // A lagged receiver missed some: re-reading the rows covers them too.
                    Ok(_) | Err(RecvError::Lagged(_)) => on_event.sync().await,
                    Err(RecvError::Closed) => return,
                },
                // The guard `wait_for` returns is not Send: drop it inside the branch future.
                _ = async { let _ = stop_events.wait_for(|v| *v).await.map(|_| ()); } => return,
            }
        }
    });
    tokio::spawn(async move {
        monitors
            .clone()
            .poll(POLL, async move {
                let _ = stop.wait_for(|v| *v).await;
            })
            .await;
        monitors.shutdown(GRACE).await;
    })
}

/// The live state of session game `id` of session `sid`, if a monitor runs for it.
pub fn live(app: &App, sid: i64, id: i64) -> Option<LiveStatus> {
    app.monitors.live(id).filter(|l| l.session_id == sid)
}
