#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster (Debian's `postgresql` package) for tests and try-outs.
#   pg_cluster.sh start DIR [PORT]   initdb into DIR if needed, start it, print its URL (only line on stdout)
#   pg_cluster.sh stop DIR           stop it; no error when it is not running
#   pg_cluster.sh url DIR            print the URL of the running cluster
#   pg_cluster.sh pause DIR          stop it, keeping DIR and its port (the database "goes away")
#   pg_cluster.sh resume DIR         start it again on the same port
# The cluster listens on 127.0.0.1 only, trusts every local connection (user yilu, database yilu)
# and keeps fsync on: tests measure durability with it, never use it for real data.
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
log() { echo "pg_cluster: $*" >&2; }
die() { log "$*"; exit 1; }

[ -x "$bin/initdb" ] || die "$bin/initdb missing: install the postgresql package (scripts/setup.sh)"

# PostgreSQL refuses to run as root; as root everything server-side runs as the postgres user,
# from / so that a current directory it cannot read does not matter.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

usage() { die "usage: $0 start DIR [PORT] | stop DIR | url DIR | pause DIR | resume DIR"; }

cmd=${1:-}
[ $# -ge 2 ] || usage
# pg_ctl and the socket path need an absolute DIR whatever the caller's current directory.
if [ ! -d "$2" ]; then
  case "$cmd" in
    start) mkdir -p "$2" ;;
    stop) log "$2: no such folder, nothing to stop"; exit 0 ;;
    *) die "$2: no such folder" ;;
  esac
fi
dir=$(cd "$2" && pwd)
port_file=$dir/yilu.port

url_of() { echo "postgresql://yilu@127.0.0.1:$(cat "$port_file")/yilu"; }
is_cluster() { [ -f "$dir/PG_VERSION" ]; }
# pg_ctl status: 0 running, 3 not running, 4 no usable data folder.
is_running() { is_cluster && as_pg "$bin/pg_ctl" status -D "$dir" >/dev/null 2>&1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

init_cluster() {
  local port=$1
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    # initdb as postgres also needs to reach DIR through its parents.
    runuser -u postgres -- test -x "$dir" ||
      die "$dir: the postgres user cannot reach it (a parent folder is not world-searchable); pick another DIR"
  fi
  [ -z "$(ls -A "$dir")" ] || die "$dir is neither empty nor a PostgreSQL cluster"
  log "initdb into $dir"
  local out
  # --no-sync: initdb's final flush of the new files costs ~4 s on a busy disk and only guards
  # against the machine losing power in the next seconds; the running server keeps fsync on.
  out=$(as_pg "$bin/initdb" --no-sync -D "$dir" -A trust -U yilu -E UTF8 --locale=C 2>&1) || { echo "$out" >&2; die "initdb failed"; }
  # Settings go into the cluster's own configuration so that a plain `pg_ctl start` (resume)
  # brings back the same port and socket folder. Appending keeps the file owned by postgres.
  cat >>"$dir/postgresql.conf" <<EOF

# pg_cluster.sh (yilu): a local throwaway cluster
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = on
synchronous_commit = on
max_connections = 200
logging_collector = off
EOF
  echo "$port" >"$port_file"
  # The Unix socket path is limited to 107 bytes; TCP still works past that, but warn.
  [ ${#dir} -lt 90 ] || log "warning: $dir is long; the Unix socket may not be created (TCP still works)"
}

try_start() {
  # -w: return once it accepts connections; the log lives in DIR, readable after a failure.
  as_pg "$bin/pg_ctl" start -D "$dir" -l "$dir/server.log" -w -t 60 >/dev/null
}

start_failed() {
  tail -n 20 "$dir/server.log" >&2 || true
  die "pg_ctl start failed (log: $dir/server.log)"
}

start_cluster() {
  try_start || start_failed
}

# A port picked by free_port can be taken by another process before the server binds it (tests
# start clusters side by side): a new cluster on a picked port moves to another one and tries
# again, a few times. A later `port =` line of postgresql.conf wins over an earlier one.
start_new_cluster() {
  local tries=0
  until try_start; do
    tries=$((tries + 1))
    local last
    last=$(tail -n 5 "$dir/server.log" 2>/dev/null || true)
    [[ $tries -lt 5 && $last == *"could not create any TCP/IP sockets"* ]] || start_failed
    local port
    port=$(free_port)
    log "port $(cat "$port_file") was taken; trying $port"
    echo "port = $port" | as_pg tee -a "$dir/postgresql.conf" >/dev/null
    echo "$port" >"$port_file"
  done
}

stop_cluster() {
  if is_running; then
    as_pg "$bin/pg_ctl" stop -D "$dir" -m fast -w -t 60 >/dev/null
    log "stopped $dir"
  else
    log "$dir: not running"
  fi
}

case "$cmd" in
  start)
    if is_running; then
      log "already running in $dir"
      url_of
      exit 0
    fi
    if ! is_cluster; then
      init_cluster "${3:-$(free_port)}"
      if [ -n "${3:-}" ]; then start_cluster; else start_new_cluster; fi
    else
      if [ -n "${3:-}" ] && [ "$3" != "$(cat "$port_file")" ]; then
        log "$dir keeps its port $(cat "$port_file"); ignoring $3"
      fi
      start_cluster
    fi
    port=$(cat "$port_file")
    # The database the servers use; the cluster only has postgres/template databases at first.
    if [ "$(psql -h 127.0.0.1 -p "$port" -U yilu -d postgres -XtAc "select 1 from pg_database where datname = 'yilu'")" != 1 ]; then
      createdb -h 127.0.0.1 -p "$port" -U yilu yilu
    fi
    log "running in $dir on 127.0.0.1:$port"
    url_of
    ;;
  stop)
    stop_cluster
    ;;
  url)
    is_running || die "$dir: no running cluster"
    url_of
    ;;
  pause)
    is_cluster || die "$dir: no cluster"
    stop_cluster
    ;;
  resume)
    is_cluster || die "$dir: no cluster"
    if is_running; then log "$dir: already running"; else start_cluster; fi
    log "resumed on 127.0.0.1:$(cat "$port_file")"
    ;;
  *) usage ;;
esac
