//! One WebSocket connection at `/api/sessions/live`: the upgrade handshake (hyper), the
//! protocol of `docs/live.md` (auth, subscribe, unsubscribe, ping and their replies), keepalive
//! (server pings every 30 s, 60 s idle timeout) and closing (slow client, shutdown).

use super::hub::{ClientHandle, FocusError, Frame, Hub};
use super::incoming::{self, ClientMessage};
use super::reply::Reply;
use crate::core::auth::Principal;
use futures_util::{SinkExt, StreamExt};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::watch;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

/// A connection from which nothing arrived for this long is closed
/// (`JACKBOX_WS_IDLE_TIMEOUT_MS` overrides it, for tests).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// `var` as a positive number of milliseconds (a test override), else `default`.
fn env_millis(var: &str, default: Duration) -> Duration {
    std::env::var(var)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|ms| *ms > 0)
        .map(Duration::from_millis)
        .unwrap_or(default)
}

fn idle_timeout() -> Duration {
    static IDLE: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
    *IDLE.get_or_init(|| env_millis("JACKBOX_WS_IDLE_TIMEOUT_MS", IDLE_TIMEOUT))
}
/// A write that cannot go out for this long means the client stopped reading: it is closed
/// with 1008 (`JACKBOX_WS_SEND_TIMEOUT_MS` overrides it, for tests).
pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);

fn send_timeout() -> Duration {
    static SEND: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
    *SEND.get_or_init(|| env_millis("JACKBOX_WS_SEND_TIMEOUT_MS", SEND_TIMEOUT))
}
/// The server pings every client this often.
pub const PING_INTERVAL: Duration = Duration::from_secs(30);
/// How long a close frame may take to leave before the socket is simply dropped.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(1);
/// The same for a slow client: its 1008 waits behind what it has not read yet, so it gets
/// a little longer to drain before the socket is dropped.
const SLOW_CLOSE_TIMEOUT: Duration = Duration::from_secs(5);
/// Frames and messages from clients are tiny; anything bigger is refused.
const MAX_INCOMING: usize = 64 * 1024;

/// A connection that has not authenticated this long after opening is closed (1008): a
/// slot is not held by a socket that never says who it is (`JACKBOX_WS_AUTH_TIMEOUT_MS`
/// overrides it, for tests). Until then its frames do not count as activity for the idle
/// timeout.
pub const AUTH_TIMEOUT: Duration = Duration::from_secs(10);

fn auth_timeout() -> Duration {
    static AUTH: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
    *AUTH.get_or_init(|| env_millis("JACKBOX_WS_AUTH_TIMEOUT_MS", AUTH_TIMEOUT))
}

/// Whether session `id` may be subscribed to: it exists or is one of the next to come
/// (`core::sessions::may_subscribe`); other IDs are refused.
pub type SessionExists = Arc<
    dyn Fn(i64) -> std::pin::Pin<Box<dyn std::future::Future<Output = bool> + Send>> + Send + Sync,
>;

/// Checks a JWT the way the HTTP API does (signature, revocation, the admin's key
/// generation): who it acts as, or `None`.
pub type Validate = Arc<
    dyn Fn(String) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<Principal>> + Send>>
        + Send
        + Sync,
>;

/// Small buffers: a connection costs a few KB, so 1,000 clients fit in little memory.
pub fn config() -> WebSocketConfig {
    // `write_buffer_size: 0` writes each message at once instead of batching 128 KiB per
    // client. `max_write_buffer_size` stays unlimited: a send waits (backpressure) while the
    // socket is full, so at most about one message sits there, and one event may be large
    // (1 MiB of notes). The bound on a slow client is its queue in the hub.
    WebSocketConfig {
        write_buffer_size: 0,
        max_message_size: Some(MAX_INCOMING),
        max_frame_size: Some(MAX_INCOMING),
        ..Default::default()
    }
}

/// Wraps an upgraded connection as a server-side WebSocket.
pub async fn accept<S>(io: S) -> WebSocketStream<S>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    // An empty read buffer to start with (not tungstenite's default 4 KiB): client messages
    // are a few dozen bytes, and at 10,000 clients (P8) 4 KiB each is 40 MB.
    WebSocketStream::from_partially_read(io, Vec::new(), Role::Server, Some(config())).await
}

fn error(message: &str) -> Frame {
    Reply::Error { message }.frame()
}

/// Why the loop stopped writing.
enum Stop {
    Gone,
    Kicked,
    Shutdown,
}

/// Runs the protocol until the client leaves, idles out, falls behind or the daemon stops.
pub async fn serve<S>(
    ws: WebSocketStream<S>,
    hub: Arc<Hub>,
    validate: Validate,
    exists: SessionExists,
    mut shutdown: watch::Receiver<bool>,
) where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let ClientHandle {
        id,
        mut rx,
        kicked,
        queued,
    } = hub.register();
    let (mut sink, mut stream) = ws.split();
    let mut ping = tokio::time::interval_at(Instant::now() + PING_INTERVAL, PING_INTERVAL);
    let idle_for = idle_timeout();
    let idle = tokio::time::sleep(idle_for);
    tokio::pin!(idle);
    let auth_deadline = tokio::time::sleep(auth_timeout());
    tokio::pin!(auth_deadline);
    // Set by the first accepted `auth`; a later revocation does not restart the deadline.
    let mut authenticated = false;
    // When the token the connection authenticated with expires (reset at each `auth`).
    let mut expires_at: Option<Instant> = None;
    let expiry = tokio::time::sleep(Duration::ZERO);
    tokio::pin!(expiry);
    // A connection accepted as the daemon stops: the loop's first turn sees the shutdown
    // (and sends the one shutdown close below).
    if *shutdown.borrow() {
        shutdown.mark_changed();
    }

    let stop = loop {
        let out: Message = tokio::select! {
            biased;
            _ = shutdown.changed() => break Stop::Shutdown,
            _ = kicked.notified() => break Stop::Kicked,
            // The token expired: the same path as a revoked token (auth_error, no more
            // subscriptions); the client may authenticate again.
            _ = &mut expiry, if expires_at.is_some() => {
                expires_at = None;
                hub.deauthenticate(&[id], invalid_token());
                continue;
            }
            _ = &mut idle => {
                let _ = close(&mut sink, CloseCode::Normal, "Idle timeout", CLOSE_TIMEOUT).await;
                break Stop::Gone;
            }
            _ = &mut auth_deadline, if !authenticated => {
                let _ = close(&mut sink, CloseCode::Policy, AUTH_TIMEOUT_REASON, CLOSE_TIMEOUT).await;
                break Stop::Gone;
            }
            incoming = stream.next() => {
                let Some(Ok(msg)) = incoming else { break Stop::Gone };
                if authenticated {
                    idle.as_mut().reset(Instant::now() + idle_for);
                }
                let body = match msg {
                    Message::Text(t) => t,
                    Message::Binary(b) => String::from_utf8_lossy(&b).into_owned(),
                    // Pings are answered by tungstenite itself; a close is answered too and
                    // the stream then ends.
                    _ => continue,
                };
                let reply = match incoming::parse(&body) {
                    // Checking a token may read the database: done here, off the hub.
                    Ok(ClientMessage::Auth { token: Some(token) }) => match validate(token).await {
                        Some(p) => {
                            let left = p.claims.exp - chrono::Utc::now().timestamp();
                            let at = Instant::now() + Duration::from_secs(left.max(0) as u64);
                            expires_at = Some(at);
                            expiry.as_mut().reset(at);
                            hub.set_principal(id, p);
                            if !authenticated {
                                authenticated = true;
                                idle.as_mut().reset(Instant::now() + idle_for);
                            }
                            Reply::authenticated().frame()
                        }
                        None => invalid_token(),
                    },
                    Ok(msg) => match handle(msg, id, &hub) {
                        Handled::Reply(frame) => frame,
                        Handled::Subscribe(session_id) => {
                            subscribe(id, session_id, &hub, &exists).await
                        }
                    },
                    Err(refusal) => error(&refusal),
                };
                // Replies go through the client's queue so they stay in order with events.
                if !reply.is_empty() {
                    hub.reply(id, reply);
                }
                continue;
            }
            frame = rx.recv() => match frame {
                Some(f) => {
                    queued.fetch_sub(f.len(), std::sync::atomic::Ordering::Relaxed);
                    Message::Text(f.to_string())
                }
                None => break Stop::Gone,
            },
            _ = ping.tick() => Message::Ping(Vec::new()),
        };
        // A write blocks while the client does not read; stay responsive to kick/shutdown,
        // and give up on a client whose socket took nothing for `send_timeout` (R6).
        let sent = tokio::select! {
            biased;
            r = tokio::time::timeout(send_timeout(), sink.send(out)) => match r {
                Ok(r) => r.map_err(|_| Stop::Gone),
                Err(_) => Err(Stop::Kicked),
            },
            _ = kicked.notified() => Err(Stop::Kicked),
            _ = shutdown.changed() => Err(Stop::Shutdown),
        };
        if let Err(stop) = sent {
            break stop;
        }
    };
    match stop {
        Stop::Gone => {}
        Stop::Kicked => {
            // Out of the hub at once: no more events queue up, and shutdown does not wait
            // for a close frame that may never leave.
            hub.unregister(id);
            tracing::info!(
                client = id,
                "closing a WebSocket client that does not read (1008)"
            );
            let _ = close(
                &mut sink,
                CloseCode::Policy,
                "Client too slow: too many pending messages",
                SLOW_CLOSE_TIMEOUT,
            )
            .await;
        }
        Stop::Shutdown => {
            let _ = close(
                &mut sink,
                CloseCode::Away,
                "Server shutting down",
                CLOSE_TIMEOUT,
            )
            .await;
        }
    }
    // Only now: shutdown waits for every client to be gone, close frame sent.
    hub.unregister(id);
}

async fn close<S>(
    sink: &mut futures_util::stream::SplitSink<WebSocketStream<S>, Message>,
    code: CloseCode,
    reason: &'static str,
    within: Duration,
) -> Result<(), ()>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    match tokio::time::timeout(within, sink.send(Message::Close(Some(frame)))).await {
        Ok(Ok(())) => Ok(()),
        _ => Err(()),
    }
}

/// What a connection hears when its token is refused or stops working (revoked).
pub fn invalid_token() -> Frame {
    let message = crate::core::auth::invalid_token().message;
    Reply::AuthError { message: &message }.frame()
}

/// The close reason of a connection that did not authenticate in time.
pub const AUTH_TIMEOUT_REASON: &str = "Authentication timeout";

/// What a client message asks for: a reply now, or a subscription (which needs a lookup).
enum Handled {
    Reply(Frame),
    Subscribe(i64),
}

impl From<Frame> for Handled {
    fn from(frame: Frame) -> Self {
        Handled::Reply(frame)
    }
}

/// A `subscribe` of an authenticated client: refused for a session that does not exist (and
/// is not one of the next to come) and beyond [`super::hub::MAX_SUBSCRIPTIONS`], with the `error` reply every refusal has.
async fn subscribe(id: u64, session_id: i64, hub: &Hub, exists: &SessionExists) -> Frame {
    if !hub.is_subscribed(id, session_id) {
        if !exists(session_id).await {
            return error(&crate::core::sessions::session_not_found().message);
        }
        if !hub.subscribe(id, session_id) {
            return error(&too_many_subscriptions());
        }
    }
    Reply::subscribed(session_id).frame()
}

/// The refusal of one subscription too many.
pub fn too_many_subscriptions() -> String {
    format!(
        "Too many subscriptions: at most {} sessions per connection",
        super::hub::MAX_SUBSCRIPTIONS
    )
}

/// One client message (other than an `auth` with a token) → its reply (`docs/live.md`).
fn handle(msg: ClientMessage, id: u64, hub: &Hub) -> Handled {
    let frame = match msg {
        ClientMessage::Auth { .. } => Reply::token_required().frame(),
        ClientMessage::PageFocus { page } => {
            let page = match page.as_deref() {
                Some(p) if !p.trim().is_empty() && p.len() <= 200 => p.trim(),
                _ => return error("page is required").into(),
            };
            match hub.page_focus(id, page) {
                // The reply is the `presence_update` every admin client gets.
                Ok(()) => Arc::from(""),
                Err(FocusError::NotAuthenticated) => error("Not authenticated"),
                Err(FocusError::NotAdmin) => {
                    error(&crate::core::auth::insufficient_permissions().message)
                }
            }
        }
        ClientMessage::Subscribe { session_id } | ClientMessage::Unsubscribe { session_id } => {
            if !hub.is_authenticated(id) {
                return error("Not authenticated").into();
            }
            let Some(session_id) = session_id else {
                return error("sessionId is required").into();
            };
            if matches!(msg, ClientMessage::Subscribe { .. }) {
                return Handled::Subscribe(session_id);
            }
            hub.unsubscribe(id, session_id);
            Reply::unsubscribed(session_id).frame()
        }
        ClientMessage::Ping => Reply::Pong.frame(),
    };
    frame.into()
}
