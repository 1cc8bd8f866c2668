//! jackbox: Jackbox Party Pack game nights on one SQLite file.
//!
//! The crate is one core (`core`, `store`) with two faces: the CLI (`cli`) and the HTTP +
//! WebSocket daemon (`serve`). Neither face imports the other; the core imports neither clap
//! nor hyper.
#![forbid(unsafe_code)]

pub mod chat;
pub mod cli;
pub mod core;
pub mod daemon_lock;
pub mod env;
pub mod error;
pub mod live;
pub mod monitor;
pub mod serve;
pub mod store;
pub mod time;
pub mod webhooks;

pub use error::{Error, ErrorKind, Result};

/// The program version, reported by `/health`, `--version` and webhook User-Agents.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
