#!/usr/bin/env bash
# Imports a generated CBS StatLine export of ROWS rows (default 200 000) with the CLI, in the
# three formats (CSV, OData v3, OData v4), and prints time and peak memory (maximum resident
# set size, which stays flat whatever ROWS is: the import streams; docs/indicatoren.md). In
# the same run it measures the floor: `sqlite3 .import` of the same CSV into a bare table
# and, when VLIEGWIEL_BENCH_POSTGRES_URL is set, `psql \copy` of the same CSV into a bare
# table and our import into that database. It ends with the ratios. BENCHMARKS.md has a run.
#   Benchmarks/indicator-import.sh [ROWS] [path/to/vliegwiel]
# Measure with a release build: swift build -c release --product vliegwiel
#   Benchmarks/indicator-import.sh 200000 "$(swift build -c release --show-bin-path)/vliegwiel"
# A throw-away PostgreSQL cluster (as root; Debian's postgresql package), then the run:
#   pg=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); d=/tmp/pg-bench; mkdir -p $d; chown postgres $d
#   runuser -u postgres -- $pg/initdb -D $d/data --auth=trust -U vliegwiel -E UTF8 --locale=C.UTF-8
#   runuser -u postgres -- $pg/pg_ctl -D $d/data -l $d/log -w -o "-p 55699 -k $d -c listen_addresses=127.0.0.1" start
#   VLIEGWIEL_BENCH_POSTGRES_URL='postgres://vliegwiel@127.0.0.1:55699/postgres?sslmode=disable' Benchmarks/indicator-import.sh
#   runuser -u postgres -- $pg/pg_ctl -D $d/data stop   # and rm -rf $d
set -euo pipefail
rows="${1:-200000}"
binary="${2:-$(swift build --show-bin-path)/vliegwiel}"
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
python3 - "$rows" "$folder" <<'PY'
import sys
rows, folder = int(sys.argv[1]), sys.argv[2]
with open(f"{folder}/data.csv", "w") as csv, open(f"{folder}/data.json", "w") as v3, \
        open(f"{folder}/Observations.json", "w") as v4:
    csv.write('"ID";"RegioS";"Perioden";"A_1";"B_2"\n')
    v3.write('{"value": [\n')
    v4.write('{"value": [\n')
    for i in range(rows):
        region, year = f"GM{i % 400:04d}", 1000 + i // 400
        a, b = f"{i % 97}.5", f"{i % 13}"
        csv.write(f'"{i}";"{region}";"{year}JJ00";"{a}";"{b}"\n')
        v3.write(("," if i else "") + f'{{"ID": {i}, "RegioS": "{region}", "Perioden": "{year}JJ00", "A_1": {a}, "B_2": {b}}}\n')
        for n, (measure, value) in enumerate((("A_1", a), ("B_2", b))):
            v4.write(("," if i or n else "") + f'{{"Id": {2 * i + n}, "Measure": "{measure}", "ValueAttribute": "None", '
                     f'"Value": {value}, "RegioS": "{region}", "Perioden": "{year}JJ00"}}\n')
    v3.write("]}\n")
    v4.write("]}\n")
# The same observations as rows of Vliegwiel's table, sorted by its key, for `psql \copy` into it.
with open(f"{folder}/observations.tsv", "w") as tsv:
    keyed = sorted((measure, f"GM{i % 400:04d}", f"{1000 + i // 400}JJ00", value)
                   for i in range(rows) for measure, value in (("A_1", f"{i % 97}.5"), ("B_2", f"{i % 13}")))
    for measure, region, period, value in keyed:
        tsv.write(f"BENCHREF\t{measure}\t{region}\t{period}\t{value}\n")
PY
tail -n +2 "$folder/data.csv" > "$folder/body.csv"
printf '"ID";"RegioS";"Perioden";"A_1"\n"0";"GM0001";"2000JJ00";"1"\n' > "$folder/warm.csv"
# warm DATABASE: creates and migrates the database untimed, so the timed import measures the import only.
warm() { "$binary" importeer-contextindicatoren "$folder/warm.csv" --tabel BENCHWARM --database "$1" --maak-database > /dev/null; }
results="$folder/results"
. "$(dirname "$0")/measure.sh"
echo "== $rows rijen (2 maten: $((2 * rows)) waarnemingen); CSV $(du -h "$folder/data.csv" | cut -f1), OData v3 $(du -h "$folder/data.json" | cut -f1), OData v4 $(du -h "$folder/Observations.json" | cut -f1)"
if command -v sqlite3 >/dev/null; then
  # The floor for any import into SQLite: its own shell, the same CSV, a plain table (no
  # parsing of codes or periods, no validation, no key, no index).
  measure "referentie: sqlite3 .import (kale tabel)" sqlite3 "$folder/reference.sqlite" \
    "CREATE TABLE t (id, regio, periode, a, b);" ".mode csv" ".separator ;" ".import $folder/body.csv t"
  # Not a reference for the ratio, but where the time of any import into Vliegwiel's table goes:
  # the same rows, already in SQLite, inserted by SQLite itself in key order into the table
  # with its composite primary key (context_observation, migration v13), foreign keys on.
  measure "ter vergelijking: sqlite3 INSERT…SELECT" sqlite3 "$folder/schema.sqlite" \
    "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; CREATE TABLE context_table (id TEXT PRIMARY KEY); INSERT INTO context_table VALUES ('B');" \
    "CREATE TABLE context_observation (table_id TEXT NOT NULL REFERENCES context_table(id) ON DELETE CASCADE, measure TEXT NOT NULL, region TEXT NOT NULL, period TEXT NOT NULL, value REAL, PRIMARY KEY (table_id, measure, region, period)) WITHOUT ROWID;" \
    "ATTACH '$folder/reference.sqlite' AS s; BEGIN; INSERT OR REPLACE INTO context_observation SELECT 'B', m, regio, periode, v FROM (SELECT 'A_1' AS m, regio, periode, a AS v FROM s.t UNION ALL SELECT 'B_2', regio, periode, b FROM s.t) ORDER BY m, regio, periode; COMMIT;"
fi
for format in csv odata odata4; do
  case "$format" in csv) file="$folder/data.csv" ;; odata) file="$folder/data.json" ;; odata4) file="$folder/Observations.json" ;; esac
  warm "$folder/$format.sqlite"
  measure "vliegwiel SQLite, $format" "$binary" importeer-contextindicatoren "$file" --tabel "BENCH$format" \
    --formaat "$format" --database "$folder/$format.sqlite"
done
if [ -n "${VLIEGWIEL_BENCH_POSTGRES_URL:-}" ]; then
  url="$VLIEGWIEL_BENCH_POSTGRES_URL"
  psql -q "$url" -c "DROP TABLE IF EXISTS vliegwiel_bench_bare; CREATE TABLE vliegwiel_bench_bare (id TEXT, regio TEXT, periode TEXT, a TEXT, b TEXT);"
  measure "referentie: psql \\copy (kale tabel)" psql -q "$url" \
    -c "\\copy vliegwiel_bench_bare FROM '$folder/body.csv' WITH (FORMAT csv, DELIMITER ';')"
  psql -q "$url" -c "DROP TABLE vliegwiel_bench_bare;"
  # Not a reference for the ratio, but where the time of any import into Vliegwiel's table goes:
  # the same observations, sorted by the key, copied by psql itself into context_observation
  # (its key of four texts, its statement triggers), in one transaction with the table's row.
  warm "$url"
  psql -q "$url" -c "DELETE FROM context_table WHERE id LIKE 'BENCH%';"
  measure "ter vergelijking: psql \\copy in context_observation" psql -q "$url" -v ON_ERROR_STOP=1 -c "BEGIN" \
    -c "INSERT INTO context_table VALUES ('BENCHREF', 'ref', 'ref', true, '[]', now())" \
    -c "\\copy context_observation (table_id, measure, region, period, value) FROM '$folder/observations.tsv'" \
    -c "COMMIT"
  psql -q "$url" -c "DELETE FROM context_table WHERE id LIKE 'BENCH%';"
  for format in csv odata odata4; do
    case "$format" in csv) file="$folder/data.csv" ;; odata) file="$folder/data.json" ;; odata4) file="$folder/Observations.json" ;; esac
    # Each run starts without earlier benchmark data, so every run inserts and none updates.
    warm "$url"
    psql -q "$url" -c "DELETE FROM context_table WHERE id LIKE 'BENCH%';"
    measure "vliegwiel PostgreSQL, $format" "$binary" importeer-contextindicatoren "$file" --tabel "BENCHPG$format" \
      --formaat "$format" --database "$url"
  done
  psql -q "$url" -c "DELETE FROM context_table WHERE id LIKE 'BENCH%';"
fi
echo "== verhoudingen (wandkloktijd, deze run)"
awk -F'|' '
  { time[$1] = $2; order[++n] = $1 }
  END {
    for (i = 1; i <= n; i++) {
      name = order[i]
      if (name ~ /SQLite/ && time["referentie: sqlite3 .import (kale tabel)"] > 0)
        printf "%-44s %5.1f× sqlite3 .import\n", name, time[name] / time["referentie: sqlite3 .import (kale tabel)"]
      if ((name ~ /PostgreSQL/ || name ~ /context_observation/) && time["referentie: psql \\copy (kale tabel)"] > 0)
        printf "%-44s %5.1f× psql \\copy\n", name, time[name] / time["referentie: psql \\copy (kale tabel)"]
      if (name ~ /INSERT/ && time["referentie: sqlite3 .import (kale tabel)"] > 0)
        printf "%-44s %5.1f× sqlite3 .import\n", name, time[name] / time["referentie: sqlite3 .import (kale tabel)"]
    }
  }' "$results"
