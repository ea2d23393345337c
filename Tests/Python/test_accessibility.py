"""Every page, including the design form with its errors, has no axe-core violations of
WCAG 2.1 A and AA in a real browser (issue 4).

axe-core comes from PyPI: the copy in `axe-core-python` (axe 4.4). The older copy bundled in
`axe-selenium-python` does not know the `wcag21a` tag, so it cannot test WCAG 2.1 A."""
import pathlib

import axe_core_python
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PAGES = [
    "/",
    "/?taal=en",
    "/catalogus",
    "/catalogus?familie=nationaal-programma&taal=en",
    "/arrangementen/regio-deal",
    "/arrangementen/veiligheidsregio?taal=en",
    "/vergelijken",
    "/vergelijken?arrangementen=regio-deal&arrangementen=woondeal&arrangementen=nprz",
    "/vergelijken?arrangementen=regio-deal",
    "/ontwerpen",
    "/wat-als",
    "/wat-als?arrangement=regio-deal&resultaatgericht.doel=streefwaarden",
    "/toegankelijkheid",
    "/bestaat-niet",
    "/portefeuille",
    "/portefeuille?tranche=2&sorteer=bedrag&taal=en",
    "/portefeuille?tranche=9&sorteer=grootte",
    "/arrangementen/fictief-regio-deal-voorbeeld",
    "/arrangementen/regio-deal-3-zwolle",
    "/arrangementen/fictief-regio-deal-voorbeeld/partners/nieuw",
    "/arrangementen/fictief-regio-deal-voorbeeld/financiering/nieuw",
    "/arrangementen/fictief-regio-deal-voorbeeld/programmalijnen/nieuw",
    "/arrangementen/fictief-regio-deal-voorbeeld/projecten/nieuw",
    "/arrangementen/fictief-regio-deal-voorbeeld/projecten/kernen-aan-zet/wijzigen",
    "/arrangementen/fictief-regio-deal-voorbeeld/partners/hogeschool-vallei/wijzigen",
    "/arrangementen/fictief-regio-deal-voorbeeld/financiering/importeren",
    "/arrangementen/fictief-regio-deal-voorbeeld/indicatoren",
    "/arrangementen/regio-deal/indicatoren?taal=en",
    "/qca",
    "/beheer/audit",
    "/beheer/audit?actie=arrangement.*&van=gisteren",
    "/arrangementen/fictief-regio-deal-voorbeeld/leerlog",
    "/arrangementen/regio-deal/leerlog?taal=en",
    "/qca?uitkomst=ONBEKEND&voorwaarden=XYZ&incl-drempel=2&oplossing=intermediair",
    "/arrangementen/fictief-regio-deal-voorbeeld/bijdragegraaf",
    "/arrangementen/fictief-regio-deal-voorbeeld/bijdragegraaf?versie=1&taal=en",
    "/arrangementen/regio-deal-3-zwolle/bijdragegraaf",
    "/arrangementen/fictief-regio-deal-voorbeeld/dossier",
    "/arrangementen/regio-deal-3-zwolle/dossier",
    "/arrangementen/regio-deal/dossier?taal=en",
    "/portefeuille/verslag",
    "/account",
    "/beheer/gebruikers",
    "/inloggen",
    "/api-documentatie",
]


@pytest.fixture(scope="module")
def browser(server, account):
    """Chromium, signed in as the beheerder of conftest's `account` (its session cookie)."""
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1024"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(60)
    driver.get(server + "/gezondheid")
    driver.add_cookie({"name": "vliegwiel-sessie", "value": account.session_id, "path": "/", "httpOnly": True})
    yield driver
    driver.quit()


AXE = (pathlib.Path(axe_core_python.__file__).parent / "axe.min.js").read_text()


def violations(browser):
    browser.execute_script(AXE)
    result = browser.execute_script(
        "return axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}});", WCAG)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_violations(server, browser, path):
    browser.get(server + path)
    assert violations(browser) == []


def test_design_form_with_errors_has_no_violations(server, browser):
    browser.get(server + "/ontwerpen")
    browser.find_element(By.ID, "veld-id").send_keys("Geen Geldige Id")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    # The click returns before the answer page is loaded; wait for it rather than read the old page.
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CLASS_NAME, "error-summary"))
    assert violations(browser) == []


@pytest.mark.parametrize("form", ["partners/nieuw", "financiering/nieuw", "projecten/nieuw", "projecten/importeren"])
def test_deal_forms_with_errors_have_no_violations(server, browser, form):
    browser.get(server + f"/arrangementen/fictief-regio-deal-voorbeeld/{form}")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CLASS_NAME, "error-summary"))
    assert violations(browser) == []


@pytest.mark.parametrize("query", [
    "uitkomst=VOORTGEZET&voorwaarden=PRESTATIE&oplossing=spaarzaam",
    "uitkomst=VOORTGEZET&voorwaarden=REGIO&voorwaarden=COFIN&taal=en",
])
def test_qca_analysis_has_no_violations(server, qca_outcomes, browser, query):
    browser.get(server + "/qca?" + query)
    assert browser.find_elements(By.CSS_SELECTOR, "main h2")
    assert violations(browser) == []


def test_profile_history_section_has_no_violations(server, browser, changed_profile):
    browser.get(server + "/arrangementen/" + changed_profile)
    assert "Profielgeschiedenis" in browser.page_source
    assert "Rol van het Rijk: nevengeschikt → ondergeschikt" in browser.page_source
    assert violations(browser) == []


def test_learning_log_form_with_errors_has_no_violations(server, browser):
    """The learning log's change form sent empty: the error summary and the fields marked (issue 6 item 4)."""
    browser.get(server + "/arrangementen/fictief-regio-deal-voorbeeld/leerlog")
    browser.find_element(By.CSS_SELECTOR, "form[action$='/leerlog/wijzigingen'] button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, ".error-summary"))
    assert violations(browser) == []
