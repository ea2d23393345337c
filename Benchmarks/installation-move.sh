#!/usr/bin/env bash
# Moves a whole installation with the CLI (`exporteer --alles`, `importeer --alles`) and, in
# the same run, with the databases' own tools on the same database: `sqlite3 .dump` and
# `.read`, and when VLIEGWIEL_BENCH_POSTGRES_URL is set `pg_dump` and `psql`. It prints wall
# time and peak memory per step and ends with the ratios. BENCHMARKS.md has a run.
#   Benchmarks/installation-move.sh [ROWS] [path/to/vliegwiel]
# ROWS (default 200 000) rows of a generated CBS table with two measures are imported first,
# so the installation holds ROWS × 2 context observations beside the shipped portfolio.
# Measure with a release build: swift build -c release --product vliegwiel
#   Benchmarks/installation-move.sh 200000 "$(swift build -c release --show-bin-path)/vliegwiel"
# PostgreSQL: a throw-away cluster as in Benchmarks/indicator-import.sh; the script makes and
# drops its own databases on that server.
# Not the same work, said plainly: the dumps of the databases hold every table (the audit
# trail and the accounts too) as SQL; the installation file holds the moved tables as JSON,
# validated value by value on the way in.
set -euo pipefail
rows="${1:-200000}"
binary="${2:-$(swift build --show-bin-path)/vliegwiel}"
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
python3 - "$rows" "$folder" <<'PY'
import sys
rows, folder = int(sys.argv[1]), sys.argv[2]
with open(f"{folder}/data.csv", "w") as csv:
    csv.write('"ID";"RegioS";"Perioden";"A_1";"B_2"\n')
    for i in range(rows):
        csv.write(f'"{i}";"GM{i % 400:04d}";"{1000 + i // 400}JJ00";"{i % 97}.5";"{i % 13}"\n')
PY
"$binary" importeer-contextindicatoren "$folder/data.csv" --tabel BENCH --database "$folder/source.sqlite" \
  --maak-database > /dev/null 2>&1
results="$folder/results"
. "$(dirname "$0")/measure.sh"
echo "== installatie met $((2 * rows)) contextwaarnemingen en de meegeleverde portefeuille ($(du -h "$folder/source.sqlite" | cut -f1) SQLite)"
measure "referentie: sqlite3 .dump" sqlite3 "$folder/source.sqlite" ".output $folder/dump.sql" ".dump"
measure "vliegwiel exporteer --alles (SQLite)" "$binary" exporteer --alles "$folder/installatie.json" \
  --database "$folder/source.sqlite"
echo "   bestanden: dump.sql $(du -h "$folder/dump.sql" | cut -f1), installatie.json $(du -h "$folder/installatie.json" | cut -f1)"
measure "referentie: sqlite3 .read" sqlite3 "$folder/restored-by-sqlite3.sqlite" ".read $folder/dump.sql"
measure "vliegwiel importeer --alles (SQLite)" "$binary" importeer --alles "$folder/installatie.json" \
  --database "$folder/restored.sqlite"
if [ -n "${VLIEGWIEL_BENCH_POSTGRES_URL:-}" ]; then
  url="$VLIEGWIEL_BENCH_POSTGRES_URL"
  db() { echo "$url" | sed -E "s#/[^/?]*(\?|$)#/$1\1#"; }
  for name in vliegwiel_move_ours vliegwiel_move_theirs; do
    psql -q "$url" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
  done
  measure "vliegwiel importeer --alles (PostgreSQL)" "$binary" importeer --alles "$folder/installatie.json" \
    --database "$(db vliegwiel_move_ours)"
  measure "referentie: pg_dump" pg_dump --no-owner -f "$folder/pg.sql" "$(db vliegwiel_move_ours)"
  measure "vliegwiel exporteer --alles (PostgreSQL)" "$binary" exporteer --alles "$folder/installatie-pg.json" \
    --database "$(db vliegwiel_move_ours)"
  measure "referentie: psql < pg_dump" psql -q -v ON_ERROR_STOP=1 -f "$folder/pg.sql" "$(db vliegwiel_move_theirs)"
  for name in vliegwiel_move_ours vliegwiel_move_theirs; do psql -q "$url" -c "DROP DATABASE $name"; done
fi
echo "== verhoudingen (wandkloktijd, deze run)"
awk -F'|' '
  { time[$1] = $2 }
  function ratio(ours, theirs) {
    if (time[ours] > 0 && time[theirs] > 0) printf "%-46s %5.1f× %s\n", ours, time[ours] / time[theirs], theirs
  }
  END {
    ratio("vliegwiel exporteer --alles (SQLite)", "referentie: sqlite3 .dump")
    ratio("vliegwiel importeer --alles (SQLite)", "referentie: sqlite3 .read")
    ratio("vliegwiel exporteer --alles (PostgreSQL)", "referentie: pg_dump")
    ratio("vliegwiel importeer --alles (PostgreSQL)", "referentie: psql < pg_dump")
  }' "$results"
