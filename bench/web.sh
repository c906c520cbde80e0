#!/usr/bin/env bash
# `kluis open` benchmark: server time of the customers page and of a search at 100,000
# records, once unlocked, against a floor measured in the same run (the static stylesheet,
# which goes through the same server, checks and headers but touches no data).
#
#   bench/web.sh [ROWS] [RUNS]        (defaults: 100000 rows, 30 requests per kind)
#
# Needs: cargo, python3 (standard library only), curl.
set -euo pipefail

ROWS=${1:-100000}
RUNS=${2:-30}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kluis-web-bench.XXXXXX")
SERVER=
cleanup() { [ -n "$SERVER" ] && kill -INT "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

(cd "$ROOT" && cargo build --release --quiet)
KLUIS="$ROOT/target/release/kluis"
python3 "$ROOT/bench/gen_csv.py" "$ROWS" "$WORK/klanten.csv"

# The vault, filled by the CLI (cheap Argon2 flags: unlocking is not what is measured).
export KLUIS_PASSPHRASE=bench
export KLUIS_VAULT="$WORK/vault.kluis"
"$KLUIS" init --kdf-memory-mib 1 --kdf-iterations 1 --kdf-parallelism 1 \
    --recovery-key-out "$WORK/recovery.txt" >/dev/null
"$KLUIS" purpose add klanten --basis contract --description "Klantadministratie" \
    --retention 2y --profiling none >/dev/null
for spec in first_name:text last_name:text email:email phone:phone birthdate:date \
            address:text postcode:postcode city:text customer_since:date notes:text; do
    "$KLUIS" field add "${spec%%:*}" --type "${spec##*:}" --purpose klanten >/dev/null
done
"$KLUIS" import "$WORK/klanten.csv" --map "Klant sinds=customer_since" \
    --map "Opmerkingen=notes" >/dev/null 2>&1
unset KLUIS_PASSPHRASE

"$KLUIS" open --no-browser >"$WORK/out.txt" 2>/dev/null &
SERVER=$!
for _ in $(seq 50); do grep -q token= "$WORK/out.txt" 2>/dev/null && break; sleep 0.1; done
LINK=$(tail -1 "$WORK/out.txt")
BASE=${LINK%%/\?token=*}
COOKIE="Cookie: $(curl -si "$LINK" | grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r')"
CSRF=$(curl -s -H "$COOKIE" "$BASE/unlock" | grep -o 'name="csrf" value="[^"]*"' | head -1 \
    | sed 's/.*value="//; s/"//')
curl -s -o /dev/null -H "$COOKIE" -H "Origin: $BASE" --data "csrf=$CSRF&passphrase=bench" "$BASE/unlock"

# Seconds from request sent to first byte back: the server's time, over loopback.
measure() {
    for _ in $(seq "$RUNS"); do
        curl -s -o /dev/null -w '%{time_starttransfer}\n' -H "$COOKIE" -H "Origin: $BASE" "$@"
    done
}
measure "$BASE/assets/style.css" >"$WORK/floor"
measure "$BASE/customers" >"$WORK/page"
measure "$BASE/customers/search" --data "csrf=$CSRF&q=jansen" >"$WORK/search"
measure "$BASE/customers/search" --data "csrf=$CSRF&q=jansen&sort=last_name&page=3" >"$WORK/sorted"

python3 - "$WORK" "$ROWS" <<'PY'
import statistics, sys
work, rows = sys.argv[1], int(sys.argv[2])
def median(name):
    with open(f"{work}/{name}") as f:
        return statistics.median(float(line) for line in f if line.strip())
floor = median("floor")
print(f"{rows} records; median time to first byte over loopback")
print(f"  floor (stylesheet)                {floor*1000:8.1f} ms")
for name, label in [("page", "customers page (50 rows)"),
                    ("search", "search 'jansen'"),
                    ("sorted", "search, sorted, page 4")]:
    m = median(name)
    print(f"  {label:32}  {m*1000:8.1f} ms   {m/floor:6.1f}x floor")
PY
