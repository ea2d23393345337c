"""DCAT-AP-NL 3.0 catalogue (issue 15, item 4; docs/dcat.md): `/api/v1/catalogus` of the real
server as JSON-LD and as Turtle, read with rdflib, the same graph in both, and valid against the
profile's SHACL shapes (vendored in dcat-ap-nl-shapes/, checked with pySHACL): no violation; what
the profile only recommends gives warnings, and those are named. The same validation refuses a
copy of the graph without a mandatory property, so that it can fail."""
import json
import pathlib
import subprocess
import tempfile
import time

import pytest
import requests
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SH

import conftest
import own_server

HERE = pathlib.Path(__file__).resolve().parent
SHAPES_FOLDER = HERE / "dcat-ap-nl-shapes"
# DCAT-AP 3.0's shapes with DCAT-AP-NL's on top, as the profile's chapter "Validaties DCAT-AP NL"
# asks; the recommended properties ("aanbevolen") give warnings, the others violations.
SHAPE_FILES = [
    "dcat-ap-SHACL.ttl", "dcat-ap-nl-SHACL.ttl", "dcat-ap-nl-SHACL-klassebereik.ttl",
    "dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl", "dcat-ap-nl-SHACL-aanbevolen.ttl",
]
JSON_LD = {"Accept": "application/ld+json"}
TURTLE = {"Accept": "text/turtle"}
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/deed.nl")
CC_BY = URIRef("http://creativecommons.org/licenses/by/4.0/deed.nl")
HOSTILE = 'Fictief "deal" \\ met <b>, @prefix x: <y> . en \'\'\' """ # einde'



@pytest.fixture(scope="module")
def shapes():
    graph = Graph()
    for name in SHAPE_FILES:
        graph.parse(SHAPES_FOLDER / name, format="turtle")
    return graph


def shacl_results(data: Graph, shapes: Graph):
    """pySHACL's report on `data`: whether it conforms, and (severity, focus, path, message) per result.
    With RDFS entailment: DCAT-AP gives properties such as dcat:accessURL the range rdfs:Resource,
    which every IRI is under RDFS semantics; the shapes check it as a class in the data graph."""
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="rdfs", advanced=True,
                                   allow_warnings=True)
    results = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        results.append((report.value(result, SH.resultSeverity), report.value(result, SH.focusNode),
                        report.value(result, SH.resultPath), str(report.value(result, SH.resultMessage))))
    return conforms, results


def fetch(base: str, headers: dict) -> requests.Response:
    response = requests.get(base + "/api/v1/catalogus", headers=headers, timeout=60)
    assert response.status_code == 200, response.text
    return response


@pytest.fixture(scope="module")
def catalogue(server):
    """The catalogue of the shared server, read from both serialisations."""
    json_ld = fetch(server, JSON_LD)
    turtle = fetch(server, TURTLE)
    assert json_ld.headers["Content-Type"].startswith("application/ld+json")
    assert turtle.headers["Content-Type"].startswith("text/turtle")
    from_json = Graph().parse(data=json_ld.content, format="json-ld", publicID=server + "/api/v1/catalogus")
    from_turtle = Graph().parse(data=turtle.content, format="turtle", publicID=server + "/api/v1/catalogus")
    return from_json, from_turtle


def test_json_ld_and_turtle_are_the_same_graph(catalogue):
    from_json, from_turtle = catalogue
    assert len(from_json) > 100
    assert len(from_json) == len(from_turtle)
    assert isomorphic(from_json, from_turtle)


def test_the_catalogue_is_valid_dcat_ap_nl_3_0(catalogue, shapes):
    graph, _ = catalogue
    conforms, results = shacl_results(graph, shapes)
    violations = [r for r in results if r[0] == SH.Violation]
    assert violations == [], "\n".join(map(str, violations[:20]))
    assert conforms
    # What remains are recommendations ("aanbevolen") the data cannot meet: a CSV download of the
    # site is no API endpoint (dcat:accessService), the paged and POST endpoints are no download
    # (dcat:downloadURL), and a CSV file or a dataset as a whole follows no published schema.
    assert {r[0] for r in results} <= {SH.Warning}
    assert {r[2] for r in results} <= {DCAT.accessService, DCAT.downloadURL, DCTERMS.conformsTo}, results[:5]


def test_a_graph_without_a_mandatory_property_is_refused(catalogue, shapes):
    """The validation can fail: a dataset without its publisher, a distribution without its
    licence and the data service without its endpoint description are each a violation."""
    graph, _ = catalogue
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    distribution = next(graph.subjects(RDF.type, DCAT.Distribution))
    service = next(graph.subjects(RDF.type, DCAT.DataService))
    for subject, path in [(dataset, DCTERMS.publisher), (distribution, DCTERMS.license),
                          (service, DCAT.endpointDescription)]:
        broken = Graph()
        for triple in graph:
            broken.add(triple)
        assert (subject, path, None) in broken
        broken.remove((subject, path, None))
        conforms, results = shacl_results(broken, shapes)
        assert not conforms, (subject, path)
        assert any(r[0] == SH.Violation and r[1] == subject and r[2] == path for r in results), results


def test_a_licence_outside_the_list_or_a_literal_publisher_is_refused(catalogue, shapes):
    graph, _ = catalogue
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    broken = Graph()
    for triple in graph:
        broken.add(triple)
    broken.remove((dataset, DCTERMS.publisher, None))
    broken.add((dataset, DCTERMS.publisher, Literal("een naam, geen organisatie")))
    conforms, results = shacl_results(broken, shapes)
    assert not conforms
    assert any(r[1] == dataset and r[2] == DCTERMS.publisher for r in results), results


def test_what_the_installation_publishes_is_described(server, catalogue):
    graph, _ = catalogue
    base = server
    catalog = URIRef(base + "/api/v1/catalogus")
    assert (catalog, RDF.type, DCAT.Catalog) in graph
    datasets = {str(d).split("#")[1]: d for d in graph.objects(catalog, DCAT.dataset)}
    assert sorted(datasets) == ["contextindicatoren", "evaluatiedossiers", "portefeuille", "portefeuilleverslag",
                                "qca-gegevens"]

    def distributions(name):
        return {str(graph.value(d, DCAT.accessURL)): d for d in graph.objects(datasets[name], DCAT.distribution)}

    portfolio = distributions("portefeuille")
    spreadsheet = base + "/api/v1/portefeuille/rekenblad?formaat="
    assert set(portfolio) == {base + "/api/v1/portefeuille", base + "/api/v1/portefeuille/iati",
                              spreadsheet + "ods", spreadsheet + "xlsx", spreadsheet + "csv"}
    # The spreadsheets carry their own media type and EU file type, not a generic one.
    for format, media_type in [("ods", "application/vnd.oasis.opendocument.spreadsheet"),
                               ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]:
        assert graph.value(portfolio[spreadsheet + format], DCAT.mediaType) == URIRef(
            "https://www.iana.org/assignments/media-types/" + media_type)
        assert graph.value(portfolio[spreadsheet + format], DCTERMS.format) == URIRef(
            "http://publications.europa.eu/resource/authority/file-type/" + format.upper())
    iati = portfolio[base + "/api/v1/portefeuille/iati"]
    assert graph.value(iati, DCAT.mediaType) == URIRef("https://www.iana.org/assignments/media-types/application/xml")
    assert graph.value(iati, DCAT.downloadURL) == URIRef(base + "/api/v1/portefeuille/iati")
    assert set(distributions("portefeuilleverslag")) == {
        base + "/api/v1/portefeuille/verslag", base + "/portefeuille/verslag?formaat=csv"}
    dossiers = distributions("evaluatiedossiers")
    assert base + "/api/v1/arrangementen/regio-deal-3-zwolle/dossier" in dossiers
    assert base + "/arrangementen/regio-deal-3-zwolle/dossier?formaat=csv" in dossiers
    for format in ["ods", "xlsx"]:
        assert base + "/api/v1/arrangementen/regio-deal-3-zwolle/rekenbladen/dossier?formaat=" + format in dossiers
    assert set(distributions("contextindicatoren")) == {base + "/api/v1/contextindicatoren"}
    assert set(distributions("qca-gegevens")) == {base + "/api/v1/qca-analyses"}

    # Licences: CC0 for the installation's own data, CBS's CC BY 4.0 for the context indicators,
    # whose creator is CBS.
    for name, dataset in datasets.items():
        expected = CC_BY if name == "contextindicatoren" else CC0
        for distribution in graph.objects(dataset, DCAT.distribution):
            assert graph.value(distribution, DCTERMS.license) == expected, (name, distribution)
    creator = graph.value(datasets["contextindicatoren"], DCTERMS.creator)
    assert str(graph.value(creator, FOAF.name)) == "Centraal Bureau voor de Statistiek"
    assert graph.value(creator, FOAF.homepage) == URIRef("https://www.cbs.nl/")

    # A JSON distribution of the API follows its schema in the OpenAPI document.
    document = requests.get(base + "/api/v1/openapi.json", timeout=10).json()
    schemas = [str(s) for s in graph.objects(None, DCTERMS.conformsTo) if "/openapi.json#" in str(s)]
    assert len(schemas) > 5
    for schema in set(schemas):
        assert schema.startswith(base + "/api/v1/openapi.json#/components/schemas/")
        assert schema.rsplit("/", 1)[1] in document["components"]["schemas"], schema

    # The API as a data service with its OpenAPI document and documentation page.
    service = graph.value(catalog, DCAT.service)
    assert graph.value(service, DCAT.endpointURL) == URIRef(base + "/api/v1")
    assert graph.value(service, DCAT.endpointDescription) == URIRef(base + "/api/v1/openapi.json")
    assert graph.value(service, FOAF.page) == URIRef(base + "/api-documentatie")
    assert set(graph.objects(service, DCAT.servesDataset)) == set(datasets.values())

    # No operator's organisation was set: a blank node that says so, not an invented identity;
    # the contact point carries the server's --contact-e-mail.
    publisher = graph.value(catalog, DCTERMS.publisher)
    assert isinstance(publisher, BNode)
    assert str(graph.value(publisher, FOAF.name)) == "Vliegwiel-installatie (uitgever niet ingesteld)"
    contact = graph.value(catalog, DCAT.contactPoint)
    assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:" + conftest.CONTACT_EMAIL)


def test_every_distribution_address_answers(server, catalogue):
    """Every GET address in the catalogue exists: a download gives its file, an API endpoint
    that is not one (the QCA analyses are a POST) says so with 405, not 404."""
    graph, _ = catalogue
    addresses = {str(u) for u in graph.objects(None, DCAT.accessURL)}
    for address in sorted(addresses)[:40] + [a for a in addresses if "zwolle" in a]:
        response = requests.get(address, timeout=60)
        expected = 405 if address.endswith("/qca-analyses") else 200
        assert response.status_code == expected, (address, response.status_code)


def test_modified_comes_from_the_audit_trail_not_the_clock(server, catalogue):
    graph, _ = catalogue
    catalog = URIRef(server + "/api/v1/catalogus")
    modified = graph.value(catalog, DCTERMS.modified)
    assert modified is not None
    time.sleep(1.1)  # the clock moves on; the newest audit entry does not
    again = Graph().parse(data=fetch(server, JSON_LD).content, format="json-ld")
    assert again.value(catalog, DCTERMS.modified) == modified


@pytest.mark.parametrize("accept,expected", [
    ("text/turtle;q=0.9, application/ld+json;q=0.5", "text/turtle"),
    ("application/json", "application/ld+json"),
    ("*/*", "application/ld+json"),
    ("text/html, text/turtle;q=0.8", "text/turtle"),
])
def test_content_negotiation(server, accept, expected):
    response = requests.get(server + "/api/v1/catalogus", headers={"Accept": accept}, timeout=60)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(expected)


def test_each_host_and_format_gets_its_own_kept_answer(server):
    """The response cache keys on Accept and on the host the addresses are made from: one server
    asked by two names, twice each, gives each name its own addresses. (These requests carry the
    test account's key, so they pass the cache; ResponseCacheTests checks the kept answers.)"""
    port = server.rsplit(":", 1)[1]
    for _ in range(2):
        for host in ["127.0.0.1", "localhost"]:
            for accept, marker in [("text/turtle", "<http://%s:%s/api/v1/catalogus>"),
                                   ("application/ld+json", '"http://%s:%s/api/v1/catalogus"')]:
                response = requests.get(f"http://127.0.0.1:{port}/api/v1/catalogus",
                                        headers={"Accept": accept, "Host": f"{host}:{port}"}, timeout=60)
                assert response.headers["Content-Type"].startswith(accept)
                assert marker % (host, port) in response.text, (host, accept)
                assert response.headers["Vary"] == "Accept"


def test_another_format_is_406_problem_json(server):
    response = requests.get(server + "/api/v1/catalogus", headers={"Accept": "application/xml"}, timeout=10)
    assert response.status_code == 406
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert "text/turtle" in response.json()["detail"]


def test_the_operator_sets_the_public_address_and_the_publisher(shapes):
    """With --publieke-url and --uitgever every address is on the public host whatever the
    request's Host, and the publisher is the organisation's IRI (a fictional one here)."""
    public, organisation = "https://vliegwiel.example.nl", "https://organisatie.example.nl/id/fictief"
    server = own_server.OwnServer(tempfile.mkdtemp(prefix="vliegwiel-dcat-"), extra=[
        "--publieke-url", public, "--uitgever", organisation, "--uitgevernaam", "Fictieve organisatie"])
    try:
        # An arrangement whose name tries to end the string, the IRI and the statement.
        arrangement = requests.get(server.base + "/api/v1/arrangementen/woondeal", timeout=10).json()
        arrangement.update({"id": "dcat-fictief", "soort": "praktijk", "naam": HOSTILE})
        path = pathlib.Path(server.folder) / "vijandig.json"
        path.write_text(json.dumps({"schemaVersie": 1, "arrangementen": [arrangement]}))
        subprocess.run([str(conftest._binary()), "importeer", str(path), "--auteur", "Test (fictief)", "--reden",
                        "dcat", "--database", server.database], check=True, capture_output=True)
        response = requests.get(server.base + "/api/v1/catalogus", headers=TURTLE, timeout=60)
        assert response.status_code == 200, response.text
        graph = Graph().parse(data=response.content, format="turtle")
        from_json = Graph().parse(data=fetch(server.base, JSON_LD).content, format="json-ld")
    finally:
        server.stop()
    assert isomorphic(graph, from_json)
    titles = {str(t) for t in graph.objects(None, DCTERMS.title)}
    assert "Evaluatiedossier " + HOSTILE + " (JSON)" in titles
    catalog = URIRef(public + "/api/v1/catalogus")
    assert (catalog, RDF.type, DCAT.Catalog) in graph
    assert graph.value(catalog, DCTERMS.publisher) == URIRef(organisation)
    assert str(graph.value(URIRef(organisation), FOAF.name)) == "Fictieve organisatie"
    local = [str(u) for u in graph.all_nodes() if isinstance(u, URIRef) and "127.0.0.1" in str(u)]
    assert local == []
    conforms, results = shacl_results(graph, shapes)
    assert conforms, results[:10]
