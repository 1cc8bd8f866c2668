//! Chat logs in the formats streamers have, read as a stream of [`ChatMessage`]s, and the
//! one chat import both faces call ([`import`]; the counting rules are `import.rs`'s).
//!
//! Every reader is streaming: JSON arrays go through a serde `SeqAccess` visitor that hands
//! each element to a sink as soon as it is parsed, line formats through a reused line
//! buffer. Nothing is ever loaded whole, so memory does not grow with the input.
//!
//! Formats: the base JSON array of the API (`json`), TwitchDownloader chat JSON and its
//! UTC text export, Chatterino text logs, IRC logs (ZNC, irssi), yt-dlp YouTube live chat
//! (JSON Lines) and chat-downloader output (also its predecessor chat-replay-downloader's).
//! Fields are read leniently (`lenient`) so every bad entry is reported with the file's own
//! field names. Text formats are read one line at a time by [`LineParser`], which a live
//! follower of a growing log can feed too. A file from which no message could be read is
//! an error, never an empty import.

pub mod bot;
pub mod follow;
mod import;
mod json;
mod lenient;
pub mod live;
pub mod sources;
mod text;
mod windows_zones;

pub use import::{import_messages, import_pipelined, ImportSummary, Importer};
pub use json::EMPTY_CHAT_DATA;
pub use text::{Line, LineFormat, LineParser};

use crate::{Error, Result};
use rusqlite::Connection;
use std::io::{BufRead, BufReader, Cursor, Read};

/// One chat message, parsed from whatever format it came in.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatMessage {
    pub username: String,
    pub message: String,
    /// Milliseconds since the epoch, UTC.
    pub at: i64,
}

/// The formats a chat log can come in (their names, parser and message are the
/// vocabulary's).
pub use crate::core::vocab::ChatFormat as Format;

impl Format {
    /// How the "nothing read" error names the format.
    fn described(self) -> &'static str {
        match self {
            Format::Json => "the base JSON array ([{\"username\", \"message\", \"timestamp\"}])",
            Format::TwitchDownloader => "TwitchDownloader chat (JSON, or text with UTC times)",
            Format::Chatterino => "a Chatterino log ([HH:MM:SS] login: text)",
            Format::Irc => "an IRC log ([HH:MM:SS] <nick> text)",
            Format::YtDlp => "yt-dlp YouTube live chat (replayChatItemAction lines)",
            Format::ChatDownloader => "chat-downloader output (text_message items)",
        }
    }
}

/// What some formats need besides their bytes.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Local time offset (seconds east of UTC) of Chatterino and IRC logs; overrides the
    /// header zone.
    pub utc_offset: Option<i32>,
    /// The input's file name (Chatterino and ZNC logs carry their date in it).
    pub file_name: Option<String>,
    /// The date of a line log's first lines (`--date`), for logs whose lines and name
    /// carry none.
    pub date: Option<chrono::NaiveDate>,
}

/// What a reader saw: entries (array items, non-blank lines), the messages among them,
/// and the entries skipped as not chat (a Super Chat without text, a ticker, a system
/// line).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub entries: u64,
    pub messages: u64,
    pub skipped: u64,
}

/// `YYYY-MM-DD` (`--date`).
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(format!(
            "Invalid --date \"{s}\": use YYYY-MM-DD, e.g. 2026-03-15"
        ))
    })
}

/// `±HH:MM` (also `±HHMM`, `±HH`, `Z`) → seconds east of UTC.
pub fn parse_utc_offset(s: &str) -> Result<i32> {
    let bad = || {
        Error::invalid(format!(
            "Invalid --utc-offset \"{s}\": use ±HH:MM, e.g. +01:00"
        ))
    };
    let t = s.trim();
    if t.eq_ignore_ascii_case("z") || t.eq_ignore_ascii_case("utc") {
        return Ok(0);
    }
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, &t[1..]),
        Some(b'-') => (-1, &t[1..]),
        _ => return Err(bad()),
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !(digits.len() == 2 || digits.len() == 4) {
        return Err(bad());
    }
    let h: i32 = digits[..2].parse().map_err(|_| bad())?;
    let m: i32 = if digits.len() == 4 {
        digits[2..].parse().map_err(|_| bad())?
    } else {
        0
    };
    if h > 14 || m > 59 {
        return Err(bad());
    }
    Ok(sign * (h * 3600 + m * 60))
}

/// Where the messages of an import come from.
pub enum Log<'a> {
    /// The HTTP body of `POST /api/sessions/{id}/chat-import`: `{ "chatData": [...] }`
    /// (an empty body counts as `{}`).
    Body(&'a [u8]),
    /// A chat log (`jackbox chat import FILE`): its format, or `None` to detect it from the
    /// first bytes.
    File {
        input: Input,
        format: Option<Format>,
        options: Options,
    },
}

/// How far an import has got, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Messages read so far.
    Messages(u64),
    /// Every message is read; the transaction is being written.
    Committing,
}

/// The chat import, for both faces: reads every message of `log` and counts its votes for
/// `session_id` in one all-or-nothing transaction ([`import_pipelined`]). `Session not
/// found` comes before any error of the log; an unrecognised log before reading.
pub fn import(
    conn: &mut Connection,
    session_id: i64,
    log: Log,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportSummary> {
    // An unrecognised log is refused before anything is read.
    let reader = match log {
        Log::Body(body) => Reader::Body(body),
        Log::File {
            input,
            format,
            options,
        } => {
            let format = match format {
                Some(f) => f,
                None => detect(&input.head).ok_or_else(unknown_format)?,
            };
            Reader::File(input, format, options)
        }
    };
    // Entries skipped as not chat (a Super Chat without text, …): the summary says so.
    let mut skipped = 0;
    let mut summary = import_pipelined(conn, session_id, |sink| {
        let mut seen = 0u64;
        let mut each = |m: ChatMessage| {
            sink(m)?;
            seen += 1;
            progress(Progress::Messages(seen));
            Ok(())
        };
        match reader {
            Reader::Body(body) => json::read_body(body, &mut each)?,
            Reader::File(input, format, options) => {
                skipped = read(input, format, &options, &mut each)?.skipped;
            }
        }
        progress(Progress::Committing);
        Ok(())
    })?;
    summary.entries_skipped = skipped;
    Ok(summary)
}

/// A [`Log`] whose format is known.
enum Reader<'a> {
    Body(&'a [u8]),
    File(Input, Format, Options),
}

/// The first bytes of a decoded input (for detection) and the whole decoded stream.
pub struct Input {
    pub head: Vec<u8>,
    pub reader: Box<dyn BufRead>,
}

const HEAD: u64 = 64 * 1024;
const BUF: usize = 256 * 1024;

/// Wraps raw bytes: gunzips when they start with the gzip magic, drops a UTF-8 byte-order
/// mark, and peeks at the first 64 KiB for format detection (without consuming them).
pub fn prepare(raw: Box<dyn Read>) -> Result<Input> {
    let mut raw = BufReader::with_capacity(BUF, raw);
    let gz = raw
        .fill_buf()
        .map_err(read_error)?
        .starts_with(&[0x1f, 0x8b]);
    let mut decoded: Box<dyn Read> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(raw))
    } else {
        Box::new(raw)
    };
    let mut head = Vec::with_capacity(HEAD as usize);
    decoded
        .by_ref()
        .take(HEAD)
        .read_to_end(&mut head)
        .map_err(read_error)?;
    if head.starts_with(b"\xEF\xBB\xBF") {
        head.drain(..3);
    }
    let reader = BufReader::with_capacity(BUF, Cursor::new(head.clone()).chain(decoded));
    Ok(Input {
        head,
        reader: Box::new(reader),
    })
}

pub(crate) fn read_error(e: std::io::Error) -> Error {
    Error::invalid(format!("Cannot read chat log: {e}"))
}

/// The message of an input no reader recognises.
pub fn unknown_format() -> Error {
    Error::invalid(Format::INVALID)
}

/// Guesses the format from the first bytes of the decoded input.
pub fn detect(head: &[u8]) -> Option<Format> {
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start();
    if let Some(format) = text::sniff(t) {
        return Some(format);
    }
    let has = |key: &str| t.contains(key);
    if let Some(inner) = t.strip_prefix('[') {
        if has("\"message_type\"") {
            return Some(Format::ChatDownloader);
        }
        if has("\"username\"") || inner.trim_start().starts_with(']') {
            return Some(Format::Json);
        }
        if has("\"author\"") {
            return Some(Format::ChatDownloader);
        }
        return None;
    }
    if t.starts_with('{') {
        if has("\"replayChatItemAction\"") || has("\"addChatItemAction\"") {
            return Some(Format::YtDlp);
        }
        if has("\"comments\"")
            && (has("\"commenter\"")
                || has("\"content_offset_seconds\"")
                || has("\"FileInfo\"")
                || has("\"streamer\""))
        {
            return Some(Format::TwitchDownloader);
        }
        if has("\"chatData\"") {
            return Some(Format::Json);
        }
        if has("\"message_type\"") || has("\"author\"") {
            return Some(Format::ChatDownloader);
        }
    }
    None
}

/// Reads every message of `input` in `format`, handing each to `sink` in input order.
/// Stops at the first malformed entry (or sink error) and returns it. A file from which
/// no message could be read is an error saying which format it was read as and why (an
/// import of it would be "successful" with nothing in it).
pub fn read(
    input: Input,
    format: Format,
    opts: &Options,
    sink: &mut dyn FnMut(ChatMessage) -> Result<()>,
) -> Result<Tally> {
    let tally = read_stream(input, format, opts, sink)?;
    if tally.messages == 0 {
        return Err(nothing_read(format, &tally));
    }
    Ok(tally)
}

/// [`read`] without the "nothing read" check: for a log followed as it grows, where a
/// stop before any message is no error.
pub fn read_stream(
    input: Input,
    format: Format,
    opts: &Options,
    sink: &mut dyn FnMut(ChatMessage) -> Result<()>,
) -> Result<Tally> {
    let Input { head, reader } = input;
    let mut tally = Tally::default();
    let mut messages = 0u64;
    let mut counting = |m: ChatMessage| {
        messages += 1;
        sink(m)
    };
    let sink: &mut dyn FnMut(ChatMessage) -> Result<()> = &mut counting;
    let first = head.iter().find(|b| !b.is_ascii_whitespace()).copied();
    match format {
        Format::Json => json::read_base(reader, sink),
        Format::TwitchDownloader if first == Some(b'{') => json::read_twitch(reader, sink),
        Format::TwitchDownloader => text::read_lines(
            reader,
            LineFormat::TwitchDownloaderText,
            opts,
            &mut tally,
            sink,
        ),
        Format::ChatDownloader if first == Some(b'[') => {
            json::read_chat_downloader(reader, &mut tally, sink)
        }
        Format::ChatDownloader => text::read_chat_downloader_lines(reader, &mut tally, sink),
        Format::YtDlp => text::read_ytdlp(reader, &mut tally, sink),
        Format::Chatterino => {
            text::read_lines(reader, LineFormat::Chatterino, opts, &mut tally, sink)
        }
        Format::Irc => text::read_lines(reader, LineFormat::Irc, opts, &mut tally, sink),
    }?;
    tally.messages = messages;
    // The JSON formats without skips count their entries as their messages.
    tally.entries = tally.entries.max(messages);
    Ok(tally)
}

/// `No chat message could be read from this file, read as …: …`.
fn nothing_read(format: Format, t: &Tally) -> Error {
    let why = match (t.entries, t.skipped) {
        (0, _) => "it holds no entries".to_string(),
        (n, s) if s == n => format!(
            "none of its {n} {} is a chat message",
            if matches!(
                format,
                Format::Json | Format::TwitchDownloader | Format::ChatDownloader
            ) {
                "entries"
            } else {
                "lines"
            }
        ),
        (n, _) => format!("none of its {n} entries is a chat message"),
    };
    Error::invalid(format!(
        "No chat message could be read from this file, read as {}: {why}. \
         Choose the format with --format ({})",
        format.described(),
        Format::NAMES.join(", ")
    ))
}

/// `Invalid chat entry at index N: reason` (arrays) — all formats name the bad entry.
pub(crate) fn bad_entry(index: u64, reason: &str) -> Error {
    Error::invalid(format!("Invalid chat entry at index {index}: {reason}"))
}

/// `Invalid chat entry at line N: reason` (line formats, 1-based lines).
pub(crate) fn bad_line(line: u64, reason: &str) -> Error {
    Error::invalid(format!("Invalid chat entry at line {line}: {reason}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets() {
        assert_eq!(parse_utc_offset("+01:00").unwrap(), 3600);
        assert_eq!(parse_utc_offset("-05:30").unwrap(), -19800);
        assert_eq!(parse_utc_offset("+0200").unwrap(), 7200);
        assert_eq!(parse_utc_offset("Z").unwrap(), 0);
        assert!(parse_utc_offset("01:00").is_err());
        assert!(parse_utc_offset("+25:00").is_err());
    }

    /// R5: mutated inputs in every format end in `Ok` or a clean error, never a panic.
    #[test]
    fn mutated_inputs_never_panic() {
        use rand::{Rng, SeedableRng};
        let fixtures: [&[u8]; 8] = [
            include_bytes!("../../../tests/fixtures/chat/base.json"),
            include_bytes!("../../../tests/fixtures/chat/twitch_new.json"),
            include_bytes!("../../../tests/fixtures/chat/stream.live_chat.json"),
            include_bytes!("../../../tests/fixtures/chat/chat_downloader.json"),
            include_bytes!("../../../tests/fixtures/chat/chat_downloader.jsonl"),
            include_bytes!("../../../tests/fixtures/chat/xqc-2026-03-15.log"),
            include_bytes!("../../../tests/fixtures/chat/chat_replay_downloader.json"),
            include_bytes!("../../../tests/fixtures/chat/ukhost-2026-03-15.log"),
        ];
        let noise: &[&[u8]] = &[
            b"\"",
            b"{",
            b"}",
            b"[",
            b"]",
            b":",
            b",",
            b"\\",
            b"\xff",
            b"\xc3",
            b"-",
            b"1e999",
            b"99999999999999999999",
            b"null",
            b"\n",
            b"# Start logging at ",
            b"+99:99",
            b"\xe3\x81",
            b"[99:99:99]",
            b"\"timestamp\":-1",
        ];
        let mut rng = rand::rngs::StdRng::seed_from_u64(5);
        for round in 0..600 {
            let mut data = fixtures[round % fixtures.len()].to_vec();
            for _ in 0..rng.gen_range(1..6) {
                let at = rng.gen_range(0..=data.len());
                match rng.gen_range(0..3) {
                    0 => {
                        let cut = rng.gen_range(at..=data.len().min(at + 40));
                        data.drain(at..cut);
                    }
                    1 => {
                        let n = noise[rng.gen_range(0..noise.len())];
                        data.splice(at..at, n.iter().copied());
                    }
                    _ => data.truncate(at),
                }
            }
            for format in Format::ALL.iter().copied() {
                let opts = Options {
                    utc_offset: None,
                    file_name: Some("chan-2026-03-15.log".into()),
                    date: None,
                };
                let input = prepare(Box::new(std::io::Cursor::new(data.clone()))).unwrap();
                let _ = detect(&input.head);
                let _ = read(input, format, &opts, &mut |m| {
                    crate::core::votes::format_ms(m.at)
                        .map(|_| ())
                        .ok_or_else(|| Error::invalid("out of range"))
                });
            }
        }
    }

    #[test]
    fn the_unknown_format_message_lists_every_format() {
        assert_eq!(
            unknown_format().message,
            format!(
                "Unrecognized chat log format. Supported formats: {} (choose one with --format)",
                Format::NAMES.join(", ")
            )
        );
    }

    #[test]
    fn detection() {
        assert_eq!(detect(b"[]"), Some(Format::Json));
        assert_eq!(
            detect(b" [{\"username\":\"a\",\"message\":\"b\",\"timestamp\":1}]"),
            Some(Format::Json)
        );
        assert_eq!(detect(b"{\"chatData\":[]}"), Some(Format::Json));
        assert_eq!(
            detect(b"[{\"message\":\"x\",\"message_type\":\"text_message\"}]"),
            Some(Format::ChatDownloader)
        );
        assert_eq!(
            detect(b"{\"streamer\":{},\"comments\":[]}"),
            Some(Format::TwitchDownloader)
        );
        assert_eq!(
            detect(b"{\"replayChatItemAction\":{}}\n"),
            Some(Format::YtDlp)
        );
        assert_eq!(
            detect(b"# Start logging at 2024-01-01 10:00:00 UTC\n"),
            Some(Format::Chatterino)
        );
        assert_eq!(detect(b"[10:00:00] a: b\n"), Some(Format::Chatterino));
        assert_eq!(
            detect(b"[20:00:06] <alice> thisgame++\n"),
            Some(Format::Irc)
        );
        assert_eq!(
            detect(b"[20:00:00] *** Joins: bob (bob@host)\n[20:00:06] <alice> hi\n"),
            Some(Format::Irc)
        );
        assert_eq!(
            detect(b"--- Log opened Sun Mar 15 19:00:00 2026\n"),
            Some(Format::Irc)
        );
        assert_eq!(
            detect(b"[2026-03-15 19:05:00 UTC] Alice: thisgame++\n"),
            Some(Format::TwitchDownloader)
        );
        assert_eq!(
            detect(b"[0:05:00] Alice: thisgame++\n"),
            Some(Format::TwitchDownloader)
        );
        assert_eq!(detect(b"hello"), None);
        assert_eq!(detect(b"{\"x\":1}"), None);
    }
}
