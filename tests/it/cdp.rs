//! A small Chrome DevTools Protocol client for the browser tests: starts Debian's headless
//! `chromium` on a fresh profile, opens pages, evaluates JavaScript, types and clicks, takes
//! screenshots, and records every JS error, console error and failed or foreign request of
//! each page so a test can insist on none.
//!
//! Built on the crate's own tokio-tungstenite (no generated protocol crate to compile): the
//! protocol is JSON over one WebSocket, with flattened sessions (one per page).

#![allow(dead_code)]

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::Message;

type Waiters = Arc<Mutex<HashMap<u64, oneshot::Sender<Value>>>>;
type Logs = Arc<Mutex<HashMap<String, Vec<Value>>>>;

/// The Chromium binary: `$JACKBOX_CHROMIUM`, else the first of the usual names on `PATH`.
pub fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("JACKBOX_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Only one browser at a time: the machines running the suite are small.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

pub struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
    rt: tokio::runtime::Runtime,
    out: mpsc::UnboundedSender<String>,
    waiters: Waiters,
    logs: Logs,
    next: AtomicU64,
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl Browser {
    /// Starts headless Chromium. Panics (failing the test) when it is not installed: these
    /// tests are `#[ignore]`d so that a plain `cargo test` reports them as ignored instead.
    pub fn start() -> Browser {
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
        let bin = chromium().expect(
            "Chromium is not installed: apt-get install chromium chromium-driver (or set JACKBOX_CHROMIUM)",
        );
        let profile = tempfile::tempdir().expect("profile dir");
        let child = Command::new(&bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        // Chromium writes its port and path to DevToolsActivePort once it listens.
        let port_file = profile.path().join("DevToolsActivePort");
        let deadline = Instant::now() + Duration::from_secs(30);
        let url = loop {
            if let Ok(text) = std::fs::read_to_string(&port_file) {
                let mut lines = text.lines();
                if let (Some(port), Some(path)) = (lines.next(), lines.next()) {
                    break format!("ws://127.0.0.1:{port}{path}");
                }
            }
            assert!(Instant::now() < deadline, "Chromium did not start");
            std::thread::sleep(Duration::from_millis(50));
        };
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let (ws, _) = rt
            .block_on(tokio_tungstenite::connect_async(url.as_str()))
            .expect("connect to Chromium");
        let (mut sink, mut stream) = ws.split();
        let (out, mut rx) = mpsc::unbounded_channel::<String>();
        rt.spawn(async move {
            while let Some(text) = rx.recv().await {
                if sink.send(Message::Text(text)).await.is_err() {
                    break;
                }
            }
        });
        let waiters: Waiters = Arc::default();
        let logs: Logs = Arc::default();
        {
            let waiters = waiters.clone();
            let logs = logs.clone();
            rt.spawn(async move {
                while let Some(Ok(msg)) = stream.next().await {
                    let Message::Text(text) = msg else { continue };
                    let Ok(v) = serde_json::from_str::<Value>(&text) else {
                        continue;
                    };
                    if let Some(id) = v["id"].as_u64() {
                        if let Some(tx) = waiters.lock().unwrap().remove(&id) {
                            let _ = tx.send(v);
                        }
                    } else if let Some(session) = v["sessionId"].as_str() {
                        logs.lock()
                            .unwrap()
                            .entry(session.to_string())
                            .or_default()
                            .push(v);
                    }
                }
            });
        }
        Browser {
            child,
            _profile: profile,
            rt,
            out,
            waiters,
            logs,
            next: AtomicU64::new(1),
            _turn: turn,
        }
    }

    /// Sends one command (to a page when `session` is given) and waits for its result.
    pub fn call(&self, session: Option<&str>, method: &str, params: Value) -> Value {
        let id = self.next.fetch_add(1, Ordering::SeqCst);
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let (tx, rx) = oneshot::channel();
        self.waiters.lock().unwrap().insert(id, tx);
        self.out.send(msg.to_string()).expect("Chromium connection");
        let reply = self
            .rt
            .block_on(async { tokio::time::timeout(Duration::from_secs(30), rx).await })
            .unwrap_or_else(|_| panic!("Chromium did not answer {method}"))
            .expect("Chromium connection closed");
        if let Some(e) = reply.get("error") {
            panic!("{method} failed: {e}");
        }
        reply["result"].clone()
    }

    /// A new page (tab) of `width`×`height` CSS pixels, with its event log running.
    pub fn page(&self, width: u32, height: u32) -> Page<'_> {
        let target = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let target_id = target["targetId"].as_str().unwrap().to_string();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        );
        let session = attached["sessionId"].as_str().unwrap().to_string();
        let page = Page {
            browser: self,
            session,
            target_id,
        };
        for domain in ["Page", "Runtime", "Log", "Network"] {
            page.call(&format!("{domain}.enable"), json!({}));
        }
        page.size(width, height, false);
        page
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Page<'b> {
    browser: &'b Browser,
    pub session: String,
    target_id: String,
}

impl Page<'_> {
    pub fn call(&self, method: &str, params: Value) -> Value {
        self.browser.call(Some(&self.session), method, params)
    }

    /// Sets the viewport (a phone: `mobile` true).
    pub fn size(&self, width: u32, height: u32, mobile: bool) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile }),
        );
    }

    /// Opens `url` and waits until the document has loaded.
    pub fn goto(&self, url: &str) {
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_for(
            "document.readyState === 'complete'",
            Duration::from_secs(15),
        );
    }

    /// Evaluates `js` (awaiting a promise) and returns its JSON value; a thrown error fails.
    pub fn eval(&self, js: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": js, "returnByValue": true, "awaitPromise": true }),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("JS failed: {js}\n{e}");
        }
        r["result"]["value"].clone()
    }

    /// Polls `js` until it is truthy; returns its value and how long it took.
    pub fn wait_for(&self, js: &str, timeout: Duration) -> (Value, Duration) {
        let started = Instant::now();
        loop {
            let v = self.eval(js);
            let truthy = match &v {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if truthy {
                return (v, started.elapsed());
            }
            if started.elapsed() > timeout {
                let body = self.eval("document.body ? document.body.innerText : ''");
                panic!(
                    "timed out after {timeout:?} waiting for: {js}\npage text:\n{}\nlog: {:#?}",
                    body.as_str().unwrap_or(""),
                    self.problems("")
                );
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// The text of the first element matching `selector` ("" when absent).
    pub fn text(&self, selector: &str) -> String {
        self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); return e ? e.innerText : ''; }})()",
            json!(selector)
        ))
        .as_str()
        .unwrap_or("")
        .to_string()
    }

    /// Focuses `selector` and types `text` as keyboard input. Like a click's target, the
    /// field may render a moment after the state that announces it: it is looked for until a
    /// deadline.
    pub fn type_into(&self, selector: &str, text: &str) {
        let focus = format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return false; e.focus(); e.select && e.select(); return true; }})()",
            json!(selector)
        );
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.eval(&focus) != Value::Bool(true) {
            assert!(
                Instant::now() < deadline,
                "nothing to type into: {selector}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        self.call("Input.insertText", json!({ "text": text }));
    }

    /// Clicks the element matching `selector` with the mouse, at its centre.
    pub fn click(&self, selector: &str) {
        self.click_found(
            &format!("document.querySelector({})", json!(selector)),
            selector,
        );
    }

    /// Clicks the first button whose text is `label` inside `scope` (a CSS selector).
    pub fn click_button(&self, scope: &str, label: &str) {
        self.click_found(
            &format!(
                "[...document.querySelectorAll({} + ' button')].find((b) => b.innerText.trim() === {})",
                json!(scope),
                json!(label)
            ),
            &format!("button {label:?} in {scope}"),
        );
    }

    /// Finds an element with `find` (a JS expression) and clicks its centre with the mouse,
    /// in one step: the page may re-render it at any time.
    fn click_found(&self, find: &str, what: &str) {
        // The page renders from its reads and live events, so the element may appear a
        // moment after the state that announces it: look again until a deadline.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let (x, y) = loop {
            let at = self.eval(&format!(
                "(() => {{ const e = {find}; if (!e) return null; e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
            ));
            if let (Some(x), Some(y)) = (at[0].as_f64(), at[1].as_f64()) {
                break (x, y);
            }
            assert!(
                std::time::Instant::now() < deadline,
                "nothing to click: {what}"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            );
        }
    }

    /// Presses a key (`Enter`, `Tab`, …) on the focused element.
    pub fn press(&self, key: &str) {
        let code = match key {
            "Enter" => 13,
            "Tab" => 9,
            "ArrowRight" => 39,
            "ArrowLeft" => 37,
            _ => 0,
        };
        for kind in ["rawKeyDown", "keyUp"] {
            let mut p =
                json!({ "type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code });
            if key == "Enter" && kind == "rawKeyDown" {
                p["type"] = json!("keyDown");
                p["text"] = json!("\r");
            }
            self.call("Input.dispatchKeyEvent", p);
        }
    }

    /// A PNG of the viewport (`transparent`: without the default white backdrop).
    pub fn screenshot(&self, path: &Path, transparent: bool) {
        if transparent {
            self.call(
                "Emulation.setDefaultBackgroundColorOverride",
                json!({ "color": { "r": 0, "g": 0, "b": 0, "a": 0 } }),
            );
        }
        let r = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        let data = r["data"].as_str().expect("screenshot data");
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .expect("base64");
        std::fs::write(path, bytes).expect("write screenshot");
    }

    /// Everything that went wrong on this page so far: uncaught JS errors, console errors,
    /// failed requests, HTTP errors, and requests to any other origin than `origin`.
    pub fn problems(&self, origin: &str) -> Vec<String> {
        let logs = self.browser.logs.lock().unwrap();
        let mut out = Vec::new();
        for e in logs.get(&self.session).map(Vec::as_slice).unwrap_or(&[]) {
            let p = &e["params"];
            match e["method"].as_str().unwrap_or("") {
                "Runtime.exceptionThrown" => out.push(format!(
                    "JS error: {}",
                    p["exceptionDetails"]["exception"]["description"]
                        .as_str()
                        .or(p["exceptionDetails"]["text"].as_str())
                        .unwrap_or("?")
                )),
                "Runtime.consoleAPICalled" if p["type"] == "error" => {
                    out.push(format!("console.error: {}", p["args"]))
                }
                "Log.entryAdded" if p["entry"]["level"] == "error" => out.push(format!(
                    "log error: {} {}",
                    p["entry"]["text"], p["entry"]["url"]
                )),
                "Network.loadingFailed" if p["canceled"] != true => {
                    out.push(format!("request failed: {}", p["errorText"]))
                }
                "Network.responseReceived" => {
                    let status = p["response"]["status"].as_u64().unwrap_or(0);
                    if status >= 400 {
                        out.push(format!(
                            "HTTP {status}: {}",
                            p["response"]["url"].as_str().unwrap_or("")
                        ));
                    }
                }
                "Network.requestWillBeSent" if !origin.is_empty() => {
                    let url = p["request"]["url"].as_str().unwrap_or("");
                    let ws = origin.replacen("http", "ws", 1);
                    if !(url.starts_with(origin)
                        || url.starts_with(&ws)
                        || url.starts_with("data:")
                        || url.starts_with("blob:")
                        || url.starts_with("about:"))
                    {
                        out.push(format!("request to another host: {url}"));
                    }
                }
                "Network.webSocketCreated" if !origin.is_empty() => {
                    let url = p["url"].as_str().unwrap_or("");
                    if !url.starts_with(&origin.replacen("http", "ws", 1)) {
                        out.push(format!("WebSocket to another host: {url}"));
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// Fails the test if anything went wrong on the page (see [`Page::problems`]).
    pub fn assert_clean(&self, origin: &str) {
        self.assert_clean_but(origin, |_| false);
    }

    /// [`Page::assert_clean`], except for the problems the test provoked on purpose.
    pub fn assert_clean_but(&self, origin: &str, provoked: impl Fn(&str) -> bool) {
        let p: Vec<String> = self
            .problems(origin)
            .into_iter()
            .filter(|p| !provoked(p))
            .collect();
        assert!(p.is_empty(), "problems on the page:\n{}", p.join("\n"));
    }

    pub fn close(self) {
        self.browser.call(
            None,
            "Target.closeTarget",
            json!({ "targetId": self.target_id }),
        );
    }
}
