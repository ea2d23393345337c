#!/usr/bin/env bash
# Web benchmark (issue 14 item 6): five endpoints of a release build under load with wrk, warm
# and on the miss path, side by side in the same run with nginx serving the identical bytes as
# static files and beside Hummingbird alone on the same bytes (Benchmarks/WebFloor), the servers
# taking turns for a number of rounds (Benchmarks/web.py says what is measured). Loopback only;
# bounded in time. Not a test.
#
#   Benchmarks/web.sh [seconds per wrk run, default 10] [connections, default 32] [miss rounds, default 200]
#                     [warm rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."

for package in wrk nginx; do
    command -v "$package" >/dev/null || {
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
    }
done
python3 -c "import requests" 2>/dev/null || python3 -m pip install -q --root-user-action=ignore requests

swift build -c release --product vliegwiel 2>&1 | grep -E "error|Build" || true
swift build -c release --product WebFloor 2>&1 | grep -E "error|Build" || true
bin="$(swift build -c release --show-bin-path)"
python3 Benchmarks/web.py --binary "$bin/vliegwiel" --floor "$bin/WebFloor" \
    --seconds "${1:-10}" --connections "${2:-32}" --misses "${3:-200}" --rounds "${4:-3}"
