//! WebSocket clients for P6/P7/P8: each connects to `/api/sessions/live`, authenticates,
//! subscribes to one session, then reports the arrival time of every `game.added` (keyed by
//! its `session_game_id`) on a shared channel.

use futures_util::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, Semaphore};
use tokio_tungstenite::tungstenite::Message;

pub struct Clients {
    pub rx: mpsc::UnboundedReceiver<(i64, Instant)>,
    pub connected: usize,
    tasks: Vec<tokio::task::JoinHandle<()>>,
    /// Arrivals read from `rx` for a session game not waited for yet.
    early: HashMap<i64, Vec<Instant>>,
}

impl Drop for Clients {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// One client connected to `/api/sessions/live`, authenticated and subscribed to `session`.
pub async fn one(
    addr: SocketAddr,
    token: &str,
    session: i64,
) -> Option<
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
> {
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/api/sessions/live"))
        .await
        .ok()?;
    ws.send(Message::text(
        serde_json::json!({ "type": "auth", "token": token }).to_string(),
    ))
    .await
    .ok()?;
    wait_for(&mut ws, "auth_success").await?;
    ws.send(Message::text(
        serde_json::json!({ "type": "subscribe", "sessionId": session }).to_string(),
    ))
    .await
    .ok()?;
    wait_for(&mut ws, "subscribed").await?;
    Some(ws)
}

async fn wait_for<S>(ws: &mut S, kind: &str) -> Option<()>
where
    S: futures_util::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    let needle = format!("\"type\":\"{kind}\"");
    let deadline = tokio::time::sleep(Duration::from_secs(20));
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            m = ws.next() => match m? .ok()? {
                Message::Text(t) if t.contains(&needle) => return Some(()),
                _ => {}
            },
            _ = &mut deadline => return None,
        }
    }
}

/// Connects `n` subscribed clients (at most 64 handshakes at a time).
pub async fn connect(addr: SocketAddr, token: &str, session: i64, n: usize) -> Clients {
    let (tx, rx) = mpsc::unbounded_channel();
    let gate = Arc::new(Semaphore::new(64));
    let (ready_tx, mut ready_rx) = mpsc::unbounded_channel::<bool>();
    let mut tasks = Vec::with_capacity(n);
    for _ in 0..n {
        let tx = tx.clone();
        let gate = gate.clone();
        let ready = ready_tx.clone();
        let token = token.to_string();
        tasks.push(tokio::spawn(async move {
            let permit = gate.acquire_owned().await;
            let ws = one(addr, &token, session).await;
            drop(permit);
            let Some(mut ws) = ws else {
                let _ = ready.send(false);
                return;
            };
            let _ = ready.send(true);
            drop(ready);
            while let Some(Ok(m)) = ws.next().await {
                let Message::Text(t) = m else { continue };
                if !t.contains("\"type\":\"game.added\"") {
                    continue;
                }
                let at = Instant::now();
                // A substring instead of a JSON parse: 10,000 clients share the bench's
                // cores with the daemon, and every microsecond here delays the others.
                if let Some(id) = session_game_id(&t) {
                    let _ = tx.send((id, at));
                }
            }
        }));
    }
    drop(ready_tx);
    let mut connected = 0;
    // Each task reports once (its sender lives on with it, so count instead of waiting for
    // the channel to close).
    for _ in 0..n {
        match ready_rx.recv().await {
            Some(ok) => connected += ok as usize,
            None => break,
        }
    }
    Clients {
        rx,
        connected,
        tasks,
        early: HashMap::new(),
    }
}

/// The `"session_game_id":N` of a `game.added` text.
fn session_game_id(text: &str) -> Option<i64> {
    let key = "\"session_game_id\":";
    let rest = &text[text.find(key)? + key.len()..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

impl Clients {
    /// Waits (up to `timeout`) until every connected client has received the `game.added`
    /// of session game `id`; returns the arrival times seen.
    pub async fn arrivals(&mut self, id: i64, timeout: Duration) -> Vec<Instant> {
        let mut got = self.early.remove(&id).unwrap_or_default();
        let deadline = tokio::time::Instant::now() + timeout;
        while got.len() < self.connected {
            match tokio::time::timeout_at(deadline, self.rx.recv()).await {
                Ok(Some((sg, at))) if sg == id => got.push(at),
                Ok(Some((sg, at))) => self.early.entry(sg).or_default().push(at),
                _ => break,
            }
        }
        got
    }
}
