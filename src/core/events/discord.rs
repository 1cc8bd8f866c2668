//! Webhooks in Discord's format (`"format": "discord"`): an event as a Discord webhook
//! message (`{ "content", "embeds" }`, <https://discord.com/developers/docs/resources/webhook#execute-webhook>)
//! that reads well in a channel. Rendered when the delivery is queued, in the event's own
//! transaction, so what is sent is what was true then (a night's games when it closed).

use rusqlite::Connection;
use serde_json::{json, Value};

/// The embed colour (Jackbox-ish purple).
const COLOR: i64 = 0x7B2FBE;

fn embed(title: String, description: String) -> Value {
    json!({ "title": title, "description": description, "color": COLOR })
}

/// The options of a poll as numbered lines (`1. Fibbage 4 — FIB4++`).
fn option_lines(options: &Value) -> String {
    options
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| {
            let label = o["label"].as_str().unwrap_or("?");
            let pos = o["position"].as_i64().unwrap_or(0);
            match o["ticker"].as_str() {
                Some(t) => format!("{pos}. {label} — `{t}++`"),
                None => format!("{pos}. {label}"),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The games of a session, in play order, as lines.
fn session_games(conn: &Connection, session_id: i64) -> crate::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT g.title, sg.room_code FROM session_games sg JOIN games g ON g.id = sg.game_id
         WHERE sg.session_id = ?1 ORDER BY sg.played_at, sg.id",
    )?;
    let rows = stmt.query_map([session_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    let mut out = Vec::new();
    for (i, row) in rows.enumerate() {
        let (title, code) = row?;
        out.push(match code {
            Some(c) => format!("{}. {title} (room {c})", i + 1),
            None => format!("{}. {title}", i + 1),
        });
    }
    Ok(out)
}

/// The Discord message for event `name` with payload `data`.
pub fn render(conn: &Connection, name: &str, data: &Value) -> crate::Result<Value> {
    use super::names as n;
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    let msg = match name {
        n::GAME_ADDED => {
            let g = &data["game"];
            let title = text(&g["title"]);
            let mut d = text(&g["pack_name"]);
            match g["room_code"].as_str() {
                Some(code) => d.push_str(&format!(
                    "\nRoom code **{code}** — join at https://jackbox.tv"
                )),
                None => d.push_str("\nJoin at https://jackbox.tv"),
            }
            d.push_str(&format!(
                "\n{}–{} players",
                g["min_players"], g["max_players"]
            ));
            json!({ "content": format!("Now playing: **{title}**"),
                    "embeds": [embed(title, d)] })
        }
        n::POLL_START => {
            let p = &data["poll"];
            let mut d = option_lines(&p["options"]);
            d.push_str("\n\nVote in chat: `!vote N`, the number alone, or `TICKER++`.");
            if let Some(c) = p["closesAt"].as_str() {
                d.push_str(&format!("\nCloses at {c}."));
            }
            json!({ "content": "**Poll: what do we play next?**",
                    "embeds": [embed("Poll open".into(), d)] })
        }
        n::VOTING_ENDED => {
            let total: i64 = data["votes"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|o| o["votes"].as_i64())
                .sum();
            let results = data["votes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|o| format!("{}: {}", text(&o["label"]), o["votes"]))
                .collect::<Vec<_>>()
                .join("\n");
            let content = match data["winnerLabel"].as_str() {
                Some(w) => format!("Poll closed: **{w}** wins ({total} votes)"),
                None => format!("Poll closed without a winner ({total} votes)"),
            };
            json!({ "content": content, "embeds": [embed("Poll results".into(), results)] })
        }
        n::POLL_CANCELLED => json!({ "content": "The poll was cancelled." }),
        n::SESSION_STARTED => json!({ "content": "**Game night started!**" }),
        n::SESSION_ENDED => {
            let id = data["session"]["id"].as_i64().unwrap_or(0);
            let games = session_games(conn, id)?;
            let d = if games.is_empty() {
                "No games were played.".to_string()
            } else {
                games.join("\n")
            };
            let played = match games.len() {
                1 => "1 game played".to_string(),
                n => format!("{n} games played"),
            };
            json!({ "content": format!("**Game night over** — {played}"),
                    "embeds": [embed("Tonight's games".into(), d)] })
        }
        n::GAME_PICKED => json!({ "content": format!(
            "Up next: **{}**", text(&data["game"]["title"])) }),
        n::PLAYER_COUNT_UPDATED => json!({ "content": format!(
            "{} players in the room", data["playerCount"]) }),
        n::VOTE_RECEIVED => json!({ "content": format!(
            "{} voted {} {}", text(&data["vote"]["username"]),
            text(&data["vote"]["type"]), text(&data["game"]["title"])) }),
        other => json!({ "content": format!("jackbox: `{other}`") }),
    };
    Ok(msg)
}

/// Discord's wait after a `429`: `retry_after` (seconds, a float) of its JSON body, else
/// the `Retry-After` header (seconds).
pub fn retry_after(body: &[u8], header: Option<&str>) -> Option<std::time::Duration> {
    let from_body = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v["retry_after"].as_f64());
    let secs = from_body.or_else(|| header.and_then(|h| h.trim().parse::<f64>().ok()))?;
    (secs.is_finite() && secs >= 0.0).then(|| std::time::Duration::from_secs_f64(secs.min(3600.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_body_then_header() {
        let d = retry_after(
            br#"{"message": "You are being rate limited.", "retry_after": 0.5, "global": false}"#,
            Some("9"),
        );
        assert_eq!(d, Some(std::time::Duration::from_millis(500)));
        assert_eq!(
            retry_after(b"", Some("2")),
            Some(std::time::Duration::from_secs(2))
        );
        assert_eq!(retry_after(b"x", None), None);
    }
}
