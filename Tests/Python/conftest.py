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


@pytest.fixture(scope="session")
def server():
    """The base URL of a running server on a fresh database."""
    folder = tempfile.mkdtemp(prefix="vliegwiel-web-")
    port = _free_port()
    DATABASES.append(os.path.join(folder, "test.sqlite"))
    log = open(os.path.join(folder, "server.log"), "w")
    process = subprocess.Popen(
        [str(_binary()), "start", "--database", os.path.join(folder, "test.sqlite"), "--poort", str(port)],
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
    yield base
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
