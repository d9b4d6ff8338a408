#!/usr/bin/env bash
# The multi-server topology on this machine, for a try-out:
#   one PostgreSQL cluster (scripts/pg_cluster.sh) + N × `yilu serve` on it + nginx in front.
# Usage: scripts/topology.sh [--port 8080] [--servers 2] [--run-dir var/topology] [--fresh]
#   --fresh   delete the run folder first (otherwise the database and blobs of the last run are kept)
# Prints the URL on stdout and runs until Ctrl-C / TERM, then stops nginx, the servers and the cluster.
# YILU_BIN overrides the server executable (default build/server/yilu).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

log() { echo "topology: $*" >&2; }
die() { log "$*"; exit 1; }

port=8080 servers=2 run=var/topology fresh=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --servers) servers=$2; shift 2 ;;
    --run-dir) run=$2; shift 2 ;;
    --fresh) fresh=1; shift ;;
    -h|--help) sed -n '2,7p' "$0" >&2; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ "$servers" =~ ^[1-9][0-9]*$ ]] || die "--servers wants a positive number"

yilu=${YILU_BIN:-build/server/yilu}
[ -x "$yilu" ] || die "$yilu not built: run scripts/build.sh native wasm web"
command -v nginx >/dev/null || die "nginx missing: run scripts/setup.sh (package nginx-light)"
command -v curl >/dev/null || die "curl missing: run scripts/setup.sh"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# Fail before starting anything rather than after the servers are up.
python3 -c 'import socket, sys; socket.socket().bind(("127.0.0.1", int(sys.argv[1])))' "$port" 2>/dev/null ||
  die "port $port is taken; pick another with --port"

[ "$fresh" -eq 0 ] || { scripts/pg_cluster.sh stop "$run/pg"; rm -rf "$run"; }
mkdir -p "$run"
run=$(cd "$run" && pwd)   # nginx and pg_ctl want absolute paths
mkdir -p "$run/blobs" "$run/nginx"

web_args=()
if [ -f web/dist/index.html ]; then web_args=(--web web/dist); else log "web/dist missing: API only (scripts/build.sh web)"; fi

pids=() nginx_pid=""
# shellcheck disable=SC2317  # called from the trap
# TERM, then KILL after 10 s: a stuck process must not keep the cluster (and the port) up.
stop_pid() {
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null && log "pid $1 did not stop on TERM: killed"
  wait "$1" 2>/dev/null || true
}
# shellcheck disable=SC2317  # called from the trap
cleanup() {
  trap - INT TERM EXIT
  log "stopping"
  # nginx first (no new requests), then the servers, then the database they need to finish.
  [ -z "$nginx_pid" ] || stop_pid "$nginx_pid"
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do stop_pid "$p"; done
  scripts/pg_cluster.sh stop "$run/pg" || true
  log "stopped; data kept in $run (--fresh to start over)"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

url=$(scripts/pg_cluster.sh start "$run/pg")
log "database $url"

# Each server on its own free loopback port. Behind nginx every connection comes from 127.0.0.1,
# so the per-address cap is lifted here and enforced by nginx's limit_conn instead, and the
# servers take the client's address from nginx's X-Real-IP (their sign-in limits, the audit).
start_server() {
  local i=$1 p
  p=$(free_port)
  YILU_CONNECTIONS_PER_ADDRESS=0 YILU_TRUSTED_PROXIES=127.0.0.1 \
    "$yilu" serve --db "$url" --data "$run/blobs" --addr 127.0.0.1 --port "$p" "${web_args[@]}" --demo >"$run/server-$i.log" 2>&1 &
  pids+=($!)
  ports+=("$p")
}

wait_ready() {
  local i=$1 p=${ports[$1]} pid=${pids[$1]} code
  for _ in $(seq 1 60); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p/api/v1/ready" || true)
    [ "$code" = 200 ] && { log "server $i ready on 127.0.0.1:$p (pid $pid)"; return 0; }
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$run/server-$i.log" >&2; die "server $i exited (log: $run/server-$i.log)"; }
    sleep 0.5
  done
  tail -n 20 "$run/server-$i.log" >&2
  die "server $i not ready after 30 s (last answer $code; log: $run/server-$i.log)"
}

# The first server alone, so that one process migrates a fresh database and sets up the demo
# accounts; the others then start on a current schema.
ports=()
start_server 0
wait_ready 0
for ((i = 1; i < servers; i++)); do start_server "$i"; done
for ((i = 1; i < servers; i++)); do wait_ready "$i"; done

upstreams=""
for p in "${ports[@]}"; do upstreams+="server 127.0.0.1:$p max_fails=1 fail_timeout=5s;\\n        "; done
# Substitute on configuration lines only: the template's header comments name the placeholders.
sed -e "/^[[:space:]]*#/!{s|@RUN_DIR@|$run/nginx|g; s|@LISTEN_ADDR@|127.0.0.1|g; s|@LISTEN_PORT@|$port|g; s|@UPSTREAMS@|$upstreams|;}" \
  deploy/nginx.conf.template >"$run/nginx/nginx.conf"
nginx -t -q -c "$run/nginx/nginx.conf" -p "$run/nginx" || die "nginx configuration refused: $run/nginx/nginx.conf"
# daemon off keeps nginx our child, so the trap can stop it and `wait` notices if it dies.
nginx -c "$run/nginx/nginx.conf" -p "$run/nginx" -g 'daemon off;' 2>>"$run/nginx/error.log" &
nginx_pid=$!
for _ in $(seq 1 20); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health" || true)" = 200 ] && break
  kill -0 "$nginx_pid" 2>/dev/null || { tail -n 5 "$run/nginx/error.log" >&2; die "nginx exited"; }
  sleep 0.5
done

log "$servers server(s) behind nginx; logs in $run; Ctrl-C stops everything"
echo "http://127.0.0.1:$port/"

# Until a signal or until one of the processes dies (then everything is stopped: a half topology
# would mislead the try-out).
set +e
wait -n "$nginx_pid" "${pids[@]}"
log "a process exited by itself (status $?); see the logs in $run"
exit 1
