#!/usr/bin/env bash
# The order half end to end against a fast fake TokenX (bench/OrdersLoad.java): COUNT order files over
# TERMINALS terminals dropped at once, until every outcome is published; then webhook ingestion alone.
# Usage: [WARMUP_ORDERS=5000] bench/orders.sh [count] [terminals] [webhooks] [webhook-clients]   (PostgreSQL on 127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
COUNT=${1:-10000}
TERMINALS=${2:-100}
WEBHOOKS=${3:-20000}
CLIENTS=${4:-16}
PGHOST=127.0.0.1; PGUSER=postgres; export PGHOST PGUSER
PORT=${BENCH_PORT:-18182}
FAKE_PORT=${BENCH_FAKE_PORT:-18183}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-18185}
DB=posbridge_bench_orders
WORK=$(mktemp -d)
AUTH="Bearer bench-callback"

[ -f target/posbridge-0.1.0-SNAPSHOT.jar ] || ./mvnw -B -q -DskipTests package
javac -d target/bench bench/*.java
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" 2>/dev/null
if [ -n "${SYNCHRONOUS_COMMIT:-}" ]; then
  # To see how much of the run is waiting for the WAL to reach the disk: SYNCHRONOUS_COMMIT=off.
  psql -q -d postgres -c "ALTER DATABASE $DB SET synchronous_commit = $SYNCHRONOUS_COMMIT"
fi

java -cp target/bench OrdersLoad fake-tokenx "$FAKE_PORT" "http://127.0.0.1:$PORT/webhooks/tokenx" "$AUTH" > "$WORK/fake.log" 2>&1 &
FAKE=$!
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
POSBRIDGE_YOYO_ENABLED=false POSBRIDGE_ADMIN_USERNAME=bench POSBRIDGE_ADMIN_PASSWORD=bench-admin \
POSBRIDGE_ORDERS_APIKEYS_BENCH="$(printf %s bench-till-key | sha256sum | cut -d' ' -f1)" \
POSBRIDGE_TOKENX_AUTHURL="http://127.0.0.1:$FAKE_PORT" POSBRIDGE_TOKENX_BASKETURL="http://127.0.0.1:$FAKE_PORT" \
POSBRIDGE_TOKENX_CLIENTSETTINGSURL="http://127.0.0.1:$FAKE_PORT" POSBRIDGE_TOKENX_CLIENTID=bench \
POSBRIDGE_TOKENX_CLIENTSECRET=bench-secret POSBRIDGE_TOKENX_CALLBACKURL="http://127.0.0.1:$PORT/webhooks/tokenx" \
POSBRIDGE_TOKENX_CALLBACKAUTH="$AUTH" POSBRIDGE_TOKENX_FISCALCHECK_ENABLED=false \
POSBRIDGE_ORDERS_INBOX="$WORK/inbox" POSBRIDGE_ORDERS_ERRORDIR="$WORK/error" POSBRIDGE_ORDERS_OUTCOMEURI="file:$WORK/outbox" \
POSBRIDGE_ORDERS_DISPATCHINTERVAL=${DISPATCH_INTERVAL:-50ms} POSBRIDGE_ORDERS_DISPATCHBATCH=${DISPATCH_BATCH:-200} \
POSBRIDGE_ORDERS_DISPATCHCONCURRENCY=${DISPATCH_CONCURRENCY:-16} POSBRIDGE_ORDERS_OUTCOMEINTERVAL=200ms \
LOGGING_LEVEL_IO_POSBRIDGE=WARN \
  java ${BENCH_JAVA_OPTS:-} -jar target/posbridge-0.1.0-SNAPSHOT.jar --server.port="$PORT" \
    --management.server.port="$MANAGEMENT_PORT" > "$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP $FAKE 2>/dev/null || true; rm -rf "$WORK"' EXIT
wait_until_ready "http://127.0.0.1:$MANAGEMENT_PORT"

# The JIT takes minutes to settle on two shared cores (see bench/yoyo-vsp.sh); posbridge runs for days.
WARMUP=${WARMUP_ORDERS:-5000}
echo "== warm-up: $WARMUP orders over $TERMINALS terminals"
java -cp target/bench OrdersLoad orders "$WORK/inbox" "$WORK/outbox" "$WARMUP" "$TERMINALS" > /dev/null

echo "== $COUNT orders over $TERMINALS terminals, dropped at once into the inbox"
PG_PIDS=$(postgres_pids)
APP_MS=$(cpu_ms $APP); PG_MS=$(cpu_ms $PG_PIDS); FAKE_MS=$(cpu_ms $FAKE)
ORDERS=$(java -cp target/bench OrdersLoad orders "$WORK/inbox" "$WORK/outbox" "$COUNT" "$TERMINALS")
APP_MS=$(($(cpu_ms $APP) - APP_MS)); PG_MS=$(($(cpu_ms $PG_PIDS) - PG_MS)); FAKE_MS=$(($(cpu_ms $FAKE) - FAKE_MS))
echo "$ORDERS"
awk -v a="$APP_MS" -v p="$PG_MS" -v f="$FAKE_MS" -v n="$COUNT" 'BEGIN {
  printf "cpu_ms_per_order: posbridge=%.2f postgresql=%.2f fake_tokenx=%.2f\n", a / n, p / n, f / n }'
echo "orders_not_completed=$(psql -tA -d $DB -c "SELECT count(*) FROM orders WHERE state <> 'COMPLETED'") (warm-up included)"

echo "== webhook ingestion alone: $WEBHOOKS webhooks from $CLIENTS clients"
java -cp target/bench OrdersLoad webhooks "http://127.0.0.1:$PORT" 2000 "$CLIENTS" "$AUTH" > /dev/null
java -cp target/bench OrdersLoad webhooks "http://127.0.0.1:$PORT" "$WEBHOOKS" "$CLIENTS" "$AUTH"
if command -v wrk > /dev/null; then
  # wrk (apt-get install wrk) costs the shared cores far less than a JVM load generator.
  echo "== webhook ingestion with wrk: $CLIENTS connections, 20 s"
  WEBHOOK_AUTH="$AUTH" wrk -t2 -c"$CLIENTS" -d20s --latency -s bench/webhook.lua "http://127.0.0.1:$PORT" \
    | grep -E 'Requests/sec|50%|99%|Non-2xx'
fi
kill $APP $FAKE; wait $APP 2>/dev/null || true
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"

# The goals are absolute, but this machine's speed is not: a baseline from the same run tells a slow machine
# from a slow change.
echo "== baseline: pgbench -b tpcb-like, 16 clients, 15 s, same server"
TPS=$(tpcb_tps 16 15)
RATE=$(echo "$ORDERS" | sed -n 's/.*orders_per_s=\([0-9.]*\).*/\1/p')
awk -v r="$RATE" -v t="$TPS" 'BEGIN { printf "pgbench_tps=%s orders_per_1000_pgbench_tps=%.1f\n", t, 1000 * r / t }'
