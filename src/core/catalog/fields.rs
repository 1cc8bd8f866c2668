//! A game's editable fields ([`GameFields`]) and the rules every game obeys, including
//! the favor values shared by games and packs.

use crate::core::input::required;
use crate::core::model::Game;
use crate::{Error, Result};
use serde::Serialize;

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
    /// The chat ticker (normalized: upper case), if any.
    pub ticker: Option<String>,
}

pub const MIN_PLAYERS_ERROR: &str = "min_players must be an integer of at least 1";
pub const MAX_PLAYERS_ERROR: &str = "max_players must be an integer not less than min_players";
pub const LENGTH_ERROR: &str = "length_minutes must be a positive integer";

impl GameFields {
    /// Checks the rules every game obeys; the message names the field.
    pub fn validate(&self) -> Result<()> {
        if self.pack_name.trim().is_empty() {
            return Err(required("pack_name"));
        }
        if self.title.trim().is_empty() {
            return Err(required("title"));
        }
        if self.min_players < 1 {
            return Err(Error::invalid(MIN_PLAYERS_ERROR));
        }
        if self.max_players < self.min_players {
            return Err(Error::invalid(MAX_PLAYERS_ERROR));
        }
        if matches!(self.length_minutes, Some(n) if n < 1) {
            return Err(Error::invalid(LENGTH_ERROR));
        }
        check_favor(self.favor_bias)?;
        if let Some(t) = &self.ticker {
            crate::core::tickers::normalize(t)?;
        }
        Ok(())
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
            ticker: g.ticker.clone(),
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
