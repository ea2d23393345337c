"""Schemathesis hooks for test_fuzz.py: every 4xx answer of the API is a problem+json that
matches the document's Probleem schema and repeats the response's status (RFC 9457)."""
import copy

import schemathesis
from openapi_schema_validator import OAS30Validator


def _resolve(node, document):
    """The schema with every local $ref replaced by what it points to."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = document
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            return _resolve(copy.deepcopy(target), document)
        return {key: _resolve(value, document) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(item, document) for item in node]
    return node


@schemathesis.check
def client_errors_are_problems(ctx, response, case):
    """A 4xx is `application/problem+json`, valid against `Probleem`, with the same status."""
    if not 400 <= response.status_code < 500:
        return None
    media = (response.headers.get("content-type") or [""])[0].split(";")[0].strip()
    if media != "application/problem+json":
        raise AssertionError(f"{response.status_code} answered as '{media}', not application/problem+json")
    document = case.operation.schema.raw_schema
    schema = _resolve(document["components"]["schemas"]["Probleem"], document)
    body = response.json()
    errors = sorted(error.message for error in OAS30Validator(schema).iter_errors(body))
    if errors:
        raise AssertionError("the problem does not match the Probleem schema: " + "; ".join(errors))
    if body.get("status") != response.status_code:
        raise AssertionError(f"the problem says status {body.get('status')}, the response is {response.status_code}")
    return None
