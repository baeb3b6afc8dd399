#!/usr/bin/env bash
# Rewrites the scale table in docs/performance.md from every run's results in bench/results/<size>-<engine>.tsv,
# one column a run, side by side (county on SQLite first, then nation on PostgreSQL, then any other). bench/run.sh
# calls it after each run; run it by hand after deleting a results file.
set -euo pipefail
cd "$(dirname "$0")/.."

files=()
for run in county-sqlite nation-postgres county-postgres nation-sqlite; do
  [ -f "bench/results/$run.tsv" ] && files+=("bench/results/$run.tsv")
done
[ "${#files[@]}" -gt 0 ] || { echo "No results in bench/results/; run bench/run.sh first." >&2; exit 1; }

table=$(mktemp)
trap 'rm -f "$table"' EXIT
awk -F '\t' '
  FNR == 1 { runs++ }
  {
    if (!($1 in label)) { order[++keys] = $1; label[$1] = $2 }
    cell = $4
    if ($3 != "" && $3 != "—") cell = cell "; target " $3 ($5 != "—" ? ": **" $5 "**" : "")
    value[$1, runs] = cell
  }
  END {
    printf "| Measure |"; for (r = 1; r <= runs; r++) printf " %s |", value["run", r]; print ""
    printf "|---|"; for (r = 1; r <= runs; r++) printf "---|"; print ""
    for (k = 2; k <= keys; k++) {
      printf "| %s |", label[order[k]]
      for (r = 1; r <= runs; r++) printf " %s |", ((order[k], r) in value ? value[order[k], r] : "—")
      print ""
    }
  }' "${files[@]}" >"$table"

awk -v table="$table" '
  /<!-- bench:scale:start -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /<!-- bench:scale:end -->/ { skip = 0 }
  !skip { print }
' docs/performance.md >"$table.md"
mv "$table.md" docs/performance.md
echo "Wrote the scale table in docs/performance.md from ${files[*]}" >&2
