//! The P1 reference: a bare hyper server answering every request with a constant JSON body,
//! run as its own process (`bench --bare-server`) with the daemon's hyper settings (HTTP/1
//! builder, timer, header timeout and limits, `TCP_NODELAY`, one task per connection, a
//! default multi-thread runtime), so that the only difference left is jackbox's own work.

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::time::Duration;

/// About the size of an active-session answer.
const BODY: &str = r#"{"id":1001,"notes":"Friday game night","is_active":1,"created_at":"2026-03-15T19:00:00.000Z","closed_at":null,"games_played":20}"#;

pub fn run() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        eprintln!(
            "listening on http://{}",
            listener.local_addr().expect("addr")
        );
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(Duration::from_secs(10))
            .max_header_size(32 * 1024)
            .max_headers(100);
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let service = hyper::service::service_fn(|_req| async {
                let mut resp = hyper::Response::new(Full::new(Bytes::from_static(BODY.as_bytes())));
                resp.headers_mut().insert(
                    hyper::header::CONTENT_TYPE,
                    hyper::header::HeaderValue::from_static("application/json"),
                );
                Ok::<_, std::convert::Infallible>(resp)
            });
            let conn = builder
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            tokio::spawn(async move {
                let _ = conn.await;
            });
        }
    });
}
