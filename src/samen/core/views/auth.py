"""Login in two steps (password, then TOTP or a recovery code), enrolment and logout."""

from __future__ import annotations

import base64
import math
import time
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from samen.core import audit
from samen.core.forms import EnrolForm, LoginForm, TokenForm
from samen.core.middleware import LOGIN_AT
from samen.core.models import RecoveryCodeDevice

NEXT = "samen_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("core:home")


@sensitive_post_parameters("password")
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.user.is_verified():
        return redirect("core:home")
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        login(request, user)
        request.session[LOGIN_AT] = time.time()
        request.session[NEXT] = _safe_next(request, request.GET.get("next"))
        return redirect("core:two_factor")
    return render(request, "core/login.html", {"form": form})


def locked_out(
    request: HttpRequest, credentials: dict[str, Any], *args: Any, **kwargs: Any
) -> HttpResponse:
    """django-axes calls this instead of logging in while a username is locked out."""
    return render(
        request,
        "core/locked_out.html",
        {"minutes": settings.LOCKOUT_MINUTES},
        status=429,
    )


def _confirmed_totp(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@login_required
@never_cache
def two_factor(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified():
        return redirect("core:home")
    if _confirmed_totp(request.user) is None:
        return redirect("core:two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = _throttled_seconds(_confirmed_totp(request.user))
        if wait:
            form.add_error("token", _throttle_message(wait))
            return render(request, "core/two_factor.html", {"form": form})
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, RecoveryCodeDevice):
                audit.record(audit.AuditAction.RECOVERY_CODE_USED, actor=request.user)
                left = device.remaining()
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code. %(n)d remains; "
                        "make new ones on your account page.",
                        "You used a recovery code. %(n)d remain; "
                        "make new ones on your account page.",
                        left,
                    )
                    % {"n": left},
                )
            return redirect(request.session.pop(NEXT, reverse("core:home")))
        audit.record(audit.AuditAction.TWO_FACTOR_FAILED, actor=request.user)
        form.add_error("token", _("This code is not correct or has expired. Try the newest code."))
    return render(request, "core/two_factor.html", {"form": form})


def _throttled_seconds(device: TOTPDevice | None) -> int:
    """Seconds until django-otp accepts another try after wrong codes (0: try now)."""
    if device is None:
        return 0
    allowed, info = device.verify_is_allowed()
    if allowed or not info or not info.get("locked_until"):
        return 0
    return max(1, math.ceil((info["locked_until"] - timezone.now()).total_seconds()))


def _throttle_message(seconds: int) -> str:
    return ngettext(
        "Too many wrong codes in a row. Wait %(n)d second and try again.",
        "Too many wrong codes in a row. Wait %(n)d seconds and try again.",
        seconds,
    ) % {"n": seconds}


def _qr_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


@login_required
@never_cache
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code (or type the key), confirm one code."""
    if _confirmed_totp(request.user) is not None:
        return redirect("core:two_factor")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and (wait := _throttled_seconds(device)):
        form.add_error("token", _throttle_message(wait))
    elif request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            recovery, _new = RecoveryCodeDevice.objects.get_or_create(
                user=request.user, defaults={"name": "recovery codes"}
            )
            codes = recovery.generate()
            audit.record(audit.AuditAction.TWO_FACTOR_ENROLLED, actor=request.user)
            return render(
                request,
                "core/recovery_codes.html",
                {"codes": codes, "next": request.session.pop(NEXT, reverse("core:home"))},
            )
        form.add_error(
            "token",
            _("This code is not correct. Check the time on your phone and try the newest code."),
        )
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "core/two_factor_setup.html",
        {
            "form": form,
            "qr_data_uri": _qr_data_uri(device),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        },
    )


@login_required
@never_cache
def account(request: HttpRequest) -> HttpResponse:
    recovery = RecoveryCodeDevice.objects.filter(user=request.user).first()
    return render(
        request,
        "core/account.html",
        {"recovery_remaining": recovery.remaining() if recovery else 0},
    )


@require_POST
@login_required
@never_cache
def new_recovery_codes(request: HttpRequest) -> HttpResponse:
    recovery, _new = RecoveryCodeDevice.objects.get_or_create(
        user=request.user, defaults={"name": "recovery codes"}
    )
    codes = recovery.generate()
    audit.record(audit.AuditAction.CHANGE, actor=request.user, purpose="new recovery codes")
    return render(
        request, "core/recovery_codes.html", {"codes": codes, "next": reverse("core:account")}
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You are logged out."))
    return redirect("core:login")


@require_POST
@login_required
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    """End this user's sessions on every device, this one included."""
    user = request.user
    user.rotate_session_epoch()
    audit.record(audit.AuditAction.LOGOUT_EVERYWHERE, actor=user)
    logout(request)
    messages.success(request, _("You are logged out on all your devices."))
    return redirect("core:login")
