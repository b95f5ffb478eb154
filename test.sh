#!/usr/bin/env bash
# Runs every test: installs what the tests need, builds, runs each test project, prints a summary
# and exits non-zero on any failure. The tests start (and stop) their own servers.
set -uo pipefail
cd "$(dirname "$0")"

scripts/install-prerequisites.sh test || exit 1
source scripts/node-env.sh
dotnet build AudioPlatform.sln -nologo -clp:ErrorsOnly || { echo "build failed"; exit 1; }
# The Gateway serves the SPA from web/dist, so the platform the tests start has the real web app.
scripts/build-web.sh || { echo "web build failed"; exit 1; }

results="TestResults"
rm -rf "$results"
status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  echo "== $name"
  dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || status=1
done

echo "== web"
WEB_TEST_REPORT="$PWD/$results/web.json" scripts/test-web.sh || status=1

passed=0 failed=0 skipped=0
if [ -s "$results/web.json" ]; then
  read -r web_passed web_failed web_skipped < <(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const failed = r.numFailedTests || (r.success ? 0 : Math.max(1, r.numFailedTestSuites));
    console.log(r.numPassedTests, failed, r.numPendingTests + r.numTodoTests);' "$results/web.json")
  passed=$web_passed failed=$web_failed skipped=$web_skipped
else
  echo "the web tests wrote no report"
  status=1
fi
# The real-music tools' rules (consensus, the estimators' baseline): node's own runner, plain modules, no packages.
echo "== tools/RealMusic"
tools_report="$(node --test tools/RealMusic 2>&1)" || status=1
echo "$tools_report" | grep -E "^(not )?ok |^# (pass|fail|skipped)"
count() { echo "$tools_report" | grep -oE "^# $1 [0-9]+" | grep -oE "[0-9]+" || echo 0; }
passed=$((passed + $(count pass)))
failed=$((failed + $(count fail)))
skipped=$((skipped + $(count skipped)))
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*' "$trx" | head -1)"
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
  # Skipped tests are counted in total but not in executed.
  skipped=$((skipped + $(value total) - $(value executed)))
done

# Nothing the tests started may outlive them (brokers, epmd).
if [ "${CI:-}" = true ]; then
  for _ in $(seq 1 60); do
    pgrep -f "audioplatform-rabbitmq|epmd -port|ceph-mon|ceph-osd|radosgw" >/dev/null || break
    sleep 1
  done
  if pgrep -af "audioplatform-rabbitmq|epmd -port|ceph-mon|ceph-osd|radosgw"; then
    echo "a server started by the tests (RabbitMQ, epmd, Ceph) is still running"
    status=1
  fi
fi

# The failures last, with why, where a truncated log still shows them.
trx_files=("$results"/*.trx)
[ -f "${trx_files[0]}" ] && node scripts/print-failures.mjs "${trx_files[@]}"
[ "$passed" -gt 0 ] || { echo "no test passed"; status=1; }
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit $status
