//! Session export: the JSON document and the human-readable TXT report.

use super::model::{Session, SessionGame};
use super::vocab::VoteKind;
use super::{session_games, sessions};
use crate::Result;
use rusqlite::Connection;
use serde::Serialize;
use std::fmt::Write as _;

pub use super::vocab::ExportFormat as Format;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChatLine {
    pub username: String,
    pub message: String,
    pub timestamp: String,
    pub vote: Option<VoteKind>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SessionExport {
    pub session: Session,
    pub games: Vec<SessionGame>,
    pub chat_logs: Vec<ChatLine>,
    /// The session's `updated_at`: the same value until the session, its games or its votes
    /// change, so a saved export tells whether it is still current ([`stamp`]).
    pub updated_at: String,
    pub exported_at: String,
}

/// Gathers everything of one session, read in one consistent snapshot.
pub fn gather(conn: &Connection, session_id: i64) -> Result<SessionExport> {
    let tx = conn.unchecked_transaction()?;
    let session = sessions::get(&tx, session_id)?;
    let games = session_games::list_unchecked(&tx, session_id)?;
    let chat_logs = {
        let mut stmt = tx.prepare_cached(
            "SELECT username, message, timestamp, vote FROM chat_logs
             WHERE session_id = ?1 ORDER BY timestamp, id",
        )?;
        let rows = stmt.query_map([session_id], |r| {
            Ok(ChatLine {
                username: r.get(0)?,
                message: r.get(1)?,
                timestamp: r.get(2)?,
                vote: r.get(3)?,
            })
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    tx.finish()?;
    Ok(SessionExport {
        updated_at: session.updated_at.clone(),
        session,
        games,
        chat_logs,
        exported_at: crate::time::now(),
    })
}

/// The file name of a session's export: `session-5.json`, `session-5.txt`. IDs are never
/// reused, so a name always means the same session.
pub fn file_name(session_id: i64, format: Format) -> String {
    format!("session-{session_id}.{}", format.as_str())
}

/// The `updated_at` recorded in a saved export (JSON or TXT), if it has one.
pub fn stamp(format: Format, document: &[u8]) -> Option<String> {
    match format {
        Format::Json => {
            #[derive(serde::Deserialize)]
            struct Stamp {
                updated_at: Option<String>,
            }
            serde_json::from_slice::<Stamp>(document).ok()?.updated_at
        }
        // In the header: the last such line before GAMES (notes, the only user text
        // above it, come first).
        Format::Txt => document
            .split(|b| *b == b'\n')
            .take_while(|l| *l != b"GAMES")
            .filter_map(|l| l.strip_prefix(TXT_UPDATED.as_bytes()))
            .last()
            .and_then(|v| std::str::from_utf8(v).ok())
            .map(|v| v.trim().to_string()),
    }
}

const TXT_UPDATED: &str = "Updated:";

/// The export in the requested format, with its file name (`session-5.json`).
pub fn render(export: &SessionExport, format: Format) -> Result<(String, String)> {
    let name = file_name(export.session.id, format);
    let body = match format {
        Format::Json => serde_json::to_string_pretty(export)?,
        Format::Txt => txt(export),
    };
    Ok((name, body))
}

/// The human-readable report: header, session facts, GAMES, VOTES, CHAT LOG.
pub fn txt(e: &SessionExport) -> String {
    let s = &e.session;
    let mut out = String::new();
    let rule = "=".repeat(60);
    let _ = writeln!(out, "{rule}");
    let _ = writeln!(out, "JACKBOX GAME NIGHT - SESSION {}", s.id);
    let _ = writeln!(out, "{rule}");
    let _ = writeln!(out, "Notes:        {}", s.notes.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "Started:      {}", s.created_at);
    let _ = writeln!(
        out,
        "Ended:        {}",
        s.closed_at.as_deref().unwrap_or("still active")
    );
    let _ = writeln!(out, "Games played: {}", e.games.len());
    let _ = writeln!(out, "{TXT_UPDATED}      {}", e.updated_at);
    let _ = writeln!(out, "Exported:     {}", e.exported_at);
    let _ = writeln!(out);

    let _ = writeln!(out, "GAMES");
    let _ = writeln!(out, "{}", "-".repeat(60));
    if e.games.is_empty() {
        let _ = writeln!(out, "(no games)");
    }
    for (i, g) in e.games.iter().enumerate() {
        let time = g.played_at.get(11..16).unwrap_or(&g.played_at);
        let _ = writeln!(out, "{}. [{}] {} ({})", i + 1, time, g.title, g.pack_name);
        let _ = writeln!(
            out,
            "   status: {} | room code: {} | players: {} | votes: +{} / -{} | source: {}",
            g.status,
            g.room_code.as_deref().unwrap_or("-"),
            g.player_count
                .map(|n| n.to_string())
                .unwrap_or_else(|| "-".into()),
            g.upvotes,
            g.downvotes,
            g.source
        );
    }
    let _ = writeln!(out);

    let _ = writeln!(out, "VOTES");
    let _ = writeln!(out, "{}", "-".repeat(60));
    let (up, down) = e
        .games
        .iter()
        .fold((0, 0), |(u, d), g| (u + g.upvotes, d + g.downvotes));
    let mut voted: Vec<&SessionGame> = e
        .games
        .iter()
        .filter(|g| g.upvotes + g.downvotes > 0)
        .collect();
    voted.sort_by_key(|g| std::cmp::Reverse(g.upvotes - g.downvotes));
    if voted.is_empty() {
        let _ = writeln!(out, "(no votes)");
    }
    for g in voted {
        let _ = writeln!(
            out,
            "{}: +{} / -{} (net {:+})",
            g.title,
            g.upvotes,
            g.downvotes,
            g.upvotes - g.downvotes
        );
    }
    let _ = writeln!(out, "Total: {up} up, {down} down");
    let _ = writeln!(out);

    let _ = writeln!(out, "CHAT LOG ({} messages)", e.chat_logs.len());
    let _ = writeln!(out, "{}", "-".repeat(60));
    if e.chat_logs.is_empty() {
        let _ = writeln!(out, "(no chat log)");
    }
    for c in &e.chat_logs {
        let _ = writeln!(
            out,
            "[{}] {}: {}",
            c.timestamp,
            one_line(&c.username),
            one_line(&c.message)
        );
    }
    out
}

/// A chat username or message (text from outside, unlike the admin's notes, which S6 keeps
/// byte-exact) as one line of the TXT report: a backslash and control characters are escaped (`\\`, `\n`, `\r`, `\t`,
/// `\u{1b}`), so a message holding a newline cannot forge a line of its own.
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    let escaped = |c: char| c == '\\' || c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if !text.chars().any(escaped) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if escaped(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}
