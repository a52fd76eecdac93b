#!/usr/bin/env bash
# Issue 8's P2-P6 in one sitting, each the median of RUNS runs (P1 and its pgbench ceiling are
# lab/bench/ceiling.sh). Every run is a fresh `oncepay race --spawn` stack with its server on the
# local PostgreSQL (a database of its own per run, so no run inherits another's rows), a warm-up of
# WARMUP seconds of checkout-mix traffic (the JIT compiles on the same two cores for a minute or
# more), then the measurement; its invariants are checked.
#   lab/bench/targets.sh            (RUNS=3 WARMUP=30 DURATION=30 P6_RATE=300 by default)
#   ONLY="P3 P4" lab/bench/targets.sh
# Prints one line per run and the medians. Needs: PostgreSQL at 127.0.0.1:5432 (or PGHOST/PGPORT)
# with trust auth for PGUSER (postgres), JDK 25; the jars are built by ./oncepay when sources changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs=${RUNS:-3} warmup=${WARMUP:-30} duration=${DURATION:-30} p6_rate=${P6_RATE:-300}
host=${PGHOST:-127.0.0.1} port=${PGPORT:-5432} user=${PGUSER:-postgres}
only=${ONLY:-P2 P3 P4 P5 P6}
out=$(mktemp -d)

fresh_db() { # name
  psql -h "$host" -p "$port" -U "$user" -d postgres -qc "DROP DATABASE IF EXISTS $1" \
    -c "CREATE DATABASE $1" 2> /dev/null
}

race() { # target index args...
  local target=$1 i=$2 db="oncepay_bench_${1,,}"
  shift 2
  fresh_db "$db"
  ONCEPAY_DB_URL="jdbc:postgresql://$host:$port/$db" ONCEPAY_DB_USER="$user" \
    ./oncepay race --spawn --no-check-events --warmup "$warmup" --report-json "$out/$target-$i.json" \
    "$@" > "$out/$target-$i.log" 2>&1 || echo "$target run $i: exit $? (see $out/$target-$i.log)" >&2
  python3 - "$out/$target-$i.json" "$target" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["scenarios"][0]
target = sys.argv[2]
pay = s["latency_ms_by_operation"].get("pay", s["latency_ms"])
errors = sum(v for k, v in s["status_counts"].items() if k.startswith("5") or k == "io_error")
metrics = s.get("server_metrics_ms", {})
queue = {q: metrics.get(f'oncepay_queue_to_gateway{{quantile="{v}"}}') for q, v in (("p50", "0.5"), ("p99", "0.99"))}
figure = {
    "P2": s.get("payments_per_s"),
    "P3": pay["p99"],
    "P4": s.get("littles_law_ratio"),
    "P5": queue.get("p50"),
    "P6": s["throughput_rps"] / 2,
}[target]
print(f"{target} {figure} payments_per_s={s.get('payments_per_s')} pay_p50={pay['p50']:.1f}"
      f" pay_p99={pay['p99']:.1f} queue_p50={queue.get('p50')} errors={errors}"
      f" codes={s.get('error_codes')} invariants_ok={r['invariants_ok']}")
PY
}

for i in $(seq 1 "$runs"); do
  for target in $only; do
    case $target in
      P2) race P2 "$i" --scenario pay-loop --duration "$duration" ;;
      P3) race P3 "$i" --scenario hot-order ;;
      P4) race P4 "$i" --scenario slow-gateway --duration "$duration" ;;
      P5) race P5 "$i" --scenario async-pay --duration "$duration" --rate 100 ;;
      P6) race P6 "$i" --scenario async-pay --duration "$duration" --rate "$p6_rate" ;;
    esac
  done | tee -a "$out/all.txt"
done
python3 - "$out/all.txt" <<'PY'
import statistics, sys, collections
by = collections.defaultdict(list)
for line in open(sys.argv[1]):
    target, figure = line.split()[:2]
    if figure != "None":
        by[target].append(float(figure))
names = {"P2": "payments/s", "P3": "ms pay p99", "P4": "of Little's law",
         "P5": "ms enqueue-to-gateway p50", "P6": "async payments/s accepted"}
for target in sorted(by):
    print(f"{target} median {statistics.median(by[target]):.2f} {names[target]} over {len(by[target])} runs")
PY
echo "reports in $out"
