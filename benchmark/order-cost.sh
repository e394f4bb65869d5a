#!/usr/bin/env bash
# What one placed order costs PostgreSQL, step by step: statements, round trips and commits, end to
# end (request, publication, listeners, in-app notification, email claim and completion). See
# docs/performance.md ("What an order costs PostgreSQL") and docs/adr/0041.
#
#   benchmark/order-cost.sh            # ORDERS=20 orders, one after the other
#
# Starts the app (app/target/orderly.jar or COST_JAR; SKIP_BUILD=1 reuses it, else it is built with
# ./mvnw package, nothing installed) on a fresh database COST_DB behind a counting proxy
# (benchmark/PgWireCount.java: a round trip is an exchange in which the client waits for the
# server's ReadyForQuery; see its Javadoc), with
# the SMTP sink; places one order to warm the caches, then ORDERS orders through the API with an
# Idempotency-Key, waits until every email is SENT, and prints the per-order table. Cross-check from
# PostgreSQL itself: the same window of the server's statement log (log_statement = all, set on that
# database only, no restart), classified per backend process the same way, next to the proxy's
# figures. Counts are deterministic: they do not depend on the machine's load (timings would; none
# are reported).
#
# Knobs: ORDERS (20), COST_DB (orderly_cost), COST_APP_PORT (18190), COST_PROXY_PORT (15443),
# COST_SMTP_PORT (11125), PGHOST/PGPORT/PGUSER, SKIP_BUILD, COST_JAR, COST_KEEP_DB=1, COST_OUT (a directory for
# the logs; default: a temporary one). Exit status 0, the table on stdout; COST_MAX_ROUND_TRIPS and
# COST_MAX_COMMITS make it fail when the per-order totals exceed them.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/benchmark"
cd "$ROOT"

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
ORDERS="${ORDERS:-20}"
COST_DB="${COST_DB:-orderly_cost}"
APP_PORT="${COST_APP_PORT:-18190}"
PROXY_PORT="${COST_PROXY_PORT:-15443}"
SMTP_PORT="${COST_SMTP_PORT:-11125}"
OUT="${COST_OUT:-$(mktemp -d /tmp/order-cost.XXXXXX)}"
mkdir -p "$OUT"

log() { printf '[order-cost %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[order-cost] ERROR: %s\n' "$*" >&2; exit 1; }

if [[ -z "${JAVA_HOME:-}" || ! -x "${JAVA_HOME}/bin/java" ]]; then
  JAVA_HOME="$("$ROOT/orderly" java-home)"
fi
JAVA="$JAVA_HOME/bin/java"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ "${COST_KEEP_DB:-0}" != 1 ]]; then dropdb --if-exists "$COST_DB" 2>/dev/null || true; fi
}
trap cleanup EXIT INT TERM

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building the app jar (./mvnw package, nothing installed)"
  "$ROOT/mvnw" -B -q -pl app -am package -DskipTests >"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log"; die "build failed"; }
fi
JAR="${COST_JAR:-$ROOT/app/target/orderly.jar}"
[[ -f "$JAR" ]] || die "no app jar at $JAR (run without SKIP_BUILD)"

dropdb --if-exists "$COST_DB"
createdb "$COST_DB"
# The statement log of this database only (a superuser setting; the server needs no restart).
psql -d postgres -qc "ALTER DATABASE $COST_DB SET log_statement = 'all'"
SERVER_LOG=$(ls -t /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -1 || true)

"$JAVA" "$BENCH/SmtpSink.java" "$SMTP_PORT" >"$OUT/smtp-sink.log" 2>&1 &
PIDS+=($!)
"$JAVA" "$BENCH/PgWireCount.java" proxy "$PROXY_PORT" "$PGHOST" "$PGPORT" "$OUT/wire.tsv" >"$OUT/proxy.log" 2>&1 &
PIDS+=($!)
up=0
for _ in $(seq 1 600); do # the source launcher compiles first
  if grep -q listening "$OUT/proxy.log" 2>/dev/null && grep -q listening "$OUT/smtp-sink.log" 2>/dev/null; then up=1; break; fi
  sleep 0.1
done
[[ "$up" == 1 ]] || { cat "$OUT/proxy.log" "$OUT/smtp-sink.log"; die "the proxy or the SMTP sink did not start (port in use?)"; }

ADMIN_EMAIL="cost-admin@orderly.test"
ADMIN_PASSWORD="Cost-Passw0rd-Orderly!"
log "starting the app on $COST_DB through the counting proxy"
ORDERLY_DATABASE_URL="jdbc:postgresql://127.0.0.1:$PROXY_PORT/$COST_DB?sslmode=disable&gssEncMode=disable" \
ORDERLY_DATABASE_USERNAME="$PGUSER" ORDERLY_DATABASE_PASSWORD="${PGPASSWORD:-}" \
ORDERLY_MAIL_HOST=127.0.0.1 ORDERLY_MAIL_PORT="$SMTP_PORT" PORT="$APP_PORT" \
ORDERLY_ADMIN_EMAIL="$ADMIN_EMAIL" ORDERLY_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  "$JAVA" -jar "$JAR" --orderly.rate-limit.enabled=false --spring.datasource.hikari.connection-timeout=30000 >"$OUT/app.log" 2>&1 &
APP_PID=$!
PIDS+=("$APP_PID")
for _ in $(seq 1 1200); do
  kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$OUT/app.log"; die "the app exited during start-up"; }
  curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$APP_PORT/actuator/health/readiness" && break
  sleep 0.1
done

API="http://127.0.0.1:$APP_PORT/api/v1"
login() { # EMAIL PASSWORD: prints an access token
  curl -fs -X POST "$API/auth/login" -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}" \
    | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}
ADMIN_TOKEN=$(login "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
[[ -n "$ADMIN_TOKEN" ]] || die "the administrator cannot log in"
for sku in COST-A COST-B; do
  curl -fs -o /dev/null -X PUT "$API/products/$sku" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Cost $sku\",\"unitPrice\":1250,\"currency\":\"EUR\",\"active\":true}" || die "PUT /products/$sku failed"
done
# A customer (not an administrator: their requests re-check roles, a customer's do not).
CUSTOMER_EMAIL="cost-customer@orderly.test"
status=$(curl -s -o "$OUT/register.json" -w '%{http_code}' -X POST "$API/users" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$CUSTOMER_EMAIL\",\"password\":\"$ADMIN_PASSWORD\",\"displayName\":\"Cost Customer\"}")
[[ "$status" == 202 ]] || { cat "$OUT/register.json"; die "registration returned $status"; }
TOKEN=$(login "$CUSTOMER_EMAIL" "$ADMIN_PASSWORD")
[[ -n "$TOKEN" ]] || die "the customer cannot log in"

place() {
  local status
  status=$(curl -s -o "$OUT/order.json" -w '%{http_code}' -X POST "$API/orders" -H "Authorization: Bearer $TOKEN" \
    -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" -H 'Content-Type: application/json' \
    -d '{"items":[{"sku":"COST-A","quantity":1},{"sku":"COST-B","quantity":2}],"shippingAddress":{"name":"Cost","line1":"1 Main St","city":"Berlin","postalCode":"10115","country":"DE"}}')
  [[ "$status" == 201 ]] || { cat "$OUT/order.json"; die "POST /orders returned $status"; }
}
# The script's own polls go to PostgreSQL directly (not through the proxy); one line, so that the
# server-log window can leave them out.
settled() { # EMAILS: "t" once that many order emails are sent and no publication is open
  psql -d "$COST_DB" -Atqc "SELECT /* order-cost poll */ (SELECT count(*) FROM notifications.notifications WHERE channel = 'EMAIL' AND kind = 'ORDER_PLACED' AND status = 'SENT') >= $1 AND NOT EXISTS (SELECT 1 FROM event_publication WHERE completion_date IS NULL)"
}
settle() {
  for _ in $(seq 1 600); do
    [[ "$(settled "$1")" == t ]] && return 0
    sleep 0.2
  done
  die "emails or publications did not settle after 2 minutes"
}

log "one order to warm the caches (price list, prepared statements)"
place
settle 1
# The window: between two marker statements sent through the proxy, so that the wire log and the
# server log are cut at the same statements.
mark() { psql "host=127.0.0.1 port=$PROXY_PORT dbname=$COST_DB user=$PGUSER sslmode=disable gssencmode=disable" -Atqc "SELECT 'order-cost-$1'" >/dev/null; }
FROM_LOG=$( [[ -r "$SERVER_LOG" ]] && stat -c %s "$SERVER_LOG" || echo 0)
mark start

log "placing $ORDERS orders one after the other, each with an Idempotency-Key"
for _ in $(seq 1 "$ORDERS"); do place; done
settle $(( ORDERS + 1 ))
mark end
sleep 1
awk -F'\t' '/order-cost-start/ { on = 1; next } /order-cost-end/ { on = 0 } on' "$OUT/wire.tsv" >"$OUT/window.tsv"
if [[ -r "$SERVER_LOG" ]]; then
  tail -c +"$(( FROM_LOG + 1 ))" "$SERVER_LOG" | awk '/order-cost-start/ { on = 1; next } /order-cost-end/ { on = 0 } on' \
    | grep -v 'order-cost poll' >"$OUT/server-window.log" || true
fi

echo
echo "Per placed order ($ORDERS orders, counted on the wire by benchmark/PgWireCount.java):"
echo
if [[ -s "$OUT/server-window.log" ]]; then
  "$JAVA" "$BENCH/PgWireCount.java" report "$OUT/window.tsv" "$ORDERS" "$OUT/server-window.log" "$COST_DB" | tee "$OUT/report.md"
else
  echo "(the server log $SERVER_LOG is not readable here: no cross-check from it)"
  "$JAVA" "$BENCH/PgWireCount.java" report "$OUT/window.tsv" "$ORDERS" | tee "$OUT/report.md"
fi
echo "(logs: $OUT)"

per_order() { awk -F'|' '/\*\*per order\*\*/ { gsub(/[ *]/, "", $'"$1"'); print $'"$1"' }' "$OUT/report.md" | head -1; }
if [[ -n "${COST_MAX_ROUND_TRIPS:-}" ]] && awk -v a="$(per_order 4)" -v b="$COST_MAX_ROUND_TRIPS" 'BEGIN { exit !(a > b) }'; then
  die "$(per_order 4) round trips per order, more than $COST_MAX_ROUND_TRIPS"
fi
if [[ -n "${COST_MAX_COMMITS:-}" ]] && awk -v a="$(per_order 5)" -v b="$COST_MAX_COMMITS" 'BEGIN { exit !(a > b) }'; then
  die "$(per_order 5) commits per order, more than $COST_MAX_COMMITS"
fi
