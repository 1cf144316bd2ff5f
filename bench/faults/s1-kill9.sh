#!/usr/bin/env bash
# Scenario 1: kill -9 under mixed order (file, queue, HTTP) and Yoyo load, then a new JVM on the same database.
# The load keeps going while posbridge is dead: files wait in the inbox, messages in the queue, HTTP posts and Yoyo
# calls find nobody (refused, retried later; Yoyo's unanswered calls are sent again after the fault). Orders the dead
# JVM had claimed (SENDING) are sent again after posbridge.orders.stuck-after (30 s here); TokenX answers 1007 for a
# basket it already has. A slow TokenX just before the kill makes sure some are in flight.
source "$(dirname "$0")/lib.sh"
QUEUE_INTAKE=1
LOAD_SECONDS=${LOAD_SECONDS:-50}
KILL_AFTER=${KILL_AFTER:-15}
faults_init kill9
start_fake
start_app
wait_ready 120
setup_yoyo 3 4 71

mark "load starts: orders 15/s over file, queue and HTTP; Yoyo 3 clients; ${LOAD_SECONDS}s"
order_load rate=15 seconds="$LOAD_SECONDS" max=1000 doors=file,queue,http terminals=40
yoyo_load clients=3 seconds="$LOAD_SECONDS" max=100000 tokens=71 perClient=4 pauseMs=30
# TokenX answers slowly from a few seconds before the kill, so that basket calls are in flight (orders SENDING) when
# it comes; the new JVM sends those again after stuck-after.
sleep $((KILL_AFTER - 3))
fake POST "faults?delayMs=1500" > /dev/null; mark "TokenX slow (1.5 s per call), so that calls are in flight at the kill"
sleep 3
AT_KILL=$(sql "SELECT string_agg(state || '=' || n, ', ' ORDER BY state) FROM (SELECT state, count(*) n FROM orders GROUP BY 1) x")
stop_app KILL
fake DELETE faults > /dev/null; mark "TokenX answers at once again"
start_app
wait_ready 120
wait_loads
wait_drained 180
yoyo_retry
load_records

begin_checks
KILLED=$(event_ms "posbridge sent SIGKILL")
figure "kill -9 to ready again (new JVM on the same database)" "$(seconds_between "$KILLED" "$(event_ms "posbridge ready" "$KILLED")")"
resumed_figures "after the kill" "$KILLED"
figure "kill -9 to every order final and published" "$(seconds_between "$KILLED" "$(event_ms "drained")")"
figure "orders at the kill, by state" "$AT_KILL"
figure "orders claimed for sending more than once (the dead JVM's claims, released after stuck-after)" "$(sql "SELECT count(*) FROM orders WHERE attempts > 1")"
check "posbridge died of the kill (exit status 137)" "$([ "$APP_EXIT" = 137 ] && echo 0 || echo 1)" "status $APP_EXIT"
check_orders
check_intake
check_ledger
check_yoyo
finish
