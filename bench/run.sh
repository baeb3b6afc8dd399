#!/usr/bin/env bash
# Reproduces every figure in docs/performance.md on this machine: cold start, idle RSS, RSS under load,
# page weight, and latency percentiles at a fixed rate for each page next to a static-string baseline
# served by the same process. Loopback only; bounded in time. Usage: bench/run.sh [--quick]
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
pages=(/ /help-now)

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install curl" >&2; exit 1; }

work=$(mktemp -d /tmp/hearth-bench.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "Publishing Hearth (Release)..." >&2
dotnet publish src/Hearth.Web -c Release -o "$work/app" -nologo -v quiet >&2

port=$(for p in $(seq 58080 58180); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; break; }; done)
base="http://127.0.0.1:$port"
export ASPNETCORE_ENVIRONMENT=Production
export ASPNETCORE_URLS="$base"
export ConnectionStrings__Hearth="Data Source=$work/hearth.db"
export Hearth__Benchmark=true
export Hearth__Mail__BaseUrl="$base"
export Hearth__Mail__PickupFolder="$work/mail"
# The load comes from one address; the per-address limit would measure the limiter, not the pages.
export Hearth__RateLimit__PermitsPerSecond=1000000
export Hearth__RateLimit__Burst=1000000
export Hearth__Accounts__AttemptsPerMinute=1000000
export Logging__LogLevel__Default=Warning

dotnet "$work/app/Hearth.Web.dll" seed-demo >/dev/null

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

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

# One fixed-rate run; prints wrk's JSON line.
load() {
  RATE=$rate CONNECTIONS=$connections wrk -t1 -c"$connections" -d"$2" --timeout 2s -s bench/paced.lua "$base$1" | tail -n 1
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

report="$work/report.md"
{
  echo "<!-- bench:start -->"
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(dotnet --version) SDK, SQLite demo network; command: \`bench/run.sh$($quick && echo ' --quick')\`."
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
  echo "Failed sign-in answer time (one at a time, $rounds each, wrong password), so that timing cannot tell whether an email has an account:"
  echo
  echo "| Email | p50 ms | p90 ms |"
  echo "|---|---|---|"
  echo "| has an account | $(percentile_ms 50 <"$work/known.txt") | $(percentile_ms 90 <"$work/known.txt") |"
  echo "| has no account | $(percentile_ms 50 <"$work/unknown.txt") | $(percentile_ms 90 <"$work/unknown.txt") |"
  echo "<!-- bench:end -->"
} >"$report"

cat "$report"
if ! $quick; then
  awk -v report="$report" '
    /<!-- bench:start -->/ { while ((getline line < report) > 0) print line; skip = 1; next }
    /<!-- bench:end -->/ { skip = 0; next }
    !skip { print }
  ' docs/performance.md >"$work/performance.md"
  cp "$work/performance.md" docs/performance.md
  echo "Wrote docs/performance.md" >&2
fi
