#!/usr/bin/env bash
# Table sizes after 100,000 orders, before and after retention, and the retention jobs' run times
# (issue 28; docs/performance.md, "Retention"). One command:
#
#   benchmark/retention.sh
#
# Builds the app (SKIP_BUILD=1 reuses app/target/orderly.jar), creates a fresh database, starts Orderly
# against it and a throw-away SMTP sink, and:
#  1. seeds users, products and RET_ORDERS orders in bulk (benchmark/sql/seed.sql, as run.sh does);
#  2. drives RET_SAMPLES orders through the API as a customer would live them — login, three refreshes,
#     the order, its confirmation, shipment and delivery by an administrator, a password reset, a logout
#     — so that the application itself writes every row a real order leaves behind (emails sent over
#     SMTP, in-app notices, refresh tokens, reset tokens);
#  3. copies those rows (benchmark/sql/retention-seed.sql) for each seeded order, spread evenly over the
#     last RET_DAYS days (365): a year of operation at that rate, rows of the width the application writes;
#  4. restarts Orderly with each module's retention job every RET_INTERVAL (15s) instead of every hour
#     (their own orderly.<module>.retention.interval settings: no hook in the application) and waits until
#     a whole interval passes with nothing deleted;
#  5. prints, per growing table, the rows and the size (table + indexes) before, right after the jobs
#     (the space is free for reuse, the files keep their size), and after VACUUM FULL; and per job its
#     runs, rows and time (the jobs' own retention.purged log lines).
# It stops everything it started and drops the database (RET_KEEP_DB=1 keeps it), also on failure.
#
# Knobs: RET_ORDERS (100000), RET_USERS (1000), RET_SAMPLES (5), RET_DAYS (365), RET_INTERVAL (15s),
# RET_DB (orderly_retention), APP_PORT (18090), SMTP_PORT (11026), PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/benchmark"
cd "$ROOT"

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
RET_DB="${RET_DB:-orderly_retention}"
RET_ORDERS="${RET_ORDERS:-100000}"
RET_USERS="${RET_USERS:-1000}"
RET_SAMPLES="${RET_SAMPLES:-5}"
RET_DAYS="${RET_DAYS:-365}"
RET_INTERVAL="${RET_INTERVAL:-15s}"
APP_PORT="${APP_PORT:-18090}"
SMTP_PORT="${SMTP_PORT:-11026}"
PASSWORD='Bench-Passw0rd-Orderly!'
BASE="http://127.0.0.1:$APP_PORT"
RUN_DIR="$BENCH/results/retention-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"

log() { printf '\n\033[1m[retention %s] %s\033[0m\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[retention] ERROR: %s\n' "$*" >&2; exit 1; }

for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
  if [[ -n "$candidate" && -x "$candidate/bin/java" ]] \
    && "$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {exit !($2 >= 21)}'; then
    export JAVA_HOME="$candidate"; break
  fi
done
JAVA="${JAVA_HOME:?needs a JDK 21 or newer; set JAVA_HOME}/bin/java"
for tool in psql createdb dropdb curl jq awk; do command -v "$tool" >/dev/null || die "needs $tool on the PATH"; done
psql -d postgres -Atqc 'SELECT 1' >/dev/null || die "cannot reach PostgreSQL at $PGHOST:$PGPORT as $PGUSER"

STARTED_PIDS=()
cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  [[ "${RET_KEEP_DB:-0}" == 1 ]] || dropdb --if-exists "$RET_DB" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
stop_pid() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 150); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$1" 2>/dev/null || true
}

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building the app jar"
  "$ROOT/mvnw" -B -q -pl app -am package -DskipTests >"$RUN_DIR/build.log" 2>&1 || { tail -40 "$RUN_DIR/build.log"; die "build failed"; }
fi
APP_JAR="$ROOT/app/target/orderly.jar"
[[ -f "$APP_JAR" ]] || die "$APP_JAR missing; run without SKIP_BUILD=1"

"$JAVA" "$BENCH/SmtpSink.java" "$SMTP_PORT" >"$RUN_DIR/smtp-sink.log" 2>&1 &
STARTED_PIDS+=($!)

export ORDERLY_DATABASE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$RET_DB" ORDERLY_DATABASE_USERNAME="$PGUSER"
export ORDERLY_DATABASE_PASSWORD="${PGPASSWORD:-}" ORDERLY_MAIL_HOST=127.0.0.1 ORDERLY_MAIL_PORT="$SMTP_PORT" PORT="$APP_PORT"
start_app() { # NAME ARGS... : starts Orderly, waits for readiness, sets APP_PID
  local name="$1"; shift
  # a connection timeout for a busy machine (the application's 2 s answer a database outage quickly)
  "$JAVA" -jar "$APP_JAR" --orderly.rate-limit.enabled=false --spring.datasource.hikari.connection-timeout=30000 "$@" \
    >"$RUN_DIR/$name.log" 2>&1 &
  APP_PID=$!
  STARTED_PIDS+=("$APP_PID")
  for _ in $(seq 1 3000); do # 300 s at least: a loaded machine starts slowly
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$RUN_DIR/$name.log"; die "$name exited during start-up"; }
    curl -fs -o /dev/null --max-time 1 "$BASE/actuator/health/readiness" && return 0
    sleep 0.1
  done
  die "$name not ready after 300 s"
}
psql_q() { psql -d "$RET_DB" -v ON_ERROR_STOP=1 -Atq "$@"; }
# api METHOD PATH [TOKEN] [JSON] : the response body; fails unless 2xx
api() {
  local args=(-fsS -X "$1" "$BASE$2" -H 'Content-Type: application/json' -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)")
  [[ -n "${3:-}" ]] && args+=(-H "Authorization: Bearer $3")
  [[ -n "${4:-}" ]] && args+=(-d "$4")
  curl "${args[@]}" || die "$1 $2 failed"
}

log "fresh database $RET_DB; first start of Orderly (migrations)"
dropdb --if-exists "$RET_DB"
createdb "$RET_DB"
start_app app-first
api POST /api/v1/users "" "{\"email\":\"retention-hash@orderly.test\",\"password\":\"$PASSWORD\",\"displayName\":\"Hash\"}" >/dev/null
HASH=$(psql_q -c "SELECT password_hash FROM users.users WHERE email = 'retention-hash@orderly.test'")
stop_pid "$APP_PID"

log "seeding $RET_USERS users and $RET_ORDERS orders in bulk (benchmark/sql/seed.sql)"
psql -d "$RET_DB" -q -v hash="$HASH" -v users="$RET_USERS" -v orders="$RET_ORDERS" -v products=100 \
  -f "$BENCH/sql/seed.sql" >"$RUN_DIR/seed.log" 2>&1 || { tail -20 "$RUN_DIR/seed.log"; die "seeding failed"; }

log "$RET_SAMPLES orders lived through the API (the rows the application itself writes for one order)"
start_app app-samples
admin=$(api POST /api/v1/auth/login "" "{\"email\":\"bench-admin-1@orderly.test\",\"password\":\"$PASSWORD\"}" | jq -r .data.accessToken)
SAMPLE_ORDERS=()
for i in $(seq 1 "$RET_SAMPLES"); do
  email="bench-user-$(( 100 + i ))@orderly.test"
  session=$(api POST /api/v1/auth/login "" "{\"email\":\"$email\",\"password\":\"$PASSWORD\"}")
  for _ in 1 2 3; do # an access token lives 15 minutes: a session of an hour refreshes three times
    session=$(api POST /api/v1/auth/refresh "" "{\"refreshToken\":\"$(jq -r .data.refreshToken <<<"$session")\"}")
  done
  token=$(jq -r .data.accessToken <<<"$session")
  order=$(api POST /api/v1/orders "$token" '{"items":[{"sku":"BENCH-00001","quantity":2},{"sku":"BENCH-00002","quantity":1}],"shippingAddress":{"name":"Retention Customer","line1":"1 Main Street","city":"Lyon","postalCode":"69001","country":"FR"}}' | jq -r .data.id)
  api POST "/api/v1/orders/$order/confirm" "$admin" >/dev/null
  api POST "/api/v1/orders/$order/ship" "$admin" "{\"trackingNumber\":\"TRACK-$i\"}" >/dev/null
  api POST "/api/v1/orders/$order/deliver" "$admin" >/dev/null
  api POST /api/v1/auth/password-reset "" "{\"email\":\"$email\"}" >/dev/null
  api POST /api/v1/auth/logout "" "{\"refreshToken\":\"$(jq -r .data.refreshToken <<<"$session")\"}" >/dev/null
  SAMPLE_ORDERS+=("$order")
done
for _ in $(seq 1 120); do # until every email of the samples went out over SMTP
  [[ "$(psql_q -c "SELECT count(*) FROM notifications.notifications WHERE channel = 'EMAIL' AND status <> 'SENT'")" == 0 ]] && break
  sleep 1
done
stop_pid "$APP_PID"
SAMPLE="${SAMPLE_ORDERS[0]}"
log "one order left: $(psql_q -c "SELECT string_agg(channel || ' ' || kind || ' ' || status, ', ') FROM notifications.notifications WHERE params::text LIKE '%$SAMPLE%'")"

log "a year of it: the sample's rows copied for each of the $RET_ORDERS orders over $RET_DAYS days (benchmark/sql/retention-seed.sql)"
t0=$(date +%s)
psql -d "$RET_DB" -q -v sample="$SAMPLE" -v days="$RET_DAYS" -f "$BENCH/sql/retention-seed.sql" >"$RUN_DIR/retention-seed.log" 2>&1 \
  || { tail -20 "$RUN_DIR/retention-seed.log"; die "copying the sample rows failed"; }
log "copied in $(( $(date +%s) - t0 ))s"

TABLES="notifications.notifications auth.refresh_tokens auth.password_reset_tokens users.email_verification_tokens auth.revoked_sessions orders.idempotency_keys event_publication orders.orders orders.order_lines"
sizes() { # LABEL : rows and total size (table + indexes + TOAST) of each table
  local t
  for t in $TABLES; do
    psql_q -F $'\t' -c "SELECT '$1', '$t', count(*), pg_total_relation_size('$t') FROM $t"
  done
}
psql_q -c "VACUUM ANALYZE"
sizes before >"$RUN_DIR/sizes.tsv"

log "Orderly with every retention job each $RET_INTERVAL; waiting until an interval passes with nothing deleted"
start_app app-retention --orderly.notifications.retention.interval="$RET_INTERVAL" \
  --orderly.auth.retention.interval="$RET_INTERVAL" --orderly.users.retention.interval="$RET_INTERVAL" \
  --orderly.orders.idempotency-cleanup-interval="$RET_INTERVAL"
interval_s=$(( ${RET_INTERVAL%s} ))
t0=$(date +%s)
seen=-1
idle_since=$t0
while (( $(date +%s) - t0 < 1800 )); do
  sleep "$interval_s"
  now_seen=$(grep -c 'retention.purged' "$RUN_DIR/app-retention.log" || true)
  if [[ "$now_seen" != "$seen" ]]; then seen=$now_seen; idle_since=$(date +%s); fi
  (( seen > 0 && $(date +%s) - idle_since > interval_s + 5 )) && break
done
stop_pid "$APP_PID"
sizes "after the jobs" >>"$RUN_DIR/sizes.tsv"
psql_q -c "VACUUM FULL" 2>/dev/null
psql_q -c "ANALYZE"
sizes "after VACUUM FULL" >>"$RUN_DIR/sizes.tsv"

# retention.purged lines: table="…" rows="…" durationMs="…" (the readable format's key-value pairs)
grep 'retention.purged' "$RUN_DIR/app-retention.log" \
  | sed -E 's/.*table="([^"]*)".*rows="([0-9]*)".*durationMs="([0-9]*)".*/\1\t\2\t\3/' >"$RUN_DIR/purged.tsv" || true

REPORT="$RUN_DIR.md"
{
  echo "# Retention after $RET_ORDERS orders — $(basename "$RUN_DIR")"
  echo
  echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(psql -d postgres -Atqc 'SHOW server_version' | cut -d' ' -f1) PostgreSQL."
  echo "$RET_ORDERS orders over $RET_DAYS days, each leaving the rows one order lived through the API left ($RET_SAMPLES samples);"
  echo "default retention settings, jobs every $RET_INTERVAL instead of every hour."
  echo
  echo "| table | rows before | size before | rows after | size after the jobs | size after VACUUM FULL |"
  echo "|---|---:|---:|---:|---:|---:|"
  for t in $TABLES; do
    awk -F'\t' -v t="$t" '
      function mib(b) { return sprintf("%.1f MiB", b / 1048576) }
      $2 == t && $1 == "before" { rb = $3; sb = $4 } $2 == t && $1 == "after the jobs" { ra = $3; sa = $4 }
      $2 == t && $1 == "after VACUUM FULL" { sf = $4 }
      END { printf "| %s | %d | %s | %d | %s | %s |\n", t, rb, mib(sb), ra, mib(sa), mib(sf) }' "$RUN_DIR/sizes.tsv"
  done
  echo
  echo "| job (table) | runs that deleted | rows deleted | time per run (ms) | total (ms) |"
  echo "|---|---:|---:|---|---:|"
  awk -F'\t' '{ runs[$1]++; rows[$1] += $2; ms[$1] += $3; each[$1] = each[$1] (each[$1] == "" ? "" : ", ") $3 }
    END { for (t in runs) printf "| %s | %d | %d | %s | %d |\n", t, runs[t], rows[t], each[t], ms[t] }' "$RUN_DIR/purged.tsv" | sort
  echo
  echo "A run deletes at most 100 batches of 1,000 rows (100,000 rows); a larger backlog takes several runs."
  echo "Logs: benchmark/results/$(basename "$RUN_DIR")/"
} >"$REPORT"
log "done"
cat "$REPORT"
echo
echo "Written to $REPORT"
