#!/usr/bin/env bash
# Result sheet downloads under load (issue 14), on SQLite, against the release binary:
#   1. one sheet at a time: SINGLE downloads of the self-check result sheet (PDF) of COMPANIES
#      companies in turn, each with other answers and another name (so Typst's memo cache, which
#      keeps only what the last few documents used, cannot serve a whole layout), p50/p99;
#   2. a programme's batch: BATCH downloads of the same companies' sheets with PARALLEL in
#      flight (the server writes at most two at once and queues the rest), the batch's wall time;
# and the server's resident memory: its peak (VmHWM) after start-up and one sheet, then after
# the batch, while PARALLEL sheets were asked for at once.
#
# Not part of the test suite. Everything it starts (the server, a temporary data directory) is
# removed on exit.
#
# Environment (all optional): SINGLE=200 BATCH=1000 PARALLEL=8 COMPANIES=50 KEEP=1
#   MAMORI_BIN=target/release/mamori   skip the build and use this binary
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SINGLE=${SINGLE:-200}
BATCH=${BATCH:-1000}
PARALLEL=${PARALLEL:-8}
COMPANIES=${COMPANIES:-50}

die() {
    printf 'report-load.sh: %s\n' "$*" >&2
    exit 1
}
for tool in curl xargs awk; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done

# shellcheck source=lib/server.sh
. "$ROOT/scripts/lib/server.sh"
mamori_binary
# Request logs off: they would measure the log file too.
export MAMORI_LOG=${MAMORI_LOG:-warn}
start_server mamori-report-load
admin_token
post() { # post PATH JSON -> body on stdout
    curl -sSf -H "$AUTH" -H 'Content-Type: application/json' --data-binary "$2" "$BASE$1"
}
: >"$WORK/urls"
for n in $(seq 1 "$COMPANIES"); do
    ORG=$(post /api/v1/orgs "{\"kind\":\"company\",\"name\":\"計測株式会社 第${n}営業所\"}" | grep -o '"id":[0-9]*' | head -n1 | cut -d: -f2)
    ANSWERS=$(awk -v n="$n" 'BEGIN { split("done partial not_done unknown", v, " "); printf "{";
        for (i = 1; i <= 25; i++) printf "%s\"%d\":\"%s\"", (i > 1 ? "," : ""), i, ((i * n) % 7 ? "done" : v[1 + (i + n) % 4]); printf "}" }')
    ID=$(post "/api/v1/orgs/$ORG/assessments" "{\"catalog\":\"self-check-25\",\"answers\":$ANSWERS,\"submit\":true}" |
        grep -o '"id":[0-9]*' | head -n1 | cut -d: -f2)
    echo "$BASE/api/v1/orgs/$ORG/assessments/$ID/report?format=pdf" >>"$WORK/urls"
done
URL=$(head -n1 "$WORK/urls")
curl -sSf -o "$WORK/sheet.pdf" -H "$AUTH" "$URL" || die "the first sheet failed"
head -c 5 "$WORK/sheet.pdf" | grep -q '%PDF-' || die "the sheet is not a PDF"
# The download list, COMPANIES sheets in turn, as long as asked.
urls() { awk -v n="$1" '{ u[NR] = $0 } END { for (i = 0; i < n; i++) print u[1 + i % NR] }' "$WORK/urls"; }

hwm() { awk '/^VmHWM/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
echo "report-load: $BASE, SQLite, $(nproc) cores, self-check-25 result sheets of $COMPANIES companies (PDF, $(wc -c <"$WORK/sheet.pdf") bytes each)"
echo "peak RSS after start-up and one sheet: $(hwm)"

urls "$SINGLE" | while read -r url; do
    curl -sS -o /dev/null -w '%{time_total}\n' -H "$AUTH" "$url"
done | sort -n | awk '{ t[NR] = $1 * 1000 } END {
    printf "one at a time:  n=%d  p50 %.1f ms  p99 %.1f ms  max %.1f ms\n", NR, t[int((NR + 1) / 2)], t[int(NR * 0.99)], t[NR] }'

START=$(date +%s.%N)
urls "$BATCH" | xargs -P "$PARALLEL" -I{} curl -sS -o /dev/null -w '%{http_code}\n' -H "$AUTH" {} >"$WORK/codes"
END=$(date +%s.%N)
OK=$(grep -c '^200$' "$WORK/codes" || true)
[ "$OK" = "$BATCH" ] || die "only $OK of $BATCH sheets answered 200"
awk -v s="$START" -v e="$END" -v n="$BATCH" -v p="$PARALLEL" 'BEGIN {
    printf "batch:          %d sheets, %d in flight: %.1f s (%.1f sheets/s)\n", n, p, e - s, n / (e - s) }'
echo "peak RSS after the batch: $(hwm)"
