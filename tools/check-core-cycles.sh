#!/usr/bin/env bash
# Fails when the modules of src/core import each other in a loop, or when core code reads an
# environment variable or names `reqwest` (issue 25). The checks are the tests `layers::` of
# tests/it (tests/it/layers.rs): they read the `use` lines, the `crate::core::…` / `super::…`
# paths and the code of every core file, so `cargo test` (and CI) run them too.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo test --locked --test it layers:: -- --nocapture
