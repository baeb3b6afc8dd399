#!/usr/bin/env bash
# Meeting reminders at volume: 10,000 people going to one meeting whose 2-hour reminders fall due a minute after
# Hearth starts; a local SMTP sink counts what arrives. Reports the time from the due moment to the last message
# (target: all within 60 s) next to a baseline: the same number of minimal messages sent straight to the same sink,
# one connection each and as many at once as Hearth uses. Loopback only. Usage: bench/reminders.sh [count]
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-10000}
parallel=${HEARTH_BENCH_PARALLEL:-16}  # Hearth's default (Hearth:Reminders:Parallelism)
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }
command -v node >/dev/null || { echo "node is missing: apt-get install nodejs" >&2; exit 1; }

work=$(mktemp -d /tmp/hearth-reminders.XXXXXX)
server="" sink=""
cleanup() { for p in $server $sink; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

free_port() { for p in $(seq "$1" $(( $1 + 100 ))); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

echo "Publishing Hearth (Release)..." >&2
dotnet publish src/Hearth.Web -c Release -o "$work/app" -nologo -v quiet >&2

# Below the kernel's ephemeral range: the baseline's 10,000 connections take ports from it.
port=$(free_port 21280)
smtp=$(free_port 21480)
export ASPNETCORE_ENVIRONMENT=Production
export ASPNETCORE_URLS="http://127.0.0.1:$port"
export ConnectionStrings__Hearth="Data Source=$work/hearth.db"
export Hearth__Mail__BaseUrl="http://127.0.0.1:$port"
export Hearth__Mail__SmtpHost=127.0.0.1 Hearth__Mail__SmtpPort="$smtp" Hearth__Mail__SmtpSsl=false
export Hearth__Reminders__Parallelism=$parallel
export Logging__LogLevel__Default=Warning

dotnet "$work/app/Hearth.Web.dll" migrate >/dev/null
# The meeting starts at the first whole minute at least 2 h 1 min away (UTC), so its 2-hour reminders fall due in 1–2 minutes.
start_epoch=$(( ( $(date +%s) + 7260 + 59 ) / 60 * 60 ))
due_epoch=$(( start_epoch - 7200 ))
said=$(date -u -d '-2 days' '+%Y-%m-%d %H:%M:%S')
echo "Seeding $count people going to one meeting..." >&2
sqlite3 "$work/hearth.db" <<SQL
INSERT INTO "Groups" ("Slug", "Name", "Summary", "Town", "Format", "IsListed", "IsFacilitatedByNetwork")
VALUES ('reminder-bench', 'Reminder Bench Group', 'For the reminder benchmark.', 'Rhyl', 'InPerson', 1, 0);
INSERT INTO "MeetingSeries" ("GroupId", "Title", "Frequency", "StartDate", "StartTime", "DurationMinutes", "TimeZone", "IsOnline", "Sequence", "CreatedAt", "UpdatedAt")
SELECT "Id", 'Evening meeting', 'Once', '$(date -u -d "@$start_epoch" +%Y-%m-%d)', '$(date -u -d "@$start_epoch" +%H:%M:00)', 90, 'Etc/UTC', 0, 0, '$said', '$said' FROM "Groups";
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
  "DisplayName", "NormalizedDisplayName", "CreatedAt", "TermsAcceptedAt", "DeletionErasesContributions", "EmailsIncludeDetails")
SELECT 'bench-' || i, 'person-' || i || '@example.invalid', 'PERSON-' || i || '@EXAMPLE.INVALID', 'person-' || i || '@example.invalid', 'PERSON-' || i || '@EXAMPLE.INVALID', 1, 'stamp-' || i, 0, 0, 1, 0,
  'Person ' || i, 'PERSON ' || i, '$said', '$said', 0, 0 FROM n;
INSERT INTO "GroupMembers" ("GroupId", "UserId", "Role", "JoinedAt", "AgreementVersionAccepted") SELECT g."Id", u."Id", 'Member', '$said', 1 FROM "Groups" g, "AspNetUsers" u;
INSERT INTO "Rsvps" ("SeriesId", "OccurrenceDate", "UserId", "State", "CreatedAt", "UpdatedAt") SELECT s."Id", s."StartDate", u."Id", 'Going', '$said', '$said' FROM "MeetingSeries" s, "AspNetUsers" u;
SQL

echo "Baseline: $count messages straight to the sink, $parallel at a time..." >&2
node bench/smtp-sink.mjs "$smtp" "$work/baseline-count" & sink=$!
sleep 0.5
baseline_ms=$(node bench/smtp-send.mjs "$smtp" "$count" "$parallel")
kill "$sink"; wait "$sink" 2>/dev/null || true
read -r baseline_received _ _ <"$work/baseline-count" || true

node bench/smtp-sink.mjs "$smtp" "$work/count" & sink=$!
dotnet "$work/app/Hearth.Web.dll" >"$work/server.log" 2>&1 & server=$!
echo "Hearth started; reminders fall due at $(date -u -d "@$due_epoch" +%H:%M:%S) UTC..." >&2
deadline=$(( due_epoch + 180 ))
received=0
until [ "$received" -ge "$count" ] || [ "$(date +%s)" -gt "$deadline" ]; do
  sleep 0.2
  # The sink rewrites the file after each message: a read that catches it empty just tries again.
  if [ -f "$work/count" ]; then read -r received _ recipients <"$work/count" || received=0; fi
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
done
done_ms=$(now_ms)
sleep 20  # further rounds on the running node must send nothing more
read -r received spread recipients <"$work/count"
last_ms=$(( done_ms - due_epoch * 1000 ))
sent_rows=$(sqlite3 "$work/hearth.db" 'SELECT COUNT(*) FROM "MeetingReminders" WHERE "SentAt" IS NOT NULL')

verdict=$(awk -v l="$last_ms" -v r="$received" -v c="$count" -v p="$recipients" 'BEGIN { print (l <= 60000 && r == c && p == c ? "met" : "missed") }')
report="$work/report.md"
{
  echo "<!-- bench:reminders:start -->"
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, SQLite, one node polling every 15 s (the default), $parallel emails at a time; command: \`bench/reminders.sh $count\`."
  echo
  echo "| Measure | Result | Target |"
  echo "|---|---|---|"
  echo "| Reminders due at one moment | $count | — |"
  echo "| Messages the SMTP sink received (distinct recipients) | $received ($recipients) | $count, each once |"
  echo "| Claims marked sent in the database | $sent_rows | $count |"
  echo "| Due moment to last message received | $(awk -v m="$last_ms" 'BEGIN { printf "%.1f", m / 1000 }') s | within 60 s ($verdict) |"
  echo "| First to last message received | $(awk -v m="$spread" 'BEGIN { printf "%.1f", m / 1000 }') s | — |"
  echo "| Baseline: $baseline_received minimal messages sent straight to the sink | $(awk -v m="$baseline_ms" 'BEGIN { printf "%.1f", m / 1000 }') s | — |"
  echo "| Hearth's sending time ÷ baseline | $(awk -v a="$spread" -v b="$baseline_ms" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }') | — |"
  echo "<!-- bench:reminders:end -->"
} >"$report"
cat "$report"
awk -v report="$report" '
  /<!-- bench:reminders:start -->/ { while ((getline line < report) > 0) print line; skip = 1; next }
  /<!-- bench:reminders:end -->/ { skip = 0; next }
  !skip { print }
' docs/performance.md >"$work/performance.md"
cp "$work/performance.md" docs/performance.md
echo "Wrote docs/performance.md" >&2
