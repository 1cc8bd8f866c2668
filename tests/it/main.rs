//! The integration suite: one test binary (faster to link than many) with one module per
//! area. Tests drive the real `jackbox` binary and real servers on port 0.

mod cdp;
mod fake_ecast;
mod fake_twitch;
mod fake_youtube;
mod server;
mod util;

mod admins;
mod audit;
mod backups;
mod browser;
mod browser_night;
mod catalog;
mod chat_bot;
mod chat_files;
mod chat_import;
mod chat_live;
mod cli_conventions;
mod cli_export;
mod cli_export_all;
mod cli_games;
mod cli_sessions;
mod concurrency;
mod conformance;
mod docs;
mod hardening;
mod hold;
mod host_night;
mod http_auth;
mod http_catalog;
mod http_catalog_reads;
mod http_games;
mod http_general;
mod http_openapi;
mod http_sessions;
mod layers;
mod logins;
mod migrations;
mod monitor;
mod picker;
mod polls;
mod votes;
mod web;
mod webhooks;
pub mod websocket;
