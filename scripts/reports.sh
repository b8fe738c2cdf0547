#!/usr/bin/env bash
# The README's main command: on a fresh clone it installs what is needed, builds, writes the
# seeded default data and runs every notebook into reports/ (HTML + executed .ipynb).
# Extra arguments go to `powerflow run` (e.g. -p input=../shared/data/PJME_hourly.csv).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build
node bin/powerflow.js generate --seed 42 --out data/raw/default
node bin/powerflow.js run notebooks/*.ipynb --out reports/ "$@"
