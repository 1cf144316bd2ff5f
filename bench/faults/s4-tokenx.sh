#!/usr/bin/env bash
# Scenario 4: the fake TokenX down for 60 s (every call HTTP 503), then slow for 30 s (2 s before each answer), then
# failing 30 % of calls for 30 s (HTTP 500, status 12), under order load through all three doors. Orders wait
# (WAITING, re-driven later) and complete once TokenX is back; nothing is created twice. The circuit breaker's state is
# sampled from /actuator/metrics twice a second, and the calls that reached the fake while it said "open" are printed.
source "$(dirname "$0")/lib.sh"
QUEUE_INTAKE=1
DOWN=${DOWN_SECONDS:-60}
SLOW=${SLOW_SECONDS:-30}
FAILING=${FAILING_SECONDS:-30}
faults_init tokenx
start_fake
start_app
wait_ready 120
setup_yoyo 2 2 74

# The breaker's state, as the metrics show it (/actuator/metrics, resilience4j.circuitbreaker.state, one gauge per
# state, 1 for the current one), twice a second: "ms<TAB>state".
breaker_gauge() {
  curl -s --max-time 2 "$MANAGEMENT/actuator/metrics/resilience4j.circuitbreaker.state?tag=name:tokenx&tag=state:$1" \
    | jq -r '.measurements[0].value // empty | floor' 2>/dev/null
}
sample_breaker() {
  local state i at
  for i in $(seq 1 2400); do # 20 minutes at most; the EXIT trap stops it sooner
    at=$(now_ms) # before the reads: the state is what it was a few ms after this
    if [ "$(breaker_gauge open)" = 1 ]; then state=open
    elif [ "$(breaker_gauge half_open)" = 1 ]; then state=half_open
    elif [ "$(breaker_gauge closed)" = 1 ]; then state=closed
    else state=unknown; fi
    printf '%s\t%s\n' "$at" "$state" >> "$WORK/breaker.tsv"
    sleep 0.5
  done
}
sample_breaker &
PIDS+=($!)

LOAD_SECONDS=$((10 + DOWN + SLOW + FAILING + 10))
mark "load starts: orders 5/s over file, queue and HTTP; Yoyo 2 clients; ${LOAD_SECONDS}s"
order_load rate=5 seconds="$LOAD_SECONDS" max=2000 doors=file,queue,http terminals=40 grace=240
yoyo_load clients=2 seconds="$LOAD_SECONDS" max=100000 tokens=74 perClient=2 pauseMs=200
sleep 10
fake POST "faults?down=true" > /dev/null; mark "TokenX down"
sleep "$DOWN"
fake POST "faults?down=false&delayMs=2000" > /dev/null; mark "TokenX up, slow: 2 s per call"
sleep "$SLOW"
fake POST "faults?delayMs=0&failureRate=0.3" > /dev/null; mark "TokenX failing 30 % of calls"
sleep "$FAILING"
fake DELETE faults > /dev/null; mark "TokenX healthy"
wait_loads
wait_drained 300
yoyo_retry
load_records
sql "CREATE TABLE faults_breaker (ms bigint, state text)"
sql "\\copy faults_breaker FROM '$WORK/breaker.tsv'"

begin_checks
T0=$(event_ms "load starts")
HEALTHY=$(event_ms "TokenX healthy")
figure "breaker states (seconds after the load started)" "$(sql "SELECT string_agg(round((ms - $T0) / 1000.0, 1) || ' ' || state, ', ' ORDER BY ms)
  FROM (SELECT ms, state, lag(state) OVER (ORDER BY ms) prev FROM faults_breaker) x WHERE prev IS DISTINCT FROM state")"
figure "TokenX calls by phase and answer" "$(sql "WITH c AS (SELECT c.ms, c.answer, coalesce((SELECT event FROM faults_events e
    WHERE e.ms <= c.ms AND e.event LIKE 'TokenX%' ORDER BY e.ms DESC LIMIT 1), 'before the faults') phase FROM faults_calls c),
  p AS (SELECT phase, answer, count(*) n, min(ms) first FROM c GROUP BY 1, 2)
  SELECT string_agg(phase || ': ' || answers, '; ' ORDER BY first) FROM (SELECT phase, min(first) first,
    string_agg(answer || '=' || n, ', ' ORDER BY answer) answers FROM p GROUP BY phase) x")"
# What reached TokenX while the breaker said open. A call is let through (or not) when it starts; one that started just
# before the breaker opened reaches the fake a moment later, so calls within 1 s of the sample that first saw it open
# are counted apart, as in flight when it opened. After that, an open breaker lets through only its half-open trial
# calls: permitted-calls-in-half-open-state (3), wait-duration-in-open-state (30 s) after it opened; the trials decide
# at once (a failure rate under 50 % closes it, otherwise it opens again), between two samples. So the calls are
# grouped in bursts (2 s apart or more): the first 3 of a burst are the trials, and a call after them is allowed only
# if the trials closed the breaker (at most one of the three failed); each burst must come at least 25 s after the
# breaker was seen opening or after the burst before.
sql "CREATE TABLE faults_open_calls AS
  WITH opened AS (SELECT ms FROM (SELECT ms, state, lag(state) OVER (ORDER BY ms) prev FROM faults_breaker) x
                  WHERE state = 'open' AND prev IS DISTINCT FROM 'open'),
  c AS (SELECT ms, answer, method || ' ' || path || ' ' || answer AS what,
          ms - (SELECT max(o.ms) FROM opened o WHERE o.ms <= c.ms) AS since_opened FROM faults_calls c
        WHERE (SELECT state FROM faults_breaker b WHERE b.ms <= c.ms ORDER BY b.ms DESC LIMIT 1) = 'open'),
  g AS (SELECT *, CASE WHEN ms - lag(ms) OVER (ORDER BY ms) < 2000 THEN 0 ELSE 1 END AS starts FROM c WHERE since_opened >= 1000)
  SELECT ms, answer, what, since_opened, sum(starts) OVER (ORDER BY ms) AS burst FROM g
  UNION ALL SELECT ms, answer, what, since_opened, NULL FROM c WHERE since_opened < 1000"
sql "CREATE TABLE faults_open_bursts AS
  WITH r AS (SELECT *, row_number() OVER (PARTITION BY burst ORDER BY ms) AS n FROM faults_open_calls WHERE burst IS NOT NULL),
  opened AS (SELECT ms FROM (SELECT ms, state, lag(state) OVER (ORDER BY ms) prev FROM faults_breaker) x
             WHERE state = 'open' AND prev IS DISTINCT FROM 'open'),
  b AS (SELECT burst, min(ms) AS first, max(ms) AS last, count(*) FILTER (WHERE n <= 3) AS trials,
          count(*) FILTER (WHERE n <= 3 AND answer <> '200') AS trial_failures, count(*) FILTER (WHERE n > 3) AS after,
          string_agg(what, ', ' ORDER BY ms) FILTER (WHERE n <= 3) AS what FROM r GROUP BY burst)
  SELECT b.*, greatest((SELECT max(ms) FROM opened o WHERE o.ms <= b.first), lag(first) OVER (ORDER BY first)) AS since,
    (SELECT state FROM faults_breaker s WHERE s.ms > b.last ORDER BY s.ms LIMIT 1) AS next_state
  FROM b"
OPEN_CALLS=$(sql "SELECT count(*) FROM faults_open_calls WHERE burst IS NOT NULL")
figure "TokenX calls in flight when the breaker opened (reached TokenX within 1 s of it)" "$(sql "SELECT count(*) || coalesce(' (' ||
  string_agg(what || ' ' || since_opened || ' ms after', ', ' ORDER BY ms) || ')', '') FROM faults_open_calls WHERE burst IS NULL")"
figure "TokenX calls made while the breaker was open" "$OPEN_CALLS in $(sql "SELECT count(*) FROM faults_open_bursts") bursts$(
  [ "$OPEN_CALLS" = 0 ] || echo ": $(sql "SELECT string_agg(round((first - $T0) / 1000.0, 1) || ' s (' || round((first - since) / 1000.0, 1)
    || ' s after it opened or the last trial): ' || trials || ' trial call(s) (' || what || ')' || CASE WHEN after > 0
    THEN ', then ' || after || ' more' ELSE '' END || ', breaker then ' || coalesce(next_state, '?'), '; ' ORDER BY first)
    FROM faults_open_bursts")")"
figure "calls the open breaker refused without sending (not_permitted)" "$(curl -s \
  "$MANAGEMENT/actuator/metrics/resilience4j.circuitbreaker.not.permitted.calls?tag=name:tokenx" | jq -r '.measurements[0].value')"
figure "orders WAITING at some point (re-driven after TokenX failed)" "$(sql "SELECT count(DISTINCT order_id) FROM order_events WHERE kind = 'STATE' AND operation = 'WAITING'")"
figure "most send attempts of one order" "$(sql "SELECT max(attempts) FROM orders")"
figure "TokenX healthy again to every order final and published" "$(seconds_between "$HEALTHY" "$(event_ms "drained")")"
check "while open, the breaker let through only its trial calls (3, 25 s or more apart; more only once they closed it)" \
  "$(sql "SELECT count(*) FROM faults_open_bursts WHERE (after > 0 AND trial_failures >= 2) OR first - since < 25000")"
check "the breaker opened while TokenX was down" "$(sql "SELECT CASE WHEN count(*) > 0 THEN 0 ELSE 1 END FROM faults_breaker WHERE state = 'open'")"
check_orders
check_intake
check_ledger
check_yoyo
finish
