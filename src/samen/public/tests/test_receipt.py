"""Receipt codes: entropy, grouping, forgiving input, Argon2id, and throttled guessing."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from samen.core.models import Organisation
from samen.public import receipt, services, throttle
from samen.public.tests.helpers import report

pytestmark = pytest.mark.django_db


def test_secret_has_at_least_80_bits() -> None:
    assert len(set(receipt.ALPHABET)) == 32
    assert receipt.SECRET_BITS == 100
    assert receipt.SECRET_BITS >= 80


def test_code_is_grouped_for_reading_aloud() -> None:
    made = receipt.new_receipt()
    groups = made.code.split("-")
    assert [len(g) for g in groups] == [5, 5, 5, 5, 5]
    assert groups[0] == made.lookup
    assert "".join(groups[1:]) == made.secret
    assert not set(made.code) & set("IO01")


def test_characters_are_uniform() -> None:
    # 4000 secrets x 20 characters: each of 32 letters is expected 2500 times.
    counts = Counter("".join(receipt.new_receipt().secret for _ in range(4000)))
    assert set(counts) == set(receipt.ALPHABET)
    expected = 4000 * 20 / 32
    chi2 = sum((n - expected) ** 2 / expected for n in counts.values())
    assert chi2 < 70  # 31 degrees of freedom: p < 0.0002 for a fair source


def test_only_an_argon2id_hash_is_stored() -> None:
    made = receipt.new_receipt()
    stored = receipt.hash_secret(made.secret)
    assert stored.startswith("$argon2id$")
    assert made.secret not in stored
    assert receipt.secret_matches(stored, made.secret)
    assert not receipt.secret_matches(stored, receipt.new_receipt().secret)
    assert not receipt.secret_matches("not a hash", made.secret)


def test_typing_is_forgiving() -> None:
    made = receipt.new_receipt()
    code = made.code
    variants = [
        code.lower(),
        code.replace("-", " "),
        code.replace("-", ""),
        f"  {code}\n",
        code.replace("-", "\u2013"),  # en dash from a phone keyboard
        "".join(chr(ord(c) + 0xFEE0) if c != "-" else c for c in code),  # full-width
    ]
    for typed in variants:
        assert receipt.normalise(typed) == made.lookup + made.secret, typed
    cyrillic = "\u0410\u0412\u0415\u041a\u041c"  # looks like ABEKM
    assert receipt.normalise(cyrillic + made.secret) == "ABEKM" + made.secret


@given(st.text(max_size=300))
def test_odd_input_never_breaks_normalising(typed: str) -> None:
    result = receipt.normalise(typed)
    assert result is None or (len(result) == 25 and set(result) <= set(receipt.ALPHABET))


def test_wrong_codes_are_throttled_per_code(harderwijk: Organisation) -> None:
    code = report(Client(), harderwijk)
    lookup = code[:5]
    wrong = lookup + "-" + receipt.new_receipt().code[6:]
    for _ in range(throttle.FAILURES_PER_CODE):
        assert services.open_report(wrong)[0] is services.Opened.WRONG
    # Now even the right code waits: guessing this code has stopped.
    assert services.open_report(code)[0] is services.Opened.BLOCKED
    # Another code is not affected by this one.
    other = report(Client(), harderwijk)
    assert services.open_report(other)[0] is services.Opened.OK


def test_wrong_codes_are_throttled_for_the_whole_channel(
    harderwijk: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = report(Client(), harderwijk)
    monkeypatch.setattr(throttle, "FAILURES_GLOBAL", 3)
    for _ in range(3):
        assert services.open_report(receipt.new_receipt().code)[0] is services.Opened.WRONG
    assert services.open_report(code)[0] is services.Opened.BLOCKED


def test_throttle_keys_hold_no_code(harderwijk: Organisation) -> None:
    from django.core.cache import caches

    code = report(Client(), harderwijk)
    services.open_report(code[:6] + receipt.new_receipt().code[6:])
    cache = caches["volatile"]
    keys = " ".join(str(k) for k in cache._cache)  # type: ignore[attr-defined]
    assert keys
    assert code[:5] not in keys


def test_a_right_code_after_typos_clears_its_count(harderwijk: Organisation) -> None:
    code = report(Client(), harderwijk)
    for _ in range(throttle.FAILURES_PER_CODE - 1):
        services.open_report(code[:6] + receipt.new_receipt().code[6:])
    assert services.open_report(code)[0] is services.Opened.OK
    assert services.open_report(code[:6] + receipt.new_receipt().code[6:])[0] is (
        services.Opened.WRONG
    )


def test_follow_page_answers_in_the_reporters_language(harderwijk: Organisation) -> None:
    client = Client()
    page = client.post("/melden/volgen/?lang=en", {"code": "ABCDE"}).content.decode()
    assert "This is not a complete code" in page
    page = client.post(
        "/melden/volgen/?lang=en", {"code": receipt.new_receipt().code}
    ).content.decode()
    assert "We do not know this code" in page


def test_bits_estimate_matches_alphabet() -> None:
    assert math.isclose(receipt.SECRET_BITS, 20 * math.log2(32))
