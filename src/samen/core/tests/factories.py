"""Test helpers: users in every role, and clients that are logged in with two factors."""

from __future__ import annotations

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from samen.core.middleware import LOGIN_AT
from samen.core.models import Membership, Organisation, OrganisationType, Region, Role, User

PASSWORD = "a-long-test-password-123"


def region(name: str = "Noord-Veluwe") -> Region:
    return Region.objects.get_or_create(
        name=name, defaults={"code": name.lower().replace(" ", "-")}
    )[0]


def municipality(name: str = "Harderwijk", code: str = "GM0243") -> Organisation:
    return Organisation.objects.get_or_create(
        municipality_code=code,
        defaults={
            "name": f"Gemeente {name}",
            "type": OrganisationType.MUNICIPALITY,
            "region": region(),
        },
    )[0]


def organisation(name: str, kind: OrganisationType) -> Organisation:
    return Organisation.objects.get_or_create(
        name=name, defaults={"type": kind, "region": region()}
    )[0]


def user_with_role(
    role: Role | str, org: Organisation | None = None, username: str | None = None
) -> User:
    user = User.objects.create_user(username=username or f"u-{role}", password=PASSWORD)
    Membership.objects.create(user=user, organisation=org or municipality(), role=role)
    return user


def totp_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def verified_client(user: User) -> Client:
    """A client logged in as `user` with a verified second factor (bypassing the forms)."""
    client = Client()
    user.refresh_from_db()  # the session hash must match the user's current session epoch
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or totp_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[LOGIN_AT] = time.time()
    session.save()
    return client
