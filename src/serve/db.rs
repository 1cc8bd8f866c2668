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

use crate::{store, Error, Result};
use bytes::Bytes;
use rusqlite::Connection;
use std::collections::HashMap;
use std::future::Future;
use std::path::Path;
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
    writer: Arc<tokio::sync::Mutex<Connection>>,
    readers: Arc<Mutex<Vec<Reader>>>,
    /// One permit per reader connection, so a permit holder always finds one in the pool.
    reader_permits: Arc<Semaphore>,
    flights: Arc<Mutex<HashMap<&'static str, Flight>>>,
    wake: Arc<Notify>,
    /// `None` when the file has no WAL index to watch: [`Db::read_hot`] then always misses.
    probe: Option<ChangeProbe>,
    /// [`Db::read_hot`]'s answers: key → (WAL index header when computed, answer).
    hot: Mutex<HashMap<String, (Stamp, Bytes)>>,
    /// Set once a write found the file damaged: every later write is refused (503) instead
    /// of writing more into a broken file.
    damaged: std::sync::atomic::AtomicBool,
}

impl Db {
    /// Opens (creating and migrating if needed) the writer and `readers` reader connections.
    pub fn open(path: &Path, readers: usize, wake: Arc<Notify>) -> Result<Db> {
        let writer = store::open(path)?;
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
            writer: Arc::new(tokio::sync::Mutex::new(writer)),
            readers: Arc::new(Mutex::new(pool)),
            reader_permits: Arc::new(Semaphore::new(readers)),
            flights: Arc::new(Mutex::new(HashMap::new())),
            wake,
            // Opened after the connections above: the WAL index exists by now.
            probe: ChangeProbe::open(path),
            hot: Mutex::new(HashMap::new()),
            damaged: std::sync::atomic::AtomicBool::new(false),
        })
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
        if let Some(stamp) = &stamp {
            let hot = self.hot.lock().unwrap_or_else(|p| p.into_inner());
            if let Some((s, bytes)) = hot.get(key) {
                if s == stamp {
                    return Ok(bytes.clone());
                }
            }
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

    /// Runs `f` on the writer connection, on a blocking thread. Writers queue in arrival
    /// order. `f` should use `store::write` (or a core function that does) for its
    /// transaction. Wakes the outbox dispatcher when `f` succeeds.
    ///
    /// The admin the current request authenticated as (`auth::ACTOR`) is the actor of the
    /// audit rows `f` records; outside a request it is `system`.
    pub async fn write<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        if self.damaged.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(Error::new(
                crate::ErrorKind::Damaged,
                "The database file is damaged: writes are refused until it is repaired",
            )
            .with_hint(crate::error::DAMAGED_HINT));
        }
        let actor = super::auth::current_actor()
            .unwrap_or_else(|| crate::core::audit::SYSTEM_ACTOR.to_string());
        let mut guard = self.writer.clone().lock_owned().await;
        let out = join(tokio::task::spawn_blocking(move || {
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                crate::core::audit::with_actor(&actor, || f(&mut guard))
            }));
            out.unwrap_or_else(|_| Err(Error::storage("internal error while writing")))
        }))
        .await;
        match &out {
            Ok(_) => self.wake.notify_one(),
            Err(e) if e.kind == crate::ErrorKind::Damaged => {
                tracing::error!(error = %e.message, "the database file is damaged: refusing writes");
                self.damaged
                    .store(true, std::sync::atomic::Ordering::Relaxed);
            }
            Err(_) => {}
        }
        out
    }

    /// Runs `f` on the writer right now, on the calling thread: for startup, before any
    /// request can hold the writer. Fails instead of waiting if the writer is busy.
    pub fn with_writer_now<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut guard = self
            .writer
            .try_lock()
            .map_err(|_| Error::storage("the database writer is busy"))?;
        f(&mut guard)
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
type Stamp = [u8; 48];

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
