//! The payloads of the events of `polls.md` (`game.picked`, `game.dismissed`, `poll.start`,
//! `poll.leading`, `voting.ended`, `poll.cancelled`), one serde struct each, and the one
//! place they are written to the outbox.

use super::events::emit;
use super::model::Game;
use super::polls::{Poll, PollOption};
use super::selection::{DismissReason, SelectionSource};
use crate::Result;
use rusqlite::Transaction;
use serde::Serialize;

/// The game of `game.picked`: the fields overlays show.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PickedGame {
    pub id: i64,
    pub title: String,
    pub pack_name: String,
    pub min_players: i64,
    pub max_players: i64,
}

impl From<&Game> for PickedGame {
    fn from(g: &Game) -> Self {
        PickedGame {
            id: g.id,
            title: g.title.clone(),
            pack_name: g.pack_name.clone(),
            min_players: g.min_players,
            max_players: g.max_players,
        }
    }
}

/// `game.picked`: a game was lined up next.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GamePicked {
    pub session_id: i64,
    pub game: PickedGame,
    pub source: SelectionSource,
}

/// `game.dismissed`: the lined-up game was cleared.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GameDismissed {
    pub session_id: i64,
    pub game_id: Option<i64>,
    pub reason: DismissReason,
}

/// `poll.start`: a poll opened.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PollStart {
    pub session_id: i64,
    pub poll: Poll,
    pub poll_started_at: String,
}

/// `poll.leading`: the totals of an open poll changed (coalesced, see `polls.rs`).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PollLeading {
    pub session_id: i64,
    pub poll_id: i64,
    pub leader: Option<PollOption>,
    pub options: Vec<PollOption>,
    pub total_votes: i64,
}

/// `voting.ended`: a poll closed (by hand or at its deadline).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct VotingEnded {
    pub session_id: i64,
    pub poll_id: i64,
    pub winner_game_id: Option<i64>,
    pub winner_label: Option<String>,
    pub votes: Vec<PollOption>,
}

/// `poll.cancelled`: a poll was cancelled (no winner).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PollCancelled {
    pub session_id: i64,
    pub poll_id: i64,
}

/// One of the events above, with its name.
pub enum ChoiceEvent {
    GamePicked(GamePicked),
    GameDismissed(GameDismissed),
    PollStart(PollStart),
    PollLeading(PollLeading),
    VotingEnded(VotingEnded),
    PollCancelled(PollCancelled),
}

impl ChoiceEvent {
    pub fn name(&self) -> &'static str {
        match self {
            ChoiceEvent::GamePicked(_) => "game.picked",
            ChoiceEvent::GameDismissed(_) => "game.dismissed",
            ChoiceEvent::PollStart(_) => "poll.start",
            ChoiceEvent::PollLeading(_) => "poll.leading",
            ChoiceEvent::VotingEnded(_) => "voting.ended",
            ChoiceEvent::PollCancelled(_) => "poll.cancelled",
        }
    }

    fn session_id(&self) -> i64 {
        match self {
            ChoiceEvent::GamePicked(e) => e.session_id,
            ChoiceEvent::GameDismissed(e) => e.session_id,
            ChoiceEvent::PollStart(e) => e.session_id,
            ChoiceEvent::PollLeading(e) => e.session_id,
            ChoiceEvent::VotingEnded(e) => e.session_id,
            ChoiceEvent::PollCancelled(e) => e.session_id,
        }
    }

    fn data(&self) -> serde_json::Result<serde_json::Value> {
        match self {
            ChoiceEvent::GamePicked(e) => serde_json::to_value(e),
            ChoiceEvent::GameDismissed(e) => serde_json::to_value(e),
            ChoiceEvent::PollStart(e) => serde_json::to_value(e),
            ChoiceEvent::PollLeading(e) => serde_json::to_value(e),
            ChoiceEvent::VotingEnded(e) => serde_json::to_value(e),
            ChoiceEvent::PollCancelled(e) => serde_json::to_value(e),
        }
    }

    /// Writes the event to the outbox (and queues its webhooks) inside `tx`.
    pub fn emit(&self, tx: &Transaction) -> Result<()> {
        emit(tx, self.name(), Some(self.session_id()), self.data()?)?;
        Ok(())
    }
}
