#!/usr/bin/env python3
"""Test scaffolding for tools/wine-smoke.sh: a minimal WebSocket client (standard library
only, RFC 6455 text frames) on the Linux side of the Wine smoke test.

    ws_wait.py PORT TOKEN SESSION_ID EVENT_TYPE READY_FILE

Connects to ws://127.0.0.1:PORT/api/sessions/live, authenticates with TOKEN, subscribes to
SESSION_ID, writes "subscribed" to READY_FILE, then waits for a frame whose type is
EVENT_TYPE and prints it (one JSON line). Exit 0 when it arrives; exit 1 on anything else
(an error frame, a closed connection, 60 s without it)."""
import base64, json, os, signal, socket, struct, sys

# One deadline for the whole exchange (the server's pings would keep a socket timeout alive).
signal.signal(signal.SIGALRM, lambda *_: sys.exit("ws: no event within 60 s"))
signal.alarm(60)
port, token, session_id, wanted, ready = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
sock = socket.create_connection(("127.0.0.1", int(port)), timeout=60)
key = base64.b64encode(os.urandom(16)).decode()
sock.sendall((f"GET /api/sessions/live HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
              f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
              "Sec-WebSocket-Version: 13\r\n\r\n").encode())
buf = b""
while b"\r\n\r\n" not in buf:
    chunk = sock.recv(4096)
    if not chunk:
        sys.exit("ws: connection closed during the handshake")
    buf += chunk
head, buf = buf.split(b"\r\n\r\n", 1)
if not head.startswith(b"HTTP/1.1 101"):
    sys.exit(f"ws: handshake refused: {head.decode(errors='replace')}")


def send(obj):
    data = json.dumps(obj).encode()
    mask = os.urandom(4)
    n = len(data)
    header = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n))
    sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))


def read_exact(n):
    global buf
    while len(buf) < n:
        chunk = sock.recv(65536)
        if not chunk:
            sys.exit("ws: connection closed")
        buf += chunk
    out, buf = buf[:n], buf[n:]
    return out


def receive():
    """The next text message (server pings are answered, other control frames skipped)."""
    while True:
        b0, b1 = read_exact(2)
        n = b1 & 0x7F
        if n == 126:
            n = struct.unpack(">H", read_exact(2))[0]
        elif n == 127:
            n = struct.unpack(">Q", read_exact(8))[0]
        payload = read_exact(n)
        op = b0 & 0x0F
        if op == 0x8:
            sys.exit(f"ws: closed by the server: {payload!r}")
        if op == 0x9:
            mask = os.urandom(4)
            sock.sendall(bytes([0x8A, 0x80 | len(payload)]) + mask
                         + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
            continue
        if op == 0x1:
            return json.loads(payload)


send({"type": "auth", "token": token})
msg = receive()
if msg.get("type") != "auth_success":
    sys.exit(f"ws: auth failed: {msg}")
send({"type": "subscribe", "sessionId": session_id})
msg = receive()
if msg.get("type") != "subscribed":
    sys.exit(f"ws: subscribe failed: {msg}")
with open(ready, "w") as f:
    f.write("subscribed\n")
while True:
    msg = receive()
    if msg.get("type") == wanted:
        print(json.dumps(msg))
        sys.exit(0)
    if msg.get("type") in ("error", "auth_error"):
        sys.exit(f"ws: {msg}")
