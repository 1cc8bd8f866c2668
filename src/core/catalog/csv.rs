//! The catalog CSV format: parsing a file (with line numbers for messages), writing the
//! export, and `catalog import` in append or replace mode.

use super::fields::{normalize_tags, GameFields};
use super::filter::GameFilter;
use super::read::list;
use super::writes::{insert, tag_clash, tag_error, write_fields};
use crate::core::audit::{self, Action};
use crate::core::input::required;
use crate::core::model::Message;
use crate::{store, Error, Result};
use rusqlite::Connection;
use serde_json::json;

/// The CSV header, in order (`docs/catalog.md`), without the optional last column `ticker`
/// (`docs/polls.md`): files without it are still read, and keep the games' tickers.
pub const CSV_COLUMNS: [&str; 12] = [
    "pack_name",
    "title",
    "min_players",
    "max_players",
    "length_minutes",
    "has_audience",
    "family_friendly",
    "game_type",
    "secondary_type",
    "app_tag",
    "enabled",
    "favor_bias",
];

/// The optional 13th CSV column; export always writes it.
pub const TICKER_COLUMN: &str = "ticker";

impl GameFields {
    /// Parses one CSV record (without the header) of a file with `columns` columns (12, or
    /// 13 with `ticker`). `line` is for messages.
    pub fn from_csv(record: &csv::StringRecord, line: u64, columns: usize) -> Result<Self> {
        let bad = |what: &str| Error::invalid(format!("CSV line {line}: {what}"));
        let missing = |i: usize| bad(&required(CSV_COLUMNS[i]).message);
        if record.len() != columns {
            return Err(bad(&format!(
                "expected {columns} columns, found {}",
                record.len()
            )));
        }
        let text = |i: usize| {
            let v = record[i].trim();
            (!v.is_empty()).then(|| v.to_string())
        };
        let int = |i: usize| -> Result<Option<i64>> {
            match text(i) {
                None => Ok(None),
                Some(v) => v
                    .parse::<i64>()
                    .map(Some)
                    .map_err(|_| bad(&format!("{} must be an integer", CSV_COLUMNS[i]))),
            }
        };
        let flag = |i: usize, default: bool| -> Result<bool> {
            match text(i).as_deref().map(str::to_ascii_lowercase).as_deref() {
                None => Ok(default),
                Some("1" | "true" | "yes") => Ok(true),
                Some("0" | "false" | "no") => Ok(false),
                Some(_) => Err(bad(&format!("{} must be 0 or 1", CSV_COLUMNS[i]))),
            }
        };
        let fields = GameFields {
            pack_name: text(0).ok_or_else(|| missing(0))?,
            title: text(1).ok_or_else(|| missing(1))?,
            min_players: int(2)?.ok_or_else(|| missing(2))?,
            max_players: int(3)?.ok_or_else(|| missing(3))?,
            length_minutes: int(4)?,
            has_audience: flag(5, false)?,
            family_friendly: flag(6, false)?,
            game_type: text(7),
            secondary_type: text(8),
            app_tag: text(9).map(|t| normalize_tags(&t)),
            enabled: flag(10, true)?,
            favor_bias: int(11)?.unwrap_or(0),
            ticker: match columns > CSV_COLUMNS.len() {
                true => crate::core::tickers::normalize_opt(text(12).as_deref())
                    .map_err(|e| bad(&e.message))?,
                false => None,
            },
        };
        fields.validate().map_err(|e| bad(&e.message))?;
        Ok(fields)
    }

    /// The CSV record of these fields, in `CSV_COLUMNS` order, then the ticker.
    pub fn to_csv(&self) -> [String; 13] {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        [
            self.pack_name.clone(),
            self.title.clone(),
            self.min_players.to_string(),
            self.max_players.to_string(),
            self.length_minutes
                .map(|n| n.to_string())
                .unwrap_or_default(),
            (self.has_audience as i64).to_string(),
            (self.family_friendly as i64).to_string(),
            opt(&self.game_type),
            opt(&self.secondary_type),
            opt(&self.app_tag),
            (self.enabled as i64).to_string(),
            self.favor_bias.to_string(),
            opt(&self.ticker),
        ]
    }
}

/// Parses a whole catalog CSV (header required). A bad line rejects everything.
pub fn parse_csv(data: &str) -> Result<Vec<GameFields>> {
    Ok(parse_csv_lines(data)?.into_iter().map(|(_, f)| f).collect())
}

/// [`parse_csv`] keeping each row's line number (for messages about the import as a whole).
/// Two rows with the same (pack_name, title) are an error naming the second line.
pub fn parse_csv_lines(data: &str) -> Result<Vec<(u64, GameFields)>> {
    Ok(parse_csv_table(data)?.0)
}

/// [`parse_csv_lines`], also telling whether the file has the `ticker` column. Two rows
/// with the same ticker are a `409` naming the second line.
pub fn parse_csv_table(data: &str) -> Result<(Vec<(u64, GameFields)>, bool)> {
    // Spreadsheet programs like to start the file with a byte-order mark.
    let data = data.strip_prefix('\u{feff}').unwrap_or(data);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(data.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| Error::invalid(format!("CSV line 1: {e}")))?
        .clone();
    let names: Vec<&str> = header.iter().map(str::trim).collect();
    let with_ticker = names.len() == CSV_COLUMNS.len() + 1
        && names[..CSV_COLUMNS.len()] == CSV_COLUMNS
        && names[CSV_COLUMNS.len()] == TICKER_COLUMN;
    if names != CSV_COLUMNS && !with_ticker {
        return Err(Error::invalid(format!(
            "CSV line 1: the header must be {}",
            CSV_COLUMNS.join(",")
        ))
        .with_hint("a last column, ticker, may follow favor_bias"));
    }
    let columns = names.len();
    let mut out: Vec<(u64, GameFields)> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    let mut tickers: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            Error::invalid(format!("CSV line {line}: {e}"))
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let fields = GameFields::from_csv(&record, line, columns)?;
        if let Some(t) = &fields.ticker {
            if let Some(first) = tickers.insert(t.clone(), line) {
                return Err(Error::duplicate(format!(
                    "CSV line {line}: ticker {t} already appears on line {first}"
                )));
            }
        }
        let key = (fields.pack_name.clone(), fields.title.clone());
        if let Some(first) = seen.insert(key, line) {
            return Err(Error::invalid(format!(
                "CSV line {line}: \"{}\" in pack \"{}\" already appears on line {first}",
                fields.title, fields.pack_name
            )));
        }
        out.push((line, fields));
    }
    Ok((out, with_ticker))
}

/// The whole catalog as CSV (header + one row per game, by pack then title).
pub fn export_csv(conn: &Connection) -> Result<String> {
    let games = list(conn, &GameFilter::default())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let csv_err = |e: csv::Error| Error::storage(format!("CSV error: {e}"));
    w.write_record(CSV_COLUMNS.iter().chain([&TICKER_COLUMN]))
        .map_err(csv_err)?;
    for g in &games {
        w.write_record(GameFields::from(g).to_csv())
            .map_err(csv_err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::storage(format!("CSV error: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::storage(format!("CSV error: {e}")))
}

pub use crate::core::vocab::ImportMode;

/// Imports a catalog CSV in one transaction: a bad line rejects the whole file, naming the
/// line. Existing games are matched by (pack_name, title) and updated in place (their id,
/// counters and votes are kept). → `{ "message", "imported", "updated" }` (`imported` =
/// games added, `updated` = existing games rewritten).
pub fn import_csv(conn: &mut Connection, data: &str, mode: ImportMode) -> Result<Message> {
    let (mut rows, with_ticker) = parse_csv_table(data)?;
    store::write(conn, |tx| {
        let mut removed = 0usize;
        if mode == ImportMode::Replace {
            let keep: std::collections::HashSet<(&str, &str)> = rows
                .iter()
                .map(|(_, f)| (f.pack_name.as_str(), f.title.as_str()))
                .collect();
            let existing: Vec<(i64, String, String)> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT g.id, g.pack_name, g.title FROM games g
                     WHERE NOT EXISTS (SELECT 1 FROM session_games sg WHERE sg.game_id = g.id)
                       AND NOT EXISTS (SELECT 1 FROM live_votes v WHERE v.game_id = g.id)",
                )?;
                let found = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                found.collect::<rusqlite::Result<_>>()?
            };
            let mut del = tx.prepare_cached("DELETE FROM games WHERE id = ?1")?;
            for (id, pack_name, title) in &existing {
                if !keep.contains(&(pack_name.as_str(), title.as_str())) {
                    del.execute([id])?;
                    removed += 1;
                }
            }
        }
        let now = crate::time::now();
        let (mut imported, mut updated) = (0i64, 0i64);
        let mut lines = std::collections::HashMap::new();
        // One query for the existing keys; the file's keys are unique, so inserts made
        // below never change the answer for a later row.
        let ids: std::collections::HashMap<(String, String), i64> = {
            let mut stmt = tx.prepare_cached("SELECT pack_name, title, id FROM games")?;
            let found = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
            found.collect::<rusqlite::Result<_>>()?
        };
        // Tickers may move between the file's games: free the ones the file rewrites first,
        // so only a clash with a game outside the file remains (a 409 naming the line).
        // A file without the column keeps each existing game's ticker.
        for (_, f) in rows.iter_mut() {
            if let Some(&id) = ids.get(&(f.pack_name.clone(), f.title.clone())) {
                if with_ticker {
                    tx.prepare_cached("UPDATE games SET ticker = NULL WHERE id = ?1")?
                        .execute([id])?;
                } else {
                    f.ticker = super::read::get(tx, id)?.ticker;
                }
            }
        }
        for (line, f) in &rows {
            let id = ids.get(&(f.pack_name.clone(), f.title.clone())).copied();
            if let Some(t) = &f.ticker {
                crate::core::tickers::check_free(tx, t, id)
                    .map_err(|e| Error::duplicate(format!("CSV line {line}: {}", e.message)))?;
            }
        }
        for (line, f) in &rows {
            let key = (f.pack_name.clone(), f.title.clone());
            let id = match ids.get(&key).copied() {
                Some(id) => {
                    write_fields(tx, id, f)?;
                    updated += 1;
                    id
                }
                None => {
                    imported += 1;
                    insert(tx, f, &now)?
                }
            };
            lines.insert(id, *line);
        }
        if let Some(c) = tag_clash(tx, &|id| lines.contains_key(&id))? {
            let line = lines.get(&c.offender).copied().unwrap_or(0);
            return Err(Error::invalid(format!(
                "CSV line {line}: {}",
                tag_error(&c)
            )));
        }
        let mut message = format!("Imported {imported} new games, updated {updated}");
        if mode == ImportMode::Replace {
            message.push_str(&format!(", removed {removed}"));
        }
        audit::record(
            tx,
            Action::CatalogImport,
            None,
            json!({
                "mode": mode,
                "rows": rows.len(),
                "imported": imported,
                "updated": updated,
                "removed": removed,
            }),
        )?;
        Ok(Message::new(&message)
            .with("imported", imported)
            .with("updated", updated))
    })
}
