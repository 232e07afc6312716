#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the store tests and exports its JDBC URL as
# BOTFLEET_TEST_PG_URL.
#
#   source .ci/postgres.sh          # exports BOTFLEET_TEST_PG_URL in the calling shell
#   eval "$(bash .ci/postgres.sh)"  # same, from a subshell: stdout is one `export ...` line
#   bash .ci/postgres.sh stop       # stops the server and removes its folder
#
# Installs PostgreSQL from the Debian packages when no server binaries are found. The cluster
# lives in $BOTFLEET_PG_DIR (default /tmp/botfleet-test-pg), owned by the `postgres` user when run
# as root (initdb and postgres refuse to run as root), listens on a free port on 127.0.0.1 only,
# and is reused when it is still running, so calling this again is cheap and safe. Every wait is
# bounded: nothing here can hang a CI run.

_botfleet_pg_main() {
    local dir="${BOTFLEET_PG_DIR:-/tmp/botfleet-test-pg}"
    local data="$dir/data" envfile="$dir/url.env" log="$dir/server.log"
    local db=botfleet_test role=botfleet

    _bfpg_log() { echo "postgres.sh: $*" >&2; }

    # Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
    _bfpg_as_owner() {
        if [ "$(id -u)" = 0 ]; then
            runuser -u postgres -- "$@"
        else
            "$@"
        fi
    }

    _bfpg_bindir() {
        local candidate
        if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
            pg_config --bindir
            return 0
        fi
        candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
        if [ -n "$candidate" ] && [ -x "$candidate/initdb" ]; then
            echo "$candidate"
            return 0
        fi
        return 1
    }

    _bfpg_install() {
        if [ "$(id -u)" != 0 ]; then
            _bfpg_log "PostgreSQL is not installed and we are not root: apt-get install postgresql first"
            return 1
        fi
        _bfpg_log "installing PostgreSQL from the Debian packages"
        export DEBIAN_FRONTEND=noninteractive
        timeout 600 apt-get update -q >&2 && timeout 900 apt-get install -y -q postgresql >&2
    }

    _bfpg_port_in_use() {
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    }

    _bfpg_free_port() {
        local port
        for port in $(seq 55432 55532); do
            if ! _bfpg_port_in_use "$port"; then
                echo "$port"
                return 0
            fi
        done
        return 1
    }

    _bfpg_stop() {
        local bin
        if [ -d "$data" ] && bin=$(_bfpg_bindir); then
            _bfpg_as_owner "$bin/pg_ctl" -D "$data" -m immediate -t 20 stop >/dev/null 2>&1 || true
        fi
        rm -rf "$dir"
    }

    if [ "${1:-}" = stop ]; then
        _bfpg_stop
        _bfpg_log "stopped"
        return 0
    fi

    local bin
    if ! bin=$(_bfpg_bindir); then
        _bfpg_install || return 1
        bin=$(_bfpg_bindir) || { _bfpg_log "PostgreSQL installed but no initdb found"; return 1; }
    fi

    # Reuse a server this script started before, when it still runs.
    if [ -f "$envfile" ] && [ -d "$data" ] && _bfpg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        # shellcheck disable=SC1090
        . "$envfile"
        _bfpg_log "reusing the running server ($bin)"
        echo "export BOTFLEET_TEST_PG_URL='$BOTFLEET_TEST_PG_URL'"
        return 0
    fi

    _bfpg_stop
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres || return 1
    fi
    mkdir -p "$dir" || return 1
    chmod 700 "$dir"
    if [ "$(id -u)" = 0 ]; then
        chown postgres: "$dir" || return 1
    fi

    local port password
    port=$(_bfpg_free_port) || { _bfpg_log "no free port in 55432-55532"; return 1; }
    password=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')

    _bfpg_log "initdb in $data ($bin)"
    _bfpg_as_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || _bfpg_as_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
        || { _bfpg_log "initdb failed:"; cat "$dir/initdb.log" >&2; return 1; }
    # Local socket connections (the setup below) are trusted; TCP needs the password.
    _bfpg_as_owner bash -c "cat > '$data/pg_hba.conf'" <<HBA
local all all trust
host all all 127.0.0.1/32 scram-sha-256
HBA
    _bfpg_as_owner bash -c "cat >> '$data/postgresql.conf'" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 64MB
CONF
    _bfpg_log "starting on 127.0.0.1:$port"
    if ! _bfpg_as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null; then
        _bfpg_log "server did not start:"
        tail -n 30 "$log" >&2
        return 1
    fi
    local psql=("$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q)
    if ! _bfpg_as_owner "${psql[@]}" -c "CREATE ROLE $role LOGIN PASSWORD '$password'" \
        || ! _bfpg_as_owner "${psql[@]}" -c "CREATE DATABASE $db OWNER $role"; then
        _bfpg_log "could not create the database"
        return 1
    fi

    BOTFLEET_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/$db?user=$role&password=$password"
    export BOTFLEET_TEST_PG_URL
    _bfpg_as_owner bash -c "umask 077; echo \"BOTFLEET_TEST_PG_URL='$BOTFLEET_TEST_PG_URL'\" > '$envfile'"
    _bfpg_log "ready: database $db on 127.0.0.1:$port"
    echo "export BOTFLEET_TEST_PG_URL='$BOTFLEET_TEST_PG_URL'"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    # sourced: export into the caller's shell, never exit it
    _botfleet_pg_main "$@"
else
    _botfleet_pg_main "$@"
    exit $?
fi
