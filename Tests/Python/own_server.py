"""A `vliegwiel start` of its own, on a fresh database, for the tests that must not share the
session's server: the fuzz run (it writes at random) and the body-limit tests (they measure
the server's memory). Started as conftest.py starts the shared one."""
import os
import subprocess
import time

import requests

from conftest import _binary, _free_port


class OwnServer:
    def __init__(self, folder: str):
        self.folder = folder
        self.database = os.path.join(folder, "eigen.sqlite")
        port = _free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = os.path.join(folder, "server.log")
        log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [str(_binary()), "start", "--database", self.database, "--poort", str(port)],
            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if requests.get(self.base + "/gezondheid", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        self.process.kill()
        raise RuntimeError("the server did not start; see " + self.log_path)

    def rss_kib(self) -> int:
        """The server's resident memory now, from /proc, in KiB."""
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmRSS")

    def log(self) -> str:
        with open(self.log_path) as handle:
            return handle.read()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def api_token(database: str):
    """The bearer token for API writes: VLIEGWIEL_API_TOKEN when set; otherwise one made with
    the CLI for a new beheerder when the binary has accounts (docs/accounts.md); None when it
    has none (then writes need no token)."""
    token = os.environ.get("VLIEGWIEL_API_TOKEN")
    if token:
        return token
    verbs = subprocess.run([str(_binary()), "--help"], capture_output=True, text=True).stdout
    if "gebruiker" not in verbs:
        return None
    password = "test-" + os.urandom(12).hex()
    subprocess.run(
        [str(_binary()), "gebruiker", "maak", "test-beheerder", "--beheerder", "--wachtwoord-stdin",
         "--database", database], input=password + "\n", capture_output=True, text=True, check=True)
    made = subprocess.run(
        [str(_binary()), "token", "maak", "--gebruiker", "test-beheerder", "tests", "--database", database],
        capture_output=True, text=True, check=True)
    return made.stdout.strip().splitlines()[-1].strip()
