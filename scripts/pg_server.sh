#!/bin/sh
# Starts and stops a throwaway PostgreSQL cluster for the tests.
#   scripts/pg_server.sh start DIR   prints one line, the URL base ending in '/'
#                                    (postgresql://USER@127.0.0.1:PORT/), once
#                                    the server accepts connections
#   scripts/pg_server.sh pool DIR    starts PgBouncer in front of DIR's server and prints
#                                    its URL base, or the server's when there is no
#                                    pgbouncer (see below)
#   scripts/pg_server.sh stop DIR    stops both and removes DIR
# The server listens on 127.0.0.1 only (no Unix socket), on the first free
# port from 55432 up, trusts local connections and runs with fsync off: it is
# for tests, never for data.  initdb refuses root, so as root the cluster runs
# as the `postgres` user of the Debian package; otherwise as the current user.
# When `postgres` cannot reach DIR (a private parent directory), the data go
# to /tmp/bangfu-pg-XXXXXX and DIR/datadir says where.
# The pool: on the virtual machines the suite runs on, a new server process costs about 43 ms
# of CPU (its copy-on-write page faults, each a TLB flush through the hypervisor), and the cli
# tests connect about 8,000 times a run.  PgBouncer in session mode hands a client a server
# process another client has left (after DISCARD ALL, which also drops advisory locks, prepared
# statements and settings): 1 ms a connection.  Creating, copying and dropping databases go to
# the server itself, since a pooled idle connection to a template blocks CREATE DATABASE.
set -eu

usage() {
    echo "usage: $0 start DIR | pool DIR | stop DIR" >&2
    exit 2
}
[ $# = 2 ] || usage
action=$1
dir=$2

# The newest installed server, else whatever is on PATH.
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ]; then
    bindir=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")
fi
if [ ! -x "$bindir/pg_ctl" ] || [ ! -x "$bindir/initdb" ]; then
    echo "pg_server: no PostgreSQL server found (install the postgresql package)" >&2
    exit 1
fi

if [ "$(id -u)" = 0 ]; then
    user=postgres
    if ! id "$user" >/dev/null 2>&1; then
        echo "pg_server: running as root but there is no 'postgres' user" >&2
        exit 1
    fi
    as_user() { runuser -u "$user" -- "$@"; }
else
    user=$(id -un)
    as_user() { "$@"; }
fi

# The data directory of the cluster in DIR (after start).
data_dir() {
    if [ -f "$1/datadir" ]; then
        cat "$1/datadir"
    else
        echo "$1/data"
    fi
}

stop() {
    [ -d "$dir" ] || return 0
    data=$(data_dir "$dir")
    if [ -f "$dir/pgbouncer.pid" ]; then
        kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true
    fi
    if [ -f "$data/postmaster.pid" ]; then
        as_user "$bindir/pg_ctl" stop -D "$data" -m immediate -s >/dev/null 2>&1 || true
    fi
    case "$data" in
    "$dir"/*) ;;
    *) rm -rf "$data" ;;
    esac
    rm -rf "$dir"
}

start() {
    stop
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    data="$dir/data"
    if [ "$user" != "$(id -un)" ]; then
        chown "$user" "$dir"
        if ! as_user test -w "$dir"; then
            data=$(mktemp -d /tmp/bangfu-pg-XXXXXX)
            chown "$user" "$data"
            echo "$data" >"$dir/datadir"
            data="$data/data"
        fi
    fi
    if ! as_user "$bindir/initdb" -D "$data" -U "$user" -A trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$dir/initdb.log" 2>&1; then
        echo "pg_server: initdb failed:" >&2
        cat "$dir/initdb.log" >&2
        exit 1
    fi
    cat >>"$data/postgresql.conf" <<EOF
# bangfu test server: loopback only, speed over durability
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
shared_buffers = 128MB
max_wal_size = 2GB
EOF
    port=55432
    while [ "$port" -lt 55532 ]; do
        # pg_ctl -w returns once the server accepts connections, or fails
        # (e.g. the port is taken by someone else's test server).
        if as_user "$bindir/pg_ctl" start -D "$data" -w -t 60 -s -l "$data/server.log" \
            -o "-p $port" >/dev/null 2>&1; then
            echo "postgresql://$user@127.0.0.1:$port/"
            return 0
        fi
        if ! grep -qi "could not bind\|could not create any TCP/IP sockets\|address already in use" \
            "$data/server.log" 2>/dev/null; then
            echo "pg_server: the server did not start:" >&2
            tail -20 "$data/server.log" >&2 || true
            exit 1
        fi
        : >"$data/server.log"
        port=$((port + 1))
    done
    echo "pg_server: no free port in 55432..55531" >&2
    exit 1
}

# PgBouncer on the first free port from 56432 up, in front of the server started in DIR.
pool() {
    dir=$(cd "$dir" && pwd)
    data=$(data_dir "$dir")
    server_port=$(sed -n 4p "$data/postmaster.pid")
    pgbouncer=$(command -v pgbouncer 2>/dev/null || echo /usr/sbin/pgbouncer)
    if [ ! -x "$pgbouncer" ]; then
        echo "postgresql://$user@127.0.0.1:$server_port/"
        return 0
    fi
    echo "\"$user\" \"\"" >"$dir/pgbouncer.users"
    port=56432
    while [ "$port" -lt 56532 ]; do
        cat >"$dir/pgbouncer.ini" <<EOF
[databases]
* = host=127.0.0.1 port=$server_port
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/pgbouncer.users
pool_mode = session
max_client_conn = 2000
default_pool_size = 100
max_db_connections = 100
server_idle_timeout = 20
ignore_startup_parameters = extra_float_digits
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
EOF
        chown "$user" "$dir/pgbouncer.ini" "$dir/pgbouncer.users"
        rm -f "$dir/pgbouncer.log"
        if as_user "$pgbouncer" -d -q "$dir/pgbouncer.ini" 2>>"$dir/pgbouncer.err"; then
            tries=0
            while [ "$tries" -lt 50 ]; do
                # ours, not another run's pool on that port
                if [ "$(psql -qAt "postgresql://$user@127.0.0.1:$port/postgres" \
                    -c "SELECT inet_server_port()" 2>/dev/null)" = "$server_port" ]; then
                    echo "postgresql://$user@127.0.0.1:$port/"
                    return 0
                fi
                tries=$((tries + 1))
                sleep 0.1
            done
            [ -f "$dir/pgbouncer.pid" ] && kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null
        fi
        port=$((port + 1))
    done
    # without the pool the tests still pass, only slower
    echo "pg_server: pgbouncer did not start, connecting directly:" \
        "$(tail -3 "$dir/pgbouncer.log" "$dir/pgbouncer.err" 2>/dev/null)" >&2
    echo "postgresql://$user@127.0.0.1:$server_port/"
}

case "$action" in
start) start ;;
pool) pool ;;
stop) stop ;;
*) usage ;;
esac
