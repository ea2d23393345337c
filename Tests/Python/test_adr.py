"""The Dutch API Design Rules linter (Logius) on our OpenAPI document (issue 15).

`adr_linter.py` ports the rule set, written for Spectral, to Python. These tests prove the port
on the rule set's own test cases (adr-testcases/, each with the output Spectral gave), then hold
our document to every error-level rule and to the warnings we accept (docs/api-ontwerpregels.md).
"""
import copy
import json
import pathlib
import re

import pytest
import requests

from adr_linter import RULES, lint
from conftest import CONTACT_EMAIL

CASES = pathlib.Path(__file__).resolve().parent / "adr-testcases"

# Every rule of media/linter.yaml (rule name: severity), and the rules of Spectral's own set that
# it switches on. The port must have each of them, with the same severity.
RULE_SET = {
    "oas3-schema": "error", "operation-operationId-unique": "error", "path-params": "error",
    "openapi-tags-uniqueness": "error", "oas3-valid-media-example": "error",
    "oas3-valid-schema-example": "error", "oas3-server-variables": "error", "oas3-api-servers": "error",
    "path-keys-no-trailing-slash": "error",
    "nlgov:openapi3": "error", "nlgov:openapi-root-exists": "error", "nlgov:missing-version-header": "error",
    "nlgov:missing-header": "error", "nlgov:include-major-version-in-uri": "error",
    "nlgov:paths-no-trailing-slash": "error", "info-contact": "error", "nlgov:info-contact-fields-exist": "error",
    "nlgov:http-methods": "error", "nlgov:paths-kebab-case": "error", "nlgov:query-keys-camel-case": "error",
    "nlgov:schema-camel-case": "warning", "nlgov:servers-use-https": "warning", "nlgov:use-problem-schema": "error",
    "nlgov:problem-schema-members": "error", "nlgov:problem-invalid-input": "error",
    "nlgov:property-casing": "warning", "nlgov:date-time-ensure-timezone": "error",
    "nlgov:time-without-timezone": "error", "nlgov:specify-format-for-date-and-time": "error",
    "nlgov:use-date-instead-of-datetime": "error", "nlgov:semver": "error",
}

# The warnings our document keeps, each with its reason in docs/api-ontwerpregels.md (none today).
ACCEPTED_WARNINGS = set()


def spectral_output(text):
    """The findings in a Spectral report (`expected-output.txt`): severity, rule, message, path."""
    findings = []
    for line in text.splitlines():
        if re.match(r"^\s*\d+:\d+\s", line):
            columns = re.split(r"\s{2,}", line.strip())
            findings.append((columns[1], columns[2], columns[3], columns[4] if len(columns) > 4 else ""))
    return sorted(findings)


def test_every_rule_of_the_rule_set_is_ported():
    assert {name: function.severity for name, function in RULES.items()} == RULE_SET


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_the_port_finds_what_spectral_finds(case):
    """Same rules, messages, paths and number of findings as Spectral's output for the test case."""
    expected = spectral_output((CASES / case / "expected-output.txt").read_text(encoding="utf-8"))
    found = lint(json.loads((CASES / case / "openapi.json").read_text(encoding="utf-8")))
    assert sorted((f.severity, f.rule, f.message, f.printed_path) for f in found) == expected


@pytest.fixture(scope="module")
def document(server):
    response = requests.get(server + "/api/v1/openapi.json", timeout=10)
    assert response.status_code == 200
    return response.json()


def test_our_document_passes_every_error_level_rule(document):
    errors = [str(f) for f in lint(document) if f.severity == "error"]
    assert errors == []
    assert document["info"]["contact"]["email"] == CONTACT_EMAIL  # the operator's, from `start --contact-e-mail`


def test_our_document_keeps_only_the_documented_warnings(document):
    warnings = {(f.rule, f.printed_path) for f in lint(document) if f.severity == "warning"}
    assert warnings == ACCEPTED_WARNINGS


def test_the_linter_fails_a_broken_document(document):
    """Each kind of error the issue named is found again when put back."""
    broken = copy.deepcopy(document)
    del broken["info"]["contact"]["email"]
    operation = broken["paths"]["/arrangementen/{id}"]["get"]
    del operation["responses"]["400"]
    broken["components"]["schemas"]["Probleem"]["properties"].pop("detail")
    version = next(iter(broken["paths"]["/arrangementen/{id}/profielversies"]["get"]["responses"]["200"]["headers"]))
    del broken["paths"]["/arrangementen/{id}/profielversies"]["get"]["responses"]["200"]["headers"][version]
    broken["paths"]["/arrangementen/{id}/profielVersies"] = broken["paths"].pop("/arrangementen/{id}/profielversies")
    found = {(f.rule, f.printed_path) for f in lint(broken) if f.severity == "error"}
    assert found >= {
        ("nlgov:info-contact-fields-exist", "info.contact"),
        ("nlgov:problem-invalid-input", "paths./arrangementen/{id}.get.responses"),
        ("nlgov:problem-schema-members", "components.schemas.Probleem.properties"),
        ("nlgov:missing-version-header", "paths./arrangementen/{id}/profielVersies.get.responses[200].headers"),
        ("nlgov:paths-kebab-case", "paths./arrangementen/{id}/profielVersies"),
    }
