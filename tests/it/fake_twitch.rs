//! A local stand-in for Twitch's chat server, speaking real lines.
//!
//! Every line it sends comes from `tests/fixtures/twitch/lines.txt` (real lines copied from
//! the test suites of Twitch chat libraries, each with its source): as is, or with the
//! channel, the sender and the text swapped in to type the votes a test needs. It serves
//! both transports Twitch has: IRC over WebSocket (`ws://`) and IRC over TCP (`irc://`).
//! It answers `CAP REQ` with `CAP * ACK`, `NICK` with the `001` welcome and `JOIN` with the
//! JOIN echo (or, per channel, a `msg_channel_suspended` NOTICE, or nothing at all), a
//! `PASS` with a refused token with Twitch's `Login authentication failed` NOTICE, and
//! records every line it receives (the bot account's PRIVMSGs among them).

#![allow(dead_code)]

use futures_util::{SinkExt, StreamExt};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

/// The fixture lines by name.
pub fn fixtures() -> HashMap<String, String> {
    include_str!("../fixtures/twitch/lines.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn fixture(name: &str) -> String {
    fixtures()
        .remove(name)
        .unwrap_or_else(|| panic!("no twitch fixture {name}"))
}

/// `#old` → `#channel` in a line's channel parameter.
fn with_channel(line: &str, command: &str, channel: &str) -> String {
    let key = format!(" {command} #");
    let Some(at) = line.find(&key) else {
        return line.to_string();
    };
    let start = at + key.len();
    let end = line[start..]
        .find(' ')
        .map(|e| start + e)
        .unwrap_or(line.len());
    format!("{}{}{}", &line[..start], channel, &line[end..])
}

/// One viewer.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub id: String,
    pub login: String,
    pub display: String,
}

impl Viewer {
    pub fn new(id: &str, login: &str, display: &str) -> Viewer {
        Viewer {
            id: id.into(),
            login: login.into(),
            display: display.into(),
        }
    }
}

/// A fixture PRIVMSG (`template`) as sent by `who` in `channel` saying `text`: the tags
/// `display-name` and `user-id`, the prefix, the channel and the text are replaced; every
/// other tag (emotes, reply-parent-*, badges…) stays as captured.
pub fn privmsg(template: &str, channel: &str, who: &Viewer, text: &str) -> String {
    let line = fixture(template);
    let (tags, rest) = line.split_once(' ').expect("tags");
    let tags: Vec<String> = tags
        .trim_start_matches('@')
        .split(';')
        .map(|kv| {
            let (k, _) = kv.split_once('=').unwrap_or((kv, ""));
            match k {
                "display-name" => format!("display-name={}", who.display.replace(' ', "\\s")),
                "user-id" => format!("user-id={}", who.id),
                _ => kv.to_string(),
            }
        })
        .collect();
    let (_, after_prefix) = rest.split_once(" PRIVMSG #").expect("PRIVMSG");
    let (_, old_text) = after_prefix.split_once(" :").expect("text");
    // An action keeps its \x01ACTION framing around the new text.
    let text = if old_text.starts_with("\u{1}ACTION ") {
        format!("\u{1}ACTION {text}\u{1}")
    } else {
        text.to_string()
    };
    let l = &who.login;
    format!(
        "@{} :{l}!{l}@{l}.tmi.twitch.tv PRIVMSG #{channel} :{text}",
        tags.join(";")
    )
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Transport {
    Ws,
    Tcp,
}

enum Cmd {
    Line(String),
    /// A line whose write is reported: (its tag, the moment the socket took it).
    Timed(String, u64, mpsc::UnboundedSender<(u64, Instant)>),
    Close,
}

struct Conn {
    id: usize,
    tx: mpsc::UnboundedSender<Cmd>,
    joined: HashSet<String>,
}

#[derive(Default)]
struct State {
    conns: Vec<Conn>,
    next: usize,
    received: Vec<String>,
    /// Channels whose JOIN gets the `msg_channel_suspended` NOTICE.
    suspended: HashSet<String>,
    /// Channels whose JOIN is never confirmed.
    silent: HashSet<String>,
    /// `PASS` values answered with the login-failed NOTICE.
    refused: HashSet<String>,
}

pub struct FakeTwitch {
    pub url: String,
    state: Arc<Mutex<State>>,
    rt: tokio::runtime::Runtime,
}

impl FakeTwitch {
    pub fn start(transport: Transport) -> FakeTwitch {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let listener = rt.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap();
        let state: Arc<Mutex<State>> = Arc::default();
        let st = state.clone();
        rt.spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let st = st.clone();
                tokio::spawn(async move { serve(stream, transport, st).await });
            }
        });
        let url = match transport {
            Transport::Ws => format!("ws://{addr}"),
            Transport::Tcp => format!("irc://{addr}"),
        };
        FakeTwitch { url, state, rt }
    }

    pub fn suspend(&self, channel: &str) {
        self.state.lock().unwrap().suspended.insert(channel.into());
    }

    pub fn silence(&self, channel: &str) {
        self.state.lock().unwrap().silent.insert(channel.into());
    }

    /// A login with `PASS pass` gets `Login authentication failed`.
    pub fn refuse(&self, pass: &str) {
        self.state.lock().unwrap().refused.insert(pass.into());
    }

    /// The texts the client said (PRIVMSG) in `channel`, in order.
    pub fn said(&self, channel: &str) -> Vec<String> {
        let prefix = format!("PRIVMSG #{channel} :");
        self.received()
            .iter()
            .filter_map(|l| l.strip_prefix(&prefix).map(str::to_string))
            .collect()
    }

    /// Every line received so far, from every connection.
    pub fn received(&self) -> Vec<String> {
        self.state.lock().unwrap().received.clone()
    }

    /// Connections accepted so far (open or not).
    pub fn connections(&self) -> usize {
        self.state.lock().unwrap().next
    }

    /// Open connections that joined `channel`.
    pub fn joined(&self, channel: &str) -> usize {
        self.state
            .lock()
            .unwrap()
            .conns
            .iter()
            .filter(|c| c.joined.contains(channel) && !c.tx.is_closed())
            .count()
    }

    /// Sends `line` on every open connection.
    pub fn send_all(&self, line: &str) {
        for c in &self.state.lock().unwrap().conns {
            let _ = c.tx.send(Cmd::Line(line.to_string()));
        }
    }

    /// Sends `line` to the connections that joined `channel`.
    pub fn send_channel(&self, channel: &str, line: &str) {
        for c in &self.state.lock().unwrap().conns {
            if c.joined.contains(channel) {
                let _ = c.tx.send(Cmd::Line(line.to_string()));
            }
        }
    }

    /// Like [`FakeTwitch::send_channel`], and `written` receives `(tag, moment)` once the
    /// line is written to each connection's socket (the benchmark times from there).
    pub fn send_channel_timed(
        &self,
        channel: &str,
        line: &str,
        tag: u64,
        written: &mpsc::UnboundedSender<(u64, Instant)>,
    ) {
        for c in &self.state.lock().unwrap().conns {
            if c.joined.contains(channel) {
                let _ =
                    c.tx.send(Cmd::Timed(line.to_string(), tag, written.clone()));
            }
        }
    }

    /// A viewer's message in `channel`, in the shape of fixture `template`.
    pub fn say(&self, channel: &str, template: &str, who: &Viewer, text: &str) {
        self.send_channel(channel, &privmsg(template, channel, who, text));
    }

    /// Closes every open connection (the server "drops").
    pub fn drop_all(&self) {
        for c in self.state.lock().unwrap().conns.drain(..) {
            let _ = c.tx.send(Cmd::Close);
        }
    }

    /// Waits (polling, at most `secs`) until `cond` holds.
    pub fn wait(&self, secs: u64, what: &str, mut cond: impl FnMut(&FakeTwitch) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while !cond(self) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Answers one line from the client; returns the replies.
fn answer(
    line: &str,
    nick: &mut String,
    pass: &mut String,
    id: usize,
    st: &Arc<Mutex<State>>,
) -> Vec<String> {
    let mut s = st.lock().unwrap();
    s.received.push(line.to_string());
    let mut words = line.split(' ');
    match words.next() {
        Some("CAP") => vec![fixture("cap_ack")],
        Some("PASS") => {
            *pass = words.next().unwrap_or("").to_string();
            Vec::new()
        }
        Some("NICK") if s.refused.contains(pass.as_str()) => vec![fixture("notice_auth_failed")],
        Some("NICK") => {
            *nick = words.next().unwrap_or("").to_string();
            vec![fixture("welcome").replace("justinfan12345", nick)]
        }
        Some("JOIN") => {
            let mut out = Vec::new();
            for ch in words.next().unwrap_or("").split(',') {
                let ch = ch.trim_start_matches('#').to_string();
                if s.suspended.contains(&ch) {
                    out.push(with_channel(&fixture("notice_suspended"), "NOTICE", &ch));
                } else if !s.silent.contains(&ch) {
                    if let Some(c) = s.conns.iter_mut().find(|c| c.id == id) {
                        c.joined.insert(ch.clone());
                    }
                    let join = fixture("join").replace("randers811", nick);
                    out.push(with_channel(&join, "JOIN", &ch));
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

async fn serve(stream: TcpStream, transport: Transport, st: Arc<Mutex<State>>) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let id = {
        let mut s = st.lock().unwrap();
        let id = s.next;
        s.next += 1;
        s.conns.push(Conn {
            id,
            tx,
            joined: HashSet::new(),
        });
        id
    };
    let mut nick = String::new();
    let mut pass = String::new();
    match transport {
        Transport::Ws => {
            let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else {
                return;
            };
            loop {
                tokio::select! {
                    m = ws.next() => {
                        let Some(Ok(m)) = m else { break };
                        if let Message::Text(t) = m {
                            for line in t.split("\r\n").filter(|l| !l.is_empty()) {
                                for r in answer(line, &mut nick, &mut pass, id, &st) {
                                    if ws.send(Message::Text(r)).await.is_err() { return; }
                                }
                            }
                        }
                    }
                    c = rx.recv() => match c {
                        Some(Cmd::Line(l)) => {
                            // Twitch sends each line with its \r\n inside the frame.
                            if ws.send(Message::Text(format!("{l}\r\n"))).await.is_err() { break; }
                        }
                        Some(Cmd::Timed(l, tag, written)) => {
                            if ws.send(Message::Text(format!("{l}\r\n"))).await.is_err() { break; }
                            let _ = written.send((tag, Instant::now()));
                        }
                        _ => { let _ = ws.close(None).await; break; }
                    }
                }
            }
        }
        Transport::Tcp => {
            let (r, mut w) = stream.into_split();
            let mut lines = BufReader::new(r).lines();
            loop {
                tokio::select! {
                    l = lines.next_line() => {
                        let Ok(Some(line)) = l else { break };
                        for r in answer(line.trim_end(), &mut nick, &mut pass, id, &st) {
                            if w.write_all(format!("{r}\r\n").as_bytes()).await.is_err() { return; }
                        }
                    }
                    c = rx.recv() => match c {
                        Some(Cmd::Line(l)) => {
                            if w.write_all(format!("{l}\r\n").as_bytes()).await.is_err() { break; }
                        }
                        Some(Cmd::Timed(l, tag, written)) => {
                            if w.write_all(format!("{l}\r\n").as_bytes()).await.is_err() { break; }
                            let _ = written.send((tag, Instant::now()));
                        }
                        _ => { let _ = w.shutdown().await; break; }
                    }
                }
            }
        }
    }
    st.lock().unwrap().conns.retain(|c| c.id != id);
}
