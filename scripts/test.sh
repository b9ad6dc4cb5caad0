#!/usr/bin/env bash
# Sets up and runs every check and test: lint, format, typecheck, unit and integration tests
# (real emulator, SMTP, Redis) and the browser journeys in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/bootstrap.sh
pnpm check

# Keep the runners' own output, then close with one "N passed, N failed" line over all of them.
mkdir -p test-results
set +e
pnpm test 2>&1 | tee test-results/test.log
status=${PIPESTATUS[0]}
set -e
node scripts/test-summary.mjs test-results/test.log
exit "$status"
