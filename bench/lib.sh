# Shared by bench/run.sh and bench/fhir-ratio.sh (sourced, not run): the settings, starting and stopping the
# server, and the harness. See bench/README.md for the variables.
PORT=${PORT:-8181}
PGHOST=${PGHOST:-127.0.0.1}
DB=${BENCH_DB:-ehr_bench}
DB_URL="jdbc:postgresql://$PGHOST:5432/$DB?reWriteBatchedInserts=true"
JAR=target/ehr-smart-0.1.0-SNAPSHOT.jar
JVM_OPTS=${JVM_OPTS:-"-Xms1g -Xmx2g -XX:+UseParallelGC"}
SERVER_JAVA=${SERVER_JAVA:-java}
SECONDS_PER=${SECONDS_PER:-20}
WARMUP=${WARMUP:-20}
MAX_WARMUP=${MAX_WARMUP:-180}
OUT=bench/out
mkdir -p "$OUT"

say() { echo "[bench] $*" >&2; }

build() {
  say "building the jar and the harness"
  mvn -q -B -ntp clean package -DskipTests
  mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
    -Dmdep.includeScope=test
}

sql() { psql -h "$PGHOST" -d "$DB" -At -c "$1"; }

db_args=(--spring.datasource.url="$DB_URL" --spring.datasource.username="${PGUSER:-$(whoami)}"
  --logging.level.root=WARN)
server_args=("${db_args[@]}" --server.port="$PORT")
bench_classpath() { echo "target/test-classes:target/classes:$(cat target/bench-classpath.txt)"; }

start_server() { # $1 = label; the rest: the java command's tail
  local label=$1; shift
  local started; started=$(date +%s%N)
  "$SERVER_JAVA" $JVM_OPTS "$@" "${server_args[@]}" > "$OUT/server-$label.log" 2>&1 &
  SERVER_PID=$!
  # A start may first migrate a loaded store (V21 rewrote every index row: minutes): START_TIMEOUT seconds.
  for _ in $(seq 1 $(( ${START_TIMEOUT:-900} * 5 ))); do
    if curl -fs "http://localhost:$PORT/fhir/metadata" -o /dev/null; then
      STARTUP_MS=$(( ($(date +%s%N) - started) / 1000000 ))
      say "$label server up (pid $SERVER_PID) in ${STARTUP_MS} ms"
      return 0
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then say "the server stopped; see $OUT/server-$label.log"; exit 1; fi
    sleep 0.2
  done
  say "the server did not start in ${START_TIMEOUT:-900} s; see $OUT/server-$label.log"; kill "$SERVER_PID" 2>/dev/null; exit 1
}

# The guarded server is the product's jar; the unguarded one the benchmark-only configuration (test classpath).
start_guarded() { start_server "$1" -jar "$JAR"; }
start_unguarded() { start_server "$1" -cp "$(bench_classpath)" health.ehr.bench.UnguardedBenchServer; }

stop_server() { if [ -n "${SERVER_PID:-}" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi; }

harness() { java -cp "$(bench_classpath)" health.ehr.bench.BenchMain \
  --base-url="http://localhost:$PORT" --seconds="$SECONDS_PER" --warmup-seconds="$WARMUP" \
  --max-warmup-seconds="$MAX_WARMUP" "$@"; }
