//! The WebSocket hub: who is connected, who is authenticated, who subscribed to which
//! session, and the bounded queue of each client.
//!
//! Publishing never waits: each event is serialized once (an `Arc<str>` shared by every
//! queue) and offered to each recipient with `try_send`. A client whose queue is full has
//! fallen too far behind: it is removed from the hub and told to close (1008), so it never
//! slows the others or grows memory.

use crate::core::auth::Claims;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::{mpsc, Notify};

/// Messages a client may have waiting before it counts as too slow.
pub const QUEUE_CAPACITY: usize = 256;
/// Bytes a client may have waiting before it counts as too slow (one frame larger than this
/// is still accepted into an empty queue: a big event is not a slow client).
pub const QUEUE_BYTES: usize = 2 << 20;

/// One text frame waiting for a client, shared by every client it goes to.
pub type Frame = Arc<str>;

/// What a connection task gets back when it registers.
pub struct ClientHandle {
    pub id: u64,
    pub rx: mpsc::Receiver<Frame>,
    /// Notified when the hub dropped the client for being too slow.
    pub kicked: Arc<Notify>,
    /// Notified when the client's authentication must end (see [`Hub::end_auth_where`]).
    pub end_auth: Arc<Notify>,
    /// Bytes of the frames waiting in `rx`: the task subtracts what it takes out.
    pub queued: Arc<AtomicUsize>,
}

struct Client {
    tx: mpsc::Sender<Frame>,
    kicked: Arc<Notify>,
    end_auth: Arc<Notify>,
    queued: Arc<AtomicUsize>,
    /// The claims of the token it authenticated with (`None`: not authenticated).
    claims: Option<Claims>,
    sessions: HashSet<i64>,
}

#[derive(Default)]
struct Inner {
    next_id: u64,
    clients: HashMap<u64, Client>,
    by_session: HashMap<i64, HashSet<u64>>,
}

/// Shared by the dispatcher (publisher), the connection tasks and the room monitors.
#[derive(Default)]
pub struct Hub {
    inner: Mutex<Inner>,
    /// Notified whenever a client leaves (lets shutdown wait for the last one).
    left: Notify,
}

impl Hub {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding this lock cannot leave the maps half-updated in a way that
        // matters more than losing the hub, so keep serving.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Registers a new connection.
    pub fn register(&self) -> ClientHandle {
        let (tx, rx) = mpsc::channel(QUEUE_CAPACITY);
        let kicked = Arc::new(Notify::new());
        let end_auth = Arc::new(Notify::new());
        let queued = Arc::new(AtomicUsize::new(0));
        let mut inner = self.lock();
        inner.next_id += 1;
        let id = inner.next_id;
        inner.clients.insert(
            id,
            Client {
                tx,
                kicked: kicked.clone(),
                end_auth: end_auth.clone(),
                queued: queued.clone(),
                claims: None,
                sessions: HashSet::new(),
            },
        );
        ClientHandle {
            id,
            rx,
            kicked,
            end_auth,
            queued,
        }
    }

    /// Forgets a connection (idempotent).
    pub fn unregister(&self, id: u64) {
        let mut inner = self.lock();
        remove(&mut inner, id);
        drop(inner);
        self.left.notify_waiters();
    }

    pub fn set_authenticated(&self, id: u64, claims: Claims) {
        if let Some(c) = self.lock().clients.get_mut(&id) {
            c.claims = Some(claims);
        }
    }

    /// The client is no longer authenticated: it leaves every session and stops receiving
    /// `session.started`. Called by the connection task (token expiry, revocation).
    pub fn deauthenticate(&self, id: u64) {
        let mut inner = self.lock();
        let Some(c) = inner.clients.get_mut(&id) else {
            return;
        };
        c.claims = None;
        let sessions = std::mem::take(&mut c.sessions);
        for s in sessions {
            if let Some(set) = inner.by_session.get_mut(&s) {
                set.remove(&id);
                if set.is_empty() {
                    inner.by_session.remove(&s);
                }
            }
        }
    }

    /// Ends the authentication of every client whose token matches `pred` (e.g. a revoked
    /// token): each is told `auth_error` and loses its subscriptions, the same path as a
    /// token reaching its expiry. Returns how many clients were affected.
    pub fn end_auth_where(&self, pred: impl Fn(&Claims) -> bool) -> usize {
        let inner = self.lock();
        let mut n = 0;
        for c in inner.clients.values() {
            if c.claims.as_ref().is_some_and(&pred) {
                c.end_auth.notify_one();
                n += 1;
            }
        }
        n
    }

    pub fn subscribe(&self, id: u64, session_id: i64) {
        let mut inner = self.lock();
        if let Some(c) = inner.clients.get_mut(&id) {
            c.sessions.insert(session_id);
            inner.by_session.entry(session_id).or_default().insert(id);
        }
    }

    pub fn unsubscribe(&self, id: u64, session_id: i64) {
        let mut inner = self.lock();
        if let Some(c) = inner.clients.get_mut(&id) {
            c.sessions.remove(&session_id);
        }
        if let Some(set) = inner.by_session.get_mut(&session_id) {
            set.remove(&id);
            if set.is_empty() {
                inner.by_session.remove(&session_id);
            }
        }
    }

    /// Queues a reply for one client (dropping it if its queue is full).
    pub fn reply(&self, id: u64, frame: Frame) {
        let mut inner = self.lock();
        offer(&mut inner, id, &frame);
    }

    /// Sends an event to every subscriber of `session_id` (the monitor's `game.status`
    /// heartbeat uses this directly, without the outbox).
    pub fn publish(&self, session_id: i64, frame: Frame) {
        let mut inner = self.lock();
        let Some(ids) = inner.by_session.get(&session_id) else {
            return;
        };
        let ids: Vec<u64> = ids.iter().copied().collect();
        for id in ids {
            offer(&mut inner, id, &frame);
        }
    }

    /// Sends an event to every authenticated client (`session.started`).
    pub fn broadcast(&self, frame: Frame) {
        let mut inner = self.lock();
        let ids: Vec<u64> = inner
            .clients
            .iter()
            .filter(|(_, c)| c.claims.is_some())
            .map(|(id, _)| *id)
            .collect();
        for id in ids {
            offer(&mut inner, id, &frame);
        }
    }

    /// Connected clients.
    pub fn len(&self) -> usize {
        self.lock().clients.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Waits until every client has left.
    pub async fn wait_empty(&self) {
        loop {
            let left = self.left.notified();
            if self.is_empty() {
                return;
            }
            left.await;
        }
    }
}

fn offer(inner: &mut Inner, id: u64, frame: &Frame) {
    let Some(c) = inner.clients.get(&id) else {
        return;
    };
    let waiting = c.queued.load(Ordering::Relaxed);
    if waiting > 0 && waiting + frame.len() > QUEUE_BYTES {
        c.kicked.notify_one();
        remove(inner, id);
        return;
    }
    match c.tx.try_send(frame.clone()) {
        Ok(()) => {
            c.queued.fetch_add(frame.len(), Ordering::Relaxed);
        }
        Err(mpsc::error::TrySendError::Full(_)) => {
            c.kicked.notify_one();
            remove(inner, id);
        }
        // The connection task is gone; it unregisters itself.
        Err(mpsc::error::TrySendError::Closed(_)) => {}
    }
}

fn remove(inner: &mut Inner, id: u64) {
    if let Some(c) = inner.clients.remove(&id) {
        for s in c.sessions {
            if let Some(set) = inner.by_session.get_mut(&s) {
                set.remove(&id);
                if set.is_empty() {
                    inner.by_session.remove(&s);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_over_its_byte_budget_is_kicked_and_removed() {
        let hub = Hub::new();
        let handle = hub.register();
        hub.subscribe(handle.id, 1);
        let big: Frame = Arc::from("x".repeat(QUEUE_BYTES / 2 + 1));
        // One frame bigger than half the budget fits; an empty queue takes any frame.
        hub.publish(1, big.clone());
        assert_eq!(hub.len(), 1);
        hub.publish(1, big.clone());
        assert_eq!(
            hub.len(),
            0,
            "the second big frame overflows the byte budget"
        );
        // The kick is waiting for the connection task.
        let kicked = handle.kicked.notified();
        tokio::pin!(kicked);
        assert!(futures_util::FutureExt::now_or_never(kicked).is_some());
    }

    #[test]
    fn ending_auth_drops_subscriptions_and_notifies_the_task() {
        let hub = Hub::new();
        let handle = hub.register();
        let claims = Claims {
            role: "admin".into(),
            iat: 1,
            exp: 2,
        };
        hub.set_authenticated(handle.id, claims);
        hub.subscribe(handle.id, 7);
        assert_eq!(hub.end_auth_where(|c| c.exp == 2), 1);
        let ended = handle.end_auth.notified();
        tokio::pin!(ended);
        assert!(futures_util::FutureExt::now_or_never(ended).is_some());
        hub.deauthenticate(handle.id);
        assert!(hub.lock().by_session.is_empty());
        assert_eq!(hub.end_auth_where(|_| true), 0);
    }
}
