//! Live updates of the daemon: the outbox dispatcher, the WebSocket hub and protocol, and the
//! webhook sender task, bundled in [`Live`] which the server's `App` holds.
//!
//! ```text
//!  commits (daemon: `committed` Notify; CLI: PRAGMA data_version)
//!        │
//!  dispatch ──► hub ──► each client's bounded queue ──► WebSocket
//!        ├────► monitor_events (monitor.changed, for the room-monitor supervisor)
//!        └────► webhooks_wake ──► webhook sender (crate::webhooks::run)
//! ```

pub mod dispatch;
pub mod hub;
pub mod incoming;
pub mod reply;
pub mod ws;

use crate::core::events::StoredEvent;
use crate::Result;
use hub::Hub;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{broadcast, watch, Notify};

/// What re-checking a WebSocket client's token needs (besides the database).
pub struct AuthCheck {
    pub registry: Arc<crate::core::auth::Registry>,
}

/// Everything live about a running daemon.
pub struct Live {
    /// Connected WebSocket clients and their subscriptions.
    pub hub: Arc<Hub>,
    /// `monitor.changed` events, in commit order, for the room-monitor supervisor
    /// (`subscribe()` to receive them). Nothing else is sent here.
    pub monitor_events: broadcast::Sender<StoredEvent>,
    /// Every event handed out, in commit order, for listeners inside the daemon (the
    /// Twitch bot's announcements). Sent only while someone listens.
    pub events: broadcast::Sender<StoredEvent>,
    /// Notified after each write the daemon commits: wakes the dispatcher at once.
    pub committed: Arc<Notify>,
    /// Wakes the webhook sender (new deliveries may be queued).
    pub webhooks_wake: Arc<Notify>,
    /// The webhook sender's own connection (also used by the test endpoint).
    pub webhook_db: crate::webhooks::Db,
    /// The HTTP client for webhook receivers, with the sender's settings.
    pub webhooks: crate::webhooks::Sender,
    db: PathBuf,
    /// How WebSocket clients' tokens are checked again after a revoke.
    auth: AuthCheck,
    /// The connection of those checks.
    auth_db: Arc<Mutex<rusqlite::Connection>>,
    /// The daemon's shutdown flag (`App::shutdown`): `true` closes every client with 1001.
    shutdown: watch::Receiver<bool>,
}

impl Live {
    /// Prepares the live parts for the database at `db`. `committed` is the `Notify` the
    /// server notifies after each of its writes; `shutdown` turns `true` when the daemon
    /// stops.
    pub fn new(
        db: &Path,
        committed: Arc<Notify>,
        shutdown: watch::Receiver<bool>,
        auth: AuthCheck,
        webhooks: crate::webhooks::Settings,
    ) -> Result<Arc<Live>> {
        let conn = crate::store::open(db)?;
        let auth_db = crate::store::open(db)?;
        auth_db.execute_batch("PRAGMA query_only = ON")?;
        let (monitor_events, _) = broadcast::channel(1024);
        let (events, _) = broadcast::channel(1024);
        Ok(Arc::new(Live {
            hub: Arc::new(Hub::new()),
            monitor_events,
            events,
            committed,
            webhooks_wake: Arc::new(Notify::new()),
            webhook_db: Arc::new(Mutex::new(conn)),
            webhooks: crate::webhooks::Sender::new(webhooks)?,
            db: db.to_path_buf(),
            auth,
            auth_db: Arc::new(Mutex::new(auth_db)),
            shutdown,
        }))
    }

    /// Starts the dispatcher and the webhook sender (call once, inside the runtime).
    pub fn start(self: &Arc<Self>) {
        tokio::spawn(dispatch::run(self.db.clone(), self.clone()));
        let mut stop = self.shutdown_signal();
        tokio::spawn(crate::webhooks::run(
            self.webhook_db.clone(),
            self.webhooks.clone(),
            self.webhooks_wake.clone(),
            async move {
                let _ = stop.wait_for(|v| *v).await;
            },
        ));
    }

    /// A receiver that changes to `true` when the daemon shuts down.
    pub fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.shutdown.clone()
    }

    /// Sends a frame straight to the subscribers of a session, without the outbox (the room
    /// monitor's 20 s `game.status` heartbeat).
    pub fn publish(&self, session_id: i64, json_text: &str) {
        self.hub.publish(session_id, Arc::from(json_text));
    }

    /// Admins or tokens changed (a revoke, a removed or rotated admin): checks every
    /// authenticated client's token again; those that no longer work get `auth_error` and
    /// lose their subscriptions and presence.
    pub async fn recheck_auth(self: Arc<Self>) {
        let clients = self.hub.authenticated();
        if clients.is_empty() {
            return;
        }
        let me = self.clone();
        let stale = tokio::task::spawn_blocking(move || {
            let conn = me.auth_db.lock().unwrap_or_else(|p| p.into_inner());
            clients
                .into_iter()
                .filter(|(_, claims)| {
                    // A database error keeps the client: better than dropping everyone.
                    matches!(
                        crate::core::auth::check(&conn, &me.auth.registry, claims),
                        Err(e) if e.kind == crate::ErrorKind::Forbidden
                    )
                })
                .map(|(id, _)| id)
                .collect::<Vec<u64>>()
        })
        .await
        .unwrap_or_default();
        if !stale.is_empty() {
            tracing::info!(
                clients = stale.len(),
                "WebSocket clients lost their authentication"
            );
            self.hub.deauthenticate(&stale, ws::invalid_token());
        }
    }

    /// After the shutdown flag is set: waits (at most `grace`) until every WebSocket client
    /// got its close frame (1001) and left.
    pub async fn closed(&self, grace: Duration) {
        let _ = tokio::time::timeout(grace, self.hub.wait_empty()).await;
    }
}
