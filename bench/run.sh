#!/usr/bin/env bash
# Reproduces every figure in docs/performance.md on this machine: cold start, idle RSS, RSS under load,
# page weight, and latency percentiles at a fixed rate for each page next to a static-string baseline
# served by the same process; then the group directory and group pages on a generated network, each next to
# a baseline that runs the same SQL by hand. Loopback only; bounded in time. Usage: bench/run.sh [--quick]
# HEARTH_BENCH_SQL, if set, is run on the bench database before any measurement, for a before/after of a
# schema change no migration makes yet (an index, say); the report names it and the docs are left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
[ "${1:-}" = "--quick" ] && quick=true
rate=200
connections=20
duration=30s
warmup=5s
starts=5
if $quick; then duration=3s; warmup=1s; starts=1; fi
extra_sql=${HEARTH_BENCH_SQL:-}
pages=(/ /help-now)
# The generated network, and the directory searches made on it: every town with every topic.
groups=20000
towns=(London Leeds Manchester Birmingham Bristol Cardiff Glasgow Norwich Exeter Lincoln Swansea Inverness)
topics=(antidepressant-withdrawal hearing-voices grief self-harm depression anxiety addiction chronic-illness general-wellbeing)
radius=25
search_rate=100
search_target_ms=50
group_page_rate=200
group_page_target_ms=30
# Meetings: each demo group's public calendar feed, and RSVP writes by signed-in members while pages are read.
feed_rate=100
feed_target_ms=20
rsvp_rate=50
rsvp_read_rate=100
rsvp_target_ms=50

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install curl" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }

work=$(mktemp -d /tmp/hearth-bench.XXXXXX)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_setup 58080

dotnet "$work/app/Hearth.Web.dll" seed-demo >/dev/null
echo "Generating $groups groups..." >&2
dotnet "$work/app/Hearth.Web.dll" generate-groups "$groups" >&2
[ -z "$extra_sql" ] || sqlite3 "$work/hearth.db" "$extra_sql"

# Each page's paths, and its baseline's for the same rows; the group pages are every 40th group, listed or not.
for topic in "${topics[@]}"; do
  for town in "${towns[@]}"; do echo "near=$town&radius=$radius&topic=$topic"; done
done >"$work/searches.txt"
sed 's|^|/groups?|' "$work/searches.txt" >"$work/search.txt"
sed 's|^|/bench/baseline/groups?|' "$work/searches.txt" >"$work/search-baseline.txt"
sqlite3 "$work/hearth.db" 'SELECT "Slug" FROM "Groups" WHERE "Id" % 40 = 0 ORDER BY "Id"' >"$work/slugs.txt"
sed 's|^|/groups/|' "$work/slugs.txt" >"$work/group-page.txt"
sed 's|^|/bench/baseline/group/|' "$work/slugs.txt" >"$work/group-page-baseline.txt"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# CPU time (user + system) the process has used, in clock ticks: less disturbed than latency by other work on the machine.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Starts Hearth; sets started_ms to the milliseconds from process start to the first 200 from the home page.
started_ms=0
start_server() {
  local t0
  t0=$(now_ms)
  dotnet "$work/app/Hearth.Web.dll" >"$work/server.log" 2>&1 &
  server=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/" 2>/dev/null)" = "200" ]; do
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.005
  done
  started_ms=$(( $(now_ms) - t0 ))
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

echo "Cold start ($starts runs)..." >&2
cold=()
for _ in $(seq "$starts"); do start_server; cold+=("$started_ms"); stop_server; done
cold_sorted=$(printf '%s\n' "${cold[@]}" | sort -n)
cold_median=$(sed -n "$(( (starts + 1) / 2 ))p" <<<"$cold_sorted")
cold_max=$(tail -n 1 <<<"$cold_sorted")

start_server
for path in "${pages[@]}" /bench/baseline; do curl -s -o /dev/null "$base$path"; done
sleep 5
idle_rss=$(rss_mb "$server")

# Page weight: the HTML plus every stylesheet and script it links, before compression.
weight() {
  local html total
  html=$(curl -s "$base$1")
  total=$(printf '%s' "$html" | wc -c)
  for asset in $(grep -oE '(href|src)="/[^"]+\.(css|js)(\?[^"]*)?"' <<<"$html" | sed -E 's/^(href|src)="//; s/"$//; s/&amp;/\&/g'); do
    total=$(( total + $(curl -s "$base$asset" | wc -c) ))
  done
  echo "$total"
}

# One fixed-rate run of $1 for $2 at $3 req/s (default $rate), or of each path in the file $4 in turn; prints wrk's JSON line.
load() {
  PATHS=${4:-} RATE=${3:-$rate} CONNECTIONS=$connections wrk -t1 -c"$connections" -d"$2" --timeout 2s -s bench/paced.lua "$base$1" | tail -n 1
}
field() { sed -E "s/.*\"$2\":([0-9.]+).*/\1/" <<<"$1"; }

declare -A result
requests=0
for path in /bench/baseline "${pages[@]}"; do
  echo "Load $path at $rate req/s for $duration..." >&2
  load "$path" "$warmup" >/dev/null
  result[$path]=$(load "$path" "$duration")
  requests=$(( requests + $(field "${result[$path]}" requests) ))
done

# A search for a town of several names ("which Newport?") answers 200 too: every search must list results.
while read -r path; do
  grep -q 'id="results"' <<<"$(curl -s "$base$path")" || { echo "$path lists no results; the load would not measure a search." >&2; exit 1; }
done <"$work/search.txt"
declare -A run_rate=([search-baseline]=$search_rate [search]=$search_rate [group-page-baseline]=$group_page_rate [group-page]=$group_page_rate)
declare -A cpu_ms
for run in search-baseline search group-page-baseline group-page; do
  echo "Load $(wc -l <"$work/$run.txt") paths like $(head -n 1 "$work/$run.txt") at ${run_rate[$run]} req/s for $duration..." >&2
  load / "$warmup" "${run_rate[$run]}" "$work/$run.txt" >/dev/null
  ticks=$(cpu_ticks "$server")
  result[$run]=$(load / "$duration" "${run_rate[$run]}" "$work/$run.txt")
  cpu_ms[$run]=$(awk -v t="$(( $(cpu_ticks "$server") - ticks ))" -v hz="$(getconf CLK_TCK)" -v n="$(field "${result[$run]}" requests)" 'BEGIN { printf "%.1f", t * 1000 / hz / n }')
  requests=$(( requests + $(field "${result[$run]}" requests) ))
done
# Calendar feeds: every demo group's public feed in turn.
sqlite3 "$work/hearth.db" 'SELECT DISTINCT g."Slug" FROM "Groups" g JOIN "MeetingSeries" s ON s."GroupId" = g."Id" WHERE g."IsListed" ORDER BY 1' | sed 's|^/*|/groups/|; s|$|/calendar.ics|' >"$work/feed.txt"
run_rate[feed]=$feed_rate
echo "Load $(wc -l <"$work/feed.txt") calendar feeds at $feed_rate req/s for $duration..." >&2
load / "$warmup" "$feed_rate" "$work/feed.txt" >/dev/null
ticks=$(cpu_ticks "$server")
result[feed]=$(load / "$duration" "$feed_rate" "$work/feed.txt")
cpu_ms[feed]=$(awk -v t="$(( $(cpu_ticks "$server") - ticks ))" -v hz="$(getconf CLK_TCK)" -v n="$(field "${result[feed]}" requests)" 'BEGIN { printf "%.1f", t * 1000 / hz / n }')
requests=$(( requests + $(field "${result[feed]}" requests) ))

# RSVPs: the demo people who belong to the Prestatyn group sign in (as behind TLS), and each answers "going", then
# "can't go", for each of its next eight weekly meetings in turn: every request changes a row. Meanwhile the group's
# page and its meetings pages are read at $rsvp_read_rate req/s.
prestatyn=/groups/prestatyn-withdrawal-support
: >"$work/rsvp.txt"
for person in robin jo sam; do
  cookies=$(sign_in "$person")
  meetings=$(curl -s -H 'X-Forwarded-Proto: https' -H "Cookie: $cookies" "$base$prestatyn/meetings" | grep -oE "href=\"$prestatyn/meetings/[0-9]+/[0-9-]+\"" | sed -E 's/href="|"//g' | head -n 8)
  token=$(antiforgery_token "$(head -n 1 <<<"$meetings")" "$cookies")
  for meeting in $meetings; do
    printf '%s?handler=Rsvp\t%s\tanswer=going&__antiforgery=%s\n' "$meeting" "$cookies" "$token" >>"$work/rsvp.txt"
    printf '%s?handler=Rsvp\t%s\tanswer=cant-go&__antiforgery=%s\n' "$meeting" "$cookies" "$token" >>"$work/rsvp.txt"
  done
done
grep -oE "$prestatyn/meetings/[0-9]+/[0-9-]+" "$work/rsvp.txt" | sort -u >"$work/rsvp-reads.txt"
echo "$prestatyn" >>"$work/rsvp-reads.txt"
# Only answers that are taken (a redirect back to the meeting) are loaded: a cancelled meeting refuses them, and a
# refusal or a sign-in page would measure no write. Too few left means the setup failed.
while IFS=$'\t' read -r path cookie body; do
  code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'X-Forwarded-Proto: https' -H "Cookie: $cookie" --data "$body" "$base$path")
  if grep -q '^302 .*answered=' <<<"$code"; then printf '%s\t%s\t%s\n' "$path" "$cookie" "$body"; fi
done <"$work/rsvp.txt" >"$work/rsvp-taken.txt"
mv "$work/rsvp-taken.txt" "$work/rsvp.txt"
[ "$(wc -l <"$work/rsvp.txt")" -ge 24 ] || { echo "Only $(wc -l <"$work/rsvp.txt") RSVPs were taken; the load would not measure writes." >&2; exit 1; }
run_rate[rsvp]=$rsvp_rate
run_rate[rsvp-reads]=$rsvp_read_rate
echo "Load $(wc -l <"$work/rsvp.txt") RSVPs at $rsvp_rate req/s with $(wc -l <"$work/rsvp-reads.txt") pages read at $rsvp_read_rate req/s for $duration..." >&2
load / "$duration" "$rsvp_read_rate" "$work/rsvp-reads.txt" >"$work/rsvp-reads.json" &
reads=$!
ticks=$(cpu_ticks "$server")
result[rsvp]=$(PATHS='' REQUESTS="$work/rsvp.txt" RATE=$rsvp_rate CONNECTIONS=5 wrk -t1 -c5 -d"$duration" --timeout 2s -s bench/paced.lua "$base/" | tail -n 1)
wait "$reads"
result[rsvp-reads]=$(tail -n 1 "$work/rsvp-reads.json")
cpu_ms[rsvp]=$(awk -v t="$(( $(cpu_ticks "$server") - ticks ))" -v hz="$(getconf CLK_TCK)" -v n="$(( $(field "${result[rsvp]}" requests) + $(field "${result[rsvp-reads]}" requests) ))" 'BEGIN { printf "%.1f", t * 1000 / hz / n }')
cpu_ms[rsvp-reads]=${cpu_ms[rsvp]}
requests=$(( requests + $(field "${result[rsvp]}" requests) + $(field "${result[rsvp-reads]}" requests) ))
rsvp_rows=$(sqlite3 "$work/hearth.db" 'SELECT COUNT(*) FROM "Rsvps"')

loaded_rss=$(rss_mb "$server")

# Sign-in must answer in the same time whether or not an email has an account (no account enumeration by
# timing). One failed sign-in = fetch the form, post a wrong password; 40 of each kind, interleaved.
# The proxy header stands in for the TLS terminator production runs behind (secure cookies need HTTPS).
sign_in_seconds() {
  local headers token cookie
  headers=$(mktemp)
  token=$(curl -s -D "$headers" -H 'X-Forwarded-Proto: https' "$base/account/sign-in" | grep -oE 'name="__antiforgery" type="hidden" value="[^"]+"' | head -n 1 | sed -E 's/.*value="([^"]+)"/\1/')
  cookie=$(grep -i '^set-cookie: __Host-hearth-antiforgery' "$headers" | sed -E 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r')
  rm -f "$headers"
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'X-Forwarded-Proto: https' -H "Cookie: $cookie" \
    --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=a wrong password for timing" --data-urlencode "__antiforgery=$token" "$base/account/sign-in"
}
percentile_ms() { awk '{ print $2 }' | sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p / 100); if (i < 1) i = 1; printf "%.1f", v[i] * 1000 }'; }
known=(robin eleri sam jo morgan)
rounds=40
$quick && rounds=4
: >"$work/known.txt"; : >"$work/unknown.txt"
echo "Sign-in timing ($rounds known, $rounds unknown)..." >&2
for i in $(seq "$rounds"); do
  # Five people share the wrong passwords, so some are paused part way: a paused account must answer alike too.
  sign_in_seconds "${known[$(( i % ${#known[@]} ))]}@demo.hearth.invalid" >>"$work/known.txt"
  sign_in_seconds "nobody-$i@demo.hearth.invalid" >>"$work/unknown.txt"
done
# A refused sign-in re-shows the form (200); anything else means the measurement missed the password check.
if grep -qv '^200 ' "$work/known.txt" "$work/unknown.txt"; then
  echo "A timed sign-in did not answer 200; the timing would be meaningless." >&2
  exit 1
fi

baseline_p99=$(field "${result[/bench/baseline]}" p99)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
errors() { echo $(( $(field "$1" socket_errors) + $(field "$1" non_2xx) )); }
# One row of the generated-network table: label, run, its baseline's run, target p99 in ms (empty for a baseline).
group_row() {
  local r=${result[$2]} verdict="—" target="—"
  if [ -n "$4" ]; then
    target="p99 under $4 ms"
    verdict=$(awk -v p="$(field "$r" p99)" -v t="$4" -v e="$(errors "$r")" 'BEGIN { print (p < t && e == 0 ? "met" : "missed") }')
  fi
  echo "| $1 | ${run_rate[$2]} | $(field "$r" rate) | $(field "$r" p50) | $(field "$r" p90) | $(field "$r" p99) | $(field "$r" max) | $(ratio "$(field "$r" p99)" "$(field "${result[$3]}" p99)") | ${cpu_ms[$2]} | $(errors "$r") | $target | $verdict |"
}

# One row of the meetings table: label, run, target p99 in ms (empty for none); the ratio is to /bench/baseline.
meeting_row() {
  local r=${result[$2]} verdict="—" target="—"
  if [ -n "$3" ]; then
    target="p99 under $3 ms"
    verdict=$(awk -v p="$(field "$r" p99)" -v t="$3" -v e="$(errors "$r")" 'BEGIN { print (p < t && e == 0 ? "met" : "missed") }')
  fi
  echo "| $1 | ${run_rate[$2]} | $(field "$r" rate) | $(field "$r" p50) | $(field "$r" p90) | $(field "$r" p99) | $(field "$r" max) | $(ratio "$(field "$r" p99)" "$baseline_p99") | ${cpu_ms[$2]} | $(errors "$r") | $target | $verdict |"
}

report="$work/report.md"
{
  echo "<!-- bench:start -->"
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(dotnet --version) SDK, SQLite, demo network plus $groups generated groups; command: \`${extra_sql:+HEARTH_BENCH_SQL='$extra_sql' }bench/run.sh$($quick && echo ' --quick')\`."
  echo
  echo "| Measure | Result | Target |"
  echo "|---|---|---|"
  echo "| Cold start, process start to first 200 (median of $starts, max) | ${cold_median} ms (max ${cold_max} ms) | under 2,000 ms |"
  echo "| RSS idle | ${idle_rss} MB | under 100 MB |"
  echo "| RSS after ${requests} requests | ${loaded_rss} MB | — |"
  for path in "${pages[@]}"; do
    echo "| Page weight $path (HTML + CSS + JS) | $(weight "$path") bytes | under 51,200 bytes |"
  done
  echo
  echo "Latency at a fixed $rate req/s offered, $duration per endpoint after a $warmup warm-up, $connections connections:"
  echo
  echo "| Endpoint | Achieved req/s | p50 ms | p90 ms | p99 ms | max ms | p99 ÷ baseline p99 | Errors |"
  echo "|---|---|---|---|---|---|---|---|"
  for path in /bench/baseline "${pages[@]}"; do
    r=${result[$path]}
    echo "| \`$path\` | $(field "$r" rate) | $(field "$r" p50) | $(field "$r" p90) | $(field "$r" p99) | $(field "$r" max) | $(ratio "$(field "$r" p99)" "$baseline_p99") | $(( $(field "$r" socket_errors) + $(field "$r" non_2xx) )) |"
  done
  echo
  echo "Target: home page p99 under 10 ms at 200 req/s."
  echo
  echo "Group directory and group pages on the $groups generated groups, $duration per endpoint after a $warmup warm-up, $connections connections. Each page's baseline finds the same rows with hand-written SQL on the same connection and writes minimal HTML; the ratio is the page's p99 to its baseline's; CPU is Hearth's own (user + system) per request:"
  echo
  echo "| Endpoint | Offered req/s | Achieved req/s | p50 ms | p90 ms | p99 ms | max ms | p99 ÷ baseline p99 | CPU ms/request | Errors | Target | Result |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  group_row "\`/groups?near={town}&radius=$radius&topic={topic}\` (${#towns[@]} towns × ${#topics[@]} topics)" search search-baseline "$search_target_ms"
  group_row "\`/bench/baseline/groups?near=…\` (the same searches)" search-baseline search-baseline ""
  group_row "\`/groups/{slug}\` ($(wc -l <"$work/slugs.txt") groups, every 40th)" group-page group-page-baseline "$group_page_target_ms"
  group_row "\`/bench/baseline/group/{slug}\` (the same groups)" group-page-baseline group-page-baseline ""
  echo
  echo "Meetings, $duration each, next to \`/bench/baseline\` (p99 $baseline_p99 ms at $rate req/s, above): each demo group's public calendar feed in turn; and RSVP writes (three signed-in members each answering \"going\" then \"can't go\" for eight meetings in turn, every request a change, 5 connections) while the group's page and its meetings' pages are read at $rsvp_read_rate req/s (20 connections). CPU is per request of both kinds together. $rsvp_rows RSVP rows afterwards:"
  echo
  echo "| Endpoint | Offered req/s | Achieved req/s | p50 ms | p90 ms | p99 ms | max ms | p99 ÷ baseline p99 | CPU ms/request | Errors | Target | Result |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  meeting_row "\`/groups/{slug}/calendar.ics\` ($(wc -l <"$work/feed.txt") groups)" feed "$feed_target_ms"
  meeting_row "RSVP \`POST …/meetings/{id}/{date}?handler=Rsvp\` ($(wc -l <"$work/rsvp.txt") answers in turn)" rsvp "$rsvp_target_ms"
  meeting_row "… reads meanwhile: group page and meeting pages ($(wc -l <"$work/rsvp-reads.txt") paths)" rsvp-reads ""
  echo
  echo "Failed sign-in answer time (one at a time, $rounds each, wrong password), so that timing cannot tell whether an email has an account:"
  echo
  echo "| Email | p50 ms | p90 ms |"
  echo "|---|---|---|"
  echo "| has an account | $(percentile_ms 50 <"$work/known.txt") | $(percentile_ms 90 <"$work/known.txt") |"
  echo "| has no account | $(percentile_ms 50 <"$work/unknown.txt") | $(percentile_ms 90 <"$work/unknown.txt") |"
  echo "<!-- bench:end -->"
} >"$report"

cat "$report"
if ! $quick && [ -z "$extra_sql" ]; then
  awk -v report="$report" '
    /<!-- bench:start -->/ { while ((getline line < report) > 0) print line; skip = 1; next }
    /<!-- bench:end -->/ { skip = 0; next }
    !skip { print }
  ' docs/performance.md >"$work/performance.md"
  cp "$work/performance.md" docs/performance.md
  echo "Wrote docs/performance.md" >&2
fi
