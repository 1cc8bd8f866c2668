//! One Twitch channel read anonymously (a `justinfan<digits>` login) or as the bot account
//! (`bot.rs`, which then speaks through this connection) over IRC (WebSocket or
//! TCP/TLS, `irc.rs`), the `twitch.tv/tags` and `twitch.tv/commands` capabilities, `PING`
//! answered, `RECONNECT` obeyed, a JOIN that never confirms and `NOTICE`s such as
//! `msg_channel_suspended` reported as `failed`, reconnects with backoff and jitter.
//! Lines are parsed by the `twitch-irc` crate's message module (no network features).

use super::irc::{self, Lines};
use super::Handle;
use crate::core::chat::live::LiveMessage;
use crate::core::vocab::ChatPlatform;
use std::time::Duration;
use twitch_irc::message::{IRCMessage, ServerMessage};

/// How a connection ended.
#[derive(Debug, PartialEq)]
enum End {
    /// The source was removed or the daemon stops.
    Stop,
    /// The server asked us to reconnect (`RECONNECT`): at once, no backoff.
    Reconnect,
    /// The connection failed or dropped: try again after the backoff.
    Dropped(String),
    /// The channel cannot be read (a JOIN never confirmed): `failed`, then try again later.
    Failed(String),
    /// The channel will not be readable by retrying (suspended, banned): `failed` until the
    /// sources change.
    Fatal(String),
}

/// NOTICE ids that mean the channel cannot be read at all.
const FATAL_NOTICES: &[&str] = &[
    "msg_channel_suspended",
    "msg_banned",
    "msg_channel_blocked",
    "tos_ban",
];

/// NOTICE ids that, with a bot account, refuse one of its messages: the channel is still
/// read (a bot banned from talking still sees the votes), the refusal is logged.
const SEND_REFUSALS: &[&str] = &[
    "msg_banned",
    "msg_timedout",
    "msg_duplicate",
    "msg_slowmode",
    "msg_followersonly",
    "msg_subsonly",
    "msg_emoteonly",
    "msg_r9k",
    "msg_verified_email",
    "msg_requires_verified_phone_number",
];

/// NOTICE texts (channel `*`) that refuse the login: a bad or expired token.
const AUTH_NOTICES: &[&str] = &["Login authentication failed", "Improperly formatted auth"];

/// Reads the channel until the source stops.
pub async fn run(h: Handle) {
    let mut attempt: u32 = 0;
    loop {
        if h.stopping() {
            break;
        }
        let end = tokio::select! {
            e = session(&h, &mut attempt) => e,
            _ = h.stopped() => End::Stop,
        };
        match end {
            End::Stop => break,
            End::Reconnect => {
                h.reconnecting("the server asked to reconnect");
                attempt = 0;
                continue;
            }
            End::Dropped(reason) => h.reconnecting(&reason),
            End::Failed(reason) => h.failed(&reason),
            End::Fatal(reason) => {
                h.failed(&reason);
                h.stopped().await;
                break;
            }
        }
        let wait = super::backoff(h.config().retry, attempt);
        attempt = attempt.saturating_add(1);
        if !h.sleep(wait).await {
            break;
        }
    }
    h.finished();
}

/// One connection: log in, join, read until it ends.
async fn session(h: &Handle, attempt: &mut u32) -> End {
    let url = &h.config().twitch_irc_url;
    let mut lines = match tokio::time::timeout(Duration::from_secs(15), irc::connect(url)).await {
        Ok(Ok(l)) => l,
        Ok(Err(e)) => return End::Dropped(e),
        Err(_) => return End::Dropped(format!("cannot connect to {url}: timed out")),
    };
    let end = read(h, &mut lines, attempt).await;
    lines.close().await;
    end
}

fn nick() -> String {
    use rand::Rng;
    format!(
        "justinfan{}",
        rand::thread_rng().gen_range(10_000..100_000_000)
    )
}

/// The login lines: the bot account's (`PASS oauth:…`, its login) when one is set up, else
/// the anonymous `justinfan<digits>`.
fn login_lines(h: &Handle) -> Vec<String> {
    let (pass, nick) = match h.bot() {
        Some(bot) => (bot.config.token.pass_line(), bot.config.login.clone()),
        // Any password is accepted for the anonymous login; Twitch's own web chat sends
        // this one.
        None => ("PASS SCHMOOPIIE".to_string(), nick()),
    };
    vec![
        "CAP REQ :twitch.tv/tags twitch.tv/commands".to_string(),
        pass,
        format!("NICK {nick}"),
        format!("JOIN #{}", h.source.channel),
    ]
}

/// Why a login was refused, for `lastError`.
fn auth_failed(h: &Handle, notice: &str) -> String {
    match h.bot() {
        Some(bot) => format!(
            "{notice}: Twitch refused the bot account {} (check JACKBOX_TWITCH_TOKEN: an \
             OAuth token of that account with the chat:read and chat:edit scopes)",
            bot.config.login
        ),
        None => notice.to_string(),
    }
}

async fn read(h: &Handle, lines: &mut Lines, attempt: &mut u32) -> End {
    // The bot speaks through this connection once the JOIN is confirmed.
    let (say_tx, mut say) = tokio::sync::mpsc::unbounded_channel::<String>();
    let mut attached = None;
    let end = read_lines(h, lines, attempt, &say_tx, &mut say, &mut attached).await;
    if let (Some(bot), Some(conn)) = (h.bot(), attached) {
        bot.detach(&h.source.channel, conn);
    }
    end
}

async fn read_lines(
    h: &Handle,
    lines: &mut Lines,
    attempt: &mut u32,
    say_tx: &tokio::sync::mpsc::UnboundedSender<String>,
    say: &mut tokio::sync::mpsc::UnboundedReceiver<String>,
    attached: &mut Option<u64>,
) -> End {
    let channel = h.source.channel.clone();
    for l in &login_lines(h) {
        if let Err(e) = lines.send(l).await {
            return End::Dropped(e);
        }
    }
    let join_deadline = tokio::time::Instant::now() + h.config().join_timeout;
    let mut joined = false;
    let mut heard = tokio::time::Instant::now();
    loop {
        let deadline = if joined {
            heard + h.config().idle
        } else {
            join_deadline
        };
        let next = tokio::select! {
            r = tokio::time::timeout_at(deadline, lines.next()) => r,
            Some(text) = say.recv() => {
                if let Err(e) = lines.send(&format!("PRIVMSG #{channel} :{text}")).await {
                    return End::Dropped(e);
                }
                continue;
            }
        };
        let line = match next {
            Ok(Ok(Some(l))) => l,
            Ok(Ok(None)) => return End::Dropped("the chat server closed the connection".into()),
            Ok(Err(e)) => return End::Dropped(e),
            Err(_) if joined => return End::Dropped("the chat server went silent".into()),
            Err(_) => {
                return End::Failed(format!(
                    "joining #{channel} was not confirmed within {} s",
                    h.config().join_timeout.as_secs_f32()
                ))
            }
        };
        heard = tokio::time::Instant::now();
        let Ok(raw) = IRCMessage::parse(&line) else {
            tracing::debug!(line, "unparsable IRC line");
            continue;
        };
        if raw.command == "PING" {
            let arg = raw.params.first().cloned().unwrap_or_default();
            if let Err(e) = lines.send(&format!("PONG :{arg}")).await {
                return End::Dropped(e);
            }
            continue;
        }
        let msg = match ServerMessage::try_from(raw) {
            Ok(m) => m,
            Err(e) => {
                tracing::debug!(error = %e, "IRC line not understood");
                continue;
            }
        };
        match msg {
            ServerMessage::Reconnect(_) => return End::Reconnect,
            ServerMessage::Join(j) if !joined && j.channel_login.eq_ignore_ascii_case(&channel) => {
                joined = true;
                *attempt = 0;
                if let Some(bot) = h.bot() {
                    *attached = Some(bot.attach(&channel, say_tx.clone()));
                }
                h.connected();
            }
            ServerMessage::Notice(n) => {
                let id = n.message_id.as_deref().unwrap_or("");
                let ours = n
                    .channel_login
                    .as_deref()
                    .is_none_or(|c| c.eq_ignore_ascii_case(&channel));
                if ours && h.bot().is_some() && SEND_REFUSALS.contains(&id) {
                    tracing::warn!(channel = %channel, id, text = %n.message_text, "twitch bot: message refused");
                    continue;
                }
                if ours && FATAL_NOTICES.contains(&id) {
                    return End::Fatal(format!("{id}: {}", n.message_text));
                }
                if n.channel_login.is_none() && AUTH_NOTICES.contains(&n.message_text.as_str()) {
                    return End::Fatal(auth_failed(h, &n.message_text));
                }
                if ours && id == "msg_ratelimit" {
                    if let Some(bot) = h.bot() {
                        bot.rate_limited();
                    }
                }
                tracing::info!(channel = %channel, id, text = %n.message_text, "Twitch notice");
            }
            ServerMessage::Privmsg(m) if m.channel_login.eq_ignore_ascii_case(&channel) => {
                // A reply starts with a mention of the user replied to, which is not part
                // of what the viewer typed as a vote.
                let text = match &m.reply_parent {
                    Some(p) => strip_mention(&m.message_text, &p.reply_parent_user.login),
                    None => m.message_text.as_str(),
                };
                let command = h
                    .bot()
                    .filter(|_| !h.config().rules.ignores(&m.sender.login))
                    .zip(crate::core::chat::bot::command(text));
                h.message(LiveMessage {
                    platform: ChatPlatform::Twitch,
                    channel: channel.clone(),
                    user_id: Some(m.sender.id.clone()),
                    login: m.sender.login.clone(),
                    display_name: m.sender.name.clone(),
                    text: text.to_string(),
                    at: None,
                })
                .await;
                if let Some((bot, command)) = command {
                    bot.command(&channel, command, &m.sender.name).await;
                }
            }
            _ => {}
        }
    }
}

/// `@login rest` → `rest` (any case); anything else unchanged.
fn strip_mention<'t>(text: &'t str, login: &str) -> &'t str {
    let Some(rest) = text.strip_prefix('@') else {
        return text;
    };
    match rest.get(..login.len()) {
        Some(head) if head.eq_ignore_ascii_case(login) => rest[login.len()..].trim_start(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions() {
        assert_eq!(strip_mention("@Alice 2", "alice"), "2");
        assert_eq!(strip_mention("@alice", "alice"), "");
        assert_eq!(strip_mention("@bob 2", "alice"), "@bob 2");
        assert_eq!(strip_mention("2", "alice"), "2");
    }

    #[test]
    fn nick_is_anonymous() {
        let n = nick();
        assert!(n.starts_with("justinfan"));
        assert!(n[9..].bytes().all(|b| b.is_ascii_digit()));
    }
}
