#!/usr/bin/env bash
# Scenario 6, duplicate storms: the same Yoyo request 500 times at once (transaction, then FINALISE; another
# transaction, then REVERSE), the same webhook 500 times at once (LOCKED, then COMPLETED), and the same order dropped
# as two files, published three times on the queue and posted ten times over HTTP, all at the same moment (20 orders).
# Each must have exactly one effect: one hold and one vspTrxId, one posting, one event per webhook, one order, one
# basket and one outcome.
source "$(dirname "$0")/lib.sh"
QUEUE_INTAKE=1
COPIES=${STORM_COPIES:-500}
STORM_ORDERS=${STORM_ORDERS:-20}
faults_init duplicates
start_fake
start_app
wait_ready 120
setup_yoyo 1 1 76

mark "Yoyo storm: $COPIES copies of each call"
"${HELPER[@]}" YoyoTraffic storm base="$BASE" out="$WORK/yoyo-storm.tsv" copies="$COPIES" token=760

# An order on a QUIET- terminal gets no webhooks from the fake: the storm brings them.
mark "webhook storm: $COPIES copies of BASKET_LOCKED, then of BASKET_COMPLETED"
QUIET_ORDER='{"orderId":"duplicates-quiet","terminalId":"QUIET-1","lines":[{"name":"Tea","unitPrice":"10.00","quantity":"1","vatRate":"10","section":1}],"payments":[{"type":"CASH","amount":"10.00"}]}'
BASKET=$(curl -sf -H 'X-Api-Key: bench-till-key' -H 'Content-Type: application/json' --data "$QUIET_ORDER" "$BASE/api/orders" | jq -r .basketId)
for _ in $(seq 1 60); do
  [ "$(curl -sf -H 'X-Api-Key: bench-till-key' "$BASE/api/orders/duplicates-quiet" | jq -r .state)" = SENT ] && break
  sleep 0.5
done
for operation in BASKET_LOCKED BASKET_COMPLETED; do
  "${HELPER[@]}" OrderTraffic webhooks out="$WORK/storm-webhooks.tsv" base="$BASE" auth="$CALLBACK_AUTH" basket="$BASKET" \
    copies="$COPIES" operation="$operation" date="$(date -u +%Y-%m-%dT%H:%M:%S.000Z)"
done

mark "order storm: $STORM_ORDERS orders, each as 2 files, 3 queue messages and 10 HTTP posts at once"
"${HELPER[@]}" OrderTraffic storm out="$WORK/storm-orders.tsv" base="$BASE" inbox="$WORK/inbox" amqp="$AMQP" \
  exchange="$EXCHANGE" routingKey="$QUEUE" orders="$STORM_ORDERS" files=2 messages=3 posts=10 prefix=duplicates-S
wait_drained 120 $((STORM_ORDERS + 1))
load_records

begin_checks
figure "Yoyo storm answers" "$(sql "SELECT string_agg(call || ' ' || result || ' ' || code || '=' || n, ', ' ORDER BY call, code)
  FROM (SELECT call, result, code, count(*) n FROM faults_yoyo WHERE phase = 'storm' GROUP BY 1, 2, 3) x")"
figure "Yoyo storm latency p50 / max (ms)" "$(sql "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms) || ' / ' || max(latency_ms)
  FROM faults_yoyo WHERE phase = 'storm'")"
check "Yoyo storm: every copy of every call answered -1" \
  "$(sql "SELECT count(*) FROM faults_yoyo WHERE phase = 'storm' AND NOT (result = 'answered' AND code = '-1')")" \
  "$(sql "SELECT count(*) FROM faults_yoyo WHERE phase = 'storm'") calls"
check "Yoyo storm: one hold per wiTrxId" "$(sql "SELECT abs(count(*) - 2) FROM holds WHERE hold_key IN (SELECT key FROM faults_yoyo WHERE phase = 'storm')")"
check "Yoyo storm: the finalised hold posted once (two entries), the reversed one moved nothing" "$(sql "SELECT
  abs((SELECT count(*) FROM entries e JOIN holds h USING (transfer_id) WHERE h.hold_key IN (SELECT key FROM faults_yoyo WHERE phase = 'storm')) - 2)
  + abs((SELECT balance FROM accounts WHERE id = '76-acc-0') - ($YOYO_CREDIT - 100))")" \
  "account 76-acc-0: balance $(sql "SELECT balance || ', held ' || held FROM accounts WHERE id = '76-acc-0'")"

figure "webhook storm answers" "$(sql "SELECT string_agg(operation || ' ' || answer || '=' || n, ', ' ORDER BY operation, answer)
  FROM (SELECT operation, answer, count(*) n FROM faults_webhooks GROUP BY 1, 2) x")"
check "webhook storm: every copy answered 200, exactly one of each webhook as new" "$(sql "SELECT
  (SELECT count(*) FROM faults_webhooks WHERE answer NOT IN ('200-first', '200-duplicate'))
  + abs((SELECT count(*) FROM faults_webhooks WHERE answer = '200-first') - 2)")"
check "webhook storm: one event kept per webhook" "$(sql "SELECT abs(count(*) - 2) FROM order_events WHERE kind = 'WEBHOOK' AND basket_id = '$BASKET'")"
check "webhook storm: the order moved once to LOCKED and once to COMPLETED" "$(sql "SELECT
  abs(count(*) FILTER (WHERE operation = 'LOCKED') - 1) + abs(count(*) FILTER (WHERE operation = 'COMPLETED') - 1)
  FROM order_events WHERE kind = 'STATE' AND order_id = 'duplicates-quiet'")"

figure "order storm answers" "$(sql "SELECT string_agg(door || ' ' || answer || '=' || n, ', ' ORDER BY door, answer)
  FROM (SELECT door, answer, count(*) n FROM faults_storm GROUP BY 1, 2) x")"
check "order storm: every post answered 202, every message confirmed, every file dropped" "$(sql "SELECT count(*) FROM faults_storm
  WHERE (door = 'http' AND answer <> '202') OR (door = 'queue' AND answer <> 'confirmed') OR (door = 'file' AND answer <> 'dropped')")"
check "order storm: one order per order id" "$(sql "SELECT abs(count(*) - $STORM_ORDERS) FROM orders WHERE order_id LIKE 'duplicates-S%'")"
check "order storm: every copy's file archived in .done" \
  "$(($(find "$WORK/inbox/.done" -name 'duplicates-S*.json' 2>/dev/null | wc -l) - STORM_ORDERS * 2))"

check_orders
check_intake
check_ledger
check_yoyo
finish
