"""The public channel in Chromium: with and without JavaScript, in every language.

- Full flow in Polish (browser language pl): report, receipt, the coordinator replies
  through the staff pages, the reporter reads the reply and answers; again with
  JavaScript disabled.
- axe-core (WCAG 2.2 A and AA) on every public page in every language, at 320 pixels
  wide, including error states; Arabic is checked to run right to left.
- Quick exit with and without JavaScript, and what Back shows afterwards.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from samen.core import demo
from samen.core.tests.browser import assert_accessible, log_in
from samen.intake import catalogue
from samen.intake.models import IndicatorCatalogue, Signal, SignalEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def demo_data(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if not IndicatorCatalogue.objects.exists():
        catalogue.load_file(catalogue.DATA_DIR / "indicators_v1.json")
    demo.load()


def context(chromium: Any, *, lang: str = "nl", js: bool = True) -> Any:
    # bypass_csp lets axe-core be injected; the CSP itself is asserted on headers elsewhere.
    return chromium.new_context(locale=lang, java_script_enabled=js, bypass_csp=js, viewport=NARROW)


def fits_narrow_screen(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{page.url} is {width}px wide"


def check(page: Any, *, js: bool = True) -> None:
    fits_narrow_screen(page)
    if js:
        assert_accessible(page)


def fill_report(page: Any, base: str, *, lang: str, js: bool = True, query: str = "") -> str:
    """Walk the form, checking each page (and an error state); returns the receipt code."""
    page.goto(f"{base}/melden/{query}")
    check(page, js=js)
    page.locator('a[href*="/melden/stap/about/"]').click()
    check(page, js=js)
    page.locator('button[name="next"]').click()  # nothing filled in: errors
    expect(page.locator('[aria-invalid="true"]').first).to_be_attached()
    check(page, js=js)
    page.locator('input[name="who"][value="other"]').check()
    page.locator('input[name="what"][value="work"]').check()
    page.locator("#id_description").fill("Pracują 14 godzin dziennie w szklarni, bez pensji.")
    page.locator('input[name="since"][value="months"]').check()
    page.locator('button[name="next"]').click()
    page.wait_for_url(re.compile(r".*/stap/where/.*"))
    check(page, js=js)
    page.locator("#id_municipality").select_option(label="Gemeente Harderwijk")
    page.locator("#id_place").fill("Kas aan de Dijk 3")
    page.locator('input[name="danger"][value="no"]').check()
    page.locator('button[name="next"]').click()
    page.wait_for_url(re.compile(r".*/stap/contact/.*"))
    check(page, js=js)
    page.locator('input[name="wanted"][value="no"]').check()
    page.locator('button[name="next"]').click()
    page.wait_for_url(re.compile(r".*/stap/send/.*"))
    check(page, js=js)
    assert "Kas aan de Dijk 3" in page.content()
    page.locator('button[name="send"]').click()
    page.wait_for_url(re.compile(r".*/melden/ontvangen/.*"))
    check(page, js=js)
    code = page.get_by_test_id("receipt").inner_text().strip()
    assert re.fullmatch(r"([A-Z2-9]{5}-){4}[A-Z2-9]{5}", code)
    return code


def open_with_code(page: Any, base: str, code: str, *, lang: str, js: bool = True) -> None:
    page.goto(f"{base}/melden/volgen/?lang={lang}")
    check(page, js=js)
    page.locator("#id_code").fill("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
    page.locator("form button[type=submit]").first.click()
    expect(page.locator('[aria-invalid="true"]').first).to_be_attached()
    check(page, js=js)
    page.locator("#id_code").fill(code.lower())
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/melden/volgen/gesprek/.*"))
    check(page, js=js)


def newest_anonymous_signal() -> Signal:
    # The demo data holds anonymous signals too; the test's own report is the newest.
    return Signal.objects.filter(channel="anonymous").latest("created_at", "pk")


def test_full_flow_in_polish(chromium: Any, live_server: Any, demo_data: None) -> None:
    base = live_server.url
    reporter = context(chromium, lang="pl-PL")
    page = reporter.new_page()
    code = fill_report(page, base, lang="pl")  # no ?lang=: the browser language decides
    assert page.locator("html").get_attribute("lang") == "pl"
    assert "Twoje zgłoszenie zostało wysłane" in page.content()

    # The coordinator sees it in the queue as anonymous and replies from its page.
    staff = context(chromium, lang="nl-NL").new_page()
    log_in(staff, base, "coordinator", demo.DEMO_PASSWORD, demo.demo_totp_secret(
        demo.DEFAULT_SEED, "coordinator"))  # fmt: skip
    staff.goto(f"{base}/signalen/triage/")
    reference = newest_anonymous_signal().reference
    row = staff.locator("tr", has=staff.get_by_role("link", name=reference))
    expect(row).to_contain_text("Anoniem meldkanaal")
    staff.get_by_role("link", name=reference).click()
    assert_accessible(staff)
    staff.locator("#id_text").fill("Dziękujemy. Czy wie Pan/Pani, ile osób tam pracuje?")
    staff.get_by_role("button", name="Bericht versturen").click()
    expect(staff.get_by_role("status").first).to_be_visible()

    # The reporter returns with the code, reads the reply and answers.
    open_with_code(page, base, code, lang="pl")
    expect(page.locator(".p-messages")).to_contain_text("ile osób tam pracuje")
    page.locator("#id_text").fill("Około dwudziestu osób, głównie z Polski.")
    page.locator('form[enctype] button[type="submit"]').click()
    expect(page.locator(".p-messages")).to_contain_text("Około dwudziestu osób")
    check(page)
    answer = SignalEvent.objects.get(kind="from_reporter")
    assert answer.text == "Około dwudziestu osób, głównie z Polski."
    # The coordinator reads the answer on the signal's page.
    staff.reload()
    expect(staff.locator("#history-heading + ol")).to_contain_text("Około dwudziestu osób")


def test_full_flow_without_javascript(
    chromium: Any, live_server: Any, demo_data: None, local_exit: str
) -> None:
    from samen.core.models import Membership
    from samen.intake import services as intake_services

    base = live_server.url
    page = context(chromium, lang="pl-PL", js=False).new_page()
    code = fill_report(page, base, lang="pl", js=False, query="?lang=pl")
    signal = newest_anonymous_signal()
    coordinator = Membership.objects.get(user__username="coordinator", role="coordinator")
    intake_services.message_reporter(signal, coordinator, "Gdzie dokładnie jest szklarnia?")
    open_with_code(page, base, code, lang="pl", js=False)
    assert "Gdzie dokładnie jest szklarnia?" in page.content()
    page.locator("#id_text").fill("Za młynem.")
    page.locator('form[enctype] button[type="submit"]').click()
    page.wait_for_url(re.compile(r".*sent=1.*"))
    assert "Za młynem." in page.content()
    # Quick exit is a plain link: it works without JavaScript too.
    page.locator("#quick-exit").click()
    page.wait_for_url(local_exit)


@pytest.mark.parametrize("lang", [code for code, _ in django_settings.PUBLIC_LANGUAGES])
def test_every_page_accessible_in_every_language(
    chromium: Any, live_server: Any, demo_data: None, lang: str
) -> None:
    base = live_server.url
    page = context(chromium, lang=lang).new_page()
    code = fill_report(page, base, lang=lang, query=f"?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    open_with_code(page, base, code, lang=lang)
    # Error on the conversation page, and the receipt page once its code is gone.
    page.locator('form[enctype] button[type="submit"]').click()
    expect(page.locator('[aria-invalid="true"]').first).to_be_attached()
    check(page)
    page.goto(f"{base}/melden/ontvangen/?lang={lang}")
    check(page)
    if lang == "ar":
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        leave = page.locator("#quick-exit").bounding_box()
        # Mirrored: the exit button, first in the header, starts at the right edge.
        assert leave["x"] + leave["width"] > NARROW["width"] - 24
        assert leave["x"] > NARROW["width"] / 3


@pytest.fixture
def local_exit(settings: Any, live_server: Any) -> str:
    # The test browser has no internet: leave for a page of the test server instead.
    settings.SAMEN_PUBLIC_EXIT_URL = f"{live_server.url}/health/"
    return settings.SAMEN_PUBLIC_EXIT_URL


@pytest.mark.parametrize("js", [True, False])
def test_quick_exit_leaves_nothing_behind(
    chromium: Any, live_server: Any, demo_data: None, local_exit: str, js: bool
) -> None:
    base = live_server.url
    page = context(chromium, lang="nl-NL", js=js).new_page()
    page.goto(f"{base}/melden/stap/about/?lang=nl")
    page.locator('input[name="who"][value="me"]').check()
    page.locator("#id_description").fill("Mijn baas houdt mijn paspoort vast.")
    page.locator('button[name="next"]').click()
    page.wait_for_url(re.compile(r".*/stap/where/.*"))
    page.locator("#quick-exit").click()
    page.wait_for_url(local_exit)
    page.go_back()
    # Whatever Back shows now, the report in progress is gone.
    assert "paspoort vast" not in page.content()
    if js:
        # location.replace(): the step page itself is no longer in the history.
        assert "/stap/where/" not in page.url


def test_escape_twice_leaves(
    chromium: Any, live_server: Any, demo_data: None, local_exit: str
) -> None:
    page = context(chromium).new_page()
    page.goto(f"{live_server.url}/melden/")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(local_exit)
