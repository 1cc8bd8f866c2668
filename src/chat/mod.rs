//! Live chat inside the daemon (`docs/chat.md`): one task per chat source (a Twitch
//! channel read anonymously over IRC, a YouTube live chat polled with the user's API key),
//! their status for `GET /api/chat/sources`, and `chat.connected` / `chat.disconnected`.
//!
//! The sources only read and parse; what a message means is `core::chat::live::count`,
//! reached through a [`Counter`] (the daemon's writer connection), so chat votes take the
//! same path as `POST /api/votes/live` and `…/polls/current/votes`.

pub mod bot;
pub mod irc;
pub mod twitch;
pub mod youtube;

use crate::core::chat::live::{LiveMessage, Outcome, Rules};
use crate::core::chat::sources::{Source, SourceStatus, SourcesReply};
use crate::core::events::{ChatConnected, ChatDisconnected, Event};
use crate::core::vocab::{ChatPlatform, ChatState};
use crate::Result;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// Counts one message (the daemon: `core::chat::live::count` on the writer connection).
/// The message is queued when the counter is called, so messages are counted in the order
/// of the calls; the future resolves with the outcome once it is committed.
pub type Counter =
    Arc<dyn Fn(LiveMessage) -> Pin<Box<dyn Future<Output = Result<Outcome>> + Send>> + Send + Sync>;
/// Receives `chat.connected` / `chat.disconnected` (the daemon: every authenticated
/// WebSocket client).
pub type Announcer = Arc<dyn Fn(Event) + Send + Sync>;

/// Where the sources connect and how patient they are.
#[derive(Debug, Clone)]
pub struct Config {
    /// `JACKBOX_TWITCH_IRC_URL`: its scheme picks the transport.
    pub twitch_irc_url: String,
    /// `JACKBOX_YOUTUBE_API_URL` (tests point it at a fake).
    pub youtube_api_url: String,
    /// `JACKBOX_YOUTUBE_API_KEY`.
    pub youtube_api_key: Option<String>,
    /// How long a JOIN may stay unconfirmed (`JACKBOX_CHAT_JOIN_TIMEOUT_MS`, 10 s).
    pub join_timeout: Duration,
    /// The first reconnect delay (`JACKBOX_CHAT_RETRY_MS`, 1 s); it doubles up to
    /// [`MAX_RETRY`], with ±25 % jitter.
    pub retry: Duration,
    /// A connection that says nothing for this long is taken as dead (Twitch pings every
    /// ~5 minutes).
    pub idle: Duration,
    pub rules: Rules,
    /// The Twitch bot account that replies in chat (`--twitch-bot`), if any.
    pub bot: Option<bot::BotConfig>,
}

pub const DEFAULT_TWITCH_IRC_URL: &str = "wss://irc-ws.chat.twitch.tv:443";
pub const DEFAULT_YOUTUBE_API_URL: &str = "https://www.googleapis.com/youtube/v3";
pub const MAX_RETRY: Duration = Duration::from_secs(60);
/// Votes one source may have queued and not yet counted. Beyond this it stops reading until
/// the oldest is counted (the rest waits in its connection's buffers): memory stays bounded
/// however fast the chat goes.
pub const IN_FLIGHT: usize = 256;

impl Config {
    pub fn from_env() -> Config {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let ms = |k: &str, d: u64| {
            Duration::from_millis(var(k).and_then(|v| v.trim().parse().ok()).unwrap_or(d))
        };
        Config {
            twitch_irc_url: var("JACKBOX_TWITCH_IRC_URL")
                .unwrap_or_else(|| DEFAULT_TWITCH_IRC_URL.into()),
            youtube_api_url: var("JACKBOX_YOUTUBE_API_URL")
                .unwrap_or_else(|| DEFAULT_YOUTUBE_API_URL.into()),
            youtube_api_key: var("JACKBOX_YOUTUBE_API_KEY"),
            join_timeout: ms("JACKBOX_CHAT_JOIN_TIMEOUT_MS", 10_000),
            retry: ms("JACKBOX_CHAT_RETRY_MS", 1_000),
            idle: Duration::from_secs(6 * 60),
            rules: crate::env::chat_rules(),
            bot: None,
        }
    }
}

/// One running source: its status and the switch that stops its task.
struct Running {
    /// Tells this run apart from a later one of the same source.
    id: u64,
    status: SourceStatus,
    stop: watch::Sender<bool>,
}

/// The daemon's chat sources.
pub struct Chat {
    config: Config,
    running: Mutex<Vec<Running>>,
    next_id: std::sync::atomic::AtomicU64,
    count: Counter,
    announce: Announcer,
    /// The bot account replying in Twitch chat, when one is set up.
    bot: Option<Arc<bot::Bot>>,
    /// The daemon's shutdown flag.
    shutdown: watch::Receiver<bool>,
}

/// What a source task reports and asks through.
#[derive(Clone)]
pub struct Handle {
    chat: Arc<Chat>,
    id: u64,
    pub source: Source,
    stop: watch::Receiver<bool>,
    /// [`IN_FLIGHT`] permits: one per vote queued and not yet counted.
    in_flight: Arc<tokio::sync::Semaphore>,
}

impl Chat {
    pub fn new(
        config: Config,
        count: Counter,
        announce: Announcer,
        answer: bot::Answerer,
        shutdown: watch::Receiver<bool>,
    ) -> Arc<Chat> {
        let bot = config
            .bot
            .clone()
            .map(|b| bot::Bot::new(b, config.rules.bare_numbers, answer));
        Arc::new(Chat {
            bot,
            config,
            running: Mutex::new(Vec::new()),
            next_id: Default::default(),
            count,
            announce,
            shutdown,
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The bot account, when one is set up.
    pub fn bot(&self) -> Option<&Arc<bot::Bot>> {
        self.bot.as_ref()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Running>> {
        self.running.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Reads exactly `sources` from now on: sources no longer listed stop (their
    /// connection closes), new ones start, the others keep running untouched.
    pub fn set(self: &Arc<Self>, sources: &[Source]) {
        let mut running = self.lock();
        running.retain(|r| {
            let keep = sources
                .iter()
                .any(|s| s.platform == r.status.platform && s.channel == r.status.channel);
            if !keep {
                let _ = r.stop.send(true);
            }
            keep
        });
        let mut next = Vec::with_capacity(sources.len());
        for s in sources {
            if let Some(i) = running
                .iter()
                .position(|r| r.status.platform == s.platform && r.status.channel == s.channel)
            {
                next.push(running.remove(i));
                continue;
            }
            let (stop, stop_rx) = watch::channel(false);
            let mut status = SourceStatus::stopped(s, crate::time::now());
            status.state = ChatState::Connecting;
            let id = self
                .next_id
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            next.push(Running { id, status, stop });
            let handle = Handle {
                chat: self.clone(),
                id,
                source: s.clone(),
                stop: stop_rx,
                in_flight: Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT)),
            };
            match s.platform {
                ChatPlatform::Twitch => {
                    tokio::spawn(twitch::run(handle));
                }
                ChatPlatform::Youtube => {
                    tokio::spawn(youtube::run(handle));
                }
                ChatPlatform::File => {}
            }
        }
        *running = next;
    }

    /// The status of every source, in the stored order.
    pub fn status(&self) -> SourcesReply {
        SourcesReply {
            sources: self.lock().iter().map(|r| r.status.clone()).collect(),
        }
    }

    /// Stops every source (daemon shutdown).
    pub fn stop_all(&self) {
        for r in self.lock().iter() {
            let _ = r.stop.send(true);
        }
    }
}

impl Handle {
    pub fn config(&self) -> &Config {
        &self.chat.config
    }

    /// The bot account, when one is set up.
    pub fn bot(&self) -> Option<&Arc<bot::Bot>> {
        self.chat.bot.as_ref()
    }

    /// Whether the source should stop (removed, or the daemon stops).
    pub fn stopping(&self) -> bool {
        *self.stop.borrow() || *self.chat.shutdown.borrow()
    }

    /// Resolves when the source should stop.
    pub async fn stopped(&self) {
        let mut a = self.stop.clone();
        let mut b = self.chat.shutdown.clone();
        tokio::select! {
            _ = a.wait_for(|v| *v) => {}
            _ = b.wait_for(|v| *v) => {}
        }
    }

    /// Sleeps `d` unless the source stops first; `false` when it stopped.
    pub async fn sleep(&self, d: Duration) -> bool {
        tokio::select! {
            _ = tokio::time::sleep(d) => !self.stopping(),
            _ = self.stopped() => false,
        }
    }

    fn update(&self, f: impl FnOnce(&mut SourceStatus)) {
        let mut running = self.chat.lock();
        // A removed source's late reports must not touch a newer run of the same source.
        if let Some(r) = running.iter_mut().find(|r| r.id == self.id) {
            f(&mut r.status);
        }
    }

    fn state(&self) -> ChatState {
        let running = self.chat.lock();
        running
            .iter()
            .find(|r| r.id == self.id)
            .map(|r| r.status.state)
            .unwrap_or(ChatState::Stopped)
    }

    /// The source is reading its chat.
    pub fn connected(&self) {
        self.update(|s| {
            s.state = ChatState::Connected;
            s.since = crate::time::now();
            s.last_error = None;
        });
        (self.chat.announce)(Event::ChatConnected(ChatConnected {
            platform: self.source.platform,
            channel: self.source.channel.clone(),
        }));
    }

    /// The connection ended; the source tries again (`connecting`). Announced only when it
    /// was connected.
    pub fn reconnecting(&self, reason: &str) {
        let was = self.state();
        self.update(|s| {
            s.state = ChatState::Connecting;
            s.since = crate::time::now();
            s.last_error = Some(reason.to_string());
        });
        if was == ChatState::Connected {
            self.disconnected(Some(reason));
        }
    }

    /// The source cannot read its chat (`failed`, with the reason).
    pub fn failed(&self, reason: &str) {
        let was = self.state();
        tracing::warn!(platform = %self.source.platform, channel = %self.source.channel, reason, "chat source failed");
        self.update(|s| {
            if s.state != ChatState::Failed || s.last_error.as_deref() != Some(reason) {
                s.since = crate::time::now();
            }
            s.state = ChatState::Failed;
            s.last_error = Some(reason.to_string());
        });
        if was != ChatState::Failed {
            self.disconnected(Some(reason));
        }
    }

    /// The source stopped (removed, or shutdown).
    pub fn finished(&self) {
        let was = self.state();
        self.update(|s| {
            s.state = ChatState::Stopped;
            s.since = crate::time::now();
        });
        if was == ChatState::Connected {
            self.disconnected(Some("stopped"));
        }
    }

    fn disconnected(&self, reason: Option<&str>) {
        (self.chat.announce)(Event::ChatDisconnected(ChatDisconnected {
            platform: self.source.platform,
            channel: self.source.channel.clone(),
            reason: reason.map(str::to_string),
        }));
    }

    /// One chat message seen: counted by the rules (only messages that look like a vote
    /// reach the database). A vote is queued for counting at once and the source reads on
    /// without waiting for its commit: votes read meanwhile join the same group commit, and
    /// the queue keeps them in the order read (a viewer's last vote is the one that stays).
    pub async fn message(&self, msg: LiveMessage) {
        self.update(|s| s.messages_seen += 1);
        if crate::core::chat::live::intent(&msg.text, &self.chat.config.rules).is_none() {
            return;
        }
        let Ok(permit) = self.in_flight.clone().acquire_owned().await else {
            return;
        };
        let counting = (self.chat.count)(msg);
        let h = self.clone();
        tokio::spawn(async move {
            let out = counting.await;
            drop(permit);
            match out {
                Ok(o) if o.counted() => h.update(|s| s.votes_counted += 1),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e.message, "counting a chat vote failed"),
            }
        });
    }
}

/// The next reconnect delay: `base · 2^attempt`, at most [`MAX_RETRY`], ±25 % jitter.
pub fn backoff(base: Duration, attempt: u32) -> Duration {
    use rand::Rng;
    let d = base
        .saturating_mul(1u32 << attempt.min(16))
        .min(MAX_RETRY)
        .as_millis() as f64;
    let jitter = rand::thread_rng().gen_range(0.75..=1.25);
    Duration::from_millis((d * jitter) as u64)
}

/// The daemon's reply to `GET /api/chat/sources` when a source is stored but not running
/// yet is not possible: `set` runs at start. This joins the stored list with the running
/// statuses for `jackbox chat status` without a daemon.
pub fn stopped_reply(stored: &[Source]) -> SourcesReply {
    let now = crate::time::now();
    SourcesReply {
        sources: stored
            .iter()
            .map(|s| SourceStatus::stopped(s, now.clone()))
            .collect(),
    }
}
