//! The daemon (`jackbox serve`): the hyper accept loop, graceful shutdown, and the shared
//! application state every handler receives.
//!
//! Handlers are thin adapters over `crate::core`; all database work runs through
//! [`db::Db`] on blocking threads, never on the reactor.

pub mod admission;
pub mod auth;
pub mod auth_routes;
pub mod catalog;
pub mod catalog_edit;
pub mod chat;
pub mod db;
pub mod games;
pub mod http;
pub mod linger;
pub mod monitors;
pub mod pick;
pub mod polls;
pub mod router;
pub mod sessions;
mod start;
pub mod stats;
pub mod throttle;
pub mod token_memo;
pub mod vocab_js;
pub mod votes;
pub mod web;
pub mod webhooks;

use crate::Result;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
pub use start::{run, Listen, LogFormat};
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

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
    /// `503 Server shutting down` at once (see [`REQUEST_DEADLINE`]).
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

/// Deletes expired/revoked tokens (after 30 days) and old audit rows, every hour, until
/// shutdown.
async fn prune_hourly(app: Arc<App>) {
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
/// count, never the live database: `dir` may be the database's own folder). Checked hourly, so a daemon that
/// restarts often still backs up once a day.
async fn backup_daily(app: Arc<App>, dir: PathBuf) {
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

/// How long in-flight requests get to finish after a shutdown signal; a request still
/// running then (a big import) is answered `503 Server shutting down` and its work dropped.
pub const REQUEST_DEADLINE: Duration = Duration::from_millis(2500);
/// How long connections get to close after a shutdown signal (the 503s above go out).
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);
/// The whole shutdown, room monitors included; then the runtime's own short shutdown
/// (`cli::serve`).
const SHUTDOWN_DEADLINE: Duration = Duration::from_millis(3500);
/// After the signal, the process ends by this time whatever is still running (the
/// database is safe: an unfinished transaction is never part of the file).
pub const EXIT_DEADLINE: Duration = Duration::from_millis(4300);
/// A client must send a complete request head within this time.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The most a connection's read buffer grows to: the largest head hyper accepts, plus room.
const READ_BUFFER_MAX: usize = 2 * http::MAX_HEAD_BYTES + 8 * 1024;
/// At shutdown, how long an idle connection may take to flush what it was writing.
const IDLE_CLOSE_GRACE: Duration = Duration::from_millis(250);

/// Serves `app` on `listener` until `shutdown` resolves, then lets in-flight requests finish
/// (at most a few seconds) and returns.
pub async fn serve(
    app: Arc<App>,
    listener: TcpListener,
    shutdown: impl Future<Output = ()>,
) -> Result<()> {
    let addr = listener.local_addr()?;
    tracing::info!(%addr, version = crate::VERSION, "serving");
    app.live.start();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        // hyper's own bound is twice the limit that gets a JSON 431 (router, S5); beyond
        // it hyper answers an empty 431 and closes.
        .max_header_size(2 * http::MAX_HEAD_BYTES)
        .max_headers(2 * http::MAX_HEADERS)
        // hyper's read buffer grows to ~400 KB by default while a body streams in: 1,000
        // clients sending 1 MB held +343 MB (issue 26). Just above the largest head.
        .max_buf_size(READ_BUFFER_MAX);
    // Each connection task holds a receiver: a change asks it to finish gracefully, and
    // `closed()` resolves once every connection has ended. (hyper-util's GracefulShutdown
    // does not accept http1 connections with upgrades, which WebSockets need.)
    let (graceful, _) = tokio::sync::watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    let monitors = monitors::spawn(&app);
    let admission = admission::Admission::new(app.config.max_connections);
    let poll_clock = tokio::spawn(polls::clock(app.clone()));
    if let Err(e) = chat::start(&app).await {
        tracing::error!(error = %e.message, "live chat sources not started");
    }
    tokio::spawn(prune_hourly(app.clone()));
    if let Some(dir) = app.config.backup_dir.clone() {
        tokio::spawn(backup_daily(app.clone(), dir));
    }
    loop {
        tokio::select! {
            conn = listener.accept() => {
                let (stream, peer) = match conn {
                    Ok(c) => c,
                    Err(e) => {
                        // Out of file descriptors and the like: back off instead of spinning.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                match admission.admit(peer.ip()) {
                    Some(slot) => serve_connection(&app, &builder, &graceful, stream, peer, slot),
                    None => refuse_busy(stream, peer),
                }
            }
            _ = shutdown.as_mut() => break,
        }
    }
    drop(listener);
    tracing::info!("shutting down: finishing in-flight requests");
    let _ = app.shutdown.send(true);
    app.chat.stop_all();
    let stopping = tokio::time::Instant::now();
    let late = app.clone();
    tokio::spawn(async move {
        tokio::time::sleep(REQUEST_DEADLINE).await;
        late.db.stop_long_writes();
        let _ = late.hard_stop.send(true);
    });
    let websockets_closed = app.live.closed(SHUTDOWN_GRACE);
    tokio::select! {
        _ = async {
            let _ = graceful.send(());
            tokio::join!(graceful.closed(), websockets_closed)
        } => {
            tracing::info!("all connections closed")
        }
        _ = tokio::time::sleep(SHUTDOWN_GRACE) => {
            tracing::warn!("connections still open after {:?}; exiting anyway", SHUTDOWN_GRACE)
        }
    }
    let _ = tokio::time::timeout_at(stopping + SHUTDOWN_DEADLINE, monitors).await;
    poll_clock.abort();
    Ok(())
}

fn serve_connection(
    app: &Arc<App>,
    builder: &http1::Builder,
    graceful: &tokio::sync::watch::Sender<()>,
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    slot: admission::Admitted,
) {
    let app = app.clone();
    // Requests being handled on this connection: at shutdown, a connection with none
    // (idle keep-alive, or a head still being sent) is closed at once instead of waiting.
    let busy = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let in_service = busy.clone();
    // Every request carries the slot: a WebSocket upgrade keeps it for as long as the
    // socket lives, after this connection task has ended.
    let slot = ConnSlot(Arc::new(slot));
    let (stream, linger) = linger::Stream::new(stream, slot.clone());
    let service = hyper::service::service_fn(move |mut req: hyper::Request<_>| {
        // Only an upgrade outlives the connection task (allocating the extension map for
        // every request would cost the hot path).
        if req.headers().contains_key(hyper::header::UPGRADE) {
            req.extensions_mut().insert(slot.clone());
        }
        let app = app.clone();
        let guard = BusyGuard::enter(&in_service);
        let linger = linger.clone();
        async move {
            let resp = router::handle(app, req, peer).await;
            if matches!(resp.status().as_u16(), 413 | 415) {
                // Refused unread: the client may still be sending (see `linger`).
                linger.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            drop(guard);
            Ok::<_, std::convert::Infallible>(resp)
        }
    });
    let conn = builder
        .serve_connection(TokioIo::new(stream), service)
        .with_upgrades();
    let mut stop = graceful.subscribe();
    tokio::spawn(async move {
        let mut conn = std::pin::pin!(conn);
        let result = tokio::select! {
            r = conn.as_mut() => r,
            _ = stop.changed() => {
                conn.as_mut().graceful_shutdown();
                if busy.load(std::sync::atomic::Ordering::SeqCst) > 0 {
                    // Finish the request in flight, then close.
                    conn.await
                } else {
                    // Nothing in flight: let a response being flushed go out, no more.
                    match tokio::time::timeout(IDLE_CLOSE_GRACE, conn).await {
                        Ok(r) => r,
                        Err(_) => Ok(()),
                    }
                }
            }
        };
        if let Err(e) = result {
            tracing::debug!(%peer, error = %e, "connection ended with an error");
        }
        drop(stop);
    });
}

/// The error a client gets when every connection slot is taken.
pub fn busy_error() -> crate::Error {
    crate::Error::new(
        crate::ErrorKind::Unavailable,
        "Server busy: too many connections, try again later",
    )
}

/// Answers a connection over the cap with a JSON 503 and closes it, without reading its
/// request (at most a second of the daemon's time).
fn refuse_busy(mut stream: tokio::net::TcpStream, peer: SocketAddr) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    tracing::warn!(%peer, "connection refused: too many connections");
    tokio::spawn(async move {
        let body = busy_error().to_json().to_string();
        let head = format!(
            "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
             content-length: {}\r\nretry-after: 1\r\nconnection: close\r\n\r\n",
            body.len()
        );
        let _ = tokio::time::timeout(Duration::from_secs(1), async {
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(body.as_bytes()).await?;
            stream.shutdown().await?;
            // Read what the client sent until it closes: closing with unread data would
            // reset the connection and could destroy the answer before it is read.
            let mut sink = [0u8; 1024];
            while stream.read(&mut sink).await? > 0 {}
            Ok::<_, std::io::Error>(())
        })
        .await;
    });
}

/// One of the `--max-connections` slots, held by a connection (and its WebSocket).
#[derive(Clone)]
pub struct ConnSlot(#[allow(dead_code)] Arc<admission::Admitted>);

/// Counts a request as in flight for as long as it lives.
struct BusyGuard(Arc<std::sync::atomic::AtomicUsize>);

impl BusyGuard {
    fn enter(counter: &Arc<std::sync::atomic::AtomicUsize>) -> Self {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        BusyGuard(counter.clone())
    }
}

impl Drop for BusyGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Resolves when the process is asked to stop: Ctrl-C, SIGTERM, or on Windows Ctrl-Break
/// and the console window closing ([`crate::platform::stop_requested`]).
pub async fn shutdown_signal() {
    let why = crate::platform::stop_requested().await;
    tracing::info!("received {why}");
}
