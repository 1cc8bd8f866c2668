//! `jackbox chat import`: chat logs in the formats streamers have, streamed into one
//! all-or-nothing import (a progress bar on a terminal). `jackbox chat follow`: a log read
//! as it is written, counted live. `jackbox chat status`: the daemon's live chat sources.

use super::output::{self, kv};
use super::{values, Ctx};
use crate::core::chat::follow::FOLLOW_FORMATS;
use crate::core::chat::{self, Format, ImportSummary, Log, Options, Progress};
use crate::core::sessions;
use crate::Result;
use clap::Subcommand;
use std::cell::Cell;
use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::rc::Rc;

const IMPORT_HELP: &str = "\
Formats (auto-detected from the content unless --format is given):
  json              [{\"username\", \"message\", \"timestamp\"}, …] (or {\"chatData\": […]})
  twitchdownloader  TwitchDownloader chat JSON (plain or .gz), or its text export with
                    UTC times ([yyyy-MM-dd HH:mm:ss UTC] name: message)
  chatterino        Chatterino text logs (<channel>-YYYY-MM-DD.log)
  irc               IRC logs: ZNC ([HH:MM:SS] <nick> text, dated by YYYY-MM-DD.log),
                    irssi (HH:MM <nick> text, --- Log opened / Day changed lines)
  ytdlp             yt-dlp YouTube live chat (*.live_chat.json, JSON Lines)
  chat-downloader   chat-downloader output (JSON array or JSON Lines)

Lines of text logs carry a time of day only: their date comes from a header, the file
name or --date, their zone from the header or --utc-offset (UTC by default). Entries that
are not chat messages (Super Chats without text, system lines) are skipped and counted.

A message is a vote when it contains the word thisgame++ or thisgame--. Each vote counts
for the game being played at the message's time. Importing the same log twice changes
nothing the second time.

Examples:
  jackbox chat import night.json
  jackbox chat import xqc-2026-03-15.log --utc-offset +01:00
  jackbox chat import '#jackbox.log' --format irc --date 2026-03-15
  gunzip -c chat.json.gz | jackbox chat import - --session 5 --json";

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Import a chat log (FILE, or - for stdin) and count its votes
    #[command(after_help = IMPORT_HELP)]
    Import {
        /// The chat log, or - for standard input
        file: PathBuf,
        /// Session ID [default: the active session]
        #[arg(long)]
        session: Option<i64>,
        /// The log's format
        #[arg(long, default_value = values::AUTO, value_parser = values::auto_or(Format::NAMES.iter().copied()))]
        format: String,
        /// Local time of Chatterino and IRC logs as an offset from UTC [default: the
        /// header's zone, else UTC]
        #[arg(long, value_name = "±HH:MM", allow_hyphen_values = true)]
        utc_offset: Option<String>,
        /// Date of a text log's first lines when neither its lines nor its file name carry
        /// one
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Follow a chat client's live log as it is written and count its votes (no daemon
    /// needed; runs until interrupted)
    #[command(after_help = FOLLOW_HELP)]
    Follow {
        /// The log file, or a Chatterino channel folder (its newest dated log)
        path: PathBuf,
        /// The log's format
        #[arg(long, default_value = values::AUTO,
              value_parser = values::auto_or(FOLLOW_FORMATS.iter().map(|f| f.as_str())))]
        format: String,
        /// The channel named in the audit log (chat:file:CHANNEL) [default: from the file name]
        #[arg(long)]
        channel: Option<String>,
        /// Local time of Chatterino logs as an offset from UTC [default: the header's zone]
        #[arg(long, value_name = "±HH:MM", allow_hyphen_values = true)]
        utc_offset: Option<String>,
        /// Count the messages already in the file too (default: only new ones)
        #[arg(long)]
        from_start: bool,
        /// A message that is only a number 1-7 is not a poll vote
        #[arg(long)]
        no_bare_numbers: bool,
        /// Accounts whose messages never count, comma-separated (replaces the default list
        /// of common bots; "" ignores nobody) [env: JACKBOX_CHAT_IGNORE]
        #[arg(long, value_name = "LOGIN[,LOGIN…]")]
        ignore: Option<String>,
    },
    /// Show the daemon's live chat sources (Twitch channels, YouTube streams) and their state
    Status,
}

const FOLLOW_HELP: &str = "\
Each new line is counted by the live chat rules (docs/chat.md): thisgame++/--, TICKER++/--,
and while a poll is open !vote N|TICKER|Title and a bare 1-7. When Chatterino starts the
next day's file (<channel>-YYYY-MM-DD.log) the command moves on to it.

Examples:
  jackbox chat follow ~/.local/share/chatterino/Logs/Twitch/Channels/mychannel
  jackbox chat follow mychannel-2026-03-15.log --utc-offset +01:00";

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    let (file, session, format, utc_offset, date) = match cmd {
        Cmd::Import {
            file,
            session,
            format,
            utc_offset,
            date,
        } => (file, session, format, utc_offset, date),
        Cmd::Status => return status(ctx),
        Cmd::Follow {
            path,
            format,
            channel,
            utc_offset,
            from_start,
            no_bare_numbers,
            ignore,
        } => {
            let mut rules = crate::env::chat_rules();
            if no_bare_numbers {
                rules.bare_numbers = false;
            }
            if let Some(i) = ignore {
                rules.ignore = crate::core::chat::live::parse_list(&i);
            }
            let f = crate::core::chat::follow::Follow {
                path,
                // `auto` is no format: detected from the file.
                format: Format::parse(&format),
                channel,
                utc_offset: utc_offset
                    .as_deref()
                    .map(chat::parse_utc_offset)
                    .transpose()?,
                from_start,
                rules,
                stop: Default::default(),
            };
            return follow(ctx, &f);
        }
    };
    let mut conn = ctx.open_or_create()?;
    let session_id = sessions::resolve(&conn, session)?.id;
    let opts = Options {
        utc_offset: utc_offset
            .as_deref()
            .map(chat::parse_utc_offset)
            .transpose()?,
        file_name: (file.as_os_str() != "-").then(|| file.to_string_lossy().into_owned()),
        date: date.as_deref().map(chat::parse_date).transpose()?,
    };

    let (raw, size): (Box<dyn Read>, Option<u64>) = if file.as_os_str() == "-" {
        (Box::new(std::io::stdin().lock()), None)
    } else {
        let f = std::fs::File::open(&file).map_err(|e| super::file_error("read", &file, e))?;
        let size = f.metadata().ok().map(|m| m.len()).filter(|n| *n > 0);
        (Box::new(f), size)
    };
    let read_bytes = Rc::new(Cell::new(0u64));
    let input = chat::prepare(Box::new(Counting {
        inner: raw,
        count: read_bytes.clone(),
    }))?;
    let format = match format.as_str() {
        values::AUTO => None,
        name => Some(name.parse::<Format>()?),
    };

    let bar = progress_bar(ctx, size);
    let log = Log::File {
        input,
        format,
        options: opts,
    };
    let summary = chat::import(&mut conn, session_id, log, &mut |p| {
        let Some(bar) = &bar else { return };
        match p {
            Progress::Messages(seen) if seen.is_multiple_of(4096) => {
                bar.set_position(read_bytes.get());
                bar.set_message(format!("{seen} messages"));
            }
            Progress::Messages(_) => {}
            Progress::Committing => bar.set_message("committing"),
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    print(ctx, &summary)?;
    if summary.votes_processed == 0 && summary.unmatched_votes > 0 {
        let (warning, hint) =
            crate::core::hints::unmatched_votes(&conn, session_id, summary.unmatched_votes)?;
        eprintln!("warning: {warning}");
        eprintln!("hint: {hint}");
    }
    Ok(())
}

/// A byte counter for the progress bar (position in the raw, possibly gzipped, input).
struct Counting {
    inner: Box<dyn Read>,
    count: Rc<Cell<u64>>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// Only for a human watching a terminal: never with --json/-q, nor when stdout or stderr
/// is piped or redirected.
fn progress_bar(ctx: &Ctx, size: Option<u64>) -> Option<indicatif::ProgressBar> {
    use indicatif::{ProgressBar, ProgressStyle};
    if ctx.json || ctx.quiet || !std::io::stderr().is_terminal() || !std::io::stdout().is_terminal()
    {
        return None;
    }
    let bar = match size {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template(
                "{spinner} [{bar:30}] {bytes}/{total_bytes} {msg} ({eta})",
            )
            .ok()?
            .progress_chars("=> "),
        ),
        None => ProgressBar::new_spinner()
            .with_style(ProgressStyle::with_template("{spinner} {bytes} read, {msg}").ok()?),
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(bar)
}

fn print(ctx: &Ctx, s: &ImportSummary) -> Result<()> {
    if ctx.json {
        return output::json(s);
    }
    if ctx.quiet {
        return Ok(());
    }
    output::line(&s.message);
    kv(&[
        ("Messages imported", s.messages_imported.to_string()),
        ("Duplicates skipped", s.duplicates_skipped.to_string()),
        ("Not chat (skipped)", s.entries_skipped.to_string()),
        ("Votes processed", s.votes_processed.to_string()),
        ("Unmatched votes", s.unmatched_votes.to_string()),
    ]);
    if !s.votes_by_game.is_empty() {
        let rows = s
            .votes_by_game
            .iter()
            .map(|(id, g)| {
                vec![
                    id.clone(),
                    g.title.clone(),
                    g.upvotes.to_string(),
                    g.downvotes.to_string(),
                ]
            })
            .collect();
        output::table(&["Game ID", "Title", "Up", "Down"], rows);
    }
    Ok(())
}

/// `jackbox chat follow`: one line per counted (or refused) vote.
fn follow(ctx: &Ctx, f: &crate::core::chat::follow::Follow) -> Result<()> {
    use crate::core::chat::live::Outcome;
    let mut conn = ctx.open_or_create()?;
    let mut ready = |path: &std::path::Path| {
        if !ctx.quiet {
            eprintln!("following {} (Ctrl-C to stop)", path.display());
        }
    };
    crate::core::chat::follow::follow(&mut conn, f, &mut ready, &mut |msg, outcome| {
        let what = match outcome {
            Outcome::Ignored => return,
            Outcome::Live(r) => serde_json::json!({
                "username": r.vote.username, "text": msg.text, "counted": "vote",
                "gameId": r.game.id, "title": r.game.title, "vote": r.vote.vote_type }),
            Outcome::Poll(p) => serde_json::json!({
                "username": msg.display_name, "text": msg.text, "counted": "poll",
                "pollId": p.id, "totalVotes": p.total_votes }),
            Outcome::Refused(e) => serde_json::json!({
                "username": msg.display_name, "text": msg.text, "counted": null,
                "reason": e.message }),
        };
        if ctx.json {
            output::line(&what.to_string());
        } else if !ctx.quiet {
            let result = match outcome {
                Outcome::Live(r) => format!("{} for {}", r.vote.vote_type, r.game.title),
                Outcome::Poll(p) => format!("poll vote ({} votes)", p.total_votes),
                Outcome::Refused(e) => format!("not counted: {}", e.message),
                Outcome::Ignored => String::new(),
            };
            output::line(&format!("{}: {} → {result}", msg.display_name, msg.text));
        }
    })
}

/// `jackbox chat status`: the running daemon's view when there is one, else the stored
/// sources (all `stopped`).
fn status(ctx: &Ctx) -> Result<()> {
    let conn = ctx.open()?;
    let stored = crate::core::chat::sources::list(&conn)?;
    let reply = daemon_status(ctx, &conn).unwrap_or_else(|| crate::chat::stopped_reply(&stored));
    if ctx.json {
        return output::json(&reply);
    }
    if ctx.quiet {
        return Ok(());
    }
    if reply.sources.is_empty() {
        output::line("No live chat sources (jackbox serve --twitch CHANNEL, or Settings → Chat)");
        return Ok(());
    }
    let rows = reply
        .sources
        .iter()
        .map(|s| {
            vec![
                s.platform.to_string(),
                s.channel.clone(),
                s.state.to_string(),
                s.since.clone(),
                s.messages_seen.to_string(),
                s.votes_counted.to_string(),
                s.last_error.clone().unwrap_or_default(),
            ]
        })
        .collect();
    output::table(
        &[
            "Platform",
            "Channel",
            "State",
            "Since",
            "Messages",
            "Votes",
            "Last error",
        ],
        rows,
    );
    Ok(())
}

/// `GET /api/chat/sources` of the daemon on this database, if one runs and answers within
/// a second.
fn daemon_status(
    ctx: &Ctx,
    conn: &rusqlite::Connection,
) -> Option<crate::core::chat::sources::SourcesReply> {
    if !crate::daemon_lock::daemon_running(&ctx.db) {
        return None;
    }
    let base = crate::store::setting(conn, crate::daemon_lock::URL_SETTING).ok()??;
    let url = format!("{base}/api/chat/sources");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()?;
    rt.block_on(async {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(1))
            .build()
            .ok()?;
        let resp = client.get(&url).send().await.ok()?;
        if !resp.status().is_success() {
            return None;
        }
        resp.json().await.ok()
    })
}
