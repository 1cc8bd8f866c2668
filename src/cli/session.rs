//! `jackbox session …`: list, active, show, create, close, delete, export.
//!
//! Output modes: `--json` prints the API's JSON; `-q` prints only IDs (the new ID for
//! `create`, the IDs shown for `list`/`active`/`show`) and nothing for other changes.

use super::output::{self, kv, opt, when};
use super::{values, Ctx};
use crate::core::lineup;
use crate::core::sessions::{SessionFilter, Since};
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
        jackbox session list --closed --since 2026-03-01\n  \
        jackbox session list --closed -q      # IDs of finished nights, one per line\n  \
        jackbox --json session list | jq '.[0]'")]
    List {
        /// Only closed sessions
        #[arg(long, conflicts_with = "active")]
        closed: bool,
        /// Only the active session
        #[arg(long)]
        active: bool,
        /// Only sessions started on or after DATE (2026-03-15, or a full ISO time), or with
        /// an ID of at least ID
        #[arg(long, value_name = "DATE|ID", value_parser = since_parser)]
        since: Option<Since>,
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
    /// Reopen a closed session (undo a close); refused while another session is active
    #[command(after_help = "Example:\n  jackbox session reopen 5")]
    Reopen {
        /// Session ID
        #[arg(value_parser = id_parser())]
        id: i64,
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
    /// Export a session as a TXT report or a JSON document (stdout by default), or every
    /// session into a folder (--all)
    #[command(after_help = EXPORT_HELP)]
    Export {
        /// Session ID [default: the active session]
        #[arg(value_parser = id_parser(), conflicts_with = "all")]
        id: Option<i64>,
        /// txt (a readable report) or json [default: txt; json with --json, except with --all]
        #[arg(long, value_name = "FORMAT", value_parser = values::core_checked(export::Format::NAMES))]
        format: Option<String>,
        /// Write to FILE instead of stdout (`-` is stdout)
        #[arg(short, long, value_name = "FILE", conflicts_with = "all")]
        output: Option<PathBuf>,
        /// Export every session (or those --since / --closed-only select) into --dir, one
        /// file per session, rewriting only the files whose session changed
        #[arg(long, requires = "dir")]
        all: bool,
        /// The folder --all writes into (created when missing)
        #[arg(long, value_name = "DIR", requires = "all")]
        dir: Option<PathBuf>,
        /// With --all: only sessions started on or after DATE (2026-03-15, or a full ISO
        /// time), or with an ID of at least ID
        #[arg(long, value_name = "DATE|ID", value_parser = since_parser, requires = "all")]
        since: Option<Since>,
        /// With --all: only closed sessions (the active one still changes)
        #[arg(long, requires = "all")]
        closed_only: bool,
        /// With --all: rewrite every file, even those whose session has not changed
        #[arg(long, requires = "all")]
        force: bool,
    },
}

const EXPORT_HELP: &str = "\
With --all, each session goes to DIR/session-ID.txt (or .json): the name depends only on
the session's ID, which is never reused. A file is written to a temporary name in DIR and
renamed over the old one, so a reader never sees half a file. A file is rewritten only when
its session changed since it was written (the export's updated_at, which every change to
the session, its games or its votes moves), so re-running it rewrites nothing. It prints
one line per file written, then a summary; -q prints the IDs of the sessions written. The
exit code is 1 when any export failed (the others are still written).

Examples:
  jackbox session export                      # the active session, TXT, on stdout
  jackbox session export 5 -o session-5.txt
  jackbox session export 5 --format json -o session-5.json
  jackbox session export --all --dir ~/game-nights --format json --closed-only
  jackbox session export --all --dir ~/game-nights --since 2026-03-01";

/// `--since DATE|ID` for clap (a bad value is a usage error).
fn since_parser(v: &str) -> std::result::Result<Since, String> {
    v.parse::<Since>().map_err(|e| e.message)
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

impl Cmd {
    /// Whether the command writes (and so may create the database).
    fn writes(&self) -> bool {
        matches!(
            self,
            Cmd::Create { .. } | Cmd::Close { .. } | Cmd::Reopen { .. } | Cmd::Delete { .. }
        )
    }
}

fn execute(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    let mut conn = ctx.open_for(cmd.writes())?;
    match cmd {
        Cmd::List {
            closed,
            active,
            since,
            limit,
            offset,
        } => {
            let filter = SessionFilter {
                active: (closed || active).then_some(active),
                since,
                limit,
                offset,
            };
            let list = sessions::list_filtered(&conn, &filter)?;
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
            let s = lineup::close_session(&mut conn, id, notes.as_deref())?;
            if ctx.quiet {
                return Ok(());
            }
            show(ctx, &s)
        }
        Cmd::Reopen { id } => {
            let s = sessions::reopen(&mut conn, id)?;
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
            all,
            dir,
            since,
            closed_only,
            force,
        } => {
            let format = match format.as_deref() {
                Some(f) => f.parse::<export::Format>()?,
                None if ctx.json && !all => export::Format::Json,
                None => export::Format::Txt,
            };
            if let (true, Some(dir)) = (all, dir) {
                let filter = SessionFilter {
                    active: closed_only.then_some(false),
                    since,
                    ..SessionFilter::default()
                };
                return super::export_all::run(ctx, &conn, &filter, &dir, format, force);
            }
            let id = sessions::resolve(&conn, id)?.id;
            let (name, mut body) = export::render(&export::gather(&conn, id)?, format)?;
            if !body.ends_with('\n') {
                body.push('\n');
            }
            match file.filter(|f| f.as_os_str() != "-") {
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
    std::fs::write(path, data).map_err(|e| super::file_error("write", path, e))
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
