#!/usr/bin/env bash
# Scenario 7 (issue 16): two posbridge replicas on one machine, as on Kubernetes: one PostgreSQL database, one
# RabbitMQ queue, one shared inbox folder, and a "Service" (ServiceProxy.java) in front of both that the tills, Yoyo and
# the fake TokenX's webhooks go through. 2,000 orders over file, queue and HTTP and a Yoyo load reach both replicas;
# halfway, replica 1 gets SIGTERM (and is not started again: replica 2 carries on alone, as after a scale-down).
# Every basket must be created exactly once, every order get one outcome, published once, the ledger balance, no hold
# be resolved twice, and the background jobs both replicas run (hold expiry, re-drive, outcomes) not work twice.
source "$(dirname "$0")/lib.sh"
QUEUE_INTAKE=1
ORDERS=${ORDERS:-2000}
LOAD_SECONDS=${LOAD_SECONDS:-100}
PORT2=${FAULTS_PORT2:-18293}
SERVICE_PORT=${FAULTS_SERVICE_PORT:-18294}
HOLD_TIMEOUT_S=60
faults_init replicas
port_free "$PORT2" && port_free "$SERVICE_PORT" \
  || { echo "port $PORT2 or $SERVICE_PORT is taken; FAULTS_PORT2, FAULTS_SERVICE_PORT move them" >&2; exit 2; }
# Everything from outside goes through the Service; posbridge's callback URL at TokenX is the Service too.
BASE=http://127.0.0.1:$SERVICE_PORT
# An outcome file published twice would show as two JSON documents in one file (Append), not as one overwritten.
# Holds left pending expire after 60 s, and both replicas sweep every 2 s: an expiry done twice would show in the
# ledger checks (held, entries).
APP_ENV=(POSBRIDGE_ORDERS_OUTCOMEURI="file:$WORK/outbox?fileExist=Append" POSBRIDGE_YOYO_HOLDTIMEOUT=${HOLD_TIMEOUT_S}s
  POSBRIDGE_YOYO_SWEEPINTERVAL=2s)

"${HELPER[@]}" ServiceProxy "$SERVICE_PORT" "127.0.0.1:$PORT,127.0.0.1:$PORT2" > "$WORK/service.log" 2>&1 &
PIDS+=($!)
start_fake 100 300
# Both at once on the fresh database: Flyway's lock lets one migrate while the other waits.
start_app "$PORT" app-1.log
PID1=$APP_PID
start_app "$PORT2" app-2.log
PID2=$APP_PID
PIDS+=("$PID2")
wait_ready 180 "$PORT" "$PID1"
wait_ready 180 "$PORT2" "$PID2"
# Five Yoyo clients' accounts and tokens; the load uses four, the fifth's tokens get holds that are left to expire.
setup_yoyo 5 4 rep
EXPIRING_TOKENS=(rep16 rep17 rep18 rep19)

mark "load starts: $ORDERS orders over file, queue and HTTP through the Service; Yoyo 4 clients; ${LOAD_SECONDS}s"
order_load rate=$((ORDERS / LOAD_SECONDS + 1)) seconds="$LOAD_SECONDS" max="$ORDERS" doors=file,queue,http terminals=80 grace=240
yoyo_load clients=4 seconds="$LOAD_SECONDS" max=100000 tokens=rep perClient=4 pauseMs=30

# Holds Yoyo never finalises, recorded as YoyoTraffic records its calls, so that the Yoyo checks count them.
for token in "${EXPIRING_TOKENS[@]}"; do
  key="replicas-expiring-$token-$RUN"
  start=$(now_ms)
  answer=$(curl -s -m 15 -H 'Content-Type: application/json' "$BASE/yoyo/transaction" -d "{\"wiTrxId\":\"$key\",
    \"token\":{\"id\":\"$token\",\"type\":\"WICODE\"},\"type\":\"PAYMENT\",\"storeTrxDetails\":{\"storeId\":1050,
    \"basketId\":\"b\",\"trxId\":\"$key\",\"posId\":\"p\"},\"totalAmount\":100,\"basketAmount\":100,\"cashBackAmount\":0,
    \"vspCredentials\":{\"id\":\"FaultsVSP\",\"password\":\"faults-vsp\"}}")
  printf 'T\t%s\t%s\t100\tanswered\t%s\t%s\t%s\t%s\tload\n' "$key" "$token" "$(jq -r .responseCode <<< "$answer")" \
    "$(jq -r '.vspTrxId // ""' <<< "$answer")" "$start" $(($(now_ms) - start)) >> "$WORK/yoyo-expiring.tsv"
done
mark "4 holds made that Yoyo will not finalise (they expire after ${HOLD_TIMEOUT_S} s)"

sleep $((LOAD_SECONDS / 2))
echo "orders at the SIGTERM: $(sql "SELECT string_agg(state || '=' || n, ', ') FROM (SELECT state, count(*) n FROM orders GROUP BY 1) x")"
CONNECTIONS_AT_TERM=$(tail -n 1 "$WORK/service.log")
APP_PID=$PID1
stop_app TERM
REPLICA1_EXIT=$APP_EXIT
APP_PID=$PID2
wait_loads
wait_drained 300 "$ORDERS"
# Until both sweepers have had their chance at the expiring holds.
for _ in $(seq 1 $((HOLD_TIMEOUT_S + 30))); do
  [ "$(sql "SELECT count(*) FROM holds WHERE state = 'PENDING'")" = 0 ] && break
  sleep 1
done
mark "no hold pending"
cat "$WORK/yoyo-expiring.tsv" >> "$WORK/yoyo.tsv"
yoyo_retry
load_records

begin_checks
figure "connections through the Service at the SIGTERM" "${CONNECTIONS_AT_TERM#* }"
figure "connections through the Service in all" "$(tail -n 1 "$WORK/service.log" | cut -d' ' -f2-)"
figure "replica 1's exit status after SIGTERM" "$REPLICA1_EXIT"
check "replica 1 exited 0 after SIGTERM" "$([ "$REPLICA1_EXIT" = 0 ] && echo 0 || echo 1)" "exit status $REPLICA1_EXIT"
check "both replicas took connections before the SIGTERM" "$(grep -oE '127\.0\.0\.1:[0-9]+=0[,}]' <<< "$CONNECTIONS_AT_TERM" | wc -l)" \
  "${CONNECTIONS_AT_TERM#* }"
check "every outcome published once (one document per outcome file)" \
  "$(sql "SELECT count(*) FROM (SELECT order_id FROM faults_outcomes GROUP BY 1 HAVING count(*) > 1) x")"
check "the holds left alone expired, once each" "$(sql "SELECT count(*) FROM holds WHERE hold_key LIKE 'replicas-expiring-%'
  AND (state <> 'EXPIRED' OR resolved_at IS NULL)")" "$(sql "SELECT count(*) FROM holds WHERE state = 'EXPIRED'") expired"
check_orders
check_intake
check_ledger
check_yoyo
finish
