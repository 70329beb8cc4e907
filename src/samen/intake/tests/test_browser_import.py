"""The spreadsheet import in Chromium: upload, columns, dry run, import; zero axe-core
violations on every step."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from samen.core import demo
from samen.core.tests.browser import assert_accessible, log_in
from samen.intake.models import Signal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "Datum;Gemeente;Soort locatie;Vorm;Omschrijving;Leeftijd\n"
    "03-02-2025;GM0243;Hotel;seksueel;Vrouw wordt 's nachts opgehaald;24\n"
    "04-02-2025;Harderwijk;werkplek;arbeid;Busje met arbeiders;vijftien\n"
)


def test_coordinator_imports_a_spreadsheet(
    page: Any, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.load()
    before = Signal.objects.count()
    sheet = tmp_path / "registraties.csv"
    sheet.write_text(CSV, encoding="utf-8")
    base = live_server.url
    log_in(
        page,
        base,
        "coordinator",
        demo.DEMO_PASSWORD,
        demo.demo_totp_secret(demo.DEFAULT_SEED, "coordinator"),
    )
    page.goto(f"{base}/signalen/import/")
    assert_accessible(page)
    page.locator('input[type="file"]').set_input_files(str(sheet))
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/kolommen/$"))
    assert_accessible(page)
    page.locator("main form button.utrecht-button--primary-action").click()
    page.wait_for_url(re.compile(r".*/controle/$"))
    assert_accessible(page)
    assert "vijftien" in page.content()  # the row with an error is shown with its value
    page.locator("#skip-errors").check()
    page.locator("main form button.utrecht-button--primary-action").click()
    page.wait_for_url(re.compile(r".*/klaar/$"))
    assert_accessible(page)
    assert Signal.objects.count() == before + 1
