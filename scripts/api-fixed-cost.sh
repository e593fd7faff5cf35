#!/usr/bin/env bash
# The fixed cost of an API request (issue 13), measured as the issue states it: one client,
# curl, a new connection per request, medians. On SQLite, with the server's default settings.
#
# Starts a fresh `mamori serve` on 127.0.0.1 in a temporary data directory, creates an
# administrator, an API token and a company with 20 submitted self-checks, one NIST CSF
# assessment (108 answers) and 150 assets, then times N sequential requests of each of
#   1. GET /api/v1/orgs/{org}/assessments            (the company's 20 assessments)
#   2. GET /api/v1/orgs/{org}/assessments/{csf}      (one assessment with its 108 answers)
#   3. GET /api/v1/orgs/{org}/risk/assets            (150 assets)
# with `curl -w %{time_total}` and prints the median and the 90th percentile of each.
#
# Not part of the test suite. Bounded (N requests per endpoint); everything it starts is removed
# on exit. Environment: N=300, WARMUP=50 (untimed requests first), MAMORI_BIN=target/release/mamori
# (skip the build), KEEP=1.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
N=${N:-300}
WARMUP=${WARMUP:-50}

die() {
    printf 'api-fixed-cost.sh: %s\n' "$*" >&2
    exit 1
}
command -v curl >/dev/null 2>&1 || die "curl is required"
command -v python3 >/dev/null 2>&1 || die "python3 is required (to write the request bodies)"

# shellcheck source=lib/server.sh
. "$ROOT/scripts/lib/server.sh"
mamori_binary
start_server mamori-fixed-cost
admin_token
post() { # post PATH JSON_FILE -> body on stdout
    curl -sSf -H "$AUTH" -H 'Content-Type: application/json' --data-binary "@$2" "$BASE$1"
}
echo '{"kind":"company","name":"計測株式会社"}' >"$WORK/org.json"
ORG=$(post /api/v1/orgs "$WORK/org.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

python3 - "$WORK" <<'EOF'
import json, sys
work = sys.argv[1]
answers = {str(i): ("done" if i % 3 else "partial") for i in range(1, 26)}
json.dump({"catalog": "self-check-25", "answers": answers, "submit": True}, open(f"{work}/sc.json", "w"))
rows = [{"name": f"資産{n}", "medium": "office_pc", "c": n % 3, "i": 1, "a": 0,
         "business_category": "総務", "personal": ["personal"] if n % 5 == 0 else []} for n in range(150)]
json.dump({"rows": rows}, open(f"{work}/assets.json", "w"))
EOF
for _ in $(seq 1 19); do post "/api/v1/orgs/$ORG/assessments" "$WORK/sc.json" >/dev/null; done
# The CSF catalog's 108 items, each at tier 2 (ids read from the CLI's catalog listing).
"$BIN" --format json catalog show nist-csf-tiers >"$WORK/csf-catalog.json" 2>/dev/null ||
    die "mamori --format json catalog show nist-csf-tiers failed"
python3 - "$WORK" <<'EOF'
import json, sys
work = sys.argv[1]
catalog = json.load(open(f"{work}/csf-catalog.json"))
ids = [i["id"] for i in catalog["items"]]
assert len(ids) == 108, len(ids)
json.dump({"catalog": "nist-csf-tiers", "answers": {i: 2 for i in ids}, "submit": True},
          open(f"{work}/csf.json", "w"))
EOF
CSF=$(post "/api/v1/orgs/$ORG/assessments" "$WORK/csf.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
post "/api/v1/orgs/$ORG/risk/assets/import" "$WORK/assets.json" >/dev/null

measure() { # measure NAME PATH
    local name=$1 path=$2
    curl -sSf -o /dev/null -H "$AUTH" "$BASE$path" || die "$path failed"
    # Untimed first requests: the statement caches of every pooled connection, and the
    # allocator's pools, are warm before the timed ones, as on a server that has been running.
    for _ in $(seq 1 "$WARMUP"); do curl -sS -o /dev/null -H "$AUTH" "$BASE$path"; done
    for _ in $(seq 1 "$N"); do
        curl -sS -o /dev/null -w '%{time_total}\n' -H "$AUTH" "$BASE$path"
    done | sort -n | awk -v name="$name" '{ t[NR] = $1 * 1000 } END {
        printf "%-48s median %.2f ms  p90 %.2f ms  (n=%d)\n", name, t[int((NR + 1) / 2)], t[int(NR * 0.9)], NR }'
}
echo "api-fixed-cost: $BASE, SQLite, N=$N per endpoint, one curl per request (new connection)"
measure "GET /healthz (no sign-in: the floor)" "/healthz"
measure "GET /api/v1/me (token check only)" "/api/v1/me"
measure "GET …/assessments (20)" "/api/v1/orgs/$ORG/assessments"
measure "GET …/assessments/{id} (108 answers)" "/api/v1/orgs/$ORG/assessments/$CSF"
measure "GET …/risk/assets (150)" "/api/v1/orgs/$ORG/risk/assets"
