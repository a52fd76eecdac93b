#!/usr/bin/env bash
# N oncepay instances behind HAProxy on one machine, optionally through PgBouncer, with one durable
# gateway simulator: the deployment of docs/deployment.md, with exactly the files the tests use
# (deploy/haproxy/haproxy.cfg, deploy/pgbouncer/pgbouncer.ini). The race lab's
# `--spawn --instances N [--pgbouncer]` starts the same thing on its own PostgreSQL.
#
#   deploy/run-local.sh start --instances N --db-url jdbc:postgresql://HOST:PORT/DB
#                             [--db-user U] [--pgbouncer] [--dir DIR] [--port 8080]
#   deploy/run-local.sh stop --dir DIR
#
# Ports: the balancer on --port (127.0.0.1), the instances on the next N ports, the simulator on
# the one after, PgBouncer on the one after that. ONCEPAY_DB_PASSWORD and the other ONCEPAY_*
# variables of the environment reach every instance. Every PID goes into DIR/pids; `stop` signals
# only those (SIGTERM, then SIGKILL after 30 s), and only if the PID still runs what was started.
# It installs nothing: java (JDK 25), haproxy and, with --pgbouncer, pgbouncer must be there.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
jar="$repo/app/target/oncepay.jar"

die() {
  echo "run-local.sh: $*" >&2
  if [ -n "${dir:-}" ] && [ -s "$dir/pids" ]; then
    echo "run-local.sh: stop what was started with: $0 stop --dir $dir" >&2
  fi
  exit 2
}

usage() {
  sed -n '6,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

find_java() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
    if [ -z "$candidate" ] || [ ! -x "$candidate/bin/java" ]; then
      continue
    fi
    if "$candidate/bin/java" -version 2>&1 | grep -q 'version "25'; then
      echo "$candidate/bin/java"
      return 0
    fi
  done
  die "needs JDK 25: set JAVA_HOME to one"
}

need() { # program, Debian package
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || die "$1 is not installed (apt-get install $2)"
}

program() {
  if [ -x "/usr/sbin/$1" ]; then echo "/usr/sbin/$1"; else command -v "$1"; fi
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_http() { # url, seconds, what, pid
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; do
    kill -0 "$4" 2>/dev/null || die "$3 exited; see its log in $dir"
    [ "$SECONDS" -lt "$deadline" ] || die "$3 not ready within $2 s; see its log in $dir"
    sleep 0.5
  done
}

wait_port() { # port, seconds, what, pid
  local deadline=$((SECONDS + $2))
  while port_free "$1"; do
    kill -0 "$4" 2>/dev/null || die "$3 exited; see its log in $dir"
    [ "$SECONDS" -lt "$deadline" ] || die "$3 not listening within $2 s"
    sleep 0.2
  done
}

record() { # name pid
  echo "$1 $2" >>"$dir/pids"
}

# PostgreSQL-style programs refuse root; a user namespace makes them an ordinary user who still
# owns the files written here.
unprivileged() {
  if [ "$(id -u)" = 0 ]; then
    command -v unshare >/dev/null || die "pgbouncer refuses root and unshare is missing (apt-get install util-linux)"
    echo "unshare --user"
  fi
}

start() {
  local instances="" db_url="" db_user="${ONCEPAY_DB_USER:-postgres}" pgbouncer=false port=8080
  dir=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --instances) instances="${2:-}"; shift 2 ;;
      --db-url) db_url="${2:-}"; shift 2 ;;
      --db-user) db_user="${2:-}"; shift 2 ;;
      --pgbouncer) pgbouncer=true; shift ;;
      --dir) dir="${2:-}"; shift 2 ;;
      --port) port="${2:-}"; shift 2 ;;
      *) usage ;;
    esac
  done
  [[ "$instances" =~ ^[1-9][0-9]*$ ]] || die "--instances N (N >= 1) is required"
  [[ "$port" =~ ^[0-9]+$ ]] || die "--port must be a number"
  [[ "$db_url" =~ ^jdbc:postgresql://([^/:]+):([0-9]+)/([^?]+) ]] ||
    die "--db-url must look like jdbc:postgresql://HOST:PORT/DB"
  local db_host="${BASH_REMATCH[1]}" db_port="${BASH_REMATCH[2]}" db_name="${BASH_REMATCH[3]}"
  [ -f "$jar" ] || die "no $jar: build it with ./mvnw -pl app -am package -DskipTests"
  need haproxy haproxy
  need curl curl
  $pgbouncer && need pgbouncer pgbouncer
  local java
  java="$(find_java)"
  dir="${dir:-$(mktemp -d /tmp/oncepay-local-XXXXXX)}"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [ ! -s "$dir/pids" ] || die "$dir/pids exists: stop that deployment first (run-local.sh stop --dir $dir)"

  local sim_port=$((port + instances + 1)) bouncer_port=$((port + instances + 2)) p
  for p in "$port" $(seq $((port + 1)) $((port + instances))) "$sim_port"; do
    port_free "$p" || die "port $p is in use"
  done
  $pgbouncer && { port_free "$bouncer_port" || die "port $bouncer_port is in use"; }

  local api_key secret balancer="http://127.0.0.1:$port"
  api_key="sk_local_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  secret="whsec_local_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

  "$java" -jar "$jar" gateway-sim --port "$sim_port" --data-dir "$dir/simulator-data" \
    --webhook-url "$balancer/v1/webhooks/sim" --webhook-secret "$secret" >>"$dir/simulator.log" 2>&1 &
  record simulator $!
  wait_http "http://127.0.0.1:$sim_port/sim/knobs" 60 "the gateway simulator" $!

  local app_db_url="$db_url"
  if $pgbouncer; then
    # The site's part first, the tuning fragment last in the [pgbouncer] section (1.18 resets every
    # setting at a second [pgbouncer] header, so the fragment has none).
    mkdir -p "$dir/pgbouncer"
    printf '"%s" "%s"\n' "$db_user" "${ONCEPAY_DB_PASSWORD:-}" >"$dir/pgbouncer/users.txt"
    cat >"$dir/pgbouncer/pgbouncer.ini" <<EOF
[databases]
$db_name = host=$db_host port=$db_port dbname=$db_name

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bouncer_port
unix_socket_dir = $dir/pgbouncer
auth_type = trust
auth_file = $dir/pgbouncer/users.txt
admin_users = $db_user
logfile = $dir/pgbouncer/pgbouncer-own.log
pidfile = $dir/pgbouncer/pgbouncer.pid
%include $here/pgbouncer/pgbouncer.ini
EOF
    # shellcheck disable=SC2046 # unprivileged prints words to run before the command
    $(unprivileged) "$(program pgbouncer)" "$dir/pgbouncer/pgbouncer.ini" >>"$dir/pgbouncer.log" 2>&1 &
    record pgbouncer $!
    wait_port "$bouncer_port" 20 "PgBouncer" $!
    app_db_url="jdbc:postgresql://127.0.0.1:$bouncer_port/$db_name"
  fi

  local i backend="$dir/haproxy-backend.cfg" java_opts=()
  read -r -a java_opts <<<"${ONCEPAY_JAVA_OPTS:-}"
  printf 'backend oncepay\n' >"$backend"
  for i in $(seq 1 "$instances"); do
    local iport=$((port + i))
    mkdir -p "$dir/instance-$i"
    env ONCEPAY_PORT="$iport" ONCEPAY_HOME="$dir/instance-$i" \
      ONCEPAY_DB_URL="$app_db_url" ONCEPAY_DB_USER="$db_user" ONCEPAY_DB_LISTEN_URL="$db_url" \
      ONCEPAY_GATEWAY_URL="http://127.0.0.1:$sim_port" ONCEPAY_BOOTSTRAP_API_KEY="$api_key" \
      "$java" "${java_opts[@]}" -jar "$jar" serve --oncepay.gateway.webhook-secrets="$secret" \
      >>"$dir/instance-$i.log" 2>&1 &
    record "instance-$i" $!
    printf '  server i%s 127.0.0.1:%s\n' "$i" "$iport" >>"$backend"
    # The first instance migrates the schema alone.
    [ "$i" -gt 1 ] || wait_http "http://127.0.0.1:$iport/actuator/health/readiness" 180 "instance-1" $!
  done
  while read -r name pid; do
    case "$name" in instance-*)
      wait_http "http://127.0.0.1:$((port + ${name#instance-}))/actuator/health/readiness" 180 "$name" "$pid" ;;
    esac
  done <"$dir/pids"

  # haproxy.cfg's maxconn 10000 needs about 20,020 open files; where the hard limit is lower and
  # cannot be raised, -n lowers the connection limit to what fits (said below).
  local hard lowered=()
  hard="$(ulimit -Hn)"
  if [ "$hard" != unlimited ] && [ "$hard" -lt 20100 ]; then
    lowered=(-n $(((hard - 100) / 2)))
    echo "note: HAProxy runs with ${lowered[*]}: the open-files hard limit is $hard" >&2
  fi
  ONCEPAY_LB_BIND="127.0.0.1:$port" "$(program haproxy)" -db "${lowered[@]}" \
    -f "$here/haproxy/haproxy.cfg" -f "$backend" >>"$dir/haproxy.log" 2>&1 &
  record haproxy $!
  wait_http "$balancer/actuator/health/readiness" 30 "HAProxy" $!

  cat <<EOF
oncepay: $instances instance(s) behind HAProxy$($pgbouncer && echo ", through PgBouncer on 127.0.0.1:$bouncer_port")
  balancer:  $balancer
  api key:   $api_key
  simulator: http://127.0.0.1:$sim_port (journal in $dir/simulator-data)
  logs, pids: $dir
  stop with: $0 stop --dir $dir
EOF
}

stop() {
  if [ "${1:-}" != --dir ] || [ -z "${2:-}" ]; then
    usage
  fi
  dir="$2"
  [ -f "$dir/pids" ] || die "no $dir/pids: nothing started there"
  local name pid pids=() names=()
  while read -r name pid; do
    names=("$name" "${names[@]}")
    pids=("$pid" "${pids[@]}")
  done <"$dir/pids"
  # The balancer first (no new traffic), the instances, then the simulator and PgBouncer.
  local i comm
  for i in "${!pids[@]}"; do
    pid="${pids[$i]}"
    kill -0 "$pid" 2>/dev/null || continue
    comm="$(ps -o comm= -p "$pid" 2>/dev/null || true)"
    case "${names[$i]}:$comm" in
      haproxy:haproxy | pgbouncer:pgbouncer | instance-*:java | simulator:java) kill -TERM "$pid" ;;
      *) echo "run-local.sh: pid $pid no longer runs ${names[$i]} (it runs '$comm'); left alone" >&2 ;;
    esac
  done
  local deadline=$((SECONDS + 30))
  for i in "${!pids[@]}"; do
    pid="${pids[$i]}"
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      comm="$(ps -o comm= -p "$pid" 2>/dev/null || true)"
      case "${names[$i]}:$comm" in
        haproxy:haproxy | pgbouncer:pgbouncer | instance-*:java | simulator:java)
          echo "run-local.sh: ${names[$i]} (pid $pid) did not stop in 30 s; killing it" >&2
          kill -KILL "$pid" ;;
      esac
    fi
  done
  mv "$dir/pids" "$dir/pids.stopped"
  echo "stopped the deployment in $dir"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) usage ;;
esac
