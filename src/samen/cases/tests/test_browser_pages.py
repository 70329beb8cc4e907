"""In Chromium, as a user would: the case list's search filters (a name by POST), editing a
person involved (an error first, then saved) and the privacy officer's review of emergency
access; zero axe-core WCAG 2.2 AA violations on every page and state on the way.

Data comes from the factories (through the services). Pages are found by URL and forms
by their method or submit button, so that the test holds when the translator turns the
English source text into Dutch.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.validators import MaxValueValidator
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from samen.cases import codes, services
from samen.cases.models import Case, CaseEvent, EmergencyAccess, Notification
from samen.cases.tests.factories import lead_coordinator, make_case, member
from samen.core.models import Membership, Role
from samen.core.tests.browser import assert_accessible, log_in
from samen.core.tests.factories import PASSWORD, municipality, totp_device
from samen.intake import codes as intake_codes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REASON = "Acuut gevaar, de regiegemeente is vannacht niet bereikbaar."


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _as(page: Any, base: str, membership: Membership) -> None:
    """Log in through the real two-step form with a second factor of the user's own."""
    device = totp_device(membership.user)
    log_in(page, base, membership.user.username, PASSWORD, device.key)


def _log_out(page: Any) -> None:
    logout = page.locator(f'form[action="{reverse("core:logout")}"] button[type=submit]')
    logout.click()
    expect(logout).to_have_count(0)


def _listed(page: Any) -> set[str]:
    """The case numbers in the list's table (none when the page says nothing was found)."""
    links = page.locator("main table a[href^='/zaken/']")
    return {link.inner_text().strip() for link in links.all()}


def _labour_adult_case(name: str) -> Case:
    case = make_case(name=name)
    services.update_details(
        case,
        lead_coordinator(case.lead_municipality),
        version=case.version,
        forms=[intake_codes.ExploitationForm.LABOUR],
        youth=False,
        confidentiality=case.confidentiality,
    )
    return case


def test_a_coordinator_searches_by_status_form_and_name(page: Any, live_server: Any) -> None:
    base = live_server.url
    anna = make_case(name="Anna de Vries")
    services.change_status(
        anna,
        lead_coordinator(anna.lead_municipality),
        to_status=codes.CaseStatus.ASSESSMENT,
        reason="Gesprek gepland",
        version=anna.version,
    )
    piotr = _labour_adult_case("Piotr Nowak")
    fatima = make_case(name="Fatima El Amrani")

    _as(page, base, lead_coordinator(anna.lead_municipality))
    page.goto(f"{base}{reverse('cases:case_list')}")
    assert _listed(page) == {anna.number, piotr.number, fatima.number}
    assert_accessible(page)

    filters = page.locator("main form[method=get]")
    filters.locator("#id_status").select_option(codes.CaseStatus.ASSESSMENT)
    filters.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*[?&]status=assessment(&|$)"))
    assert _listed(page) == {anna.number}
    assert_accessible(page)

    filters.locator("#id_status").select_option("open")
    filters.locator("#id_form").select_option(intake_codes.ExploitationForm.LABOUR)
    filters.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*[?&]form=labour(&|$)"))
    assert _listed(page) == {piotr.number}
    assert_accessible(page)

    # A name is typed as people do (other capitals, extra spaces) and never reaches the
    # address: the list shows at an address with the keyed hash only.
    page.goto(f"{base}{reverse('cases:case_list')}")
    by_name = page.locator("main form[method=post]")
    by_name.locator("#id_name").fill("  fatima  el AMRANI ")
    by_name.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*[?&]person=[0-9a-f]{40}(&|$)"))
    assert "fatima" not in page.url.lower()
    assert "amrani" not in page.url.lower()
    assert _listed(page) == {fatima.number}
    expect(page.locator("main [role=status]")).to_be_visible()
    assert_accessible(page)

    # The name search ends with one click, back to every case.
    page.locator("main [role=status] a").click()
    page.wait_for_url(lambda url: "person=" not in url)
    assert _listed(page) == {anna.number, piotr.number, fatima.number}


def test_a_coordinator_edits_a_person_after_an_error(page: Any, live_server: Any) -> None:
    base = live_server.url
    case = make_case(name="Anna de Vries")
    person = case.persons.get()
    _as(page, base, lead_coordinator(case.lead_municipality))

    page.goto(f"{base}{reverse('cases:case_detail', kwargs={'number': case.number})}")
    edit_url = reverse("cases:edit_person", kwargs={"number": case.number, "pk": person.pk})
    page.locator(f'main a[href="{edit_url}"]').click()
    page.wait_for_url(f"{base}{edit_url}")
    expect(page.locator("#id_name")).to_have_value("Anna de Vries")
    assert_accessible(page)

    # An impossible age: nothing is saved, the error is shown in Dutch at the field, and
    # what was typed stays in the form.
    page.locator("#id_name").fill("Anna Jansen")
    page.locator("#id_phone").fill("0612345678")
    page.locator("#id_age").fill("200")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator("#id_age_error")).to_be_visible()
    assert page.url == f"{base}{edit_url}"
    with translation.override("nl"):
        dutch = str(MaxValueValidator(110).message) % {"limit_value": 110}
    with translation.override("en"):
        english = str(MaxValueValidator(110).message) % {"limit_value": 110}
    assert dutch != english
    expect(page.locator("#id_age_error")).to_contain_text(dutch)
    expect(page.locator("#id_age")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_name")).to_have_value("Anna Jansen")
    expect(page.locator("#id_phone")).to_have_value("0612345678")
    expect(page.locator("#id_age")).to_have_value("200")
    person.refresh_from_db()
    assert person.name == "Anna de Vries"
    assert_accessible(page)

    page.locator("#id_age").fill("17")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(f"{base}{reverse('cases:case_detail', kwargs={'number': case.number})}")
    person.refresh_from_db()
    assert (person.name, person.phone, person.age) == ("Anna Jansen", "0612345678", 17)
    assert case.events.filter(kind=CaseEvent.Kind.PERSON_CHANGED).exists()
    expect(page.locator("main")).to_contain_text("Anna Jansen")
    assert_accessible(page)


def test_emergency_access_is_reviewed_by_the_privacy_officer(page: Any, live_server: Any) -> None:
    base = live_server.url
    case = make_case(name="Anna de Vries")
    ermelo = municipality("Ermelo", "GM0233")
    coordinator = member(ermelo, Role.COORDINATOR, "coordinator-ermelo")
    officer = member(ermelo, Role.PRIVACY_OFFICER, "privacy-ermelo")
    case_url = f"{base}{reverse('cases:case_detail', kwargs={'number': case.number})}"

    # The coordinator of another municipality opens the case with a reason.
    _as(page, base, coordinator)
    page.goto(f"{base}{reverse('cases:emergency_access')}")
    assert_accessible(page)
    page.locator("#id_number").fill(case.number.lower())
    page.locator("#id_reason").fill(REASON)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(case_url)
    assert "Anna de Vries" in page.content()
    assert_accessible(page)
    assert EmergencyAccess.objects.filter(case=case, membership=coordinator).exists()
    _log_out(page)

    # The privacy officer of that municipality is told, opens the notification and reads
    # who, for which organisation, which case and why, with no way into the case.
    _as(page, base, officer)
    page.goto(f"{base}{reverse('cases:notifications')}")
    notification = Notification.objects.get(
        recipient=officer.user, kind=Notification.Kind.EMERGENCY_ACCESS
    )
    with translation.override("nl"):
        kind = str(Notification.Kind.EMERGENCY_ACCESS.label)
    expect(page.locator("main")).to_contain_text(kind)
    assert_accessible(page)
    open_url = reverse("cases:open_notification", kwargs={"pk": notification.pk})
    page.locator(f'main form[action="{open_url}"] button[type=submit]').click()
    page.wait_for_url(f"{base}{reverse('cases:emergency_grants')}")
    notification.refresh_from_db()
    assert notification.read_at is not None

    row = page.locator("main table tbody tr")
    expect(row).to_have_count(1)
    for text in (coordinator.user.username, ermelo.name, case.number, REASON):
        expect(row).to_contain_text(text)
    assert page.locator(f'a[href*="{case.number}"]').count() == 0
    assert "Anna" not in page.content()
    assert_accessible(page)

    # The review is not a way in: the case stays closed to the privacy officer.
    response = page.goto(case_url)
    assert response is not None
    assert response.status in {403, 404}
