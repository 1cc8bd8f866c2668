// The Tonight tab: the game on now (room code, players, the monitor, controls), the lined-up
// game, the open poll, host tools (live vote, chat import, export, closing the night) and
// the night's list with the add-a-game forms.

import { h, fill, rerender, field, errLine, auth, api, act, button, copy } from "/assets/ui.js";
import { GameStatus, MonitorStatus, MonitorPhase, VoteKind } from "/assets/vocab.js";
import { $, STATUS_ICON, votes, exportButtons, nightName, monitorWords, ticking } from "/assets/console/parts.js";
import { S, sessionPath, current, openPoll, loadTonight, catalog, onChange } from "/assets/console/store.js";
import { pollBars, pollControls, pollClock } from "/assets/console/poll.js";

const MONITOR_TEXT = {
  [MonitorStatus.NotStarted]: "not monitored",
  [MonitorStatus.Monitoring]: "watching the room…",
  [MonitorStatus.Completed]: "ended",
  [MonitorStatus.Stopped]: "monitor stopped",
  [MonitorStatus.Failed]: "monitor failed",
};

function monitorText(g) {
  if (g.monitor_state) return monitorWords(g.monitor_state);
  return MONITOR_TEXT[g.player_count_check_status] || g.player_count_check_status || "not monitored";
}

let tonightShown = "";
export function renderTonight() {
  // Unchanged data, unchanged page: a re-render under the pointer could eat a click.
  const shown = JSON.stringify([S.session, S.games, S.selection, S.polls, [...S.lobby], auth.token, auth.role, S.importSummary, S.closed]);
  if (shown === tonightShown) return;
  tonightShown = shown;
  $("night").textContent = S.session ? nightName(S.session) : "No game night running";
  rerender($("now-col"), nowColumn);
  rerender($("list-col"), listColumn);
}

function nowColumn() {
  if (!S.session) {
    const notes = field("Notes (optional)", { name: "notes", placeholder: "Friday game night" });
    const form = act(
      h("form", { class: "ctl admin-only", id: "session-start" }, notes, h("button", { type: "submit" }, "Start a session"), errLine()),
      async () => {
        const v = form.elements.notes.value.trim();
        await api("POST", "/api/sessions", { notes: v || null });
        await loadTonight();
      },
    );
    return [undoCard(), h("div", { class: "card" }, h("h2", {}, "No game night running"), h("p", { class: "muted" }, "Start a session to track tonight's games."), form)];
  }
  const cur = current();
  const out = [nowCard(cur)];
  out.push(nextCard());
  const poll = openPoll();
  if (poll) out.push(h("div", { class: "card", id: "tonight-poll" }, h("h2", {}, "Poll"), pollClock(poll), pollBars(poll), pollControls(poll)));
  out.push(hostTools());
  return out;
}

/** Just after closing a night: a short time to take it back (`POST …/reopen`). */
function undoCard() {
  const c = S.closed;
  if (!c || !auth.admin) return null;
  return h(
    "div",
    { class: "card undo", id: "undo-close", role: "status" },
    h("p", {}, `“${c.name}” is closed.`),
    h(
      "div",
      { class: "ctl actions" },
      button("Undo", async () => {
        await api("POST", `/api/sessions/${c.id}/reopen`);
        forgetClosed();
        await loadTonight();
      }, { "aria-label": `Reopen ${c.name}` }),
      errLine(),
    ),
  );
}

const UNDO_SECONDS = 15;
let undoTimer = null;
function forgetClosed() {
  clearTimeout(undoTimer);
  S.closed = null;
  renderTonight();
}

function nowCard(g) {
  // Keyed by the game: what was typed for one game never moves into the next one's boxes.
  const card = h("div", { class: "card now", id: "now-card", dataset: { key: g ? `now-${g.id}` : "now" } }, h("h2", {}, "Now playing"));
  if (!g) {
    card.append(h("p", { class: "muted" }, "Nothing playing yet: pick or add a game."));
    return card;
  }
  const l = S.lobby.get(g.id);
  card.append(
    h("p", { class: "game-title", id: "now-title" }, g.title),
    h("p", { class: "muted" }, g.pack_name),
  );
  if (g.room_code) {
    const copyBtn = button("Copy", async () => {
      await copy(g.room_code);
      copyBtn.textContent = "Copied";
      setTimeout(() => (copyBtn.textContent = "Copy"), 1500);
    }, { "aria-label": `Copy room code ${g.room_code}` });
    card.append(h("div", { class: "room ctl" }, h("span", { class: "label" }, "Room"), h("span", { class: "code", id: "now-code" }, g.room_code), copyBtn, errLine()));
  }
  const max = g.max_players ? ` / ${g.max_players}` : "";
  const m = g.monitor_state;
  const monitor = h("span", { class: `monitor ${m ? m.state : ""}`, id: "now-monitor" });
  card.append(
    h("p", { class: "players", id: "now-players" }, `Players ${g.player_count ?? "–"}${max}`, " · ", ticking(monitor, () => monitorText(g))),
  );
  if (m && m.reason && m.state === MonitorPhase.Retrying) card.append(h("p", { class: "muted small", id: "now-monitor-reason" }, m.reason));
  if (l && l.players && l.players.length) card.append(h("p", { class: "muted names" }, l.players.join(", ")));
  card.append(votes(g));
  if (auth.admin) card.append(gameControls(g, true));
  return card;
}

function gameControls(g, compact) {
  const path = sessionPath(`/games/${g.id}`);
  const setStatus = (status) => api("PATCH", `${path}/status`, { status }).then(loadTonight);
  const monitoring = g.player_count_check_status === MonitorStatus.Monitoring;
  const row = h(
    "div",
    { class: "ctl actions" },
    g.status !== GameStatus.Played && button("Played", () => setStatus(GameStatus.Played)),
    g.status !== GameStatus.Skipped && button("Skip", () => setStatus(GameStatus.Skipped)),
    g.status !== GameStatus.Playing && button("Playing", () => setStatus(GameStatus.Playing)),
    g.room_code && button(monitoring ? "Stop monitor" : "Start monitor", () => api("POST", `${path}/${monitoring ? "stop" : "start"}-player-check`).then(loadTonight)),
    !compact && button("Remove", () => api("DELETE", path).then(loadTonight), { class: "danger" }),
    errLine(),
  );
  const code = act(
    h("form", { class: "ctl inline" }, field("Room code", { name: "room_code", value: g.room_code || "", maxlength: 4, autocomplete: "off", class: "code-input" }), h("button", { type: "submit" }, "Set"), errLine()),
    async (e) => {
      await api("PATCH", `${path}/room-code`, { room_code: e.target.elements.room_code.value.trim().toUpperCase() });
      await loadTonight();
    },
  );
  const count = act(
    h("form", { class: "ctl inline" }, field("Players", { name: "player_count", type: "number", min: 0, value: g.player_count ?? "", inputmode: "numeric" }), h("button", { type: "submit" }, "Set"), errLine()),
    async (e) => {
      const v = e.target.elements.player_count.value;
      await api("PATCH", `${path}/player-count`, { player_count: v === "" ? null : Number(v) });
      await loadTonight();
    },
  );
  return h("div", { class: "controls" }, row, h("div", { class: "inline-forms" }, code, count));
}

function nextCard() {
  const sel = S.selection && S.selection.game ? S.selection : null;
  const card = h("div", { class: "card" }, h("h2", {}, "Up next"));
  if (!sel) {
    card.append(h("p", { class: "muted" }, "Nothing lined up."));
    return card;
  }
  card.append(h("p", { class: "game-title", id: "next-title" }, sel.game.title, " ", h("span", { class: "badge" }, sel.source)));
  if (auth.admin) {
    card.append(
      h(
        "div",
        { class: "ctl actions" },
        button("Add it", async () => {
          await api("POST", sessionPath("/games"), { game_id: sel.game.id });
          await loadTonight();
        }),
        button("Dismiss", async () => {
          await api("DELETE", sessionPath("/game-selection"));
          await loadTonight();
        }),
        errLine(),
      ),
    );
  }
  return card;
}

/** Built once per session and login, so a chosen file or a half-typed name survives updates. */
let tools = { key: null, node: null, summary: null };
function hostTools() {
  if (!auth.admin) return null;
  const key = `${S.session.id}:${auth.token}`;
  if (tools.key !== key) tools = { key, ...buildHostTools() };
  renderImportSummary();
  return tools.node;
}

function renderImportSummary() {
  const s = S.importSummary;
  fill(
    tools.summary,
    s &&
      h(
        "div",
        { class: "summary", id: "import-summary", role: "status" },
        h("p", {}, `${s.messagesImported} messages imported, ${s.duplicatesSkipped} duplicates skipped, ${s.votesProcessed} votes counted, ${s.unmatchedVotes} unmatched.`),
        h("ul", {}, Object.values(s.votesByGame || {}).map((g) => h("li", {}, `${g.title}: ▲${g.upvotes} ▼${g.downvotes}`))),
      ),
  );
}

function buildHostTools() {
  const card = h("div", { class: "card" }, h("h2", {}, "Host tools"));
  // A live vote for the game on now.
  const vote = (type) => async () => {
    const u = voteForm.elements.username.value.trim();
    await api("POST", "/api/votes/live", { username: u, vote: type, timestamp: new Date().toISOString() });
    voteForm.elements.username.value = "";
    await loadTonight();
  };
  const voteForm = h(
    "form",
    { class: "ctl inline", id: "live-vote" },
    field("Viewer", { name: "username", autocomplete: "off", placeholder: "username" }),
    button("▲ Up", vote(VoteKind.Up), { "aria-label": "Record an upvote" }),
    button("▼ Down", vote(VoteKind.Down), { "aria-label": "Record a downvote" }),
    errLine(),
  );
  voteForm.addEventListener("submit", (e) => e.preventDefault());
  card.append(h("h3", {}, "Live vote"), voteForm);

  // Chat import: the JSON chat format of the API ({chatData:[…]} or a bare array).
  const file = field("Chat log (JSON)", { name: "file", type: "file", accept: ".json,application/json" });
  const importForm = act(
    h("form", { class: "ctl", id: "chat-import" }, file, h("button", { type: "submit" }, "Import"), errLine()),
    async (e) => {
      const f = e.target.elements.file.files[0];
      if (!f) throw new Error("Choose a chat log file first");
      let text = await f.text();
      if (/^\s*\[/.test(text)) text = `{"chatData":${text}}`;
      S.importSummary = await api("POST", sessionPath("/chat-import"), undefined, { raw: text });
      e.target.reset();
      await loadTonight();
    },
  );
  const summary = h("div", {});
  card.append(h("h3", {}, "Import a chat log"), importForm, summary);
  card.append(h("h3", {}, "Export"), exportButtons(S.session.id));
  // The session has one notes field, which closing notes replace: they are added after the
  // night's name instead, so History keeps calling the night by its name.
  const closeForm = act(
    h("form", { class: "ctl inline", id: "session-close" }, field("Closing notes (optional, added after the name)", { name: "notes", autocomplete: "off" }), h("button", { type: "submit", class: "danger" }, "Close session"), errLine()),
    async (e) => {
      const session = S.session;
      const closing = e.target.elements.notes.value.trim();
      const notes = closing && session.notes ? `${session.notes} — ${closing}` : closing;
      await api("POST", sessionPath("/close"), notes ? { notes } : {});
      e.target.reset();
      clearTimeout(undoTimer);
      S.closed = { id: session.id, name: nightName(session) };
      undoTimer = setTimeout(forgetClosed, UNDO_SECONDS * 1000);
      await loadTonight();
    },
  );
  card.append(h("h3", { class: "end" }, "End the night"), h("p", { class: "muted small" }, `Closing can be undone for ${UNDO_SECONDS} seconds.`), closeForm);
  return { node: card, summary };
}

function listColumn() {
  if (!S.session) return [];
  const list = h(
    "ol",
    { class: "games", id: "tonight-list" },
    S.games.map((g) =>
      h(
        "li",
        { class: `game ${g.status}`, dataset: { id: g.id, key: `sg${g.id}` } },
        h(
          "div",
          { class: "row" },
          h("span", { class: "status", title: g.status, "aria-label": g.status }, STATUS_ICON[g.status] || "·"),
          h("span", { class: "name" }, g.title, g.status === GameStatus.Skipped ? h("span", { class: "muted" }, " (skipped)") : null),
          g.room_code ? h("span", { class: "mono" }, g.room_code) : null,
          votes(g),
        ),
        auth.admin ? h("details", {}, h("summary", {}, `Edit ${g.title}`), gameControls(g, false)) : null,
      ),
    ),
  );
  const card = h("div", { class: "card" }, h("h2", {}, `Tonight (${S.games.length} ${S.games.length === 1 ? "game" : "games"})`), S.games.length ? list : h("p", { class: "muted" }, "No games yet."));
  if (auth.admin) {
    if (!addForms) addForms = addGameForms();
    card.append(addForms);
  }
  return [card];
}

function gameLabel(g) {
  return `${g.title} (${g.pack_name})`;
}

let addForms = null;
function addGameForms() {
  const listId = "catalog-titles";
  const datalist = h("datalist", { id: listId });
  catalog()
    .then((games) => fill(datalist, games.filter((g) => g.enabled).map((g) => h("option", { value: gameLabel(g) }))))
    .catch(() => {});
  const byTitle = act(
    h(
      "form",
      { class: "ctl", id: "add-by-title" },
      field("Game", { name: "title", list: listId, autocomplete: "off", placeholder: "Type a title" }),
      datalist,
      field("Room code (optional)", { name: "room_code", maxlength: 4, autocomplete: "off", class: "code-input" }),
      h("button", { type: "submit" }, "+ Add game"),
      errLine(),
    ),
    async (e) => {
      const t = e.target.elements.title.value.trim().toLowerCase();
      const games = await catalog();
      const g = games.find((x) => gameLabel(x).toLowerCase() === t) || games.find((x) => x.title.toLowerCase() === t) || null;
      const matches = g ? [g] : games.filter((x) => x.title.toLowerCase().includes(t));
      if (!t) throw new Error("Type a game title");
      if (matches.length !== 1) throw new Error(matches.length ? `${matches.length} games match; choose one from the list` : "No game has that title");
      const code = e.target.elements.room_code.value.trim().toUpperCase();
      const body = { game_id: matches[0].id, manually_added: true };
      if (code) body.room_code = code;
      await api("POST", sessionPath("/games"), body);
      e.target.reset();
      await loadTonight();
    },
  );
  const byCode = act(
    h(
      "form",
      { class: "ctl inline", id: "add-by-code" },
      field("Room code", { name: "room_code", maxlength: 4, autocomplete: "off", class: "code-input", placeholder: "ABCD" }),
      h("button", { type: "submit" }, "Add by room code"),
      errLine(),
    ),
    async (e) => {
      await api("POST", sessionPath("/games"), { room_code: e.target.elements.room_code.value.trim().toUpperCase(), manually_added: true });
      e.target.reset();
      await loadTonight();
    },
  );
  return h("div", { class: "add" }, h("h3", {}, "Add a game"), byTitle, byCode);
}

onChange((topic) => topic === "tonight" && renderTonight());
