#!/usr/bin/env bash
# Hearth at scale, reproducibly. Generates a network of the chosen size on the chosen engine, then measures on
# loopback only: cold start, idle RSS, public page weight, and latency percentiles from the open-loop driver
# (bench/load.mjs) for each scenario at a fixed rate next to /bench/baseline, a static string from the same process,
# measured in the same run; RSS under load; on PostgreSQL, the mixed workload on one node and on two. Writes the
# run's results to bench/results/<size>-<engine>.tsv and the tables in docs/performance.md.
#
# Usage: bench/run.sh [county|nation|smoke] [sqlite|postgres] [--quick]
#   county sqlite (the default) also runs bench/reminders.sh and bench/safety.sh, so that one command reproduces
#   every figure in docs/performance.md. smoke is a seconds-long run of the whole harness for ./test.sh: it
#   checks that every step works and writes nothing. --quick: short runs, printed, docs untouched.
set -euo pipefail
cd "$(dirname "$0")/.."

size=county engine=sqlite quick=false
for arg in "$@"; do
  case $arg in
    county | nation | smoke) size=$arg ;;
    sqlite | postgres) engine=$arg ;;
    --quick) quick=true ;;
    *) echo "Unknown argument \"$arg\". Usage: bench/run.sh [county|nation|smoke] [sqlite|postgres] [--quick]" >&2; exit 2 ;;
  esac
done
smoke=false
[ "$size" = smoke ] && smoke=true

duration=30 warmup=5 starts=5 rounds=40
if $quick; then duration=5 warmup=1 starts=2 rounds=4; fi
if $smoke; then duration=1 warmup=0.5 starts=1 rounds=1; fi
connections=64
# Offered rates (requests a second) and p99 targets (ms) where the issue sets one; the mixed workload's depends on the size.
declare -A rate=([baseline]=300 [home]=200 [search]=100 [group]=200 [topic]=100 [feed]=100 [rsvp]=50 [post]=20 [mixed]=300)
declare -A target=()
if [ "$size" = nation ]; then
  rate[mixed]=200
  target=([search]=50 [topic]=40 [mixed]=150)
else
  target=([home]=10 [search]=50 [group]=30 [topic]=40 [feed]=20 [rsvp]=50 [post]=60 [mixed]=100)
fi
$smoke && for k in "${!rate[@]}"; do rate[$k]=20; done
people=40
$smoke && people=4
towns=(London Leeds Manchester Birmingham Bristol Cardiff Glasgow Norwich Exeter Lincoln Swansea Inverness)
topics=(antidepressant-withdrawal hearing-voices grief self-harm depression anxiety addiction chronic-illness general-wellbeing)

for tool in node curl; do command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install ${tool/node/nodejs}" >&2; exit 1; }; done
[ "$engine" = sqlite ] && { command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }; }
[ "$engine" = postgres ] && { command -v psql >/dev/null || { echo "psql is missing: apt-get install postgresql-client" >&2; exit 1; }; }

work=$(mktemp -d /tmp/hearth-bench.XXXXXX)
servers=()
# shellcheck source=scripts/postgres.sh
. scripts/postgres.sh
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_setup 58080
second="http://127.0.0.1:$(for p in $(seq $((port + 1)) $((port + 100))); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; break; }; done)"

if [ "$engine" = postgres ]; then
  # A durable cluster (fsync on, the defaults) with memory for its cache, as a small production server would have.
  echo "Starting a throwaway PostgreSQL..." >&2
  start_postgres -c shared_buffers=1GB -c effective_cache_size=4GB -c work_mem=16MB -c maintenance_work_mem=512MB -c max_wal_size=4GB \
    || { echo "PostgreSQL did not start (binaries in $pg_bin)." >&2; exit 1; }
  export Database__Provider=Postgres
  export ConnectionStrings__Hearth="$postgres"
  sql() { psql -At -F $'\t' -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "$1"; }
else
  sql() { sqlite3 -separator $'\t' "$work/hearth.db" "$1"; }
fi

dotnet "$app" seed-demo >/dev/null
echo "Generating the $size network on $engine..." >&2
t0=$(date +%s%N)
dotnet "$app" generate "$size" >&2
generate_s=$(awk -v ns="$(( $(date +%s%N) - t0 ))" 'BEGIN { printf "%.0f", ns / 1e9 }')
if [ "$engine" = postgres ]; then
  # After loading millions of rows PostgreSQL's autovacuum and checkpointer would work through them during the first
  # runs (measuring its catch-up, not Hearth): do that work now, as a running installation would have done it.
  echo "Vacuuming and checkpointing after the load..." >&2
  sql "VACUUM (ANALYZE)" >/dev/null
  sql "CHECKPOINT" >/dev/null
fi
db_mb=$(if [ "$engine" = postgres ]; then sql "SELECT pg_database_size('postgres') / 1048576"; else du -m "$work/hearth.db" | cut -f1; fi)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# Starts a node at $1 (default $base); sets node to its pid and started_ms to the time to its first 200 from /.
start_node() {
  local url=${1:-$base} t0
  t0=$(now_ms)
  ASPNETCORE_URLS=$url dotnet "$app" >>"$work/server.log" 2>&1 &
  node=$!
  servers+=("$node")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/" 2>/dev/null)" = "200" ]; do
    kill -0 "$node" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.005
  done
  started_ms=$(( $(now_ms) - t0 ))
}
stop_node() { kill "$1"; wait "$1" 2>/dev/null || true; }

echo "Cold start ($starts runs)..." >&2
cold=()
for _ in $(seq "$starts"); do start_node; cold+=("$started_ms"); stop_node "$node"; done
cold_median=$(printf '%s\n' "${cold[@]}" | sort -n | sed -n "$(( (starts + 1) / 2 ))p")
start_node
server=$node

# Public pages: each must answer 200 to anyone; its weight is the HTML plus every stylesheet and script it links.
listed=$(sql "SELECT \"Slug\" FROM \"Groups\" WHERE \"IsListed\" AND \"Town\" IS NOT NULL ORDER BY \"Id\" DESC LIMIT 1")
public_pages=(/ /about /privacy /help-now /groups "/groups?near=Leeds&radius=25" "/groups/$listed" "/groups/$listed/meetings" /account/sign-in /account/register)
declare -A weight
for page in "${public_pages[@]}"; do
  html=$(curl -s -w '\n%{http_code}' -H 'X-Forwarded-Proto: https' "$base$page")
  [ "$(tail -n 1 <<<"$html")" = 200 ] || { echo "The public page $page did not answer 200." >&2; exit 1; }
  total=$(( $(sed '$d' <<<"$html" | wc -c) ))
  for asset in $(grep -oE '(href|src)="/[^"]+\.(css|js)(\?[^"]*)?"' <<<"$html" | sed -E 's/^(href|src)="//; s/"$//; s/&amp;/\&/g' | sort -u); do
    total=$(( total + $(curl -s "$base$asset" | wc -c) ))
  done
  weight[$page]=$total
done
sleep 5
idle_rss=$(rss_mb "$server")

# --- The requests each scenario sends: label, method, path, expected status, cookie, body (bench/load.mjs's format).
tab=$'\t'
printf "baseline${tab}GET${tab}/bench/baseline${tab}200${tab}${tab}\n" >"$work/baseline.tsv"
for topic in "${topics[@]}"; do
  for town in "${towns[@]}"; do printf "search${tab}GET${tab}/groups?near=%s&radius=25&topic=%s${tab}200${tab}${tab}\n" "$town" "$topic"; done
done >"$work/search.tsv"
while read -r path; do
  grep -q 'id="results"' <<<"$(curl -s "$base$path")" || { echo "$path lists no results; the load would not measure a search." >&2; exit 1; }
done < <(cut -f3 "$work/search.tsv")
sql "SELECT \"Slug\" FROM \"Groups\" WHERE \"Id\" % 7 = 0 ORDER BY \"Id\" LIMIT 500" | sed "s|^|group${tab}GET${tab}/groups/|; s|\$|${tab}200${tab}${tab}|" >"$work/group.tsv"
sql "SELECT DISTINCT g.\"Slug\" FROM \"Groups\" g JOIN \"MeetingSeries\" s ON s.\"GroupId\" = g.\"Id\" WHERE g.\"IsListed\" AND g.\"Id\" % 7 = 0 ORDER BY 1 LIMIT 200" \
  | sed "s|^|feed${tab}GET${tab}/groups/|; s|\$|/calendar.ics${tab}200${tab}${tab}|" >"$work/feed.tsv"

# Signed-in scenarios: $people generated members, each from a different group with meetings and topics, sign in (as
# behind TLS). Each reads every page of their group's five latest topics, answers "going" then "can't go" for the
# group's next meetings, and replies to its latest topic with words never posted before ({n}: repeats are refused).
echo "Signing in $people generated members..." >&2
: >"$work/topic.tsv"; : >"$work/rsvp.tsv"; : >"$work/post.tsv"; : >"$work/meeting.tsv"
sql "SELECT u.\"Email\", g.\"Slug\", g.\"Id\" FROM \"GroupMembers\" m JOIN \"AspNetUsers\" u ON u.\"Id\" = m.\"UserId\" JOIN \"Groups\" g ON g.\"Id\" = m.\"GroupId\"
     WHERE u.\"Email\" LIKE '%@bench.hearth.invalid' AND m.\"Role\" = 'Member' AND m.\"Id\" % 13 = 0
       AND EXISTS (SELECT 1 FROM \"MeetingSeries\" s WHERE s.\"GroupId\" = g.\"Id\") AND EXISTS (SELECT 1 FROM \"Topics\" t WHERE t.\"GroupId\" = g.\"Id\")
     ORDER BY m.\"Id\" LIMIT $people" >"$work/people.tsv"
while IFS=$'\t' read -r email slug group; do
  cookie=$(sign_in "$email" "hearth bench sign-in")
  latest=""
  while IFS=$'\t' read -r topic posts; do
    latest=${latest:-$topic}
    for p in $(seq 1 $(( (posts + 49) / 50 ))); do printf "topic${tab}GET${tab}/groups/%s/discussion/%s?p=%s${tab}200${tab}%s${tab}\n" "$slug" "$topic" "$p" "$cookie"; done
  done < <(sql "SELECT t.\"Id\", (SELECT COUNT(*) FROM \"Posts\" p WHERE p.\"TopicId\" = t.\"Id\") FROM \"Topics\" t WHERE t.\"GroupId\" = $group ORDER BY t.\"LastPostAt\" DESC LIMIT 5") >>"$work/topic.tsv"
  token=$(antiforgery_token "/groups/$slug/discussion/$latest" "$cookie")
  [ -n "$token" ] || { echo "$email could not open their group's topic; the load would not measure a member." >&2; exit 1; }
  printf "post${tab}POST${tab}/groups/%s/discussion/%s?handler=Reply${tab}302${tab}%s${tab}Body=Thinking+of+everyone+this+week+%%28{n}%%29.+Small+steps+still+count.&ContentWarning=&__antiforgery=%s\n" \
    "$slug" "$latest" "$cookie" "$token" >>"$work/post.tsv"
  # Meetings from the day after tomorrow on, so that none starts (and stops taking answers) during the run.
  meetings=$(curl -s -H 'X-Forwarded-Proto: https' -H "Cookie: $cookie" "$base/groups/$slug/meetings" | grep -oE "href=\"/groups/$slug/meetings/[0-9]+/[0-9-]+\"" \
    | sed -E 's/href="|"//g' | awk -F/ -v after="$(date -u -d '+2 days' +%F)" '$NF >= after' | sort -u | head -n 5)
  for meeting in $meetings; do
    printf "meeting${tab}GET${tab}%s${tab}200${tab}%s${tab}\n" "$meeting" "$cookie" >>"$work/meeting.tsv"
    printf "rsvp${tab}POST${tab}%s?handler=Rsvp${tab}302${tab}%s${tab}answer={alt:going,cant-go}&__antiforgery=%s\n" "$meeting" "$cookie" "$token" >>"$work/rsvp.tsv"
  done
done <"$work/people.tsv"
# Each RSVP line answers "going" the first time it is sent, "can't go" the next, and so on, so that every request
# changes a row. rsvp_reset makes every one of these answers "can't go" before a run that sends them; a meeting that
# then refuses "going" (a full one, say) is left out, since a refusal would measure no write.
rsvp_reset() {
  while IFS=$'\t' read -r _ _ path _ cookie body; do
    curl -s -o /dev/null -H 'X-Forwarded-Proto: https' -H "Cookie: $cookie" --data "${body/\{alt:going,cant-go\}/cant-go}" "$base$path"
  done <"$work/rsvp.tsv"
}
rsvp_reset
while IFS=$'\t' read -r _ _ path _ cookie body; do
  answer() { curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'X-Forwarded-Proto: https' -H "Cookie: $cookie" --data "${body/\{alt:going,cant-go\}/$1}" "$base$path"; }
  if answer going | grep -q '^302 .*answered=' && answer cant-go | grep -q '^302 .*answered='; then
    printf "rsvp${tab}POST${tab}%s${tab}302${tab}%s${tab}%s\n" "$path" "$cookie" "$body"
  fi
done <"$work/rsvp.tsv" >"$work/rsvp-taken.tsv"
mv "$work/rsvp-taken.tsv" "$work/rsvp.tsv"
for scenario in topic post rsvp; do
  [ -s "$work/$scenario.tsv" ] || { echo "No $scenario requests could be prepared; the setup failed." >&2; exit 1; }
done

# The mixed workload: 85% reads (directory searches 25, group pages 20, topic pages 30, meeting pages 5, the home
# page 5) and 15% writes (RSVPs 9, replies 6), over every person and group above, shuffled the same way every run.
# Each RSVP line appears once (it alternates its answer each time it is sent), which sets the mix's size.
mix() { # mix <file> <count> <label>: <count> lines taken from <file> in turn, relabelled.
  local file=$1 count=$2 label=$3
  awk -v n="$count" -v label="$label" 'BEGIN { FS = OFS = "\t" } { line[NR] = $0 } END { for (i = 0; i < n; i++) { $0 = line[i % NR + 1]; $1 = label; print } }' "$file"
}
unit=$(( $(wc -l <"$work/rsvp.tsv") / 9 ))
[ "$unit" -gt 20 ] && unit=20
[ "$unit" -ge 1 ] || { echo "Too few RSVPs were taken for the mixed workload." >&2; exit 1; }
printf "read${tab}GET${tab}/${tab}200${tab}${tab}\n" >"$work/home.tsv"
{
  mix "$work/search.tsv" $((25 * unit)) read; mix "$work/group.tsv" $((20 * unit)) read; mix "$work/topic.tsv" $((30 * unit)) read
  mix "$work/meeting.tsv" $((5 * unit)) read; mix "$work/home.tsv" $((5 * unit)) read
  mix "$work/rsvp.tsv" $((9 * unit)) write; mix "$work/post.tsv" $((6 * unit)) write
} | shuf --random-source=<(yes) >"$work/mixed.tsv"

# --- Load. Each run: a warm-up, then the measured run; prints the driver's JSON line.
load() { # load <scenario> <rate> <seed> [base,...]: a new seed each run, so that no reply repeats an earlier run's words
  node bench/load.mjs --base "${4:-$base}" --requests "$work/$1.tsv" --rate "$2" --duration "$duration" --warmup "$warmup" \
    --connections "$connections" --seed "$3"
}
seed=0
field() { sed -E "s/.*\"$2\":([0-9.]+).*/\1/" <<<"$1"; }
declare -A result
scenarios=(baseline home search group topic feed rsvp post mixed)
for scenario in "${scenarios[@]}"; do
  echo "Load: $scenario at ${rate[$scenario]} req/s for ${duration}s ($(wc -l <"$work/$scenario.tsv") requests in turn)..." >&2
  if [ "$scenario" = mixed ]; then
    # Resident memory sampled through the mixed run; its peak is "RSS under load".
    (peak=0; while kill -0 "$server" 2>/dev/null; do r=$(rss_mb "$server"); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" >"$work/peak"; sleep 0.2; done) &
    sampler=$!
  fi
  seed=$((seed + 1))
  if [ "$scenario" = rsvp ] || [ "$scenario" = mixed ]; then rsvp_reset; fi
  result[$scenario]=$(load "$scenario" "${rate[$scenario]}" "$seed")
done
kill "$sampler" 2>/dev/null || true
loaded_rss=$(cat "$work/peak")
rows_after=$(sql "SELECT (SELECT COUNT(*) FROM \"Posts\") || ' posts, ' || (SELECT COUNT(*) FROM \"Rsvps\") || ' RSVPs'")

# Two nodes: the same mixed workload split round-robin between this node and a second one on the same database.
if [ "$engine" = postgres ]; then
  echo "Starting a second node at $second..." >&2
  start_node "$second"
  echo "Load: mixed on two nodes at ${rate[mixed]} req/s..." >&2
  rsvp_reset
  result[mixed-two]=$(load mixed "${rate[mixed]}" $((seed + 1)) "$base,$second")
  scenarios+=(mixed-two)
  target[mixed-two]=${target[mixed]}
  rate[mixed-two]=${rate[mixed]}
fi

# Failed sign-in time for an email with and without an account (no account enumeration by timing).
sign_in_seconds() {
  local headers token cookie
  headers=$(mktemp)
  token=$(curl -s -D "$headers" -H 'X-Forwarded-Proto: https' "$base/account/sign-in" | grep -oE 'name="__antiforgery" type="hidden" value="[^"]+"' | head -n 1 | sed -E 's/.*value="([^"]+)"/\1/')
  cookie=$(set_cookies "$headers" | grep antiforgery)
  rm -f "$headers"
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'X-Forwarded-Proto: https' -H "Cookie: $cookie" \
    --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=a wrong password for timing" --data-urlencode "__antiforgery=$token" "$base/account/sign-in"
}
percentile_ms() { awk '{ print $2 }' | sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p / 100); if (i < 1) i = 1; printf "%.0f", v[i] * 1000 }'; }
: >"$work/known.txt"; : >"$work/unknown.txt"
echo "Sign-in timing ($rounds known, $rounds unknown)..." >&2
for i in $(seq "$rounds"); do
  sign_in_seconds "person$(( i * 7 ))@bench.hearth.invalid" >>"$work/known.txt"
  sign_in_seconds "nobody-$i@bench.hearth.invalid" >>"$work/unknown.txt"
done
if grep -qv '^200 ' "$work/known.txt" "$work/unknown.txt"; then echo "A timed sign-in did not answer 200; the timing would be meaningless." >&2; exit 1; fi

# --- Results: one TSV a run (measure, target, value, verdict), then the docs' tables from every run's TSV.
baseline_p99=$(field "${result[baseline]}" p99)
verdict() { # verdict <value> <limit>: met when under the limit
  [ -z "$2" ] && { echo "—"; return; }
  awk -v v="$1" -v t="$2" 'BEGIN { print (v < t ? "met" : "missed") }'
}
declare -A describe=(
  [baseline]="\`/bench/baseline\` (static string, same process)"
  [home]="Home page"
  [search]="Directory search, town + 25 miles + topic ($(wc -l <"$work/search.tsv") searches)"
  [group]="Group page ($(wc -l <"$work/group.tsv") groups)"
  [topic]="Topic page, signed-in member ($(wc -l <"$work/topic.tsv") pages of 50 posts)"
  [feed]="Calendar feed ($(wc -l <"$work/feed.tsv") groups)"
  [rsvp]="RSVP, every request a change ($(wc -l <"$work/rsvp.tsv") answers)"
  [post]="Reply to a topic, every check ($(wc -l <"$work/post.tsv") people)"
  [mixed]="Mixed: 85% reads, 15% writes ($people people)"
  [mixed-two]="Mixed on two nodes, round-robin"
)
tsv="$work/results.tsv"
# One line a measure: key, what was measured, target, result, verdict ("—" where there is no target).
{
  printf 'run\tRun\t—\t%s on %s, %s, %s cores, .NET %s SDK\t—\n' "$size" "$engine" "$(date -u +%Y-%m-%d)" "$(nproc)" "$(dotnet --version)"
  printf 'generate\tGenerating the network (`Hearth.Web generate %s`)\t—\t%s s; database %s MB\t—\n' "$size" "$generate_s" "$db_mb"
  printf 'cold\tCold start, process start to first 200 (median of %s)\t2,000 ms\t%s ms\t%s\n' "$starts" "$cold_median" "$(verdict "$cold_median" 2000)"
  printf 'idle\tRSS idle (after one request to each public page)\t100 MB\t%s MB\t%s\n' "$idle_rss" "$(verdict "$idle_rss" 100)"
  printf 'loaded\tRSS, peak during the mixed workload\t250 MB\t%s MB\t%s\n' "$loaded_rss" "$(verdict "$loaded_rss" 250)"
  heaviest=0
  for page in "${public_pages[@]}"; do [ "${weight[$page]}" -gt "$heaviest" ] && heaviest=${weight[$page]} && heaviest_page=$page; done
  printf 'weight\tHeaviest public page, HTML + CSS + JS before compression (of %s)\t51,200 bytes\t%s bytes (`%s`)\t%s\n' \
    "${#public_pages[@]}" "$heaviest" "${heaviest_page/\/groups\/$listed/\/groups\/\{slug\}}" "$(verdict "$heaviest" 51200)"
  for scenario in "${scenarios[@]}"; do
    r=${result[$scenario]}
    errors=$(field "$r" errors)
    ratio=$(awk -v a="$(field "$r" p99)" -v b="$baseline_p99" 'BEGIN { printf "%.1f", a / b }')
    ok=$(verdict "$(field "$r" p99)" "${target[$scenario]:-}")
    if [ "$errors" != 0 ] && [ "$ok" = met ]; then ok=missed; fi
    printf '%s\t%s\t%s\t%s req/s offered, %s achieved: p50 %s, p90 %s, **p99 %s**, max %s ms; p99 %s× baseline; %s errors\t%s\n' \
      "$scenario" "${describe[$scenario]}" "${target[$scenario]:+p99 ${target[$scenario]} ms}" "${rate[$scenario]}" "$(field "$r" rate)" \
      "$(field "$r" p50)" "$(field "$r" p90)" "$(field "$r" p99)" "$(field "$r" max)" "$ratio" "$errors" "$ok"
  done
  printf 'signin\tFailed sign-in, p50 for an email with an account / without\tthe same\t%s / %s ms\t—\n' "$(percentile_ms 50 <"$work/known.txt")" "$(percentile_ms 50 <"$work/unknown.txt")"
  printf 'rows\tRows after the run\t—\t%s\t—\n' "$rows_after"
} >"$tsv"
cut -f2- "$tsv" | column -t -s $'\t' >&2

if $smoke; then
  # The harness works end to end: every scenario sent requests and every answer was the expected one.
  for scenario in "${scenarios[@]}"; do
    r=${result[$scenario]}
    [ "$(field "$r" completed)" -gt 0 ] && [ "$(field "$r" errors)" = 0 ] || { echo "Smoke: $scenario failed: $r" >&2; exit 1; }
  done
  echo "Smoke run of the harness: every scenario answered as expected." >&2
  exit 0
fi
$quick && exit 0

mkdir -p bench/results
cp "$tsv" "bench/results/$size-$engine.tsv"
echo "Wrote bench/results/$size-$engine.tsv" >&2
bench/report.sh
if [ "$size-$engine" = county-sqlite ]; then
  # Alone on the machine: this run's nodes stop first.
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  servers=()
  bench/reminders.sh
  bench/safety.sh
fi
