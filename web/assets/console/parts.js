// Pieces several console tabs show: vote counts, status icons, export buttons and a tab's
// load error.

import { h, auth, button, errLine, download, loginRefused } from "/assets/ui.js";
import { GameStatus, MonitorPhase } from "/assets/vocab.js";

export const $ = (id) => document.getElementById(id);

export const STATUS_ICON = { [GameStatus.Playing]: "▶", [GameStatus.Played]: "✓", [GameStatus.Skipped]: "✗" };

/** What a night is called: its notes, else its number. */
export const nightName = (s) => s.notes || `Game night #${s.id}`;

/** "1 game", "2 games". */
export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A game's ▲/▼ counts. */
export function votes(g) {
  return h(
    "span",
    { class: "votes", "aria-label": `${g.upvotes || 0} up, ${g.downvotes || 0} down` },
    h("span", { class: "up" }, `▲${g.upvotes || 0}`),
    " ",
    h("span", { class: "down" }, `▼${g.downvotes || 0}`),
  );
}

/** JSON and TXT download buttons for session `id`. */
export function exportButtons(id) {
  const get = (format) => async () => {
    const resp = await fetch(`/api/sessions/${id}/export?format=${format}`, { headers: { Authorization: `Bearer ${auth.token}` } });
    if (!resp.ok) {
      const body = await resp.json().catch(() => ({}));
      if (resp.status === 401 || resp.status === 403) loginRefused();
      throw new Error(body.error || resp.statusText);
    }
    download(`session-${id}.${format}`, await resp.blob());
  };
  return h("div", { class: "ctl actions" }, button("JSON", get("json"), { "aria-label": `Export session ${id} as JSON` }), button("TXT", get("txt"), { "aria-label": `Export session ${id} as text` }), errLine());
}

/** Shows (or replaces) the load error at the top of tab `name`'s panel. */
export function showLoadError(name, e) {
  const panel = $(`panel-${name}`);
  let out = panel.querySelector(":scope > output.load-err");
  if (!out) {
    out = h("output", { class: "err load-err", role: "alert" });
    panel.prepend(out);
  }
  out.textContent = `Could not load: ${e.message}`;
}

/** Removes tab `name`'s load error (it loaded). */
export function clearLoadError(name) {
  const out = $(`panel-${name}`).querySelector(":scope > output.load-err");
  if (out) out.remove();
}

/** Seconds from now until `t` (never below 0). */
export const secondsUntil = (t) => Math.max(0, Math.ceil((Date.parse(t) - Date.now()) / 1000));

/** "1:05" for 65 seconds. */
export const mmss = (sec) => `${Math.floor(sec / 60)}:${String(Math.floor(sec % 60)).padStart(2, "0")}`;

/** The words a lobby server uses for its lobby, as a host reads them. */
const LOBBY_WORDS = { WaitingForMore: "waiting for players", CanStart: "ready to start", Countdown: "starting" };

/**
 * What a room monitor is doing, in words, from its `MonitorState` only (never a lobby state
 * the lobby did not send): `looking up` / `retrying (2, next in 4 s)` / `connected: lobby` /
 * `in play` / `ended` / `failed: <reason>` / `monitor stopped`.
 */
export function monitorWords(m) {
  switch (m.state) {
    case MonitorPhase.LookingUp:
      return "looking up the room…";
    case MonitorPhase.Retrying:
      return `retrying (${m.attempt}, next in ${m.nextRetryAt ? secondsUntil(m.nextRetryAt) : "?"} s)`;
    case MonitorPhase.Connected:
      return m.lobbyState ? `connected: lobby · ${LOBBY_WORDS[m.lobbyState] || m.lobbyState}` : "connected: lobby";
    case MonitorPhase.InPlay:
      return "in play";
    case MonitorPhase.Ended:
      return "ended";
    case MonitorPhase.Failed:
      return `failed: ${m.reason || "no reason given"}`;
    case MonitorPhase.Stopped:
      return "monitor stopped";
    default:
      return m.state;
  }
}

/** Elements whose text follows the clock: `ticking(el, () => text)`; once a second. */
const ticking_ = new Set();
export function ticking(el, text) {
  el.textContent = text();
  ticking_.add([el, text]);
  return el;
}
setInterval(() => {
  for (const entry of ticking_) {
    const [el, text] = entry;
    if (!el.isConnected) ticking_.delete(entry);
    else {
      const t = text();
      if (el.textContent !== t) el.textContent = t;
    }
  }
}, 1000);
