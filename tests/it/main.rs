//! The integration suite: one test binary (faster to link than many) with one module per
//! area. Tests drive the real `jackbox` binary and real servers on port 0.

mod util;

mod cli_sessions;
mod docs;
mod server;

mod chat_import;
mod http_auth;
mod http_catalog_reads;
mod http_games;
mod http_general;
mod http_openapi;
mod http_sessions;
mod votes;
