#!/usr/bin/env bash
# make db / make db-down: a MySQL-family server on 127.0.0.1:3306 for chapters 6+.
#   up [--optional]  use a server that already answers; else Docker (mysql:8.4); else a local
#                    mysqld/mariadbd with its data in .mysql/; else say how to get one
#                    (--optional: say it, but do not fail).
#   down             stop only what `up` started.
set -uo pipefail
cd "$(dirname "$0")/.."

HOST=127.0.0.1
PORT=${DB_PORT:-3306}  # another port lets `make db` run beside a server you already have
STATE=.mysql
# The venv's Python has PyMySQL (a real login); before `make setup`, python3 reads the greeting.
if [ -z "${PYTHON:-}" ]; then
    if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi

# What listens on the port, in one line; exit 0: a MySQL-family server (it sent a MySQL
# greeting), 1: nothing, 2: something that is not MySQL (or stays silent).
probe() { "$PYTHON" scripts/mysql_answers.py "$HOST" "$PORT" --timeout "${1:-2}"; }

answers() { probe "$@" >/dev/null; }

wait_until_answers() {
    for _ in $(seq 1 60); do answers 1 && return 0; sleep 1; done
    return 1
}

# Server settings for the benchmark's million-row tables (chapters/sqlkit/tuning.py holds the
# same values, and docker-compose.yml): temporary tables stay in memory up to 256 MiB, and the
# buffer pool holds a few such tables (the defaults are 16 MiB and 128 MiB).
TUNING=(--tmp-table-size=256M --max-heap-table-size=256M --innodb-buffer-pool-size=512M)

docker_engine() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

server_binary() { command -v mariadbd || command -v mysqld || ls /usr/sbin/mariadbd /usr/sbin/mysqld 2>/dev/null | head -1; }

start_local() {
    local server=$1 data=$STATE/data
    mkdir -p "$STATE"
    if [ ! -d "$data" ]; then
        echo "Initialising a throwaway server in $STATE/ ..."
        if [[ "$(basename "$server")" == mariadbd ]] || "$server" --version 2>/dev/null | grep -qi mariadb; then
            local install_db
            install_db=$(command -v mariadb-install-db || command -v mysql_install_db) || {
                echo "Found $server but not mariadb-install-db to initialise it." >&2; return 1; }
            "$install_db" --no-defaults --datadir="$PWD/$data" --auth-root-authentication-method=normal \
                --user="$(id -un)" >"$STATE/init.log" 2>&1 || { cat "$STATE/init.log" >&2; return 1; }
        else
            "$server" --no-defaults --initialize-insecure --datadir="$PWD/$data" --user="$(id -un)" \
                >"$STATE/init.log" 2>&1 || { cat "$STATE/init.log" >&2; return 1; }
        fi
    fi
    echo "Starting $server on $HOST:$PORT (data in $STATE/, log in $STATE/server.log) ..."
    nohup "$server" --no-defaults --datadir="$PWD/$data" --socket="$PWD/$STATE/sock" \
        --port="$PORT" --bind-address=$HOST --user="$(id -un)" --pid-file="$PWD/$STATE/pid" \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        "${TUNING[@]}" >"$STATE/server.log" 2>&1 &
    if wait_until_answers; then
        echo "local" >"$STATE/started-by"
        echo "MySQL-family server ready on $HOST:$PORT (stop it with: make db-down)."
    else
        echo "The server did not answer within 60 s; see $STATE/server.log" >&2
        return 1
    fi
}

up() {
    local optional=${1:-} found status
    found=$(probe)
    status=$?
    if [ "$status" -eq 0 ]; then
        echo "A server already answers on $HOST:$PORT; nothing to start."
        case "$found" in *refuses*) echo "Note: $found" >&2 ;; esac
        return 0
    fi
    if [ "$status" -ne 1 ]; then
        echo "Cannot start a server: $found." >&2
        echo "Stop what holds the port, or use another one (DB_PORT=3307 make db, then set MYSQL_URL)." >&2
        return 1
    fi
    if docker_engine; then
        echo "Starting MySQL 8.4 with docker compose ..."
        docker compose up -d --wait || return 1
        mkdir -p "$STATE" && echo "docker" >"$STATE/started-by"
        echo "MySQL 8.4 ready on $HOST:$PORT (stop it with: make db-down)."
        return 0
    fi
    local server
    server=$(server_binary)
    if [ -n "$server" ]; then
        start_local "$server"
        return $?
    fi
    cat >&2 <<'MSG'
No MySQL server answers on 127.0.0.1:3306, no Docker engine runs and no mysqld/mariadbd is installed.
Get one of: Docker (then `make db` starts mysql:8.4), or a local server
(Debian/Ubuntu: `sudo apt-get install mariadb-server`; macOS: `brew install mysql`),
or point MYSQL_URL at a server you have, e.g. mysql+pymysql://user:pass@host:3306/tutorial
MSG
    [ "$optional" = --optional ] && { echo "(MySQL tests will be skipped.)" >&2; return 0; }
    return 1
}

down() {
    local by
    by=$(cat "$STATE/started-by" 2>/dev/null || true)
    case "$by" in
        docker)
            docker compose down && rm -f "$STATE/started-by"
            echo "Stopped the docker compose MySQL." ;;
        local)
            if [ -f "$STATE/pid" ] && kill "$(cat "$STATE/pid")" 2>/dev/null; then
                for _ in $(seq 1 30); do answers || break; sleep 1; done
            fi
            rm -f "$STATE/started-by" "$STATE/pid"
            echo "Stopped the local server started by make db (its data stays in $STATE/data)." ;;
        *)
            echo "make db started no server here; nothing to stop." ;;
    esac
}

case "${1:-}" in
    up) up "${2:-}" ;;
    down) down ;;
    *) echo "usage: $0 up [--optional] | down" >&2; exit 2 ;;
esac
