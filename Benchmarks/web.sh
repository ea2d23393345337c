#!/usr/bin/env bash
# Web benchmark (issue 4): the arrangement page and the comparison API of Vliegwiel under
# load with wrk, side by side in the same run with nginx serving the identical bytes as
# static files. Reports requests/s, p50 and p99 latency, and Vliegwiel's throughput as a
# fraction of nginx's. Loopback only; bounded in time. Not a test.
#
#   Benchmarks/web.sh [seconds per run, default 10] [connections, default 32]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections="${2:-32}"

for package in wrk nginx; do
    command -v "$package" >/dev/null || {
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
    }
done

swift build -c release --product vliegwiel 2>&1 | grep -E "error|Build" || true
binary="$(swift build -c release --show-bin-path)/vliegwiel"
work="$(mktemp -d)"
trap 'kill $app_pid 2>/dev/null || true; nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT

app_port=18080
nginx_port=18081
"$binary" start --database "$work/bench.sqlite" --poort "$app_port" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$app_port/gezondheid" >/dev/null && break; sleep 0.2; done

page="/arrangementen/regio-deal"
api="/api/v1/vergelijkingen?arrangementen=regio-deal,woondeal"
mkdir -p "$work/www"
curl -fs "http://127.0.0.1:$app_port$page" >"$work/www/page.html"
curl -fs "http://127.0.0.1:$app_port$api" >"$work/www/api.json"

cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location = /page { default_type text/html; try_files /page.html =404; }
    location = /api { default_type application/json; try_files /api.json =404; }
  }
}
CONF
# nginx's workers run as an unprivileged user: let them read the copies.
chmod 755 "$work" "$work/www"
chmod 644 "$work/www/"*
nginx -c "$work/nginx.conf"

run() { # url -> "requests/s p50 p99"
    local out
    out="$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$1")"
    local rps p50 p99
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
    local errors
    errors="$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")"
    [ -z "$errors" ] || echo "waarschuwing: $errors" >&2
    echo "$rps $p50 $p99"
}

echo "| endpoint | server | requests/s | p50 | p99 |"
echo "|---|---|---:|---:|---:|"
for pair in "arrangement page|$page|/page" "comparison API|$api|/api"; do
    IFS='|' read -r name ours theirs <<<"$pair"
    read -r v_rps v_p50 v_p99 <<<"$(run "http://127.0.0.1:$app_port$ours")"
    read -r n_rps n_p50 n_p99 <<<"$(run "http://127.0.0.1:$nginx_port$theirs")"
    echo "| $name | Vliegwiel | $v_rps | $v_p50 | $v_p99 |"
    echo "| $name | nginx (static copy) | $n_rps | $n_p50 | $n_p99 |"
    ratio="$(awk -v a="$v_rps" -v b="$n_rps" 'BEGIN { printf "%.3f", a / b }')"
    echo "| $name | **Vliegwiel / nginx** | **$ratio** | | |"
done
echo
echo "wrk -t2 -c$connections -d${duration}s --latency; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
