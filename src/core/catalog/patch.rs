//! [`GamePatch`]: a change to a game's fields, from a JSON body or CLI flags, applied to a
//! new game or an existing one.

use super::fields::{
    normalize_tags, parse_favor, GameFields, LENGTH_ERROR, MAX_PLAYERS_ERROR, MIN_PLAYERS_ERROR,
};
use crate::core::input::{required, Raw};
use crate::{Error, Result};
use serde_json::Value;

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
    /// `Some(None)` removes the ticker.
    pub ticker: Option<Option<String>>,
}

/// Empty or blank text means "none" for the optional text fields.
fn clean_text(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

impl GamePatch {
    /// `length_minutes` from any face: a positive integer, or none to clear it (JSON
    /// `null`; on the command line `""`, `none` or `-`).
    pub fn parse_length(raw: Raw) -> Result<Option<i64>> {
        match raw {
            Raw::Json(Value::Null) => Ok(None),
            Raw::Text(t) => match t.trim() {
                "" | "none" | "-" => Ok(None),
                t => Raw::Text(t).positive(LENGTH_ERROR).map(Some),
            },
            other => other.positive(LENGTH_ERROR).map(Some),
        }
    }

    /// The fields of a new game: `pack_name`, `title`, `min_players`, `max_players` are
    /// required; the rest default to no length, no audience, not family-friendly, no
    /// types or tags, enabled, neutral favor.
    pub fn into_new(self) -> Result<GameFields> {
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
            ticker: crate::core::tickers::normalize_opt(self.ticker.flatten().as_deref())?,
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
            ticker: match self.ticker {
                Some(t) => crate::core::tickers::normalize_opt(t.as_deref())?,
                None => base.ticker,
            },
        };
        fields.validate()?;
        Ok(fields)
    }

    /// Reads a JSON request body (`POST`/`PUT /api/games`). Unknown fields (such as `id` or
    /// `play_count` of a game object sent back whole) are ignored; a field of the wrong type
    /// is a `400` naming it. `null` clears the nullable fields and means "absent" for others.
    pub fn from_json(body: &serde_json::Value) -> Result<GamePatch> {
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
        let flag = |k: &str| crate::core::input::opt_bool(obj.get(k), k);
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
        let length_minutes = obj
            .get("length_minutes")
            .map(|v| GamePatch::parse_length(Raw::Json(v)))
            .transpose()?;
        Ok(GamePatch {
            pack_name: text("pack_name")?,
            title: text("title")?,
            min_players: int("min_players", MIN_PLAYERS_ERROR)?,
            max_players: int("max_players", MAX_PLAYERS_ERROR)?,
            length_minutes,
            has_audience: flag("has_audience")?,
            family_friendly: flag("family_friendly")?,
            game_type: nullable_text("game_type")?,
            secondary_type: nullable_text("secondary_type")?,
            app_tag,
            ticker: match obj.get("ticker") {
                None => None,
                Some(Value::Null) => Some(None),
                Some(Value::String(t)) => Some(Some(t.clone())),
                Some(_) => return Err(Error::invalid(crate::core::tickers::TICKER_ERROR)),
            },
            enabled: flag("enabled")?,
            favor_bias: match get("favor_bias") {
                None => None,
                Some(v) => Some(parse_favor(v)?),
            },
        })
    }
}
