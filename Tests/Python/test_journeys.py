"""The three users of the usability review, each followed end to end in a real browser with
JavaScript switched off (issue 16, acceptance: "the browser tests follow the three journeys end
to end (Selenium, no JavaScript needed) and assert that each reaches its goal").

- The ministry officer who designs an instrument (ex ante) starts on the home page, fills in a
  design without an account, gets the advice without saving, is told why saving is refused
  without losing her input, and compares two arrangements showing only what differs.
- The programme manager of a deal (ex durante) is a redacteur of that deal only. She finds the
  deal with the search field, signs in from the deal's own notice and is brought back, adds a
  partner, deletes it and undoes that, adds a lesson, and sees both on the deal.
- The auditor (ex post) goes from the home page to the portfolio report, to a deal's dossier
  with its summary page, and runs a QCA from the web.

Each step goes by what a user sees (link texts, labels, buttons), not by typed-in addresses,
except where the review's user typed one too. axe-core runs on these pages in
test_accessibility.py (it needs JavaScript, which is off here)."""
import datetime
import subprocess
import uuid

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

import conftest

DEMO = "fictief-regio-deal-voorbeeld"
PASSWORD = "een andere lange zin voor de programmamanager"


@pytest.fixture
def browser():
    """Chromium without JavaScript and without a session: a new visitor."""
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1024", "--lang=nl-NL"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def follow(browser, element):
    """Clicks a link or button and waits until the next page has replaced this one and is read
    to its end (its footer)."""
    page = browser.find_element(By.TAG_NAME, "html")
    element.click()

    def replaced(_):
        try:
            page.tag_name
            return False
        except (StaleElementReferenceException, WebDriverException):
            # Chromium reports a replaced page as stale, or, under load, as a node that "does not
            # belong to the document".
            return True

    WebDriverWait(browser, 30).until(replaced)
    WebDriverWait(browser, 30).until(lambda b: b.find_elements(By.CSS_SELECTOR, "body > footer, footer"))


def click_link(browser, text):
    follow(browser, browser.find_element(By.LINK_TEXT, text))


def button(browser, text):
    return browser.find_element(By.XPATH, f'//button[normalize-space()="{text}"]')


def press(browser, text):
    follow(browser, button(browser, text))


def heading(browser):
    return browser.find_element(By.TAG_NAME, "h1").text


def path(browser):
    """The path and query of the page the browser is on."""
    return "/" + browser.current_url.split("://", 1)[1].split("/", 1)[1]


def fill(browser, field_id, text):
    field = browser.find_element(By.ID, field_id)
    field.clear()
    if field.get_attribute("type") == "date":
        # A date field takes the digits in the order of the browser's language (nl: dd-mm-jjjj).
        day = datetime.date.fromisoformat(text)
        field.send_keys(day.strftime("%d%m%Y"))
    else:
        field.send_keys(text)


def choose_first(browser, name):
    """Ticks the first choice of a group of radio buttons or checkboxes, by the field's name."""
    choice = browser.find_elements(By.CSS_SELECTOR, f'input[name="{name}"]')[0]
    label = browser.find_element(By.CSS_SELECTOR, f'label[for="{choice.get_attribute("id")}"]')
    label.click()
    assert choice.is_selected()
    return choice.get_attribute("value")


def test_javascript_is_really_off(server, browser):
    """The journeys prove something only if the browser runs no script: `/afdrukken.js` shows the
    dossier's print button, so without JavaScript the button stays hidden and the page's own
    instruction shows."""
    browser.get(server + f"/arrangementen/{DEMO}/dossier")
    print_button = browser.find_element(By.CSS_SELECTOR, "button[data-afdrukken]")
    assert not print_button.is_displayed()


def test_the_ministry_officer_designs_gets_advice_and_compares(server, browser):
    browser.get(server + "/")
    click_link(browser, "Ontwerp een arrangement")
    assert heading(browser) == "Ontwerpen"
    # Before she fills anything in, the form says who may save it.
    assert "Opslaan vraagt een account." in browser.page_source
    name = "Regio Deal Testland (fictief)"
    fill(browser, "veld-naam", name)
    fill(browser, "veld-omschrijving", "Een verzonnen ontwerp uit de test van de drie gebruikers.")
    chosen = {field: choose_first(browser, field)
              for field in ["resultaatgericht.doel", "samenwerkend.rolRijk", "resultaatgericht.horizonInstrument"]}
    press(browser, "Advies tonen zonder opslaan")
    # Goal 1: the advice, without an account and without storing anything.
    assert heading(browser) == name
    assert "Niet opgeslagen." in browser.find_element(By.CSS_SELECTOR, "main .notice").text
    summary = browser.find_element(By.CSS_SELECTOR, "section.in-short")
    assert "Sturingsperspectief" in summary.text and "Passende evaluatie" in summary.text
    assert browser.find_element(By.ID, "evaluatie").is_displayed()
    # Back to the form with everything in it; saving without an account is refused, and
    # nothing she typed is lost.
    click_link(browser, "Terug naar het formulier")
    assert browser.find_element(By.ID, "veld-naam").get_attribute("value") == name
    press(browser, "Opslaan en advies tonen")
    assert "Er is niets opgeslagen" in browser.page_source or "niet" in heading(browser)
    kept = " ".join(area.get_attribute("value") for area in browser.find_elements(By.TAG_NAME, "textarea"))
    assert name in kept
    # Logging in brings her back to the form, filled in as she left it.
    follow(browser, browser.find_element(By.XPATH, '//main//a[normalize-space()="Log in"]'))
    back = browser.find_element(By.CSS_SELECTOR, 'input[name="terug"]').get_attribute("value")
    assert back.startswith("/ontwerpen")
    browser.get(server + back)
    assert browser.find_element(By.ID, "veld-naam").get_attribute("value") == name
    for field, value in chosen.items():
        assert browser.find_element(By.CSS_SELECTOR, f'input[name="{field}"][value="{value}"]').is_selected()
    # Goal 2: how her variant differs from another, only what differs.
    browser.get(server + "/")
    click_link(browser, "Vergelijk arrangementen")
    browser.find_element(By.CSS_SELECTOR, 'label[for="weergave-verschillen"]').click()
    press(browser, "Toon")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.comparison tbody tr")
    assert rows and all("status-different" in row.get_attribute("class") for row in rows)
    assert "dimensies verschillen" in browser.page_source


def test_the_programme_manager_records_a_partner_and_a_lesson_on_her_deal(server, browser):
    subprocess.run(
        [str(conftest._binary()), "gebruiker", "maak", "programmamanager", "--redacteur", DEMO, "--wachtwoord-stdin",
         "--database", conftest.DATABASES[-1], "--auteur", "pytest"],
        input=PASSWORD, text=True, check=True, capture_output=True)
    browser.get(server + "/")
    # She finds her deal with the search field in the header.
    fill(browser, "site-zoekveld", "voorbeeld")
    press(browser, "Zoek")
    deal_links = [a for a in browser.find_elements(By.CSS_SELECTOR, "main a")
                  if a.get_attribute("href").endswith(f"/arrangementen/{DEMO}")]
    assert deal_links, "the search finds the demo deal"
    follow(browser, deal_links[0])
    assert path(browser) == f"/arrangementen/{DEMO}"
    # Not signed in: no forms, one notice with the way in, and back to this page after.
    assert not browser.find_elements(By.CSS_SELECTOR, f'a[href="/arrangementen/{DEMO}/partners/nieuw"]')
    follow(browser, browser.find_element(By.XPATH, '//div[contains(@class,"notice")]//a[normalize-space()="Log in"]'))
    fill(browser, "inloggen-naam", "programmamanager")
    fill(browser, "inloggen-wachtwoord", PASSWORD)
    press(browser, "Inloggen")
    assert path(browser).startswith(f"/arrangementen/{DEMO}")
    # Goal 1: a new partner, as redacteur of this deal and without a beheerder.
    follow(browser, browser.find_element(By.CSS_SELECTOR, f'a[href="/arrangementen/{DEMO}/partners/nieuw"]'))
    partner = f"Stichting Testpartner {uuid.uuid4().hex[:6]} (fictief)"
    fill(browser, "veld-organisatie", partner)
    browser.find_element(By.CSS_SELECTOR, 'select[name="type"] option[value="maatschappelijke-organisatie"]').click()
    choose_first(browser, "rollen")
    press(browser, "Opslaan")
    assert not browser.find_elements(By.CSS_SELECTOR, ".error-summary"), browser.find_element(By.TAG_NAME, "main").text
    assert path(browser).startswith(f"/arrangementen/{DEMO}")
    deal = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=portefeuille]")
    assert browser.find_element(By.CSS_SELECTOR, "main [role=status]").text == "De partner is opgeslagen."
    assert partner in deal.get_attribute("textContent")
    # A mistake is not final: deleting asks first, and can be undone from the deal's page.
    delete = [a for a in browser.find_elements(By.CSS_SELECTOR, "a[href$='/verwijderen']")
              if "testpartner" in a.get_attribute("href")]
    follow(browser, delete[0])
    press(browser, "Ja, verwijderen")
    deal = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=portefeuille]")
    assert partner not in deal.get_attribute("textContent")
    press(browser, "Ongedaan maken")
    assert browser.find_element(By.CSS_SELECTOR, "main [role=status]").text.startswith("De partner is teruggezet")
    assert partner in browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=portefeuille]").get_attribute(
        "textContent")
    # Goal 2: a lesson in the learning log, shown on the deal as the latest lesson.
    click_link(browser, "Leerlog: les → besluit → wijziging")
    lesson = f"Wekelijks overleg met de partners houdt de projecten op tijd ({uuid.uuid4().hex[:6]})."
    today = datetime.date.today().isoformat()
    form = browser.find_element(By.XPATH, '//form[.//button[normalize-space()="Les toevoegen"]]')
    fill(browser, form.find_element(By.NAME, "datum").get_attribute("id"), today)
    fill(browser, form.find_element(By.NAME, "les").get_attribute("id"), lesson)
    fill(browser, form.find_element(By.NAME, "door").get_attribute("id"), "programmamanager")
    fill(browser, form.find_element(By.NAME, "bron").get_attribute("id"), "verslag van het partneroverleg (fictief)")
    press(browser, "Les toevoegen")
    assert not browser.find_elements(By.CSS_SELECTOR, ".error-summary"), browser.find_element(By.TAG_NAME, "main").text
    # The lesson is in the log itself, not only kept in the form.
    assert any(lesson in entry.text for entry in browser.find_elements(By.CSS_SELECTOR, "main article, main li"))
    browser.get(server + f"/arrangementen/{DEMO}")
    assert lesson in browser.find_element(By.CSS_SELECTOR, "section.in-short[aria-labelledby=deal-in-het-kort]").text
    # What she may not do is not offered: the deal of another region has no edit links.
    browser.get(server + "/arrangementen/regio-deal-4-twente")
    assert not browser.find_elements(By.CSS_SELECTOR, 'a[href="/arrangementen/regio-deal-4-twente/partners/nieuw"]')


def test_the_auditor_reads_the_report_a_dossier_and_runs_a_qca(server, qca_outcomes, browser):
    browser.get(server + "/")
    click_link(browser, "Verslag van de portefeuille")
    assert heading(browser).startswith("Verslag van de portefeuille")
    assert "Wat is vastgelegd" in browser.page_source
    # Goal 1: one deal's dossier, summary first, ready to print.
    browser.get(server + "/")
    click_link(browser, "Evaluatiedossier van de voorbeelddeal")
    summary = browser.find_element(By.CSS_SELECTOR, ".dossier-summary")
    assert summary.is_displayed() and "fictief" in browser.page_source
    # Goal 2: which combinations of conditions go with an outcome.
    browser.get(server + "/")
    click_link(browser, "QCA")
    form = browser.find_element(By.XPATH, '//form[.//button[@name="analyse"]]')
    outcome = form.find_element(By.NAME, "uitkomst")
    outcome.find_element(By.CSS_SELECTOR, f'option[value="{qca_outcomes}"]').click()
    for condition in ["REGIO", "COFIN"]:
        form.find_element(By.CSS_SELECTOR, f'label[for="{form.find_element(By.CSS_SELECTOR, f"input[name=voorwaarden][value={condition}]").get_attribute("id")}"]').click()
    follow(browser, form.find_element(By.XPATH, './/button[@name="analyse"]'))
    page = browser.page_source
    assert "Waarheidstabel" in page or "waarheidstabel" in page
    assert "In woorden" in page
