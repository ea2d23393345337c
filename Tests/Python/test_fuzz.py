"""Fuzzing the API from its own OpenAPI document with schemathesis (issue 7 item 6).

Every operation of /api/v1/openapi.json gets generated requests (the document's examples,
coverage of the boundaries, random fuzzing, and stateful chains that follow the links it
infers), valid and invalid, against a real server on a fresh database. Path ids are drawn
half of the time from records that exist (the fictional demo deal and its items, a real deal,
a reference variant), so that the operations are reached beyond their 404. The run is
deterministic (the same requests every time) and bounded: VLIEGWIEL_FUZZ_EXAMPLES cases per
operation and phase, default 25 (about two minutes).

Checks on every response:
- not_a_server_error: no 5xx;
- status_code_conformance, content_type_conformance, response_headers_conformance,
  response_schema_conformance: status, media type, headers and body as documented;
- negative_data_rejection: a request the document forbids is not accepted with a 2xx;
- unsupported_method, allow_header_conformance: a method the document does not list for a
  path is 405 with an `Allow` header naming the methods it does list;
- client_errors_are_problems (fuzz_checks.py): every 4xx is application/problem+json that
  matches the document's Probleem schema and repeats the status.
And afterwards: the server logged no unexpected error.

Writes need a bearer token with accounts: VLIEGWIEL_API_TOKEN, or else the token of a beheerder
made for this server (own_server.sign_in), is sent as `Authorization: Bearer …`.
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

import pytest
import requests

from own_server import OwnServer, api_headers, sign_in

HERE = pathlib.Path(__file__).resolve().parent
DEMO = "fictief-regio-deal-voorbeeld"
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "unsupported_method",
    "allow_header_conformance",
    "client_errors_are_problems",
]
COLLECTIONS = {"partners": "partners", "financiering": "financiering", "programmalijnen": "programmalijnen",
               "projecten": "projecten"}


@pytest.fixture(scope="module")
def fuzz_server():
    server = OwnServer(tempfile.mkdtemp(prefix="vliegwiel-fuzz-"))
    yield server
    server.stop()


def configuration(server: OwnServer) -> str:
    """A schemathesis.toml whose dictionaries hold ids that exist, used half of the time."""
    items = []
    for path, key in COLLECTIONS.items():
        body = requests.get(f"{server.base}/api/v1/arrangementen/{DEMO}/{path}", timeout=10).json()
        items += [item["id"] for item in body[key]]
    assert items, "the demo deal has no items"
    ids = [DEMO, "regio-deal-3-zwolle", "regio-deal", "woondeal"]

    def toml_list(values):
        return "[" + ", ".join(f'"{value}"' for value in values) + "]"

    path = pathlib.Path(server.folder) / "schemathesis.toml"
    path.write_text(
        f"[dictionaries.ids]\nvalues = {toml_list(ids)}\n\n"
        f"[dictionaries.items]\nvalues = {toml_list(sorted(set(items)))}\n\n"
        "[parameters]\n"
        '"path.id" = { dictionary = "ids", probability = 0.5 }\n'
        '"path.item" = { dictionary = "items", probability = 0.5 }\n')
    return str(path)


def schemathesis_command():
    found = shutil.which("schemathesis")
    return [found] if found else [sys.executable, "-m", "schemathesis.cli"]


def test_the_api_survives_schemathesis_from_its_own_document(fuzz_server):
    server = fuzz_server
    report = pathlib.Path(server.folder) / "junit.xml"
    command = schemathesis_command() + [
        "--config-file", configuration(server),
        "run", server.base + "/api/v1/openapi.json",
        "--checks", ",".join(CHECKS),
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", os.environ.get("VLIEGWIEL_FUZZ_EXAMPLES", "25"),
        "--generation-deterministic",
        # The arrangement schema is large: hypothesis filters many candidates, which is fine here.
        "--suppress-health-check", "filter_too_much,too_slow",
        "--workers", "1",
        "--request-timeout", "30",
        "--no-color",
        "--report", "junit", "--report-junit-path", str(report),
    ]
    for name, value in api_headers(sign_in(server)).items():
        command += ["--header", f"{name}: {value}"]
    environment = dict(os.environ, SCHEMATHESIS_HOOKS=str(HERE / "fuzz_checks.py"))
    run = subprocess.run(
        command, capture_output=True, text=True, env=environment, timeout=1800, cwd=server.folder)
    output = run.stdout + run.stderr
    (pathlib.Path(server.folder) / "schemathesis.txt").write_text(output)
    assert run.returncode == 0, output[-20000:]

    # Every operation of the document was exercised (the document itself is not fuzzed).
    document = requests.get(server.base + "/api/v1/openapi.json", timeout=10).json()
    documented = {
        f"{method.upper()} {path}"
        for path, item in document["paths"].items() if path != "/openapi.json"
        for method in item if method in ("get", "put", "post", "delete", "patch")}
    tested = {case.get("name") for case in ElementTree.parse(report).iter("testcase")}
    assert documented <= tested, sorted(documented - tested)
    assert "Onverwachte fout" not in server.log()
