"""A professional reports a signal step by step, without JavaScript, and follows its status."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from samen.core.audit_models import AuditAction, AuditEvent
from samen.core.models import Role
from samen.core.tests.factories import municipality, user_with_role, verified_client
from samen.intake import codes
from samen.intake.models import Indicator, Signal
from samen.intake.wizard import SESSION_KEY

pytestmark = pytest.mark.django_db

SECRET_STORY = "Meisje van 15 stapt elke dinsdag in een zwarte auto bij het schoolplein"


def step(name: str) -> str:
    return reverse("intake:report_step", kwargs={"step": name})


def person_data(**overrides: str) -> dict[str, str]:
    data = {
        "person-TOTAL_FORMS": "1",
        "person-INITIAL_FORMS": "0",
        "person-MIN_NUM_FORMS": "1",
        "person-MAX_NUM_FORMS": "10",
        "person-0-role": "possible_victim",
        "person-0-age": "15",
        "person-0-age_band": "unknown",
        "person-0-gender": "female",
        "person-0-nationality": "NL",
        "person-0-language": "Nederlands",
        "person-0-name": "Sanne",
        "person-0-phone": "",
    }
    data.update(overrides)
    return data


def walk_to_review(client: Client, *, indicators: list[str]) -> None:
    assert client.post(step("persons"), person_data()).url == step("where")
    place = municipality()
    assert client.post(
        step("where"),
        {"municipality": place.pk, "location_type": "school", "address": "Schoolstraat 1"},
    ).url == step("what")
    assert client.post(
        step("what"), {"exploitation": ["sexual"], "setting": "youth", "description": SECRET_STORY}
    ).url == step("indicators")
    assert client.post(step("indicators"), {"indicators": indicators}).url == step("urgency")
    assert client.post(
        step("urgency"),
        {
            "immediate_danger": "no",
            "awareness": "unaware",
            "reporter_contact": "Mentor, 06-12345678",
        },
    ).url == step("review")


def test_professional_reports_and_follows_the_status() -> None:
    reporter = user_with_role(Role.REPORTER)
    client = verified_client(reporter)
    youth = (
        list(
            Indicator.objects.filter(settings__contains="youth").values_list("code", flat=True)[:2]
        )
        if connection.features.supports_json_field_contains
        else [i.code for i in Indicator.objects.all() if "youth" in i.settings][:2]
    )
    walk_to_review(client, indicators=youth)
    review = client.get(step("review"))
    assert "Sanne" not in review.text  # names are not repeated on screen needlessly
    assert "youth case" in review.text or "jeugdzaak" in review.text
    response = client.post(step("review"), {"next": "1"})
    signal = Signal.objects.get()
    assert response.url == reverse("intake:report_done", kwargs={"reference": signal.reference})
    done = client.get(response.url)
    assert signal.reference in done.text
    assert signal.minor_involved
    assert signal.urgency == codes.Urgency.HIGH
    assert signal.catalogue.is_current
    assert set(signal.indicators.values_list("code", flat=True)) == set(youth)
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(signal.pk)).exists()
    # The reporter sees the status, never the assessment.
    follow = client.get(reverse("intake:follow_signal", kwargs={"reference": signal.reference}))
    assert "Ontvangen" in follow.text or "Received" in follow.text
    assert "score" not in follow.text.lower()
    # The draft is gone after sending.
    assert SESSION_KEY not in client.session


def test_nothing_personal_is_readable_in_the_database() -> None:
    client = verified_client(user_with_role(Role.REPORTER))
    walk_to_review(client, indicators=[])
    client.post(step("review"), {"next": "1"})
    with connection.cursor() as cursor:
        for table in ["intake_signal", "intake_signalperson", "django_session"]:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            dump = repr(cursor.fetchall())
            for needle in ["schoolplein", "Schoolstraat", "Sanne", "06-12345678"]:
                assert needle not in dump, f"{needle} readable in {table}"


def test_draft_survives_an_interruption_and_is_encrypted_in_the_session() -> None:
    client = verified_client(user_with_role(Role.REPORTER))
    client.post(step("persons"), person_data())
    client.post(
        step("where"),
        {"municipality": municipality().pk, "location_type": "school", "address": "Schoolstraat 1"},
    )
    raw_session = client.session.get(SESSION_KEY)
    assert "Schoolstraat" not in raw_session
    # Later: the list offers to continue; the steps still hold what was typed.
    assert (
        "Ga verder" in client.get(reverse("intake:my_signals")).text
        or "Continue" in client.get(reverse("intake:my_signals")).text
    )
    assert 'value="Schoolstraat 1"' in client.get(step("where")).text
    assert 'value="Sanne"' in client.get(step("persons")).text
    # Skipping ahead sends the user back to the first unfinished step.
    assert client.get(step("review")).url == step("what")


@pytest.mark.parametrize(
    ("field", "value", "message_nl"),
    [
        ("person-0-age", "vijftien", "hele getal"),
        ("person-0-age", "-3", "niet lager dan 0"),
        ("person-0-age", "999", "hoogstens 110"),
        ("person-0-name", "x" * 201, "hoogstens 200 tekens"),
        ("person-0-name", "bad\x00name", "onzichtbare"),
    ],
)
def test_bad_person_input_gets_a_specific_message_and_keeps_the_rest(
    field: str, value: str, message_nl: str
) -> None:
    client = verified_client(user_with_role(Role.REPORTER))
    response = client.post(step("persons"), person_data(**{field: value}))
    assert response.status_code == 200
    assert message_nl in response.text
    assert 'value="Nederlands"' in response.text  # the rest of the form is kept


def test_hostile_html_is_shown_as_text_never_run() -> None:
    coordinator = user_with_role(Role.COORDINATOR)
    reporter = user_with_role(Role.REPORTER)
    from samen.intake.tests.factories import make_signal

    signal = make_signal(
        reporter, description='<script>alert("x")</script><img src=x onerror=alert(1)>'
    )
    page = verified_client(coordinator).get(
        reverse("intake:signal_detail", kwargs={"reference": signal.reference})
    )
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert" in page.text


def test_empty_what_step_explains_each_missing_field() -> None:
    client = verified_client(user_with_role(Role.REPORTER))
    client.post(step("persons"), person_data())
    client.post(step("where"), {"municipality": municipality().pk, "location_type": "school"})
    response = client.post(step("what"), {"setting": "general", "description": "   "})
    assert "Vink er minstens één aan" in response.text or "Tick at least one" in response.text
    assert (
        "Beschrijf in een paar zinnen" in response.text
        or "Describe in a few sentences" in response.text
    )


def test_no_victim_described_is_refused() -> None:
    client = verified_client(user_with_role(Role.REPORTER))
    response = client.post(step("persons"), person_data(**{"person-0-role": "suspect"}))
    assert response.status_code == 200
    assert "ten minste één" in response.text or "at least one possible victim" in response.text


def test_add_person_without_javascript_keeps_the_first() -> None:
    client = verified_client(user_with_role(Role.REPORTER))
    response = client.post(step("persons"), {**person_data(), "add_person": "1"})
    assert 'name="person-1-age"' in response.text
    assert 'value="Sanne"' in response.text


def test_business_user_reports_about_their_own_hotel() -> None:
    from samen.core.models import OrganisationType
    from samen.core.tests.factories import organisation

    hotel = organisation("Hotel Test", OrganisationType.HOTEL)
    hotel.municipality = municipality()
    hotel.save()
    client = verified_client(user_with_role(Role.BUSINESS_USER, hotel))
    client.post(step("persons"), person_data(**{"person-0-age": "30"}))
    where = client.get(step("where")).text
    assert 'value="Hotel Test"' in where
    client.post(
        step("where"),
        {"municipality": hotel.municipality_id, "location_type": "hotel", "address": "Hotel Test"},
    )
    what = client.get(step("what")).text
    assert 'value="hotel" checked' in what or 'value="hotel" selected' in what
