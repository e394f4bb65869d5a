#!/usr/bin/env bash
# Orderly's load benchmark in one command. See docs/performance.md.
#
#   benchmark/run.sh
#
# Builds the app and the baseline, creates a fresh database, starts Orderly, seeds it in bulk
# (1,000 users, 1,000,000 orders with 2,000,000 lines, 1,000 products), runs the Gatling scenarios,
# measures start-up time and peak memory, runs the two baselines (a bare Spring MVC app and
# pgbench), prints a summary and writes it to benchmark/results/<timestamp>.md. It stops
# everything it started, also on Ctrl-C or failure.
#
# Knobs (environment): BENCH_USERS (virtual users, 16), BENCH_DURATION (s per scenario, 30),
# BENCH_WARMUP (s per warm-up round, 15), BENCH_WARMUP_ROUNDS (at most, 12),
# BENCH_JIT_SETTLED (warm-up ends after a round in which the JIT compiler used at most this % of the CPU, 10), BENCH_SCENARIOS (list), SEED_USERS/SEED_ORDERS/SEED_PRODUCTS,
# PGHOST/PGPORT/PGUSER/PGPASSWORD (127.0.0.1/5432/postgres), BENCH_DB (orderly_bench),
# PGBENCH_DB (orderly_pgbench), APP_PORT (18080), BASELINE_PORT (18081), SMTP_PORT (11025),
# APP_JVM_OPTS (@app/jvm.args, the documented settings; set it empty for JVM defaults),
# BENCH_AOT_CACHE (1: start from the JVM's AOT cache made by a training run, as documented; 0: plain
# java -jar; the summary reports both start-ups either way), BENCH_RATE_LIMIT (off; on = limits on but too high to trip),
# BENCH_PAIRS (3: rounds of the alternating pairs — each of BENCH_PAIR_SCENARIOS, default get-order list-first
# create-order login, alternating between Orderly and its bare counterpart, get-order also with a second Orderly
# with rate limiting the other way (OTHER_PORT, 18082) — for the Orderly ÷ bare and rate limiting on ÷ off ratios; 0 skips),
# BENCH_WRK (1: each pair also measured with wrk, installed with apt-get when missing; 0: Gatling only),
# BENCH_WRK_THREADS (2),
# BENCH_MODE (bench; soak: the soak instead — warm-up, the mixed scenario's maximum, then the mixed scenario
# throttled to half of it for BENCH_SOAK_MINUTES (30) with the email dispatcher and the retention jobs running,
# figures per window of BENCH_SOAK_WINDOW seconds (a sixth of the soak), written to results/<timestamp>-soak.md;
# BENCH_SOAK_RATE fixes the rate instead, BENCH_SOAK_RETENTION_INTERVAL (1m) and BENCH_SOAK_RETENTION_AGE (5m)),
# BENCH_TRACING_PAIR (0; 1: BENCH_TRACING_SCENARIOS, default get-order create-order, twice more on fresh
# starts: tracing off, then tracing on with sampling BENCH_TRACING_SAMPLING (0.1), for on ÷ off;
# BENCH_TRACING_ORDER="on off" runs them the other way round, to see the second run's warm-cache advantage;
# BENCH_OTLP_ENDPOINT exports the sampled spans there during the "on" run, none by default),
# BENCH_EVENT_LOG_PAIR (0; 1: BENCH_EVENT_LOG_SCENARIOS, default get-order create-order, on fresh starts with the
# business- and security-event log lines on and off, in the order BENCH_EVENT_LOG_ORDER ("off on on off"), for on ÷ off),
# BENCH_COMPARE_REF=<git ref> (build the app at that ref in a temporary git worktree and measure it
# right after the current build, on a database its own migrations create, seeded identically, with the same scenarios and
# warm-up; the summary adds its table and current ÷ compare ratios), BENCH_COMPARE_JAR=<jar> (the
# same with a jar built before), SKIP_BUILD=1 (reuse built jars), BENCH_KEEP_DB=1 (keep the databases).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/benchmark"
cd "$ROOT"

# ---------------------------------------------------------------------------- configuration
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
BENCH_DB="${BENCH_DB:-orderly_bench}"
PGBENCH_DB="${PGBENCH_DB:-orderly_pgbench}"
APP_PORT="${APP_PORT:-18080}"
BASELINE_PORT="${BASELINE_PORT:-18081}"
OTHER_PORT="${OTHER_PORT:-18082}"
BENCH_PAIRS="${BENCH_PAIRS:-3}"
BENCH_PAIR_SCENARIOS="${BENCH_PAIR_SCENARIOS:-get-order list-first create-order login}"
BENCH_WRK="${BENCH_WRK:-1}"
BENCH_WRK_THREADS="${BENCH_WRK_THREADS:-2}"
BENCH_MODE="${BENCH_MODE:-bench}"
[[ "$BENCH_MODE" == bench || "$BENCH_MODE" == soak ]] || { echo "[bench] ERROR: BENCH_MODE must be bench or soak" >&2; exit 1; }
BENCH_SOAK_MINUTES="${BENCH_SOAK_MINUTES:-30}"
SMTP_PORT="${SMTP_PORT:-11025}"
BENCH_USERS="${BENCH_USERS:-16}"
BENCH_DURATION="${BENCH_DURATION:-30}"
BENCH_WARMUP="${BENCH_WARMUP:-15}"
BENCH_WARMUP_ROUNDS="${BENCH_WARMUP_ROUNDS:-12}"
BENCH_JIT_SETTLED="${BENCH_JIT_SETTLED:-10}"
BENCH_SCENARIOS="${BENCH_SCENARIOS:-login get-order list-first list-deep create-order mixed}"
SEED_USERS="${SEED_USERS:-1000}"
SEED_ORDERS="${SEED_ORDERS:-1000000}"
SEED_PRODUCTS="${SEED_PRODUCTS:-1000}"
POOL_SIZE="${ORDERLY_DATABASE_POOL_SIZE:-10}"
APP_JVM_OPTS="${APP_JVM_OPTS-@$ROOT/app/jvm.args}"
BENCH_AOT_CACHE="${BENCH_AOT_CACHE:-1}"
BENCH_PASSWORD='Bench-Passw0rd-Orderly!'
JDBC_URL="jdbc:postgresql://${PGHOST}:${PGPORT}/${BENCH_DB}"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS_DIR="$BENCH/results"
RUN_DIR="$RESULTS_DIR/$STAMP"
DATA_DIR="$RUN_DIR/data"
REPORT="$RESULTS_DIR/$STAMP.md"
mkdir -p "$DATA_DIR"

log() { printf '\n\033[1m[bench %s] %s\033[0m\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }

# ---------------------------------------------------------------------------- JDK (as .ci/run)
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}
if [[ -z "${JAVA_HOME:-}" || ! -x "${JAVA_HOME}/bin/java" || "$(java_major "$JAVA_HOME")" -lt 21 ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [[ -x "$candidate/bin/java" ]]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
[[ -n "${JAVA_HOME:-}" && "$(java_major "$JAVA_HOME")" -ge 21 ]] || die "needs a JDK 21 or newer; set JAVA_HOME"
JAVA="$JAVA_HOME/bin/java"
for tool in psql createdb dropdb pgbench curl awk; do
  command -v "$tool" >/dev/null || die "needs $tool on the PATH (PostgreSQL client tools, pgbench, curl)"
done
psql -d postgres -Atqc 'SELECT 1' >/dev/null || die "cannot reach PostgreSQL at $PGHOST:$PGPORT as $PGUSER"
# wrk (Debian package wrk) for the second measurement of the alternating pairs: installed like .ci/run
# installs its tools when missing, or a clear stop.
if [[ "$BENCH_MODE" == bench && "$BENCH_WRK" == 1 ]] && (( BENCH_PAIRS > 0 )) && ! command -v wrk >/dev/null 2>&1; then
  sudo_if_needed=(); [[ "$(id -u)" == 0 ]] || sudo_if_needed=(sudo -n)
  if command -v apt-get >/dev/null 2>&1; then
    printf '[bench] installing wrk with apt-get\n' >&2
    DEBIAN_FRONTEND=noninteractive "${sudo_if_needed[@]}" apt-get install -y -q --no-install-recommends wrk >/dev/null 2>&1 \
      || { "${sudo_if_needed[@]}" apt-get update -q >/dev/null 2>&1 \
        && DEBIAN_FRONTEND=noninteractive "${sudo_if_needed[@]}" apt-get install -y -q --no-install-recommends wrk >/dev/null 2>&1; } || true
  fi
  command -v wrk >/dev/null 2>&1 || die "needs wrk on the PATH for the pairs (apt-get install wrk), or BENCH_WRK=0 for Gatling only"
fi
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="${LOAD_BEFORE%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n * 0.5) }'; then
  printf '[bench] WARNING: load average %s on %s cores before the run: other work will skew the figures\n' "$LOAD_BEFORE" "$(nproc)" >&2
fi

# ---------------------------------------------------------------------------- clean-up
STARTED_PIDS=()
APP_PID=""
cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
  done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ "${BENCH_KEEP_DB:-0}" != 1 ]]; then
    dropdb --if-exists "$BENCH_DB" 2>/dev/null || true
    dropdb --if-exists "$PGBENCH_DB" 2>/dev/null || true
  fi

}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Stops one process we started and waits for it to exit.
stop_pid() {
  local pid="$1"
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
}

# ---------------------------------------------------------------------------- build
MVNW=("$ROOT/mvnw" -B -q)
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building the app jar, the baseline jar and the Gatling simulations"
  "${MVNW[@]}" -pl app -am package -DskipTests >"$RUN_DIR/build-app.log" 2>&1 || { tail -40 "$RUN_DIR/build-app.log"; die "app build failed"; }
  "${MVNW[@]}" -f "$BENCH/baseline/pom.xml" package -DskipTests >"$RUN_DIR/build-baseline.log" 2>&1 || { tail -40 "$RUN_DIR/build-baseline.log"; die "baseline build failed"; }
fi
"${MVNW[@]}" -f "$BENCH/pom.xml" test-compile >"$RUN_DIR/build-gatling.log" 2>&1 || { tail -40 "$RUN_DIR/build-gatling.log"; die "simulations do not compile"; }
APP_JAR="$ROOT/app/target/orderly.jar"
BASELINE_JAR="$BENCH/baseline/target/baseline.jar"
[[ -f "$APP_JAR" && -f "$BASELINE_JAR" ]] || die "jars missing; run without SKIP_BUILD=1"

# A second build to measure in the same run (BENCH_COMPARE_REF / BENCH_COMPARE_JAR): built now, so
# that nothing compiles while anything is measured.
COMPARE_JAR=""
COMPARE_LABEL=""
if [[ -n "${BENCH_COMPARE_JAR:-}" ]]; then
  [[ -f "$BENCH_COMPARE_JAR" ]] || die "BENCH_COMPARE_JAR=$BENCH_COMPARE_JAR: no such file"
  COMPARE_JAR="$BENCH_COMPARE_JAR"
  COMPARE_LABEL="${BENCH_COMPARE_REF:-$(basename "$BENCH_COMPARE_JAR")}"
elif [[ -n "${BENCH_COMPARE_REF:-}" ]]; then
  log "building the app at $BENCH_COMPARE_REF for comparison (temporary git worktree, removed afterwards)"
  COMPARE_JAR="$RUN_DIR/compare.jar"
  compare_sha=$("$BENCH/build-ref.sh" "$BENCH_COMPARE_REF" "$COMPARE_JAR" "$RUN_DIR/build-compare.log") \
    || { tail -40 "$RUN_DIR/build-compare.log" 2>/dev/null || true; die "building $BENCH_COMPARE_REF failed"; }
  COMPARE_LABEL="$BENCH_COMPARE_REF (${compare_sha:0:12})"
fi

# ---------------------------------------------------------------------------- SMTP sink
# Orders produce email notifications: a local sink accepts and discards them.
"$JAVA" "$BENCH/SmtpSink.java" "$SMTP_PORT" >"$RUN_DIR/smtp-sink.log" 2>&1 &
STARTED_PIDS+=($!)

# ---------------------------------------------------------------------------- helpers
# start_java NAME READY_URL JAVA_ARGS... : starts a JVM, waits for readiness, sets
#   STARTED_PID, READY_MS (java -jar -> readiness 200) and SPRING_STARTED (Spring's own figure).
start_java() {
  local name="$1" ready_url="$2"; shift 2
  local logfile="$RUN_DIR/$name.log" t0
  t0=$(now_ms)
  "$JAVA" "$@" >"$logfile" 2>&1 &
  STARTED_PID=$!
  STARTED_PIDS+=("$STARTED_PID")
  for _ in $(seq 1 1800); do
    if ! kill -0 "$STARTED_PID" 2>/dev/null; then tail -60 "$logfile"; die "$name exited during start-up (log: $logfile)"; fi
    if curl -fs -o /dev/null --max-time 1 "$ready_url"; then
      READY_MS=$(( $(now_ms) - t0 ))
      SPRING_STARTED=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$logfile" | head -1 | awk '{print $4}')
      return 0
    fi
    sleep 0.1
  done
  die "$name not ready after 180 s (log: $logfile)"
}

# Rate limiting (orderly.rate-limit.*) would throttle a load test by design. Off by default;
# BENCH_RATE_LIMIT=on keeps it on with limits too high to trip, to measure what it costs.
rate_limit_args() { # on|off
  if [[ "$1" == on ]]; then
    RATE_LIMIT_ARGS=(--orderly.rate-limit.enabled=true --orderly.rate-limit.api.capacity=1000000000
      --orderly.rate-limit.login.capacity=1000000000 --orderly.rate-limit.login-account.capacity=1000000000
      --orderly.rate-limit.registration.capacity=1000000000)
  else
    RATE_LIMIT_ARGS=(--orderly.rate-limit.enabled=false)
  fi
}
RATE_LIMIT_MODE="${BENCH_RATE_LIMIT:-off}"
[[ "$RATE_LIMIT_MODE" == on || "$RATE_LIMIT_MODE" == off ]] || die "BENCH_RATE_LIMIT must be on or off"
rate_limit_args "$RATE_LIMIT_MODE"
# The launch the README documents (ADR 0020): the jar extracted, started with the JVM's AOT cache
# that a training run (-Dspring.context.exit=onRefresh) made for it. Per jar: JAR_LAUNCH[jar] holds
# the java arguments that start it.
# Tracing for the tracing pair (docs/adr/0023); empty: the application's defaults.
TRACING_ARGS=()
tracing_args() { # default|off|on
  case "$1" in
    off) TRACING_ARGS=(--spring.autoconfigure.exclude=org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration,org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration) ;;
    on) TRACING_ARGS=(--management.tracing.sampling.probability="${BENCH_TRACING_SAMPLING:-0.1}")
        if [[ -n "${BENCH_OTLP_ENDPOINT:-}" ]]; then TRACING_ARGS+=(--management.opentelemetry.tracing.export.otlp.endpoint="$BENCH_OTLP_ENDPOINT"); fi ;;
    *) TRACING_ARGS=() ;;
  esac
}
declare -A JAR_LAUNCH
# More JVM options and application arguments for start_app (the soak's GC log and retention jobs).
EXTRA_JVM_OPTS=""
EXTRA_APP_ARGS=()
prepare_launch() { # JAR NAME : extracts, trains the AOT cache on the bench database, sets JAR_LAUNCH
  local jar="$1" name="$2" dir="$RUN_DIR/extracted-$2"
  if [[ "$BENCH_AOT_CACHE" != 1 || "$(java_major "$JAVA_HOME")" -lt 25 ]]; then
    JAR_LAUNCH[$jar]="-jar $jar"
    return 0
  fi
  "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$dir" >"$RUN_DIR/extract-$name.log" 2>&1 \
    || { tail -20 "$RUN_DIR/extract-$name.log"; die "extracting $jar failed"; }
  log "training run for the AOT cache of $name (the application context starts and exits)"
  "$JAVA" $APP_JVM_OPTS -XX:AOTCacheOutput="$dir/app.aot" -Dspring.context.exit=onRefresh \
    -jar "$dir/$(basename "$jar")" "${RATE_LIMIT_ARGS[@]}" >"$RUN_DIR/aot-training-$name.log" 2>&1 \
    || { tail -40 "$RUN_DIR/aot-training-$name.log"; die "the AOT training run of $name failed"; }
  [[ -f "$dir/app.aot" ]] || die "the AOT training run of $name wrote no cache"
  JAR_LAUNCH[$jar]="-XX:AOTCache=$dir/app.aot -jar $dir/$(basename "$jar")"
}
start_app() { # NAME [JAR [PORT]]
  local jar="${2:-$APP_JAR}" port="${3:-$APP_PORT}"
  PORT="$port" start_java "$1" "http://127.0.0.1:$port/actuator/health/readiness" \
    $APP_JVM_OPTS ${EXTRA_JVM_OPTS:-} ${JAR_LAUNCH[$jar]:--jar $jar} "${RATE_LIMIT_ARGS[@]}" "${TRACING_ARGS[@]}" "${EXTRA_APP_ARGS[@]}"
  APP_PID=$STARTED_PID
}
export ORDERLY_DATABASE_URL="$JDBC_URL" ORDERLY_DATABASE_USERNAME="$PGUSER" ORDERLY_DATABASE_PASSWORD="${PGPASSWORD:-}"
export ORDERLY_DATABASE_POOL_SIZE="$POOL_SIZE" ORDERLY_MAIL_HOST=127.0.0.1 ORDERLY_MAIL_PORT="$SMTP_PORT" PORT="$APP_PORT"

mem_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# Samples VmRSS of PID every 0.5 s into FILE until the process ends or the sampler is stopped.
start_sampler() {
  local pid="$1" file="$2"
  ( while kill -0 "$pid" 2>/dev/null; do mem_kb "$pid" VmRSS >>"$file"; sleep 0.5; done ) &
  SAMPLER_PID=$!
  STARTED_PIDS+=("$SAMPLER_PID")
}
max_of() { sort -n "$1" | tail -1; }

# cpu_ticks PID [jit|children] : CPU time (clock ticks, user + system) of the process so far, with
#   children: also that of its ended children it waited for, or jit: of its JIT compiler threads only
#   ("C1/C2 CompilerThre…"; a compiler thread the JVM ended takes its ticks with it, so the JIT share
#   is a lower bound).
cpu_ticks() {
  local pid="$1" task total=0
  if [[ "${2:-}" != jit ]]; then
    sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null \
      | awk -v children="$([[ "${2:-}" == children ]] && echo 1)" '{print $12 + $13 + (children ? $14 + $15 : 0)} END {if (NR == 0) print 0}'
    return 0
  fi
  for task in /proc/"$pid"/task/*; do
    [[ "$(cat "$task/comm" 2>/dev/null)" == C[12]\ CompilerThre* ]] || continue
    total=$(( total + $(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}') ))
  done
  echo "$total"
}
# jit_share CPU0 JIT0 CPU1 JIT1 : the JIT compiler's share of the process's CPU between two readings, in %
jit_share() { awk -v c="$(( $3 - $1 ))" -v j="$(( $4 - $2 ))" 'BEGIN { printf "%d", (c > 0 && j > 0) ? 100 * j / c : 0 }'; }

# warm_up PID SIMULATION SCENARIO BASE_URL : warm-up rounds of BENCH_WARMUP seconds until the JIT
#   compiler used at most BENCH_JIT_SETTLED % of the process's CPU in a round, or BENCH_WARMUP_ROUNDS
#   rounds were run. On 2 cores the C2 compiler needs minutes of load before it has compiled
#   Orderly's request paths; a fixed 15 s warm-up measured the compiler as much as the app (ADR 0025).
#   Sets WARMUP_ROUNDS, WARMUP_JIT (the last round's share) and JIT_PID (the process whose JIT share
#   run_gatling reports for the scenarios measured after it), and appends a line to $RUN_DIR/warm-up.txt.
warm_up() {
  local pid="$1" simulation="$2" scenario="$3" base_url="$4" cpu0 jit0 round=0
  JIT_PID="$pid"
  while :; do
    round=$(( round + 1 ))
    cpu0=$(cpu_ticks "$pid"); jit0=$(cpu_ticks "$pid" jit)
    run_gatling - "$simulation" "$scenario" "$base_url" "$BENCH_WARMUP"
    WARMUP_JIT=$(jit_share "$cpu0" "$jit0" "$(cpu_ticks "$pid")" "$(cpu_ticks "$pid" jit)")
    log "warm-up round $round: the JIT compiler used ${WARMUP_JIT} % of the process's CPU"
    (( WARMUP_JIT <= BENCH_JIT_SETTLED || round >= BENCH_WARMUP_ROUNDS )) && break
  done
  WARMUP_ROUNDS=$round
  echo "${LOG_PREFIX:-}${simulation} ${scenario}: $round round(s) of ${BENCH_WARMUP}s, JIT share in the last ${WARMUP_JIT} %" >>"$RUN_DIR/warm-up.txt"
}

# drain_backlog : waits (at most 180 s) until no email is due or being sent and every event
#   publication is complete, so that no process works off what a warm-up left while others are measured.
drain_backlog() {
  local left=0 t0
  t0=$(now_ms)
  for _ in $(seq 1 180); do
    left=$(psql -d "$BENCH_DB" -Atqc "SELECT (SELECT count(*) FROM notifications.notifications WHERE status = 'SENDING' OR (status = 'PENDING' AND next_attempt_at <= now())) + (SELECT count(*) FROM event_publication WHERE completion_date IS NULL)" 2>/dev/null || echo 0)
    [[ "$left" == 0 ]] && break
    sleep 1
  done
  DRAIN_MS=$(( $(now_ms) - t0 ))
  DRAIN_S=$(( DRAIN_MS / 1000 ))
  log "backlog of emails and publications: $left left after ${DRAIN_S}s"
}

# wait_quiet : waits (at most BENCH_QUIET_WAIT, 60 s) until the whole machine used under 10 % of its CPU over 3 s, so
#   that no process still compiles or works off the previous run's tail while the next one is measured.
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; } # busy total
wait_quiet() {
  local busy0 total0 busy1 total1 share=100
  for _ in $(seq 1 $(( ${BENCH_QUIET_WAIT:-60} / 3 > 0 ? ${BENCH_QUIET_WAIT:-60} / 3 : 1 ))); do
    read -r busy0 total0 < <(machine_ticks)
    sleep 3
    read -r busy1 total1 < <(machine_ticks)
    share=$(( 100 * (busy1 - busy0) / (total1 - total0 > 0 ? total1 - total0 : 1) ))
    (( share < 10 )) && return 0
  done
  log "the machine is still ${share} % busy after ${BENCH_QUIET_WAIT:-60} s; measuring anyway"
}

# run_gatling LABEL SIMULATION SCENARIO BASE_URL DURATION : runs one Gatling simulation and appends
#   one row (label, requests, rps, p50, p95, p99, max, errors) to $FIGURES (default
#   $RUN_DIR/figures.tsv) unless LABEL is "-" (warm-up). Its log: $RUN_DIR/${LOG_PREFIX}gatling-SCENARIO${LOG_SUFFIX}.log.
run_gatling() {
  local label="$1" simulation="$2" scenario="$3" base_url="$4" duration="$5"
  local out="$RUN_DIR/${LOG_PREFIX:-}gatling-${scenario}${LOG_SUFFIX:-}.log" figures="${FIGURES:-$RUN_DIR/figures.tsv}"
  log "gatling: $scenario (${BENCH_USERS} users, ${duration}s) against $base_url"
  local jit_cpu0 jit_jit0
  if [[ -n "${JIT_PID:-}" && "$label" != - ]]; then jit_cpu0=$(cpu_ticks "$JIT_PID"); jit_jit0=$(cpu_ticks "$JIT_PID" jit); fi
  BENCH_SCENARIO="$scenario" BENCH_BASE_URL="$base_url" BENCH_DURATION="$duration" BENCH_USERS="$BENCH_USERS" \
  BENCH_DATA_DIR="$DATA_DIR" BENCH_PASSWORD="$BENCH_PASSWORD" \
    "$ROOT/mvnw" -B -f "$BENCH/pom.xml" gatling:test \
      -Dgatling.simulationClass="dev.orderly.benchmark.$simulation" \
      -Dgatling.resultsFolder="$RUN_DIR/gatling" -Dgatling.runDescription="$scenario" >"$out" 2>&1 \
    || { tail -40 "$out"; die "gatling run $scenario failed (log: $out)"; }
  [[ "$label" == "-" ]] && return 0
  if [[ -n "${JIT_PID:-}" ]]; then
    echo "${LOG_PREFIX:-}$label	$(jit_share "$jit_cpu0" "$jit_jit0" "$(cpu_ticks "$JIT_PID")" "$(cpu_ticks "$JIT_PID" jit)")" >>"$RUN_DIR/jit-share.tsv"
  fi
  # Gatling's closing summary: "> name | Total | OK | KO" rows of the whole run (set-up requests
  # are silent, so the run's global figures are the scenario's).
  awk -F'|' -v label="$label" -v duration="$duration" '
    function num(s) { gsub(/[ ,]/, "", s); return (s == "-" ? 0 : s) }
    /^> request count/                  { total = num($2); ko = num($4) }
    /^> response time 50th percentile/  { p50 = num($2) }
    /^> response time 95th percentile/  { p95 = num($2) }
    /^> response time 99th percentile/  { p99 = num($2) }
    /^> max response time/              { max = num($2) }
    END { printf "%s\t%d\t%.1f\t%s\t%s\t%s\t%s\t%d\n", label, total, total / duration, p50, p95, p99, max, ko }
  ' "$out" >>"$figures"
  tail -1 "$figures" >&2
}

# The alternating pairs and the soak, in files of their own (functions only).
# shellcheck source=benchmark/lib/pairs.sh
source "$BENCH/lib/pairs.sh"
# shellcheck source=benchmark/lib/soak.sh
source "$BENCH/lib/soak.sh"

# ---------------------------------------------------------------------------- database
log "creating a fresh database $BENCH_DB"
dropdb --if-exists "$BENCH_DB"
createdb "$BENCH_DB"

log "first start of Orderly on the empty database (runs all migrations)"
start_app app-first-start
FIRST_READY_MS=$READY_MS
FIRST_SPRING=$SPRING_STARTED

log "computing the password hash once with the app's own encoder (registering one user)"
status=$(curl -s -o "$RUN_DIR/register.json" -w '%{http_code}' -X POST "http://127.0.0.1:$APP_PORT/api/v1/users" \
  -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench-hash@orderly.test\",\"password\":\"$BENCH_PASSWORD\",\"displayName\":\"Bench Hash\"}")
[[ "$status" == 202 ]] || { cat "$RUN_DIR/register.json"; die "registration returned $status"; }
HASH=$(psql -d "$BENCH_DB" -Atqc "SELECT password_hash FROM users.users WHERE email = 'bench-hash@orderly.test'")
[[ -n "$HASH" ]] || die "no password hash found for the registered user"

log "seeding $SEED_USERS users, $SEED_ORDERS orders (2 lines each), $SEED_PRODUCTS products in bulk"
t0=$(now_ms)
psql -d "$BENCH_DB" -q -v hash="$HASH" -v users="$SEED_USERS" -v orders="$SEED_ORDERS" -v products="$SEED_PRODUCTS" \
  -f "$BENCH/sql/seed.sql" >"$RUN_DIR/seed.log" 2>&1 || { tail -20 "$RUN_DIR/seed.log"; die "seeding failed"; }
SEED_S=$(( ($(now_ms) - t0) / 1000 ))
psql -d "$BENCH_DB" -q -v datadir="$DATA_DIR" -f "$BENCH/sql/feeders.sql" || die "writing the feeder files failed"
ORDER_COUNT=$(psql -d "$BENCH_DB" -Atqc "SELECT count(*) FROM orders.orders")
LINE_COUNT=$(psql -d "$BENCH_DB" -Atqc "SELECT count(*) FROM orders.order_lines")
log "seeded in ${SEED_S}s: $ORDER_COUNT orders, $LINE_COUNT lines"
# The bulk load left about a gigabyte of dirty pages; written now, not by the checkpointer while
# the start-ups below are timed.
psql -d "$BENCH_DB" -qc "CHECKPOINT"

stop_pid "$APP_PID"
log "restarting Orderly on the seeded database with plain java -jar (start-up without the AOT cache)"
start_app app-plain-start
PLAIN_READY_MS=$READY_MS
PLAIN_SPRING=$SPRING_STARTED
stop_pid "$APP_PID"
if [[ "$BENCH_MODE" == soak ]]; then soak_app_args; fi
prepare_launch "$APP_JAR" app
log "restarting Orderly on the seeded database as documented (this start-up is the one reported)"
start_app app
APP_READY_MS=$READY_MS
APP_SPRING=$SPRING_STARTED
APP_RSS_IDLE_KB=$(mem_kb "$APP_PID" VmRSS)

probe_email=$(head -1 "$DATA_DIR/users.csv")
status=$(curl -s -o "$RUN_DIR/login-probe.json" -w '%{http_code}' -X POST "http://127.0.0.1:$APP_PORT/api/v1/auth/login" \
  -H 'Content-Type: application/json' -d "{\"email\":\"$probe_email\",\"password\":\"$BENCH_PASSWORD\"}")
[[ "$status" == 200 ]] || { cat "$RUN_DIR/login-probe.json"; die "a seeded user cannot log in ($status): has the users schema changed? see benchmark/sql/seed.sql"; }

# ---------------------------------------------------------------------------- soak (BENCH_MODE=soak)
if [[ "$BENCH_MODE" == soak ]]; then
  run_soak
  exit 0
fi

# ---------------------------------------------------------------------------- Orderly under load
: >"$RUN_DIR/figures.tsv"
: >"$RUN_DIR/warm-up.txt"
: >"$RUN_DIR/jit-share.tsv"
: >"$RUN_DIR/app-rss.txt"
warm_up "$APP_PID" OrderlySimulation warmup "http://127.0.0.1:$APP_PORT"
APP_WARMUP_ROUNDS=$WARMUP_ROUNDS
start_sampler "$APP_PID" "$RUN_DIR/app-rss.txt"
for scenario in $BENCH_SCENARIOS; do
  run_gatling "$scenario" OrderlySimulation "$scenario" "http://127.0.0.1:$APP_PORT" "$BENCH_DURATION"
done
NOTIFICATIONS=$(psql -d "$BENCH_DB" -Atqc "SELECT string_agg(channel || ' ' || status || ': ' || n, ', ' ORDER BY channel, status) FROM (SELECT channel, status, count(*) n FROM notifications.notifications GROUP BY 1, 2) s" 2>/dev/null || echo "n/a")
EMAIL_RATE=$(psql -d "$BENCH_DB" -Atqc "SELECT count(*) || ' emails sent over SMTP, ' || coalesce(round(count(*) / nullif(extract(epoch FROM max(sent_at) - min(sent_at)), 0), 1)::text, '?') || '/s between the first and the last' FROM notifications.notifications WHERE channel = 'EMAIL' AND status = 'SENT'" 2>/dev/null || echo "n/a")
PUBLICATIONS=$(psql -d "$BENCH_DB" -Atqc "SELECT count(*) || ' total, ' || count(*) FILTER (WHERE completion_date IS NULL) || ' incomplete' FROM event_publication" 2>/dev/null || echo "n/a")
MAIN_PID=$APP_PID

log "EXPLAIN (ANALYZE, BUFFERS): first page vs deep page"
psql -d "$BENCH_DB" -f "$BENCH/sql/explain.sql" >"$RUN_DIR/explain.txt" 2>&1 || { cat "$RUN_DIR/explain.txt"; die "EXPLAIN failed"; }

# ---------------------------------------------------------------------------- baseline 1: bare Spring MVC
# The bare app starts the way Orderly does (ADR 0040): extracted, from an AOT cache of its own training
# run (with the JVM's defaults, as it always ran), so that the start-up ratio compares like with like.
BASELINE_LAUNCH=(-jar "$BASELINE_JAR")
if [[ "$BENCH_AOT_CACHE" == 1 && "$(java_major "$JAVA_HOME")" -ge 25 ]]; then
  bare_dir="$RUN_DIR/extracted-baseline"
  "$JAVA" -Djarmode=tools -jar "$BASELINE_JAR" extract --destination "$bare_dir" >"$RUN_DIR/extract-baseline.log" 2>&1 \
    || { tail -20 "$RUN_DIR/extract-baseline.log"; die "extracting the baseline jar failed"; }
  log "training run for the AOT cache of the bare app"
  "$JAVA" -XX:AOTCacheOutput="$bare_dir/app.aot" -Dspring.context.exit=onRefresh -jar "$bare_dir/$(basename "$BASELINE_JAR")" \
    --server.port="$BASELINE_PORT" >"$RUN_DIR/aot-training-baseline.log" 2>&1 \
    || { tail -40 "$RUN_DIR/aot-training-baseline.log"; die "the AOT training run of the bare app failed"; }
  [[ -f "$bare_dir/app.aot" ]] || die "the AOT training run of the bare app wrote no cache"
  BASELINE_LAUNCH=(-XX:AOTCache="$bare_dir/app.aot" -jar "$bare_dir/$(basename "$BASELINE_JAR")")
fi
# Orderly keeps sending the emails of the orders placed above for a minute or more; not while the
# bare app is measured.
drain_backlog
BASELINE_DRAIN_S=$DRAIN_S
wait_quiet
log "baseline: bare Spring MVC + JdbcTemplate, the same work by hand, same database, same load"
start_java baseline "http://127.0.0.1:$BASELINE_PORT/orders/$(head -1 "$DATA_DIR/order-ids.csv")" \
  "${BASELINE_LAUNCH[@]}" --server.port="$BASELINE_PORT"
BASELINE_PID=$STARTED_PID
BASELINE_READY_MS=$READY_MS
BASELINE_SPRING=$SPRING_STARTED
: >"$RUN_DIR/baseline-rss.txt"
warm_up "$BASELINE_PID" BaselineSimulation bare-warmup "http://127.0.0.1:$BASELINE_PORT"
start_sampler "$BASELINE_PID" "$RUN_DIR/baseline-rss.txt"
run_gatling "baseline: GET /orders/{id}" BaselineSimulation baseline "http://127.0.0.1:$BASELINE_PORT" "$BENCH_DURATION"

# ---------------------------------------------------------------------------- alternating pairs
# This machine's speed drifts by up to ±30 % within minutes (docs/performance.md), so a ratio of two
# rows measured minutes apart measures the drift as much as the code. The ratios issues 10 and 29 set
# targets on — get-order, list-first, create-order and login ÷ their bare counterparts, rate limiting
# on ÷ off — come from runs side by side, alternating, with Gatling and with wrk (ADR 0026, ADR 0040;
# benchmark/lib/pairs.sh): Orderly as above, the bare app, and for get-order a second Orderly with
# rate limiting the other way on OTHER_PORT, warmed up the same way.
RATE_LIMIT_OTHER=""
PAIR_ROUNDS=0
OTHER_PID=""
if (( BENCH_PAIRS > 0 )) && [[ -n "$BENCH_PAIR_SCENARIOS" ]]; then
  if [[ " $BENCH_PAIR_SCENARIOS " == *" get-order "* ]]; then
    RATE_LIMIT_OTHER=$([[ "$RATE_LIMIT_MODE" == on ]] && echo off || echo on)
    log "a second Orderly with rate limiting $RATE_LIMIT_OTHER on port $OTHER_PORT, for the alternating pairs"
    rate_limit_args "$RATE_LIMIT_OTHER"
    start_app "app-rate-limit-$RATE_LIMIT_OTHER" "$APP_JAR" "$OTHER_PORT"
    OTHER_PID=$APP_PID
    rate_limit_args "$RATE_LIMIT_MODE"
    LOG_PREFIX="rate-limit-$RATE_LIMIT_OTHER-" warm_up "$OTHER_PID" OrderlySimulation warmup "http://127.0.0.1:$OTHER_PORT"
  fi
  run_pairs
  PAIR_ROUNDS=$BENCH_PAIRS
  [[ -z "$OTHER_PID" ]] || stop_pid "$OTHER_PID"
fi
BASELINE_PEAK_RSS_KB=$(max_of "$RUN_DIR/baseline-rss.txt")
BASELINE_HWM_KB=$(mem_kb "$BASELINE_PID" VmHWM)
stop_pid "$BASELINE_PID"
APP_PEAK_RSS_KB=$(max_of "$RUN_DIR/app-rss.txt")
APP_HWM_KB=$(mem_kb "$MAIN_PID" VmHWM)
stop_pid "$MAIN_PID"

# ---------------------------------------------------------------------------- tracing on ÷ off
# Each of BENCH_TRACING_SCENARIOS once with tracing off (no tracer at all) and once with tracing on
# (spans for a sampled share of requests, BENCH_TRACING_SAMPLING, trace ids in every log line), each
# on a fresh start after the same warm-up: the overhead of tracing, same machine, same run.
TRACING_PAIR_SCENARIOS=""
if [[ "${BENCH_TRACING_PAIR:-0}" == 1 ]]; then
  TRACING_PAIR_SCENARIOS="${BENCH_TRACING_SCENARIOS:-get-order create-order}"
  for mode in ${BENCH_TRACING_ORDER:-off on}; do
    log "tracing $mode (sampling ${BENCH_TRACING_SAMPLING:-0.1} when on): $TRACING_PAIR_SCENARIOS on a fresh start"
    tracing_args "$mode"
    start_app "app-tracing-$mode"
    LOG_PREFIX="tracing-$mode-" warm_up "$APP_PID" OrderlySimulation warmup "http://127.0.0.1:$APP_PORT"
    for scenario in $TRACING_PAIR_SCENARIOS; do
      LOG_PREFIX="tracing-$mode-" run_gatling "$scenario (tracing $mode)" \
        OrderlySimulation "$scenario" "http://127.0.0.1:$APP_PORT" "$BENCH_DURATION"
    done
    stop_pid "$APP_PID"
  done
  tracing_args default
fi

# ---------------------------------------------------------------------------- business-event log on ÷ off
# Issue 28: logging every business and security event must not cost get-order or create-order more than
# 3 %. Each of BENCH_EVENT_LOG_SCENARIOS on fresh starts with the event lines on (the default) and off
# (every class that logs one, found by its fluent .setMessage(…) call, at WARN through
# SPRING_APPLICATION_JSON, which keeps the loggers' case), in the order BENCH_EVENT_LOG_ORDER ("off on on
# off": each mode early and late, so that the machine's drift cancels), each after the same warm-up: on ÷
# off is the geometric mean of the on runs' req/s over that of the off runs, same machine, same run.
EVENT_LOG_PAIR_SCENARIOS=""
if [[ "${BENCH_EVENT_LOG_PAIR:-0}" == 1 ]]; then
  EVENT_LOG_PAIR_SCENARIOS="${BENCH_EVENT_LOG_SCENARIOS:-get-order create-order}"
  EVENT_LOGGERS_OFF=$(grep -rl --include='*.java' '\.setMessage(' "$ROOT"/modules/*/src/main/java "$ROOT/app/src/main/java" \
    | sed -E 's|.*/src/main/java/||; s|\.java$||; s|/|.|g' | sort \
    | awk 'BEGIN { printf "{" } { printf "%s\"logging.level.%s\":\"WARN\"", (NR > 1 ? "," : ""), $0 } END { printf "}" }')
  event_run=0
  for mode in ${BENCH_EVENT_LOG_ORDER:-off on on off}; do
    event_run=$(( event_run + 1 ))
    log "business-event log $mode (run $event_run): $EVENT_LOG_PAIR_SCENARIOS on a fresh start"
    if [[ "$mode" == off ]]; then
      SPRING_APPLICATION_JSON="$EVENT_LOGGERS_OFF" start_app "app-event-log-$event_run-$mode"
    else
      start_app "app-event-log-$event_run-$mode"
    fi
    LOG_PREFIX="event-log-$event_run-$mode-" warm_up "$APP_PID" OrderlySimulation warmup "http://127.0.0.1:$APP_PORT"
    for scenario in $EVENT_LOG_PAIR_SCENARIOS; do
      LOG_PREFIX="event-log-$event_run-$mode-" run_gatling "$scenario (event log $mode, run $event_run)" \
        OrderlySimulation "$scenario" "http://127.0.0.1:$APP_PORT" "$BENCH_DURATION"
    done
    drain_backlog # the emails of create-order (and their email.sent lines) are this run's, not the next one's
    stop_pid "$APP_PID"
  done
fi

# ---------------------------------------------------------------------------- the comparison build
if [[ -n "$COMPARE_JAR" ]]; then
  # The comparison build gets a fresh database that its own Flyway migrations create (so it may be
  # a build with fewer or other migrations), seeded by the same script with the same parameters and
  # password hash: the seed is deterministic, so ids, users and the feeder files are the same.
  log "comparison: $COMPARE_LABEL on a fresh database migrated by its own build, seeded identically; same warm-up and scenarios"
  dropdb "$BENCH_DB"
  createdb "$BENCH_DB"
  start_app app-compare-first-start "$COMPARE_JAR"
  stop_pid "$APP_PID"
  psql -d "$BENCH_DB" -q -v hash="$HASH" -v users="$SEED_USERS" -v orders="$SEED_ORDERS" -v products="$SEED_PRODUCTS" \
    -f "$BENCH/sql/seed.sql" >"$RUN_DIR/compare-seed.log" 2>&1 \
    || { tail -20 "$RUN_DIR/compare-seed.log"; die "seeding the comparison build's database failed (its schema differs too much from what benchmark/sql/seed.sql expects)"; }
  prepare_launch "$COMPARE_JAR" compare
  start_app app-compare "$COMPARE_JAR"
  COMPARE_READY_MS=$READY_MS
  COMPARE_SPRING=$SPRING_STARTED
  COMPARE_RSS_IDLE_KB=$(mem_kb "$APP_PID" VmRSS)
  : >"$RUN_DIR/compare-figures.tsv"
  : >"$RUN_DIR/compare-rss.txt"
  FIGURES="$RUN_DIR/compare-figures.tsv" LOG_PREFIX=compare- \
    warm_up "$APP_PID" OrderlySimulation warmup "http://127.0.0.1:$APP_PORT"
  start_sampler "$APP_PID" "$RUN_DIR/compare-rss.txt"
  for scenario in $BENCH_SCENARIOS; do
    FIGURES="$RUN_DIR/compare-figures.tsv" LOG_PREFIX=compare- \
      run_gatling "$scenario" OrderlySimulation "$scenario" "http://127.0.0.1:$APP_PORT" "$BENCH_DURATION"
  done
  COMPARE_PEAK_RSS_KB=$(max_of "$RUN_DIR/compare-rss.txt")
  COMPARE_HWM_KB=$(mem_kb "$APP_PID" VmHWM)
  stop_pid "$APP_PID"
fi

if [[ "${BENCH_KEEP_DB:-0}" != 1 ]]; then dropdb --if-exists "$BENCH_DB"; fi

# ---------------------------------------------------------------------------- baseline 2: pgbench
PGB_CLIENTS="$POOL_SIZE"
PGB_SECONDS="${PGBENCH_DURATION:-20}"
log "baseline: pgbench on a separate database ($PGBENCH_DB, scale 10, $PGB_CLIENTS clients = the app's pool)"
dropdb --if-exists "$PGBENCH_DB"
createdb "$PGBENCH_DB"
pgbench -i -q -s 10 "$PGBENCH_DB" >"$RUN_DIR/pgbench-init.log" 2>&1 || { cat "$RUN_DIR/pgbench-init.log"; die "pgbench -i failed"; }
psql -d "$PGBENCH_DB" -qc "CREATE TABLE bench_orders (id bigserial PRIMARY KEY, user_id int NOT NULL, total bigint NOT NULL, created_at timestamptz NOT NULL)"

# pgbench_run LABEL ARGS... : tps and latency percentiles (from the per-transaction log).
pgbench_run() {
  local label="$1"; shift
  local dir="$RUN_DIR/pgbench-$(echo "$label" | tr -c 'a-z0-9' '-')"
  mkdir -p "$dir"
  (cd "$dir" && pgbench -n -c "$PGB_CLIENTS" -j 2 -T "$PGB_SECONDS" -l "$@" "$PGBENCH_DB" >summary.txt 2>&1) \
    || { cat "$dir/summary.txt"; die "pgbench $label failed"; }
  local tps count
  tps=$(awk -F'= ' '/^tps = / {split($2, a, " "); print a[1]; exit}' "$dir/summary.txt")
  count=$(awk -F': ' '/number of transactions actually processed/ {split($2, a, "/"); print a[1]}' "$dir/summary.txt")
  # Log line: client_id transaction_no latency_us script_no epoch epoch_us
  cat "$dir"/pgbench_log.* | awk '{print $3}' | sort -n >"$dir/latencies.txt"
  local n; n=$(wc -l <"$dir/latencies.txt")
  pct() { awk -v n="$n" -v p="$1" 'NR == int(n * p + 0.999) {printf "%.2f", $1 / 1000; exit}' "$dir/latencies.txt"; }
  printf '%s\t%s\t%.1f\t%s\t%s\t%s\t%s\t%s\n' "$label" "$count" "$tps" "$(pct 0.50)" "$(pct 0.95)" "$(pct 0.99)" \
    "$(tail -1 "$dir/latencies.txt" | awk '{printf "%.2f", $1 / 1000}')" \
    "$(awk -F': ' '/number of failed transactions/ {split($2, a, " "); print a[1]}' "$dir/summary.txt")" >>"$RUN_DIR/figures.tsv"
  rm -f "$dir"/pgbench_log.*
  tail -1 "$RUN_DIR/figures.tsv" >&2
}
pgbench_run "pgbench -S (select by primary key)" -S
pgbench_run "pgbench insert (1 row per commit)" -f "$BENCH/sql/pgbench-insert.sql"
dropdb --if-exists "$PGBENCH_DB"

# ---------------------------------------------------------------------------- summary
fig() { awk -F'\t' -v l="$1" -v c="$2" '$1 == l {print $c}' "${3:-$RUN_DIR/figures.tsv}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
# event_log_ratio SCENARIO COLUMN : geometric mean of the "on" runs' COLUMN over that of the "off" runs
#   (rows "SCENARIO (event log MODE, run N)"), then each run's figure
event_log_ratio() {
  awk -F'\t' -v s="$1 (event log " -v c="$2" '
    index($1, s) == 1 && $c > 0 {
      mode = (substr($1, length(s) + 1, 3) == "on,") ? "on" : "off"
      if (mode == "on") { lon += log($c); non++ } else { loff += log($c); noff++ }
      each = each (each == "" ? "" : ", ") mode " " $c
    }
    END { if (non == 0 || noff == 0) print "n/a"; else printf "%.3f (%s)\n", exp(lon / non - loff / noff), each }' "$RUN_DIR/figures.tsv"
}

{
  echo "# Orderly benchmark — $STAMP"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB;"
  echo "$("$JAVA" -version 2>&1 | head -1); $(psql -d postgres -Atqc 'SHOW server_version' | cut -d' ' -f1) PostgreSQL."
  echo "Load generator (Gatling), app and PostgreSQL share the same cores. Load average before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Closed model: $BENCH_USERS virtual users per scenario, ${BENCH_DURATION}s each after a warm-up in rounds of ${BENCH_WARMUP}s until the JIT compiler used"
  echo "at most ${BENCH_JIT_SETTLED} % of the process's CPU in a round (at most ${BENCH_WARMUP_ROUNDS} rounds; Orderly took ${APP_WARMUP_ROUNDS});"
  echo "Hikari pool $POOL_SIZE; data: $ORDER_COUNT orders, $LINE_COUNT order lines, $SEED_USERS users, $SEED_PRODUCTS products (seeded in ${SEED_S}s)."
  echo
  echo "| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$RUN_DIR/figures.tsv"
  echo
  echo "req/s = requests completed ÷ scenario duration. Gatling reports whole milliseconds; pgbench rows"
  echo "are from its per-transaction log (ms, 2 decimals) with $PGB_CLIENTS clients for ${PGB_SECONDS}s."
  echo
  echo "| ratio | value |"
  echo "|---|---:|"
  echo "| Orderly GET /orders/{id} req/s ÷ bare Spring MVC req/s | $(ratio "$(fig get-order 3)" "$(fig 'baseline: GET /orders/{id}' 3)") |"
  echo "| Orderly GET /orders/{id} p50 ÷ bare Spring MVC p50 | $(ratio "$(fig get-order 4)" "$(fig 'baseline: GET /orders/{id}' 4)") |"
  echo "| Orderly GET /orders/{id} p99 ÷ bare Spring MVC p99 | $(ratio "$(fig get-order 6)" "$(fig 'baseline: GET /orders/{id}' 6)") |"
  echo "| Orderly GET /orders/{id} req/s ÷ pgbench -S tps | $(ratio "$(fig get-order 3)" "$(fig 'pgbench -S (select by primary key)' 3)") |"
  echo "| Orderly POST /orders req/s ÷ pgbench insert tps | $(ratio "$(fig create-order 3)" "$(fig 'pgbench insert (1 row per commit)' 3)") |"
  echo "| deep page p50 ÷ first page p50 | $(ratio "$(fig list-deep 4)" "$(fig list-first 4)") |"
  echo "| Orderly start-up ÷ bare Spring MVC start-up (to ready, both as documented; target ≤ 1.2) | $(ratio "$APP_READY_MS" "$BASELINE_READY_MS") |"
  echo "| Orderly peak RSS ÷ bare Spring MVC peak RSS | $(ratio "$APP_PEAK_RSS_KB" "$BASELINE_PEAK_RSS_KB") |"
  for scenario in $TRACING_PAIR_SCENARIOS; do
    echo "| $scenario req/s, tracing on (sampling ${BENCH_TRACING_SAMPLING:-0.1}) ÷ off | $(ratio "$(fig "$scenario (tracing on)" 3)" "$(fig "$scenario (tracing off)" 3)") |"
    echo "| $scenario p50, tracing on ÷ off | $(ratio "$(fig "$scenario (tracing on)" 4)" "$(fig "$scenario (tracing off)" 4)") |"
    echo "| $scenario p99, tracing on ÷ off | $(ratio "$(fig "$scenario (tracing on)" 6)" "$(fig "$scenario (tracing off)" 6)") |"
  done
  for scenario in $EVENT_LOG_PAIR_SCENARIOS; do
    echo "| $scenario req/s, business-event log on ÷ off (runs: ${BENCH_EVENT_LOG_ORDER:-off on on off}) | $(event_log_ratio "$scenario" 3) |"
    echo "| $scenario p50, business-event log on ÷ off | $(event_log_ratio "$scenario" 4) |"
  done
  echo
  echo "| start-up and memory | Orderly | bare Spring MVC |"
  echo "|---|---:|---:|"
  echo "| start → readiness UP, seeded database, as documented ($( [[ -n "${JAR_LAUNCH[$APP_JAR]:-}" && "${JAR_LAUNCH[$APP_JAR]}" == *AOTCache* ]] && echo 'both from their AOT caches' || echo 'java -jar')) | ${APP_READY_MS} ms | ${BASELINE_READY_MS} ms |"
  echo "| Spring \"Started … in\" | ${APP_SPRING:-?} s | ${BASELINE_SPRING:-?} s |"
  echo "| plain java -jar → readiness UP, seeded database | ${PLAIN_READY_MS} ms (Spring: ${PLAIN_SPRING:-?} s) | |"
  echo "| first start, empty database (incl. Flyway migrations) | ${FIRST_READY_MS} ms (Spring: ${FIRST_SPRING:-?} s) | |"
  echo "| RSS when ready (idle) | $(mib "$APP_RSS_IDLE_KB") MiB | |"
  echo "| peak RSS under load (VmRSS sampled every 0.5 s) | $(mib "$APP_PEAK_RSS_KB") MiB | $(mib "$BASELINE_PEAK_RSS_KB") MiB |"
  echo "| VmHWM (process high-water mark) | $(mib "$APP_HWM_KB") MiB | $(mib "$BASELINE_HWM_KB") MiB |"
  echo
  echo "JVM options for the app: ${APP_JVM_OPTS:-(JVM defaults)}; rate limiting: $RATE_LIMIT_MODE${RATE_LIMIT_OTHER:+ (and $RATE_LIMIT_OTHER in the second Orderly of the alternating pairs, warmed up the same way; each run of the pairs after the backlog drained)}; Orderly's email backlog drained in ${BASELINE_DRAIN_S}s before the bare app was measured."
  echo "Outbox after the run: event_publication $PUBLICATIONS; notifications: $NOTIFICATIONS."
  echo "Email delivery: $EMAIL_RATE."
  echo
  echo "Warm-up (each started process): $(paste -sd ';' "$RUN_DIR/warm-up.txt" | sed 's/;/; /g')."
  echo "The JIT compiler's share of the process's CPU during each measured scenario: $(awk -F'\t' '{printf "%s%s %s %%", (NR > 1 ? ", " : ""), $1, $2}' "$RUN_DIR/jit-share.tsv")."
  echo
  pairs_summary
  if [[ -n "$COMPARE_JAR" ]]; then
    cmp="$RUN_DIR/compare-figures.tsv"
    echo "## Compared with $COMPARE_LABEL"
    echo
    echo "Measured in this run right after the current build: a database its own migrations created, seeded identically, the same"
    echo "warm-up and scenarios, the same JVM options and rate-limit setting. Its own figures:"
    echo
    echo "| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$cmp"
    echo
    echo "Ratio = current ÷ $COMPARE_LABEL: above 1 means more requests per second, or longer latencies."
    echo
    echo "| scenario | req/s | req/s ratio | p50 ms | p50 ratio | p99 ms | p99 ratio | errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    for scenario in $BENCH_SCENARIOS; do
      echo "| $scenario | $(fig "$scenario" 3) vs $(fig "$scenario" 3 "$cmp") | $(ratio "$(fig "$scenario" 3)" "$(fig "$scenario" 3 "$cmp")") | $(fig "$scenario" 4) vs $(fig "$scenario" 4 "$cmp") | $(ratio "$(fig "$scenario" 4)" "$(fig "$scenario" 4 "$cmp")") | $(fig "$scenario" 6) vs $(fig "$scenario" 6 "$cmp") | $(ratio "$(fig "$scenario" 6)" "$(fig "$scenario" 6 "$cmp")") | $(fig "$scenario" 8) vs $(fig "$scenario" 8 "$cmp") |"
    done
    echo
    echo "| start-up and memory | current | $COMPARE_LABEL | ratio |"
    echo "|---|---:|---:|---:|"
    echo "| java -jar → readiness UP, seeded database | ${APP_READY_MS} ms | ${COMPARE_READY_MS} ms | $(ratio "$APP_READY_MS" "$COMPARE_READY_MS") |"
    echo "| RSS when ready (idle) | $(mib "$APP_RSS_IDLE_KB") MiB | $(mib "$COMPARE_RSS_IDLE_KB") MiB | $(ratio "$APP_RSS_IDLE_KB" "$COMPARE_RSS_IDLE_KB") |"
    echo "| peak RSS under load | $(mib "$APP_PEAK_RSS_KB") MiB | $(mib "$COMPARE_PEAK_RSS_KB") MiB | $(ratio "$APP_PEAK_RSS_KB" "$COMPARE_PEAK_RSS_KB") |"
    echo "| VmHWM | $(mib "$APP_HWM_KB") MiB | $(mib "$COMPARE_HWM_KB") MiB | $(ratio "$APP_HWM_KB" "$COMPARE_HWM_KB") |"
    echo
  fi
  echo "## EXPLAIN (ANALYZE, BUFFERS): first page vs deep page"
  echo
  echo '```'
  grep -E '^###|Limit|Scan|Index Cond|Sort|Buffers|Execution Time' "$RUN_DIR/explain.txt"
  echo '```'
  echo
  echo "Logs, full EXPLAIN output and Gatling HTML reports: benchmark/results/$STAMP/"
} >"$REPORT"

# What one placed order costs PostgreSQL, step by step (ADR 0041): counts, not timings, so they hold on a
# loaded machine too. BENCH_ORDER_COST=0 skips it; its own database, ports and processes.
if [[ "${BENCH_ORDER_COST:-1}" == 1 ]]; then
  log "per-order statements, round trips and commits (benchmark/order-cost.sh)"
  { echo; echo "## What one order costs PostgreSQL (benchmark/order-cost.sh)"; echo
    SKIP_BUILD=1 COST_JAR="$APP_JAR" COST_OUT="$RUN_DIR/order-cost" "$BENCH/order-cost.sh" 2>"$RUN_DIR/order-cost.log" \
      || echo "order-cost.sh failed: see $RUN_DIR/order-cost.log"; } >>"$REPORT"
fi

log "done"
cat "$REPORT"
echo
echo "Written to $REPORT"
