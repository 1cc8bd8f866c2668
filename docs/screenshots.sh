#!/usr/bin/env bash
# Refreshes the screenshots in docs/img/ (console at laptop and phone widths, the overlay over
# a game scene) with the browser the tests use: Debian's headless Chromium.
#   apt-get install -y chromium chromium-driver   (or JACKBOX_CHROMIUM=/path/to/chrome)
set -euo pipefail
cd "$(dirname "$0")/.."
JACKBOX_SCREENSHOTS_DIR="$PWD/docs/img" \
  cargo test --test it browser::screenshots -- --ignored --exact
ls -l docs/img/*.png
