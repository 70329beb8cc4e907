"""Receipt codes: the anonymous reporter's only key to their report.

A code is five groups of five characters from a 32-letter alphabet without look-alikes
(no I, O, 0 or 1), for example ``K7M2Q-XH4PD-9RTWE-BNC3A-UV6FZ``. The first group is a
*lookup* (25 bits) that finds the report; the other four are the *secret*
(4 x 5 x 5 = 100 bits from `secrets`). Only an Argon2id hash of the secret is stored.
Typing is forgiving: case, spaces, dashes, full-width and Cyrillic or Greek look-alike
letters are normalised before the check.
"""

from __future__ import annotations

import math
import secrets
import unicodedata
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GROUP = 5
SECRET_GROUPS = 4
LENGTH = GROUP * (1 + SECRET_GROUPS)
SECRET_BITS = SECRET_GROUPS * GROUP * math.log2(len(ALPHABET))
# The longest input worth normalising; anything longer is not a code.
MAX_INPUT = 200

# Letters that look like Latin capitals on Cyrillic and Greek keyboards (Ukrainian,
# Russian and Bulgarian reporters may type the code on such a keyboard).
_LOOKALIKES = str.maketrans(
    # Cyrillic capitals A, VE, IE, KA, EM, EN, ER, ES, TE, HA, U, DZE, JE, then Greek ones.
    "\u0410\u0412\u0415\u041a\u041c\u041d\u0420\u0421\u0422\u0425\u0423\u0405\u0408"
    "\u0391\u0392\u0395\u0396\u0397\u039a\u039c\u039d\u03a1\u03a4\u03a5\u03a7",
    "ABEKMHPCTXYSJABEZHKMNPTYX",
)


@dataclass(frozen=True)
class Receipt:
    lookup: str
    secret: str

    @property
    def code(self) -> str:
        """Grouped for reading aloud and writing down."""
        raw = self.lookup + self.secret
        return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


@cache
def hasher() -> PasswordHasher:
    # argon2-cffi's defaults are Argon2id with RFC 9106's low-memory profile
    # (t=3, m=64 MiB, p=4): tens of milliseconds per guess, on top of the throttle.
    return PasswordHasher()


def _group(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_receipt(lookup: str | None = None) -> Receipt:
    return Receipt(lookup=lookup or _group(GROUP), secret=_group(GROUP * SECRET_GROUPS))


def hash_secret(secret: str) -> str:
    return hasher().hash(secret)


def secret_matches(secret_hash: str, secret: str) -> bool:
    try:
        return hasher().verify(secret_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


# A hash to verify against when the lookup is unknown, so that a wrong lookup costs as
# much time as a wrong secret and the answer time does not tell which part was wrong.
@cache
def decoy_hash() -> str:
    return hash_secret(_group(GROUP * SECRET_GROUPS))


def normalise(typed: str) -> str | None:
    """The code's 25 characters from what someone typed, or None if it cannot be one."""
    if not typed or len(typed) > MAX_INPUT:
        return None
    text = unicodedata.normalize("NFKC", typed).upper().translate(_LOOKALIKES)
    kept = "".join(
        ch for ch in text if not (ch.isspace() or unicodedata.category(ch)[0] in {"P", "C", "Z"})
    )
    if len(kept) != LENGTH or any(ch not in ALPHABET for ch in kept):
        return None
    return kept


def split(normalised: str) -> Receipt:
    return Receipt(lookup=normalised[:GROUP], secret=normalised[GROUP:])
