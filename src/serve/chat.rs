//! Live chat in the daemon: building the chat sources' runtime (its counter is the writer
//! connection running `core::chat::live::count`, its announcer the WebSocket hub), starting
//! the stored sources, and `GET` / `PUT /api/chat/sources`.

use super::auth::require_admin;
use super::http::{self, Req, Resp};
use super::App;
use crate::chat::bot::Answerer;
use crate::chat::{Announcer, Chat, Counter};
use crate::core::chat::bot::{self, RoomCodes};
use crate::core::chat::live;
use crate::core::chat::sources::{self, Source};
use crate::core::events::Wire;
use crate::Result;
use std::sync::{Arc, Weak};

/// The daemon's chat runtime. Built before the `App` exists, so it reaches the writer
/// and the hub through a weak reference (dropped with the app).
pub fn runtime(
    app: Weak<App>,
    config: crate::chat::Config,
    shutdown: tokio::sync::watch::Receiver<bool>,
) -> Arc<Chat> {
    let rules = config.rules.clone();
    let for_count = app.clone();
    let count: Counter = Arc::new(move |msg| {
        let Some(app) = for_count.upgrade() else {
            return Box::pin(async { Err(crate::Error::storage("the daemon is stopping")) });
        };
        let rules = rules.clone();
        // On the writer's queue now, in the order the source read the messages.
        let queued = app.db.enqueue(move |c| live::count(c, &msg, &rules));
        Box::pin(async move { app.db.finish(queued).await })
    });
    let room_codes = config
        .bot
        .as_ref()
        .map_or(RoomCodes::Shown, |b| b.room_codes);
    let for_answer = app.clone();
    let answer: Answerer = Arc::new(move |command, who| {
        let app = for_answer.clone();
        Box::pin(async move {
            let app = app
                .upgrade()
                .ok_or_else(|| crate::Error::storage("the daemon is stopping"))?;
            let now = chrono::Utc::now().timestamp_millis();
            app.db
                .read(move |c| bot::answer(c, command, &who, room_codes, now))
                .await
        })
    });
    let announce: Announcer = Arc::new(move |event| {
        let Some(app) = app.upgrade() else { return };
        match Wire::new(&event, crate::time::now()).and_then(|w| w.frame()) {
            Ok(frame) => app.live.hub.broadcast(Arc::from(frame)),
            Err(e) => tracing::warn!(error = %e.message, "chat event not sent"),
        }
    });
    Chat::new(config, count, announce, answer, shutdown)
}

/// At start: the sources given on the command line replace the stored list (when given),
/// then the stored list starts; the bot account, when set up, starts listening to the
/// core's events and sending its queue.
pub async fn start(app: &Arc<App>) -> Result<()> {
    if let Some(bot) = app.chat.bot() {
        tokio::spawn(crate::chat::bot::listen(
            bot.clone(),
            app.live.events.subscribe(),
        ));
        let mut stop = app.shutdown.subscribe();
        tokio::spawn(bot.clone().run(async move {
            let _ = stop.wait_for(|v| *v).await;
        }));
        tracing::info!(bot = %bot.config.login, "replying in Twitch chat as the bot account");
    }
    let given = app.config.chat_sources.clone();
    let stored = app
        .db
        .write(move |c| {
            if let Some(list) = &given {
                sources::replace(c, list)?;
            }
            sources::list(c)
        })
        .await?;
    if !stored.is_empty() {
        tracing::info!(sources = stored.len(), "reading live chat");
    }
    app.chat.set(&stored);
    Ok(())
}

/// `GET /api/chat/sources` (no auth, like other reads).
pub async fn list(app: Arc<App>, _req: Req) -> Result<Resp> {
    http::ok(&app.chat.status())
}

/// `PUT /api/chat/sources` (admin): stores the list and reads exactly it from now on.
pub async fn put(app: Arc<App>, mut req: Req) -> Result<Resp> {
    require_admin(&app, &req).await?;
    let body = req.json(&app).await?;
    let list: Vec<Source> = sources::from_json(&serde_json::Value::Object(body.0))?;
    let stored = list.clone();
    app.db.write(move |c| sources::replace(c, &stored)).await?;
    app.chat.set(&list);
    http::ok(&app.chat.status())
}
