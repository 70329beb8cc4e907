"""End to end in Chromium: a professional reports, the coordinator triages, the reporter
sees the status; zero axe-core WCAG 2.2 AA violations on every page on the way."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from samen.core import demo
from samen.core.tests.browser import assert_accessible, log_in
from samen.intake import catalogue
from samen.intake.models import IndicatorCatalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A transactional test's flush also empties what data migrations loaded.
    if not IndicatorCatalogue.objects.exists():
        catalogue.load_file(catalogue.DATA_DIR / "indicators_v1.json")
    demo.load()


def secret(username: str) -> str:
    return demo.demo_totp_secret(demo.DEFAULT_SEED, username)


def test_report_triage_and_status(page: Any, live_server: Any, demo_data: None) -> None:
    base = live_server.url
    log_in(page, base, "melder", demo.DEMO_PASSWORD, secret("melder"))
    page.get_by_role("link", name="Signaal melden").first.click()
    # Step 1: about whom
    assert_accessible(page)
    page.locator("#id_person-0-age").fill("16")
    page.locator("#id_person-0-gender").select_option("female")
    page.get_by_role("button", name="Volgende").click()
    # Step 2: where
    page.wait_for_url(re.compile(r".*/where/$"))
    assert_accessible(page)
    page.locator("#id_municipality").select_option(label="Gemeente Harderwijk")
    page.locator("#id_location_type").select_option("school")
    page.get_by_role("button", name="Volgende").click()
    # Step 3: what (first without a description: the error is shown and accessible)
    page.wait_for_url(re.compile(r".*/what/$"))
    page.get_by_label(re.compile("Seksuele uitbuiting")).check()
    page.get_by_role("button", name="Volgende").click()
    expect(page.locator('textarea[aria-invalid="true"]')).to_be_visible()
    assert_accessible(page)
    page.locator("#id_description").fill("Wordt opgehaald bij school door een oudere man.")
    page.get_by_role("button", name="Volgende").click()
    # Step 4: indicators
    page.wait_for_url(re.compile(r".*/indicators/$"))
    assert_accessible(page)
    page.locator('input[name="indicators"]').first.check()
    page.get_by_role("button", name="Volgende").click()
    # Step 5: urgency and consent
    page.wait_for_url(re.compile(r".*/urgency/$"))
    assert_accessible(page)
    page.locator('input[name="awareness"][value="unaware"]').check()
    page.get_by_role("button", name="Volgende").click()
    # Step 6: review and send
    page.wait_for_url(re.compile(r".*/review/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Signaal versturen").click()
    reference = page.get_by_test_id("reference").inner_text()
    assert reference.startswith("S-")
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()

    # The coordinator finds it in the queue and forwards it to the police.
    log_in(page, base, "coordinator", demo.DEMO_PASSWORD, secret("coordinator"))
    page.get_by_role("link", name="Signalen om te beoordelen").first.click()
    assert_accessible(page)
    page.get_by_role("link", name=reference).click()
    assert_accessible(page)
    page.locator('input[name="decision"][value="forward"]').check()
    page.locator("#id_reason").fill("Minderjarige, signalen van seksuele uitbuiting.")
    page.locator("#id_forward_to").select_option(label="Politie Oost-Nederland, AVIM Noord-Veluwe")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("status").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()

    # The reporter sees "followed up" and nothing of the assessment.
    log_in(page, base, "melder", demo.DEMO_PASSWORD, secret("melder"))
    page.get_by_role("link", name="Mijn signalen").first.click()
    assert_accessible(page)
    page.get_by_role("link", name=reference).click()
    assert page.get_by_test_id("status").inner_text() == "Opgevolgd"
    assert "Minderjarige, signalen" not in page.content()
    assert_accessible(page)
