// The console: tonight's session, the picker, polls, history, catalog, stats and settings.
// Reads are public; host actions appear after login. Live from the WebSocket: every event
// re-reads what it touches (coalesced), lobby and poll events patch the page at once.

import { Live, getJSON, request } from "/assets/live.js";
import { h, fill, rerender, field, errLine, auth, claims, whenExpired, api, act, button, when, clock, download, copy } from "/assets/ui.js";

const $ = (id) => document.getElementById(id);
const TABS = ["tonight", "pick", "poll", "history", "catalog", "stats", "settings"];
const S = {
  tab: "tonight",
  session: null,
  games: [],
  selection: null,
  polls: [],
  lobby: new Map(),
  catalog: null,
  presence: [],
  picked: null,
  importSummary: null,
};
let live = null;

const enc = encodeURIComponent;
const sessionPath = (p = "") => `/api/sessions/${S.session.id}${p}`;
const current = () => S.games.filter((g) => g.status === "playing").pop() || null;
const openPoll = () => S.polls.find((p) => p.status === "open") || null;

// ---- Login ---------------------------------------------------------------------------

function notice(text) {
  $("notice").textContent = text || "";
  $("notice").hidden = !text;
}

let expiryTimer = null;
function scheduleExpiry() {
  clearTimeout(expiryTimer);
  if (!auth.token || !auth.exp) return;
  const ms = auth.exp - Date.now();
  if (ms <= 0) {
    expire("Your login expired. Log in again.");
    return;
  }
  expiryTimer = setTimeout(() => expire("Your login expired. Log in again."), Math.min(ms, 2 ** 31 - 1));
}

function expire(message) {
  if (!auth.token) return;
  auth.clear();
  notice(message);
  applyLogin();
}
whenExpired(expire);

function setLogin(token, name, role) {
  const c = claims(token);
  auth.save(token, name || c.name || c.sub || role, role || c.role || "admin", (c.exp || 0) * 1000);
  notice("");
  scheduleExpiry();
  applyLogin();
}

function applyLogin() {
  document.body.classList.toggle("authed", !!auth.token);
  document.body.classList.toggle("is-admin", auth.admin);
  $("login").hidden = !!auth.token;
  $("who").hidden = !auth.token;
  $("logout").hidden = !auth.token;
  $("who").textContent = auth.token ? `${auth.name}${auth.role === "viewer" ? " (viewer)" : ""}` : "";
  if (!auth.admin && S.tab === "settings") showTab("tonight");
  startLive();
  renderTonight();
  loadTab(S.tab);
}

act($("login"), async () => {
  const key = $("login-key").value.trim();
  if (/^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(key)) {
    // A minted token (a viewer's, or an admin's) instead of a key.
    const r = await request("POST", "/api/auth/verify", { token: key });
    setLogin(key, r.user && r.user.name, r.user && r.user.role);
  } else {
    const r = await request("POST", "/api/auth/login", { body: { key } });
    setLogin(r.token, r.name, "admin");
  }
  $("login-key").value = "";
});

$("logout").addEventListener("click", () => {
  auth.clear();
  clearTimeout(expiryTimer);
  notice("");
  applyLogin();
});

// ---- Live ----------------------------------------------------------------------------

const LIVE_TEXT = {
  public: "not live · log in for live updates",
  connecting: "connecting…",
  live: "● live",
  offline: "○ offline · reconnecting",
  unauthorized: "○ not authorized",
};

function setLive(state) {
  $("live").dataset.state = state;
  $("live").textContent = LIVE_TEXT[state] || state;
}

function startLive() {
  if (live) live.stop();
  live = null;
  if (!auth.token) {
    setLive("public");
    return;
  }
  live = new Live(auth.token, {
    onEvent,
    onStatus: setLive,
    onAuthError: (m) => expire(`The live connection refused your login (${m}). Log in again.`),
    onAuthenticated: () => {
      focusPage();
      refresh();
    },
  });
  if (S.session) live.subscribe(S.session.id);
  live.start();
}

function focusPage() {
  if (live && auth.admin) live.send({ type: "page_focus", page: S.tab });
}

/** Whether `data` differs from what `key` last showed (re-rendering unchanged data could eat a click). */
const shownData = {};
function changed(key, data) {
  const text = JSON.stringify([data, auth.token]);
  if (shownData[key] === text) return false;
  shownData[key] = text;
  return true;
}

let refreshTimer = null;
/** Re-reads tonight and the visible tab, at most once per burst of events. */
function refresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    loadTonight();
    // Settings do not follow session events, except the audit log (every write adds to it).
    if (S.tab === "settings") {
      if (auth.admin) loadAudit().catch((e) => showLoadError("settings", e));
    } else if (S.tab !== "tonight") loadTab(S.tab);
  }, 80);
}

function lobbyState(d) {
  if (d.gameFinished) return "ended";
  if (d.gameStarted || d.gameState === "Playing" || d.gameState === "InProgress") return "playing";
  return "waiting in lobby";
}

function onEvent(msg) {
  const d = msg.data || {};
  const sg = d.sessionGameId;
  const l = sg ? S.lobby.get(sg) || {} : null;
  switch (msg.type) {
    case "presence_update":
      S.presence = d.admins || [];
      renderPresence();
      return;
    case "room.connected":
    case "game.status":
      S.lobby.set(sg, { state: lobbyState(d), players: d.players || [], count: d.playerCount, max: d.maxPlayers });
      break;
    case "lobby.player-joined":
      S.lobby.set(sg, { ...l, state: l.state || "waiting in lobby", players: d.players || [], count: d.playerCount });
      break;
    case "lobby.updated":
      S.lobby.set(sg, { ...l, state: l.state === "playing" ? "playing" : "waiting in lobby", count: d.playerCount });
      break;
    case "game.started":
      S.lobby.set(sg, { ...l, state: "playing", players: d.players || l.players, count: d.playerCount });
      break;
    case "game.ended":
      S.lobby.set(sg, { ...l, state: "ended", players: d.players || l.players, count: d.playerCount });
      break;
    case "room.disconnected":
      S.lobby.set(sg, { ...l, state: d.reason === "manually_stopped" ? "monitor stopped" : "room closed" });
      break;
    case "poll.leading": {
      const p = S.polls.find((x) => x.id === d.pollId);
      if (p) {
        p.options = d.options;
        p.totalVotes = d.totalVotes;
        renderPolls();
      }
      return;
    }
    case "player-count.updated": {
      const g = S.games.find((x) => x.id === sg);
      if (g) g.player_count = d.playerCount;
      break;
    }
    default:
      break;
  }
  if (sg) {
    const g = S.games.find((x) => x.id === sg);
    if (g && typeof d.playerCount === "number") g.player_count = d.playerCount;
    renderTonight();
  }
  refresh();
}

// ---- Tabs ----------------------------------------------------------------------------

function showTab(name) {
  if (!TABS.includes(name) || (name === "settings" && !auth.admin)) name = "tonight";
  S.tab = name;
  for (const t of TABS) {
    const tab = $(`tab-${t}`);
    tab.setAttribute("aria-selected", String(t === name));
    tab.tabIndex = t === name ? 0 : -1;
    $(`panel-${t}`).hidden = t !== name;
  }
  if (location.hash !== `#${name}`) history.replaceState(null, "", `#${name}`);
  focusPage();
  loadTab(name);
}

for (const t of TABS) {
  $(`tab-${t}`).addEventListener("click", () => showTab(t));
  $(`tab-${t}`).addEventListener("keydown", (e) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const shown = TABS.filter((x) => !$(`tab-${x}`).matches(".admin") || auth.admin);
    const i = (shown.indexOf(t) + (e.key === "ArrowRight" ? 1 : shown.length - 1)) % shown.length;
    showTab(shown[i]);
    $(`tab-${shown[i]}`).focus();
  });
}
window.addEventListener("hashchange", () => showTab(location.hash.slice(1)));

function loadTab(name) {
  const loaders = { tonight: loadTonight, pick: renderPick, poll: renderPolls, history: loadHistory, catalog: loadCatalog, stats: loadStats, settings: loadSettings };
  const f = loaders[name];
  if (!f) return;
  Promise.resolve(f())
    .then(() => {
      const out = $(`panel-${name}`).querySelector(":scope > output.load-err");
      if (out) out.remove();
    })
    .catch((e) => showLoadError(name, e));
}

function showLoadError(name, e) {
  const panel = $(`panel-${name}`);
  let out = panel.querySelector(":scope > output.load-err");
  if (!out) {
    out = h("output", { class: "err load-err", role: "alert" });
    panel.prepend(out);
  }
  out.textContent = `Could not load: ${e.message}`;
}

// ---- Tonight -------------------------------------------------------------------------

let tonightLoading = null;
async function loadTonight() {
  if (tonightLoading) return tonightLoading;
  tonightLoading = (async () => {
    const a = await getJSON("/api/sessions/active");
    const session = a && a.id ? a : null;
    if (!session || !S.session || session.id !== S.session.id) S.lobby.clear();
    S.session = session;
    if (session) {
      if (live) live.subscribe(session.id);
      const [games, selection, polls] = await Promise.all([
        getJSON(sessionPath("/games")),
        getJSON(sessionPath("/game-selection")),
        getJSON(sessionPath("/polls")),
      ]);
      S.games = games;
      S.selection = selection;
      S.polls = polls;
      const cur = current();
      if (cur && cur.player_count_check_status === "monitoring" && !S.lobby.has(cur.id)) {
        const st = await getJSON(sessionPath(`/games/${cur.id}/status-live`));
        if (st.monitoring) S.lobby.set(cur.id, { state: lobbyState(st), players: st.players || [], count: st.playerCount, max: st.maxPlayers });
      }
    } else {
      S.games = [];
      S.selection = null;
      S.polls = [];
    }
    renderTonight();
    if (S.tab === "poll") renderPolls();
  })();
  try {
    await tonightLoading;
  } catch (e) {
    showLoadError("tonight", e);
  } finally {
    tonightLoading = null;
  }
}

const STATUS_ICON = { playing: "▶", played: "✓", skipped: "✗" };
const MONITOR_TEXT = {
  not_started: "not monitored",
  monitoring: "watching the room…",
  completed: "ended",
  stopped: "monitor stopped",
  failed: "monitor failed",
};

function monitorText(g) {
  const l = S.lobby.get(g.id);
  if (g.player_count_check_status === "monitoring" && l && l.state) return l.state;
  return MONITOR_TEXT[g.player_count_check_status] || g.player_count_check_status || "not monitored";
}

function votes(g) {
  return h(
    "span",
    { class: "votes", "aria-label": `${g.upvotes || 0} up, ${g.downvotes || 0} down` },
    h("span", { class: "up" }, `▲${g.upvotes || 0}`),
    " ",
    h("span", { class: "down" }, `▼${g.downvotes || 0}`),
  );
}

let tonightShown = "";
function renderTonight() {
  // Unchanged data, unchanged page: a re-render under the pointer could eat a click.
  const shown = JSON.stringify([S.session, S.games, S.selection, S.polls, [...S.lobby], auth.token, auth.role, S.importSummary]);
  if (shown === tonightShown) return;
  tonightShown = shown;
  $("night").textContent = S.session ? S.session.notes || `Game night #${S.session.id}` : "No game night running";
  rerender($("now-col"), nowColumn);
  rerender($("list-col"), listColumn);
}

function nowColumn() {
  if (!S.session) {
    const notes = field("Notes (optional)", { name: "notes", placeholder: "Friday game night" });
    const form = act(
      h("form", { class: "ctl admin-only" }, notes, h("button", { type: "submit" }, "Start a session"), errLine()),
      async () => {
        const v = form.elements.notes.value.trim();
        await api("POST", "/api/sessions", { notes: v || null });
        await loadTonight();
      },
    );
    return [h("div", { class: "card" }, h("h2", {}, "No game night running"), h("p", { class: "muted" }, "Start a session to track tonight's games."), form)];
  }
  const cur = current();
  const out = [nowCard(cur)];
  out.push(nextCard());
  const poll = openPoll();
  if (poll) out.push(h("div", { class: "card" }, h("h2", {}, "Poll"), pollBars(poll), pollControls(poll)));
  out.push(hostTools());
  return out;
}

function nowCard(g) {
  const card = h("div", { class: "card now", id: "now-card", dataset: { key: "now" } }, h("h2", {}, "Now playing"));
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
  card.append(
    h("p", { class: "players", id: "now-players" }, `Players ${g.player_count ?? 0}${max}`, " · ", h("span", { class: "monitor", id: "now-monitor" }, monitorText(g))),
  );
  if (l && l.players && l.players.length) card.append(h("p", { class: "muted names" }, l.players.join(", ")));
  card.append(votes(g));
  if (auth.admin) card.append(gameControls(g, true));
  return card;
}

function gameControls(g, compact) {
  const path = sessionPath(`/games/${g.id}`);
  const setStatus = (status) => api("PATCH", `${path}/status`, { status }).then(loadTonight);
  const monitoring = g.player_count_check_status === "monitoring";
  const row = h(
    "div",
    { class: "ctl actions" },
    g.status !== "played" && button("Played", () => setStatus("played")),
    g.status !== "skipped" && button("Skip", () => setStatus("skipped")),
    g.status !== "playing" && button("Playing", () => setStatus("playing")),
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
    button("▲ Up", vote("up"), { "aria-label": "Record an upvote" }),
    button("▼ Down", vote("down"), { "aria-label": "Record a downvote" }),
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
  const closeForm = act(
    h("form", { class: "ctl inline" }, field("Closing notes (optional)", { name: "notes", autocomplete: "off" }), h("button", { type: "submit", class: "danger" }, "Close session"), errLine()),
    async (e) => {
      const notes = e.target.elements.notes.value.trim();
      await api("POST", sessionPath("/close"), notes ? { notes } : {});
      await loadTonight();
    },
  );
  card.append(h("h3", {}, "End the night"), closeForm);
  return { node: card, summary };
}

function exportButtons(id) {
  const get = (format) => async () => {
    const resp = await fetch(`/api/sessions/${id}/export?format=${format}`, { headers: { Authorization: `Bearer ${auth.token}` } });
    if (!resp.ok) {
      const body = await resp.json().catch(() => ({}));
      if (resp.status === 401 || resp.status === 403) expire("Your login has expired or was revoked. Log in again.");
      throw new Error(body.error || resp.statusText);
    }
    download(`session-${id}.${format}`, await resp.blob());
  };
  return h("div", { class: "ctl actions" }, button("JSON", get("json"), { "aria-label": `Export session ${id} as JSON` }), button("TXT", get("txt"), { "aria-label": `Export session ${id} as text` }), errLine());
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
          h("span", { class: "name" }, g.title, g.status === "skipped" ? h("span", { class: "muted" }, " (skipped)") : null),
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

async function catalog() {
  if (!S.catalog) S.catalog = await getJSON("/api/games");
  return S.catalog;
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

// ---- Polls ---------------------------------------------------------------------------

function pollBars(poll) {
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

function pollControls(poll) {
  if (!auth.admin || poll.status !== "open") return null;
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
  return h(
    "div",
    { class: "controls" },
    deadline,
    h("div", { class: "ctl actions" }, button("Close poll", () => api("POST", `${base}/close`).then(loadTonight)), button("Cancel poll", () => api("DELETE", base).then(loadTonight), { class: "danger" }), errLine()),
    voteForm,
  );
}

let pollsShown = "";
function renderPolls() {
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
  if (open) cards.push(h("div", { class: "card", id: "poll-open" }, h("h2", {}, "Open poll"), pollBars(open), pollControls(open)));
  else if (auth.admin) cards.push(startPollForm());
  const past = S.polls.filter((p) => p.status !== "open");
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

// ---- Pick ----------------------------------------------------------------------------

let pickForm = null;
function renderPick() {
  const panel = $("panel-pick");
  if (!pickForm) {
    pickForm = act(
      h(
        "form",
        { class: "ctl card filters", id: "pick-form" },
        h("h2", {}, "Pick a game"),
        field("Players", { name: "playerCount", type: "number", min: 1, inputmode: "numeric" }),
        field("Drawing", { name: "drawing", options: [["", "any"], ["exclude", "no drawing games"], ["only", "drawing games only"]] }, "select"),
        field("Length", { name: "length", options: [["", "any"], ["short", "short (≤ 15 min)"], ["medium", "medium (16–25)"], ["long", "long (> 25)"]] }, "select"),
        field("Pack", { name: "pack", options: [["", "any pack"]] }, "select"),
        h("label", { class: "check" }, h("input", { type: "checkbox", name: "familyFriendly" }), " Family friendly only"),
        h("label", { class: "check" }, h("input", { type: "checkbox", name: "excludePlayed" }), " Not played tonight"),
        h("button", { type: "submit" }, "Pick"),
        errLine(),
      ),
      () => pick(),
    );
    getJSON("/api/games/packs")
      .then((packs) => pickForm.elements.pack.append(...packs.filter((p) => p.enabled).map((p) => h("option", { value: p.name }, p.name))))
      .catch(() => {});
    fill(panel, pickForm, h("div", { id: "pick-result" }));
  }
  renderPicked();
}

async function pick() {
  const el = pickForm.elements;
  const body = {};
  if (el.playerCount.value) body.playerCount = Number(el.playerCount.value);
  if (el.drawing.value) body.drawing = el.drawing.value;
  if (el.length.value) body.length = el.length.value;
  if (el.pack.value) body.pack = el.pack.value;
  if (el.familyFriendly.checked) body.familyFriendly = true;
  if (S.session) body.sessionId = S.session.id;
  if (S.session && el.excludePlayed.checked) body.excludePlayed = true;
  S.picked = await request("POST", "/api/pick", { body });
  renderPicked();
}

function renderPicked() {
  const out = $("pick-result");
  if (!out) return;
  if (!S.picked) {
    fill(out);
    return;
  }
  const { game: g, poolSize } = S.picked;
  const actions = h(
    "div",
    { class: "ctl actions" },
    button("Pick again", () => pick()),
    auth.admin && S.session &&
      button("Line it up", async () => {
        await api("POST", sessionPath("/game-selection"), { game_id: g.id, source: "dice" });
        await loadTonight();
      }),
    auth.admin && S.session &&
      button("Add it", async () => {
        await api("POST", sessionPath("/games"), { game_id: g.id });
        S.picked = null;
        await loadTonight();
        showTab("tonight");
      }),
    errLine(),
  );
  fill(
    out,
    h(
      "div",
      { class: "card picked" },
      h("p", { class: "game-title", id: "picked-title" }, g.title),
      h("p", { class: "muted" }, `${g.pack_name} · ${g.min_players}–${g.max_players} players${g.length_minutes ? ` · ${g.length_minutes} min` : ""}${g.game_type ? ` · ${g.game_type}` : ""}`),
      h("p", { class: "muted" }, `one of ${poolSize} matching games`),
      actions,
    ),
  );
}

// ---- History -------------------------------------------------------------------------

async function loadHistory() {
  const sessions = await getJSON("/api/sessions");
  if (!changed("history", sessions)) return;
  const rows = sessions.map((s) => {
    const games = h("div", { class: "history-games" });
    const details = h(
      "details",
      {
        ontoggle: async (e) => {
          if (!e.target.open || games.dataset.loaded) return;
          const list = await getJSON(`/api/sessions/${s.id}/games`);
          games.dataset.loaded = "1";
          fill(games, list.length ? h("ol", { class: "games" }, list.map((g) => h("li", { class: `game ${g.status}` }, h("div", { class: "row" }, h("span", { class: "status", "aria-label": g.status }, STATUS_ICON[g.status] || "·"), h("span", { class: "name" }, g.title), votes(g))))) : h("p", { class: "muted" }, "No games."));
        },
      },
      h("summary", {}, `${when(s.created_at)} · ${s.notes || `Session #${s.id}`} · ${s.games_played} games${s.is_active ? " · active" : ""}`),
      games,
      auth.admin ? exportButtons(s.id) : null,
      auth.admin && !s.is_active
        ? h("div", { class: "ctl actions" }, button(`Delete session #${s.id}`, () => api("DELETE", `/api/sessions/${s.id}`).then(loadHistory), { class: "danger" }), errLine())
        : null,
    );
    return h("li", {}, details);
  });
  rerender($("panel-history"), h("div", { class: "card" }, h("h2", {}, "Game nights"), rows.length ? h("ul", { class: "plain history" }, rows) : h("p", { class: "muted" }, "No sessions yet.")));
}

// ---- Catalog -------------------------------------------------------------------------

let catalogForm = null;
async function loadCatalog() {
  const panel = $("panel-catalog");
  if (!catalogForm) {
    catalogForm = act(
      h(
        "form",
        { class: "ctl card filters", id: "catalog-filters" },
        h("h2", {}, "Catalog"),
        field("Title contains", { name: "q", type: "search", autocomplete: "off" }),
        field("Players", { name: "playerCount", type: "number", min: 1 }),
        field("Drawing", { name: "drawing", options: [["", "any"], ["exclude", "no drawing games"], ["only", "drawing games only"]] }, "select"),
        field("Length", { name: "length", options: [["", "any"], ["short", "short"], ["medium", "medium"], ["long", "long"]] }, "select"),
        field("Enabled", { name: "enabled", options: [["", "all"], ["true", "enabled"], ["false", "disabled"]] }, "select"),
        h("label", { class: "check" }, h("input", { type: "checkbox", name: "familyFriendly" }), " Family friendly"),
        h("button", { type: "submit" }, "Filter"),
        errLine(),
      ),
      () => loadCatalog(),
    );
    fill(panel, catalogForm, h("div", { id: "catalog-table", class: "card scroll" }));
  }
  const el = catalogForm.elements;
  const q = new URLSearchParams();
  for (const k of ["q", "playerCount", "drawing", "length", "enabled"]) if (el[k].value) q.set(k, el[k].value);
  if (el.familyFriendly.checked) q.set("familyFriendly", "true");
  const games = await getJSON(`/api/games?${q}`);
  if (!changed("catalog", [q.toString(), games])) return;
  const rows = games.map((g) => h("tr", {}, h("td", {}, g.title), h("td", {}, g.pack_name), h("td", {}, `${g.min_players}–${g.max_players}`), h("td", {}, g.length_minutes ? `${g.length_minutes}′` : ""), h("td", {}, g.play_count), h("td", {}, g.popularity_score), ...catalogCells(g)));
  rerender(
    $("catalog-table"),
    h("p", { class: "muted" }, `${games.length} games`),
    h("table", {}, h("thead", {}, h("tr", {}, ["Title", "Pack", "Players", "Length", "Plays", "Score", "Ticker", "Enabled", "Favor"].map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, rows)),
  );
}

function catalogCells(g) {
  if (!auth.admin) return [h("td", { class: "mono" }, g.ticker || ""), h("td", {}, g.enabled ? "yes" : "no"), h("td", {}, ["−", "·", "+"][g.favor_bias + 1])];
  const save = async (f) => {
    await f();
    S.catalog = null;
  };
  const ticker = act(
    h("form", { class: "ctl inline" }, h("input", { name: "ticker", value: g.ticker || "", maxlength: 8, size: 6, "aria-label": `Ticker of ${g.title}`, class: "code-input" }), h("button", { type: "submit", "aria-label": `Save ticker of ${g.title}` }, "Save"), errLine()),
    (e) => save(() => api("PUT", `/api/games/${g.id}`, { ticker: e.target.elements.ticker.value.trim().toUpperCase() || null })),
  );
  const enabled = h("input", { type: "checkbox", checked: !!g.enabled, "aria-label": `${g.title} enabled` });
  const enabledBox = h("div", { class: "ctl" }, enabled, errLine());
  enabled.addEventListener("change", () => {
    enabledBox.querySelector("output").textContent = "";
    save(() => api("PATCH", `/api/games/${g.id}/toggle`)).catch((e) => {
      enabled.checked = !enabled.checked;
      enabledBox.querySelector("output").textContent = e.message;
    });
  });
  const favor = h("select", { "aria-label": `Favor of ${g.title}` }, [["-1", "less often"], ["0", "normal"], ["1", "more often"]].map(([v, t]) => h("option", { value: v, selected: String(g.favor_bias) === v }, t)));
  const favorBox = h("div", { class: "ctl" }, favor, errLine());
  favor.addEventListener("change", () => {
    favorBox.querySelector("output").textContent = "";
    save(() => api("PATCH", `/api/games/${g.id}/favor`, { favor_bias: Number(favor.value) })).catch((e) => (favorBox.querySelector("output").textContent = e.message));
  });
  return [h("td", {}, ticker), h("td", {}, enabledBox), h("td", {}, favorBox)];
}

// ---- Stats ---------------------------------------------------------------------------

async function loadStats() {
  const s = await getJSON("/api/stats");
  if (!changed("stats", s)) return;
  const top = (title, games, f) => h("div", { class: "card" }, h("h2", {}, title), games.length ? h("ol", {}, games.map((g) => h("li", {}, `${g.title} `, h("span", { class: "muted" }, f(g))))) : h("p", { class: "muted" }, "Nothing yet."));
  fill(
    $("panel-stats"),
    h(
      "div",
      { class: "card stats" },
      h("h2", {}, "Totals"),
      h(
        "dl",
        {},
        [
          ["Games", `${s.games.enabled} enabled of ${s.games.total}`],
          ["Packs", `${s.packs.enabled} enabled of ${s.packs.total}`],
          ["Sessions", `${s.sessions.total}${s.sessions.active ? " (one active)" : ""}`],
          ["Games played", s.gamesPlayed],
          ["Votes", s.totalVotes],
        ].map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", {}, v))),
      ),
    ),
    h("div", { class: "cols" }, top("Most played", s.mostPlayedGames, (g) => `${g.play_count} plays`), top("Top rated", s.topRatedGames, (g) => `score ${g.popularity_score}`)),
  );
}

// ---- Settings: webhooks, tokens, presence, audit ---------------------------------------

const WEBHOOK_EVENTS = [
  "session.started", "session.ended", "game.added", "player-count.updated", "vote.received", "votes.imported",
  "room.connected", "lobby.player-joined", "lobby.updated", "game.started", "game.ended", "room.disconnected",
  "game.picked", "game.dismissed", "poll.start", "poll.leading", "voting.ended", "poll.cancelled",
];

async function loadSettings() {
  if (!auth.admin) return;
  const panel = $("panel-settings");
  if (!panel.dataset.built) {
    panel.dataset.built = "1";
    fill(panel, h("div", { class: "card", id: "webhooks" }), h("div", { class: "card", id: "tokens" }), h("div", { class: "card", id: "presence" }), h("div", { class: "card", id: "audit" }));
    renderPresence();
  }
  await Promise.all([loadWebhooks(), loadTokens(), loadAudit()]);
}

async function loadWebhooks() {
  const hooks = await api("GET", "/api/webhooks");
  if (!changed("webhooks", hooks)) return;
  const logs = h("div", { id: "webhook-logs" });
  const rows = hooks.map((w) =>
    h(
      "li",
      {},
      h("p", {}, h("strong", {}, w.name), " ", h("span", { class: "mono" }, w.url), w.enabled ? "" : h("span", { class: "badge" }, "disabled")),
      h("p", { class: "muted" }, w.events.join(", ")),
      h(
        "div",
        { class: "ctl actions" },
        button("Test", async (e) => {
          const r = await api("POST", `/api/webhooks/test/${w.id}`);
          e.target.closest(".ctl").querySelector("output").textContent = r.delivered ? `Delivered (HTTP ${r.status})` : `Not delivered: ${r.error || r.status || "no answer"}`;
        }, { "aria-label": `Test webhook ${w.name}` }),
        button("Logs", async () => {
          const entries = await api("GET", `/api/webhooks/${w.id}/logs?limit=20`);
          fill(logs, h("h3", {}, `Deliveries of ${w.name}`), entries.length ? h("ul", { class: "plain" }, entries.map((l) => h("li", {}, `${when(l.created_at)} · ${l.event_type} · attempt ${l.attempt ?? 1} · ${l.success ? "ok" : "failed"} ${l.response_status ?? ""} ${l.error_message ?? ""}`))) : h("p", { class: "muted" }, "No deliveries yet."));
        }, { "aria-label": `Delivery logs of webhook ${w.name}` }),
        button("Delete", () => api("DELETE", `/api/webhooks/${w.id}`).then(loadWebhooks), { class: "danger", "aria-label": `Delete webhook ${w.name}` }),
        errLine(),
      ),
    ),
  );
  const add = act(
    h(
      "form",
      { class: "ctl", id: "webhook-add" },
      h("h3", {}, "Add a webhook"),
      field("Name", { name: "name", required: true, autocomplete: "off" }),
      field("URL", { name: "url", type: "url", required: true, placeholder: "https://example.com/hook" }),
      field("Secret", { name: "secret", type: "password", required: true, autocomplete: "new-password" }),
      h("fieldset", { class: "events" }, h("legend", {}, "Events"), WEBHOOK_EVENTS.map((ev) => h("label", { class: "check" }, h("input", { type: "checkbox", name: "events", value: ev, checked: ev === "game.added" }), ` ${ev}`))),
      h("button", { type: "submit" }, "Add webhook"),
      errLine(),
    ),
    async (e) => {
      const f = e.target.elements;
      const events = [...e.target.querySelectorAll("input[name=events]:checked")].map((i) => i.value);
      await api("POST", "/api/webhooks", { name: f.name.value.trim(), url: f.url.value.trim(), secret: f.secret.value, events });
      e.target.reset();
      await loadWebhooks();
    },
  );
  rerender($("webhooks"), h("h2", {}, "Webhooks"), hooks.length ? h("ul", { class: "plain" }, rows) : h("p", { class: "muted" }, "No webhooks."), logs, add);
}

function overlayUrl(token, form) {
  const q = new URLSearchParams({ token });
  if (form) {
    const show = [...form.querySelectorAll("input[name=show]:checked")].map((i) => i.value);
    if (show.length) q.set("show", show.join(","));
    q.set("theme", form.elements.theme.value);
    q.set("corner", form.elements.corner.value);
    if (form.elements.scale.value && form.elements.scale.value !== "1") q.set("scale", form.elements.scale.value);
  }
  return `${location.origin}/overlay?${q}`;
}

let minted = null;
async function loadTokens() {
  const tokens = await api("GET", "/api/auth/tokens");
  if (!changed("tokens", [tokens, minted])) return;
  const mint = act(
    h(
      "form",
      { class: "ctl", id: "token-mint" },
      h("h3", {}, "Mint a token"),
      field("Name", { name: "name", value: "obs overlay", required: true, autocomplete: "off" }),
      field("Role", { name: "role", options: [["viewer", "viewer (read-only: overlays, bots)"], ["admin", "admin"]] }, "select"),
      field("Expires in", { name: "expiresIn", value: "90d", autocomplete: "off" }),
      h("button", { type: "submit" }, "Mint token"),
      errLine(),
    ),
    async (e) => {
      const f = e.target.elements;
      minted = await api("POST", "/api/auth/tokens", { name: f.name.value.trim(), role: f.role.value, expiresIn: f.expiresIn.value.trim() || undefined });
      await Promise.all([loadTokens(), loadAudit()]);
    },
  );
  let shown = null;
  if (minted) {
    const urlOut = h("input", { readonly: true, class: "mono wide", id: "overlay-url", "aria-label": "Overlay URL" });
    const opts = h(
      "form",
      { class: "ctl overlay-opts" },
      h("fieldset", {}, h("legend", {}, "Show"), ["game", "room", "players", "votes", "poll", "next"].map((s) => h("label", { class: "check" }, h("input", { type: "checkbox", name: "show", value: s, checked: ["game", "room", "players"].includes(s) }), ` ${s}`))),
      field("Theme", { name: "theme", options: [["dark", "dark"], ["light", "light"]] }, "select"),
      field("Corner", { name: "corner", options: [["bl", "bottom left"], ["br", "bottom right"], ["tl", "top left"], ["tr", "top right"]] }, "select"),
      field("Scale", { name: "scale", type: "number", min: 0.5, max: 3, step: 0.1, value: 1 }),
    );
    const update = () => (urlOut.value = overlayUrl(minted.token, opts));
    opts.addEventListener("input", update);
    opts.addEventListener("change", update);
    update();
    shown = h(
      "div",
      { class: "minted", role: "status" },
      h("p", {}, `Token “${minted.name}” (${minted.role}) — shown once, copy it now:`),
      h("input", { readonly: true, class: "mono wide", value: minted.token, "aria-label": "New token", id: "minted-token" }),
      h("h3", {}, "Overlay URL for OBS"),
      h("p", { class: "muted" }, "In OBS: Sources → + → Browser, paste this URL, width 1920, height 1080."),
      opts,
      urlOut,
      h("div", { class: "ctl actions" }, button("Copy overlay URL", () => copy(urlOut.value)), errLine()),
    );
  }
  const rows = tokens.map((t) =>
    h(
      "tr",
      {},
      h("td", {}, t.name),
      h("td", {}, t.role),
      h("td", {}, t.createdBy || ""),
      h("td", {}, when(t.expiresAt)),
      h("td", {}, t.lastUsedAt ? when(t.lastUsedAt) : "never"),
      h("td", {}, t.revokedAt ? "revoked" : h("div", { class: "ctl" }, button("Revoke", () => api("DELETE", `/api/auth/tokens/${t.id}`).then(loadTokens), { class: "danger", "aria-label": `Revoke token ${t.name}` }), errLine())),
    ),
  );
  rerender(
    $("tokens"),
    h("h2", {}, "Tokens"),
    shown,
    tokens.length
      ? h("div", { class: "scroll" }, h("table", {}, h("thead", {}, h("tr", {}, ["Name", "Role", "By", "Expires", "Last used", ""].map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, rows)))
      : h("p", { class: "muted" }, "No minted tokens."),
    mint,
  );
}

function renderPresence() {
  const box = $("presence");
  if (!box) return;
  fill(
    box,
    h("h2", {}, "Who is here"),
    S.presence.length
      ? h("ul", { class: "plain", id: "presence-list" }, S.presence.map((p) => h("li", {}, h("strong", {}, p.name), ` on ${p.page} since ${clock(p.since)}`)))
      : h("p", { class: "muted" }, live && live.state === "live" ? "Only you." : "Presence needs the live connection."),
  );
}

let auditFilter = { actor: "", action: "" };
async function loadAudit(before) {
  const q = new URLSearchParams({ limit: "50" });
  if (auditFilter.actor) q.set("actor", auditFilter.actor);
  if (auditFilter.action) q.set("action", auditFilter.action);
  if (before) q.set("before", before);
  const rows = await api("GET", `/api/audit?${q}`);
  if (!changed("audit", [q.toString(), rows])) return;
  const list = Array.isArray(rows) ? rows : rows.entries || [];
  const form = act(
    h("form", { class: "ctl inline", id: "audit-filter" }, field("Actor", { name: "actor", value: auditFilter.actor, autocomplete: "off" }), field("Action", { name: "action", value: auditFilter.action, autocomplete: "off", placeholder: "game.add" }), h("button", { type: "submit" }, "Filter"), errLine()),
    async (e) => {
      auditFilter = { actor: e.target.elements.actor.value.trim(), action: e.target.elements.action.value.trim() };
      await loadAudit();
    },
  );
  const table = h(
    "table",
    {},
    h("thead", {}, h("tr", {}, ["When", "Who", "What", "Target", "Detail"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, list.map((r) => h("tr", {}, h("td", {}, when(r.at)), h("td", {}, r.actor), h("td", { class: "mono" }, r.action), h("td", {}, r.target ?? ""), h("td", { class: "mono small" }, typeof r.detail === "string" ? r.detail : JSON.stringify(r.detail ?? ""))))),
  );
  const more = list.length >= 50 ? h("div", { class: "ctl" }, button("Older entries", () => loadAudit(list[list.length - 1].id)), errLine()) : null;
  rerender($("audit"), h("h2", {}, "Audit log"), form, h("div", { class: "scroll" }, table), more);
}

// ---- Start ---------------------------------------------------------------------------

auth.load();
scheduleExpiry();
showTab(location.hash.slice(1) || "tonight");
applyLogin();
