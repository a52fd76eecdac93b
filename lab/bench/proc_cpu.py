"""CPU time per role (the oncepay server, the lab, the gateway simulator, PostgreSQL, other), read
from /proc: shared by cpu-split.sh and cpu-per-request.sh."""
import os

ROLES = (("oncepay-lab.jar", "lab"), (" gateway-sim ", "simulator"), (" serve ", "server"),
         ("postgres", "postgres"))


def role(entry):
    """The role of the process at /proc/PID (entry)."""
    with open(f"{entry}/cmdline", "rb") as f:
        cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
    return next((name for needle, name in ROLES if needle in cmd), "other")


def ticks(entry):
    """utime + stime of /proc/PID or /proc/PID/task/TID, in clock ticks."""
    with open(f"{entry}/stat") as f:
        # After the command name's closing parenthesis: utime is the 12th field, stime the 13th.
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def ticks_by_role():
    """Clock ticks used so far by every live process, summed per role."""
    total = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            name = role(f"/proc/{pid}")
            total[name] = total.get(name, 0) + ticks(f"/proc/{pid}")
        except (OSError, IndexError):
            continue  # ended meanwhile
    return total
