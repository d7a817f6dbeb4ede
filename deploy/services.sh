#!/usr/bin/env bash
# Local PostgreSQL and Elasticsearch for tests, benchmarks and development.
#
#   deploy/services.sh start [pg|es|all]   start (idempotent), wait until ready, print URLs
#   deploy/services.sh stop  [pg|es|all]
#   deploy/services.sh status
#   deploy/services.sh env                 print URLs: eval "$(deploy/services.sh env)"
#
# stdout carries only the URL assignments; progress and errors go to stderr.
# Settings (environment): SERVICES_DIR (default <repo>/.services), PG_PORT (54329), ES_PORT (9209),
# ES_VERSION (9.2.0), ES_HEAP (512m), ES_JAVA_HOME (newest JDK >= 21 under /usr/lib/jvm),
# SERVICES_TIMEOUT (seconds to wait for readiness, 120).
set -euo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SERVICES_DIR=${SERVICES_DIR:-$REPO_DIR/.services}
PG_PORT=${PG_PORT:-54329}
ES_PORT=${ES_PORT:-9209}
ES_VERSION=${ES_VERSION:-9.2.0}
ES_HEAP=${ES_HEAP:-512m}
SERVICES_TIMEOUT=${SERVICES_TIMEOUT:-120}
PG_SYSTEM_USER=postgres          # created by Debian's postgresql package
ES_SYSTEM_USER=${ES_SYSTEM_USER:-vanban-es}
DB_NAME=vanban
DB_USER=vanban
DB_PASSWORD=vanban

DATABASE_URL="postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME"
ELASTICSEARCH_URL="http://127.0.0.1:$ES_PORT"

log() { echo "services: $*" >&2; }
die() { echo "services: ERROR: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as a service user. PostgreSQL and Elasticsearch both refuse to run as root;
# a non-root caller simply runs them as itself.
as_user() {
    local user=$1
    shift
    if is_root; then
        # From / so the service user never trips over an unreadable working directory.
        (cd / && runuser -u "$user" -- "$@")
    else
        "$@"
    fi
}

# Directory for one service's state, owned by its system user. Normally $SERVICES_DIR/NAME; when the
# service user cannot reach it (the repository lives under a private directory such as /root), fall
# back to a directory under /var/tmp keyed by SERVICES_DIR so two checkouts never share state.
service_dir() {
    local name=$1 user=$2 dir
    dir="$SERVICES_DIR/$name"
    mkdir -p "$dir"
    if is_root && id "$user" >/dev/null 2>&1; then
        chown "$user:" "$dir"
        if ! runuser -u "$user" -- test -w "$dir" 2>/dev/null; then
            local key
            key=$(printf '%s' "$SERVICES_DIR" | md5sum | cut -c1-12)
            dir="/var/tmp/vanban-services-$key/$name"
            [ -d "$dir" ] || log "$user cannot reach $SERVICES_DIR/$name; keeping $name state in $dir"
            mkdir -p "$dir"
            chmod 755 "$(dirname "$dir")"
            chown "$user:" "$dir"
        fi
    fi
    printf '%s\n' "$dir"
}

tail_log() {
    local file=$1
    if [ -f "$file" ]; then
        echo "---- last lines of $file ----" >&2
        tail -n 40 "$file" >&2 || true
        echo "----" >&2
    fi
}

# ---------------------------------------------------------------- PostgreSQL

pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "PostgreSQL server not installed; run deploy/install-system-deps.sh"
    printf '%s\n' "$dir"
}

pg_ensure_user() {
    is_root || return 0
    id "$PG_SYSTEM_USER" >/dev/null 2>&1 || die "system user $PG_SYSTEM_USER missing; reinstall the postgresql package"
}

# True when our URL accepts a query (whoever runs the server).
pg_accepts_url() {
    PGCONNECT_TIMEOUT=3 psql "$DATABASE_URL" -XAtqc 'select 1' >/dev/null 2>&1
}

pg_start() {
    pg_ensure_user
    local bin dir data logfile
    bin=$(pg_bindir)
    dir=$(service_dir pg "$PG_SYSTEM_USER")
    data="$dir/data"
    logfile="$dir/postgres.log"

    if [ -f "$data/PG_VERSION" ] && as_user "$PG_SYSTEM_USER" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        log "PostgreSQL already running ($data)"
    else
        # Something else on our port: reuse it only if it speaks our credentials.
        # pg_isready: 0 = accepting, 1 = rejecting (starting up), 2 = nothing answering.
        local probe=0
        "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2 || probe=$?
        if [ "$probe" -le 1 ]; then
            if pg_accepts_url; then
                log "port $PG_PORT already serves $DATABASE_URL (not started from $SERVICES_DIR); reusing it"
                echo "DATABASE_URL=$DATABASE_URL"
                return 0
            fi
            die "port $PG_PORT is taken by another server; set PG_PORT to a free port"
        fi

        if [ ! -f "$data/PG_VERSION" ]; then
            log "initialising PostgreSQL cluster in $data"
            rm -rf "$data"
            local pwfile
            pwfile=$(mktemp)
            printf '%s\n' "$DB_PASSWORD" >"$pwfile"
            is_root && chown "$PG_SYSTEM_USER:" "$pwfile"
            if ! as_user "$PG_SYSTEM_USER" "$bin/initdb" -D "$data" -U "$DB_USER" --pwfile="$pwfile" \
                    -E UTF8 --locale=C.UTF-8 --auth-host=scram-sha-256 --auth-local=peer >"$dir/initdb.log" 2>&1; then
                rm -f "$pwfile"
                tail_log "$dir/initdb.log"
                die "initdb failed"
            fi
            rm -f "$pwfile"
            # A throwaway test/dev cluster: trade durability for speed; TCP on loopback only.
            cat >>"$data/postgresql.conf" <<'EOF'

# --- vanban local services (deploy/services.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 256MB
EOF
        fi

        log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
        # setsid: the server outlives, and ignores Ctrl-C sent to, the process group that started it.
        if ! as_user "$PG_SYSTEM_USER" setsid -w "$bin/pg_ctl" -D "$data" -l "$logfile" -o "-p $PG_PORT" \
                -w -t "$SERVICES_TIMEOUT" start >"$dir/pg_ctl.out" 2>&1 </dev/null 9>&-; then
            cat "$dir/pg_ctl.out" >&2 || true
            tail_log "$logfile"
            die "PostgreSQL did not start within ${SERVICES_TIMEOUT}s"
        fi
    fi

    # Wait for TCP readiness (the cluster may have been started with another port earlier).
    local waited=0
    until "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; do
        waited=$((waited + 1))
        if [ "$waited" -ge "$SERVICES_TIMEOUT" ]; then
            tail_log "$logfile"
            die "PostgreSQL not ready on 127.0.0.1:$PG_PORT after ${SERVICES_TIMEOUT}s (running with another PG_PORT? try: $0 stop pg)"
        fi
        sleep 1
    done

    # The superuser role exists from initdb (SUPERUSER implies CREATEDB for Django's test databases).
    local exists
    exists=$(PGPASSWORD=$DB_PASSWORD psql -XAtq -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d postgres \
        -c "select 1 from pg_database where datname = '$DB_NAME'") || { tail_log "$logfile"; die "cannot connect to PostgreSQL as $DB_USER"; }
    if [ "$exists" != 1 ]; then
        PGPASSWORD=$DB_PASSWORD psql -XAtq -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d postgres \
            -c "create database $DB_NAME" >/dev/null || die "cannot create database $DB_NAME"
    fi
    pg_accepts_url || die "PostgreSQL is up but $DATABASE_URL does not accept queries"
    echo "DATABASE_URL=$DATABASE_URL"
}

pg_stop() {
    local bin dir data
    bin=$(pg_bindir)
    dir=$(service_dir pg "$PG_SYSTEM_USER")
    data="$dir/data"
    if [ -f "$data/PG_VERSION" ] && as_user "$PG_SYSTEM_USER" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        log "stopping PostgreSQL"
        as_user "$PG_SYSTEM_USER" "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >&2
    else
        log "PostgreSQL not running"
    fi
}

pg_status() {
    local bin dir data
    bin=$(pg_bindir 2>/dev/null) || { echo "postgres: not installed"; return 0; }
    dir=$(service_dir pg "$PG_SYSTEM_USER")
    data="$dir/data"
    if [ -f "$data/PG_VERSION" ] && as_user "$PG_SYSTEM_USER" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        if pg_accepts_url; then
            echo "postgres: running  $DATABASE_URL  (data: $data)"
        else
            echo "postgres: running but not answering on port $PG_PORT  (data: $data)"
        fi
    elif pg_accepts_url; then
        echo "postgres: answering on $DATABASE_URL (started elsewhere)"
    else
        echo "postgres: stopped"
    fi
}

# ---------------------------------------------------------------- Elasticsearch

es_java_home() {
    if [ -n "${ES_JAVA_HOME:-}" ]; then
        printf '%s\n' "$ES_JAVA_HOME"
        return 0
    fi
    local best="" best_major=0 java major
    for java in /usr/lib/jvm/*/bin/java; do
        [ -x "$java" ] || continue
        major=$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
        [ -n "$major" ] || continue
        if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
            best_major=$major
            best=$(dirname "$(dirname "$java")")
        fi
    done
    [ -n "$best" ] || die "Elasticsearch needs a JDK >= 21 under /usr/lib/jvm (or set ES_JAVA_HOME)"
    printf '%s\n' "$best"
}

es_ensure_user() {
    is_root || return 0
    if ! id "$ES_SYSTEM_USER" >/dev/null 2>&1; then
        log "creating system user $ES_SYSTEM_USER"
        useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_SYSTEM_USER"
    fi
}

# Path of the distribution zip, fetched from Maven Central once (mvn keeps it in ~/.m2).
es_zip() {
    local rel="org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
    local m2="${MAVEN_REPO:-$HOME/.m2/repository}/$rel"
    if [ -s "$m2" ]; then
        printf '%s\n' "$m2"
        return 0
    fi
    local out="$SERVICES_DIR/downloads"
    if [ ! -s "$out/elasticsearch-$ES_VERSION.zip" ]; then
        command -v mvn >/dev/null || die "mvn not found; run deploy/install-system-deps.sh"
        log "fetching Elasticsearch $ES_VERSION from Maven Central (about 100 MB, once)"
        mkdir -p "$out"
        mvn -q -B -Dstyle.color=never dependency:copy \
            "-Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
            "-DoutputDirectory=$out" >&2 || die "could not fetch Elasticsearch $ES_VERSION with mvn"
    fi
    if [ -s "$m2" ]; then
        printf '%s\n' "$m2"
    else
        printf '%s\n' "$out/elasticsearch-$ES_VERSION.zip"
    fi
}

# Unpack the distribution into DIR/elasticsearch-VERSION (owned by the ES user: it writes config/).
es_install() {
    local dir=$1 home="$1/elasticsearch-$ES_VERSION"
    if [ -f "$home/.vanban-installed" ]; then
        printf '%s\n' "$home"
        return 0
    fi
    local zip tmp
    zip=$(es_zip)
    command -v unzip >/dev/null || die "unzip not found; run deploy/install-system-deps.sh"
    log "unpacking $zip"
    tmp=$(mktemp -d "$dir/unpack.XXXXXX")
    unzip -q "$zip" -d "$tmp" || die "cannot unpack $zip"
    rm -rf "$home"
    mv "$tmp/elasticsearch-$ES_VERSION" "$home"
    rm -rf "$tmp"
    touch "$home/.vanban-installed"
    is_root && chown -R "$ES_SYSTEM_USER:" "$home"
    printf '%s\n' "$home"
}

es_health() {
    curl -fsS --max-time 3 "$ELASTICSEARCH_URL/_cluster/health" 2>/dev/null
}

es_ready() {
    es_health | grep -Eq '"status":"(green|yellow)"'
}

es_pid_alive() {
    local pidfile=$1 pid
    [ -s "$pidfile" ] || return 1
    pid=$(cat "$pidfile")
    kill -0 "$pid" 2>/dev/null
}

es_start() {
    es_ensure_user
    local dir home pidfile logfile java_home
    dir=$(service_dir es "$ES_SYSTEM_USER")
    pidfile="$dir/es.pid"
    logfile="$dir/es.out"

    if es_pid_alive "$pidfile"; then
        log "Elasticsearch already running (pid $(cat "$pidfile"))"
    elif es_ready; then
        log "port $ES_PORT already serves Elasticsearch (not started from $SERVICES_DIR); reusing it"
        echo "ELASTICSEARCH_URL=$ELASTICSEARCH_URL"
        return 0
    elif curl -s --max-time 3 -o /dev/null "$ELASTICSEARCH_URL/" 2>/dev/null; then
        die "port $ES_PORT is taken by another program; set ES_PORT to a free port"
    else
        home=$(es_install "$dir")
        java_home=$(es_java_home)
        mkdir -p "$dir/data" "$dir/logs"
        is_root && chown "$ES_SYSTEM_USER:" "$dir/data" "$dir/logs"
        rm -f "$pidfile"
        log "starting Elasticsearch $ES_VERSION on 127.0.0.1:$ES_PORT (java: $java_home)"
        # -d daemonises; setsid keeps it out of the caller's process group.
        # Disk thresholds are off so a nearly full disk cannot turn indices read-only during tests.
        if ! as_user "$ES_SYSTEM_USER" setsid -w env \
                ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" \
                "$home/bin/elasticsearch" -d -p "$pidfile" \
                -E cluster.name=vanban-local -E node.name=vanban-local \
                -E discovery.type=single-node \
                -E network.host=127.0.0.1 -E http.port="$ES_PORT" \
                -E xpack.security.enabled=false \
                -E cluster.routing.allocation.disk.threshold_enabled=false \
                -E action.destructive_requires_name=false \
                -E path.data="$dir/data" -E path.logs="$dir/logs" \
                >"$logfile" 2>&1 </dev/null 9>&-; then
            tail_log "$logfile"
            tail_log "$dir/logs/vanban-local.log"
            die "Elasticsearch failed to start"
        fi
    fi

    local waited=0
    until es_ready; do
        waited=$((waited + 2))
        if [ "$waited" -ge "$SERVICES_TIMEOUT" ]; then
            tail_log "$logfile"
            tail_log "$dir/logs/vanban-local.log"
            die "Elasticsearch not healthy on $ELASTICSEARCH_URL after ${SERVICES_TIMEOUT}s"
        fi
        if ! es_pid_alive "$pidfile" && [ "$waited" -gt 10 ]; then
            tail_log "$logfile"
            tail_log "$dir/logs/vanban-local.log"
            die "Elasticsearch exited during startup"
        fi
        sleep 2
    done
    echo "ELASTICSEARCH_URL=$ELASTICSEARCH_URL"
}

es_stop() {
    local dir pidfile pid
    dir=$(service_dir es "$ES_SYSTEM_USER")
    pidfile="$dir/es.pid"
    if ! es_pid_alive "$pidfile"; then
        log "Elasticsearch not running"
        rm -f "$pidfile"
        return 0
    fi
    pid=$(cat "$pidfile")
    log "stopping Elasticsearch (pid $pid)"
    kill -TERM "$pid"
    local waited=0
    while kill -0 "$pid" 2>/dev/null; do
        waited=$((waited + 1))
        if [ "$waited" -ge 60 ]; then
            log "Elasticsearch did not stop in 60s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 1
    done
    rm -f "$pidfile"
}

es_status() {
    local dir pidfile
    dir=$(service_dir es "$ES_SYSTEM_USER" 2>/dev/null) || dir="$SERVICES_DIR/es"
    pidfile="$dir/es.pid"
    if es_pid_alive "$pidfile"; then
        if es_ready; then
            echo "elasticsearch: running  $ELASTICSEARCH_URL  (pid $(cat "$pidfile"))"
        else
            echo "elasticsearch: starting or unhealthy (pid $(cat "$pidfile"))"
        fi
    elif es_ready; then
        echo "elasticsearch: answering on $ELASTICSEARCH_URL (started elsewhere)"
    else
        echo "elasticsearch: stopped"
    fi
}

# ---------------------------------------------------------------- main

usage() {
    echo "usage: $0 start [pg|es|all] | stop [pg|es|all] | status | env" >&2
    exit 2
}

# One start/stop at a time per SERVICES_DIR (tests and make may race). Daemons are started with
# fd 9 closed so they never inherit (and hold) the lock.
with_lock() {
    mkdir -p "$SERVICES_DIR"
    exec 9>"$SERVICES_DIR/.lock"
    flock -w 600 9 || die "timed out waiting for $SERVICES_DIR/.lock"
}

cmd=${1:-}
what=${2:-all}
case "$what" in pg|es|all) ;; *) usage ;; esac

case "$cmd" in
    start)
        with_lock
        case "$what" in
            pg) pg_start ;;
            es) es_start ;;
            all) pg_start; es_start ;;
        esac
        ;;
    stop)
        with_lock
        case "$what" in
            pg) pg_stop ;;
            es) es_stop ;;
            all) es_stop; pg_stop ;;
        esac
        ;;
    status)
        pg_status
        es_status
        ;;
    env)
        echo "DATABASE_URL=$DATABASE_URL"
        echo "ELASTICSEARCH_URL=$ELASTICSEARCH_URL"
        ;;
    *) usage ;;
esac
