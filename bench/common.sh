# Shared by the bench scripts (sourced): PGHOST and PGUSER must be set.

# Waits up to a minute for posbridge to be ready; the argument is its management port's URL (actuator answers there only).
wait_until_ready() {
  for _ in $(seq 1 60); do
    curl -sf "$1/actuator/health/readiness" > /dev/null && return 0
    sleep 1
  done
}

# Prints pgbench tpcb-like's TPS with CLIENTS clients over SECONDS, on a scratch database of the same server:
# the baseline each bench measures in its own run.
tpcb_tps() {
  local db=posbridge_bench_tpcb
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  pgbench -q -i -s 10 "$db" > /dev/null 2>&1
  pgbench -b tpcb-like -c "$1" -j 2 -T "$2" "$db" 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
}

# Prints the ids of PostgreSQL's processes running now, to pass to cpu_ms.
postgres_pids() {
  pgrep -x postgres | tr '\n' ' '
}

# Prints the CPU time, in milliseconds, the given processes have used so far (user + system).
cpu_ms() {
  local ticks=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

# Prints how many transactions database $1 has committed so far (the timers' empty ones among them).
commits() {
  psql -Atq -d "$1" -c "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
}

# Without an argument, prints the machine's CPU counters (busy and total ticks, from /proc/stat); given those, prints
# the percentage of the CPU that was busy since.
machine_busy() {
  local now
  now=$(awk '$1 == "cpu" { total = 0; for (i = 2; i <= NF; i++) total += $i; print total - $5 - $6, total }' /proc/stat)
  if [ -z "${1:-}" ]; then echo "$now"; return; fi
  echo "$1 $now" | awk '{ printf "%.0f", 100 * ($3 - $1) / ($4 - $2) }'
}

# Gives each of CLIENTS Yoyo clients its own account, credit and TOKENS tokens (77<client*TOKENS+t>), as
# bench/YoyoLoad.java and bench/ledger-steps.sql expect. Arguments: base URL, clients, tokens per client.
seed_yoyo_clients() {
  local base=$1 clients=$2 tokens=$3 c t
  local admin=(-u bench:bench-admin -H 'Content-Type: application/json')
  for c in $(seq 0 $((clients - 1))); do
    curl -sf "${admin[@]}" -X POST "$base/api/accounts" -d "{\"id\":\"bench-$c\",\"currency\":\"ZAR\"}" > /dev/null
    curl -sf "${admin[@]}" -X POST "$base/api/accounts/bench-$c/credits" \
      -d "{\"amount\":100000000000,\"reference\":\"bench-$c\"}" > /dev/null
    for t in $(seq 0 $((tokens - 1))); do
      curl -sf "${admin[@]}" -X POST "$base/api/tokens" \
        -d "{\"id\":\"77$((c * tokens + t))\",\"type\":\"WICODE\",\"accountId\":\"bench-$c\"}" > /dev/null
    done
  done
}

# Prints the pairs per second pgbench gets from a ledger script (bench/ledger-*.sql) on the Yoyo bench's database,
# with the application stopped. Arguments: database, script, clients, seconds.
# pgbench can stop a client between a pair's two transactions: what is still held is released first.
ledger_pairs_per_s() {
  psql -q -d "$1" -c "UPDATE accounts SET held = 0 WHERE kind = 'CUSTOMER'" \
    -c "UPDATE holds SET state = 'REVERSED', open_token_id = NULL, resolved_at = now() WHERE state = 'PENDING'"
  pgbench -n -M prepared -f "$2" -c "$3" -j 2 -T "$4" "$1" 2>/dev/null \
    | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1
}

# Prints a process's resident set (VmRSS) in MiB.
rss_mib() {
  awk '/^VmRSS:/ { printf "%d\n", $2 / 1024 }' "/proc/$1/status"
}
