#!/usr/bin/env bash
# oncepay's checkouts/s beside its database's own ceiling, measured back to back in one sitting:
# alternately, RUNS times, (a) pgbench running checkout.pgbench — the same 12 statements in 3
# transactions that one oncepay checkout sends (StatementBudgetIT) — with the same number of
# clients, and (b) `oncepay race --scenario checkout-loop --spawn` with its server on the same
# database. Prints each run, the medians and the ratio oncepay / pgbench.
# With SCENARIO=pay-loop, the same for pays on orders placed beforehand (P2): pay.pgbench, 9
# statements in 2 transactions, against `--scenario pay-loop`; orders are placed unmeasured on
# both sides.
#   lab/bench/ceiling.sh            (RUNS=3 DURATION=30 WARMUP=20 CLIENTS=32 by default)
#   SCENARIO=pay-loop lab/bench/ceiling.sh
# Needs: the local PostgreSQL at 127.0.0.1:5432 (or PGHOST/PGPORT), pgbench, JDK 25.
# The database oncepay_ceiling is created on first use and kept (rows accumulate; both sides
# write into the same tables, so both see the same table and index sizes).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
scenario=${SCENARIO:-checkout-loop}
case $scenario in
  checkout-loop) script=lab/bench/checkout.pgbench unit=checkouts ;;
  pay-loop) script=lab/bench/pay.pgbench unit=payments ;;
  *) echo "SCENARIO is checkout-loop or pay-loop" >&2; exit 2 ;;
esac
runs=${RUNS:-3} duration=${DURATION:-30} warmup=${WARMUP:-20} clients=${CLIENTS:-32}
host=${PGHOST:-127.0.0.1} port=${PGPORT:-5432} user=${PGUSER:-postgres} db=${CEILING_DB:-oncepay_ceiling}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
out=$(mktemp -d)
psql -h "$host" -p "$port" -U "$user" -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$db'" \
  | grep -q 1 || psql -h "$host" -p "$port" -U "$user" -d postgres -qc "CREATE DATABASE $db"
export ONCEPAY_DB_URL="jdbc:postgresql://$host:$port/$db" ONCEPAY_DB_USER="$user"

oncepay() { # index
  ./oncepay race --scenario "$scenario" --spawn --no-check-events --warmup "$warmup" \
    --duration "$duration" --concurrency "$clients" --report-json "$out/oncepay-$1.json" \
    > "$out/oncepay-$1.log" 2>&1
  python3 - "$out/oncepay-$1.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["scenarios"][0]
rate = s["payments_per_s"] if s["scenario"] == "pay-loop" else s["throughput_rps"] / 2
print(f"{rate:.1f} {s['latency_ms']['p50']:.1f} {s['latency_ms']['p99']:.1f} {r['invariants_ok']}")
PY
}

pgbench_run() { # index
  local merchant base=0
  merchant=$(psql -h "$host" -p "$port" -U "$user" -d "$db" -Atc "SELECT id FROM merchants ORDER BY created_at LIMIT 1")
  if [ "$scenario" = pay-loop ]; then
    # The orders pay.pgbench pays, placed as oncepay places them, beyond any earlier run's: up to
    # 100 pays per client per second, more than this machine's database does.
    base=$(( ($(date +%s) % 100000 + 1) * 1000000000 ))
    psql -h "$host" -p "$port" -U "$user" -d "$db" -qc "INSERT INTO orders (id, merchant_id, cart_id,
        amount, currency, customer_email, metadata, status, version, created_at, updated_at)
      SELECT md5('o' || n::text)::uuid, '$merchant', 'cart-' || n::text, 1999, 'EUR', NULL, '{}',
        'pending_payment', 0, now(), now()
      FROM generate_series(0, $clients - 1) c, generate_series(1, $duration * 100) i,
        LATERAL (SELECT $base + c * 1000000 + i AS n) k" -c "VACUUM ANALYZE orders"
  fi
  PGOPTIONS="-c oncepay.merchant=$merchant" pgbench -h "$host" -p "$port" -U "$user" -n -M prepared \
    -c "$clients" -j 2 -T "$duration" -D base="$base" -D i=0 -f "$script" "$db" \
    > "$out/pgbench-$1.log" 2>&1 || true
  if grep -qE 'aborted|failed transactions: [1-9]' "$out/pgbench-$1.log"; then
    echo "pgbench run $1 had failed or aborted transactions: see $out/pgbench-$1.log" >&2
  fi
  awk '/^tps = / {printf "%.1f\n", $3}' "$out/pgbench-$1.log"
}

echo "$scenario: clients $clients, $duration s per run, $runs runs each, database $db on $host:$port"
for i in $(seq 1 "$runs"); do
  read -r rate p50 p99 ok < <(oncepay "$i")
  echo "oncepay  run $i: $rate $unit/s (p50 $p50 ms, p99 $p99 ms, invariants_ok=$ok)" | tee -a "$out/summary"
  echo "$rate" >> "$out/oncepay.txt"
  rate=$(pgbench_run "$i")
  echo "pgbench  run $i: $rate $unit/s (same SQL, no HTTP/JSON/JVM)" | tee -a "$out/summary"
  echo "$rate" >> "$out/pgbench.txt"
done
python3 - "$out/oncepay.txt" "$out/pgbench.txt" "$unit" <<'PY'
import statistics, sys
o = statistics.median(float(x) for x in open(sys.argv[1]))
p = statistics.median(float(x) for x in open(sys.argv[2]))
u = sys.argv[3]
print(f"median: oncepay {o:.1f} {u}/s, pgbench {p:.1f} {u}/s, ratio {o / p:.2f}")
PY
echo "logs and reports in $out"
