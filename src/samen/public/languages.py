"""The languages of the public channel: chosen per request, never remembered in a cookie.

Staff work in settings.LANGUAGES (Dutch, English); the public pages offer
settings.PUBLIC_LANGUAGES. The language comes from `?lang=`, else from the browser's
Accept-Language, else Dutch; links and forms carry `?lang=` on, so no cookie is needed.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation.trans_real import parse_accept_lang_header

# Translations nobody who speaks the language natively has read yet. The pages in
# these languages say so, in the language itself. Remove a code once it is checked.
UNCHECKED = frozenset({"pl", "ro", "bg", "hu", "uk", "ru", "ar", "ti", "es", "pt"})
RTL = frozenset({"ar"})


def codes() -> list[str]:
    return [code for code, _name in settings.PUBLIC_LANGUAGES]


def choose(request: HttpRequest) -> str:
    offered = codes()
    asked = request.GET.get("lang", "")
    if asked in offered:
        return asked
    for accepted, _quality in parse_accept_lang_header(
        request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    ):
        accepted = accepted.lower()
        for candidate in (accepted, accepted.split("-")[0]):
            if candidate in offered:
                return candidate
    return settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in offered else offered[0]


def name(code: str) -> str:
    return dict(settings.PUBLIC_LANGUAGES).get(code, code)
