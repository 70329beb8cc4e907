"""End to end in Chromium: signal → case → referral accepted by the police → outcome →
closure → the reporter sees "followed up"; zero axe-core WCAG 2.2 AA violations on
every case page on the way.

Case meetings are not built yet, so the flow goes from the referral to the outcome.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from samen.cases.models import Case
from samen.core import demo
from samen.core.models import User
from samen.core.tests.browser import assert_accessible, log_in
from samen.intake import catalogue
from samen.intake.models import IndicatorCatalogue
from samen.intake.tests.factories import make_signal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if not IndicatorCatalogue.objects.exists():
        catalogue.load_file(catalogue.DATA_DIR / "indicators_v1.json")
    demo.load()


def _as(page: Any, base: str, username: str) -> None:
    secret = demo.demo_totp_secret(demo.DEFAULT_SEED, username)
    log_in(page, base, username, demo.DEMO_PASSWORD, secret)


def _log_out(page: Any) -> None:
    page.get_by_role("button", name="Uitloggen").click()


def test_signal_to_closed_case(page: Any, live_server: Any, demo_data: None) -> None:
    base = live_server.url
    melder = User.objects.get(username="melder")
    signal = make_signal(melder, name="Anna de Vries", age=17)

    # The coordinator decides to open a case and opens it from the signal page.
    _as(page, base, "coordinator")
    page.goto(f"{base}/signalen/triage/{signal.reference}/")
    page.locator('input[name="decision"][value="open_case"]').check()
    page.locator("#id_reason").fill("Minderjarige, signalen van seksuele uitbuiting.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_role("link", name="Casus openen of toevoegen aan een casus").click()
    page.wait_for_url(re.compile(r".*/zaken/nieuw/.*"))
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r".*/zaken/Z-.*"))
    case = Case.objects.get(case_signals__signal=signal)
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.number)
    assert_accessible(page)

    # Refer to the police, sharing the person.
    page.get_by_role("link", name="Refer to a partner").click()
    assert_accessible(page)
    page.locator("#id_to_organisation").select_option(
        label="Politie Oost-Nederland, AVIM Noord-Veluwe"
    )
    page.locator("#id_purpose").fill("Informatief gesprek")
    page.locator("#id_legal_basis").select_option("public_task")
    page.locator('input[name="persons"]').first.check()
    page.get_by_role("button", name="Send the referral").click()
    page.wait_for_url(re.compile(r".*/zaken/Z-.*"))
    expect(page.get_by_test_id("referral-status").first).to_have_text("Requested")
    page.goto(f"{base}/zaken/")
    assert_accessible(page)
    page.goto(f"{base}/zaken/noodtoegang/")
    assert_accessible(page)
    _log_out(page)

    # The police accepts, sees the shared person and records the complaint.
    _as(page, base, "politie")
    page.goto(f"{base}/zaken/verwijzingen/")
    assert_accessible(page)
    assert case.number not in page.content()
    page.get_by_role("link", name=re.compile("Request from")).first.click()
    assert_accessible(page)
    page.locator('input[name="accept"][value="yes"]').check()
    page.get_by_role("button", name="Send your answer").click()
    page.wait_for_url(re.compile(rf".*/zaken/{case.number}/$"))
    assert "Anna de Vries" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Record an outcome").click()
    assert_accessible(page)
    page.locator("#id_kind").select_option("complaint")
    page.locator("#id_on").fill("2026-11-20")
    page.get_by_role("button", name="Record the outcome").click()
    page.wait_for_url(re.compile(rf".*/zaken/{case.number}/$"))
    _log_out(page)

    # The regional coordinator (lead through the partnership of the region) takes the
    # case to closure. Another user than before: a TOTP code is accepted only once.
    _as(page, base, "regiocoordinator")
    for target in ("assessment", "action", "aftercare", "closed"):
        page.goto(f"{base}/zaken/{case.number}/status/")
        assert_accessible(page)
        page.locator(f'input[name="to_status"][value="{target}"]').check()
        page.get_by_role("button", name="Change the status").click()
        page.wait_for_url(re.compile(rf".*/zaken/{case.number}/$"))
    expect(page.get_by_test_id("case-status")).to_have_text("Closed")
    assert_accessible(page)
    _log_out(page)

    # The reporter sees that the signal was followed up, and nothing of the case.
    _as(page, base, "melder")
    page.goto(f"{base}/signalen/mijn/{signal.reference}/")
    assert page.get_by_test_id("status").inner_text() == "Opgevolgd"
    assert case.number not in page.content()
    assert "Anna" not in page.content()
    assert_accessible(page)
