import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samen.linkage.normalise import (
    canonical_first,
    fold_name,
    normalise_gender,
    normalise_nationality,
    normalise_phone,
    parse_birth_date,
    phonetic_key,
)


def key(name: str) -> str | None:
    return phonetic_key(fold_name(name))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Шевченко", "Shevchenko"),
        ("Szewczenko", "Shevchenko"),
        ("Schewtschenko", "Ševčenko"),
        ("Олена", "Olena"),
        ("محمد", "Muhammad"),
        ("Mohammed", "Mohamad"),
        ("الحسن", "Al-Hassan"),
        ("Ελένη", "Eleni"),
        ("Nguyễn", "NGUYEN"),
        ("Łukasz", "Lukasz"),
        ("van der Berg", "Berg"),
        ("vn der Meulen", "van der Meulen"),
        ("Dĳkstra", "Dijkstra"),
    ],
)
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert key(a) == key(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Jansen", "Janssens"), ("Anna", "Hanna"), ("Bakker", "Visser")]
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert key(a) != key(b)


def test_fold_name_strips_diacritics_and_punctuation() -> None:
    assert fold_name("  Ștefan-Radu ") == "stefan radu"
    assert fold_name("O'Neil") == "o neil"
    assert fold_name("   ") is None
    assert fold_name("阮") == "阮"  # kept: no romanisation without a dictionary


def test_nicknames_map_to_one_first_name() -> None:
    assert canonical_first("kees") == canonical_first("cornelis")
    assert canonical_first("sasha") == canonical_first("oleksandr") == "alexander"
    assert canonical_first("emeka") == canonical_first("chukwuemeka")
    assert canonical_first("unknownname") == "unknownname"


@pytest.mark.parametrize(
    ("text", "date", "year", "kind"),
    [
        ("1990-05-17", dt.date(1990, 5, 17), 1990, "day"),
        ("17-05-1990", dt.date(1990, 5, 17), 1990, "day"),
        ("17.5.1990", dt.date(1990, 5, 17), 1990, "day"),
        ("05/17/1990", dt.date(1990, 5, 17), 1990, "day"),  # month first: day 17 > 12
        ("19900517", dt.date(1990, 5, 17), 1990, "day"),
        ("1990", None, 1990, "year"),
        ("ca. 1990", None, 1990, "year"),
        ("1990-05", None, 1990, "month"),
        ("25", None, 2001, "age"),
        ("25 jaar", None, 2001, "age"),
        ("31-02-1990", None, 1990, "year"),  # impossible date keeps its year
        ("onbekend", None, None, None),
        ("", None, None, None),
    ],
)
def test_birth_dates(text: str, date: dt.date | None, year: int | None, kind: str | None) -> None:
    parsed = parse_birth_date(text, 2026)
    assert (parsed.date, parsed.year, parsed.kind) == (date, year, kind)


@pytest.mark.parametrize(
    "text", ["06-1234 5678", "+31 6 12345678", "0031612345678", "+31 (0)6 1234 5678", "0612345678"]
)
def test_dutch_phone_formats_agree(text: str) -> None:
    assert normalise_phone(text) == "31612345678"


def test_foreign_phone_and_junk() -> None:
    assert normalise_phone("+48 601 234 567") == "48601234567"
    assert normalise_phone("0048601234567") == "48601234567"
    assert normalise_phone("123") is None
    assert normalise_phone(None) is None


def test_gender_and_nationality_codes() -> None:
    assert normalise_gender("Vrouw") == normalise_gender("F") == "f"
    assert normalise_gender("onbekend") is None
    assert normalise_nationality("Oekraïense") == normalise_nationality("UKR") == "UA"
    assert normalise_nationality("Atlantis") == "ATLANTIS"


@given(st.text(max_size=40))
def test_cleaning_never_fails_on_any_text(text: str) -> None:
    folded = fold_name(text)
    assert folded is None or folded == folded.strip()
    phonetic_key(folded)
    parse_birth_date(text, 2026)
    normalise_phone(text)
    normalise_nationality(text)
