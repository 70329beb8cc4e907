"""Field encryption at rest (AES-256-GCM) and keyed hashes for exact-match lookups.

Keys come from SAMEN_DATA_KEYS as ``id:base64key`` pairs. The first key encrypts;
every listed key decrypts, so a key is rotated by putting a new one first and running
``manage.py reencrypt``. A stored value is ``<key id>$<base64(nonce || ciphertext)>``;
the column name is authenticated as associated data, so a ciphertext copied into another
column does not decrypt.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

from samen.conf.env import ConfigurationError

NONCE_BYTES = 12
SEPARATOR = "$"


class DecryptionError(Exception):
    """A stored value cannot be decrypted with the configured keys."""


@dataclass(frozen=True)
class Keyring:
    active_id: str
    keys: dict[str, bytes]

    @classmethod
    def parse(cls, spec: str) -> Keyring:
        keys: dict[str, bytes] = {}
        for item in (part.strip() for part in spec.split(",")):
            if not item:
                continue
            key_id, sep, encoded = item.partition(":")
            if not sep or not key_id or SEPARATOR in key_id:
                raise ConfigurationError(
                    "SAMEN_DATA_KEYS must list keys as 'id:base64key', separated by commas."
                )
            try:
                key = base64.b64decode(encoded, validate=True)
            except binascii.Error:
                raise ConfigurationError(
                    f"SAMEN_DATA_KEYS key {key_id!r} is not valid base64."
                ) from None
            if len(key) != 32:
                raise ConfigurationError(
                    f"SAMEN_DATA_KEYS key {key_id!r} must be 32 bytes, not {len(key)}."
                )
            if key_id in keys:
                raise ConfigurationError(f"SAMEN_DATA_KEYS names key {key_id!r} twice.")
            keys[key_id] = key
        if not keys:
            raise ConfigurationError("SAMEN_DATA_KEYS must hold at least one key.")
        return cls(active_id=next(iter(keys)), keys=keys)


@cache
def _keyring(spec: str) -> Keyring:
    return Keyring.parse(spec)


def keyring() -> Keyring:
    return _keyring(settings.SAMEN_DATA_KEYS)


def encrypt(plaintext: str, *, context: str) -> str:
    ring = keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(ring.keys[ring.active_id]).encrypt(
        nonce, plaintext.encode("utf-8"), context.encode("utf-8")
    )
    return f"{ring.active_id}{SEPARATOR}{base64.b64encode(nonce + sealed).decode('ascii')}"


def encrypt_bytes(data: bytes, *, context: str) -> bytes:
    """Encrypt a file's content: ``<key id>$`` then nonce and ciphertext, as bytes."""
    ring = keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(ring.keys[ring.active_id]).encrypt(nonce, data, context.encode("utf-8"))
    return ring.active_id.encode("ascii") + SEPARATOR.encode() + nonce + sealed


def decrypt_bytes(blob: bytes, *, context: str) -> bytes:
    key_id, sep, raw = blob.partition(SEPARATOR.encode())
    key = keyring().keys.get(key_id.decode("ascii", "replace"))
    if not sep or key is None:
        raise DecryptionError(f"The file in {context} uses a key that is not configured.")
    try:
        return AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode("utf-8"))
    except (InvalidTag, ValueError):
        raise DecryptionError(
            f"The file in {context} cannot be decrypted: the key is wrong or the file was altered."
        ) from None


def key_id_of(token: str) -> str:
    return token.partition(SEPARATOR)[0]


def decrypt(token: str, *, context: str) -> str:
    key_id, sep, encoded = token.partition(SEPARATOR)
    if not sep:
        raise DecryptionError(f"The value in {context} is not encrypted by Samen.")
    key = keyring().keys.get(key_id)
    if key is None:
        raise DecryptionError(
            f"The value in {context} was encrypted with key {key_id!r}, "
            "which is not listed in SAMEN_DATA_KEYS."
        )
    try:
        raw = base64.b64decode(encoded, validate=True)
        plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode())
    except (binascii.Error, InvalidTag, ValueError):
        raise DecryptionError(
            f"The value in {context} cannot be decrypted with key {key_id!r}: "
            "the key is wrong or the value was altered."
        ) from None
    return plain.decode("utf-8")


def normalise_for_index(value: str) -> str:
    """Case, width and accent differences must not defeat an exact-match lookup."""
    folded = unicodedata.normalize("NFKC", value).casefold().strip()
    return " ".join(folded.split())


def blind_index(value: str, *, purpose: str) -> str:
    """Keyed hash of a normalised value: equal inputs match, the value itself stays hidden.

    `purpose` separates the hash spaces (a phone number and a name never collide).
    """
    message = f"{purpose}\x00{normalise_for_index(value)}".encode()
    digest = hmac.new(settings.SAMEN_INDEX_KEY.encode(), message, hashlib.sha256).hexdigest()
    return digest[:40]
