"""Cleaning of record fields into the comparable forms the model works on.

Everything here is a pure function of one value, cached, and applied to the distinct
values of a column only: person data repeats a lot (names, cities, nationalities), so
this keeps a million records at a few seconds of Python.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import pyarrow as pa

from samen.linkage.aliases import canonical_first_name
from samen.linkage.transliterate import to_latin

# Anything that is not a letter separates words; letters of scripts that to_latin
# leaves alone (CJK, Thai) are kept so exact comparison still works on them.
_NOT_LETTER = re.compile(r"[\W\d_]+")
_SPACES = re.compile(r"\s+")

# Particles of Dutch, German, French and Arabic surnames. They are written, dropped or
# moved to the end ("Vries, de") so inconsistently that the key ignores them.
_PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "ten",
        "ter",
        "te",
        "in",
        "t",
        "op",
        "von",
        "zu",
        "du",
        "la",
        "le",
        "des",
        "da",
        "di",
        "del",
        "al",
        "el",
        "bin",
        "ben",
        "ibn",
        "abu",
        "bint",
    ]
)

# Spelling equivalences between romanisations, applied in order (longest first).
# They bring German/Polish/Czech/English/French spellings of one sound together:
# Schewtschenko / Szewczenko / Shevchenko / Ševčenko → s v c n k.
_PHONETIC_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "s"), ("tsch", "c"), ("dzh", "j"), ("sch", "s"), ("szcz", "s"),
    ("ch", "c"), ("cz", "c"), ("tz", "c"), ("ts", "c"), ("sh", "s"), ("sz", "s"),
    ("zh", "z"), ("rz", "z"), ("kh", "h"), ("gh", "g"), ("ph", "f"), ("th", "t"),
    ("dj", "j"), ("ck", "k"), ("q", "k"), ("w", "v"), ("x", "ks"),
)  # fmt: skip
_VOWELS = re.compile(r"[aeiouyj]+")
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=500_000)
def fold_name(value: str | None) -> str | None:
    """Lower-case ASCII form of a name part: ``"Ŝevčenko-Kovalenko "`` → ``"sevcenko kovalenko"``.

    Hyphens, apostrophes and other punctuation become single spaces; empty results
    become ``None`` so that they count as missing, not as a match on "".
    """
    if value is None:
        return None
    latin = to_latin(value)
    words = [w for w in _NOT_LETTER.split(latin) if w]
    return " ".join(words) or None


@lru_cache(maxsize=500_000)
def phonetic_key(folded: str | None) -> str | None:
    """A coarse consonant skeleton that survives transliteration and vowel spelling.

    ``muhammad``, ``mohamed`` and the romanised Arabic ``mhmd`` all give ``mhmd``;
    ``shevchenko``, ``szewczenko`` and ``sevcenko`` all give ``svcnk``. Particles such
    as ``van der`` are dropped and words are joined. Keys are for blocking and for a
    "sounds alike" level, never for an exact-match verdict on their own.
    """
    if not folded:
        return None
    # Particles are dropped wherever they stand ("Dijk, ter"), and so is any short word
    # before the last one: that is a particle with a typo ("vn der Meulen") far more
    # often than a name.
    words = [w for w in folded.split() if w not in _PARTICLES] or folded.split()
    core = [w for w in words[:-1] if len(w) > 3] + words[-1:]
    text = "".join(core)
    for old, new in _PHONETIC_RULES:
        text = text.replace(old, new)
    # Drop the vowels: Arabic script writes none, and vowel spelling is what varies most
    # between romanisations (Mohammed / Muhammad / Mohamad).
    skeleton = _REPEATS.sub(r"\1", _VOWELS.sub("", text))
    return skeleton or text


@lru_cache(maxsize=500_000)
def canonical_first(folded: str | None) -> str | None:
    """Canonical first name (aliases and nicknames merged), on the first given name."""
    if not folded:
        return None
    first_word = folded.split()[0]
    return canonical_first_name(first_word)


# --- birth dates ---------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_YEAR = re.compile(r"^(?:ca\.?\s*|~\s*)?(\d{4})$")
_AGE = re.compile(r"^(?:age\s*|leeftijd\s*|~\s*|ca\.?\s*)?(\d{1,3})(?:\s*(?:jaar|jr|years?|y))?$")


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A parsed birth date and how precise it is.

    ``kind`` is ``day`` (full date), ``month``, ``year`` or ``age`` (year estimated
    from a stated age, so it may be one off).
    """

    date: dt.date | None
    year: int | None
    kind: str | None


_NO_DATE = BirthDate(None, None, None)


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=200_000)
def parse_birth_date(value: str | None, as_of_year: int) -> BirthDate:
    """Parse the birth-date field as Dutch records write it.

    Accepted: ``1990-05-17``, ``17-05-1990`` (day first, the Dutch order), ``17.5.1990``,
    ``19900517``, ``1990-05``, ``1990``, ``ca 1990`` and an age (``25``, ``25 jaar``,
    ``age 25``), which becomes ``as_of_year - age``. A date whose day-first reading is
    impossible but whose month-first reading is valid (``05/17/1990``) is read month
    first: the comparison of swapped day and month is the model's job, not the parser's.
    """
    if not value:
        return _NO_DATE
    text = _SPACES.sub(" ", value.strip().lower())
    if m := _ISO.match(text) or _COMPACT.match(text):
        y, mo, d = (int(g) for g in m.groups())
        date = _valid(y, mo, d)
        return BirthDate(date, y, "day") if date else BirthDate(None, y, "year")
    if m := _DMY.match(text):
        d, mo, y = (int(g) for g in m.groups())
        date = _valid(y, mo, d) or _valid(y, d, mo)
        return BirthDate(date, y, "day") if date else BirthDate(None, y, "year")
    if m := _YEAR_MONTH.match(text):
        return BirthDate(None, int(m.group(1)), "month")
    if m := _YEAR.match(text):
        return BirthDate(None, int(m.group(1)), "year")
    if m := _AGE.match(text):
        age = int(m.group(1))
        if 0 <= age <= 110:
            return BirthDate(None, as_of_year - age, "age")
    return _NO_DATE


# --- phones, e-mail, gender, nationality, city ----------------------------------------


@lru_cache(maxsize=500_000)
def normalise_phone(value: str | None, default_country_code: str = "31") -> str | None:
    """Phone number as international digits without ``+``: ``06-1234 5678`` → ``31612345678``.

    ``+`` or ``00`` starts an international number; a single leading ``0`` is a
    national number of ``default_country_code`` (the Netherlands unless configured).
    Numbers shorter than 6 digits are treated as missing (extensions, typos).
    """
    if not value:
        return None
    text = value.strip()
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        number = digits
    elif digits.startswith("00"):
        number = digits[2:]
    elif digits.startswith("0"):
        number = default_country_code + digits[1:]
    else:
        number = digits
    # Dutch numbers are often written +31 (0)6 ...: drop the trunk zero after the code.
    if number.startswith(default_country_code + "0"):
        number = default_country_code + number[len(default_country_code) + 1 :]
    return number if len(number) >= 6 else None


@lru_cache(maxsize=500_000)
def normalise_email(value: str | None) -> str | None:
    if not value:
        return None
    email = value.strip().lower()
    return email if "@" in email else None


_GENDERS = {
    "m": "m", "man": "m", "male": "m", "mannelijk": "m", "jongen": "m", "boy": "m",
    "v": "f", "f": "f", "vrouw": "f", "female": "f", "vrouwelijk": "f", "meisje": "f",
    "girl": "f", "w": "f", "x": "x", "other": "x", "anders": "x", "nb": "x",
}  # fmt: skip


@lru_cache(maxsize=1024)
def normalise_gender(value: str | None) -> str | None:
    if not value:
        return None
    return _GENDERS.get(value.strip().lower())


# Names and demonyms (Dutch and English) of the nationalities most seen in Dutch data,
# mapped to ISO 3166 alpha-2. Anything else is kept upper-cased: exact comparison
# still works when a source is consistent with itself.
_NATIONALITIES = {
    "NL": ("nl", "nld", "nederland", "nederlands", "nederlandse", "dutch", "netherlands"),
    "PL": ("pl", "pol", "polen", "pools", "poolse", "polish", "poland", "polska"),
    "RO": ("ro", "rou", "roemenie", "roemeens", "roemeense", "romanian", "romania"),
    "BG": ("bg", "bgr", "bulgarije", "bulgaars", "bulgaarse", "bulgarian", "bulgaria"),
    "UA": ("ua", "ukr", "oekraine", "oekraiens", "oekraiense", "ukrainian", "ukraine"),
    "HU": ("hu", "hun", "hongarije", "hongaars", "hongaarse", "hungarian", "hungary"),
    "NG": ("ng", "nga", "nigeria", "nigeriaans", "nigeriaanse", "nigerian"),
    "GH": ("gh", "gha", "ghana", "ghanees", "ghanese", "ghanaian"),
    "SL": ("sl", "sle", "sierra leone", "sierra leoonse", "sierra leonean"),
    "GN": ("gn", "gin", "guinee", "guinees", "guinea", "guinean"),
    "MA": ("ma", "mar", "marokko", "marokkaans", "marokkaanse", "moroccan", "morocco"),
    "SY": ("sy", "syr", "syrie", "syrisch", "syrische", "syrian", "syria"),
    "EG": ("eg", "egy", "egypte", "egyptisch", "egyptische", "egyptian", "egypt"),
    "ER": ("er", "eri", "eritrea", "eritrees", "eritrese", "eritrean"),
    "VN": ("vn", "vnm", "vietnam", "vietnamees", "vietnamese"),
    "CN": ("cn", "chn", "china", "chinees", "chinese"),
    "TH": ("th", "tha", "thailand", "thais", "thaise", "thai"),
    "PH": ("ph", "phl", "filipijnen", "filipijns", "filipijnse", "filipino", "philippines"),
    "IN": ("in", "ind", "india", "indiaas", "indiase", "indian"),
}
_NATIONALITY_INDEX = {alias: code for code, names in _NATIONALITIES.items() for alias in names}


@lru_cache(maxsize=4096)
def normalise_nationality(value: str | None) -> str | None:
    if not value:
        return None
    folded = fold_name(value)
    if not folded:
        return None
    return _NATIONALITY_INDEX.get(folded, folded.upper())


_CITY_ALIASES = {
    "den bosch": "s hertogenbosch",
    "the hague": "den haag",
    "s gravenhage": "den haag",
}


@lru_cache(maxsize=100_000)
def normalise_city(value: str | None) -> str | None:
    folded = fold_name(value)
    if not folded:
        return None
    return _CITY_ALIASES.get(folded, folded)


# --- whole table -----------------------------------------------------------------------


def _map_distinct[T](values: list[str | None], func: Callable[[str], T]) -> list[T | None]:
    """Apply ``func`` to each distinct non-empty value once (person data repeats a lot)."""
    lookup = {value: func(value) for value in set(values) if value}
    return [lookup.get(value) if value else None for value in values]


def _name_set_key(first: str | None, last: str | None) -> str | None:
    # Order-free: the same for "Anna Kowalska" and "Kowalska Anna", so one blocking
    # rule also finds swapped first and last names.
    if not first or not last:
        return None
    return "|".join(sorted((first, last)))


def prepare_records(
    records: pa.Table, *, as_of_year: int, default_country_code: str = "31"
) -> pa.Table:
    """The model's input table: one row per record with the cleaned and derived columns.

    ``records`` must have passed :func:`samen.linkage.records.validate_records`.
    """
    col = {name: records.column(name).to_pylist() for name in records.column_names}
    first = _map_distinct(col["first_name"], fold_name)
    last = _map_distinct(col["last_name"], fold_name)
    first_key = _map_distinct(first, phonetic_key)
    last_key = _map_distinct(last, phonetic_key)
    births = _map_distinct(col["birth_date"], lambda v: parse_birth_date(v, as_of_year))
    births = [b or _NO_DATE for b in births]
    full = [" ".join(p for p in (f, s) if p) or None for f, s in zip(first, last, strict=True)]
    return pa.table(
        {
            "unique_id": col["record_id"],
            "source": col["source"],
            "first_name": first,
            "last_name": last,
            "full_name": full,
            "first_key": first_key,
            "last_key": last_key,
            "first_canon": _map_distinct(first, canonical_first),
            # The last name read as a given name, to recognise a nickname in a swap.
            "last_canon": _map_distinct(last, canonical_first),
            "first_initial": [f[:1] if f else None for f in first],
            "last_initial": [s[:1] if s else None for s in last],
            # Order-free initials, so that a blocking rule on the birth date still
            # finds records with swapped names that also have a typo.
            "initials_set": [
                "".join(sorted(f[:1] + s[:1])) if f and s else None
                for f, s in zip(first, last, strict=True)
            ],
            "name_set_key": [_name_set_key(f, s) for f, s in zip(first_key, last_key, strict=True)],
            "birth_date": pa.array([b.date for b in births], pa.date32()),
            "birth_year": pa.array([b.year for b in births], pa.int32()),
            "birth_kind": [b.kind for b in births],
            "gender": _map_distinct(col["gender"], normalise_gender),
            "nationality": _map_distinct(col["nationality"], normalise_nationality),
            "phone": _map_distinct(
                col["phone"], lambda v: normalise_phone(v, default_country_code)
            ),
            "email": _map_distinct(col["email"], normalise_email),
            "city": _map_distinct(col["city"], normalise_city),
        }
    )
