//! The games catalog: the built-in seed, reading and filtering games and packs, and the CSV
//! row format shared by the seed, `catalog import` and `catalog export`.

use super::model::Game;
use crate::{Error, Result};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

/// The built-in catalog, kept as data in the catalog CSV format.
const BUILTIN_CSV: &str = include_str!("catalog.csv");

/// The CSV header, in order (`picker.md`).
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

/// The editable fields of a game: one CSV row, one `POST /api/games` body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GameFields {
    pub pack_name: String,
    pub title: String,
    pub min_players: i64,
    pub max_players: i64,
    pub length_minutes: Option<i64>,
    pub has_audience: bool,
    pub family_friendly: bool,
    pub game_type: Option<String>,
    pub secondary_type: Option<String>,
    pub app_tag: Option<String>,
    pub enabled: bool,
    pub favor_bias: i64,
}

impl GameFields {
    /// Checks the rules every game obeys; the message names the field.
    pub fn validate(&self) -> Result<()> {
        if self.pack_name.trim().is_empty() {
            return Err(Error::invalid("pack_name is required"));
        }
        if self.title.trim().is_empty() {
            return Err(Error::invalid("title is required"));
        }
        if self.min_players < 1 {
            return Err(Error::invalid(
                "min_players must be an integer of at least 1",
            ));
        }
        if self.max_players < self.min_players {
            return Err(Error::invalid(
                "max_players must be an integer not less than min_players",
            ));
        }
        if matches!(self.length_minutes, Some(n) if n < 1) {
            return Err(Error::invalid("length_minutes must be a positive integer"));
        }
        if !(-1..=1).contains(&self.favor_bias) {
            return Err(Error::invalid("favor_bias must be -1, 0 or 1"));
        }
        Ok(())
    }

    /// Parses one CSV record (without the header). `line` is for messages.
    pub fn from_csv(record: &csv::StringRecord, line: u64) -> Result<Self> {
        let bad = |what: &str| Error::invalid(format!("CSV line {line}: {what}"));
        if record.len() != CSV_COLUMNS.len() {
            return Err(bad(&format!(
                "expected {} columns, found {}",
                CSV_COLUMNS.len(),
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
            pack_name: text(0).ok_or_else(|| bad("pack_name is required"))?,
            title: text(1).ok_or_else(|| bad("title is required"))?,
            min_players: int(2)?.ok_or_else(|| bad("min_players is required"))?,
            max_players: int(3)?.ok_or_else(|| bad("max_players is required"))?,
            length_minutes: int(4)?,
            has_audience: flag(5, false)?,
            family_friendly: flag(6, false)?,
            game_type: text(7),
            secondary_type: text(8),
            app_tag: text(9).map(|t| normalize_tags(&t)),
            enabled: flag(10, true)?,
            favor_bias: int(11)?.unwrap_or(0),
        };
        fields.validate().map_err(|e| bad(&e.message))?;
        Ok(fields)
    }

    /// The CSV record of these fields, in `CSV_COLUMNS` order.
    pub fn to_csv(&self) -> [String; 12] {
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
        ]
    }
}

impl From<&Game> for GameFields {
    fn from(g: &Game) -> Self {
        GameFields {
            pack_name: g.pack_name.clone(),
            title: g.title.clone(),
            min_players: g.min_players,
            max_players: g.max_players,
            length_minutes: g.length_minutes,
            has_audience: g.has_audience != 0,
            family_friendly: g.family_friendly != 0,
            game_type: g.game_type.clone(),
            secondary_type: g.secondary_type.clone(),
            app_tag: g.app_tag.clone(),
            enabled: g.enabled != 0,
            favor_bias: g.favor_bias,
        }
    }
}

/// `"a, b"` → `"a,b"`: tags are stored comma-separated without spaces.
pub fn normalize_tags(tags: &str) -> String {
    tags.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(",")
}

/// Parses a whole catalog CSV (header required). A bad line rejects everything.
pub fn parse_csv(data: &str) -> Result<Vec<GameFields>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(data.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| Error::invalid(format!("CSV line 1: {e}")))?
        .clone();
    let names: Vec<&str> = header.iter().map(str::trim).collect();
    if names != CSV_COLUMNS {
        return Err(Error::invalid(format!(
            "CSV line 1: the header must be {}",
            CSV_COLUMNS.join(",")
        )));
    }
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            Error::invalid(format!("CSV line {line}: {e}"))
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        out.push(GameFields::from_csv(&record, line)?);
    }
    Ok(out)
}

/// Migration step: the built-in catalog.
pub fn seed_builtin(tx: &Transaction) -> Result<()> {
    let now = crate::time::now();
    for fields in parse_csv(BUILTIN_CSV)? {
        insert(tx, &fields, &now)?;
    }
    Ok(())
}

/// Inserts one game (and its pack when new). Returns the new id.
pub fn insert(tx: &Connection, f: &GameFields, now: &str) -> Result<i64> {
    tx.prepare_cached("INSERT OR IGNORE INTO packs (name) VALUES (?1)")?
        .execute([&f.pack_name])?;
    tx.prepare_cached(
        "INSERT INTO games (pack_name, title, min_players, max_players, length_minutes,
            has_audience, family_friendly, game_type, secondary_type, app_tag, enabled,
            favor_bias, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(rusqlite::params![
        f.pack_name,
        f.title,
        f.min_players,
        f.max_players,
        f.length_minutes,
        f.has_audience as i64,
        f.family_friendly as i64,
        f.game_type,
        f.secondary_type,
        f.app_tag,
        f.enabled as i64,
        f.favor_bias,
        now
    ])?;
    Ok(tx.last_insert_rowid())
}

pub fn game_not_found() -> Error {
    Error::not_found("Game not found")
}

/// One game; `Game not found` when absent.
pub fn get(conn: &Connection, id: i64) -> Result<Game> {
    let sql = format!("{} WHERE g.id = ?1", Game::SELECT);
    conn.prepare_cached(&sql)?
        .query_row([id], Game::from_row)
        .optional()?
        .ok_or_else(game_not_found)
}

/// A game named by the user: a numeric id, or a title matching exactly one game
/// (case-insensitive; an exact title wins over a partial one, and among exact titles in
/// several packs the numbered Party Pack release wins).
pub fn resolve(conn: &Connection, name: &str) -> Result<Game> {
    let name = name.trim();
    if let Ok(id) = name.parse::<i64>() {
        return get(conn, id);
    }
    let sql = format!(
        "{} WHERE lower(g.title) = lower(?1) OR instr(lower(g.title), lower(?1)) > 0
         ORDER BY g.pack_name, g.title",
        Game::SELECT
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let found: Vec<Game> = stmt
        .query_map([name], Game::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let exact: Vec<&Game> = found
        .iter()
        .filter(|g| g.title.eq_ignore_ascii_case(name))
        .collect();
    // The same title can ship in several packs (Quiplash 3 in Party Pack 7 and in the
    // Party Starter): the numbered Party Pack release is the one people mean.
    let in_party_pack: Vec<&Game> = exact
        .iter()
        .copied()
        .filter(|g| g.pack_name.starts_with("The Jackbox Party Pack"))
        .collect();
    let candidates: Vec<&Game> = if in_party_pack.len() == 1 {
        in_party_pack
    } else if exact.is_empty() {
        found.iter().collect()
    } else {
        exact
    };
    match candidates.as_slice() {
        [] => Err(game_not_found()),
        [one] => Ok((*one).clone()),
        many => {
            let list = many
                .iter()
                .take(8)
                .map(|g| format!("{} ({}, id {})", g.title, g.pack_name, g.id))
                .collect::<Vec<_>>()
                .join("; ");
            Err(
                Error::invalid(format!("Game title \"{name}\" is ambiguous: {list}"))
                    .with_hint("name the game by its id (jackbox catalog list --q TEXT shows ids)"),
            )
        }
    }
}

/// The catalog game carrying an ecast `appTag`, if any.
pub fn find_by_app_tag(conn: &Connection, tag: &str) -> Result<Option<Game>> {
    let sql = format!(
        "{} WHERE g.app_tag IS NOT NULL AND instr(',' || g.app_tag || ',', ',' || ?1 || ',') > 0
         ORDER BY g.id LIMIT 1",
        Game::SELECT
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([tag], Game::from_row)
        .optional()?)
}

/// `drawing` filter values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawing {
    Only,
    Exclude,
}

/// `length` filter values: short ≤ 15 min (and unknown), medium 16–25, long > 25.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    Short,
    Medium,
    Long,
}

impl Drawing {
    pub fn parse(v: &str) -> Option<Self> {
        match v {
            "only" => Some(Drawing::Only),
            "exclude" => Some(Drawing::Exclude),
            _ => None,
        }
    }
}

impl Length {
    pub fn parse(v: &str) -> Option<Self> {
        match v {
            "short" => Some(Length::Short),
            "medium" => Some(Length::Medium),
            "long" => Some(Length::Long),
            _ => None,
        }
    }
}

/// The catalog filters of `picker.md`, shared by `GET /api/games`, `catalog list` and the
/// picker.
#[derive(Debug, Clone, Default)]
pub struct GameFilter {
    pub enabled: Option<bool>,
    pub player_count: Option<i64>,
    pub drawing: Option<Drawing>,
    pub length: Option<Length>,
    pub family_friendly: Option<bool>,
    pub packs: Vec<String>,
    pub q: Option<String>,
}

impl GameFilter {
    /// Whether a game passes every filter.
    pub fn matches(&self, g: &Game) -> bool {
        if let Some(e) = self.enabled {
            if (g.enabled != 0) != e {
                return false;
            }
        }
        if let Some(n) = self.player_count {
            if n < g.min_players || n > g.max_players {
                return false;
            }
        }
        let is_drawing = g.game_type.as_deref() == Some("Drawing");
        match self.drawing {
            Some(Drawing::Only) if !is_drawing => return false,
            Some(Drawing::Exclude) if is_drawing => return false,
            _ => {}
        }
        if let Some(len) = self.length {
            let ok = match (len, g.length_minutes) {
                (Length::Short, None) => true,
                (Length::Short, Some(m)) => m <= 15,
                (Length::Medium, Some(m)) => (16..=25).contains(&m),
                (Length::Long, Some(m)) => m > 25,
                (_, None) => false,
            };
            if !ok {
                return false;
            }
        }
        if let Some(ff) = self.family_friendly {
            if (g.family_friendly != 0) != ff {
                return false;
            }
        }
        if !self.packs.is_empty() && !self.packs.iter().any(|p| p == &g.pack_name) {
            return false;
        }
        if let Some(q) = &self.q {
            if !g.title.to_lowercase().contains(&q.to_lowercase()) {
                return false;
            }
        }
        true
    }
}

/// All games ordered by pack, then title, filtered. The catalog is small (~100 rows), so
/// one query reads it and the filters run in memory, identically for listing and picking.
pub fn list(conn: &Connection, filter: &GameFilter) -> Result<Vec<Game>> {
    let sql = format!("{} ORDER BY g.pack_name, g.title", Game::SELECT);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], Game::from_row)?;
    let mut out = Vec::new();
    for g in rows {
        let g = g?;
        if filter.matches(&g) {
            out.push(g);
        }
    }
    Ok(out)
}

/// A pack with its flags and counts (`GET /api/games/packs`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pack {
    pub name: String,
    pub enabled: i64,
    pub favor_bias: i64,
    pub total_count: i64,
    pub enabled_count: i64,
}

/// Pack metadata (`GET /api/games/meta/packs`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PackMeta {
    pub name: String,
    pub total_count: i64,
    pub enabled_count: i64,
    pub total_plays: i64,
    pub favor_bias: i64,
}

const PACKS_SQL: &str = "SELECT p.name, p.enabled, p.favor_bias, COUNT(g.id),
        COALESCE(SUM(g.enabled), 0), COALESCE(SUM(g.play_count), 0)
    FROM packs p JOIN games g ON g.pack_name = p.name
    GROUP BY p.name ORDER BY p.name";

/// Packs that hold at least one game, by name.
pub fn packs(conn: &Connection) -> Result<Vec<Pack>> {
    let mut stmt = conn.prepare_cached(PACKS_SQL)?;
    let rows = stmt.query_map([], |r| {
        Ok(Pack {
            name: r.get(0)?,
            enabled: r.get(1)?,
            favor_bias: r.get(2)?,
            total_count: r.get(3)?,
            enabled_count: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn packs_meta(conn: &Connection) -> Result<Vec<PackMeta>> {
    let mut stmt = conn.prepare_cached(PACKS_SQL)?;
    let rows = stmt.query_map([], |r| {
        Ok(PackMeta {
            name: r.get(0)?,
            favor_bias: r.get(2)?,
            total_count: r.get(3)?,
            enabled_count: r.get(4)?,
            total_plays: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
