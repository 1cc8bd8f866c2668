//! What the optional Twitch bot account says in chat (`docs/chat.md`, "Replies in chat"):
//! the commands it answers (`!game`, `!votes`) and every text it sends — a poll opening,
//! its winner, the answers — written here and nowhere else. The figures come from the same
//! core functions as the HTTP API (`GET /api/sessions/{id}/votes` for tonight,
//! `GET /api/games/{id}` for all time); "the game on now" is the game `thisgame++` votes for.

use crate::core::catalog;
use crate::core::events::VotingEnded;
use crate::core::model::{Poll, SessionGame};
use crate::core::session_games;
use crate::core::sessions;
use crate::core::votes::{self, Intervals};
use crate::Result;
use rusqlite::Connection;

/// Twitch drops a chat message longer than this many characters.
pub const MAX_MESSAGE_CHARS: usize = 500;

/// A chat command the bot answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// `!game`: the game on now and its room code.
    Game,
    /// `!votes`: tonight's and the all-time score of the game on now.
    Votes,
}

/// The command a message is (its first word, any case), if any.
pub fn command(text: &str) -> Option<Command> {
    match text
        .split_whitespace()
        .next()?
        .to_ascii_lowercase()
        .as_str()
    {
        "!game" => Some(Command::Game),
        "!votes" => Some(Command::Votes),
        _ => None,
    }
}

/// How the bot treats room codes: the host may keep them off the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomCodes {
    Shown,
    Hidden,
}

/// The poll announcement: numbered options with their tickers, how to vote, and the time
/// left when the poll has a deadline (`left_secs`, counted when the message goes out).
pub fn poll_opened(poll: &Poll, bare_numbers: bool, left_secs: Option<i64>) -> String {
    let options: Vec<String> = poll
        .options
        .iter()
        .map(|o| match &o.ticker {
            Some(t) => format!("{}) {} ({t}++)", o.position, o.label),
            None => format!("{}) {}", o.position, o.label),
        })
        .collect();
    let how = if bare_numbers {
        "vote with !vote N, just N, or TICKER++"
    } else {
        "vote with !vote N or TICKER++"
    };
    let mut text = format!(
        "Poll: what do we play next? {} — {how}",
        options.join(" · ")
    );
    if let Some(s) = left_secs {
        text.push_str(&format!(" — closes in {}:{:02}", s / 60, s % 60));
    }
    fit(text)
}

/// The end of a poll: its winner, or that nothing won.
pub fn poll_winner(ended: &VotingEnded) -> String {
    match (&ended.winner_label, ended.winner_votes) {
        (Some(label), Some(n)) => fit(format!(
            "Poll closed: {label} wins with {n} {}!",
            plural(n, "vote", "votes")
        )),
        _ => "Poll closed: no winner (no votes).".into(),
    }
}

/// The answer to `command` asked by `who` (a display name) at `now_ms`.
pub fn answer(
    conn: &Connection,
    command: Command,
    who: &str,
    codes: RoomCodes,
    now_ms: i64,
) -> Result<String> {
    let text = match on_now(conn, now_ms)? {
        None => "No game on right now.".to_string(),
        Some(sg) => match command {
            Command::Game => game_text(&sg, codes),
            Command::Votes => votes_text(conn, &sg)?,
        },
    };
    Ok(fit(format!("@{who} {text}")))
}

/// The active session's game whose interval holds `now_ms` (where `thisgame++` goes).
fn on_now(conn: &Connection, now_ms: i64) -> Result<Option<SessionGame>> {
    let Some(session) = sessions::active(conn)? else {
        return Ok(None);
    };
    let intervals = Intervals::load(conn, session.id, None)?;
    match intervals.find(now_ms) {
        Some(i) => Ok(Some(session_games::get_by_id(
            conn,
            intervals.slots[i].session_game_id,
        )?)),
        None => Ok(None),
    }
}

fn game_text(sg: &SessionGame, codes: RoomCodes) -> String {
    let mut text = format!("Now playing: {} ({})", sg.title, sg.pack_name);
    if let (RoomCodes::Shown, Some(code)) = (codes, &sg.room_code) {
        text.push_str(&format!(" — room code {code}, join at jackbox.tv"));
    }
    text
}

fn votes_text(conn: &Connection, sg: &SessionGame) -> Result<String> {
    let tonight = votes::session_totals(conn, sg.session_id)?
        .votes
        .into_iter()
        .find(|g| g.game_id == sg.game_id);
    let (up, down) = tonight.map_or((0, 0), |g| (g.upvotes, g.downvotes));
    let game = catalog::get(conn, sg.game_id)?;
    Ok(format!(
        "{}: tonight {} ({up} up, {down} down) · all time {} ({} up, {} down)",
        sg.title,
        signed(up - down),
        signed(game.popularity_score),
        game.upvotes,
        game.downvotes
    ))
}

fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

fn plural<'a>(n: i64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Cuts a text to what Twitch delivers.
fn fit(text: String) -> String {
    if text.chars().count() <= MAX_MESSAGE_CHARS {
        return text;
    }
    let mut t: String = text.chars().take(MAX_MESSAGE_CHARS - 1).collect();
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::PollOption;
    use crate::core::vocab::PollStatus;

    fn poll() -> Poll {
        let o = |position, label: &str, ticker: Option<&str>| PollOption {
            position,
            game_id: None,
            label: label.into(),
            ticker: ticker.map(str::to_string),
            votes: 0,
        };
        Poll {
            id: 1,
            session_id: 1,
            status: PollStatus::Open,
            options: vec![
                o(1, "Fibbage 4", Some("FIB4")),
                o(2, "Drawful 2", Some("DRAW2")),
                o(3, "Other", None),
            ],
            total_votes: 0,
            started_at: "2026-01-01T00:00:00.000Z".into(),
            closes_at: None,
            ends_at: None,
            closed_at: None,
            winner: None,
            tied_positions: None,
            created_by: "admin".into(),
        }
    }

    #[test]
    fn commands() {
        assert_eq!(command("!game"), Some(Command::Game));
        assert_eq!(command("  !VOTES please"), Some(Command::Votes));
        assert_eq!(command("what !game"), None);
        assert_eq!(command(""), None);
    }

    #[test]
    fn poll_texts() {
        assert_eq!(
            poll_opened(&poll(), true, Some(95)),
            "Poll: what do we play next? 1) Fibbage 4 (FIB4++) · 2) Drawful 2 (DRAW2++) · \
             3) Other — vote with !vote N, just N, or TICKER++ — closes in 1:35"
        );
        assert!(!poll_opened(&poll(), false, None).contains("just N"));
        let ended = VotingEnded {
            session_id: 1,
            poll_id: 1,
            winner_game_id: Some(3),
            winner_label: Some("Drawful 2".into()),
            winner_votes: Some(1),
            votes: vec![],
        };
        assert_eq!(
            poll_winner(&ended),
            "Poll closed: Drawful 2 wins with 1 vote!"
        );
        assert_eq!(fit("x".repeat(600)).chars().count(), MAX_MESSAGE_CHARS);
    }
}
