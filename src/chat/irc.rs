//! IRC lines over either transport Twitch offers: IRC over WebSocket (`ws://`, `wss://`,
//! one or more `\r\n`-terminated lines per text frame) or IRC over TCP (`irc://`, TLS with
//! `ircs://`). TLS is the rustls already in the tree (tokio-tungstenite's for WebSockets,
//! tokio-rustls with the same ring provider and webpki roots for TCP).

use futures_util::{SinkExt, StreamExt};
use std::collections::VecDeque;
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufStream};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// Longest line accepted (Twitch's own limit is far below; a peer sending more is broken).
const MAX_LINE: usize = 64 * 1024;

/// A byte stream the TCP transport reads lines from (plain or TLS).
pub trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

/// A connection that reads and writes IRC lines.
pub enum Lines {
    Ws {
        ws: Box<WebSocketStream<MaybeTlsStream<TcpStream>>>,
        pending: VecDeque<String>,
    },
    Tcp {
        io: BufStream<Box<dyn Stream>>,
        buf: Vec<u8>,
    },
}

/// Connects to `url`; its scheme picks the transport.
pub async fn connect(url: &str) -> Result<Lines, String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| format!("bad chat server address {url}"))?;
    match scheme {
        "ws" | "wss" => {
            let (ws, _) = tokio_tungstenite::connect_async(url)
                .await
                .map_err(|e| format!("cannot connect to {url}: {e}"))?;
            Ok(Lines::Ws {
                ws: Box::new(ws),
                pending: VecDeque::new(),
            })
        }
        "irc" | "ircs" => {
            let hostport = rest.split('/').next().unwrap_or(rest);
            let default_port = if scheme == "ircs" { 6697 } else { 6667 };
            let (host, port) = split_host_port(hostport, default_port)?;
            let tcp = TcpStream::connect((host.as_str(), port))
                .await
                .map_err(|e| format!("cannot connect to {hostport}: {e}"))?;
            let _ = tcp.set_nodelay(true);
            let stream: Box<dyn Stream> = if scheme == "ircs" {
                Box::new(tls(tcp, &host).await?)
            } else {
                Box::new(tcp)
            };
            Ok(Lines::Tcp {
                io: BufStream::new(stream),
                buf: Vec::new(),
            })
        }
        other => Err(format!(
            "unsupported chat server scheme {other}:// (use wss://, ws://, ircs:// or irc://)"
        )),
    }
}

fn split_host_port(hostport: &str, default: u16) -> Result<(String, u16), String> {
    // `[::1]:6697`, `host:6697`, `host`.
    if let Some(rest) = hostport.strip_prefix('[') {
        let (h, p) = rest.split_once(']').ok_or("bad IPv6 address")?;
        let port = match p.strip_prefix(':') {
            Some(p) => p.parse().map_err(|_| format!("bad port {p}"))?,
            None => default,
        };
        return Ok((h.to_string(), port));
    }
    match hostport.rsplit_once(':') {
        Some((h, p)) => Ok((
            h.to_string(),
            p.parse().map_err(|_| format!("bad port {p}"))?,
        )),
        None => Ok((hostport.to_string(), default)),
    }
}

async fn tls(
    tcp: TcpStream,
    host: &str,
) -> Result<tokio_rustls::client::TlsStream<TcpStream>, String> {
    use tokio_rustls::rustls;
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| format!("TLS setup failed: {e}"))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from(host.to_string())
        .map_err(|e| format!("bad TLS server name {host}: {e}"))?;
    tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .map_err(|e| format!("TLS handshake with {host} failed: {e}"))
}

impl Lines {
    /// Sends one line (without its `\r\n`).
    pub async fn send(&mut self, line: &str) -> Result<(), String> {
        match self {
            Lines::Ws { ws, .. } => ws
                .send(Message::Text(line.to_string()))
                .await
                .map_err(|e| format!("send failed: {e}")),
            Lines::Tcp { io, .. } => {
                let r = async {
                    io.write_all(line.as_bytes()).await?;
                    io.write_all(b"\r\n").await?;
                    io.flush().await
                };
                r.await.map_err(|e| format!("send failed: {e}"))
            }
        }
    }

    /// The next line (without `\r\n`); `Ok(None)` when the server closed the connection.
    /// Cancel safe: nothing read is lost when another `select!` branch wins.
    pub async fn next(&mut self) -> Result<Option<String>, String> {
        match self {
            Lines::Ws { ws, pending } => loop {
                if let Some(l) = pending.pop_front() {
                    return Ok(Some(l));
                }
                match ws.next().await {
                    None => return Ok(None),
                    Some(Err(e)) => return Err(format!("connection lost: {e}")),
                    Some(Ok(Message::Text(t))) => pending.extend(
                        t.split(['\r', '\n'])
                            .filter(|l| !l.is_empty())
                            .map(str::to_string),
                    ),
                    Some(Ok(Message::Close(_))) => return Ok(None),
                    Some(Ok(_)) => {}
                }
            },
            // Cancel safe (the bot sends while a read waits): a partly read line stays in
            // `buf` and the next call goes on with it.
            Lines::Tcp { io, buf } => loop {
                let n = (&mut *io)
                    .take(MAX_LINE as u64)
                    .read_until(b'\n', buf)
                    .await
                    .map_err(|e| format!("connection lost: {e}"))?;
                if n == 0 {
                    return Ok(None);
                }
                let line = String::from_utf8_lossy(buf)
                    .trim_end_matches(['\r', '\n'])
                    .to_string();
                buf.clear();
                if !line.is_empty() {
                    return Ok(Some(line));
                }
            },
        }
    }

    /// Closes the connection politely (errors do not matter any more).
    pub async fn close(&mut self) {
        match self {
            Lines::Ws { ws, .. } => {
                let _ = ws.close(None).await;
            }
            Lines::Tcp { io, .. } => {
                let _ = io.shutdown().await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_port() {
        assert_eq!(
            split_host_port("irc.chat.twitch.tv:6697", 1).unwrap(),
            ("irc.chat.twitch.tv".into(), 6697)
        );
        assert_eq!(split_host_port("h", 6667).unwrap(), ("h".into(), 6667));
        assert_eq!(split_host_port("[::1]:7", 1).unwrap(), ("::1".into(), 7));
        assert!(split_host_port("h:x", 1).is_err());
    }
}
