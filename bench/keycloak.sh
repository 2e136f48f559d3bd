#!/usr/bin/env bash
# The peer of the token-endpoint benchmark: Keycloak from Maven Central (org.keycloak:keycloak-quarkus-dist),
# built once under bench/out/, started on Temurin 25 (or $KEYCLOAK_JAVA_HOME) with its file database, with an
# empty realm "bench" for the harness to register its clients in. See bench/README.md.
#
#   bench/keycloak.sh start     # fetch and build when missing, start, create the realm; prints the pid
#   bench/keycloak.sh stop
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=${KEYCLOAK_VERSION:-26.5.6}
KC_PORT=${KEYCLOAK_PORT:-8280}
JAVA_HOME=${KEYCLOAK_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
HOME_DIR=bench/out/keycloak-$VERSION
PID_FILE=bench/out/keycloak.pid
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

say() { echo "[keycloak] $*" >&2; }

install() {
  [ -x "$HOME_DIR/bin/kc.sh" ] && return 0
  say "fetching keycloak-quarkus-dist $VERSION from Maven Central"
  mvn -q -B -ntp dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:tar.gz" \
    -DoutputDirectory=bench/out
  tar xzf "bench/out/keycloak-quarkus-dist-$VERSION.tar.gz" -C bench/out
  say "building (file database)"
  "$HOME_DIR/bin/kc.sh" build --db=dev-file > bench/out/keycloak-build.log 2>&1
}

admin_token() {
  curl -fs "http://localhost:$KC_PORT/realms/master/protocol/openid-connect/token" -d grant_type=password \
    -d client_id=admin-cli -d username=admin -d password=admin | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

start() {
  install
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "$HOME_DIR/bin/kc.sh" start --optimized --http-enabled=true --http-port="$KC_PORT" --hostname-strict=false \
    --log-level=WARN > bench/out/keycloak.log 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 300); do
    if curl -fs "http://localhost:$KC_PORT/realms/master" -o /dev/null; then break; fi
    sleep 1
  done
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://localhost:$KC_PORT/admin/realms" \
    -H "Authorization: Bearer $(admin_token)" -H 'Content-Type: application/json' \
    -d '{"realm":"bench","enabled":true}')
  case "$status" in
    201|409) say "up on port $KC_PORT (realm bench)";;
    *) say "creating the realm failed: HTTP $status"; exit 1;;
  esac
  cat "$PID_FILE"
}

stop() {
  [ -f "$PID_FILE" ] || return 0
  pkill -P "$(cat "$PID_FILE")" 2>/dev/null || true
  kill "$(cat "$PID_FILE")" 2>/dev/null || true
  rm -f "$PID_FILE"
}

case "${1:-}" in
  start) start;;
  stop) stop;;
  *) echo "usage: bench/keycloak.sh start|stop" >&2; exit 2;;
esac
