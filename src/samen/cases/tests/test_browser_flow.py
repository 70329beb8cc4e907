"""End to end in Chromium: signal → case → referral accepted by the police → case meeting
→ outcome → closure → the reporter sees "followed up"; zero axe-core WCAG 2.2 AA
violations on every case page on the way.

Case pages are found by URL and their forms by their submit button, so that the test
holds when the translator turns the English source text into Dutch.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from samen.cases.models import Case, Meeting, Referral
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
    # Each user logs in once: a TOTP code is accepted only once per 30-second step.
    secret = demo.demo_totp_secret(demo.DEFAULT_SEED, username)
    log_in(page, base, username, demo.DEMO_PASSWORD, secret)


def _log_out(page: Any) -> None:
    page.get_by_role("button", name="Uitloggen").click()


def _submit(page: Any, action: str = "") -> None:
    form = page.locator(f'main form[action="{action}"]' if action else "main form[method=post]")
    form.locator("button[type=submit]").first.click()


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
    page.locator(f'a[href="/zaken/nieuw/{signal.reference}/"]').click()
    assert_accessible(page)
    _submit(page)
    page.wait_for_url(re.compile(r".*/zaken/Z-[^/]+/$"))
    case = Case.objects.get(case_signals__signal=signal)
    case_url = f"{base}/zaken/{case.number}/"
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.number)
    assert_accessible(page)

    # Refer to the police, sharing the person.
    page.locator(f'a[href="/zaken/{case.number}/verwijzen/"]').click()
    assert_accessible(page)
    page.locator("#id_to_organisation").select_option(
        label="Politie Oost-Nederland, AVIM Noord-Veluwe"
    )
    page.locator("#id_purpose").fill("Informatief gesprek")
    page.locator("#id_legal_basis").select_option("public_task")
    page.locator('input[name="persons"]').first.check()
    _submit(page)
    page.wait_for_url(case_url)

    # Plan a case meeting with the police.
    page.locator(f'a[href="/zaken/{case.number}/overleg/nieuw/"]').click()
    assert_accessible(page)
    starts = timezone.localtime() + timedelta(days=2)
    page.locator("#id_starts_at").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_place").fill("Stadhuis Harderwijk")
    page.locator("#id_agenda").fill("1. Veiligheid\n2. Opvang")
    page.get_by_label("Politie Oost-Nederland, AVIM Noord-Veluwe").check()
    _submit(page)
    page.wait_for_url(re.compile(r".*/overleg/\d+/$"))
    assert_accessible(page)
    for other in ("/zaken/", "/zaken/noodtoegang/", "/zaken/meldingen/"):
        page.goto(f"{base}{other}")
        assert_accessible(page)
    _log_out(page)

    # The police accepts, sees the shared person, the meeting, and records the complaint.
    referral = Referral.objects.get(case=case)
    meeting = Meeting.objects.get(case=case)
    _as(page, base, "politie")
    page.goto(f"{base}/zaken/verwijzingen/")
    assert_accessible(page)
    assert case.number not in page.content()
    page.locator(f'a[href="/zaken/verwijzingen/{referral.pk}/"]').click()
    assert_accessible(page)
    page.locator('input[name="accept"][value="yes"]').check()
    _submit(page)
    page.wait_for_url(case_url)
    assert "Anna de Vries" in page.content()
    assert_accessible(page)
    page.locator(f'a[href="/zaken/{case.number}/overleg/{meeting.pk}/"]').click()
    expect(page.locator("main")).to_contain_text("Opvang")
    assert_accessible(page)
    page.goto(f"{base}/zaken/{case.number}/uitkomsten/")
    assert_accessible(page)
    page.locator("#id_kind").select_option("complaint")
    page.locator("#id_on").fill("2026-11-20")
    _submit(page)
    page.wait_for_url(case_url)
    _log_out(page)

    # The regional coordinator (lead through the partnership of the region) records the
    # meeting's decision and takes the case to closure.
    _as(page, base, "regiocoordinator")
    page.goto(f"{base}/zaken/{case.number}/overleg/{meeting.pk}/")
    page.locator("#id_minutes").fill("Besproken: veiligheid en opvang.")
    _submit(page, f"/zaken/{case.number}/overleg/{meeting.pk}/notulen/")
    page.wait_for_url(re.compile(r".*/overleg/\d+/$"))
    assert_accessible(page)
    for target in ("assessment", "action", "aftercare", "closed"):
        page.goto(f"{base}/zaken/{case.number}/status/")
        assert_accessible(page)
        page.locator(f'input[name="to_status"][value="{target}"]').check()
        _submit(page)
        page.wait_for_url(case_url)
    case.refresh_from_db()
    assert case.status == "closed"
    assert_accessible(page)
    _log_out(page)

    # The reporter sees that the signal was followed up, and nothing of the case.
    _as(page, base, "melder")
    page.goto(f"{base}/signalen/mijn/{signal.reference}/")
    assert page.get_by_test_id("status").inner_text() == "Opgevolgd"
    assert case.number not in page.content()
    assert "Anna" not in page.content()
    assert_accessible(page)
