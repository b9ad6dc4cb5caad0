#!/usr/bin/env bash
# Sets up and runs the app on the embedded default: the Scalekit emulator (seeded "Acme"
# organization and admin), a local mail inbox, the BFF and the web app on http://localhost:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec pnpm dev
