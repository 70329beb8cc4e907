"""The only thing the anonymous channel keeps of its own: the lock of each receipt code.

Everything the reporter tells lives in the intake (Signal, SignalEvent, Attachment),
encrypted there. Here only a lookup group and an Argon2id hash of the secret part of
the code are stored, so a database dump gives nobody the key to a conversation.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AnonymousAccess(models.Model):
    signal = models.OneToOneField(
        "intake.Signal", on_delete=models.CASCADE, related_name="anonymous_access"
    )
    # The first group of the receipt code: finds the row without revealing the secret.
    lookup = models.CharField(max_length=8, unique=True)
    # Argon2id (argon2-cffi's PasswordHasher) of the secret groups of the code.
    secret_hash = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("anonymous access")
        verbose_name_plural = _("anonymous accesses")

    def __str__(self) -> str:
        return f"anonymous access to {self.signal_id}"

    def audit_label(self) -> str:
        return f"anonymous access {self.pk}"
