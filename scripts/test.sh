#!/usr/bin/env bash
# Sets up and runs every check and test: lint, format, typecheck, unit and integration tests
# (real emulator, SMTP, Redis) and the browser journeys in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/bootstrap.sh
pnpm check
pnpm test
