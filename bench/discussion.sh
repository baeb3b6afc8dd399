#!/usr/bin/env bash
# Discussion at load, on the demo network in SQLite: a topic with 200 replies read by a signed-in member at a fixed
# rate (every page of it in turn), and replies posted by three members at a fixed rate, each passing every check a
# real reply passes (limits, repeats, the risk check) and each a new row; both next to a static-string baseline served
# by the same process at the same rate. Loopback only; bounded in time.
# Usage: bench/discussion.sh [duration, default 30s]. Writes docs/performance.md between the bench:discussion markers.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-30s}
read_rate=100
post_rate=20
read_target_ms=40
post_target_ms=60
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }

work=$(mktemp -d /tmp/hearth-discussion.XXXXXX)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_setup 58280

dotnet "$work/app/Hearth.Web.dll" seed-demo >/dev/null
# A long conversation in Prestatyn: an opening post and 200 replies from Robin, Sam and Jo in turn, each a few
# sentences of Markdown; and an empty topic the posting load replies to.
echo "Seeding a topic with 200 replies..." >&2
said=$(date -u -d '-3 days' '+%Y-%m-%d %H:%M:%S')
sqlite3 "$work/hearth.db" <<SQL
INSERT INTO "Topics" ("GroupId", "AuthorId", "Title", "IsAnnouncement", "CreatedAt", "LastPostAt")
SELECT g."Id", u."Id", t.title, 0, '$said', '$said'
FROM "Groups" g, "AspNetUsers" u, (SELECT 'Bench: a long conversation' AS title UNION ALL SELECT 'Bench: posting') t
WHERE g."Slug" = 'prestatyn-withdrawal-support' AND u."DisplayName" = 'Robin';
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO "Posts" ("GroupId", "TopicId", "AuthorId", "Body", "BodyHtml", "Fingerprint", "IsOpening", "State", "Risk", "CreatedAt")
SELECT t."GroupId", t."Id", u."Id",
  'Reply ' || n.i || ': the second week of a step is the hardest for me. I keep a *small* list of what helps, and I read it when the night is long. Thank you all for being here.',
  '<p>Reply ' || n.i || ': the second week of a step is the hardest for me. I keep a <em>small</em> list of what helps, and I read it when the night is long. Thank you all for being here.</p>',
  printf('%064d', n.i), n.i = 0, 'Published', 'None', datetime('$said', '+' || n.i || ' minutes')
FROM n, "Topics" t, "AspNetUsers" u
WHERE t."Title" = 'Bench: a long conversation' AND u."DisplayName" = (CASE n.i % 3 WHEN 0 THEN 'Robin' WHEN 1 THEN 'Sam' ELSE 'Jo' END);
SQL
long=$(sqlite3 "$work/hearth.db" "SELECT \"Id\" FROM \"Topics\" WHERE \"Title\" = 'Bench: a long conversation'")
posting=$(sqlite3 "$work/hearth.db" "SELECT \"Id\" FROM \"Topics\" WHERE \"Title\" = 'Bench: posting'")
topic_path=/groups/prestatyn-withdrawal-support/discussion

dotnet "$work/app/Hearth.Web.dll" >"$work/server.log" 2>&1 &
server=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/" 2>/dev/null)" = "200" ]; do
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.05
done

field() { sed -E "s/.*\"$2\":([0-9.]+).*/\1/" <<<"$1"; }
# One fixed-rate run: load <path> <duration> <rate> [paths file] [cookie]; prints wrk's JSON line.
load() {
  PATHS=${4:-} RATE=$3 CONNECTIONS=10 wrk -t1 -c10 -d"$2" --timeout 2s ${5:+-H "Cookie: $5"} -H 'X-Forwarded-Proto: https' -s bench/paced.lua "$base$1" | tail -n 1
}

# Reading: Robin opens every page of the long topic in turn (50 posts a page, so 5 pages for 201 posts).
robin=$(sign_in robin)
for p in 1 2 3 4 5; do echo "$topic_path/$long?p=$p"; done >"$work/read.txt"
posts_seen=$(curl -s -H 'X-Forwarded-Proto: https' -H "Cookie: $robin" "$base$topic_path/$long?p=5" | grep -c 'data-post=' || true)
[ "$posts_seen" -ge 1 ] || { echo "The topic page did not show its posts to Robin; the load would not measure it." >&2; exit 1; }
page_bytes=$(curl -s -H 'X-Forwarded-Proto: https' -H "Cookie: $robin" "$base$topic_path/$long?p=1" | wc -c)
echo "Baseline and topic pages at $read_rate req/s for $duration..." >&2
load /bench/baseline 5s "$read_rate" >/dev/null
read_baseline=$(load /bench/baseline "$duration" "$read_rate")
load / 5s "$read_rate" "$work/read.txt" "$robin" >/dev/null
read_result=$(load / "$duration" "$read_rate" "$work/read.txt" "$robin")

# Posting: Robin, Sam and Jo reply in turn with words never posted before (repeats are refused), more lines than
# the run can send. Each is checked (limits, repeats, safe Markdown, the risk check) and stored with its notices.
seconds=${duration%s}
lines=$(( post_rate * (seconds + 10) + 100 ))
: >"$work/post.txt"
for person in robin sam jo; do
  cookies=$(sign_in "$person")
  token=$(antiforgery_token "$topic_path/$posting" "$cookies")
  for i in $(seq 1 $(( lines / 3 + 1 ))); do
    printf '%s/%s?handler=Reply\t%s\tBody=%s+%s+%s%%3A+an+early+night+and+a+walk+before+breakfast+helped+me+through+the+worst+of+it.&ContentWarning=&__antiforgery=%s\n' \
      "$topic_path" "$posting" "$cookies" "$person" "$i" "$RANDOM$RANDOM" "$token" >>"$work/post.txt"
  done
done
shuf --random-source=<(yes) "$work/post.txt" -o "$work/post.txt"
before=$(sqlite3 "$work/hearth.db" "SELECT COUNT(*) FROM \"Posts\" WHERE \"TopicId\" = $posting")
echo "Baseline and replies at $post_rate req/s for $duration..." >&2
post_baseline=$(load /bench/baseline "$duration" "$post_rate")
post_result=$(PATHS='' REQUESTS="$work/post.txt" RATE=$post_rate CONNECTIONS=5 wrk -t1 -c5 -d"$duration" --timeout 2s -s bench/paced.lua "$base/" | tail -n 1)
stored=$(( $(sqlite3 "$work/hearth.db" "SELECT COUNT(*) FROM \"Posts\" WHERE \"TopicId\" = $posting") - before ))
sent=$(field "$post_result" requests)
[ "$stored" -ge "$(( sent * 95 / 100 ))" ] || { echo "Only $stored of $sent replies were stored; the load measured refusals, not posts." >&2; exit 1; }

verdict() { [ "$2" = "-" ] && { echo "-"; return; }; awk -v p="$(field "$1" p99)" -v t="$2" -v e="$(( $(field "$1" non_2xx) + $(field "$1" socket_errors) ))" 'BEGIN { print (p < t && e == 0 ? "met" : "missed") }'; }
ratio() { awk -v a="$(field "$1" p99)" -v b="$(field "$2" p99)" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
row() { printf '| %s | %s | %s req/s (%s achieved) | %s | %s | %s | %s | %s | %s × | %s ms | %s |\n' "$1" "$2" "$3" "$(field "$4" rate)" \
  "$(field "$4" p50)" "$(field "$4" p90)" "$(field "$4" p99)" "$(field "$4" max)" "$(( $(field "$4" non_2xx) + $(field "$4" socket_errors) ))" "$(ratio "$4" "$5")" "$6" "$(verdict "$4" "$6")"; }

report="$work/report.md"
{
  echo "<!-- bench:discussion:start -->"
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(uname -m)), SQLite, Release build, with \`bench/discussion.sh $duration\`."
  echo
  echo "| Load | Request | Rate offered | p50 ms | p90 ms | p99 ms | max ms | errors | p99 ÷ baseline p99 | target p99 | |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  row "Static baseline" "GET /bench/baseline" "$read_rate" "$read_baseline" "$read_baseline" "-"
  row "Topic with 200 replies" "GET each of its 5 pages in turn, signed in" "$read_rate" "$read_result" "$read_baseline" "$read_target_ms"
  row "Static baseline" "GET /bench/baseline" "$post_rate" "$post_baseline" "$post_baseline" "-"
  row "Posting a reply" "POST ?handler=Reply, three members, new words each time" "$post_rate" "$post_result" "$post_baseline" "$post_target_ms"
  echo
  echo "Each topic page is $page_bytes bytes of HTML (50 posts). $stored replies were stored during the posting run ($sent sent), every one through the length, Markdown, new-account, repeat and risk checks."
  echo "<!-- bench:discussion:end -->"
} >"$report"
cat "$report"
if grep -q '<!-- bench:discussion:start -->' docs/performance.md; then
  awk -v report="$report" '
    /<!-- bench:discussion:start -->/ { while ((getline line < report) > 0) print line; skip = 1; next }
    /<!-- bench:discussion:end -->/ { skip = 0; next }
    !skip { print }
  ' docs/performance.md >"$work/performance.md"
  cp "$work/performance.md" docs/performance.md
else
  { echo; echo "## Discussion"; echo; cat "$report"; } >>docs/performance.md
fi
