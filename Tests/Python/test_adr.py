"""The Dutch API Design Rules linter (Logius) on our OpenAPI document (issue 15).

`adr_linter.py` ports the rule set, written for Spectral, to Python. These tests prove the port
on the rule set's own test cases (adr-testcases/, each with the output Spectral gave).
"""
import json
import pathlib
import re

import pytest

from adr_linter import RULES, lint

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
