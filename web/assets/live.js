// Shared by the console and the overlay: JSON reads of the public API and the WebSocket
// client of /api/sessions/live (auth, subscriptions that survive reconnects, keepalive,
// reconnect with backoff forever).

/** An API error: the API's own message and the HTTP status. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/**
 * Calls the API; resolves to the parsed JSON body (with `withHeaders`: `{ body, headers }`),
 * rejects with an ApiError.
 */
export async function request(method, path, { token, body, raw, withHeaders } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload;
  if (raw !== undefined) {
    payload = raw;
    headers["Content-Type"] = "application/json";
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers["Content-Type"] = "application/json";
  }
  let resp;
  try {
    resp = await fetch(path, { method, headers, body: payload, cache: "no-store" });
  } catch (e) {
    throw new ApiError(0, "The server cannot be reached", null);
  }
  const text = await resp.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!resp.ok) {
    const message = (json && json.error) || `${resp.status} ${resp.statusText}`;
    throw new ApiError(resp.status, message, json);
  }
  const out = json === null ? text : json;
  return withHeaders ? { body: out, headers: resp.headers } : out;
}

export const getJSON = (path, token) => request("GET", path, { token });

/** Reconnect delays: 0.5 s doubling to 15 s, with jitter so many clients spread out. */
function backoff(attempt) {
  const base = Math.min(15000, 500 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

/**
 * The WebSocket client. `handlers`: onEvent(msg), onStatus("connecting"|"live"|"offline"|
 * "unauthorized"), onAuthError(message), onAuthenticated(), onMessage(msg) for other replies.
 */
export class Live {
  constructor(token, handlers) {
    this.token = token;
    this.handlers = handlers;
    this.sessions = new Set();
    this.attempt = 0;
    this.ws = null;
    this.stopped = false;
    this.authed = false;
    this.timer = null;
    this.ping = null;
  }

  status(s) {
    this.state = s;
    if (this.handlers.onStatus) this.handlers.onStatus(s);
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.ping);
    if (this.ws) this.ws.close(1000, "bye");
    this.ws = null;
  }

  send(obj) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(obj));
  }

  subscribe(id) {
    if (!id || this.sessions.has(id)) return;
    this.sessions.add(id);
    if (this.authed) this.send({ type: "subscribe", sessionId: id });
  }

  unsubscribeAll() {
    for (const id of this.sessions) if (this.authed) this.send({ type: "unsubscribe", sessionId: id });
    this.sessions.clear();
  }

  connect() {
    if (this.stopped) return;
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    this.status("connecting");
    let ws;
    try {
      ws = new WebSocket(`${proto}//${location.host}/api/sessions/live`);
    } catch (e) {
      this.retry();
      return;
    }
    this.ws = ws;
    this.authed = false;
    ws.onopen = () => {
      this.send({ type: "auth", token: this.token });
      clearInterval(this.ping);
      this.ping = setInterval(() => this.send({ type: "ping" }), 25000);
    };
    ws.onmessage = (m) => {
      let msg;
      try {
        msg = JSON.parse(m.data);
      } catch (e) {
        return;
      }
      this.receive(msg);
    };
    ws.onclose = () => {
      clearInterval(this.ping);
      if (this.ws !== ws) return;
      this.ws = null;
      this.authed = false;
      if (this.stopped) return;
      this.status("offline");
      this.retry();
    };
    // An error is always followed by a close, which reconnects.
    ws.onerror = () => {};
  }

  retry() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), backoff(this.attempt));
    this.attempt = Math.min(this.attempt + 1, 10);
  }

  receive(msg) {
    switch (msg.type) {
      case "auth_success":
        this.authed = true;
        this.attempt = 0;
        for (const id of this.sessions) this.send({ type: "subscribe", sessionId: id });
        this.status("live");
        if (this.handlers.onAuthenticated) this.handlers.onAuthenticated();
        return;
      case "auth_error":
        this.authed = false;
        this.status("unauthorized");
        if (this.handlers.onAuthError) this.handlers.onAuthError(msg.message);
        return;
      case "pong":
      case "subscribed":
      case "unsubscribed":
        return;
      case "error":
        console.warn("live:", msg.message);
        return;
      default:
        if (msg.data !== undefined && this.handlers.onEvent) this.handlers.onEvent(msg);
        else if (this.handlers.onMessage) this.handlers.onMessage(msg);
    }
  }
}
