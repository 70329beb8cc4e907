"""The whole channel without a browser: report, receipt, reply, answer; and bad input."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from PIL import Image

from samen.core.models import Organisation, Role
from samen.core.tests.factories import user_with_role, verified_client
from samen.intake import codes
from samen.intake.models import Attachment, Signal, SignalEvent
from samen.public.models import AnonymousAccess
from samen.public.tests.helpers import ABOUT, CONTACT, report, where

pytestmark = pytest.mark.django_db


def jpeg_with_exif() -> io.BytesIO:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    exif[0x9003] = "2026:01:02 03:04:05"  # DateTimeOriginal
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    out.seek(0)
    out.name = "IMG_Anna_Harderwijk.jpg"
    return out


def test_start_page_sets_no_cookie_and_strict_headers(harderwijk: Organisation) -> None:
    response = Client().get("/melden/")
    assert response.status_code == 200
    assert not response.cookies
    assert response["Cache-Control"] == "no-store, max-age=0"
    assert response["Referrer-Policy"] == "no-referrer"
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    text = response.content.decode()
    assert "tel:112" in text
    assert "0800-7000" in text
    assert "0800-2000" in text
    assert 'id="quick-exit"' in text
    # No third-party resource: every src and href is on this site or a phone number.
    for url in re.findall(r'(?:src|href)="([^"]+)"', text):
        assert url.startswith(("/", "#", "tel:")), url


def test_full_flow_anonymous_report_reply_and_answer(harderwijk: Organisation) -> None:
    reporter = Client()
    code = report(reporter, harderwijk, lang="pl", photo=jpeg_with_exif())
    assert re.fullmatch(r"([A-HJ-NP-Z2-9]{5}-){4}[A-HJ-NP-Z2-9]{5}", code)
    signal = Signal.objects.get()
    assert signal.channel == codes.Channel.ANONYMOUS
    assert signal.reporter is None
    assert signal.reporter_organisation is None
    assert signal.municipality == harderwijk
    assert signal.forms == [codes.ExploitationForm.LABOUR]
    assert "Zij werken 14 uur per dag." in signal.description
    assert "(pl)" in signal.description
    attachment = Attachment.objects.get(signal=signal)
    assert attachment.original_name == "photo"
    from samen.intake import attachments

    assert b"SecretCamera" not in attachments.read(attachment)
    access = AnonymousAccess.objects.get(signal=signal)
    assert access.secret_hash.startswith("$argon2id$")
    assert code.replace("-", "")[5:] not in access.secret_hash
    # After the receipt page the session is empty again: no cookie lingers.
    assert not reporter.session.items()

    # The coordinator finds it in the queue, marked as anonymous, and replies.
    coordinator = user_with_role(Role.COORDINATOR)
    staff = verified_client(coordinator)
    queue = staff.get("/signalen/triage/").content.decode()
    assert signal.reference in queue
    assert "Anoniem meldkanaal" in queue
    response = staff.post(
        f"/signalen/triage/{signal.reference}/bericht/", {"text": "Waar is de kas precies?"}
    )
    assert response.status_code == 302

    # The reporter opens the report with the code (typed sloppily) and answers.
    response = reporter.post("/melden/volgen/?lang=pl", {"code": code.lower().replace("-", " ")})
    assert response.status_code == 302
    assert response.url.startswith("/melden/volgen/gesprek/")
    page = reporter.get(response.url).content.decode()
    assert "Waar is de kas precies?" in page
    assert 'lang="pl"' in page
    response = reporter.post(
        "/melden/volgen/gesprek/?lang=pl", {"text": "Achter de molen, naast het tankstation."}
    )
    assert response.status_code == 302
    assert "Achter de molen" in reporter.get(response.url).content.decode()
    answer = SignalEvent.objects.get(kind=SignalEvent.Kind.MESSAGE_FROM_REPORTER)
    assert answer.actor is None
    assert answer.text.startswith("Achter de molen")
    # The coordinator sees the answer on the signal's page.
    detail = staff.get(f"/signalen/triage/{signal.reference}/").content.decode()
    assert "Achter de molen" in detail
    # Closing forgets the report on this device.
    reporter.post("/melden/volgen/klaar/")
    assert reporter.get("/melden/volgen/gesprek/").status_code == 302


def test_receipt_is_shown_once(harderwijk: Organisation) -> None:
    client = Client()
    report(client, harderwijk)
    again = client.get("/melden/ontvangen/?lang=en").content.decode()
    assert 'data-testid="receipt"' not in again
    assert "only once" in again


def test_unknown_place_goes_to_the_default_municipality(
    harderwijk: Organisation, settings: object
) -> None:
    client = Client()
    client.post("/melden/stap/about/", ABOUT)
    client.post("/melden/stap/where/", {"municipality": "unknown", "danger": "yes", "started": "1"})
    client.post("/melden/stap/contact/", {**CONTACT, "started": "1"})
    assert client.post("/melden/stap/send/", {"started": "1"}).status_code == 302
    signal = Signal.objects.get()
    # Ermelo and Harderwijk are in one region; without the setting, the first by name.
    assert signal.municipality.name == "Gemeente Ermelo"
    assert signal.immediate_danger
    assert signal.urgency == codes.Urgency.IMMEDIATE


def test_default_municipality_setting(harderwijk: Organisation, settings: object) -> None:
    settings.SAMEN_PUBLIC_DEFAULT_MUNICIPALITY = "GM0243"  # type: ignore[attr-defined]
    from samen.public import services

    assert services.default_municipality() == harderwijk


def test_contact_only_when_wanted(harderwijk: Organisation) -> None:
    client = Client()
    client.post("/melden/stap/about/", ABOUT)
    client.post("/melden/stap/where/", {**where(harderwijk), "started": "1"})
    response = client.post(
        "/melden/stap/contact/?lang=en", {"wanted": "yes", "contact": "", "started": "1"}
    )
    assert response.status_code == 200
    assert "Please write how we can reach you" in response.content.decode()
    client.post(
        "/melden/stap/contact/", {"wanted": "yes", "contact": "06 1234 5678", "started": "1"}
    )
    client.post("/melden/stap/send/", {"started": "1"})
    assert Signal.objects.get().reporter_contact == "06 1234 5678"
