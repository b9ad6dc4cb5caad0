#!/usr/bin/env bash
# Installs the system programs the test suite drives for real: redis-server (session store
# tests), PostgreSQL (the BFF's database tests start their own server from its binaries) and
# Debian's Chromium (browser journeys). Skips what is already there.
set -euo pipefail

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium fonts-liberation fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0

sudo_cmd=()
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "Please install: ${need[*]} (apt-get install ${need[*]})" >&2
    exit 1
  fi
fi
echo "Installing ${need[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
