# shellcheck shell=bash
# A throwaway PostgreSQL cluster for the tests; meant to be `source`d (by .ci/run, or by a developer):
#
#     source .ci/postgres.sh && pg_start      # exports NPLAN_TEST_PG_URL
#     python -m pytest
#     pg_stop                                 # stops the cluster and removes its directory
#
# pg_start installs PostgreSQL from Debian's packages when no initdb is found, creates a cluster under a fresh
# temporary directory, runs it as an unprivileged user (as root: the system user nplanci, created when missing),
# listens on 127.0.0.1 only (the Unix socket lives in the cluster's directory, mode 0700), creates the role
# nplan (LOGIN CREATEDB, a random password) and its database nplan_test, waits until it accepts connections
# and exports NPLAN_TEST_PG_URL=postgresql://nplan:PASSWORD@127.0.0.1:PORT/nplan_test.
# The cluster trades durability for speed (fsync off): it lives for one test run. Its databases collate text
# with ICU's Swedish rules (sv-SE), like a Swedish region's server would, so a test notices an ORDER BY on text
# that sorts differently from SQLite's byte order.
# pg_stop is safe to call from a trap, also when pg_start failed halfway or never ran.

NPLAN_PG_OS_USER=${NPLAN_PG_OS_USER:-nplanci}
NPLAN_PG_FIRST_PORT=${NPLAN_PG_FIRST_PORT:-54329}

# The directory of PostgreSQL's server binaries (initdb, pg_ctl, postgres), newest version first.
_pg_bindir() {
    local dir
    for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5 -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return 0
    fi
    return 1
}

# Run a command as the cluster's owner (from /, so no "could not change directory" noise).
_pg_as() {
    if [ "$(id -u)" = 0 ]; then
        (cd / && runuser -u "$NPLAN_PG_OS_USER" -- "$@")
    else
        "$@"
    fi
}

# Is something listening on 127.0.0.1:$1?
_pg_port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_start() {
    if [ -n "${NPLAN_PG_DIR:-}" ]; then
        echo "pg_start: a cluster is already running in $NPLAN_PG_DIR" >&2
        return 1
    fi
    local bindir
    if ! bindir=$(_pg_bindir); then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
        bindir=$(_pg_bindir) || { echo "pg_start: PostgreSQL is not installed" >&2; return 1; }
    fi

    # As root the cluster runs as an unprivileged system user; its directory must be reachable by that user,
    # so it lives under /tmp rather than $TMPDIR (which may be inside root's home).
    local base=${TMPDIR:-/tmp}
    if [ "$(id -u)" = 0 ]; then
        base=/tmp
        id -u "$NPLAN_PG_OS_USER" >/dev/null 2>&1 \
            || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$NPLAN_PG_OS_USER"
    fi
    NPLAN_PG_DIR=$(mktemp -d "$base/nplan-pg.XXXXXX") || return 1
    export NPLAN_PG_DIR
    chmod 700 "$NPLAN_PG_DIR"
    if [ "$(id -u)" = 0 ]; then chown "$NPLAN_PG_OS_USER:" "$NPLAN_PG_DIR"; fi

    local password
    password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')

    local port=$NPLAN_PG_FIRST_PORT
    while _pg_port_busy "$port"; do
        port=$((port + 1))
        if [ "$port" -ge $((NPLAN_PG_FIRST_PORT + 100)) ]; then
            echo "pg_start: no free port from $NPLAN_PG_FIRST_PORT on" >&2
            pg_stop
            return 1
        fi
    done

    # The bootstrap superuser "postgres" is reachable only through the Unix socket in the cluster's directory
    # (trust, but the directory is 0700); over TCP every role needs its password.
    if ! _pg_as "$bindir/initdb" -D "$NPLAN_PG_DIR/data" -U postgres --auth-local=trust \
            --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --locale-provider=icu --icu-locale=sv-SE --no-sync >"$NPLAN_PG_DIR/initdb.log" 2>&1; then
        cat "$NPLAN_PG_DIR/initdb.log" >&2
        pg_stop
        return 1
    fi
    _pg_as tee -a "$NPLAN_PG_DIR/data/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$NPLAN_PG_DIR'
unix_socket_permissions = 0700
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    if ! _pg_as "$bindir/pg_ctl" -D "$NPLAN_PG_DIR/data" -l "$NPLAN_PG_DIR/server.log" -w -t 30 start >/dev/null; then
        cat "$NPLAN_PG_DIR/server.log" >&2
        pg_stop
        return 1
    fi
    export NPLAN_PG_BINDIR=$bindir

    # The password reaches psql on its standard input (not on a command line others can read); psql quotes it.
    local psql=psql
    if [ -x "$bindir/psql" ]; then psql=$bindir/psql; fi
    if ! _pg_as "$psql" -X -q -v ON_ERROR_STOP=1 -h "$NPLAN_PG_DIR" -p "$port" -U postgres -d postgres \
            >/dev/null <<EOF
\\set password '$password'
CREATE ROLE nplan LOGIN CREATEDB PASSWORD :'password';
-- Dropping a test database WITH (FORCE) may have to end an autovacuum worker in it.
GRANT pg_signal_backend TO nplan;
CREATE DATABASE nplan_test OWNER nplan;
EOF
    then
        pg_stop
        return 1
    fi
    export NPLAN_TEST_PG_URL="postgresql://nplan:$password@127.0.0.1:$port/nplan_test"
    # Accepting connections over TCP, with the password (what the tests do).
    local _
    for _ in $(seq 1 50); do
        if PGPASSWORD=$password "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U nplan -d nplan_test; then
            return 0
        fi
        sleep 0.1
    done
    echo "pg_start: the server does not accept connections on 127.0.0.1:$port" >&2
    pg_stop
    return 1
}

pg_stop() {
    local dir=${NPLAN_PG_DIR:-}
    unset NPLAN_TEST_PG_URL NPLAN_PG_DIR
    [ -n "$dir" ] || return 0
    if [ -f "$dir/data/postmaster.pid" ]; then
        # -w: returns once the server has shut down (its pid file is gone).
        _pg_as "${NPLAN_PG_BINDIR:-$(_pg_bindir)}/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null || true
    fi
    rm -rf "$dir"
    unset NPLAN_PG_BINDIR
    return 0
}
