"""Staff log in with a password and a TOTP code; first-time users enrol an app."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from samen.core.audit_models import AuditAction, AuditEvent
from samen.core.models import RecoveryCode, Role
from samen.core.tests.factories import PASSWORD, totp_device, user_with_role

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def password_step(client: Client, username: str) -> None:
    response = client.post(reverse("core:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("core:two_factor")


def test_enrolment_with_qr_code_then_recovery_codes_then_home() -> None:
    user = user_with_role(Role.REPORTER)
    client = Client()
    password_step(client, user.username)

    # No app yet: the two-factor step sends the user to enrolment with a QR code.
    response = client.get(reverse("core:two_factor"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:two_factor_setup")
    assert b'src="data:image/svg+xml' in response.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    response = client.post(reverse("core:two_factor_setup"), {"token": current_code(device)})
    assert response.status_code == 200
    codes = re.findall(
        r"<code class=\"utrecht-code\">([a-z0-9]{5}-[a-z0-9]{5})</code>", response.text
    )
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    # Codes are stored only as keyed hashes.
    assert not RecoveryCode.objects.filter(code_hash__contains=codes[0].replace("-", "")).exists()
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.TWO_FACTOR_ENROLLED, actor=user).exists()


def test_enrolment_rejects_wrong_code_and_keeps_the_same_secret() -> None:
    user = user_with_role(Role.REPORTER)
    client = Client()
    password_step(client, user.username)
    first = client.get(reverse("core:two_factor_setup"))
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', first.text).group(1)
    response = client.post(reverse("core:two_factor_setup"), {"token": "000000"})
    assert "Deze code klopt niet" in response.text
    assert secret in response.text, "a retry must not hand out a new secret"
    response = client.post(reverse("core:two_factor_setup"), {"token": "12ab56"})
    assert "alleen uit cijfers" in response.text
    assert 'value="12ab56"' in response.text, "what the user typed stays in the field"
    assert client.get(reverse("core:home")).status_code == 302


def test_login_with_totp_code() -> None:
    user = user_with_role(Role.COORDINATOR)
    device = totp_device(user)
    client = Client()
    password_step(client, user.username)
    # Between the steps, nothing but the login steps is reachable.
    assert client.get(reverse("core:home")).url == reverse("core:two_factor")
    assert client.get("/admin/").url == reverse("core:two_factor")
    response = client.post(reverse("core:two_factor"), {"token": current_code(device)})
    assert response.url == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200


def test_wrong_totp_code_is_refused_and_audited() -> None:
    user = user_with_role(Role.COORDINATOR)
    totp_device(user)
    client = Client()
    password_step(client, user.username)
    response = client.post(reverse("core:two_factor"), {"token": "123456"})
    assert response.status_code == 200
    assert "Deze code klopt niet of is verlopen" in response.text
    assert client.get(reverse("core:home")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.TWO_FACTOR_FAILED, actor=user).exists()


def test_recovery_code_works_once() -> None:
    user = user_with_role(Role.COORDINATOR)
    totp_device(user)
    from samen.core.models import RecoveryCodeDevice

    codes = RecoveryCodeDevice.objects.create(user=user, name="r").generate()
    client = Client()
    password_step(client, user.username)
    response = client.post(reverse("core:two_factor"), {"token": codes[0].upper()}, follow=True)
    assert response.status_code == 200
    assert "9" in response.text
    assert "herstelcode" in response.text

    other = Client()
    password_step(other, user.username)
    response = other.post(reverse("core:two_factor"), {"token": codes[0]})
    assert "Deze code klopt niet" in response.text
    assert AuditEvent.objects.filter(action=AuditAction.RECOVERY_CODE_USED, actor=user).count() == 1


def test_production_hasher_is_argon2(settings) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings as live
    from django.contrib.auth.hashers import make_password

    from samen import settings as module

    assert module.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = module.PASSWORD_HASHERS
    assert make_password("x" * 12).startswith("argon2$argon2id$")
    assert live.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_login_error_is_translated_and_keeps_the_username() -> None:
    client = Client()
    response = client.post(reverse("core:login"), {"username": "iemand", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.text
    assert 'value="iemand"' in response.text
    response = client.post(
        reverse("core:login"),
        {"username": "someone", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Please enter a correct username and password" in response.text


def test_quick_retries_after_a_wrong_code_are_told_to_wait() -> None:
    user = user_with_role(Role.COORDINATOR)
    device = totp_device(user)
    client = Client()
    password_step(client, user.username)
    client.post(reverse("core:two_factor"), {"token": "000000"})
    response = client.post(reverse("core:two_factor"), {"token": current_code(device)})
    assert "Wacht" in response.text or "Wait" in response.text
    assert client.get(reverse("core:home")).status_code == 302
