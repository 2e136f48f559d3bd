#!/usr/bin/env bash
# The benchmark: loads N generated patients into PostgreSQL, starts the server, measures the token endpoint,
# the authorization-code path, the guarded and unguarded FHIR API, bulk export, start-up and idle memory,
# and prints one results table (also written to bench/out/). See bench/README.md.
#
#   bench/run.sh                      # 10,000 patients, full durations
#   PATIENTS=500 SECONDS_PER=5 bench/run.sh   # a quicker run
#   LOAD_ONLY=1 bench/run.sh                  # only build and load the data set
set -euo pipefail
cd "$(dirname "$0")/.."

PATIENTS=${PATIENTS:-10000}
KEYCLOAK=${KEYCLOAK:-1}
PRESIGN=${PRESIGN:-250000}
FHIR_PAIRS=${FHIR_PAIRS:-3}
source bench/lib.sh
RESULTS="$OUT/results-$(date -u +%Y%m%dT%H%M%SZ).md"

stop_all() { stop_server; if [ "$KEYCLOAK" = 1 ]; then bench/keycloak.sh stop; fi; }
trap stop_all EXIT

[ -n "${SKIP_BUILD:-}" ] || build
psql -h "$PGHOST" -d test -Atc "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
  || psql -h "$PGHOST" -d test -c "create database $DB" >/dev/null

LOAD_ROW="| loading | (data set already loaded; drop database $DB to measure loading) |"
if [ "$(sql "select count(*) from information_schema.tables where table_name = 'fhir_resource'")" = 0 ] \
   || [ "$(sql 'select count(*) from fhir_resource')" = 0 ]; then
  say "first start: schema, demo data, demo accounts and apps"
  start_guarded first
  # The demo set loads after start-up; the demo apps and accounts are created once it is in.
  for _ in $(seq 1 900); do
    [ "$(sql "select count(*) from app_registration where client_id = 'demo-bulk-client'")" = 1 ] \
      && [ "$(sql "select count(*) from app_user where username = 'admin'")" = 1 ] && break
    sleep 1
  done
  stop_server
  before=$(sql 'select count(*) from fhir_resource')
  say "generating and loading $PATIENTS patients"
  t0=$(date +%s%N)
  "$SERVER_JAVA" $JVM_OPTS -jar "$JAR" --ehr.demo.generate="$PATIENTS" --ehr.demo.seed=99 "${db_args[@]}" --server.port=0 \
    > "$OUT/load.log" 2>&1
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  after=$(sql 'select count(*) from fhir_resource')
  loaded=$(( after - before ))
  # The command's own time: from the start of generation to the last commit and ANALYZE (JVM start excluded).
  own=$(grep -o 'Generated and loaded .* in [0-9.]* s' "$OUT/load.log" | grep -o '[0-9.]* s$' | tr -d ' s')
  LOAD_ROW=$(printf '| loading (generate + load, PostgreSQL) | %d resources of %d patients in %.1f s: %.0f resources/s (JVM start included); the load alone %.1f s: %.0f resources/s |' \
    "$loaded" "$PATIENTS" "$(echo "$ms / 1000" | bc -l)" "$(echo "$loaded * 1000 / $ms" | bc -l)" \
    "$own" "$(echo "$loaded / $own" | bc -l)")
fi
TOTAL=$(sql 'select count(*) from fhir_resource where not deleted')
if [ -n "${LOAD_ROW_FROM_EARLIER:-}" ] && [ -f "$OUT/load-row.txt" ]; then LOAD_ROW=$(cat "$OUT/load-row.txt"); fi
echo "$LOAD_ROW" > "$OUT/load-row.txt"
if [ -n "${LOAD_ONLY:-}" ]; then say "loaded: $LOAD_ROW"; exit 0; fi

start_guarded guarded
GUARDED_STARTUP=$STARTUP_MS
sleep 10
jcmd "$SERVER_PID" GC.run >/dev/null 2>&1 || true
sleep 2
IDLE_RSS=$(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$SERVER_PID/status")
IDLE_HEAP=$(jcmd "$SERVER_PID" GC.heap_info 2>/dev/null | grep -v -e Metaspace -e "class space" | grep -o 'used [0-9]*K' \
  | awk '{gsub("K","",$2); s+=$2} END {printf "%.0f MB", s/1024}')
PEER_ARGS=()
if [ "$KEYCLOAK" = 1 ]; then
  # The pid is kc.sh's; the harness finds the JVM under it (to warm Keycloak up until its JIT is quiet too).
  bench/keycloak.sh start >/dev/null
  PEER_PID=$(cat bench/out/keycloak.pid)
  PEER_ARGS=(--peer-url="http://localhost:${KEYCLOAK_PORT:-8280}/realms/bench" --peer-pid="$PEER_PID")
fi
harness --server-pid="$SERVER_PID" --scenarios=token,code,fhir,export --presign="$PRESIGN" "${PEER_ARGS[@]}" \
  > "$OUT/guarded.txt"
stop_server
if [ "$KEYCLOAK" = 1 ]; then bench/keycloak.sh stop; fi

# The cost of authorization: guarded and unguarded servers started alternately, medians (bench/fhir-ratio.sh).
if [ "$FHIR_PAIRS" -gt 0 ]; then
  SKIP_BUILD=1 FHIR_PAIRS=$FHIR_PAIRS bench/fhir-ratio.sh > /dev/null
else
  rm -f "$OUT/fhir-ratio.md"
fi

{
  echo "## Run of $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; server JVM $("$SERVER_JAVA" -version 2>&1 | head -1);"
  echo "PostgreSQL $(psql -h "$PGHOST" -d test -Atc 'show server_version'); $TOTAL resources in the store; JVM: $JVM_OPTS."
  echo "Load generator on the same machine. Durations: ${WARMUP} s warm-up, ${SECONDS_PER} s measured per scenario."
  echo
  cat "$OUT/guarded.txt" | sed -n '1,/^$/p' | sed '/^$/d'
  echo
  if [ -f "$OUT/fhir-ratio.md" ]; then cat "$OUT/fhir-ratio.md"; echo; fi
  echo "| other | result |"
  echo "|---|---|"
  grep "bulk export" "$OUT/guarded.txt" | sed 's/^| bulk export (system level) *|/| bulk export (system level) |/' || true
  echo "$LOAD_ROW"
  echo "| start-up (JVM start to first /fhir/metadata) | ${GUARDED_STARTUP} ms |"
  echo "| idle memory after GC | RSS $IDLE_RSS, heap used $IDLE_HEAP |"
} | tee "$RESULTS"
say "written to $RESULTS"
