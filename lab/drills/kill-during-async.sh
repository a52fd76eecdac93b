#!/usr/bin/env bash
# Kill drill with the product's default settings: a standalone gateway simulator, `serve` on a
# fresh database of the local PostgreSQL, a stream of async payments, `kill -9` of serve in the
# middle of it, a restart, the client's retry (same keys) of what got no answer. It then waits
# until every accepted payment is paid or failed and compares with the simulator's ledger:
# exactly one live charge per paid order, none for a failed one. Exit 0 when that holds within
# two minutes of the restart, 1 otherwise. Only loopback traffic; bounded in count and time.
#
#   lab/drills/kill-during-async.sh [PAYMENTS (default 300)] [PARALLEL (default 16)]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

payments="${1:-300}"
parallel="${2:-16}"
db="oncepay_drill_$(date +%s)_$$"
work="$(mktemp -d /tmp/oncepay-drill-XXXXXX)"
key="sk_drill_$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await_http() { # url, seconds
  for _ in $(seq 1 "$2"); do curl -fs -o /dev/null "$1" && return 0; sleep 1; done
  echo "no answer from $1" >&2; return 1
}

psql -h 127.0.0.1 -U postgres -d test -qc "CREATE DATABASE $db" >/dev/null
sim_port=$(free_port); port=$(free_port)
api="http://127.0.0.1:$port"
./oncepay gateway-sim --port "$sim_port" >"$work/sim.log" 2>&1 &
pids+=($!)
await_http "http://127.0.0.1:$sim_port/sim/ledger" 60
# A gateway that takes 50 ms (±30): at the kill, workers are in the middle of calls.
curl -fs -o /dev/null -X POST "http://127.0.0.1:$sim_port/sim/knobs" \
  -d '{"latency_mean_ms":50,"latency_jitter_ms":30}'

serve() {
  ONCEPAY_PORT=$port ONCEPAY_HOME="$work/home" ONCEPAY_BOOTSTRAP_API_KEY=$key \
    ONCEPAY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" ONCEPAY_DB_USER=postgres \
    ONCEPAY_GATEWAY_URL="http://127.0.0.1:$sim_port" \
    ./oncepay serve >>"$work/serve.log" 2>&1 &
  serve_pid=$!
  pids+=("$serve_pid")
  await_http "$api/actuator/health" 120
}

post() { # path, key, body -> prints "status"
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "$api$1" \
    -H "Authorization: Bearer $key" -H "Idempotency-Key: $2" \
    -H "Content-Type: application/json" -d "$3" || true
}

serve
echo "placing $payments orders"
for i in $(seq 1 "$payments"); do
  curl -s -X POST "$api/v1/orders" -H "Authorization: Bearer $key" \
    -H "Idempotency-Key: drill-order-$i" -H "Content-Type: application/json" \
    -d "{\"cart_id\":\"drill-$i\",\"amount\":$((100 + i)),\"currency\":\"EUR\"}" \
    | grep -o '"id":"ord_[^"]*"' | cut -d'"' -f4
done >"$work/orders"

pay_one() { # order -> "order status"
  echo "$1 $(post "/v1/orders/$1/payments" "drill-pay-$1" '{"payment_method":"pm_ok","async":true}')"
}
export -f pay_one post
export api key

echo "streaming async payments, kill -9 after a third"
xargs -P "$parallel" -I{} bash -c 'pay_one {}' <"$work/orders" >"$work/answers" &
stream=$!
while [ "$(wc -l <"$work/answers")" -lt $((payments / 3)) ]; do sleep 0.05; done
kill -9 "$serve_pid"
killed_at=$(date +%s)
wait "$serve_pid" 2>/dev/null || true
wait "$stream" || true
accepted=$(awk '$2 == 202' "$work/answers" | wc -l)
unanswered=$(awk '$2 != 202' "$work/answers" | wc -l)
in_flight=$(psql -h 127.0.0.1 -U postgres -d "$db" -Atc \
  "SELECT count(*) FROM payment_operations WHERE status IN ('processing', 'unknown')")
echo "killed serve: $accepted accepted before the kill ($in_flight not yet settled), $unanswered without an answer"

serve
restarted_at=$(date +%s)
echo "restarted after $((restarted_at - killed_at)) s; retrying the unanswered with their keys"
for order in $(awk '$2 != 202 {print $1}' "$work/answers"); do
  status=$(post "/v1/orders/$order/payments" "drill-pay-$order" '{"payment_method":"pm_ok","async":true}')
  [ "$status" = 202 ] || { echo "retry of $order answered $status" >&2; exit 1; }
done

deadline=$((restarted_at + 120))
while :; do
  open=0
  : >"$work/final"
  while read -r order; do
    status=$(curl -s "$api/v1/orders/$order" -H "Authorization: Bearer $key" \
      | grep -o '"status":"[a-z_]*"' | head -n 1 | cut -d'"' -f4)
    echo "$order $status" >>"$work/final"
    case "$status" in paid|payment_failed) ;; *) open=$((open + 1)) ;; esac
  done <"$work/orders"
  [ "$open" -eq 0 ] && break
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "FAIL: $open payments not settled two minutes after the restart (logs: $work)"; exit 1
  fi
  sleep 2
done
settled_at=$(date +%s)

curl -s "http://127.0.0.1:$sim_port/sim/ledger" >"$work/ledger.json"
python3 - "$work/final" "$work/ledger.json" <<'PY'
import json, sys
final = dict(line.split() for line in open(sys.argv[1]))
charges = {}
for c in json.load(open(sys.argv[2]))["charges"]:
    if c["status"] != "declined":
        charges[c["order_reference"]] = charges.get(c["order_reference"], 0) + 1
bad = [(o, s, charges.get(o, 0)) for o, s in final.items()
       if charges.get(o, 0) != (1 if s == "paid" else 0)]
paid = sum(1 for s in final.values() if s == "paid")
print(f"{paid} paid, {len(final) - paid} failed, {sum(charges.values())} live gateway charges")
if bad:
    print("FAIL: charges do not match:", bad[:10]); sys.exit(1)
PY
echo "every payment settled $((settled_at - restarted_at)) s after the restart, one charge per paid order"
