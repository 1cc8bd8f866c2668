//! Live chat counting: one typed chat message (from Twitch, YouTube or a followed log) → a
//! live vote, a poll vote, or nothing, by the one set of rules of `docs/chat.md`. Every
//! counted message goes through the same core functions as the HTTP routes
//! (`votes::live` for `POST /api/votes/live`, `polls::vote` for `…/polls/current/votes`),
//! with the audit actor `chat:<platform>:<channel>`.

use crate::core::audit;
use crate::core::polls::{self, Choice, Poll};
use crate::core::sessions;
use crate::core::tickers;
use crate::core::vocab::{ChatPlatform, PollStatus, VoteKind};
use crate::core::votes::{self, parse_vote, LiveVoteInput, LiveVoteResult};
use crate::{store, Error, ErrorKind, Result};
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

/// Accounts whose messages never count unless the ignore list is set otherwise: the common
/// chat bots, which repeat commands and announcements (a bot echoing `thisgame++` must not
/// vote).
pub const DEFAULT_IGNORED: &[&str] = &[
    "nightbot",
    "streamelements",
    "streamlabs",
    "moobot",
    "fossabot",
    "wizebot",
    "soundalerts",
    "sery_bot",
];

/// The largest bare number that is a poll vote (six games and "Other").
pub const MAX_BARE: i64 = 7;

/// One chat message as a live source delivers it.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveMessage {
    pub platform: ChatPlatform,
    /// The channel (Twitch login without `#`, YouTube video id, log channel name).
    pub channel: String,
    /// The platform's account id (Twitch `user-id` tag, YouTube channel id), when it gives
    /// one: a viewer who renames stays one voter.
    pub user_id: Option<String>,
    /// The account's login (matched against the ignore list).
    pub login: String,
    /// The name shown for the viewer.
    pub display_name: String,
    pub text: String,
    /// When the message was sent (epoch ms); `None` → now.
    pub at: Option<i64>,
}

impl LiveMessage {
    /// The audit actor of everything this message writes.
    pub fn actor(&self) -> String {
        actor(self.platform, &self.channel)
    }
}

/// `chat:<platform>:<channel>`.
pub fn actor(platform: ChatPlatform, channel: &str) -> String {
    format!("chat:{platform}:{channel}")
}

/// The settings of the rules.
#[derive(Debug, Clone)]
pub struct Rules {
    /// A message that is only a number `1`–`7` is a poll vote while a poll is open.
    pub bare_numbers: bool,
    /// Logins (lower case) whose messages never count.
    pub ignore: Vec<String>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            bare_numbers: true,
            ignore: DEFAULT_IGNORED.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl Rules {
    pub fn ignores(&self, login: &str) -> bool {
        self.ignore
            .iter()
            .any(|i| i.eq_ignore_ascii_case(login.trim()))
    }
}

/// A comma-separated list: trimmed, lower case, empty items dropped, `#` prefixes removed.
pub fn parse_list(v: &str) -> Vec<String> {
    v.split(',')
        .map(|s| s.trim().trim_start_matches('#').to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

/// What a message asks for, before looking at the database.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// `thisgame++` / `thisgame--` (a word of the message, as the chat import reads it).
    ThisGame(VoteKind),
    /// The whole message is `TICKER++` / `TICKER--`.
    Ticker(String, VoteKind),
    /// `!vote N|TICKER|Title`.
    Vote(String),
    /// The whole message is a number 1–7.
    Bare(i64),
}

/// The intent of a chat line, or `None` for an ordinary message (most of them: this is
/// the cheap filter in front of every database access).
pub fn intent(text: &str, rules: &Rules) -> Option<Intent> {
    let t = text.trim();
    if let Some((ticker, kind)) = tickers::parse_chat_vote(t) {
        return Some(Intent::Ticker(ticker, kind));
    }
    if let Some(kind) = parse_vote(t) {
        return Some(Intent::ThisGame(kind));
    }
    if let Some(rest) = strip_command(t, "!vote") {
        let choice = rest.trim();
        return (!choice.is_empty()).then(|| Intent::Vote(choice.to_string()));
    }
    if rules.bare_numbers && (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = t.parse().ok()?;
        return (1..=MAX_BARE).contains(&n).then_some(Intent::Bare(n));
    }
    None
}

/// `text` without its leading `command` word (any case), when it starts with it.
fn strip_command<'t>(text: &'t str, command: &str) -> Option<&'t str> {
    let head = text.get(..command.len())?;
    let rest = &text[command.len()..];
    (head.eq_ignore_ascii_case(command)
        && (rest.is_empty() || rest.starts_with(char::is_whitespace)))
    .then_some(rest)
}

/// What a message did.
#[derive(Debug)]
pub enum Outcome {
    /// Not a vote (or from an ignored account).
    Ignored,
    /// A live vote was recorded (`vote.received` went out).
    Live(Box<LiveVoteResult>),
    /// A poll vote was recorded.
    Poll(Box<Poll>),
    /// A vote the rules refused (no active session, no game, duplicate, unknown choice, poll
    /// closed…): the HTTP route's error, which a live source only counts.
    Refused(Error),
}

impl Outcome {
    /// Whether a vote was counted.
    pub fn counted(&self) -> bool {
        matches!(self, Outcome::Live(_) | Outcome::Poll(_))
    }
}

/// Counts one chat message by the rules. Storage errors are errors; a vote the rules refuse
/// is [`Outcome::Refused`].
pub fn count(conn: &mut Connection, msg: &LiveMessage, rules: &Rules) -> Result<Outcome> {
    let Some(intent) = intent(&msg.text, rules) else {
        return Ok(Outcome::Ignored);
    };
    if rules.ignores(&msg.login) {
        return Ok(Outcome::Ignored);
    }
    audit::with_actor(&msg.actor(), || apply(conn, msg, intent))
}

fn apply(conn: &mut Connection, msg: &LiveMessage, intent: Intent) -> Result<Outcome> {
    let Some(session) = sessions::active(conn)? else {
        return Ok(Outcome::Refused(Error::not_found(
            "No active session found",
        )));
    };
    let poll = open_poll(conn, session.id)?;
    let choice = match (&intent, &poll) {
        (Intent::Ticker(t, VoteKind::Up), Some(p))
            if p.options.iter().any(|o| {
                o.ticker
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(t))
            }) =>
        {
            Some(Choice::Text(t.clone()))
        }
        (Intent::Vote(c), Some(_)) => Some(Choice::Text(c.clone())),
        (Intent::Bare(n), Some(_)) => Some(Choice::Position(*n)),
        (Intent::Vote(_) | Intent::Bare(_), None) => return Ok(Outcome::Ignored),
        _ => None,
    };
    let voter = voter_name(conn, msg)?;
    let result = match choice {
        Some(c) => polls::vote(conn, session.id, &voter, &c).map(|p| Outcome::Poll(Box::new(p))),
        None => {
            let (vote, ticker) = match &intent {
                Intent::ThisGame(k) => (*k, None),
                Intent::Ticker(t, k) => (*k, Some(t.clone())),
                _ => return Ok(Outcome::Ignored),
            };
            let at = msg
                .at
                .unwrap_or_else(|| chrono::Utc::now().timestamp_millis());
            let input = LiveVoteInput {
                username: Some(Value::String(voter)),
                vote: Some(Value::String(vote.as_str().into())),
                timestamp: Some(Value::from(at)),
                ticker: ticker.map(Value::String),
            };
            votes::live(conn, &input).map(|r| Outcome::Live(Box::new(r)))
        }
    };
    match result {
        Ok(o) => Ok(o),
        Err(e) if refusal(&e) => Ok(Outcome::Refused(e)),
        Err(e) => Err(e),
    }
}

/// Errors that are the rules saying no, as opposed to storage failing.
fn refusal(e: &Error) -> bool {
    matches!(
        e.kind,
        ErrorKind::NotFound
            | ErrorKind::Invalid
            | ErrorKind::State
            | ErrorKind::Duplicate
            | ErrorKind::Conflict
    )
}

/// The session's open poll, if any.
fn open_poll(conn: &Connection, session_id: i64) -> Result<Option<Poll>> {
    match polls::current(conn, session_id) {
        Ok(p) if p.status == PollStatus::Open => Ok(Some(p)),
        Ok(_) => Ok(None),
        Err(e) if e.kind == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The name a viewer votes under. Without an account id it is the display name. With one,
/// it is the name that account was first seen with (stored in `chat_voters`), so a viewer
/// who renames is still one voter; a name already taken by another account (another
/// platform, or a former owner of the name) gets `@platform` (then `@platform:id`) added.
pub fn voter_name(conn: &mut Connection, msg: &LiveMessage) -> Result<String> {
    let shown = msg.display_name.trim();
    let shown = if shown.is_empty() {
        msg.login.trim()
    } else {
        shown
    };
    let Some(id) = msg.user_id.as_deref().filter(|s| !s.is_empty()) else {
        return Ok(shown.to_string());
    };
    let known: Option<String> = conn
        .prepare_cached("SELECT name FROM chat_voters WHERE platform = ?1 AND account_id = ?2")?
        .query_row(rusqlite::params![msg.platform, id], |r| r.get(0))
        .optional()?;
    if let Some(name) = known {
        return Ok(name);
    }
    let candidates = [
        shown.to_string(),
        format!("{shown}@{}", msg.platform),
        format!("{shown}@{}:{id}", msg.platform),
    ];
    store::write(conn, |tx| {
        for name in &candidates {
            let n = tx
                .prepare_cached(
                    "INSERT INTO chat_voters (platform, account_id, name) VALUES (?1, ?2, ?3)
                     ON CONFLICT DO NOTHING",
                )?
                .execute(rusqlite::params![msg.platform, id, name])?;
            if n > 0 {
                return Ok(name.clone());
            }
            // Another writer may have stored this very account meanwhile.
            let mine: Option<String> = tx
                .prepare_cached(
                    "SELECT name FROM chat_voters WHERE platform = ?1 AND account_id = ?2",
                )?
                .query_row(rusqlite::params![msg.platform, id], |r| r.get(0))
                .optional()?;
            if let Some(m) = mine {
                return Ok(m);
            }
        }
        Err(Error::storage("no free voter name"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r() -> Rules {
        Rules::default()
    }

    #[test]
    fn intents() {
        assert_eq!(
            intent("thisgame++", &r()),
            Some(Intent::ThisGame(VoteKind::Up))
        );
        assert_eq!(
            intent("lol ThisGame-- x", &r()),
            Some(Intent::ThisGame(VoteKind::Down))
        );
        assert_eq!(
            intent(" fib4++ ", &r()),
            Some(Intent::Ticker("FIB4".into(), VoteKind::Up))
        );
        assert_eq!(
            intent("DRAW2--", &r()),
            Some(Intent::Ticker("DRAW2".into(), VoteKind::Down))
        );
        assert_eq!(intent("!vote 2", &r()), Some(Intent::Vote("2".into())));
        assert_eq!(
            intent("!VOTE  qpl3", &r()),
            Some(Intent::Vote("qpl3".into()))
        );
        assert_eq!(
            intent("!vote Quiplash 3", &r()),
            Some(Intent::Vote("Quiplash 3".into()))
        );
        assert_eq!(intent("!vote", &r()), None);
        assert_eq!(intent("!voter 2", &r()), None);
        assert_eq!(intent("2", &r()), Some(Intent::Bare(2)));
        assert_eq!(intent(" 7 ", &r()), Some(Intent::Bare(7)));
        assert_eq!(intent("8", &r()), None);
        assert_eq!(intent("0", &r()), None);
        assert_eq!(intent("22", &r()), None);
        assert_eq!(intent("2 please", &r()), None);
        let off = Rules {
            bare_numbers: false,
            ..r()
        };
        assert_eq!(intent("2", &off), None);
        assert_eq!(intent("!vote 2", &off), Some(Intent::Vote("2".into())));
        assert_eq!(intent("hello chat", &r()), None);
    }

    #[test]
    fn ignore_list() {
        assert!(r().ignores("Nightbot"));
        assert!(r().ignores("streamelements"));
        assert!(!r().ignores("viewer"));
        assert_eq!(parse_list(" #Foo, bar ,,"), vec!["foo", "bar"]);
    }
}
