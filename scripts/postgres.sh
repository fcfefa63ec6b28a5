#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for tests and local trials.
#
#   scripts/postgres.sh install       install PostgreSQL if missing (Debian, as root)
#   scripts/postgres.sh start [DIR]   install PostgreSQL if missing (Debian, as root), create a
#                                     cluster in DIR (default: a new temporary folder), start it
#                                     on a free port and print its DATABASE_URL on stdout
#   scripts/postgres.sh url DIR       print the DATABASE_URL of the cluster in DIR
#   scripts/postgres.sh stop DIR      stop the cluster and delete DIR
#   scripts/postgres.sh pause DIR     stop the cluster, keeping it (an outage, for tests)
#   scripts/postgres.sh resume DIR    start a paused cluster again
#
# The cluster listens on loopback only, with a random password, and fsync off: it is for
# tests, never for data you want to keep.
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

find_bindir() {
    local dir
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return 0
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

install_postgres() {
    [ "$(id -u)" -eq 0 ] || die "PostgreSQL is not installed; run as root or install it first"
    command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is missing"
    echo "postgres.sh: installing PostgreSQL with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q postgresql >&2; then
        apt-get update -q >&2
        apt-get install -y -q postgresql >&2
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Run a command as the cluster owner: the postgres account when we are root (the server
# refuses to run as root), else ourselves.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "${PG_OWNER:-postgres}" -- "$@"
    else
        "$@"
    fi
}

start() {
    local dir="${1:-}" bindir port password owner
    bindir="$(find_bindir)" || { install_postgres; bindir="$(find_bindir)" || die "no pg_ctl found"; }
    if [ -z "$dir" ]; then
        dir="$(mktemp -d "${TMPDIR:-/tmp}/rolebot-pg.XXXXXX")"
    fi
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    [ -e "$dir/data" ] && die "$dir/data already exists (stop that cluster first)"
    if [ "$(id -u)" -eq 0 ]; then
        owner="${PG_OWNER:-postgres}"
        id "$owner" >/dev/null 2>&1 || useradd --system --no-create-home "$owner"
        chmod 755 "$dir"
        chown "$owner" "$dir"
    fi
    port="$(free_port)"
    password="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
    (umask 077 && printf '%s\n' "$password" > "$dir/pwfile")
    [ "$(id -u)" -eq 0 ] && chown "$owner" "$dir/pwfile"
    as_owner "$bindir/initdb" -D "$dir/data" -U rolebot --pwfile="$dir/pwfile" \
        --auth=scram-sha-256 -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    rm -f "$dir/pwfile"
    echo "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" > "$dir/options"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "$(cat "$dir/options")" \
        start >/dev/null || { cat "$dir/server.log" >&2; die "server did not start"; }
    as_owner env PGPASSWORD="$password" "$bindir/createdb" \
        -h 127.0.0.1 -p "$port" -U rolebot rolebot
    echo "$bindir" > "$dir/bindir"
    echo "postgresql://rolebot:$password@127.0.0.1:$port/rolebot" > "$dir/url"
    chmod 600 "$dir/url"
    cat "$dir/url"
}

stop() {
    local dir="${1:?usage: postgres.sh stop DIR}" bindir
    [ -d "$dir" ] || return 0
    if [ -f "$dir/bindir" ] && [ -d "$dir/data" ]; then
        bindir="$(cat "$dir/bindir")"
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

# Stop the cluster in DIR without deleting it (an outage), and start it again.
pause() {
    local dir="${1:?usage: postgres.sh pause DIR}"
    as_owner "$(cat "$dir/bindir")/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
}

resume() {
    local dir="${1:?usage: postgres.sh resume DIR}"
    as_owner "$(cat "$dir/bindir")/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "$(cat "$dir/options")" start >/dev/null
}

case "${1:-}" in
    install) find_bindir >/dev/null || { install_postgres; find_bindir >/dev/null || die "no pg_ctl found"; } ;;
    start) start "${2:-}" ;;
    stop) stop "${2:-}" ;;
    url) cat "${2:?usage: postgres.sh url DIR}/url" ;;
    pause) pause "${2:-}" ;;
    resume) resume "${2:-}" ;;
    *) echo "usage: $0 install | start [DIR] | url DIR | stop DIR" >&2; exit 2 ;;
esac
