#!/usr/bin/env bash
# Java 25's AOT cache against the image's Java 17 class data sharing archive and against neither: readiness and RSS,
# three alternating starts each, on the image folder bench/ImageStart.java builds (run that first). Figures and the
# choice in bench/README.md, "Image start".
set -u
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
APP=${APP:-$(cd "$(dirname "$0")/.." && pwd)/target/image-start/stage-1/app}
J25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
J17=/usr/bin/java
cd "$APP"
rm -rf cds-training
$J25 -XX:AOTCacheOutput=$WORK/app.aot -Dspring.context.exit=onRefresh @jvm-options -jar application.jar --spring.config.additional-location=file:cds-training.properties > $WORK/train.log 2>&1
echo "train rc=$? size=$(du -m $WORK/app.aot | cut -f1) MiB"
rm -rf cds-training
start() { # label java opts...
  local label=$1 java=$2; shift 2
  local db=posbridge_aot_$RANDOM
  psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db"
  local run=$(mktemp -d)
  local t0=$(date +%s%N)
  env SERVER_PORT=18401 MANAGEMENT_SERVER_PORT=18402 SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db SPRING_DATASOURCE_USERNAME=postgres \
    POSBRIDGE_TOKENX_AUTHURL=http://127.0.0.1:9/ POSBRIDGE_TOKENX_BASKETURL=http://127.0.0.1:9/ POSBRIDGE_TOKENX_CLIENTSETTINGSURL=http://127.0.0.1:9/ \
    POSBRIDGE_TOKENX_CALLBACKURL=http://127.0.0.1:18401/webhooks/tokenx POSBRIDGE_TOKENX_CLIENTID=a POSBRIDGE_TOKENX_CLIENTSECRET=a POSBRIDGE_TOKENX_CALLBACKAUTH=a \
    POSBRIDGE_TOKENX_FISCALCHECK_ENABLED=false POSBRIDGE_ORDERS_APIKEYS_A=$(printf '0%.0s' $(seq 64)) POSBRIDGE_ORDERS_INBOX=$run/in POSBRIDGE_ORDERS_ERRORDIR=$run/err \
    POSBRIDGE_ORDERS_OUTCOMEURI=file:$run/out POSBRIDGE_YOYO_VSPID=a POSBRIDGE_YOYO_VSPPASSWORD=a POSBRIDGE_ADMIN_USERNAME=a POSBRIDGE_ADMIN_PASSWORD=a \
    $java "$@" @jvm-options -jar application.jar > $run/app.log 2>&1 &
  local pid=$!
  for i in $(seq 1 600); do curl -sf localhost:18402/actuator/health/readiness >/dev/null 2>&1 && break; sleep 0.05; done
  local t1=$(date +%s%N)
  local rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
  kill $pid; wait $pid
  echo "$label ready $(( (t1 - t0) / 1000000 )) ms rss $rss MiB"
  psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE $db WITH (FORCE)"
  rm -rf $run
}
for r in 1 2 3; do
  start "java25+aot" $J25 -XX:AOTCache=$WORK/app.aot
  start "java17+cds" $J17 -XX:SharedArchiveFile=application.jsa
  start "java25-none" $J25
done
