#!/usr/bin/env bash
# Load test of the web platform with wrk, on SQLite and on PostgreSQL (issue 3).
#
# For each backend: starts a fresh `mamori serve` on 127.0.0.1 (a port the server picks), creates
# an administrator, a session, an API token and a company, then measures with wrk
#   1. GET  /login                              (public sign-in page)
#   2. GET  /orgs/{org}                         (company page, signed-in session cookie;
#                                                falls back to GET /orgs while it answers 404)
#   3. POST /api/v1/orgs/{org}/assessments      (Bearer token; each request creates and submits
#                                                a new self-check-25 assessment, 201)
# and reads the server's peak RSS (VmHWM). Prints a summary table at the end.
#
# Not part of the test suite. Bounded: every wrk run lasts DURATION; everything it starts (server
# processes, the PostgreSQL database, the temporary data directory) is removed on exit.
#
# Environment (all optional):
#   DURATION=20s  CONNECTIONS=50  THREADS=2     wrk's -d, -c, -t
#   BACKENDS="sqlite postgres"                 which backends to measure
#   PG_URL=postgres://postgres@127.0.0.1:5432  PostgreSQL server on loopback (trust auth); a
#                                              database mamori_load_<pid> is created and dropped
#   KEEP=1                                     keep the work directory (logs, wrk output)
#   MAMORI_BIN=target/release/mamori           skip the build and use this binary
#   MAMORI_LOG                                 passed to the server (its default logs every
#                                              request at INFO, to a file in the work directory)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
LOAD_DIR=$ROOT/scripts/load

DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
BACKENDS=${BACKENDS:-sqlite postgres}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
PG_DB=mamori_load_$$
KEEP=${KEEP:-}

# Loopback only: the load goes to 127.0.0.1, and so does the database.
case $PG_URL in
postgres://*@127.0.0.1:* | postgres://*@127.0.0.1 | postgres://*@localhost:* | postgres://*@localhost) ;;
*) printf 'load.sh: PG_URL must point at 127.0.0.1 (got %s)\n' "$PG_URL" >&2 && exit 2 ;;
esac

# Settings the caller may have exported must not redirect the server elsewhere.
unset MAMORI_DATA_DIR MAMORI_DATABASE_URL MAMORI_CONFIG MAMORI_LISTEN MAMORI_PUBLIC_URL

EMAIL=load@example.jp
PASSWORD=load-test-password-1
HOST=127.0.0.1

log() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'load.sh: %s\n' "$*" >&2
    exit 1
}

# ---------------------------------------------------------------------------------------------
# Tools and binary

if ! command -v wrk >/dev/null 2>&1; then
    log "installing wrk (apt-get)"
    if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
    $SUDO apt-get install -y -q wrk >/dev/null 2>&1 ||
        { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q wrk >/dev/null; } ||
        die "cannot install wrk (apt-get install wrk)"
fi
for tool in curl psql timeout; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done

if [ -n "${MAMORI_BIN:-}" ]; then
    BIN=$MAMORI_BIN
else
    log "building the release binary (cargo build --release -p mamori)"
    cargo build --release -p mamori >&2
    BIN=$ROOT/target/release/mamori
fi
[ -x "$BIN" ] || die "no binary at $BIN"

# ---------------------------------------------------------------------------------------------
# Clean-up: every server started, the PostgreSQL database, the work directory.

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mamori-load.XXXXXX")
SERVER_PID=
PG_CREATED=
FINISHED=

stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            log "server $SERVER_PID did not stop within 10 s of SIGTERM; killing it"
            kill -KILL "$SERVER_PID" 2>/dev/null || true
        fi
    fi
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_server
    if [ -n "$PG_CREATED" ]; then
        psql "$PG_URL/postgres" -q -v ON_ERROR_STOP=1 \
            -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 ||
            log "could not drop database $PG_DB; drop it by hand"
    fi
    if [ -n "$KEEP" ] || [ -z "$FINISHED" ]; then
        log "logs and wrk output kept in $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# Helpers

CURL=(curl -sS --max-time 30)

# wait_ready LOG: waits for the "running" line and GET /healthz 200; sets BASE.
wait_ready() {
    local out=$1 url=
    for _ in $(seq 1 600); do
        kill -0 "$SERVER_PID" 2>/dev/null || {
            cat "$out" "$out.err" >&2
            die "the server exited during start-up"
        }
        url=$(grep -o 'running: http://[0-9.:]*' "$out" 2>/dev/null | head -n1 | sed 's/^running: //') ||
            url=
        if [ -n "$url" ] &&
            [ "$("${CURL[@]}" -o /dev/null -w '%{http_code}' "$url/healthz" 2>/dev/null)" = 200 ]; then
            BASE=$url
            return 0
        fi
        sleep 0.1
    done
    die "the server was not ready within 60 s (see $out.err)"
}

# status_of CURL_ARGS...: prints the HTTP status; the body goes to $WORK/last_body.
status_of() {
    "${CURL[@]}" -o "$WORK/last_body" -w '%{http_code}' "$@"
}

expect() { # expect WANT GOT WHAT
    [ "$2" = "$1" ] || {
        printf 'load.sh: %s answered %s (expected %s); body:\n' "$3" "$2" "$1" >&2
        head -c 2000 "$WORK/last_body" >&2 || true
        echo >&2
        exit 1
    }
}

# cpu_ticks: the server's user + system CPU time so far, in clock ticks.
cpu_ticks() { sed 's/.*) //' "/proc/$SERVER_PID/stat" | awk '{print $12 + $13}'; }
HZ=$(getconf CLK_TCK)
# busy_idle: the whole machine's busy CPU time so far (all cores, clock ticks: user, nice,
# system, interrupts, which the kernel also charges to the running process) and the rest (idle,
# I/O wait, steal).
busy_idle() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 + $9 }' /proc/stat; }
# children_ticks: CPU time of this shell's finished children (wrk, under timeout), in ticks.
children_ticks() { sed 's/.*) //' "/proc/$$/stat" | awk '{print $14 + $15}'; }
# postgres_ticks: CPU time of the PostgreSQL processes, in ticks, with that of their finished
# children (connections, autovacuum workers), which the postmaster collects.
postgres_ticks() {
    local f stat fields total=0
    for f in /proc/[0-9]*/stat; do
        { read -r stat <"$f"; } 2>/dev/null || continue
        case $stat in *"(postgres)"*) ;; *) continue ;; esac
        read -ra fields <<<"${stat##*) }"
        total=$((total + fields[11] + fields[12] + fields[13] + fields[14]))
    done
    echo "$total"
}

peak_rss_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$SERVER_PID/status"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status"; }

# run_wrk NAME SCRIPT URL [HEADER...]: one bounded wrk run; appends a row to $WORK/results.
run_wrk() {
    local backend=$1 name=$2 script=$3 url=$4
    shift 4
    local args=(-t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency --timeout 10s -s "$script")
    for h in "$@"; do args+=(-H "$h"); done
    local slug=${name//[^a-zA-Z0-9]/_}
    local out="$WORK/wrk-$backend-$slug.txt"
    log "$backend: wrk -t $THREADS -c $CONNECTIONS -d $DURATION --latency -s ${script#"$ROOT"/} $url${*:+ (with ${#} header(s))}"
    local secs=${DURATION%s}
    case $secs in *[!0-9]*) secs=600 ;; esac
    local t0 t1 m0 m1 w0 w1 p0 p1
    t0=$(cpu_ticks)
    p0=$(postgres_ticks)
    w0=$(children_ticks)
    m0=$(busy_idle)
    timeout --kill-after=5 "$((secs + 60))" wrk "${args[@]}" "$url" >"$out" 2>&1 ||
        { cat "$out" >&2; die "wrk failed ($backend, $name)"; }
    m1=$(busy_idle)
    w1=$(children_ticks)
    p1=$(postgres_ticks)
    t1=$(cpu_ticks)
    grep -v '^MAMORI_RESULT' "$out" | sed 's/^/    /' >&2
    local line
    line=$(grep '^MAMORI_RESULT' "$out") || die "wrk printed no result ($backend, $name)"
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server died during the run ($backend, $name)"
    # CPU during the run in % of one core (200 % = both cores): the server's, wrk's,
    # PostgreSQL's, and what other processes used (a build running meanwhile skews the figures).
    local cpu wrkcpu pgcpu other
    read -r cpu wrkcpu pgcpu other < <(awk -v s="$(field seconds "$line")" -v hz="$HZ" \
        -v n="$(nproc)" -v t="$((t1 - t0))" -v w="$((w1 - w0))" -v p="$((p1 - p0))" \
        -v a="$m0" -v b="$m1" 'BEGIN {
            split(a, x, " "); split(b, y, " "); busy = y[1] - x[1]; idle = y[2] - x[2]
            machine = (busy + idle > 0) ? 100 * n * busy / (busy + idle) : 0
            c = 100 * t / hz / s; wc = 100 * w / hz / s; pc = 100 * p / hz / s
            o = machine - c - wc - pc
            printf "%.0f %.0f %.0f %.0f\n", c, wc, pc, (o < 0 ? 0 : o) }')
    if [ "$other" -gt 15 ]; then
        log "$backend, $name: other processes used ${other} % of a core during the run"
        echo "$backend $name: other processes used ${other} % of a core during the run; figures skewed" \
            >>"$WORK/notes"
    fi
    printf '%s\t%s\t%s cpu=%s wrkcpu=%s pgcpu=%s other=%s hwm_kb=%s\n' "$backend" "$name" \
        "${line#MAMORI_RESULT }" "$cpu" "$wrkcpu" "$pgcpu" "$other" "$(peak_rss_kb)" >>"$WORK/results"
}

# field KEY LINE: value of key=value in a result line.
field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"; }

# ---------------------------------------------------------------------------------------------
# One backend

measure() {
    local backend=$1
    local data="$WORK/data-$backend" out="$WORK/server-$backend.log"
    local db=(--data-dir "$data")
    mkdir -p "$data"
    if [ "$backend" = postgres ]; then
        psql "$PG_URL/postgres" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $PG_DB" >/dev/null
        PG_CREATED=1
        db+=(--database-url "$PG_URL/$PG_DB")
    fi

    log "$backend: starting the server"
    "$BIN" serve "${db[@]}" --listen "$HOST:0" >"$out" 2>"$out.err" &
    SERVER_PID=$!
    wait_ready "$out"
    case $BASE in "http://$HOST:"*) ;; *) die "the server is not on $HOST: $BASE" ;; esac
    log "$backend: server $SERVER_PID at $BASE ($(grep -o 'database: .*' "$out"))"

    # Administrator, password, session (as a browser would: csrf cookie + form field).
    local created link jar="$WORK/cookies-$backend" csrf code
    created=$("$BIN" user create "${db[@]}" --email "$EMAIL" --name 負荷試験 --admin)
    link=$(grep -o 'token=[0-9a-fA-F]*' <<<"$created" | head -n1 | cut -d= -f2) || link=
    [ -n "$link" ] || die "mamori user create printed no password link: $created"
    code=$(status_of -c "$jar" -b "$jar" "$BASE/password?token=$link")
    expect 200 "$code" "GET /password"
    csrf=$(awk '$6 == "mamori_csrf" {print $7}' "$jar")
    [ -n "$csrf" ] || die "GET /password set no mamori_csrf cookie"
    code=$(status_of -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
        --data-urlencode "token=$link" --data-urlencode "password=$PASSWORD" "$BASE/password")
    case $code in 2?? | 3??) ;; *) expect 303 "$code" "POST /password" ;; esac
    code=$(status_of -c "$jar" -b "$jar" "$BASE/login")
    expect 200 "$code" "GET /login"
    csrf=$(awk '$6 == "mamori_csrf" {print $7}' "$jar")
    code=$(status_of -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
        --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
        --data-urlencode "next=/" "$BASE/login")
    expect 303 "$code" "POST /login"
    local session
    session=$(awk '$6 == "mamori_session" {print $7}' "$jar")
    [ -n "$session" ] || die "POST /login set no mamori_session cookie"
    local cookie="Cookie: mamori_session=$session; mamori_csrf=$csrf"

    # API token and the company.
    local token org
    token=$("$BIN" token create "${db[@]}" --email "$EMAIL" | tail -n1 | tr -d '[:space:]')
    [ -n "$token" ] || die "mamori token create printed no token"
    local auth="Authorization: Bearer $token"
    code=$(status_of -H "$auth" -H 'Content-Type: application/json' \
        --data '{"kind":"company","name":"負荷試験株式会社"}' "$BASE/api/v1/orgs")
    expect 201 "$code" "POST /api/v1/orgs"
    org=$(grep -o '"id": *[0-9]*' "$WORK/last_body" | head -n1 | grep -o '[0-9]*$') || org=
    [ -n "$org" ] || die "POST /api/v1/orgs returned no id: $(cat "$WORK/last_body")"

    # One submission before the runs: checks the request and gives the company page a result.
    code=$(status_of -H "$auth" -H 'Content-Type: application/json' \
        --data-binary "@$LOAD_DIR/submission.json" \
        "$BASE/api/v1/orgs/$org/assessments")
    expect 201 "$code" "POST /api/v1/orgs/$org/assessments"

    # The company page, or the list while it is not there yet.
    local page="/orgs/$org" page_name="GET /orgs/{org}"
    code=$(status_of -H "$cookie" "$BASE$page")
    if [ "$code" = 404 ]; then
        log "$backend: GET $page answered 404; measuring GET /orgs instead"
        echo "$backend GET /orgs/$org answered 404; GET /orgs measured instead" >>"$WORK/notes"
        page=/orgs page_name="GET /orgs (fallback)"
        code=$(status_of -H "$cookie" "$BASE$page")
    fi
    expect 200 "$code" "GET $page (signed in)"
    code=$(status_of "$BASE/login")
    expect 200 "$code" "GET /login"

    local setup_hwm
    setup_hwm=$(peak_rss_kb)

    run_wrk "$backend" "GET /login" "$LOAD_DIR/get.lua" "$BASE/login"
    run_wrk "$backend" "$page_name" "$LOAD_DIR/get.lua" "$BASE$page" "$cookie"
    run_wrk "$backend" "POST /api/v1/orgs/{org}/assessments" "$LOAD_DIR/submit.lua" \
        "$BASE/api/v1/orgs/$org/assessments" "$auth"

    # Memory first: the check below reads every assessment at once, which takes memory of its own.
    local hwm rss
    hwm=$(peak_rss_kb)
    rss=$(rss_kb)

    # Every 201 must be a stored assessment: count them through the API, 500 a page (the list
    # is paged), following `before` from the last id of each page.
    local stored=0 before="" page_count last_id
    while :; do
        code=$(status_of -H "$auth" "$BASE/api/v1/orgs/$org/assessments?limit=500${before:+&before=$before}")
        expect 200 "$code" "GET /api/v1/orgs/$org/assessments"
        page_count=$(grep -o '"status": *"submitted"' "$WORK/last_body" | wc -l) || true
        stored=$((stored + page_count))
        last_id=$(grep -o '"id": *[0-9]*' "$WORK/last_body" | tail -n 1 | grep -o '[0-9]*$') || true
        [ -n "$last_id" ] && [ "$(grep -o '"id": *[0-9]*' "$WORK/last_body" | wc -l)" -eq 500 ] || break
        before=$last_id
    done

    printf '%s\t%s\t%s\t%s\t%s\n' "$backend" "$setup_hwm" "$hwm" "$rss" "$stored" >>"$WORK/memory"
    # Warnings, errors and panics in the server's log (it logs every request at INFO by default).
    local bad
    bad=$(grep -cE 'WARN|ERROR|panicked' "$out.err") || true
    if [ "$bad" -gt 0 ]; then
        log "$backend: the server logged $bad warning/error lines, e.g.:"
        grep -E 'WARN|ERROR|panicked' "$out.err" | sed 's/\x1b\[[0-9;]*m//g' | head -n 5 >&2 || true
        echo "$backend: the server logged $bad warning/error lines, e.g.: $(grep -m1 -E 'WARN|ERROR|panicked' "$out.err" | sed 's/\x1b\[[0-9;]*m//g')" \
            >>"$WORK/notes"
    fi
    stop_server
    if [ "$backend" = postgres ]; then
        psql "$PG_URL/postgres" -q -v ON_ERROR_STOP=1 \
            -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null
        PG_CREATED=
    fi
}

# ---------------------------------------------------------------------------------------------

LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$WORK/results"
: >"$WORK/memory"
: >"$WORK/notes"
for backend in $BACKENDS; do
    case $backend in
    sqlite | postgres) measure "$backend" ;;
    *) die "unknown backend $backend (sqlite, postgres)" ;;
    esac
done

# ---------------------------------------------------------------------------------------------
# Summary

echo
echo "Mamori load test: wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $HOST, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load average before the runs: $LOADAVG (wrk and the server share the machine's cores)"
for backend in $BACKENDS; do
    echo
    echo "## $backend"
    printf '%-38s %7s %7s %7s %8s %9s %7s  %-20s %9s\n' endpoint p50_ms p99_ms max_ms req/s non2xx3xx sockerr 'cpu server/wrk/pg/other' VmHWM_MiB
    while IFS=$'\t' read -r b name line; do
        [ "$b" = "$backend" ] || continue
        sock=$(($(field connect "$line") + $(field read "$line") + $(field write "$line") + $(field timeout "$line")))
        printf '%-38s %7s %7s %7s %8s %9s %7s  %-20s %9s\n' "$name" "$(field p50_ms "$line")" \
            "$(field p99_ms "$line")" "$(field max_ms "$line")" "$(field rps "$line")" \
            "$(field non2xx3xx "$line")" "$sock" \
            "$(field cpu "$line")/$(field wrkcpu "$line")/$(field pgcpu "$line")/$(field other "$line") %" \
            "$(awk -v k="$(field hwm_kb "$line")" 'BEGIN { printf "%.1f", k / 1024 }')"
    done <"$WORK/results"
    while IFS=$'\t' read -r b setup hwm rss stored; do
        [ "$b" = "$backend" ] || continue
        awk -v h="$hwm" -v s="$setup" -v r="$rss" 'BEGIN {
            printf "server RSS: peak (VmHWM) %.1f MiB; peak before the runs %.1f MiB; after the runs %.1f MiB\n",
                h / 1024, s / 1024, r / 1024 }'
        answered=$(awk -F'\t' -v b="$backend" '$1 == b && $2 ~ /^POST/' "$WORK/results" |
            sed -n 's/.*requests=\([0-9]*\).*/\1/p')
        echo "submitted assessments stored: $stored = 1 before the runs + $answered answered by wrk" \
            "+ $((stored - 1 - answered)) in flight when wrk stopped (expected: 0 to $CONNECTIONS)"
    done <"$WORK/memory"
done
echo
echo "cpu: CPU used during the run by the server, wrk, PostgreSQL and other processes, in % of"
echo "one core ($(nproc) cores = $(($(nproc) * 100)) %)."
echo "VmHWM_MiB: the server's peak resident memory so far, read after the run."
if [ -s "$WORK/notes" ]; then
    echo
    echo "Notes:"
    sed 's/^/  - /' "$WORK/notes"
fi
FINISHED=1
