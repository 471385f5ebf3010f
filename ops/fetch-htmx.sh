#!/usr/bin/env bash
# Upgrade path for the vendored htmx: fetch an exact version with `npm pack` and check its SHA-256
# against static/vendor/VERSIONS (or print it, with --print-hash, to record a new version there).
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:?usage: ops/fetch-htmx.sh VERSION [--print-hash]}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "htmx.org@$version" >/dev/null && tar xzf htmx.org-*.tgz)
file="htmx-$version.min.js"
hash="$(sha256sum "$work/package/dist/htmx.min.js" | cut -d' ' -f1)"
if [ "${2:-}" = "--print-hash" ]; then echo "$hash"; exit 0; fi
expected="$(awk -v f="$file" '$1 == f {print $4}' static/vendor/VERSIONS)"
if [ -z "$expected" ]; then echo "$file не указан в static/vendor/VERSIONS" >&2; exit 1; fi
if [ "$hash" != "$expected" ]; then echo "SHA-256 не совпадает: $hash != $expected" >&2; exit 1; fi
cp "$work/package/dist/htmx.min.js" "static/vendor/$file"
echo "static/vendor/$file: htmx $version, sha256 $hash"
