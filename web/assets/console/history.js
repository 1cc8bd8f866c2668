// The History tab: the game nights a page at a time (Prev/Next, "Show N" remembered per
// admin, a filter), grouped under one header per day, each opening to its games (room code,
// players, times, votes) and polls. Closed nights are read-only here: export or delete, each
// delete confirmed by naming the night; several closed nights can be exported or deleted at
// once.

import { request, getJSON } from "/assets/live.js";
import { h, fill, rerender, field, errLine, auth, api, button, when, clock, download } from "/assets/ui.js";
import { PollStatus } from "/assets/vocab.js";
import { $, STATUS_ICON, votes, exportButtons, nightName, plural } from "/assets/console/parts.js";
import { changed } from "/assets/console/store.js";

const SIZES = [10, 20, 50, 100];
const FILTERS = [["all", "all nights"], ["active", "the active night"], ["closed", "closed nights"]];
const view = { filter: "all", offset: 0, opened: new Set(), selected: new Map(), confirm: null };

/** "Show N", kept per admin in this browser. */
const sizeKey = () => `jackbox.history.show:${auth.name || ""}`;
function pageSize() {
  const n = Number(localStorage.getItem(sizeKey()));
  return SIZES.includes(n) ? n : 20;
}

const day = (t) => new Date(t).toLocaleDateString([], { weekday: "long", year: "numeric", month: "long", day: "numeric" });

/**
 * One page of nights, with the night just before it (to mark a day continued across the
 * page break) and the totals. A server without paging answers every night: paged here.
 */
async function readPage(size) {
  const before = view.offset > 0 ? 1 : 0;
  const q = new URLSearchParams({ filter: view.filter, limit: String(size + before), offset: String(view.offset - before) });
  const { body, headers } = await request("GET", `/api/sessions?${q}`, { withHeaders: true });
  let list = body;
  let total = Number(headers.get("X-Total-Count"));
  let absolute = Number(headers.get("X-Absolute-Total"));
  if (!headers.has("X-Total-Count")) {
    list = await getJSON("/api/sessions");
    absolute = list.length;
    list = list.filter((s) => view.filter === "all" || (view.filter === "active") === !!s.is_active);
    total = list.length;
    list = list.slice(view.offset - before, view.offset + size);
  }
  const previous = before && list.length ? list[0] : null;
  return { sessions: before ? list.slice(1) : list, previous, total, absolute };
}

export async function loadHistory() {
  const size = pageSize();
  const page = await readPage(size);
  if (view.offset > 0 && !page.sessions.length && page.total > 0) {
    // The page emptied (nights deleted): show the last one there is.
    view.offset = Math.max(0, Math.floor((page.total - 1) / size) * size);
    return loadHistory();
  }
  if (!changed("history", [page, view.filter, view.offset, size, [...view.selected.keys()], view.confirm, [...view.opened]])) return;
  render(page, size);
}

function render({ sessions, previous, total, absolute }, size) {
  const groups = [];
  for (const s of sessions) {
    const d = day(s.created_at);
    if (!groups.length || groups[groups.length - 1].day !== d) groups.push({ day: d, nights: [], continued: !groups.length && !!previous && day(previous.created_at) === d });
    groups[groups.length - 1].nights.push(s);
  }
  const controls = h(
    "div",
    { class: "ctl history-controls" },
    field("Show", { name: "filter", id: "history-filter", options: FILTERS, value: view.filter, onchange: (e) => ((view.filter = e.target.value), (view.offset = 0), loadHistory()) }, "select"),
    field("Per page", { name: "size", id: "history-size", options: SIZES.map((n) => [String(n), String(n)]), value: String(size), onchange: (e) => (localStorage.setItem(sizeKey(), e.target.value), (view.offset = 0), loadHistory()) }, "select"),
    h("p", { class: "muted count", id: "history-count" }, `${sessions.length} visible (${total} total${view.filter === "all" ? "" : `, ${absolute} in all`})`),
  );
  const pages = Math.max(1, Math.ceil(total / size));
  const pager = h(
    "div",
    { class: "ctl actions pager", id: "history-pager" },
    button("Prev", () => ((view.offset = Math.max(0, view.offset - size)), loadHistory()), { disabled: view.offset === 0 }),
    h("span", { class: "muted" }, `Page ${Math.floor(view.offset / size) + 1} of ${pages}`),
    button("Next", () => ((view.offset += size), loadHistory()), { disabled: view.offset + size >= total }),
    errLine(),
  );
  const list = groups.map((g) =>
    h(
      "section",
      { class: "day" },
      h("h3", { class: "day-header" }, g.day, g.continued ? h("span", { class: "muted" }, " (continued)") : null),
      h("ul", { class: "plain history" }, g.nights.map(nightRow)),
    ),
  );
  rerender(
    $("panel-history"),
    h("div", { class: "card", id: "history" }, h("h2", {}, "Game nights"), controls, auth.admin ? bulkBar() : null, sessions.length ? list : h("p", { class: "muted" }, "No sessions yet."), pager),
  );
}

function nightRow(s) {
  const name = nightName(s);
  const games = h("div", { class: "history-games" });
  const details = h(
    "details",
    {
      open: view.opened.has(s.id),
      ontoggle: (e) => {
        if (e.target.open) view.opened.add(s.id);
        else view.opened.delete(s.id);
        if (e.target.open && !games.dataset.asked) {
          games.dataset.asked = "1";
          showNight(s, games);
        }
      },
    },
    h(
      "summary",
      {},
      `${clock(s.created_at)} · ${name} · ${plural(s.games_played || 0, "game")}`,
      h("span", { class: `badge ${s.is_active ? "active" : "closed"}` }, s.is_active ? "active" : "closed"),
    ),
    games,
    s.is_active ? null : h("p", { class: "muted small read-only" }, `Closed ${when(s.closed_at)} · read-only: export or delete it.`),
    auth.admin ? exportButtons(s.id) : null,
    auth.admin && !s.is_active ? deleteControls(s) : null,
  );
  const pick =
    auth.admin && !s.is_active
      ? h("input", {
          type: "checkbox",
          class: "select",
          checked: view.selected.has(s.id),
          "aria-label": `Select ${name}`,
          onchange: (e) => {
            if (e.target.checked) view.selected.set(s.id, name);
            else view.selected.delete(s.id);
            loadHistory();
          },
        })
      : null;
  return h("li", { class: "night", dataset: { id: s.id, key: `night${s.id}` } }, pick, details);
}

/** "Delete…", then a second tap on a button naming the night. */
function deleteControls(s) {
  const name = nightName(s);
  if (view.confirm !== s.id) {
    return h("div", { class: "ctl actions" }, button("Delete…", () => ((view.confirm = s.id), loadHistory()), { class: "danger", "aria-label": `Delete ${name}` }), errLine());
  }
  return h(
    "div",
    { class: "ctl actions confirm", role: "alert" },
    h("p", {}, `Delete “${name}” (#${s.id}) with its games, votes and polls? This cannot be undone.`),
    button(`Delete “${name}”`, async () => {
      await api("DELETE", `/api/sessions/${s.id}`);
      view.confirm = null;
      view.selected.delete(s.id);
      await loadHistory();
    }, { class: "danger" }),
    button("Keep it", () => ((view.confirm = null), loadHistory())),
    errLine(),
  );
}

/** What the selected closed nights can do together. */
function bulkBar() {
  const ids = [...view.selected.keys()];
  if (!ids.length) return h("p", { class: "muted small" }, "Tick closed nights to export or delete several at once.");
  const names = [...view.selected.values()].map((n) => `“${n}”`).join(", ");
  const exportAll = button("Export selected", async () => {
    const all = [];
    for (const id of ids) all.push(await api("GET", `/api/sessions/${id}/export?format=json`));
    download(`sessions-${ids.join("-")}.json`, JSON.stringify(all, null, 2), "application/json");
  });
  const confirm =
    view.confirm === "bulk"
      ? [
          h("p", {}, `Delete ${plural(ids.length, "night")}: ${names}? This cannot be undone.`),
          button(`Delete ${plural(ids.length, "night")}`, async () => {
            for (const id of ids) {
              await api("DELETE", `/api/sessions/${id}`);
              view.selected.delete(id);
            }
            view.confirm = null;
            await loadHistory();
          }, { class: "danger" }),
          button("Keep them", () => ((view.confirm = null), loadHistory())),
        ]
      : [button("Delete selected…", () => ((view.confirm = "bulk"), loadHistory()), { class: "danger" })];
  return h("div", { class: "ctl actions bulk", id: "history-bulk" }, h("span", {}, `${plural(ids.length, "night")} selected`), exportAll, ...confirm, button("Clear", () => (view.selected.clear(), (view.confirm = null), loadHistory())), errLine());
}

/**
 * Fills an opened night at once from what was read before (so a re-render does not move the
 * buttons under the pointer), then from a fresh read if that differs.
 */
const nights = new Map();
function showNight(s, box) {
  const before = nights.get(s.id);
  const show = (d) => {
    fill(box, nightDetails(s, d));
    box.dataset.loaded = "1";
  };
  if (before) show(before);
  Promise.all([getJSON(`/api/sessions/${s.id}/games`), getJSON(`/api/sessions/${s.id}/polls`)])
    .then(([games, polls]) => {
      const d = { games, polls };
      nights.set(s.id, d);
      if (JSON.stringify(d) !== JSON.stringify(before)) show(d);
    })
    .catch((err) => fill(box, h("output", { class: "err", role: "alert" }, err.message)));
}

/** An opened night: its times, each game (room code, players, time, votes), its polls. */
function nightDetails(s, { games, polls }) {
  const times = h("p", { class: "muted small" }, `Started ${when(s.created_at)}${s.closed_at ? ` · closed ${when(s.closed_at)}` : ""}`);
  const table = games.length
    ? h(
        "div",
        { class: "scroll" },
        h(
          "table",
          { class: "night-games" },
          h("thead", {}, h("tr", {}, ["", "Game", "Room", "Players", "Time", "Votes"].map((t) => h("th", { scope: "col" }, t)))),
          h(
            "tbody",
            {},
            games.map((g) =>
              h(
                "tr",
                { class: `game ${g.status}` },
                h("td", { class: "status", "aria-label": g.status }, STATUS_ICON[g.status] || "·"),
                h("td", { class: "name" }, g.title),
                h("td", { class: "mono" }, g.room_code || "—"),
                h("td", {}, g.player_count == null ? "—" : `${g.player_count} / ${g.max_players}`),
                h("td", {}, clock(g.played_at)),
                h("td", {}, votes(g)),
              ),
            ),
          ),
        ),
      )
    : h("p", { class: "muted" }, "No games.");
  const closed = polls.filter((p) => p.status !== PollStatus.Open);
  const pollList = closed.length
    ? [
        h("h4", {}, "Polls"),
        h(
          "ul",
          { class: "plain polls" },
          closed.map((p) =>
            h(
              "li",
              {},
              `${clock(p.startedAt)} · ${p.status} · ${p.winner ? `winner: ${p.winner.label}` : "no winner"} · ${plural(p.totalVotes || 0, "vote")}`,
              h("span", { class: "muted" }, ` (${p.options.map((o) => `${o.label} ${o.votes || 0}`).join(", ")})`),
            ),
          ),
        ),
      ]
    : [];
  return [times, table, ...pollList];
}
