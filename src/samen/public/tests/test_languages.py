"""Twelve languages, chosen per request without a cookie; Arabic right to left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from samen.core.models import Organisation
from samen.public import languages

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parent.parent / "locale"
REQUIRED = {"nl", "en", "pl", "ro", "bg", "hu", "uk", "ru", "ar", "ti", "es", "pt"}
START_TITLE = {
    "nl": "Mensenhandel melden",
    "en": "Report human trafficking",
    "pl": "Zgłoś handel ludźmi",
    "ar": "الإبلاغ عن الاتجار بالبشر",
    "ti": "ንግዲ ደቂ ሰባት ሓብሩ",
}


def test_all_required_languages_are_offered() -> None:
    assert set(languages.codes()) >= REQUIRED
    # The staff interface keeps its own two languages.
    assert [code for code, _ in settings.LANGUAGES] == ["nl", "en"]


def po_entries(path: Path) -> list[tuple[str, str, str]]:
    """(references, msgid, msgstr) of every entry of a .po file."""
    found = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        parts: dict[str, list[str]] = {"#": [], "msgid": [], "msgstr": []}
        current = "#"
        for line in block.splitlines():
            if line.startswith("#"):
                parts["#"].append(line)
            elif line.startswith(("msgid ", "msgstr ")):
                current, _, rest = line.partition(" ")
                parts[current].append(rest.strip('"'))
            elif line.startswith('"'):
                parts[current].append(line.strip('"'))
        if parts["msgid"] and "".join(parts["msgid"]):
            found.append(("\n".join(parts["#"]), "".join(parts["msgid"]), "".join(parts["msgstr"])))
    return found


# Strings only the staff read (the summary in the signal, model names): Dutch only.
STAFF_ONLY_SOURCES = ("services.py", "models.py", "apps.py")


def staff_only(refs: str) -> bool:
    files = re.findall(r"([\w/]+\.(?:py|html)):\d+", refs)
    return bool(files) and all(f.rsplit("/", 1)[-1] in STAFF_ONLY_SOURCES for f in files)


@pytest.mark.parametrize("code", sorted(REQUIRED - {"en"}))
def test_every_public_string_is_translated(code: str) -> None:
    path = LOCALE / code / "LC_MESSAGES" / "django.po"
    entries = po_entries(path)
    assert len(entries) > 100
    untranslated = [
        msgid
        for refs, msgid, msgstr in entries
        if not msgstr and (code == "nl" or not staff_only(refs))
    ]
    assert not untranslated, untranslated
    assert "#, fuzzy" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(REQUIRED))
def test_start_page_in_each_language(harderwijk: Organisation, code: str) -> None:
    page = Client().get(f"/melden/?lang={code}").content.decode()
    assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">' in page
    if code in START_TITLE:
        assert START_TITLE[code] in page
    note = 'class="p-note"' in page
    assert note == (code in languages.UNCHECKED)
    # Links carry the language on, so no cookie is needed to keep it.
    assert f'/melden/stap/about/?lang={code}"' in page


def test_browser_language_is_honoured(harderwijk: Organisation) -> None:
    client = Client()
    page = client.get("/melden/", HTTP_ACCEPT_LANGUAGE="uk-UA,uk;q=0.9,en;q=0.5")
    assert '<html lang="uk"' in page.content.decode()
    page = client.get("/melden/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert '<html lang="nl"' in page.content.decode()
    # ?lang= wins over the browser, and no language cookie is set.
    page = client.get("/melden/?lang=ro", HTTP_ACCEPT_LANGUAGE="uk")
    assert '<html lang="ro"' in page.content.decode()
    assert not page.cookies
    # Nonsense is ignored.
    page = client.get("/melden/?lang=../../etc", HTTP_ACCEPT_LANGUAGE="x" * 5000)
    assert '<html lang="nl"' in page.content.decode()


def test_staff_pages_keep_staff_languages(harderwijk: Organisation) -> None:
    page = Client().get("/account/login/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert '<html lang="nl"' in page
