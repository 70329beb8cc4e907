"""Recovery codes as a django-otp device, stored only as keyed hashes.

django-otp's own static device keeps its tokens in plain text; a database dump must not
hand anyone a second factor, so each code is kept as an HMAC and can be used once.
"""

from __future__ import annotations

import secrets

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

from samen.core.crypto import blind_index

CODE_COUNT = 10
# Unambiguous letters and digits, 10 characters: about 50 bits per code.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _hash(code: str) -> str:
    return blind_index(code.replace("-", "").replace(" ", ""), purpose="recovery-code")


class RecoveryCodeDevice(ThrottlingMixin, Device):
    class Meta:
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def get_throttle_factor(self) -> int:
        return 1

    def generate(self) -> list[str]:
        """Replace all codes with new ones and return them once, for the user to keep."""
        codes = ["".join(secrets.choice(ALPHABET) for _ in range(10)) for _ in range(CODE_COUNT)]
        with transaction.atomic():
            self.codes.all().delete()
            RecoveryCode.objects.bulk_create(
                RecoveryCode(device=self, code_hash=_hash(code)) for code in codes
            )
        return [f"{code[:5]}-{code[5:]}" for code in codes]

    def verify_token(self, token: str) -> bool:
        verify_allowed, _data = self.verify_is_allowed()
        if not verify_allowed:
            return False
        code = self.codes.filter(code_hash=_hash(str(token).strip().lower()), used_at=None).first()
        if code is None:
            self.throttle_increment()
            return False
        code.used_at = timezone.now()
        code.save(update_fields=["used_at"])
        self.throttle_reset()
        return True

    def remaining(self) -> int:
        return self.codes.filter(used_at=None).count()


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=40, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return "used recovery code" if self.used_at else "recovery code"
