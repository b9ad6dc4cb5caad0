#!/usr/bin/env bash
# Shared set-up for scripts/dev.sh and scripts/test.sh: checks Node, installs the pinned pnpm
# when it is missing, then installs the workspace from the committed lockfile.
set -euo pipefail

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"

node_ok="$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); console.log(a>20||(a===20&&b>=19)?"yes":"no")')"
if [ "$node_ok" != "yes" ]; then
  echo "Node >= 20.19 is required (found $(node --version))." >&2
  exit 1
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "Installing pnpm@$PNPM_VERSION with npm"
  if [ -w "$(npm prefix -g)/lib" ] 2>/dev/null || [ "$(id -u)" = "0" ]; then
    npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
  else
    npm install --global --prefix "$HOME/.local" --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
    export PATH="$HOME/.local/bin:$PATH"
  fi
fi

# better-sqlite3 compiles from source when no prebuilt binary can be downloaded (about a minute).
pnpm install --frozen-lockfile
