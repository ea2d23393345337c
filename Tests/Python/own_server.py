"""A `vliegwiel start` of its own, on a fresh database, for the tests that must not share the
session's server: the fuzz run (it writes at random) and the body-limit tests (they measure
the server's memory). Started as conftest.py starts the shared one."""
import os
import subprocess
import time

import requests

from conftest import _binary, _free_port


class OwnServer:
    def __init__(self, folder: str, extra: list = ()):
        self.folder = folder
        self.database = os.path.join(folder, "eigen.sqlite")
        port = _free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = os.path.join(folder, "server.log")
        log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [str(_binary()), "start", "--database", self.database, "--poort", str(port), *extra],
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


def sign_in(server: OwnServer):
    """A beheerder of this server with TOTP set up, signed in on the site, with an API token
    (conftest.SignedIn: made with the CLI, docs/accounts.md); None for a binary without accounts."""
    verbs = subprocess.run([str(_binary()), "--help"], capture_output=True, text=True).stdout
    if "gebruiker" not in verbs:
        return None
    import conftest

    signed_in = getattr(conftest, "SignedIn", None)  # with the accounts of docs/accounts.md
    return signed_in(server.base, server.database, name="eigenbeheer") if signed_in else None


def api_headers(signed_in) -> dict:
    """The header that lets an API write through: VLIEGWIEL_API_TOKEN when set, else the token of
    the signed-in beheerder; none without accounts."""
    token = os.environ.get("VLIEGWIEL_API_TOKEN") or (signed_in.token if signed_in else None)
    return {"Authorization": f"Bearer {token}"} if token else {}
