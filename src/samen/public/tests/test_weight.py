"""Every public page, in every language, weighs under 150 KB: HTML, CSS and JS together."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from samen.core.models import Organisation
from samen.public.tests.helpers import ABOUT, CONTACT, where

pytestmark = pytest.mark.django_db

LIMIT = 150_000
LANGUAGES = [code for code, _ in settings.PUBLIC_LANGUAGES]


def weight(html: str) -> int:
    """Uncompressed bytes of the page and every file it loads (no images are used)."""
    total = len(html.encode())
    for url in set(re.findall(r'(?:src|href)="(/static/[^"?]+)"', html)):
        found = finders.find(url.removeprefix(settings.STATIC_URL))
        assert found, url
        total += Path(str(found)).stat().st_size
    assert "<img" not in html
    return total


def pages(client: Client, municipality: Organisation, lang: str) -> dict[str, str]:
    q = f"?lang={lang}"
    got = {"start": client.get(f"/melden/{q}").content.decode()}
    got["about (errors)"] = client.post(f"/melden/stap/about/{q}", {}).content.decode()
    client.post(f"/melden/stap/about/{q}", ABOUT)
    got["about"] = client.get(f"/melden/stap/about/{q}").content.decode()
    got["where"] = client.get(f"/melden/stap/where/{q}").content.decode()
    client.post(f"/melden/stap/where/{q}", {**where(municipality), "started": "1"})
    got["contact"] = client.get(f"/melden/stap/contact/{q}").content.decode()
    client.post(f"/melden/stap/contact/{q}", {**CONTACT, "started": "1"})
    got["send"] = client.get(f"/melden/stap/send/{q}").content.decode()
    client.post(f"/melden/stap/send/{q}", {"started": "1"})
    got["receipt"] = receipt = client.get(f"/melden/ontvangen/{q}").content.decode()
    code = re.search(r'data-testid="receipt"[^>]*>([A-Z0-9-]+)<', receipt).group(1)  # type: ignore[union-attr]
    got["follow"] = client.get(f"/melden/volgen/{q}").content.decode()
    got["follow (error)"] = client.post(f"/melden/volgen/{q}", {"code": "x"}).content.decode()
    client.post(f"/melden/volgen/{q}", {"code": code})
    got["conversation"] = client.get(f"/melden/volgen/gesprek/{q}").content.decode()
    return got


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_stay_light(
    harderwijk: Organisation, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = {name: weight(html) for name, html in pages(Client(), harderwijk, lang).items()}
    with capsys.disabled():
        print(f"\n{lang}: " + ", ".join(f"{k} {v}" for k, v in weights.items()))
    heavy = {name: w for name, w in weights.items() if w >= LIMIT}
    assert not heavy, heavy
