"""Nothing acknowledged is lost (issue 7 item 5): the real `vliegwiel start` is killed with
SIGKILL at random moments during a stream of writes through the API, and restarted each time.
Afterwards every write the server acknowledged with a 2xx is in the database, the database
passes `PRAGMA integrity_check`, it is in WAL mode, and the audit trail's hash chain is intact.

The moments are random; the seed is printed, and VLIEGWIEL_CRASH_SEED repeats a run. The long
run outside the suite (crash_run.py, scripts/crash-run) shares the server and the checks."""
import json
import os
import random
import threading
import time

import requests

from conftest import api_token
from crash_harness import Ledger, Server, audited_saves, check_chain, findings, own_arrangement, \
    sqlite_integrity, stored_names

KILLS = 6
WRITE_TIMEOUT = 5


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

    ledger = Ledger()
    created = 0
    kills = 0
    writes = 0
    started = time.time()
    while kills < KILLS:
        timer = threading.Timer(rng.uniform(0.15, 0.9), server.kill)
        timer.start()
        while True:
            update = ledger.acknowledged_names and rng.random() < 0.3
            if update:
                identifier = rng.choice(sorted(ledger.acknowledged_names))
                name = f"Crashtest {identifier} wijziging {writes} (fictief)"
                request = ("PUT", f"/api/v1/arrangementen/{identifier}")
            else:
                created += 1
                identifier = f"crash-{created}"
                name = f"Crashtest {created} (fictief)"
                request = ("POST", "/api/v1/arrangementen")
            ledger.sending(request[0], identifier, name)
            writes += 1
            try:
                response = requests.request(
                    request[0], server.base + request[1], data=json.dumps(own_arrangement(template, identifier, name)),
                    headers={"Content-Type": "application/json", "Authorization": "Bearer " + token},
                    timeout=WRITE_TIMEOUT)
            except requests.RequestException:
                break  # killed: this write may or may not be stored, but it was never acknowledged
            assert 200 <= response.status_code < 300, f"{request}: {response.status_code} {response.text}"
            ledger.acknowledge(request[0], identifier, name, response.status_code)
        timer.join()
        server.wait_killed()
        kills += 1
        server.start()
    server.stop()
    print(f"{writes} writes, {len(ledger.acknowledged_names)} acknowledged arrangements, {kills} kills, "
          f"{time.time() - started:.1f} s")
    assert kills == KILLS and len(ledger.acknowledged_names) >= KILLS

    assert sqlite_integrity(database) == ([("ok",)], "wal")
    # Each acknowledged arrangement is stored with its last acknowledged name, or a later one that
    # was stored just before a kill; each acknowledged write has its audit entry.
    problems, _ = findings(ledger, stored_names(database), audited_saves(database))
    assert not any(problems.values()), {kind: found[:5] for kind, found in problems.items() if found}

    code, output = check_chain(database)
    assert code == 0, output
    assert output.startswith("keten intact: ")
