"""Web benchmark (issue 14 item 6): pages and API of a release build beside nginx serving the
same bytes, warm (nothing changed: the kept answer) and on the miss path (the first request
after a change to what the page shows). Loopback only; bounded in time. Not a test.

Warm: wrk (2 threads) against Vliegwiel and against nginx, which serves the byte-identical
answers saved from Vliegwiel in the same run as static files; requests/s, p50 and p99, and
Vliegwiel's throughput as a fraction of nginx's.

Floor (with --floor): Hummingbird alone (`Benchmarks/WebFloor`, no middleware, no work) serving
the same bytes from memory, in the same run: what the HTTP server costs before Vliegwiel does
anything, so that the ratio to nginx can be split into the server's part and ours.

Miss: N times a change through the API (a new summary for the page's arrangement, not timed),
then one GET of the page on a kept-open connection, timed by the client and by the server's own
`Server-Timing: app;dur=…` header (from the request reaching the first middleware to the
answer leaving it): p50 and p99 of both.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
DEMO = "fictief-regio-deal-voorbeeld"

# (name, path, the arrangement whose change the page shows)
# A fictional copy of the Woondeal, made at the start through the API (real deals keep their
# sourced content; the benchmark changes only its own arrangement and the fictional demo deal).
COPY = "benchmark-woondeal-fictief"
ENDPOINTS = [
    ("arrangement page", f"/arrangementen/{COPY}", COPY),
    ("catalogue", "/catalogus", COPY),
    ("comparison API", f"/api/v1/vergelijkingen?arrangementen=regio-deal,{COPY}", COPY),
    ("deal page (fictional demo deal)", f"/arrangementen/{DEMO}", DEMO),
    ("portfolio report", "/portefeuille/verslag", DEMO),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def wrk(url, seconds, connections):
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout

    def milliseconds(text):
        number = float(re.match(r"[\d.]+", text).group(0))
        return number / 1000 if text.endswith("us") else number * 1000 if text.endswith("s") and not text.endswith(
            "ms") else number

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = milliseconds(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = milliseconds(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = re.findall(r"(Non-2xx.*|Socket errors.*)", out)
    if errors:
        print("waarschuwing:", url, errors, file=sys.stderr)
    return rps, p50, p99


def start_nginx(folder, port, workers):
    config = folder / "nginx.conf"
    config.write_text(f"""worker_processes {workers};
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log {folder}/nginx-access.log;
  server {{
    listen 127.0.0.1:{port};
    root {folder}/www;
    types {{ text/html html; application/json json; }}
  }}
}}
""")
    os.chmod(folder, 0o755)
    os.chmod(folder / "www", 0o755)
    for file in (folder / "www").iterdir():
        os.chmod(file, 0o644)
    subprocess.run(["nginx", "-c", str(config)], check=True)
    return config


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--misses", type=int, default=200)
    parser.add_argument("--nginx-workers", default="auto",
                        help="nginx's worker_processes: auto (one per core, its packaged default) or a number")
    parser.add_argument("--rounds", type=int, default=1,
                        help="wrk runs per server and endpoint, taking turns; the table gives medians")
    parser.add_argument("--floor", help="the WebFloor binary (Hummingbird alone on the same bytes)")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="vliegwiel-web-"))
    (folder / "www").mkdir()
    database = folder / "bench.sqlite"
    port, nginx_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(folder / "server.log", "w")
    server = subprocess.Popen([options.binary, "start", "--database", str(database), "--maak-database", "--poort",
                               str(port)], stdout=log, stderr=subprocess.STDOUT)
    nginx_config = None
    floor = None
    try:
        for _ in range(300):
            try:
                if requests.get(base + "/gezondheid", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            raise SystemExit("de server startte niet; zie " + log.name)
        os.environ["VLIEGWIEL_BINARY"] = options.binary
        sys.path.insert(0, str(ROOT / "Tests" / "Python"))
        import conftest

        signed_in = conftest.SignedIn(base, str(database), name="webbench")
        api = {"Authorization": f"Bearer {signed_in.token}", "Content-Type": "application/json",
               "Accept": "application/json"}

        copy = requests.get(f"{base}/api/v1/arrangementen/woondeal", headers=api, timeout=30).json()
        copy.update(id=COPY, naam="Woondeal (fictieve kopie voor de benchmark)", soort="praktijk")
        made = requests.post(f"{base}/api/v1/arrangementen", data=json.dumps(copy), headers=api, timeout=30)
        if not made.ok:
            raise SystemExit(f"kopie niet gemaakt: {made.status_code} {made.text}")

        # Warm: the same bytes from both servers.
        for number, (_, path, _) in enumerate(ENDPOINTS):
            answer = requests.get(base + path, timeout=30)
            answer.raise_for_status()
            suffix = "json" if path.startswith("/api/") else "html"
            (folder / "www" / f"e{number}.{suffix}").write_bytes(answer.content)
        nginx_config = start_nginx(folder, nginx_port, options.nginx_workers)
        floor_port = free_port()
        if options.floor:
            floor = subprocess.Popen([options.floor, str(folder / "www"), str(floor_port)], stdout=log,
                                     stderr=subprocess.STDOUT)
            for _ in range(100):
                try:
                    requests.get(f"http://127.0.0.1:{floor_port}/e0.html", timeout=1)
                    break
                except requests.RequestException:
                    time.sleep(0.1)
        warm = []
        for number, (name, path, _) in enumerate(ENDPOINTS):
            suffix = "json" if path.startswith("/api/") else "html"
            rounds = []
            # The servers take turns, round after round, so that a change in the machine's load
            # falls on all of them; each figure is the median of the rounds.
            for _ in range(options.rounds):
                ours = wrk(base + path, options.seconds, options.connections)
                theirs = wrk(f"http://127.0.0.1:{nginx_port}/e{number}.{suffix}", options.seconds,
                             options.connections)
                alone = wrk(f"http://127.0.0.1:{floor_port}/e{number}.{suffix}", options.seconds,
                            options.connections) if options.floor else None
                rounds.append((ours, theirs, alone))
            size = (folder / "www" / f"e{number}.{suffix}").stat().st_size
            warm.append((name, path, size, rounds))
        if floor:
            floor.terminate()
            floor.wait(timeout=30)
            floor = None

        # Miss: a change to the page's arrangement, then the first request.
        missed = []
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for name, path, arrangement in ENDPOINTS if options.misses else []:
            document = requests.get(f"{base}/api/v1/arrangementen/{arrangement}", headers=api, timeout=30).json()
            summary = document["omschrijving"]
            server_times, client_times = [], []
            for round_number in range(options.misses):
                document["omschrijving"] = f"{summary} (benchmarkronde {round_number})"
                change = requests.put(f"{base}/api/v1/arrangementen/{arrangement}", data=json.dumps(document),
                                      headers=api, timeout=30)
                if not change.ok:
                    raise SystemExit(f"wijziging geweigerd: {change.status_code} {change.text}")
                start = time.perf_counter()
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                client_times.append((time.perf_counter() - start) * 1000)
                assert response.status == 200, (path, response.status)
                assert f"benchmarkronde {round_number}".encode() in body or path.startswith("/api/v1/vergelijkingen") \
                    or path == "/portefeuille/verslag" or path == "/catalogus", (path, "wijziging niet te zien")
                timing = re.match(r"app;dur=([\d.]+)", response.getheader("Server-Timing") or "")
                server_times.append(float(timing.group(1)))
            missed.append((name, server_times, client_times))
        connection.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        if floor:
            floor.terminate()
        if nginx_config:
            subprocess.run(["nginx", "-c", str(nginx_config), "-s", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)

    print("Warm (the kept answer; wrk -t2 -c%d -d%ds --latency; nginx worker_processes %s; %s)"
          % (options.connections, options.seconds, options.nginx_workers,
             "one run each" if options.rounds == 1 else f"median of {options.rounds} rounds taking turns, "
             "ratio range in brackets"))
    print()
    floor_columns = " Hummingbird alone req/s | p50 | alone / nginx |" if options.floor else ""
    print("| endpoint | size | Vliegwiel req/s | p50 | p99 | nginx req/s | p50 | p99 | **Vliegwiel / nginx** |"
          + floor_columns)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|---:|" if options.floor else ""))
    def median(values):
        ordered = sorted(values)
        middle = len(ordered) // 2
        return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2

    def medians(runs):
        return tuple(median([run[field] for run in runs]) for field in range(3))

    for name, path, size, rounds in warm:
        ours, theirs = medians([r[0] for r in rounds]), medians([r[1] for r in rounds])
        ratios = [r[0][0] / r[1][0] for r in rounds]
        spread = f" ({min(ratios):.2f}–{max(ratios):.2f})" if len(rounds) > 1 else ""
        extra = ""
        if options.floor:
            alone = medians([r[2] for r in rounds])
            alone_ratio = median([r[2][0] / r[1][0] for r in rounds])
            extra = f" {alone[0]:.0f} | {alone[1]:.2f} ms | {alone_ratio:.3f} |"
        print(f"| {name} (`{path}`) | {size / 1024:.0f} kB | {ours[0]:.0f} | {ours[1]:.2f} ms | {ours[2]:.2f} ms "
              f"| {theirs[0]:.0f} | {theirs[1]:.2f} ms | {theirs[2]:.2f} ms | **{median(ratios):.3f}**{spread} |"
              + extra)
    print()
    if not missed:
        print(f"{os.cpu_count()} cores; {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}")
        return
    print(f"Miss (the first request after a change to the page's arrangement through the API; "
          f"{options.misses} rounds each)")
    print()
    print("| endpoint | server p50 | server p99 | client p50 | client p99 |")
    print("|---|---:|---:|---:|---:|")
    for name, server_times, client_times in missed:
        print(f"| {name} | {percentile(server_times, 0.5):.3f} ms | {percentile(server_times, 0.99):.3f} ms "
              f"| {percentile(client_times, 0.5):.3f} ms | {percentile(client_times, 0.99):.3f} ms |")
    print()
    print(f"{os.cpu_count()} cores; {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}")


if __name__ == "__main__":
    main()
