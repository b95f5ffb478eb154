#!/usr/bin/env bash
# Runs the SPA's component tests (Vitest, once). Needs Node.js 20.19+ and npm; only the npm registry is used.
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund --loglevel=error
npm test
