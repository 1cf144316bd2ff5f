#!/usr/bin/env bash
# Fault-injection scenarios for posbridge (issue 12): each starts posbridge's jar on a fresh scratch database with a fake
# TokenX, puts order and Yoyo load on it, injects one fault, lets everything finish, and ends with checks that print
# PASS or FAIL. These are not tests and CI does not run them: they take minutes, stop and start the machine's shared
# PostgreSQL and RabbitMQ, and print figures for docs/Reliability.md.
#
# Usage: bash bench/faults/run.sh [scenario…]     (all six when none is named; by number or name)
#   1 kill9       kill -9 under mixed order and Yoyo load, restart on the same database
#   2 postgres    PostgreSQL stopped 10 s, then 60 s, under load
#   3 rabbitmq    RabbitMQ stop_app for 10 s under queue intake
#   4 tokenx      the fake TokenX down 60 s, then slow (2 s a call), then failing 30 % of calls
#   5 sigterm     SIGTERM under load, then a restart
#   6 duplicates  the same Yoyo request, webhook and order many times at once
#   7 replicas    two posbridge replicas behind one "Service", 2,000 orders and Yoyo load, one stopped by SIGTERM
#                 halfway (only when named: bash bench/faults/run.sh replicas)
# Needs: PostgreSQL on 127.0.0.1:5432 (trust for postgres, pg_ctlcluster), RabbitMQ on :5672 (guest, rabbitmqctl),
# Java 17, curl, jq; run as a user allowed to stop and start both. Runs one scenario at a time (a lock), each a few
# minutes; logs and records stay in target/faults/runs/<scenario>/. FAULTS_REBUILD=1 rebuilds the jar first.
set -uo pipefail
cd "$(dirname "$0")/../.."

ALL=(kill9 postgres rabbitmq tokenx sigterm duplicates)
# Run only when named: two replicas (issue 16), the longest.
declare -A SCRIPT=([kill9]=s1-kill9.sh [postgres]=s2-postgres.sh [rabbitmq]=s3-rabbitmq.sh [tokenx]=s4-tokenx.sh
  [sigterm]=s5-sigterm.sh [duplicates]=s6-duplicates.sh [replicas]=s7-replicas.sh)

chosen=()
for arg in "$@"; do
  case "$arg" in
    [1-6]) chosen+=("${ALL[$((arg - 1))]}") ;;
    7) chosen+=(replicas) ;;
    *) [ -n "${SCRIPT[$arg]:-}" ] || { echo "unknown scenario: $arg (1-7 or ${ALL[*]} replicas)" >&2; exit 2; }
       chosen+=("$arg") ;;
  esac
done
[ ${#chosen[@]} -gt 0 ] || chosen=("${ALL[@]}")

mkdir -p target/faults/runs
# One run at a time on this machine, whichever worktree it comes from: two would fight over the ports, the scratch
# databases, PostgreSQL and RabbitMQ (a second run's load once went to the first one's posbridge). PostgreSQL and
# RabbitMQ are started with this descriptor closed (lib.sh, detached), so the lock never outlives the run in a server.
LOCK=${FAULTS_LOCK:-/tmp/posbridge-bench-faults.lock}
exec 9>> "$LOCK"
flock -n 9 || { echo "another bench/faults run is going on on this machine ($LOCK)" >&2; exit 2; }

# The jar, and the helpers: the JDK for everything but the queue publisher, which uses the RabbitMQ client posbridge
# ships (taken from the jar, so no download and the same version posbridge runs).
if [ "${FAULTS_REBUILD:-0}" = 1 ] || [ ! -f target/posbridge-0.1.0-SNAPSHOT.jar ]; then
  ./mvnw -B -o -q -DskipTests package || exit 1
fi
rm -rf target/faults/lib target/faults/classes
mkdir -p target/faults/lib target/faults/classes
unzip -q -j -o target/posbridge-0.1.0-SNAPSHOT.jar 'BOOT-INF/lib/amqp-client-*.jar' 'BOOT-INF/lib/slf4j-api-*.jar' \
  -d target/faults/lib || exit 1
javac -nowarn -d target/faults/classes -cp "target/faults/lib/*" bench/faults/*.java || exit 1

declare -A RESULT
started=$(date +%s)
for name in "${chosen[@]}"; do
  echo
  echo "######## scenario $name ($(date +%T))"
  t0=$(date +%s)
  bash "bench/faults/${SCRIPT[$name]}" 2>&1 | tee "target/faults/runs/$name.out"
  status=${PIPESTATUS[0]}
  RESULT[$name]="$([ "$status" = 0 ] && echo PASS || echo "FAIL (exit $status)") in $(($(date +%s) - t0)) s"
done

echo
echo "######## summary ($(($(date +%s) - started)) s)"
failed=0
for name in "${chosen[@]}"; do
  echo "${RESULT[$name]%% *} $name: ${RESULT[$name]#* }"
  case "${RESULT[$name]}" in PASS*) ;; *) failed=1 ;; esac
done
exit "$failed"
