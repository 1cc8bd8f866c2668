//! Votes: parsing `thisgame++`/`thisgame--`, matching a vote time to the game being played,
//! live votes, and the vote history and per-game totals.
//!
//! The chat-log import (bytes → `chat::ChatMessage`s → counted votes) lives in `core::chat`
//! and uses the rules here. One file per job:
//!
//! - [`token`] — the vote tokens and the message hash;
//! - [`parse`] — chat timestamps;
//! - [`intervals`] — which game owns a point in time;
//! - [`live`] — live votes (one vote at a time, [`live::cast`]);
//! - [`history`] — the vote history and per-session totals.

pub mod history;
pub mod intervals;
pub mod live;
pub mod parse;
pub mod token;

pub use history::*;
pub use intervals::*;
pub use live::*;
pub use parse::*;
pub use token::*;
