#!/usr/bin/env python3
# Issue 15 figure: 300 clients trickling request bodies (one byte per 100 ms) at the login
# and picker routes; prints the daemon RSS growth and how fast all are cut off.
# Usage: python3 bench/trickle.py target/release/jackbox
import socket, subprocess, time, os, sys, tempfile, select
binp = sys.argv[1]
d = tempfile.mkdtemp()
env = dict(os.environ, JACKBOX_DB=d+'/t.db', JACKBOX_ADMIN_KEY='k', JACKBOX_LOG='warn')
p = subprocess.Popen([binp, 'serve', '--bind', '127.0.0.1:0'], env=env, stderr=subprocess.PIPE, text=True)
line = p.stderr.readline()
addr = line.strip().split('http://')[1]
host, port = addr.split(':'); port = int(port)
def rss():
    for l in open(f'/proc/{p.pid}/status'):
        if l.startswith('VmRSS'): return int(l.split()[1]) / 1024
time.sleep(1)
for path, clen in (('/api/auth/login',1048576), ('/api/auth/login',3000), ('/api/pick',60000), ('/api/pick',1048576)):
    base = rss()
    socks = []
    for i in range(300):
        s = socket.create_connection((host, port))
        s.sendall(f'POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {clen}\r\n\r\n'.encode())
        s.setblocking(False)
        socks.append(s)
    t0 = time.time(); peak = base; open_ = set(range(300)); statuses = {}
    while open_ and time.time() - t0 < 60:
        for i in list(open_):
            s = socks[i]
            try:
                s.send(b' ')
            except (BlockingIOError,):
                pass
            except OSError:
                open_.discard(i); continue
            try:
                data = s.recv(4096)
                if data:
                    statuses.setdefault(i, data[:12].decode(errors='replace'))
                else:
                    open_.discard(i)
            except BlockingIOError:
                pass
            except OSError:
                open_.discard(i)
        peak = max(peak, rss())
        time.sleep(0.1)
    took = time.time() - t0
    codes = {}
    for v in statuses.values(): codes[v] = codes.get(v, 0) + 1
    print(f'{path} Content-Length {clen}: RSS before {base:.1f} MB, peak {peak:.1f} MB (+{peak-base:.1f} MB); all 300 cut off in {took:.1f} s (still open: {len(open_)}); answers {codes}')
    for s in socks: s.close()
    time.sleep(1)
p.terminate(); p.wait()
