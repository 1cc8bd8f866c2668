// The Poll tab: the open poll's live bars and controls, starting a poll, earlier polls. The
// bars and controls also show on Tonight.

import { h, rerender, field, errLine, auth, api, act, button, clock } from "/assets/ui.js";
import { PollStatus } from "/assets/vocab.js";
import { $, ticking, mmss, secondsUntil } from "/assets/console/parts.js";
import { S, sessionPath, openPoll, loadTonight, catalog, onChange } from "/assets/console/store.js";

/** How long the poll has been open, and the countdown to its end when it has one. */
export function pollClock(poll) {
  const el = h("p", { class: "poll-clock", "aria-live": "off" });
  return ticking(el, () => {
    const open = `open ${mmss(Math.max(0, (Date.now() - Date.parse(poll.startedAt)) / 1000))}`;
    const end = poll.endsAt || poll.closesAt;
    return end ? `${open} · ends in ${mmss(secondsUntil(end))}` : open;
  });
}

export function pollBars(poll) {
  const total = poll.options.reduce((n, o) => n + (o.votes || 0), 0);
  return h(
    "ol",
    { class: "bars", dataset: { poll: poll.id, total } },
    poll.options.map((o) => {
      const pct = total ? Math.round(((o.votes || 0) * 100) / total) : 0;
      const bar = h("span", { class: "bar" });
      bar.style.width = `${pct}%`;
      return h(
        "li",
        { class: poll.winner && poll.winner.position === o.position ? "winner" : "", dataset: { votes: o.votes || 0 } },
        h("span", { class: "track" }, bar),
        h("span", { class: "opt" }, `${o.position}. ${o.label}`, o.ticker ? h("span", { class: "muted" }, ` ${o.ticker}`) : null),
        h("span", { class: "count" }, `${o.votes || 0} (${pct}%)`),
      );
    }),
  );
}

export function pollControls(poll) {
  if (!auth.admin || poll.status !== PollStatus.Open) return null;
  const base = sessionPath("/polls/current");
  const voteForm = act(
    h("form", { class: "ctl inline" }, field("Viewer", { name: "username", autocomplete: "off" }), field("Choice", { name: "choice", autocomplete: "off", placeholder: "1, ticker or title" }), h("button", { type: "submit" }, "Record vote"), errLine()),
    async (e) => {
      await api("POST", `${base}/votes`, { username: e.target.elements.username.value.trim(), choice: e.target.elements.choice.value.trim() });
      e.target.elements.username.value = "";
      await loadTonight();
    },
  );
  const deadline = poll.closesAt ? h("p", { class: "muted" }, `Closes at ${clock(poll.closesAt)}`) : null;
  // The countdown (`voting/end` with a delay), cancelled by `voting/cancel-end`.
  const countdown = poll.endsAt
    ? h("div", { class: "ctl actions" }, button("Cancel countdown", () => api("POST", sessionPath("/voting/cancel-end")).then(loadTonight)), errLine())
    : act(
        h("form", { class: "ctl inline countdown" }, field("Countdown (seconds)", { name: "delay", type: "number", min: 0, max: 300, value: 10, inputmode: "numeric" }), h("button", { type: "submit" }, "End after countdown"), errLine()),
        async (e) => {
          await api("POST", sessionPath("/voting/end"), { delay: Number(e.target.elements.delay.value || 0) });
          await loadTonight();
        },
      );
  return h(
    "div",
    { class: "controls" },
    deadline,
    h("div", { class: "ctl actions" }, button("Close poll", () => api("POST", `${base}/close`).then(loadTonight)), button("Cancel poll", () => api("DELETE", base).then(loadTonight), { class: "danger" }), errLine()),
    countdown,
    voteForm,
  );
}

let pollsShown = "";
export function renderPolls() {
  const panel = $("panel-poll");
  // Unchanged data, unchanged page (see renderTonight).
  const shown = JSON.stringify([S.session && S.session.id, S.polls, auth.token]);
  if (shown === pollsShown && panel.childElementCount) return;
  pollsShown = shown;
  if (!S.session) {
    rerender(panel, h("div", { class: "card" }, h("h2", {}, "Polls"), h("p", { class: "muted" }, "Polls run during a session.")));
    return;
  }
  const open = openPoll();
  const cards = [];
  if (open) cards.push(h("div", { class: "card", id: "poll-open" }, h("h2", {}, "Open poll"), pollClock(open), pollBars(open), pollControls(open)));
  else if (auth.admin) cards.push(startPollForm());
  const past = S.polls.filter((p) => p.status !== PollStatus.Open);
  cards.push(
    h(
      "div",
      { class: "card" },
      h("h2", {}, "Earlier polls"),
      past.length
        ? h("ul", { class: "plain" }, past.map((p) => h("li", {}, `${clock(p.startedAt)} · ${p.status} · `, p.winner ? `winner: ${p.winner.label}` : "no winner", ` · ${p.totalVotes} votes`)))
        : h("p", { class: "muted" }, "None yet."),
    ),
  );
  rerender(panel, ...cards);
}

onChange((topic) => {
  if (topic === "tonight" && S.tab === "poll") renderPolls();
});

function startPollForm() {
  const form = act(
    h(
      "form",
      { class: "ctl card", id: "poll-start" },
      h("h2", {}, "Start a poll"),
      h("p", { class: "muted" }, "Choose the games, or let the picker draw them."),
      field("Games (comma-separated titles or tickers; empty: drawn by the picker)", { name: "games", autocomplete: "off" }),
      field("How many to draw", { name: "count", type: "number", min: 2, max: 6, value: 3 }),
      field("Players", { name: "playerCount", type: "number", min: 1, inputmode: "numeric" }),
      field("Duration (seconds; empty: close by hand)", { name: "duration", type: "number", min: 10, max: 3600, value: 60 }),
      h("label", { class: "check" }, h("input", { type: "checkbox", name: "includeOther", checked: true }), " Offer “Other”"),
      h("button", { type: "submit" }, "Start poll"),
      errLine(),
    ),
    async (e) => {
      const el = e.target.elements;
      const body = { includeOther: el.includeOther.checked };
      const names = el.games.value.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
      if (names.length) {
        const games = await catalog();
        body.gameIds = names.map((n) => {
          const g = games.find((x) => x.title.toLowerCase() === n || (x.ticker || "").toLowerCase() === n);
          if (!g) throw new Error(`No game is called “${n}”`);
          return g.id;
        });
      } else if (el.count.value) body.count = Number(el.count.value);
      if (el.playerCount.value) body.playerCount = Number(el.playerCount.value);
      body.durationSeconds = el.duration.value ? Number(el.duration.value) : null;
      await api("POST", sessionPath("/polls"), body);
      await loadTonight();
    },
  );
  return form;
}
