//! The room monitors inside the daemon: the supervisor's lifecycle (started with the
//! server, resuming every `monitoring` row; stopped at shutdown without touching statuses),
//! the sink of their live output, and the live `status-live` lookup.
//!
//! Until the outbox dispatcher delivers `monitor.changed` events here, the supervisor is
//! driven by a 1 s poll of the monitored rows (cheap: one indexed query).

use super::App;
use crate::monitor::supervisor::Supervisor;
use crate::monitor::{Config, LiveSink, LiveStatus};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How often the supervisor reconciles with the database (the fallback driver).
const POLL: Duration = Duration::from_secs(1);
/// How long monitors get to close their connections at shutdown.
const GRACE: Duration = Duration::from_secs(2);

/// Where the daemon's monitors send live output.
pub struct DaemonSink {
    /// Wakes the outbox dispatcher after a monitor wrote events (monitors write through
    /// their own connections, which the server's `Notify` does not see).
    pub wake: Arc<Notify>,
}

impl LiveSink for DaemonSink {
    fn heartbeat(&self, session_id: i64, event_json: String) {
        // The WebSocket hub publishes this to the session's subscribers once it is wired in
        // (`Live::publish(session_id, &event_json)`).
        tracing::trace!(session_id, event = %event_json, "game.status");
    }
    fn event(&self, _session_id: i64, _event_json: String) {
        self.wake.notify_one();
    }
}

/// The daemon's supervisor for `config.db`, its monitors using `ecast_url`.
pub fn supervisor(db: &std::path::Path, ecast_url: &str, wake: Arc<Notify>) -> Arc<Supervisor> {
    Supervisor::new(
        Config::from_env(Some(ecast_url)),
        db.to_path_buf(),
        Arc::new(DaemonSink { wake }),
    )
}

/// Runs the supervisor until the daemon's shutdown flag flips, then stops every monitor
/// (their rows stay `monitoring`: they resume at the next start).
pub fn spawn(app: &Arc<App>) -> tokio::task::JoinHandle<()> {
    let monitors = app.monitors.clone();
    let mut stop = app.shutdown.subscribe();
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
