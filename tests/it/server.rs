//! The HTTP harness: starts the real `jackbox serve --bind 127.0.0.1:0` on a temporary
//! database, learns the port from the first stderr line, and offers blocking helpers built
//! on reqwest. The server is killed on drop.
//!
//! ```ignore
//! let srv = Server::start();
//! let token = srv.token();
//! let r = srv.post("/api/sessions", json!({"notes": "x"}), Some(&token));
//! assert_eq!(r.status, 201);
//! assert_eq!(r.json["notes"], "x");
//! ```

#![allow(dead_code)]

use super::util::Env;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The admin key every test server is started with.
pub const ADMIN_KEY: &str = "test-admin-key";

pub struct Server {
    pub env: Env,
    pub child: Child,
    pub addr: String,
    pub base: String,
    pub client: reqwest::Client,
    pub rt: tokio::runtime::Runtime,
    /// Everything the server wrote on stderr so far.
    pub stderr: Arc<Mutex<String>>,
}

/// One HTTP reply: status, headers, raw text, and the body parsed as JSON (`Null` if not).
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    /// Asserts status and `{ "error": message }`.
    pub fn assert_error(&self, status: u16, message: &str) {
        assert_eq!(self.status, status, "body: {}", self.text);
        assert_eq!(self.json["error"], message, "body: {}", self.text);
    }
}

impl Server {
    /// A server on a fresh database with `JACKBOX_ADMIN_KEY` set.
    pub fn start() -> Server {
        Self::start_with(Env::new(), |_| {})
    }

    /// A server on `env`'s database; `configure` may add arguments or environment.
    pub fn start_with(env: Env, configure: impl FnOnce(&mut Command)) -> Server {
        let mut cmd = env.command();
        cmd.args(["serve", "--bind", "127.0.0.1:0"])
            .env("JACKBOX_ADMIN_KEY", ADMIN_KEY)
            .env("JACKBOX_LOG", "info")
            // Tests never talk to the real Jackbox servers: nothing listens on port 9.
            .env("JACKBOX_ECAST_URL", "http://127.0.0.1:9")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        configure(&mut cmd);
        let mut child = cmd.spawn().expect("spawn jackbox serve");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        {
            let log = log.clone();
            std::thread::spawn(move || {
                let mut tx = Some(tx);
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    if let Some(addr) = line.strip_prefix("listening on http://") {
                        if let Some(tx) = tx.take() {
                            let _ = tx.send(addr.trim().to_string());
                        }
                    }
                    let mut l = log.lock().unwrap();
                    l.push_str(&line);
                    l.push('\n');
                }
            });
        }
        let addr = match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(a) => a,
            Err(_) => {
                let _ = child.kill();
                panic!("server did not start: {}", log.lock().unwrap());
            }
        };
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        Server {
            base: format!("http://{addr}"),
            addr,
            env,
            child,
            client: reqwest::Client::builder().no_proxy().build().unwrap(),
            rt,
            stderr: log,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Sends a request built by `build` and reads the reply.
    pub fn send(&self, build: impl FnOnce(&reqwest::Client) -> reqwest::RequestBuilder) -> Reply {
        let req = build(&self.client);
        self.rt
            .block_on(async move { read(req.send().await.expect("request")).await })
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
        token: Option<&str>,
    ) -> Reply {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let url = self.url(path);
        self.send(|c| {
            let mut b = c.request(method, url);
            if let Some(t) = token {
                b = b.bearer_auth(t);
            }
            if let Some(v) = body {
                b = b.json(&v);
            }
            b
        })
    }

    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path, None, None)
    }
    pub fn get_auth(&self, path: &str, token: &str) -> Reply {
        self.request("GET", path, None, Some(token))
    }
    pub fn post(&self, path: &str, body: Value, token: Option<&str>) -> Reply {
        self.request("POST", path, Some(body), token)
    }
    pub fn patch(&self, path: &str, body: Value, token: Option<&str>) -> Reply {
        self.request("PATCH", path, Some(body), token)
    }
    pub fn delete(&self, path: &str, token: Option<&str>) -> Reply {
        self.request("DELETE", path, None, token)
    }
    /// A request with a raw body (for malformed JSON and size limits).
    pub fn raw(&self, method: &str, path: &str, body: Vec<u8>, token: Option<&str>) -> Reply {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let url = self.url(path);
        self.send(|c| {
            let mut b = c
                .request(method, url)
                .header("Content-Type", "application/json")
                .body(body);
            if let Some(t) = token {
                b = b.bearer_auth(t);
            }
            b
        })
    }

    /// A fresh admin token from `POST /api/auth/login`.
    pub fn token(&self) -> String {
        let r = self.post(
            "/api/auth/login",
            serde_json::json!({ "key": ADMIN_KEY }),
            None,
        );
        assert_eq!(r.status, 200, "login failed: {}", r.text);
        r.json["token"].as_str().unwrap().to_string()
    }

    /// A viewer token named `name` minted by `admin` (what an OBS overlay is given).
    pub fn viewer_token(&self, admin: &str, name: &str) -> String {
        let r = self.post(
            "/api/auth/tokens",
            serde_json::json!({ "name": name, "role": "viewer" }),
            Some(admin),
        );
        assert_eq!(r.status, 201, "{}", r.text);
        r.json["token"].as_str().unwrap().to_string()
    }

    /// Creates the active session; returns its id.
    pub fn session(&self, token: &str) -> i64 {
        let r = self.post("/api/sessions", serde_json::json!({}), Some(token));
        assert_eq!(r.status, 201, "{}", r.text);
        r.json["id"].as_i64().unwrap()
    }

    /// Adds catalog game `game_id` to session `sid`; returns the session game id.
    pub fn add_game(&self, token: &str, sid: i64, game_id: i64) -> i64 {
        let r = self.post(
            &format!("/api/sessions/{sid}/games"),
            serde_json::json!({ "game_id": game_id }),
            Some(token),
        );
        assert_eq!(r.status, 201, "{}", r.text);
        r.json["id"].as_i64().unwrap()
    }

    /// Sends SIGTERM and waits for the exit; returns (exit code, time it took).
    pub fn terminate(&mut self) -> (Option<i32>, Duration) {
        let started = Instant::now();
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill");
        let deadline = started + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status.code(), started.elapsed());
            }
            assert!(Instant::now() < deadline, "server ignored SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn logs(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

/// Reads a reqwest response into a [`Reply`].
pub async fn read(resp: reqwest::Response) -> Reply {
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let text = resp.text().await.unwrap_or_default();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        text,
        json,
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
