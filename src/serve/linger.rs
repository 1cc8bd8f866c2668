//! A connection's socket that, when a request was refused without reading its body (`413`,
//! `415`), reads and discards a little of what the client is still sending after the answer
//! went out ("lingering close"), so that the answer is not destroyed by the reset a close
//! with unread data causes.
//!
//! The body is never read before answering: a `Content-Length` over the route's limit is
//! refused at once (issue 26 point 5). The linger is bounded ([`LINGER_TIME`],
//! [`LINGER_BYTES`]), runs after the handler and hyper's buffers are gone, reads into one
//! small buffer, and keeps the connection's slot (`--max-connections`) until it ends.

use super::ConnSlot;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// At most this long is spent discarding a refused body after the answer.
pub const LINGER_TIME: Duration = Duration::from_secs(2);
/// At most this much of a refused body is read and discarded after the answer: a client
/// that sends its whole body before reading (no `Expect: 100-continue`) and is a little over
/// the limit still gets the answer; a bigger one is cut off (its client should ask with
/// `Expect: 100-continue`, or read while sending, as browsers, curl and hyper do).
pub const LINGER_BYTES: usize = 1 << 20;

/// The daemon's side of a client connection (plain TCP, then maybe a WebSocket).
pub struct Stream {
    inner: Option<TcpStream>,
    /// Set when an answer refused a body it did not read.
    linger: Arc<AtomicBool>,
    slot: Option<ConnSlot>,
}

impl Stream {
    pub fn new(inner: TcpStream, slot: ConnSlot) -> (Stream, Arc<AtomicBool>) {
        let linger = Arc::new(AtomicBool::new(false));
        let s = Stream {
            inner: Some(inner),
            linger: linger.clone(),
            slot: Some(slot),
        };
        (s, linger)
    }

    fn io(&mut self) -> Pin<&mut TcpStream> {
        Pin::new(self.inner.as_mut().expect("stream used after drop"))
    }
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.get_mut().io().poll_read(cx, buf)
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.get_mut().io().poll_write(cx, buf)
    }
    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.get_mut().io().poll_write_vectored(cx, bufs)
    }
    fn is_write_vectored(&self) -> bool {
        self.inner.as_ref().is_some_and(|s| s.is_write_vectored())
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_mut().io().poll_flush(cx)
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_mut().io().poll_shutdown(cx)
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        let Some(stream) = self.inner.take() else {
            return;
        };
        if !self.linger.load(Ordering::Relaxed) {
            return;
        }
        // Outside the runtime (it is shutting down) there is nothing to linger on.
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let slot = self.slot.take();
        rt.spawn(async move {
            discard(stream).await;
            drop(slot);
        });
    }
}

/// Reads and throws away what the client still sends, within [`LINGER_TIME`] and
/// [`LINGER_BYTES`], after having said that nothing more is coming from this side.
async fn discard(mut stream: TcpStream) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let _ = tokio::time::timeout(LINGER_TIME, async {
        let _ = stream.shutdown().await;
        let mut sink = [0u8; 4096];
        let mut seen = 0;
        while seen < LINGER_BYTES {
            match stream.read(&mut sink).await {
                Ok(0) | Err(_) => break,
                Ok(n) => seen += n,
            }
        }
    })
    .await;
}
