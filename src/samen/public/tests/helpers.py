"""Walk the public report form with Django's test client, as a browser without JS would."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

ABOUT = {
    "who": "other",
    "what": ["work"],
    "description": "Zij werken 14 uur per dag.",
    "since": "months",
}
CONTACT = {"wanted": "no", "contact": ""}


def where(municipality: Any) -> dict[str, str]:
    return {"municipality": str(municipality.pk), "place": "Kas aan de Dijk 3", "danger": "no"}


def report(
    client: Client,
    municipality: Any,
    *,
    lang: str = "nl",
    about: dict[str, Any] | None = None,
    photo: Any = None,
    **extra: Any,
) -> str:
    """Send a whole report; returns the receipt code shown on the receipt page."""
    q = f"?lang={lang}"
    client.post(f"/melden/stap/about/{q}", about or ABOUT, **extra)
    client.post(f"/melden/stap/where/{q}", {**where(municipality), "started": "1"}, **extra)
    client.post(f"/melden/stap/contact/{q}", {**CONTACT, "started": "1"}, **extra)
    data: dict[str, Any] = {"started": "1", "send": ""}
    if photo is not None:
        data["photo"] = photo
    response = client.post(f"/melden/stap/send/{q}", data, **extra)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(response.url, **extra).content.decode()
    match = re.search(r'data-testid="receipt"[^>]*>([A-Z0-9-]+)<', page)
    assert match, page[:3000]
    return match.group(1)
