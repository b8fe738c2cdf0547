#!/usr/bin/env bash
# The README's test command: on a fresh clone it installs everything the tests need
# (Node 24 if the system Node is older, npm packages, Debian packages when root), then runs
# typecheck + lint + format check + the vitest suite (`npm test`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
bash scripts/install-system-deps.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm test
