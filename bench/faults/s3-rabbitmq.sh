#!/usr/bin/env bash
# Scenario 3: RabbitMQ restarted under queue intake: rabbitmqctl stop_app, 10 s, start_app, while orders are
# published to posbridge's durable queue (persistent, mandatory, with publisher confirms; an order the broker did not
# confirm is published again once it is back). posbridge is not restarted: its consumer must come back by itself and
# every confirmed order must be stored once. The EXIT trap runs start_app whatever happens.
source "$(dirname "$0")/lib.sh"
QUEUE_INTAKE=1
OUTAGE=${RABBIT_OUTAGE:-10}
faults_init rabbitmq
start_fake
start_app
wait_ready 120
setup_yoyo 1 2 73

LOAD_SECONDS=${LOAD_SECONDS:-50}
mark "load starts: orders 20/s on the queue; Yoyo 1 client; ${LOAD_SECONDS}s"
order_load rate=20 seconds="$LOAD_SECONDS" max=2000 doors=queue terminals=40 grace=180
yoyo_load clients=1 seconds="$LOAD_SECONDS" max=100000 tokens=73 perClient=2 pauseMs=100
sleep 15
echo "queue orders stored before the restart: $(sql "SELECT count(*) FROM orders")"
rabbit_stop
sleep "$OUTAGE"
rabbit_start
wait_loads
wait_drained 240
yoyo_retry
load_records

begin_checks
STOPPED=$(event_ms "RabbitMQ stopped"); STARTED=$(event_ms "RabbitMQ started" "$STOPPED")
figure "broker down (stop_app to start_app)" "$(seconds_between "$STOPPED" "$STARTED")"
resumed_figures "after start_app" "$STARTED"
figure "queue publishes not confirmed while the broker was down (published again a second later)" "$(sql "SELECT coalesce(sum(no_answer + other), 0) FROM faults_orders")"
figure "start_app to every order final and published" "$(seconds_between "$STARTED" "$(event_ms "drained")")"
check "posbridge kept running through the broker restart" "$(kill -0 "$APP_PID" 2>/dev/null && echo 0 || echo 1)"
check "the consumer came back by itself: orders stored from the queue after start_app" \
  "$(sql "SELECT CASE WHEN count(*) > 0 THEN 0 ELSE 1 END FROM orders WHERE source = 'QUEUE' AND received_at > to_timestamp($STARTED / 1000.0)")"
check_orders
check_intake
check_ledger
check_yoyo
finish
