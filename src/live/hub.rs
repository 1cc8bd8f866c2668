//! The WebSocket hub: who is connected, who is authenticated, who subscribed to which
//! session, and the bounded queue of each client.
//!
//! Publishing never waits: each event is serialized once (an `Arc<str>` shared by every
//! queue) and offered to each recipient with `try_send`. A client whose queue is full has
//! fallen too far behind: it is removed from the hub and told to close (1008), so it never
//! slows the others or grows memory.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::{mpsc, Notify};

/// Messages a client may have waiting before it counts as too slow.
pub const QUEUE_CAPACITY: usize = 256;

/// One text frame waiting for a client, shared by every client it goes to.
pub type Frame = Arc<str>;

/// What a connection task gets back when it registers.
pub struct ClientHandle {
    pub id: u64,
    pub rx: mpsc::Receiver<Frame>,
    /// Notified when the hub dropped the client for being too slow.
    pub kicked: Arc<Notify>,
}

struct Client {
    tx: mpsc::Sender<Frame>,
    kicked: Arc<Notify>,
    authenticated: bool,
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
        let mut inner = self.lock();
        inner.next_id += 1;
        let id = inner.next_id;
        inner.clients.insert(
            id,
            Client {
                tx,
                kicked: kicked.clone(),
                authenticated: false,
                sessions: HashSet::new(),
            },
        );
        ClientHandle { id, rx, kicked }
    }

    /// Forgets a connection (idempotent).
    pub fn unregister(&self, id: u64) {
        let mut inner = self.lock();
        remove(&mut inner, id);
        drop(inner);
        self.left.notify_waiters();
    }

    pub fn set_authenticated(&self, id: u64) {
        if let Some(c) = self.lock().clients.get_mut(&id) {
            c.authenticated = true;
        }
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
            .filter(|(_, c)| c.authenticated)
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
    match c.tx.try_send(frame.clone()) {
        Ok(()) => {}
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
