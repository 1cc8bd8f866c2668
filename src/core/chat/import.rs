//! The chat-log import: one all-or-nothing transaction, streamed message by message or
//! pipelined across two threads for big logs. [`Importer::push`] is where a parsed message
//! meets the vote rules (`votes::token`, `votes::intervals`, tickers). Both faces come in
//! through `chat::import`.

use super::ChatMessage;
use crate::core::audit::{self, Action};
use crate::core::events::{emit, Event, VotesImported};
pub use crate::core::model::GameVotes;
use crate::core::sessions;
use crate::core::votes::intervals::{add_game_votes, add_votes, Intervals};
use crate::core::votes::parse::format_ms;
use crate::core::votes::token::{message_hash, parse_vote, VoteKind};
use crate::{Error, Result};
use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

/// The reply of `POST /api/sessions/{id}/chat-import` (and `jackbox chat import --json`).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub message: String,
    pub messages_imported: u64,
    pub duplicates_skipped: u64,
    pub votes_processed: u64,
    /// Keyed by `games.id` as a string.
    pub votes_by_game: BTreeMap<String, GameVotes>,
    pub unmatched_votes: u64,
    /// Entries of the log that are not chat messages (a Super Chat without text, a ticker,
    /// a system line), skipped.
    pub entries_skipped: u64,
}

/// Rows per `INSERT` statement of an import (7 parameters each).
const CHUNK: usize = 64;

/// The `INSERT` of `rows` rows: `(?1 … ?7), (?8 … ?14), …`.
fn insert_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT OR IGNORE INTO chat_logs
    (session_id, username, message, timestamp, vote, session_game_id, message_hash)
    VALUES ",
    );
    for i in 0..rows {
        let n = i * 7;
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&format!(
            "(?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{})",
            n + 1,
            n + 2,
            n + 3,
            n + 4,
            n + 5,
            n + 6,
            n + 7
        ));
    }
    sql
}

static INSERT_CHUNK: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| insert_sql(CHUNK));

/// What a row of the log counts for once inserted.
#[derive(Clone, Copy)]
enum Counts {
    Message,
    /// A vote in slot `.0` of the session's intervals.
    Vote(usize, VoteKind),
    /// A vote outside every game's interval.
    Unmatched,
    /// A `TICKER++` / `TICKER--` vote for catalog game `.0`.
    Ticker(i64, VoteKind),
}

/// A row's stored vote and session game, and what it counts for.
struct Plan {
    vote: Option<VoteKind>,
    session_game_id: Option<i64>,
    counts: Counts,
}

/// A chat import in progress: one open `BEGIN IMMEDIATE` transaction. Messages are pushed
/// one at a time (so a reader can stream them); [`Importer::finish`] applies the tallies,
/// writes the `votes.imported` event and commits. Dropping it unfinished rolls everything
/// back, which is what makes an import all-or-nothing.
pub struct Importer<'c> {
    tx: Transaction<'c>,
    session_id: i64,
    intervals: Intervals,
    /// (up, down) per slot.
    tallies: Vec<(i64, i64)>,
    /// The catalog's tickers, for `TICKER++` / `TICKER--` messages (`docs/polls.md`).
    tickers: std::collections::HashMap<String, crate::core::tickers::TickerGame>,
    /// Ticker votes per game: (up, down), whatever the time.
    ticker_tallies: BTreeMap<i64, (i64, i64)>,
    imported: u64,
    duplicates: u64,
    votes: u64,
    unmatched: u64,
    seen: u64,
}

impl<'c> Importer<'c> {
    /// Opens the transaction; `Session not found` when the session is absent.
    pub fn begin(conn: &'c mut Connection, session_id: i64) -> Result<Self> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let session = sessions::get(&tx, session_id)?;
        let intervals = Intervals::load(&tx, session_id, session.closed_at.as_deref())?;
        Ok(Importer {
            tallies: vec![(0, 0); intervals.slots.len()],
            tickers: crate::core::tickers::all(&tx)?,
            ticker_tallies: BTreeMap::new(),
            tx,
            session_id,
            intervals,
            imported: 0,
            duplicates: 0,
            votes: 0,
            unmatched: 0,
            seen: 0,
        })
    }

    /// Messages pushed so far (duplicates included).
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// Stores one message (or counts it as a duplicate) and tallies its vote.
    pub fn push(&mut self, m: &ChatMessage) -> Result<()> {
        let (ts, hash, vote) = prepare(m)?;
        self.store(&[Prepared {
            msg: m.clone(),
            ts,
            hash,
            vote,
        }])
    }

    /// [`Importer::push`] of [`prepare`]d messages: [`CHUNK`] rows per `INSERT` statement
    /// (a statement's fixed cost — cursors opened and closed, the program reset — was
    /// half of an import's insert time), then each row's vote counted exactly as if it had
    /// been inserted alone.
    fn store(&mut self, rows: &[Prepared]) -> Result<()> {
        let mut planned = Vec::with_capacity(CHUNK);
        let mut inserted = Vec::with_capacity(CHUNK);
        for chunk in rows.chunks(CHUNK) {
            planned.clear();
            planned.extend(chunk.iter().map(|p| self.plan(p)));
            self.insert_chunk(chunk, &planned, &mut inserted)?;
            for (plan, &new) in planned.iter().zip(&inserted) {
                self.count(plan, new);
            }
        }
        Ok(())
    }

    /// What a row stores besides the message (its vote and session game) and what it
    /// counts for once inserted.
    fn plan(&self, p: &Prepared) -> Plan {
        // `TICKER++` votes for that game whatever the time; an unknown ticker is an
        // ordinary message.
        let ticker_vote = match p.vote {
            Some(_) => None,
            None => crate::core::tickers::parse_chat_vote(&p.msg.message)
                .and_then(|(t, kind)| self.tickers.get(&t).map(|g| (g.game_id, kind))),
        };
        if let Some((game_id, kind)) = ticker_vote {
            return Plan {
                vote: Some(kind),
                session_game_id: self.intervals.latest_of(game_id),
                counts: Counts::Ticker(game_id, kind),
            };
        }
        match p.vote {
            None => Plan {
                vote: None,
                session_game_id: None,
                counts: Counts::Message,
            },
            Some(kind) => match self.intervals.find(p.msg.at) {
                Some(slot) => Plan {
                    vote: Some(kind),
                    session_game_id: Some(self.intervals.slots[slot].session_game_id),
                    counts: Counts::Vote(slot, kind),
                },
                None => Plan {
                    vote: Some(kind),
                    session_game_id: None,
                    counts: Counts::Unmatched,
                },
            },
        }
    }

    /// Inserts `rows` with one statement; `inserted[i]` says whether row `i` was new (the
    /// others are duplicates: of a stored row, or of an earlier row of the same chunk).
    fn insert_chunk(
        &mut self,
        rows: &[Prepared],
        plans: &[Plan],
        inserted: &mut Vec<bool>,
    ) -> Result<()> {
        inserted.clear();
        // Rows inserted by a statement get ids above the table's largest before it, in
        // order (`INTEGER PRIMARY KEY`); a seek to the table's last row is cheap.
        let before: Option<i64> = self
            .tx
            .prepare_cached("SELECT max(id) FROM chat_logs")?
            .query_row([], |r| r.get(0))?;
        let mut insert = if rows.len() == CHUNK {
            self.tx.prepare_cached(&INSERT_CHUNK)?
        } else {
            self.tx.prepare_cached(&insert_sql(rows.len()))?
        };
        for (i, (p, plan)) in rows.iter().zip(plans).enumerate() {
            let at = i * 7;
            insert.raw_bind_parameter(at + 1, self.session_id)?;
            insert.raw_bind_parameter(at + 2, &p.msg.username)?;
            insert.raw_bind_parameter(at + 3, &p.msg.message)?;
            insert.raw_bind_parameter(at + 4, &p.ts)?;
            insert.raw_bind_parameter(at + 5, plan.vote.map(VoteKind::as_str))?;
            insert.raw_bind_parameter(at + 6, plan.session_game_id)?;
            insert.raw_bind_parameter(at + 7, &p.hash)?;
        }
        let changed = insert.raw_execute()?;
        if changed == rows.len() {
            inserted.resize(rows.len(), true);
            return Ok(());
        }
        // Some were duplicates: which ones, from the keys of the rows this statement added
        // (unique, in the chunk's order).
        let mut added = self.tx.prepare_cached(
            "SELECT timestamp, message_hash FROM chat_logs WHERE id > ?1 ORDER BY id",
        )?;
        let keys = added
            .query_map([before.unwrap_or(i64::MIN)], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut next = keys.iter().peekable();
        for p in rows {
            let new = next
                .next_if(|(ts, hash)| *ts == p.ts && *hash == p.hash)
                .is_some();
            inserted.push(new);
        }
        if next.next().is_some() || inserted.iter().filter(|&&n| n).count() != changed {
            return Err(Error::storage(
                "chat import: the inserted rows do not match the log",
            ));
        }
        Ok(())
    }

    /// Counts one row of the log, inserted (`new`) or a duplicate.
    fn count(&mut self, plan: &Plan, new: bool) {
        self.seen += 1;
        if !new {
            self.duplicates += 1;
            return;
        }
        self.imported += 1;
        match plan.counts {
            Counts::Message => {}
            Counts::Ticker(game_id, kind) => {
                self.votes += 1;
                let t = self.ticker_tallies.entry(game_id).or_insert((0, 0));
                match kind {
                    VoteKind::Up => t.0 += 1,
                    VoteKind::Down => t.1 += 1,
                }
            }
            Counts::Vote(slot, kind) => {
                self.votes += 1;
                match kind {
                    VoteKind::Up => self.tallies[slot].0 += 1,
                    VoteKind::Down => self.tallies[slot].1 += 1,
                }
            }
            Counts::Unmatched => self.unmatched += 1,
        }
    }

    /// Applies the tallies to session games and the catalog, writes `votes.imported` (when
    /// anything was imported) and commits.
    pub fn finish(self) -> Result<ImportSummary> {
        let mut by_game: BTreeMap<String, GameVotes> = BTreeMap::new();
        for (slot, &(up, down)) in self.intervals.slots.iter().zip(&self.tallies) {
            if up == 0 && down == 0 {
                continue;
            }
            add_votes(&self.tx, slot, up, down)?;
            let entry = by_game
                .entry(slot.game_id.to_string())
                .or_insert_with(|| GameVotes {
                    title: slot.title.clone(),
                    upvotes: 0,
                    downvotes: 0,
                });
            entry.upvotes += up;
            entry.downvotes += down;
        }
        for (&game_id, &(up, down)) in &self.ticker_tallies {
            let sg = self.intervals.latest_of(game_id);
            add_game_votes(&self.tx, game_id, sg, up, down)?;
            let title = match self.tickers.values().find(|g| g.game_id == game_id) {
                Some(g) => g.title.clone(),
                None => continue,
            };
            let entry = by_game
                .entry(game_id.to_string())
                .or_insert_with(|| GameVotes {
                    title,
                    upvotes: 0,
                    downvotes: 0,
                });
            entry.upvotes += up;
            entry.downvotes += down;
        }
        let summary = ImportSummary {
            message: "Chat log imported and processed successfully".into(),
            messages_imported: self.imported,
            duplicates_skipped: self.duplicates,
            votes_processed: self.votes,
            votes_by_game: by_game,
            unmatched_votes: self.unmatched,
            entries_skipped: 0,
        };
        if summary.messages_imported > 0 {
            sessions::touch(&self.tx, self.session_id)?;
            emit(
                &self.tx,
                Some(self.session_id),
                Event::VotesImported(VotesImported {
                    session_id: self.session_id,
                    messages_imported: summary.messages_imported,
                    votes_processed: summary.votes_processed,
                    votes_by_game: summary.votes_by_game.clone(),
                }),
            )?;
        }
        audit::record(
            &self.tx,
            Action::ChatImport,
            Some(format!("session:{}", self.session_id)),
            json!({
                "session_id": self.session_id,
                "messagesImported": summary.messages_imported,
                "duplicatesSkipped": summary.duplicates_skipped,
                "votesProcessed": summary.votes_processed,
            }),
        )?;
        self.tx.commit()?;
        Ok(summary)
    }
}

/// What storing a message needs besides the message: its stored timestamp, its dedupe hash
/// (hex) and its vote. Pure, so a pipelined import computes it on the reading thread.
fn prepare(m: &ChatMessage) -> Result<(String, String, Option<VoteKind>)> {
    let ts = format_ms(m.at).ok_or_else(|| Error::invalid("Invalid chat timestamp"))?;
    let hash = message_hash(&m.username, &m.message, &ts);
    Ok((ts, hash, parse_vote(&m.message)))
}

/// Imports a stream of parsed messages into a session in one transaction. The first `Err`
/// item (or storage error) aborts the import and nothing of it is stored.
pub fn import_messages<I>(
    conn: &mut Connection,
    session_id: i64,
    messages: I,
) -> Result<ImportSummary>
where
    I: IntoIterator<Item = Result<ChatMessage>>,
{
    let mut importer = Importer::begin(conn, session_id)?;
    for m in messages {
        importer.push(&m?)?;
    }
    importer.finish()
}

/// A parsed message with its [`prepare`]d parts, on its way to the writing thread.
struct Prepared {
    msg: ChatMessage,
    ts: String,
    hash: String,
    vote: Option<VoteKind>,
}

enum Batch {
    Rows(Vec<Prepared>),
    /// The reader finished without error: commit.
    End,
}

/// Messages per channel send: amortizes the hand-over between the threads.
const BATCH: usize = 1024;
/// Batches in flight: bounds memory when SQLite is the slower side.
const BATCHES_IN_FLIGHT: usize = 8;
/// The page cache during a big import (KiB): the dedupe index's hot pages stay in memory.
/// Restored afterwards.
const IMPORT_CACHE_KIB: i64 = 32_768;

/// [`import_messages`] for big logs: `read` parses (and the hashing happens) on this thread while a
/// second thread runs the SQLite transaction, so the two overlap on a multi-core machine.
/// `read` gets a sink to push each message into; the rules, the single all-or-nothing
/// transaction and the summary are [`Importer`]'s. A session that does not exist is
/// reported before any error of the input.
pub fn import_pipelined<R>(conn: &mut Connection, session_id: i64, read: R) -> Result<ImportSummary>
where
    R: FnOnce(&mut dyn FnMut(ChatMessage) -> Result<()>) -> Result<()>,
{
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
    let result = std::thread::scope(|s| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT);
        let conn = &mut *conn;
        // The audit row is written on the writer thread: it writes as this thread's actor.
        let actor = audit::current_actor();
        // Ok(None): the reader stopped early (its error wins); nothing was committed.
        // The write lock is taken only once the whole log is parsed and hashed: until then
        // the prepared rows are spilled to a temporary file (bounded memory), so other
        // writers (the daemon, other commands) wait only for the inserts (issue 15).
        let writer = s.spawn(move || -> Result<Option<ImportSummary>> {
            audit::with_actor(&actor, || {
                // A missing session is reported before any error of the input.
                sessions::get(conn, session_id)?;
                let mut spill = Spill::create()?;
                loop {
                    match receiver.recv() {
                        Ok(Batch::Rows(rows)) => spill.write(rows)?,
                        Ok(Batch::End) => break,
                        Err(_) => return Ok(None),
                    }
                }
                let mut importer = Importer::begin(conn, session_id)?;
                spill.replay(|rows| importer.store(rows))?;
                importer.finish().map(Some)
            })
        });
        let gone = || Error::storage("chat import: the writer stopped");
        let mut rows = Vec::with_capacity(BATCH);
        let read_result = read(&mut |msg| {
            let (ts, hash, vote) = prepare(&msg)?;
            rows.push(Prepared {
                msg,
                ts,
                hash,
                vote,
            });
            if rows.len() == BATCH {
                let full = std::mem::replace(&mut rows, Vec::with_capacity(BATCH));
                sender.send(Batch::Rows(full)).map_err(|_| gone())?;
            }
            Ok(())
        })
        .and_then(|()| {
            sender.send(Batch::Rows(rows)).map_err(|_| gone())?;
            sender.send(Batch::End).map_err(|_| gone())
        });
        drop(sender);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(Error::storage("chat import: the writer panicked")));
        match written {
            Ok(Some(summary)) => Ok(summary),
            Ok(None) => Err(read_result.err().unwrap_or_else(gone)),
            Err(e) => Err(e),
        }
    });
    conn.pragma_update(None, "cache_size", cache)?;
    result
}

/// Prepared rows waiting while the log is read, sorted by time before they are inserted:
/// the dedupe index `(session_id, timestamp, message_hash)` is then appended to in order
/// whatever the log's order (a shuffled log's inserts would land all over its B-tree).
/// An external sort: runs of [`RUN_ROWS`] rows are sorted in memory (while the reader
/// parses the next ones) and written to a temporary file (deleted on drop; length-prefixed
/// fields); [`Spill::replay`] merges the runs. A log of one run never touches the file.
/// Rows of the same millisecond keep the log's order (stable sort, merge ties to the
/// earlier run), so which of two identical messages is the duplicate does not change.
struct Spill {
    path: std::path::PathBuf,
    out: Option<std::io::BufWriter<std::fs::File>>,
    /// The run being filled.
    run: Vec<Prepared>,
    /// Where each run written to the file starts.
    runs: Vec<u64>,
    written: u64,
    /// [`RUN_ROWS`] (smaller in tests).
    run_rows: usize,
}

/// Rows per sorted run: ~10 MB of prepared rows, so memory stays bounded (P4: ≤ 100 MB
/// peak for 1M messages with SQLite's page cache) and a 1M-message log makes ~30 runs.
const RUN_ROWS: usize = 32_768;

impl Spill {
    /// A name unique within this process; [`Spill::open_new`] steps past leftovers of others.
    fn next_path() -> std::path::PathBuf {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        std::env::temp_dir().join(format!(
            "jackbox-import-{}-{}.spill",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ))
    }

    fn create() -> Result<Spill> {
        Ok(Spill {
            path: Spill::next_path(),
            out: None,
            run: Vec::new(),
            runs: Vec::new(),
            written: 0,
            run_rows: RUN_ROWS,
        })
    }

    /// Creates the spill file without overwriting anything. A file of a killed import whose
    /// process id has been reused can sit at our name: step to the next name instead.
    fn open_new(&mut self) -> Result<std::fs::File> {
        let mut attempt = 0u32;
        loop {
            let opened = crate::platform::private_file(
                std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create_new(true),
            )
            .open(&self.path);
            match opened {
                Ok(file) => return Ok(file),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 64 => {
                    attempt += 1;
                    self.path = Spill::next_path();
                }
                Err(e) => {
                    return Err(Error::storage(format!(
                        "chat import: cannot create a temporary file: {e}"
                    )))
                }
            }
        }
    }

    fn write(&mut self, rows: Vec<Prepared>) -> Result<()> {
        for p in rows {
            self.run.push(p);
            if self.run.len() >= self.run_rows {
                self.flush_run()?;
            }
        }
        Ok(())
    }

    /// Sorts the run being filled and appends it to the file (created on first use).
    fn flush_run(&mut self) -> Result<()> {
        use std::io::Write;
        if self.run.is_empty() {
            return Ok(());
        }
        self.run.sort_by_key(|p| p.msg.at);
        if self.out.is_none() {
            let file = self.open_new()?;
            self.out = Some(std::io::BufWriter::with_capacity(1 << 20, file));
        }
        let Some(out) = self.out.as_mut() else {
            return Ok(());
        };
        let start = self.written;
        for p in self.run.drain(..) {
            for field in [&p.msg.username, &p.msg.message, &p.ts, &p.hash] {
                out.write_all(&(field.len() as u32).to_le_bytes())?;
                out.write_all(field.as_bytes())?;
                self.written += 4 + field.len() as u64;
            }
            out.write_all(&p.msg.at.to_le_bytes())?;
            let vote = match p.vote {
                None => 0u8,
                Some(VoteKind::Up) => 1,
                Some(VoteKind::Down) => 2,
            };
            out.write_all(&[vote])?;
            self.written += 9;
        }
        self.runs.push(start);
        Ok(())
    }

    /// Every row, in time order, in batches of [`BATCH`], into `store`.
    fn replay(&mut self, mut store: impl FnMut(&[Prepared]) -> Result<()>) -> Result<()> {
        use std::io::{Seek, Write};
        if self.runs.is_empty() {
            // One run: sorted in memory, no file.
            self.run.sort_by_key(|p| p.msg.at);
            for batch in self.run.chunks(BATCH) {
                store(batch)?;
            }
            return Ok(());
        }
        self.flush_run()?;
        if let Some(out) = self.out.as_mut() {
            out.flush()?;
        }
        // One reader per run, each with its own file offset.
        let ends = self
            .runs
            .iter()
            .skip(1)
            .copied()
            .chain(std::iter::once(self.written));
        let mut readers = Vec::with_capacity(self.runs.len());
        for (&start, end) in self.runs.iter().zip(ends) {
            let mut file = std::fs::File::open(&self.path)?;
            file.seek(std::io::SeekFrom::Start(start))?;
            readers.push(std::io::BufReader::with_capacity(
                64 << 10,
                std::io::Read::take(file, end - start),
            ));
        }
        // The merge: the earliest head first, ties to the earlier run.
        let mut heads = std::collections::BinaryHeap::new();
        let mut rows_of: Vec<Option<Prepared>> = Vec::with_capacity(readers.len());
        for (i, r) in readers.iter_mut().enumerate() {
            let row = read_row(r)?;
            if let Some(p) = &row {
                heads.push(std::cmp::Reverse((p.msg.at, i)));
            }
            rows_of.push(row);
        }
        let mut rows = Vec::with_capacity(BATCH);
        while let Some(std::cmp::Reverse((_, i))) = heads.pop() {
            let next = read_row(&mut readers[i])?;
            if let Some(p) = &next {
                heads.push(std::cmp::Reverse((p.msg.at, i)));
            }
            if let Some(row) = std::mem::replace(&mut rows_of[i], next) {
                rows.push(row);
            }
            if rows.len() == BATCH {
                store(&rows)?;
                rows.clear();
            }
        }
        store(&rows)
    }
}

/// One row of a run, or `None` at its end.
fn read_row(input: &mut impl std::io::Read) -> Result<Option<Prepared>> {
    let corrupt = || Error::storage("chat import: the temporary file is damaged");
    let text = |input: &mut dyn std::io::Read| -> Result<Option<String>> {
        let mut len = [0u8; 4];
        match input.read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(e.into()),
        }
        let mut buf = vec![0u8; u32::from_le_bytes(len) as usize];
        input.read_exact(&mut buf)?;
        String::from_utf8(buf).map(Some).map_err(|_| corrupt())
    };
    let Some(username) = text(input)? else {
        return Ok(None);
    };
    let message = text(input)?.ok_or_else(corrupt)?;
    let ts = text(input)?.ok_or_else(corrupt)?;
    let hash = text(input)?.ok_or_else(corrupt)?;
    let mut at = [0u8; 8];
    input.read_exact(&mut at)?;
    let mut vote = [0u8; 1];
    input.read_exact(&mut vote)?;
    Ok(Some(Prepared {
        msg: ChatMessage {
            username,
            message,
            at: i64::from_le_bytes(at),
        },
        ts,
        hash,
        vote: match vote[0] {
            1 => Some(VoteKind::Up),
            2 => Some(VoteKind::Down),
            _ => None,
        },
    }))
}

impl Drop for Spill {
    fn drop(&mut self) {
        if self.out.is_some() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A leftover spill file at our name (a killed import whose process id came back) is
    /// neither overwritten nor a reason to fail: the import writes beside it.
    #[test]
    fn a_leftover_spill_file_is_stepped_past() {
        let mut spill = Spill::create().unwrap();
        spill.run_rows = 1;
        let taken = spill.path.clone();
        std::fs::write(&taken, b"someone else's").unwrap();
        let row = |n: i64| Prepared {
            msg: ChatMessage {
                username: format!("u{n}"),
                message: "hi".into(),
                at: n,
            },
            ts: format_ms(n).unwrap(),
            hash: format!("{n:064}"),
            vote: None,
        };
        spill.write(vec![row(2), row(1)]).unwrap();
        assert_ne!(spill.path, taken);
        let mut seen = Vec::new();
        spill
            .replay(|batch| {
                seen.extend(batch.iter().map(|p| p.msg.at));
                Ok(())
            })
            .unwrap();
        assert_eq!(seen, [1, 2]);
        assert_eq!(std::fs::read(&taken).unwrap(), b"someone else's");
        std::fs::remove_file(&taken).unwrap();
    }

    /// Rows come back in time order across runs (one run in memory, or many merged from the
    /// file), rows of the same millisecond in the log's order, and the file is removed.
    #[test]
    fn staged_rows_replay_sorted_by_time() {
        for run_rows in [1000, 7] {
            let mut spill = Spill::create().unwrap();
            spill.run_rows = run_rows;
            // A shuffled log: times 0..50 in a scrambled order, two messages per time.
            let mut rows = Vec::new();
            for n in 0..100i64 {
                let at = (n * 37) % 50;
                rows.push(Prepared {
                    msg: ChatMessage {
                        username: format!("u{n}"),
                        message: "hi".into(),
                        at,
                    },
                    ts: format_ms(at).unwrap(),
                    hash: format!("{n:064}"),
                    vote: (n % 3 == 0).then_some(VoteKind::Up),
                });
            }
            spill.write(rows).unwrap();
            let mut seen = Vec::new();
            spill
                .replay(|batch| {
                    seen.extend(
                        batch
                            .iter()
                            .map(|p| (p.msg.at, p.msg.username.clone(), p.vote)),
                    );
                    Ok(())
                })
                .unwrap();
            assert_eq!(seen.len(), 100);
            assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "time order");
            let user = |u: &str| u[1..].parse::<i64>().unwrap();
            assert!(
                seen.windows(2)
                    .filter(|w| w[0].0 == w[1].0)
                    .all(|w| user(&w[0].1) < user(&w[1].1)),
                "same millisecond: the log's order"
            );
            assert!(seen
                .iter()
                .all(|(_, u, v)| (user(u) % 3 == 0) == v.is_some()));
            let path = spill.path.clone();
            assert_eq!(path.exists(), run_rows == 7);
            drop(spill);
            assert!(!path.exists());
        }
    }

    #[test]
    fn iterator_import_is_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = crate::store::open(&dir.path().join("t.db")).unwrap();
        let sid = sessions::create(&mut conn, None).unwrap().id;
        let new = crate::core::session_games::NewGame {
            game_id: Some(1),
            ..Default::default()
        };
        crate::core::lineup::add_game(&mut conn, sid, &new).unwrap();
        let at = crate::time::parse_iso("2100-01-01T00:00:00Z")
            .unwrap()
            .timestamp_millis();
        let msg = |user: &str, text: &str, at: i64| {
            Ok(ChatMessage {
                username: user.into(),
                message: text.into(),
                at,
            })
        };
        let items = vec![
            msg("a", "thisgame++", at),
            msg("b", "hi", at),
            Err(Error::invalid("broken")),
        ];
        assert!(import_messages(&mut conn, sid, items).is_err());
        let rows: i64 = conn
            .query_row("SELECT COUNT(*) FROM chat_logs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 0);
        let items = vec![
            msg("a", "thisgame++", at),
            msg("a", "thisgame++", at),
            msg("b", "thisgame--", 0),
        ];
        let s = import_messages(&mut conn, sid, items).unwrap();
        assert_eq!(
            (
                s.messages_imported,
                s.duplicates_skipped,
                s.votes_processed,
                s.unmatched_votes
            ),
            (2, 1, 1, 1)
        );
        assert!(import_messages(&mut conn, 99, Vec::new()).is_err());
    }

    #[test]
    fn pipelined_import_is_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = crate::store::open(&dir.path().join("t.db")).unwrap();
        let sid = sessions::create(&mut conn, None).unwrap().id;
        let feed = |n: i64, fail: bool| {
            move |sink: &mut dyn FnMut(ChatMessage) -> Result<()>| -> Result<()> {
                for i in 0..n {
                    sink(ChatMessage {
                        username: format!("u{}", i % 7),
                        message: "hi".into(),
                        at: 1_773_601_200_000 + i,
                    })?;
                }
                if fail {
                    return Err(Error::invalid("broken"));
                }
                Ok(())
            }
        };
        // Fails after several batches went to the writer: nothing stored.
        let e = import_pipelined(&mut conn, sid, feed(3 * BATCH as i64 + 5, true)).unwrap_err();
        assert_eq!(e.message, "broken");
        let rows = |c: &Connection| -> i64 {
            c.query_row("SELECT COUNT(*) FROM chat_logs", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(rows(&conn), 0);
        // A missing session wins over an input error.
        let e = import_pipelined(&mut conn, 99, feed(10, true)).unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::NotFound);
        let s = import_pipelined(&mut conn, sid, feed(2500, false)).unwrap();
        assert_eq!((s.messages_imported, s.duplicates_skipped), (2500, 0));
        let s = import_pipelined(&mut conn, sid, feed(2600, false)).unwrap();
        assert_eq!((s.messages_imported, s.duplicates_skipped), (100, 2500));
        assert_eq!(rows(&conn), 2600);
        let cache: i64 = conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .unwrap();
        assert_ne!(cache, -IMPORT_CACHE_KIB, "the page cache is restored");
    }
}
