#!/usr/bin/env bash
# Yoyo VSP throughput against PostgreSQL, with pgbench's tpcb-like on the same server and the same number
# of clients in the same run as the baseline.
# Also runs two ledger scripts through pgbench, with no HTTP and no JVM, to show how much of the gap is the database:
# bench/ledger-floor.sql (the least SQL a pair can be) and bench/ledger-steps.sql (the statements posbridge sends).
# Usage: [WARMUP_SECONDS=150] bench/yoyo-vsp.sh [clients] [seconds]   (PostgreSQL on 127.0.0.1:5432, trust auth, user postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
CLIENTS=${1:-16}
SECONDS_PER_RUN=${2:-20}
PGHOST=127.0.0.1; PGUSER=postgres; export PGHOST PGUSER
PORT=${BENCH_PORT:-18181}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-18184}
DB=posbridge_bench
BASE=http://127.0.0.1:$PORT

[ -f target/posbridge-0.1.0-SNAPSHOT.jar ] || ./mvnw -B -q -DskipTests package
javac -d target/bench bench/*.java
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE=$((CLIENTS + 4)) \
POSBRIDGE_TOKENX_ENABLED=false POSBRIDGE_YOYO_VSPID=DummyVSP POSBRIDGE_YOYO_VSPPASSWORD=bench \
POSBRIDGE_ADMIN_USERNAME=bench POSBRIDGE_ADMIN_PASSWORD=bench-admin LOGGING_LEVEL_IO_POSBRIDGE_YOYO=WARN \
  java ${BENCH_JAVA_OPTS:-} -jar target/posbridge-0.1.0-SNAPSHOT.jar --server.port="$PORT" \
    --management.server.port="$MANAGEMENT_PORT" > target/bench-yoyo-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
wait_until_ready "http://127.0.0.1:$MANAGEMENT_PORT"

TOKENS_PER_CLIENT=4
seed_yoyo_clients "$BASE" "$CLIENTS" "$TOKENS_PER_CLIENT"

# On two shared cores the JIT takes minutes of this load to settle: back-to-back 15 s windows after start went
# 405, 514, 571, 599, 625, 638, 731, 724, 742, 783, 809, 786 pairs/s. A VSP runs for days; its steady state counts.
WARMUP=${WARMUP_SECONDS:-150}
echo "== warm-up, ${WARMUP}s"
java -cp target/bench YoyoLoad "$BASE" "$CLIENTS" "$WARMUP" 77 "$TOKENS_PER_CLIENT" > /dev/null
echo "== posbridge: transaction request + FINALISE, $CLIENTS clients, ${SECONDS_PER_RUN}s"
PG_PIDS=$(postgres_pids)
APP_MS=$(cpu_ms $APP); PG_MS=$(cpu_ms $PG_PIDS)
YOYO=$(java -cp target/bench YoyoLoad "$BASE" "$CLIENTS" "$SECONDS_PER_RUN" 77 "$TOKENS_PER_CLIENT")
APP_MS=$(($(cpu_ms $APP) - APP_MS)); PG_MS=$(($(cpu_ms $PG_PIDS) - PG_MS))
echo "$YOYO"
PAIRS=$(echo "$YOYO" | sed -n 's/.*yoyo_pairs=\([0-9]*\).*/\1/p')
awk -v a="$APP_MS" -v p="$PG_MS" -v n="$PAIRS" 'BEGIN {
  printf "cpu_ms_per_pair: posbridge=%.2f postgresql=%.2f\n", a / n, p / n }'
kill $APP; wait $APP 2>/dev/null || true

echo "== ledger SQL through pgbench, $CLIENTS clients, ${SECONDS_PER_RUN}s each, no HTTP, no JVM"
FLOOR_TPS=$(ledger_pairs_per_s "$DB" bench/ledger-floor.sql "$CLIENTS" "$SECONDS_PER_RUN")
echo "ledger_floor_pairs_per_s=$FLOOR_TPS (each call one statement)"
STEPS_TPS=$(ledger_pairs_per_s "$DB" bench/ledger-steps.sql "$CLIENTS" "$SECONDS_PER_RUN")
echo "ledger_steps_pairs_per_s=$STEPS_TPS (posbridge's own statements)"

echo "== pgbench -b tpcb-like, $CLIENTS clients, ${SECONDS_PER_RUN}s, same server"
TPS=$(tpcb_tps "$CLIENTS" "$SECONDS_PER_RUN")
echo "pgbench_tps=$TPS"
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"

RESERVE=$(echo "$YOYO" | sed -n 's/.*yoyo_reserve_per_s=\([0-9.]*\).*/\1/p')
P99=$(echo "$YOYO" | sed -n 's/.*reserve_p99_ms=\([0-9.]*\).*/\1/p')
awk -v r="$RESERVE" -v t="$TPS" -v p="$P99" -v f="$FLOOR_TPS" -v s="$STEPS_TPS" 'BEGIN {
  printf "ratio_reserve_to_pgbench=%.2f (goal >= 0.50)  reserve_p99_ms=%s (goal <= 25)\n", r / t, p
  printf "ratio_ledger_floor_to_pgbench=%.2f  ratio_ledger_steps_to_pgbench=%.2f  ratio_reserve_to_ledger_steps=%.2f\n",
    f / t, s / t, r / s }'
