//! The optional Twitch bot account (`--twitch-bot NAME`, token in `JACKBOX_TWITCH_TOKEN`):
//! what it says waits in one queue and leaves through one sliding-window [`Limiter`] for
//! the account (Twitch allows an ordinary account 20 messages per 30 s, all channels
//! together). Announcements follow the core's events (`poll.start`, `voting.ended`,
//! `poll.cancelled`, `poll.ending`, read from the outbox like every other consumer); what would be stale
//! when its turn comes is dropped instead of sent late. The texts are
//! `core::chat::bot`'s.

use crate::core::chat::bot::{self as texts, Command, RoomCodes};
use crate::core::events::Event;
use crate::core::model::Poll;
use crate::Result;
use std::collections::{HashMap, HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, Notify};
use tokio::time::Instant;

/// An answer to a command older than this when it could go out is dropped: chat has moved
/// on.
pub const REPLY_MAX_AGE: Duration = Duration::from_secs(10);
/// A winner announcement older than this is dropped.
pub const ANNOUNCE_MAX_AGE: Duration = Duration::from_secs(120);

/// The bot account's token: never printed (not even by `Debug`).
#[derive(Clone)]
pub struct Token(String);

impl Token {
    /// A token as pasted: with or without Twitch's `oauth:` prefix, surrounding spaces
    /// ignored. `None` when empty.
    pub fn new(raw: &str) -> Option<Token> {
        let t = raw.trim();
        let t = t.strip_prefix("oauth:").unwrap_or(t).trim();
        (!t.is_empty()).then(|| Token(t.to_string()))
    }

    /// The `PASS` line of the IRC login.
    pub fn pass_line(&self) -> String {
        format!("PASS oauth:{}", self.0)
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

/// How the bot is set up.
#[derive(Debug, Clone)]
pub struct BotConfig {
    /// The account's login (lower case).
    pub login: String,
    pub token: Token,
    /// Whether `!game` gives the room code.
    pub room_codes: RoomCodes,
    /// Messages per window (20; a moderator account may send 100).
    pub limit: usize,
    pub window: Duration,
}

/// A sliding window: at most `max` messages in any `window`. Time is passed in, so tests
/// drive it with their own clock.
#[derive(Debug)]
pub struct Limiter {
    max: usize,
    window: Duration,
    sent: VecDeque<Instant>,
}

impl Limiter {
    pub fn new(max: usize, window: Duration) -> Limiter {
        Limiter {
            max: max.max(1),
            window,
            sent: VecDeque::new(),
        }
    }

    fn prune(&mut self, now: Instant) {
        while self
            .sent
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= self.window)
        {
            self.sent.pop_front();
        }
    }

    /// The earliest time a message with `ahead` messages queued before it may be sent (as
    /// if those go out as early as they may).
    pub fn slot(&mut self, now: Instant, ahead: usize) -> Instant {
        self.prune(now);
        // Message number `nth` (counting the ones in the window) may go one window after
        // message `nth - max`, which may itself be a queued one.
        let mut later = Duration::ZERO;
        let mut k = ahead;
        loop {
            let nth = self.sent.len() + k;
            if nth < self.max {
                return now + later;
            }
            let before = nth - self.max;
            if let Some(t) = self.sent.get(before) {
                return *t + self.window + later;
            }
            k = before - self.sent.len();
            later += self.window;
        }
    }

    /// Takes a slot now if one is free.
    pub fn take(&mut self, now: Instant) -> bool {
        if self.slot(now, 0) > now {
            return false;
        }
        self.sent.push_back(now);
        true
    }

    /// Twitch said we sent too much (`msg_ratelimit`): nothing more for a whole window.
    pub fn saturate(&mut self, now: Instant) {
        self.sent.clear();
        self.sent.extend(std::iter::repeat_n(now, self.max));
    }
}

/// Answers a command from the database (the daemon: `core::chat::bot::answer` on a reader).
pub type Answerer = Arc<
    dyn Fn(Command, String) -> Pin<Box<dyn Future<Output = Result<String>> + Send>> + Send + Sync,
>;

/// What a queued message is, for deciding whether it is still worth sending.
#[derive(Debug)]
enum What {
    /// A poll opened: rendered when sent (the time left is then exact).
    PollOpen(Box<Poll>),
    /// A poll's winner.
    Winner { poll_id: i64, text: String },
    /// An answer to a command.
    Reply(String),
}

#[derive(Debug)]
struct Item {
    channel: String,
    what: What,
    /// When it was asked for (the event read, the command received).
    at: Instant,
}

/// A channel connection the bot may speak through (its id tells a newer connection of the
/// same channel apart).
struct Writer {
    conn: u64,
    tx: mpsc::UnboundedSender<String>,
}

struct Inner {
    queue: VecDeque<Item>,
    limiter: Limiter,
    open_polls: HashSet<i64>,
    newest_poll: i64,
    writers: HashMap<String, Writer>,
}

/// The bot of a daemon.
pub struct Bot {
    pub config: BotConfig,
    bare_numbers: bool,
    inner: Mutex<Inner>,
    wake: Notify,
    answer: Answerer,
    next_conn: std::sync::atomic::AtomicU64,
}

impl Bot {
    pub fn new(config: BotConfig, bare_numbers: bool, answer: Answerer) -> Arc<Bot> {
        Arc::new(Bot {
            inner: Mutex::new(Inner {
                queue: VecDeque::new(),
                limiter: Limiter::new(config.limit, config.window),
                open_polls: HashSet::new(),
                newest_poll: 0,
                writers: HashMap::new(),
            }),
            config,
            bare_numbers,
            wake: Notify::new(),
            answer,
            next_conn: Default::default(),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A connection joined `channel`: the bot speaks there through `tx` (the text of a
    /// PRIVMSG) until [`Bot::detach`]. Returns the id to detach with.
    pub fn attach(&self, channel: &str, tx: mpsc::UnboundedSender<String>) -> u64 {
        let conn = self
            .next_conn
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.lock()
            .writers
            .insert(channel.to_string(), Writer { conn, tx });
        conn
    }

    pub fn detach(&self, channel: &str, conn: u64) {
        let mut inner = self.lock();
        if inner.writers.get(channel).is_some_and(|w| w.conn == conn) {
            inner.writers.remove(channel);
        }
    }

    /// Twitch refused a message for going too fast: wait a whole window.
    pub fn rate_limited(&self) {
        self.lock().limiter.saturate(Instant::now());
    }

    /// One of the core's events: a poll opening or ending is announced in every channel
    /// the bot is in.
    pub fn on_event(&self, event: &Event) {
        let now = Instant::now();
        let mut inner = self.lock();
        let channels: Vec<String> = inner.writers.keys().cloned().collect();
        match event {
            Event::PollStart(p) => {
                inner.open_polls.insert(p.poll.id);
                inner.newest_poll = inner.newest_poll.max(p.poll.id);
                for channel in channels {
                    inner.queue.push_back(Item {
                        channel,
                        what: What::PollOpen(Box::new(p.poll.clone())),
                        at: now,
                    });
                }
            }
            Event::VotingEnded(e) => {
                inner.open_polls.remove(&e.poll_id);
                let text = texts::poll_winner(e);
                for channel in channels {
                    inner.queue.push_back(Item {
                        channel,
                        what: What::Winner {
                            poll_id: e.poll_id,
                            text: text.clone(),
                        },
                        at: now,
                    });
                }
            }
            Event::PollCancelled(e) => {
                inner.open_polls.remove(&e.poll_id);
            }
            // A countdown set or cancelled before the announcement went out: its time left
            // follows.
            Event::PollEnding(e) => set_ends_at(&mut inner.queue, e.poll_id, Some(&e.ends_at)),
            Event::PollEndingCancelled(e) => set_ends_at(&mut inner.queue, e.poll_id, None),
            _ => return,
        }
        drop(inner);
        self.wake.notify_one();
    }

    /// A viewer asked `command` in `channel`: the answer is queued, unless it could not go
    /// out within [`REPLY_MAX_AGE`] (then it is dropped now).
    pub async fn command(&self, channel: &str, command: Command, who: &str) {
        let at = Instant::now();
        {
            let mut inner = self.lock();
            let ahead = inner.queue.len();
            if inner.limiter.slot(at, ahead) > at + REPLY_MAX_AGE {
                tracing::info!(channel, ?command, "twitch bot: reply dropped (rate limit)");
                return;
            }
        }
        let text = match (self.answer)(command, who.to_string()).await {
            Ok(t) => t,
            Err(e) => {
                tracing::warn!(error = %e.message, "twitch bot: no answer");
                return;
            }
        };
        self.lock().queue.push_back(Item {
            channel: channel.to_string(),
            what: What::Reply(text),
            at,
        });
        self.wake.notify_one();
    }

    /// Whether `item` is still worth sending at `now`; why not, when not.
    fn stale(inner: &Inner, item: &Item, now: Instant) -> Option<&'static str> {
        let age = now.saturating_duration_since(item.at);
        match &item.what {
            What::PollOpen(p) if !inner.open_polls.contains(&p.id) => Some("the poll closed"),
            What::PollOpen(p) if left_secs(p) == Some(0) => Some("the poll closed"),
            What::Winner { poll_id, .. } if inner.newest_poll > *poll_id => {
                Some("a newer poll opened")
            }
            What::Winner { .. } if age > ANNOUNCE_MAX_AGE => Some("too old"),
            What::Reply(_) if age > REPLY_MAX_AGE => Some("too old"),
            _ => None,
        }
    }

    /// Sends the queue through the limiter until `stop` resolves.
    pub async fn run(self: Arc<Self>, stop: impl Future<Output = ()>) {
        tokio::pin!(stop);
        loop {
            let wait = self.pump();
            tokio::select! {
                _ = &mut stop => break,
                _ = self.wake.notified() => {}
                _ = sleep_until(wait) => {}
            }
        }
    }

    /// Sends what may go now; returns when to look again (`None`: when woken).
    fn pump(&self) -> Option<Instant> {
        let mut inner = self.lock();
        loop {
            let now = Instant::now();
            let front = inner.queue.front()?;
            if let Some(why) = Self::stale(&inner, front, now) {
                let item = inner.queue.pop_front().expect("front");
                tracing::info!(channel = %item.channel, why, "twitch bot: message dropped");
                continue;
            }
            let slot = inner.limiter.slot(now, 0);
            if slot > now {
                return Some(slot);
            }
            let item = inner.queue.pop_front().expect("front");
            let text = match item.what {
                What::PollOpen(p) => texts::poll_opened(&p, self.bare_numbers, left_secs(&p)),
                What::Winner { text, .. } | What::Reply(text) => text,
            };
            match inner.writers.get(&item.channel) {
                Some(w) if w.tx.send(text).is_ok() => {
                    inner.limiter.take(now);
                }
                _ => {
                    tracing::info!(channel = %item.channel, "twitch bot: message dropped (not connected)")
                }
            }
        }
    }
}

fn set_ends_at(queue: &mut VecDeque<Item>, poll_id: i64, ends_at: Option<&str>) {
    for item in queue.iter_mut() {
        if let What::PollOpen(p) = &mut item.what {
            if p.id == poll_id {
                p.ends_at = ends_at.map(str::to_string);
            }
        }
    }
}

async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// Seconds until the poll closes, when it has a deadline.
fn left_secs(p: &Poll) -> Option<i64> {
    crate::core::polls::remaining(p)
}

/// Reads the core's events (from the outbox dispatcher) and hands the poll events to the
/// bot, until the channel closes.
pub async fn listen(
    bot: Arc<Bot>,
    mut events: tokio::sync::broadcast::Receiver<crate::core::events::StoredEvent>,
) {
    use crate::core::events::names;
    use tokio::sync::broadcast::error::RecvError;
    loop {
        let ev = match events.recv().await {
            Ok(ev) => ev,
            Err(RecvError::Lagged(n)) => {
                tracing::warn!(missed = n, "twitch bot: events missed");
                continue;
            }
            Err(RecvError::Closed) => break,
        };
        if ![
            names::POLL_START,
            names::VOTING_ENDED,
            names::POLL_CANCELLED,
            names::POLL_ENDING,
            names::POLL_ENDING_CANCELLED,
        ]
        .contains(&ev.event_type.as_str())
        {
            continue;
        }
        match Event::from_frame(&ev.payload) {
            Ok(event) => bot.on_event(&event),
            Err(e) => tracing::warn!(error = %e.message, "twitch bot: unreadable event"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_prefix_and_secrecy() {
        assert_eq!(
            Token::new("oauth:abc").unwrap().pass_line(),
            "PASS oauth:abc"
        );
        assert_eq!(Token::new(" abc ").unwrap().pass_line(), "PASS oauth:abc");
        assert!(Token::new("oauth:").is_none());
        assert!(!format!("{:?}", Token::new("abc").unwrap()).contains("abc"));
    }

    #[test]
    fn stale_messages() {
        let t0 = Instant::now();
        let mut inner = Inner {
            queue: VecDeque::new(),
            limiter: Limiter::new(20, Duration::from_secs(30)),
            open_polls: HashSet::from([2]),
            newest_poll: 2,
            writers: HashMap::new(),
        };
        let item = |what| Item {
            channel: "c".into(),
            what,
            at: t0,
        };
        let poll = |id| {
            let p: Poll = serde_json::from_value(serde_json::json!({
                "id": id, "sessionId": 1, "status": "open", "options": [], "totalVotes": 0,
                "startedAt": "2026-01-01T00:00:00.000Z", "closesAt": null, "endsAt": null,
                "closedAt": null, "winner": null, "tiedPositions": null, "createdBy": "a"
            }))
            .unwrap();
            What::PollOpen(Box::new(p))
        };
        let winner = |poll_id| What::Winner {
            poll_id,
            text: String::new(),
        };
        let stale = |inner: &Inner, what, secs| {
            Bot::stale(inner, &item(what), t0 + Duration::from_secs(secs))
        };
        // The open poll's announcement goes; a closed one's does not.
        assert_eq!(stale(&inner, poll(2), 60), None);
        assert_eq!(stale(&inner, poll(1), 0), Some("the poll closed"));
        // A winner goes until a newer poll opens, or for two minutes.
        assert_eq!(stale(&inner, winner(2), 60), None);
        assert_eq!(stale(&inner, winner(2), 121), Some("too old"));
        assert_eq!(stale(&inner, winner(1), 0), Some("a newer poll opened"));
        // An answer goes within 10 s.
        assert_eq!(stale(&inner, What::Reply("x".into()), 10), None);
        assert_eq!(stale(&inner, What::Reply("x".into()), 11), Some("too old"));
        // A scheduled end reaches a queued announcement.
        inner.queue.push_back(item(poll(2)));
        set_ends_at(&mut inner.queue, 2, Some("2000-01-01T00:00:00.000Z"));
        let front = inner.queue.front().unwrap();
        assert_eq!(Bot::stale(&inner, front, t0), Some("the poll closed"));
    }

    #[test]
    fn limiter_is_a_sliding_window() {
        let w = Duration::from_secs(30);
        let t0 = Instant::now();
        let mut l = Limiter::new(20, w);
        // 20 in a burst, the 21st refused.
        for _ in 0..20 {
            assert!(l.take(t0));
        }
        assert!(!l.take(t0));
        assert!(!l.take(t0 + Duration::from_secs(29)));
        // The 21st may go when the first leaves the window, the 22nd too (same instant).
        assert_eq!(l.slot(t0, 0), t0 + w);
        assert_eq!(l.slot(t0, 1), t0 + w);
        assert_eq!(l.slot(t0, 20), t0 + w * 2);
        assert!(l.take(t0 + w));
        // Spread sends: the window slides message by message.
        let mut l = Limiter::new(2, Duration::from_secs(10));
        assert!(l.take(t0));
        assert!(l.take(t0 + Duration::from_secs(4)));
        assert!(!l.take(t0 + Duration::from_secs(9)));
        assert!(l.take(t0 + Duration::from_secs(10)));
        assert!(!l.take(t0 + Duration::from_secs(13)));
        assert!(l.take(t0 + Duration::from_secs(14)));
        // Twitch's msg_ratelimit: a whole window of silence.
        let mut l = Limiter::new(20, w);
        l.saturate(t0);
        assert!(!l.take(t0 + Duration::from_secs(29)));
        assert!(l.take(t0 + w));
    }
}
