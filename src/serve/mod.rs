//! The daemon (`jackbox serve`): the hyper accept loop and graceful shutdown. The shared
//! state every handler receives is `app.rs`, the background jobs `jobs.rs`, the start path
//! (lock, bind, logs) `start.rs`.
//!
//! Handlers are thin adapters over `crate::core`; all database work runs through
//! [`db::Db`] on blocking threads, never on the reactor.

pub mod admission;
mod app;
pub mod auth;
pub mod auth_routes;
pub mod catalog;
pub mod catalog_edit;
pub mod chat;
pub mod db;
pub mod games;
pub mod http;
mod jobs;
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
pub use app::{default_max_connections, App, Config, DEFAULT_MAX_CONNECTIONS};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
pub use start::{run, Listen, LogFormat};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

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
    tokio::spawn(jobs::prune_hourly(app.clone()));
    if let Some(dir) = app.config.backup_dir.clone() {
        tokio::spawn(jobs::backup_daily(app.clone(), dir));
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
        use futures_util::future::Either;
        // An answer ready at once (P1) needs no task state: no busy mark (nothing is left
        // in flight for shutdown to wait for), no future beyond the answer. The other
        // requests' future is boxed: hyper moves the service's future into place, and the
        // ready answer should not be moved as a future the size of the whole router's.
        if let Some(resp) = router::answer_now(&app, &req, peer) {
            return Either::Left(std::future::ready(Ok(resp)));
        }
        // Only an upgrade outlives the connection task (allocating the extension map for
        // every request would cost the hot path).
        if req.headers().contains_key(hyper::header::UPGRADE) {
            req.extensions_mut().insert(slot.clone());
        }
        let app = app.clone();
        let guard = BusyGuard::enter(&in_service);
        let linger = linger.clone();
        Either::Right(Box::pin(async move {
            let resp = router::handle(app, req, peer).await;
            if matches!(resp.status().as_u16(), 413 | 415) {
                // Refused unread: the client may still be sending (see `linger`).
                linger.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            drop(guard);
            Ok::<_, std::convert::Infallible>(resp)
        }))
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
