//! The daemon's configuration ([`Config`], what `jackbox serve` was asked) and its shared
//! state ([`App`], one per process, which every handler receives): opening the database
//! connections, the signing secret, the admins, and the live parts at start.

use super::{auth_routes, chat, db, monitors, throttle, token_memo, LogFormat};
use crate::Result;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Most connections `--max-connections` defaults to: well above a game night's needs (the
/// benchmark holds 10,000 WebSocket clients), well below what memory allows.
pub const DEFAULT_MAX_CONNECTIONS: usize = 16_384;

/// The default of `--max-connections`: [`DEFAULT_MAX_CONNECTIONS`], or fewer when the
/// process may not open that many files (each connection is one descriptor, and the
/// database, WAL and logs need a few more): then a client beyond the limit still gets the
/// JSON 503 instead of a connection the kernel refuses to accept.
pub fn default_max_connections() -> usize {
    match crate::platform::open_files_limit() {
        Some(n) => n.saturating_sub(64).clamp(16, DEFAULT_MAX_CONNECTIONS),
        None => DEFAULT_MAX_CONNECTIONS,
    }
}

/// How the daemon was asked to run.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    /// Allowed browser origins; empty = CORS off. `*` allows any origin.
    pub cors_origins: Vec<String>,
    /// Base URL of the Jackbox lobby server (for the room monitor).
    pub ecast_url: String,
    /// Default request body limit (1 MiB).
    pub body_limit: usize,
    /// Body limit of the chat-import route (64 MiB).
    pub import_body_limit: usize,
    /// Admin key from the environment, if any (else the hash in `settings`).
    pub admin_key: Option<String>,
    /// JWT secret from the environment, if any (else generated and persisted).
    pub jwt_secret: Option<Vec<u8>>,
    /// Reader connections in the pool.
    pub readers: usize,
    /// Client connections served at once (WebSockets included); one more gets a 503.
    pub max_connections: usize,
    /// Folder of the daily backups (`--backup-dir`); `None`: no automatic backups.
    pub backup_dir: Option<PathBuf>,
    /// Daily backups kept (the newest); older ones are deleted.
    pub backup_keep: usize,
    /// The admins file (`JACKBOX_ADMINS_FILE` / `ADMIN_CONFIG_PATH`), if any.
    pub admins_file: Option<PathBuf>,
    /// Audit rows older than this many days are deleted.
    pub audit_retention_days: u32,
    /// The log format on stderr; `None` leaves logging to the caller (tests in process).
    pub log_format: Option<LogFormat>,
    /// Live chat: where sources connect, the counting rules.
    pub chat: crate::chat::Config,
    /// The chat sources given at start (`--twitch`, `--youtube`): they replace the stored
    /// list. `None`: the stored list is read.
    pub chat_sources: Option<Vec<crate::core::chat::sources::Source>>,
    /// The webhook sender's address policy, retry base and timeout.
    pub webhooks: crate::webhooks::Settings,
}

impl Config {
    pub fn new(db: PathBuf) -> Self {
        Config {
            db,
            cors_origins: Vec::new(),
            ecast_url: "https://ecast.jackboxgames.com".into(),
            body_limit: 1 << 20,
            import_body_limit: 64 << 20,
            admin_key: None,
            jwt_secret: None,
            readers: 4,
            max_connections: default_max_connections(),
            backup_dir: None,
            backup_keep: 7,
            admins_file: None,
            audit_retention_days: crate::core::audit::DEFAULT_RETENTION_DAYS,
            log_format: None,
            chat: crate::chat::Config::from_env(),
            chat_sources: None,
            webhooks: crate::webhooks::Settings::default(),
        }
    }
}

/// Shared state of the daemon, one per process, behind an `Arc`. Other parts of the daemon
/// (WebSocket hub, monitor supervisor, webhook dispatcher) add their fields here.
pub struct App {
    pub config: Config,
    pub db: db::Db,
    /// Notified after every successful write through `db.write` (the outbox dispatcher
    /// waits on it; CLI writes from other processes are found by its periodic poll).
    pub outbox_wake: Arc<tokio::sync::Notify>,
    /// The signing secret of API tokens, resolved once at startup.
    pub jwt_secret: Vec<u8>,
    /// The admins besides the database's: the admins file and the legacy key from the
    /// environment (checked at start).
    pub registry: Arc<crate::core::auth::Registry>,
    /// Failed logins per client IP (S2).
    pub login_throttle: throttle::Throttle,
    /// Recent token checks, answered from memory while the auth tables are unchanged.
    pub token_memo: token_memo::TokenMemo,
    /// Bounds the login key checks running at once ([`auth_routes::LOGIN_CHECKS`]).
    pub login_checks: Arc<tokio::sync::Semaphore>,
    /// Flips to `true` when shutdown starts: long-lived tasks (WebSockets, monitors) watch
    /// it to say goodbye.
    pub shutdown: tokio::sync::watch::Sender<bool>,
    /// Flips to `true` when requests still running at shutdown must stop: each then answers
    /// `503 Server shutting down` at once (see [`super::REQUEST_DEADLINE`]).
    pub hard_stop: tokio::sync::watch::Sender<bool>,
    /// WebSocket hub, outbox dispatcher, webhook sender, and the `monitor_events` channel
    /// of `monitor.changed` events for the room-monitor supervisor (`crate::live`).
    pub live: Arc<crate::live::Live>,
    /// The room monitors (one task per `monitoring` row; `monitors.rs`).
    pub monitors: Arc<crate::monitor::supervisor::Supervisor>,
    /// The live chat sources (`chat.rs`).
    pub chat: Arc<crate::chat::Chat>,
}

impl App {
    /// Opens the database connections (once, for the whole life of the daemon). Blocking:
    /// call before serving, or from `spawn_blocking`.
    pub fn new(config: Config) -> Result<Arc<App>> {
        // A damaged file is refused before anything (migrations included) writes to it.
        crate::store::check_at_start(&config.db, START_CHECK_BUDGET)?;
        let outbox_wake = Arc::new(tokio::sync::Notify::new());
        let db = db::Db::open(&config.db, config.readers, outbox_wake.clone())?;
        let jwt_secret = db.with_writer_now(|conn| {
            crate::core::auth::jwt_secret(conn, config.jwt_secret.clone())
        })?;
        let registry = Arc::new(db.with_writer_now(|conn| registry(conn, &config, &jwt_secret))?);
        let shutdown = tokio::sync::watch::channel(false).0;
        let checker = crate::live::AuthCheck {
            registry: registry.clone(),
        };
        let live = crate::live::Live::new(
            &config.db,
            outbox_wake.clone(),
            shutdown.subscribe(),
            checker,
            config.webhooks,
        )?;
        let monitors = monitors::supervisor(&config.db, &config.ecast_url, live.clone());
        let chat_config = config.chat.clone();
        let chat_shutdown = shutdown.subscribe();
        Ok(Arc::new_cyclic(|app| App {
            chat: chat::runtime(app.clone(), chat_config, chat_shutdown),
            monitors,
            db,
            outbox_wake,
            jwt_secret,
            registry,
            login_throttle: throttle::Throttle::default(),
            token_memo: token_memo::TokenMemo::default(),
            login_checks: Arc::new(tokio::sync::Semaphore::new(auth_routes::LOGIN_CHECKS)),
            shutdown,
            hard_stop: tokio::sync::watch::channel(false).0,
            live,
            config,
        }))
    }
}

/// The admins file (refused when bad: the message names the file and the problem, never a
/// key) and the legacy key of the environment. Prunes expired tokens and old audit rows.
fn registry(
    conn: &mut rusqlite::Connection,
    config: &Config,
    secret: &[u8],
) -> Result<crate::core::auth::Registry> {
    use crate::core::{admins, audit, tokens};
    let file = match &config.admins_file {
        Some(path) => {
            let file = admins::load_file(path)?;
            admins::check_file_against_db(conn, path, &file)?;
            tracing::info!(admins = file.len(), file = %path.display(), "admins file loaded");
            file
        }
        None => Vec::new(),
    };
    crate::store::write(conn, |tx| {
        tokens::prune(tx)?;
        audit::prune(tx, config.audit_retention_days)?;
        Ok(())
    })?;
    Ok(crate::core::auth::Registry {
        file,
        env_key: config.admin_key.clone(),
        secret: secret.to_vec(),
    })
}

/// The start-up `PRAGMA quick_check` stops after this long (a very large file is then
/// checked only by `jackbox db check`).
const START_CHECK_BUDGET: Duration = Duration::from_secs(3);

// The shutdown budget (R8: exit within 5 s; issue 26: within 4.5 s at 1,000 stuck
// WebSocket clients and an import in flight), stage by stage from the signal:
//   0 s      no more connections; WebSocket clients get their 1001 (a client whose socket
//            takes nothing is dropped after 1 s); idle connections close.
//   2.5 s    REQUEST_DEADLINE: requests still running are answered 503 and their work is
//            dropped; a chat import rolls back (`Db::stop_long_writes`).
//   3 s      SHUTDOWN_GRACE: connections still open are left behind.
//   3.5 s    SHUTDOWN_DEADLINE: room monitors are no longer waited for.
//   3.8 s    the runtime's own shutdown (`cli::serve`, 300 ms for blocking tasks).
//   4.3 s    EXIT_DEADLINE: `cli::serve`'s watchdog ends the process whatever still runs.
