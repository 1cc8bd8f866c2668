//! The live chat sources: the stored list of channels the daemon reads (`chat_sources`),
//! validated and replaced as a whole, and the status object `GET /api/chat/sources` and
//! `jackbox chat status` show for each.

use crate::core::vocab::{ChatPlatform, ChatState};
use crate::{store, Error, Result};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One source: a Twitch channel or a YouTube video.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Source {
    pub platform: ChatPlatform,
    pub channel: String,
}

/// What `GET /api/chat/sources` says about one source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceStatus {
    pub platform: ChatPlatform,
    pub channel: String,
    pub state: ChatState,
    /// When the source entered `state`.
    pub since: String,
    pub messages_seen: u64,
    pub votes_counted: u64,
    pub last_error: Option<String>,
}

impl SourceStatus {
    /// A source nobody reads (no daemon, or not started yet).
    pub fn stopped(source: &Source, since: String) -> Self {
        SourceStatus {
            platform: source.platform,
            channel: source.channel.clone(),
            state: ChatState::Stopped,
            since,
            messages_seen: 0,
            votes_counted: 0,
            last_error: None,
        }
    }
}

/// `{ "sources": [...] }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourcesReply {
    pub sources: Vec<SourceStatus>,
}

pub const SOURCES_REQUIRED: &str = "sources must be an array";
pub const MAX_SOURCES: usize = 20;

fn bad(i: usize, why: &str) -> Error {
    Error::invalid(format!("Invalid chat source at index {i}: {why}"))
}

/// A Twitch channel as typed (`#Name`, `name`, `https://twitch.tv/name`) → its login, or
/// the error message. Logins are 1–25 characters `a-z 0-9 _`.
pub fn twitch_channel(input: &str) -> std::result::Result<String, &'static str> {
    let t = input.trim();
    let t = t
        .rsplit_once("twitch.tv/")
        .map(|(_, rest)| rest.trim_end_matches('/'))
        .unwrap_or(t)
        .trim_start_matches('#')
        .to_ascii_lowercase();
    if (1..=25).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        Ok(t)
    } else {
        Err("a Twitch channel is 1-25 letters, digits or _")
    }
}

/// A YouTube video id (11 characters `A-Z a-z 0-9 - _`), also from a watch or live URL.
pub fn youtube_video(input: &str) -> std::result::Result<String, &'static str> {
    let t = input.trim();
    let id = if let Some((_, q)) = t.split_once("v=") {
        q.split('&').next().unwrap_or("")
    } else if t.contains('/') {
        t.trim_end_matches('/').rsplit('/').next().unwrap_or("")
    } else {
        t
    };
    let id = id.split('?').next().unwrap_or("");
    if id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        Ok(id.to_string())
    } else {
        Err("a YouTube video id is 11 letters, digits, - or _")
    }
}

/// One source from its platform and what the user typed.
pub fn parse_source(platform: ChatPlatform, channel: &str) -> std::result::Result<Source, String> {
    let channel = match platform {
        ChatPlatform::Twitch => twitch_channel(channel)?,
        ChatPlatform::Youtube => youtube_video(channel)?,
        ChatPlatform::File => return Err(ChatPlatform::INVALID.to_string()),
    };
    Ok(Source { platform, channel })
}

/// The body of `PUT /api/chat/sources`: `{ "sources": [ { "platform", "channel" } ] }`.
/// Duplicates are dropped (first wins).
pub fn from_json(body: &Value) -> Result<Vec<Source>> {
    let list = body
        .get("sources")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::invalid(SOURCES_REQUIRED))?;
    if list.len() > MAX_SOURCES {
        return Err(Error::invalid(format!(
            "At most {MAX_SOURCES} chat sources are read at once"
        )));
    }
    let mut out: Vec<Source> = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        if !item.is_object() {
            return Err(bad(i, "not an object"));
        }
        let platform = match item.get("platform") {
            Some(Value::String(p)) => ChatPlatform::parse(p)
                .filter(|p| *p != ChatPlatform::File)
                .ok_or_else(|| bad(i, ChatPlatform::INVALID))?,
            _ => return Err(bad(i, ChatPlatform::INVALID)),
        };
        let channel = match item.get("channel") {
            Some(Value::String(c)) => c,
            _ => return Err(bad(i, "channel must be a string")),
        };
        let s = parse_source(platform, channel).map_err(|e| bad(i, &e))?;
        if !out.contains(&s) {
            out.push(s);
        }
    }
    Ok(out)
}

/// The stored sources, in the order given.
pub fn list(conn: &Connection) -> Result<Vec<Source>> {
    let mut stmt = conn.prepare_cached("SELECT platform, channel FROM chat_sources ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(Source {
            platform: r.get(0)?,
            channel: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces the stored list (one transaction, audited). Sources kept keep their place.
pub fn replace(conn: &mut Connection, sources: &[Source]) -> Result<()> {
    store::write(conn, |tx| {
        let now = crate::time::now();
        let old = list(tx)?;
        for s in old.iter().filter(|s| !sources.contains(s)) {
            tx.prepare_cached("DELETE FROM chat_sources WHERE platform = ?1 AND channel = ?2")?
                .execute(rusqlite::params![s.platform, s.channel])?;
        }
        for s in sources.iter().filter(|s| !old.contains(s)) {
            tx.prepare_cached(
                "INSERT INTO chat_sources (platform, channel, created_at) VALUES (?1, ?2, ?3)",
            )?
            .execute(rusqlite::params![s.platform, s.channel, now])?;
        }
        crate::core::audit::record(
            tx,
            crate::core::audit::Action::ChatSources,
            None,
            serde_json::json!({ "sources": sources }),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels() {
        assert_eq!(twitch_channel("#Forsen").unwrap(), "forsen");
        assert_eq!(
            twitch_channel("https://www.twitch.tv/pajlada/").unwrap(),
            "pajlada"
        );
        assert!(twitch_channel("no spaces").is_err());
        assert!(twitch_channel("").is_err());
        assert_eq!(youtube_video("dQw4w9WgXcQ").unwrap(), "dQw4w9WgXcQ");
        assert_eq!(
            youtube_video("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1").unwrap(),
            "dQw4w9WgXcQ"
        );
        assert_eq!(
            youtube_video("https://youtube.com/live/dQw4w9WgXcQ?si=x").unwrap(),
            "dQw4w9WgXcQ"
        );
        assert!(youtube_video("short").is_err());
    }

    #[test]
    fn body() {
        let v = serde_json::json!({"sources": [
            {"platform": "twitch", "channel": "#A_b"},
            {"platform": "twitch", "channel": "a_b"},
            {"platform": "youtube", "channel": "dQw4w9WgXcQ"}]});
        let s = from_json(&v).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].channel, "a_b");
        let e = from_json(&serde_json::json!({"sources": [{"platform": "irc", "channel": "x"}]}))
            .unwrap_err();
        assert_eq!(
            e.message,
            "Invalid chat source at index 0: platform must be twitch or youtube"
        );
        assert!(from_json(&serde_json::json!({})).is_err());
    }
}
