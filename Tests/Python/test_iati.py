"""IATI 2.03 export (issue 15, item 3; docs/iati.md): the portfolio and single deals, from the
API of the real server and from `vliegwiel exporteer --formaat iati`, valid against the IATI 2.03
XSD (vendored in iati-schemas/, checked with xmllint from Debian's libxml2-utils), with the
values of the stored data and nothing the data does not have."""
import pathlib
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
import requests

import conftest

HERE = pathlib.Path(__file__).resolve().parent
SCHEMA = HERE / "iati-schemas" / "iati-activities-schema.xsd"
XML = {"Accept": "application/xml"}
FICTIONAL = "fictief-regio-deal-voorbeeld"
PLACEHOLDER = "XX-VLIEGWIEL-NIET-INGESTELD"


def xsd_problems(document: bytes, tmp_path: pathlib.Path) -> str:
    """xmllint's complaints about `document` against the IATI 2.03 schema; empty when valid."""
    assert shutil.which("xmllint"), "xmllint ontbreekt: installeer libxml2-utils (scripts/test doet dat)"
    path = tmp_path / "iati.xml"
    path.write_bytes(document)
    run = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", str(SCHEMA), str(path)],
                         capture_output=True, text=True)
    return "" if run.returncode == 0 else run.stderr


@pytest.fixture(scope="module")
def portfolio(server):
    response = requests.get(server + "/api/v1/portefeuille/iati", headers=XML, timeout=60)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("application/xml")
    return response.content


def activities(document: bytes) -> dict:
    root = ET.fromstring(document)
    assert root.tag == "iati-activities" and root.get("version") == "2.03"
    return {a.findtext("iati-identifier"): a for a in root.findall("iati-activity")}


def texts(element, path: str) -> list:
    return [n.text for n in element.findall(path)]


def test_the_portfolio_is_valid_iati_2_03(portfolio, tmp_path):
    assert xsd_problems(portfolio, tmp_path) == ""
    found = activities(portfolio)
    # Every real deal with a known day of signing, and the demo deal; all under the placeholder id.
    assert len(found) >= 10
    assert all(identifier.startswith(PLACEHOLDER + "-") for identifier in found)
    assert PLACEHOLDER + "-regio-deal-3-zwolle" in found


def test_deals_without_a_day_are_left_out_and_named_not_given_an_invented_date(server, portfolio):
    found = activities(portfolio)
    # Zuidoost-Friesland's sources give no day of signing (Resources/portefeuille/tranche-3.yaml).
    assert PLACEHOLDER + "-regio-deal-3-zuidoost-friesland" not in found
    assert "regio-deal-3-zuidoost-friesland (geen dag van ondertekening bekend" in portfolio.decode()
    single = requests.get(server + "/api/v1/arrangementen/regio-deal-3-zuidoost-friesland/iati", headers=XML,
                          timeout=10)
    assert single.status_code == 409
    assert single.headers["Content-Type"].startswith("application/problem+json")
    assert "dag van ondertekening" in single.json()["detail"]


def test_only_the_fictional_deal_is_marked_fictional(portfolio):
    found = activities(portfolio)
    fictional = found[PLACEHOLDER + "-" + FICTIONAL]
    assert fictional.findtext("title/narrative").startswith("FICTIEF VOORBEELD")
    assert "Fictief voorbeeld" in fictional.findtext("description[@type='1']/narrative")
    for identifier, activity in found.items():
        if identifier.endswith(FICTIONAL):
            continue
        assert "FICTIEF" not in activity.findtext("title/narrative"), identifier
        assert all(code.startswith(("GM", "PV")) for code in [l.get("ref") for l in activity.findall("location")])


def test_a_real_deal_carries_its_sources_partners_places_and_rijk_contribution(server, tmp_path):
    response = requests.get(server + "/api/v1/arrangementen/regio-deal-3-zwolle/iati", headers=XML, timeout=10)
    assert response.status_code == 200, response.text
    assert xsd_problems(response.content, tmp_path) == ""
    activity = activities(response.content)[PLACEHOLDER + "-regio-deal-3-zwolle"]
    deal = requests.get(server + "/api/v1/arrangementen/regio-deal-3-zwolle", timeout=10).json()
    links = [link.get("url") for link in activity.findall("document-link")]
    assert links and all(url.startswith("http") for url in links)
    # Every source of the stored arrangement that is an address is linked.
    addresses = [s["titel"].split(" — ")[0] for s in deal.get("bronnen", []) if s.get("titel", "").startswith("http")]
    assert set(addresses) <= set(links)
    assert activity.find("activity-date[@type='2']") is not None
    assert activity.findall("participating-org")
    assert all(loc.get("ref").startswith(("GM", "PV")) for loc in activity.findall("location"))
    rijk = [t for t in activity.findall("transaction") if t.findtext("provider-org/narrative") == "Rijksoverheid"]
    assert len(rijk) <= 1


def test_the_fictional_deal_has_its_money_and_indicators_in_euros_and_periods(server, tmp_path):
    response = requests.get(server + f"/api/v1/arrangementen/{FICTIONAL}/iati", headers=XML, timeout=10)
    assert response.status_code == 200, response.text
    assert xsd_problems(response.content, tmp_path) == ""
    activity = activities(response.content)[PLACEHOLDER + "-" + FICTIONAL]
    assert activity.get("default-currency") == "EUR"
    lines = requests.get(server + f"/api/v1/arrangementen/{FICTIONAL}/financiering", timeout=10).json()["financiering"]
    # Budgets: per year the promised money (not in kind), cents as euros with two decimals.
    expected = {}
    for line in lines:
        if line["soort"] == "toezegging" and line["vorm"] == "geld":
            expected[line["jaar"]] = expected.get(line["jaar"], 0) + line["bedragCent"]
    budgets = {int(b.find("period-start").get("iso-date")[:4]): b.findtext("value") for b in activity.findall("budget")}
    assert budgets == {year: "%d.%02d" % divmod(cents, 100) for year, cents in expected.items()}
    # Transactions: exactly the money lines with a day, on that day.
    dated = sorted((l["datum"], "%d.%02d" % divmod(l["bedragCent"], 100)) for l in lines
                   if l.get("datum") and l["vorm"] == "geld")
    found = sorted((t.find("transaction-date").get("iso-date"), t.findtext("value"))
                   for t in activity.findall("transaction"))
    assert found == dated
    # Results: one per programme indicator, baseline and every period with target or actual.
    results = activity.findall("result")
    assert [r.findtext("title/narrative") for r in results] == [
        "Jongeren die na hun opleiding in de vallei gaan werken (fictief)",
        "Dorpshuizen met een wekelijkse ontmoetingsfunctie (fictief)",
        "Wachttijd voor de huisarts in de kernen (fictief)"]
    first = results[0].find("indicator")
    assert first.find("baseline").get("year") == "2022" and first.find("baseline").get("value") == "120"
    periods = {p.find("period-start").get("iso-date"): (p.find("target"), p.find("actual"))
               for p in first.findall("period")}
    assert sorted(periods) == ["2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01"]
    assert periods["2024-01-01"][0].get("value") == "160" and periods["2024-01-01"][1].get("value") == "152"
    assert periods["2026-01-01"][1] is None
    assert results[2].find("indicator").get("ascending") == "0"
    # Its regions are the fictional FX codes, said to be fictional.
    assert [l.get("ref") for l in activity.findall("location")] == ["FX0001", "FX0002"]


def test_a_broken_document_fails_the_schema(server, tmp_path):
    """The check can fail: the fictional activity without its iati-identifier is refused."""
    response = requests.get(server + f"/api/v1/arrangementen/{FICTIONAL}/iati", headers=XML, timeout=10)
    broken = response.content.replace(b"<iati-identifier>", b"<iati-identificatie>", 1).replace(
        b"</iati-identifier>", b"</iati-identificatie>", 1)
    assert "iati-identificatie" in xsd_problems(broken, tmp_path)


def test_the_api_answers_404_for_an_unknown_deal_and_406_for_json_only(server):
    missing = requests.get(server + "/api/v1/arrangementen/bestaat-niet/iati", headers=XML, timeout=10)
    assert missing.status_code == 404
    refused = requests.get(server + "/api/v1/portefeuille/iati", headers={"Accept": "application/json"}, timeout=10)
    assert refused.status_code == 406


def test_the_cli_writes_the_same_export_with_the_operators_identifier(server, tmp_path):
    database = conftest.DATABASES[0]
    run = subprocess.run(
        [str(conftest._binary()), "exporteer", "--formaat", "iati", "--database", database,
         "--iati-organisatie", "NL-OIN-00000001234567890000", "--iati-organisatienaam", "Testministerie"],
        capture_output=True, check=True)
    assert xsd_problems(run.stdout, tmp_path) == ""
    found = activities(run.stdout)
    assert all(identifier.startswith("NL-OIN-00000001234567890000-") for identifier in found)
    assert "weggelaten: regio-deal-3-zuidoost-friesland" in run.stderr.decode()
    one = subprocess.run(
        [str(conftest._binary()), "exporteer", "--formaat", "iati", "--deal", FICTIONAL, "--database", database],
        capture_output=True, check=True)
    assert list(activities(one.stdout)) == [PLACEHOLDER + "-" + FICTIONAL]
    wrong = subprocess.run(
        [str(conftest._binary()), "exporteer", "--formaat", "iati", "--database", database,
         "--iati-organisatie", "geen id"], capture_output=True, text=True)
    assert wrong.returncode != 0 and "--iati-organisatie" in wrong.stderr


def test_every_answer_is_documented_in_the_openapi_document(server):
    spec = requests.get(server + "/api/v1/openapi.json", timeout=10).json()
    cases = [
        ("/portefeuille/iati", "/api/v1/portefeuille/iati", XML),
        ("/portefeuille/iati", "/api/v1/portefeuille/iati", {"Accept": "application/json"}),
        ("/arrangementen/{id}/iati", f"/api/v1/arrangementen/{FICTIONAL}/iati", XML),
        ("/arrangementen/{id}/iati", "/api/v1/arrangementen/bestaat-niet/iati", XML),
        ("/arrangementen/{id}/iati", "/api/v1/arrangementen/regio-deal-3-zuidoost-friesland/iati", XML),
    ]
    for path, url, headers in cases:
        response = requests.get(server + url, headers=headers, timeout=60)
        documented = spec["paths"][path]["get"]["responses"].get(str(response.status_code))
        assert documented is not None, f"{url}: {response.status_code} niet gedocumenteerd"
        if "$ref" in documented:
            documented = spec["components"]["responses"][documented["$ref"].split("/")[-1]]
        media = response.headers["Content-Type"].split(";")[0]
        assert media in documented["content"], f"{url}: {media} niet gedocumenteerd"
        assert response.headers["API-Version"] == spec["info"]["version"]
