"""Starts the real `vliegwiel` web application on a free loopback port for the tests."""
import os
import pathlib
import socket
import subprocess
import tempfile
import time

import pytest
import requests

ROOT = pathlib.Path(__file__).resolve().parents[2]
# The API contact address the test server is started with (`.test` is a reserved domain, RFC 2606):
# the operator's address, which the OpenAPI document names in info.contact.
CONTACT_EMAIL = "api-vragen@vliegwiel.test"
# The database file of each server started, so that a fixture can write to it with the CLI.
DATABASES = []


def _binary() -> pathlib.Path:
    override = os.environ.get("VLIEGWIEL_BINARY")
    if override:
        return pathlib.Path(override)
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return pathlib.Path(out.stdout.strip()) / "vliegwiel"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def totp_code(secret_base32: str, at: float = None) -> str:
    """The TOTP code (RFC 6238: SHA-1, 6 digits, 30 s) of a base32 secret, as an authenticator app makes it."""
    import base64
    import hashlib
    import hmac
    import struct

    padded = secret_base32 + "=" * ((8 - len(secret_base32) % 8) % 8)
    key = base64.b32decode(padded)
    counter = struct.pack(">Q", int((time.time() if at is None else at) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


class SignedIn:
    """A beheerder made with the CLI (password on standard input) and signed in on the site with
    TOTP set up: `session` carries the cookie, `csrf` is the session's CSRF token for forms,
    `token` a personal API token (`Authorization: Bearer …`). No account exists without this."""

    PASSWORD = "een lange testzin zonder betekenis"

    def __init__(self, base: str, database: str, name: str = "testbeheer"):
        import re

        subprocess.run(
            [str(_binary()), "gebruiker", "maak", name, "--beheerder", "--wachtwoord-stdin", "--database", database,
             "--auteur", "pytest"], input=self.PASSWORD, text=True, check=True, capture_output=True)
        self.base = base
        self.session = requests.Session()
        self.session.post(base + "/inloggen", data={"naam": name, "wachtwoord": self.PASSWORD}, timeout=30)
        page = self.session.get(base + "/account", timeout=10).text
        self.csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        page = self.session.post(base + "/account/tweestapsverificatie/instellen", data={"csrf": self.csrf},
                                 timeout=10).text
        self.totp_secret = re.search(r"secret=([A-Z2-7]+)", page).group(1)
        self.session.post(base + "/account/tweestapsverificatie/bevestigen",
                          data={"csrf": self.csrf, "code": totp_code(self.totp_secret)}, timeout=10)
        page = self.session.post(base + "/account/api-sleutels", data={"csrf": self.csrf, "naam": "pytest"},
                                 timeout=10).text
        self.token = re.search(r"(vw_[A-Za-z0-9_-]+)", page).group(1)
        self.session_id = self.session.cookies.get("vliegwiel-sessie")

    def sign_api_requests(self):
        """Lets every `requests` call to this server's API carry the token, as an API client would."""
        original = requests.Session.request
        base, token = self.base, self.token

        def request(session, method, url, *args, **kwargs):
            if str(url).startswith(base + "/api/"):
                headers = dict(kwargs.pop("headers", None) or {})
                headers.setdefault("Authorization", "Bearer " + token)
                kwargs["headers"] = headers
            return original(session, method, url, *args, **kwargs)

        requests.Session.request = request
        return lambda: setattr(requests.Session, "request", original)


def api_token(database: str, name: str = "testapi") -> str:
    """A personal API token of a new beheerder (with TOTP set up), made with the CLI on `database`:
    for tests that start a server of their own and write through the API."""
    binary = str(_binary())
    subprocess.run([binary, "gebruiker", "maak", name, "--beheerder", "--wachtwoord-stdin", "--database", database],
                   input=SignedIn.PASSWORD, text=True, check=True, capture_output=True)
    subprocess.run([binary, "gebruiker", "tweestapsverificatie", name, "--database", database],
                   check=True, capture_output=True)
    made = subprocess.run([binary, "token", "maak", "--gebruiker", name, "tests", "--database", database],
                          check=True, capture_output=True, text=True)
    return made.stdout.strip().splitlines()[-1]


# The signed-in beheerder of the shared server (set by the `server` fixture).
ACCOUNTS = []


@pytest.fixture(scope="session")
def account(server):
    """The signed-in beheerder of the shared server (see SignedIn)."""
    return ACCOUNTS[-1]


@pytest.fixture(scope="session")
def server():
    """The base URL of a running server on a fresh database."""
    folder = tempfile.mkdtemp(prefix="vliegwiel-web-")
    port = _free_port()
    DATABASES.append(os.path.join(folder, "test.sqlite"))
    log = open(os.path.join(folder, "server.log"), "w")
    process = subprocess.Popen(
        [str(_binary()), "start", "--database", os.path.join(folder, "test.sqlite"), "--poort", str(port),
         "--contact-e-mail", CONTACT_EMAIL],
        stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if requests.get(base + "/gezondheid", timeout=1).status_code == 200:
                break
        except requests.RequestException:
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError("the server did not start; see " + log.name)
    signed_in = SignedIn(base, DATABASES[-1])
    ACCOUNTS.append(signed_in)
    unsign = signed_in.sign_api_requests()
    yield base
    unsign()
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="session")
def qca_outcomes(server):
    """The outcome VOORTGEZET recorded for five reference variants (issue 8), with the CLI on
    the server's database; returns its name."""
    for arrangement, value, source in [
        ("regio-deal", "1", "Evaluatie Regio Deals"), ("city-deal", "1", "Evaluatie City Deals"),
        ("town-deal", "1", "Evaluatie Town Deals"), ("np-res", "0", "Evaluatie NP RES"), ("nprz", "0", "Evaluatie NPRZ"),
    ]:
        subprocess.run(
            [str(_binary()), "uitkomst", "zet", arrangement, "VOORTGEZET", value, "--bron", source,
             "--database", DATABASES[-1]], check=True, capture_output=True)
    return "VOORTGEZET"


@pytest.fixture(scope="session")
def changed_profile(server):
    """An own arrangement (fictional) imported twice with a changed Rijk role, with the CLI on
    the server's database, so that its page shows a profile history; returns its id."""
    import json
    import tempfile as _tempfile

    arrangement = requests.get(server + "/api/v1/arrangementen/woondeal", timeout=10).json()
    arrangement.update({"id": "historie-fictief", "soort": "praktijk", "naam": "Historie (fictief voorbeeld)"})
    folder = _tempfile.mkdtemp(prefix="vliegwiel-historie-")
    for number, role in [(1, "nevengeschikt"), (2, "ondergeschikt")]:
        arrangement["profiel"]["samenwerkend"]["rolRijk"] = {
            "waarden": [{"waarde": role, "citaat": "fictief", "bron": "fictieve notitie"}]}
        path = os.path.join(folder, f"v{number}.json")
        with open(path, "w") as handle:
            json.dump({"schemaVersie": 1, "arrangementen": [arrangement]}, handle)
        subprocess.run(
            [str(_binary()), "importeer", path, "--auteur", "Test (fictief)", "--reden", f"stap {number}",
             "--database", DATABASES[-1]], check=True, capture_output=True)
    return "historie-fictief"
