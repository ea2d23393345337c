"""Two application instances on one PostgreSQL database (issue 7 item 1): sessions live in the
database, not in process memory, so a user who signs in through one instance can act through
the other, as behind a load balancer. Needs VLIEGWIEL_TEST_POSTGRES_URL (scripts/test starts a
throwaway server and sets it)."""

import os
import re
import subprocess
import tempfile
import time
import urllib.parse
import uuid

import pytest
import requests

from conftest import SignedIn, _binary, _free_port

POSTGRES = os.environ.get("VLIEGWIEL_TEST_POSTGRES_URL")
DEMO = "/arrangementen/fictief-regio-deal-voorbeeld"


def _database_url(name: str) -> str:
    parts = urllib.parse.urlsplit(POSTGRES)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def _start(database: str, folder: str, label: str):
    port = _free_port()
    log = open(os.path.join(folder, f"{label}.log"), "w")
    process = subprocess.Popen([str(_binary()), "start", "--database", database, "--poort", str(port)],
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            if requests.get(base + "/gezondheid", timeout=1).status_code == 200:
                return process, base
        except requests.RequestException:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("instance did not start; see " + log.name)


@pytest.fixture(scope="module")
def two_instances():
    if not POSTGRES:
        pytest.skip("VLIEGWIEL_TEST_POSTGRES_URL is not set (scripts/test sets it)")
    name = "vw_instances_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", POSTGRES, "-q", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    database = _database_url(name)
    folder = tempfile.mkdtemp(prefix="vliegwiel-instances-")
    first, first_base = _start(database, folder, "first")   # migrates and seeds the empty database
    second, second_base = _start(database, folder, "second")
    yield database, first_base, second_base
    for process in (first, second):
        process.terminate()
        process.wait(timeout=30)
    subprocess.run(["psql", POSTGRES, "-q", "-c", f"DROP DATABASE IF EXISTS {name}"], capture_output=True)


def test_a_session_made_on_one_instance_works_on_the_other(two_instances):
    database, first, second = two_instances
    user = SignedIn(first, database, name="beheer-twee-instanties")
    cookie = user.session.cookies.get("vliegwiel-sessie")
    assert cookie

    # Through the second instance, with only the cookie the first one set.
    other = requests.Session()
    other.cookies.set("vliegwiel-sessie", cookie, domain="127.0.0.1")
    page = other.get(second + "/account", timeout=10)
    assert page.status_code == 200
    assert "beheer-twee-instanties" in page.text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
    assert csrf == user.csrf, "the CSRF token belongs to the session, wherever it is read"

    lesson = "Twee instanties delen één database (fictief, test)"
    answer = other.post(second + DEMO + "/leerlog/lessen", allow_redirects=False, timeout=10, data={
        "csrf": csrf, "datum": "2025-12-01", "les": lesson, "door": "pytest (fictief)", "bron": "test (fictief)"})
    assert answer.status_code == 303, answer.text[:500]

    # The first instance sees the change made through the second.
    assert lesson in user.session.get(first + DEMO + "/leerlog", timeout=10).text

    # Signing out through the second ends the session on the first too.
    assert other.post(second + "/uitloggen", data={"csrf": csrf}, allow_redirects=False, timeout=10).status_code == 303
    after = user.session.get(first + "/account", allow_redirects=False, timeout=10)
    assert after.status_code in (302, 303, 401)
