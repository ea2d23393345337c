# Sourced by the command-line benchmarks. Needs $folder (a scratch folder) and $results (a file).
# measure NAME COMMAND…: runs the command once under /usr/bin/time, prints wall time, peak memory
# (maximum resident set size) and CPU time, and records "NAME|wall" in $results for the ratios.
measure() {
  local name="$1"
  shift
  /usr/bin/time -o "$folder/time" -f "%e %M %U %S" "$@" > "$folder/out" 2> "$folder/err" || {
    echo "!! $name mislukt:"
    cat "$folder/err"
    exit 1
  }
  read -r wall memory user system < "$folder/time"
  printf '%-46s %8s s %8s MiB   (cpu %s s user, %s s sys)\n' "$name" "$wall" "$((memory / 1024))" "$user" "$system"
  echo "$name|$wall" >> "$results"
}
