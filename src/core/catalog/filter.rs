//! The catalog filters (player count, drawing, length, family-friendly, packs, text).

use crate::core::model::Game;

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
