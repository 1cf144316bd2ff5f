# Shared by the fault scenarios (sourced by bench/faults/s*.sh, which bench/faults/run.sh runs one after another).
# Everything a scenario starts is recorded here and stopped by its EXIT trap, and a PostgreSQL or RabbitMQ it stopped
# is started again there, whatever happened. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
export PGHOST=127.0.0.1 PGUSER=postgres PGOPTIONS='-c client_min_messages=warning'
JAR=$ROOT/target/posbridge-0.1.0-SNAPSHOT.jar
CP="$ROOT/target/faults/classes:$ROOT/target/faults/lib/*"
# The helpers (bench/faults/*.java). The RabbitMQ client finds no SLF4J binding on their class path: its three warning
# lines are noise.
HELPER=(java -Dslf4j.internal.verbosity=ERROR -cp "$CP")
PORT=${FAULTS_PORT:-18291}
FAKE_PORT=${FAULTS_FAKE_PORT:-18292}
BASE=http://127.0.0.1:$PORT
# Actuator (readiness, metrics) answers on the management port only: each replica's is its port plus this offset.
MANAGEMENT_OFFSET=${FAULTS_MANAGEMENT_OFFSET:-1000}
management_port() { echo $(($1 + MANAGEMENT_OFFSET)); }
MANAGEMENT=http://127.0.0.1:$(management_port "$PORT")
CALLBACK_AUTH="Bearer faults-callback"
AMQP="amqp://guest:guest@127.0.0.1:5672/%2F"
ADMIN=(-u faults:faults-admin -H 'Content-Type: application/json')
PG_VERSION=$(ls /etc/postgresql | sort -V | tail -n 1)
YOYO_CREDIT=100000000
FINAL_STATES="'COMPLETED','CANCELLED','VOIDED','REJECTED','EXPIRED','DELETED'"

FAILS=0
PIDS=()          # background processes this scenario started (load generators, the fake), stopped on exit
APP_PID=
FAKE_PID=
PG_STOPPED=0
RABBIT_STOPPED=0
APP_ENV=()       # settings a scenario adds to (or puts in place of) start_app's, as NAME=value

now_ms() { date +%s%3N; }

# The scenario's timeline: the checks and figures measure recovery from these marks.
mark() {
  local ms
  ms=$(now_ms)
  printf '%s\t%s\n' "$ms" "$1" >> "$WORK/events.tsv"
  echo "[$(date +%T)] $1"
}

# A figure of the run: printed, and kept in figures.txt for docs/Reliability.md.
figure() {
  echo "figure: $1 = $2"
  printf '%s = %s\n' "$1" "$2" >> "$WORK/figures.txt"
}

# check NAME BAD_COUNT [DETAIL]: PASS when nothing bad was found; FAIL makes the scenario exit non-zero.
check() {
  local line
  if [ "$2" = 0 ]; then line="PASS $1${3:+ ($3)}"; else line="FAIL $1: $2${3:+ ($3)}"; FAILS=$((FAILS + 1)); fi
  echo "$line"
  echo "$line" >> "$WORK/checks.txt"
}

sql() { psql -X -q -tA -F $'\t' -v ON_ERROR_STOP=1 -d "$DB" -c "$1"; }

# faults_init NAME: a work folder under target/faults/runs (kept after the run for its logs), a fresh database, unique
# RabbitMQ names, and the trap that undoes everything.
faults_init() {
  SCENARIO=$1
  RUN=$(date +%H%M%S)$$
  WORK=$ROOT/target/faults/runs/$SCENARIO
  rm -rf "$WORK"
  mkdir -p "$WORK/inbox" "$WORK/error" "$WORK/outbox"
  DB=posbridge_faults_${SCENARIO//-/_}
  QUEUE=faults.$SCENARIO.$RUN.orders
  EXCHANGE=$QUEUE
  DLX=faults.$SCENARIO.$RUN.dead
  DLQ=$DLX
  # A run from another worktree would share these ports: its posbridge would answer this one's load and checks.
  # Checked before the trap, which must not touch what another run made.
  port_free "$PORT" && port_free "$FAKE_PORT" \
    || { echo "port $PORT or $FAKE_PORT is taken (another bench/faults run?); FAULTS_PORT, FAULTS_FAKE_PORT move them" >&2; exit 2; }
  trap cleanup EXIT
  trap 'exit 130' INT TERM HUP
  wait_for_services
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  DB_CREATED=1
  mark "scenario $SCENARIO: database $DB, work folder ${WORK#"$ROOT"/}"
}

port_free() { ! ss -Htln "sport = :$1" | grep -q .; }

# listens PORT PID: whether that process is the one listening on the port.
listens() { ss -Htlnp "sport = :$1" | grep -q "pid=$2,"; }

# Other engineers' tests restart PostgreSQL and RabbitMQ too: wait (bounded) until both answer before starting.
wait_for_services() {
  local i
  for i in $(seq 1 120); do
    pg_isready -q -h 127.0.0.1 && (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null && return 0
    sleep 1
  done
  echo "PostgreSQL or RabbitMQ does not answer on 127.0.0.1 after 120 s" >&2
  return 1
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  set +e
  # Services first: other engineers' tests need them more than this scenario needs its processes.
  [ "$PG_STOPPED" = 1 ] && pg_start
  [ "$RABBIT_STOPPED" = 1 ] && rabbit_start
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$APP_PID" 2>/dev/null
  fi
  wait 2>/dev/null
  if [ "${DB_CREATED:-0}" = 1 ] && (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; then
    "${HELPER[@]}" OrderTraffic clean amqp="$AMQP" names="$QUEUE,$DLQ" > /dev/null 2>&1
  fi
  # FAULTS_KEEP_DB=1 keeps the scratch database (posbridge's tables and the faults_* records) to look into a FAIL.
  if [ "${FAULTS_KEEP_DB:-0}" = 1 ]; then
    echo "kept database $DB"
  elif [ "${DB_CREATED:-0}" = 1 ]; then
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" 2>/dev/null
  fi
  exit "$rc"
}

# Runs a command in a session of its own, with stdin, stdout and stderr on /dev/null and every other descriptor
# closed, and waits for it. PostgreSQL and RabbitMQ started from here must not inherit this script's descriptors: a
# lock or pipe the script holds would live on in the server long after the script.
detached() {
  setsid -w bash -c 'for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null
                     exec "$@"' detached "$@" < /dev/null > /dev/null 2>&1
}

pg_stop() {
  PG_STOPPED=1
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main stop -m fast
  mark "PostgreSQL stopped"
}

# The mark is the moment PostgreSQL first accepts connections (pg_ctlcluster returns a while later), so that recovery
# times are measured from it.
pg_start() {
  detached pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start &
  local starter=$! i
  for i in $(seq 1 600); do pg_isready -q -h 127.0.0.1 && break; sleep 0.1; done
  PG_STOPPED=0
  mark "PostgreSQL started"
  wait "$starter" || true
}

rabbit_stop() {
  RABBIT_STOPPED=1
  detached rabbitmqctl stop_app
  mark "RabbitMQ stopped (stop_app)"
}

# As for PostgreSQL, the mark is the moment the broker first accepts connections again.
rabbit_start() {
  detached rabbitmqctl start_app &
  local starter=$! i
  for i in $(seq 1 600); do (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null && break; sleep 0.1; done
  RABBIT_STOPPED=0
  mark "RabbitMQ started (start_app)"
  wait "$starter" || true
}

# The fake TokenX (bench/faults/FakeTokenx.java): counts basket creations per basketID, completes baskets by webhook.
start_fake() {
  "${HELPER[@]}" FakeTokenx "$FAKE_PORT" "$BASE/webhooks/tokenx" "$CALLBACK_AUTH" "${1:-100}" "${2:-300}" \
    > "$WORK/fake.log" 2>&1 &
  FAKE_PID=$!
  PIDS+=("$FAKE_PID")
  for _ in $(seq 1 50); do
    curl -sf "http://127.0.0.1:$FAKE_PORT/_fake/stats" > /dev/null && listens "$FAKE_PORT" "$FAKE_PID" && return 0
    sleep 0.2
  done
  echo "the fake TokenX did not start on port $FAKE_PORT; see $WORK/fake.log" >&2
  return 1
}

fake() { curl -sf -X "$1" "http://127.0.0.1:$FAKE_PORT/_fake/$2"; }

# posbridge from its jar, configured as bench/orders.sh does, with both halves on and (QUEUE_INTAKE=1) the queue
# intake on the run's own durable queue. stuck-after is 30 s instead of 2 minutes, so that orders a killed JVM had
# claimed are sent again within the scenario; everything else is the default.
start_app() { # [PORT [LOG]]: another port and log file for a second replica (bench/replicas)
  local port=${1:-$PORT} log=$WORK/${2:-app.log} queue_env=()
  if [ "${QUEUE_INTAKE:-0}" = 1 ]; then
    queue_env=(POSBRIDGE_ORDERS_QUEUEURI="spring-rabbitmq:$EXCHANGE?queues=$QUEUE"
      POSBRIDGE_ORDERS_QUEUEDEADLETTERURI="spring-rabbitmq:$DLX" POSBRIDGE_ORDERS_QUEUENAME="$QUEUE"
      POSBRIDGE_ORDERS_QUEUEEXCHANGE="$EXCHANGE" POSBRIDGE_ORDERS_DEADLETTEREXCHANGE="$DLX"
      POSBRIDGE_ORDERS_DEADLETTERQUEUE="$DLQ")
  fi
  echo "===== posbridge start $(date -Is)" >> "$log"
  env SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
    POSBRIDGE_ADMIN_USERNAME=faults POSBRIDGE_ADMIN_PASSWORD=faults-admin \
    POSBRIDGE_ORDERS_APIKEYS_BENCH="$(printf %s bench-till-key | sha256sum | cut -d' ' -f1)" \
    POSBRIDGE_YOYO_VSPID=FaultsVSP POSBRIDGE_YOYO_VSPPASSWORD=faults-vsp \
    POSBRIDGE_TOKENX_AUTHURL="http://127.0.0.1:$FAKE_PORT" POSBRIDGE_TOKENX_BASKETURL="http://127.0.0.1:$FAKE_PORT" \
    POSBRIDGE_TOKENX_CLIENTSETTINGSURL="http://127.0.0.1:$FAKE_PORT" POSBRIDGE_TOKENX_CLIENTID=faults \
    POSBRIDGE_TOKENX_CLIENTSECRET=faults-secret POSBRIDGE_TOKENX_CALLBACKURL="$BASE/webhooks/tokenx" \
    POSBRIDGE_TOKENX_CALLBACKAUTH="$CALLBACK_AUTH" POSBRIDGE_TOKENX_FISCALCHECK_ENABLED=false \
    POSBRIDGE_ORDERS_INBOX="$WORK/inbox" POSBRIDGE_ORDERS_ERRORDIR="$WORK/error" \
    POSBRIDGE_ORDERS_OUTCOMEURI="file:$WORK/outbox" POSBRIDGE_ORDERS_STUCKAFTER=30s \
    "${queue_env[@]}" "${APP_ENV[@]}" \
    java -jar "$JAR" --server.address=127.0.0.1 --server.port="$port" \
      --management.server.address=127.0.0.1 --management.server.port="$(management_port "$port")" >> "$log" 2>&1 &
  APP_PID=$!
  mark "posbridge started (pid $APP_PID${1:+, port $port})"
}

# wait_ready SECONDS [PORT PID]: until readiness answers UP; marks the moment.
wait_ready() {
  local i port=${2:-$PORT} pid=${3:-$APP_PID}
  for i in $(seq 1 $((${1:-90} * 4))); do
    if curl -sf "http://127.0.0.1:$(management_port "$port")/actuator/health/readiness" > /dev/null 2>&1; then
      listens "$port" "$pid" || { echo "another process answers on port $port, not this posbridge" >&2; return 1; }
      mark "posbridge ready${2:+ (port $port)}"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "posbridge exited while starting; see its log in $WORK" >&2; return 1; }
    sleep 0.25
  done
  echo "posbridge not ready after ${1:-90} s; see $WORK/app.log" >&2
  return 1
}

# stop_app SIGNAL: sends it and waits for the JVM to end (at most 90 s); APP_EXIT is its exit status.
stop_app() {
  kill -s "$1" "$APP_PID"
  mark "posbridge sent SIG$1"
  local i
  for i in $(seq 1 360); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$APP_PID" 2>/dev/null; then
    echo "posbridge still running 90 s after SIG$1; killing it" >&2
    kill -9 "$APP_PID"
  fi
  APP_EXIT=0
  wait "$APP_PID" || APP_EXIT=$?
  mark "posbridge exited with status $APP_EXIT"
  APP_PID=
}

# setup_yoyo CLIENTS PER_CLIENT PREFIX: one account per client with YOYO_CREDIT cents, PER_CLIENT tokens each
# (PREFIX0, PREFIX1, …), as YoyoTraffic's load expects.
setup_yoyo() {
  local c t
  YOYO_PREFIX=$3
  for c in $(seq 0 $(($1 - 1))); do
    curl -sf "${ADMIN[@]}" -X POST "$BASE/api/accounts" -d "{\"id\":\"$3-acc-$c\",\"currency\":\"ZAR\"}" > /dev/null
    curl -sf "${ADMIN[@]}" -X POST "$BASE/api/accounts/$3-acc-$c/credits" \
      -d "{\"amount\":$YOYO_CREDIT,\"reference\":\"$3-$c\"}" > /dev/null
    for t in $(seq 0 $(($2 - 1))); do
      curl -sf "${ADMIN[@]}" -X POST "$BASE/api/tokens" \
        -d "{\"id\":\"$3$((c * $2 + t))\",\"type\":\"WICODE\",\"accountId\":\"$3-acc-$c\"}" > /dev/null
    done
  done
}

# order_load ARGS…: OrderTraffic's load in the background, writing $WORK/orders.tsv (see OrderTraffic.java).
order_load() {
  "${HELPER[@]}" OrderTraffic load out="$WORK/orders.tsv" base="$BASE" inbox="$WORK/inbox" amqp="$AMQP" \
    exchange="$EXCHANGE" routingKey="$QUEUE" prefix="$SCENARIO-" "$@" > "$WORK/order-load.log" 2>&1 &
  ORDER_LOAD_PID=$!
  PIDS+=("$ORDER_LOAD_PID")
}

# yoyo_load ARGS…: YoyoTraffic's load in the background, writing $WORK/yoyo.tsv.
yoyo_load() {
  "${HELPER[@]}" YoyoTraffic load base="$BASE" out="$WORK/yoyo.tsv" "$@" > "$WORK/yoyo-load.log" 2>&1 &
  YOYO_LOAD_PID=$!
  PIDS+=("$YOYO_LOAD_PID")
}

# wait_loads: until the load generators end (they bound themselves in time), then shows their summaries.
wait_loads() {
  local pid
  for pid in ${ORDER_LOAD_PID:-} ${YOYO_LOAD_PID:-}; do wait "$pid" || true; done
  mark "load generators finished"
  cat "$WORK/order-load.log" "$WORK/yoyo-load.log" 2>/dev/null | grep -v '^$' || true
}

# Loads what the load generators and the fake recorded into the scratch database, next to posbridge's tables
# (faults_* tables, which posbridge never reads), so that every check is one SQL query.
load_records() {
  sql "DROP TABLE IF EXISTS faults_orders, faults_yoyo, faults_baskets, faults_outcomes, faults_events, faults_calls,
         faults_storm, faults_webhooks;
       CREATE TABLE faults_orders (order_id text, door text, status text, attempts int, refused_503 int, refused_404 int,
         no_answer int, other int, created_ms bigint, confirmed_ms bigint, terminal text);
       CREATE TABLE faults_yoyo (call text, key text, token text, amount bigint, result text, code text, vsp text,
         start_ms bigint, latency_ms bigint, phase text);
       CREATE TABLE faults_baskets (basket_id text, terminal text, creates int, duplicates int, created_ms bigint,
         completion_delivered boolean);
       CREATE TABLE faults_outcomes (order_id text, state text);
       CREATE TABLE faults_events (ms bigint, event text);
       CREATE TABLE faults_calls (ms bigint, method text, path text, answer text);
       CREATE TABLE faults_storm (order_id text, door text, answer text);
       CREATE TABLE faults_webhooks (basket_id text, operation text, answer text);"
  local f
  [ -s "$WORK/orders.tsv" ] && sql "\\copy faults_orders FROM '$WORK/orders.tsv'"
  [ -s "$WORK/storm-orders.tsv" ] && sql "\\copy faults_storm FROM '$WORK/storm-orders.tsv'"
  [ -s "$WORK/storm-webhooks.tsv" ] && sql "\\copy faults_webhooks FROM '$WORK/storm-webhooks.tsv'"
  for f in yoyo.tsv yoyo-retry.tsv yoyo-storm.tsv; do
    [ -s "$WORK/$f" ] && sql "\\copy faults_yoyo FROM '$WORK/$f'"
  done
  fake GET baskets > "$WORK/fake-baskets.tsv"
  fake GET calls | grep -v '^$' > "$WORK/fake-calls.tsv" || true
  [ -s "$WORK/fake-baskets.tsv" ] && sql "\\copy faults_baskets FROM '$WORK/fake-baskets.tsv'"
  [ -s "$WORK/fake-calls.tsv" ] && sql "\\copy faults_calls FROM '$WORK/fake-calls.tsv'"
  find "$WORK/outbox" -maxdepth 1 -name '*.json' -exec jq -r '[.orderId, .state] | @tsv' {} + > "$WORK/outcomes.tsv"
  [ -s "$WORK/outcomes.tsv" ] && sql "\\copy faults_outcomes FROM '$WORK/outcomes.tsv'"
  sql "\\copy faults_events FROM '$WORK/events.tsv'"
}

# wait_drained SECONDS [ORDERS]: until every order that reached posbridge is final and its outcome published, every
# confirmed order of the load (or at least ORDERS orders) is in the database, and the inbox holds no order file; marks
# the moment (or gives up).
wait_drained() {
  local confirmed=${2:-0} i done_ total
  [ -s "$WORK/orders.tsv" ] && confirmed=$(awk -F'\t' '$3 == "confirmed"' "$WORK/orders.tsv" | wc -l)
  for i in $(seq 1 $((${1:-180} / 2))); do
    read -r done_ total <<< "$(sql "SELECT count(*) FILTER (WHERE state IN ($FINAL_STATES) AND NOT outcome_due), count(*)
      FROM orders" 2>/dev/null || echo "-1 0")"
    if [ "$done_" = "$total" ] && [ "$total" -ge "$confirmed" ] \
        && [ -z "$(find "$WORK/inbox" -maxdepth 1 -name '*.json' -print -quit)" ]; then
      mark "drained: $total orders final and published"
      return 0
    fi
    sleep 2
  done
  mark "not drained after ${1:-180} s: $done_ of $total orders final and published, $confirmed confirmed by the load"
}

yoyo_retry() {
  [ -s "$WORK/yoyo.tsv" ] || return 0
  "${HELPER[@]}" YoyoTraffic retry base="$BASE" in="$WORK/yoyo.tsv" out="$WORK/yoyo-retry.tsv"
}

# ---- the checks ------------------------------------------------------------------------------------------------

# Every order has exactly one outcome, nothing confirmed was lost, no basket was created twice.
check_orders() {
  local n
  n=$(sql "SELECT (SELECT count(*) FROM orders WHERE order_id NOT LIKE '$SCENARIO-%')
    + (SELECT count(*) FROM accounts WHERE kind = 'CUSTOMER' AND id NOT LIKE '${YOYO_PREFIX:-none}-acc-%')")
  check "only this scenario's orders and accounts reached its posbridge" "$n"
  figure "orders sent by the load" "$(sql "SELECT count(*) FROM faults_orders")"
  figure "orders by door and status" "$(sql "SELECT string_agg(door || ' ' || status || '=' || n, ', ' ORDER BY door, status)
    FROM (SELECT door, status, count(*) n FROM faults_orders GROUP BY 1, 2) x")"
  figure "orders refused, retried later (503 / 404 / no answer / other)" "$(sql "SELECT coalesce(sum(refused_503), 0) || ' / ' ||
    coalesce(sum(refused_404), 0) || ' / ' || coalesce(sum(no_answer), 0) || ' / ' || coalesce(sum(other), 0) FROM faults_orders")"
  figure "orders in posbridge by state" "$(sql "SELECT string_agg(state || '=' || n, ', ' ORDER BY state)
    FROM (SELECT state, count(*) n FROM orders GROUP BY 1) x")"
  figure "orders by source" "$(sql "SELECT string_agg(source || '=' || n, ', ' ORDER BY source)
    FROM (SELECT source, count(*) n FROM orders GROUP BY 1) x")"

  n=$(sql "SELECT count(*) FROM faults_orders f LEFT JOIN orders o USING (order_id) WHERE f.status = 'confirmed' AND o.order_id IS NULL")
  check "every confirmed order reached posbridge" "$n" "$(sql "SELECT string_agg(order_id || ' ' || door, ', ') FROM (SELECT f.order_id, f.door
    FROM faults_orders f LEFT JOIN orders o USING (order_id) WHERE f.status = 'confirmed' AND o.order_id IS NULL LIMIT 5) x")"
  n=$(sql "SELECT count(*) FROM faults_orders WHERE status <> 'confirmed'")
  check "every order of the load was confirmed (202, broker confirm, file renamed) in time" "$n" \
    "$(sql "SELECT string_agg(order_id || ' ' || door || ' ' || status, ', ') FROM (SELECT * FROM faults_orders WHERE status <> 'confirmed' LIMIT 5) x")"
  n=$(sql "SELECT count(*) FROM orders WHERE state <> 'COMPLETED' OR outcome_due")
  check "every order COMPLETED and its outcome published" "$n" \
    "$(sql "SELECT string_agg(order_id || ' ' || state || coalesce(' (' || reason || ')', ''), ', ') FROM (SELECT * FROM orders WHERE state <> 'COMPLETED' OR outcome_due LIMIT 5) x")"
  n=$(sql "SELECT count(*) FROM (SELECT o.order_id FROM orders o LEFT JOIN order_events e ON e.order_id = o.order_id
    AND e.kind = 'STATE' AND e.operation IN ($FINAL_STATES) GROUP BY o.order_id HAVING count(e.id) <> 1) x")
  check "every order reached a final state exactly once (order_events)" "$n"
  n=$(sql "SELECT count(*) FROM orders o FULL JOIN faults_outcomes f USING (order_id) WHERE f.order_id IS NULL OR o.order_id IS NULL OR f.state <> o.state")
  check "exactly one outcome file per order, with its final state" "$n" \
    "$(sql "SELECT count(*) FROM faults_outcomes") outcome files for $(sql "SELECT count(*) FROM orders") orders"
  n=$(sql "SELECT count(*) FROM orders o LEFT JOIN faults_baskets b USING (basket_id) WHERE b.creates IS DISTINCT FROM 1")
  check "every order's basket created exactly once at TokenX (counted per basketID)" "$n"
  n=$(sql "SELECT count(*) FROM faults_baskets b LEFT JOIN orders o USING (basket_id) WHERE o.order_id IS NULL")
  check "no basket at TokenX without its order" "$n"
  figure "basket creates answered 1007 (a resend of a basket TokenX had: harmless)" "$(sql "SELECT coalesce(sum(duplicates), 0) FROM faults_baskets")"
  figure "basket creates answered 1100 (terminal busy)" "$(sql "SELECT count(*) FROM faults_calls WHERE answer = '1100'")"
  figure "orders completed by polling TokenX (their webhook was lost)" "$(sql "SELECT count(DISTINCT order_id) FROM order_events
    WHERE kind = 'STATE' AND detail = 'found by polling TokenX'")"
  n=$(sql "SELECT coalesce(sum(refused_404), 0) FROM faults_orders")
  check "the orders API never answered 404 (until its routes are up it answers 503)" "$n"
  figure "fake TokenX: API calls by answer, webhook posts by answer" "$(fake GET stats)"
}

# Nothing stuck at the doors: no order file left in the inbox, refused or half-taken, the queues empty.
check_intake() {
  local n
  n=$(find "$WORK/inbox" -maxdepth 1 -name '*.json' | wc -l)
  check "no order file left in the inbox" "$n" "$(find "$WORK/inbox" -maxdepth 1 -name '*.json' -printf '%f ' | head -c 300)"
  n=$(find "$WORK/error" -type f | wc -l)
  check "no order file refused to the error folder" "$n"
  n=$(find "$WORK/inbox/.taking" -type f 2>/dev/null | wc -l)
  check "no order file left taken and unfinished in the inbox's .taking" "$n"
  if [ "${QUEUE_INTAKE:-0}" = 1 ]; then
    local listing="" i
    # Other engineers' tests stop the broker now and then: wait for it (bounded) rather than miscount.
    for i in 1 2 3 4 5 6; do
      listing=$(rabbitmqctl -q list_queues name messages 2>/dev/null) && break
      listing=""; sleep 5
    done
    check "order queue and dead-letter queue empty" "$(awk -v q="$QUEUE" -v d="$DLQ" '$1 == q || $1 == d { s += $2; n++ }
      END { print n == 2 ? s + 0 : "queues not found" }' <<< "$listing")" "$QUEUE, $DLQ"
  fi
}

# The ledger's invariants (src/test/java/io/posbridge/ledger/LedgerInvariants.java), and no hold resolved twice.
check_ledger() {
  check "ledger: every transfer's entries sum to zero" \
    "$(sql "SELECT count(*) FROM (SELECT transfer_id FROM entries GROUP BY transfer_id HAVING sum(amount) <> 0) x")"
  check "ledger: balance = sum of entries, per account" "$(sql "SELECT count(*) FROM accounts a LEFT JOIN (SELECT account_id, sum(amount) total
    FROM entries GROUP BY account_id) e ON e.account_id = a.id WHERE a.balance <> coalesce(e.total, 0)")"
  check "ledger: held = sum of pending debit holds, per account" "$(sql "SELECT count(*) FROM accounts a LEFT JOIN (SELECT account_id,
    sum(amount) total FROM holds WHERE state = 'PENDING' AND direction = 'DEBIT' GROUP BY account_id) h ON h.account_id = a.id
    WHERE a.held <> coalesce(h.total, 0)")"
  check "ledger: nothing negative on customer accounts" \
    "$(sql "SELECT count(*) FROM accounts WHERE kind = 'CUSTOMER' AND (balance < 0 OR held < 0 OR balance - held < 0)")"
  check "ledger: at most one pending hold per token, and only pending holds keep a token" "$(sql "SELECT
    (SELECT count(*) FROM (SELECT token_id FROM holds WHERE state = 'PENDING' GROUP BY token_id HAVING count(*) > 1) x)
    + (SELECT count(*) FROM holds WHERE (state = 'PENDING') <> (open_token_id IS NOT NULL))")"
  # A hold resolves once: a posted one has exactly its two entries, anything else none; no entries of an unknown transfer.
  check "ledger: no hold resolved twice (posted: two entries of its amount; reversed, expired, pending: none)" "$(sql "SELECT count(*) FROM holds h
    LEFT JOIN (SELECT transfer_id, count(*) n, sum(abs(amount)) moved FROM entries GROUP BY transfer_id) e ON e.transfer_id = h.transfer_id
    WHERE CASE WHEN h.state = 'POSTED' AND h.posted_amount > 0 THEN e.n IS DISTINCT FROM 2 OR e.moved <> 2 * h.posted_amount
               ELSE e.n IS NOT NULL END")"
  check "ledger: every entry belongs to a hold or a credit" "$(sql "SELECT count(*) FROM entries e WHERE e.transfer_id NOT LIKE 'credit:%'
    AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.transfer_id = e.transfer_id)")"
  figure "holds by state" "$(sql "SELECT coalesce(string_agg(state || '=' || n, ', ' ORDER BY state), 'none') FROM (SELECT state, count(*) n FROM holds GROUP BY 1) x")"
}

# Every Yoyo -1 is in the ledger, every refusal wrote nothing, every unanswered call is consistent when sent again.
check_yoyo() {
  [ "$(sql "SELECT count(*) FROM faults_yoyo")" -gt 0 ] || return 0
  figure "Yoyo calls by answer (load)" "$(sql "SELECT coalesce(string_agg(call || ' ' || result || ' ' || code || '=' || n, ', ' ORDER BY call, result, code), 'none')
    FROM (SELECT call, result, code, count(*) n FROM faults_yoyo WHERE phase = 'load' GROUP BY 1, 2, 3) x")"
  figure "Yoyo calls sent again while unanswered during the load, by answer" "$(sql "SELECT coalesce(string_agg(call || ' ' || result || ' ' || code || '=' || n, ', ' ORDER BY call, result, code), 'none')
    FROM (SELECT call, result, code, count(*) n FROM faults_yoyo WHERE phase = 'again' GROUP BY 1, 2, 3) x")"
  figure "Yoyo calls still unanswered after the load, sent again, by answer" "$(sql "SELECT coalesce(string_agg(call || ' ' || result || ' ' || code || '=' || n, ', ' ORDER BY call, result, code), 'none')
    FROM (SELECT call, result, code, count(*) n FROM faults_yoyo WHERE phase = 'retry' GROUP BY 1, 2, 3) x")"
  figure "Yoyo latency p50 / p99 / max (ms)" "$(sql "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms) || ' / ' ||
    percentile_disc(0.99) WITHIN GROUP (ORDER BY latency_ms) || ' / ' || max(latency_ms) FROM faults_yoyo")"
  local n
  n=$(sql "SELECT count(*) FROM faults_yoyo y LEFT JOIN holds h ON h.hold_key = y.key
    WHERE y.call = 'T' AND y.result = 'answered' AND y.code = '-1' AND (h.hold_key IS NULL OR h.transfer_id <> y.vsp)")
  check "Yoyo: every transaction answered -1 has its hold, with the vspTrxId answered" "$n"
  n=$(sql "SELECT count(*) FROM (SELECT key FROM faults_yoyo WHERE call = 'T' AND result = 'answered' AND code = '-1'
    GROUP BY key HAVING count(DISTINCT vsp) <> 1) x")
  check "Yoyo: one vspTrxId per wiTrxId, however often it was answered" "$n"
  n=$(sql "SELECT count(*) FROM faults_yoyo y JOIN holds h ON h.hold_key = y.key WHERE y.call = 'T' AND y.result = 'answered'
    AND y.code <> '-1' AND NOT EXISTS (SELECT 1 FROM faults_yoyo s WHERE s.key = y.key AND s.call = 'T' AND s.code = '-1')")
  check "Yoyo: a transaction refused (any code but -1) wrote no hold" "$n" \
    "$(sql "SELECT coalesce(string_agg(key || ' code ' || code, ', '), '') FROM (SELECT y.key, y.code FROM faults_yoyo y JOIN holds h ON h.hold_key = y.key
      WHERE y.call = 'T' AND y.result = 'answered' AND y.code <> '-1' AND NOT EXISTS (SELECT 1 FROM faults_yoyo s WHERE s.key = y.key AND s.call = 'T' AND s.code = '-1') LIMIT 5) x")"
  n=$(sql "SELECT count(*) FROM faults_yoyo y LEFT JOIN holds h ON h.hold_key = y.key WHERE y.result = 'answered' AND y.code = '-1'
    AND ((y.call = 'F' AND h.state IS DISTINCT FROM 'POSTED') OR (y.call = 'R' AND h.state IS DISTINCT FROM 'REVERSED'))")
  check "Yoyo: every FINALISE answered -1 is posted, every REVERSE answered -1 reversed" "$n"
  n=$(sql "SELECT count(*) FROM faults_yoyo y WHERE y.phase = 'load' AND (y.result <> 'answered' OR (y.call <> 'T' AND y.code <> '-1'))
    AND NOT EXISTS (SELECT 1 FROM faults_yoyo r WHERE r.phase IN ('again', 'retry') AND r.key = y.key AND r.call = y.call
      AND r.result = 'answered' AND r.code = '-1')")
  check "Yoyo: every unanswered call, sent again with its wiTrxId, answers -1" "$n"
  # The first -1 of a transaction that had gone unanswered: was its hold made by the unanswered try, or by this one?
  figure "Yoyo unanswered transactions, answered -1 when sent again: hold made by the unanswered try / by the new one" "$(sql "SELECT
    coalesce(count(*) FILTER (WHERE h.created_at < to_timestamp(r.start_ms / 1000.0)), 0) || ' / ' ||
    coalesce(count(*) FILTER (WHERE h.created_at >= to_timestamp(r.start_ms / 1000.0)), 0)
    FROM (SELECT DISTINCT ON (key) key, start_ms FROM faults_yoyo WHERE phase IN ('again', 'retry') AND call = 'T' AND code = '-1'
      ORDER BY key, start_ms) r JOIN holds h ON h.hold_key = r.key")"
  n=$(sql "SELECT count(*) FROM holds h WHERE NOT EXISTS (SELECT 1 FROM faults_yoyo y WHERE y.key = h.hold_key AND y.call = 'T' AND y.code = '-1')")
  check "Yoyo: no hold that Yoyo was never answered -1 for" "$n"
  n=$(sql "SELECT count(*) FROM accounts a WHERE a.kind = 'CUSTOMER' AND a.balance <> $YOYO_CREDIT - coalesce((SELECT sum(h.posted_amount)
    FROM holds h WHERE h.account_id = a.id AND h.state = 'POSTED'), 0)")
  check "Yoyo: each account moved by exactly its posted holds" "$n"
  n=$(sql "SELECT count(*) FROM faults_yoyo WHERE result = 'none' AND code = 'timeout'")
  check "Yoyo: every call answered within Yoyo's 15 s" "$n" "$n timed out"
}

# event_ms TEXT [AFTER_MS]: the time of the first event of the timeline starting with TEXT (after AFTER_MS).
event_ms() {
  awk -F'\t' -v p="$1" -v after="${2:-0}" '$1 > after && index($2, p) == 1 { print $1; exit }' "$WORK/events.tsv"
}

# seconds_between FROM_MS TO_MS
seconds_between() {
  if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f s", (b - a) / 1000 }'; else echo "n/a"; fi
}

# resumed_figures LABEL FROM_MS: how long after FROM_MS each door stored an order again, and Yoyo answered -1 again.
resumed_figures() {
  local from=$2
  figure "$1: first order stored again, by source" "$(sql "SELECT coalesce(string_agg(source || ' ' || s || ' s', ', ' ORDER BY source), 'none')
    FROM (SELECT source, round(((extract(epoch FROM min(received_at)) * 1000 - $from) / 1000)::numeric, 1) s FROM orders
    WHERE received_at > to_timestamp($from / 1000.0) GROUP BY source) x")"
  figure "$1: first Yoyo transaction answered -1 again" "$(sql "SELECT coalesce(round(((min(start_ms + latency_ms) - $from) / 1000.0)::numeric, 1) || ' s', 'none')
    FROM faults_yoyo WHERE phase IN ('load', 'again') AND call = 'T' AND code = '-1' AND start_ms + latency_ms > $from")"
}

# From here on a scenario only reads and counts: a query that fails shows as a FAIL line, never ends the scenario.
begin_checks() {
  set +e
  echo "== checks"
}

# The last lines of a scenario: PASS/FAIL count, and its exit status.
finish() {
  echo "== $SCENARIO: $(grep -c '^PASS' "$WORK/checks.txt" || true) PASS, $FAILS FAIL (logs: ${WORK#"$ROOT"/})"
  [ "$FAILS" = 0 ]
}
