//! Webhooks in the core, one job per file: the registry of webhooks and their logs
//! (`registry.rs`), which receiver URLs are allowed (`policy.rs`), and the delivery queue
//! with its retry schedule (`queue.rs`). All synchronous database work or plain rules; the
//! HTTP sending lives in `crate::webhooks`, and the settings (address policy, retry base)
//! come from the faces, which read them from the environment (`crate::env`).

pub mod policy;
pub mod queue;
pub mod registry;

pub use policy::{check_host, forbidden_address, AddressPolicy};
pub use queue::*;
pub use registry::*;
