//! The games catalog: the built-in seed, reading and filtering games and packs, and the CSV
//! row format shared by the seed, `catalog import` and `catalog export`.

use super::model::{Game, Message};
use crate::{store, Error, Result};
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

/// `"a, b"` → `"a,b"`: tags are stored comma-separated without spaces (and without repeats).
pub fn normalize_tags(tags: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for t in tags.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out.join(",")
}

/// Parses a whole catalog CSV (header required). A bad line rejects everything.
pub fn parse_csv(data: &str) -> Result<Vec<GameFields>> {
    Ok(parse_csv_lines(data)?.into_iter().map(|(_, f)| f).collect())
}

/// [`parse_csv`] keeping each row's line number (for messages about the import as a whole).
/// Two rows with the same (pack_name, title) are an error naming the second line.
pub fn parse_csv_lines(data: &str) -> Result<Vec<(u64, GameFields)>> {
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
    if names != CSV_COLUMNS {
        return Err(Error::invalid(format!(
            "CSV line 1: the header must be {}",
            CSV_COLUMNS.join(",")
        )));
    }
    let mut out: Vec<(u64, GameFields)> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            Error::invalid(format!("CSV line {line}: {e}"))
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let fields = GameFields::from_csv(&record, line)?;
        let key = (fields.pack_name.clone(), fields.title.clone());
        if let Some(first) = seen.insert(key, line) {
            return Err(Error::invalid(format!(
                "CSV line {line}: \"{}\" in pack \"{}\" already appears on line {first}",
                fields.title, fields.pack_name
            )));
        }
        out.push((line, fields));
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
        [] => Err(match super::hints::nearest_titles(conn, name)? {
            Some(hint) => game_not_found().with_hint(hint),
            None => game_not_found(),
        }),
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

// ---------------------------------------------------------------------------------------
// Managing the catalog. Every write is one `store::write` transaction.
// ---------------------------------------------------------------------------------------

/// A change to a game's editable fields: `None` keeps the current value. The nullable
/// fields use `Some(None)` to clear them. One type for `POST /api/games` (where the four
/// required fields must be present), `PUT /api/games/{id}`, `catalog add` and `catalog edit`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GamePatch {
    pub pack_name: Option<String>,
    pub title: Option<String>,
    pub min_players: Option<i64>,
    pub max_players: Option<i64>,
    pub length_minutes: Option<Option<i64>>,
    pub has_audience: Option<bool>,
    pub family_friendly: Option<bool>,
    pub game_type: Option<Option<String>>,
    pub secondary_type: Option<Option<String>>,
    pub app_tag: Option<Option<String>>,
    pub enabled: Option<bool>,
    pub favor_bias: Option<i64>,
}

/// Empty or blank text means "none" for the optional text fields.
fn clean_text(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

impl GamePatch {
    /// The fields of a new game: `pack_name`, `title`, `min_players`, `max_players` are
    /// required; the rest default to no length, no audience, not family-friendly, no
    /// types or tags, enabled, neutral favor.
    pub fn into_new(self) -> Result<GameFields> {
        let required = |name: &str| Error::invalid(format!("{name} is required"));
        let fields = GameFields {
            pack_name: self
                .pack_name
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .ok_or_else(|| required("pack_name"))?,
            title: self
                .title
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .ok_or_else(|| required("title"))?,
            min_players: self.min_players.ok_or_else(|| required("min_players"))?,
            max_players: self.max_players.ok_or_else(|| required("max_players"))?,
            length_minutes: self.length_minutes.flatten(),
            has_audience: self.has_audience.unwrap_or(false),
            family_friendly: self.family_friendly.unwrap_or(false),
            game_type: clean_text(self.game_type.flatten()),
            secondary_type: clean_text(self.secondary_type.flatten()),
            app_tag: clean_text(self.app_tag.flatten().map(|t| normalize_tags(&t))),
            enabled: self.enabled.unwrap_or(true),
            favor_bias: self.favor_bias.unwrap_or(0),
        };
        fields.validate()?;
        Ok(fields)
    }

    /// `base` with this patch applied, validated.
    pub fn apply(self, base: GameFields) -> Result<GameFields> {
        let fields = GameFields {
            pack_name: self
                .pack_name
                .map(|s| s.trim().to_string())
                .unwrap_or(base.pack_name),
            title: self
                .title
                .map(|s| s.trim().to_string())
                .unwrap_or(base.title),
            min_players: self.min_players.unwrap_or(base.min_players),
            max_players: self.max_players.unwrap_or(base.max_players),
            length_minutes: self.length_minutes.unwrap_or(base.length_minutes),
            has_audience: self.has_audience.unwrap_or(base.has_audience),
            family_friendly: self.family_friendly.unwrap_or(base.family_friendly),
            game_type: self.game_type.map(clean_text).unwrap_or(base.game_type),
            secondary_type: self
                .secondary_type
                .map(clean_text)
                .unwrap_or(base.secondary_type),
            app_tag: self
                .app_tag
                .map(|t| clean_text(t.map(|t| normalize_tags(&t))))
                .unwrap_or(base.app_tag),
            enabled: self.enabled.unwrap_or(base.enabled),
            favor_bias: self.favor_bias.unwrap_or(base.favor_bias),
        };
        fields.validate()?;
        Ok(fields)
    }

    /// Reads a JSON request body (`POST`/`PUT /api/games`). Unknown fields (such as `id` or
    /// `play_count` of a game object sent back whole) are ignored; a field of the wrong type
    /// is a `400` naming it. `null` clears the nullable fields and means "absent" for others.
    pub fn from_json(body: &serde_json::Value) -> Result<GamePatch> {
        use serde_json::Value;
        let obj = body
            .as_object()
            .ok_or_else(|| Error::invalid("Request body must be a JSON object"))?;
        let get = |k: &str| obj.get(k).filter(|v| !v.is_null());
        let text = |k: &str| -> Result<Option<String>> {
            match get(k) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(Error::invalid(format!("{k} must be a string"))),
            }
        };
        // A nullable text: absent → keep, null → clear, string → set.
        let nullable_text = |k: &str| -> Result<Option<Option<String>>> {
            match obj.get(k) {
                None => Ok(None),
                Some(Value::Null) => Ok(Some(None)),
                Some(Value::String(s)) => Ok(Some(Some(s.clone()))),
                Some(_) => Err(Error::invalid(format!("{k} must be a string or null"))),
            }
        };
        let int = |k: &str, rule: &str| -> Result<Option<i64>> {
            match get(k) {
                None => Ok(None),
                Some(v) => v
                    .as_i64()
                    .map(Some)
                    .ok_or_else(|| Error::invalid(rule.to_string())),
            }
        };
        let flag = |k: &str| super::input::opt_bool(obj.get(k), k);
        let app_tag = match obj.get("app_tag") {
            None => None,
            Some(Value::Null) => Some(None),
            Some(Value::String(s)) => Some(Some(s.clone())),
            Some(Value::Array(items)) => {
                let tags = items
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| {
                        Error::invalid("app_tag must be a string or a list of strings")
                    })?;
                Some(Some(tags.join(",")))
            }
            Some(_) => {
                return Err(Error::invalid(
                    "app_tag must be a string or a list of strings",
                ))
            }
        };
        let length_minutes = match obj.get("length_minutes") {
            None => None,
            Some(Value::Null) => Some(None),
            Some(v) => Some(Some(v.as_i64().filter(|n| *n > 0).ok_or_else(|| {
                Error::invalid("length_minutes must be a positive integer")
            })?)),
        };
        Ok(GamePatch {
            pack_name: text("pack_name")?,
            title: text("title")?,
            min_players: int(
                "min_players",
                "min_players must be an integer of at least 1",
            )?,
            max_players: int(
                "max_players",
                "max_players must be an integer not less than min_players",
            )?,
            length_minutes,
            has_audience: flag("has_audience")?,
            family_friendly: flag("family_friendly")?,
            game_type: nullable_text("game_type")?,
            secondary_type: nullable_text("secondary_type")?,
            app_tag,
            enabled: flag("enabled")?,
            favor_bias: match get("favor_bias") {
                None => None,
                Some(v) => Some(parse_favor(v)?),
            },
        })
    }
}

pub const FAVOR_ERROR: &str = "favor_bias must be -1, 0 or 1";

/// A favor value from JSON: the integers -1, 0 or 1.
pub fn parse_favor(v: &serde_json::Value) -> Result<i64> {
    v.as_i64()
        .filter(|n| (-1..=1).contains(n))
        .ok_or_else(|| Error::invalid(FAVOR_ERROR))
}

/// Checks a favor value given as a number.
pub fn check_favor(favor: i64) -> Result<i64> {
    if (-1..=1).contains(&favor) {
        Ok(favor)
    } else {
        Err(Error::invalid(FAVOR_ERROR))
    }
}

fn duplicate_game(f: &GameFields) -> Error {
    Error::duplicate(format!(
        "A game titled \"{}\" already exists in pack \"{}\"",
        f.title, f.pack_name
    ))
}

/// The id of the game with this (pack_name, title), if any.
fn id_by_key(conn: &Connection, pack_name: &str, title: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM games WHERE pack_name = ?1 AND title = ?2")?
        .query_row([pack_name, title], |r| r.get(0))
        .optional()?)
}

/// A tag held by two games: (tag, the game that should not have it, the one that does).
struct TagClash {
    tag: String,
    offender: i64,
    owner: (String, String),
}

/// Each app tag belongs to one game (`app-tags.md`): finds a tag carried by two games.
/// When `prefer` is given, the clash is reported against that game (the one just written).
fn tag_clash(conn: &Connection, prefer: &dyn Fn(i64) -> bool) -> Result<Option<TagClash>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, title, pack_name, app_tag FROM games WHERE app_tag IS NOT NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut owners: std::collections::HashMap<String, (i64, String, String)> =
        std::collections::HashMap::new();
    let mut clash: Option<TagClash> = None;
    for row in rows {
        let (id, title, pack, tags) = row?;
        for tag in tags.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            let key = tag.to_ascii_lowercase();
            match owners.get(&key) {
                None => {
                    owners.insert(key, (id, title.clone(), pack.clone()));
                }
                Some((other, other_title, other_pack)) if *other != id => {
                    // Report against the game being written when we can tell which one it is.
                    let (offender, owner) = if prefer(id) || !prefer(*other) {
                        (id, (other_title.clone(), other_pack.clone()))
                    } else {
                        (*other, (title.clone(), pack.clone()))
                    };
                    let better = clash.as_ref().is_none_or(|c| offender > c.offender);
                    if better {
                        clash = Some(TagClash {
                            tag: tag.to_string(),
                            offender,
                            owner,
                        });
                    }
                }
                Some(_) => {}
            }
        }
    }
    Ok(clash)
}

fn tag_error(c: &TagClash) -> String {
    format!(
        "app_tag \"{}\" already belongs to {} ({}); a tag belongs to one game",
        c.tag, c.owner.0, c.owner.1
    )
}

/// Rejects the write when it left an app tag on two games.
fn check_tags_for(tx: &Connection, id: i64) -> Result<()> {
    match tag_clash(tx, &|g| g == id)? {
        Some(c) => Err(Error::invalid(tag_error(&c))),
        None => Ok(()),
    }
}

/// Writes `f` over game `id` (which exists).
fn write_fields(tx: &Connection, id: i64, f: &GameFields) -> Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO packs (name) VALUES (?1)")?
        .execute([&f.pack_name])?;
    tx.prepare_cached(
        "UPDATE games SET pack_name = ?2, title = ?3, min_players = ?4, max_players = ?5,
            length_minutes = ?6, has_audience = ?7, family_friendly = ?8, game_type = ?9,
            secondary_type = ?10, app_tag = ?11, enabled = ?12, favor_bias = ?13
         WHERE id = ?1",
    )?
    .execute(rusqlite::params![
        id,
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
    ])?;
    Ok(())
}

/// Adds a game (`POST /api/games`). A (pack, title) already in the catalog → `409`.
pub fn add(conn: &mut Connection, patch: GamePatch) -> Result<Game> {
    let fields = patch.into_new()?;
    store::write(conn, |tx| {
        if id_by_key(tx, &fields.pack_name, &fields.title)?.is_some() {
            return Err(duplicate_game(&fields));
        }
        let id = insert(tx, &fields, &crate::time::now())?;
        check_tags_for(tx, id)?;
        get(tx, id)
    })
}

/// Changes a game's editable fields (`PUT /api/games/{id}`, `catalog edit`): the fields
/// present in `patch` replace the stored ones, the others are kept.
pub fn update(conn: &mut Connection, id: i64, patch: GamePatch) -> Result<Game> {
    store::write(conn, |tx| {
        let current = get(tx, id)?;
        let fields = patch.apply(GameFields::from(&current))?;
        if let Some(other) = id_by_key(tx, &fields.pack_name, &fields.title)? {
            if other != id {
                return Err(duplicate_game(&fields));
            }
        }
        write_fields(tx, id, &fields)?;
        check_tags_for(tx, id)?;
        get(tx, id)
    })
}

pub const DELETE_PLAYED_ERROR: &str =
    "Cannot delete a game that has been played in a session. Disable it instead.";

/// Whether any session refers to the game (a session game or a live vote).
fn used_in_sessions(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM session_games WHERE game_id = ?1)
                 OR EXISTS (SELECT 1 FROM live_votes WHERE game_id = ?1)",
        )?
        .query_row([id], |r| r.get(0))?)
}

/// Deletes a game that no session refers to.
pub fn delete(conn: &mut Connection, id: i64) -> Result<Message> {
    store::write(conn, |tx| {
        let game = get(tx, id)?;
        if used_in_sessions(tx, id)? {
            return Err(Error::state(DELETE_PLAYED_ERROR).with_hint(format!(
                "disable it instead: jackbox catalog disable {}",
                game.id
            )));
        }
        tx.prepare_cached("DELETE FROM games WHERE id = ?1")?
            .execute([id])?;
        Ok(Message::new("Game deleted successfully"))
    })
}

/// Sets `enabled`; `None` flips it (`PATCH /api/games/{id}/toggle`).
pub fn set_enabled(conn: &mut Connection, id: i64, enabled: Option<bool>) -> Result<Game> {
    store::write(conn, |tx| {
        let game = get(tx, id)?;
        let value = enabled.unwrap_or(game.enabled == 0);
        tx.prepare_cached("UPDATE games SET enabled = ?2 WHERE id = ?1")?
            .execute([id, value as i64])?;
        get(tx, id)
    })
}

/// Sets a game's favor (-1, 0 or 1).
pub fn set_favor(conn: &mut Connection, id: i64, favor: i64) -> Result<Game> {
    check_favor(favor)?;
    store::write(conn, |tx| {
        get(tx, id)?;
        tx.prepare_cached("UPDATE games SET favor_bias = ?2 WHERE id = ?1")?
            .execute([id, favor])?;
        get(tx, id)
    })
}

pub fn pack_not_found() -> Error {
    Error::not_found("Pack not found")
}

/// One pack (with at least one game) by exact name, or else by a case-insensitive match.
pub fn pack(conn: &Connection, name: &str) -> Result<Pack> {
    let all = packs(conn)?;
    if let Some(p) = all.iter().find(|p| p.name == name) {
        return Ok(p.clone());
    }
    let mut loose = all
        .into_iter()
        .filter(|p| p.name.eq_ignore_ascii_case(name.trim()));
    match (loose.next(), loose.next()) {
        (Some(p), None) => Ok(p),
        _ => Err(pack_not_found().with_hint("pack names are listed by: jackbox catalog pack list")),
    }
}

/// Enables or disables picking from a pack, leaving each game's own flag as it is.
/// `gamesAffected` is the number of games in the pack.
pub fn set_pack_enabled(conn: &mut Connection, name: &str, enabled: bool) -> Result<Message> {
    store::write(conn, |tx| {
        let p = pack(tx, name)?;
        tx.prepare_cached("UPDATE packs SET enabled = ?2 WHERE name = ?1")?
            .execute(rusqlite::params![p.name, enabled as i64])?;
        let word = if enabled { "enabled" } else { "disabled" };
        Ok(Message::new(&format!("Pack {word} successfully"))
            .with("pack", p.name)
            .with("enabled", enabled)
            .with("gamesAffected", p.total_count))
    })
}

/// Sets a pack's favor (-1, 0 or 1); returns the pack.
pub fn set_pack_favor(conn: &mut Connection, name: &str, favor: i64) -> Result<Pack> {
    check_favor(favor)?;
    store::write(conn, |tx| {
        let p = pack(tx, name)?;
        tx.prepare_cached("UPDATE packs SET favor_bias = ?2 WHERE name = ?1")?
            .execute(rusqlite::params![p.name, favor])?;
        pack(tx, &p.name)
    })
}

/// The whole catalog as CSV (header + one row per game, by pack then title).
pub fn export_csv(conn: &Connection) -> Result<String> {
    let games = list(conn, &GameFilter::default())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let csv_err = |e: csv::Error| Error::storage(format!("CSV error: {e}"));
    w.write_record(CSV_COLUMNS).map_err(csv_err)?;
    for g in &games {
        w.write_record(GameFields::from(g).to_csv())
            .map_err(csv_err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::storage(format!("CSV error: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::storage(format!("CSV error: {e}")))
}

/// How an import treats the games already in the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Add new (pack_name, title) rows, update existing ones, keep the rest.
    Append,
    /// Make the catalog the file's rows; games referenced by sessions are never deleted.
    Replace,
}

impl ImportMode {
    pub fn parse(v: &str) -> Result<Self> {
        match v {
            "append" => Ok(ImportMode::Append),
            "replace" => Ok(ImportMode::Replace),
            _ => Err(Error::invalid("mode must be \"append\" or \"replace\"")),
        }
    }
}

/// Imports a catalog CSV in one transaction: a bad line rejects the whole file, naming the
/// line. Existing games are matched by (pack_name, title) and updated in place (their id,
/// counters and votes are kept). → `{ "message", "imported", "updated" }` (`imported` =
/// games added, `updated` = existing games rewritten).
pub fn import_csv(conn: &mut Connection, data: &str, mode: ImportMode) -> Result<Message> {
    let rows = parse_csv_lines(data)?;
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
        Ok(Message::new(&message)
            .with("imported", imported)
            .with("updated", updated))
    })
}
