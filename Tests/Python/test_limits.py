"""Oversized bodies are refused with 413 and never held in memory (issue 7 item 6).

The server accepts at most 1 MiB of body (maximumBodySize in WebApplication.swift). A body
that declares a larger Content-Length is refused before a byte of it is read
(BodySizeLimitMiddleware); a body without a length (chunked) is refused by the route that
reads it after at most 1 MiB (`collect(upTo:)`); the rest is drained and dropped. The API
answers with problem+json, the site with an HTML page; nothing is stored. Many large bodies
at once leave the server's memory (VmRSS from /proc) where it was.
"""
import concurrent.futures
import tempfile
import threading

import pytest
import requests

from own_server import OwnServer, api_headers, sign_in

DEMO = "fictief-regio-deal-voorbeeld"
LIMIT = 1_048_576
COLLECTIONS = ["partners", "financiering", "programmalijnen", "projecten"]


@pytest.fixture(scope="module")
def limit_server():
    server = OwnServer(tempfile.mkdtemp(prefix="vliegwiel-limits-"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def signed_in(limit_server):
    """A signed-in beheerder (None without accounts): a chunked body is read only after the
    request is let through, so the oversized posts come from someone allowed to post."""
    return sign_in(limit_server)


@pytest.fixture(scope="module")
def headers(signed_in):
    return api_headers(signed_in)


@pytest.fixture(scope="module")
def browser(signed_in):
    """The signed-in beheerder's session (its cookie), or a fresh one without accounts."""
    return signed_in.session if signed_in else requests.Session()


def first_item(server, collection):
    body = requests.get(f"{server.base}/api/v1/arrangementen/{DEMO}/{collection}", timeout=10).json()
    return body[collection][0]["id"]


def api_routes(server):
    """Every API operation that takes a body: (method, path)."""
    routes = [("POST", "/api/v1/arrangementen"), ("PUT", "/api/v1/arrangementen/te-groot-fictief"),
              ("POST", "/api/v1/adviezen"), ("POST", "/api/v1/wat-als"), ("POST", "/api/v1/qca-analyses"),
              ("POST", f"/api/v1/arrangementen/{DEMO}/leerlog")]
    for collection in COLLECTIONS:
        routes.append(("POST", f"/api/v1/arrangementen/{DEMO}/{collection}"))
        routes.append(("PUT", f"/api/v1/arrangementen/{DEMO}/{collection}/{first_item(server, collection)}"))
    return routes


def form_routes(server, reading_only, accounts):
    """Every form that posts: the path. With reading_only, only those whose route reads the body
    today (the others refuse a declared length, but would act on a chunked post). With accounts,
    also logging in and making an API token (the account's own forms)."""
    routes = ["/ontwerpen"] + (["/inloggen", "/account/api-sleutels"] if accounts else [])
    for kind in ["lessen", "besluiten", "wijzigingen"]:
        routes.append(f"/arrangementen/{DEMO}/leerlog/{kind}")
    for kind in ["partners", "financiering", "projecten"]:
        routes.append(f"/arrangementen/{DEMO}/{kind}/importeren")
    for collection in COLLECTIONS:
        item = first_item(server, collection)
        routes.append(f"/arrangementen/{DEMO}/{collection}/nieuw")
        routes.append(f"/arrangementen/{DEMO}/{collection}/{item}/wijzigen")
        if not reading_only:
            routes.append(f"/arrangementen/{DEMO}/{collection}/{item}/verwijderen")
    if not reading_only:
        routes.append(f"/arrangementen/{DEMO}/samenstelling")
    return routes


def chunks(total, size=65_536):
    """A body of `total` bytes without a length: requests sends it chunked."""
    piece = b"a" * size
    sent = 0
    while sent < total:
        yield piece[: min(size, total - sent)]
        sent += size


def stored(server):
    """What the tests could have changed: the arrangements and the demo deal's items."""
    arrangements = requests.get(server.base + "/api/v1/arrangementen", timeout=10).json()["aantal"]
    items = {collection: len(requests.get(f"{server.base}/api/v1/arrangementen/{DEMO}/{collection}",
                                          timeout=10).json()[collection]) for collection in COLLECTIONS}
    log = requests.get(f"{server.base}/api/v1/arrangementen/{DEMO}/leerlog", timeout=10).text
    return arrangements, items, log


def assert_api_413(response, path):
    assert response.status_code == 413, (path, response.status_code, response.text[:300])
    assert response.headers["Content-Type"] == "application/problem+json", path
    problem = response.json()
    assert problem["status"] == 413 and problem["title"] == "Verzoek te groot", problem
    assert problem["detail"] == "De inhoud is groter dan 1024 kB."


def assert_page_413(response, path):
    assert response.status_code == 413, (path, response.status_code, response.text[:300])
    assert response.headers["Content-Type"] == "text/html; charset=utf-8", path
    assert "De inhoud is groter dan 1024 kB." in response.text, path


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_every_api_body_over_the_limit_is_413_problem_json(limit_server, headers, declared):
    before = stored(limit_server)
    for method, path in api_routes(limit_server):
        body = b"a" * (2 * LIMIT) if declared else chunks(2 * LIMIT)
        response = requests.request(
            method, limit_server.base + path, data=body, timeout=60,
            headers={**headers, "Content-Type": "application/json", "Accept": "application/json"})
        assert_api_413(response, path)
    assert stored(limit_server) == before


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_every_form_body_over_the_limit_is_a_413_page(limit_server, signed_in, browser, declared):
    before = stored(limit_server)
    for path in form_routes(limit_server, reading_only=not declared, accounts=signed_in is not None):
        body = b"a" * (2 * LIMIT) if declared else chunks(2 * LIMIT)
        response = browser.post(
            limit_server.base + path, data=body, timeout=60, allow_redirects=False,
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert_page_413(response, path)
    assert stored(limit_server) == before


def test_a_body_just_within_the_limit_is_read(limit_server, headers):
    """The limit is where it says: 1 MiB of JSON is read and judged on its content (400)."""
    padding = LIMIT - len('{"x": ""}')
    response = requests.post(
        limit_server.base + "/api/v1/adviezen", data=b'{"x": "' + b"a" * padding + b'"}', timeout=60,
        headers={**headers, "Content-Type": "application/json"})
    assert response.status_code == 400, response.text[:300]


def test_fifty_bodies_of_twenty_megabytes_leave_the_memory_where_it_was(limit_server, headers, browser):
    """50 chunked bodies of 20 MB (1 GB in all), five at a time, alternately to the API and
    a form: each is 413, and the server's resident memory never rises more than 64 MiB above
    where it was (five bodies held whole would be 100 MB)."""
    server = limit_server
    for _ in range(3):  # warm up: the routes, the templates and the buffers are there
        browser.post(server.base + "/ontwerpen", data=chunks(2 * LIMIT), timeout=60,
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    baseline = server.rss_kib()
    peak = [baseline]
    done = threading.Event()

    def sample():
        while not done.wait(0.02):
            peak[0] = max(peak[0], server.rss_kib())

    sampler = threading.Thread(target=sample)
    sampler.start()

    def send(number):
        if number % 2:
            response = requests.post(
                server.base + "/api/v1/arrangementen", data=chunks(20_000_000), timeout=120,
                headers={**headers, "Content-Type": "application/json"})
            assert_api_413(response, "/api/v1/arrangementen")
        else:
            response = requests.post(
                server.base + "/ontwerpen", data=chunks(20_000_000), timeout=120, cookies=browser.cookies,
                headers={"Content-Type": "application/x-www-form-urlencoded"})
            assert_page_413(response, "/ontwerpen")

    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=5) as pool:
            list(pool.map(send, range(50)))
    finally:
        done.set()
        sampler.join()
    growth_mib = (peak[0] - baseline) / 1024
    print(f"\nRSS: {baseline / 1024:.0f} MiB before, {peak[0] / 1024:.0f} MiB at most during 50 x 20 MB")
    assert growth_mib < 64, f"the server grew {growth_mib:.0f} MiB (from {baseline // 1024} MiB)"
    assert requests.get(server.base + "/gezondheid", timeout=10).status_code == 200
