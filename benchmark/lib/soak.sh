# shellcheck shell=bash
# The soak (BENCH_MODE=soak), sourced by benchmark/run.sh, which defines what it uses (start_app,
# warm_up, run_gatling, drain_backlog, wait_quiet, mem_kb, fig, ...). See docs/performance.md, "Soak".
#
# Orderly, started as documented, warms up, runs the mixed scenario closed-model for BENCH_DURATION
# to find its maximum (or takes BENCH_SOAK_RATE), then runs the same mix throttled to half that rate
# for BENCH_SOAK_MINUTES with the email dispatcher (SMTP sink) and the retention jobs running (every
# BENCH_SOAK_RETENTION_INTERVAL, deleting what is older than BENCH_SOAK_RETENTION_AGE). Per window of
# BENCH_SOAK_WINDOW seconds (a sixth of the soak: 5 minutes of 30): requests, errors, p50/p99 (from
# the simulation, Windows.java), peak RSS (VmRSS every 5 s), heap after GC (the JVM's GC log), database
# growth per 1,000 orders. At the end, after the backlog drained: errors, incomplete publications,
# pending emails; and the drift of RSS and p99 between the second and the last window.

SOAK_SECONDS=$(( BENCH_SOAK_MINUTES * 60 ))
# soak_fig LABEL COLUMN : a column of a row of figures.tsv
soak_fig() { awk -F'\t' -v l="$1" -v c="$2" '$1 == l {print $c}' "$RUN_DIR/figures.tsv"; }
SOAK_WINDOW="${BENCH_SOAK_WINDOW:-$(( SOAK_SECONDS / 6 ))}"
(( SOAK_WINDOW >= 5 )) || SOAK_WINDOW=5

# soak_app_args : the JVM and application arguments of the soak's Orderly (set before it starts).
soak_app_args() {
  local interval="${BENCH_SOAK_RETENTION_INTERVAL:-1m}" age="${BENCH_SOAK_RETENTION_AGE:-5m}"
  EXTRA_JVM_OPTS="-Xlog:gc:file=$RUN_DIR/soak-gc.log:timemillis"
  EXTRA_APP_ARGS=(--orderly.auth.retention.interval="$interval" --orderly.users.retention.interval="$interval"
    --orderly.notifications.retention.interval="$interval"
    --orderly.notifications.retention.delivered="$age" --orderly.notifications.retention.read="$age"
    --orderly.auth.retention.refresh-tokens="$age")
}

# Samples every 5 s: epoch ms, VmRSS (KiB), database size (bytes), orders placed since SINCE (epoch s).
start_soak_sampler() {
  local pid="$1" file="$2" since="$3"
  (
    while kill -0 "$pid" 2>/dev/null; do
      printf '%s %s %s\n' "$(now_ms)" "$(mem_kb "$pid" VmRSS)" "$(psql -d "$BENCH_DB" -AtqF ' ' -c \
        "SELECT pg_database_size(current_database()), (SELECT count(*) FROM orders.orders WHERE created_at >= to_timestamp($since))" 2>/dev/null || echo '0 0')" >>"$file"
      sleep 5
    done
  ) &
  SOAK_SAMPLER_PID=$!
  STARTED_PIDS+=("$SOAK_SAMPLER_PID")
}

run_soak() {
  local url="http://127.0.0.1:$APP_PORT" max_rps rate since t0 windows="$RUN_DIR/soak-windows.tsv"
  local samples="$RUN_DIR/soak-samples.txt" report="$RESULTS_DIR/$STAMP-soak.md"
  : >"$RUN_DIR/figures.tsv"; : >"$RUN_DIR/warm-up.txt"; : >"$RUN_DIR/jit-share.tsv"; : >"$windows"; : >"$samples"
  warm_up "$APP_PID" OrderlySimulation warmup "$url"
  if [[ -n "${BENCH_SOAK_RATE:-}" ]]; then
    max_rps="not measured (BENCH_SOAK_RATE)"
    rate="$BENCH_SOAK_RATE"
  else
    run_gatling "mixed, maximum (closed model)" OrderlySimulation mixed "$url" "$BENCH_DURATION"
    max_rps=$(soak_fig "mixed, maximum (closed model)" 3)
    rate=$(awk -v m="$max_rps" 'BEGIN { r = int(m / 2 + 0.5); print (r < 1 ? 1 : r) }')
  fi
  drain_backlog
  wait_quiet
  log "soak: mixed at $rate req/s for $BENCH_SOAK_MINUTES min, windows of ${SOAK_WINDOW}s, email dispatcher and retention jobs on"
  since=$(date +%s)
  t0=$(now_ms)
  local db0 orders0
  db0=$(psql -d "$BENCH_DB" -Atqc "SELECT pg_database_size(current_database())")
  start_soak_sampler "$APP_PID" "$samples" "$since"
  BENCH_RATE="$rate" BENCH_WINDOWS_FILE="$windows" BENCH_WINDOW_SECONDS="$SOAK_WINDOW" LOG_SUFFIX=-soak \
    run_gatling "mixed, soak at $rate req/s" OrderlySimulation mixed "$url" "$SOAK_SECONDS"
  local soak_ms=$(( $(now_ms) - t0 ))
  local orders_placed db1
  orders_placed=$(psql -d "$BENCH_DB" -Atqc "SELECT count(*) FROM orders.orders WHERE created_at >= to_timestamp($since)")
  db1=$(psql -d "$BENCH_DB" -Atqc "SELECT pg_database_size(current_database())")
  log "soak over; waiting for the emails and publications it left"
  drain_backlog
  stop_pid "$SOAK_SAMPLER_PID"
  local incomplete pending failed_emails retention_runs errors
  incomplete=$(psql -d "$BENCH_DB" -Atqc "SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
  pending=$(psql -d "$BENCH_DB" -Atqc "SELECT count(*) FROM notifications.notifications WHERE channel = 'EMAIL' AND status IN ('PENDING', 'SENDING')")
  failed_emails=$(psql -d "$BENCH_DB" -Atqc "SELECT count(*) FROM notifications.notifications WHERE channel = 'EMAIL' AND status NOT IN ('PENDING', 'SENDING', 'SENT')")
  retention_runs=$(grep -c 'retention.purged' "$RUN_DIR/app.log" || true)
  errors=$(soak_fig "mixed, soak at $rate req/s" 8)

  # One row per window: the simulation's figures joined with the samples and the GC log by time.
  local table
  table=$(awk -v gclog="$RUN_DIR/soak-gc.log" -v samples="$samples" '
    function mib(kb) { return kb / 1024 }
    BEGIN {
      while ((getline line < samples) > 0) { split(line, f, " "); n++; st[n] = f[1]; rss[n] = f[2]; db[n] = f[3]; ord[n] = f[4] }
      while ((getline line < gclog) > 0) {
        if (match(line, /^\[[0-9]+ms\]/) == 0) continue
        t = substr(line, 2, RLENGTH - 4) + 0
        if (match(line, /->[0-9]+[KMG]\(/) == 0) continue
        v = substr(line, RSTART + 2, RLENGTH - 4) + 0; u = substr(line, RSTART + RLENGTH - 2, 1)
        g++; gt[g] = t; gv[g] = (u == "K" ? v / 1024 : (u == "G" ? v * 1024 : v)); gf[g] = (line ~ /Pause Full/)
      }
    }
    {
      w = $1; from = $2; to = $3; req = $4; err = $5; p50 = $6; p99 = $7; mx = $8
      r = 0; d0 = ""; d1 = ""; o0 = ""; o1 = ""
      for (i = 1; i <= n; i++) if (st[i] >= from && st[i] < to) {
        if (rss[i] > r) r = rss[i]
        if (d0 == "") { d0 = db[i]; o0 = ord[i] }
        d1 = db[i]; o1 = ord[i]
      }
      # The floor of the heap after GC (the lowest "after" of the window: rises with a leak; a young
      # collection that failed to promote reads high) and the full collections.
      h = ""; full = 0
      for (i = 1; i <= g; i++) if (gt[i] >= from && gt[i] < to) { if (h == "" || gv[i] < h) h = gv[i]; full += gf[i] }
      h = (h == "" ? "–" : sprintf("%.0f", h))
      growth = (o1 > o0) ? sprintf("%.2f", (d1 - d0) / (o1 - o0) * 1000 / 1048576) : "n/a"
      printf "%d\t%d\t%.1f\t%d\t%.1f\t%d\t%d\t%d\t%d\t%.0f\t%s\t%s\n", w, full, (to - from) / 60000, req, req / ((to - from) / 1000), p50, p99, mx, err, mib(r), h, growth
    }' "$windows")

  # Drift: the last window against the second (the first holds the warm-up of the throttle).
  local rss2 rssN p992 p99N nwin
  nwin=$(wc -l <"$windows")
  rss2=$(echo "$table" | awk -F'\t' 'NR == 2 {print $10}'); rssN=$(echo "$table" | awk -F'\t' 'END {print $10}')
  p992=$(echo "$table" | awk -F'\t' 'NR == 2 {print $7}'); p99N=$(echo "$table" | awk -F'\t' 'END {print $7}')
  drift() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == 0) print "n/a"; else printf "%+.1f %%", 100 * (b - a) / a }'; }
  verdict() { awk -v a="$1" -v b="$2" -v lim="$3" 'BEGIN { if (a == "" || b == "" || a == 0) print "n/a"; else print ((b - a) / a <= lim / 100 ? "yes" : "NO") }'; }
  zero() { [[ "$1" == 0 ]] && echo yes || echo NO; }

  {
    echo "# Orderly soak — $STAMP"
    echo
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB;"
    echo "$("$JAVA" -version 2>&1 | head -1); $(psql -d postgres -Atqc 'SHOW server_version' | cut -d' ' -f1) PostgreSQL."
    echo "Load average before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "Data: $ORDER_COUNT orders, $LINE_COUNT order lines, $SEED_USERS users, $SEED_PRODUCTS products (seeded in ${SEED_S}s)."
    echo "JVM options: ${APP_JVM_OPTS:-(JVM defaults)} $EXTRA_JVM_OPTS; rate limiting: $RATE_LIMIT_MODE; retention jobs every ${BENCH_SOAK_RETENTION_INTERVAL:-1m}, deleting delivered emails, read notices and ended sessions older than ${BENCH_SOAK_RETENTION_AGE:-5m}."
    echo
    echo "Mixed scenario, closed model, $BENCH_USERS users, ${BENCH_DURATION}s: $max_rps req/s (maximum). Soak: the same mix throttled to **$rate req/s** for $BENCH_SOAK_MINUTES min ($(( soak_ms / 1000 ))s with Gatling's start), windows of ${SOAK_WINDOW}s."
    echo
    echo "| window | minutes | requests | req/s | p50 ms | p99 ms | max ms | errors | peak RSS MiB | heap after GC, lowest MiB | full GCs | database growth MiB per 1,000 orders |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    echo "$table" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $2, $12}'
    echo
    echo "Whole soak: $orders_placed orders placed; database $(awk -v a="$db0" -v b="$db1" 'BEGIN { printf "%.1f → %.1f MiB", a / 1048576, b / 1048576 }'),"
    echo "$(awk -v a="$db0" -v b="$db1" -v o="$orders_placed" 'BEGIN { if (o > 0) printf "%.2f MiB per 1,000 orders", (b - a) / o * 1000 / 1048576; else print "n/a per 1,000 orders" }') (order, lines, outbox rows, notifications, idempotency records, sessions; retention deleting meanwhile: $retention_runs \`retention.purged\` log lines)."
    echo
    echo "| check (after the backlog drained, ${DRAIN_S}s) | value | met |"
    echo "|---|---:|:-:|"
    echo "| RSS drift, last window ÷ second window (≤ 10 %) | $(drift "$rss2" "$rssN") | $( (( nwin >= 3 )) && verdict "$rss2" "$rssN" 10 || echo n/a) |"
    echo "| p99 drift, last window ÷ second window (≤ 10 %) | $(drift "$p992" "$p99N") | $( (( nwin >= 3 )) && verdict "$p992" "$p99N" 10 || echo n/a) |"
    echo "| errors (Gatling KO during the soak) | ${errors:-?} | $(zero "${errors:-x}") |"
    echo "| incomplete event publications | $incomplete | $(zero "$incomplete") |"
    echo "| pending emails (PENDING or SENDING) | $pending | $(zero "$pending") |"
    echo "| emails given up (neither pending nor sent) | $failed_emails | $(zero "$failed_emails") |"
    echo "| peak RSS of the whole soak (≤ 512 MiB) | $(awk '{ if ($2 > m) m = $2 } END { printf "%.0f MiB", m / 1024 }' "$samples") | $(awk '{ if ($2 > m) m = $2 } END { print (m <= 512 * 1024 ? "yes" : "NO") }' "$samples") |"
    echo
    echo "Per window: p50/p99/max of the successful measured requests (exact, a count per millisecond); peak RSS from VmRSS every 5 s;"
    echo "heap after GC: the lowest \"after\" figure of the window's collections in the JVM's GC log (soak-gc.log; \"–\": none in the window), the floor a leak would raise; database growth:"
    echo "pg_database_size over the orders placed, between the window's first and last samples (PostgreSQL grows files in steps, so a window may read 0)."
    echo "Logs, samples and Gatling's report: benchmark/results/$STAMP/"
  } >"$report"
  log "soak done"
  cat "$report"
  echo
  echo "Written to $report"
}
