#!/usr/bin/env bash
# The cost of authorization on the FHIR API, measured so that the spread between JVM starts does not decide it:
# the guarded server (the product's jar) and the unguarded one (benchmark-only, bearer-token check switched off)
# are each started FHIR_PAIRS times, alternately and in alternating order (guarded first, then unguarded first,
# ...), every start measured by the harness's FHIR scenarios on the loaded benchmark database. Prints each
# start's rates, the medians and the ratios of the medians; written to bench/out/fhir-ratio.md too.
#
#   bench/fhir-ratio.sh                    # 3 pairs (after bench/run.sh has loaded the data set)
#   FHIR_PAIRS=5 SKIP_BUILD=1 bench/fhir-ratio.sh
set -euo pipefail
cd "$(dirname "$0")/.."

FHIR_PAIRS=${FHIR_PAIRS:-3}
source bench/lib.sh
trap stop_server EXIT
[ -n "${SKIP_BUILD:-}" ] || build
if [ "$(sql 'select count(*) from fhir_resource' 2>/dev/null || echo 0)" = 0 ]; then
  say "the benchmark database $DB is empty: run bench/run.sh (or LOAD_ONLY=1 bench/run.sh) first"; exit 1
fi

rate() { # $1 = the harness's table, $2 = the row's scenario prefix: its req/s
  grep "^| $2" "$1" | head -1 | awk -F'|' '{gsub(/ /, "", $6); print $6}'
}

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{v[NR] = $1} END {
  if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A READS SEARCHES
ROWS=()
measure() { # $1 = guarded | unguarded, $2 = the start's number
  local table="$OUT/fhir-ratio-$1-$2.txt"
  if [ "$1" = guarded ]; then
    start_guarded "ratio-$1-$2"
    harness --scenarios=fhir --server-pid="$SERVER_PID" > "$table"
  else
    start_unguarded "ratio-$1-$2"
    harness --scenarios=fhir --server-pid="$SERVER_PID" --label=unguarded > "$table"
  fi
  stop_server
  local reads searches
  reads=$(rate "$table" "FHIR read"); searches=$(rate "$table" "FHIR Observation")
  READS[$1]="${READS[$1]:-} $reads"; SEARCHES[$1]="${SEARCHES[$1]:-} $searches"
  ROWS+=("| $2 | $1 | $reads | $searches |")
  say "start $2, $1: reads $reads/s, searches $searches/s"
}

for pair in $(seq 1 "$FHIR_PAIRS"); do
  if (( pair % 2 )); then order=(guarded unguarded); else order=(unguarded guarded); fi
  for server in "${order[@]}"; do measure "$server" "$pair"; done
done

rg=$(echo "${READS[guarded]}" | median); ru=$(echo "${READS[unguarded]}" | median)
sg=$(echo "${SEARCHES[guarded]}" | median); su=$(echo "${SEARCHES[unguarded]}" | median)
{
  echo "FHIR API guarded against unguarded: $FHIR_PAIRS starts of each, alternating (16 connections, at least ${WARMUP} s"
  echo "of warm-up and on until the server's JIT is quiet, ${SECONDS_PER} s measured per scenario and start)."
  echo
  echo "| pair | server | reads/s | searches/s |"
  echo "|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo "| median | guarded | $rg | $sg |"
  echo "| median | unguarded | $ru | $su |"
  printf '| ratio of the medians | guarded / unguarded | %.0f %% | %.0f %% |\n' \
    "$(echo "100 * $rg / $ru" | bc -l)" "$(echo "100 * $sg / $su" | bc -l)"
} | tee "$OUT/fhir-ratio.md"
