// Settings → Chat (admins): the live chat sources the daemon reads (Twitch channels, YouTube
// streams), one dot per source with its state, and adding or removing one
// (GET/PUT /api/chat/sources, docs/chat.md). chat.connected / chat.disconnected re-read it.

import { h, rerender, field, errLine, auth, api, act, button, when } from "/assets/ui.js";
import { ChatPlatform, ChatState, CHAT_CONNECTED, CHAT_DISCONNECTED } from "/assets/vocab.js";
import { $ } from "/assets/console/parts.js";
import { changed } from "/assets/console/store.js";

const STATE_TEXT = {
  [ChatState.Connecting]: "connecting",
  [ChatState.Connected]: "connected",
  [ChatState.Failed]: "failed",
  [ChatState.Stopped]: "stopped",
};

const listOf = (sources) => sources.map((s) => ({ platform: s.platform, channel: s.channel }));

/** Whether a WebSocket frame is about chat sources (then the card is read again). */
export function isChatEvent(msg) {
  return msg.type === CHAT_CONNECTED || msg.type === CHAT_DISCONNECTED;
}

export async function loadChat() {
  if (!auth.admin || !$("chat")) return;
  const { sources } = await api("GET", "/api/chat/sources");
  if (!changed("chat", sources)) return;
  const save = (list) => api("PUT", "/api/chat/sources", { sources: list }).then(loadChat);
  const rows = sources.map((s) =>
    h(
      "li",
      { class: "chat-source", "data-state": s.state },
      h("span", { class: "dot", "data-state": s.state, title: STATE_TEXT[s.state] || s.state, "aria-hidden": "true" }),
      " ",
      h("strong", {}, s.platform === ChatPlatform.Twitch ? `#${s.channel}` : s.channel),
      " ",
      h("span", { class: "muted" }, `${s.platform} · ${STATE_TEXT[s.state] || s.state} since ${when(s.since)} · ${s.messagesSeen} messages · ${s.votesCounted} votes`),
      s.lastError ? h("p", { class: "err" }, s.lastError) : "",
      h(
        "div",
        { class: "ctl actions" },
        button("Remove", () => save(listOf(sources).filter((x) => !(x.platform === s.platform && x.channel === s.channel))), {
          class: "danger",
          "aria-label": `Stop reading ${s.platform} ${s.channel}`,
        }),
        errLine(),
      ),
    ),
  );
  const add = act(
    h(
      "form",
      { class: "ctl", id: "chat-add" },
      h("h3", {}, "Read a chat"),
      field("Platform", { name: "platform", options: [[ChatPlatform.Twitch, "Twitch"], [ChatPlatform.Youtube, "YouTube"]] }, "select"),
      field("Channel", { name: "channel", required: true, autocomplete: "off", placeholder: "channel, or YouTube video id" }),
      h("button", { type: "submit" }, "Add"),
      errLine(),
    ),
    async (e) => {
      const f = e.target.elements;
      await save([...listOf(sources), { platform: f.platform.value, channel: f.channel.value.trim() }]);
      e.target.reset();
    },
  );
  rerender(
    $("chat"),
    h("h2", {}, "Chat"),
    h("p", { class: "muted" }, "Viewers vote in chat: thisgame++, TICKER++, !vote N or just N during a poll."),
    sources.length ? h("ul", { class: "plain", id: "chat-sources" }, rows) : h("p", { class: "muted" }, "No chat is read."),
    add,
  );
}
