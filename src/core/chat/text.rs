//! The line formats: Chatterino text logs, yt-dlp YouTube live chat (JSON Lines) and
//! chat-downloader JSON Lines. One reused line buffer; nothing else is kept per line.

use super::json::CdItem;
use super::{bad_line, read_error, ChatMessage, Options};
use crate::{Error, Result};
use chrono::{Duration, NaiveDate, NaiveTime};
use serde::Deserialize;
use std::io::BufRead;

type Sink<'a> = &'a mut dyn FnMut(ChatMessage) -> Result<()>;

/// Calls `f(line_number, line)` for each line (1-based, without the line break).
fn each_line(
    mut reader: Box<dyn BufRead>,
    mut f: impl FnMut(u64, &[u8]) -> Result<()>,
) -> Result<()> {
    let mut buf = Vec::with_capacity(4096);
    let mut n = 0u64;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf).map_err(read_error)? == 0 {
            return Ok(());
        }
        n += 1;
        let mut line = buf.as_slice();
        while let Some((last, rest)) = line.split_last() {
            if *last == b'\n' || *last == b'\r' {
                line = rest;
            } else {
                break;
            }
        }
        f(n, line)?;
    }
}

// ---------------------------------------------------------------------------------------
// Chatterino
// ---------------------------------------------------------------------------------------

/// `[HH:MM:SS]` at the start of a line.
pub(super) fn is_chatterino_line(line: &str) -> bool {
    clock(line.as_bytes()).is_some()
}

/// Seconds of the day of a leading `[HH:MM:SS]`.
fn clock(line: &[u8]) -> Option<u32> {
    let b = line.get(..10)?;
    if b[0] != b'[' || b[3] != b':' || b[6] != b':' || b[9] != b']' {
        return None;
    }
    let num = |i: usize| -> Option<u32> {
        let (h, l) = (b[i], b[i + 1]);
        (h.is_ascii_digit() && l.is_ascii_digit()).then(|| ((h - b'0') * 10 + (l - b'0')) as u32)
    };
    let (h, m, s) = (num(1)?, num(4)?, num(7)?);
    (h < 24 && m < 60 && s < 61).then_some(h * 3600 + m * 60 + s.min(59))
}

/// Known zone abbreviations (and a few long names Windows builds write) → seconds east.
fn zone_offset(zone: &str) -> Option<i32> {
    const H: i32 = 3600;
    let z = zone.trim();
    let known = match z.to_ascii_uppercase().as_str() {
        "" | "UTC" | "GMT" | "Z" | "UT" | "WET" | "COORDINATED UNIVERSAL TIME" => 0,
        "WEST" | "BST" | "CET" | "MET" | "W. EUROPE STANDARD TIME" => H,
        "CENTRAL EUROPEAN STANDARD TIME" | "ROMANCE STANDARD TIME" => H,
        "CEST" | "MEST" | "EET" | "SAST" | "W. EUROPE DAYLIGHT TIME" => 2 * H,
        "CENTRAL EUROPEAN SUMMER TIME" | "CENTRAL EUROPE DAYLIGHT TIME" => 2 * H,
        "EEST" | "MSK" | "TRT" => 3 * H,
        "IST" => 5 * H + 1800,
        "WIB" => 7 * H,
        "AWST" | "HKT" | "SGT" | "PHT" => 8 * H,
        "CST" | "CENTRAL STANDARD TIME" => -6 * H,
        "JST" | "KST" => 9 * H,
        "ACST" => 9 * H + 1800,
        "ACDT" => 10 * H + 1800,
        "AEST" => 10 * H,
        "AEDT" => 11 * H,
        "NZST" => 12 * H,
        "NZDT" => 13 * H,
        "NST" => -(3 * H + 1800),
        "NDT" => -(2 * H + 1800),
        "AST" => -4 * H,
        "ADT" | "BRT" => -3 * H,
        "EST" | "EASTERN STANDARD TIME" => -5 * H,
        "EDT" | "EASTERN DAYLIGHT TIME" => -4 * H,
        "CDT" | "CENTRAL DAYLIGHT TIME" => -5 * H,
        "MST" | "MOUNTAIN STANDARD TIME" => -7 * H,
        "MDT" | "MOUNTAIN DAYLIGHT TIME" => -6 * H,
        "PST" | "PACIFIC STANDARD TIME" => -8 * H,
        "PDT" | "PACIFIC DAYLIGHT TIME" => -7 * H,
        "AKST" => -9 * H,
        "AKDT" => -8 * H,
        "HST" => -10 * H,
        _ => {
            // "+03", "-0530", "UTC+1", "GMT-05:00"
            let rest = ["UTC", "GMT"]
                .iter()
                .find_map(|p| z.strip_prefix(p))
                .unwrap_or(z);
            return numeric_offset(rest);
        }
    };
    Some(known)
}

fn numeric_offset(s: &str) -> Option<i32> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    if !rest.bytes().all(|b| b.is_ascii_digit() || b == b':') {
        return None;
    }
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() > 2 => rest.split_at(rest.len() - 2),
        None => (rest, "0"),
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

/// The date of `<channel>-YYYY-MM-DD.log`.
fn date_from_file_name(name: &str) -> Option<NaiveDate> {
    let base = name.rsplit(['/', '\\']).next()?;
    let stem = base.strip_suffix(".log").unwrap_or(base);
    let date = stem.get(stem.len().checked_sub(10)?..)?;
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// A message line's user and text: `login: text`, optionally `localized login: text`.
/// `None` for system lines (timeouts, notices, "Connected", …).
fn split_message(rest: &str) -> Option<(&str, &str)> {
    let colon = rest.find(':')?;
    let (prefix, after) = rest.split_at(colon);
    let text = &after[1..];
    let text = match text.strip_prefix(' ') {
        Some(t) => t,
        None if text.is_empty() => text,
        None => return None,
    };
    let mut words = prefix.split(' ');
    let login = match (words.next(), words.next(), words.next()) {
        (Some(login), None, None) => login,
        // A localized display name (non-ASCII, e.g. CJK) precedes the login.
        (Some(local), Some(login), None) if !local.is_ascii() => login,
        _ => return None,
    };
    let valid = !login.is_empty()
        && login
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    valid.then_some((login, text))
}

/// Chatterino logs: `# Start logging at YYYY-MM-DD HH:MM:SS TZ` headers (any number) set the
/// date and zone; `[HH:MM:SS] login: text` lines are messages; anything else is skipped.
pub fn read_chatterino(reader: Box<dyn BufRead>, opts: &Options, sink: Sink) -> Result<()> {
    let mut date = opts.file_name.as_deref().and_then(date_from_file_name);
    let mut offset = opts.utc_offset.unwrap_or(0);
    let mut last: Option<u32> = None;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    each_line(reader, |n, raw| {
        let line = String::from_utf8_lossy(raw);
        if let Some(header) = line.strip_prefix("# Start logging at ") {
            let header = header.trim();
            let d = header
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .ok_or_else(|| bad_line(n, "unreadable \"# Start logging at\" header"))?;
            let t = header
                .get(11..19)
                .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M:%S").ok());
            let zone = header.get(19..).unwrap_or("").trim();
            if opts.utc_offset.is_none() {
                offset = zone_offset(zone).ok_or_else(|| {
                    Error::invalid(format!(
                        "Unknown time zone \"{zone}\" in the Chatterino header at line {n}; \
                         pass --utc-offset ±HH:MM"
                    ))
                })?;
            }
            date = Some(d);
            last = t.map(|t| {
                use chrono::Timelike;
                t.num_seconds_from_midnight()
            });
            return Ok(());
        }
        let Some(secs) = clock(raw) else {
            return Ok(());
        };
        let rest = line.get(10..).unwrap_or("").trim_start_matches(' ');
        let Some((login, text)) = split_message(rest) else {
            return Ok(());
        };
        let day = date.as_mut().ok_or_else(|| {
            bad_line(
                n,
                "no date: expected a \"# Start logging at\" header or a file name like \
                 channel-YYYY-MM-DD.log",
            )
        })?;
        // Past midnight without a new header: the clock went backwards.
        if last.is_some_and(|l| secs < l) {
            *day = day.succ_opt().unwrap_or(*day);
        }
        last = Some(secs);
        let days = (*day - epoch).num_days();
        let local_ms = (days * 86_400 + secs as i64) * 1000;
        let at = local_ms - Duration::seconds(offset as i64).num_milliseconds();
        sink(ChatMessage {
            username: login.to_string(),
            message: text.to_string(),
            at,
        })
    })
}

// ---------------------------------------------------------------------------------------
// yt-dlp YouTube live chat
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct YtLine {
    #[serde(default)]
    replay_chat_item_action: Option<YtReplay>,
    #[serde(default)]
    add_chat_item_action: Option<YtAdd>,
}

#[derive(Deserialize)]
struct YtReplay {
    #[serde(default)]
    actions: Vec<YtAction>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct YtAction {
    #[serde(default)]
    add_chat_item_action: Option<YtAdd>,
}

#[derive(Deserialize)]
struct YtAdd {
    #[serde(default)]
    item: Option<YtItem>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct YtItem {
    #[serde(default)]
    live_chat_text_message_renderer: Option<YtText>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct YtText {
    #[serde(default)]
    message: Option<YtRuns>,
    #[serde(default)]
    author_name: Option<YtSimple>,
    #[serde(default)]
    author_external_channel_id: Option<String>,
    #[serde(default)]
    timestamp_usec: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct YtRuns {
    #[serde(default)]
    runs: Vec<YtRun>,
}

#[derive(Deserialize)]
struct YtRun {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    emoji: Option<YtEmoji>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct YtEmoji {
    #[serde(default)]
    shortcuts: Vec<String>,
    #[serde(default)]
    emoji_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct YtSimple {
    #[serde(default)]
    simple_text: Option<String>,
}

fn yt_message(n: u64, r: YtText) -> Result<ChatMessage> {
    let username = r
        .author_name
        .and_then(|a| a.simple_text)
        .or(r.author_external_channel_id)
        .ok_or_else(|| bad_line(n, "missing authorName"))?;
    let mut message = String::new();
    for run in r.message.map(|m| m.runs).unwrap_or_default() {
        if let Some(t) = run.text {
            message.push_str(&t);
        } else if let Some(e) = run.emoji {
            if let Some(s) = e.shortcuts.into_iter().next().or(e.emoji_id) {
                message.push_str(&s);
            }
        }
    }
    let usec = match r.timestamp_usec {
        Some(serde_json::Value::String(s)) => s.trim().parse::<i64>().ok(),
        Some(serde_json::Value::Number(n)) => n.as_i64(),
        _ => None,
    };
    let at = usec
        .filter(|u| *u >= 0)
        .map(|u| u / 1000)
        .filter(|ms| crate::core::votes::format_ms(*ms).is_some())
        .ok_or_else(|| bad_line(n, "missing or invalid timestampUsec"))?;
    Ok(ChatMessage {
        username,
        message,
        at,
    })
}

/// yt-dlp's `*.live_chat.json`: one JSON object per line; only text messages count.
pub fn read_ytdlp(reader: Box<dyn BufRead>, sink: Sink) -> Result<()> {
    each_line(reader, |n, line| {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let parsed: YtLine = serde_json::from_slice(line)
            .map_err(|e| bad_line(n, &format!("invalid JSON ({e})")))?;
        let actions = parsed
            .replay_chat_item_action
            .map(|r| r.actions)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|a| a.add_chat_item_action)
            .chain(parsed.add_chat_item_action);
        for add in actions {
            if let Some(r) = add.item.and_then(|i| i.live_chat_text_message_renderer) {
                sink(yt_message(n, r)?)?;
            }
        }
        Ok(())
    })
}

/// chat-downloader's JSON Lines output.
pub fn read_chat_downloader_lines(reader: Box<dyn BufRead>, sink: Sink) -> Result<()> {
    each_line(reader, |n, line| {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let item: CdItem = serde_json::from_slice(line)
            .map_err(|e| bad_line(n, &format!("invalid JSON ({e})")))?;
        match item.into_message() {
            Ok(Some(m)) => sink(m),
            Ok(None) => Ok(()),
            Err(reason) => Err(bad_line(n, reason)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_lines() {
        assert_eq!(
            split_message("alice: hi there"),
            Some(("alice", "hi there"))
        );
        assert_eq!(
            split_message("日本語 nihon_go: thisgame++"),
            Some(("nihon_go", "thisgame++"))
        );
        assert_eq!(split_message("alice has been timed out for 10m."), None);
        assert_eq!(split_message("Now hosting bob: x"), None);
        assert_eq!(split_message("alice:"), Some(("alice", "")));
        assert_eq!(clock(b"[19:05:02] a: b"), Some(19 * 3600 + 5 * 60 + 2));
        assert_eq!(clock(b"[1:05:02] a"), None);
    }

    #[test]
    fn zones_and_names() {
        assert_eq!(zone_offset("CET"), Some(3600));
        assert_eq!(zone_offset("EDT"), Some(-4 * 3600));
        assert_eq!(zone_offset("CDT"), Some(-5 * 3600));
        assert_eq!(zone_offset("+0530"), Some(5 * 3600 + 1800));
        assert_eq!(zone_offset("UTC+1"), Some(3600));
        assert_eq!(zone_offset("Mars Time"), None);
        assert_eq!(
            date_from_file_name("logs/xqc-2024-03-15.log"),
            NaiveDate::from_ymd_opt(2024, 3, 15)
        );
        assert_eq!(date_from_file_name("chat.log"), None);
    }
}
