#!/usr/bin/env bash
# Asserts the contents of the release archives built by tools/dist.sh: exactly the listed
# files, a Windows PE executable and a Linux ELF one. Exits non-zero on any difference.
#
#   tools/check-dist.sh [DIST_DIR]     (default: dist)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-dist}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
zip="$dir/jackbox-$version-x86_64-pc-windows-gnu.zip"
name="jackbox-$version-x86_64-unknown-linux-gnu"
tgz="$dir/$name.tar.gz"

python3 - "$zip" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = sorted(n for n in z.namelist() if not n.endswith("/"))
want = ["LICENSE", "README.md", "completions/_jackbox.ps1", "jackbox.exe"]
assert names == want, f"zip holds {names}, expected {want}"
assert z.read("jackbox.exe")[:2] == b"MZ", "jackbox.exe is not a Windows executable"
assert b"Register-ArgumentCompleter" in z.read("completions/_jackbox.ps1"), "not PowerShell completions"
assert z.read("LICENSE").startswith(b"MIT License"), "LICENSE"
assert not any("bcryptprimitives" in n.lower() for n in z.namelist()), "the Wine test shim leaked"
print(f"check-dist: ok: {sys.argv[1]}: {', '.join(names)}")
PY

listing=$(tar -tzf "$tgz" | grep -v '/$' | sort)
for f in jackbox README.md LICENSE completions/jackbox.bash completions/_jackbox \
  completions/jackbox.fish completions/jackbox.elv completions/_jackbox.ps1 \
  man/jackbox.1 man/jackbox-serve.1 man/jackbox-db-path.1; do
  grep -qx "$name/$f" <<<"$listing" || { echo "check-dist: $tgz lacks $name/$f" >&2; exit 1; }
done
extra=$(grep -v -x -e "$name/jackbox" -e "$name/README.md" -e "$name/LICENSE" \
  -e "$name/completions/.*" -e "$name/man/jackbox.*\.1" <<<"$listing" || true)
[ -z "$extra" ] || { echo "check-dist: unexpected files in $tgz: $extra" >&2; exit 1; }
[ "$(wc -l <<<"$(grep "^$name/man/" <<<"$listing")")" = "$(ls man/*.1 | wc -l)" ] \
  || { echo "check-dist: $tgz does not hold every man page" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xzf "$tgz" -C "$tmp" "$name/jackbox"
[ "$(head -c 4 "$tmp/$name/jackbox" | od -An -c | tr -d ' ')" = '177ELF' ] \
  || { echo "check-dist: $name/jackbox is not an ELF executable" >&2; exit 1; }
"$tmp/$name/jackbox" --version | grep -qx "jackbox $version" \
  || { echo "check-dist: $name/jackbox --version" >&2; exit 1; }
echo "check-dist: ok: $tgz: $(wc -l <<<"$listing") files"
