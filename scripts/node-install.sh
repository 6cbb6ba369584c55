#!/usr/bin/env bash
# The Node.js that production runs (the Dockerfile's node:22 image), for CI and for machines whose own Node is older.
# It comes from the npm registry's `node` package (official Node.js builds published as npm packages), pinned and
# cached outside the clone. Prints `NODE_BIN_DIR=<dir>`: put that directory first on PATH.
#   bash scripts/node-install.sh            obtain it (a few seconds; nothing when cached)
#   JMEG_NODE_VERSION=22.x.y                another pinned version
set -euo pipefail
version="${JMEG_NODE_VERSION:-22.23.3}"
cache="${JMEG_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jmeg/node}/$version"
bin="$cache/node_modules/node/bin"

if [[ ! -x "$bin/node" ]] || [[ "$("$bin/node" --version 2>/dev/null)" != "v$version" ]]; then
  rm -rf "$cache"
  mkdir -p "$cache"
  echo "node-install: Node.js $version from the npm registry" >&2
  npm install --prefix "$cache" --no-audit --no-fund --no-save --loglevel=error "node@$version" >&2
fi
got="$("$bin/node" --version)"
[[ "$got" == "v$version" ]] || { echo "node-install: expected v$version, got $got" >&2; exit 1; }
echo "NODE_BIN_DIR=$bin"
