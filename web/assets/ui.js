// Console helpers: building DOM nodes, the login kept in sessionStorage, API calls with the
// token, and showing an API error next to the control that caused it.

import { request } from "/assets/live.js";
import { Role } from "/assets/vocab.js";

/** `h("button", { class: "x", onclick: f, "aria-label": "…" }, "text", child…)`. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  let value = null;
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "value") value = String(v);
    else if (k === "checked") el.checked = el.defaultChecked = !!v;
    else if (k === "disabled" || k === "selected" || k === "hidden" || k === "open") el[k] = !!v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  // An input's value is its default (so re-renders can tell what the user changed); a
  // select's is set once its options are there.
  if (value !== null) {
    if (tag === "input" || tag === "option") el.setAttribute("value", value);
    else el.value = value;
  }
  return el;
}

/** Replaces `el`'s children. */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

/** What identifies a control across re-renders: its `data-key` scope, form and name/label. */
function keyOf(el) {
  const scope = el.closest("[data-key]");
  const form = el.form || el.closest("form");
  const name = el.name || el.getAttribute("aria-label") || el.textContent;
  return `${scope ? scope.dataset.key : ""}|${form ? form.id : ""}|${el.tagName}|${name}`;
}

/**
 * Replaces `el`'s children like `fill`, keeping what the user was doing: text typed into
 * inputs that are still there, and the keyboard focus. `children` may be one function that
 * builds them: it runs after the state is read (it may move kept nodes, which blurs them).
 */
export function rerender(el, ...children) {
  const saved = new Map();
  let focus = null;
  for (const c of el.querySelectorAll("input, textarea, select, button, summary, details")) {
    const key = keyOf(c);
    if (c === document.activeElement) focus = key;
    if (c.tagName === "DETAILS") {
      if (c.open) saved.set(key, true);
    } else if (c.tagName !== "BUTTON" && c.tagName !== "SUMMARY" && c.type !== "file") {
      const dirty = c.type === "checkbox" ? c.checked !== c.defaultChecked : c.tagName === "SELECT" || c.value !== c.defaultValue;
      if (dirty) saved.set(key, c.type === "checkbox" ? c.checked : c.value);
    }
  }
  if (typeof children[0] === "function") children = [children[0]()];
  fill(el, ...children);
  for (const c of el.querySelectorAll("input, textarea, select, button, summary, details")) {
    const key = keyOf(c);
    if (saved.has(key)) {
      if (c.tagName === "DETAILS") c.open = true;
      else if (c.type === "checkbox") c.checked = saved.get(key);
      else c.value = saved.get(key);
    }
    if (key === focus && document.activeElement !== c) c.focus();
  }
  return el;
}

let nextId = 0;
/** A labelled input: `field("Room code", { name: "room_code", … })` → label + control. */
export function field(label, props, tag = "input") {
  const { options, ...rest } = props;
  const id = rest.id || `f${++nextId}`;
  const control = h(tag, { ...rest, id }, ...(options || []).map(optionNode));
  return h("label", { class: "field", for: id }, h("span", { class: "field-label" }, label), control);
}

function optionNode(o) {
  const [value, text] = Array.isArray(o) ? o : [o, o];
  return h("option", { value }, text);
}

/** An error line (`role=alert`) to put next to controls. */
export const errLine = () => h("output", { class: "err", role: "alert" });

// ---- The login -----------------------------------------------------------------------

const KEY = "jackbox.auth";
export const auth = {
  token: null,
  name: null,
  role: null,
  exp: 0,
  load() {
    try {
      Object.assign(this, JSON.parse(sessionStorage.getItem(KEY)) || {});
    } catch (e) {
      this.clear();
    }
  },
  save(token, name, role, exp) {
    Object.assign(this, { token, name, role, exp });
    sessionStorage.setItem(KEY, JSON.stringify({ token, name, role, exp }));
  },
  clear() {
    Object.assign(this, { token: null, name: null, role: null, exp: 0 });
    sessionStorage.removeItem(KEY);
  },
  get admin() {
    return !!this.token && this.role === Role.Admin;
  },
};

/** The claims of a JWT (unverified: the server checks it; this only reads `exp` and names). */
export function claims(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(part + "=".repeat((4 - (part.length % 4)) % 4)));
  } catch (e) {
    return {};
  }
}

/** Called when the server refuses the token (expired, revoked). */
let onExpired = () => {};
export function whenExpired(f) {
  onExpired = f;
}

/** Ends the login after the server refused its token outside `api` (a download). */
export function loginRefused() {
  onExpired("Your login has expired or was revoked. Log in again.");
}

/** An API call with the login's token. A refused token ends the login. */
export async function api(method, path, body, extra = {}) {
  try {
    return await request(method, path, { token: auth.token, body, ...extra });
  } catch (e) {
    if (auth.token && (e.status === 401 || (e.status === 403 && e.message === "Invalid or expired token"))) {
      loginRefused();
    }
    throw e;
  }
}

/**
 * Runs `fn` when `el` (a form: on submit; anything else: on click) is used. While it runs
 * the control is busy; a failure shows the API's message in the nearest error line.
 */
export function act(el, fn) {
  const isForm = el.tagName === "FORM";
  el.addEventListener(isForm ? "submit" : "click", async (ev) => {
    ev.preventDefault();
    const box = el.closest(".ctl") || el.parentElement;
    let out = (isForm ? el : box).querySelector(":scope > output.err") || box.querySelector("output.err");
    if (!out) {
      out = errLine();
      (isForm ? el : box).append(out);
    }
    out.textContent = "";
    const button = isForm ? el.querySelector("button[type=submit], button:not([type])") : el;
    if (button) button.disabled = true;
    el.setAttribute("aria-busy", "true");
    try {
      await fn(ev);
      // A success also clears what went wrong earlier around it (the same card): an error
      // stays only until the work it was about next succeeds.
      const card = el.closest(".card");
      if (card) for (const o of card.querySelectorAll("output.err")) if (o !== out) o.textContent = "";
    } catch (e) {
      out.textContent = e.message || String(e);
    } finally {
      if (button) button.disabled = false;
      el.removeAttribute("aria-busy");
    }
  });
  return el;
}

/** A button that runs `fn` (see `act`). */
export const button = (text, fn, props = {}) => act(h("button", { type: "button", ...props }, text), fn);

/** A time as the reader's local date and time. */
export function when(t) {
  if (!t) return "";
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? t : d.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

export const clock = (t) => (t ? new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "");

/** Saves `text` (or a Blob) as a download named `name`. */
export function download(name, data, type) {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Copies `text`; resolves when done (also without the async clipboard API). */
export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch (e) {
    const t = h("textarea", { class: "offscreen", readonly: true }, text);
    document.body.append(t);
    t.select();
    document.execCommand("copy");
    t.remove();
  }
}
