//! `jackbox chat import`: chat logs in the formats streamers have, streamed into one
//! all-or-nothing import (a progress bar on a terminal).

use super::output::{self, kv};
use super::{values, Ctx};
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
  twitchdownloader  TwitchDownloader chat JSON (plain or .gz)
  chatterino        Chatterino text logs (<channel>-YYYY-MM-DD.log)
  ytdlp             yt-dlp YouTube live chat (*.live_chat.json, JSON Lines)
  chat-downloader   chat-downloader output (JSON array or JSON Lines)

A message is a vote when it contains the word thisgame++ or thisgame--. Each vote counts
for the game being played at the message's time. Importing the same log twice changes
nothing the second time.

Examples:
  jackbox chat import night.json
  jackbox chat import xqc-2026-03-15.log --utc-offset +01:00
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
        #[arg(long, default_value = "auto",
              value_parser = values::choice(&["auto", "json", "twitchdownloader", "chatterino", "ytdlp", "chat-downloader"]))]
        format: String,
        /// Local time of Chatterino logs as an offset from UTC [default: the header's zone]
        #[arg(long, value_name = "±HH:MM", allow_hyphen_values = true)]
        utc_offset: Option<String>,
    },
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<()> {
    let Cmd::Import {
        file,
        session,
        format,
        utc_offset,
    } = cmd;
    let mut conn = ctx.open_or_create()?;
    let session_id = sessions::resolve(&conn, session)?.id;
    let opts = Options {
        utc_offset: utc_offset
            .as_deref()
            .map(chat::parse_utc_offset)
            .transpose()?,
        file_name: (file.as_os_str() != "-").then(|| file.to_string_lossy().into_owned()),
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
        "auto" => None,
        name => Some(Format::parse(name).ok_or_else(chat::unknown_format)?),
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
