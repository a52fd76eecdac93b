#!/usr/bin/env bash
# oncepay's checkouts/s beside its database's own ceiling, measured back to back in one sitting:
# alternately, RUNS times, (a) pgbench running checkout.pgbench — the same 12 statements in 3
# transactions that one oncepay checkout sends (StatementBudgetIT) — with the same number of
# clients, and (b) `oncepay race --scenario checkout-loop --spawn` with its server on the same
# database. Prints each run, the medians and the ratio oncepay / pgbench.
#   lab/bench/ceiling.sh            (RUNS=3 DURATION=30 WARMUP=20 CLIENTS=32 by default)
# Needs: the local PostgreSQL at 127.0.0.1:5432 (or PGHOST/PGPORT), pgbench, JDK 25.
# The database oncepay_ceiling is created on first use and kept (rows accumulate; both sides
# write into the same tables, so both see the same table and index sizes).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs=${RUNS:-3} duration=${DURATION:-30} warmup=${WARMUP:-20} clients=${CLIENTS:-32}
host=${PGHOST:-127.0.0.1} port=${PGPORT:-5432} user=${PGUSER:-postgres} db=${CEILING_DB:-oncepay_ceiling}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
out=$(mktemp -d)
psql -h "$host" -p "$port" -U "$user" -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$db'" \
  | grep -q 1 || psql -h "$host" -p "$port" -U "$user" -d postgres -qc "CREATE DATABASE $db"
export ONCEPAY_DB_URL="jdbc:postgresql://$host:$port/$db" ONCEPAY_DB_USER="$user"

oncepay() { # index
  ./oncepay race --scenario checkout-loop --spawn --no-check-events --warmup "$warmup" \
    --duration "$duration" --concurrency "$clients" --report-json "$out/oncepay-$1.json" \
    > "$out/oncepay-$1.log" 2>&1
  python3 - "$out/oncepay-$1.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["scenarios"][0]
print(f"{s['throughput_rps'] / 2:.1f} {s['latency_ms']['p50']:.1f} {s['latency_ms']['p99']:.1f} {r['invariants_ok']}")
PY
}

pgbench_run() { # index
  local merchant
  merchant=$(psql -h "$host" -p "$port" -U "$user" -d "$db" -Atc "SELECT id FROM merchants ORDER BY created_at LIMIT 1")
  PGOPTIONS="-c oncepay.merchant=$merchant" pgbench -h "$host" -p "$port" -U "$user" -n -M prepared \
    -c "$clients" -j 2 -T "$duration" -f lab/bench/checkout.pgbench "$db" > "$out/pgbench-$1.log" 2>&1
  awk '/^tps = / {printf "%.1f\n", $3}' "$out/pgbench-$1.log"
}

echo "clients $clients, $duration s per run, $runs runs each, database $db on $host:$port"
for i in $(seq 1 "$runs"); do
  read -r rate p50 p99 ok < <(oncepay "$i")
  echo "oncepay  run $i: $rate checkouts/s (p50 $p50 ms, p99 $p99 ms, invariants_ok=$ok)" | tee -a "$out/summary"
  echo "$rate" >> "$out/oncepay.txt"
  rate=$(pgbench_run "$i")
  echo "pgbench  run $i: $rate checkouts/s (same SQL, no HTTP/JSON/JVM)" | tee -a "$out/summary"
  echo "$rate" >> "$out/pgbench.txt"
done
python3 - "$out/oncepay.txt" "$out/pgbench.txt" <<'PY'
import statistics, sys
o = statistics.median(float(x) for x in open(sys.argv[1]))
p = statistics.median(float(x) for x in open(sys.argv[2]))
print(f"median: oncepay {o:.1f} checkouts/s, pgbench {p:.1f} checkouts/s, ratio {o / p:.2f}")
PY
echo "logs and reports in $out"
