"""publiccode.yml (issue 15, item 6): valid against the published schema of the standard, at its
current version, with the fields a Dutch software catalogue looks for."""
import copy
import json
import pathlib

import jsonschema
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = pathlib.Path(__file__).resolve().parent
# The current version of the standard (publiccodeyml/publiccode.yml, v0.7.0 of 24 June 2026).
CURRENT_VERSION = "0.7"


@pytest.fixture(scope="module")
def publiccode():
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator():
    """SchemaStore's schema (standard 0.5), taking 0.7 as well: see publiccode-schema/README.md."""
    schema = json.loads((HERE / "publiccode-schema" / "publiccode.json").read_text(encoding="utf-8"))
    schema["properties"]["publiccodeYmlVersion"]["enum"] += ["0.7", "0.7.0"]
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def problems(validator, document):
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document))


def test_publiccode_is_valid_against_the_schema_at_the_current_version(publiccode, validator):
    assert publiccode["publiccodeYmlVersion"] == CURRENT_VERSION
    # The one key of 0.7 the schema does not know; were it used, the check above would not hold.
    assert "supports" not in publiccode
    assert problems(validator, publiccode) == []


def test_publiccode_has_what_a_dutch_catalogue_looks_for(publiccode):
    assert publiccode["organisation"]["uri"].startswith("https://")
    assert publiccode["landingURL"].startswith("https://")
    assert "NL" in publiccode["intendedAudience"]["countries"]
    assert publiccode["maintenance"]["type"] in {"internal", "contract", "community", "none"}
    assert {"nl", "en"} <= set(publiccode["localisation"]["availableLanguages"])
    for language in ("nl", "en"):
        description = publiccode["description"][language]
        assert description["shortDescription"] and len(description["longDescription"]) >= 150
        assert description["apiDocumentation"].startswith(publiccode["url"] + "/blob/main/")
        # The API documentation it names is the OpenAPI document in this repository.
        documented = description["apiDocumentation"].removeprefix(publiccode["url"] + "/blob/main/")
        assert (ROOT / documented).is_file()


@pytest.mark.parametrize("breakage", ["no maintenance", "lowercase country", "unknown status", "bad version"])
def test_the_schema_refuses_a_broken_publiccode(publiccode, validator, breakage):
    broken = copy.deepcopy(publiccode)
    if breakage == "no maintenance":
        del broken["maintenance"]
    elif breakage == "lowercase country":
        broken["intendedAudience"]["countries"] = ["nl"]
    elif breakage == "unknown status":
        broken["developmentStatus"] = "finished"
    else:
        broken["publiccodeYmlVersion"] = "0.6"
    assert problems(validator, broken) != []
