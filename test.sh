#!/usr/bin/env bash
# Hearth's one test command. Installs what is missing, starts a throwaway PostgreSQL cluster, runs every
# suite (integration on SQLite and again on PostgreSQL, browser tests in Debian's Chromium) and prints
# "N passed, N failed" as its last line. With CI=true a missing dependency is a failure, never a skip.
set -uo pipefail
cd "$(dirname "$0")"

ci="${CI:-false}"
configuration="${CONFIGURATION:-Debug}"
passed=0
failed=0
# The suites start many short-lived hosts; profile-guided re-jitting costs them more than it gives back (1 m 49 s
# instead of 2 m 12 s for the SQLite suite). Hearth itself runs with the runtime's defaults.
export DOTNET_TieredPGO=0
results="$(pwd)/TestResults"
rm -rf "$results"
mkdir -p "$results"

say() { printf '\n== %s\n' "$*" >&2; }

# A dependency Hearth's tests cannot do without. The second argument says what happens without it outside CI.
missing() {
  if [ "$ci" = "true" ]; then
    say "MISSING: $1 (a failure in CI)"
    failed=$((failed + 1))
  else
    say "MISSING: $1 (${2:-its suite is not run}; in CI this fails)"
  fi
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

# 1. Debian's Chromium for the browser tests.
if [ ! -x /usr/bin/chromium ]; then
  say "Installing chromium from Debian"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
    && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi

# 1a. sqlite3, which the benchmark harness's smoke run reads its database with.
if ! command -v sqlite3 >/dev/null; then
  say "Installing sqlite3 from Debian"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >&2 \
    || { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >&2; }
fi

# 1b. ical.js from npm, as package-lock.json pins it: IcalJsAgreementTests expand the calendar feeds with it under node.
ical_js=tests/Hearth.Tests/Features/Meetings
if [ ! -d "$ical_js/node_modules/ical.js" ]; then
  say "Installing ical.js (npm ci in $ical_js)"
  if ! command -v node >/dev/null || ! command -v npm >/dev/null || ! npm ci --prefix "$ical_js" --no-audit --no-fund >&2; then
    missing "node, npm and ical.js (npm ci --prefix $ical_js)" "IcalJsAgreementTests fail"
  fi
fi

# 2. A throwaway PostgreSQL cluster on a free loopback port, removed on exit.
# shellcheck source=scripts/postgres.sh
. scripts/postgres.sh
trap stop_postgres EXIT
say "Starting a throwaway PostgreSQL"
# Durability is not under test here; speed is welcome.
if start_postgres -c fsync=off -c synchronous_commit=off -c full_page_writes=off; then
  say "PostgreSQL on 127.0.0.1:$pg_port"
else
  postgres=""
  missing "PostgreSQL 15 (binaries in $pg_bin, run as user postgres)"
fi

# 3. Build everything once.
say "Building ($configuration)"
if ! dotnet build Hearth.slnx -c "$configuration" -nologo -v quiet >"$results/build.log" 2>&1; then
  cat "$results/build.log" >&2
  failed=$((failed + 1))
  echo "$passed passed, $failed failed"
  exit 1
fi

# 4. Code style, as .editorconfig says (counts as one test).
say "Checking formatting"
if dotnet format Hearth.slnx --verify-no-changes --no-restore >"$results/format.log" 2>&1; then
  passed=$((passed + 1))
else
  cat "$results/format.log" >&2
  failed=$((failed + 1))
fi

# 5. Each suite adds its counts; a skipped test counts as failed, a suite that crashes counts as one failure.
# Usage: run_suite NAME PROJECT FILTER [VARIABLE=value ...]; an empty FILTER runs every test.
run_suite() {
  local name=$1 project=$2 filter=$3
  shift 3
  say "Suite: $name"
  local log="$results/$name.log"
  local args=(test "$project" -c "$configuration" --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results")
  if [ -n "$filter" ]; then args+=(--filter "$filter"); fi
  env "$@" dotnet "${args[@]}" 2>&1 | tee "$log" >&2
  local summary
  summary=$(grep -E '^(Passed|Failed)!' "$log" | tail -n 1)
  if [ -z "$summary" ]; then
    say "$name did not report results"
    failed=$((failed + 1))
    return
  fi
  local p f s
  p=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary")
  f=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$summary")
  s=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$summary")
  passed=$((passed + p))
  failed=$((failed + f + s))
}

run_suite integration-sqlite tests/Hearth.Tests "" HEARTH_TEST_PROVIDER=Sqlite
if [ -n "$postgres" ]; then
  # Backups copy the embedded SQLite file, so the SQLite run covers them.
  run_suite integration-postgres tests/Hearth.Tests "Provider!=Sqlite" HEARTH_TEST_PROVIDER=Postgres HEARTH_TEST_POSTGRES="$postgres"
fi
# A seconds-long run of the whole benchmark harness on this build (bench/run.sh smoke: generate, sign in, every
# scenario through bench/load.mjs), so that it never rots. It checks that every request got the answer expected,
# never a time. Counts as one test.
say "Benchmark harness smoke run"
if command -v sqlite3 >/dev/null && command -v node >/dev/null \
  && HEARTH_BENCH_APP="$(pwd)/src/Hearth.Web/bin/$configuration/net10.0/Hearth.Web.dll" bench/run.sh smoke sqlite >"$results/bench-smoke.log" 2>&1; then
  passed=$((passed + 1))
else
  cat "$results/bench-smoke.log" >&2
  failed=$((failed + 1))
fi

if [ -x /usr/bin/chromium ]; then
  run_suite browser tests/Hearth.BrowserTests "" HEARTH_TEST_PROVIDER=Sqlite
else
  missing "Debian chromium (apt-get install chromium)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
