//! The CLI face: the clap command tree, the shared context, and error → exit-code mapping.
//!
//! Each command group lives in its own module with a clap `Args`/`Subcommand` type and a
//! `run(ctx, args)` that parses input, calls the core and renders the result.

pub mod docs;
pub mod output;

mod audit;
mod auth;
mod catalog;
mod catalog_edit;
mod chat;
mod db;
mod export_all;
mod game;
mod monitor;
mod pick;
mod poll;
mod serve;
mod session;
mod stats;
pub mod values;
mod votes;
mod webhook;

use crate::error::ExitCode;
use crate::{store, Error, Result};
use clap::{Parser, Subcommand};
use rusqlite::Connection;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  jackbox session create --notes \"Friday game night\"
  jackbox game add \"Quiplash 3\" --room-code ABCD
  jackbox game list
  jackbox pick --players 6 --add
  jackbox poll start --count 3 --duration 90
  jackbox session close --notes \"Great night\"
  jackbox session export 5 --format json -o night.json
  jackbox session export --all --dir ~/game-nights --closed-only
  jackbox serve --bind 0.0.0.0:5000";

/// The top-level help's epilogue: examples, then the exit codes from [`ExitCode`].
fn after_help() -> String {
    let codes: Vec<String> = ExitCode::ALL
        .iter()
        .map(|c| format!("  {}  {}", *c as i32, c.meaning()))
        .collect();
    format!("{EXAMPLES}\n\nExit codes:\n{}", codes.join("\n"))
}

/// Track Jackbox Party Pack game nights: sessions, games, room codes, player counts, chat
/// votes and a picker, on a local SQLite file, or served over HTTP with `jackbox serve`.
#[derive(Debug, Parser)]
#[command(name = "jackbox", version, after_help = after_help(), propagate_version = true)]
pub struct Cli {
    /// The database file [default: $XDG_DATA_HOME/jackbox/jackbox.db]
    #[arg(
        long,
        global = true,
        env = "JACKBOX_DB",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub db: Option<PathBuf>,

    /// Print the API's JSON instead of tables
    #[arg(long, global = true)]
    pub json: bool,

    /// Print only IDs: the new ID of what was created, the IDs of what is listed or shown
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Game nights: list, show, create, close, delete, export
    #[command(subcommand)]
    Session(session::Cmd),
    /// Games of a session: add, list, status, room code, player count, monitor
    #[command(subcommand)]
    Game(game::Cmd),
    /// Import a chat log and count its votes
    #[command(subcommand)]
    Chat(chat::Cmd),
    /// Record one live vote for the game being played
    #[command(subcommand)]
    Vote(votes::VoteCmd),
    /// Vote history and per-game totals
    #[command(subcommand)]
    Votes(votes::VotesCmd),
    /// Pick a game to play next (weighted random)
    Pick(pick::Args),
    /// Chat polls: open one, record votes, show, close (the winner is lined up), cancel
    #[command(subcommand)]
    Poll(poll::Cmd),
    /// The games catalog: list, show, add, edit, remove, enable, favor, packs, CSV
    #[command(subcommand)]
    Catalog(catalog::Cmd),
    /// Webhooks: register receivers, test, read logs, flush pending deliveries
    #[command(subcommand)]
    Webhook(webhook::Cmd),
    /// Admins, the admin key and API tokens
    #[command(subcommand)]
    Auth(auth::Cmd),
    /// The audit log: who changed what, newest first
    Audit(audit::Args),
    /// The database file: backup, restore, integrity check
    #[command(subcommand)]
    Db(db::Cmd),
    /// Totals and rankings
    Stats,
    /// Run the HTTP + WebSocket daemon
    Serve(serve::Args),
    /// Print a shell completion script
    Completions {
        #[arg(value_enum, ignore_case = true)]
        shell: clap_complete::Shell,
    },
}

/// What every command gets: where the database is and how to print.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub db: PathBuf,
    pub json: bool,
    pub quiet: bool,
    /// The newest outbox id when the command first opened the database (set by
    /// [`Ctx::open`]): after the command, `webhook::pending_note` counts the deliveries it
    /// queued since.
    pub outbox_at_open: std::cell::OnceCell<i64>,
}

impl Ctx {
    /// Opens the existing database (migrating it if older). Commands that only read use
    /// this: a missing file is `error: no database at PATH` (exit 3), never created.
    pub fn open(&self) -> Result<Connection> {
        let conn = store::open_existing(&self.db)?;
        self.remember_outbox(&conn);
        Ok(conn)
    }

    /// Opens the database, creating it (folders, schema, built-in catalog) when missing.
    /// Only commands that write (and `serve`) use this.
    pub fn open_or_create(&self) -> Result<Connection> {
        let conn = store::open(&self.db)?;
        self.remember_outbox(&conn);
        Ok(conn)
    }

    /// Remembers the newest outbox id the first time the command opens the database.
    fn remember_outbox(&self, conn: &Connection) {
        if self.outbox_at_open.get().is_none() {
            if let Ok(id) = crate::core::events::last_event_id(conn) {
                let _ = self.outbox_at_open.set(id);
            }
        }
    }

    /// [`Ctx::open_or_create`] for a command that writes, else [`Ctx::open`].
    pub fn open_for(&self, writes: bool) -> Result<Connection> {
        if writes {
            self.open_or_create()
        } else {
            self.open()
        }
    }
}

/// A file that cannot be read or written: an I/O failure (exit 1), naming the file.
pub(crate) fn file_error(verb: &str, path: &std::path::Path, e: std::io::Error) -> Error {
    Error::storage(format!("cannot {verb} {}: {e}", path.display()))
}

/// Parses the command line, runs it, and returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let ctx = Ctx {
        db: cli.db.clone().unwrap_or_else(store::default_path),
        json: cli.json,
        quiet: cli.quiet,
        outbox_at_open: std::cell::OnceCell::new(),
    };
    let serving = matches!(cli.command, Command::Serve(_));
    if !serving {
        // Every write of this command is recorded in the audit log as this actor.
        crate::core::audit::set_default_actor(crate::env::cli_actor());
    }
    let code = match run(&ctx, cli.command) {
        Ok(()) => 0,
        Err(e) => report(&e),
    };
    if !serving {
        webhook::pending_note(&ctx);
    }
    code
}

/// Prints `error: …` (and a hint) on stderr; returns the exit code for the error.
pub fn report(e: &Error) -> i32 {
    eprintln!("error: {}", e.message);
    if let Some(hint) = &e.hint {
        eprintln!("hint: {hint}");
    }
    e.exit_code()
}

fn run(ctx: &Ctx, command: Command) -> Result<()> {
    match command {
        Command::Session(cmd) => session::run(ctx, cmd),
        Command::Game(cmd) => game::run(ctx, cmd),
        Command::Chat(cmd) => chat::run(ctx, cmd),
        Command::Vote(cmd) => votes::run_vote(ctx, cmd),
        Command::Votes(cmd) => votes::run_votes(ctx, cmd),
        Command::Pick(args) => pick::run(ctx, args),
        Command::Poll(cmd) => poll::run(ctx, cmd),
        Command::Catalog(cmd) => catalog::run(ctx, cmd),
        Command::Webhook(cmd) => webhook::run(ctx, cmd),
        Command::Auth(cmd) => auth::run(ctx, cmd),
        Command::Audit(args) => audit::run(ctx, args),
        Command::Db(cmd) => db::run(ctx, cmd),
        Command::Stats => stats::run(ctx),
        Command::Serve(args) => serve::run(ctx, args),
        Command::Completions { shell } => {
            docs::print_completions(shell);
            Ok(())
        }
    }
}
