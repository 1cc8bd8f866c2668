// The Pick tab: the picker's filters, the picked game, "pick again", "line it up", "add it".

import { request, getJSON } from "/assets/live.js";
import { h, fill, field, errLine, auth, api, act, button, clock } from "/assets/ui.js";
import { SelectionSource } from "/assets/vocab.js";
import { $ } from "/assets/console/parts.js";
import { S, sessionPath, loadTonight, page } from "/assets/console/store.js";

let pickForm = null;
export async function renderPick() {
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
    fill(panel, pickForm, h("div", { id: "pick-result" }), h("div", { id: "pick-played" }));
  }
  renderPicked();
  await loadPlayed();
}

/** Tonight's catalog (`GET …/catalog`): how often each game was played this session. */
let played = new Map();
async function loadPlayed() {
  const out = $("pick-played");
  if (!S.session) {
    played = new Map();
    fill(out);
    return;
  }
  const c = await getJSON(sessionPath("/catalog"));
  played = new Map(c.games.filter((g) => g.timesPlayed > 0).map((g) => [g.id, g]));
  const list = [...played.values()].sort((a, b) => String(b.lastPlayedAt).localeCompare(String(a.lastPlayedAt)));
  fill(
    out,
    h(
      "div",
      { class: "card" },
      h("h2", {}, "Played tonight"),
      list.length
        ? h("ul", { class: "plain played", id: "played-list" }, list.map((g) => h("li", { dataset: { id: g.id } }, h("strong", {}, g.title), h("span", { class: "muted" }, ` · ${g.timesPlayed}× · last ${clock(g.lastPlayedAt)}`))))
        : h("p", { class: "muted" }, "Nothing yet."),
    ),
  );
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
        await api("POST", sessionPath("/game-selection"), { game_id: g.id, source: SelectionSource.Dice });
        await loadTonight();
      }),
    auth.admin && S.session &&
      button("Add it", async () => {
        await api("POST", sessionPath("/games"), { game_id: g.id });
        S.picked = null;
        await loadTonight();
        page.showTab("tonight");
      }),
    errLine(),
  );
  fill(
    out,
    h(
      "div",
      { class: "card picked" },
      h("p", { class: "game-title", id: "picked-title" }, g.title, played.has(g.id) ? h("span", { class: "badge played", id: "picked-played" }, `played tonight ×${played.get(g.id).timesPlayed}`) : null),
      h("p", { class: "muted" }, `${g.pack_name} · ${g.min_players}–${g.max_players} players${g.length_minutes ? ` · ${g.length_minutes} min` : ""}${g.game_type ? ` · ${g.game_type}` : ""}`),
      h("p", { class: "muted" }, `one of ${poolSize} matching games`),
      actions,
    ),
  );
}
