// The OBS overlay: one card showing the active session's current game (title, room code,
// players, votes), an open poll and the lined-up game. Driven by the query string, follows
// the active session, never shows an error (problems go to the console), reconnects forever.
// It follows the room monitor's state: in the lobby "join at jackbox.tv · CODE" and the
// player slots filling; in play the code small (or hidden: `code=hidden`); after the game
// "game over". A poll shows its countdown, then the winner for a few seconds.

import { Live, getJSON } from "/assets/live.js";
import { GameStatus, PollStatus, MonitorPhase } from "/assets/vocab.js";
import { SESSION_STARTED, SESSION_ENDED, PLAYER_COUNT_UPDATED, LOBBY_PLAYER_JOINED, GAME_STARTED, ROOM_CONNECTED, POLL_LEADING } from "/assets/vocab.js";
import { MONITOR_STATE, POLL_ENDING, POLL_ENDING_CANCELLED, VOTING_ENDED } from "/assets/vocab.js";

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

/** The room code while a game is played: `small` (default) or `hidden`. */
const playCode = params.get("code") === "hidden" ? "hidden" : "small";
/** How long the winner of a poll stays on the card. */
const WINNER_MS = 6000;

const $ = (id) => document.getElementById(id);
const state = { session: null, games: [], poll: null, selection: null, winner: null };

/** Where the game is, from the room monitor's own state only: lobby, play, after, or "". */
function phase(g) {
  switch (g.monitor_state && g.monitor_state.state) {
    case MonitorPhase.Connected:
      return "lobby";
    case MonitorPhase.InPlay:
      return "play";
    case MonitorPhase.Ended:
      return "after";
    default:
      return "";
  }
}

const mmss = (sec) => `${Math.floor(sec / 60)}:${String(Math.floor(sec % 60)).padStart(2, "0")}`;

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

/** The seconds left of the open poll, or null when it has no end. */
function pollLeft() {
  const end = state.poll && (state.poll.endsAt || state.poll.closesAt);
  return end ? Math.max(0, Math.ceil((Date.parse(end) - Date.now()) / 1000)) : null;
}

function renderCountdown() {
  const left = pollLeft();
  $("countdown").hidden = left === null;
  if (left !== null) $("countdown").textContent = `· ends in ${mmss(left)}`;
}
setInterval(() => state.poll && renderCountdown(), 1000);

/** The poll's winner, for a few seconds after it closed. */
function renderWinner() {
  const w = state.winner;
  const on = show.has("poll") && !!w && w.until > Date.now();
  $("winner").hidden = !on;
  if (on) {
    setText($("winnertitle"), w.label);
    $("winnervotes").textContent = w.votes == null ? "" : `${w.votes} ${w.votes === 1 ? "vote" : "votes"}`;
  }
  return on;
}

function renderPoll(card) {
  const poll = state.poll;
  const on = show.has("poll") && poll && poll.status === PollStatus.Open;
  $("poll").hidden = !on;
  if (!on) return false;
  renderCountdown();
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

/** One dot per player slot, filled for each player in the lobby. */
function renderSlots(count, max) {
  const slots = $("slots");
  while (slots.children.length > max) slots.lastChild.remove();
  while (slots.children.length < max) slots.append(document.createElement("span"));
  [...slots.children].forEach((dot, i) => dot.classList.toggle("on", i < count));
  slots.dataset.filled = String(Math.min(count, max));
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
    const p = phase(g);
    card.dataset.phase = p;
    $("phase").hidden = p !== "after";
    $("phase").textContent = p === "after" ? "Game over" : "";
    // In the lobby the code is the call to join; in play it shrinks (or goes); after, it goes.
    $("room").hidden = !show.has("room") || !g.room_code || p === "after" || (p === "play" && playCode === "hidden");
    $("room").classList.toggle("small", p === "play");
    $("roomlabel").textContent = p === "lobby" ? "Join at jackbox.tv ·" : "Room";
    setText($("code"), g.room_code || "");
    // A player count is shown only when one is known (never a made-up 0).
    const known = typeof g.player_count === "number";
    $("players").hidden = !show.has("players") || !known;
    const max = g.max_players ? `/${g.max_players}` : "";
    $("players").textContent = p === "after" ? `${g.player_count} played` : `${g.player_count}${max} players`;
    $("slots").hidden = !show.has("players") || p !== "lobby" || !g.max_players;
    if (p === "lobby" && g.max_players) renderSlots(known ? g.player_count : 0, g.max_players);
    $("votes").hidden = !show.has("votes");
    const up = g.upvotes || 0;
    const down = g.downvotes || 0;
    $("up").textContent = `▲ ${up}`;
    $("down").textContent = `▼ ${down}`;
    // No votes yet: an empty, neutral track (a 50/50 split would be a result nobody gave).
    $("votes").classList.toggle("none", up + down === 0);
    $("upbar").style.width = `${up + down ? (up * 100) / (up + down) : 0}%`;
  }
  const winnerOn = state.session ? renderWinner() : false;
  const pollOn = state.session && !winnerOn ? renderPoll(card) : (($("poll").hidden = true), false);
  const next = state.session && !winnerOn && show.has("next") && state.selection && state.selection.game;
  $("next").hidden = !next;
  if (next) setText($("nexttitle"), state.selection.game.title);
  const visible = showGame || pollOn || winnerOn || !!next;
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
    case POLL_ENDING:
    case POLL_ENDING_CANCELLED:
      if (state.poll && state.poll.id === d.pollId) {
        state.poll.endsAt = d.endsAt || null;
        render();
      }
      return;
    case MONITOR_STATE: {
      const g = state.games.find((x) => x.id === d.sessionGameId);
      if (!g) break;
      const { state: st, attempt, nextRetryAt, reason, lobbyState } = d;
      g.monitor_state = { state: st, attempt, nextRetryAt, reason, lobbyState };
      render();
      return;
    }
    case VOTING_ENDED:
      // Announce the winner for a few seconds; then the card goes on as before (the
      // lined-up winner shows as "Up next" once the host keeps it).
      if (d.winnerLabel) {
        state.winner = { label: d.winnerLabel, votes: d.winnerVotes, until: Date.now() + WINNER_MS };
        setTimeout(render, WINNER_MS + 50);
      }
      break;
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
