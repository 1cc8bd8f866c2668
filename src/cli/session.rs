//! `jackbox session …`: list, active, show, create, close, delete, export.

use super::output::{self, kv, opt, when};
use super::Ctx;
use crate::core::{export, model::Session, sessions};
use crate::Result;
use clap::Subcommand;
use serde_json::json;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List all sessions, newest first
    List {
        /// Show at most N sessions
        #[arg(long)]
        limit: Option<i64>,
        /// Skip the first N sessions
        #[arg(long)]
        offset: Option<i64>,
    },
    /// Show the active session
    Active,
    /// Show one session
    Show { id: i64 },
    /// Start a game night (only one can be active)
    #[command(
        after_help = "Example:\n  SID=$(jackbox session create -q --notes \"Friday game night\")"
    )]
    Create {
        /// Notes, e.g. "Friday game night"
        #[arg(long)]
        notes: Option<String>,
    },
    /// Close a session (default: the active one); playing games become played
    Close {
        id: Option<i64>,
        /// Replace the session's notes
        #[arg(long)]
        notes: Option<String>,
    },
    /// Delete a closed session with its games, chat log and votes
    Delete {
        id: i64,
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Export a session as a TXT report or JSON (stdout by default)
    #[command(after_help = "Example:\n  jackbox session export 5 --format json -o session-5.json")]
    Export {
        /// Session ID [default: the active session]
        id: Option<i64>,
        #[arg(long, default_value = "txt", value_parser = ["txt", "json"])]
        format: String,
        /// Write to FILE instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    let mut conn = ctx.open()?;
    match cmd {
        Cmd::List { limit, offset } => {
            let list = sessions::list(&conn, limit, offset)?;
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
                        if s.is_active == 1 { "active" } else { "closed" }.to_string(),
                        when(&s.created_at),
                        opt(&s.closed_at),
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
        Cmd::Active => match sessions::active(&conn)? {
            Some(s) => show(ctx, &s),
            None if ctx.json => {
                output::json(&json!({ "session": null, "message": "No active session" }))
            }
            None => {
                output::line("No active session");
                Ok(())
            }
        },
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
            show(ctx, &s)
        }
        Cmd::Delete { id, yes } => {
            if !yes && std::io::stdin().is_terminal() && !confirm(id)? {
                return Err(crate::Error::state("Deletion cancelled"));
            }
            let msg = sessions::delete(&mut conn, id)?;
            if ctx.json {
                return output::json(&msg);
            }
            if !ctx.quiet {
                output::line(&format!("Session {id} deleted"));
            }
            Ok(())
        }
        Cmd::Export {
            id,
            format,
            output: file,
        } => {
            let format = export::Format::parse(&format)?;
            let id = sessions::resolve(&conn, id)?.id;
            let (name, body) = export::render(&export::gather(&conn, id)?, format)?;
            match file {
                Some(path) => {
                    std::fs::write(&path, body.as_bytes()).map_err(|e| {
                        crate::Error::storage(format!("cannot write {}: {e}", path.display()))
                    })?;
                    if !ctx.quiet {
                        eprintln!("wrote {} ({name})", path.display());
                    }
                }
                None => {
                    use std::io::Write;
                    let mut out = std::io::stdout().lock();
                    let _ = out.write_all(body.as_bytes());
                    if !body.ends_with('\n') {
                        let _ = out.write_all(b"\n");
                    }
                }
            }
            Ok(())
        }
    }
}

fn confirm(id: i64) -> Result<bool> {
    eprint!("Delete session {id} with its games, chat log and votes? [y/N] ");
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "YES"))
}

/// One session as JSON or a key/value block.
fn show(ctx: &Ctx, s: &Session) -> Result<()> {
    if ctx.json {
        return output::json(s);
    }
    let mut pairs = vec![
        ("Session", s.id.to_string()),
        (
            "Status",
            if s.is_active == 1 { "active" } else { "closed" }.to_string(),
        ),
        ("Notes", opt(&s.notes)),
        ("Started", when(&s.created_at)),
    ];
    if let Some(closed) = &s.closed_at {
        pairs.push(("Closed", when(closed)));
    }
    if let Some(n) = s.games_played {
        pairs.push(("Games", n.to_string()));
    }
    kv(&pairs);
    Ok(())
}
