#!/usr/bin/env bash
# The benchmark of quality.md (P1–P8), in one command: builds jackbox and the bench in
# release mode, then generates the big database and prints every figure and the final table.
#   bash bench/run.sh            full run (a few minutes)
#   bash bench/run.sh --quick    every measurement at a small size
#   bash bench/run.sh --only P1,P2
# See docs/benchmark.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# P5 compares against the sqlite3 shell: install it like a CI setup step when absent.
if ! command -v sqlite3 >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get install -y sqlite3 >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y sqlite3 >/dev/null; } || echo "warning: could not install sqlite3; P5 will be n/a" >&2
  else
    echo "warning: no sqlite3 shell; P5 will be n/a" >&2
  fi
fi
# P6/P8 hold 1,000 WebSocket connections on each side: raise the descriptor limit.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 8192 2>/dev/null || true
cargo build --release --locked --bin jackbox --example bench
exec target/release/examples/bench "$@"
