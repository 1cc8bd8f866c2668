//! `jackbox session …`: list, active, show, create, close, delete, export.
//!
//! Output modes: `--json` prints the API's JSON; `-q` prints only IDs (the new ID for
//! `create`, the IDs shown for `list`/`active`/`show`) and nothing for other changes.

use super::output::{self, kv, opt, when};
use super::Ctx;
use crate::core::{export, model::Session, sessions};
use crate::{Error, Result};
use clap::Subcommand;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List all sessions, newest first, with the number of games played
    #[command(after_help = "Examples:\n  \
        jackbox session list\n  \
        jackbox session list --limit 10\n  \
        jackbox --json session list | jq '.[0]'")]
    List {
        /// Show at most N sessions
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(0..))]
        limit: Option<i64>,
        /// Skip the first N sessions (with --limit, to page through a long history)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(0..))]
        offset: Option<i64>,
    },
    /// Show the active session (prints "No active session" when there is none)
    #[command(after_help = "Examples:\n  \
        jackbox session active\n  \
        SID=$(jackbox session active -q)   # empty when no session is active")]
    Active,
    /// Show one session
    #[command(after_help = "Examples:\n  jackbox session show 5\n  jackbox --json session show 5")]
    Show {
        /// Session ID
        #[arg(value_parser = id_parser())]
        id: i64,
    },
    /// Start a game night (only one session can be active at a time)
    #[command(after_help = "Examples:\n  \
        jackbox session create\n  \
        jackbox session create --notes \"Friday game night\"\n  \
        SID=$(jackbox session create -q --notes \"Birthday party\")")]
    Create {
        /// Notes, e.g. "Friday game night"
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
    },
    /// Close a session: its playing game becomes played, its room monitors stop
    #[command(after_help = "Examples:\n  \
        jackbox session close                       # the active session\n  \
        jackbox session close 5 --notes \"Great session!\"")]
    Close {
        /// Session ID [default: the active session]
        #[arg(value_parser = id_parser())]
        id: Option<i64>,
        /// Replace the session's notes (kept as they are when not given)
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
    },
    /// Delete a closed session with its games, chat log and votes
    #[command(
        after_help = "Asks for confirmation when stdin is a terminal; scripts (stdin not a \
        terminal) and --yes skip the question.\n\n\
        Examples:\n  \
        jackbox session delete 5\n  \
        jackbox session delete 5 --yes"
    )]
    Delete {
        /// Session ID (the session must be closed)
        #[arg(value_parser = id_parser())]
        id: i64,
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Export a session as a TXT report or a JSON document (stdout by default)
    #[command(after_help = "Examples:\n  \
        jackbox session export                      # the active session, TXT, on stdout\n  \
        jackbox session export 5 -o session-5.txt\n  \
        jackbox session export 5 --format json -o session-5.json")]
    Export {
        /// Session ID [default: the active session]
        #[arg(value_parser = id_parser())]
        id: Option<i64>,
        /// txt (a readable report) or json [default: txt, or json with --json]
        #[arg(long, value_name = "txt|json")]
        format: Option<String>,
        /// Write to FILE instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// IDs are positive integers: `0`, `-1` or `abc` are usage errors (exit 2).
pub(super) fn id_parser() -> clap::builder::RangedI64ValueParser<i64> {
    clap::value_parser!(i64).range(1..)
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    execute(ctx, cmd).map_err(with_hint)
}

/// Adds a hint to errors that come without one, where a next step is obvious.
pub(super) fn with_hint(e: Error) -> Error {
    if e.hint.is_some() {
        return e;
    }
    let hint = match e.message.as_str() {
        "Session not found" => "`jackbox session list` shows the sessions",
        "Game not found" => "`jackbox catalog list --q TEXT` finds a game and its ID",
        _ => return e,
    };
    e.with_hint(hint)
}

fn execute(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    let mut conn = ctx.open()?;
    match cmd {
        Cmd::List { limit, offset } => {
            let list = sessions::list(&conn, limit, offset)?;
            if ctx.quiet {
                list.iter().for_each(|s| output::line(&s.id.to_string()));
                return Ok(());
            }
            if ctx.json {
                return output::json(&list);
            }
            if list.is_empty() {
                output::line("No sessions yet. Start one with: jackbox session create");
                return Ok(());
            }
            let rows = list
                .iter()
                .map(|s| {
                    vec![
                        s.id.to_string(),
                        state(s).to_string(),
                        when(&s.created_at),
                        s.closed_at
                            .as_deref()
                            .map(crate::time::relative)
                            .unwrap_or_else(|| "-".into()),
                        s.games_played.unwrap_or(0).to_string(),
                        s.notes.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            output::table(
                &["ID", "Status", "Started", "Closed", "Games", "Notes"],
                rows,
            );
            Ok(())
        }
        Cmd::Active => {
            let reply = sessions::active_reply(&conn)?;
            match reply {
                sessions::ActiveReply::Active(s) => show(ctx, &s),
                _ if ctx.quiet => Ok(()),
                _ if ctx.json => output::json(&reply),
                _ => {
                    output::line("No active session");
                    Ok(())
                }
            }
        }
        Cmd::Show { id } => show(ctx, &sessions::get(&conn, id)?),
        Cmd::Create { notes } => {
            let s = sessions::create(&mut conn, notes.as_deref())?;
            if ctx.quiet {
                output::line(&s.id.to_string());
                return Ok(());
            }
            show(ctx, &s)
        }
        Cmd::Close { id, notes } => {
            let id = sessions::resolve(&conn, id)?.id;
            let s = sessions::close(&mut conn, id, notes.as_deref())?;
            if ctx.quiet {
                return Ok(());
            }
            show(ctx, &s)
        }
        Cmd::Delete { id, yes } => {
            // Check first, so nobody confirms a deletion that cannot happen.
            let session = sessions::check_deletable(&conn, id)?;
            if !yes && std::io::stdin().is_terminal() && !confirm(&session)? {
                return Err(Error::state("Deletion cancelled").with_hint(format!(
                    "jackbox session delete {id} --yes skips the question"
                )));
            }
            let msg = sessions::delete(&mut conn, id)?;
            if ctx.quiet {
                return Ok(());
            }
            if ctx.json {
                return output::json(&msg);
            }
            output::line(&format!("Session {id} deleted"));
            Ok(())
        }
        Cmd::Export {
            id,
            format,
            output: file,
        } => {
            let format = match format.as_deref() {
                Some(f) => export::Format::parse(f)?,
                None if ctx.json => export::Format::Json,
                None => export::Format::Txt,
            };
            let id = sessions::resolve(&conn, id)?.id;
            let (name, mut body) = export::render(&export::gather(&conn, id)?, format)?;
            if !body.ends_with('\n') {
                body.push('\n');
            }
            match file {
                Some(path) => {
                    write_file(&path, body.as_bytes())?;
                    if !ctx.quiet && !ctx.json {
                        eprintln!("Exported session {id} to {} ({name})", path.display());
                    }
                }
                None => {
                    let mut out = std::io::stdout().lock();
                    // A closed pipe (`| head`) is not an error worth reporting.
                    let _ = out.write_all(body.as_bytes());
                }
            }
            Ok(())
        }
    }
}

fn state(s: &Session) -> &'static str {
    if s.is_active == 1 {
        "active"
    } else {
        "closed"
    }
}

fn write_file(path: &Path, data: &[u8]) -> Result<()> {
    std::fs::write(path, data)
        .map_err(|e| Error::storage(format!("cannot write {}: {e}", path.display())))
}

fn confirm(s: &Session) -> Result<bool> {
    eprint!(
        "Delete session {} ({} games) with its games, chat log and votes? [y/N] ",
        s.id,
        s.games_played.unwrap_or(0)
    );
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// One session: its ID (`-q`), JSON, or a key/value block.
fn show(ctx: &Ctx, s: &Session) -> Result<()> {
    if ctx.quiet {
        output::line(&s.id.to_string());
        return Ok(());
    }
    if ctx.json {
        return output::json(s);
    }
    let mut pairs = vec![
        ("Session", s.id.to_string()),
        ("Status", state(s).to_string()),
        ("Notes", opt(&s.notes)),
        ("Started", when(&s.created_at)),
    ];
    if let Some(closed) = &s.closed_at {
        pairs.push(("Closed", when(closed)));
    }
    if let Some(n) = s.games_played {
        pairs.push(("Games played", n.to_string()));
    }
    kv(&pairs);
    Ok(())
}
