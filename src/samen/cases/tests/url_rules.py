"""The cases' rows of the URL-by-role matrix (core/tests/test_access_matrix.py).

Every user of the matrix acts for Gemeente Harderwijk. `shared_case` builds a case led
by Ermelo and referred to Harderwijk (accepted): coordinators and case workers reach
it as partners. `led_case` builds a case that Harderwijk leads: only its coordinators.
"""

from __future__ import annotations

from samen.cases import codes
from samen.cases.tests.factories import lead_coordinator, make_case, make_referral
from samen.core.models import Membership, Role
from samen.core.tests.factories import municipality
from samen.core.tests.url_matrix import Rule
from samen.intake import codes as intake_codes
from samen.intake import services as intake_services
from samen.intake.tests.factories import make_signal

CASE_WORK = frozenset({Role.COORDINATOR, Role.CASE_WORKER})
COORDINATOR = frozenset({Role.COORDINATOR})
# Privacy officers read notifications (of emergency access) but never a case.
NOTIFIED = CASE_WORK | {Role.PRIVACY_OFFICER}


def _ermelo_case():  # type: ignore[no-untyped-def]
    return make_case(municipality("Ermelo", "GM0233"))


def _org_of(user):  # type: ignore[no-untyped-def]
    return Membership.objects.filter(user=user).first().organisation


def shared_case(user):  # type: ignore[no-untyped-def]
    case = _ermelo_case()
    make_referral(case, _org_of(user), codes.ReferralStatus.ACCEPTED)
    return {"number": case.number}


def shared_referral(user):  # type: ignore[no-untyped-def]
    case = _ermelo_case()
    referral = make_referral(case, _org_of(user), codes.ReferralStatus.ACCEPTED)
    return {"number": case.number, "pk": referral.pk}


def requested_referral(user):  # type: ignore[no-untyped-def]
    referral = make_referral(_ermelo_case(), _org_of(user), codes.ReferralStatus.REQUESTED)
    return {"pk": referral.pk}


def led_case(user):  # type: ignore[no-untyped-def]
    return {"number": make_case().number}


def led_case_person(user):  # type: ignore[no-untyped-def]
    case = make_case()
    return {"number": case.number, "pk": case.persons.get().pk}


def led_case_referral(user):  # type: ignore[no-untyped-def]
    from samen.cases.tests.factories import police

    case = make_case()
    referral = make_referral(case, police(), codes.ReferralStatus.REQUESTED)
    return {"number": case.number, "pk": referral.pk}


def signal_decided_open_case(user):  # type: ignore[no-untyped-def]
    signal = make_signal(None)
    intake_services.decide(
        signal, lead_coordinator(), decision=intake_codes.Decision.OPEN_CASE, reason="ernstig"
    )
    return {"reference": signal.reference}


RULES = {
    "cases:case_list": Rule(CASE_WORK),
    "cases:referral_inbox": Rule(CASE_WORK),
    "cases:referral_respond": Rule(CASE_WORK, setup=requested_referral),
    "cases:emergency_access": Rule(COORDINATOR),
    "cases:open_from_signal": Rule(COORDINATOR, setup=signal_decided_open_case),
    "cases:case_detail": Rule(CASE_WORK, setup=shared_case),
    "cases:add_note": Rule(CASE_WORK, method="post", setup=shared_case),
    "cases:record_outcome": Rule(CASE_WORK, setup=shared_case),
    "cases:close_referral": Rule(CASE_WORK, setup=shared_referral),
    "cases:change_status": Rule(COORDINATOR, setup=led_case),
    "cases:edit_details": Rule(COORDINATOR, setup=led_case),
    "cases:add_person": Rule(COORDINATOR, setup=led_case),
    "cases:refer": Rule(COORDINATOR, setup=led_case),
    "cases:record_consent": Rule(COORDINATOR, setup=led_case_person),
    "cases:revoke_referral": Rule(COORDINATOR, setup=led_case_referral),
}


def own_notification(user):  # type: ignore[no-untyped-def]
    from samen.cases.models import Notification

    notification = Notification.objects.create(
        recipient=user, organisation=_org_of(user), kind=Notification.Kind.REFERRAL, url="/zaken/"
    )
    return {"pk": notification.pk}


def task_of_user_org(user):  # type: ignore[no-untyped-def]
    import datetime

    from samen.cases import services
    from samen.cases.tests.factories import BASE_URL

    case = _ermelo_case()
    make_referral(case, _org_of(user), codes.ReferralStatus.ACCEPTED)
    task = services.add_task(
        case,
        lead_coordinator(case.lead_municipality),
        title="Gesprek plannen",
        owner_organisation=_org_of(user),
        due_on=datetime.date(2026, 12, 1),
        base_url=BASE_URL,
    )
    return {"number": case.number, "pk": task.pk}


RULES |= {
    "cases:notifications": Rule(NOTIFIED),
    "cases:open_notification": Rule(NOTIFIED, method="post", setup=own_notification),
    "cases:add_task": Rule(COORDINATOR, setup=led_case),
    "cases:complete_task": Rule(CASE_WORK, method="post", setup=task_of_user_org),
}


def _meeting(case, invited):  # type: ignore[no-untyped-def]
    import datetime

    from django.utils import timezone

    from samen.cases import services
    from samen.cases.tests.factories import BASE_URL

    return services.plan_meeting(
        case,
        lead_coordinator(case.lead_municipality),
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="Stadhuis",
        agenda="Casusoverleg",
        participants=invited,
        base_url=BASE_URL,
    )


def meeting_with_user_org(user):  # type: ignore[no-untyped-def]
    case = _ermelo_case()
    meeting = _meeting(case, [_org_of(user)])
    return {"number": case.number, "pk": meeting.pk}


def led_meeting(user):  # type: ignore[no-untyped-def]
    from samen.cases.tests.factories import police

    case = make_case()
    meeting = _meeting(case, [police()])
    return {"number": case.number, "pk": meeting.pk}


RULES |= {
    "cases:plan_meeting": Rule(COORDINATOR, setup=led_case),
    "cases:meeting_detail": Rule(CASE_WORK, setup=meeting_with_user_org),
    "cases:record_minutes": Rule(COORDINATOR, method="post", setup=led_meeting),
    "cases:add_decision": Rule(COORDINATOR, method="post", setup=led_meeting),
}

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def shared_document(user):  # type: ignore[no-untyped-def]
    from samen.cases import services

    case = _ermelo_case()
    make_referral(case, _org_of(user), codes.ReferralStatus.ACCEPTED)
    lead = lead_coordinator(case.lead_municipality)
    document = services.add_document(
        case, lead, name="verslag.pdf", data=PDF, shared_with_partners=True
    )
    return {"number": case.number, "pk": document.pk}


RULES |= {
    "cases:add_document": Rule(CASE_WORK, method="post", setup=shared_case),
    "cases:download_document": Rule(CASE_WORK, setup=shared_document),
    "cases:change_victim_status": Rule(COORDINATOR, setup=led_case_person),
}

RULES["cases:export_cases"] = Rule(CASE_WORK)

RULES |= {
    "cases:emergency_grants": Rule(frozenset({Role.PRIVACY_OFFICER})),
    # Partners (shared_case) may read shared persons but never edit them: lead only.
    "cases:edit_person": Rule(COORDINATOR, setup=led_case_person),
}

RULES["cases:export_zgw"] = Rule(COORDINATOR, setup=led_case)
