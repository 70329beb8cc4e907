"""Model fields that keep personal data encrypted at rest (see `samen.core.crypto`)."""

from __future__ import annotations

from typing import Any

from django.db import models

from samen.core import crypto


class EncryptedTextField(models.TextField):
    """Text stored as AES-GCM ciphertext; Python code only ever sees the plaintext.

    Encrypted columns cannot be searched or sorted in the database: pair the field
    with a `BlindIndexField` where an exact-match lookup is needed.
    """

    description = "Encrypted text"

    def context(self) -> str:
        return f"{self.model._meta.db_table}.{self.column}"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt(value, context=self.context())

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value, context=self.context())

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        return self.get_prep_value(value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise TypeError(f"An encrypted field cannot be searched with '{lookup_name}'.")
        return super().get_lookup(lookup_name)


class BlindIndexField(models.CharField):
    """Keyed hash of another field's value, recomputed on every save, for exact matches."""

    def __init__(self, *args: Any, source: str, purpose: str, **kwargs: Any) -> None:
        self.source = source
        self.purpose = purpose
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[Any, ...]:
        name, path, args, kwargs = super().deconstruct()
        kwargs.update(source=self.source, purpose=self.purpose)
        for key in ("max_length", "editable", "blank", "db_index"):
            kwargs.pop(key, None)
        return name, path, args, kwargs

    def hash(self, value: str | None) -> str:
        return crypto.blind_index(value, purpose=self.purpose) if value else ""

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = self.hash(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value
