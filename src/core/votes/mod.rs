//! Votes: parsing `thisgame++`/`thisgame--`, matching a vote time to the game being played,
//! the streaming chat-log import, live votes, and the vote history and per-game totals.
//!
//! Chat formats (how bytes become [`ChatMessage`]s) live in `core::chat`; this module owns
//! what happens to a message once it is parsed. One file per job:
//!
//! - [`token`] — the vote tokens and the message hash;
//! - [`parse`] — chat timestamps and [`ChatMessage`];
//! - [`intervals`] — which game owns a point in time;
//! - [`import`] — the chat-log import;
//! - [`live`] — live votes;
//! - [`history`] — the vote history and per-session totals.

pub mod history;
pub mod import;
pub mod intervals;
pub mod live;
pub mod parse;
pub mod token;

pub use history::*;
pub use import::*;
pub use intervals::*;
pub use live::*;
pub use parse::*;
pub use token::*;
