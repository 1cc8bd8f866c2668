//! A local stand-in for the YouTube Data API v3's two calls jackbox makes: `videos.list`
//! (`liveStreamingDetails.activeLiveChatId`) and `liveChatMessages.list`, answering with the
//! documented response shapes kept in `tests/fixtures/youtube/` (see its README). Messages
//! queued by a test go out on the next page; every request's path and query is recorded.

#![allow(dead_code)]

use serde_json::Value;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

pub const KEY: &str = "test-api-key";

fn fixture(name: &str) -> Value {
    let text = match name {
        "videos_list" => include_str!("../fixtures/youtube/videos_list.json"),
        "messages_page" => include_str!("../fixtures/youtube/messages_page.json"),
        "error_live_chat_ended" => include_str!("../fixtures/youtube/error_live_chat_ended.json"),
        "error_quota" => include_str!("../fixtures/youtube/error_quota.json"),
        other => panic!("no youtube fixture {other}"),
    };
    serde_json::from_str(text).unwrap()
}

#[derive(Default)]
struct State {
    requests: Vec<String>,
    /// Messages for the next page: (channel id, display name, text).
    queue: Vec<(String, String, String)>,
    pages: usize,
    /// An error body (fixture name) for every later liveChatMessages call.
    fail_with: Option<&'static str>,
}

pub struct FakeYouTube {
    pub url: String,
    state: Arc<Mutex<State>>,
    _rt: tokio::runtime::Runtime,
}

impl FakeYouTube {
    pub fn start() -> FakeYouTube {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let listener = rt.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
        let url = format!("http://{}/youtube/v3", listener.local_addr().unwrap());
        let state: Arc<Mutex<State>> = Arc::default();
        let st = state.clone();
        rt.spawn(async move {
            while let Ok((mut s, _)) = listener.accept().await {
                let st = st.clone();
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 4096];
                    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                        match s.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let head = String::from_utf8_lossy(&buf).to_string();
                    let target = head.split(' ').nth(1).unwrap_or("/").to_string();
                    let (status, body) = answer(&target, &st);
                    let body = body.to_string();
                    let resp = format!(
                        "HTTP/1.1 {status} X\r\nContent-Type: application/json; charset=UTF-8\r\n\
                         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = s.write_all(resp.as_bytes()).await;
                    let _ = s.shutdown().await;
                });
            }
        });
        FakeYouTube {
            url,
            state,
            _rt: rt,
        }
    }

    pub fn say(&self, channel_id: &str, name: &str, text: &str) {
        self.state
            .lock()
            .unwrap()
            .queue
            .push((channel_id.into(), name.into(), text.into()));
    }

    pub fn fail_with(&self, fixture: &'static str) {
        self.state.lock().unwrap().fail_with = Some(fixture);
    }

    pub fn requests(&self) -> Vec<String> {
        self.state.lock().unwrap().requests.clone()
    }

    /// Pages of messages served so far.
    pub fn pages(&self) -> usize {
        self.state.lock().unwrap().pages
    }
}

fn query(target: &str, key: &str) -> Option<String> {
    let q = target.split_once('?')?.1;
    q.split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| {
            urlencoding::decode(v)
                .map(|c| c.into_owned())
                .unwrap_or_default()
        })
}

fn answer(target: &str, st: &Arc<Mutex<State>>) -> (u16, Value) {
    let mut s = st.lock().unwrap();
    s.requests.push(target.to_string());
    let path = target.split('?').next().unwrap_or("");
    if query(target, "key").as_deref() != Some(KEY) {
        let mut e = fixture("error_quota");
        e["error"]["code"] = 400.into();
        e["error"]["message"] = "API key not valid. Please pass a valid API key.".into();
        e["error"]["errors"][0]["reason"] = "keyInvalid".into();
        e["error"]["errors"][0]["domain"] = "usageLimits".into();
        return (400, e);
    }
    match path {
        "/youtube/v3/videos" => {
            let mut v = fixture("videos_list");
            v["items"][0]["id"] = query(target, "id").unwrap_or_default().into();
            (200, v)
        }
        "/youtube/v3/liveChat/messages" => {
            if let Some(f) = s.fail_with {
                return (403, fixture(f));
            }
            let mut page = fixture("messages_page");
            let template = page["items"][0].clone();
            let superchat = page["items"][1].clone();
            let mut items: Vec<Value> = Vec::new();
            if s.pages == 0 {
                // The first page is the chat's history: a vote typed before jackbox listened.
                s.queue.insert(
                    0,
                    ("UCHISTORY".into(), "history".into(), "thisgame++".into()),
                );
            }
            let page_no = s.pages;
            let queued: Vec<_> = s.queue.drain(..).collect();
            for (i, (id, name, text)) in queued.into_iter().enumerate() {
                let mut m = template.clone();
                m["id"] = format!("LCC.fake{page_no}-{i}").into();
                m["snippet"]["authorChannelId"] = id.clone().into();
                m["snippet"]["displayMessage"] = text.clone().into();
                m["snippet"]["textMessageDetails"]["messageText"] = text.into();
                m["authorDetails"]["channelId"] = id.clone().into();
                m["authorDetails"]["channelUrl"] =
                    format!("http://www.youtube.com/channel/{id}").into();
                m["authorDetails"]["displayName"] = name.into();
                items.push(m);
            }
            items.push(superchat);
            s.pages += 1;
            page["pageInfo"]["totalResults"] = items.len().into();
            page["pageInfo"]["resultsPerPage"] = items.len().into();
            page["items"] = Value::Array(items);
            page["nextPageToken"] = format!("page-{}", s.pages).into();
            (200, page)
        }
        _ => (
            404,
            serde_json::json!({ "error": { "code": 404, "message": "Not Found" } }),
        ),
    }
}
