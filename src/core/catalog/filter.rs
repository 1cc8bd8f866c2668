//! The catalog filters (player count, drawing, length, family-friendly, packs, text).

use crate::core::input::Raw;
use crate::core::model::Game;
use crate::Result;

crate::vocab! {
    /// `drawing` filter values.
    pub enum Drawing ("drawing must be \"only\" or \"exclude\"") {
        Only = "only",
        Exclude = "exclude",
    }
}

crate::vocab! {
    /// `length` filter values: short ≤ 15 min (and unknown), medium 16–25, long > 25.
    pub enum Length ("length must be short, medium or long") {
        Short = "short",
        Medium = "medium",
        Long = "long",
    }
}

/// The message of a bad `playerCount` (query, pick body, `--players`).
pub const PLAYER_COUNT_ERROR: &str = "playerCount must be a positive integer";

/// The catalog filters of `docs/catalog.md`, shared by `GET /api/games`, `catalog list` and the
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
    /// The filters every face names alike (`playerCount`, `drawing`, `length`), read from
    /// `field` (a query string or a JSON body) into `self`.
    pub fn with_common<'a>(mut self, field: impl Fn(&str) -> Option<Raw<'a>>) -> Result<Self> {
        self.player_count = field("playerCount")
            .map(GameFilter::parse_player_count)
            .transpose()?;
        self.drawing = field("drawing")
            .map(GameFilter::parse_drawing)
            .transpose()?;
        self.length = field("length").map(GameFilter::parse_length).transpose()?;
        Ok(self)
    }

    /// The `playerCount` filter from any face.
    pub fn parse_player_count(raw: Raw) -> Result<i64> {
        raw.positive(PLAYER_COUNT_ERROR)
    }

    /// The `drawing` filter from any face.
    pub fn parse_drawing(raw: Raw) -> Result<Drawing> {
        raw.word()
    }

    /// The `length` filter from any face.
    pub fn parse_length(raw: Raw) -> Result<Length> {
        raw.word()
    }

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
