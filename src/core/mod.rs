//! The core: every rule of the product, once. Both faces (CLI and HTTP) call these
//! functions with a `rusqlite::Connection` and render what they return.
//!
//! Each state-changing operation is one `BEGIN IMMEDIATE` transaction that also writes its
//! events to the outbox (`events`).

pub mod admins;
pub mod audit;
pub mod auth;
pub mod catalog;
pub mod chat;
pub mod events;
pub mod export;
pub mod hints;
pub mod input;
pub mod jwt;
pub mod keys;
pub mod lineup;
pub mod model;
pub mod monitor_state;
pub mod monitoring;
pub mod picker;
pub mod polls;
pub mod retention;
pub mod room_code;
pub mod selection;
pub mod session_games;
pub mod sessions;
pub mod stats;
pub mod status_live;
pub mod tickers;
pub mod tokens;
pub mod vocab;
pub mod votes;
pub mod webhooks;

pub use model::*;
pub use vocab::{
    CountSource, DeliveryState, DisconnectReason, GameStatus, MonitorStatus, VoteSource,
};
