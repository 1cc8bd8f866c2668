//! Tickers: the short chat code of a game (`QPL3` for Quiplash 3). Their one format rule,
//! the uniqueness check with its `409`, the lookup by ticker, and the `TICKER++` /
//! `TICKER--` chat vote shape (`docs/polls.md`, "Tickers").

use super::model::Game;
use super::vocab::VoteKind;
use crate::{Error, Result};
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

pub const TICKER_ERROR: &str = "ticker must be 2 to 8 characters A-Z or 0-9";

/// The word of the chat's own vote (`thisgame++`): a ticker spelled like it would make
/// `thisgame++` mean two things.
const RESERVED: &str = "THISGAME";

/// A ticker as stored: trimmed, upper case, 2–8 characters `A-Z0-9`. Input may be any case.
pub fn normalize(input: &str) -> Result<String> {
    let t = input.trim().to_ascii_uppercase();
    if !(2..=8).contains(&t.len())
        || !t
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err(Error::invalid(TICKER_ERROR));
    }
    if t == RESERVED {
        return Err(Error::invalid(format!(
            "ticker {RESERVED} is reserved: chat's thisgame++ already means the game being played"
        )));
    }
    Ok(t)
}

/// `None`/blank → no ticker; otherwise [`normalize`].
pub fn normalize_opt(input: Option<&str>) -> Result<Option<String>> {
    match input.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => normalize(t).map(Some),
    }
}

/// The game carrying `ticker` (any case), if any.
pub fn find(conn: &Connection, ticker: &str) -> Result<Option<Game>> {
    let sql = format!("{} WHERE g.ticker = upper(trim(?1))", Game::SELECT);
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([ticker], Game::from_row)
        .optional()?)
}

pub fn unknown_ticker() -> Error {
    Error::not_found("Unknown ticker")
}

/// The `409` of a ticker already carried by another game.
pub fn clash(ticker: &str, owner: &Game) -> Error {
    Error::duplicate(format!(
        "ticker {ticker} already belongs to {} ({})",
        owner.title, owner.pack_name
    ))
}

/// Fails with [`clash`] when `ticker` is carried by a game other than `id`.
pub fn check_free(conn: &Connection, ticker: &str, id: Option<i64>) -> Result<()> {
    match find(conn, ticker)? {
        Some(owner) if Some(owner.id) != id => Err(clash(ticker, &owner)),
        _ => Ok(()),
    }
}

/// A chat message that is exactly `TICKER++` or `TICKER--` (any case, surrounding
/// whitespace ignored): the ticker in upper case and the vote. Whether the ticker exists is
/// the caller's question; an unknown one is an ordinary message.
pub fn parse_chat_vote(message: &str) -> Option<(String, VoteKind)> {
    let m = message.trim();
    // Cheap reject first: chat lines are mostly longer or shorter than this.
    if !(4..=10).contains(&m.len()) {
        return None;
    }
    let (word, kind) = if let Some(w) = m.strip_suffix("++") {
        (w, VoteKind::Up)
    } else if let Some(w) = m.strip_suffix("--") {
        (w, VoteKind::Down)
    } else {
        return None;
    };
    if (2..=8).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let t = word.to_ascii_uppercase();
        (t != RESERVED).then_some((t, kind))
    } else {
        None
    }
}

/// A ticker's game, as a chat import credits it.
#[derive(Debug, Clone)]
pub struct TickerGame {
    pub game_id: i64,
    pub title: String,
    pub pack_name: String,
}

/// Every ticker of the catalog (one query), for a chat import.
pub fn all(conn: &Connection) -> Result<HashMap<String, TickerGame>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ticker, id, title, pack_name FROM games WHERE ticker IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            TickerGame {
                game_id: r.get(1)?,
                title: r.get(2)?,
                pack_name: r.get(3)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format() {
        assert_eq!(normalize(" qpl3 ").unwrap(), "QPL3");
        assert_eq!(normalize("AB").unwrap(), "AB");
        assert_eq!(normalize("ABCDEFGH").unwrap(), "ABCDEFGH");
        for bad in ["A", "ABCDEFGHI", "QP-3", "QP 3", "", "ÄBC", "thisgame"] {
            assert!(normalize(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn chat_votes() {
        assert_eq!(
            parse_chat_vote("  qpl3++ "),
            Some(("QPL3".into(), VoteKind::Up))
        );
        assert_eq!(
            parse_chat_vote("TKO--"),
            Some(("TKO".into(), VoteKind::Down))
        );
        for not in [
            "QPL3++ yes",
            "go QPL3++",
            "QPL3+",
            "Q++",
            "ABCDEFGHI++",
            "QP L3++",
            "thisgame++",
            "++",
            "QPL3+-",
        ] {
            assert_eq!(parse_chat_vote(not), None, "{not:?}");
        }
    }
}
