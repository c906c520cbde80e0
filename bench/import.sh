#!/usr/bin/env bash
# Import benchmark: `kluis import` against sqlite3's `.import` of the same CSV.
#
#   bench/import.sh [ROWS] [RUNS]        (defaults: 100000 rows, 5 runs)
#
# Needs: cargo, python3 (standard library only), sqlite3 and GNU time (/usr/bin/time).
# On Debian/Ubuntu: sudo apt-get install sqlite3 time
#
# Both sides read the same file and end with the data durable on disk. kluis parses,
# validates and normalises every value, inserts the records (with audit rows) in one
# transaction, encrypts the database and saves it atomically with fsync. The vault is made
# with cheap Argon2 flags, so the key derivation is not part of what is measured.
set -euo pipefail

ROWS=${1:-100000}
RUNS=${2:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kluis-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

for tool in sqlite3 python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || {
        echo "missing $tool (on Debian/Ubuntu: sudo apt-get install sqlite3 time python3)" >&2
        exit 1
    }
done

(cd "$ROOT" && cargo build --release --quiet)
KLUIS="$ROOT/target/release/kluis"
CSV="$WORK/klanten.csv"
python3 "$ROOT/bench/gen_csv.py" "$ROWS" "$CSV"

export KLUIS_PASSPHRASE=bench
export KLUIS_VAULT="$WORK/template/vault.kluis"
mkdir -p "$WORK/template"
"$KLUIS" init --kdf-memory-mib 1 --kdf-iterations 1 --kdf-parallelism 1 \
    --recovery-key-out "$WORK/recovery.txt" >/dev/null
"$KLUIS" purpose add klanten --basis contract --description "Klantadministratie" --retention 2y >/dev/null
for spec in first_name:text last_name:text email:email phone:phone birthdate:date \
            address:text postcode:postcode city:text customer_since:date notes:text; do
    "$KLUIS" field add "${spec%%:*}" --type "${spec##*:}" --purpose klanten >/dev/null
done

# A second reference: sqlite3 storing the same CSV in kluis's data model (one row per record,
# a column per field, one audit row for the import), without validation or encryption. It
# reads the real migrations/0002_records.sql and adds the columns as migration 0005 does.
STAMP=2026-01-01T00:00:00Z
{
    echo ".mode csv"
    echo ".separator ;"
    echo ".import $CSV raw"
    echo ".read $ROOT/migrations/0002_records.sql"
    echo "DROP TABLE record_values;"
    for field in $(seq 10); do
        echo "ALTER TABLE records ADD COLUMN field_$field TEXT;"
    done
    echo "BEGIN;"
    echo "INSERT INTO records SELECT NULL, '$STAMP', '$STAMP', * FROM raw;"
    echo "INSERT INTO audit_log (at, action, record_id, fields, detail) VALUES ('$STAMP', 'add', 1,"
    echo "    'address,birthdate,city,customer_since,email,first_name,last_name,notes,phone,postcode', 'via import');"
    echo "DROP TABLE raw;"
    echo "COMMIT;"
} >"$WORK/model.sql"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: >"$WORK/sqlite.times"
: >"$WORK/kluis.times"
: >"$WORK/model.times"
for run in $(seq "$RUNS"); do
    rm -f "$WORK/plain.db"
    /usr/bin/time -f "%e %M" -o "$WORK/t" \
        sqlite3 "$WORK/plain.db" ".mode csv" ".separator ;" ".import $CSV klanten"
    cat "$WORK/t" >>"$WORK/sqlite.times"

    rm -f "$WORK/model.db"
    /usr/bin/time -f "%e %M" -o "$WORK/t" sqlite3 "$WORK/model.db" <"$WORK/model.sql"
    cat "$WORK/t" >>"$WORK/model.times"

    rm -rf "$WORK/run" && cp -r "$WORK/template" "$WORK/run"
    KLUIS_VAULT="$WORK/run/vault.kluis" /usr/bin/time -f "%e %M" -o "$WORK/t" \
        "$KLUIS" import "$CSV" --map "Klant sinds=customer_since" --map "Opmerkingen=notes" \
        >"$WORK/summary.txt"
    cat "$WORK/t" >>"$WORK/kluis.times"
    echo "run $run: sqlite3 $(cut -d' ' -f1 <"$WORK/sqlite.times" | tail -1) s," \
         "sqlite3 in kluis's model $(cut -d' ' -f1 <"$WORK/model.times" | tail -1) s," \
         "kluis $(cut -d' ' -f1 <"$WORK/kluis.times" | tail -1) s" >&2
done

grep -E "^Rows read" "$WORK/summary.txt"
SQLITE_S=$(cut -d' ' -f1 <"$WORK/sqlite.times" | median)
KLUIS_S=$(cut -d' ' -f1 <"$WORK/kluis.times" | median)
MODEL_S=$(cut -d' ' -f1 <"$WORK/model.times" | median)
SQLITE_KB=$(cut -d' ' -f2 <"$WORK/sqlite.times" | median)
KLUIS_KB=$(cut -d' ' -f2 <"$WORK/kluis.times" | median)
VAULT_B=$(stat -c %s "$WORK/run/vault.kluis")
DB_B=$(stat -c %s "$WORK/plain.db")
CSV_B=$(stat -c %s "$CSV")

echo "rows: $ROWS, runs: $RUNS, CSV: $CSV_B bytes"
echo "sqlite3 .import: median $SQLITE_S s, peak RSS $SQLITE_KB KiB, database $DB_B bytes"
echo "sqlite3, kluis's data model: median $MODEL_S s, database $(stat -c %s "$WORK/model.db") bytes"
echo "kluis import:    median $KLUIS_S s, peak RSS $KLUIS_KB KiB, vault $VAULT_B bytes"
python3 - "$SQLITE_S" "$KLUIS_S" "$KLUIS_KB" "$VAULT_B" "$MODEL_S" <<'PY'
import sys
sqlite_s, kluis_s, kluis_kb, vault_b, model_s = map(float, sys.argv[1:])
print("time ratio kluis/sqlite3: %.2f (target <= 1.5)" % (kluis_s / sqlite_s))
print("time ratio kluis/sqlite3 in kluis's data model: %.2f" % (kluis_s / model_s))
print("peak memory / vault size: %.2f (target <= 3)" % (kluis_kb * 1024 / vault_b))
PY
