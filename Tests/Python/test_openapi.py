"""The OpenAPI document is valid, and every endpoint's real responses match it (issue 4)."""
import copy

import pytest
import requests
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate as validate_spec

JSON = {"Accept": "application/json"}


@pytest.fixture(scope="module")
def spec(server):
    response = requests.get(server + "/api/v1/openapi.json", timeout=10)
    assert response.status_code == 200
    return response.json()


def resolve(node, spec):
    """The schema with every local $ref replaced by what it points to."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = spec
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            return resolve(copy.deepcopy(target), spec)
        return {key: resolve(value, spec) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve(item, spec) for item in node]
    return node


def check(spec, path, method, response):
    """Validates status, media type, headers and body against the documented response."""
    operation = spec["paths"][path][method]
    documented = operation["responses"].get(str(response.status_code))
    assert documented, f"{method.upper()} {path}: status {response.status_code} is not documented"
    documented = resolve(documented, spec)
    media = response.headers["Content-Type"].split(";")[0]
    assert media in documented["content"], f"{media} not documented for {response.status_code}"
    schema = documented["content"][media]["schema"]
    OAS30Validator(schema).validate(response.json())
    assert response.headers["API-Version"] == spec["info"]["version"]
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_document_is_valid_openapi(spec):
    validate_spec(spec)
    assert spec["info"]["contact"]["name"] == "Vliegwiel"
    major, minor, patch = spec["info"]["version"].split(".")
    assert all(part.isdigit() for part in (major, minor, patch))


def test_read_endpoints_match_the_document(server, spec):
    cases = [
        ("/arrangementen", "/api/v1/arrangementen"),
        ("/arrangementen", "/api/v1/arrangementen?familie=deal&soort=referentie"),
        ("/arrangementen", "/api/v1/arrangementen?familie=club"),
        ("/arrangementen/{id}", "/api/v1/arrangementen/regio-deal"),
        ("/arrangementen/{id}", "/api/v1/arrangementen/bestaat-niet"),
        ("/arrangementen/{id}/advies", "/api/v1/arrangementen/woondeal/advies"),
        ("/arrangementen/{id}/advies", "/api/v1/arrangementen/bestaat-niet/advies"),
        ("/vergelijkingen", "/api/v1/vergelijkingen?arrangementen=regio-deal,woondeal,nplv"),
        ("/vergelijkingen", "/api/v1/vergelijkingen?arrangementen=regio-deal"),
    ]
    for path, url in cases:
        check(spec, path, "get", requests.get(server + url, headers=JSON, timeout=10))
    check(spec, "/arrangementen", "get",
          requests.get(server + "/api/v1/arrangementen", headers={"Accept": "text/html"}, timeout=10))


def test_write_endpoints_match_the_document(server, spec):
    arrangement = requests.get(server + "/api/v1/arrangementen/town-deal", timeout=10).json()
    arrangement.update({"id": "openapi-proef", "soort": "praktijk", "naam": "OpenAPI-proef (fictief voorbeeld)"})
    created = requests.post(server + "/api/v1/arrangementen", json=arrangement, timeout=10)
    assert created.status_code == 201
    check(spec, "/arrangementen", "post", created)
    check(spec, "/arrangementen", "post", requests.post(server + "/api/v1/arrangementen", json=arrangement, timeout=10))
    broken = dict(arrangement, id="Niet Goed", familie="club")
    bad = requests.post(server + "/api/v1/arrangementen", json=broken, timeout=10)
    assert bad.status_code == 400 and len(bad.json()["invalidParams"]) == 2
    check(spec, "/arrangementen", "post", bad)
    check(spec, "/arrangementen", "post",
          requests.post(server + "/api/v1/arrangementen", data="x", headers={"Content-Type": "text/plain"}, timeout=10))
    check(spec, "/adviezen", "post",
          requests.post(server + "/api/v1/adviezen", json={"profiel": arrangement["profiel"]}, timeout=10))
    check(spec, "/adviezen", "post", requests.post(server + "/api/v1/adviezen", json={"profiel": {}}, timeout=10))
    check(spec, "/wat-als", "post", requests.post(
        server + "/api/v1/wat-als",
        json={"arrangement": "regio-deal", "wijzigingen": {"rolRijk": ["bovengeschikt"], "looptijd": ["open"]}},
        timeout=10))
    check(spec, "/wat-als", "post", requests.post(
        server + "/api/v1/wat-als", json={"arrangement": "niets", "wijzigingen": {}}, timeout=10))
