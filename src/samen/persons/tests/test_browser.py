"""In Chromium: a coordinator opens the linkage page, reviews a doubtful pair of the demo
and decides; zero axe-core WCAG 2.2 AA violations on every linkage page.

Pages are found by URL and forms by their buttons' values, so that the test holds when
the translator turns the English source text into Dutch.
"""

from __future__ import annotations

from typing import Any

import pytest

from samen.core import demo
from samen.core.tests.browser import assert_accessible, log_in
from samen.intake import catalogue
from samen.intake.models import IndicatorCatalogue
from samen.persons.models import LinkageRun, PairReview

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if not IndicatorCatalogue.objects.exists():
        catalogue.load_file(catalogue.DATA_DIR / "indicators_v1.json")
    demo.load()


def test_a_coordinator_reviews_a_pair(page: Any, live_server: Any, demo_data: None) -> None:
    base = live_server.url
    secret = demo.demo_totp_secret(demo.DEFAULT_SEED, "coordinator")
    log_in(page, base, "coordinator", demo.DEMO_PASSWORD, secret)

    page.goto(f"{base}/personen/koppeling/")
    assert_accessible(page)
    run = LinkageRun.objects.get()
    page.goto(f"{base}/personen/koppeling/{run.pk}/voortgang/")
    assert_accessible(page)

    page.goto(f"{base}/personen/beoordelen/")
    assert_accessible(page)
    review = PairReview.objects.filter(status=PairReview.Status.OPEN).order_by("pk").first()
    page.locator(f'a[href$="/personen/beoordelen/{review.public_id}/"]').click()
    page.wait_for_url(f"**/personen/beoordelen/{review.public_id}/")
    assert_accessible(page)
    page.locator('button[name="decision"][value="different"]').click()
    page.wait_for_load_state()
    review.refresh_from_db()
    assert review.status == PairReview.Status.DIFFERENT
    assert_accessible(page)
