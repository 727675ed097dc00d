#!/usr/bin/env bash
# Installs the real VS Code that the integration tests run in: code-server 4.100.3 (VS Code 1.100.3,
# the last line that runs on Node 20) under .vscode-test/code-server, plus Debian's chromium that
# shows its workbench (the README's Development section). Idempotent: a second run only checks.
# Works unattended (CI=true, no stdin) as root. Says what it installs (it takes about a minute);
# a failure prints the failing tool's own output.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds this file.
RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
RG_TARBALL="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
DEST="$PWD/.vscode-test/code-server"
BIN="$DEST/node_modules/.bin/code-server"
# Written only after a complete install, so an interrupted one is redone rather than trusted.
MARKER="$DEST/.installed-$CODE_SERVER_VERSION"

started=$SECONDS
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_quietly() { # description, command...: keeps the output for when it fails
  local what=$1
  shift
  if ! "$@" >"$log" 2>&1; then
    echo "install-test-host: $what failed; its output:" >&2
    tail -n 60 "$log" >&2
    exit 1
  fi
}

# 1. Debian packages: chromium shows the workbench, libkrb5-dev lets code-server's kerberos addon
#    build, ripgrep stands in for @vscode/ripgrep's download, unzip unpacks the .vsix for the web host.
missing=()
for pkg in chromium libkrb5-dev ripgrep unzip; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "install-test-host: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  run_quietly "apt-get update" "${sudo[@]}" apt-get update -q
  run_quietly "apt-get install" "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# 2. code-server itself, in its own folder with its own package.json so that npm neither walks up
#    to the project's package.json nor touches its lock file.
if [ -f "$MARKER" ] && [ -x "$BIN" ] &&
  [ "$(node -p 'require(process.argv[1]).version' "$DEST/node_modules/code-server/package.json" 2>/dev/null)" = "$CODE_SERVER_VERSION" ]; then
  :
else
  echo "install-test-host: installing code-server@$CODE_SERVER_VERSION into .vscode-test/code-server (about a minute)"
  mkdir -p "$RG_CACHE"
  [ -s "$RG_TARBALL" ] || tar czf "$RG_TARBALL" -C "$(dirname "$(command -v rg)")" rg
  rm -rf "$DEST"
  mkdir -p "$DEST"
  # allowScripts: the two packages whose install scripts this needs, reviewed and pinned. The
  # nested install that code-server's postinstall runs in lib/vscode has no such list: it runs
  # its scripts (node-pty, kerberos, spdlog, ripgrep...) under npm's default, which only warns;
  # strict-allow-scripts is forced off in case a user or CI config turned it on.
  cat >"$DEST/package.json" <<EOF
{
  "name": "alfred-events-test-host",
  "private": true,
  "description": "The code-server that test/host/code-server-launcher.js drives; made by scripts/install-test-host.sh.",
  "allowScripts": { "code-server@$CODE_SERVER_VERSION": true, "argon2@0.31.2": true }
}
EOF
  # unsafe_perm: code-server's postinstall refuses to run as root without it (npm 11 no longer
  # knows the option, but the script reads the variable). yes: node-pty's postinstall runs
  # `npx node-gyp`, which ~/.npmrc's yes=false would stop at a prompt with no stdin.
  (
    cd "$DEST"
    export npm_config_unsafe_perm=true npm_config_yes=true npm_config_strict_allow_scripts=false
    export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
    # An enclosing `npm run --silent` passes loglevel=silent down: a failure must still say why.
    export npm_config_loglevel=notice
    run_quietly "npm install code-server@$CODE_SERVER_VERSION" \
      npm install --no-audit --no-fund --no-package-lock "code-server@$CODE_SERVER_VERSION"
  )
  # The postinstall's own failures do not always fail npm: check what it should have built.
  for f in lib/vscode/node_modules/node-pty/build/Release/pty.node \
    lib/vscode/node_modules/@vscode/ripgrep/bin/rg; do
    if [ ! -e "$DEST/node_modules/code-server/$f" ]; then
      echo "install-test-host: code-server's postinstall did not produce $f" >&2
      tail -n 60 "$log" >&2
      exit 1
    fi
  done
  version=$(XDG_CONFIG_HOME="$DEST/.config" "$BIN" --version 2>/dev/null | tail -n 1)
  case "$version" in
    "$CODE_SERVER_VERSION "*) ;;
    *) echo "install-test-host: code-server does not start (--version said: $version)" >&2; exit 1 ;;
  esac
  touch "$MARKER"
fi

echo "install-test-host: chromium $(chromium --version 2>/dev/null | awk '{print $2}'), code-server $CODE_SERVER_VERSION, ready in $((SECONDS - started)) s"
