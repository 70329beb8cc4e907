"""Field encryption: round trip, nothing readable in the database, rotation, wrong keys."""

from __future__ import annotations

import base64
import os

import pytest
from django.core.management import call_command
from django.db import connection

from samen.conf.env import ConfigurationError
from samen.core import crypto
from samen.core.crypto import DecryptionError, Keyring
from samen.core.models import User

pytestmark = pytest.mark.django_db

PHONE = "+31 6 12345678"


def new_key(key_id: str, seed: int | None = None) -> str:
    raw = os.urandom(32) if seed is None else bytes((seed + i) % 256 for i in range(32))
    return f"{key_id}:{base64.b64encode(raw).decode()}"


def raw_phone(user: User) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, phone_index FROM core_user WHERE id = %s", [user.pk])
        return " ".join(cursor.fetchone())


def test_round_trip_and_nothing_readable_in_the_database() -> None:
    user = User.objects.create(username="a", phone=PHONE)
    stored = raw_phone(user)
    assert PHONE not in stored
    assert "12345678" not in stored
    assert User.objects.get(pk=user.pk).phone == PHONE


def test_same_value_encrypts_differently_but_matches_by_blind_index() -> None:
    a = User.objects.create(username="a", phone=PHONE)
    b = User.objects.create(username="b", phone="+31 6 12345678 ")
    assert raw_phone(a).split()[0] != raw_phone(b).split()[0]
    index = User._meta.get_field("phone_index").hash(PHONE)
    assert set(User.objects.filter(phone_index=index)) == {a, b}


def test_ciphertext_moved_to_another_column_does_not_decrypt() -> None:
    token = crypto.encrypt("secret", context="core_user.phone")
    with pytest.raises(DecryptionError):
        crypto.decrypt(token, context="core_user.other")


def test_rotation_keeps_old_data_readable_and_reencrypt_moves_it_to_the_new_key(settings) -> None:  # type: ignore[no-untyped-def]
    old = settings.SAMEN_DATA_KEYS
    user = User.objects.create(username="a", phone=PHONE)
    assert crypto.key_id_of(raw_phone(user)) == Keyring.parse(old).active_id

    settings.SAMEN_DATA_KEYS = f"{new_key('k2')},{old}"
    assert User.objects.get(pk=user.pk).phone == PHONE
    call_command("reencrypt")
    assert crypto.key_id_of(raw_phone(user)) == "k2"

    settings.SAMEN_DATA_KEYS = settings.SAMEN_DATA_KEYS.split(",")[0]  # old key retired
    assert User.objects.get(pk=user.pk).phone == PHONE


def test_wrong_or_missing_key_gives_a_clear_error(settings) -> None:  # type: ignore[no-untyped-def]
    user = User.objects.create(username="a", phone=PHONE)
    key_id = crypto.key_id_of(raw_phone(user))
    settings.SAMEN_DATA_KEYS = new_key(key_id)  # same id, other bytes
    with pytest.raises(DecryptionError, match="key is wrong or the value was altered"):
        User.objects.get(pk=user.pk)
    settings.SAMEN_DATA_KEYS = new_key("other")
    with pytest.raises(DecryptionError, match="not listed in SAMEN_DATA_KEYS"):
        User.objects.get(pk=user.pk)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "at least one key"),
        ("nokey", "'id:base64key'"),
        ("k1:not-base64!!", "not valid base64"),
        (f"k1:{base64.b64encode(b'short').decode()}", "must be 32 bytes"),
        (f"{new_key('k1', 1)},{new_key('k1', 2)}", "twice"),
    ],
)
def test_bad_key_configuration_is_one_sentence(spec: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        Keyring.parse(spec)


def test_encrypted_field_cannot_be_searched() -> None:
    with pytest.raises(TypeError, match="cannot be searched"):
        list(User.objects.filter(phone__icontains="123"))
