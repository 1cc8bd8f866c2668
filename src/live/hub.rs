//! The WebSocket hub: who is connected, who is authenticated (as which admin or token), who
//! subscribed to which session, which page each admin is on (presence), and the bounded
//! queue of each client.
//!
//! Publishing never waits: each event is serialized once (an `Arc<str>` shared by every
//! queue) and offered to each recipient with `try_send`. A client whose queue is full has
//! fallen too far behind: it is removed from the hub and told to close (1008), so it never
//! slows the others or grows memory.

use super::reply::{PresenceData, PresenceEntry, Reply};
use crate::core::auth::{Claims, Principal, Role};
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
    /// Bytes of the frames waiting in `rx`: the task subtracts what it takes out.
    pub queued: Arc<AtomicUsize>,
}

struct Client {
    tx: mpsc::Sender<Frame>,
    kicked: Arc<Notify>,
    queued: Arc<AtomicUsize>,
    principal: Option<Principal>,
    sessions: HashSet<i64>,
    /// The page this admin said it is on (`page_focus`) and since when.
    presence: Option<(String, String)>,
}

impl Client {
    fn is_admin(&self) -> bool {
        self.principal
            .as_ref()
            .is_some_and(|p| p.role == Role::Admin)
    }
}

/// Sessions one connection may follow at once: a night has one, a console a handful; a
/// leaked viewer token subscribing to 250,000 ids held 191 MB (issue 26).
pub const MAX_SUBSCRIPTIONS: usize = 100;

/// Why a `page_focus` was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FocusError {
    NotAuthenticated,
    NotAdmin,
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
        let queued = Arc::new(AtomicUsize::new(0));
        let mut inner = self.lock();
        inner.next_id += 1;
        let id = inner.next_id;
        inner.clients.insert(
            id,
            Client {
                tx,
                kicked: kicked.clone(),
                queued: queued.clone(),
                principal: None,
                sessions: HashSet::new(),
                presence: None,
            },
        );
        ClientHandle {
            id,
            rx,
            kicked,
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

    /// The connection authenticated as `principal` (replacing an earlier one).
    pub fn set_principal(&self, id: u64, principal: Principal) {
        let mut inner = self.lock();
        let mut left = false;
        if let Some(c) = inner.clients.get_mut(&id) {
            if principal.role != Role::Admin
                || c.principal.as_ref().map(|p| &p.name) != Some(&principal.name)
            {
                left = c.presence.take().is_some();
            }
            c.principal = Some(principal);
        }
        if left {
            presence_changed(&mut inner);
        }
    }

    pub fn is_authenticated(&self, id: u64) -> bool {
        self.lock()
            .clients
            .get(&id)
            .is_some_and(|c| c.principal.is_some())
    }

    /// An admin connection says which page it shows: every admin client hears of the
    /// change (`presence_update`). Nothing is sent when the page did not change.
    pub fn page_focus(&self, id: u64, page: &str) -> Result<(), FocusError> {
        let mut inner = self.lock();
        let Some(c) = inner.clients.get_mut(&id) else {
            return Ok(());
        };
        if c.principal.is_none() {
            return Err(FocusError::NotAuthenticated);
        }
        if !c.is_admin() {
            return Err(FocusError::NotAdmin);
        }
        if c.presence.as_ref().is_some_and(|(p, _)| p == page) {
            return Ok(());
        }
        c.presence = Some((page.to_string(), crate::time::now()));
        presence_changed(&mut inner);
        Ok(())
    }

    /// The claims of every authenticated connection (to check them again after a revoke).
    pub fn authenticated(&self) -> Vec<(u64, Claims)> {
        self.lock()
            .clients
            .iter()
            .filter_map(|(id, c)| c.principal.as_ref().map(|p| (*id, p.claims.clone())))
            .collect()
    }

    /// The tokens of these connections no longer work: each gets `frame` (`auth_error`),
    /// loses its authentication and subscriptions, and leaves the presence list.
    pub fn deauthenticate(&self, ids: &[u64], frame: Frame) {
        let mut inner = self.lock();
        let mut left = false;
        for id in ids {
            let sessions = match inner.clients.get_mut(id) {
                Some(c) if c.principal.is_some() => {
                    c.principal = None;
                    left |= c.presence.take().is_some();
                    std::mem::take(&mut c.sessions)
                }
                _ => continue,
            };
            for s in sessions {
                drop_subscriber(&mut inner, s, *id);
            }
            offer(&mut inner, *id, &frame);
        }
        if left {
            presence_changed(&mut inner);
        }
    }

    /// Subscribes client `id` to `session_id`; `false` (and nothing changes) when it already
    /// has [`MAX_SUBSCRIPTIONS`] others.
    pub fn subscribe(&self, id: u64, session_id: i64) -> bool {
        let mut inner = self.lock();
        if let Some(c) = inner.clients.get_mut(&id) {
            if !c.sessions.contains(&session_id) && c.sessions.len() >= MAX_SUBSCRIPTIONS {
                return false;
            }
            c.sessions.insert(session_id);
            inner.by_session.entry(session_id).or_default().insert(id);
        }
        true
    }

    /// Whether client `id` is subscribed to `session_id`.
    pub fn is_subscribed(&self, id: u64, session_id: i64) -> bool {
        self.lock()
            .clients
            .get(&id)
            .is_some_and(|c| c.sessions.contains(&session_id))
    }

    pub fn unsubscribe(&self, id: u64, session_id: i64) {
        let mut inner = self.lock();
        if let Some(c) = inner.clients.get_mut(&id) {
            c.sessions.remove(&session_id);
        }
        drop_subscriber(&mut inner, session_id, id);
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
            .filter(|(_, c)| c.principal.is_some())
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

fn drop_subscriber(inner: &mut Inner, session_id: i64, id: u64) {
    if let Some(set) = inner.by_session.get_mut(&session_id) {
        set.remove(&id);
        if set.is_empty() {
            inner.by_session.remove(&session_id);
        }
    }
}

fn remove(inner: &mut Inner, id: u64) {
    if let Some(c) = inner.clients.remove(&id) {
        for s in c.sessions {
            drop_subscriber(inner, s, id);
        }
        if c.presence.is_some() {
            presence_changed(inner);
        }
    }
}

/// Sends the presence list to every admin connection:
/// `{ "type": "presence_update", "data": { "admins": [{ "name", "page", "since" }] } }`,
/// ordered by name, then since.
fn presence_changed(inner: &mut Inner) {
    let mut admins: Vec<(&str, &str, &str)> = inner
        .clients
        .values()
        .filter(|c| c.is_admin())
        .filter_map(|c| {
            let (page, since) = c.presence.as_ref()?;
            Some((
                c.principal.as_ref()?.name.as_str(),
                page.as_str(),
                since.as_str(),
            ))
        })
        .collect();
    admins.sort();
    let frame: Frame = Reply::PresenceUpdate {
        data: PresenceData {
            admins: admins
                .iter()
                .map(|&(name, page, since)| PresenceEntry { name, page, since })
                .collect(),
        },
    }
    .frame();
    let ids: Vec<u64> = inner
        .clients
        .iter()
        .filter(|(_, c)| c.is_admin())
        .map(|(id, _)| *id)
        .collect();
    for id in ids {
        offer(inner, id, &frame);
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
        // An empty queue takes any frame; the second one overflows the byte budget.
        hub.publish(1, big.clone());
        assert_eq!(hub.len(), 1);
        hub.publish(1, big.clone());
        assert_eq!(hub.len(), 0);
        // The kick is waiting for the connection task.
        let kicked = handle.kicked.notified();
        assert!(futures_util::FutureExt::now_or_never(kicked).is_some());
    }
}
