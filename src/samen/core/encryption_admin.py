"""Key rotation: rewrite every encrypted field with the active key."""

from __future__ import annotations

from django.apps import apps
from django.db import transaction

from samen.core.fields import BlindIndexField, EncryptedTextField


def encrypted_models() -> list[tuple[type, list[str]]]:
    found = []
    for model in apps.get_models():
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, EncryptedTextField | BlindIndexField)
        ]
        if names:
            found.append((model, names))
    return found


def reencrypt_all(*, dry_run: bool = False, batch: int = 500) -> dict[str, int]:
    """Decrypt with any listed key, encrypt with the first; blind indexes recomputed on save."""
    counts: dict[str, int] = {}
    for model, fields in encrypted_models():
        count = 0
        for start in range(0, model._base_manager.count(), batch):
            with transaction.atomic():
                rows = list(model._base_manager.order_by("pk")[start : start + batch])
                if not dry_run:
                    for row in rows:
                        row.save(update_fields=fields)
                count += len(rows)
        counts[model._meta.label] = count
    return counts
