# shellcheck shell=bash
# The alternating pairs (ADR 0026, ADR 0040), sourced by benchmark/run.sh, which defines what they
# use (run_gatling, drain_backlog, wait_quiet, die, log, ...). See docs/performance.md.
#
# Each of BENCH_PAIR_SCENARIOS runs against Orderly ("main") and its bare counterpart ("bare"),
# get-order also against a second Orderly with rate limiting the other way ("other"), side by side
# in one run: BENCH_PAIRS rounds, in the order A B (C) in odd rounds and the reverse in even ones,
# each run once the backlog of emails and publications is worked off and the machine is quiet.
# Every run with Gatling, then (BENCH_WRK=1) with wrk in the reverse order. Round 0 (get-order
# only, Gatling only) is not measured: the second Orderly has not served get-order alone yet.
# Rows go to pairs.tsv (Gatling) and wrk-pairs.tsv (wrk), labelled "<scenario> r<round> <who>".

# pair_target SCENARIO WHO : "simulation|gatling scenario|wrk case|port|pid"
pair_target() {
  local scenario="$1" who="$2" bare_scenario="bare-$1"
  [[ "$scenario" == get-order ]] && bare_scenario=baseline
  case "$who" in
    main) echo "OrderlySimulation|$scenario|orderly-$scenario|$APP_PORT|$MAIN_PID" ;;
    other) echo "OrderlySimulation|$scenario|orderly-$scenario|$OTHER_PORT|$OTHER_PID" ;;
    bare) echo "BaselineSimulation|$bare_scenario|bare-$scenario|$BASELINE_PORT|$BASELINE_PID" ;;
  esac
}

# pair_members SCENARIO : who takes part in the pairs of SCENARIO
pair_members() {
  if [[ "$1" == get-order && -n "${OTHER_PID:-}" ]]; then echo "main other bare"; else echo "main bare"; fi
}

# login_tokens PORT FILE EMAIL_FILE COUNT : logs COUNT users of EMAIL_FILE in at Orderly on PORT,
#   writes "email<TAB>access token" lines to FILE.
login_tokens() {
  local port="$1" file="$2" emails="$3" count="$4" email body token
  : >"$file"
  while read -r email; do
    body=$(curl -s --max-time 10 -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
      -d "{\"email\":\"$email\",\"password\":\"$BENCH_PASSWORD\"}")
    token=$(printf '%s' "$body" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
    [[ -n "$token" ]] || die "wrk set-up: $email cannot log in at port $port"
    printf '%s\t%s\n' "$email" "$token" >>"$file"
  done < <(head -n "$count" "$DATA_DIR/$emails")
}

# wrk_setup CASE PORT : the token files the wrk case needs, fresh (access tokens live 15 minutes).
wrk_setup() {
  local case="$1" port="$2"
  case "$case" in
    orderly-get-order)
      login_tokens "$port" "$DATA_DIR/wrk-user-logins.tsv" users.csv "$BENCH_USERS"
      # Each user's newest 100 orders, as Gatling's get-order reads them (GET /orders?limit=100).
      psql -d "$BENCH_DB" -AtqF $'\t' -c "
        SELECT u.email, o.id FROM users.users u
        CROSS JOIN LATERAL (SELECT id FROM orders.orders WHERE user_id = u.id AND deleted_at IS NULL
                            ORDER BY created_at DESC, id DESC LIMIT 100) o
        WHERE u.email = ANY (string_to_array('$(cut -f1 "$DATA_DIR/wrk-user-logins.tsv" | paste -sd,)', ','))" \
        >"$RUN_DIR/wrk-own-order-ids.tsv" || die "wrk set-up: reading the users' order ids failed"
      awk -F'\t' 'NR == FNR { token[$1] = $2; next } { print token[$1] "\t" $2 }' \
        "$DATA_DIR/wrk-user-logins.tsv" "$RUN_DIR/wrk-own-order-ids.tsv" >"$DATA_DIR/wrk-own-orders.tsv" ;;
    orderly-list-first)
      login_tokens "$port" "$DATA_DIR/wrk-admin-logins.tsv" admins.csv "$BENCH_USERS"
      cut -f2 "$DATA_DIR/wrk-admin-logins.tsv" >"$DATA_DIR/wrk-admin-tokens.txt" ;;
    orderly-create-order)
      login_tokens "$port" "$DATA_DIR/wrk-user-logins.tsv" users.csv "$BENCH_USERS"
      cut -f2 "$DATA_DIR/wrk-user-logins.tsv" >"$DATA_DIR/wrk-user-tokens.txt" ;;
  esac
}

# run_wrk LABEL CASE PORT DURATION : one wrk run (BENCH_USERS connections, BENCH_WRK_THREADS threads),
#   one row (label, requests, rps, p50, p95, p99, max, errors; ms with 2 decimals) appended to
#   $FIGURES (default $RUN_DIR/wrk-pairs.tsv). Its output: $RUN_DIR/wrk-<label>.log.
run_wrk() {
  local label="$1" case="$2" port="$3" duration="$4" figures="${FIGURES:-$RUN_DIR/wrk-pairs.tsv}"
  local out="$RUN_DIR/wrk-$(echo "$label" | tr -c 'a-z0-9\n' '-').log"
  log "wrk: $case ($BENCH_USERS connections, ${duration}s) against port $port"
  WRK_CASE="$case" BENCH_DATA_DIR="$DATA_DIR" BENCH_PASSWORD="$BENCH_PASSWORD" \
    wrk -t "$BENCH_WRK_THREADS" -c "$BENCH_USERS" -d "${duration}s" --timeout 10s --latency \
      -s "$BENCH/wrk/bench.lua" "http://127.0.0.1:$port" >"$out" 2>&1 \
    || { tail -20 "$out"; die "wrk run $label failed (log: $out)"; }
  grep -q '^WRK_RESULT ' "$out" || { tail -20 "$out"; die "wrk run $label printed no result (log: $out)"; }
  awk -v label="$label" '/^WRK_RESULT / {
      printf "%s\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\n", label, $2, $2 / ($3 / 1e6), $4 / 1000, $5 / 1000, $6 / 1000, $7 / 1000, $8
    }' "$out" >>"$figures"
  tail -1 "$figures" >&2
}

# cpu_mark PID / cpu_record PID LABEL FIGURES CPU_FILE : the CPU a pair run cost, per request (issue 29: where a
#   ratio target is missed, the arithmetic). cpu_record appends "label<TAB>server<TAB>PostgreSQL<TAB>rest" (ms per
#   request) to CPU_FILE: the server process's own user + system time; PostgreSQL's (every process named postgres,
#   so the backends of both apps' pools, the walwriter, the checkpointer, and through the postmaster's children's
#   time the backends that ended meanwhile); and the rest of the machine's busy time (the load generator — for Gatling that includes
#   starting Maven and its JVM, for wrk nothing but wrk —, Orderly's SMTP sink, anything else), each divided by
#   the run's request count (FIGURES' last row). Clock ticks from /proc, so ±1 tick (10 ms) per process and run.
#   The mark is set before the run and the record taken after drain_backlog, so the figures hold the work a run's
#   requests left behind too (the emails of create-order, sent by the dispatcher after the responses: run
#   20261206T222322Z drained 39-75 s of them after each 30 s run of Orderly). Two more columns: the drain's seconds
#   and the end-to-end rate, requests ÷ (the run's seconds + the drain's): orders whose emails went out, per second.
pg_ticks() {
  local pid total=0
  for pid in $(pgrep -x postgres); do
    total=$(( total + $(cpu_ticks "$pid" children) ))
  done
  echo "$total"
}
cpu_mark() {
  CPU_MARK_SERVER=$(cpu_ticks "$1")
  CPU_MARK_PG=$(pg_ticks)
  read -r CPU_MARK_BUSY _ < <(machine_ticks)
}
cpu_record() {
  local server pg busy requests
  server=$(( $(cpu_ticks "$1") - CPU_MARK_SERVER ))
  pg=$(( $(pg_ticks) - CPU_MARK_PG ))
  read -r busy _ < <(machine_ticks)
  busy=$(( busy - CPU_MARK_BUSY ))
  read -r requests rps < <(tail -1 "$3" | cut -f2,3)
  awk -v l="$2" -v s="$server" -v p="$pg" -v b="$busy" -v n="$requests" -v rps="$rps" -v d="${DRAIN_MS:-0}" \
    -v hz="$(getconf CLK_TCK)" 'BEGIN {
      r = b - s - p; if (r < 0) r = 0
      if (n > 0 && rps > 0) printf "%s\t%.3f\t%.3f\t%.3f\t%.1f\t%.1f\n", l, 1000 * s / hz / n, 1000 * p / hz / n,
        1000 * r / hz / n, d / 1000, n / (n / rps + d / 1000) }' >>"$4"
}

# pair_cpu FILE SCENARIO WHO COLUMN : mean over the rounds of WHO's COLUMN (2: server, 3: PostgreSQL, 4: rest,
#   5: drain seconds, 6: end-to-end req/s)
pair_cpu() {
  awk -F'\t' -v s="$2" -v w="$3" -v c="$4" '{ split($1, k, " "); if (k[1] == s && k[3] == w) { t += $c; n++ } }
    END { if (n == 0) print "n/a"; else printf "%.2f", t / n }' "$1"
}

# pair_settle : before each run of a pair, no backlog and a quiet machine.
pair_settle() {
  drain_backlog
  wait_quiet
}

# run_pairs : all rounds of all pairs.
run_pairs() {
  local round scenario who members order i target simulation gscenario wcase port pid label
  : >"$RUN_DIR/pairs.tsv"
  : >"$RUN_DIR/wrk-pairs.tsv"
  : >"$RUN_DIR/pairs-cpu.tsv"
  : >"$RUN_DIR/wrk-pairs-cpu.tsv"
  for (( round = 0; round <= BENCH_PAIRS; round++ )); do
    for scenario in $BENCH_PAIR_SCENARIOS; do
      (( round == 0 )) && [[ "$scenario" != get-order || -z "${OTHER_PID:-}" ]] && continue
      read -r -a members <<<"$(pair_members "$scenario")"
      order=("${members[@]}")
      if (( round % 2 == 0 )); then order=(); for (( i = ${#members[@]} - 1; i >= 0; i-- )); do order+=("${members[$i]}"); done; fi
      for who in "${order[@]}"; do
        IFS='|' read -r simulation gscenario wcase port pid <<<"$(pair_target "$scenario" "$who")"
        label="$scenario r$round $who"
        (( round == 0 )) && label=-
        pair_settle
        cpu_mark "$pid"
        JIT_PID="$pid" FIGURES="$RUN_DIR/pairs.tsv" LOG_PREFIX="" LOG_SUFFIX="-pair-$round-$who" \
          run_gatling "$label" "$simulation" "$gscenario" "http://127.0.0.1:$port" "$BENCH_DURATION"
        drain_backlog
        [[ "$label" == - ]] || cpu_record "$pid" "$label" "$RUN_DIR/pairs.tsv" "$RUN_DIR/pairs-cpu.tsv"
      done
      (( round == 0 )) || [[ "$BENCH_WRK" != 1 ]] && continue
      for (( i = ${#order[@]} - 1; i >= 0; i-- )); do
        who="${order[$i]}"
        IFS='|' read -r simulation gscenario wcase port pid <<<"$(pair_target "$scenario" "$who")"
        [[ "$who" == bare ]] || wrk_setup "$wcase" "$port"
        pair_settle
        cpu_mark "$pid"
        run_wrk "$scenario r$round $who" "$wcase" "$port" "$BENCH_DURATION"
        drain_backlog
        cpu_record "$pid" "$scenario r$round $who" "$RUN_DIR/wrk-pairs.tsv" "$RUN_DIR/wrk-pairs-cpu.tsv"
      done
    done
  done
}

# pair_ratio FILE SCENARIO A B COLUMN : geometric mean over the rounds of A's COLUMN ÷ B's, then each
#   round's ratio ("n/a" when no round has both).
pair_ratio() {
  awk -F'\t' -v s="$2" -v a="$3" -v b="$4" -v c="$5" '
    { split($1, k, " "); if (k[1] != s) next; r = substr(k[2], 2) + 0; if (k[3] == a) ra[r] = $c; if (k[3] == b) rb[r] = $c; if (r > max) max = r }
    END {
      for (r = 1; r <= max; r++) {
        if (!(r in ra) || !(r in rb) || ra[r] <= 0 || rb[r] <= 0) continue
        x = ra[r] / rb[r]; l += log(x); n++; each = each (n > 1 ? ", " : "") sprintf("%.2f", x)
      }
      if (n == 0) print "n/a"; else printf "%.2f (%s)", exp(l / n), each
    }' "$1"
}

# pair_gm FILE COLUMN SCENARIO... : geometric mean of the pairs' own geometric means (Orderly ÷ bare)
pair_gm() {
  local file="$1" column="$2" scenario value l=0 n=0; shift 2
  for scenario in "$@"; do
    value=$(pair_ratio "$file" "$scenario" main bare "$column" | cut -d' ' -f1)
    [[ "$value" == n/a ]] && continue
    l=$(awk -v l="$l" -v v="$value" 'BEGIN { print l + log(v) }'); n=$((n + 1))
  done
  awk -v l="$l" -v n="$n" 'BEGIN { if (n == 0) print "n/a"; else printf "%.2f", exp(l / n) }'
}

# pairs_summary : the ratio table of the pairs and every run, for the results file.
pairs_summary() {
  local scenario target p99 bare_name rl_a rl_b
  (( PAIR_ROUNDS > 0 )) || return 0
  echo "### Alternating pairs"
  echo
  echo "$PAIR_ROUNDS rounds of each pair, Orderly and its bare counterpart side by side (benchmark/baseline, docs/performance.md"
  echo "\"Baselines\"), each run after the backlog was worked off and the machine was quiet; the Gatling run and the wrk run of a"
  echo "pair in opposite orders. Each ratio: geometric mean of the rounds, then each round's. Target in brackets."
  echo
  echo "| Orderly ÷ bare | Gatling req/s | Gatling p99 | wrk req/s | wrk p99 |"
  echo "|---|---:|---:|---:|---:|"
  for scenario in $BENCH_PAIR_SCENARIOS; do
    case "$scenario" in
      get-order) bare_name="bare GET /orders/{id}"; target="≥ 0.7" ;;
      list-first) bare_name="bare first page with lines"; target="≥ 0.6" ;;
      create-order) bare_name="bare placement (order, lines, outbox row)"; target="" ;;
      login) bare_name="bare Argon2id check"; target="≥ 0.8" ;;
      *) bare_name="bare $scenario"; target="" ;;
    esac
    echo "| $scenario ÷ $bare_name (${target:+req/s $target, }p99 ≤ 3) | $(pair_ratio "$RUN_DIR/pairs.tsv" "$scenario" main bare 3) | $(pair_ratio "$RUN_DIR/pairs.tsv" "$scenario" main bare 6) | $(pair_ratio "$RUN_DIR/wrk-pairs.tsv" "$scenario" main bare 3) | $(pair_ratio "$RUN_DIR/wrk-pairs.tsv" "$scenario" main bare 6) |"
    if [[ "$scenario" == create-order ]]; then # its target counts the emails in (issue 29): req/s until the last was sent
      echo "| $scenario ÷ $bare_name, end to end: orders ÷ (run + drain of their emails) (req/s ≥ 0.5) | $(pair_ratio "$RUN_DIR/pairs-cpu.tsv" "$scenario" main bare 6) | | $(pair_ratio "$RUN_DIR/wrk-pairs-cpu.tsv" "$scenario" main bare 6) | |"
    fi
  done
  echo "| geometric mean of the pairs above | $(pair_gm "$RUN_DIR/pairs.tsv" 3 $BENCH_PAIR_SCENARIOS) | $(pair_gm "$RUN_DIR/pairs.tsv" 6 $BENCH_PAIR_SCENARIOS) | $(pair_gm "$RUN_DIR/wrk-pairs.tsv" 3 $BENCH_PAIR_SCENARIOS) | $(pair_gm "$RUN_DIR/wrk-pairs.tsv" 6 $BENCH_PAIR_SCENARIOS) |"
  if [[ -n "${RATE_LIMIT_OTHER:-}" ]]; then
    if [[ "$RATE_LIMIT_MODE" == off ]]; then rl_a=other; rl_b=main; else rl_a=main; rl_b=other; fi
    echo "| get-order, rate limiting on ÷ off (req/s ≥ 0.9) | $(pair_ratio "$RUN_DIR/pairs.tsv" get-order "$rl_a" "$rl_b" 3) | $(pair_ratio "$RUN_DIR/pairs.tsv" get-order "$rl_a" "$rl_b" 6) | $(pair_ratio "$RUN_DIR/wrk-pairs.tsv" get-order "$rl_a" "$rl_b" 3) | $(pair_ratio "$RUN_DIR/wrk-pairs.tsv" get-order "$rl_a" "$rl_b" 6) |"
  fi
  echo
  echo "p99 ratio: Orderly's p99 ÷ the bare app's (Gatling in whole milliseconds, so a bare p99 of 0 ms gives n/a; wrk in µs)."
  echo "main = Orderly with rate limiting $RATE_LIMIT_MODE${RATE_LIMIT_OTHER:+, other = Orderly with rate limiting $RATE_LIMIT_OTHER}, bare = the bare app."
  echo
  echo "CPU per request (ms, mean of the rounds): the server process's own, PostgreSQL's and the rest of the machine's"
  echo "(the load generator — for Gatling including the start of Maven and its JVM, so read wrk's —, the SMTP sink)."
  echo "Where a ratio misses its target this is the arithmetic: on a saturated machine req/s ≈ 2 cores ÷ (all three), so"
  echo "the ratio ≈ (bare's sum) ÷ (Orderly's sum), and the columns say which side to cut. Each run's figures include the"
  echo "backlog it left (emails, event publications) worked off after it; drain: its seconds, mean of the rounds."
  echo
  echo "| scenario | tool | Orderly server | Orderly PostgreSQL | Orderly rest | Orderly drain s | bare server | bare PostgreSQL | bare rest | bare ÷ Orderly (server + PostgreSQL) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  local tool file os op or bs bp br
  for scenario in $BENCH_PAIR_SCENARIOS; do
    for tool in Gatling wrk; do
      file="$RUN_DIR/pairs-cpu.tsv"; [[ "$tool" == wrk ]] && file="$RUN_DIR/wrk-pairs-cpu.tsv"
      [[ -s "$file" ]] || continue
      os=$(pair_cpu "$file" "$scenario" main 2); op=$(pair_cpu "$file" "$scenario" main 3); or=$(pair_cpu "$file" "$scenario" main 4)
      bs=$(pair_cpu "$file" "$scenario" bare 2); bp=$(pair_cpu "$file" "$scenario" bare 3); br=$(pair_cpu "$file" "$scenario" bare 4)
      echo "| $scenario | $tool | $os | $op | $or | $(pair_cpu "$file" "$scenario" main 5) | $bs | $bp | $br | $(awk -v a="$os" -v b="$op" -v c="$bs" -v d="$bp" 'BEGIN { if (a != "n/a" && a + b > 0) printf "%.2f", (c + d) / (a + b); else print "n/a" }') |"
    done
  done
  echo
  echo "| run (Gatling) | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$RUN_DIR/pairs.tsv"
  if [[ -s "$RUN_DIR/wrk-pairs.tsv" ]]; then
    echo
    echo "| run (wrk, $BENCH_WRK_THREADS threads, $BENCH_USERS connections) | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$RUN_DIR/wrk-pairs.tsv"
  fi
  echo
}
