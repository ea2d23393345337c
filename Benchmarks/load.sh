#!/usr/bin/env bash
# Load run (issue 7 item 7): the release binary on a fresh SQLite database, driven for a fixed
# time by concurrent readers (wrk on pages and on API GETs) and writers (API POSTs and form
# posts that each create a uniquely named record); then every acknowledged write is looked up,
# the database is checked (PRAGMA integrity_check) and the run fails on any missing record or
# failed request. Prints throughput and latency per kind. Loopback only. Not a test.
#
#   Benchmarks/load.sh [seconds, default 30] [wrk connections per reader kind, default 8] [writers per kind, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
connections="${2:-8}"
writers="${3:-2}"

command -v wrk >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
}
python3 -c "import requests" 2>/dev/null || python3 -m pip install -q --root-user-action=ignore requests

swift build -c release --product vliegwiel 2>&1 | grep -E "error|Build" || true
binary="$(swift build -c release --show-bin-path)/vliegwiel"
python3 Benchmarks/load.py --binary "$binary" --seconds "$seconds" --connections "$connections" --writers "$writers"
