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

const INSERT_CHAT: &str = "INSERT OR IGNORE INTO chat_logs
    (session_id, username, message, timestamp, vote, session_game_id, message_hash)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

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

    /// [`Importer::push`] of [`prepare`]d messages, with one statement for the whole batch.
    fn store(&mut self, rows: &[Prepared]) -> Result<()> {
        let Importer {
            tx,
            session_id,
            intervals,
            tallies,
            tickers,
            ticker_tallies,
            imported,
            duplicates,
            votes,
            unmatched,
            seen,
        } = self;
        let mut insert = tx.prepare_cached(INSERT_CHAT)?;
        for p in rows {
            *seen += 1;
            // `TICKER++` votes for that game whatever the time; an unknown ticker is an
            // ordinary message.
            let ticker_vote = match p.vote {
                Some(_) => None,
                None => crate::core::tickers::parse_chat_vote(&p.msg.message)
                    .and_then(|(t, kind)| tickers.get(&t).map(|g| (g.game_id, kind))),
            };
            if let Some((game_id, kind)) = ticker_vote {
                let changed = insert.execute(rusqlite::params![
                    *session_id,
                    p.msg.username,
                    p.msg.message,
                    p.ts,
                    kind.as_str(),
                    intervals.latest_of(game_id),
                    p.hash,
                ])?;
                if changed == 0 {
                    *duplicates += 1;
                } else {
                    *imported += 1;
                    *votes += 1;
                    let t = ticker_tallies.entry(game_id).or_insert((0, 0));
                    match kind {
                        VoteKind::Up => t.0 += 1,
                        VoteKind::Down => t.1 += 1,
                    }
                }
                continue;
            }
            let slot = p.vote.and_then(|_| intervals.find(p.msg.at));
            let changed = insert.execute(rusqlite::params![
                *session_id,
                p.msg.username,
                p.msg.message,
                p.ts,
                p.vote.map(VoteKind::as_str),
                slot.map(|i| intervals.slots[i].session_game_id),
                p.hash,
            ])?;
            if changed == 0 {
                *duplicates += 1;
                continue;
            }
            *imported += 1;
            match (p.vote, slot) {
                (Some(v), Some(i)) => {
                    *votes += 1;
                    match v {
                        VoteKind::Up => tallies[i].0 += 1,
                        VoteKind::Down => tallies[i].1 += 1,
                    }
                }
                (Some(_), None) => *unmatched += 1,
                _ => {}
            }
        }
        Ok(())
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
const IMPORT_CACHE_KIB: i64 = 65_536;

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
                        Ok(Batch::Rows(rows)) => spill.write(&rows)?,
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

/// Prepared rows waiting in a temporary file (deleted on drop) while the log is read:
/// length-prefixed fields, read back in the same order.
struct Spill {
    path: std::path::PathBuf,
    out: std::io::BufWriter<std::fs::File>,
}

impl Spill {
    fn create() -> Result<Spill> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "jackbox-import-{}-{}.spill",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let mut opts = std::fs::OpenOptions::new();
        opts.read(true).write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = opts.open(&path).map_err(|e| {
            Error::storage(format!("chat import: cannot create a temporary file: {e}"))
        })?;
        Ok(Spill {
            path,
            out: std::io::BufWriter::with_capacity(1 << 20, file),
        })
    }

    fn write(&mut self, rows: &[Prepared]) -> Result<()> {
        use std::io::Write;
        for p in rows {
            for field in [&p.msg.username, &p.msg.message, &p.ts, &p.hash] {
                self.out.write_all(&(field.len() as u32).to_le_bytes())?;
                self.out.write_all(field.as_bytes())?;
            }
            self.out.write_all(&p.msg.at.to_le_bytes())?;
            let vote = match p.vote {
                None => 0u8,
                Some(VoteKind::Up) => 1,
                Some(VoteKind::Down) => 2,
            };
            self.out.write_all(&[vote])?;
        }
        Ok(())
    }

    /// Reads every row back, in batches of [`BATCH`], into `store`.
    fn replay(&mut self, mut store: impl FnMut(&[Prepared]) -> Result<()>) -> Result<()> {
        use std::io::{Read, Seek, Write};
        self.out.flush()?;
        let mut file = self.out.get_ref().try_clone()?;
        file.seek(std::io::SeekFrom::Start(0))?;
        let mut input = std::io::BufReader::with_capacity(1 << 20, file);
        let corrupt = || Error::storage("chat import: the temporary file is damaged");
        let text = |input: &mut std::io::BufReader<std::fs::File>| -> Result<Option<String>> {
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
        let mut rows = Vec::with_capacity(BATCH);
        while let Some(username) = text(&mut input)? {
            let message = text(&mut input)?.ok_or_else(corrupt)?;
            let ts = text(&mut input)?.ok_or_else(corrupt)?;
            let hash = text(&mut input)?.ok_or_else(corrupt)?;
            let mut at = [0u8; 8];
            input.read_exact(&mut at)?;
            let mut vote = [0u8; 1];
            input.read_exact(&mut vote)?;
            rows.push(Prepared {
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
            });
            if rows.len() == BATCH {
                store(&rows)?;
                rows.clear();
            }
        }
        store(&rows)
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
