#!/usr/bin/env bash
# Runs the SPA's component tests (Vitest, once) and ends with one summary line:
#   web: N passed, N failed, N skipped
# WEB_TEST_REPORT=<file> keeps Vitest's JSON report there; extra arguments go to Vitest.
# Needs Node.js 20.19+ and npm; only the npm registry is used.
set -euo pipefail
cd "$(dirname "$0")/../web"
source ../scripts/node-env.sh
require_recent_node
npm ci --no-audit --no-fund --loglevel=error

report="${WEB_TEST_REPORT:-}"
if [[ -z "$report" ]]; then
  report="$(mktemp --suffix=.json)"
  trap 'rm -f "$report"' EXIT
fi
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
if [[ -s "$report" ]]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    // A file that fails to load fails no test, yet the run failed: count it.
    const failed = r.numFailedTests || (r.success ? 0 : Math.max(1, r.numFailedTestSuites));
    console.log(`web: ${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  ' "$report"
fi
exit "$status"
