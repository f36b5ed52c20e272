#!/bin/sh
# Runs a command on Node 24 LTS, the production runtime (decision 011), installing it from the npm registry when it
# is missing (the binary package `node-linux-<arch>`, as ../shared/docs/ENVIRONMENT.md says; no other download).
#   sh scripts/with-node24.sh <command> [args…]
# NODE24_PREFIX says where it lives (default /opt/node24 as root, else ~/.cache/sanctions-watch/node24).
set -e
VERSION=24.22.3
case "$(uname -m)" in
  x86_64) ARCH=x64 ;;
  aarch64 | arm64) ARCH=arm64 ;;
  *) echo "with-node24: no Node 24 package for $(uname -m)" >&2; exit 1 ;;
esac
if [ "$(id -u)" = "0" ]; then DEFAULT_PREFIX=/opt/node24; else DEFAULT_PREFIX="$HOME/.cache/sanctions-watch/node24"; fi
PREFIX="${NODE24_PREFIX:-$DEFAULT_PREFIX}"
BIN="$PREFIX/node_modules/node-linux-$ARCH/bin"
if [ ! -x "$BIN/node" ] || [ "$("$BIN/node" --version)" != "v$VERSION" ]; then
  echo "Node $VERSION is missing: installing node-linux-$ARCH from the npm registry into $PREFIX…" >&2
  mkdir -p "$PREFIX"
  npm i --prefix "$PREFIX" --no-audit --no-fund --no-save "node-linux-$ARCH@$VERSION" >&2
fi
PATH="$BIN:$PATH" exec "$@"
