#!/usr/bin/env bash
# Builds the release archives into dist/ (or OUTDIR):
#
#   jackbox-<version>-x86_64-pc-windows-gnu.zip      jackbox.exe, README.md, LICENSE,
#                                                     completions/_jackbox.ps1 (PowerShell)
#   jackbox-<version>-x86_64-unknown-linux-gnu.tar.gz jackbox-<version>-x86_64-unknown-linux-gnu/
#                                                     with jackbox, README.md, LICENSE,
#                                                     completions/ (bash, zsh, fish, elvish,
#                                                     PowerShell) and man/ (section 1 pages)
#
#   tools/dist.sh [OUTDIR]
#
# Needs: rustup's x86_64-pc-windows-gnu target and x86_64-w64-mingw32-gcc (Debian:
# gcc-mingw-w64-x86-64) for the Windows build; python3 (zipfile) for the zip. Both release
# builds are plain `cargo build --release --locked` runs: already-built binaries are reused.
# The completions and man pages are the checked-in ones (a test keeps them equal to what
# clap_complete and clap_mangen generate from the command tree). The zip has no top folder
# (Explorer's "Extract All" makes one); the tarball has one, as usual on Linux.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-dist}")
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
win=x86_64-pc-windows-gnu
linux=x86_64-unknown-linux-gnu

cargo build --release --locked --target "$win"
cargo build --release --locked

mkdir -p "$out"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Windows: a flat zip.
w="$stage/win"
mkdir -p "$w/completions"
cp "target/$win/release/jackbox.exe" README.md LICENSE "$w/"
cp completions/_jackbox.ps1 "$w/completions/"
zip="$out/jackbox-$version-$win.zip"
rm -f "$zip"
(cd "$w" && python3 -m zipfile -c "$zip" jackbox.exe README.md LICENSE completions)

# Linux: a tarball with a top folder.
name="jackbox-$version-$linux"
l="$stage/$name"
mkdir -p "$l"
cp target/release/jackbox README.md LICENSE "$l/"
cp -r completions man "$l/"
tar -C "$stage" --owner=0 --group=0 -czf "$out/$name.tar.gz" "$name"

echo "$zip"
echo "$out/$name.tar.gz"
