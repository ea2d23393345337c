"""Spreadsheet exports (issue 15, item 5; docs/exports.md): the portfolio, a deal's finance lines,
its indicators and the dossier as ODS, XLSX and CSV, fetched from the real server and opened with
real readers — openpyxl and pandas for XLSX, odfpy and pandas for ODS, Python's csv module for CSV,
LibreOffice headless where it is installed — and compared with the values of the JSON API."""
import csv
import datetime
import io
import pathlib
import shutil
import subprocess
import zipfile

import pytest
import requests

pd = pytest.importorskip("pandas", reason="pandas ontbreekt: scripts/test installeert het")
openpyxl = pytest.importorskip("openpyxl", reason="openpyxl ontbreekt: scripts/test installeert het")
odf_opendocument = pytest.importorskip("odf.opendocument", reason="odfpy ontbreekt: scripts/test installeert het")
from odf import table as odf_table  # noqa: E402
from odf.namespaces import OFFICENS  # noqa: E402

FICTIONAL = "fictief-regio-deal-voorbeeld"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORTS = {
    "portefeuille": "/api/v1/portefeuille/rekenblad",
    "financiering": f"/api/v1/arrangementen/{FICTIONAL}/rekenbladen/financiering",
    "indicatoren": f"/api/v1/arrangementen/{FICTIONAL}/rekenbladen/indicatoren",
    "dossier": f"/api/v1/arrangementen/{FICTIONAL}/rekenbladen/dossier",
}


def fetch(server, path: str, fmt: str) -> requests.Response:
    response = requests.get(server + path, params={"formaat": fmt}, timeout=120)
    assert response.status_code == 200, response.text
    return response


def json_of(server, path: str) -> dict:
    response = requests.get(server + path, headers={"Accept": "application/json"}, timeout=120)
    assert response.status_code == 200, response.text
    return response.json()


# --- Readers -------------------------------------------------------------------------------------

def xlsx_sheets(content: bytes) -> dict:
    """Every sheet as a DataFrame (pandas with openpyxl), the first row as the headings."""
    return pd.read_excel(io.BytesIO(content), sheet_name=None, engine="openpyxl")


def ods_sheets(content: bytes) -> dict:
    """Every sheet as a DataFrame (pandas with odfpy)."""
    return pd.read_excel(io.BytesIO(content), sheet_name=None, engine="odf")


def ods_cells(content: bytes, sheet: str, heading: str) -> list:
    """The (value type, value attribute) of each cell below `heading` in `sheet`, read with odfpy."""
    document = odf_opendocument.load(io.BytesIO(content))
    for sheet_element in document.spreadsheet.getElementsByType(odf_table.Table):
        if sheet_element.getAttribute("name") != sheet:
            continue
        rows = sheet_element.getElementsByType(odf_table.TableRow)
        headings = [str(c) for c in rows[0].getElementsByType(odf_table.TableCell)]
        column = headings.index(heading)
        found = []
        for row in rows[1:]:
            cell = row.getElementsByType(odf_table.TableCell)[column]
            kind = cell.attributes.get((OFFICENS, "value-type"))
            value = cell.attributes.get((OFFICENS, "date-value" if kind == "date" else "value"))
            found.append((kind, value, cell.attributes.get((OFFICENS, "currency"))))
        return found
    raise AssertionError(f"geen blad {sheet}")


def csv_rows(content: bytes) -> list:
    """The rows of a Dutch CSV file; fails unless it has a byte order mark, semicolons and CRLF."""
    assert content.startswith(b"\xef\xbb\xbf"), "geen UTF-8-BOM: Excel leest het bestand dan als Windows-1252"
    text = content[3:].decode("utf-8")
    assert text.endswith("\r\n") and "\r\n" in text.split("\n", 1)[0] + "\n", "regels niet met CRLF beëindigd"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows[0]) > 1, "geen puntkomma's: Nederlandse Excel zet dan alles in één kolom"
    return rows


def euros(text: str) -> float:
    """A Dutch CSV amount, `1234,56`; fails on a point or thousands separator."""
    assert "." not in text, f"{text!r} is geen bedrag met een decimale komma"
    return float(text.replace(",", "."))


def amount_problems(content: bytes, fmt: str, sheet: str, heading: str) -> list:
    """What is wrong with the money in column `heading`: not a number in euros with a euro
    format (ODS: currency cells in EUR; XLSX: numbers with a € number format)."""
    problems = []
    if fmt == "ods":
        for kind, value, currency in ods_cells(content, sheet, heading):
            if kind is None:
                continue
            if kind != "currency" or currency != "EUR":
                problems.append(f"{kind} {value} {currency}")
    else:
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        rows = list(workbook[sheet].iter_rows())
        column = [c.value for c in rows[0]].index(heading)
        for row in rows[1:]:
            cell = row[column]
            if cell.value is None:
                continue
            if not isinstance(cell.value, (int, float)) or "€" not in cell.number_format:
                problems.append(f"{cell.coordinate}: {cell.value!r} {cell.number_format}")
    return problems


# --- Fixtures ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dossier_json(server):
    return json_of(server, f"/api/v1/arrangementen/{FICTIONAL}/dossier")


@pytest.fixture(scope="module")
def report_json(server):
    return json_of(server, "/api/v1/portefeuille/verslag")


@pytest.fixture(scope="module")
def files(server):
    """Every export in every format, fetched once."""
    return {(name, fmt): fetch(server, path, fmt) for name, path in EXPORTS.items() for fmt in ("ods", "xlsx", "csv")}


# --- The files -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", EXPORTS)
def test_every_export_has_its_type_and_a_file_name(files, name):
    for fmt, media in (("ods", ODS), ("xlsx", XLSX), ("csv", "text/csv")):
        response = files[(name, fmt)]
        assert response.headers["Content-Type"].startswith(media)
        suffix = "" if name == "portefeuille" else f"-{FICTIONAL}"
        assert response.headers["Content-Disposition"] == f'attachment; filename="{name}{suffix}.{fmt}"'
    ods = zipfile.ZipFile(io.BytesIO(files[(name, "ods")].content))
    first = ods.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert ods.read("mimetype") == ODS.encode()


@pytest.mark.parametrize("name", EXPORTS)
def test_ods_and_xlsx_hold_the_same_sheets_and_values(files, name):
    ods = ods_sheets(files[(name, "ods")].content)
    xlsx = xlsx_sheets(files[(name, "xlsx")].content)
    assert list(ods) == list(xlsx)
    for sheet in ods:
        left, right = ods[sheet], xlsx[sheet]
        assert list(left.columns) == list(right.columns), sheet
        assert left.shape == right.shape, sheet
        for column in left.columns:
            for a, b in zip(left[column], right[column]):
                if pd.isna(a) or pd.isna(b):
                    assert pd.isna(a) and pd.isna(b), (sheet, column, a, b)
                elif isinstance(a, float) or isinstance(b, float):
                    assert float(a) == pytest.approx(float(b)), (sheet, column)
                else:
                    assert a == b, (sheet, column, a, b)


def test_the_portfolio_has_a_sheet_per_record_type_and_money_in_euros(files, report_json):
    for fmt, reader in (("ods", ods_sheets), ("xlsx", xlsx_sheets)):
        sheets = reader(files[("portefeuille", fmt)].content)
        assert list(sheets) == ["Deals", "Partners", "Financiering", "Programmalijnen", "Projecten",
                                "Programma-indicatoren"]
        deals = sheets["Deals"]
        assert len(deals) == len(report_json["deals"]) >= 80
        by_id = {row["Deal"]: row for _, row in deals.iterrows()}
        for deal in report_json["deals"]:
            row = by_id[deal["deal"]]
            if deal["rijksbijdrageCent"] is None:
                assert pd.isna(row["Rijksbijdrage (euro)"])
            else:
                assert row["Rijksbijdrage (euro)"] == pytest.approx(deal["rijksbijdrageCent"] / 100)
            assert row["Fictief"] == ("ja" if deal["fictief"] else "nee")
            assert row["Naam"] == deal["naam"]
        # Only the demo deal is fictional, and it says so on every sheet it appears on.
        assert set(deals[deals["Fictief"] == "ja"]["Deal"]) == {FICTIONAL}
        for sheet in ("Partners", "Financiering", "Programma-indicatoren"):
            frame = sheets[sheet]
            assert set(frame[frame["Deal"] == FICTIONAL]["Fictief"]) == {"ja"}, sheet
        # Days are dates, not text.
        assert pd.api.types.is_datetime64_any_dtype(deals["Gesloten op"])
        zwolle = by_id["regio-deal-3-zwolle"]
        assert isinstance(zwolle["Gesloten op"], (pd.Timestamp, datetime.datetime))
        assert amount_problems(files[("portefeuille", fmt)].content, fmt, "Deals", "Rijksbijdrage (euro)") == []
    rows = csv_rows(files[("portefeuille", "csv")].content)
    heading = rows[0]
    assert heading[:5] == ["Deal", "Naam", "Tranche", "Fictief", "Rijksbijdrage (euro)"]
    assert not any("cent" in h.lower() for h in heading)
    by_id = {row[0]: row for row in rows[1:]}
    for deal in report_json["deals"]:
        if deal["rijksbijdrageCent"] is not None:
            assert euros(by_id[deal["deal"]][4]) == pytest.approx(deal["rijksbijdrageCent"] / 100)
    # € 10 mln of the demo deal, never the 1000000000 cents the usability review found.
    assert by_id[FICTIONAL][4] == "10000000,00"


def test_the_finance_lines_are_the_api_s_in_euros_and_dates(files, dossier_json):
    lines = {line["id"]: line for line in dossier_json["deal"]["financiering"]}
    assert lines
    for fmt, reader in (("ods", ods_sheets), ("xlsx", xlsx_sheets)):
        content = files[("financiering", fmt)].content
        sheet = reader(content)["Financiering"]
        assert set(sheet["Id"]) == set(lines)
        for _, row in sheet.iterrows():
            line = lines[row["Id"]]
            assert row["Bedrag (euro)"] == pytest.approx(line["bedragCent"] / 100)
            assert row["Jaar"] == line["jaar"]
            assert row["Fictief"] == "ja"
            if line.get("datum"):
                assert pd.Timestamp(row["Datum"]).date().isoformat() == line["datum"]
            else:
                assert pd.isna(row["Datum"])
        assert amount_problems(content, fmt, "Financiering", "Bedrag (euro)") == []
    rows = csv_rows(files[("financiering", "csv")].content)
    column = rows[0].index("Bedrag (euro)")
    date = rows[0].index("Datum")
    for row in rows[1:]:
        line = lines[row[2]]
        assert euros(row[column]) == pytest.approx(line["bedragCent"] / 100)
        assert row[date] == (line.get("datum") or "")
    xlsx = openpyxl.load_workbook(io.BytesIO(files[("financiering", "xlsx")].content))["Financiering"]
    dated = [row for row in xlsx.iter_rows(min_row=2) if row[10].value is not None]
    assert dated and all(cell.is_date for cell in (row[10] for row in dated))


def test_the_indicators_are_the_api_s_values(server, files):
    report = json_of(server, f"/api/v1/arrangementen/{FICTIONAL}/indicatoren")
    expected = set()
    for indicator in report["programmaIndicatoren"]:
        expected.add((indicator["id"], "nulmeting", indicator["nulmeting"]["periode"],
                      indicator["nulmeting"]["waarde"]))
        for kind, key in (("streefwaarde", "streefwaarden"), ("realisatie", "realisaties")):
            for value in indicator[key]:
                expected.add((indicator["id"], kind, value["periode"], value["waarde"]))
    assert expected
    for fmt, reader in (("ods", ods_sheets), ("xlsx", xlsx_sheets)):
        sheets = reader(files[("indicatoren", fmt)].content)
        assert list(sheets) == ["Programma-indicatoren", "Contextindicatoren"]
        found = {(r["Indicator"], r["Soort waarde"], r["Periode (code)"], float(r["Waarde"]))
                 for _, r in sheets["Programma-indicatoren"].iterrows()}
        assert found == {(i, k, p, float(v)) for i, k, p, v in expected}
        assert set(sheets["Programma-indicatoren"]["Fictief"]) == {"ja"}
        context = sheets["Contextindicatoren"]
        assert len(context) == sum(len(view["regios"]) for view in report["contextIndicatoren"])
    rows = csv_rows(files[("indicatoren", "csv")].content)
    heading = rows[0]
    found = {(r[heading.index("Indicator")], r[heading.index("Soort waarde")], r[heading.index("Periode (code)")],
              euros(r[heading.index("Waarde")])) for r in rows[1:]}
    assert found == {(i, k, p, float(v)) for i, k, p, v in expected}


def test_the_dossier_lists_every_fact_first_then_a_sheet_per_record_type(files, dossier_json):
    for fmt, reader in (("ods", ods_sheets), ("xlsx", xlsx_sheets)):
        sheets = reader(files[("dossier", fmt)].content)
        assert list(sheets)[0] == "Dossier"
        assert {"Profielversies", "Partners", "Financiering", "Programma-indicatoren", "Leerlog"} <= set(sheets)
        facts = sheets["Dossier"]
        fictional = facts[(facts["Onderdeel"] == "dossier") & (facts["Kenmerk"] == "fictief")]
        assert list(fictional["Waarde"]) == ["ja"]
        versions = sheets["Profielversies"]
        assert list(versions["Versie"]) == [v["versie"] for v in dossier_json["profielversies"]]
        log = sheets["Leerlog"]
        assert len(log) == sum(len(dossier_json["leerlog"][k]) for k in ("lessen", "besluiten", "wijzigingen"))
        assert pd.api.types.is_datetime64_any_dtype(log["Datum"])
    rows = csv_rows(files[("dossier", "csv")].content)
    assert rows[0] == ["Onderdeel", "Onderwerp", "Kenmerk", "Waarde", "Bron"]
    money = [row for row in rows if row[0] == "deal" and row[2] == "rijksbijdrage (euro)"]
    assert [euros(row[3]) for row in money] == [dossier_json["deal"]["deal"]["rijkbijdrageCent"] / 100]


def test_text_with_markup_characters_survives_every_reader(server, files):
    """The real portfolio has `&` and quotes in its names and sources; every reader gives them back."""
    report = json_of(server, "/api/v1/portefeuille/verslag")
    names = {deal["deal"]: deal["naam"] for deal in report["deals"]}
    sheets = ods_sheets(files[("portefeuille", "ods")].content)["Deals"]
    assert dict(zip(sheets["Deal"], sheets["Naam"])) == names
    sheets = xlsx_sheets(files[("portefeuille", "xlsx")].content)["Deals"]
    assert dict(zip(sheets["Deal"], sheets["Naam"])) == names
    rows = csv_rows(files[("portefeuille", "csv")].content)
    assert {row[0]: row[1] for row in rows[1:]} == names
    assert any(set(name) & set("&\"'") for name in names.values()) or any(
        "“" in row[-1] or "&" in row[-1] for row in rows[1:])


# --- The checks fail on broken files ---------------------------------------------------------------

def test_the_checks_fail_on_deliberately_broken_files(files):
    # Money as text instead of currency cells.
    content = files[("financiering", "ods")].content
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "content.xml":
                data = data.replace(b'office:value-type="currency"', b'office:value-type="float"')
            target.writestr(item, data)
    assert amount_problems(broken.getvalue(), "ods", "Financiering", "Bedrag (euro)") != []
    # Amounts without the euro format in XLSX.
    content = files[("financiering", "xlsx")].content
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/styles.xml":
                data = data.replace("€".encode(), b"EUR")
            target.writestr(item, data)
    assert amount_problems(broken.getvalue(), "xlsx", "Financiering", "Bedrag (euro)") != []
    # A comma-separated CSV without a byte order mark, and cents.
    with pytest.raises(AssertionError):
        csv_rows("Deal,Bedrag\r\nx,1000000000\r\n".encode())
    with pytest.raises(AssertionError):
        euros("10.000.000,00")


# --- The site and LibreOffice --------------------------------------------------------------------

def test_the_site_offers_the_same_files_beside_the_pages(server, files):
    pages = {
        "portefeuille": "/portefeuille/verslag",
        "indicatoren": f"/arrangementen/{FICTIONAL}/indicatoren",
        "dossier": f"/arrangementen/{FICTIONAL}/dossier",
    }
    for name, page in pages.items():
        html = requests.get(server + page, timeout=60).text
        for fmt in ("ods", "xlsx", "csv"):
            assert f'href="{page}?formaat={fmt}"' in html, (page, fmt)
        site = xlsx_sheets(requests.get(server + page, params={"formaat": "xlsx"}, timeout=120).content)
        api = xlsx_sheets(files[(name, "xlsx")].content)
        assert list(site) == list(api)
        assert all(site[sheet].shape == api[sheet].shape for sheet in site)
    deal = requests.get(server + f"/arrangementen/{FICTIONAL}", timeout=60).text
    assert f'href="{EXPORTS["financiering"]}?formaat=ods"' in deal
    # The deal as an IATI activity beside its page; a real deal IATI cannot express says why.
    assert f'href="/api/v1/arrangementen/{FICTIONAL}/iati"' in deal
    # The portfolio page offers the whole portfolio in every format, IATI included, and each
    # link gives its file.
    portfolio = requests.get(server + "/portefeuille", timeout=60).text
    links = [EXPORTS["portefeuille"] + f"?formaat={fmt}" for fmt in ("ods", "xlsx", "csv")]
    links += ["/api/v1/portefeuille", "/api/v1/portefeuille/iati"]
    for link in links:
        assert f'href="{link}"' in portfolio, link
        assert requests.get(server + link, timeout=120).status_code == 200, link


# --- The command line ----------------------------------------------------------------------------

def run_cli(*arguments):
    import conftest
    return subprocess.run([str(conftest._binary()), *arguments], capture_output=True, timeout=300)


def test_the_command_line_writes_the_same_workbooks(server, files, tmp_path):
    """`vliegwiel exporteer --formaat ods|xlsx|csv` writes the workbook the API gives, read
    from the same database."""
    import conftest
    database = conftest.DATABASES[0]
    for name, fmt in [("portefeuille", "xlsx"), ("dossier", "ods"), ("financiering", "xlsx"),
                      ("indicatoren", "ods")]:
        output = tmp_path / f"{name}.{fmt}"
        arguments = ["exporteer", "--database", database, "--formaat", fmt, "--uitvoer", str(output)]
        if name != "portefeuille":
            arguments += ["--deal", FICTIONAL, "--rekenblad", name]
        result = run_cli(*arguments)
        assert result.returncode == 0, result.stderr.decode()
        read = xlsx_sheets if fmt == "xlsx" else ods_sheets
        cli, api = read(output.read_bytes()), read(files[(name, fmt)].content)
        assert list(cli) == list(api), name
        for sheet in cli:
            pd.testing.assert_frame_equal(cli[sheet], api[sheet], check_dtype=False, obj=f"{name}/{sheet}")
    # CSV goes to standard output when no file is named: the deals sheet, Dutch style.
    result = run_cli("exporteer", "--database", database, "--formaat", "csv")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == files[("portefeuille", "csv")].content


@pytest.mark.parametrize("arguments, field", [
    (["--formaat", "ods", "--rekenblad", "begroting"], "--rekenblad"),
    (["--formaat", "xlsx", "--rekenblad", "financiering"], "--deal"),
    (["--formaat", "ods", "--deal", "bestaat-niet"], "--deal"),
    (["--formaat", "ods", "--deal", "regio-deal", "--rekenblad", "financiering"], "--deal"),
    (["--formaat", "json", "--rekenblad", "dossier"], "--rekenblad"),
])
def test_the_command_line_names_the_field_of_a_bad_request(server, tmp_path, arguments, field):
    import conftest
    result = run_cli("exporteer", "--database", conftest.DATABASES[0], "--uitvoer", str(tmp_path / "uit"), *arguments)
    assert result.returncode != 0
    assert field in result.stderr.decode(), result.stderr.decode()
    assert not (tmp_path / "uit").exists()


def test_the_api_refuses_an_unknown_format_and_a_client_that_does_not_take_the_file(server):
    bad = requests.get(server + EXPORTS["portefeuille"], params={"formaat": "pdf"}, timeout=30)
    assert bad.status_code == 400
    assert bad.json()["invalidParams"][0]["name"] == "formaat"
    refused = requests.get(server + EXPORTS["financiering"], headers={"Accept": "application/json"}, timeout=30)
    assert refused.status_code == 406
    missing = requests.get(server + "/api/v1/arrangementen/bestaat-niet/rekenbladen/dossier", timeout=30)
    assert missing.status_code == 404


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="LibreOffice is hier niet geïnstalleerd")
def test_libreoffice_reads_the_same_amounts(files, tmp_path, dossier_json):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    for fmt in ("ods", "xlsx"):
        source = tmp_path / f"financiering.{fmt}"
        source.write_bytes(files[("financiering", fmt)].content)
        out = tmp_path / fmt
        subprocess.run([office, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false",
                        "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
        converted = next(pathlib.Path(out).glob("*.csv")).read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(converted), delimiter=";"))
        column = rows[0].index("Bedrag (euro)")
        lines = {line["id"]: line for line in dossier_json["deal"]["financiering"]}
        for row in rows[1:]:
            # Not "as shown" (the 9th token is false): the plain number, with the decimal
            # separator of LibreOffice's language setting.
            raw = row[column]
            value = float(raw.replace(",", ".") if "." not in raw else raw)
            assert value == pytest.approx(lines[row[2]]["bedragCent"] / 100)
