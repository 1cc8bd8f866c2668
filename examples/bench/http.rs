//! A minimal HTTP/1.1 keep-alive client over a raw `TcpStream` (the load generator), and
//! the closed-loop load runner shared by P1, P2 and the reference server.
//!
//! Raw bytes instead of a full client library so that the generator costs as little CPU as
//! possible: on a 2-core machine it shares the cores with the server under test.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// Builds the bytes of one request (`body` as JSON when present).
pub fn request(method: &str, path: &str, token: Option<&str>, body: Option<&str>) -> Vec<u8> {
    let mut r = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if let Some(t) = token {
        r.push_str(&format!("Authorization: Bearer {t}\r\n"));
    }
    match body {
        Some(b) => r.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{b}",
            b.len()
        )),
        None => r.push_str("\r\n"),
    }
    r.into_bytes()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl Conn {
    pub async fn connect(addr: SocketAddr) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Conn {
            stream,
            buf: Vec::with_capacity(16 * 1024),
        })
    }

    async fn fill(&mut self) -> std::io::Result<()> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(())
    }

    /// Sends one request and reads its response (Content-Length bodies only, which is what
    /// both servers send).
    pub async fn send(&mut self, req: &[u8]) -> std::io::Result<Response> {
        self.stream.write_all(req).await?;
        loop {
            if let Some(end) = find(&self.buf, b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&self.buf[..end]).into_owned();
                let status = head
                    .split(' ')
                    .nth(1)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                let len: usize = head
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse().ok())?
                    })
                    .unwrap_or(0);
                let total = end + 4 + len;
                while self.buf.len() < total {
                    self.fill().await?;
                }
                let body = self.buf[end + 4..total].to_vec();
                self.buf.drain(..total);
                return Ok(Response { status, body });
            }
            self.fill().await?;
        }
    }
}

/// What a closed-loop run measured.
pub struct LoadResult {
    pub requests: u64,
    /// Every answer received, the warm-up's included (instructions per request under
    /// callgrind divide by this).
    pub answered: u64,
    pub errors: u64,
    pub elapsed: Duration,
    /// Per-request latencies, sorted.
    pub latencies: Vec<Duration>,
}

impl LoadResult {
    pub fn rps(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }
    pub fn percentile(&self, p: f64) -> Duration {
        crate::percentile(&self.latencies, p)
    }
}

/// `conns` connections, each sending `req` back to back for `duration` (after a short
/// warm-up that is not counted). Non-200 answers count as errors.
pub async fn closed_loop(
    addr: SocketAddr,
    conns: usize,
    duration: Duration,
    warmup: Duration,
    req: Vec<u8>,
) -> LoadResult {
    let req = Arc::new(req);
    let start = Instant::now() + warmup;
    let end = start + duration;
    let mut tasks = Vec::new();
    for _ in 0..conns {
        let req = req.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0u64;
            let mut answered = 0u64;
            let Ok(mut c) = Conn::connect(addr).await else {
                return (lat, 1, 0);
            };
            loop {
                let t = Instant::now();
                if t >= end {
                    break;
                }
                match c.send(&req).await {
                    Ok(r) => {
                        answered += 1;
                        if t >= start {
                            lat.push(t.elapsed());
                            if r.status != 200 {
                                errors += 1;
                            }
                        }
                    }
                    Err(_) => {
                        errors += 1;
                        match Conn::connect(addr).await {
                            Ok(n) => c = n,
                            Err(_) => break,
                        }
                    }
                }
            }
            (lat, errors, answered)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    let mut answered = 0;
    for t in tasks {
        if let Ok((l, e, a)) = t.await {
            latencies.extend(l);
            errors += e;
            answered += a;
        }
    }
    latencies.sort();
    LoadResult {
        requests: latencies.len() as u64,
        answered,
        errors,
        elapsed: duration,
        latencies,
    }
}
