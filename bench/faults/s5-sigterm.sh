#!/usr/bin/env bash
# Scenario 5: SIGTERM under mixed order and Yoyo load. posbridge must stop taking new files and messages, finish what
# it is doing within Camel's shutdown timeout (45 s), exit 0, and leave nothing half-done: no order claimed but not
# recorded (SENDING), no file left half-taken, no file archived without its order. The load keeps going while it is down
# (files wait in the inbox, messages in the queue, HTTP and Yoyo callers retry later); then posbridge is started again
# on the same database and everything must finish.
source "$(dirname "$0")/lib.sh"
QUEUE_INTAKE=1
LOAD_SECONDS=${LOAD_SECONDS:-50}
TERM_AFTER=${TERM_AFTER:-15}
SHUTDOWN_TIMEOUT_S=45
faults_init sigterm
# Baskets completed 1.5 s after they are created, so that some are at TokenX, not yet completed, at the SIGTERM.
start_fake 500 1000
start_app
wait_ready 120
setup_yoyo 3 4 75

mark "load starts: orders 15/s over file, queue and HTTP; Yoyo 3 clients; ${LOAD_SECONDS}s"
order_load rate=15 seconds="$LOAD_SECONDS" max=2000 doors=file,queue,http terminals=40 grace=180
yoyo_load clients=3 seconds="$LOAD_SECONDS" max=100000 tokens=75 perClient=4 pauseMs=30
# TokenX answers slowly from a few seconds before the SIGTERM, so that basket calls are in flight when it comes: the
# shutdown must wait for them and record their answers.
sleep $((TERM_AFTER - 3))
fake POST "faults?delayMs=1500" > /dev/null; mark "TokenX slow (1.5 s per call), so that calls are in flight at the SIGTERM"
sleep 3
echo "orders in posbridge at the SIGTERM: $(sql "SELECT string_agg(state || '=' || n, ', ') FROM (SELECT state, count(*) n FROM orders GROUP BY 1) x")"
stop_app TERM
TERM_MS=$(event_ms "posbridge sent SIGTERM"); EXIT_MS=$(event_ms "posbridge exited")
# What the stopped posbridge left, before anything starts again.
AT_EXIT_STATES=$(sql "SELECT string_agg(state || '=' || n, ', ') FROM (SELECT state, count(*) n FROM orders GROUP BY 1) x")
AT_EXIT_SENDING=$(sql "SELECT count(*) FROM orders WHERE state = 'SENDING'")
AT_EXIT_TAKEN=$(find "$WORK/inbox/.taking" -type f 2>/dev/null | wc -l)
AT_EXIT_LATE=$(sql "SELECT string_agg(source || '=' || n, ', ') FROM (SELECT source, count(*) n FROM orders
  WHERE received_at > to_timestamp(($TERM_MS + 2000) / 1000.0) GROUP BY 1) x")
AT_EXIT_INBOX=$(find "$WORK/inbox" -maxdepth 1 -name '*.json' | wc -l)
ls "$WORK/inbox/.done" 2>/dev/null | sed -n 's/\.json$//p' > "$WORK/done-at-exit.txt"
AT_EXIT_DONE_WITHOUT_ORDER=$(sql "SELECT count(*) FROM unnest(string_to_array('$(tr '\n' ',' < "$WORK/done-at-exit.txt")', ',')) f
  WHERE f <> '' AND NOT EXISTS (SELECT 1 FROM orders WHERE order_id = f)")
fake DELETE faults > /dev/null; mark "TokenX answers at once again"
sleep 5
start_app
wait_ready 120
wait_loads
wait_drained 240
yoyo_retry
load_records

begin_checks
figure "SIGTERM to exit" "$(seconds_between "$TERM_MS" "$EXIT_MS")"
figure "Camel's shutdown, from its log" "$(grep -o 'Waiting as there are still [0-9]* inflight and pending exchanges to complete' "$WORK/app.log" | head -n 1 |
  sed 's/Waiting as there are still/waited for/; s/ and pending exchanges to complete/ exchanges/') $(grep -o 'shutdown in [0-9a-z]*' "$WORK/app.log" | head -n 1)"
figure "exit status" "$APP_EXIT"
figure "orders at exit, by state" "$AT_EXIT_STATES"
figure "orders stored more than 2 s after the SIGTERM, by source" "${AT_EXIT_LATE:-none}"
figure "order files waiting in the inbox at exit" "$AT_EXIT_INBOX"
check "posbridge exited 0 after SIGTERM" "$([ "$APP_EXIT" = 0 ] && echo 0 || echo 1)" "exit status $APP_EXIT"
check "posbridge stopped within Camel's shutdown timeout ($SHUTDOWN_TIMEOUT_S s)" \
  "$(awk -v a="$TERM_MS" -v b="$EXIT_MS" -v t="$SHUTDOWN_TIMEOUT_S" 'BEGIN { print (b - a) <= t * 1000 ? 0 : 1 }')"
check "at exit: no order claimed for sending and not recorded (SENDING)" "$AT_EXIT_SENDING"
check "at exit: no order file left taken and unfinished (.taking)" "$AT_EXIT_TAKEN"
check "at exit: no order file archived in .done without its order stored" "$AT_EXIT_DONE_WITHOUT_ORDER"
# Files renamed into the inbox and queue messages confirmed more than 2 s after the SIGTERM must not have been taken.
check "after the SIGTERM, no new file or queue message taken" "$(sql "SELECT count(*) FROM faults_orders f JOIN orders o USING (order_id)
  WHERE f.door IN ('file', 'queue') AND f.confirmed_ms > $TERM_MS + 2000 AND f.confirmed_ms < $EXIT_MS
  AND o.received_at < to_timestamp($EXIT_MS / 1000.0)")"
figure "restart to every order final and published" "$(seconds_between "$(event_ms "posbridge started" "$EXIT_MS")" "$(event_ms "drained")")"
resumed_figures "after the restart" "$EXIT_MS"
check_orders
check_intake
check_ledger
check_yoyo
finish
