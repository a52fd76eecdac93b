#!/usr/bin/env bash
# Runs checkout-loop (32 closed-loop clients, in-process-free spawned stack) against two builds,
# alternating A, B, A, B, ... in one sitting, and prints each run's checkouts/s and the medians.
#   lab/bench/compare-checkout-loop.sh A_SERVER_JAR A_LAB_JAR B_SERVER_JAR B_LAB_JAR [RUNS]
# Each run: a fresh --spawn stack, 10 s warm-up (not recorded), 20 s measured, invariants checked.
# A_DB_URL / B_DB_URL (optional): each side's ONCEPAY_DB_URL, when the two builds need databases of
# their own (different migrations); otherwise both use ONCEPAY_DB_URL, or the embedded database.
set -euo pipefail
a_server=$1 a_lab=$2 b_server=$3 b_lab=$4 runs=${5:-3}
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
out=$(mktemp -d)
run() { # label server lab index
  local db_var="${1}_DB_URL"
  ONCEPAY_DB_URL="${!db_var:-${ONCEPAY_DB_URL:-}}" "$java" -Doncepay.server.jar="$2" -jar "$3" race --scenario checkout-loop --spawn \
    --no-check-events --warmup 10 --duration 20 --concurrency 32 \
    --report-json "$out/$1-$4.json" > "$out/$1-$4.log" 2>&1
  python3 - "$out/$1-$4.json" "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["scenarios"][0] if r.get("scenarios") else r
rps = s["throughput_rps"]
print(f"{sys.argv[2]}  {rps / 2:8.1f} checkouts/s  ({rps:.1f} req/s, p50 {s['latency_ms']['p50']:.1f} ms,"
      f" p99 {s['latency_ms']['p99']:.1f} ms, invariants_ok={r['invariants_ok']})")
PY
}
for i in $(seq 1 "$runs"); do
  run A "$a_server" "$a_lab" "$i" | tee -a "$out/A.txt"
  run B "$b_server" "$b_lab" "$i" | tee -a "$out/B.txt"
done
for side in A B; do
  python3 - "$out/$side.txt" "$side" <<'PY'
import statistics, sys
values = [float(line.split()[1]) for line in open(sys.argv[1])]
print(f"{sys.argv[2]} median {statistics.median(values):.1f} checkouts/s over {len(values)} runs")
PY
done
echo "reports in $out"
