# Sourced by the measurement scripts (scripts/api-fixed-cost.sh, scripts/report-load.sh): the
# release binary, a fresh `mamori serve` on 127.0.0.1 over SQLite in a temporary folder that is
# removed on exit (unless KEEP=1), and an administrator's API token.
#
# The caller sets ROOT, defines die(), and then calls, in order:
#   mamori_binary            sets BIN (MAMORI_BIN, or builds target/release/mamori)
#   start_server PREFIX      sets WORK, DB, SERVER_PID and BASE; stops the server on exit
#   admin_token              sets AUTH ("Authorization: Bearer …") for bench@example.jp

HOST=127.0.0.1
KEEP=${KEEP:-}
# Settings the caller may have exported must not redirect the server elsewhere.
unset MAMORI_DATA_DIR MAMORI_DATABASE_URL MAMORI_CONFIG MAMORI_LISTEN MAMORI_PUBLIC_URL

mamori_binary() {
    if [ -n "${MAMORI_BIN:-}" ]; then
        BIN=$MAMORI_BIN
    else
        cargo build --release -p mamori >&2
        BIN=$ROOT/target/release/mamori
    fi
    [ -x "$BIN" ] || die "no binary at $BIN"
}

SERVER_PID=
cleanup() {
    local status=$?
    if [ -n "$SERVER_PID" ]; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ -n "${WORK:-}" ]; then
        if [ -n "$KEEP" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
    fi
    exit "$status"
}

start_server() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
    trap cleanup EXIT
    DB=(--data-dir "$WORK/data")
    "$BIN" serve "${DB[@]}" --listen "$HOST:0" >"$WORK/server.log" 2>"$WORK/server.err" &
    SERVER_PID=$!
    BASE=
    for _ in $(seq 1 600); do
        BASE=$(grep -o 'running: http://[0-9.:]*' "$WORK/server.log" 2>/dev/null | head -n1 | sed 's/^running: //') || BASE=
        [ -n "$BASE" ] && curl -sf -o /dev/null "$BASE/healthz" && break
        kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited: $(cat "$WORK/server.err")"
        sleep 0.1
    done
    [ -n "$BASE" ] || die "the server did not start"
    case $BASE in "http://$HOST:"*) ;; *) die "the server is not on $HOST: $BASE" ;; esac
}

admin_token() {
    "$BIN" user create "${DB[@]}" --email bench@example.jp --name 計測 --admin >/dev/null
    local token
    token=$("$BIN" token create "${DB[@]}" --email bench@example.jp | tail -n1 | tr -d '[:space:]')
    AUTH="Authorization: Bearer $token"
}
