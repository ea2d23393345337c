#!/usr/bin/env python3
"""Load run (issue 7 item 7; not a test): concurrent readers and writers against the release
binary on a fresh SQLite database for a fixed time, then proof that nothing was lost.

Readers: two `wrk` processes, one on pages (home, catalogue, arrangement, portfolio, a deal),
one on API GETs (list, arrangement, advice, comparison, portfolio). Writers: threads that each
create uniquely named records, one request at a time, on their own keep-alive connection:
- API writers: POST /api/v1/arrangementen with a new fictional arrangement `last-api-<w>-<n>`;
- form writers: POST /arrangementen/<deal>/programmalijnen/nieuw (the site's form, with the
  session's CSRF token) adding programme line `last-form-<w>-<n>`; each writer its own deal.
Every write answered 2xx/3xx is recorded as acknowledged. Afterwards every acknowledged record
is looked up through the API, the database passes `PRAGMA integrity_check`, and the run fails
(exit 1) on any missing record, any failed request (another status, a socket error or time-out,
from writers or wrk) — and prints throughput and latency per kind.

    python3 Benchmarks/load.py --binary .build/release/vliegwiel [--seconds 30] [--connections 8] [--writers 2]

Benchmarks/load.sh builds the release binary and runs this.
"""
import argparse
import json
import os
import pathlib
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import requests

ROOT = pathlib.Path(__file__).resolve().parents[1]
PAGES = ["/", "/catalogus", "/arrangementen/regio-deal", "/portefeuille", "/arrangementen/regio-deal-3-zwolle",
         "/vergelijken?arrangementen=regio-deal&arrangementen=woondeal"]
API = ["/api/v1/arrangementen", "/api/v1/arrangementen/regio-deal", "/api/v1/arrangementen/regio-deal/advies",
       "/api/v1/vergelijkingen?arrangementen=regio-deal,woondeal", "/api/v1/portefeuille"]
ARRANGEMENT = json.loads((ROOT / "Benchmarks" / "load-arrangement.json").read_text())


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Writer(threading.Thread):
    """One writer: creates records one after the other until the deadline."""

    def __init__(self, kind, number, base, deadline, session, headers, target=None, csrf=None):
        super().__init__()
        self.kind, self.number, self.base, self.deadline = kind, number, base, deadline
        self.session, self.headers, self.target, self.csrf = session, headers, target, csrf
        self.acknowledged, self.latencies, self.failures = [], [], []

    def run(self):
        count = 0
        while time.time() < self.deadline:
            count += 1
            record = f"last-{self.kind}-{self.number}-{count}"
            started = time.perf_counter()
            try:
                if self.kind == "api":
                    body = dict(ARRANGEMENT, id=record, naam=f"Last {self.number}-{count} (fictief voorbeeld)")
                    response = self.session.post(
                        self.base + "/api/v1/arrangementen", data=json.dumps(body), timeout=30,
                        headers={**self.headers, "Content-Type": "application/json", "Accept": "application/json"})
                else:
                    fields = {"id": record, "naam": f"Last {self.number}-{count} (fictief)"}
                    if self.csrf:
                        fields["csrf"] = self.csrf
                    response = self.session.post(
                        f"{self.base}/arrangementen/{self.target}/programmalijnen/nieuw", data=fields, timeout=30,
                        allow_redirects=False)
                elapsed = time.perf_counter() - started
                if 200 <= response.status_code < 400:
                    self.acknowledged.append(record)
                    self.latencies.append(elapsed)
                else:
                    self.failures.append(f"{record}: {response.status_code} {response.text[:200]}")
            except requests.RequestException as error:
                self.failures.append(f"{record}: {error}")


def run_wrk(name, base, paths, seconds, connections, headers, folder):
    script = pathlib.Path(folder) / f"{name}.lua"
    script.write_text(
        "local paths = {" + ", ".join(json.dumps(path) for path in paths) + "}\n"
        "local i = 0\n"
        "request = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n")
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", "-s", str(script)]
    for header, value in headers.items():
        command += ["-H", f"{header}: {value}"]
    return subprocess.Popen(command + [base], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def parse_wrk(output):
    def milliseconds(text):
        number, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    result = {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": milliseconds(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99": milliseconds(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "failed": 0,
        "details": [],
    }
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non2xx:
        result["failed"] += int(non2xx.group(1))
        result["details"].append(non2xx.group(0))
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if sockets:
        result["failed"] += sum(int(value) for value in sockets.groups())
        result["details"].append(sockets.group(0))
    return result


def sign_in(binary, base, database):
    """A beheerder with TOTP set up, signed in, with an API token (Tests/Python/conftest.py),
    when the binary has accounts; otherwise None (then nothing asks for one)."""
    if "gebruiker" not in subprocess.run([binary, "--help"], capture_output=True, text=True).stdout:
        return None
    os.environ["VLIEGWIEL_BINARY"] = binary
    sys.path.insert(0, str(ROOT / "Tests" / "Python"))
    import conftest

    signed_in = getattr(conftest, "SignedIn", None)  # with the accounts of docs/accounts.md
    return signed_in(base, database, name="lastbeheer") if signed_in else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=8, help="wrk connections per reader kind")
    parser.add_argument("--writers", type=int, default=2, help="writers per kind")
    options = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="vliegwiel-last-")
    database = os.path.join(folder, "last.sqlite")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(folder, "server.log"), "w")
    server = subprocess.Popen([options.binary, "start", "--database", database, "--poort", str(port)],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                if requests.get(base + "/gezondheid", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            raise SystemExit("de server startte niet; zie " + log.name)
        signed_in = sign_in(options.binary, base, database)
        api_headers = {"Authorization": f"Bearer {signed_in.token}"} if signed_in else {}
        cookie = {"Cookie": f"vliegwiel-sessie={signed_in.session_id}"} if signed_in else {}
        deals = [deal["id"] for deal in requests.get(base + "/api/v1/portefeuille", headers=api_headers,
                                                     timeout=10).json()["deals"]]
        deals = [deal for deal in deals if deal.startswith("regio-deal-")][: options.writers]

        deadline = time.time() + options.seconds
        readers = {"pagina's (wrk)": run_wrk("paginas", base, PAGES, options.seconds, options.connections, cookie,
                                             folder),
                   "API GET (wrk)": run_wrk("api", base, API, options.seconds, options.connections, api_headers,
                                            folder)}
        writers = []
        for number in range(options.writers):
            session = requests.Session()
            writers.append(Writer("api", number, base, deadline, session, api_headers))
            form_session = requests.Session()
            if signed_in:
                form_session.cookies.update(signed_in.session.cookies)
            writers.append(Writer("form", number, base, deadline, form_session, {}, target=deals[number],
                                  csrf=signed_in.csrf if signed_in else None))
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join()
        results = {name: parse_wrk(process.communicate()[0]) for name, process in readers.items()}

        # Every acknowledged write is stored.
        listed = {item["id"] for item in requests.get(base + "/api/v1/arrangementen", headers=api_headers,
                                                      timeout=60).json()["arrangementen"]}
        lines = set()
        for deal in deals:
            body = requests.get(f"{base}/api/v1/arrangementen/{deal}/programmalijnen", headers=api_headers,
                                timeout=60).json()
            lines |= {line["id"] for line in body["programmalijnen"]}
        missing = [record for writer in writers for record in writer.acknowledged
                   if record not in (listed if writer.kind == "api" else lines)]
        integrity = sqlite3.connect(database).execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"| soort | verzoeken | per seconde | p50 (ms) | p99 (ms) | mislukt |")
    print(f"|---|---:|---:|---:|---:|---:|")
    failed = 0
    for name, result in results.items():
        failed += result["failed"]
        print(f"| {name} | {result['requests']} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} "
              f"| {result['failed']} |")
    for kind, label in [("api", "API POST /arrangementen"), ("form", "formulier programmalijn (303)")]:
        group = [writer for writer in writers if writer.kind == kind]
        latencies = [value * 1000 for writer in group for value in writer.latencies]
        failures = sum(len(writer.failures) for writer in group)
        failed += failures
        print(f"| {label} | {len(latencies) + failures} | {len(latencies) / options.seconds:.0f} "
              f"| {statistics.median(latencies) if latencies else float('nan'):.1f} "
              f"| {percentile(latencies, 0.99):.1f} | {failures} |")
    acknowledged = sum(len(writer.acknowledged) for writer in writers)
    print()
    print(f"{options.seconds} s; lezers: 2 x wrk -t1 -c{options.connections}; schrijvers: {options.writers} API + "
          f"{options.writers} formulier; {os.cpu_count()} cores; {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}")
    print(f"bevestigde schrijfacties: {acknowledged}; teruggevonden: {acknowledged - len(missing)}; "
          f"ontbrekend: {len(missing)}; PRAGMA integrity_check: {integrity}")
    for result in results.values():
        for detail in result["details"]:
            print("wrk:", detail)
    for writer in writers:
        for failure in writer.failures[:5]:
            print("mislukt:", failure)
    for record in missing[:20]:
        print("ontbreekt:", record)
    if missing or failed or integrity != "ok":
        print("ONGELDIG: er ging iets verloren of er faalden verzoeken")
        return 1
    print("geldig: elke bevestigde schrijfactie is opgeslagen en geen verzoek faalde")
    return 0


if __name__ == "__main__":
    sys.exit(main())
