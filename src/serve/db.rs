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

use crate::{store, Error, Result};
use bytes::Bytes;
use rusqlite::Connection;
use std::collections::HashMap;
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
    wake: Arc<Notify>,
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
            wake,
        })
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
        self.with_reader(move |r| {
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
        })
        .await
    }

    async fn with_reader<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut Reader) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let permit = self
            .reader_permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| Error::storage("database pool closed"))?;
        let pool = self.readers.clone();
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

    /// Runs `f` on the writer connection, on a blocking thread. Writers queue in arrival
    /// order. `f` should use `store::write` (or a core function that does) for its
    /// transaction. Wakes the outbox dispatcher when `f` succeeds.
    pub async fn write<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let mut guard = self.writer.clone().lock_owned().await;
        let out = join(tokio::task::spawn_blocking(move || {
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut guard)));
            out.unwrap_or_else(|_| Err(Error::storage("internal error while writing")))
        }))
        .await;
        if out.is_ok() {
            self.wake.notify_one();
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

async fn join<T>(handle: tokio::task::JoinHandle<Result<T>>) -> Result<T> {
    handle
        .await
        .unwrap_or_else(|e| Err(Error::storage(format!("database task failed: {e}"))))
}
