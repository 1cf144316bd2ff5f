#!/usr/bin/env bash
# Plays Yoyo against a running posbridge sandbox: token info, a payment finalised, a payment reversed, and a
# finalise refused after the reverse, showing the demo account's balance move. Safe to run again and again
# (each run uses fresh wiTrxIds).
#   examples/yoyo/demo.sh [base-url]        default http://localhost:8080
set -euo pipefail

BASE="${1:-http://localhost:8080}"
BASE="${BASE%/}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ADMIN="${POSBRIDGE_ADMIN:-admin:sandbox-admin}"
ACCOUNT="${DEMO_ACCOUNT:-demo-1}"
# Fresh Yoyo transaction ids for this run (seconds since the epoch and a random number; portable to macOS).
RUN=$(( $(date +%s) * 100000 + RANDOM ))
PAID=$((RUN * 10 + 1))
REVERSED=$((RUN * 10 + 2))
FAILED=0

field() { # field NAME JSON -> the value of the first "NAME": string or number in JSON
  printf '%s' "$2" | grep -oE "\"$1\":(\"[^\"]*\"|-?[0-9]+)" | head -n 1 | cut -d: -f2 | tr -d '"'
}

with_ids() { # with_ids FILE WITRXID [VSPTRXID] -> the example with this run's ids
  local body
  body="$(sed "s/\"wiTrxId\":[0-9]*/\"wiTrxId\":$2/" "$HERE/$1")"
  if [ -n "${3:-}" ]; then
    body="$(printf '%s' "$body" | sed "s/\"originalTrx\":{/\"originalTrx\":{\"vspTrxId\":\"$3\",/")"
  fi
  printf '%s' "$body"
}

call() { # call TITLE PATH BODY EXPECTED_CODE -> prints the answer; sets ANSWER
  ANSWER="$(curl -sS -X POST -H 'Content-Type: application/json' --data-binary "$3" "$BASE$2")"
  local code
  code="$(field responseCode "$ANSWER")"
  if [ "$code" = "$4" ]; then mark="ok"; else mark="UNEXPECTED (wanted $4)"; FAILED=1; fi
  printf '%-34s %s\n%-34s -> responseCode %s: %s\n' "$1" "POST $2" "" "$code" "$mark"
  printf '    %s\n' "$ANSWER"
}

balance() { # balance TITLE -> prints and sets BALANCE, HELD
  local account
  account="$(curl -sS -f -u "$ADMIN" "$BASE/api/accounts/$ACCOUNT")"
  BALANCE="$(field balance "$account")"; HELD="$(field held "$account")"
  printf '%-34s balance %s, held %s, available %s (cents)\n' "$1" "$BALANCE" "$HELD" "$(field available "$account")"
}

echo "posbridge Yoyo demo against $BASE, account $ACCOUNT"
balance "account before"
START="$BALANCE"

call "1. token info" /yoyo/token-info "$(cat "$HERE/token-info.json")" -1
call "2. transaction (payment of 8500)" /yoyo/transaction "$(with_ids transaction.json "$PAID")" -1
VSP="$(field vspTrxId "$ANSWER")"
balance "   after the transaction"
call "3. finalise" /yoyo/advise "$(with_ids finalise.json "$PAID" "$VSP")" -1
balance "   after the finalise"
AFTER_PAYMENT="$BALANCE"

call "4. transaction (another 8500)" /yoyo/transaction "$(with_ids transaction.json "$REVERSED")" -1
VSP2="$(field vspTrxId "$ANSWER")"
call "5. reverse" /yoyo/advise "$(with_ids reverse.json "$REVERSED" "$VSP2")" -1
call "6. finalise after the reverse" /yoyo/advise "$(with_ids finalise.json "$REVERSED" "$VSP2")" 13
balance "account after"

echo
echo "balance moved by $((AFTER_PAYMENT - START)) (the finalised payment); the reversed one moved nothing: $((BALANCE - AFTER_PAYMENT))"
if [ "$((BALANCE - START))" != "-8500" ] || [ "$HELD" != "0" ]; then
  echo "UNEXPECTED: the balance should have moved by -8500 with nothing held"; FAILED=1
fi
if [ "$FAILED" = 0 ]; then echo "all answers as expected"; else echo "some answers were not as expected"; fi
exit "$FAILED"
