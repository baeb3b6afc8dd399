#!/usr/bin/env bash
# The risk check, measured through the real command (`Hearth.Web safety-check`):
#  1. quality: the labelled sets in tests/Hearth.Tests/Features/Safety/Evaluation run as a whole: dev.tsv, tuning.tsv,
#     tuning-2.tsv and tuning-3.tsv (tuning data) and held-out.tsv (the blind set; if it has not been added yet, the docs say so);
#     precision, recall and F1 for "urgent" and for "concern or urgent", the confusion matrix, and for tuning and
#     held-out the misses and false alarms counted by kind (never a message: held-out.tsv is not to be read);
#  2. throughput on one core (taskset -c 0): 200,000 lines made by repeating the messages of dev and tuning (one to a line,
#     and three to a line, about 200 characters like a typical post), timed next to the same command on empty input
#     (start-up), three runs, median. Wall time is the measure; CPU time (user + system) is given too, as it is
#     steadier when something else shares the core.
# Rewrites the sections between markers in docs/safety.md and docs/performance.md. Usage: bench/safety.sh
# (on a shared machine run it under the build lock, e.g. `flock /tmp/hearth-build.lock bench/safety.sh`).
set -euo pipefail
cd "$(dirname "$0")/.."

lines=${HEARTH_BENCH_LINES:-200000}
runs=3
sets=tests/Hearth.Tests/Features/Safety/Evaluation
command -v taskset >/dev/null || { echo "taskset is missing: apt-get install util-linux" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }
for f in dev tuning tuning-2 tuning-3; do [ -f "$sets/$f.tsv" ] || { echo "$sets/$f.tsv is missing" >&2; exit 1; }; done
evaluated=(dev tuning tuning-2 tuning-3)
if [ -f "$sets/held-out.tsv" ]; then evaluated+=(held-out); else echo "$sets/held-out.tsv is not there yet: the blind set is left out" >&2; fi

work=$(mktemp -d /tmp/hearth-safety.XXXXXX)
trap 'rm -rf "$work"' EXIT
export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "Building Hearth (Release)..." >&2
dotnet build src/Hearth.Web -c Release -nologo -v quiet >&2
dll=src/Hearth.Web/bin/Release/net10.0/Hearth.Web.dll

# ---- 1. Quality ----------------------------------------------------------------------------------------------
evaluate() { # $1 = dev | tuning | tuning-2 | tuning-3 | held-out: writes $work/$1.joined (label, language, kind, verdict); no message text is kept
  tail -n +2 "$sets/$1.tsv" | cut -f4 >"$work/$1.in"
  dotnet run --project src/Hearth.Web -c Release --no-build --no-launch-profile -- safety-check <"$work/$1.in" >"$work/$1.out"
  [ "$(wc -l <"$work/$1.in")" -eq "$(wc -l <"$work/$1.out")" ] || { echo "safety-check gave a different number of lines for $1" >&2; exit 1; }
  tail -n +2 "$sets/$1.tsv" | cut -f1-3 | paste - <(cut -f1 "$work/$1.out") >"$work/$1.joined"
  rm "$work/$1.in" "$work/$1.out"
}

scores() { # $1 = set name: markdown rows for the two thresholds, then the confusion matrix
  awk -F'\t' -v set="$1" '
    { n++; label[n] = $1; verdict[n] = $4; m[$1, $4]++ }
    function row(name, positive,   tp, fp, fn, i, p, r, f, lp, vp) {
      tp = fp = fn = 0
      for (i = 1; i <= n; i++) {
        lp = (positive == "urgent") ? label[i] == "urgent" : label[i] != "none"
        vp = (positive == "urgent") ? verdict[i] == "urgent" : verdict[i] != "none"
        if (lp && vp) tp++; else if (vp) fp++; else if (lp) fn++
      }
      p = tp + fp ? tp / (tp + fp) : 1; r = tp + fn ? tp / (tp + fn) : 1; f = p + r ? 2 * p * r / (p + r) : 0
      printf "| %s | %s | %d | %d | %d | %d | %.3f | %.3f | %.3f |\n", set, name, n, tp, fp, fn, p, r, f
    }
    END {
      row("urgent", "urgent"); row("concern or urgent", "any")
      printf "CONFUSION %s", set
      split("urgent concern none", levels, " ")
      for (a = 1; a <= 3; a++) for (b = 1; b <= 3; b++) printf " %d", m[levels[a], levels[b]]
      printf "\n"
    }' "$work/$1.joined"
}

misses_by_kind() { # $1 = set name; counts only: how many of each kind and language the check got wrong, and which way
  awk -F'\t' -v set="$1" '
    { key = set "\t" $3 "\t" $2; seen[key] = 1; total[key]++
      if ($1 == "urgent" && $4 != "urgent") um[key]++
      if ($1 != "urgent" && $4 == "urgent") uf[key]++
      if ($1 != "none" && $4 == "none") am[key]++
      if ($1 == "none" && $4 != "none") af[key]++ }
    END { for (k in seen) { split(k, p, "\t"); printf "| %s | %s | %s | %d | %d | %d | %d | %d |\n", p[1], p[2], p[3], total[k], um[k], uf[k], am[k], af[k] } }' "$work/$1.joined" | sort
}

echo "Evaluating ${evaluated[*]} through safety-check..." >&2
score_rows=""; confusion_rows=""; misses=""; set_counts=""
confusion_row() { # $1 = scores output, $2 = set name
  echo "$1" | awk -v set="$2" '/^CONFUSION/ { printf "| %s | urgent | %d | %d | %d |\n| %s | concern | %d | %d | %d |\n| %s | none | %d | %d | %d |\n", set, $3, $4, $5, set, $6, $7, $8, set, $9, $10, $11 }'
}
counts() { awk -F'\t' 'NR > 1 { c[$1]++; n++ } END { printf "%d messages (%d urgent, %d concern, %d none)", n, c["urgent"], c["concern"], c["none"] }' "$sets/$1.tsv"; }
for set in "${evaluated[@]}"; do
  evaluate "$set"
  result=$(scores "$set")
  score_rows+="$(echo "$result" | grep -v '^CONFUSION')"$'\n'
  confusion_rows+="$(confusion_row "$result" "$set")"$'\n'
  [ "$set" = dev ] || misses+="$(misses_by_kind "$set")"$'\n'
  set_counts+="$set.tsv: $(counts "$set"); "
done
if [ -f "$sets/held-out.tsv" ]; then
  held_note="held-out.tsv is the blind set: it was run as a whole and its messages were not read."
else
  held_note="held-out.tsv has not been added yet, so there is no blind figure: the set that replaces the last one (now tuning-3.tsv) is still to come."
fi

# ---- 2. Throughput -------------------------------------------------------------------------------------------
echo "Building $lines lines from dev and tuning..." >&2
(tail -n +2 "$sets/dev.tsv"; tail -n +2 "$sets/tuning.tsv") | cut -f4 >"$work/pool"
awk -v n="$lines" '{ a[NR] = $0 } END { for (i = 0; i < n; i++) print a[i % NR + 1] }' "$work/pool" >"$work/lines"
# Typical posts are longer than one labelled message: three messages to a line make about 200 characters.
awk -v n="$lines" '{ a[NR] = $0 } END { for (i = 0; i < n; i++) print a[(3 * i) % NR + 1] " " a[(3 * i + 1) % NR + 1] " " a[(3 * i + 2) % NR + 1] }' "$work/pool" >"$work/long"
rm "$work/pool"
average() { awk '{ c += length($0) } END { printf "%.0f", c / NR }' "$1"; }

timed() { # $1 = input file: prints "wall cpu" in seconds for safety-check on one core
  /usr/bin/time -f "%e %U %S" -o "$work/time" taskset -c 0 dotnet "$dll" safety-check <"$1" >"$work/out"
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$work/time"
}

: >"$work/empty"
throughput() { # $1 = input file: the median run as "rate base_wall full_wall net_wall base_cpu net_cpu cpu_rate", then every rate
  local results=() run base_wall base_cpu full_wall full_cpu
  for run in $(seq 1 $runs); do
    echo "Throughput run $run of $runs on $(basename "$1")..." >&2
    read -r base_wall base_cpu < <(timed "$work/empty")
    read -r full_wall full_cpu < <(timed "$1")
    [ "$(wc -l <"$work/out")" -eq "$lines" ] || { echo "safety-check gave $(wc -l <"$work/out") lines for $lines" >&2; exit 1; }
    results+=("$(awk -v bw="$base_wall" -v bc="$base_cpu" -v fw="$full_wall" -v fc="$full_cpu" -v n="$lines" \
      'BEGIN { nw = fw - bw; nc = fc - bc; printf "%.0f %.2f %.2f %.2f %.2f %.2f %.0f", n / nw, bw, fw, nw, bc, nc, n / nc }')")
  done
  printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
  printf '%s\n' "${results[@]}" | awk '{ printf "%s%s", sep, $1; sep = ", " } END { print "" }'
}

throughput "$work/lines" >"$work/short.times"
throughput "$work/long" >"$work/long.times"
{ read -r rate base_wall full_wall net_wall base_cpu net_cpu cpu_rate; read -r all_rates; } <"$work/short.times"
{ read -r long_rate _ long_wall long_net _ _ long_cpu_rate; read -r long_rates; } <"$work/long.times"
average_short=$(average "$work/lines")
average_long=$(average "$work/long")
ratio=$(awk -v r="$rate" 'BEGIN { printf "%.1f", r / 20000 }')
long_ratio=$(awk -v r="$long_rate" 'BEGIN { printf "%.1f", r / 20000 }')
full_ratio=$(awk -v f="$full_wall" -v b="$base_wall" 'BEGIN { printf "%.1f", f / b }')
cores=$(nproc)
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
sdk=$(dotnet --version)
today=$(date -u +%Y-%m-%d)

performance_section=$(cat <<EOF
Measured $today on $cores cores ($cpu), pinned to one with \`taskset -c 0\`, $sdk SDK, Release build; command: \`bench/safety.sh\`.
$lines lines piped through \`Hearth.Web safety-check\`: the messages of dev.tsv and tuning.tsv repeated, one to a line
($average_short characters a line on average), and three to a line ($average_long characters, the size of a typical post). Start-up
is the same command on empty input, timed in the same run and subtracted. Median of $runs runs (messages a second in each run:
$all_rates; three to a line: $long_rates).

| Measure | One message a line | Three messages a line | Target |
|---|---|---|---|
| Start-up, empty input (wall) | $base_wall s | — | — |
| $lines lines, start-up included (wall) | $full_wall s ($full_ratio × start-up) | $long_wall s | — |
| $lines lines, start-up subtracted (wall) | $net_wall s | $long_net s | — |
| Messages a second, one core (wall) | $rate ($ratio × target) | $long_rate ($long_ratio × target) | at least 20,000 of about 200 characters |
| Messages a second, one core (CPU time, user + system) | $cpu_rate | $long_cpu_rate | — |
EOF
)

evaluation_section=$(cat <<EOF
Measured $today with \`bench/safety.sh\`, through \`Hearth.Web safety-check\` (Release build). ${set_counts%; }.
dev.tsv, tuning.tsv and tuning-2.tsv are tuning data (the word lists were written against them), and tuning-3.tsv, the third blind set, has been scored and its misses read; $held_note
A threshold's positives are the messages labelled in it, its predicted positives the messages given a verdict in it.

| Set | Threshold | Messages | True positives | False positives | Missed | Precision | Recall | F1 |
|---|---|---|---|---|---|---|---|---|
${score_rows%$'\n'}

Confusion matrix (rows: label; columns: verdict):

| Set | Label | urgent | concern | none |
|---|---|---|---|---|
${confusion_rows%$'\n'}

Mistakes by kind and language, counts only. "Urgent missed": labelled urgent, verdict concern or none. "Urgent false
alarm": verdict urgent, labelled concern or none. "Missed": labelled concern or urgent, verdict none. "False alarm":
labelled none, verdict concern or urgent.

| Set | Kind | Language | Messages | Urgent missed | Urgent false alarm | Missed | False alarm |
|---|---|---|---|---|---|---|---|
${misses%$'\n'}
EOF
)

replace_section() { # $1 = file, $2 = start marker, $3 = end marker, $4 = new content
  SECTION="$4" awk -v start="$2" -v end="$3" '
    $0 == start { print; print ENVIRON["SECTION"]; skipping = 1; found = 1; next }
    $0 == end { skipping = 0 }
    !skipping { print }
    END { if (!found) exit 3 }' "$1" >"$work/replaced" || { echo "$1 has no $2 marker" >&2; exit 1; }
  cat "$work/replaced" >"$1"
}
replace_section docs/performance.md '<!-- bench:safety:start -->' '<!-- bench:safety:end -->' "$performance_section"
replace_section docs/safety.md '<!-- safety:evaluation:start -->' '<!-- safety:evaluation:end -->' "$evaluation_section"

echo "$performance_section"
echo
echo "$evaluation_section"
