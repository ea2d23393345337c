"""The long crash run (issue 17 item 7), outside the suite: `scripts/crash-run sqlite|postgres`.

`vliegwiel start` is killed with SIGKILL (default 100 times) while three clients write at once:
two API writers (POST and PUT /api/v1/arrangementen with a Bearer token) and one site-form writer
(the design form POST /ontwerpen with its session cookie and CSRF token). On PostgreSQL every
fifth kill first kills the database's postmaster with SIGKILL under the same load, then the
server; PostgreSQL is started again with pg_ctl (crash recovery) before the server. Afterwards:
every acknowledged write (2xx, or the form's 303 to the saved arrangement) is stored with its
own or a later value, each with its audit entry; `PRAGMA integrity_check` (SQLite) or
`pg_amcheck` (PostgreSQL) finds nothing; `vliegwiel audit controleer` says "keten intact".

Not a pytest test (the name does not start with test_): pytest never collects it, so
scripts/test does not run it. It shares the server, the ledger and the checks with
test_crash.py (crash_harness.py) and makes its account as the suite does (conftest.SignedIn).

Settings (environment): VLIEGWIEL_CRASH_KILLS (100), VLIEGWIEL_CRASH_SEED (random, printed),
VLIEGWIEL_CRASH_INTERVAL (seconds between a start and its kill, "0.3-2.0"), VLIEGWIEL_CRASH_PG_EVERY
(5: every fifth kill takes PostgreSQL down too), VLIEGWIEL_CRASH_PG_PORT (55630),
VLIEGWIEL_CRASH_PG_DIR (/tmp/pg-crash, removed and made again), VLIEGWIEL_CRASH_FOLDER (logs and
the SQLite file; a new temporary folder by default, kept), VLIEGWIEL_BINARY as for the tests.
Exit code 0 when nothing was lost and every check passed, 1 otherwise; the figures are printed
and written to crash-run.json in the folder. A server that stopped or crashed by itself (a fatal
error or a signal in its log) and every "Onverwachte fout" (a 500) are reported there too, apart
from the pass or fail of the data checks."""
import json
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

import requests

from conftest import SignedIn, totp_code
from crash_harness import Ledger, Server, audited_saves, check_chain, findings, own_arrangement, \
    sqlite_integrity, stored_names

WRITE_TIMEOUT = 10
ACCOUNT = "crashbeheer"


def setting(name, default):
    return os.environ.get("VLIEGWIEL_CRASH_" + name, default)


class Target:
    """The server the writers write to: a new generation after every restart. A writer whose
    request got no answer waits for the next generation."""

    def __init__(self):
        self.condition = threading.Condition()
        self.generation = 0
        self.base = None
        self.up = False
        self.finished = False
        self.database_down = False  # PostgreSQL was killed: refusals are expected until the restart

    def publish(self, base):
        with self.condition:
            self.generation += 1
            self.base, self.up, self.database_down = base, True, False
            self.condition.notify_all()

    def down(self):
        with self.condition:
            self.up = False

    def finish(self):
        with self.condition:
            self.finished = True
            self.condition.notify_all()

    def current(self, after):
        """(generation, base) of a running server newer than generation `after`; None at the end."""
        with self.condition:
            self.condition.wait_for(lambda: self.finished or (self.up and self.generation > after))
            return None if self.finished else (self.generation, self.base)


class Writer(threading.Thread):
    """One client writing its own ids as fast as the server answers."""

    def __init__(self, label, target, rng):
        super().__init__(name=label, daemon=True)
        self.label, self.target, self.rng = label, target, rng
        self.ledger = Ledger()
        self.created = 0
        self.unexpected = []  # answers other than an acknowledgement while the database was up
        self.error = None

    def run(self):
        failed = 0
        try:
            while True:
                current = self.target.current(after=failed)
                if current is None:
                    return
                generation, base = current
                answered = self.write(base)
                if not answered:
                    failed = generation  # no answer: the server is gone; wait for the next one
        except Exception:
            self.error = traceback.format_exc()
            self.target.finish()

    def refused(self, response, what):
        """An answer that is no acknowledgement: expected only while PostgreSQL is down."""
        self.ledger.unacknowledged(response.status_code)
        if not self.target.database_down:
            self.unexpected.append(f"{what}: {response.status_code} {response.text[:300]!r}")
        time.sleep(0.05)


class ApiWriter(Writer):
    """POST new arrangements and PUT changes to acknowledged ones, with the API token."""

    def __init__(self, label, target, rng, token, template):
        super().__init__(label, target, rng)
        self.headers = {"Content-Type": "application/json", "Authorization": "Bearer " + token}
        self.template = template

    def write(self, base):
        if self.ledger.acknowledged_names and self.rng.random() < 0.3:
            identifier = self.rng.choice(sorted(self.ledger.acknowledged_names))
            kind, method, path = "api-put", "PUT", f"/api/v1/arrangementen/{identifier}"
        else:
            self.created += 1
            identifier = f"crash-{self.label}-{self.created}"
            kind, method, path = "api-post", "POST", "/api/v1/arrangementen"
        name = f"Crashrun {identifier} schrijfopdracht {sum(self.ledger.sent.values()) + 1} (fictief)"
        self.ledger.sending(kind, identifier, name)
        try:
            response = requests.request(
                method, base + path, data=json.dumps(own_arrangement(self.template, identifier, name)),
                headers=self.headers, timeout=WRITE_TIMEOUT)
        except requests.RequestException:
            self.ledger.unacknowledged("geen antwoord")
            return False
        if 200 <= response.status_code < 300:
            self.ledger.acknowledge(kind, identifier, name, response.status_code)
        else:
            self.refused(response, f"{method} {path}")
        return True


class FormWriter(Writer):
    """Posts the design form (/ontwerpen) as the signed-in beheerder; acknowledged is a 303 to the
    saved arrangement. Sessions are stored in the database and should survive a kill; when the
    site sends it to /inloggen or refuses its CSRF token instead, it signs in again (with the next
    TOTP step: a code counts once) and counts that."""

    def __init__(self, label, target, rng, account):
        super().__init__(label, target, rng)
        self.session, self.csrf, self.secret = account.session, account.csrf, account.totp_secret
        self.totp_step = int(time.time() // 30)  # the step SignedIn confirmed TOTP with, or later
        self.signed_in = True
        self.sign_ins = 0
        self.sessions_lost = []

    def sign_in(self, base):
        step = max(self.totp_step + 1, int(time.time() // 30))
        while step > int(time.time() // 30) + 1:  # one step ahead is the most a code may be
            time.sleep(1)
        self.totp_step = step
        session = requests.Session()
        answer = session.post(base + "/inloggen", data={
            "naam": ACCOUNT, "wachtwoord": SignedIn.PASSWORD, "code": totp_code(self.secret, at=step * 30)},
            allow_redirects=False, timeout=WRITE_TIMEOUT)
        if answer.status_code != 303 or not session.cookies.get("vliegwiel-sessie"):
            if self.target.database_down:
                return False
            raise RuntimeError(f"signing in again failed: {answer.status_code} {answer.text[:300]!r}")
        page = session.get(base + "/account", timeout=WRITE_TIMEOUT).text
        self.session, self.csrf = session, re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        self.signed_in = True
        self.sign_ins += 1
        return True

    def write(self, base):
        if not self.signed_in:
            try:
                if not self.sign_in(base):
                    time.sleep(0.05)
                    return True
            except requests.RequestException:
                return False
        self.created += 1
        identifier = f"crash-{self.label}-{self.created}"
        name = f"Crashrun {identifier} formulier (fictief)"
        self.ledger.sending("formulier", identifier, name)
        try:
            response = self.session.post(base + "/ontwerpen", data={
                "csrf": self.csrf, "id": identifier, "naam": name, "familie": "deal", "variant": "regio-deal",
                "bron": "Crashrun, fictief", "samenwerkend.rolRijk": "nevengeschikt",
                "resultaatgericht.looptijd": "1-4"}, allow_redirects=False, timeout=WRITE_TIMEOUT)
        except requests.RequestException:
            self.ledger.unacknowledged("geen antwoord")
            return False
        location = response.headers.get("Location", "")
        if response.status_code == 303 and location.startswith(f"/arrangementen/{identifier}?"):
            self.ledger.acknowledge("formulier", identifier, name, 303)
        elif (response.status_code == 303 and location.startswith("/inloggen")) or response.status_code == 403:
            self.ledger.unacknowledged(response.status_code)
            self.sessions_lost.append(f"{response.status_code} {location or response.text[:200]!r}")
            self.signed_in = False
        else:
            self.refused(response, "POST /ontwerpen")
        return True


class Cluster:
    """A throw-away PostgreSQL cluster (fsync on, as by default), run by the `postgres` user when
    this runs as root (the server refuses root), on a private port with its socket in its folder."""

    def __init__(self, folder, port):
        self.folder, self.port = folder, port
        self.data = os.path.join(folder, "data")
        self.log = os.path.join(folder, "server.log")
        pg_bins = sorted((p for p in os.listdir("/usr/lib/postgresql")), key=lambda v: [int(x) for x in v.split(".")])
        self.bin = f"/usr/lib/postgresql/{pg_bins[-1]}/bin"
        self.url = f"postgres://vliegwiel@127.0.0.1:{port}/postgres?sslmode=disable"
        self.lingering = 0  # processes of a killed postmaster that did not end by themselves

    def run(self, *command, check=True):
        prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        return subprocess.run(prefix + [os.path.join(self.bin, command[0]), *command[1:]], check=check,
                              capture_output=True, text=True)

    def create(self):
        if os.path.exists(self.data):
            self.run("pg_ctl", "-D", self.data, "-m", "immediate", "stop", check=False)
        subprocess.run(["rm", "-rf", self.folder], check=True)
        os.makedirs(self.folder)
        if os.getuid() == 0:
            subprocess.run(["chown", "postgres", self.folder], check=True)
        self.run("initdb", "-D", self.data, "--auth=trust", "-U", "vliegwiel", "-E", "UTF8", "--locale=C.UTF-8",
                 "--data-checksums")
        self.start()
        self.version = self.run("postgres", "--version").stdout.strip()
        self.settings = subprocess.run(
            ["psql", self.url, "-X", "-A", "-t", "-c",
             "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings "
             "WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'data_checksums')"],
            capture_output=True, text=True, check=True).stdout.strip()

    def start(self):
        self.run("pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "300", "-o",
                 f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1", "start")

    def stop(self):
        self.run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", check=False)

    def postmaster(self):
        with open(os.path.join(self.data, "postmaster.pid")) as lock:
            return int(lock.readline())

    @staticmethod
    def state(pid):
        """The process state letter from /proc, or None when the process is gone."""
        try:
            with open(f"/proc/{pid}/stat") as stat:
                return stat.read().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError, IndexError):
            return None

    @staticmethod
    def children(pid):
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as stat:
                        if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                            found.append(int(entry))
                except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
                    pass
        return found

    def kill_postmaster(self):
        """SIGKILL to the postmaster only, as a crash of the database server; returns its
        processes, which end when they notice (each backend when its connection or the
        postmaster goes)."""
        pid = self.postmaster()
        processes = [pid] + self.children(pid)
        os.kill(pid, signal.SIGKILL)
        return processes

    def wait_gone(self, processes, timeout=30):
        """Until every process of the killed cluster is gone (a zombie too: while the old
        postmaster's pid exists, a new postmaster refuses its lock file); what still runs after
        `timeout` gets SIGKILL and is counted."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if all(self.state(pid) is None for pid in processes):
                return
            time.sleep(0.05)
        for pid in processes:
            if self.state(pid) not in (None, "Z"):
                self.lingering += 1
                os.kill(pid, signal.SIGKILL)
        time.sleep(1)

    def amcheck(self):
        """pg_amcheck over every table and index of the database (heap and B-tree checks)."""
        check = subprocess.run(
            [os.path.join(self.bin, "pg_amcheck"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "vliegwiel",
             "--install-missing", "--heapallindexed", "--parent-check", "postgres"],
            capture_output=True, text=True)
        return check.returncode, (check.stdout + check.stderr).strip()


def crashes_in_logs(folder):
    """The first line of each server log that shows the process crashing by itself (a Swift
    fatal error or a signal), and the number of "Onverwachte fout" lines (a 500) in all logs."""
    crashes, unexpected = [], 0
    logs = [name for name in os.listdir(folder) if re.fullmatch(r"server-\d+\.log", name)]
    for name in sorted(logs, key=lambda name: int(re.sub(r"\D", "", name))):
        with open(os.path.join(folder, name), errors="replace") as log:
            lines = log.read().splitlines()
        unexpected += sum("Onverwachte fout" in line for line in lines)
        for line in lines:
            if "Fatal error" in line or "Program crashed" in line or line.startswith("*** Signal"):
                crashes.append(f"{name}: {line[:400]}")
                break
    return crashes, unexpected


def crash(figures, kills, rng, interval, pg_every, cluster, server, target, writers, started):
    """Kills the server `kills` times under the writers' load (and every `pg_every`-th time the
    PostgreSQL postmaster first), starting both again after each kill."""
    for number in range(1, kills + 1):
        time.sleep(rng.uniform(*interval))
        if any(writer.error for writer in writers):
            raise RuntimeError("a writer stopped: " + "; ".join(w.error for w in writers if w.error))
        processes = None
        if cluster and number % pg_every == 0:
            target.database_down = True
            processes = cluster.kill_postmaster()  # the database dies under load; the server lives on a moment
            figures["database_kills"] += 1
            time.sleep(rng.uniform(0.1, 0.8))
        target.down()
        server.kill()
        server.process.wait(timeout=30)
        if server.process.returncode != -signal.SIGKILL:  # it had stopped by itself
            figures["self_exits"].append(f"server-{server.starts}.log: exit {server.process.returncode}")
        figures["kills"] += 1
        restart = time.time()
        if processes:
            cluster.wait_gone(processes)
            cluster.start()  # crash recovery from the WAL
        if number == kills:
            target.finish()  # the last start only proves that the server comes up again
        server.start()
        figures["restarts"].append(time.time() - restart)
        target.publish(server.base)
        if number % 10 == 0:
            acknowledged = sum(sum(writer.ledger.acknowledged.values()) for writer in writers)
            print(f"{number} kills ({figures['database_kills']} van PostgreSQL), {acknowledged} bevestigd, "
                  f"{time.time() - started:.0f} s", flush=True)


def main():
    kind = (sys.argv[1] if len(sys.argv) > 1 else "sqlite").lower()
    if kind not in ("sqlite", "postgres"):
        sys.exit("gebruik: crash_run.py sqlite|postgres")
    kills = int(setting("KILLS", "100"))
    seed = int(setting("SEED", str(time.time_ns() % 1_000_000)))
    low, high = (float(x) for x in setting("INTERVAL", "0.3-2.0").split("-"))
    pg_every = int(setting("PG_EVERY", "5"))
    folder = setting("FOLDER", "") or tempfile.mkdtemp(prefix=f"vliegwiel-crashrun-{kind}-")
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(seed)
    print(f"lange crashrun op {kind}: {kills} kills, VLIEGWIEL_CRASH_SEED={seed}, map {folder}", flush=True)

    cluster = None
    if kind == "postgres":
        cluster = Cluster(setting("PG_DIR", "/tmp/pg-crash"), int(setting("PG_PORT", "55630")))
        cluster.create()
        database = cluster.url
        print(f"{cluster.version}; {cluster.settings}", flush=True)
    else:
        database = os.path.join(folder, "crash.sqlite")

    started = time.time()
    server = Server(database, folder)
    server.start()
    account = SignedIn(server.base, database, name=ACCOUNT)
    template = requests.get(server.base + "/api/v1/arrangementen/woondeal", timeout=10).json()
    template["bronnen"] = [{"titel": "Fictief testvoorbeeld (crashrun)"}]
    target = Target()
    writers = [ApiWriter("a1", target, random.Random(seed + 1), account.token, template),
               ApiWriter("a2", target, random.Random(seed + 2), account.token, template),
               FormWriter("f", target, random.Random(seed + 3), account)]
    target.publish(server.base)
    for writer in writers:
        writer.start()

    figures = {"kills": 0, "database_kills": 0, "restarts": [], "self_exits": []}
    failures = []
    try:
        crash(figures, kills, rng, (low, high), pg_every, cluster, server, target, writers, started)
    except Exception:
        failures.append(traceback.format_exc())
        print(failures[-1], flush=True)
    target.finish()
    for writer in writers:
        writer.join(timeout=60)
    if server.process.poll() is None:
        server.stop()
    duration = time.time() - started

    if cluster and cluster.run("pg_ctl", "-D", cluster.data, "status", check=False).returncode != 0:
        cluster.start()  # after a failure during the kills: the checks need the database
    ledger = Ledger.merged(writer.ledger for writer in writers)
    stored = stored_names(database)
    saves = audited_saves(database)
    problems, stored_unacknowledged = findings(ledger, stored, saves)
    chain_code, chain_output = check_chain(database)
    if cluster:
        integrity_code, integrity = cluster.amcheck()
        integrity_ok = integrity_code == 0
    else:
        pragmas = sqlite_integrity(database)
        integrity_ok = pragmas == ([("ok",)], "wal")
        integrity = f"integrity_check {', '.join(row[0] for row in pragmas[0])}; journal_mode {pragmas[1]}"
    if cluster:
        cluster.stop()
    errors = failures + [f"{writer.label}: {writer.error}" for writer in writers if writer.error]
    unexpected = [f"{writer.label}: {line}" for writer in writers for line in writer.unexpected]
    completed, restart_seconds = figures["kills"], figures["restarts"]
    crashed, unexpected_in_logs = crashes_in_logs(folder)
    form = writers[2]
    report = {
        "database": kind, "seed": seed, "kills": completed, "kills van PostgreSQL": figures["database_kills"],
        "duur (s)": round(duration), "schrijfopdrachten verstuurd": sum(ledger.sent.values()),
        "per soort verstuurd": dict(ledger.sent), "bevestigd": sum(ledger.acknowledged.values()),
        "per soort bevestigd": dict(ledger.acknowledged),
        "antwoorden": {str(k): v for k, v in sorted(ledger.answers.items(), key=lambda kv: str(kv[0]))},
        "bevestigde arrangementen": len(ledger.acknowledged_names), "opgeslagen arrangementen": len(stored),
        "opgeslagen zonder bevestiging": stored_unacknowledged,
        "verloren": len(problems["verloren"]), "bevindingen": {k: v for k, v in problems.items() if v},
        "auditregels van de crashrun": sum(len(names) for names in saves.values()),
        "keten": chain_output.splitlines()[0] if chain_output else "", "keten exitcode": chain_code,
        "integriteit": integrity or "pg_amcheck: geen meldingen",
        "opnieuw ingelogd": form.sign_ins, "sessies kwijt": form.sessions_lost[:20],
        "onverwachte antwoorden": unexpected[:50], "aantal onverwachte antwoorden": len(unexpected),
        "herstart (s) gemiddeld/max": [round(sum(restart_seconds) / max(1, completed), 2),
                                        round(max(restart_seconds, default=0), 2)],
        "server zelf gecrasht": crashed, "server zelf gestopt": figures["self_exits"],
        "'Onverwachte fout' in de serverlogs": unexpected_in_logs,
        "fouten": errors, "map": folder,
        "opdracht": " ".join([f"{k}={shlex.quote(v)}" for k, v in sorted(os.environ.items())
                              if k.startswith("VLIEGWIEL_CRASH_")] + [f"scripts/crash-run {kind}"]),
    }
    if cluster:
        report.update({"postgresql": f"{cluster.version}; {cluster.settings}",
                       "achtergebleven processen na kill": cluster.lingering})
    passed = (completed == kills and not errors and not any(problems.values()) and chain_code == 0
              and chain_output.startswith("keten intact: ") and integrity_ok)
    report["geslaagd"] = passed
    with open(os.path.join(folder, "crash-run.json"), "w") as handle:
        json.dump(report, handle, indent=2, ensure_ascii=False, default=str)
    print(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
