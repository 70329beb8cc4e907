"""Every page carries a strict Content-Security-Policy and the usual hardening headers."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_headers() -> None:
    response = Client().get(reverse("core:login"))
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert (
        "no-store" in response.headers["Cache-Control"]
        or "max-age=0" in response.headers["Cache-Control"]
    )


def test_pages_load_nothing_from_another_origin() -> None:
    html = Client().get(reverse("core:login")).text
    for marker in ('src="http', 'href="http', 'src="//', 'href="//'):
        assert marker not in html
