//! One YouTube live chat, read with the user's Data API key: `videos.list`
//! (`liveStreamingDetails.activeLiveChatId`) once, then `liveChatMessages.list` page after
//! page, waiting `pollingIntervalMillis` between calls and passing `nextPageToken`. Quota,
//! a chat that ended, a video without a live chat end the source (`failed`, with the API's
//! reason); network errors and 5xx are retried with backoff.

use super::Handle;
use crate::core::chat::live::LiveMessage;
use crate::core::vocab::ChatPlatform;
use serde_json::Value;
use std::time::Duration;

/// Reasons of the API's errors that no retry will fix.
const FATAL_REASONS: &[&str] = &[
    "quotaExceeded",
    "dailyLimitExceeded",
    "liveChatEnded",
    "liveChatNotFound",
    "liveChatDisabled",
    "forbidden",
    "keyInvalid",
    "badRequest",
    "accessNotConfigured",
    "videoNotFound",
];

/// What a failed call means.
enum Failure {
    /// Try again after the backoff.
    Retry(String),
    /// End the source with this reason.
    Fatal(String),
}

pub async fn run(h: Handle) {
    let Some(key) = h.config().youtube_api_key.clone() else {
        h.failed("no YouTube API key: set JACKBOX_YOUTUBE_API_KEY");
        h.stopped().await;
        h.finished();
        return;
    };
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            h.failed(&format!("HTTP client: {e}"));
            h.stopped().await;
            h.finished();
            return;
        }
    };
    let mut attempt = 0u32;
    loop {
        let r = tokio::select! {
            r = read(&h, &client, &key, &mut attempt) => r,
            _ = h.stopped() => break,
        };
        match r {
            Failure::Fatal(reason) => {
                h.failed(&reason);
                h.stopped().await;
                break;
            }
            Failure::Retry(reason) => h.reconnecting(&reason),
        }
        let wait = super::backoff(h.config().retry, attempt);
        attempt = attempt.saturating_add(1);
        if !h.sleep(wait).await {
            break;
        }
    }
    h.finished();
}

/// Finds the chat and reads it until something fails.
async fn read(h: &Handle, client: &reqwest::Client, key: &str, attempt: &mut u32) -> Failure {
    let base = h.config().youtube_api_url.trim_end_matches('/').to_string();
    let video = &h.source.channel;
    let v = match get(
        client,
        &format!("{base}/videos"),
        &[
            ("part", "liveStreamingDetails"),
            ("id", video),
            ("key", key),
        ],
    )
    .await
    {
        Ok(v) => v,
        Err(f) => return f,
    };
    let Some(item) = v["items"].as_array().and_then(|a| a.first()) else {
        return Failure::Fatal(format!("videoNotFound: no video {video}"));
    };
    let Some(chat_id) = item["liveStreamingDetails"]["activeLiveChatId"].as_str() else {
        return Failure::Fatal(format!(
            "liveChatEnded: video {video} has no active live chat (not live, or ended)"
        ));
    };
    let chat_id = chat_id.to_string();
    let mut page: Option<String> = None;
    let mut first = true;
    loop {
        let mut q = vec![
            ("liveChatId", chat_id.as_str()),
            ("part", "snippet,authorDetails"),
            ("maxResults", "2000"),
            ("key", key),
        ];
        if let Some(p) = &page {
            q.push(("pageToken", p.as_str()));
        }
        let v = match get(client, &format!("{base}/liveChat/messages"), &q).await {
            Ok(v) => v,
            Err(f) => return f,
        };
        if first {
            h.connected();
            *attempt = 0;
        }
        // The first page is the chat's recent history: typed before jackbox listened, so
        // it does not count (the same message would otherwise count again after a restart).
        if !first {
            for it in v["items"].as_array().into_iter().flatten() {
                if let Some(m) = message(video, it) {
                    h.message(m).await;
                }
            }
        }
        first = false;
        if v["offlineAt"].is_string() {
            return Failure::Fatal("liveChatEnded: the live stream is offline".into());
        }
        page = v["nextPageToken"].as_str().map(str::to_string).or(page);
        let wait = v["pollingIntervalMillis"].as_u64().unwrap_or(5_000);
        if !h.sleep(Duration::from_millis(wait)).await {
            return Failure::Retry("stopped".into());
        }
    }
}

/// A chat item → a message, for text messages only (super chats, memberships, deletions
/// and the like are not votes).
fn message(video: &str, it: &Value) -> Option<LiveMessage> {
    let sn = &it["snippet"];
    if sn["type"].as_str() != Some("textMessageEvent") {
        return None;
    }
    let text = sn["textMessageDetails"]["messageText"]
        .as_str()
        .or(sn["displayMessage"].as_str())?;
    let author = &it["authorDetails"];
    let id = author["channelId"]
        .as_str()
        .or(sn["authorChannelId"].as_str())
        .map(str::to_string);
    let name = author["displayName"].as_str().unwrap_or("").to_string();
    Some(LiveMessage {
        platform: ChatPlatform::Youtube,
        channel: video.to_string(),
        user_id: id,
        login: name.trim_start_matches('@').to_string(),
        display_name: name,
        text: text.to_string(),
        at: None,
    })
}

/// One API call: the JSON body, or what the failure means.
async fn get(client: &reqwest::Client, url: &str, q: &[(&str, &str)]) -> Result<Value, Failure> {
    let resp = client
        .get(url)
        .query(q)
        .send()
        .await
        .map_err(|e| Failure::Retry(format!("YouTube API unreachable: {}", e.without_url())))?;
    let status = resp.status();
    let body: Value = resp.json().await.unwrap_or(Value::Null);
    if status.is_success() {
        return Ok(body);
    }
    let reason = body["error"]["errors"][0]["reason"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let text = body["error"]["message"].as_str().unwrap_or("").to_string();
    let what = format!(
        "{}: {}",
        if reason.is_empty() {
            status.as_str()
        } else {
            &reason
        },
        if text.is_empty() {
            status.canonical_reason().unwrap_or("error")
        } else {
            &text
        }
    );
    if FATAL_REASONS.contains(&reason.as_str())
        || (status.is_client_error() && status.as_u16() != 429 && reason != "rateLimitExceeded")
    {
        Err(Failure::Fatal(what))
    } else {
        Err(Failure::Retry(what))
    }
}
