"""Bad input and interrupted forms: a clear message in the reporter's language, nothing lost."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samen.core.models import Organisation
from samen.intake.models import Signal
from samen.public.forms import clean_text
from samen.public.tests.helpers import ABOUT, CONTACT, where

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    " \t\n ",
    "x" * 5001,
    "<script>alert(1)</script>",
    "'; DROP TABLE intake_signal; --",
    "\x00\x01\x02 nul en stuurtekens",
    "\u202egnp.exe\u202c omgekeerd",
    "Z\u0351\u0352\u0353\u0354a\u0355\u0356lgo" * 50,
    "👩‍👩‍👧 \U0001f9d1🏽‍🌾 emoji",
    "\ufeff\u200b\u2060 onzichtbaar",
    "ﷺ ﷽ عربي",
    "\ud7ff\ue000\uffff",
    "{{ request.META }} {% debug %}",
]


def test_empty_step_says_what_is_missing_in_the_chosen_language(
    harderwijk: Organisation,
) -> None:
    page = Client().post("/melden/stap/about/?lang=en", {}).content.decode()
    assert "Please answer this question." in page
    assert 'aria-invalid="true"' in page
    assert 'role="alert"' in page


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_in_every_field(harderwijk: Organisation, value: str) -> None:
    client = Client()
    about = {"who": value, "what": [value], "description": value, "since": value}
    response = client.post("/melden/stap/about/?lang=en", about)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "{% debug %}" not in page or "{% debug %}" in value  # shown as text, escaped
    response = client.post(
        "/melden/stap/where/?lang=en",
        {"municipality": value, "place": value, "danger": value, "started": "1"},
    )
    assert response.status_code in {200, 302}
    response = client.post(
        "/melden/stap/contact/?lang=en", {"wanted": value, "contact": value, "started": "1"}
    )
    assert response.status_code in {200, 302}
    response = client.post("/melden/volgen/?lang=en", {"code": value})
    assert response.status_code == 200
    assert not Signal.objects.exists()


@pytest.mark.parametrize("value", [v for v in HOSTILE if v.strip() and len(v) <= 5000])
def test_odd_text_is_stored_cleaned(harderwijk: Organisation, value: str) -> None:
    client = Client()
    client.post("/melden/stap/about/", {**ABOUT, "description": value + " rest"})
    place = value if len(value) <= 300 else value[:100]
    client.post("/melden/stap/where/", {**where(harderwijk), "place": place, "started": "1"})
    client.post("/melden/stap/contact/", {**CONTACT, "started": "1"})
    assert client.post("/melden/stap/send/", {"started": "1"}).status_code == 302
    signal = Signal.objects.get()
    assert "\x00" not in signal.description
    assert "\u202e" not in signal.description
    assert signal.description.startswith(clean_text(value + " rest"))


@given(st.text(max_size=400))
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_clean_text_keeps_no_controls(value: str) -> None:
    cleaned = clean_text(value)
    assert "\x00" not in cleaned
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in cleaned)
    assert cleaned == cleaned.strip()


def test_too_long_text_is_kept_and_explained(harderwijk: Organisation) -> None:
    client = Client()
    long_text = "lang verhaal " * 500  # 6500 characters, above 5000
    page = client.post(
        "/melden/stap/about/?lang=en", {**ABOUT, "description": long_text}
    ).content.decode()
    assert "This is too long" in page
    assert long_text.strip()[:4000] in page  # what was typed is still in the field


def test_huge_request_gets_a_plain_message(harderwijk: Organisation) -> None:
    client = Client()
    client.post("/melden/stap/about/", ABOUT)
    huge = "x" * 13_000_000  # above DATA_UPLOAD_MAX_MEMORY_SIZE
    response = client.post("/melden/stap/where/?lang=en", {"place": huge, "started": "1"})
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    # The earlier step is still there.
    page = client.get("/melden/stap/about/?lang=en").content.decode()
    assert ABOUT["description"] in page


def test_going_back_and_forth_keeps_answers(harderwijk: Organisation) -> None:
    client = Client()
    client.post("/melden/stap/about/", ABOUT)
    client.post("/melden/stap/where/", {"place": "Halve invoer", "started": "1", "back": ""})
    page = client.get("/melden/stap/about/").content.decode()
    assert ABOUT["description"] in page
    page = client.get("/melden/stap/where/").content.decode()
    assert "Halve invoer" in page


def test_interrupted_session_says_so_and_keeps_the_last_step(harderwijk: Organisation) -> None:
    client = Client()
    client.post("/melden/stap/about/", ABOUT)
    client.cookies.clear()  # the browser was closed, or the session ran out
    response = client.post("/melden/stap/where/?lang=en", {**where(harderwijk), "started": "1"})
    assert response.status_code == 302
    assert "/stap/about/" in response.url
    assert "notice=lost" in response.url
    page = client.get(response.url).content.decode()
    assert "We had to forget your earlier answers" in page
    # After answering step 1 again, step 2 still holds what was typed last.
    client.post("/melden/stap/about/", ABOUT)
    assert "Kas aan de Dijk 3" in client.get("/melden/stap/where/").content.decode()


def test_send_without_earlier_steps_goes_back(harderwijk: Organisation) -> None:
    response = Client().post("/melden/stap/send/?lang=en", {"started": "1"})
    assert response.status_code == 302
    assert "notice=lost" in response.url


def test_unknown_step_is_404(harderwijk: Organisation) -> None:
    assert Client().get("/melden/stap/anything/").status_code == 404


def test_photo_that_is_not_a_photo(harderwijk: Organisation) -> None:
    client = Client()
    client.post("/melden/stap/about/", ABOUT)
    client.post("/melden/stap/where/", {**where(harderwijk), "started": "1"})
    client.post("/melden/stap/contact/", {**CONTACT, "started": "1"})
    fake = io.BytesIO(b"MZ\x90\x00 not a photo")
    fake.name = "photo.jpg"
    page = client.post("/melden/stap/send/?lang=en", {"started": "1", "photo": fake})
    assert page.status_code == 200
    assert "We cannot use this file" in page.content.decode()
    broken = io.BytesIO(b"\xff\xd8\xff\xe0 broken jpeg")
    broken.name = "photo.jpg"
    page = client.post("/melden/stap/send/?lang=en", {"started": "1", "photo": broken})
    assert "We cannot use this file" in page.content.decode()
    assert not Signal.objects.exists()
    # The answers are still there: sending without the photo works.
    assert client.post("/melden/stap/send/", {"started": "1"}).status_code == 302


def test_reply_needs_text_or_photo(harderwijk: Organisation) -> None:
    from samen.public.tests.helpers import report

    client = Client()
    code = report(client, harderwijk)
    client.post("/melden/volgen/", {"code": code})
    page = client.post("/melden/volgen/gesprek/?lang=en", {"text": "   "}).content.decode()
    assert "Please write a message or add a photo." in page


def test_quick_exit_forgets_and_leaves(harderwijk: Organisation, settings: object) -> None:
    client = Client()
    client.post("/melden/stap/about/", ABOUT)
    response = client.get("/melden/weg/")
    assert response.status_code == 302
    assert response.url == "https://www.weeronline.nl/"
    # Back in history: the answers are gone.
    page = client.get("/melden/stap/about/").content.decode()
    assert ABOUT["description"] not in page
    # The beacon sent by exit.js is a POST to the same address.
    assert client.post("/melden/weg/").status_code == 302
