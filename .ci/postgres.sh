#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the test suite.
#
#   source .ci/postgres.sh && pg_start     # installs PostgreSQL if missing, starts a cluster,
#                                          # exports PIPELINE_DESKTOP_TEST_PG
#   pg_stop                                # stops it and deletes its folder
#
# Run directly (`bash .ci/postgres.sh start`) it prints the export line instead, and
# `bash .ci/postgres.sh stop DIR` stops the cluster in DIR.
# When PostgreSQL cannot be installed (no root, no network) it says so and the PostgreSQL tests
# skip; the rest of the suite still runs.

_pg_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then echo "$dir"; return 0; fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1; then
        dirname "$(command -v initdb)"; return 0
    fi
    return 1
}

_pg_install() {
    if _pg_bindir >/dev/null; then return 0; fi
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "postgres.sh: PostgreSQL is not installed and I cannot install it" \
             "(run as root: apt-get install -y postgresql); PostgreSQL tests will skip" >&2
        return 1
    fi
    echo "postgres.sh: installing PostgreSQL (apt-get install -y postgresql)" >&2
    # The Debian package starts its own cluster when a service manager runs; we do not use it.
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

# Run a command as the cluster's owner: root may not run the server.
_pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "${PG_OWNER:-postgres}" -- "$@"
    else
        "$@"
    fi
}

_pg_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_start() {
    _pg_install || return 0
    local bindir port
    bindir=$(_pg_bindir) || return 0
    if [ "$(id -u)" = 0 ] && ! id "${PG_OWNER:-postgres}" >/dev/null 2>&1; then
        useradd --system --no-create-home "${PG_OWNER:-postgres}"
    fi
    PG_TEST_DIR=$(mktemp -d /tmp/pipeline-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown "${PG_OWNER:-postgres}" "$PG_TEST_DIR"
    chmod 700 "$PG_TEST_DIR"
    port=$(_pg_free_port)
    _pg_as_owner "$bindir/initdb" -D "$PG_TEST_DIR/data" -U postgres --auth=trust -E UTF8 \
        --locale=C --no-sync >"$PG_TEST_DIR/initdb.log" 2>&1 ||
        { echo "postgres.sh: initdb failed, see $PG_TEST_DIR/initdb.log" >&2; return 0; }
    # The admin role connects without a password; every other role must give its own, so the
    # tests see what a real server does with a wrong or missing password.
    printf '%s\n' "local all all trust" "host all postgres 127.0.0.1/32 trust" \
        "host all all 127.0.0.1/32 scram-sha-256" >"$PG_TEST_DIR/data/pg_hba.conf"
    # Durability is not wanted for a throwaway cluster: fsync off makes CREATE DATABASE fast.
    _pg_as_owner "$bindir/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TEST_DIR -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null ||
        { echo "postgres.sh: server did not start, see $PG_TEST_DIR/server.log" >&2; return 0; }
    PG_TEST_BINDIR=$bindir
    export PG_TEST_DIR PG_TEST_BINDIR
    export PIPELINE_DESKTOP_TEST_PG="postgresql://postgres@127.0.0.1:$port/postgres"
    echo "postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on" \
         "127.0.0.1:$port ($PG_TEST_DIR)" >&2
}

pg_stop() {
    local dir=${1:-${PG_TEST_DIR:-}} bindir
    [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
    bindir=${PG_TEST_BINDIR:-$(_pg_bindir)}
    _pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    case "${1:-}" in
        start) pg_start
               if [ -n "${PIPELINE_DESKTOP_TEST_PG:-}" ]; then
                   echo "export PIPELINE_DESKTOP_TEST_PG=$PIPELINE_DESKTOP_TEST_PG"
                   echo "export PG_TEST_DIR=$PG_TEST_DIR"
               fi ;;
        stop) pg_stop "${2:-}" ;;
        *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
    esac
fi
