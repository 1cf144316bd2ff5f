#!/usr/bin/env bash
# Scenario 2: PostgreSQL stopped for 10 s, then (after a pause) for 60 s, under mixed order and Yoyo load, with
# pg_ctlcluster stop -m fast / start. posbridge is not restarted: it must resume by itself. During an outage posbridge
# can store nothing: HTTP posts get 503 with Retry-After (or no answer), files and queue messages wait, Yoyo calls are
# answered 99 within the deadline (nothing written) or go unanswered, and are sent again. The EXIT trap starts
# PostgreSQL again whatever happens; other engineers' tests share this server, so the outages stay this short.
source "$(dirname "$0")/lib.sh"
QUEUE_INTAKE=1
SHORT=${SHORT_OUTAGE:-10}
LONG=${LONG_OUTAGE:-60}
faults_init postgres
start_fake
start_app
wait_ready 120
setup_yoyo 3 4 72

LOAD_SECONDS=$((15 + SHORT + 20 + LONG + 20))
mark "load starts: orders 10/s over file, queue and HTTP; Yoyo 3 clients; ${LOAD_SECONDS}s"
order_load rate=10 seconds="$LOAD_SECONDS" max=2000 doors=file,queue,http terminals=40 grace=180
yoyo_load clients=3 seconds="$LOAD_SECONDS" max=100000 tokens=72 perClient=4 pauseMs=50
sleep 15
pg_stop
sleep "$SHORT"
pg_start
sleep 20
pg_stop
sleep "$LONG"
pg_start
wait_loads
wait_drained 240
yoyo_retry
load_records

begin_checks
STOP1=$(event_ms "PostgreSQL stopped"); UP1=$(event_ms "PostgreSQL started" "$STOP1")
STOP2=$(event_ms "PostgreSQL stopped" "$UP1"); UP2=$(event_ms "PostgreSQL started" "$STOP2")
figure "outages" "$(seconds_between "$STOP1" "$UP1") and $(seconds_between "$STOP2" "$UP2")"
resumed_figures "after the ${SHORT} s outage" "$UP1"
resumed_figures "after the ${LONG} s outage" "$UP2"
figure "Yoyo calls during the outages by answer" "$(sql "SELECT coalesce(string_agg(call || ' ' || result || ' ' || code || '=' || n, ', ' ORDER BY call, result, code), 'none')
  FROM (SELECT call, result, code, count(*) n FROM faults_yoyo WHERE (start_ms BETWEEN $STOP1 AND $UP1) OR (start_ms BETWEEN $STOP2 AND $UP2)
  GROUP BY 1, 2, 3) x")"
figure "Yoyo calls answered -1 later than 5 s (posbridge.yoyo.deadline)" "$(sql "SELECT count(*) FROM faults_yoyo WHERE code = '-1' AND latency_ms > 5000")"
check "posbridge kept running through both outages" "$(kill -0 "$APP_PID" 2>/dev/null && echo 0 || echo 1)"
check_orders
check_intake
check_ledger
check_yoyo
finish
