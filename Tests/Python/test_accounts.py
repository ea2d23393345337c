"""Accounts on the real server (issue 7 items 1 and 2; docs/accounts.md): the API refuses
writes without a token (401) and with a token of the wrong role (403) in the documented
problem+json; the session cookie has its attributes; a form without the CSRF token is refused."""
import re
import time
import subprocess

import requests

from conftest import DATABASES, SignedIn, _binary, totp_code
from test_openapi import check, spec  # noqa: F401 (the fixture)


def test_writes_without_a_token_or_with_a_readers_token_are_refused_as_documented(server, spec):  # noqa: F811
    url = server + "/api/v1/arrangementen/woondeal"
    refused = requests.request("DELETE", url, headers={"Authorization": "Bearer vw_onbekend_onbekend"}, timeout=10)
    assert refused.status_code == 401
    check(spec, "/arrangementen/{id}", "delete", refused)
    assert "onbekend of ingetrokken" in refused.json()["detail"]

    binary = str(_binary())
    subprocess.run([binary, "gebruiker", "maak", "pytest-lezer", "--lezer", "--wachtwoord-stdin", "--database",
                    DATABASES[-1]], input=SignedIn.PASSWORD, text=True, check=True, capture_output=True)
    made = subprocess.run([binary, "token", "maak", "--gebruiker", "pytest-lezer", "lezen", "--database",
                           DATABASES[-1]], check=True, capture_output=True, text=True)
    token = made.stdout.strip().splitlines()[-1]
    forbidden = requests.delete(url, headers={"Authorization": "Bearer " + token}, timeout=10)
    assert forbidden.status_code == 403
    check(spec, "/arrangementen/{id}", "delete", forbidden)
    assert "geweigerd voor pytest-lezer (lezer)" in forbidden.json()["detail"]
    assert requests.get(url, headers={"Authorization": "Bearer " + token}, timeout=10).status_code == 200


def test_the_session_cookie_has_its_attributes_and_logout_ends_it(server):
    signed_in = SignedIn(server, DATABASES[-1], name="pytest-cookie")
    login = requests.post(server + "/inloggen", data={
        "naam": "pytest-cookie", "wachtwoord": SignedIn.PASSWORD,
        # The code that confirmed TOTP is used up (a code works once); the app's next one signs in.
        "code": totp_code(signed_in.totp_secret, at=time.time() + 30)}, allow_redirects=False, timeout=30)
    assert login.status_code == 303
    cookie = login.headers["Set-Cookie"]
    assert re.fullmatch(r"vliegwiel-sessie=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200", cookie)
    session_id = cookie.split(";")[0].split("=", 1)[1]
    assert session_id != signed_in.session_id
    session = requests.Session()
    session.cookies.set("vliegwiel-sessie", session_id)
    assert session.get(server + "/beheer/gebruikers", allow_redirects=False, timeout=10).status_code == 200
    page = session.get(server + "/account", timeout=10).text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    no_token = session.post(server + "/uitloggen", data={}, allow_redirects=False, timeout=10)
    assert no_token.status_code == 403
    assert "CSRF-token" in no_token.text
    out = session.post(server + "/uitloggen", data={"csrf": csrf}, allow_redirects=False, timeout=10)
    assert out.status_code == 303
    again = requests.get(server + "/beheer/gebruikers", cookies={"vliegwiel-sessie": session_id},
                         allow_redirects=False, timeout=10)
    assert again.status_code == 303 and again.headers["Location"].startswith("/inloggen")


def test_a_totp_code_signs_in_once(server):
    signed_in = SignedIn(server, DATABASES[-1], name="pytest-eenmalig")
    code = totp_code(signed_in.totp_secret, at=time.time() + 30)
    form = {"naam": "pytest-eenmalig", "wachtwoord": SignedIn.PASSWORD, "code": code}
    assert requests.post(server + "/inloggen", data=form, allow_redirects=False, timeout=30).status_code == 303
    again = requests.post(server + "/inloggen", data=form, allow_redirects=False, timeout=30)
    assert again.status_code == 401
    assert "vliegwiel-sessie" not in again.headers.get("Set-Cookie", "")
