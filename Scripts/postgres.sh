#!/usr/bin/env bash
# A throwaway PostgreSQL (Debian's `postgresql`) for the tests and the benchmark: initdb into a
# new folder as an unprivileged user (PostgreSQL refuses to run as root: as root, the system
# user ticketledger-pg is made for it), trust authentication for this machine only, listening
# on 127.0.0.1 at a free port and on a socket in that folder. Prints the URL, then the folder.
#   Scripts/postgres.sh start [--watch PID]   with --watch, the server stops (and its folder goes) when PID ends
#   Scripts/postgres.sh stop FOLDER
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "postgres.sh: no PostgreSQL server here: apt-get install postgresql" >&2; exit 69; }

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u ticketledger-pg -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    watch=""
    [ "${2:-}" = "--watch" ] && watch="${3:?--watch needs a pid}"
    if [ "$(id -u)" = 0 ] && ! id ticketledger-pg >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin ticketledger-pg
    fi
    folder=$(mktemp -d /tmp/ticket-ledger-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown ticketledger-pg "$folder"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bindir/initdb" -D "$folder/data" -U ledger --auth=trust -E UTF8 --locale=C --no-sync >"$folder/initdb.log" 2>&1 ||
        { cat "$folder/initdb.log" >&2; exit 1; }
    as_owner "$bindir/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
        -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c max_connections=50" start >/dev/null ||
        { cat "$folder/server.log" >&2; exit 1; }
    if [ -n "$watch" ]; then
        # Detached, so it outlives this script: it stops the server once the watched process ends.
        setsid bash -c "while kill -0 $watch 2>/dev/null; do sleep 1; done
            $(declare -f as_owner); bindir='$bindir'
            as_owner \"\$bindir/pg_ctl\" -D '$folder/data' -m fast -w stop >/dev/null 2>&1; rm -rf '$folder'" \
            </dev/null >/dev/null 2>&1 &
    fi
    echo "postgresql://ledger@127.0.0.1:$port/postgres?sslmode=disable"
    echo "$folder"
    ;;
stop)
    folder="${2:?stop needs the folder start printed}"
    as_owner "$bindir/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null
    rm -rf "$folder"
    ;;
*)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 64
    ;;
esac
