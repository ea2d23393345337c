#!/usr/bin/env bash
# Imports a generated CBS StatLine export of ROWS rows (default 1 000 000) with the CLI, in
# both formats, and prints the time and the peak memory (maximum resident set size), which
# stays flat whatever ROWS is: the import streams (docs/indicatoren.md).
#   Benchmarks/indicator-import.sh [ROWS] [path/to/vliegwiel]
set -euo pipefail
rows="${1:-1000000}"
binary="${2:-$(swift build --show-bin-path)/vliegwiel}"
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
python3 - "$rows" "$folder" <<'PY'
import sys
rows, folder = int(sys.argv[1]), sys.argv[2]
with open(f"{folder}/data.csv", "w") as csv, open(f"{folder}/data.json", "w") as odata:
    csv.write('"ID";"RegioS";"Perioden";"A_1";"B_2"\n')
    odata.write('{"value": [\n')
    for i in range(rows):
        region, year = f"GM{i % 400:04d}", 1000 + i // 400
        csv.write(f'"{i}";"{region}";"{year}JJ00";"{i % 97}.5";"{i % 13}"\n')
        odata.write(("," if i else "") + f'{{"ID": {i}, "RegioS": "{region}", "Perioden": "{year}JJ00", "A_1": {i % 97}.5, "B_2": {i % 13}}}\n')
    odata.write("]}\n")
PY
# The reference, in the same run: SQLite's own shell importing the same CSV file into a plain
# table (no parsing of codes or periods, no validation), the floor for any import into SQLite.
if command -v sqlite3 >/dev/null; then
  tail -n +2 "$folder/data.csv" > "$folder/body.csv"
  echo "== referentie: sqlite3 .import van hetzelfde CSV-bestand"
  /usr/bin/time -f "tijd %e s, piekgeheugen %M KiB" sqlite3 "$folder/reference.sqlite" \
    "CREATE TABLE t (id, regio, periode, a, b);" ".mode csv" ".separator ;" ".import $folder/body.csv t" 2>&1 | tail -1
fi
for format in csv odata; do
  file="$folder/data.$([ "$format" = csv ] && echo csv || echo json)"
  echo "== $format, $rows rijen, $(du -h "$file" | cut -f1)"
  /usr/bin/time -f "tijd %e s, piekgeheugen %M KiB" \
    "$binary" importeer-contextindicatoren "$file" --tabel "BENCH$format" --formaat "$format" \
    --database "$folder/$format.sqlite" 2>&1 | tail -3
done
