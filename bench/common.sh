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
