#!/usr/bin/env bash
# Builds the SPA into web/dist (served by the Gateway). Needs Node.js 20.19+ and npm; only the npm registry is used.
set -euo pipefail
cd "$(dirname "$0")/../web"
source ../scripts/node-env.sh
require_recent_node
npm ci --no-audit --no-fund --loglevel=error
npm run build
