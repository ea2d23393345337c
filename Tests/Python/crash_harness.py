"""What the crash test in the suite (test_crash.py: 6 kills, one API client) and the long crash
run outside it (crash_run.py: 100 kills, API and form writers, SQLite and PostgreSQL) share: the
server that is killed and restarted, the ledger of what a client sent and what was acknowledged,
and the checks afterwards — every acknowledged write present, each with its audit entry, and the
hash chain intact. The account helpers come from conftest.py."""
import json
import os
import signal
import sqlite3
import subprocess
import time
from collections import Counter

import requests

from conftest import _binary, _free_port


def is_postgres(database: str) -> bool:
    return database.startswith(("postgres://", "postgresql://"))


class Server:
    """`vliegwiel start` on one database (a SQLite file or a postgres:// URL), started and killed
    again and again, on a new free port each time; each start logs to its own file in `folder`."""

    def __init__(self, database, folder):
        self.database = database
        self.folder = folder
        self.process = None
        self.base = None
        self.starts = 0

    def start(self, timeout=60):
        port = _free_port()
        self.starts += 1
        log = open(os.path.join(self.folder, f"server-{self.starts}.log"), "w")
        self.process = subprocess.Popen(
            [str(_binary()), "start", "--database", self.database, "--poort", str(port)],
            stdout=log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{port}"
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if requests.get(self.base + "/gezondheid", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.process.kill()
        raise RuntimeError(f"the server did not start; see {log.name}")

    def kill(self):
        """SIGKILL: no shutdown, no flush; whatever the process was doing stops mid-way."""
        self.process.send_signal(signal.SIGKILL)

    def wait_killed(self):
        self.process.wait(timeout=30)
        assert self.process.returncode == -signal.SIGKILL, f"exit {self.process.returncode}, not SIGKILL"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def own_arrangement(template, identifier, name):
    """A fictional practice arrangement: the template (a reference variant) with its own id and name."""
    arrangement = dict(template)
    arrangement.update({"id": identifier, "soort": "praktijk", "naam": name})
    return arrangement


class Ledger:
    """What one client sent and what the server acknowledged. Every name is sent once, so a name
    identifies one write. A write without an answer may or may not be stored; an acknowledged one
    must be, and so must its audit entry."""

    def __init__(self):
        self.sent = Counter()  # kind of write -> requests sent
        self.acknowledged = Counter()  # kind of write -> acknowledged
        self.answers = Counter()  # what came back: a status, or "geen antwoord"
        self.acknowledged_names = {}  # id -> every name acknowledged for it, in order
        self.sent_names = {}  # id -> every name sent for it
        self.after_last_ack = {}  # id -> names sent since its last acknowledged write

    def sending(self, kind, identifier, name):
        self.sent[kind] += 1
        self.sent_names.setdefault(identifier, []).append(name)
        self.after_last_ack.setdefault(identifier, []).append(name)

    def acknowledge(self, kind, identifier, name, answer):
        self.acknowledged[kind] += 1
        self.answers[answer] += 1
        self.acknowledged_names.setdefault(identifier, []).append(name)
        self.after_last_ack[identifier] = []

    def unacknowledged(self, answer):
        self.answers[answer] += 1

    def last_acknowledged(self, identifier):
        return self.acknowledged_names[identifier][-1]

    @staticmethod
    def merged(ledgers):
        """One ledger of several clients that wrote disjoint ids."""
        total = Ledger()
        for ledger in ledgers:
            total.sent += ledger.sent
            total.acknowledged += ledger.acknowledged
            total.answers += ledger.answers
            for field in ("acknowledged_names", "sent_names", "after_last_ack"):
                assert not set(getattr(total, field)) & set(getattr(ledger, field)), "clients share an id"
                getattr(total, field).update(getattr(ledger, field))
        return total


def stored_names(database, prefix="crash-"):
    """id -> name of every stored arrangement whose id starts with `prefix`, read from the database
    itself (sqlite3, or psql for PostgreSQL), not through the application."""
    if is_postgres(database):
        out = subprocess.run(
            ["psql", database, "-X", "-A", "-t", "-F", "\x1f", "-v", "ON_ERROR_STOP=1", "-c",
             f"SELECT id, name FROM arrangement WHERE id LIKE '{prefix}%'"],
            capture_output=True, text=True, check=True).stdout
        return dict(line.split("\x1f", 1) for line in out.splitlines() if line)
    connection = sqlite3.connect(database)
    try:
        return dict(connection.execute("SELECT id, name FROM arrangement WHERE id LIKE ?", (prefix + "%",)))
    finally:
        connection.close()


def sqlite_integrity(database):
    """`PRAGMA integrity_check` and `PRAGMA journal_mode` of a SQLite file."""
    connection = sqlite3.connect(database)
    try:
        return (connection.execute("PRAGMA integrity_check").fetchall(),
                connection.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        connection.close()


def audited_saves(database, prefix="crash-"):
    """id -> the names in its `arrangement.opslaan` audit entries, oldest first, from
    `vliegwiel audit lijst --formaat json` on the database."""
    listing = subprocess.run(
        [str(_binary()), "audit", "lijst", "--actie", "arrangement.opslaan", "--formaat", "json",
         "--database", database], capture_output=True, text=True, check=True).stdout
    saves = {}
    for entry in json.loads(listing):
        identifier = entry["object"].removeprefix("arrangement:")
        if identifier.startswith(prefix):
            saves.setdefault(identifier, []).append(entry["details"].get("naam"))
    return saves


def check_chain(database):
    """`vliegwiel audit controleer` on the database: (exit code, its output)."""
    check = subprocess.run([str(_binary()), "audit", "controleer", "--database", database],
                           capture_output=True, text=True)
    return check.returncode, (check.stdout + check.stderr).strip()


def findings(ledger, stored, saves):
    """Everything that contradicts the ledger, by kind (empty lists when all is well), and the
    writes that were stored although never acknowledged (allowed: the client could not know)."""
    found = {"verloren": [], "oudere waarde": [], "auditregel ontbreekt": [], "auditregel dubbel": [],
             "auditregel zonder schrijfopdracht": [], "auditregels en gegevens verschillen": [],
             "opgeslagen zonder schrijfopdracht": []}
    stored_unacknowledged = 0
    for identifier, names in ledger.sent_names.items():
        acknowledged = ledger.acknowledged_names.get(identifier, [])
        audited = saves.get(identifier, [])
        if acknowledged:
            if identifier not in stored:
                found["verloren"].append(f"{identifier}: acknowledged '{acknowledged[-1]}', not stored")
            elif stored[identifier] not in [acknowledged[-1]] + ledger.after_last_ack[identifier]:
                found["oudere waarde"].append(
                    f"{identifier}: stored '{stored[identifier]}', last acknowledged '{acknowledged[-1]}'")
        for name in acknowledged:
            if name not in audited:
                found["auditregel ontbreekt"].append(f"{identifier}: no audit entry for acknowledged '{name}'")
        if len(set(audited)) != len(audited):
            found["auditregel dubbel"].append(f"{identifier}: {len(audited)} entries for {len(set(audited))} names")
        for name in audited:
            if name not in names:
                found["auditregel zonder schrijfopdracht"].append(f"{identifier}: audit entry for unsent '{name}'")
        if (audited[-1] if audited else None) != stored.get(identifier):
            found["auditregels en gegevens verschillen"].append(
                f"{identifier}: stored '{stored.get(identifier)}', last audit entry '{audited[-1] if audited else None}'")
        if identifier in stored and stored[identifier] in ledger.after_last_ack[identifier]:
            stored_unacknowledged += 1
    for identifier in sorted(set(stored) - set(ledger.sent_names)):
        found["opgeslagen zonder schrijfopdracht"].append(f"{identifier}: stored but never sent")
    for identifier in sorted(set(saves) - set(ledger.sent_names)):
        found["auditregel zonder schrijfopdracht"].append(f"{identifier}: audited but never sent")
    return found, stored_unacknowledged
