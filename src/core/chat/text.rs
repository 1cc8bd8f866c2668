//! The line formats: Chatterino text logs, yt-dlp YouTube live chat (JSON Lines) and
//! chat-downloader JSON Lines. One reused line buffer; nothing else is kept per line.

use super::json::CdItem;
use super::lenient::{Leaf, List, Node};
use super::{bad_line, read_error, ChatMessage, Options, Tally};
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

/// The time zone of a Chatterino log's clock.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Zone {
    /// A fixed offset (seconds east of UTC): `--utc-offset`, an abbreviation such as `CEST`
    /// that says which half of the year it is, or a numeric offset.
    Fixed(i32),
    /// A Windows zone name (`GMT Standard Time`): a region whose offset follows its
    /// daylight-saving rules, so each line's own date decides it.
    Region(chrono_tz::Tz),
}

impl Zone {
    /// The zone a header names: a known abbreviation or numeric offset, else a Windows zone
    /// name (`… Standard Time`, also the `… Daylight Time` / `… Summer Time` forms of the
    /// same zone).
    fn parse(zone: &str) -> Option<Zone> {
        zone_offset(zone)
            .map(Zone::Fixed)
            .or_else(|| windows_zone(zone).map(Zone::Region))
    }

    /// UTC milliseconds of a local wall-clock time. A time the autumn change repeats is
    /// read as its first occurrence; one the spring change skips (which no clock shows)
    /// takes the offset in force at that instant read as UTC, i.e. the new one.
    fn to_utc_ms(self, local: chrono::NaiveDateTime) -> Option<i64> {
        use chrono::{Offset, TimeZone};
        let offset = match self {
            Zone::Fixed(secs) => secs,
            Zone::Region(tz) => {
                let at = tz
                    .offset_from_local_datetime(&local)
                    .earliest()
                    .unwrap_or_else(|| tz.offset_from_utc_datetime(&local));
                at.fix().local_minus_utc()
            }
        };
        local
            .checked_sub_signed(Duration::seconds(offset as i64))
            .map(|utc| utc.and_utc().timestamp_millis())
    }
}

/// The IANA zone of a Windows zone name (CLDR's mapping, `windows_zones.rs`), ignoring case.
fn windows_zone(zone: &str) -> Option<chrono_tz::Tz> {
    use super::windows_zones::WINDOWS_ZONES;
    let lower = zone.trim().to_ascii_lowercase();
    let standard = ["daylight time", "summer time"]
        .iter()
        .find_map(|s| lower.strip_suffix(s))
        .map(|stem| format!("{stem}standard time"));
    let bare = format!("{lower} standard time");
    [Some(lower), standard, Some(bare)]
        .into_iter()
        .flatten()
        .find_map(|name| {
            let i = WINDOWS_ZONES
                .binary_search_by(|(k, _)| k.cmp(&name.as_str()))
                .ok()?;
            WINDOWS_ZONES[i].1.parse().ok()
        })
}

/// Known zone abbreviations and numeric offsets → seconds east (Windows zone names are
/// regions, see [`windows_zone`]).
fn zone_offset(zone: &str) -> Option<i32> {
    const H: i32 = 3600;
    let z = zone.trim();
    let known = match z.to_ascii_uppercase().as_str() {
        "" | "UTC" | "GMT" | "Z" | "UT" | "WET" | "COORDINATED UNIVERSAL TIME" => 0,
        "WEST" | "BST" | "CET" | "MET" => H,
        "CEST" | "MEST" | "EET" | "SAST" => 2 * H,
        "CENTRAL EUROPEAN SUMMER TIME" => 2 * H,
        "EEST" | "MSK" | "TRT" => 3 * H,
        "IST" => 5 * H + 1800,
        "WIB" => 7 * H,
        "AWST" | "HKT" | "SGT" | "PHT" => 8 * H,
        "CST" => -6 * H,
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
        "EST" => -5 * H,
        "EDT" => -4 * H,
        "CDT" => -5 * H,
        "MST" => -7 * H,
        "MDT" => -6 * H,
        "PST" => -8 * H,
        "PDT" => -7 * H,
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

/// The date of `<channel>-YYYY-MM-DD.log` (Chatterino), `YYYY-MM-DD.log` (ZNC) or
/// `…_YYYYMMDD.log` (older ZNC).
fn date_from_file_name(name: &str) -> Option<NaiveDate> {
    let base = name.rsplit(['/', '\\']).next()?;
    let stem = base.strip_suffix(".log").unwrap_or(base);
    let tail = |n: usize| stem.get(stem.len().checked_sub(n)?..);
    tail(10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .or_else(|| {
            let d = tail(8)?;
            let before = stem[..stem.len() - 8].chars().next_back();
            // Eight digits after a separator (or alone), not the end of a longer number.
            (before.is_none_or(|c| !c.is_ascii_digit()))
                .then(|| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
                .flatten()
        })
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

/// The text log formats, read line by line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineFormat {
    /// `[HH:MM:SS] login: text`, dated by `# Start logging at` headers or the file name.
    Chatterino,
    /// IRC logs: `[HH:MM:SS] <nick> text` (ZNC), `HH:MM <nick> text` (irssi), dated by the
    /// file name (`YYYY-MM-DD.log`), irssi's `--- Log opened` / `--- Day changed` lines, or
    /// `--date`.
    Irc,
    /// TwitchDownloader's text export with UTC times: `[yyyy-MM-dd HH:mm:ss UTC] name: text`
    /// (its relative form `[h:mm:ss] name: text` has no date and is refused).
    TwitchDownloaderText,
}

/// One line of a text log, read.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Message(ChatMessage),
    /// A line that is not a chat message (a system line, a join, an action…).
    Skipped,
    /// A blank line or a header (not an entry of the log).
    Blank,
}

/// Reads a text log one line at a time, keeping what earlier lines said (the date, the
/// zone, the last clock time, to notice midnight). The whole-file reader and a live
/// follower of a growing log (`chat follow`) feed it the same way.
#[derive(Debug, Clone)]
pub struct LineParser {
    format: LineFormat,
    date: Option<NaiveDate>,
    zone: Zone,
    /// `--utc-offset` was given: headers do not change the zone.
    fixed: bool,
    last: Option<u32>,
}

impl LineParser {
    /// A parser for `format`; the date comes from `--date`, else the file name, until a
    /// header says otherwise; the zone from `--utc-offset` (UTC by default).
    pub fn new(format: LineFormat, opts: &Options) -> LineParser {
        LineParser {
            format,
            date: opts
                .date
                .or_else(|| opts.file_name.as_deref().and_then(date_from_file_name)),
            zone: Zone::Fixed(opts.utc_offset.unwrap_or(0)),
            fixed: opts.utc_offset.is_some(),
            last: None,
        }
    }

    /// Reads line `n` (1-based, without its line break).
    pub fn line(&mut self, n: u64, raw: &[u8]) -> Result<Line> {
        let line = String::from_utf8_lossy(raw);
        if line.trim().is_empty() {
            return Ok(Line::Blank);
        }
        match self.format {
            LineFormat::Chatterino => self.chatterino(n, &line),
            LineFormat::Irc => self.irc(n, &line),
            LineFormat::TwitchDownloaderText => twitch_text(n, &line),
        }
    }

    fn chatterino(&mut self, n: u64, line: &str) -> Result<Line> {
        if let Some(header) = line.strip_prefix("# Start logging at ") {
            let header = header.trim();
            let d = header
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .ok_or_else(|| bad_line(n, "unreadable \"# Start logging at\" header"))?;
            let t = header
                .get(11..19)
                .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M:%S").ok());
            let name = header.get(19..).unwrap_or("").trim();
            if !self.fixed {
                self.zone = Zone::parse(name).ok_or_else(|| {
                    Error::invalid(format!(
                        "Unknown time zone \"{name}\" in the Chatterino header at line {n}; \
                         pass --utc-offset ±HH:MM"
                    ))
                })?;
            }
            self.date = Some(d);
            self.last = t.map(|t| {
                use chrono::Timelike;
                t.num_seconds_from_midnight()
            });
            return Ok(Line::Blank);
        }
        if line.starts_with("# ") {
            // "# Stop logging at …" and other comment lines.
            return Ok(Line::Blank);
        }
        let Some(secs) = clock(line.as_bytes()) else {
            return Ok(Line::Skipped);
        };
        let rest = line.get(10..).unwrap_or("").trim_start_matches(' ');
        let Some((login, text)) = split_message(rest) else {
            return Ok(Line::Skipped);
        };
        let at = self.at(n, secs, NO_DATE_CHATTERINO)?;
        Ok(Line::Message(ChatMessage {
            username: login.to_string(),
            message: text.to_string(),
            at,
        }))
    }

    fn irc(&mut self, n: u64, line: &str) -> Result<Line> {
        if let Some(rest) = line.strip_prefix("--- ") {
            // irssi: "--- Log opened Sun Mar 15 19:00:00 2026", "--- Day changed Mon Mar 16 2026".
            if let Some(when) = rest.strip_prefix("Log opened ") {
                if let Ok(t) =
                    chrono::NaiveDateTime::parse_from_str(when.trim(), "%a %b %e %H:%M:%S %Y")
                {
                    // Its lines may have minutes only: the clock starts again here.
                    self.date = Some(t.date());
                    self.last = None;
                }
            } else if let Some(day) = rest.strip_prefix("Day changed ") {
                if let Ok(d) = NaiveDate::parse_from_str(day.trim(), "%a %b %e %Y") {
                    self.date = Some(d);
                    self.last = None;
                }
            }
            return Ok(Line::Blank);
        }
        let Some((secs, rest)) = irc_clock(line) else {
            return Ok(Line::Skipped);
        };
        let Some((nick, text)) = nick_message(rest) else {
            return Ok(Line::Skipped);
        };
        let at = self.at(n, secs, NO_DATE_IRC)?;
        Ok(Line::Message(ChatMessage {
            username: nick.to_string(),
            message: text.to_string(),
            at,
        }))
    }

    /// UTC milliseconds of a clock time on the current date; a clock that went backwards
    /// (past midnight without a new header) is on the next day.
    fn at(&mut self, n: u64, secs: u32, no_date: &str) -> Result<i64> {
        let day = self.date.as_mut().ok_or_else(|| bad_line(n, no_date))?;
        if self.last.is_some_and(|l| secs < l) {
            *day = day.succ_opt().unwrap_or(*day);
        }
        self.last = Some(secs);
        day.and_time(NaiveTime::MIN)
            .checked_add_signed(Duration::seconds(secs as i64))
            .and_then(|local| self.zone.to_utc_ms(local))
            .ok_or_else(|| bad_line(n, "date out of range"))
    }
}

const NO_DATE_CHATTERINO: &str = "no date: expected a \"# Start logging at\" header, a file \
     name like channel-YYYY-MM-DD.log or --date YYYY-MM-DD (TwitchDownloader's text export \
     with relative times has no date at all: export the chat with UTC times or as JSON)";

const NO_DATE_IRC: &str = "no date: expected a file name like YYYY-MM-DD.log (as ZNC writes \
     it), a \"--- Log opened\" line or --date YYYY-MM-DD";

/// Why TwitchDownloader's relative-time text export cannot be imported.
pub const TWITCH_RELATIVE: &str = "This is TwitchDownloader's text export with relative \
     times ([h:mm:ss] name: message): it has no dates, so its votes cannot be placed in the \
     night. Export the chat again with UTC timestamps (Timestamp format: UTC), or as JSON";

/// `[2026-03-15 19:05:00 UTC] ` or `[2026-03-15 19:05:00.123 UTC] ` at the start of a
/// TwitchDownloader text line: the UTC time and the rest of the line.
fn twitch_stamp(line: &str) -> Option<(chrono::NaiveDateTime, &str)> {
    let rest = line.strip_prefix('[')?;
    let end = rest.find(" UTC] ")?;
    let t = chrono::NaiveDateTime::parse_from_str(&rest[..end], "%Y-%m-%d %H:%M:%S%.f").ok()?;
    Some((t, &rest[end + 6..]))
}

/// `[h:mm:ss] ` with a one-digit or a 24-and-more hour: TwitchDownloader's relative time
/// (a clock of the day, as Chatterino writes it, always has two digits below 24).
fn relative_stamp(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('[') else {
        return false;
    };
    let Some((stamp, _)) = rest.split_once("] ") else {
        return false;
    };
    let parts: Vec<&str> = stamp.split(':').collect();
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    parts.len() == 3
        && parts.iter().all(|p| digits(p))
        && parts[1].len() == 2
        && parts[2].len() == 2
        && (parts[0].len() == 1 || parts[0].parse::<u32>().is_ok_and(|h| h >= 24))
}

fn twitch_text(n: u64, line: &str) -> Result<Line> {
    let Some((t, rest)) = twitch_stamp(line) else {
        if relative_stamp(line) {
            return Err(Error::invalid(TWITCH_RELATIVE));
        }
        return Ok(Line::Skipped);
    };
    let Some((name, text)) = rest
        .split_once(": ")
        .or_else(|| rest.strip_suffix(':').map(|name| (name, "")))
    else {
        return Ok(Line::Skipped);
    };
    if name.is_empty() || name.contains(' ') {
        return Ok(Line::Skipped);
    }
    let at = t.and_utc().timestamp_millis();
    if crate::core::votes::format_ms(at).is_none() {
        return Err(bad_line(n, "date out of range"));
    }
    Ok(Line::Message(ChatMessage {
        username: name.to_string(),
        message: text.to_string(),
        at,
    }))
}

/// An IRC log line's leading time: `[HH:MM:SS] `, `[HH:MM] `, `HH:MM:SS ` or `HH:MM `.
/// Returns the seconds of the day and the rest of the line.
fn irc_clock(line: &str) -> Option<(u32, &str)> {
    let (stamp, rest) = match line.strip_prefix('[') {
        Some(inner) => {
            let (stamp, rest) = inner.split_once(']')?;
            (stamp, rest.strip_prefix(' ')?)
        }
        None => line.split_once(' ')?,
    };
    let parts: Vec<&str> = stamp.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || !parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let num = |i: usize| parts.get(i).map_or(Some(0), |p| p.parse::<u32>().ok());
    let (h, m, s) = (num(0)?, num(1)?, num(2)?);
    (h < 24 && m < 60 && s < 61).then_some((h * 3600 + m * 60 + s.min(59), rest))
}

/// `<nick> text` (the nick may carry a channel-mode sign, `<@op>`, `<+voice>`, or irssi's
/// padding, `< nick>`). `None` for system lines (`*** Joins:`, `* nick action`, `-nick-`).
fn nick_message(rest: &str) -> Option<(&str, &str)> {
    let inner = rest.strip_prefix('<')?;
    let (nick, text) = inner.split_once('>')?;
    let nick = nick.trim_start_matches([' ', '@', '+', '%', '&', '~', '!']);
    let text = match text.strip_prefix(' ') {
        Some(t) => t,
        None if text.is_empty() => text,
        None => return None,
    };
    let valid = !nick.is_empty() && !nick.contains(' ');
    valid.then_some((nick, text))
}

/// Which text format the first lines of a log are in, if any: the first decisive line
/// wins (a Chatterino header, an irssi `---` line, a TwitchDownloader stamp, an IRC
/// `<nick>` or a Chatterino `login:` message); clock lines without a decisive one are a
/// Chatterino log, as they always were.
pub(super) fn sniff(text: &str) -> Option<super::Format> {
    use super::Format;
    let mut clocked = false;
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(200) {
        if line.starts_with("# Start logging") {
            return Some(Format::Chatterino);
        }
        if line.starts_with("--- Log opened") || line.starts_with("--- Day changed") {
            return Some(Format::Irc);
        }
        if twitch_stamp(line).is_some() || relative_stamp(line) {
            return Some(Format::TwitchDownloader);
        }
        if let Some((_, rest)) = irc_clock(line) {
            clocked = true;
            if nick_message(rest).is_some() {
                return Some(Format::Irc);
            }
        }
        if clock(line.as_bytes()).is_some() {
            clocked = true;
            let rest = line.get(10..).unwrap_or("").trim_start_matches(' ');
            if split_message(rest).is_some() {
                return Some(Format::Chatterino);
            }
        }
        if !clocked {
            // The first line is not a text log's.
            return None;
        }
    }
    clocked.then_some(Format::Chatterino)
}

/// Reads a whole text log: every line through one [`LineParser`].
pub fn read_lines(
    reader: Box<dyn BufRead>,
    format: LineFormat,
    opts: &Options,
    tally: &mut Tally,
    sink: Sink,
) -> Result<()> {
    let mut parser = LineParser::new(format, opts);
    each_line(reader, |n, raw| match parser.line(n, raw)? {
        Line::Message(m) => {
            tally.entries += 1;
            sink(m)
        }
        Line::Skipped => {
            tally.entries += 1;
            tally.skipped += 1;
            Ok(())
        }
        Line::Blank => Ok(()),
    })
}

// ---------------------------------------------------------------------------------------
// yt-dlp YouTube live chat
// ---------------------------------------------------------------------------------------

// Every field is lenient (`super::lenient`): a wrong type is reported with the file's
// field names, never serde's message about these Rust types.

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct YtLine {
    replay_chat_item_action: Node<YtReplay>,
    add_chat_item_action: Node<YtAdd>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct YtReplay {
    actions: List<YtAction>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct YtAction {
    add_chat_item_action: Node<YtAdd>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct YtAdd {
    item: Node<YtItem>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct YtItem {
    live_chat_text_message_renderer: Node<YtText>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct YtText {
    message: Node<YtRuns>,
    author_name: Node<YtSimple>,
    author_external_channel_id: Leaf,
    timestamp_usec: Leaf,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct YtRuns {
    runs: List<YtRun>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct YtRun {
    text: Leaf,
    emoji: Node<YtEmoji>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct YtEmoji {
    shortcuts: List<serde::de::IgnoredAny>,
    emoji_id: Leaf,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct YtSimple {
    simple_text: Leaf,
}

fn yt_message(r: YtText) -> std::result::Result<ChatMessage, String> {
    let name = match r.author_name {
        Node::Obj(a) => a.simple_text.opt_string("authorName.simpleText")?,
        Node::Absent => None,
        _ => return Err("authorName must be an object".into()),
    };
    let username = match name {
        Some(name) => name,
        None => r
            .author_external_channel_id
            .opt_string("authorExternalChannelId")?
            .ok_or("missing authorName")?,
    };
    let mut message = String::new();
    let runs = match r.message {
        Node::Obj(m) => m.runs.items(),
        Node::Absent => Vec::new(),
        _ => return Err("message must be an object".into()),
    };
    for run in runs.into_iter().filter_map(Node::into_option) {
        if let Leaf::Str(t) = run.text {
            message.push_str(&t);
        } else if let Some(e) = run.emoji.into_option() {
            let shortcut = e.shortcuts.items().into_iter().find_map(|s| match s {
                Node::Str(s) => Some(s),
                _ => None,
            });
            let id = match e.emoji_id {
                Leaf::Str(id) => Some(id),
                _ => None,
            };
            if let Some(s) = shortcut.or(id) {
                message.push_str(&s);
            }
        }
    }
    let usec = match &r.timestamp_usec {
        Leaf::Str(s) => s.trim().parse::<i64>().ok(),
        Leaf::Num(n) if n.fract() == 0.0 => Some(*n as i64),
        _ => None,
    };
    let at = usec
        .filter(|u| *u >= 0)
        .map(|u| u / 1000)
        .filter(|ms| crate::core::votes::format_ms(*ms).is_some())
        .ok_or("missing or invalid timestampUsec")?;
    Ok(ChatMessage {
        username,
        message,
        at,
    })
}

/// yt-dlp's `*.live_chat.json`: one JSON object per line; only text messages count.
pub fn read_ytdlp(reader: Box<dyn BufRead>, tally: &mut Tally, sink: Sink) -> Result<()> {
    each_line(reader, |n, line| {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        tally.entries += 1;
        let mut texts = 0;
        let parsed: Node<YtLine> = serde_json::from_slice(line)
            .map_err(|e| bad_line(n, &format!("invalid JSON ({e})")))?;
        let parsed = parsed.entry().map_err(|r| bad_line(n, &r))?;
        let actions = parsed
            .replay_chat_item_action
            .into_option()
            .map(|r| r.actions.items())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|a| a.into_option()?.add_chat_item_action.into_option())
            .chain(parsed.add_chat_item_action.into_option());
        for add in actions {
            let renderer = add
                .item
                .into_option()
                .and_then(|i| i.live_chat_text_message_renderer.into_option());
            if let Some(r) = renderer {
                texts += 1;
                sink(yt_message(r).map_err(|reason| bad_line(n, &reason))?)?;
            }
        }
        // A line of tickers, Super Chats, membership and other actions: not chat text.
        if texts == 0 {
            tally.skipped += 1;
        }
        Ok(())
    })
}

/// chat-downloader's JSON Lines output.
pub fn read_chat_downloader_lines(
    reader: Box<dyn BufRead>,
    tally: &mut Tally,
    sink: Sink,
) -> Result<()> {
    each_line(reader, |n, line| {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        tally.entries += 1;
        let item: Node<CdItem> = serde_json::from_slice(line)
            .map_err(|e| bad_line(n, &format!("invalid JSON ({e})")))?;
        match item.entry().and_then(CdItem::into_message) {
            Ok(Some(m)) => sink(m),
            Ok(None) => {
                tally.skipped += 1;
                Ok(())
            }
            Err(reason) => Err(bad_line(n, &reason)),
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

    /// One line at a time, with the context earlier lines set (what `chat follow` needs).
    #[test]
    fn line_parser_reads_one_line_at_a_time() {
        let opts = Options {
            date: NaiveDate::from_ymd_opt(2026, 3, 15),
            ..Options::default()
        };
        let mut p = LineParser::new(LineFormat::Irc, &opts);
        let msg = |l: Line| match l {
            Line::Message(m) => (m.username, m.message, m.at),
            other => panic!("{other:?}"),
        };
        let (user, text, at) = msg(p.line(1, b"[23:59:59] <@alice> thisgame++").unwrap());
        assert_eq!((user.as_str(), text.as_str()), ("alice", "thisgame++"));
        assert_eq!(at, 1_773_619_199_000);
        assert_eq!(
            p.line(2, b"[00:00:01] *** Joins: bob (bob@host)").unwrap(),
            Line::Skipped
        );
        // Past midnight: the next day.
        let (_, _, at) = msg(p.line(3, b"00:00:02 < bob> hi").unwrap());
        assert_eq!(at, 1_773_619_202_000);
        assert_eq!(p.line(4, b"").unwrap(), Line::Blank);

        let mut t = LineParser::new(LineFormat::TwitchDownloaderText, &Options::default());
        let (user, text, at) = msg(t
            .line(1, b"[2026-03-15 19:05:00.250 UTC] Alice: a: b")
            .unwrap());
        assert_eq!((user.as_str(), text.as_str()), ("Alice", "a: b"));
        assert_eq!(at, 1_773_601_500_250);
        assert!(t.line(2, b"[0:05:00] Alice: hi").is_err());
        assert_eq!(
            date_from_file_name("znc/twitch/#chan/2026-03-15.log"),
            NaiveDate::from_ymd_opt(2026, 3, 15)
        );
        assert_eq!(
            date_from_file_name("twitch_#chan_20260315.log"),
            NaiveDate::from_ymd_opt(2026, 3, 15)
        );
    }

    #[test]
    fn zones_and_names() {
        assert_eq!(zone_offset("CET"), Some(3600));
        assert_eq!(zone_offset("EDT"), Some(-4 * 3600));
        assert_eq!(zone_offset("CDT"), Some(-5 * 3600));
        assert_eq!(zone_offset("+0530"), Some(5 * 3600 + 1800));
        assert_eq!(zone_offset("UTC+1"), Some(3600));
        assert_eq!(zone_offset("Mars Time"), None);
        assert_eq!(Zone::parse("Mars Time"), None);
        assert_eq!(
            date_from_file_name("logs/xqc-2024-03-15.log"),
            NaiveDate::from_ymd_opt(2024, 3, 15)
        );
        assert_eq!(date_from_file_name("chat.log"), None);
    }

    /// Every Windows name of the CLDR table is a zone chrono-tz knows (a rename upstream
    /// would show here, not in a user's import).
    #[test]
    fn every_windows_zone_name_resolves() {
        use super::super::windows_zones::WINDOWS_ZONES;
        assert!(WINDOWS_ZONES.len() > 130);
        assert!(WINDOWS_ZONES.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        for (name, iana) in WINDOWS_ZONES {
            assert!(
                iana.parse::<chrono_tz::Tz>().is_ok(),
                "{name} → {iana} is not a known zone"
            );
            assert!(windows_zone(name).is_some(), "{name}");
        }
    }

    /// Windows zone names follow their region's daylight-saving rules on the log's date.
    #[test]
    fn windows_zones_with_daylight_saving() {
        let at = |zone: &str, date: &str, time: &str| -> i64 {
            let local = chrono::NaiveDateTime::parse_from_str(
                &format!("{date} {time}"),
                "%Y-%m-%d %H:%M:%S",
            )
            .unwrap();
            let utc = Zone::parse(zone).unwrap().to_utc_ms(local).unwrap();
            (local.and_utc().timestamp_millis() - utc) / 60_000
        };
        const H: i64 = 60;
        let cases: &[(&str, &str, i64)] = &[
            ("GMT Standard Time", "2026-01-15", 0),
            ("GMT Standard Time", "2026-07-15", H),
            ("GMT Daylight Time", "2026-07-15", H),
            ("Romance Standard Time", "2026-01-15", H),
            ("Romance Standard Time", "2026-07-15", 2 * H),
            ("AUS Eastern Standard Time", "2026-01-15", 11 * H),
            ("AUS Eastern Standard Time", "2026-07-15", 10 * H),
            ("AUS Eastern Daylight Time", "2026-01-15", 11 * H),
            ("E. Australia Standard Time", "2026-01-15", 10 * H),
            ("E. Australia Standard Time", "2026-07-15", 10 * H),
            ("Tokyo Standard Time", "2026-07-15", 9 * H),
            ("India Standard Time", "2026-01-15", 5 * H + 30),
            ("Russian Standard Time", "2026-01-15", 3 * H),
            ("FLE Standard Time", "2026-01-15", 2 * H),
            ("FLE Standard Time", "2026-07-15", 3 * H),
            ("W. Europe Daylight Time", "2026-07-15", 2 * H),
            ("Eastern Standard Time", "2026-07-15", -4 * H),
            ("Central Standard Time", "2026-01-15", -6 * H),
            ("Nepal Standard Time", "2026-01-15", 5 * H + 45),
            ("Romance", "2026-07-15", 2 * H),
            // Display names (what Windows writes), not ids.
            ("Russia TZ 2 Standard Time", "2026-01-15", 3 * H),
            ("Russia TZ 7 Daylight Time", "2026-07-15", 8 * H),
            ("Russia TZ 11 Standard Time", "2026-01-15", 12 * H),
            ("Novosibirsk Standard Time", "2026-01-15", 7 * H),
            ("Malay Peninsula Standard Time", "2026-01-15", 8 * H),
            ("Jerusalem Daylight Time", "2026-07-15", 3 * H),
            ("Cabo Verde Standard Time", "2026-01-15", -H),
            ("West Bank Gaza Standard Time", "2026-01-15", 2 * H),
            ("Central Daylight Time (Mexico)", "2026-07-15", -6 * H),
            ("Pacific Daylight Time (Mexico)", "2026-07-15", -7 * H),
            ("Coordinated Universal Time", "2026-07-15", 0),
            ("UTC", "2026-07-15", 0),
        ];
        for (zone, date, minutes) in cases {
            assert_eq!(at(zone, date, "20:00:00"), *minutes, "{zone} on {date}");
        }
        // London's spring change (2026-03-29, 01:00 → 02:00): before and after it.
        assert_eq!(at("GMT Standard Time", "2026-03-29", "00:30:00"), 0);
        assert_eq!(at("GMT Standard Time", "2026-03-29", "03:00:00"), H);
        // A skipped wall-clock time is still converted (with the new offset).
        assert_eq!(at("GMT Standard Time", "2026-03-29", "01:30:00"), H);
    }
}
