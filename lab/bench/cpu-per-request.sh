#!/usr/bin/env bash
# CPU milliseconds per request, per role, over a lab run's measured phase: a figure that moves much
# less with the machine's drift than requests per second do, so two builds or settings can be told
# apart in a few runs. Runs `./oncepay race --spawn` with the arguments given, on a fresh database,
# reads /proc at the measured phase's 10th second and again 20 s later, and divides each role's CPU
# time (server, PostgreSQL, lab, simulator) by the requests the lab completed in between.
#   lab/bench/cpu-per-request.sh --scenario pay-loop --duration 40
#   ONCEPAY_SERVER_JAR=/tmp/other.jar lab/bench/cpu-per-request.sh --scenario pay-loop --duration 40
#   lab/bench/cpu-per-request.sh --scenario async-pay --rate 100 --duration 40
# (ONCEPAY_SERVER_JAR: measure a server jar built elsewhere, for an A/B against this checkout's.
# async-pay sends two requests a payment, a place and a pay, and its jobs run later on the workers:
# its figure is per request, and means what it says only at a rate the queue keeps up with.)
# Needs: PostgreSQL at 127.0.0.1:5432 (or PGHOST/PGPORT) with trust auth for PGUSER (postgres).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
host=${PGHOST:-127.0.0.1} port=${PGPORT:-5432} user=${PGUSER:-postgres} db=oncepay_bench_cpu
warmup=${WARMUP:-30}
log=$(mktemp)
psql -h "$host" -p "$port" -U "$user" -d postgres -qc "DROP DATABASE IF EXISTS $db" \
  -c "CREATE DATABASE $db" 2> /dev/null
export ONCEPAY_DB_URL="jdbc:postgresql://$host:$port/$db" ONCEPAY_DB_USER="$user"
./oncepay race --spawn --no-check-events --warmup "$warmup" --report-json "$log.json" "$@" \
  > "$log" 2>&1 &
race=$!
PYTHONPATH=lab/bench python3 - "$log" "$race" <<'PY'
import os, re, sys, time
from proc_cpu import ticks_by_role as cpu

log, race = sys.argv[1], int(sys.argv[2])
hz = os.sysconf("SC_CLK_TCK")
# "running 1200 requests" for a closed loop, "running 1200/16000 requests" for a paced run.
line = re.compile(r"^\[(?!warm-up)[^\]]+\] running\s+(\d+)(?:/\d+)? requests .* (\d+\.\d) s$")

def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False

def wait_for(seconds):
    while True:
        if not alive(race):
            sys.exit(f"the race ended before {seconds} s of its measured phase; see {log}")
        with open(log) as f:
            for l in f:
                m = line.match(l.strip())
                if m and float(m.group(2)) >= seconds:
                    return int(m.group(1))
        time.sleep(0.2)

first = wait_for(10.0)
before = cpu()
last = wait_for(30.0)
after = cpu()
requests = last - first
print(f"{requests} requests in the window (measured phase, 10 s to 30 s)")
roles = ("server", "postgres", "lab", "simulator")
used = {name: (after.get(name, 0) - before.get(name, 0)) * 1000 / hz for name in roles}
for name in roles:
    print(f"{name:10s} {used[name] / requests:6.3f} CPU ms per request")
print(f"{'all four':10s} {sum(used.values()) / requests:6.3f} CPU ms per request")
PY
wait "$race" || true
grep -E 'invariants|req/s' "$log" | tail -3
rm -f "$log" "$log.json"
