// The console's entry: the login, the live connection and the tabs. Each tab is a module
// in console/ (tonight, pick, poll, history, catalog, stats, settings) reading the
// one state of store.js; event names and status words come from vocab.js, generated
// from the Rust vocabulary. Reads are public; host actions appear after login. Live from the
// WebSocket: every event re-reads what it touches (coalesced), lobby and poll events patch
// the page at once.

import { Live, request, getJSON } from "/assets/live.js";
import { h, act, auth, claims, whenExpired, field, errLine, button, copy } from "/assets/ui.js";
import { Role } from "/assets/vocab.js";
import { $, showLoadError, clearLoadError } from "/assets/console/parts.js";
import { S, page, loadTonight, applyEvent, setPresence } from "/assets/console/store.js";
import { renderPolls } from "/assets/console/poll.js";
import { renderPick } from "/assets/console/pick.js";
import { loadHistory } from "/assets/console/history.js";
import { loadCatalog } from "/assets/console/catalog.js";
import { loadStats } from "/assets/console/stats.js";
import { loadSettings, loadAudit } from "/assets/console/settings.js";
import { loadChat, isChatEvent } from "/assets/console/chat.js";
import { renderTonight } from "/assets/console/tonight.js";

const TABS = ["tonight", "pick", "poll", "history", "catalog", "stats", "settings"];
const LOADERS = { tonight: loadTonight, pick: renderPick, poll: renderPolls, history: loadHistory, catalog: loadCatalog, stats: loadStats, settings: loadSettings };

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
  auth.save(token, name || c.name || c.sub || role, role || c.role || Role.Admin, (c.exp || 0) * 1000);
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
  $("who").textContent = auth.token ? `${auth.name}${auth.role === Role.Viewer ? " (viewer)" : ""}` : "";
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
    setLogin(r.token, r.name, Role.Admin);
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
  S.liveState = state;
  $("live").dataset.state = state;
  $("live").textContent = LIVE_TEXT[state] || state;
}

function startLive() {
  if (S.live) S.live.stop();
  S.live = null;
  if (!auth.token) {
    setLive("public");
    return;
  }
  S.live = new Live(auth.token, {
    onEvent,
    onStatus: setLive,
    onAuthError: (m) => expire(`The live connection refused your login (${m}). Log in again.`),
    onAuthenticated: () => {
      focusPage();
      refresh();
    },
  });
  if (S.session) S.live.subscribe(S.session.id);
  S.live.start();
}

function focusPage() {
  if (S.live && auth.admin) S.live.send({ type: "page_focus", page: S.tab });
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

function onEvent(msg) {
  if (msg.type === "presence_update") {
    setPresence((msg.data || {}).admins);
    return;
  }
  if (isChatEvent(msg)) {
    if (S.tab === "settings") loadChat().catch((e) => showLoadError("settings", e));
    return;
  }
  if (applyEvent(msg)) refresh();
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
page.showTab = showTab;

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
  const f = LOADERS[name];
  if (!f) return;
  Promise.resolve(f())
    .then(() => clearLoadError(name))
    .catch((e) => showLoadError(name, e));
}

// ---- First run -----------------------------------------------------------------------

/**
 * A daemon with no admin at all: from the machine itself (loopback) the console creates
 * the first named admin and shows its key once; from anywhere else it says where to go.
 */
async function firstRun() {
  if (auth.token) return;
  const setup = await getJSON("/api/setup").catch(() => null);
  if (!setup || !setup.needsSetup) return;
  $("login").hidden = true;
  const card = h("section", { class: "card setup", id: "setup", "aria-labelledby": "setup-title" });
  $("login").after(card);
  if (!setup.local) {
    card.append(
      h("h2", { id: "setup-title" }, "First run"),
      h("p", {}, "No admin exists yet. Open this page on the machine that runs jackbox (http://localhost:…), or run “jackbox auth admin add NAME” there."),
    );
    return;
  }
  const form = act(
    h(
      "form",
      { class: "ctl", id: "setup-form" },
      h("h2", { id: "setup-title" }, "First run: create the first admin"),
      h("p", { class: "muted" }, "Nobody can host yet. Name the first admin (you); its key is shown once, keep it somewhere safe."),
      field("Admin name", { name: "name", required: true, autocomplete: "username", placeholder: "alice" }),
      h("button", { type: "submit" }, "Create admin"),
      errLine(),
    ),
    async () => {
      const r = await request("POST", "/api/setup", { body: { name: form.elements.name.value.trim() } });
      const key = h("input", { readonly: true, class: "mono wide", value: r.key, id: "setup-key", "aria-label": "The new admin key" });
      card.replaceChildren(
        h("h2", { id: "setup-title" }, `Admin “${r.name}” created`),
        h("p", {}, "This is the admin key. It is shown once: copy it now (log in with it on other devices, or give it to jackbox as JACKBOX_ADMIN_KEY)."),
        key,
        h(
          "div",
          { class: "ctl actions" },
          button("Copy key", () => copy(r.key)),
          button("Continue", () => {
            card.remove();
            setLogin(r.token, r.name, Role.Admin);
          }),
          errLine(),
        ),
      );
    },
  );
  card.append(form);
}

// ---- Start ---------------------------------------------------------------------------

auth.load();
scheduleExpiry();
showTab(location.hash.slice(1) || "tonight");
applyLogin();
firstRun();
