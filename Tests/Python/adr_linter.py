"""The Dutch API Design Rules linter of Logius, ported from Spectral to Python.

The rule set is `media/linter.yaml` of https://github.com/Logius-standaarden/API-Design-Rules
(commit 6edd13c7661879b1b7231e6e1929cfa6506c85bc, 18 May 2026, licence CC-BY-4.0). It is written
for Spectral, which needs npm; this module checks the same rules in Python, one function per rule,
each registered under the rule's name and severity in the rule set. The rule set also switches on
nine rules of Spectral's own `spectral:oas` set (`oas3-schema`, `path-params`, …); those are ported
here too, after Spectral's source (stoplightio/spectral, packages/rulesets/src/oas).

How Spectral applies a rule, and how this port does the same:
- `given` is a JSONPath over the document with every local `$ref` resolved. `Document` walks that
  resolved document but remembers, for every node, where it is written: a node reached through a
  `$ref` is reported at the `$ref`'s target (`components.schemas.X.format`), as Spectral does, and
  the same finding reached twice is reported once.
- A finding's path is cut back to the deepest node that exists (a missing `info.contact` is
  reported at `info`), and printed the way Spectral prints it (`paths./x.get.responses[400]`).
- The JSONPath filters are regular expressions in JavaScript; they are copied as they are, with
  Python's `re.ASCII` so that `\\w` and `\\d` mean what they mean in JavaScript. Where the rule set's
  expression does something other than its message says (`nlgov:paths-no-trailing-slash` only
  matches a path ending in ` /`, `nlgov:http-methods` only looks at paths whose name contains
  "description" or "summary"), the port does the same, so that it finds what Spectral finds; the
  docstring of the rule says so.

`lint(document)` returns the findings; `RULES` maps every rule name to its function and severity.
"""
import re
from dataclasses import dataclass

import jsonschema
import referencing
import referencing.jsonschema
from openapi_schema_validator import OAS30Validator, OAS31Validator
from openapi_spec_validator.schemas import schema_v30, schema_v31

SOURCE = "Logius-standaarden/API-Design-Rules media/linter.yaml @ 6edd13c7661879b1b7231e6e1929cfa6506c85bc"

OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "error" or "warning", as Spectral prints them
    path: tuple
    message: str

    @property
    def printed_path(self):
        return print_path(self.path)

    def __str__(self):
        return f"{self.severity:7} {self.rule}  {self.message}  {self.printed_path}"


def print_path(path):
    """A path the way Spectral prints it: `paths./x.get.responses[400].content`."""
    out = ""
    for segment in path:
        if isinstance(segment, int) or re.fullmatch(r"\d+", str(segment)):
            out += f"[{segment}]"
        else:
            out += ("." if out else "") + str(segment)
    return out


def js_truthy(value):
    """JavaScript's truthiness: `{}` and `[]` are true, `0`, `""`, `false` and a missing value are not."""
    if value is None or value is False:
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value != 0
    return value != ""


def js_regex(pattern):
    """A pattern as Spectral's `pattern` function reads it: `/…/flags` or a bare expression."""
    literal = re.fullmatch(r"/(.+)/([a-z]*)", pattern)
    flags = re.ASCII
    if literal:
        pattern = literal.group(1)
        flags |= re.IGNORECASE if "i" in literal.group(2) else 0
        flags |= re.MULTILINE if "m" in literal.group(2) else 0
    return re.compile(pattern, flags)


def key_matches(key, pattern, flags=0):
    """`@property.match(/…/)` in a JSONPath filter: only a property name (a string) can match."""
    return isinstance(key, str) and re.search(pattern, key, re.ASCII | flags) is not None


@dataclass(frozen=True)
class Node:
    key: object
    value: object
    path: tuple  # where the value is written in the document (after following $refs)
    seen: frozenset = frozenset()  # the $refs followed to get here, to stop at a circular one


ROOT = object()  # "from the document's root", as opposed to a node that is missing (None)


class Document:
    """An OpenAPI document, walked as Spectral walks it: with its local $refs resolved."""

    def __init__(self, raw):
        self.raw = raw
        self.root = Node(None, raw, ())
        self._everything = None

    def lookup(self, path):
        value = self.raw
        for part in path:
            if isinstance(value, dict) and part in value:
                value = value[part]
            elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
                value = value[part]
            else:
                return False, None
        return True, value

    def _resolve(self, value, path, seen):
        while isinstance(value, dict) and isinstance(value.get("$ref"), str) and value["$ref"].startswith("#"):
            ref = value["$ref"]
            if ref in seen:
                break
            parts = [p.replace("~1", "/").replace("~0", "~") for p in ref[1:].split("/")[1:]]
            parts = [int(p) if p.isdigit() and isinstance(self.lookup(parts[:i])[1], list) else p
                     for i, p in enumerate(parts)]
            found, target = self.lookup(parts)
            if not found:
                break
            seen = seen | {ref}
            value, path = target, tuple(parts)
        return value, path, seen

    def children(self, node):
        """The nodes directly below `node` (none below a missing node, None)."""
        if node is None:
            return
        if isinstance(node.value, dict):
            items = node.value.items()
        elif isinstance(node.value, list):
            items = enumerate(node.value)
        else:
            return
        for key, child in items:
            value, path, seen = self._resolve(child, node.path + (key,), node.seen)
            yield Node(key, value, path, seen)

    def child(self, node, key):
        if node is None:
            return None
        for candidate in self.children(node):
            if candidate.key == key:
                return candidate
        return None

    def at(self, *keys, node=None):
        """`$.a.b`: the node at these keys, or None."""
        node = self.root if node is None else node
        for key in keys:
            node = self.child(node, key)
        return node

    def descendants(self, node):
        """`node..*`: every node below `node`, depth first."""
        if node is None:
            return []
        if node is self.root:
            if self._everything is None:
                self._everything = list(self._descend(node))
            return self._everything
        return self._descend(node)

    def _descend(self, node):
        for child in self.children(node):
            yield child
            yield from self._descend(child)

    def named(self, key, below=ROOT):
        """`$..[key]`, or `below..[key]` (nothing when `below` is missing, None)."""
        return [n for n in self.descendants(self.root if below is ROOT else below) if n.key == key]

    def field(self, node, field):
        """A rule's `then.field` on `node`: the node (or None) and the path to report, cut back to
        what exists."""
        current = node
        for key in field.split("."):
            found = self.child(current, key)
            if found is None:
                return None, current.path
            current = found
        return current, current.path


RULES = {}


def rule(name, severity, formats=None):
    """Registers a rule function under its name in the rule set. `formats` is None for the rule
    set's own rules (they apply to every document) and "oas" or "oas3" for Spectral's."""

    def register(function):
        function.rule, function.severity, function.formats = name, severity, formats
        RULES[name] = function
        return function

    return register


def document_format(raw):
    """The formats Spectral recognises in a document: oas3 when `openapi` is 3.x, oas2 for Swagger."""
    if not isinstance(raw, dict):
        return set()
    formats = set()
    if "openapi" in raw and re.match(r"\s*3", str(raw["openapi"])):
        formats |= {"oas", "oas3"}
        formats.add("oas3_1" if str(raw["openapi"]).startswith("3.1") else "oas3_0")
    if "swagger" in raw and re.match(r"\s*2", str(raw["swagger"])):
        formats |= {"oas", "oas2"}
    return formats


def lint(raw):
    """Every finding of the rule set on a document (a parsed JSON/YAML value), sorted by path."""
    document = Document(raw)
    formats = document_format(raw)
    findings, seen = [], set()
    if not formats:
        findings.append(Finding(
            "unrecognized-format", "warning", (),
            "The provided document does not match any of the registered formats "
            "[OpenAPI 2.0 (Swagger), OpenAPI 3.x, OpenAPI 3.0.x, OpenAPI 3.1.x]"))
    for name, function in RULES.items():
        if function.formats and function.formats not in formats:
            continue
        for path, message in function(document):
            finding = Finding(name, function.severity, tuple(path), message)
            if finding not in seen:
                seen.add(finding)
                findings.append(finding)
    return sorted(findings, key=lambda f: (tuple(str(p) for p in f.path), f.rule))


# --- The rule set's own rules (media/linter.yaml), in its order --------------------------------


@rule("nlgov:openapi3", "error")
def nlgov_openapi3(doc):
    """/core/doc-openapi. given `$.['openapi']`, pattern match `^3(.\\d+){1,2}$`."""
    node = doc.at("openapi")
    if node is not None and isinstance(node.value, str) and not js_regex(r"^3(.\d+){1,2}$").search(node.value):
        yield node.path, ("The OpenAPI Specification is versioned using a `major.minor.patch` versioning scheme. "
                          "Use a version 3 OpenAPI Specification for documentation.")


@rule("nlgov:openapi-root-exists", "error")
def nlgov_openapi_root_exists(doc):
    """/core/doc-openapi. given `$`, field `openapi` truthy."""
    node, path = doc.field(doc.root, "openapi")
    if node is None or not js_truthy(node.value):
        yield path, "The root of the document must contain the `openapi` property."


def _responses(doc, status_pattern):
    """`$..[responses][?(@property && @property.match(/…/))]`: responses whose status code matches."""
    for responses in doc.named("responses"):
        for response in doc.children(responses):
            if key_matches(response.key, status_pattern):
                yield response


VERSION_HEADERS = ("API-Version", "Api-Version", "Api-version", "api-version", "API-version")


@rule("nlgov:missing-version-header", "error")
def nlgov_missing_version_header(doc):
    """/core/version-header. given `$..[responses][?(2xx|3xx)][headers]`, one of the API-Version
    spellings present (`or`)."""
    for response in _responses(doc, r"(2|3)\d\d"):
        headers = doc.child(response, "headers")
        if headers is not None and isinstance(headers.value, dict) and \
                not any(name in headers.value for name in VERSION_HEADERS):
            yield headers.path, "Return the full version number in a response header."


@rule("nlgov:missing-header", "error")
def nlgov_missing_header(doc):
    """/core/version-header. given `$..[responses][?(2xx|3xx)]`, field `headers` truthy."""
    for response in _responses(doc, r"(2|3)\d\d"):
        headers, path = doc.field(response, "headers")
        if headers is None or not js_truthy(headers.value):
            yield path, "Return the full version number in a response header."


@rule("nlgov:include-major-version-in-uri", "error")
def nlgov_include_major_version_in_uri(doc):
    """/core/uri-version. given `$.servers[*]`, field `url` pattern match `\\/v[\\d+]`."""
    for server in doc.children(doc.at("servers")):
        url = doc.child(server, "url")
        if url is not None and isinstance(url.value, str) and not js_regex(r"\/v[\d+]").search(url.value):
            yield url.path, "Include the major version number in the URI."


@rule("nlgov:paths-no-trailing-slash", "error")
def nlgov_paths_no_trailing_slash(doc):
    """/core/no-trailing-slash. given `$.paths`, field `@key` pattern notMatch `.+ \\/$`. The pattern
    has a space before the slash, so it only matches a path ending in " /"; a path ending in "/"
    is found by Spectral's `path-keys-no-trailing-slash` (below), which the rule set switches on."""
    for path in doc.children(doc.at("paths")):
        if isinstance(path.key, str) and js_regex(r".+ \/$").search(path.key):
            yield path.path, "Leave off trailing slashes from URIs."


@rule("info-contact", "error")
def info_contact(doc):
    """/core/doc-openapi-contact. given `$`, field `info.contact` truthy."""
    contact, path = doc.field(doc.root, "info.contact")
    if contact is None or not js_truthy(contact.value):
        yield path, 'Info object must have "contact" object.'


@rule("nlgov:info-contact-fields-exist", "error")
def nlgov_info_contact_fields_exist(doc):
    """/core/doc-openapi-contact. given `$.info.contact`, schema `required: [email, name, url]`."""
    contact = doc.at("info", "contact")
    if contact is not None and isinstance(contact.value, dict) and \
            any(field not in contact.value for field in ("email", "name", "url")):
        yield contact.path, "Missing fields in `info.contact` field. Must specify email, name and url."


@rule("nlgov:http-methods", "error")
def nlgov_http_methods(doc):
    """/core/http-methods. given `$.paths[?(@property.match(/(description|summary)/i))]`, field `@key`
    pattern match `post|put|get|delete|patch|parameters`. As written, the filter selects paths
    whose *name* contains "description" or "summary", so the rule hardly ever applies; ported as is."""
    for path in doc.children(doc.at("paths")):
        if key_matches(path.key, r"(description|summary)", re.IGNORECASE) and \
                not re.search(r"post|put|get|delete|patch|parameters", path.key):
            yield path.path, "Only apply standard HTTP methods."


KEBAB_PATH = (r"^(\/|(\/_[a-z0-9]+|\/(([a-z0-9\-]+|{[^}]+})(\/([a-z0-9\-\.]+|{[^}]+}))*)(\/_[a-z]+)?)\/?)$")


@rule("nlgov:paths-kebab-case", "error")
def nlgov_paths_kebab_case(doc):
    """/core/path-segments-kebab-case. given `$.paths[?(!@property.match(/\\/openapi\\.(json)|(yaml)/))]~`,
    pattern match on the path (segments kebab-case or `{variable}`, a last segment may start with `_`)."""
    for path in doc.children(doc.at("paths")):
        if not isinstance(path.key, str) or re.search(r"\/openapi\.(json)|(yaml)", path.key):
            continue
        if not re.search(KEBAB_PATH, path.key, re.ASCII):
            yield ("paths", path.key), f"{path.key} is not kebab-case."


LOWER_CAMEL = r"^\$?[a-z][a-z\d]*([A-Z][a-z\d]*)*$"


@rule("nlgov:query-keys-camel-case", "error")
def nlgov_query_keys_camel_case(doc):
    """/core/query-keys-camel-case. given `$.paths.*.*.parameters[?(@.in=='query')]` and
    `$.components.securitySchemes[?(@.in=='query')]`, field `name` pattern match lower camelCase."""
    candidates = []
    for path in doc.children(doc.at("paths")):
        for member in doc.children(path):
            candidates += list(doc.children(doc.child(member, "parameters")))
    candidates += list(doc.children(doc.at("components", "securitySchemes")))
    for parameter in candidates:
        if isinstance(parameter.value, dict) and parameter.value.get("in") == "query":
            name = doc.child(parameter, "name")
            if name is not None and isinstance(name.value, str) and not re.search(LOWER_CAMEL, name.value, re.ASCII):
                yield name.path, f"{name.value} is not lower camelCase."


# Spectral's `casing` function (packages/functions/src/casing.ts), digits allowed.
PASCAL_CASE = r"^[A-Z][a-z0-9]*(?:[A-Z0-9](?:[a-z0-9]+|$))*$"
CAMEL_CASE = r"^[a-z][a-z0-9]*(?:[A-Z0-9](?:[a-z0-9]+|$))*$"


def json_pointer(path):
    return "#/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path)


@rule("nlgov:schema-camel-case", "warning")
def nlgov_schema_camel_case(doc):
    """given `$.components.schemas[*]~`, casing pascal (UpperCamelCase)."""
    for schema in doc.children(doc.at("components", "schemas")):
        if isinstance(schema.key, str) and not re.search(PASCAL_CASE, schema.key):
            path = ("components", "schemas", schema.key)
            yield path, f"Schema name should be UpperCamelCase in {json_pointer(path)}"


@rule("nlgov:servers-use-https", "warning")
def nlgov_servers_use_https(doc):
    """given `$.servers[*]` and `$.paths..servers[*]`, field `url` pattern notMatch `^http://.*`."""
    servers = list(doc.children(doc.at("servers")))
    for found in doc.named("servers", doc.at("paths")):
        servers += list(doc.children(found))
    for server in servers:
        url = doc.child(server, "url")
        if url is not None and isinstance(url.value, str) and re.search(r"^http://.*", url.value):
            yield url.path, f'Server URL {url.value} "{url.value}" must not match the pattern "^http://.*".'


PROBLEM_TYPES = ("application/problem+json", "application/problem+xml")


@rule("nlgov:use-problem-schema", "error")
def nlgov_use_problem_schema(doc):
    """/core/error-handling/problem-details. given `$..[responses][?(4xx|5xx)].content`, one of the
    problem media types present."""
    for response in _responses(doc, r"(4|5)\d\d"):
        content = doc.child(response, "content")
        if content is not None and isinstance(content.value, dict) and \
                not any(media in content.value for media in PROBLEM_TYPES):
            yield content.path, ("The content type of an error response should be application/problem+json or "
                                 "application/problem+xml to match RFC 9457.")


@rule("nlgov:problem-schema-members", "error")
def nlgov_problem_schema_members(doc):
    """/core/error-handling/problem-details. given `$..[responses][?(4xx|5xx)].content[problem media
    type]..schema`, schema: an object whose `properties`, if any, name status, title and detail."""
    for response in _responses(doc, r"(4|5)\d\d"):
        for media in doc.children(doc.child(response, "content")):
            if media.key not in PROBLEM_TYPES:
                continue
            for schema in doc.named("schema", media):
                suffix = ". These fields are required: status, title and detail."
                if not isinstance(schema.value, dict):
                    yield schema.path, '"schema" property type must be object' + suffix
                    continue
                properties = doc.child(schema, "properties")
                if properties is None:
                    continue
                if not isinstance(properties.value, dict):
                    yield properties.path, '"properties" property type must be object' + suffix
                    continue
                for member in ("status", "title", "detail"):
                    if member not in properties.value:
                        yield properties.path, f'"properties" property must have required property "{member}"' + suffix


@rule("nlgov:problem-invalid-input", "error")
def nlgov_problem_invalid_input(doc):
    """/core/error-handling/invalid-input. given
    `$.paths..[?(@property.match(/(get)|(delete)/) && @.parameters && @.parameters.length > 0)]` and
    `$.paths..[?(@property.match(/(put)|(post)|(patch)/))]`: an object whose `responses`, if any,
    has a `400`. Only the operation's own `parameters` count, not those of its path; the property
    names are matched anywhere in the name, as the rule set's expressions do."""
    message = "GET and DELETE endpoints that have parameters, and all other endpoints must be able to return a 400 response"
    for node in doc.descendants(doc.at("paths")):
        if key_matches(node.key, r"(get)|(delete)"):
            parameters = node.value.get("parameters") if isinstance(node.value, dict) else None
            if not (js_truthy(parameters) and isinstance(parameters, (list, str)) and len(parameters) > 0):
                continue
        elif not key_matches(node.key, r"(put)|(post)|(patch)"):
            continue
        if not isinstance(node.value, dict):
            yield node.path, message
            continue
        responses = doc.child(node, "responses")
        if responses is not None and (not isinstance(responses.value, dict) or "400" not in responses.value):
            yield responses.path, message


@rule("nlgov:property-casing", "warning")
def nlgov_property_casing(doc):
    """given `$.*.schemas[*].properties.[?(@property && @property.match(/_links/i))]`, field `@key`
    casing camel. Read as a JSONPath, this would report every `_links` property (HAL links, which
    the design rules themselves use), since `_links` is not lowerCamelCase. Spectral reports none:
    the rule set's test case cor-api has three schemas with a `_links` property and no finding of
    this rule, so Spectral's JSONPath engine selects nothing with `properties.[?(…)]` (a `.` before
    the `[`). The port does what Spectral does: this rule never reports."""
    return ()


def _property_formats(doc):
    """`$..properties[*].format`."""
    for properties in doc.named("properties"):
        for prop in doc.children(properties):
            found = doc.child(prop, "format")
            if found is not None:
                yield found


@rule("nlgov:date-time-ensure-timezone", "error")
def nlgov_date_time_ensure_timezone(doc):
    """/core/date-time/timezone. given `$..properties[*].format`, pattern notMatch `/^date-time-local$/`."""
    for found in _property_formats(doc):
        if isinstance(found.value, str) and re.search(r"^date-time-local$", found.value):
            yield found.path, "Use date-time format which includes a timezone"


@rule("nlgov:time-without-timezone", "error")
def nlgov_time_without_timezone(doc):
    """/core/date-time/timezone. given `$..properties[*].format`, pattern notMatch `/^time$/`."""
    for found in _property_formats(doc):
        if isinstance(found.value, str) and re.search(r"^time$", found.value):
            yield found.path, "Use time-local format without a timezone"


DATE_NAME = r"((\w+D)|(_[dD]))((ate)|(atum))"


def _date_properties(doc):
    """`$..properties[date,datum]` and `$..properties[?(@property.match(/((\\w+D)|(_[dD]))((ate)|(atum))/))]`."""
    for properties in doc.named("properties"):
        for prop in doc.children(properties):
            if prop.key in ("date", "datum") or key_matches(prop.key, DATE_NAME):
                yield prop


@rule("nlgov:specify-format-for-date-and-time", "error")
def nlgov_specify_format_for_date_and_time(doc):
    """/core/date-time/date-omit-time-portion. given the date properties, schema: `format` present,
    or an `allOf` whose every member has one."""
    for prop in _date_properties(doc):
        value = prop.value
        if not isinstance(value, dict) or "format" in value:
            continue
        members = list(doc.children(doc.child(prop, "allOf"))) if isinstance(value.get("allOf"), list) else None
        if members is not None and all(not isinstance(m.value, dict) or "format" in m.value for m in members):
            continue
        yield prop.path, "Any date field must set 'format' to 'date'"


@rule("nlgov:use-date-instead-of-datetime", "error")
def nlgov_use_date_instead_of_datetime(doc):
    """/core/date-time/date-omit-time-portion. given `…date properties…..format`, pattern notMatch
    `/^date-time$/`."""
    for prop in _date_properties(doc):
        for found in doc.named("format", prop):
            if isinstance(found.value, str) and re.search(r"^date-time$", found.value):
                yield found.path, "Field represents a date and therefore must set 'format' to 'date'"


SEMVER = (r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)"
          r"(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")


@rule("nlgov:semver", "error")
def nlgov_semver(doc):
    """given `$.info.version`, pattern match semantic versioning."""
    version = doc.at("info", "version")
    if version is not None and isinstance(version.value, str) and not re.search(SEMVER, version.value, re.ASCII):
        yield version.path, f"Version {version.value} is not in semver format."


# --- Spectral's own rules the rule set switches on (`spectral:oas`, severity error) ------------


@rule("oas3-schema", "error", formats="oas3")
def oas3_schema(doc):
    """The document against the OpenAPI 3.0 or 3.1 JSON Schema (Spectral's `oasDocumentSchema`;
    here the schemas that openapi-spec-validator ships). Not resolved, as in Spectral."""
    is_31 = str(doc.raw.get("openapi", "")).startswith("3.1")
    schema = schema_v31 if is_31 else schema_v30
    validator = jsonschema.validators.validator_for(schema)(schema)
    for error in validator.iter_errors(doc.raw):
        path = tuple(error.absolute_path)
        while path and not doc.lookup(path)[0]:
            path = path[:-1]
        yield path, f"{error.message}."


@rule("operation-operationId-unique", "error", formats="oas")
def operation_operation_id_unique(doc):
    """Every operation must have a unique `operationId` (Spectral's `oasOpIdUnique`)."""
    seen = set()
    paths = doc.raw.get("paths") if isinstance(doc.raw, dict) else None
    for name, item in (paths or {}).items():
        for method in OPERATIONS:
            operation = item.get(method) if isinstance(item, dict) else None
            if isinstance(operation, dict) and "operationId" in operation:
                if repr(operation["operationId"]) in seen:
                    yield ("paths", name, method, "operationId"), 'Every operation must have unique "operationId".'
                seen.add(repr(operation["operationId"]))


PATH_TEMPLATE = r"(\{;?\??[a-zA-Z0-9_-]+\*?\})"


@rule("path-params", "error", formats="oas")
def path_params(doc):
    """Path parameters must be defined and valid (Spectral's `oasPathParam`): every `{x}` in a path
    defined by the path or the operation, every path parameter used and required, no two paths the
    same but for their variable names."""
    paths = doc.at("paths")
    if paths is None or not isinstance(paths.value, dict):
        return
    unique = {}

    def named_path_params(parameters, results, seen):
        for parameter in doc.children(parameters):
            value = parameter.value
            if not isinstance(value, dict) or value.get("in") != "path" or "name" not in value:
                continue
            if value.get("required") is not True:
                results.append((parameter.path, f'Path parameter "{value["name"]}" must have "required" property '
                                                'that is set to "true".'))
            if value["name"] in seen:
                results.append((parameter.path, f'Path parameter "{value["name"]}" must not be defined multiple times.'))
                continue
            seen[value["name"]] = parameter.path

    results = []
    for item in doc.children(paths):
        if not isinstance(item.value, dict):
            continue
        name = item.key
        normalized = re.sub(PATH_TEMPLATE, "%", name)
        if normalized in unique:
            results.append((("paths", name), f'Paths "{unique[normalized]}" and "{name}" must not be equivalent.'))
        else:
            unique[normalized] = name
        elements = []
        for match in re.finditer(PATH_TEMPLATE, name):
            element = re.sub(r"[{}?*;]", "", match.group(0))
            if element in elements:
                results.append((("paths", name), f'Path "{name}" must not use parameter "{{{element}}}" multiple times.'))
            else:
                elements.append(element)
        top = {}
        named_path_params(doc.child(item, "parameters"), results, top)
        for operation in doc.children(item):
            if operation.key not in OPERATIONS or not isinstance(operation.value, dict):
                continue
            own = {}
            named_path_params(doc.child(operation, "parameters"), results, own)
            defined = {**top, **own}
            for parameter, where in defined.items():
                if parameter not in elements:
                    results.append((where, f'Parameter "{parameter}" must be used in path "{name}".'))
            for element in elements:
                if element not in defined:
                    results.append((("paths", name, operation.key),
                                    f'Operation must define parameter "{{{element}}}" as expected by path "{name}".'))
    yield from results


@rule("openapi-tags-uniqueness", "error", formats="oas")
def openapi_tags_uniqueness(doc):
    """Each tag must have a unique name (Spectral's `uniquenessTags`)."""
    tags = doc.raw.get("tags") if isinstance(doc.raw, dict) else None
    if not isinstance(tags, list) or not all(isinstance(t, dict) for t in tags):
        return
    names = [t.get("name") for t in tags]
    for index, name in enumerate(names):
        if name in names[:index]:
            yield ("tags", index, "name"), f'"tags" object contains duplicate tag name "{name}".'


# Spectral checks an example's formats with ajv-formats, whose `date-time` takes a time without a time
# zone (the cor-api test case's example "2022-03-10T12:15:50" passes); the ADR date rules above
# deal with time zones.
LENIENT_DATE_TIME = re.compile(
    r"^\d\d\d\d-[0-1]\d-[0-3]\d[t\s](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$",
    re.IGNORECASE)


def _validator(doc, schema):
    """A validator for an OpenAPI schema of this document, with its local $refs resolvable."""
    is_31 = str(doc.raw.get("openapi", "")).startswith("3.1")
    specification = referencing.jsonschema.DRAFT202012 if is_31 else referencing.jsonschema.DRAFT4
    registry = referencing.Registry().with_resource("", referencing.Resource(contents=doc.raw,
                                                                             specification=specification))
    cls = OAS31Validator if is_31 else OAS30Validator
    formats = jsonschema.FormatChecker()
    formats.checkers = dict(cls.FORMAT_CHECKER.checkers)
    formats.checks("date-time")(lambda value: not isinstance(value, str) or bool(LENIENT_DATE_TIME.match(value)))
    return cls(schema, registry=registry, format_checker=formats)


def _example_findings(doc, validator, value, path):
    for error in validator.iter_errors(value):
        where = path + tuple(error.absolute_path)
        while len(where) > len(path) and not doc.lookup(where)[0]:
            where = where[:-1]
        yield where, f'"{where[-1]}" property {error.message}'


def _nodes_below(doc, key):
    """`$..key..*`: every node below a node with this name."""
    for found in doc.named(key):
        yield from doc.descendants(found)


@rule("oas3-valid-media-example", "error", formats="oas3")
def oas3_valid_media_example(doc):
    """Examples of media types, headers and parameters must be valid against their schema
    (Spectral's `oasExample`, type media)."""
    done = set()
    for key in ("content", "headers", "parameters"):
        for node in _nodes_below(doc, key):
            value = node.value
            if not isinstance(value, dict) or not js_truthy(value.get("schema")) or node.path in done:
                continue
            if "example" not in value and not js_truthy(value.get("examples")):
                continue
            done.add(node.path)
            validator = _validator(doc, value["schema"])
            if "example" in value:
                yield from _example_findings(doc, validator, value["example"], node.path + ("example",))
            elif isinstance(value["examples"], dict):
                for name, example in value["examples"].items():
                    if isinstance(example, dict) and "externalValue" not in example and "value" in example:
                        yield from _example_findings(doc, validator, example["value"],
                                                     node.path + ("examples", name, "value"))


SCHEMA_KEYWORDS = ("enum", "type", "format", "$ref", "properties", "items")


@rule("oas3-valid-schema-example", "error", formats="oas3")
def oas3_valid_schema_example(doc):
    """A schema's `example` and `default` must be valid against the schema (Spectral's `oasExample`,
    type schema)."""
    done = set()
    nodes = list(doc.descendants(doc.at("components", "schemas")))
    for key in ("content", "headers", "parameters"):
        nodes += list(_nodes_below(doc, key))
    for node in nodes:
        value = node.value
        if node.key == "properties" or not isinstance(value, dict) or node.path in done:
            continue
        if ("example" not in value and "default" not in value) or not any(js_truthy(value.get(k)) for k in SCHEMA_KEYWORDS):
            continue
        done.add(node.path)
        validator = _validator(doc, value)
        for field in ("example", "default"):
            if field in value:
                yield from _example_findings(doc, validator, value[field], node.path + (field,))


@rule("oas3-server-variables", "error", formats="oas3")
def oas3_server_variables(doc):
    """Server variables must be defined, used and have a default that is one of their `enum`
    (Spectral's `serverVariables`, with requireDefault)."""
    servers = list(doc.children(doc.at("servers")))
    for item in doc.children(doc.at("paths")):
        servers += list(doc.children(doc.child(item, "servers")))
        for operation in doc.children(item):
            if operation.key in OPERATIONS:
                servers += list(doc.children(doc.child(operation, "servers")))
    for server in servers:
        if not isinstance(server.value, dict) or not isinstance(server.value.get("url"), str):
            continue
        used = re.findall(r"{([^}]+)}", server.value["url"])
        variables = server.value.get("variables") if isinstance(server.value.get("variables"), dict) else {}
        missing = [name for name in used if name not in variables]
        if missing:
            yield server.path + ("url",), ("Not all server's variables are described with \"variables\" object. "
                                           "Missing: " + ", ".join(missing) + ".")
        for name, variable in variables.items():
            where = server.path + ("variables", name)
            if name not in used:
                yield where, f'Server\'s "variables" object has unused defined "{name}" variable.'
            if not isinstance(variable, dict):
                continue
            if "default" not in variable:
                yield where, f'Server variable "{name}" has a missing default.'
            elif isinstance(variable.get("enum"), list) and variable["default"] not in variable["enum"]:
                yield where + ("default",), f'Server variable "{name}" has a default not listed in the enum.'


@rule("oas3-api-servers", "error", formats="oas3")
def oas3_api_servers(doc):
    """`servers` must be a non-empty array of objects."""
    servers = doc.raw.get("servers") if isinstance(doc.raw, dict) else None
    message = 'OpenAPI "servers" must be present and non-empty array.'
    if servers is None:
        yield (), message
    elif not isinstance(servers, list) or not servers:
        yield ("servers",), message
    else:
        for index, server in enumerate(servers):
            if not isinstance(server, dict):
                yield ("servers", index), message


@rule("path-keys-no-trailing-slash", "error", formats="oas")
def path_keys_no_trailing_slash(doc):
    """given `$.paths`, field `@key` pattern notMatch `.+\\/$`."""
    for path in doc.children(doc.at("paths")):
        if isinstance(path.key, str) and re.search(r".+\/$", path.key):
            yield path.path, "Path must not end with slash."


def main(argv):
    """`python3 adr_linter.py document.(json|yaml)…`: prints the findings, as Spectral would."""
    import json
    import yaml

    errors = 0
    for name in argv:
        with open(name, encoding="utf-8") as f:
            raw = json.load(f) if name.endswith(".json") else yaml.safe_load(f)
        findings = lint(raw)
        print(name)
        for finding in findings:
            print(" ", finding)
        errors += sum(f.severity == "error" for f in findings)
        print(f"  {len(findings)} problems ({sum(f.severity == 'error' for f in findings)} errors, "
              f"{sum(f.severity == 'warning' for f in findings)} warnings)")
    return 1 if errors else 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
