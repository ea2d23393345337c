"""The OpenAPI document is valid, and every endpoint's real responses match it (issue 4)."""
import copy
import pathlib

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


DEMO = "/api/v1/arrangementen/fictief-regio-deal-voorbeeld"
COLLECTIONS = ["partners", "financiering", "programmalijnen", "projecten"]


def check_empty(spec, path, method, response):
    """Validates a response without a body (204) against the document."""
    operation = spec["paths"][path][method]
    assert str(response.status_code) in operation["responses"], \
        f"{method.upper()} {path}: status {response.status_code} is not documented"
    assert response.content == b""
    assert response.headers["API-Version"] == spec["info"]["version"]


def test_portfolio_read_endpoints_match_the_document(server, spec):
    cases = [
        ("/portefeuille", "/api/v1/portefeuille"),
        ("/portefeuille", "/api/v1/portefeuille?tranche=2&bedrag=onbekend&sorteer=bedrag&metVoorbeeld=true"),
        ("/portefeuille", "/api/v1/portefeuille?naam=zwolle&sorteer=naam"),
        ("/portefeuille", "/api/v1/portefeuille?tranche=9&bedrag=soms"),
        ("/arrangementen/{id}/toetsing", DEMO + "/toetsing"),
        ("/arrangementen/{id}/toetsing", "/api/v1/arrangementen/regio-deal-3-zwolle/toetsing"),
        ("/arrangementen/{id}/toetsing", "/api/v1/arrangementen/regio-deal/toetsing"),
        ("/arrangementen/{id}/partners", DEMO + "/partners?op=2024-06-01&sinds=2023-06-01"),
        ("/arrangementen/{id}/partners", DEMO + "/partners?op=morgen"),
    ]
    for collection in COLLECTIONS:
        cases += [
            (f"/arrangementen/{{id}}/{collection}", f"{DEMO}/{collection}"),
            (f"/arrangementen/{{id}}/{collection}", f"/api/v1/arrangementen/regio-deal-1-bes-eilanden/{collection}"),
            (f"/arrangementen/{{id}}/{collection}", f"/api/v1/arrangementen/bestaat-niet/{collection}"),
        ]
    for path, url in cases:
        check(spec, path, "get", requests.get(server + url, headers=JSON, timeout=10))
    summary = requests.get(server + "/api/v1/portefeuille", timeout=10).json()
    tranche3 = next(t for t in summary["tranches"] if t["tranche"] == 3)
    assert (tranche3["totaalRijkCent"], tranche3["aantalBekend"]) == (18_000_000_000, 14)


def test_portfolio_write_endpoints_match_the_document(server, spec):
    deal = "/api/v1/arrangementen/regio-deal-3-veluwe"
    items = {
        "partners": {"id": "gemeente-apeldoorn", "organisatie": "Gemeente Apeldoorn", "type": "gemeente",
                     "rollen": ["indiener", "regiokassier"], "bron": "OpenAPI-proef"},
        "programmalijnen": {"id": "proef", "naam": "Proeflijn"},
        "financiering": {"id": "apeldoorn-2020", "partner": "gemeente-apeldoorn", "programmalijn": "proef",
                         "jaar": 2020, "soort": "toezegging", "sector": "publiek", "vorm": "geld",
                         "bedragCent": 1250000000},
        "projecten": {"id": "proefproject", "naam": "Proefproject", "programmalijn": "proef", "status": "lopend",
                      "themas": ["wonen"], "trekker": "gemeente-apeldoorn", "budgetCent": 100000},
    }
    bad = {
        "partners": {"id": "Fout Id", "type": "club", "rollen": []},
        "programmalijnen": {"naam": ""},
        "financiering": {"id": "x", "partner": "niemand", "jaar": "twintig", "soort": "gift", "bedragCent": 1.5},
        "projecten": {"id": "y", "naam": "Y", "programmalijn": "geen", "status": "klaar", "start": "2025-01-01",
                      "einde": "2024-01-01"},
    }
    for collection in ["partners", "programmalijnen", "financiering", "projecten"]:
        path = f"/arrangementen/{{id}}/{collection}"
        url = f"{server}{deal}/{collection}"
        created = requests.post(url, json=items[collection], timeout=10)
        assert created.status_code == 201, created.text
        check(spec, path, "post", created)
        check(spec, path, "post", requests.post(url, json=items[collection], timeout=10))
        refused = requests.post(url, json=bad[collection], timeout=10)
        assert refused.status_code == 400
        check(spec, path, "post", refused)
        check(spec, path, "post", requests.post(url, data="x", headers={"Content-Type": "text/plain"}, timeout=10))
        check(spec, path, "post", requests.post(
            f"{server}/api/v1/arrangementen/bestaat-niet/{collection}", json=items[collection], timeout=10))
        check(spec, path, "get", requests.get(url, timeout=10))
    money = requests.get(f"{server}{deal}/financiering", timeout=10).json()
    assert money["samenvatting"]["toezeggingen"]["regioCent"] == 1250000000
    for collection, item in [("partners", "gemeente-apeldoorn"), ("programmalijnen", "proef"),
                             ("financiering", "apeldoorn-2020"), ("projecten", "proefproject")]:
        path = f"/arrangementen/{{id}}/{collection}/{{item}}"
        url = f"{server}{deal}/{collection}/{item}"
        change = {key: value for key, value in items[collection].items() if key != "id"}
        changed = requests.put(url, json=change, timeout=10)
        assert changed.status_code == 200, changed.text
        check(spec, path, "put", changed)
        check(spec, path, "put", requests.put(url, json=dict(bad[collection], id="ander"), timeout=10))
        check(spec, path, "put", requests.put(f"{server}{deal}/{collection}/geen", json=change, timeout=10))
        check(spec, path, "put", requests.put(url, data="x", headers={"Content-Type": "text/plain"}, timeout=10))
    item_path = "/arrangementen/{id}/partners/{item}"
    check(spec, item_path, "delete", requests.delete(f"{server}{deal}/partners/gemeente-apeldoorn", timeout=10))
    for collection, item in [("projecten", "proefproject"), ("financiering", "apeldoorn-2020"),
                             ("programmalijnen", "proef"), ("partners", "gemeente-apeldoorn")]:
        path = f"/arrangementen/{{id}}/{collection}/{{item}}"
        gone = requests.delete(f"{server}{deal}/{collection}/{item}", timeout=10)
        assert gone.status_code == 204, gone.text
        check_empty(spec, path, "delete", gone)
        check(spec, path, "delete", requests.delete(f"{server}{deal}/{collection}/{item}", timeout=10))


LIPSET = (pathlib.Path(__file__).resolve().parents[1] / "VliegwielCoreTests/Fixtures/QCA/LC.csv").read_text()


def test_qca_analyses_match_the_document(server, spec, qca_outcomes):
    url = server + "/api/v1/qca-analyses"
    csv = requests.post(url, json={"gegevens": LIPSET, "uitkomst": "SURV", "oplossing": "spaarzaam"}, timeout=30)
    assert csv.status_code == 200 and [m["formule"] for m in csv.json()["modellen"]] == ["DEV*STB"]
    check(spec, "/qca-analyses", "post", csv)
    database = requests.post(url, json={
        "bron": "database", "uitkomst": qca_outcomes, "oplossing": "spaarzaam",
        "voorwaarden": [{"naam": "COFIN", "dimensie": "resultaatgericht.cofinanciering",
                         "codes": ["regio-en-rijk", "meerpartijen"]}, "REGIO=samenwerkend.initiatiefVoorstel:regio,steden"],
    }, timeout=30)
    assert database.status_code == 200 and database.json()["gegevens"]["weggelaten"]
    check(spec, "/qca-analyses", "post", database)
    bad = requests.post(url, json={"bron": "database", "inclDrempel": 2, "voorwaarden": [{"naam": "1X"}]}, timeout=30)
    assert bad.status_code == 400
    assert [p["name"] for p in bad.json()["invalidParams"]] == [
        "uitkomst", "inclDrempel", "voorwaarden[0].naam", "voorwaarden[0].dimensie"]
    check(spec, "/qca-analyses", "post", bad)
    check(spec, "/qca-analyses", "post",
          requests.post(url, data="x", headers={"Content-Type": "text/plain"}, timeout=10))


def test_contribution_graph_matches_the_document(server, spec):
    graph = requests.get(server + DEMO + "/bijdragegraaf", headers=JSON, timeout=10)
    assert graph.status_code == 200
    assert graph.json()["analyse"]["interventiesZonderUitkomst"] == ["zorgpost"]
    cases = [
        DEMO + "/bijdragegraaf?versie=1",
        DEMO + "/bijdragegraaf?versie=3",
        DEMO + "/bijdragegraaf?versie=nul",
        "/api/v1/arrangementen/regio-deal/bijdragegraaf",
        "/api/v1/arrangementen/bestaat-niet/bijdragegraaf",
    ]
    check(spec, "/arrangementen/{id}/bijdragegraaf", "get", graph)
    for url in cases:
        check(spec, "/arrangementen/{id}/bijdragegraaf", "get", requests.get(server + url, headers=JSON, timeout=10))


def test_profile_history_matches_the_document(server, spec):
    check(spec, "/arrangementen/{id}/profielversies", "get",
          requests.get(server + "/api/v1/arrangementen/regio-deal/profielversies", headers=JSON, timeout=10))
    check(spec, "/arrangementen/{id}/profielversies", "get",
          requests.get(server + "/api/v1/arrangementen/niets/profielversies", headers=JSON, timeout=10))
    same = requests.get(server + "/api/v1/arrangementen/regio-deal/profieldrift?van=1&tot=1", headers=JSON, timeout=10)
    assert same.status_code == 400
    check(spec, "/arrangementen/{id}/profieldrift", "get", same)


def test_learning_log_matches_the_document(server, spec):
    path = "/arrangementen/{id}/leerlog"
    url = server + DEMO + "/leerlog"
    log = requests.get(url, headers=JSON, timeout=10)
    assert log.status_code == 200
    assert log.json()["ketens"][0]["wijzigingen"] == [
        "wijziging-bijdragegraaf-na-eindevaluatie", "wijziging-rol-rijk-aan-tafel"]
    check(spec, path, "get", log)
    check(spec, path, "get", requests.get(server + "/api/v1/arrangementen/bestaat-niet/leerlog", headers=JSON,
                                          timeout=10))
    refused = requests.post(url, json={
        "besluiten": [{"datum": "2025-11-20", "besluit": "", "door": "Stuurgroep (fictief)", "lessen": ["nee"]}],
        "wijzigingen": [{"datum": "2025-11-21", "wijziging": "Proef (fictief)",
                         "besluiten": ["besluit-stuurgroep-na-eindevaluatie"],
                         "betreft": {"soort": "profielversie", "versie": 9}}],
    }, timeout=10)
    assert refused.status_code == 400
    assert [p["name"] for p in refused.json()["invalidParams"]] == [
        "besluiten[0].besluit", "besluiten[0].lessen[0]", "wijzigingen[0].betreft.versie"]
    check(spec, path, "post", refused)
    created = requests.post(url, json={
        "besluiten": [{"id": "besluit-openapi-proef", "datum": "2025-11-20", "besluit": "Proef (fictief)",
                       "door": "Stuurgroep (fictief)", "lessen": ["les-zorgpost-onbekend"]}],
    }, timeout=10)
    assert created.status_code == 201, created.text
    check(spec, path, "post", created)
    check(spec, path, "post", requests.post(url, data="x", headers={"Content-Type": "text/plain"}, timeout=10))
    check(spec, path, "post", requests.post(server + "/api/v1/arrangementen/bestaat-niet/leerlog",
                                            json={"lessen": []}, timeout=10))


def test_indicators_match_the_document(server, spec):
    report = requests.get(server + DEMO + "/indicatoren", headers=JSON, timeout=10)
    assert report.status_code == 200
    assert report.json()["contextIndicatoren"][0]["vergelijking"]["duiding"] == "context, geen effect van de deal"
    check(spec, "/arrangementen/{id}/indicatoren", "get", report)
    for url in ["/api/v1/arrangementen/regio-deal/indicatoren", "/api/v1/arrangementen/bestaat-niet/indicatoren"]:
        check(spec, "/arrangementen/{id}/indicatoren", "get", requests.get(server + url, headers=JSON, timeout=10))
    page = requests.get(server + "/api/v1/contextindicatoren?regio=FX0001,FX0004&paginaGrootte=5&pagina=2",
                        headers=JSON, timeout=10)
    assert page.status_code == 200 and page.json()["aantal"] == 36
    assert "next" in page.json()["_links"] and "prev" in page.json()["_links"]
    check(spec, "/contextindicatoren", "get", page)
    cases = [
        "/api/v1/contextindicatoren",
        "/api/v1/contextindicatoren?tabel=FICTIEF-BW&maat=Werkloosheid_1&periode=2023JJ00",
        "/api/v1/contextindicatoren?regio=Utrecht&periode=vorig-jaar&paginaGrootte=5000",
    ]
    for url in cases:
        check(spec, "/contextindicatoren", "get", requests.get(server + url, headers=JSON, timeout=10))


def test_reports_match_the_document(server, spec):
    report = requests.get(server + "/api/v1/portefeuille/verslag", headers=JSON, timeout=30)
    assert report.status_code == 200
    # The 81 real Regio Deals of the curated dataset (docs/portefeuille.md) and the demo deal.
    assert len(report.json()["deals"]) == 82
    check(spec, "/portefeuille/verslag", "get", report)
    dossier = requests.get(server + DEMO + "/dossier", headers=JSON, timeout=10)
    assert [v["versie"] for v in dossier.json()["profielversies"]] == [1, 2]
    check(spec, "/arrangementen/{id}/dossier", "get", dossier)
    check(spec, "/arrangementen/{id}/dossier", "get",
          requests.get(server + "/api/v1/arrangementen/bestaat-niet/dossier", headers=JSON, timeout=10))
    check(spec, "/arrangementen/{id}/dossier", "get",
          requests.get(server + DEMO + "/dossier", headers={"Accept": "text/html"}, timeout=10))


def test_an_ill_formed_id_is_documented_invalid_input(server, spec):
    """An id no arrangement or item can have is 400 naming the parameter, on every operation with
    a path parameter (the API design rules' nlgov:problem-invalid-input); an unknown but
    well-formed id stays 404."""
    deal = "/api/v1/arrangementen/regio-deal-3-veluwe"
    reads = ["", "/advies", "/dossier", "/toetsing", "/profielversies", "/indicatoren", "/leerlog", "/bijdragegraaf",
             "/partners", "/financiering", "/programmalijnen", "/projecten"]
    for suffix in reads:
        response = requests.get(server + "/api/v1/arrangementen/Niet%20Goed" + suffix, headers=JSON, timeout=10)
        assert response.status_code == 400, suffix
        assert response.json()["invalidParams"][0]["name"] == "id"
        check(spec, "/arrangementen/{id}" + suffix, "get", response)
    for collection in COLLECTIONS:
        path = f"/arrangementen/{{id}}/{collection}/{{item}}"
        refused = requests.delete(f"{server}{deal}/{collection}/Fout_Id", timeout=10)
        assert refused.status_code == 400 and refused.json()["invalidParams"][0]["name"] == "item"
        check(spec, path, "delete", refused)
        unknown = requests.delete(f"{server}{deal}/{collection}/bestaat-niet", timeout=10)
        assert unknown.status_code == 404
        check(spec, path, "delete", unknown)
