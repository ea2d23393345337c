"""Nothing acknowledged is lost (issue 7 item 5): the real `vliegwiel start` is killed with
SIGKILL at random moments during a stream of writes through the API, and restarted each time.
Afterwards every write the server acknowledged with a 2xx is in the database, the database
passes `PRAGMA integrity_check`, it is in WAL mode, and the audit trail's hash chain is intact.

The moments are random; the seed is printed, and VLIEGWIEL_CRASH_SEED repeats a run."""
import json
import os
import random
import signal
import sqlite3
import subprocess
import threading
import time

import requests

from conftest import _binary, _free_port, api_token

KILLS = 6
WRITE_TIMEOUT = 5


class Server:
    """`vliegwiel start` on one database file, started and killed again and again."""

    def __init__(self, database, folder):
        self.database = database
        self.folder = folder
        self.process = None
        self.base = None
        self.starts = 0

    def start(self):
        port = _free_port()
        self.starts += 1
        log = open(os.path.join(self.folder, f"server-{self.starts}.log"), "w")
        self.process = subprocess.Popen(
            [str(_binary()), "start", "--database", self.database, "--poort", str(port)],
            stdout=log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if requests.get(self.base + "/gezondheid", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        self.process.kill()
        raise RuntimeError(f"the server did not start; see {log.name}")

    def kill(self):
        """SIGKILL: no shutdown, no flush; whatever the process was doing stops mid-way."""
        self.process.send_signal(signal.SIGKILL)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def own_arrangement(template, number, name):
    arrangement = dict(template)
    arrangement.update({"id": f"crash-{number}", "soort": "praktijk", "naam": name})
    return arrangement


def test_every_acknowledged_write_survives_repeated_sigkill(tmp_path):
    seed = int(os.environ.get("VLIEGWIEL_CRASH_SEED", time.time_ns() % 1_000_000))
    print(f"VLIEGWIEL_CRASH_SEED={seed}")
    rng = random.Random(seed)
    database = str(tmp_path / "crash.sqlite")
    server = Server(database, str(tmp_path))
    server.start()
    token = api_token(database)
    template = requests.get(server.base + "/api/v1/arrangementen/woondeal", timeout=10).json()
    template["bronnen"] = [{"titel": "Fictief testvoorbeeld (crashtest)"}]

    acknowledged = {}  # id -> the name of the last acknowledged write
    sent_after_ack = {}  # id -> names sent after that (perhaps stored, never acknowledged)
    created = 0
    kills = 0
    writes = 0
    started = time.time()
    while kills < KILLS:
        timer = threading.Timer(rng.uniform(0.15, 0.9), server.kill)
        timer.start()
        while True:
            update = acknowledged and rng.random() < 0.3
            if update:
                identifier = rng.choice(sorted(acknowledged))
                name = f"Crashtest {identifier} wijziging {writes} (fictief)"
                body = own_arrangement(template, identifier.removeprefix("crash-"), name)
                request = ("PUT", f"/api/v1/arrangementen/{identifier}")
            else:
                created += 1
                identifier = f"crash-{created}"
                name = f"Crashtest {created} (fictief)"
                body = own_arrangement(template, created, name)
                request = ("POST", "/api/v1/arrangementen")
            sent_after_ack.setdefault(identifier, []).append(name)
            writes += 1
            try:
                response = requests.request(
                    request[0], server.base + request[1], data=json.dumps(body),
                    headers={"Content-Type": "application/json", "Authorization": "Bearer " + token},
                    timeout=WRITE_TIMEOUT)
            except requests.RequestException:
                break  # killed: this write may or may not be stored, but it was never acknowledged
            assert 200 <= response.status_code < 300, f"{request}: {response.status_code} {response.text}"
            acknowledged[identifier] = name
            sent_after_ack[identifier] = []
        timer.join()
        server.process.wait(timeout=10)
        assert server.process.returncode == -signal.SIGKILL
        kills += 1
        server.start()
    server.stop()
    print(f"{writes} writes, {len(acknowledged)} acknowledged arrangements, {kills} kills, "
          f"{time.time() - started:.1f} s")
    assert kills == KILLS and len(acknowledged) >= KILLS

    connection = sqlite3.connect(database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        stored = dict(connection.execute("SELECT id, name FROM arrangement WHERE id LIKE 'crash-%'").fetchall())
        audited = {row[0] for row in connection.execute(
            "SELECT object FROM audit_entry WHERE action = 'arrangement.opslaan'")}
    finally:
        connection.close()
    for identifier, name in acknowledged.items():
        assert identifier in stored, f"acknowledged {identifier} is lost"
        # The last acknowledged write, or a later one that was stored just before a kill.
        assert stored[identifier] in [name] + sent_after_ack[identifier], \
            f"{identifier}: stored '{stored[identifier]}', acknowledged '{name}'"
        assert f"arrangement:{identifier}" in audited, f"{identifier} has no audit entry"

    check = subprocess.run([str(_binary()), "audit", "controleer", "--database", database],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("keten intact: ")
