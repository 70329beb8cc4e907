"""Browser-test fixtures: Debian's Chromium driven by Playwright, axe-core for WCAG 2.2 AA.

Used by every app's tests marked `browser` (`make test-browser`). Playwright never
downloads a browser here: the executable comes from SAMEN_CHROMIUM (/usr/bin/chromium).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the
    # test body are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    executable = os.environ.get("SAMEN_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    # bypass_csp lets axe-core be injected; CSP itself is asserted on response headers.
    context = chromium.new_context(bypass_csp=True, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def assert_accessible(page: Any) -> None:
    """Zero axe-core violations of WCAG 2.2 level A and AA on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]},
    )
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


_LAST_STEP: dict[str, int] = {}


def totp_code(secret_hex: str) -> str:
    """A code the server will accept now, also for repeated logins within 30 seconds.

    django-otp refuses a time step that was used before (replay protection) and accepts
    one step ahead (drift tolerance 1). So a repeated login takes the next step, and when
    that one is used too, waits for the clock to reach it.
    """
    import time

    from django_otp.oath import totp

    now = int(time.time()) // 30
    last = _LAST_STEP.get(secret_hex, now - 1)
    if last > now:
        time.sleep((now + 1) * 30 - time.time() + 0.5)
        now = int(time.time()) // 30
    step = max(now, last + 1)
    _LAST_STEP[secret_hex] = step
    code = totp(bytes.fromhex(secret_hex), step=30, t0=0, digits=6, drift=step - now)
    return f"{code:06d}"


def log_in(page: Any, base_url: str, username: str, password: str, secret_hex: str | None) -> None:
    """Log in through the real two-step form (Dutch labels, the default language)."""
    page.goto(f"{base_url}/account/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Volgende").click()
    if secret_hex is not None:
        page.get_by_label("Code").fill(totp_code(secret_hex))
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(f"{base_url}/")
