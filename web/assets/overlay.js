// The OBS overlay: one card showing the active session's current game (title, room code,
// players, votes), an open poll and the lined-up game. Driven by the query string, follows
// the active session, never shows an error (problems go to the console), reconnects forever.

import { Live, getJSON } from "/assets/live.js";
import { GameStatus, PollStatus } from "/assets/vocab.js";
import { SESSION_STARTED, SESSION_ENDED, PLAYER_COUNT_UPDATED, LOBBY_PLAYER_JOINED, GAME_STARTED, ROOM_CONNECTED, POLL_LEADING } from "/assets/vocab.js";

const params = new URLSearchParams(location.search);
const token = params.get("token") || "";
const SHOWABLE = ["game", "room", "players", "votes", "poll", "next"];
const show = new Set(
  (params.get("show") || "game,room,players")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => SHOWABLE.includes(s)),
);
const root = document.documentElement;
root.dataset.theme = params.get("theme") === "light" ? "light" : "dark";
root.dataset.corner = ["tl", "tr", "bl", "br"].includes(params.get("corner")) ? params.get("corner") : "bl";
const scale = Number.parseFloat(params.get("scale"));
root.style.setProperty("--scale", String(Number.isFinite(scale) ? Math.min(3, Math.max(0.5, scale)) : 1));

const $ = (id) => document.getElementById(id);
const state = { session: null, games: [], poll: null, selection: null };

/** The game on now: the session's `playing` game. */
function current() {
  return state.games.filter((g) => g.status === GameStatus.Playing).pop() || null;
}

function setText(el, text) {
  if (el.textContent === text) return;
  el.textContent = text;
  // Restart the entrance animation on change.
  el.classList.remove("flash");
  void el.offsetWidth;
  el.classList.add("flash");
}

function renderPoll(card) {
  const poll = state.poll;
  const on = show.has("poll") && poll && poll.status === PollStatus.Open;
  $("poll").hidden = !on;
  if (!on) return false;
  const list = $("options");
  const total = poll.options.reduce((n, o) => n + (o.votes || 0), 0);
  const top = Math.max(0, ...poll.options.map((o) => o.votes || 0));
  while (list.children.length > poll.options.length) list.lastChild.remove();
  poll.options.forEach((o, i) => {
    let li = list.children[i];
    if (!li) {
      li = document.createElement("li");
      li.className = "option";
      const fill = document.createElement("span");
      fill.className = "fill";
      const name = document.createElement("span");
      name.className = "name";
      const count = document.createElement("span");
      count.className = "count";
      li.append(fill, name, count);
      list.append(li);
    }
    const [fill, name, count] = li.children;
    name.textContent = `${o.position}. ${o.label}`;
    if (o.ticker) {
      const t = document.createElement("span");
      t.className = "ticker";
      t.textContent = `${o.ticker}++`;
      name.append(t);
    }
    count.textContent = String(o.votes || 0);
    fill.style.width = `${total ? ((o.votes || 0) * 100) / total : 0}%`;
    li.classList.toggle("leader", top > 0 && o.votes === top);
  });
  card.dataset.poll = String(total);
  return true;
}

let hideTimer = null;

function render() {
  const card = $("card");
  const g = state.session ? current() : null;
  const showGame = !!g && (show.has("game") || show.has("room") || show.has("players") || show.has("votes"));
  $("now").hidden = !showGame;
  if (g) {
    $("title").hidden = !show.has("game");
    $("pack").hidden = !show.has("game");
    setText($("title"), g.title);
    $("pack").textContent = g.pack_name;
    $("room").hidden = !show.has("room") || !g.room_code;
    setText($("code"), g.room_code || "");
    $("players").hidden = !show.has("players");
    const max = g.max_players ? `/${g.max_players}` : "";
    $("players").textContent = `${g.player_count ?? 0}${max} players`;
    $("votes").hidden = !show.has("votes");
    const up = g.upvotes || 0;
    const down = g.downvotes || 0;
    $("up").textContent = `▲ ${up}`;
    $("down").textContent = `▼ ${down}`;
    // No votes yet: an empty, neutral track (a 50/50 split would be a result nobody gave).
    $("votes").classList.toggle("none", up + down === 0);
    $("upbar").style.width = `${up + down ? (up * 100) / (up + down) : 0}%`;
  }
  const pollOn = state.session ? renderPoll(card) : ($("poll").hidden = true, false);
  const next = state.session && show.has("next") && state.selection && state.selection.game;
  $("next").hidden = !next;
  if (next) setText($("nexttitle"), state.selection.game.title);
  const visible = showGame || pollOn || !!next;
  card.dataset.game = g ? g.title : "";
  clearTimeout(hideTimer);
  if (visible) {
    card.hidden = false;
    requestAnimationFrame(() => card.classList.remove("hiding"));
  } else if (!card.hidden) {
    card.classList.add("hiding");
    hideTimer = setTimeout(() => (card.hidden = true), 400);
  }
}

let loading = null;
let again = false;
let failures = 0;

/** Reads the active session and what the card shows; coalesces overlapping calls. */
async function load() {
  if (loading) {
    again = true;
    return loading;
  }
  loading = (async () => {
    try {
      const active = await getJSON("/api/sessions/active");
      const session = active && active.id ? active : null;
      state.session = session;
      if (!session) {
        state.games = [];
        state.poll = null;
        state.selection = null;
      } else {
        if (live) live.subscribe(session.id);
        const base = `/api/sessions/${session.id}`;
        const [games, polls, selection] = await Promise.all([
          getJSON(`${base}/games`),
          show.has("poll") ? getJSON(`${base}/polls`) : null,
          show.has("next") ? getJSON(`${base}/game-selection`) : null,
        ]);
        state.games = games;
        state.poll = polls ? polls.find((p) => p.status === PollStatus.Open) || null : null;
        state.selection = selection;
      }
      failures = 0;
      render();
    } catch (e) {
      // Never on stream: log, keep what is shown, try again.
      console.warn("overlay: could not load:", e.message);
      failures += 1;
      setTimeout(schedule, Math.min(30000, 1000 * 2 ** failures));
    }
  })();
  await loading;
  loading = null;
  if (again) {
    again = false;
    return load();
  }
}

let pending = null;
function schedule() {
  clearTimeout(pending);
  pending = setTimeout(load, 60);
}

function onEvent(msg) {
  const d = msg.data || {};
  const s = state.session;
  switch (msg.type) {
    case SESSION_STARTED:
    case SESSION_ENDED:
      schedule();
      return;
    case PLAYER_COUNT_UPDATED:
    case LOBBY_PLAYER_JOINED:
    case GAME_STARTED:
    case ROOM_CONNECTED: {
      const g = state.games.find((x) => x.id === d.sessionGameId);
      if (g && typeof d.playerCount === "number") {
        g.player_count = d.playerCount;
        render();
      }
      if (msg.type !== PLAYER_COUNT_UPDATED) return;
      break;
    }
    case POLL_LEADING:
      if (state.poll && state.poll.id === d.pollId) {
        state.poll.options = d.options;
        render();
      }
      return;
    default:
      break;
  }
  if (!s || d.sessionId === undefined || d.sessionId === s.id || (d.session && d.session.id === s.id)) schedule();
}

let live = null;
let fallback = null;

/** Without a usable token the overlay still works: it re-reads every 5 s. */
function startFallback(reason) {
  console.warn(`overlay: ${reason}; re-reading every 5 s instead of live updates`);
  if (!fallback) fallback = setInterval(load, 5000);
}

if (token) {
  live = new Live(token, {
    onEvent,
    onAuthenticated: () => {
      if (fallback) clearInterval(fallback);
      fallback = null;
      load();
    },
    onAuthError: (m) => startFallback(`the token was refused (${m})`),
    onStatus: (s) => (root.dataset.live = s),
  });
  live.start();
} else {
  startFallback("no ?token= given");
}
load();
