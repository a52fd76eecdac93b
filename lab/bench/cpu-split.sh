#!/usr/bin/env bash
# Where the machine's CPU goes during a lab run: CPU seconds per role (the oncepay server, the lab,
# the gateway simulator, PostgreSQL, everything else) over a window, read from /proc.
#   lab/bench/cpu-split.sh SECONDS          (start it while `oncepay race` is in its measured phase)
#   lab/bench/cpu-split.sh SECONDS PID      (per thread of PID instead: JIT, GC, carriers, pollers)
set -euo pipefail
PYTHONPATH="$(dirname "${BASH_SOURCE[0]}")" exec python3 - "$@" <<'PY'
import os, re, sys, time
import proc_cpu

window = float(sys.argv[1])
pid = sys.argv[2] if len(sys.argv) > 2 else None
hz = os.sysconf("SC_CLK_TCK")

def role(entry):
    if pid:
        # The thread's name without its number: "C2 CompilerThread0" -> "C2 CompilerThread"
        with open(f"{entry}/comm") as f:
            return re.sub(r"[#-]*\d+$", "", f.read().strip())
    return proc_cpu.role(entry)

def snapshot():
    base = f"/proc/{pid}/task" if pid else "/proc"
    ticks = {}
    for name in os.listdir(base):
        if not name.isdigit():
            continue
        entry = f"{base}/{name}"
        try:
            ticks[name] = (proc_cpu.ticks(entry), role(entry))
        except (OSError, IndexError):
            continue  # ended meanwhile
    return ticks

start = time.monotonic(); a = snapshot()
time.sleep(window)
b = snapshot(); elapsed = time.monotonic() - start
used = {}
for key, (t, r) in b.items():
    used[r] = used.get(r, 0) + t - a.get(key, (t, r))[0]
total = sum(used.values()) or 1
for r, t in sorted(used.items(), key=lambda kv: -kv[1]):
    if t > 0:
        print(f"{r:22s} {t / hz:6.1f} cpu-s  {100 * t / total:5.1f} %  ({t / hz / elapsed:.2f} cores)")
PY
