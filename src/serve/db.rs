//! The daemon's database handle: one dedicated writer connection and a small pool of
//! readers, all opened once at startup and used only on blocking threads.
//!
//! In-process writers queue on a fair async mutex instead of on SQLite's busy handler; the
//! busy timeout still covers other processes (the CLI) writing the same file.
//!
//! Hot read-only answers (the session list, the active session) can be cached per reader
//! connection with [`Db::read_cached`]: an entry is reused only while that connection's
//! `PRAGMA data_version` is unchanged, i.e. no other connection — the daemon's writer or any
//! CLI process — has committed since it was computed (readers never write themselves).
//!
//! The hottest answers ([`Db::read_hot`]) skip even that database call: SQLite's WAL index
//! (the `-shm` file every connection to the file maps) starts with a header that every
//! commit of every process rewrites (its change counter, frame count and checksums; format:
//! <https://www.sqlite.org/walformat.html>). Reading those 96 bytes is a `pread` of a page
//! that is always in memory, cheap enough for a reactor thread, and an unchanged header
//! means no commit since, so a cached answer is served without a blocking-thread hop.
//!
//! Writes go through one writer thread with **group commit**: the thread drains every write
//! waiting in its queue, opens one `BEGIN IMMEDIATE`, runs each request's work as a
//! `SAVEPOINT` of it (`store::write` nests when a transaction is open), and answers the
//! requests only after the group's `COMMIT` — each acknowledged write is exactly as durable
//! as one committed on its own. A request whose work fails is rolled back to its savepoint
//! alone; its neighbours commit. Work that manages its own transactions (the chat import)
//! runs alone ([`Db::write_alone`]).
//!
//! The writer also tells token checks whether the auth tables may have changed
//! ([`Db::auth_epoch`]): it follows the WAL index header from commit to commit, and as long
//! as every commit since an answer was computed is one of its own that touched neither
//! `api_tokens` nor `admins`, the answer stands (`serve::token_memo`).

use crate::{store, Error, Result};
use bytes::Bytes;
use rusqlite::Connection;
use std::collections::HashMap;
use std::future::Future;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::{Notify, Semaphore};

/// A reader connection and its cache: key → (`data_version` when computed, answer).
struct Reader {
    conn: Connection,
    cache: HashMap<String, (i64, Bytes)>,
}

/// Entries per reader before its cache is emptied (keys include query strings).
const CACHE_ENTRIES: usize = 64;

pub struct Db {
    /// The writer connection until the first write starts the writer thread: startup work
    /// runs on it directly ([`Db::with_writer_now`]).
    idle_writer: Mutex<Option<Connection>>,
    /// The writer thread's queue, once started.
    queue: std::sync::OnceLock<std::sync::mpsc::Sender<Work>>,
    readers: Arc<Mutex<Vec<Reader>>>,
    /// One permit per reader connection, so a permit holder always finds one in the pool.
    reader_permits: Arc<Semaphore>,
    flights: Arc<Mutex<HashMap<&'static str, Flight>>>,
    wake: Arc<Notify>,
    path: std::path::PathBuf,
    /// `None` when the file has no WAL index to watch: [`Db::read_hot`] then always misses.
    probe: Option<ChangeProbe>,
    /// [`Db::read_hot`]'s answers: key → (WAL index header when computed, answer).
    hot: Mutex<rustc_hash::FxHashMap<String, (Stamp, Bytes)>>,
    /// The WAL index headers the writer vouches for (see [`Db::auth_epoch`]).
    chain: Arc<Mutex<Chain>>,
    /// Set by the writer connection's update hook when a row of `api_tokens` or `admins`
    /// changes.
    auth_touched: Arc<AtomicBool>,
    /// Set once a write found the file damaged: every later write is refused (503) instead
    /// of writing more into a broken file.
    damaged: AtomicBool,
    /// Set at shutdown's request deadline: work running alone (a chat import) is interrupted
    /// at its next SQL step and rolls back (see [`Db::stop_long_writes`]).
    stop_alone: Arc<AtomicBool>,
}

/// Work for the writer thread: runs on the writer connection (or is refused with the error
/// it gets instead) and returns what delivers its answer once the fate of its transaction
/// is known (`Some(error)`: not committed).
type Job = Box<dyn FnOnce(std::result::Result<&mut Connection, &Error>) -> Deliver + Send>;
type Deliver = Box<dyn FnOnce(Option<&Error>) + Send>;

/// A write on the writer's queue (or the error that kept it off), for [`Db::finish`].
pub struct Queued<T>(std::result::Result<tokio::sync::oneshot::Receiver<Result<T>>, Error>);

enum Work {
    /// Nested as a savepoint in the current group's transaction.
    Grouped(Job),
    /// Run on its own, outside any group (it opens its own transactions).
    Alone(Job),
}

/// Most requests committed together: bounds the time the first one waits for the last.
const MAX_GROUP: usize = 256;

/// The newest WAL index header the writer vouches for, and the auth epoch it belongs to:
/// every header the epoch has vouched for shows the same `api_tokens` and `admins`.
struct Chain {
    known: Option<Stamp>,
    epoch: u64,
}

impl Db {
    /// Opens (creating and migrating if needed) the writer and `readers` reader connections.
    pub fn open(path: &Path, readers: usize, wake: Arc<Notify>) -> Result<Db> {
        let writer = store::open(path)?;
        let auth_touched = Arc::new(AtomicBool::new(false));
        let touched = auth_touched.clone();
        writer.update_hook(Some(
            move |_: rusqlite::hooks::Action, _: &str, table: &str, _: i64| {
                if table == "api_tokens" || table == "admins" {
                    touched.store(true, Ordering::Relaxed);
                }
            },
        ));
        let readers = readers.max(1);
        let mut pool = Vec::with_capacity(readers);
        for _ in 0..readers {
            let conn = store::open(path)?;
            // Readers never write: a bug that tries gets an error, not a lock fight.
            conn.execute_batch("PRAGMA query_only = ON")?;
            pool.push(Reader {
                conn,
                cache: HashMap::new(),
            });
        }
        Ok(Db {
            idle_writer: Mutex::new(Some(writer)),
            queue: std::sync::OnceLock::new(),
            readers: Arc::new(Mutex::new(pool)),
            reader_permits: Arc::new(Semaphore::new(readers)),
            flights: Arc::new(Mutex::new(HashMap::new())),
            wake,
            path: path.to_path_buf(),
            // Opened after the connections above: the WAL index exists by now.
            probe: ChangeProbe::open(path),
            hot: Mutex::new(Default::default()),
            chain: Arc::new(Mutex::new(Chain {
                known: None,
                epoch: 0,
            })),
            auth_touched,
            damaged: AtomicBool::new(false),
            stop_alone: Arc::new(AtomicBool::new(false)),
        })
    }

    /// The current auth epoch when the WAL index header is one the writer vouches for:
    /// an answer about tokens computed in this same epoch still holds. `None`: ask the
    /// database. Never stale: the header is read after the request arrived; an epoch ends
    /// (the number moves on) whenever a commit may have changed `api_tokens` or `admins` —
    /// one of this daemon's that touched them, or any other process's.
    pub fn auth_epoch(&self) -> Option<u64> {
        let stamp = self.probe.as_ref()?.stamp()?;
        let chain = self.chain.lock().unwrap_or_else(|p| p.into_inner());
        (chain.known == Some(stamp)).then_some(chain.epoch)
    }

    /// The header now, to be passed to [`Db::vouch`] after a database read that starts
    /// after this call.
    pub fn stamp(&self) -> Option<Stamp> {
        self.probe.as_ref()?.stamp()
    }

    /// The epoch an answer computed by a read that began after `seen` was read belongs to,
    /// if any: `seen`'s own when the writer vouches for it, or a new epoch that starts at
    /// `seen` when it is newer than anything vouched for (another process committed).
    pub fn vouch(&self, seen: Option<Stamp>) -> Option<u64> {
        let seen = seen?;
        let mut chain = self.chain.lock().unwrap_or_else(|p| p.into_inner());
        match chain.known {
            Some(k) if k == seen => Some(chain.epoch),
            Some(k) if (change_counter(&seen).wrapping_sub(change_counter(&k)) as i32) <= 0 => None,
            _ => {
                chain.known = Some(seen);
                chain.epoch += 1;
                Some(chain.epoch)
            }
        }
    }

    /// The answer for `key` straight from memory when no connection of any process has
    /// committed since it was computed; otherwise `miss` computes it (and it is kept).
    /// Never stale: the header is read after the request arrived and before `miss` reads
    /// the database, so an answer is only reused while the database is exactly as it was
    /// when the answer's own read began, or later.
    pub async fn read_hot<F, Fut>(&self, key: &str, miss: F) -> Result<Bytes>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Bytes>>,
    {
        let stamp = self.probe.as_ref().and_then(ChangeProbe::stamp);
        if let Some(bytes) = stamp.as_ref().and_then(|s| self.hot_at(key, s)) {
            return Ok(bytes);
        }
        let bytes = miss().await?;
        if let Some(stamp) = stamp {
            let mut hot = self.hot.lock().unwrap_or_else(|p| p.into_inner());
            if hot.len() >= CACHE_ENTRIES && !hot.contains_key(key) {
                hot.clear();
            }
            hot.insert(key.to_string(), (stamp, bytes.clone()));
        }
        Ok(bytes)
    }

    /// [`Db::read_hot`]'s answer for `key` when memory has one and it is still current;
    /// `None` sends the caller to `read_hot` (which computes and keeps it). Synchronous: one
    /// `pread` of the WAL index header and a map lookup, no future (the hottest route is
    /// answered with it before the request is even routed, `router::answer_now`).
    pub fn hot_now(&self, key: &str) -> Option<Bytes> {
        let stamp = self.probe.as_ref()?.stamp()?;
        self.hot_at(key, &stamp)
    }

    fn hot_at(&self, key: &str, stamp: &Stamp) -> Option<Bytes> {
        let hot = self.hot.lock().unwrap_or_else(|p| p.into_inner());
        match hot.get(key) {
            Some((s, bytes)) if s == stamp => Some(bytes.clone()),
            _ => None,
        }
    }

    /// Runs `f` on a reader connection, on a blocking thread.
    pub async fn read<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        self.with_reader(move |r| f(&r.conn)).await
    }

    /// Like [`Db::read`] for an answer rendered to bytes, reusing the answer last computed
    /// for `key` on the same connection while the database has not changed since.
    pub async fn read_cached<F>(&self, key: String, f: F) -> Result<Bytes>
    where
        F: FnOnce(&Connection) -> Result<Bytes> + Send + 'static,
    {
        self.with_reader(move |r| cached(r, key, f)).await
    }

    /// [`Db::read_cached`] for a hot key (`GET /api/sessions/active`, P1): requests that
    /// arrive while a read of `key` is in flight share the next read instead of each paying
    /// a blocking-thread hop. Still never stale: the next read (and its `data_version`
    /// check) starts after every request it answers has arrived.
    pub async fn read_shared<F>(&self, key: &'static str, f: F) -> Result<Bytes>
    where
        F: Fn(&Connection) -> Result<Bytes> + Send + Sync + 'static,
    {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let start = {
            let mut flights = self.flights.lock().unwrap_or_else(|p| p.into_inner());
            let flight = flights.entry(key).or_default();
            flight.waiting.push(tx);
            !std::mem::replace(&mut flight.running, true)
        };
        if start {
            let flights = self.flights.clone();
            let readers = self.readers.clone();
            let permits = self.reader_permits.clone();
            let f = Arc::new(f);
            tokio::spawn(async move {
                loop {
                    let batch = {
                        let mut flights = flights.lock().unwrap_or_else(|p| p.into_inner());
                        let flight = flights.entry(key).or_default();
                        let batch = std::mem::take(&mut flight.waiting);
                        if batch.is_empty() {
                            flight.running = false;
                            break;
                        }
                        batch
                    };
                    let f = f.clone();
                    let out = hop(readers.clone(), permits.clone(), move |r| {
                        cached(r, key.to_string(), |c| f(c))
                    })
                    .await;
                    for waiter in batch {
                        let _ = waiter.send(out.clone());
                    }
                }
            });
        }
        rx.await
            .unwrap_or_else(|_| Err(Error::storage("database task failed")))
    }

    async fn with_reader<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut Reader) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        hop(self.readers.clone(), self.reader_permits.clone(), f).await
    }

    /// Runs `f` on the writer connection, on the writer thread, in the next group commit
    /// (see the module comment): `f` should use `store::write` (or a core function that
    /// does) for its transaction, which then runs as a savepoint of the group's. Answers
    /// after the group committed. Wakes the outbox dispatcher when `f` succeeds.
    ///
    /// The admin the current request authenticated as (`auth::ACTOR`) is the actor of the
    /// audit rows `f` records; outside a request it is `system`.
    pub async fn write<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        self.submit(f, false).await
    }

    /// [`Db::write`] for work that opens its own transactions (`BEGIN` rather than
    /// `store::write`): it runs between groups, on its own.
    pub async fn write_alone<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        self.submit(f, true).await
    }

    /// Queues `f` for the next group commit now, without waiting: writes queued one after
    /// the other run in that order. [`Db::finish`] waits for the answer. A live chat source
    /// queues each vote as it reads it, so a vote never waits for the previous one's
    /// commit before it is queued, and votes read while a group commits share the next.
    pub fn enqueue<T, F>(&self, f: F) -> Queued<T>
    where
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        self.queue_work(f, false)
    }

    async fn submit<T, F>(&self, f: F, alone: bool) -> Result<T>
    where
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let queued = self.queue_work(f, alone);
        self.finish(queued).await
    }

    fn queue_work<T, F>(&self, f: F, alone: bool) -> Queued<T>
    where
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        if self.damaged.load(Ordering::Relaxed) {
            return Queued(Err(Error::new(
                crate::ErrorKind::Damaged,
                "The database file is damaged: writes are refused until it is repaired",
            )
            .with_hint(crate::error::DAMAGED_HINT)));
        }
        let actor = super::auth::current_actor()
            .unwrap_or_else(|| crate::core::audit::SYSTEM_ACTOR.to_string());
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |conn| {
            let out = match conn {
                Ok(conn) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    crate::core::audit::with_actor(&actor, || f(conn))
                }))
                .unwrap_or_else(|_| Err(Error::storage("internal error while writing"))),
                Err(e) => Err(e.clone()),
            };
            Box::new(move |failed: Option<&Error>| {
                let out = match (out, failed) {
                    (Ok(_), Some(e)) => Err(e.clone()),
                    (out, _) => out,
                };
                let _ = tx.send(out);
            })
        });
        let work = if alone {
            Work::Alone(job)
        } else {
            Work::Grouped(job)
        };
        let sent = self.writer_queue().and_then(|q| {
            q.send(work)
                .map_err(|_| Error::storage("the database writer has stopped"))
        });
        Queued(sent.map(|()| rx))
    }

    /// The answer of a write queued with [`Db::enqueue`], once its group committed.
    pub async fn finish<T>(&self, queued: Queued<T>) -> Result<T> {
        let out = match queued.0 {
            Ok(rx) => rx
                .await
                .unwrap_or_else(|_| Err(Error::storage("database task failed"))),
            Err(e) => Err(e),
        };
        match &out {
            Ok(_) => self.wake.notify_one(),
            Err(e) if e.kind == crate::ErrorKind::Damaged => {
                tracing::error!(error = %e.message, "the database file is damaged: refusing writes");
                self.damaged.store(true, Ordering::Relaxed);
            }
            Err(_) => {}
        }
        out
    }

    /// The writer thread's queue, starting the thread on first use.
    fn writer_queue(&self) -> Result<&std::sync::mpsc::Sender<Work>> {
        if let Some(q) = self.queue.get() {
            return Ok(q);
        }
        let mut idle = self.idle_writer.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(q) = self.queue.get() {
            return Ok(q);
        }
        let conn = idle
            .take()
            .ok_or_else(|| Error::storage("the database writer has stopped"))?;
        let (send, recv) = std::sync::mpsc::channel();
        let writer = Writer {
            conn,
            probe: ChangeProbe::open(&self.path),
            chain: self.chain.clone(),
            auth_touched: self.auth_touched.clone(),
            stop_alone: self.stop_alone.clone(),
        };
        std::thread::Builder::new()
            .name("jackbox-writer".into())
            .spawn(move || writer.run(recv))
            .map_err(|e| Error::storage(format!("cannot start the database writer: {e}")))?;
        Ok(self.queue.get_or_init(|| send))
    }

    /// At shutdown, once requests are no longer waited for: the work running alone (a chat
    /// import: one transaction) and any queued behind it fail at their next SQL step
    /// (`SQLITE_INTERRUPT`), so their transactions roll back now instead of committing or
    /// being cut off by the process's exit. Grouped writes are not concerned.
    pub fn stop_long_writes(&self) {
        self.stop_alone.store(true, Ordering::Relaxed);
    }

    /// Runs `f` on the writer right now, on the calling thread: for startup, before any
    /// write started the writer thread. Fails instead of waiting once it has.
    pub fn with_writer_now<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut idle = self.idle_writer.lock().unwrap_or_else(|p| p.into_inner());
        let conn = idle
            .as_mut()
            .ok_or_else(|| Error::storage("the database writer is busy"))?;
        let out = f(conn);
        // Startup work may touch anything: later token answers start afresh.
        let mut chain = self.chain.lock().unwrap_or_else(|p| p.into_inner());
        chain.known = None;
        chain.epoch += 1;
        out
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        // Closing the queue ends the writer thread once the work queued before is done
        // (not waited for: shutdown has its own deadline, and a big import may be running).
        drop(self.queue.take());
    }
}

/// The writer thread's side: the connection and what it needs to vouch for its commits.
struct Writer {
    conn: Connection,
    probe: Option<ChangeProbe>,
    chain: Arc<Mutex<Chain>>,
    auth_touched: Arc<AtomicBool>,
    stop_alone: Arc<AtomicBool>,
}

/// How many SQLite virtual machine steps run between two looks at [`Writer::stop_alone`].
const STOP_CHECK_STEPS: i32 = 1000;

impl Writer {
    /// Until every sender is gone (the daemon dropped its `Db`): takes the next work and
    /// everything queued behind it, commits it in groups.
    fn run(mut self, queue: std::sync::mpsc::Receiver<Work>) {
        let mut next: Option<Work> = None;
        loop {
            let first = match next.take() {
                Some(w) => w,
                None => match queue.recv() {
                    Ok(w) => w,
                    Err(_) => return,
                },
            };
            match first {
                Work::Alone(job) => {
                    self.auth_touched.store(false, Ordering::Relaxed);
                    let stop = self.stop_alone.clone();
                    self.conn.progress_handler(
                        STOP_CHECK_STEPS,
                        Some(move || stop.load(Ordering::Relaxed)),
                    );
                    let deliver = job(Ok(&mut self.conn));
                    self.conn.progress_handler(0, None::<fn() -> bool>);
                    // Its transactions are its own: nothing is vouched for across them.
                    self.advance(None);
                    deliver(None);
                }
                Work::Grouped(job) => {
                    let mut group = vec![job];
                    while group.len() < MAX_GROUP {
                        match queue.try_recv() {
                            Ok(Work::Grouped(j)) => group.push(j),
                            Ok(other) => {
                                next = Some(other);
                                break;
                            }
                            Err(_) => break,
                        }
                    }
                    self.commit_group(group);
                }
            }
        }
    }

    /// One `BEGIN IMMEDIATE … COMMIT` around `group`, each job in its own savepoint; the
    /// answers go out after the `COMMIT` (or carry its error).
    fn commit_group(&mut self, group: Vec<Job>) {
        let mut jobs = group.into_iter();
        while jobs.len() > 0 {
            self.auth_touched.store(false, Ordering::Relaxed);
            if let Err(e) = self.conn.execute_batch("BEGIN IMMEDIATE") {
                // Another process held the lock beyond the busy timeout (or the file cannot
                // be written): each of these writes would have failed the same way on its
                // own `BEGIN`, after the same wait. None ran.
                let e = Error::from(e);
                for job in jobs.by_ref() {
                    job(Err(&e))(None);
                }
                self.advance(None);
                return;
            }
            let before = self.probe.as_ref().and_then(ChangeProbe::stamp);
            let mut pending: Vec<Deliver> = Vec::new();
            let mut lost = false;
            for job in jobs.by_ref() {
                pending.push(job(Ok(&mut self.conn)));
                if self.conn.is_autocommit() {
                    // SQLite rolled the whole transaction back (an I/O error, a full disk):
                    // the group so far is lost; the rest starts a new one.
                    lost = true;
                    break;
                }
            }
            let failed = if lost {
                Some(Error::storage("the write was rolled back (database error)"))
            } else {
                match self.conn.execute_batch("COMMIT") {
                    Ok(()) => None,
                    Err(e) => {
                        let _ = self.conn.execute_batch("ROLLBACK");
                        Some(Error::from(e))
                    }
                }
            };
            self.advance(if failed.is_none() { before } else { None });
            for deliver in pending {
                deliver(failed.as_ref());
            }
        }
    }

    /// After a commit: moves the vouched-for header on when `before` (the header once the
    /// write lock was held) was the one vouched for, the commit was the only one since and
    /// it left `api_tokens` and `admins` alone; otherwise a new epoch starts.
    fn advance(&self, before: Option<Stamp>) {
        let after = self.probe.as_ref().and_then(ChangeProbe::stamp);
        let touched = self.auth_touched.swap(false, Ordering::Relaxed);
        let mut chain = self.chain.lock().unwrap_or_else(|p| p.into_inner());
        let same_epoch = match (before, after, chain.known) {
            (Some(b), Some(a), Some(k)) => {
                !touched
                    && b == k
                    && (a == b || change_counter(&a) == change_counter(&b).wrapping_add(1))
            }
            _ => false,
        };
        if !same_epoch {
            chain.epoch += 1;
        }
        chain.known = after;
    }
}

/// Runs `f` on a pooled reader, on a blocking thread.
async fn hop<T, F>(pool: Arc<Mutex<Vec<Reader>>>, permits: Arc<Semaphore>, f: F) -> Result<T>
where
    F: FnOnce(&mut Reader) -> Result<T> + Send + 'static,
    T: Send + 'static,
{
    let permit = permits
        .acquire_owned()
        .await
        .map_err(|_| Error::storage("database pool closed"))?;
    join(tokio::task::spawn_blocking(move || {
        let mut reader = pool
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop()
            .ok_or_else(|| Error::storage("no reader connection available"))?;
        // A panic in `f` would lose the connection: catch it so the pool stays whole.
        let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut reader)));
        pool.lock().unwrap_or_else(|p| p.into_inner()).push(reader);
        drop(permit);
        out.unwrap_or_else(|_| Err(Error::storage("internal error while reading")))
    }))
    .await
}

/// The answer for `key` from `r`'s cache if the database has not changed since it was
/// computed, else `f`'s (then cached).
fn cached(
    r: &mut Reader,
    key: String,
    f: impl FnOnce(&Connection) -> Result<Bytes>,
) -> Result<Bytes> {
    let version: i64 = r
        .conn
        .query_row("PRAGMA data_version", [], |row| row.get(0))?;
    if let Some((v, bytes)) = r.cache.get(&key) {
        if *v == version {
            return Ok(bytes.clone());
        }
    }
    let bytes = f(&r.conn)?;
    if r.cache.len() >= CACHE_ENTRIES {
        r.cache.clear();
    }
    r.cache.insert(key, (version, bytes.clone()));
    Ok(bytes)
}

/// The first copy of the WAL index header (its second copy must agree).
pub type Stamp = [u8; 48];

/// The header's `iChange`: every commit (and WAL restart) adds one (native byte order,
/// like the whole `-shm` file).
fn change_counter(stamp: &Stamp) -> u32 {
    u32::from_ne_bytes([stamp[8], stamp[9], stamp[10], stamp[11]])
}

/// Watches the WAL index header of the database file (see the module comment).
struct ChangeProbe {
    shm: std::fs::File,
}

impl ChangeProbe {
    fn open(db: &Path) -> Option<ChangeProbe> {
        let mut name = db.as_os_str().to_owned();
        name.push("-shm");
        let shm = std::fs::File::open(name).ok()?;
        let probe = ChangeProbe { shm };
        probe.stamp().map(|_| probe)
    }

    /// The current header, or `None` when it cannot be trusted: SQLite writes its two
    /// copies one after the other (copies that differ are caught mid-commit) and `isInit`
    /// must be set. `None` means "ask the database".
    ///
    /// The file stays the one SQLite uses for as long as the daemon runs: SQLite removes
    /// it only when the last connection to the database closes, and the daemon's stay
    /// open. (Deleting it by hand under live connections breaks SQLite's own coordination
    /// between processes just the same; that is not checked here, one syscall per read.)
    fn stamp(&self) -> Option<Stamp> {
        let mut header = [0u8; 96];
        crate::platform::read_exact_at(&self.shm, &mut header, 0).ok()?;
        let (first, second) = header.split_at(48);
        if first != second || first[12] != 1 {
            return None;
        }
        first.try_into().ok()
    }
}

/// Requests sharing the reads of one key ([`Db::read_shared`]).
#[derive(Default)]
struct Flight {
    running: bool,
    waiting: Vec<tokio::sync::oneshot::Sender<Result<Bytes>>>,
}

async fn join<T>(handle: tokio::task::JoinHandle<Result<T>>) -> Result<T> {
    handle
        .await
        .unwrap_or_else(|e| Err(Error::storage(format!("database task failed: {e}"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting(db: &Path, key: &str) -> Option<String> {
        store::setting(&store::open(db).unwrap(), key).unwrap()
    }

    /// Shutdown's request deadline: a long transaction running alone (an import) fails at
    /// its next step and leaves nothing behind; a grouped write still commits.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn stopping_long_writes_rolls_back_the_one_running() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stop.db");
        let db = Arc::new(Db::open(&path, 1, Arc::new(Notify::new())).unwrap());
        let (started, is_started) = tokio::sync::oneshot::channel();
        let long = tokio::spawn({
            let db = db.clone();
            async move {
                db.write_alone(move |c| {
                    let tx = c.transaction()?;
                    tx.execute_batch("CREATE TABLE big (n INTEGER)")?;
                    tx.execute("INSERT INTO big VALUES (0)", [])?;
                    let _ = started.send(());
                    // Far longer than the test: only the stop ends it.
                    tx.execute_batch(
                        "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c
                         WHERE n < 1000000000) INSERT INTO big SELECT n FROM c",
                    )?;
                    tx.commit()?;
                    Ok(())
                })
                .await
            }
        });
        is_started.await.unwrap();
        db.stop_long_writes();
        let out = long.await.unwrap();
        let e = out.expect_err("the long write was not stopped");
        assert!(e.message.contains("interrupt"), "{}", e.message);
        let conn = store::open(&path).unwrap();
        let tables: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'big'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 0, "the stopped transaction left its table");
        db.write(|c| store::set_setting(c, "after.stop", "written"))
            .await
            .unwrap();
        assert_eq!(setting(&path, "after.stop").as_deref(), Some("written"));
    }

    /// Writes queued behind a busy writer commit as one group; the one that fails (and the
    /// one that panics) leave nothing behind, their neighbours are all committed.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failing_write_in_a_group_leaves_its_neighbours_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("group.db");
        let db = Arc::new(Db::open(&path, 1, Arc::new(Notify::new())).unwrap());
        // Hold the writer so the next writes queue up and are drained as one group.
        let (hold, release) = std::sync::mpsc::channel::<()>();
        let (held, is_held) = tokio::sync::oneshot::channel();
        let blocker = tokio::spawn({
            let db = db.clone();
            async move {
                db.write(move |_| {
                    let _ = held.send(());
                    release.recv().ok();
                    Ok(())
                })
                .await
            }
        });
        is_held.await.unwrap();
        let mut writes = Vec::new();
        for n in 0..6 {
            let db = db.clone();
            let mut write = Box::pin(async move {
                db.write(move |c| {
                    // Nested in the group's transaction, not a transaction of its own.
                    let nested = !c.is_autocommit();
                    store::write(c, |tx| {
                        store::set_setting(tx, &format!("group.{n}"), "written")?;
                        match n {
                            2 => Err(Error::invalid("this write fails")),
                            4 => panic!("this write panics"),
                            _ => Ok(nested),
                        }
                    })
                })
                .await
            });
            // The first poll queues the write (then waits for its answer): all six are
            // queued, in order, before the writer is released.
            let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
            assert!(write.as_mut().poll(&mut cx).is_pending());
            writes.push(tokio::spawn(write));
        }
        hold.send(()).unwrap();
        blocker.await.unwrap().unwrap();
        let mut results = Vec::new();
        for w in writes {
            results.push(w.await.unwrap());
        }
        for (n, r) in results.iter().enumerate() {
            match n {
                2 => assert_eq!(r.as_ref().unwrap_err().message, "this write fails"),
                4 => assert!(r.is_err(), "the panicking write is an error"),
                _ => assert!(r.as_ref().unwrap(), "write {n} ran inside the group"),
            }
            let stored = setting(&path, &format!("group.{n}"));
            if n == 2 || n == 4 {
                assert_eq!(stored, None, "write {n}'s own change is rolled back");
            } else {
                assert_eq!(stored.as_deref(), Some("written"), "write {n} is committed");
            }
        }
    }
}
