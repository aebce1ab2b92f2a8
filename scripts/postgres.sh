#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, from Debian's packages (installed with apt when missing), listening on
# 127.0.0.1 only, with its data in a temporary directory. Tuned for speed, not durability (fsync off): never for data
# that matters.
#
#   scripts/postgres.sh start DIR PORT   starts it; prints the connection string (user "lifecycle", no password)
#   scripts/postgres.sh stop DIR         stops it and removes DIR
set -euo pipefail

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

install_postgres() {
  echo "Installing Debian's PostgreSQL..." >&2
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq postgresql >/dev/null
  # The package may start its own cluster; the tests never use it, so it does not stay running.
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters --no-header 2>/dev/null | awk '$4 == "online" { print $1, $2 }' | while read -r version cluster; do
      sudo_if_needed pg_ctlcluster "$version" "$cluster" stop || true
    done
  fi
}

# Runs a server program as the postgres user when we are root (initdb and pg_ctl refuse root), else as ourselves.
as_server_user() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    dir="${2:?data directory}"; port="${3:?port}"
    [ -n "$(postgres_bin)" ] || install_postgres
    bin="$(postgres_bin)"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    chmod 700 "$dir"
    as_server_user "$bin/initdb" -D "$dir/data" -A trust -U lifecycle -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=lifecycle;Database=postgres"
    ;;
  stop)
    dir="${2:?data directory}"
    bin="$(postgres_bin)"
    if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
      as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "Usage: scripts/postgres.sh start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
