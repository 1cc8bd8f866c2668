//! `jackbox chat follow`: a chat client's log read as it is written. The file is read
//! through [`Tail`], a reader that waits at the end of the file instead of ending, so the
//! same streaming line parsers as `chat import` (`super::read_stream`) see every line as it
//! arrives; each message then goes through `live::count`. When the client starts the next
//! day's file (Chatterino's `<channel>-YYYY-MM-DD.log`), the reader moves on to it.

use super::live::{self, LiveMessage, Outcome, Rules};
use super::{detect, read_stream, Format, Input, Options};
use crate::core::vocab::ChatPlatform;
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How often the end of the file is looked at again.
const POLL: Duration = Duration::from_millis(200);

/// The formats that grow line by line.
pub const FOLLOW_FORMATS: [Format; 4] = [
    Format::Chatterino,
    Format::Irc,
    Format::YtDlp,
    Format::ChatDownloader,
];

/// What to follow and how.
pub struct Follow {
    pub path: PathBuf,
    pub format: Option<Format>,
    pub channel: Option<String>,
    pub utc_offset: Option<i32>,
    /// Count the lines already in the file too (default: only new lines).
    pub from_start: bool,
    pub rules: Rules,
    /// Set to stop at the next look at the end of the file.
    pub stop: Arc<AtomicBool>,
}

/// `<channel>-YYYY-MM-DD.log` → (`channel`, date).
pub fn dated_name(path: &Path) -> Option<(String, NaiveDate)> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".log")?;
    let cut = stem.len().checked_sub(11)?;
    let (channel, date) = stem.split_at(cut);
    let date = NaiveDate::parse_from_str(date.strip_prefix('-')?, "%Y-%m-%d").ok()?;
    Some((channel.to_string(), date))
}

/// The newest `<channel>-YYYY-MM-DD.log` of a folder (Chatterino's channel folder).
fn newest_in(dir: &Path) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| dated_name(&p).map(|(_, d)| (d, p)))
        .max()
        .map(|(_, p)| p)
}

/// The file of the same channel for the earliest day after `path`'s, if the client has
/// started one.
fn next_day(path: &Path) -> Option<PathBuf> {
    let (channel, date) = dated_name(path)?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let (c, d) = dated_name(&p)?;
            (c == channel && d > date).then_some((d, p))
        })
        .min()
        .map(|(_, p)| p)
}

/// A file read as it grows: at its end, waits and looks again (or moves on to the next
/// day's file) instead of ending. `live` turns true once every byte that was in the file
/// at the start has been handed out.
struct Tail {
    file: File,
    path: PathBuf,
    /// Bytes of the first file that were there at the start.
    history: u64,
    pos: u64,
    live: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
}

impl Read for Tail {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            // Never hand out history and new bytes in one read: the parser has consumed
            // all of the history before it asks for more.
            let want = if self.pos < self.history {
                buf.len().min((self.history - self.pos) as usize)
            } else {
                self.live.store(true, Ordering::SeqCst);
                buf.len()
            };
            let n = self.file.read(&mut buf[..want])?;
            if n > 0 {
                self.pos += n as u64;
                return Ok(n);
            }
            if self.stop.load(Ordering::SeqCst) {
                return Ok(0);
            }
            self.live.store(true, Ordering::SeqCst);
            // At the end: a truncated file (log rotated in place) starts over; a newer
            // day's file takes over once this one has nothing more.
            let len = self.file.metadata()?.len();
            if len < self.pos {
                self.file.seek(SeekFrom::Start(0))?;
                self.pos = 0;
                continue;
            }
            if len == self.pos {
                if let Some(next) = next_day(&self.path) {
                    self.file = File::open(&next)?;
                    self.path = next;
                    self.pos = 0;
                    continue;
                }
                std::thread::sleep(POLL);
            }
        }
    }
}

/// Follows the log until `stop` is set (or the process ends), counting each new message.
/// `ready` is called once with the file being read, when lines written from then on are
/// sure to count; `seen` with each message and what it did.
pub fn follow(
    conn: &mut Connection,
    f: &Follow,
    ready: &mut dyn FnMut(&Path),
    seen: &mut dyn FnMut(&LiveMessage, &Outcome),
) -> Result<()> {
    let path = if f.path.is_dir() {
        newest_in(&f.path).ok_or_else(|| {
            Error::not_found(format!(
                "No chat log named <channel>-YYYY-MM-DD.log in {}",
                f.path.display()
            ))
        })?
    } else {
        f.path.clone()
    };
    let mut file = File::open(&path).map_err(|e| {
        let kind = if e.kind() == std::io::ErrorKind::NotFound {
            crate::ErrorKind::NotFound
        } else {
            crate::ErrorKind::Invalid
        };
        Error::new(kind, format!("Cannot read {}: {e}", path.display()))
    })?;
    let mut head = Vec::new();
    (&mut file)
        .take(64 * 1024)
        .read_to_end(&mut head)
        .map_err(super::read_error)?;
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    if bom {
        head.drain(..3);
    }
    let format = match f.format {
        Some(fmt) => fmt,
        None => detect(&head).unwrap_or(Format::Chatterino),
    };
    if !FOLLOW_FORMATS.contains(&format) {
        return Err(Error::invalid(format!(
            "chat follow reads logs written line by line (chatterino, irc, ytdlp, \
             chat-downloader JSON Lines); {} is not",
            format.as_str()
        )));
    }
    let channel = f
        .channel
        .clone()
        .or_else(|| dated_name(&path).map(|(c, _)| c))
        .or_else(|| {
            path.file_stem()
                .and_then(|s| s.to_str())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "log".into());
    let history = file.metadata().map_err(super::read_error)?.len();
    ready(&path);
    let start = if bom { 3 } else { 0 };
    file.seek(SeekFrom::Start(start))
        .map_err(super::read_error)?;
    let live_flag = Arc::new(AtomicBool::new(false));
    let tail = Tail {
        file,
        path: path.clone(),
        history,
        pos: start,
        live: live_flag.clone(),
        stop: f.stop.clone(),
    };
    let input = Input {
        head,
        reader: Box::new(BufReader::with_capacity(64 * 1024, tail)),
    };
    let opts = Options {
        utc_offset: f.utc_offset,
        file_name: Some(path.to_string_lossy().into_owned()),
        date: None,
    };
    let from_start = f.from_start;
    // A follow stopped before any message is no error (an import would be).
    read_stream(input, format, &opts, &mut |m| {
        let live_line = live_flag.load(Ordering::SeqCst);
        if !from_start && !live_line {
            return Ok(());
        }
        let msg = LiveMessage {
            platform: ChatPlatform::File,
            channel: channel.clone(),
            user_id: None,
            login: m.username.clone(),
            display_name: m.username,
            text: m.message,
            // A line written just now happened now: more precise than the log's
            // whole-second local clock, and right even when its zone is not. Earlier lines
            // (`--from-start`) keep the time the log gives them.
            at: (!live_line).then_some(m.at),
        };
        let outcome = live::count(conn, &msg, &f.rules)?;
        seen(&msg, &outcome);
        Ok(())
    })
    .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_names() {
        let (c, d) = dated_name(Path::new("/x/pajlada-2026-03-15.log")).unwrap();
        assert_eq!(c, "pajlada");
        assert_eq!(d, NaiveDate::from_ymd_opt(2026, 3, 15).unwrap());
        assert_eq!(
            dated_name(Path::new("a-b-2026-01-02.log")).unwrap().0,
            "a-b"
        );
        assert!(dated_name(Path::new("chat.log")).is_none());
    }
}
