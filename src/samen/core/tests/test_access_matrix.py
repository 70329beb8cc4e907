"""The URL-by-role matrix: every page and action, for every role, allowed or refused."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from samen.core.audit_models import AuditAction, AuditEvent
from samen.core.models import Role
from samen.core.tests.factories import user_with_role, verified_client
from samen.core.tests.url_matrix import ALL_ROLES, Rule, app_rules, named_patterns, status_for

pytestmark = pytest.mark.django_db

# URL names outside Samen's own apps that are deliberately not in the matrix.
THIRD_PARTY_PREFIXES = ("admin:",)

EXPECTED: dict[str, Rule] = {
    "core:home": Rule(ALL_ROLES),
    "core:account": Rule(ALL_ROLES),
    "core:switch_membership": Rule(ALL_ROLES, method="post"),
    "core:login": Rule(ALL_ROLES, anonymous="open"),
    "core:two_factor": Rule(ALL_ROLES),
    "core:two_factor_setup": Rule(ALL_ROLES),
    "core:logout": Rule(ALL_ROLES, method="post", anonymous="open"),
    "core:logout_everywhere": Rule(ALL_ROLES, method="post"),
    "core:new_recovery_codes": Rule(ALL_ROLES, method="post"),
    "core:audit_log": Rule(frozenset({Role.PRIVACY_OFFICER})),
    "core:verify_audit_log": Rule(frozenset({Role.PRIVACY_OFFICER}), method="post"),
    "core:health": Rule(ALL_ROLES, anonymous="open"),
    "set_language": Rule(ALL_ROLES, method="post", anonymous="open"),
    "admin_index": Rule(frozenset({Role.ADMINISTRATOR})),
    **app_rules(),
}
ADMIN_PAGES = [
    "/admin/",
    "/admin/core/organisation/",
    "/admin/core/organisation/add/",
    "/admin/core/municipality/",
    "/admin/core/region/",
    "/admin/core/user/",
    "/admin/core/membership/",
    "/admin/otp_totp/totpdevice/",
]


def test_every_url_has_a_rule() -> None:
    names = {name for name in named_patterns() if not name.startswith(THIRD_PARTY_PREFIXES)}
    missing = sorted(names - set(EXPECTED))
    assert not missing, f"URLs without an access rule in the matrix: {missing}"


@pytest.mark.parametrize("role", list(Role))
def test_each_role_is_allowed_or_refused_as_the_matrix_says(role: Role) -> None:
    user = user_with_role(role)
    for name, rule in EXPECTED.items():
        if name == "admin_index":
            continue
        kwargs = rule.setup(user) if rule.setup else rule.kwargs
        # A fresh session per URL: logging out must not change the next row's outcome.
        status = status_for(verified_client(user), reverse(name, kwargs=kwargs), rule)
        if role in rule.allowed:
            assert status in {200, 302}, f"{role} should reach {name}, got {status}"
        else:
            assert status in {403, 404}, f"{role} must be refused {name}, got {status}"


@pytest.mark.parametrize("role", list(Role))
def test_admin_only_for_administrators(role: Role) -> None:
    client = verified_client(user_with_role(role))
    for url in ADMIN_PAGES:
        status = client.get(url).status_code
        if role == Role.ADMINISTRATOR:
            assert status == 200, f"administrator should reach {url}, got {status}"
        else:
            final = client.get(url, follow=True)
            assert final.status_code == 403, f"{role} must be refused {url}, got {status}"


def test_anonymous_visitors_are_sent_to_the_login_page() -> None:
    client = Client()
    for name, rule in EXPECTED.items():
        if name == "admin_index":
            url = "/admin/"
        else:
            kwargs = (
                rule.setup(user_with_role(Role.REPORTER, username=f"anon-{name}"))
                if rule.setup
                else rule.kwargs
            )
            url = reverse(name, kwargs=kwargs)
        response = getattr(client, rule.method)(url)
        if rule.anonymous == "open":
            assert response.status_code in {200, 302}
            if response.status_code == 302:
                assert not response.url.startswith(reverse("core:login")) or name == "core:logout"
        else:
            assert response.status_code == 302, name
            final = getattr(client, rule.method)(url, follow=True).redirect_chain[-1][0]
            assert final.startswith(reverse("core:login")), name


def test_refused_access_is_audited_with_the_path() -> None:
    user = user_with_role(Role.ANALYST)
    client = verified_client(user)
    assert client.get(reverse("core:audit_log")).status_code == 403
    event = AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED, actor=user).get()
    assert event.detail == {"path": reverse("core:audit_log")}
    assert event.organisation_name == "Gemeente Harderwijk"


def test_role_comes_from_the_organisation_acted_for() -> None:
    user = user_with_role(Role.ANALYST)
    from samen.core.models import Membership
    from samen.core.tests.factories import municipality

    privacy = Membership.objects.create(
        user=user, organisation=municipality("Ermelo", "GM0233"), role=Role.PRIVACY_OFFICER
    )
    client = verified_client(user)
    analyst = Membership.objects.get(user=user, role=Role.ANALYST)
    client.post(reverse("core:switch_membership"), {"membership": analyst.pk})
    assert client.get(reverse("core:audit_log")).status_code == 403
    client.post(reverse("core:switch_membership"), {"membership": privacy.pk})
    assert client.get(reverse("core:audit_log")).status_code == 200
    # Someone else's membership cannot be chosen.
    stranger = user_with_role(Role.ADMINISTRATOR, username="other-admin")
    foreign = Membership.objects.get(user=stranger)
    response = client.post(
        reverse("core:switch_membership"), {"membership": foreign.pk}, follow=True
    )
    assert (
        "Je kunt niet namens die organisatie werken" in response.text or response.status_code == 200
    )
    assert client.get("/admin/").status_code in {302, 403}


def test_administrator_changes_in_admin_are_audited() -> None:
    admin = user_with_role(Role.ADMINISTRATOR)
    client = verified_client(admin)
    from samen.core.models import Organisation, Region

    region = Region.objects.get()
    response = client.post(
        "/admin/core/organisation/add/",
        {
            "name": "Hotel Test",
            "type": "hotel",
            "region": region.pk,
            "municipality_code": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    org = Organisation.objects.get(name="Hotel Test")
    event = AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(org.pk)).get()
    assert event.actor == admin
    assert event.object_type == "core.organisation"


def test_viewing_a_user_in_the_admin_is_audited() -> None:
    admin = user_with_role(Role.ADMINISTRATOR)
    other = user_with_role(Role.REPORTER, username="someone")
    client = verified_client(admin)
    assert client.get(f"/admin/core/user/{other.pk}/change/").status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="core.user", object_id=str(other.pk), actor=admin
    ).exists()
